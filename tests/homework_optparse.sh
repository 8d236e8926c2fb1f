#!/bin/sh
# homework_optparse.sh PROCSIM SOURCE_ROOT: every homework tool reads its
# options as Python's optparse does and answers as it does: clusters (-cs 3,
# -tcF), abbreviations (--se, and the ambiguous --j), "--", arguments left
# alone, int() in optparse's radix (010 is 8), float(), and the errors'
# words. Each case of tests/golden/homework/optparse/cases.txt: standard
# output, standard error and exit status, byte for byte the tool's
# (tests/truth/ostep-optparse.sh recorded them).
set -u
procsim=$1
dir=$2/tests/golden/homework/optparse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }
grep -v '^#' "$dir/cases.txt" > "$tmp/cases"
while IFS= read -r line; do
	name=${line%%:*}
	rest=${line#*: }
	tool=${rest%% *}
	args=${rest#"$tool"}
	checks=$((checks + 1))
	eval "set -- $args"
	rc=0
	"$procsim" homework "$tool" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
	cat "$tmp/err" >> "$tmp/out"
	echo "exit status $rc" >> "$tmp/out"
	cmp -s "$tmp/out" "$dir/$name.txt" || { fail "$name: differs from optparse's answer"; diff "$dir/$name.txt" "$tmp/out" | head -20; }
done < "$tmp/cases"
# procsim's own limit comes after optparse's reading: a mistake further on
# is optparse's, -h still helps, and then one message of procsim's.
checks=$((checks + 1))
"$procsim" homework scheduler -s 9999999999 -j x > /dev/null 2> "$tmp/err" && fail "-s 9999999999 -j x accepted"
grep -q "invalid integer value: 'x'" "$tmp/err" || fail "-s 9999999999 -j x: not optparse's error about -j"
checks=$((checks + 1))
"$procsim" homework fork -a 9999999999 -h > "$tmp/out" || fail "-a 9999999999 -h: no help"
grep -q '^Usage: fork.py' "$tmp/out" || fail "-a 9999999999 -h: not fork.py's help"
for args in "--job_num=9999999999|--job_num 9999999999" "-s 9223372036854775808|-s 9223372036854775808"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$procsim" homework multi ${args%|*} > "$tmp/out" 2> "$tmp/err" && fail "${args%|*} accepted"
	[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q -- "${args#*|}" "$tmp/err" || fail "${args%|*}: not one message naming it"
	[ -s "$tmp/out" ] && fail "${args%|*}: something on stdout"
done
# a seed is any 64-bit number, as random.seed takes it
checks=$((checks + 1))
"$procsim" homework multi -s 9223372036854775807 -s -9223372036854775807 > /dev/null || fail "the largest seeds refused"
echo "$checks checks"
exit $status
