#!/bin/sh
# subprocess_run.sh: what subprocess.run() does in CPython 3.11 on Linux:
# which call makes the child, what the parent is doing while the child
# execs, what ps shows of the child before and after, the returncode, and
# the texts of CalledProcessError (check=True) and FileNotFoundError.
# procsim: `subprocess.run` (sim/user/exec.c, x_subprocess), vfork in
# sim/kernel/proc.c (proc_vfork_wait), scenarios/subprocess-run.psim.
# Ran on Linux 6.18.44, CPython 3.11.7 (the real binary, not pyenv's shim),
# strace 6.1, 2026-12-07:
#
# 1. strace -f: pipe2([3, 4], O_CLOEXEC) (the error pipe), then vfork();
#    the child closes 3 and tries execve along PATH (ENOENT each time) until
#    /usr/bin/sleep; the parent's vfork returns only then ("vfork resumed"
#    after the child's execve is under way), it reads the error pipe (0
#    bytes: the exec worked) and sleeps in wait4(pid) until the exit.
#    (No clone(CLONE_VM|CLONE_VFORK), no fork: _posixsubprocess uses vfork
#    when there is no preexec_fn and no uid/gid/groups change.)
# 2. With the child's execve held for 0.6 s (strace's delay_enter), the
#    parent, sampled from /proc every ~20 ms (count, state, wchan | child):
#       21 1 S hrtimer_nanosleep |
#       36 23 D kernel_clone | python3 t ptrace_stop /root/.pyenv/versions/3.11.7/bin/python3 vf_main.py
#       22 59 S do_wait | sleep S hrtimer_nanosleep /bin/sleep 0.5
#    The parent is D in kernel_clone (wait_for_vfork_done, TASK_KILLABLE)
#    while the child execs; the child is python3 with the parent's command
#    line until the exec, then sleep; the parent then sleeps in do_wait.
#    (The child's t is strace holding it, not part of the real run.)
# 3. CompletedProcess(args=['sh', '-c', 'exit 3'], returncode=3)
#    3
#    caught: Command '['sh', '-c', 'exit 3']' returned non-zero exit status 3.
#    caught: FileNotFoundError(2, 'No such file or directory') | [Errno 2] No such file or directory: 'nosuchcmd'
#    -15
#    caught: Command '['sh', '-c', 'kill -TERM $$']' died with <Signals.SIGTERM: 15>.
#    returncode with SIGCHLD ignored: 0
#    Traceback (most recent call last):
#      ...
#    subprocess.CalledProcessError: Command '['sh', '-c', 'exit 3']' returned non-zero exit status 3.
#    rc=1
# 4. The command that does not exist: the child writes "OSError:2:" to the
#    error pipe and exit_group(255); the parent's vfork returns, it reads
#    the pipe, wait4 reaps the child (WEXITSTATUS 255), then raises.
PY=$(python3 -c 'import sys; print(sys.executable)')
case "$PY" in *shims*) PY=$(pyenv which python3) ;; esac
D=$(mktemp -d) || exit 1
cd "$D" || exit 1

echo "== 1. the calls"
strace -f -qq -e trace=pipe2,vfork,clone,clone3,fork,execve,wait4,exit_group -o calls.txt \
	"$PY" -c 'import subprocess; subprocess.run(["sleep", "0.2"])'
grep -v "^[0-9]* execve(\"$PY\"" calls.txt

echo "== 2. the parent while the child execs"
cat > vf_main.py <<'PYEOF'
import os, subprocess, time
open("pid", "w").write(str(os.getpid()))
time.sleep(0.3)
subprocess.run(["/bin/sleep", "0.5"])
PYEOF
strace -f -qq -e trace=execve -e inject=execve:delay_enter=600000:when=1 -o /dev/null "$PY" vf_main.py &
while [ ! -s pid ]; do sleep 0.01; done
P=$(cat pid)
for i in $(seq 80); do
	s=$(awk '{print $3}' /proc/$P/stat 2>/dev/null) || break
	w=$(cat /proc/$P/wchan 2>/dev/null)
	cc=""
	for k in $(cat /proc/$P/task/$P/children 2>/dev/null); do
		cc="$cc $(tr -d '\n' < /proc/$k/comm) $(awk '{print $3}' /proc/$k/stat) $(cat /proc/$k/wchan) $(tr '\0' ' ' < /proc/$k/cmdline)"
	done
	echo "$i $s $w |$cc"
	sleep 0.01
done | uniq -f1 -c
wait

echo "== 3. returncode, check=True, a command that does not exist"
"$PY" - <<'PYEOF'
import signal, subprocess
r = subprocess.run(["sh", "-c", "exit 3"])
print(repr(r))
print(r.returncode)
try:
    subprocess.run(["sh", "-c", "exit 3"], check=True)
except subprocess.CalledProcessError as e:
    print("caught:", e)
try:
    subprocess.run(["nosuchcmd", "x"])
except FileNotFoundError as e:
    print("caught:", repr(e), "|", e)
print(subprocess.run(["sh", "-c", "kill -TERM $$"]).returncode)
try:
    subprocess.run(["sh", "-c", "kill -TERM $$"], check=True)
except subprocess.CalledProcessError as e:
    print("caught:", e)
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
print("returncode with SIGCHLD ignored:", subprocess.run(["sh", "-c", "exit 3"]).returncode)
signal.signal(signal.SIGCHLD, signal.SIG_DFL)
subprocess.run(["sh", "-c", "exit 3"], check=True)
PYEOF
echo "rc=$?"

echo "== 4. the command that does not exist, under strace"
strace -f -qq -e trace=vfork,execve,wait4,write,read,exit_group -o nf.txt \
	"$PY" -c 'import subprocess
try: subprocess.run(["nosuchcmd", "x"], env={"PATH": "/usr/bin:/bin"})
except OSError as e: print(e)'
tail -8 nf.txt
rm -rf "$D"
