# forky.py [N]: a fork-heavy program for bench/record-overhead.sh: N children
# (default 200), each forked, exiting at once with os._exit(0), and reaped
# with waitpid before the next is forked.
import os
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
