#!/bin/bash
# ps_threads.sh: what procps-ng 4.0.2's ps and top print for processes with
# threads: a multiprocessing Queue's feeder (the first put starts it), a
# Pool(4)'s three handler threads, a thread that computes while its main
# thread sleeps, and s/l/+ together in STAT. procsim's ps (ui/ps.c,
# ui/ps_format.c) and top's H (ui/view_model.c) follow it; tests/test_ps.c
# and tests/test_view_model.c check them.
#
# Run: bash tests/truth/ps_threads.sh
# What it showed (procps-ng 4.0.2, CPython 3.11.7, Linux 6.18, 2 CPUs,
# 2026-12-07; Q is the Queue's process, P the Pool's, B the computing one):
#   $ ps -L -p Q
#     PID   LWP TTY          TIME CMD
#   24472 24472 ?        00:00:00 python3
#   24472 24664 ?        00:00:00 python3
#   $ ps -o pid,lwp,nlwp,stat,wchan:32,comm -L -p Q
#     PID   LWP NLWP STAT WCHAN                            COMMAND
#   24472 24472    2 Sl   hrtimer_nanosleep                python3
#   24472 24664    2 Sl   futex_do_wait                    python3
#   $ ps -o pid,lwp,nlwp,stat,comm -p Q
#     PID   LWP NLWP STAT COMMAND
#   24472 24472    2 Sl   python3
#   $ ps -o stat -p Q
#   STAT
#   Sl
#   $ ps -L -o pid,lwp,nlwp,stat,wchan:32,comm -p P
#     PID   LWP NLWP STAT WCHAN                            COMMAND
#   24473 24473    4 Sl   hrtimer_nanosleep                python3
#   24473 24672    4 Sl   poll_schedule_timeout.constprop. python3
#   24473 24674    4 Sl   futex_do_wait                    python3
#   24473 24675    4 Sl   anon_pipe_read                   python3
#   $ ps -eLf (header, Q's rows)
#   UID        PID  PPID   LWP  C NLWP STIME TTY          TIME CMD
#   root     24472 24372 24472  3    2 05:32 ?        00:00:00 /root/.pyenv/versions
#   root     24472 24372 24664  0    2 05:32 ?        00:00:00 /root/.pyenv/versions
#   $ ps -eLl (header, Q's rows)
#   F S   UID   PID  PPID   LWP  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD
#   0 S     0 24472 24372 24472  2  80   0 - 23059 hrtime ?        00:00:00 python3
#   1 S     0 24472 24372 24664  0  80   0 - 23059 futex_ ?        00:00:00 python3
#   $ ps -eLlf (header)
#   F S UID        PID  PPID   LWP  C NLWP PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD
#   $ ps -L u -p Q (header)
#   USER       PID   LWP %CPU NLWP %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
#   $ top -b -n 1 -p Q,P (Tasks line, rows)
#   Tasks:   2 total,   0 running,   2 sleeping,   0 stopped,   0 zombie
#     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
#   24472 root      20   0   92236  15404   7064 S   0.0   0.1   0:00.07 python3
#   24473 root      20   0  239804  15844   7080 S   0.0   0.1   0:00.08 python3
#   $ top -H -b -n 1 -p Q,P (Threads line, rows)
#   Threads:   6 total,   0 running,   6 sleeping,   0 stopped,   0 zombie
#     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
#   24472 root      20   0   92236  15404   7064 S   0.0   0.1   0:00.07 python3
#   24664 root      20   0   92236  15404   7064 S   0.0   0.1   0:00.00 python3
#   24473 root      20   0  239804  15844   7080 S   0.0   0.1   0:00.08 python3
#   24672 root      20   0  239804  15844   7080 S   0.0   0.1   0:00.00 python3
#   24674 root      20   0  239804  15844   7080 S   0.0   0.1   0:00.00 python3
#   24675 root      20   0  239804  15844   7080 S   0.0   0.1   0:00.00 python3
#   /proc/25351/stat utime stime: 39 85
#   /proc/25351/task/25351/stat utime stime: 3 0
#   /proc/25351/task/25408/stat utime stime: 35 84
#   $ ps -o pid,nlwp,stat,time -p B
#     PID NLWP STAT     TIME
#   25351    2 Sl   00:00:01
#   $ ps -L -o pid,lwp,stat,time,c -p B
#     PID   LWP STAT     TIME  C
#   25351 25351 Sl   00:00:01 24
#   25351 25408 Sl   00:00:01 24
#   $ top -H -b -n 1 -p B
#     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
#   25351 root      20   0   90300  13536   6648 S   0.0   0.1   0:01.24 python3
#   25408 root      20   0   90300  13536   6648 S   0.0   0.1   0:01.19 python3
#     PID   LWP   SID TPGID NLWP STAT COMMAND
#     (ids)    2 Ssl+ python3
#     (ids)    2 Ssl+ python3
#    NI STAT
#     5 SNsl+
# Facts:
# - STAT has l exactly when the process has more than one thread (NLWP > 1),
#   in pr_stat's order: state, < or N, s (session leader), l, + (foreground
#   group): Sl, Sl+, Ssl+, SNsl+. Every thread's row has its process's l, s
#   and +, and its own state (Rl for the computing thread).
# - ps -L: PID is the process, LWP the thread (the main thread's LWP is the
#   PID), NLWP the process's count; every thread's comm is the process's.
#   The lists: -L "PID LWP TTY TIME CMD"; -eLf "UID PID PPID LWP C NLWP STIME
#   TTY TIME CMD"; -eLl "F S UID PID PPID LWP C PRI NI ADDR SZ WCHAN TTY TIME
#   CMD"; -eLlf adds NLWP after C; -L u puts LWP after PID and NLWP after %CPU.
# - A thread's F is 1 (PF_FORKNOEXEC: made by clone, never exec'd), its main
#   thread's 0; PPID is the process's parent; WCHAN is its own (the feeder:
#   futex_do_wait; Pool's handlers: poll_schedule_timeout, futex_do_wait,
#   anon_pipe_read).
# - TIME and %CPU (C, TIME+) of a process count all its threads (/proc/PID/
#   stat is the whole group's), and so does its main thread's row under
#   ps -L and top -H: procps reads a group's leader from /proc/PID, not from
#   /proc/PID/task/PID (its own 3 ticks above, yet it shows 00:00:01 and
#   0:01.24); another thread's row shows its own.
# - top counts processes on its Tasks line and every thread with H on its
#   Threads line, in the same words ("Threads:   6 total, ..."); with H each
#   thread is a row, its TID in the PID column.

PY=$(python3 -c 'import sys; print(sys.executable)')
# 1. a Queue's feeder (Q), a Pool(4)'s three handler threads (P)
"$PY" -c '
import multiprocessing as mp, time
if __name__ == "__main__":
    q = mp.Queue()
    q.put(1)          # the first put starts the feeder thread
    time.sleep(30)
' &
Q=$!
"$PY" -c '
import multiprocessing as mp, time
if __name__ == "__main__":
    with mp.Pool(4) as p:
        time.sleep(30)
' &
P=$!
sleep 2
echo "\$ ps -L -p Q"; ps -L -p $Q
echo "\$ ps -o pid,lwp,nlwp,stat,wchan:32,comm -L -p Q"; ps -o pid,lwp,nlwp,stat,wchan:32,comm -L -p $Q
echo "\$ ps -o pid,lwp,nlwp,stat,comm -p Q"; ps -o pid,lwp,nlwp,stat,comm -p $Q
echo "\$ ps -o stat -p Q"; ps -o stat -p $Q
echo "\$ ps -L -o pid,lwp,nlwp,stat,wchan:32,comm -p P"; ps -L -o pid,lwp,nlwp,stat,wchan:32,comm -p $P
echo "\$ ps -eLf (header, Q's rows)"; ps -eLf | head -1; ps -eLf | awk -v q=$Q '$2==q' | cut -c1-80
echo "\$ ps -eLl (header, Q's rows)"; ps -eLl | head -1; ps -eLl | awk -v q=$Q '$4==q'
echo "\$ ps -eLlf (header)"; ps -eLlf | head -1
echo "\$ ps -L u -p Q (header)"; ps -L u -p $Q | head -1
echo "\$ top -b -n 1 -p Q,P (Tasks line, rows)"; top -b -n 1 -w 100 -p $Q,$P | sed -n '2p;7,$p'
echo "\$ top -H -b -n 1 -p Q,P (Threads line, rows)"; top -H -b -n 1 -w 100 -p $Q,$P | sed -n '2p;7,$p'
kill $Q $P; wait
# 2. a thread that computes while the main thread sleeps: whose TIME?
"$PY" -c '
import threading, time
def spin():
    end = time.process_time() + 1.2
    while time.process_time() < end: pass
    time.sleep(30)
threading.Thread(target=spin).start()
time.sleep(30)
' &
B=$!
sleep 5
for f in /proc/$B/stat /proc/$B/task/*/stat; do echo "$f utime stime: $(awk '{print $14, $15}' $f)"; done
echo "\$ ps -o pid,nlwp,stat,time -p B"; ps -o pid,nlwp,stat,time -p $B
echo "\$ ps -L -o pid,lwp,stat,time,c -p B"; ps -L -o pid,lwp,stat,time,c -p $B
echo "\$ top -H -b -n 1 -p B"; top -H -b -n 1 -w 100 -p $B | sed -n '7,$p'
kill $B; wait
# 3. s, l and + together: python3 leading a session on a terminal, with a feeder
script -qc "exec $PY -c 'import multiprocessing as mp, time, os, subprocess
q = mp.Queue(); q.put(1); time.sleep(0.5)
subprocess.run([\"ps\",\"-L\",\"-o\",\"pid,lwp,sid,tpgid,nlwp,stat,comm\",\"-p\",str(os.getpid())])
os.nice(5); subprocess.run([\"ps\",\"-o\",\"ni,stat\",\"-p\",str(os.getpid())])'" /dev/null | sed -E 's/^ *[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+/  (ids)/'
