#!/bin/bash
# pid1.sh: PID 1 as it varies (procsim's `pid1 init|main|tini`,
# scenarios/pid1-*.psim, tests/test_proc.c). Needs root (unshare) and tini
# (Debian's package tini 0.19.0, what `docker run --init` runs as
# /sbin/docker-init).
#   1. main: the application is PID 1 of a new PID namespace, as `docker run`
#      without --init makes it;
#   2. tini: tini is PID 1 and the application its child;
#   3. subreaper: prctl(PR_SET_CHILD_SUBREAPER) in a process of the host.
# In each, at 2.2 s the host sends SIGTERM to the namespace's PID 1
# (docker stop's first step).
# What it showed (Linux 6.18, CPython 3.11.7, tini 0.19.0, 2026-12-07):
#   == main
#   0.0 app: pid 1 ppid 0
#   1.6 procs: 1:python3:R:ppid=0 3:python3:Z:ppid=1 4:python3:Z:ppid=1 5:python3:Z:ppid=1 6:python3:S:ppid=1
#   host: kill -TERM 14685 (python3)
#   3.1 procs: 1:python3:R:ppid=0 3:python3:Z:ppid=1 4:python3:Z:ppid=1 5:python3:Z:ppid=1 6:python3:S:ppid=1
#   3.1 app exits
#   host: main exit status 0
#   host: sleepers left: 0
#   == tini
#   0.0 app: pid 2 ppid 1
#   1.5 procs: 1:tini:R:ppid=0 2:python3:R:ppid=1 7:python3:S:ppid=1
#   host: kill -TERM 16521 (tini)
#   host: tini exit status 143
#   host: sleepers left: 0
#   == subreaper
#   grandchild: ppid is the subreaper: True
#   grandchild's state before the subreaper waits: Z
#   subreaper reaps the grandchild status 7
# Facts: the application as PID 1 keeps its adopted orphans as zombies
# (PPID 1) and ignores the host's SIGTERM (no handler: SIGNAL_UNKILLABLE);
# its exit kills the sleeping grandchild; tini reaps at once, forwards
# SIGTERM, exits 128 + 15; a subreaper adopts, and reaps only when it waits.
cd "$(dirname "$0")"
PY=$(python3 -c "import sys; print(sys.executable)") # not pyenv's shim, a script

run() { # label, command...
	label=$1; shift
	echo "== $label"
	"$@" &
	outer=$!
	sleep 2.2
	pid1=$(pgrep -P "$outer" | head -1)   # unshare's child: the namespace's PID 1
	echo "host: kill -TERM $pid1 ($(cat /proc/$pid1/comm))"
	kill -TERM "$pid1"
	wait "$outer"
	echo "host: $label exit status $?"
	sleep 0.3
	echo "host: sleepers left: $(pgrep -fc 'pid1_app.py' || true)"
}

run main unshare -pf --mount-proc "$PY" pid1_app.py
run tini unshare -pf --mount-proc tini -s -- "$PY" pid1_app.py

echo "== subreaper"
"$PY" - <<'PY'
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_CHILD_SUBREAPER = 36
libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
me = os.getpid()
r, w = os.pipe()
middle = os.fork()
if middle == 0:
    g = os.fork()
    if g == 0:
        time.sleep(0.3)
        print("grandchild: ppid is the subreaper:", os.getppid() == me, flush=True)
        os._exit(7)
    os.write(w, b"%d" % g)
    os._exit(0)
os.waitpid(middle, 0)
g = int(os.read(r, 32))
time.sleep(0.6)
st = open("/proc/%d/stat" % g).read().split(") ")[1].split()[0]
print("grandchild's state before the subreaper waits:", st, flush=True)
pid, status = os.wait()
print("subreaper reaps", "the grandchild" if pid == g else pid, "status", status >> 8, flush=True)
PY
