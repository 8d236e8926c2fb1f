#!/bin/sh
# ostep-record.sh TOOL_PY NAME: records the output of one of OSTEP's
# homework simulators (fork.py, multi.py) for each case of
# tests/golden/homework/NAME/cases.txt, the truth `procsim homework NAME` is
# compared with (tests/homework_tool.sh). The tools are not in this
# repository: take them from https://github.com/remzi-arpacidusseau/ostep-homework
# (cpu-api/fork.py, cpu-sched-multi/multi.py).
#
# What it showed (ostep-homework 6c6cfc7, CPython 3.11.7): the recorded
# cases, and for fork.py 1,208 more (seeds 0-150, each print style, with
# -a 20 to 200, -f 0.3 to 0.9, -L, -R, -t, -F and -c) compared in a loop,
# all byte for byte the same as procsim's; for multi.py (with -c, -t, -T,
# -C, -S measured on the kernel's policy multi) 1,500 random runs of
# tests/truth/multi_random.py (seed 2): 1,429 the same, none different, 70
# refused (69 where the tool fails: docs/homework.md).
set -eu
tool=$1
dir=$(cd "$(dirname "$0")/../golden/homework/$2" && pwd)
grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
	name=${line%%:*}
	name=${name%!}
	args=${line#*:}
	# shellcheck disable=SC2086 # the arguments are words
	python3 "$tool" $args > "$dir/$name.txt" || true
done
