#!/bin/sh
# cli.sh PROCSIM: the command line as a user meets it: exit statuses (0 ok,
# 1 scenario error or runaway, 2 usage error), messages on the right stream,
# `file:line:col: error:` with the source line and a caret, the JSON outputs,
# and -o writing a file whole or not at all. Prints one line per failed check
# and exits 1 if any failed.
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: cli.sh PATH/TO/procsim" >&2
	exit 2
fi
case $1 in
/*) P=$1 ;;
*) P=$(pwd)/$1 ;;
esac

export LANGUAGE=C LC_ALL=C.UTF-8
unset PROCSIM_LANG 2>/dev/null || true
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 2

failures=0
checks=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# run ARGS...: runs procsim with stdout in $T/out, stderr in $T/err, status in $rc.
rc=0
run() {
	"$P" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
# expect_rc WHAT N: the last run exited with N.
expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$2" ] || fail "$1: exit status $rc, expected $2 (stderr: $(head -c 300 "$T/err"))"
}
# expect_in WHAT FILE TEXT: FILE contains the fixed string TEXT.
expect_in() {
	checks=$((checks + 1))
	grep -qF -- "$3" "$2" || fail "$1: $(basename "$2") lacks '$3' (it has: $(head -c 300 "$2"))"
}
expect_line() { # WHAT FILE LINE: FILE has exactly this line
	checks=$((checks + 1))
	grep -qxF -- "$3" "$2" || fail "$1: $(basename "$2") has no line '$3' (it has: $(head -c 400 "$2"))"
}
expect_empty() {
	checks=$((checks + 1))
	[ ! -s "$2" ] || fail "$1: $(basename "$2") is not empty: $(head -c 300 "$2")"
}
expect_nonempty() {
	checks=$((checks + 1))
	[ -s "$2" ] || fail "$1: $(basename "$2") is empty"
}

# ---- scenarios ------------------------------------------------------------------

cat >good.psim <<'EOF'
title "good"
program child
    print "child {pid}"
    sleep 1s
main "python3 good.py"
    start child as c
    print "主 {pid}"
    compute 2s
    join c
EOF

printf 'main\n    sleeep 3\n' >bad.psim
printf 'main\n    print "你好{nmae}"\n' >bad-zh.psim
printf 'main\n    loop\n        compute 1t\n' >runaway.psim
printf 'limit 2s\nmain\n    loop\n        compute 1t\n' >limited.psim
# A loop whose only "time" is a wait that fails at once (ECHILD): zero time.
printf 'title "zero"\nmain\n    loop\n        wait\n' >zero.psim
mkdir adir

# ---- help, version, usage errors ---------------------------------------------------

run --help
expect_rc "--help" 0
expect_in "--help" "$T/out" "Usage:"
expect_empty "--help" "$T/err"

run -h
expect_rc "-h" 0
expect_in "-h" "$T/out" "Usage:"

run --version
expect_rc "--version" 0
checks=$((checks + 1))
grep -qE '^procsim [0-9]+\.[0-9]+' "$T/out" || fail "--version: stdout is '$(cat "$T/out")'"
expect_empty "--version" "$T/err"

run --bogus
expect_rc "unknown option" 2
expect_in "unknown option" "$T/err" "unknown option '--bogus'"
expect_in "unknown option" "$T/err" "Try 'procsim --help'."
expect_empty "unknown option" "$T/out"

# An option the command would ignore is a usage error, never passed over.
for c in "run good.psim --at 5|--at|run" "run good.psim --json|--json|run" "stats good.psim --at 5|--at|stats" \
	"ps good.psim --at 1 --csv|--csv|ps" "ps good.psim --at 1 --plot p.svg|--plot|ps" \
	"check good.psim --cpus 2|--cpus|check" "help --json|--json|help" "good.psim -o o.txt --at 3|--at|run" \
	"top good.psim --csv|--csv|top"; do
	args=${c%%|*} rest=${c#*|}
	# shellcheck disable=SC2086 # the arguments are words
	run $args
	expect_rc "$args" 2
	expect_in "$args" "$T/err" "'${rest%%|*}' does not apply to 'procsim ${rest#*|}'"
	checks=$((checks + 1))
	[ ! -e p.svg ] && [ ! -e o.txt ] || fail "$args: a file was written"
done

run run good.psim --bogus
expect_rc "unknown option after a subcommand" 2

run frobnicate
expect_rc "unknown subcommand" 2
expect_in "unknown subcommand" "$T/err" "frobnicate"

run check good.psim bad.psim
expect_rc "two files" 2
expect_in "two files" "$T/err" "unexpected argument 'bad.psim'"

run run good.psim extra
expect_rc "an extra argument" 2

run check
expect_rc "check without a file" 2
expect_in "check without a file" "$T/err" "check needs a scenario file"

run run good.psim --format
expect_rc "an option without its value" 2
expect_in "an option without its value" "$T/err" "needs a value"

run run good.psim --format yaml
expect_rc "an unknown format" 2
expect_in "an unknown format" "$T/err" "unknown format 'yaml'"

run run good.psim --max-ticks 0
expect_rc "--max-ticks 0" 2
run run good.psim --cpus 65
expect_rc "--cpus 65" 2
run ps good.psim --at soon
expect_rc "--at soon" 2
run run good.psim --lang fr
expect_rc "--lang fr" 2

run ps good.psim
expect_rc "ps without --at" 2
expect_in "ps without --at" "$T/err" "--at"

# ---- files that cannot be read ------------------------------------------------------

run check nosuch.psim
expect_rc "a missing file" 2
expect_in "a missing file" "$T/err" "nosuch.psim"
expect_in "a missing file" "$T/err" "No such file"

run nosuch.psim
expect_rc "a missing file, no subcommand" 2

run check adir
expect_rc "a directory" 2
expect_in "a directory" "$T/err" "adir: is a directory"

run run adir
expect_rc "a directory, run" 2

# ---- malformed scenarios ---------------------------------------------------------------

run check bad.psim
expect_rc "a malformed scenario" 1
expect_line "a malformed scenario" "$T/err" "bad.psim:2:5: error: unknown instruction 'sleeep'"
expect_line "a malformed scenario" "$T/err" "    2 |     sleeep 3"
expect_line "a malformed scenario" "$T/err" "      |     ^~~~~~"
expect_line "a malformed scenario" "$T/err" "      = hint: did you mean 'sleep'?"
expect_empty "a malformed scenario" "$T/out"

run run bad.psim
expect_rc "run a malformed scenario" 1
expect_in "run a malformed scenario" "$T/err" "bad.psim:2:5: error:"

run ps bad.psim --at 1
expect_rc "ps of a malformed scenario" 1

# The caret counts display columns: 你好 is 2 characters but 4 columns.
run check bad-zh.psim
expect_rc "a malformed scenario with Chinese text" 1
expect_line "a malformed scenario with Chinese text" "$T/err" "bad-zh.psim:2:15: error: unknown name 'nmae'"
expect_line "a malformed scenario with Chinese text" "$T/err" "      |                 ^~~~"

# A scenario on standard input is named '-'.
"$P" check - <bad.psim >"$T/out" 2>"$T/err"
rc=$?
expect_rc "a malformed scenario on stdin" 1
expect_in "a malformed scenario on stdin" "$T/err" "-:2:5: error:"

# ---- good scenarios -----------------------------------------------------------------------

run check good.psim
expect_rc "check a good scenario" 0
expect_in "check a good scenario" "$T/out" "good.psim: ok:"
expect_empty "check a good scenario" "$T/err"

"$P" check - <good.psim >"$T/out" 2>"$T/err"
rc=$?
expect_rc "check a good scenario on stdin" 0

run run good.psim
expect_rc "run a good scenario" 0
expect_in "run a good scenario" "$T/out" "主 3"
expect_empty "run a good scenario" "$T/err"

run run good.psim --format console
expect_rc "run --format console" 0
checks=$((checks + 1))
[ "$(cat "$T/out")" = "$(printf '主 3\nchild 4')" ] || fail "run --format console: stdout is '$(cat "$T/out")'"

run run limited.psim
expect_rc "a scenario that reaches its limit" 0

run run --format console
expect_rc "run without a file runs the demo" 0
expect_nonempty "run without a file runs the demo" "$T/out"

# ps: the table at one tick, with top's Tasks line.
run ps good.psim --at 10
expect_rc "ps --at 10" 0
checks=$((checks + 1))
grep -q '^Tasks: ' "$T/out" || fail "ps --at 10: no 'Tasks:' line in: $(head -c 400 "$T/out")"
expect_in "ps --at 10" "$T/out" "python3 good.py"

have_python=no
if command -v python3 >/dev/null 2>&1; then
	have_python=yes
else
	echo "note: python3 not found: JSON validity checks skipped"
fi

run ps good.psim --at 10 --json
expect_rc "ps --json" 0
if [ $have_python = yes ]; then
	checks=$((checks + 1))
	python3 -m json.tool "$T/out" >/dev/null 2>"$T/jerr" || fail "ps --json: not valid JSON: $(head -c 300 "$T/jerr")"
	checks=$((checks + 1))
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["t"] == 10, d["t"]
assert isinstance(d["processes"], list) and d["processes"], "no processes"
assert all("pid" in p and "state" in p for p in d["processes"]), "a process without pid or state"
' "$T/out" 2>"$T/jerr" || fail "ps --json: unexpected content: $(tail -c 300 "$T/jerr")"
fi

run run good.psim --format jsonl
expect_rc "run --format jsonl" 0
expect_nonempty "run --format jsonl" "$T/out"
checks=$((checks + 1))
if [ $have_python = yes ]; then
	python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    o = json.loads(line)
    assert isinstance(o, dict), "line %d is not an object" % n
    for k in ("t", "event", "pid"):
        assert k in o, "line %d has no %r: %s" % (n, k, line.strip())
    assert isinstance(o["t"], int) and isinstance(o["pid"], int), "line %d: %s" % (n, line.strip())
' "$T/out" 2>"$T/jerr" || fail "run --format jsonl: $(tail -c 300 "$T/jerr")"
else
	bad=$(grep -cvE '^\{"t":[0-9]+,"event":"[a-z-]+","pid":-?[0-9]+.*\}$' "$T/out")
	[ "$bad" -eq 0 ] || fail "run --format jsonl: $bad lines are not {\"t\":..,\"event\":..,\"pid\":..}"
fi

run run good.psim --format=jsonl
expect_rc "--format=jsonl" 0
expect_in "--format=jsonl" "$T/out" '"event":"spawn"'

# ---- -o: written whole or not at all --------------------------------------------------------

"$P" run good.psim >"$T/expected" 2>/dev/null
run run good.psim -o out.txt
expect_rc "-o on success" 0
expect_empty "-o on success (stdout)" "$T/out"
checks=$((checks + 1))
if [ -f out.txt ]; then
	cmp -s out.txt "$T/expected" || fail "-o on success: the file differs from the trace on stdout"
else
	fail "-o on success: out.txt was not written"
fi

run run runaway.psim --max-ticks 50 -o run.txt
expect_rc "a runaway" 1
expect_in "a runaway" "$T/err" "still running after 50 ticks"
checks=$((checks + 1))
[ ! -e run.txt ] || fail "a runaway: run.txt was written"
checks=$((checks + 1))
leftovers=$(ls -a | grep -c '\.tmp')
[ "$leftovers" -eq 0 ] || fail "a runaway: a temporary file was left: $(ls -a | grep '\.tmp')"

# Strings that grow without end: a runaway at the loop, not a crash.
printf 'main\n    let x = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"\n    repeat 13\n        x = x + x\n    loop\n        let y = x + "!"\n        sleep 1t\n' >strings.psim
run run strings.psim -o strings.txt
expect_rc "strings without end" 1
expect_in "strings without end" "$T/err" "strings.psim:5:5: error: the strings built by the scenario reached 256 MiB"
checks=$((checks + 1))
[ ! -e strings.txt ] || fail "strings without end: strings.txt was written"

echo "old" >keep.txt
run run runaway.psim --max-ticks 50 -o keep.txt
expect_rc "a runaway over an existing file" 1
checks=$((checks + 1))
[ "$(cat keep.txt)" = "old" ] || fail "a runaway over an existing file: keep.txt was changed"

run run bad.psim -o bad.txt
expect_rc "-o with a malformed scenario" 1
checks=$((checks + 1))
[ ! -e bad.txt ] || fail "-o with a malformed scenario: bad.txt was written"

run ps good.psim --at 10 --json -o ps.json
expect_rc "ps -o" 0
checks=$((checks + 1))
[ -s ps.json ] || fail "ps -o: ps.json is missing or empty"

run run good.psim -o nodir/out.txt
checks=$((checks + 1))
[ "$rc" -ne 0 ] || fail "-o into a missing directory: exit status 0"
expect_in "-o into a missing directory" "$T/err" "nodir/out.txt"

checks=$((checks + 1))
leftovers=$(ls -a | grep -c '\.tmp')
[ "$leftovers" -eq 0 ] || fail "temporary files left behind: $(ls -a | grep '\.tmp')"

# -o onto something that is not a regular file (a FIFO here; /dev/null or a
# terminal in real life) writes into it: it must not replace it with a
# regular file by renaming a temporary file over it.
if mkfifo out.fifo 2>/dev/null; then
	cat out.fifo >fifo.out &
	reader=$!
	run run good.psim -o out.fifo
	checks=$((checks + 1))
	if [ -p out.fifo ]; then
		wait "$reader"
		cmp -s fifo.out "$T/expected" || fail "-o onto a FIFO: the reader did not get the trace"
	else
		kill "$reader" 2>/dev/null
		wait "$reader" 2>/dev/null
		fail "-o onto a FIFO: the FIFO was replaced by a regular file (as root, -o /dev/null would replace /dev/null)"
	fi
	rm -f out.fifo out.fifo.tmp*
fi

# -o onto a file the user may not write is refused, as the shell's `>` would
# refuse it: renaming a temporary file over it would bypass the permission.
# (As root, access() allows everything, like the shell: skipped.)
if [ "$(id -u)" -ne 0 ]; then
	echo "old" >ro.txt
	chmod 444 ro.txt
	run run good.psim -o ro.txt
	expect_rc "-o onto a read-only file" 1
	expect_in "-o onto a read-only file" "$T/err" "procsim: cannot write 'ro.txt': Permission denied"
	checks=$((checks + 1))
	[ "$(cat ro.txt)" = "old" ] || fail "-o onto a read-only file: ro.txt was replaced"
	rm -f ro.txt
fi

# -o onto a symbolic link writes the file it points to (relative to the
# link's directory), and keeps the link; a dangling link creates its target.
echo "old" >target.txt
ln -s target.txt link.txt
mkdir links
ln -s ../target2.txt links/link2.txt
ln -s made.txt dangling.txt
for l in link.txt:target.txt links/link2.txt:target2.txt dangling.txt:made.txt; do
	link=${l%%:*} target=${l#*:}
	run run good.psim -o "$link"
	expect_rc "-o onto a symbolic link ($link)" 0
	checks=$((checks + 1))
	if [ ! -L "$link" ]; then
		fail "-o onto a symbolic link: $link was replaced by a regular file"
	elif [ ! -f "$target" ] || ! cmp -s "$target" "$T/expected"; then
		fail "-o onto a symbolic link: its target $target did not get the trace"
	fi
done
checks=$((checks + 1))
leftovers=$(find . -name '*.tmp*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "-o onto a symbolic link: temporary files left: $(find . -name '*.tmp*')"
rm -rf target.txt link.txt links target2.txt dangling.txt made.txt

# A write error on a device written in place (-o /dev/full): a message, status 1.
if [ -c /dev/full ]; then
	for cmd in "run good.psim" "stats good.psim" "ps good.psim --at 10" "plot good.psim" "compare good.psim"; do
		# shellcheck disable=SC2086 # the words of the command
		run $cmd -o /dev/full
		expect_rc "$cmd -o /dev/full" 1
		expect_in "$cmd -o /dev/full" "$T/err" "procsim: cannot write '/dev/full': No space left on device"
	done
	run compare good.psim --plot /dev/full
	expect_rc "compare --plot /dev/full" 1
	expect_in "compare --plot /dev/full" "$T/err" "procsim: cannot write '/dev/full': No space left on device"
fi

# Interrupted (Ctrl-C, SIGTERM, SIGHUP): the temporary file is removed and
# an existing file is left as it was.
if command -v timeout >/dev/null 2>&1; then
	printf 'limit 100000000s\nmain\n    loop\n        compute 1t\n' >long.psim
	echo "old" >long.txt
	for sig in INT TERM HUP; do
		timeout -k 10 -s "$sig" 1 "$P" run long.psim -o long.txt >/dev/null 2>"$T/err"
		rc=$?
		checks=$((checks + 1))
		[ "$rc" -ne 0 ] || fail "-o interrupted by SIG$sig: exit status 0 (the run was not interrupted: make long.psim longer)"
		checks=$((checks + 1))
		leftovers=$(ls -a | grep -c '\.tmp')
		[ "$leftovers" -eq 0 ] || fail "-o interrupted by SIG$sig: a temporary file was left: $(ls -a | grep '\.tmp')"
		checks=$((checks + 1))
		[ "$(cat long.txt)" = "old" ] || fail "-o interrupted by SIG$sig: long.txt was changed"
		rm -f long.txt.tmp*
	done
	rm -f long.txt
fi

# A write error on standard output is an error, with a message.
if [ -c /dev/full ]; then
	"$P" run good.psim >/dev/full 2>"$T/err"
	rc=$?
	checks=$((checks + 1))
	[ "$rc" -ne 0 ] || fail "run >/dev/full: exit status 0"
	expect_nonempty "run >/dev/full (a message on stderr)" "$T/err"
	"$P" check good.psim >/dev/full 2>"$T/err"
	rc=$?
	checks=$((checks + 1))
	[ "$rc" -ne 0 ] || fail "check >/dev/full: exit status 0"
fi

# ---- help ----------------------------------------------------------------------------------

run help sleep
expect_rc "help sleep" 0
checks=$((checks + 1))
[ "$(head -n 1 "$T/out")" = "sleep DURATION" ] || fail "help sleep: first line is '$(head -n 1 "$T/out")'"

run help
expect_rc "help" 0
for word in compute sleep io input start fork wait join reap exit kill terminate ignore default on pause subreaper print repeat loop; do
	checks=$((checks + 1))
	grep -qw -- "$word" "$T/out" || fail "help: '$word' is not listed"
done

# Declarations and settings are listed too, and each has a page of its own.
for word in program main lock queue job cpus policy tick memory level_quantum; do
	checks=$((checks + 1))
	grep -q -- "^  $word" "$T/out" || fail "help: '$word' is not listed"
done
checks=$((checks + 1))
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "help: a line is wider than 80 columns"
run help cpus
expect_rc "help cpus" 0
expect_in "help cpus" "$T/out" "os.cpu_count()"
for word in queue job limit; do
	run help $word
	expect_rc "help $word" 0
	checks=$((checks + 1))
	head -n 1 "$T/out" | grep -q "^$word" || fail "help $word: its usage does not come first"
done
run help for
expect_rc "help for" 0
expect_in "help for" "$T/out" "repeat N as i"

run help nosuch
expect_rc "help nosuch" 2
expect_in "help nosuch" "$T/err" "'nosuch' is neither an instruction"
expect_empty "help nosuch" "$T/out"

run help sleep --help-format yaml
expect_rc "an unknown help format" 2

# ---- --costs: the measured costs, or none ------------------------------------------------
# python3's start-up (45ms) puts main's first line at t=45 at tick 1ms; with
# --costs none, at t=0; a bad value is a usage error.
printf 'tick 1ms\nmain "python3 app.py"\n    print "hi"\n' > costs.psim
run run costs.psim
expect_rc "--costs: the default" 0
expect_in "--costs: the default" "$T/out" "t=45 "
run run costs.psim --costs none
expect_rc "--costs none" 0
expect_in "--costs none" "$T/out" "prints: hi"
checks=$((checks + 1))
grep -q '^t=0 .*prints: hi' "$T/out" || fail "--costs none: the first line is not at t=0"
printf 'tick 1ms\ncosts none\nmain "python3 app.py"\n    print "hi"\n' > nocosts.psim
run run nocosts.psim --costs linux
expect_in "--costs linux over costs none" "$T/out" "t=45 "
run run costs.psim --costs some
expect_rc "--costs some" 2
expect_in "--costs some" "$T/err" "--costs takes linux or none"

# ---- a loop that never lets time pass, at run time ---------------------------------------------

run run zero.psim --format console
expect_rc "a zero-time loop" 1
checks=$((checks + 1))
grep -qE '^zero\.psim:3:5: error: .*with no process computing or sleeping' "$T/err" ||
	fail "a zero-time loop: no 'zero.psim:3:5: error: ... with no process computing or sleeping' in: $(head -c 400 "$T/err")"
expect_line "a zero-time loop" "$T/err" "    3 |     loop"
expect_line "a zero-time loop" "$T/err" "      |     ^"

# The trace of that loop must not flood the terminal: the guard should stop
# it long before millions of identical lines are printed.
checks=$((checks + 1))
size=$("$P" run zero.psim 2>/dev/null | head -c 4000001 | wc -c)
[ "$size" -le 4000000 ] || fail "a zero-time loop floods the trace: more than 4 MB of output before the guard stops it"

# ---- the end of a run: one tick, whatever the output ----------------------------------
# A run ends at its limit (here with every process asleep past it: the clock
# jumps there), at its last event, or when nothing can run any more; the
# trace, the JSON Lines, stats, ps past the end and the picture all say the
# same tick. (Before: a limit reached while everyone slept was told at t=1.)
printf 'limit 5s\nmain\n    sleep 100s\n' > end-limit.psim
printf 'main\n    sleep 2s\n' > end-last.psim
printf 'lock l\nmain\n    sleep 3s\n    acquire l\n    acquire l\n' > end-stuck.psim
for case in "end-limit 50 5.0s" "end-last 20 2.0s" "end-stuck 30 3.0s"; do
	set -- $case
	f=$1.psim end=$2 secs=$3
	run run "$f"
	checks=$((checks + 1))
	grep -q "^# t=$end ($secs): " "$T/out" || fail "$f: the trace does not end at t=$end: $(tail -n 3 "$T/out")"
	run run "$f" --format jsonl
	checks=$((checks + 1))
	tail -n 1 "$T/out" | grep -q "^{\"t\":$end,\"event\":\"end\"" || fail "$f: the JSON Lines end is not at t=$end: $(tail -n 1 "$T/out")"
	run stats "$f"
	checks=$((checks + 1))
	grep -qE "^elapsed +$end ticks" "$T/out" || fail "$f: stats does not say elapsed $end ticks: $(grep elapsed "$T/out")"
	run ps "$f" --at 100s
	expect_in "$f: ps past the end" "$T/out" "t=$end ($secs)"
	run plot "$f" -o "$f.svg"
	expect_rc "$f: plot" 0
	checks=$((checks + 1))
	grep -q "the run ends at t=$end, $secs)" "$f.svg" || fail "$f: the picture's time axis does not end at t=$end"
done

# ---- ps --format: procps-ng's columns ------------------------------------------------------
# The headers are the ones procps-ng 4.0.2's ps prints (ps -el, -elf, -ef,
# aux, -o); the lines are checked field by field against the material's
# `ps aux | grep Z` (seed 003): a zombie of a background job is
#   root     18653  0.0  0.0      0     0 pts/0    Z    20:02   0:00 [python3] <defunct>
# and the foreground one beside it `S+`.
cat >bgzombie.psim <<'EOF'
title "python3 test.py &"
tick 100ms
limit 3s
program run
    print "child {pid}"
program busy
    compute 1s
main "python3 test.py"
    start run as p
    start busy as q
    sleep 1000s
at 1s ctrl-z
at 1.5s bg
EOF
run ps bgzombie.psim --at 2s --format aux
expect_rc "ps --format aux" 0
expect_line "ps --format aux: the header of ps aux" "$T/out" "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"
checks=$((checks + 1))
zline=$(grep 'defunct' "$T/out")
# USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND, as in the material
echo "$zline" | awk '{ exit !($1 == "student" && $3 == "0.0" && $4 == "0.0" && $5 == "0" && $6 == "0" &&
	$7 == "pts/0" && $8 == "Z" && $9 ~ /^[0-9][0-9]:[0-9][0-9]$/ && $10 == "0:00" && $11 == "[run]" && $12 == "<defunct>" && NF == 12) }' ||
	fail "ps aux: the zombie line is not ps's 'USER PID 0.0 0.0 0 0 pts/0 Z HH:MM 0:00 [name] <defunct>': '$zline'"
expect_line "ps aux: the zombie's columns line up as ps prints them" "$T/out" \
	"student      4  0.0  0.0      0     0 pts/0    Z    10:00   0:00 [run] <defunct>"
expect_line "ps aux: init has no terminal and leads its session" "$T/out" \
	"root         1  0.0  0.0   2344  1108 ?        Ss   10:00   0:00 init"
checks=$((checks + 1))
grep -qE '^student +2 .* pts/0 +Ss\+ ' "$T/out" || fail "ps aux: the shell at its prompt is not 'Ss+': $(grep bash "$T/out")"
run ps bgzombie.psim --at 0.5s --format aux
checks=$((checks + 1))
grep -qE '^student +3 .* pts/0 +S\+ +10:00 +0:00 python3 test.py$' "$T/out" || fail "ps aux: the foreground job is not 'S+': $(grep test.py "$T/out")"
checks=$((checks + 1))
grep -qE '^student +5 .* pts/0 +R\+ ' "$T/out" || fail "ps aux: a computing child of the foreground job is not 'R+': $(grep busy "$T/out")"
checks=$((checks + 1))
grep -qE ' Z\+ .* \[run\] <defunct>$' "$T/out" || fail "ps aux: the foreground job's zombie is not 'Z+': $(grep defunct "$T/out")"
checks=$((checks + 1))
grep -qE '^student +2 .* Ss +10:00' "$T/out" || fail "ps aux: the shell waiting for its job is not 'Ss': $(grep bash "$T/out")"

run ps bgzombie.psim --at 2s --format el
expect_line "ps --format el: the header of ps -el" "$T/out" "F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD"
expect_line "ps --format el: a zombie is its comm alone (procps-ng 4.0.2), forked and not exec'd (F 1)" "$T/out" \
	"1 Z  1000     4     3  0  80   0 -     0 -      pts/0    00:00:00 run"
run ps bgzombie.psim --at 2s --format elf
expect_line "ps --format elf: the header of ps -elf" "$T/out" "F S UID        PID  PPID  C PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD"
run ps bgzombie.psim --at 2s --format ef
expect_line "ps --format ef: the header of ps -ef" "$T/out" "UID        PID  PPID  C STIME TTY          TIME CMD"
expect_line "ps --format ef: the command line" "$T/out" "student      3     2  0 10:00 pts/0    00:00:00 python3 test.py"
run ps bgzombie.psim --at 2s --format o pid,ppid,stat,wchan:20,cmd
expect_rc "ps --format o FIELDS" 0
expect_line "ps --format o: the header of ps -o pid,ppid,stat,wchan:20,cmd" "$T/out" "  PID  PPID STAT WCHAN                CMD"
expect_line "ps --format o: wchan:20" "$T/out" "    3     2 S    hrtimer_nanosleep    python3 test.py"
run ps bgzombie.psim --at 2s --format=o:pid,sid,tpgid,tty,user,uid
expect_rc "ps --format=o:FIELDS" 0
expect_line "ps --format o: the header of sessions" "$T/out" "  PID   SID TPGID TT       USER       UID"
expect_line "ps --format o: init's session has no terminal" "$T/out" "    1     1    -1 ?        root         0"
run ps bgzombie.psim --at 2s --format 'o pid stat'
expect_rc "ps --format 'o FIELDS'" 0
expect_line "ps --format 'o pid stat'" "$T/out" "  PID STAT"

run ps bgzombie.psim --at 2s --format o pid,stta
expect_rc "ps: an unknown field" 2
expect_in "ps: an unknown field" "$T/err" "unknown ps field 'stta' (did you mean 'stat'?)"
run ps bgzombie.psim --at 2s --format o pid,zzzzzz
expect_rc "ps: an unknown field without a suggestion" 2
expect_in "ps: an unknown field without a suggestion" "$T/err" "unknown ps field 'zzzzzz'"
run ps bgzombie.psim --at 2s --format elff
expect_rc "ps: an unknown format" 2
expect_in "ps: an unknown format" "$T/err" "unknown ps format 'elff' (did you mean 'elf'?)"
run ps bgzombie.psim --at 2s --format o
expect_rc "ps: --format o without fields" 2
expect_in "ps: --format o without fields" "$T/err" "needs a list of fields"
run ps bgzombie.psim --at 2s --format o pid:0
expect_rc "ps: a width of 0" 2
expect_in "ps: a width of 0" "$T/err" "'pid:0'"
run ps bgzombie.psim --at 2s --format el --json
expect_rc "ps: --format and --json" 2
expect_empty "ps: --format and --json print nothing" "$T/out"

# ---- plot: SVG to a file or a pipe, never to a terminal ------------------------

# `procsim plot FILE` on a terminal printed pages of XML (issue 11, item 8):
# refused with a hint; a pipe or a file still gets the SVG.
if command -v script >/dev/null 2>&1; then
	script -qec "'$P' plot good.psim; echo STATUS=\$?" /dev/null > "$T/tty" 2>&1
	expect_in "plot to a terminal: refused" "$T/tty" "give -o FILE.svg, or redirect it (> FILE.svg)"
	expect_in "plot to a terminal: exit status 2" "$T/tty" "STATUS=2"
	checks=$((checks + 1))
	grep -q "<svg" "$T/tty" && fail "plot to a terminal: it wrote SVG"
else
	echo "script(1) is not installed: plot to a terminal is not checked"
fi
run plot good.psim
expect_rc "plot to a file" 0
expect_in "plot to a file: SVG" "$T/out" "<svg"
checks=$((checks + 1))
"$P" plot good.psim | grep -q "<svg" || fail "plot to a pipe: no SVG"

# --names real: a forked child is named by its parent's command line
cat >names.psim <<'EOF'
program child
    exit 3
main "python3 app.py"
    start child
    sleep 5t
EOF
run run names.psim --names real
expect_rc "run --names real" 0
expect_in "run --names real: the child" "$T/out" "PID 4 (python3 app.py) is created by PID 3 (python3 app.py)"
run run names.psim
expect_in "run: program names by default" "$T/out" "PID 4 (child) is created by PID 3 (python3 app.py)"
run run names.psim --names real --format jsonl
expect_in "run --names real --format jsonl" "$T/out" '"name":"child","cmdline":"python3 app.py"'
run run names.psim --format jsonl
checks=$((checks + 1))
grep -q '"cmdline"' "$T/out" && fail "run --format jsonl: cmdline without --names real"
run ps names.psim --at 2t --names real
expect_in "ps --names real: the zombie" "$T/out" "[python3] <defunct>"
run ps names.psim --at 2t --names program
expect_in "ps --names program: the zombie" "$T/out" "[child] <defunct>"
run ps names.psim --at 2t --names python
expect_rc "--names python" 2
expect_in "--names python: the message" "$T/err" "--names needs program or real, not 'python'"
run stats names.psim --names real
expect_rc "stats --names" 2

echo "cli.sh: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
