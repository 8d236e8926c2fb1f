#!/bin/sh
# core_dumps.sh: does a Core signal dump core? Only when RLIMIT_CORE allows
# it; Debian's default `ulimit -c` is 0. bash's words and the wait status.
# Ran on Linux 6.18.44, bash 5.2.15, CPython 3.11.7, 2026-12-07 (ulimit -c 0,
# core_pattern "core"):
#   bash: line 1: 26359 Quit                    sh -c "kill -QUIT $$"
#   rc=131
#   bash: line 1: 26361 Quit                    (core dumped) sh -c "kill -QUIT $$"
#   rc=131                      (with ulimit -c unlimited: a file named core)
#   bash: line 1:  1318 Segmentation fault      sh -c "kill -SEGV $$"
#   rc=139
#   (1360, 11)                  (os.waitpid's status: no core flag 0x80)
# procsim: the setting core_dumps no|yes (default no), sim/kernel/proc.c.
cd "$(mktemp -d)" || exit 1
ulimit -c
bash -c 'sh -c "kill -QUIT \$\$"; echo "rc=$?"' 2>&1
bash -c 'ulimit -c unlimited; sh -c "kill -QUIT \$\$"; echo "rc=$?"' 2>&1
bash -c 'sh -c "kill -SEGV \$\$"; echo "rc=$?"' 2>&1
python3 -c 'import os, signal
pid = os.fork()
if pid == 0: os.kill(os.getpid(), signal.SIGSEGV)
print(os.waitpid(pid, 0))'
