"""block_signals.py: blocked and pending signals
(signal.pthread_sigmask, sigprocmask(2)), as procsim's `block` and
`unblock` model them (scenarios/block-signals.psim, tests/test_signal.c).

Run: python3 tests/truth/block_signals.py
What it showed (CPython 3.11.7, procps-ng 4.0.2, Linux 6.18, 2026-12-07):
    1.0   PID          PENDING          BLOCKED          IGNORED           CAUGHT STAT
    1.0 11809 0000000000000a00 0000000000000a00 0000000001001800 0000000000000202 S
    2.0 worker: slept to 2 s; unblocking
    2.0 worker: USR1 handled
    2.0 worker: after unblock
    2.0 worker exitcode 0
    2.0 main: blocked mask has SIGKILL: False
Facts: blocked signals stay pending (bit N-1 for signal N: USR1 0x200,
USR2 0x800) and do not interrupt time.sleep; USR1 sent twice runs its
handler once, at the unblock; USR2, ignored but blocked, is pending too
(sig_ignored never drops a blocked signal) and is dropped at the unblock;
CPython ignores SIGPIPE and SIGXFSZ (0x1001000) and catches SIGINT (0x2);
SIGKILL cannot be blocked (no error: it is left out of the mask).
"""
import multiprocessing as mp
import os
import signal
import subprocess
import time

T0 = time.monotonic()


def show(*a):
    print("%.1f" % (time.monotonic() - T0), *a, flush=True)


def ps(pid):
    out = subprocess.run(["ps", "-o", "pid,pending,blocked,ignored,caught,stat", "-p", str(pid)],
                         capture_output=True, text=True).stdout
    return out.rstrip("\n").split("\n")


def worker():
    signal.signal(signal.SIGUSR1, lambda s, f: show("worker: USR1 handled"))
    signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGUSR2})
    time.sleep(2)  # the two USR1 and the USR2 sent at 0.5 s do not wake it
    show("worker: slept to 2 s; unblocking")
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1, signal.SIGUSR2})
    show("worker: after unblock")


if __name__ == "__main__":
    w = mp.Process(target=worker)
    w.start()
    time.sleep(0.5)
    os.kill(w.pid, signal.SIGUSR1)
    os.kill(w.pid, signal.SIGUSR1)  # a standard signal pending twice is one
    os.kill(w.pid, signal.SIGUSR2)  # ignored, but blocked: it stays pending
    time.sleep(0.5)
    for line in ps(w.pid):
        show(line)
    w.join()
    show("worker exitcode", w.exitcode)
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGKILL})
        show("main: blocked mask has SIGKILL:", signal.SIGKILL in signal.pthread_sigmask(signal.SIG_BLOCK, set()))
    except OSError as e:
        show("main:", e)
