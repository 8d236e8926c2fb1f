# orphan-os-fork.py: the program of scenarios/seeds/orphan-os-fork.psim
# (seed 003, "我们来测试一下"), in Python 3: the father prints, forks and
# exits at once; the child sleeps 1 s and prints its PID and its new PPID.
# flush=True: on a terminal print() is line-buffered; under the recorder
# stdout is a file, and a buffer not flushed before fork() would be
# printed twice (by both processes).
import os
import sys
import time

print("im father pid %s ppid %s" % (os.getpid(), os.getppid()), flush=True)
pid = os.fork()
if pid > 0:
    print("father died..", flush=True)
    sys.exit(0)
time.sleep(1)  # 保证主线程退出完毕
print("im child %s %s" % (os.getpid(), os.getppid()), flush=True)
