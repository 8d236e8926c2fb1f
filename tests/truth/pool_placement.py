import os, time
from multiprocessing import Manager, Pool
def writer(q):
    print("writer 启动(%s),父进程为(%s)" % (os.getpid(), os.getppid()), flush=True)
    for c in "helloworld":
        q.put(c)
def reader(q):
    print("reader 启动(%s),父进程为(%s)" % (os.getpid(), os.getppid()), flush=True)
    for i in range(q.qsize()):
        print("reader 从 Queue 获取到消息:%s" % q.get(True), flush=True)
if __name__ == "__main__":
    print("(%s) start" % os.getpid(), flush=True)
    q = Manager().Queue()
    po = Pool(4)
    po.apply_async(writer, (q,))
    time.sleep(1)
    po.apply_async(reader, (q,))
    po.close()
    po.join()
    print("(%s) End" % os.getpid(), flush=True)
