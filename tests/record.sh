#!/bin/sh
# record.sh PROCSIM FAKE_PTRACE_SO: `procsim record` on real programs, as a
# user meets it: a recording that every view opens, the exit code and the
# reap, Ctrl+C (SIGINT to the recorder) keeping a complete file, a program
# killed mid-run, and the cases refused before the program starts (a folder
# that does not exist, a command not found, ptrace not permitted). Skipped
# (77) where ptrace is not allowed. Prints one line per failed check.
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ]; then
	echo "usage: record.sh PATH/TO/procsim FAKE_PTRACE.so" >&2
	exit 2
fi
case $1 in
/*) P=$1 ;;
*) P=$(pwd)/$1 ;;
esac
case $2 in
/*) FAKE=$2 ;;
*) FAKE=$(pwd)/$2 ;;
esac

export LANGUAGE=C LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 2

if ! "$P" record -o probe.psimrec -- true > /dev/null 2> probe.err; then
	echo "SKIP: ptrace is not allowed here: $(cat probe.err)"
	exit 77
fi

failures=0 checks=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...
	what=$1
	shift
	checks=$((checks + 1))
	"$@" || fail "$what"
}
complete() { # the recording's last line is its end line
	tail -n 1 "$1" | grep -q '"ev":"end"'
}

# A child that prints, exits 3 and is reaped; the views open the file.
check "a shell's child is recorded" "$P" record -o sh.psimrec -- sh -c 'echo hello; (sleep 0.2; exit 3) & wait $!; echo "status $?"' > /dev/null
check "the recording is complete" complete sh.psimrec
check "header names format and version" grep -q '^{"format":"procsim-recording","version":1,' sh.psimrec
check "the child's exit code" grep -q '"ev":"exit".*"code":3' sh.psimrec
check "the reap" grep -q '"ev":"reap".*"code":3' sh.psimrec
"$P" run sh.psimrec --format console > console.txt 2>&1
check "run prints what the program printed" grep -qx 'hello' console.txt
check "and the exit status it saw" grep -qx 'status 3' console.txt
check "ps --at reads a recording" sh -c '"$0" ps sh.psimrec --at 0.1s > ps.txt && grep -q "sleep\|sh -c" ps.txt' "$P"
check "stats reads a recording" sh -c '"$0" stats sh.psimrec > stats.txt && grep -q "exit 3" stats.txt' "$P"
check "plot reads a recording" "$P" plot sh.psimrec -o sh.svg
check "the scenario of a recording" sh -c '"$0" record --scenario sh.psimrec | grep -q "^    exit 3$"' "$P"
check "same recording, same trace" sh -c '"$0" run sh.psimrec > a.txt && "$0" run sh.psimrec > b.txt && cmp -s a.txt b.txt' "$P"

# Killed mid-run: the file is complete and says how it died.
check "a program killed mid-run is recorded" "$P" record -o killed.psimrec -- sh -c 'kill -9 $$'
check "killed: complete" complete killed.psimrec
check "killed: by SIGKILL" grep -q '"ev":"exit".*"signal":"SIGKILL"' killed.psimrec
check "killed: its scenario runs" sh -c '"$0" run killed.psimrec | grep -q "killed by SIGKILL"' "$P"

# Ctrl+C: SIGINT to the recorder stops it; the file is complete.
"$P" record -o int.psimrec -- sleep 30 > /dev/null 2> int.err &
rec=$!
sleep 0.5
kill -INT $rec
i=0
while kill -0 $rec 2> /dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait $rec
check "Ctrl+C: the recorder ends at once with status 0 (got $?)" [ $i -lt 50 ]
check "Ctrl+C: complete" complete int.psimrec
check "Ctrl+C: the end says interrupted" grep -q '"reason":"interrupted"' int.psimrec
check "Ctrl+C: the recorder says so" grep -q 'Ctrl+C' int.err
check "Ctrl+C: the view shows sleep asleep until the end" sh -c '"$0" ps int.psimrec --at 0.3s | grep -q "^S .*sleep 30"' "$P"

# Refused before the program starts: it never runs (no marker file).
checks=$((checks + 1))
"$P" record -o missing/dir/x.psimrec -- sh -c 'touch marker1' > out 2> err
st=$?
[ $st -ne 0 ] && [ ! -e marker1 ] && [ ! -e missing ] && grep -q "missing/dir/x.psimrec" err ||
	fail "a folder that does not exist: status $st, $(cat err)"
checks=$((checks + 1))
"$P" record -o nf.psimrec -- no-such-command-here > out 2> err
st=$?
[ $st -eq 2 ] && [ ! -e nf.psimrec ] && [ "$(wc -l < err)" -eq 1 ] && grep -q "no-such-command-here: command not found" err ||
	fail "command not found: status $st, $(cat err)"
checks=$((checks + 1))
# (an ASan build wants its runtime first among the libraries: not here)
ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0 LD_PRELOAD=$FAKE "$P" record -o ep.psimrec -- sh -c 'touch marker2' > out 2> err
st=$?
[ $st -ne 0 ] && [ ! -e marker2 ] && [ ! -e ep.psimrec ] && [ "$(wc -l < err)" -eq 1 ] && grep -q "ptrace is not permitted" err ||
	fail "ptrace not permitted: status $st, $(cat err)"
ls ./*.tmp* > /dev/null 2>&1 && fail "a temporary file was left: $(ls ./*.tmp*)"
checks=$((checks + 1))

# Not a complete recording: one message, with the file's name.
head -n 3 sh.psimrec > cut.psimrec
checks=$((checks + 1))
"$P" ps cut.psimrec --at 0 > out 2> err
st=$?
[ $st -eq 1 ] && grep -q "cut.psimrec: error: the recording has no end line" err ||
	fail "an incomplete recording: status $st, $(cat err)"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
