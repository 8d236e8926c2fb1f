"""Pool.apply_async()'s time in the caller (procsim's `apply_async` cost).

Run on Linux 6.18, CPython 3.11.7, 2 CPUs, loaded, 2026-12-07:
apply_async median us per call 3.85
(median over 200 batches of 10 calls, each batch's results awaited
before the next)
"""
import time, statistics
from multiprocessing import Pool
def f(x): return x
if __name__ == "__main__":
    with Pool(2) as p:
        ts = []
        for rep in range(200):
            t0 = time.perf_counter_ns()
            rs = [p.apply_async(f, (i,)) for i in range(10)]
            t1 = time.perf_counter_ns()
            ts.append((t1 - t0) / 10 / 1000)
            for r in rs: r.get()
        print("apply_async median us per call", statistics.median(ts))
