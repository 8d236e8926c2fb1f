#!/usr/bin/env python3
"""Q3: exit frees memory; a zombie holds none.
A child (os.fork) allocates and touches 64 MiB, then exits; the parent does
not reap it for a while.  We print the child's /proc/PID/status before and
after exit, and `ps -o pid,stat,vsz,rss,comm` of it.
Run: python3 tests/truth/zombie.py"""
import os, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procinfo

KEYS = ("State", "VmSize", "VmRSS", "RssAnon", "RssFile", "RssShmem", "Threads")
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    data = bytearray(b"\x01" * (64 * 1024 * 1024))
    os.write(w, b"x")
    time.sleep(0.5)
    os._exit(7)
os.close(w)
os.read(r, 1)
time.sleep(0.1)
print("child alive :", procinfo.status(pid, KEYS))
print(subprocess.run(["ps", "-o", "pid,stat,vsz,rss,comm", "-p", str(pid)],
                     capture_output=True, text=True).stdout, end="")
time.sleep(1.0)   # child has exited; not reaped yet
print("zombie      :", procinfo.status(pid, KEYS))
print("zombie wchan:", procinfo.wchan(pid))
for f in ("smaps_rollup", "statm"):
    try:
        with open(f"/proc/{pid}/{f}") as fh:
            print(f"zombie /proc/PID/{f}: {fh.read()!r}")
    except OSError as e:
        print(f"zombie /proc/PID/{f}: {type(e).__name__}: {e.strerror}")
try:
    print("zombie fds  :", procinfo.fds(pid))
except OSError as e:
    print("zombie fds  :", e)
print(subprocess.run(["ps", "-o", "pid,stat,vsz,rss,comm,args", "-p", str(pid)],
                     capture_output=True, text=True).stdout, end="")
_, st = os.waitpid(pid, 0)
print("reaped: exit status", os.waitstatus_to_exitcode(st),
      "; /proc/PID exists afterwards:", os.path.exists(f"/proc/{pid}"))
