#!/bin/sh
# check_lines.sh: run one measuring program and check what it printed, not how
# fast anything was: exactly the expected cost names, in order, each line
# "NAME median_us p10_us p90_us runs" with p10 <= median <= p90, a positive
# median and at least one run.  Usage: check_lines.sh "NAME..." COMMAND [ARGS...]
set -eu
names=$1
shift
out=$("$@") || { echo "check_lines: '$*' exited with status $?"; exit 1; }
printf '%s\n' "$out"
printf '%s\n' "$out" | awk -v names="$names" '
	BEGIN { expected = split(names, want, " ") }
	{
		n++
		num = "^[0-9]+[.][0-9]+$"
		if (NF != 5 || $2 !~ num || $3 !~ num || $4 !~ num || $5 !~ /^[0-9]+$/) {
			print "check_lines: line " n " is not NAME median p10 p90 runs: " $0; bad = 1; next
		}
		if ($1 != want[n]) { print "check_lines: line " n " is " $1 ", expected " want[n]; bad = 1 }
		if (!($2 > 0 && $3 <= $2 && $2 <= $4 && $5 >= 1)) {
			print "check_lines: line " n " is not positive with p10 <= median <= p90: " $0; bad = 1
		}
	}
	END {
		if (n != expected) { print "check_lines: " n " lines, expected " expected; bad = 1 }
		exit bad
	}'
