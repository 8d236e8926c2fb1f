#!/usr/bin/env python3
"""Q1: VIRT/RES/SHR of a fresh python3, of one that imported multiprocessing,
and of a multiprocessing child (fork start method) right after start().
Run: python3 tests/truth/mem_baseline.py      (all sizes in KiB)"""
import os, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procinfo

def show(label, pid):
    s = procinfo.status(pid)
    n = {k: int(v.split()[0]) for k, v in s.items() if k != "State"}
    shr = n["RssFile"] + n["RssShmem"]
    print(f"{label}: pid={pid}")
    print(f"    VmSize(VIRT)={n['VmSize']}  VmRSS(RES)={n['VmRSS']}  RssAnon={n['RssAnon']}"
          f"  RssFile={n['RssFile']}  RssShmem={n['RssShmem']}  SHR=RssFile+RssShmem={shr}")
    print("    smaps_rollup:", procinfo.fmt_rollup(pid))

for label, code in [
        ("fresh python3 (-c 'import time; time.sleep(5)')", "import time; time.sleep(5)"),
        ("python3 after 'import multiprocessing'", "import multiprocessing, time; time.sleep(5)"),
        ("python3 after 'import multiprocessing' + Queue()+Lock()",
         "import multiprocessing as mp, time; q=mp.Queue(); l=mp.Lock(); time.sleep(5)"),
        ("same, after Lock acquire/release and Queue put/get (semaphores touched)",
         "import multiprocessing as mp, time; q=mp.Queue(); l=mp.Lock(); l.acquire(); l.release();"
         " q.put(1); q.get(); time.sleep(5)")]:
    p = subprocess.Popen([sys.executable, "-c", code])
    time.sleep(1.0)
    show(label, p.pid)
    p.kill(); p.wait()

import multiprocessing as mp

def child():
    time.sleep(3)

if __name__ == "__main__":
    mp.set_start_method("fork")
    show("this parent (multiprocessing imported, before start)", os.getpid())
    c = mp.Process(target=child)
    c.start()
    time.sleep(0.2)
    show("multiprocessing child (fork) 0.2 s after start()", c.pid)
    show("parent after start()", os.getpid())
    c.join()
