#!/bin/sh
# stats_cli.sh PROCSIM SOURCE_ROOT: `procsim stats`, `compare` and the run
# options as a user meets them: the textbook numbers through --jobs in every
# output format, the compare table (cross product order, labels, best marks,
# formats), the overrides on every run-like command, usage errors (exit 2),
# and -o files. Prints one line per failed check; exits 1 if any failed.
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ]; then
	echo "usage: stats_cli.sh PATH/TO/procsim SOURCE_ROOT" >&2
	exit 2
fi
case $1 in
/*) P=$1 ;;
*) P=$(pwd)/$1 ;;
esac
ROOT=$(cd "$2" && pwd)

export LANGUAGE=C LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 2

failures=0 checks=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
# expect_status WANT CMD...: the exit status of CMD (output in $T/out, $T/err)
expect_status() {
	want=$1
	shift
	checks=$((checks + 1))
	"$@" > "$T/out" 2> "$T/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$* exited $got, want $want: $(head -c 300 "$T/err")"
}
# has FILE TEXT: FILE contains TEXT (a fixed string)
has() {
	checks=$((checks + 1))
	grep -qF -- "$2" "$1" || fail "no '$2' in $1: $(head -c 600 "$1")"
}
hasnt() {
	checks=$((checks + 1))
	! grep -qF -- "$2" "$1" || fail "'$2' in $1"
}

# ---- stats: textbook numbers ------------------------------------------------------

expect_status 0 "$P" stats --jobs 100,200,300 --policy fifo --json
for f in '"name":"job0","job":true' '"turnaround":100,' '"turnaround":300,' '"turnaround":600,' \
	'"averages":{"processes":3,"turnaround":333.3333' '"makespan":600' '"policy":"fifo"'; do
	has "$T/out" "$f"
done
expect_status 0 "$P" stats --jobs 200,200,200 --policy rr --quantum 1 --json
for f in '"exit":598' '"exit":599' '"exit":600' '"quantum":1'; do has "$T/out" "$f"; done
expect_status 0 "$P" stats --jobs 0:100,10:10,10:10 --policy stcf --csv
has "$T/out" "pid,name,job,nice,demand,arrival,first_run,exit,reap,turnaround,response,wait,cpu"
has "$T/out" "3,job0,1,0,100,0,0,120,120,120,0,20,100"
has "$T/out" "4,job1,1,0,10,10,10,20,20,10,0,0,10"
has "$T/out" "5,job2,1,0,10,10,20,30,30,20,10,10,10"
expect_status 0 "$P" stats --jobs 100,200,300 --policy fifo --format csv
has "$T/out" "job2"
expect_status 0 "$P" stats --jobs 100,200,300 --policy fifo
has "$T/out" "average"
has "$T/out" "333.33"
has "$T/out" "makespan"
has "$T/out" "load average"
has "$T/out" "CPU0"
has "$T/out" "600 ticks (60.0s), ran to the end"
hasnt "$T/out" "init"
expect_status 0 "$P" stats --jobs 100,200,300 --lang zh_CN
has "$T/out" "运行到结束"
expect_status 0 "$P" stats "$ROOT/scenarios/textbook/stcf-ostep.psim" --json
has "$T/out" '"name":"B","job":true,"nice":0,"demand":10,"arrival":10,"first_run":10,"exit":20'

# ---- overrides on every run-like command ----------------------------------------------

expect_status 0 "$P" run --jobs 5,5 --policy fifo --cpus 2 --switch-cost 1
has "$T/out" "2 CPU(s), policy fifo"
expect_status 0 "$P" ps --jobs 5,5 --at 1 --policy sjf --json
has "$T/out" '"processes"'
expect_status 0 "$P" stats --jobs 5,5 --switch-cost 2 --json
has "$T/out" '"switch_cost":2'
expect_status 0 "$P" plot --jobs 5,5 --cpus 3 -o "$T/p.svg"
has "$T/p.svg" "3 CPU(s)"
expect_status 2 "$P" stats --jobs 5,5 --policy fifi
has "$T/err" "did you mean 'fifo'"
expect_status 2 "$P" stats --jobs 5,5 --policy rr,fifo
has "$T/err" "lists are for compare"
expect_status 2 "$P" run --jobs 5,5 --quantum 0
expect_status 2 "$P" run --jobs 5,5 --cpus 65
expect_status 2 "$P" run --jobs 5,5 --switch-cost -1
# Duration options take the scenario language's units, in the scenario's
# ticks; a bare number is ticks (`--quantum 2s` was refused: issue 11, item 8).
printf 'tick 10ms\njob A arrives 0, runs 30\njob B arrives 0, runs 30\n' > t10.psim
expect_status 0 "$P" stats --jobs 30,20 --quantum 2s --switch-cost 100ms --json
has "$T/out" '"quantum":20,'
has "$T/out" '"switch_cost":1,'
for q in 50ms 5t '5 ticks' 5 0.05s; do
	expect_status 0 "$P" stats t10.psim --quantum "$q" --json
	has "$T/out" '"quantum":5,'
done
expect_status 0 "$P" run t10.psim --quantum 1min --switch-cost 2t --format jsonl
expect_status 0 "$P" compare t10.psim --quantum 20ms,3t,1 --format csv
[ "$(cut -d, -f1 "$T/out" | tr '\n' '|')" = "label|q=2|q=3|q=1|" ] || fail "compare --quantum in units: $(cat "$T/out")"
expect_status 0 "$P" ps t10.psim --at 5t
has "$T/out" "t=5 (0.05s)"
expect_status 2 "$P" stats t10.psim --quantum 2parsecs
has "$T/err" "--quantum needs a duration"
has "$T/err" "'2parsecs'"
expect_status 2 "$P" stats t10.psim --quantum 1.5
has "$T/err" "--quantum needs a duration"
expect_status 2 "$P" stats t10.psim --quantum 0s
has "$T/err" "--quantum 0s is 0 ticks of 0.01s here: it must be from 1 to 1000000 ticks"
expect_status 2 "$P" stats t10.psim --switch-cost 11s
has "$T/err" "--switch-cost 11s is 1100 ticks of 0.01s here: it must be from 0 to 1000 ticks"
expect_status 2 "$P" compare t10.psim --quantum 1,0ms
has "$T/err" "--quantum 0ms is 0 ticks"
expect_status 2 "$P" stats --jobs 5,,5
has "$T/err" "--jobs needs"
expect_status 2 "$P" stats --jobs 1:0
expect_status 2 "$P" stats "$ROOT/scenarios/demo.psim" --jobs 5
has "$T/err" "not both"
expect_status 2 "$P" stats --jobs 5 --json --csv
expect_status 2 "$P" stats --jobs 5 --format markdown
expect_status 2 "$P" run --jobs 5 --format json
expect_status 2 "$P" compare
has "$T/err" "compare needs"

# ---- one end tick in every output -----------------------------------------------------
# A run that ends by itself ends at its last event: the text trace, the JSON
# Lines, stats and ps past the end all name that tick (done, stuck, limit).
for f in "$ROOT"/scenarios/zombie-busy-parent.psim "$ROOT"/scenarios/seeds/lock-acquire-twice.psim \
	"$ROOT"/scenarios/textbook/stcf-ostep.psim; do
	checks=$((checks + 1))
	text=$("$P" run "$f" | sed -n 's/^# t=\([0-9]*\) .*/\1/p' | head -n 1)
	jsonl=$("$P" run "$f" --format jsonl | tail -n 1 | sed -n 's/^{"t":\([0-9]*\),"event":"end".*/\1/p')
	stats=$("$P" stats "$f" | sed -n 's/^elapsed  *\([0-9]*\) ticks.*/\1/p')
	ps=$("$P" ps "$f" --at 100000000 | head -n 1 | sed -n 's/.* t=\([0-9]*\) .*/\1/p')
	psjson=$("$P" ps "$f" --at 100000000 --json | sed -n 's/^{"t":\([0-9]*\),.*/\1/p')
	[ -n "$text" ] && [ "$text" = "$jsonl" ] && [ "$text" = "$stats" ] && [ "$text" = "$ps" ] && [ "$text" = "$psjson" ] ||
		fail "end tick of $(basename "$f"): text '$text', jsonl '$jsonl', stats '$stats', ps '$ps', ps json '$psjson'"
done

# ---- compare ------------------------------------------------------------------------

# fifo and sjf never read the quantum: one row per CPU count, no "q=".
expect_status 0 "$P" compare --jobs 100,200,300 --policy fifo,sjf,rr --quantum 1,2,4 --cpus 1,2 --format csv
checks=$((checks + 1))
[ "$(wc -l < "$T/out")" -eq 11 ] || fail "compare sweep: $(wc -l < "$T/out") lines, want 1 + 2 + 2 + 6"
checks=$((checks + 1))
labels=$(cut -d, -f1 "$T/out" | tr '\n' '|')
want="label|fifo cpus=1|fifo cpus=2|sjf cpus=1|sjf cpus=2|rr q=1 cpus=1|rr q=1 cpus=2|rr q=2 cpus=1|rr q=2 cpus=2|rr q=4 cpus=1|rr q=4 cpus=2|"
[ "$labels" = "$want" ] || fail "compare sweep order: $labels"
# The scenario's own policy decides when --policy is absent.
printf 'policy fifo\njob A runs 30\njob B runs 20\n' > fifo.psim
expect_status 0 "$P" compare fifo.psim --quantum 1,5 --format csv
checks=$((checks + 1))
[ "$(cut -d, -f1 "$T/out" | tr '\n' '|')" = "label|fifo|" ] || fail "fifo scenario swept over the quantum: $(cat "$T/out")"
expect_status 0 "$P" compare --jobs 30,20 --quantum 1,5 --format csv
checks=$((checks + 1))
[ "$(cut -d, -f1 "$T/out" | tr '\n' '|')" = "label|q=1|q=5|" ] || fail "rr quantum sweep labels: $(cat "$T/out")"

expect_status 0 "$P" compare --jobs 300,100,200 --policy fifo,sjf
has "$T/out" "VARIANT"
has "$T/out" "433.33 "
has "$T/out" "333.33*"
expect_status 0 "$P" compare --jobs 300,100,200 --policy fifo,sjf --format markdown
has "$T/out" "| :-- | --: |"
has "$T/out" "**333.33**"
expect_status 0 "$P" compare --jobs 300,100,200 --policy fifo,sjf --format json
has "$T/out" '{"time_unit":"tick","variants":[{"label":"fifo"'
has "$T/out" '"best":["avg_turnaround","avg_wait","avg_response"'
# Tick lengths that differ: times in seconds, so that 44 ticks of 100 ms
# (4.4 s) are not the best against 76 ticks of 10 ms (0.76 s).
printf 'tick 100ms\njob A runs 44\n' > slow.psim
printf 'tick 10ms\njob B runs 76\n' > fast.psim
expect_status 0 "$P" compare slow.psim fast.psim
has "$T/out" "# times in seconds"
checks=$((checks + 1))
grep -qE '^fast +0\.760\*' "$T/out" && grep -qE '^slow +4\.400 ' "$T/out" || fail "mixed ticks: $(cat "$T/out")"
expect_status 0 "$P" compare slow.psim fast.psim --format csv
checks=$((checks + 1))
[ "$(sed -n 3p "$T/out" | cut -d, -f7,15)" = "0.760,s" ] || fail "mixed ticks, csv: $(cat "$T/out")"
expect_status 0 "$P" compare slow.psim fast.psim --json
has "$T/out" '{"time_unit":"s","variants":'
expect_status 0 "$P" compare --jobs 300,100,200 --policy fifo,sjf --json
has "$T/out" '"variants"'
expect_status 2 "$P" compare --jobs 5 --format jsonl

expect_status 0 "$P" compare "$ROOT"/scenarios/join/*.psim --cpus 1
for f in 1-serial-sleep 2-start-all-sleep 3-never-join-sleep 4-daemon-sleep 5-join-timeout-sleep 6-pool2-sleep; do
	has "$T/out" "$f"
done
# On one CPU, starting all children wins only when they sleep.
checks=$((checks + 1))
ser=$(awk '$1 == "1-serial-compute" {print $2}' "$T/out")
all=$(awk '$1 == "2-start-all-compute" {print $2}' "$T/out")
sser=$(awk '$1 == "1-serial-sleep" {print $2}' "$T/out")
sall=$(awk '$1 == "2-start-all-sleep" {print $2}' "$T/out")
[ "$ser" = "60" ] && [ "$all" = "60" ] && [ "$sser" = "60" ] && [ "$sall" = "30" ] ||
	fail "join makespans on one CPU: serial/start-all compute $ser/$all, sleep $sser/$sall"
expect_status 0 "$P" compare "$ROOT"/scenarios/join/*.psim --cpus 2
checks=$((checks + 1))
all2=$(awk '$1 == "2-start-all-compute" {print $2}' "$T/out")
[ "${all2%\*}" -lt 60 ] || fail "start-all-compute on two CPUs: makespan $all2, want < 60"

# ---- -o and --plot ---------------------------------------------------------------------

umask 022
expect_status 0 "$P" compare --jobs 10,20 --policy fifo,rr -o "$T/c.txt" --plot "$T/c.svg"
checks=$((checks + 1))
[ -s "$T/c.txt" ] && [ -s "$T/c.svg" ] && [ ! -s "$T/out" ] || fail "compare -o/--plot did not write both files"
checks=$((checks + 1))
[ "$(stat -c %a "$T/c.svg")" = "644" ] || fail "c.svg has mode $(stat -c %a "$T/c.svg"), want 644 under umask 022"
has "$T/c.svg" "</svg>"
expect_status 0 "$P" stats --jobs 5 -o "$T/s.json" --json
has "$T/s.json" '"processes"'
ls "$T"/*.tmp* > /dev/null 2>&1 && fail "a temporary file was left behind"
expect_status 2 "$P" stats "$T/missing.psim"
expect_status 1 "$P" stats --jobs 5 -o "$T/missing-dir/s.txt"
expect_status 1 "$P" compare --jobs 5 --plot "$T/missing-dir/c.svg"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
