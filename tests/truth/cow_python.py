#!/usr/bin/env python3
"""Q2 (Python): copy-on-write after a multiprocessing fork, made visible.
The parent fills a 64 MiB bytearray and builds a list of 10**6 ints, then forks
a child (start method 'fork').  The child samples its own /proc/self/status and
/proc/self/smaps_rollup at each step; the parent is sampled at the end too.
Run: python3 tests/truth/cow_python.py       (KiB)"""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procinfo
import multiprocessing as mp

MiB = 1024 * 1024
data = None
lst = None

def sample(who, label, pid="self"):
    s = procinfo.status(pid)
    r = procinfo.rollup(pid)
    k = lambda x: int(s[x].split()[0])
    print(f"[{who}] {label:<44} VmRSS={k('VmRSS'):>6} RssAnon={k('RssAnon'):>6}"
          f" Shared_Dirty={r['Shared_Dirty']:>6} Private_Dirty={r['Private_Dirty']:>6}"
          f" Pss={r['Pss']:>6}", flush=True)

def child(which, done, go):
    if which == "bytes":
        sample("child", "right after start()")
        n = data.count(b"\x01")               # read every byte, write none
        sample("child", f"after reading all 64 MiB (count={n // MiB} Mi)")
        data[0:4 * MiB] = b"\x02" * (4 * MiB)   # write 1/16 (4 MiB)
        sample("child", "after writing 4 MiB of it")
        data[:] = b"\x03" * len(data)           # write all
        sample("child", "after writing all 64 MiB")
    else:
        sample("child", "right after start()")
        total = 0
        for x in lst:                           # pure read ... but INCREF/DECREF
            total += x
        sample("child", "after only READING the 10**6-int list")
    done.set()
    go.wait()     # let parent sample while we are still alive
    time.sleep(0.5)

if __name__ == "__main__":
    mp.set_start_method("fork")
    for which in ("bytes", "list"):
        print(f"--- {which} ---")
        if which == "bytes":
            data = bytearray(b"\x01" * (64 * MiB))
            sample("parent", "after filling bytearray(64 MiB)")
        else:
            data = None
            lst = list(range(1000, 1000 + 10**6))
            sample("parent", "after lst = list of 10**6 ints (>256)")
        done, go = mp.Event(), mp.Event()
        c = mp.Process(target=child, args=(which, done, go))
        c.start()
        done.wait()
        sample("parent", "after child's writes (child still alive)")
        sample("parent", "same moment: child as seen by parent", c.pid)
        go.set()
        c.join()
        sample("parent", "after child exited")
