"""kill_handler.py: from os.kill() to a Python signal handler running.

CPython's C-level handler only sets a flag; the Python function given to
signal.signal() runs later, in the main thread, when the eval loop next
checks (the "eval breaker"), or when a blocking call such as signal.pause()
returns with EINTR.
kill_py_to_handler_self: clock before os.kill(os.getpid(), SIGUSR1) to the
  clock on the first line of the Python handler.
kill_py_to_handler_other: the parent's clock before os.kill(child, SIGUSR1)
  to the child's clock on the first line of its Python handler, the child
  asleep in signal.pause() (the parent waits 1 ms first).  The child is an
  os.fork() of this process; it leaves its time in a RawArray and answers
  with a byte on a pipe (and once before, when its handler is in place).
-n N (default 1000).
"""
import multiprocessing as mp
import os
import signal
import time

from measure_stats import now_ns, report, reps

stamps = mp.RawArray("q", 1)


def stamp(signum, frame):
    stamps[0] = now_ns()


def main():
    n = reps(1000)
    signal.signal(signal.SIGUSR1, stamp)
    self_samples = []
    me = os.getpid()
    for _ in range(n):
        before = now_ns()
        os.kill(me, signal.SIGUSR1)
        self_samples.append(stamps[0] - before)
    report("kill_py_to_handler_self", self_samples)

    answer_r, answer_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        def stamp_and_answer(signum, frame):
            stamps[0] = now_ns()
            os.write(answer_w, b"x")
        signal.signal(signal.SIGUSR1, stamp_and_answer)
        os.write(answer_w, b"r")
        while True:
            signal.pause()
    os.read(answer_r, 1)  # the child's handler is in place
    samples = []
    for _ in range(n):
        time.sleep(0.001)
        before = now_ns()
        os.kill(pid, signal.SIGUSR1)
        os.read(answer_r, 1)
        samples.append(stamps[0] - before)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    report("kill_py_to_handler_other", samples)


if __name__ == "__main__":
    main()
