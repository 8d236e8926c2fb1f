"""Which thread takes a signal sent to a Python process that has threads.

Linux's complete_signal (kernel/signal.c) gives a process-directed signal
to the task it was sent to if that one does not block it, else to another
thread that does not; CPython runs Python handlers in the main thread only,
once it next runs. Two programs (from the session-4 review), run on Linux
6.18, CPython 3.11.7, 2026-12-07:

1. main blocks SIGTERM and kills itself: with a Queue's feeder thread
   (which does not block it) the process dies; without one it survives:

    feeder '' -15
    nofeeder 'survived\n' 0

2. kill(feeder TID, SIGUSR1) at 0.3 s while main sleeps 2 s: main's sleep
   is not interrupted; the handler runs in the main thread after it:

    pid 8048 tids [8048, 8089]
    2.06 handler in MainThread
    2.06 sleep done
    1

procsim: tests/test_threads.c (a_signal_goes_to_a_thread_that_does_not_block_it,
a_caught_signal_sent_to_a_thread_waits_for_the_main_thread).
"""
import subprocess, sys
code_feeder = r'''
import multiprocessing as mp, signal, os, time
q = mp.Queue(); q.put(1); time.sleep(0.1)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(0.5)
print("survived", flush=True)
'''
code_nofeeder = code_feeder.replace("q = mp.Queue(); q.put(1); ", "")
for name, c in [("feeder", code_feeder), ("nofeeder", code_nofeeder)]:
    r = subprocess.run([sys.executable, "-c", c], capture_output=True, text=True)
    print(name, repr(r.stdout), r.returncode)

# ---- 2 ----
SECOND = r'''import multiprocessing as mp, signal, os, time, threading
T0 = time.monotonic()
def h(s, f): print("%.2f handler in %s" % (time.monotonic()-T0, threading.current_thread().name), flush=True)
signal.signal(signal.SIGUSR1, h)
q = mp.Queue(); q.put(1); time.sleep(0.05)
tids = sorted(int(t) for t in os.listdir("/proc/self/task"))
feeder = [t for t in tids if t != os.getpid()][0]
print("pid", os.getpid(), "tids", tids)
pid = os.fork()
if pid == 0:
    time.sleep(0.3); os.kill(feeder, signal.SIGUSR1); os._exit(0)
time.sleep(2)
print("%.2f sleep done" % (time.monotonic()-T0), flush=True)
os.waitpid(pid, 0)
print(q.get())
'''
subprocess.run([sys.executable, '-c', SECOND])
