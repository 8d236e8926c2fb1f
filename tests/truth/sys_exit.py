"""sys_exit.py: sys.exit in a Process child and in main, as procsim's
`sys.exit(...)` models it (tests/test_ipc.c).

What it showed (CPython 3.11.7, Linux, 2026-12-07):
    stderr: child 1 gives up
    a=1 b=3
    lock free: True
    (exiting; c alive: True)
    (main's exit status 4, after c, started just before, was joined: the
    status is 260 & 0xff; multiprocessing's atexit _exit_function joins
    the children of a main that calls sys.exit)
"""
import multiprocessing as mp
import sys
import time


def child(lock, n):
    with lock:
        sys.exit(f"child {n} gives up")


def quitter():
    time.sleep(0.2)
    sys.exit(3)


if __name__ == "__main__":
    lock = mp.Lock()
    a = mp.Process(target=child, args=(lock, 1))
    b = mp.Process(target=quitter)
    a.start()
    b.start()
    a.join()
    b.join()
    print(f"a={a.exitcode} b={b.exitcode}", flush=True)
    print(f"lock free: {lock.acquire(False)}", flush=True)
    c = mp.Process(target=quitter)
    c.start()
    try:
        sys.exit(256 + 4)
    finally:
        print(f"(exiting; c alive: {c.is_alive()})", flush=True)
