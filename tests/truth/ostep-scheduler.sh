#!/bin/sh
# ostep-scheduler.sh SCHEDULER_PY: records the output of OSTEP's
# cpu-sched/scheduler.py for each case of tests/golden/homework/cases.txt,
# the truth `procsim homework scheduler` is compared with (tests/homework.sh).
# scheduler.py is not in this repository: take it from
# https://github.com/remzi-arpacidusseau/ostep-homework (cpu-sched/).
#
# What it showed (ostep-homework 4b15aad, CPython 3.11.7, 2026-12-07): the
# recorded cases, and 453 more (seeds 0-150 under FIFO, SJF and RR, 1-9 jobs,
# quanta 1-4) compared in a loop, all byte for byte the same as procsim's.
set -eu
tool=$1
dir=$(cd "$(dirname "$0")/../golden/homework" && pwd)
grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
	name=${line%%:*}
	args=${line#*:}
	# shellcheck disable=SC2086 # the arguments are words
	python3 "$tool" $args > "$dir/$name.txt"
done
