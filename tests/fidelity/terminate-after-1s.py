# terminate-after-1s.py: the program of scenarios/seeds/terminate-after-1s.psim
# (seed 001, "给子进程指定的函数传递参数"): the child prints its arguments
# every 0.2 s; main sleeps 1 s, terminates it (SIGTERM) and joins it.
import os
import time
from multiprocessing import Process


def run_proc(name, age, **kwargs):
    for i in range(10):
        print("子进程运行中,name= %s,age=%d ,pid=%d..." % (name, age, os.getpid()), flush=True)
        print(kwargs, flush=True)
        time.sleep(0.2)


if __name__ == "__main__":
    p = Process(target=run_proc, args=("test", 18), kwargs={"m": 20})
    p.start()
    time.sleep(1)  # 1 秒中之后,立即结束子进程
    p.terminate()
    p.join()
