"""terminate_exitcode.py: Process.exitcode after terminate(), before and
after join(), and handlers set with signal.signal for TERM, INT, USR1,
USR2, HUP and CHLD: caught, ignored, default (procsim's `on`, `ignore`,
`default`; scenarios/terminate-exitcode.psim, tests/test_ipc.c).

Run: python3 tests/truth/terminate_exitcode.py
What it showed (CPython 3.11.7, Linux 6.18, 2026-12-07):
    after terminate: exitcode None is_alive True
    after join: exitcode -15 is_alive False
    stubborn: TERM caught, going on
    stubborn after terminate, join(0.5): exitcode None is_alive True
    after kill: exitcode -9
      SIGTERM caught
    SIGTERM catch: exitcode 0
    SIGTERM ignore: exitcode 0
    SIGTERM default: exitcode -15
      SIGINT caught
    SIGINT catch: exitcode 0
    SIGINT ignore: exitcode 0
    SIGINT default: exitcode -2
      SIGUSR1 caught
    SIGUSR1 catch: exitcode 0
    SIGUSR1 ignore: exitcode 0
    SIGUSR1 default: exitcode -10
      SIGUSR2 caught
    SIGUSR2 catch: exitcode 0
    SIGUSR2 ignore: exitcode 0
    SIGUSR2 default: exitcode -12
      SIGHUP caught
    SIGHUP catch: exitcode 0
    SIGHUP ignore: exitcode 0
    SIGHUP default: exitcode -1
      SIGCHLD caught
    SIGCHLD catch: exitcode 0
    SIGCHLD ignore: exitcode 0
    SIGCHLD default: exitcode 0
"""
import multiprocessing as mp
import os
import signal
import time

SIGS = ["SIGTERM", "SIGINT", "SIGUSR1", "SIGUSR2", "SIGHUP", "SIGCHLD"]


def nap():
    time.sleep(10)


def stubborn():
    signal.signal(signal.SIGTERM, lambda s, f: print("stubborn: TERM caught, going on", flush=True))
    time.sleep(10)


def target(name, how):
    sig = getattr(signal, name)
    if how == "catch":
        signal.signal(sig, lambda s, f: print(f"  {name} caught", flush=True))
    elif how == "ignore":
        signal.signal(sig, signal.SIG_IGN)
    else:
        signal.signal(sig, signal.SIG_DFL)
    time.sleep(0.3)


if __name__ == "__main__":
    p = mp.Process(target=nap)
    p.start()
    p.terminate()
    print("after terminate: exitcode", p.exitcode, "is_alive", p.is_alive(), flush=True)
    p.join()
    print("after join: exitcode", p.exitcode, "is_alive", p.is_alive(), flush=True)
    q = mp.Process(target=stubborn)
    q.start()
    time.sleep(0.2)
    q.terminate()
    q.join(0.5)
    print("stubborn after terminate, join(0.5): exitcode", q.exitcode, "is_alive", q.is_alive(), flush=True)
    q.kill()
    q.join()
    print("after kill: exitcode", q.exitcode, flush=True)
    for name in SIGS:
        for how in ("catch", "ignore", "default"):
            c = mp.Process(target=target, args=(name, how))
            c.start()
            time.sleep(0.1)
            os.kill(c.pid, getattr(signal, name))
            c.join()
            print(f"{name} {how}: exitcode {c.exitcode}", flush=True)
