"""active_children.py: multiprocessing.active_children() reaps the children
that have ended (process.py's _cleanup polls each one), as procsim's
len(active_children()) models it.

What it showed (CPython 3.11.7, Linux, 2026-12-07):
    before: quick is Z (zombie)
    len(active_children()) = 1
    after: quick is gone (reaped)
"""
import multiprocessing as mp
import os
import time


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


if __name__ == "__main__":
    quick = mp.Process(target=time.sleep, args=(0.1,))
    slow = mp.Process(target=time.sleep, args=(2,))
    quick.start()
    slow.start()
    time.sleep(0.5)
    print(f"before: quick is {state(quick.pid)} (zombie)")
    print(f"len(active_children()) = {len(mp.active_children())}")
    print(f"after: quick is {state(quick.pid)} (reaped)")
    slow.join()
