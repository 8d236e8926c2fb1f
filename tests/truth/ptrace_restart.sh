#!/bin/sh
# ptrace_restart.sh: under ptrace, a signal that the process ignores (here
# SIGCHLD, default action ignore) still interrupts its sleep: the tracer sees
# clock_nanosleep return at the signal with -ERESTARTNOHAND (-514: CPython
# sleeps to an absolute time, TIMER_ABSTIME, and the same call is made again)
# or -ERESTART_RESTARTBLOCK (-516: a relative sleep, continued by
# restart_syscall). Untraced, the sleep is not interrupted at all. Seen on
# 6.18.44, CPython 3.11.7:
#   clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {...}, NULL) = ? ERESTARTNOHAND
#   --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---
#   clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {...}, NULL) = 0 `procsim record`
# therefore joins a call that returned -ERESTART* with the call that
# restarts it into one sleep (ui/rec_scenario.c). Needs strace.
PY=$(python3 -c 'import sys; print(sys.executable)')
strace -f -e trace=clock_nanosleep,restart_syscall -e signal=SIGCHLD "$PY" -c '
import os, time
if os.fork() == 0:
    time.sleep(0.1)
    os._exit(0)
time.sleep(0.3)
os.wait()
' 2>&1 | grep -v "^+++\|exited with"
