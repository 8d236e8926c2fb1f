#!/bin/sh
# Resizing at any moment redraws correctly; a terminal below 80x24 shows a
# clear message until it grows; nothing crashes.
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
start 80 24 "'$procsim' '$demo' --at 62"
wait_for "^procsim - t=62 "
tm resize-window -x 60 -y 15
wait_for "procsim needs at least"
wait_for "80x24"
screen | grep -q "60x15" || fail "the message does not say the size"
tm resize-window -x 20 -y 5
wait_for "procsim"
tm resize-window -x 200 -y 50
wait_for "^procsim - t=62 "
settle
s=$(screen)
printf '%s\n' "$s" | grep -q "^Tasks:" || fail "no header after growing"
[ "$(printf '%s\n' "$s" | grep -c "")" -ge 50 ] || fail "the screen does not use 50 lines"
# resize while running, many times
keys Space
for size in "100 30" "80 24" "79 23" "150 40" "81 25" "200 50" "80 24"; do
	set -- $size
	tm resize-window -x "$1" -y "$2"
	sleep 0.2
done
keys Space
wait_for "PAUSED"
settle
screen | grep -q "^Tasks:" || fail "no header after the resizes"
screen | grep -q "EXIT=" && fail "procsim ended during the resizes"
keys q
wait_for "EXIT=0"
echo "ok: resizes redraw, a small terminal gets a message, no crash"
