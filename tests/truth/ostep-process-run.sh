#!/bin/sh
# ostep-process-run.sh PROCESS_RUN_PY [PROCSIM]: records the output of OSTEP's
# cpu-intro/process-run.py for each case of
# tests/golden/homework/process-run/cases.txt, the truth `procsim homework
# process-run` is compared with (tests/homework_processrun.sh). With PROCSIM,
# records nothing: compares procsim with the tool on many more cases (seeds
# 0-99, two to four processes, every -S/-I pair, -L 1 to 6) and prints the
# cases that differ. process-run.py is not in this repository: take it from
# https://github.com/remzi-arpacidusseau/ostep-homework (cpu-intro/).
#
# What it showed (ostep-homework 6c6cfc7, CPython 3.11.7): the recorded
# cases, and the 800 cases of the comparison (and 600 more drawn at random: up to
# seven processes, -P programs, -L 1 to 9), byte for byte the same as
# procsim's.
set -eu
tool=$1
dir=$(cd "$(dirname "$0")/../golden/homework/process-run" && pwd)
if [ $# -lt 2 ]; then
	grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
		name=${line%%:*}
		args=${line#*:}
		# shellcheck disable=SC2086 # the arguments are words
		python3 "$tool" $args > "$dir/$name.txt"
	done
	exit 0
fi
procsim=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
for seed in $(seq 0 99); do
	for S in SWITCH_ON_IO SWITCH_ON_END; do
		for I in IO_RUN_LATER IO_RUN_IMMEDIATE; do
			L=$((seed % 6 + 1))
			case $((seed % 3)) in
			0) list=3:50,4:50 ;;
			1) list=5:30,2:80,4:60 ;;
			*) list=4:40,4:60,3:20,5:90 ;;
			esac
			for extra in "" "-c -p"; do
				args="-s $seed -l $list -L $L -S $S -I $I $extra"
				n=$((n + 1))
				# shellcheck disable=SC2086
				python3 "$tool" $args > "$tmp/want"
				# shellcheck disable=SC2086
				"$procsim" homework process-run $args > "$tmp/got" 2>&1 || true
				cmp -s "$tmp/want" "$tmp/got" || { echo "differs: $args"; bad=$((bad + 1)); }
			done
		done
	done
done
echo "$n cases, $bad differ"
[ "$bad" -eq 0 ]
