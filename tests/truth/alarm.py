"""alarm.py: signal.alarm (alarm(2): the ITIMER_REAL of the process's
signal_struct, one per process), as procsim's `alarm DURATION` models it
(scenarios/alarm.psim, tests/test_signal.c).

Run: python3 tests/truth/alarm.py
What it showed (CPython 3.11.7, bash 5.2.15, Linux 6.18, 2026-12-07):
    handler at 1.0 s
    sleep(2) ended at 2.0 s
    alarm(3) after alarm(5) returns 5
    alarm(0) returns 3
    os.fork child: alarm(0) returns 0
    Process child: alarm(0) returns 0
    parent: alarm(0) returns 5
    exec'd sleep: $?=142 | bash: line 1:  1077 Alarm clock             python3 -c '...; os.execvp("sleep", ["sleep", "3"])'
    default: $?=142 | bash: line 1:  1339 Alarm clock             python3 -c '...; time.sleep(3)'
Facts: the handler runs after 1 s and time.sleep(2) still ends at 2 s
(PEP 475); a new alarm replaces the old one and returns what it had left,
in seconds; alarm(0) cancels; neither an os.fork() child nor a
multiprocessing child has its parent's alarm, which goes on in the parent
(5 s left: rounded); an exec'd program keeps it and dies of it; SIGALRM's
default kills, bash says "Alarm clock" and $? is 142 (128 + 14).
"""
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time


def show(*a):
    print(*a, flush=True)


def child_alarm():
    show("Process child: alarm(0) returns", signal.alarm(0))


if __name__ == "__main__":
    t0 = time.monotonic()
    # 1. A handler: the sleep goes on to its deadline after it (PEP 475).
    signal.signal(signal.SIGALRM, lambda s, f: show("handler at %.1f s" % (time.monotonic() - t0)))
    signal.alarm(1)
    time.sleep(2)
    show("sleep(2) ended at %.1f s" % (time.monotonic() - t0))
    # 2. A second alarm replaces the first and returns the seconds left.
    signal.alarm(5)
    show("alarm(3) after alarm(5) returns", signal.alarm(3))
    # 3. alarm(0) cancels it and returns what was left.
    show("alarm(0) returns", signal.alarm(0))
    # 4. fork: the child has no alarm (alarms are not inherited).
    signal.alarm(5)
    pid = os.fork()
    if pid == 0:
        show("os.fork child: alarm(0) returns", signal.alarm(0))
        os._exit(0)
    os.waitpid(pid, 0)
    p = mp.Process(target=child_alarm)
    p.start()
    p.join()
    show("parent: alarm(0) returns", signal.alarm(0))
    # 5. exec keeps it: sleep 3 after alarm(1) dies of SIGALRM.
    r = subprocess.run(["bash", "-c", "python3 -c 'import signal,os; signal.alarm(1); os.execvp(\"sleep\", [\"sleep\", \"3\"])'; echo \"exec'd sleep: \\$?=$?\""],
                       capture_output=True, text=True)
    show(r.stdout.strip(), "|", r.stderr.strip())
    # 6. Default action: the process dies (Term); bash says "Alarm clock", 142.
    r = subprocess.run(["bash", "-c", "python3 -c 'import signal,time; signal.alarm(1); time.sleep(3)'; echo \"\\$?=$?\""],
                       capture_output=True, text=True)
    show("default:", r.stdout.strip(), "|", r.stderr.strip())
