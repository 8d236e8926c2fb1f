#!/bin/sh
# Without a usable terminal procsim says so on stderr and prints the trace:
# TERM=dumb, TERM unset, output not a terminal; CI=true without a tty exits 0.
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
# output to the terminal, but a terminal procsim cannot drive
start 80 24 "TERM=dumb '$procsim' '$demo' 2> err"
wait_for "EXIT=0"
grep -q "dumb" "$tmp/err" || fail "TERM=dumb: nothing on stderr ($(cat "$tmp/err"))"
screen | grep -q "every process of the scenario has ended" || fail "TERM=dumb: no trace"
tm kill-server
start 80 24 "env -u TERM '$procsim' '$demo' 2> err"
wait_for "EXIT=0"
grep -q "TERM is not set" "$tmp/err" || fail "TERM unset: nothing on stderr ($(cat "$tmp/err"))"
screen | grep -q "every process of the scenario has ended" || fail "TERM unset: no trace"
tm kill-server
# not a terminal at all
CI=true "$procsim" "$demo" < /dev/null > "$tmp/out" 2> "$tmp/err" || fail "CI=true: exit status $?"
grep -q "every process of the scenario has ended" "$tmp/out" || fail "no trace without a terminal"
grep -q "not a terminal" "$tmp/err" || fail "no word on stderr without a terminal"
echo "ok: the headless trace when there is no usable terminal"
