# family.py: the program of issue 15's "done when": three children. A ends
# at 0.2 s and stays a zombie while its parent sleeps, until waitpid at
# 0.7 s; B forks G and ends at once, so G is an orphan that init adopts;
# C is stopped (T) at 0.1 s, continued at 0.7 s and terminated at 0.8 s.
# Its scenario is family.psim.
import os
import signal
import time

a = os.fork()
if a == 0:
    time.sleep(0.2)
    os._exit(3)
b = os.fork()
if b == 0:
    if os.fork() == 0:
        time.sleep(0.5)
        print("orphan: my parent is now", os.getppid(), flush=True)
        os._exit(0)
    os._exit(0)
c = os.fork()
if c == 0:
    while True:
        time.sleep(0.05)
os.waitpid(b, 0)
time.sleep(0.1)
os.kill(c, signal.SIGSTOP)
time.sleep(0.6)
os.waitpid(a, 0)
os.kill(c, signal.SIGCONT)
time.sleep(0.1)
os.kill(c, signal.SIGTERM)
os.waitpid(c, 0)
print("done", flush=True)
