# Is a signal blocked while its Python handler runs? CPython's C handler
# (signal_handler -> trip_signal) only notes it and returns, so the signal
# is unblocked again at once: a second one during the Python handler runs
# the handler again, nested, and /proc's SigBlk stays 0.
#
# Ran on Linux 6.18, CPython 3.11.7, 2026-12-07:
#   handler enter depth 1 SigBlk 0000000000000000
#   handler enter depth 2 SigBlk 0000000000000000
#   handler leave depth 2
#   handler leave depth 1
# procsim: a Python process's `on` block runs with its signal unblocked
# (sim/user/exec.c, enter_handler); a C program's, blocked until it returns
# (tests/test_signal.c, handlers_nest_in_python_not_in_c).
import os, signal, time
depth = 0
def h(sig, frame):
    global depth
    depth += 1
    blk = [l for l in open("/proc/self/status") if l.startswith("SigBlk")][0].split()[1]
    print("handler enter depth", depth, "SigBlk", blk, flush=True)
    time.sleep(0.5)
    print("handler leave depth", depth, flush=True)
    depth -= 1
signal.signal(signal.SIGUSR1, h)
if os.fork() == 0:
    time.sleep(0.2); os.kill(os.getppid(), signal.SIGUSR1)
    time.sleep(0.2); os.kill(os.getppid(), signal.SIGUSR1)
    os._exit(0)
time.sleep(2)
os.wait()
