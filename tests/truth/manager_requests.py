"""Which requests a Manager's server gets, and which thread serves each.

Server.create/incref/decref/accept_connection/shutdown wrapped to print
their serving thread's TID. Run on Linux 6.18, CPython 3.11.7, 2026-12-07:

    main: Manager() done
    server create thread 19786
    server incref thread 19786
    server incref thread 19787
    server decref thread 19788
    main: Queue() done
    server incref thread 19790
    child start 19789
    server accept_connection thread 19791
    child put done
    server decref thread 19792
    main: child joined
    server accept_connection thread 19793
    main got 1
    main: exiting
    server decref thread 19794
    server shutdown thread 19795

Queue(): create, incref, decref on three short connections; a Process
child: incref at its start (_run_after_forkers), its own connection at
its first call (accept_connection), decref at its exit; main: its own
connection at its first call, decref at its exit, then shutdown. procsim
makes the same requests in the same order (sim/user/manager.c).
"""
import os, sys, time, threading, multiprocessing as mp
from multiprocessing import managers
def wrap(name):
    orig = getattr(managers.Server, name)
    def f(self, c, *a, **k):
        print("server", name, "thread", threading.get_native_id(), flush=True)
        return orig(self, c, *a, **k)
    setattr(managers.Server, name, f)
for n in ("create", "incref", "decref", "accept_connection", "shutdown"):
    wrap(n)
def child(q):
    print("child start", os.getpid(), flush=True)
    q.put(1)
    print("child put done", flush=True)
if __name__ == "__main__":
    m = mp.Manager()
    print("main: Manager() done", flush=True)
    q = m.Queue()
    print("main: Queue() done", flush=True)
    p = mp.Process(target=child, args=(q,)); p.start(); p.join()
    print("main: child joined", flush=True)
    print("main got", q.get(), flush=True)
    print("main: exiting", flush=True)
