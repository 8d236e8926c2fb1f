#!/bin/sh
# A step forward moves the clock and changes the rows the model says; a step
# back restores the earlier screen exactly, character for character.
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
for w in "80 24" "200 50"; do
	# t=9 -> 10: the first child wakes, prints and exits (S -> Z)
	start $w "'$procsim' '$demo' --at 9"
	wait_for "^procsim - t=9 "
	settle
	before=$(screen)
	keys n
	wait_for "^procsim - t=10 "
	settle
	after=$(screen)
	pstable=$(LC_ALL=C.UTF-8 "$procsim" ps "$demo" --at 10)
	for pid in 1 2 3 4 5; do
		a=$(state_of "$after" $pid) b=$(state_of "$pstable" $pid)
		[ "$a" = "$b" ] || fail "t=10: PID $pid is '$a' on the screen, '$b' in ps"
	done
	[ "$(state_of "$before" 4)" = S ] || fail "PID 4 should sleep at t=9"
	[ "$(state_of "$after" 4)" = Z ] || fail "PID 4 should be a zombie at t=10"
	printf '%s\n' "$after" | grep -q "PID 4 (task) exits with code 0" || fail "the log does not narrate the exit"
	keys b
	wait_for "^procsim - t=9 "
	settle
	back=$(screen)
	if [ "$back" != "$before" ]; then
		printf '%s\n' "$before" > "$tmp/before"
		printf '%s\n' "$back" > "$tmp/back"
		diff -u "$tmp/before" "$tmp/back"
		fail "$w: the screen after n then b differs from the screen first shown"
	fi
	# several steps forward and as many back, across the orphan's adoption
	keys g; keys 5 5 Enter
	wait_for "^procsim - t=55 "
	settle
	before=$(screen)
	for _ in 1 2 3 4 5 6 7 8; do keys n; done
	wait_for "^procsim - t=63 "
	for _ in 1 2 3 4 5 6 7 8; do keys Left; done
	wait_for "^procsim - t=55 "
	settle
	back=$(screen)
	[ "$back" = "$before" ] || fail "$w: eight steps forward and back do not give the same screen"
	keys q
	wait_for "EXIT=0"
	tm kill-server
done
echo "ok: steps forward match the model, steps back restore the screen"
