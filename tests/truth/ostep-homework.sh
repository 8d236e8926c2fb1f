#!/bin/sh
# ostep-homework.sh TOOL_PY: records the output of one of OSTEP's homework
# simulators (lottery.py or mlfq.py) for each case of
# tests/golden/homework/TOOL/cases.txt, the truth `procsim homework TOOL`
# is compared with (tests/homework.sh). The tools are not in this
# repository: take them from https://github.com/remzi-arpacidusseau/ostep-homework
# (cpu-sched-lottery/, cpu-sched-mlfq/).
#
# What it showed (ostep-homework 6c6cfc7, CPython 3.11.7, 2026-12-07): the
# recorded cases, and 2,300 more drawn at random (lottery: seeds, 1-8 jobs
# or -l lists, -m, -T, quanta 1-5; mlfq: seeds, 1-5 queues by -n/-q/-a or
# -Q/-A, random jobs or -l lists with arrivals and I/O, -B, -i, -S, -I)
# compared in a loop, all byte for byte the same as procsim's.
set -eu
tool=$1
name=$(basename "$tool" .py)
dir=$(cd "$(dirname "$0")/../golden/homework/$name" && pwd)
grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
	case=${line%%:*}
	args=${line#*:}
	# shellcheck disable=SC2086 # the arguments are words
	python3 "$tool" $args > "$dir/$case.txt"
done
