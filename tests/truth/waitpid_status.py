"""waitpid_status.py: the status word os.wait() returns, and os.wait() with
no child left, as procsim's `wait as st` models them.

What it showed (CPython 3.11.7, Linux 6.x, 2026-12-07):
    exit 3 -> status 768 (WEXITSTATUS 3)
    SIGKILL -> status 9 (WTERMSIG 9)
    ChildProcessError: [Errno 10] No child processes
"""
import os
import signal
import time

pid = os.fork()
if pid == 0:
    os._exit(3)
_, st = os.wait()
print(f"exit 3 -> status {st} (WEXITSTATUS {os.WEXITSTATUS(st)})")

pid = os.fork()
if pid == 0:
    time.sleep(10)
    os._exit(0)
os.kill(pid, signal.SIGKILL)
_, st = os.wait()
print(f"SIGKILL -> status {st} (WTERMSIG {os.WTERMSIG(st)})")

try:
    os.wait()
except ChildProcessError as e:
    print(f"ChildProcessError: {e}")
