#!/bin/sh
# homework.sh PROCSIM SOURCE_ROOT: `procsim homework scheduler`, `lottery`
# and `mlfq` print what OSTEP's scheduler.py, lottery.py and mlfq.py print,
# byte for byte, for every recorded case (tests/golden/homework/, and its
# lottery/ and mlfq/), and refuse bad input with one message and a non-zero
# status.
set -u
procsim=$1
dir=$2/tests/golden/homework
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }
# cases TOOL DIR: each line "NAME: ARGS" of DIR/cases.txt against DIR/NAME.txt
cases() {
	grep -v '^#' "$2/cases.txt" > "$tmp/cases"
	while IFS= read -r line; do
		name=${line%%:*}
		args=${line#*:}
		checks=$((checks + 1))
		# shellcheck disable=SC2086 # the arguments are words
		"$procsim" homework "$1" $args > "$tmp/out" 2> "$tmp/err" || fail "$1 $name: exit status $?: $(cat "$tmp/err")"
		cmp -s "$tmp/out" "$2/$name.txt" || { fail "$1 $name: differs from $1.py's output"; diff "$2/$name.txt" "$tmp/out" | head -20; }
	done < "$tmp/cases"
}
cases scheduler "$dir"
cases lottery "$dir/lottery"
cases mlfq "$dir/mlfq"
# --json (procsim's own): the same answers as the text, as one object.
for args in "-s 1 -j 4 -p RR -q 2" "-s 3 -j 5 -p SJF" "-l 8,7,5 -p FIFO"; do
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args -c > "$tmp/text" || fail "$args -c failed"
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args -c --json > "$tmp/json" || fail "$args -c --json failed"
	checks=$((checks + 1))
	[ "$(wc -l < "$tmp/json")" -eq 1 ] || fail "$args --json: not one line"
	# each "Job k -- Response: R  Turnaround T  Wait W" is in the JSON
	sed -n 's/^  Job *\([0-9]*\) -- Response: \([0-9]*\)\.00  Turnaround \([0-9]*\)\.00  Wait \([0-9]*\)\.00$/{"job":\1,"response":\2,"turnaround":\3,"wait":\4}/p' \
		"$tmp/text" > "$tmp/want"
	[ -s "$tmp/want" ] || fail "$args: no answers in the text"
	while IFS= read -r obj; do
		checks=$((checks + 1))
		grep -qF "$obj" "$tmp/json" || fail "$args --json lacks $obj"
	done < "$tmp/want"
done
checks=$((checks + 1))
"$procsim" homework scheduler -s 1 --json | grep -q '"jobs":\[{"job":0,"length":2},' || fail "--json without -c: no question"
"$procsim" homework scheduler -s 1 --json | grep -q '"trace"' && fail "--json without -c gives the answers"

# --problems N: problem k is the problem of seed SEED+k-1, under a heading
# that is its command; the rest is byte for byte the single problem's.
checks=$((checks + 1))
"$procsim" homework scheduler -s 5 --problems 3 -j 4 -m 20 -p RR -q 2 -c > "$tmp/set" || fail "--problems failed"
for k in 1 2 3; do
	checks=$((checks + 1))
	seed=$((4 + k))
	grep -qx "=== Problem $k of 3: scheduler.py -s $seed -j 4 -m 20 -p RR -q 2 ===" "$tmp/set" ||
		fail "--problems: no heading for problem $k"
	awk -v k="$k" '/^=== Problem / { p++; getline; next } p == k' "$tmp/set" > "$tmp/one"
	"$procsim" homework scheduler -s $seed -j 4 -m 20 -p RR -q 2 -c > "$tmp/want"
	cmp -s "$tmp/one" "$tmp/want" || { fail "--problems: problem $k is not -s $seed's"; diff "$tmp/want" "$tmp/one" | head; }
done
checks=$((checks + 1))
[ "$("$procsim" homework scheduler -s 5 --problems 3 -j 4 --json | wc -l)" -eq 3 ] || fail "--problems 3 --json: not three lines"
"$procsim" homework scheduler -s 5 --problems 3 -j 4 --json | sed -n 2p | grep -q '^{"tool":"scheduler.py","problem":2,"policy":"FIFO","quantum":1,"seed":6,' ||
	fail "--problems --json: the second object is not problem 2 of seed 6"

# --markdown: the jobs as a table, and with -c the answers the text gives
for args in "-s 1 -j 4 -p RR -q 2" "-s 3 -j 5 -p SJF" "-l 8,7,5 -p FIFO"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args -c > "$tmp/text" || fail "$args -c failed"
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args -c --markdown > "$tmp/md" || fail "$args -c --markdown failed"
	sed -n 's/^  Job *\([0-9]*\) -- Response: \([0-9]*\)\.00  Turnaround \([0-9]*\)\.00  Wait \([0-9]*\)\.00$/| \1 | \2 | \3 | \4 |/p' \
		"$tmp/text" > "$tmp/want"
	awk '/^\| Job \| Response/ { a = 1 } a && /^\| [0-9]+ \| [0-9]+ \| [0-9]+ \| [0-9]+ \|$/' "$tmp/md" > "$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" || { fail "$args --markdown: answers differ from the text's"; diff "$tmp/want" "$tmp/got" | head; }
	checks=$((checks + 1))
	sed -n 's/^  Average -- Response: \([0-9.]*\)  Turnaround \([0-9.]*\)  Wait \([0-9.]*\)$/| Average | \1 | \2 | \3 |/p' \
		"$tmp/text" > "$tmp/want"
	grep '^| Average' "$tmp/md" | cmp -s - "$tmp/want" || fail "$args --markdown: the averages differ from the text's"
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args --markdown | grep -q '^| 0 | [0-9]* |$' || fail "$args --markdown: no job table"
	# shellcheck disable=SC2086
	"$procsim" homework scheduler $args --markdown | grep -q 'Answers' && fail "$args --markdown without -c gives the answers"
done

# The same seed, the same output, byte for byte, in every format
for fmt in "" --json --markdown; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$procsim" homework scheduler -s 9 --problems 4 -j 30 -m 40 -p RR -q 3 -c $fmt > "$tmp/run1"
	# shellcheck disable=SC2086
	"$procsim" homework scheduler -s 9 --problems 4 -j 30 -m 40 -p RR -q 3 -c $fmt > "$tmp/run2"
	cmp -s "$tmp/run1" "$tmp/run2" || fail "two runs of -s 9 --problems 4 $fmt differ"
done

# -s takes any 64-bit seed: --problems may count up to the largest
checks=$((checks + 1))
"$procsim" homework scheduler -s 9223372036854775806 --problems 2 > "$tmp/set" ||
	fail "-s 9223372036854775806 --problems 2 was refused"
grep -qx "=== Problem 2 of 2: scheduler.py -s 9223372036854775807 -j 3 -m 10 -p FIFO ===" "$tmp/set" ||
	fail "--problems: problem 2 of -s 9223372036854775806 is not the largest seed's"

# bad input: one message on stderr, a non-zero status, nothing half printed
for bad in "-p LOTTERY -c" "-l 2.5,3 -c" "-l 3,,4 -c" "-j 0" "-s x" "-z" "-q" "--problems 0" "--problems x" \
	"--problems 1001" "--problems 2 -l 3,4" "--json --markdown" "-j 1000001" "-s 9223372036854775808" \
	"-s 9223372036854775807 --problems 2"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework scheduler $bad > "$tmp/out" 2> "$tmp/err"; then
		fail "'$bad' was accepted"
	fi
	[ -s "$tmp/err" ] || fail "'$bad': no message on stderr"
done
# lottery.py and mlfq.py: procsim's limits and the tools' own refusals.
# Each: one message on stderr, status 2; the tools' words, where they
# have some, on stdout as they print them.
for bad in "-q 0 -c" "-l 3:0 -c" "-l 3 -c" "-l 0:5 -c" "-m 1" "-T 1" "-j 0" "-s x" "-z" "-l 9999999:1 -c"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework lottery $bad > "$tmp/out" 2> "$tmp/err"; then
		fail "lottery '$bad' was accepted"
	fi
	[ "$(wc -l < "$tmp/err")" -ge 1 ] || fail "lottery '$bad': no message on stderr"
	[ -s "$tmp/out" ] && fail "lottery '$bad': half an answer on stdout"
done
for bad in "-n 0" "-n 9" "-q 0" "-Q 10,0" "-A 1,2" "-A 0,1,1" "-a 0" "-j 0" "-m 0" "-l 0,5" "-l -1,5,0 -c" \
	"-l 0,0,0 -c" "-l 0,5,1 -i 0 -c" "-B x"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework mlfq $bad > "$tmp/out" 2> "$tmp/err"; then
		fail "mlfq '$bad' was accepted"
	fi
	[ -s "$tmp/err" ] || fail "mlfq '$bad': no message on stderr"
done
checks=$((checks + 1))
"$procsim" homework mlfq -A 1,2 > "$tmp/out" 2> /dev/null
[ "$(cat "$tmp/out")" = "number of allotments specified must match number of quantums" ] ||
	fail "mlfq -A 1,2: not mlfq.py's words"
checks=$((checks + 1))
"$procsim" homework mlfq -l 0,5 > "$tmp/out" 2> /dev/null
grep -q "^Badly formatted job string" "$tmp/out" || fail "mlfq -l 0,5: not mlfq.py's words"

checks=$((checks + 1))
"$procsim" homework nosuchtool > /dev/null 2> "$tmp/err" && fail "an unknown tool was accepted"
grep -q "scheduler, process-run, fork, multi, lottery, mlfq" "$tmp/err" || fail "the unknown tool's message does not name the tools"
echo "$checks checks"
exit $status
