"""queue_put_get.py: how long a message takes between two processes.

queue_put_get: the parent's clock before q.put(x) on a multiprocessing.Queue
  to the child's clock when q.get() returns, the child asleep in get() (the
  parent waits 1 ms first).  put() appends to a buffer and wakes the queue's
  feeder thread, which pickles and writes to the pipe; the child sleeps in
  read() under the queue's reader lock.  The child leaves its time in a
  RawArray and answers with a byte on a plain pipe.  One put before timing
  starts the feeder thread.
queue_pipe_roundtrip: a.send(x) then a.recv() on a multiprocessing.Pipe()
  (a socket pair) while the child does b.send(b.recv()): one round trip,
  timed in the parent.
-n N (default 1000).
"""
import multiprocessing as mp
import os
import time

from measure_stats import now_ns, report, reps


def getter(q, stamps, answer_fd):
    while q.get() is not None:
        stamps[0] = now_ns()
        os.write(answer_fd, b"x")


def echo(end):
    while (x := end.recv()) is not None:
        end.send(x)


def time_queue(n):
    q = mp.Queue()
    stamps = mp.RawArray("q", 1)
    answer_r, answer_w = os.pipe()
    child = mp.Process(target=getter, args=(q, stamps, answer_w))
    child.start()
    samples = []
    for i in range(n + 1):
        time.sleep(0.001)
        before = now_ns()
        q.put(i)
        os.read(answer_r, 1)
        if i > 0:
            samples.append(stamps[0] - before)
    q.put(None)
    child.join()
    report("queue_put_get", samples)


def time_pipe(n):
    a, b = mp.Pipe()
    child = mp.Process(target=echo, args=(b,))
    child.start()
    a.send(0)
    a.recv()
    samples = []
    for i in range(n):
        before = now_ns()
        a.send(i)
        a.recv()
        samples.append(now_ns() - before)
    a.send(None)
    child.join()
    report("queue_pipe_roundtrip", samples)


def main():
    n = reps(1000)
    time_queue(n)
    time_pipe(n)


if __name__ == "__main__":
    main()
