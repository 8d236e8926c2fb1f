# JoinableQueue.task_done() once too often (seed 000): which comes first,
# main's line after q.join() or the consumer's traceback?
# Ran five times on Linux 6.18, CPython 3.11.7, 2 CPUs, 2026-12-07, each:
#   消费了包子0 | 主: q.join() returned | Process Process-1: | (traceback)
#   | ValueError: task_done() called too many times | c.exitcode=1
# scenarios/seeds/joinable-queue-task-done-too-many.psim (tick 1ms) agrees.
from multiprocessing import Process, JoinableQueue
import time
def consumer(q):
    res = q.get()
    time.sleep(1)
    print("消费了" + res, flush=True)
    q.task_done()
    q.task_done()
    print("not reached")
if __name__ == "__main__":
    q = JoinableQueue()
    c = Process(target=consumer, args=(q,))
    c.start()
    q.put("包子0")
    q.join()
    print("主: q.join() returned", flush=True)
    c.join()
    print("c.exitcode=%s" % c.exitcode, flush=True)
