# A Pool whose main never closes or joins it: main's end terminates the
# workers (Pool's finalizer, via util._exit_function). How many of the ten
# tasks start before that?
import os, time
from multiprocessing import Pool
def task(i):
    print("task", i, "in", os.getpid(), flush=True)
    time.sleep(1)
if __name__ == "__main__":
    po = Pool(4)
    for i in range(10):
        po.apply_async(task, (i,))
    print("main ends", flush=True)
