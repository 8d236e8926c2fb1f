#!/bin/bash
# sigpipe.sh: a write to a pipe whose read ends are all closed, in a shell
# pipeline, in CPython, and as scenarios/sigpipe.psim writes it with
# multiprocessing (procsim's pipe_write: file.c; CPython's ignored SIGPIPE:
# sim/user/user.c; tests/test_signal.c).
#
# Run: bash tests/truth/sigpipe.sh
# What it showed (bash 5.2.15, CPython 3.11.7, Linux 6.18, 2026-12-07):
#   y
#   PIPESTATUS: 141 0
#   SIGPIPE disposition at start: 1
#   BrokenPipeError: [Errno 32] Broken pipe
#   python with SIG_DFL: $?=141
#   send: BrokenPipeError: [Errno 32] Broken pipe
#   head: y
#   head 0, yes -13
#   main: BrokenPipeError
# Facts: yes dies of SIGPIPE (141 = 128 + 13) and bash prints nothing for
# it; CPython starts with SIGPIPE ignored (1 = SIG_IGN), so its write fails
# with EPIPE (BrokenPipeError), also in a multiprocessing child, which
# inherits the disposition at fork; with SIG_DFL put back Python dies of it
# like C (exitcode -13 for a Process).

yes | head -1
echo "PIPESTATUS: ${PIPESTATUS[*]}"

python3 -c '
import os, signal
print("SIGPIPE disposition at start:", int(signal.getsignal(signal.SIGPIPE)))
r, w = os.pipe()
os.close(r)
try:
    os.write(w, b"x")
except BrokenPipeError as e:
    print(type(e).__name__ + ":", e)
'

python3 -c '
import os, signal
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
r, w = os.pipe()
os.close(r)
os.write(w, b"x")
print("not reached")
'
echo "python with SIG_DFL: \$?=$?"

python3 -c '
import multiprocessing as mp
if __name__ == "__main__":
    a, b = mp.Pipe(duplex=False)   # a reads, b writes
    a.close()
    try:
        b.send(1)
    except BrokenPipeError as e:
        print("send:", type(e).__name__ + ":", e)
'

# scenarios/sigpipe.psim, line for line
python3 -c '
import multiprocessing as mp, signal, time
def head(r, w):
    w.close()
    print("head:", r.recv(), flush=True)
def yes(r, w):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    r.close()
    while True:
        w.send("y")
        time.sleep(0.1)
if __name__ == "__main__":
    r, w = mp.Pipe(duplex=False)
    h = mp.Process(target=head, args=(r, w)); h.start()
    y = mp.Process(target=yes, args=(r, w)); y.start()
    r.close()
    h.join(); y.join()
    print(f"head {h.exitcode}, yes {y.exitcode}", flush=True)
    try:
        w.send("x")
    except OSError:
        print("main: BrokenPipeError")
'
