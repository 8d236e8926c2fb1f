#!/bin/sh
# fidelity.sh PROCSIM SOURCE_ROOT: each program of tests/fidelity/ (NAME.py),
# recorded on a real machine (NAME.psimrec, made by record-all.sh), against
# its scenario (tests/fidelity/NAME.psim, else scenarios/seeds/NAME.psim):
# `procsim compare` must find the same forks, exits (codes and signals) and
# reaps (by whom), process by process in the process tree, each within its
# tolerance (100 ms or two of the scenario's ticks), times counted from the
# command's first fork. Needs no ptrace: the recordings are stored.
set -u
P=$1
ROOT=$2
export LANGUAGE=C LC_ALL=C.UTF-8
failures=0 n=0
for rec in "$ROOT"/tests/fidelity/*.psimrec; do
	name=$(basename "$rec" .psimrec)
	psim=$ROOT/tests/fidelity/$name.psim
	[ -f "$psim" ] || psim=$ROOT/scenarios/seeds/$name.psim
	n=$((n + 1))
	if out=$("$P" compare "$rec" "$psim" 2>&1) && echo "$out" | grep -q '^They agree'; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "$out" | sed 's/^/# /'
		failures=$((failures + 1))
	fi
done
echo "1..$n"
[ "$n" -gt 0 ] && [ "$failures" -eq 0 ]
