"""segfault.py: a Process that writes through a NULL pointer, and one that
ignores SIGSEGV first, as procsim's `crash` models them.

What it showed (CPython 3.11.7, Linux, 2026-12-07):
    p.exitcode=-11 q.exitcode=-11
(the kernel forces SIGSEGV: force_sig_fault resets an ignored SIGSEGV to
the default, so ignoring it does not save the process.) From bash, a
program killed so prints "Segmentation fault (core dumped)" when core dumps
are on (`ulimit -c unlimited`), and "Segmentation fault" with this
machine's default `ulimit -c` 0, where os.waitpid's status is 11, not 139
(tests/truth/core_dumps.sh).
"""
import ctypes
import multiprocessing as mp
import signal


def bad():
    ctypes.memset(0, 0, 1)  # a write at address 0
    print("not reached")


def stubborn():
    signal.signal(signal.SIGSEGV, signal.SIG_IGN)
    ctypes.memset(0, 0, 1)


if __name__ == "__main__":
    p = mp.Process(target=bad)
    q = mp.Process(target=stubborn)
    p.start()
    q.start()
    p.join()
    q.join()
    print(f"p.exitcode={p.exitcode} q.exitcode={q.exitcode}")
