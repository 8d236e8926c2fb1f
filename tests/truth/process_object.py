"""process_object.py: multiprocessing.Process before and after start(), as
procsim's `process` instruction models it (scenarios/process-object.psim).

What it showed (CPython 3.11.7, Linux, 2026-12-07):
    pid=None alive=False exitcode=None daemon=False
    started daemon=True
    AssertionError: process has already started
    worker 1 done
    exitcode=0
    AssertionError: can only join a started process
    (exit status 1: the uncaught AssertionError)
The asserts are in Lib/multiprocessing/process.py: the daemon setter
(assert self._popen is None, 'process has already started'), start()
('cannot start a process twice', 'can only start a process object created
by current process'), join() ('can only join a child process', then 'can
only join a started process').
"""
import multiprocessing as mp
import time


def worker(n):
    time.sleep(1)
    print(f"worker {n} done", flush=True)


if __name__ == "__main__":
    p = mp.Process(target=worker, args=(1,))
    print(f"pid={p.pid} alive={p.is_alive()} exitcode={p.exitcode} daemon={p.daemon}", flush=True)
    p.daemon = True
    p.start()
    print(f"started daemon={p.daemon}", flush=True)
    try:
        p.daemon = False
    except AssertionError as e:
        print(f"AssertionError: {e}", flush=True)
    p.join()
    print(f"exitcode={p.exitcode}", flush=True)
    q = mp.Process(target=worker, args=(2,))
    q.join()
