"""pid1_app.py: an application that is PID 1 of its PID namespace and never
waits for the orphans it inherits; run by tests/truth/pid1.sh as a
container runs it (docker run without --init: unshare -pf --mount-proc),
and under tini (docker run --init)."""
import os
import signal
import sys
import time

T0 = time.monotonic()


def show(*a):
    print("%.1f" % (time.monotonic() - T0), *a, flush=True)


def table():
    rows = []
    for d in sorted((d for d in os.listdir("/proc") if d.isdigit()), key=int):
        try:
            f = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        comm = f[f.index("(") + 1:f.rindex(")")]
        st, ppid = f[f.rindex(")") + 2:].split()[:2]
        rows.append(f"{d}:{comm}:{st}:ppid={ppid}")
    return " ".join(rows)


if __name__ == "__main__":
    show("app: pid", os.getpid(), "ppid", os.getppid())
    middle = os.fork()
    if middle == 0:
        for i in range(3):  # three short-lived orphans-to-be
            if os.fork() == 0:
                time.sleep(0.5)
                os._exit(0)
        if os.fork() == 0:  # and one that sleeps on
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            time.sleep(60)
            os._exit(0)
        os._exit(0)
    os.waitpid(middle, 0)  # the middle one is reaped by its parent
    time.sleep(1.5)
    show("procs:", table())
    time.sleep(1.5)  # pid1.sh sends SIGTERM meanwhile
    show("procs:", table())
    show("app exits")
    sys.exit(0)
