#!/usr/bin/env python3
"""child_names.py: what Linux calls a child made by fork() without exec.

multiprocessing (start method "fork") and os.fork() children keep their
parent's comm and command line; one os.fork() child is left a zombie.
Prints /proc/PID/comm and /proc/PID/cmdline of each, then `ps -el` and
`ps -ef` rows of the parent and its children.

Run: cp tests/truth/child_names.py /tmp/app.py && cd /tmp &&
PATH=/usr/bin:$PATH bash -c 'python3 app.py'
(the copy gives it the issue's name, `python3 app.py`; bash passes argv[0]
as typed, `python3`; run through pyenv's shim or as /usr/bin/python3 the
command line starts with the full path instead, and comm is still python3).

What it showed (Linux 6.18.44, CPython 3.11.7 of Debian 12, procps-ng
4.0.2, 2026-12-07):

    parent     pid=437 comm='python3' cmdline=[b'python3', b'app.py', b'']
    mp w0      pid=442 comm='python3' cmdline=[b'python3', b'app.py', b'']
    mp w1      pid=443 comm='python3' cmdline=[b'python3', b'app.py', b'']
    os.fork    pid=445 comm='python3' cmdline=[b'python3', b'app.py', b'']
    zombie     pid=446 comm='python3' cmdline=[b'']
    $ ps -el
    F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD
    0 S     0   437   435  4  80   0 -  4374 poll_s ?        00:00:00 python3
    1 S     0   442   437  0  80   0 -  4344 futex_ ?        00:00:00 python3
    1 S     0   443   437  0  80   0 -  4344 futex_ ?        00:00:00 python3
    1 S     0   445   437  0  80   0 -  4344 hrtime ?        00:00:00 python3
    1 Z     0   446   437  0  80   0 -     0 -      ?        00:00:00 python3
    $ ps -ef
    UID        PID  PPID  C STIME TTY          TIME CMD
    root       437   435  4 02:06 ?        00:00:00 python3 app.py
    root       442   437  0 02:06 ?        00:00:00 python3 app.py
    root       443   437  0 02:06 ?        00:00:00 python3 app.py
    root       445   437  0 02:06 ?        00:00:00 python3 app.py
    root       446   437  0 02:06 ?        00:00:00 [python3] <defunct>
    $ ps -o pid,stat,comm,args
      PID STAT COMMAND         COMMAND
      437 S    python3         python3 app.py
      442 S    python3         python3 app.py
      443 S    python3         python3 app.py
      445 S    python3         python3 app.py
      446 Z    python3         [python3] <defunct>

So: every child made by fork() without exec keeps its parent's comm
(`python3`, ps -el's CMD) and command line (`python3 app.py`, ps -ef's
CMD), multiprocessing's workers and os.fork()'s alike; their F column is 1
(PF_FORKNOEXEC: forked, never exec'd). A zombie has no command line any
more (/proc/PID/cmdline is empty: its mm is gone), so ps prints its comm in
brackets and `<defunct>`: `[python3] <defunct>`; its comm stays `python3`.
"""
import multiprocessing as mp
import os
import subprocess
import sys
import time


def comm(pid):
    with open(f"/proc/{pid}/comm") as f:
        return f.read().rstrip("\n")


def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().split(b"\0")


def worker(stop):
    stop.wait()


def ps(args, pids):
    out = subprocess.run(["ps"] + args, capture_output=True, text=True).stdout
    lines = out.splitlines()
    col = lines[0].split().index("PID")
    print(lines[0])
    for line in lines[1:]:
        if int(line.split()[col]) in pids:
            print(line)


if __name__ == "__main__":
    mp.set_start_method("fork")
    stop = mp.Event()
    workers = [mp.Process(target=worker, args=(stop,), name=f"w{i}")
               for i in range(2)]
    for w in workers:
        w.start()
    alive = os.fork()
    if alive == 0:
        time.sleep(3)
        os._exit(0)
    zombie = os.fork()
    if zombie == 0:
        os._exit(3)
    time.sleep(0.5)  # the zombie has exited; it is not reaped yet
    me = os.getpid()
    rows = [("parent", me)] + [(f"mp {w.name}", w.pid) for w in workers] + \
        [("os.fork", alive), ("zombie", zombie)]
    for what, pid in rows:
        print(f"{what:10} pid={pid} comm={comm(pid)!r} cmdline={cmdline(pid)!r}")
    pids = {pid for _, pid in rows}
    print("$ ps -el")
    ps(["-el"], pids)
    print("$ ps -ef")
    ps(["-ef"], pids)
    print("$ ps -o pid,stat,comm,args")
    ps(["-o", "pid,stat,comm,args", "-p", ",".join(map(str, pids))], pids)
    stop.set()
    for w in workers:
        w.join()
    os.waitpid(alive, 0)
    os.waitpid(zombie, 0)
