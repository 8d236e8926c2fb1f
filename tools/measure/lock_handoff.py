"""lock_handoff.py: multiprocessing.Lock passed from one process to another.

lock_handoff: the parent holds the Lock; the child, told to go through a
  plain pipe, blocks in lock.acquire() (a SemLock: sem_wait on a futex in
  shared memory); 2 ms later the parent takes its clock and releases
  (sem_post: a futex wake).  The sample ends at the child's clock when
  acquire() returns, left in a RawArray; the child releases and answers
  with a byte.
lock_uncontended: lock.acquire() + lock.release() with nobody else wanting
  it, 100 pairs per sample, per pair (no system call: the futex fast path).
-n N (default 500).
"""
import multiprocessing as mp
import os
import time

from measure_stats import now_ns, report, reps


def waiter(lock, stamps, go_fd, answer_fd):
    while os.read(go_fd, 1) == b"g":
        lock.acquire()
        stamps[0] = now_ns()
        lock.release()
        os.write(answer_fd, b"x")


def main():
    n = reps(500)
    lock = mp.Lock()
    stamps = mp.RawArray("q", 1)
    go_r, go_w = os.pipe()
    answer_r, answer_w = os.pipe()
    child = mp.Process(target=waiter, args=(lock, stamps, go_r, answer_w))
    child.start()
    samples = []
    for _ in range(n):
        lock.acquire()
        os.write(go_w, b"g")
        time.sleep(0.002)
        before = now_ns()
        lock.release()
        os.read(answer_r, 1)
        samples.append(stamps[0] - before)
    os.write(go_w, b"q")
    child.join()
    report("lock_handoff", samples)

    pairs = []
    for _ in range(n):
        before = now_ns()
        for _ in range(100):
            lock.acquire()
            lock.release()
        pairs.append((now_ns() - before) // 100)
    report("lock_uncontended", pairs)


if __name__ == "__main__":
    main()
