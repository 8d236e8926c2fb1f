#!/bin/sh
# ptrace_stop.sh: what a process looks like while a debugger is attached
# (gdb -p PID): /proc's state and wait channel, and after the detach.
# Ran on Linux 6.18.44, GNU gdb 13.1, 2026-12-07:
#   t
#   ptrace_stop
#   State:	t (tracing stop)
#   TracerPid:	26593
#   [Inferior 1 (process 26134) detached]
#   S            (after the detach: back to its sleep)
# procsim: `at T attach PID|NAME` / `at T detach PID|NAME`
# (sim/kernel/proc.c, proc_ptrace_attach; scenarios/gdb-attach.psim).
sleep 30 & P=$!
sleep 0.2
gdb -q -p $P -batch -ex "shell awk '{print \$3}' /proc/$P/stat; cat /proc/$P/wchan; echo" \
	-ex "shell grep -E 'State|TracerPid' /proc/$P/status" 2>&1 | grep -v '^$' | tail -5
awk '{print $3}' /proc/$P/stat
kill $P
