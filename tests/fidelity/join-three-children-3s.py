# join-three-children-3s.py: the program of
# scenarios/seeds/join-three-children-3s.psim (seed 003, "1.2.3 join用法"):
# three children sleep 1, 2 and 3 s; main starts all three, then joins them.
import time
from multiprocessing import Process


def task(name, t):
    print("%s in running" % name, flush=True)
    time.sleep(t)
    print("%s in done" % name, flush=True)


if __name__ == "__main__":
    start = time.time()
    p1 = Process(target=task, args=("子进程1", 1))
    p2 = Process(target=task, args=("子进程2", 2))
    p3 = Process(target=task, args=("子进程3", 3))
    p1.start()
    p2.start()
    p3.start()
    p1.join()
    p2.join()
    p3.join()
    print("耗时：%s" % (time.time() - start), flush=True)
