"""atexit_handlers.py: when atexit handlers run, as procsim's `atexit`
block models them (scenarios/atexit.psim, tests/test_ipc.c).

Run: python3 tests/truth/atexit_handlers.py
What it showed (CPython 3.11.7, Linux 6.18, 2026-12-07):
    os._exit: ('', '', 4)
    SIGTERM: ('', '', -15)
    uncaught: ('handler', 'Traceback (most recent call last): | ValueError: x', 1)
    sys.exit: ('handler', '', 5)
    3.3 child exitcode 0
    3.3 main ends
    4.4 last registered runs first
    4.4 first registered
    (exit status 3; on stderr:)
    Exception ignored in atexit callback: <function bad at 0x7f5b78758040>
    Traceback (most recent call last):
      File ".../atexit_handlers.py", line 45, in bad
        raise ValueError("in atexit")
    ValueError: in atexit
Facts: no handler runs after os._exit or a fatal signal; one runs after an
uncaught exception's traceback and after sys.exit; the Process child's
handler never runs; handlers run last registered first, and these, all
registered before the first start (when multiprocessing.util registers
_exit_function), run after _exit_function has joined q (1 s later); an
exception in a handler is reported and the next one runs, the status
stays 3.
"""
import atexit
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time

T0 = time.monotonic()


def show(*a):
    print("%.1f" % (time.monotonic() - T0), *a, flush=True)


def child():
    atexit.register(show, "child's atexit handler")  # never runs: _bootstrap ends with os._exit


def nap():
    time.sleep(1)


def sub(code):
    """A python3 -c program; its output and exit status."""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    err = [l for l in r.stderr.split("\n") if l and not l.startswith(" ")]
    return r.stdout.strip().replace("\n", " | "), " | ".join(err), r.returncode


if __name__ == "__main__":
    print("os._exit:", sub("import atexit, os; atexit.register(print, 'handler'); os._exit(4)"))
    print("SIGTERM:", sub("import atexit, os, signal; atexit.register(print, 'handler'); os.kill(os.getpid(), signal.SIGTERM)"))
    print("uncaught:", sub("import atexit; atexit.register(print, 'handler'); raise ValueError('x')"))
    print("sys.exit:", sub("import atexit, sys; atexit.register(print, 'handler'); sys.exit(5)"))
    atexit.register(show, "first registered")

    def bad():
        raise ValueError("in atexit")
    atexit.register(bad)
    atexit.register(show, "last registered runs first")
    p = mp.Process(target=child)
    p.start()
    p.join()
    show("child exitcode", p.exitcode)
    q = mp.Process(target=nap)  # still running when main ends: joined after the handlers
    q.start()
    show("main ends")
    sys.exit(3)
