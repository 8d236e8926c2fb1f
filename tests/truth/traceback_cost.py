# How long does a Process child take to print an uncaught exception's
# traceback? From the raise to the end of the child's stderr write, as
# _bootstrap does it (traceback.print_exc, with linecache reading the
# source): measured in the child with perf_counter, median of 30.
# Ran on Linux 6.18, CPython 3.11.7, 2 CPUs (loaded: load average ~12),
# 2026-12-07:  traceback_print median_us 12756 p10 8610 p90 21468
# and again, less loaded:  traceback_print median_us 4487 p10 3834 p90 6038
# procsim's default cost `traceback` is 5ms (sim/cost.c): the quieter run.
import multiprocessing as mp, time, sys, io
def f(q):
    t0 = time.perf_counter()
    try:
        raise ValueError("task_done() called too many times")
    except ValueError:
        import traceback
        buf = io.StringIO()
        traceback.print_exc(file=buf)
    q.put(time.perf_counter() - t0)
if __name__ == "__main__":
    q = mp.Queue(); ts = []
    for i in range(30):
        p = mp.Process(target=f, args=(q,)); p.start(); ts.append(q.get()); p.join()
    ts.sort(); print("traceback_print median_us %.0f p10 %.0f p90 %.0f" % (ts[15]*1e6, ts[3]*1e6, ts[27]*1e6))
