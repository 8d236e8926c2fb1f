#!/bin/sh
# homework.sh PROCSIM SOURCE_ROOT: `procsim homework scheduler` prints what
# OSTEP's scheduler.py prints, byte for byte, for every recorded case
# (tests/golden/homework/), and refuses bad input with one message and a
# non-zero status.
set -u
procsim=$1
dir=$2/tests/golden/homework
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }
grep -v '^#' "$dir/cases.txt" > "$tmp/cases"
while IFS= read -r line; do
	name=${line%%:*}
	args=${line#*:}
	checks=$((checks + 1))
	# shellcheck disable=SC2086 # the arguments are words
	"$procsim" homework scheduler $args > "$tmp/out" 2> "$tmp/err" || fail "$name: exit status $?: $(cat "$tmp/err")"
	cmp -s "$tmp/out" "$dir/$name.txt" || { fail "$name: differs from scheduler.py's output"; diff "$dir/$name.txt" "$tmp/out" | head -20; }
done < "$tmp/cases"
# bad input: one message on stderr, a non-zero status, nothing half printed
for bad in "-p LOTTERY -c" "-l 2.5,3 -c" "-l 3,,4 -c" "-j 0" "-s x" "-z" "-q"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework scheduler $bad > "$tmp/out" 2> "$tmp/err"; then
		fail "'$bad' was accepted"
	fi
	[ -s "$tmp/err" ] || fail "'$bad': no message on stderr"
done
checks=$((checks + 1))
"$procsim" homework nosuchtool > /dev/null 2> "$tmp/err" && fail "an unknown tool was accepted"
grep -q "scheduler" "$tmp/err" || fail "the unknown tool's message does not name the tools"
echo "$checks checks"
exit $status
