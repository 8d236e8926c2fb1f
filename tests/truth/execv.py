# os.execv in a forked child: what stays and what changes (procsim's `exec`).
# The child sets a handler for USR1 and ignores TERM, then execs
# /bin/sleep; the parent reads the child's /proc before and after.
# Ran on Linux 6.18, CPython 3.11.7, 2026-12-07:
#   before: 19678 {'Name': 'python3', 'PPid': '19637', 'SigIgn': '0000000001005000', 'SigCgt': '0000000000000202'}
#   after:  19678 {'Name': 'sleep', 'PPid': '19637', 'SigIgn': '0000000001005000', 'SigCgt': '0000000000000000'}
#   status 0
# Same PID and parent; a new name; the handlers (USR1, CPython's INT) back
# to the default; the ignored signals (TERM, and CPython's PIPE and XFSZ)
# still ignored. procsim: sim/kernel/proc.c, proc_exec; tests/test_signal.c.
import os, signal, time
def status(pid):
    d = {}
    for line in open("/proc/%d/status" % pid):
        k, _, v = line.partition(":")
        if k in ("Name", "PPid", "SigIgn", "SigCgt"):
            d[k] = v.strip()
    return d
pid = os.fork()
if pid == 0:
    signal.signal(signal.SIGUSR1, lambda s, f: None)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(0.3)
    os.execv("/bin/sleep", ["sleep", "1"])
time.sleep(0.1)
print("before:", pid, status(pid))
time.sleep(0.5)
print("after: ", pid, status(pid))
_, st = os.waitpid(pid, 0)
print("status", st)
