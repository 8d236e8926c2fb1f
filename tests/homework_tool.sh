#!/bin/sh
# homework_tool.sh PROCSIM SOURCE_ROOT TOOL: `procsim homework TOOL` prints
# what the OSTEP tool prints, byte for byte, for every recorded case of
# tests/golden/homework/TOOL/cases.txt. A case whose name ends in '!' is
# one the tool refuses: procsim prints the same and then fails, with a
# message on stderr. refused.txt lists what procsim refuses. Same input,
# same output: the default runs twice.
set -u
procsim=$1
tool=$3
dir=$2/tests/golden/homework/$tool
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
	"$procsim" homework "$tool" $args > "$tmp/out" 2> "$tmp/err"
	rc=$?
	case $name in
	*!)
		name=${name%!}
		[ $rc -ne 0 ] || fail "$name: accepted"
		[ -s "$tmp/err" ] || fail "$name: no message on stderr" ;;
	*)
		[ $rc -eq 0 ] || fail "$name: exit status $rc: $(cat "$tmp/err")" ;;
	esac
	cmp -s "$tmp/out" "$dir/$name.txt" || { fail "$name: differs from $tool.py's output"; diff "$dir/$name.txt" "$tmp/out" | head -20; }
done < "$tmp/cases"
# refused.txt: arguments procsim refuses (where the tool would loop, crash
# or make a tree with two processes of one name, or what procsim cannot
# answer yet): a message on stderr and a non-zero status.
while IFS= read -r args; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework "$tool" $args > "$tmp/out" 2> "$tmp/err"; then
		fail "'$args' was accepted"
	fi
	[ "$(wc -l < "$tmp/err")" -ge 1 ] || fail "'$args': no message on stderr"
done < "$dir/refused.txt"
# deterministic, also where the tool is not (fork.py without -s)
checks=$((checks + 1))
"$procsim" homework "$tool" > "$tmp/a" 2>&1
"$procsim" homework "$tool" > "$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b" || fail "two runs without -s differ"
echo "$checks checks"
exit $status
