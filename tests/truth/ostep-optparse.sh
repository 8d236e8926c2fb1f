#!/bin/sh
# ostep-optparse.sh DIR: records how OSTEP's tools read their options
# (Python's optparse) for each case of tests/golden/homework/optparse/cases.txt:
# NAME.txt is the tool's standard output, then its standard error, then
# "exit status N". DIR holds scheduler.py, process-run.py, fork.py and
# multi.py, from https://github.com/remzi-arpacidusseau/ostep-homework
# (cpu-sched/, cpu-intro/, cpu-api/, cpu-sched-multi/); they are not in this
# repository. tests/homework_optparse.sh compares procsim with the records.
#
# What it showed (ostep-homework 6c6cfc7, CPython 3.11.7): the recorded
# cases; and optparse_fuzz.py (seeds 1 and 2: 600 and 1,500 argument lists
# drawn from each tool's options, abbreviations, clusters and odd values:
# 0x1f, 010, 08, 1_0, ' 5', 0.5_0, x) found 1,175 that end in optparse's
# help or one of its errors, all byte for byte procsim's, exit status
# included (2 for an error).
set -eu
tools=$(cd "$1" && pwd)
dir=$(cd "$(dirname "$0")/../golden/homework/optparse" && pwd)
grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
	name=${line%%:*}
	rest=${line#*: }
	tool=${rest%% *}
	args=${rest#"$tool"}
	eval "set -- $args"
	status=0
	python3 "$tools/$tool.py" "$@" > "$dir/$name.txt" 2> "$dir/$name.err" || status=$?
	cat "$dir/$name.err" >> "$dir/$name.txt"
	rm "$dir/$name.err"
	echo "exit status $status" >> "$dir/$name.txt"
done
