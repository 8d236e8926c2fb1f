#!/bin/sh
# ostep-multi.sh MULTI_PY: records the output of OSTEP's
# cpu-sched-multi/multi.py for each case of
# tests/golden/homework/multi-kernel/cases.txt, the truth procsim's `multi`
# policy (sim/kernel/sched_multi.c) is compared with, tick by tick
# (tests/test_multi.c). multi.py is not in this repository: take it from
# https://github.com/remzi-arpacidusseau/ostep-homework (cpu-sched-multi/).
#
# What it showed (ostep-homework 6c6cfc7, CPython 3.11.7): the recorded
# cases. `multi.py -s 22 -j 5 -R 300 -W 50 -n 4 -p -A 0:3,2:1.2` never ends:
# its steal_jobs moves job 2 to CPU 0, where it may not run, as it tests
# `cpu in self.jobs[job_name]` (the whole record) for the job's affinity.
set -eu
tool=$1
dir=$(cd "$(dirname "$0")/../golden/homework/multi-kernel" && pwd)
grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
	name=${line%%:*}
	args=${line#*:}
	# shellcheck disable=SC2086 # the arguments are words
	python3 "$tool" $args > "$dir/$name.txt"
done
