"""try_finally.py: what a Python program prints when an exception ends a
multiprocessing child, and when finally blocks run, as procsim's `try` /
`except` / `finally` and its "Process NAME:" header model them
(scenarios/try-finally.psim, tests/test_ipc.c).

Run: python3 tests/truth/try_finally.py; echo $?
What it showed (CPython 3.11.7, Linux 6.18, 2026-12-07), stdout and stderr
as they came (the traceback's middle lines, File ... line ..., cut here):
    child 1: finally
    Process Process-1:
    Traceback (most recent call last):
      ...
    ValueError: bad 1
    exitcode 1
    Process worker:
    Traceback (most recent call last):
      ...
    OSError: k
    child 2: finally
    Process Process-3:1:
    Traceback (most recent call last):
      ...
    ValueError: bad 2
    Process Process-4:
    Traceback (most recent call last):
      ...
    AssertionError: daemonic processes are not allowed to have children
    Empty after 0.5 s
    finally after except
    finally on break 0
    finally on break 1
    finally on sys.exit
    (exit status 3)
Facts: _bootstrap() prints "Process " + Process.name + ":" and the
traceback, and the child's exitcode is 1; the name is "Process-N" with N
the parent's count of Process objects made (the third one made here is
r), after its creator's own number ("Process-3:1"), or the name given; a
finally block runs when its try block falls off its end, raises, breaks
or calls sys.exit, and when its except block has run.
"""
import multiprocessing as mp
import queue
import sys
import time


def bad(n):
    try:
        raise ValueError(f"bad {n}")
    finally:
        print(f"child {n}: finally", flush=True)


def named():
    raise OSError("k")


def parent_of_grandchild():
    g = mp.Process(target=bad, args=(2,))
    g.start()
    g.join()


def grandchild():
    pass


def daemon():
    mp.Process(target=grandchild).start()


if __name__ == "__main__":
    p = mp.Process(target=bad, args=(1,))
    p.start()
    p.join()
    print("exitcode", p.exitcode, flush=True)
    q = mp.Process(target=named, name="worker")
    q.start()
    q.join()
    r = mp.Process(target=parent_of_grandchild)
    r.start()
    r.join()
    d = mp.Process(target=daemon, daemon=True)
    d.start()
    d.join()
    qq = mp.Queue()
    t0 = time.monotonic()
    try:
        qq.get(timeout=0.5)
    except queue.Empty:
        print("Empty after %.1f s" % (time.monotonic() - t0), flush=True)
    finally:
        print("finally after except", flush=True)
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("finally on break", i, flush=True)
    try:
        sys.exit(3)
    finally:
        print("finally on sys.exit", flush=True)
