#!/bin/sh
# The header's Tasks: line agrees with `procsim ps FILE --at T`, and the clock
# shows T, at several ticks of the demo (zombies at 3 s, an orphan at 6 s).
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
for t in 0 5 25 31 62 65 140 180; do
	start 80 24 "'$procsim' '$demo' --at $t"
	wait_for "^procsim - t=$t "
	settle
	got=$(tasks_of "$(screen)")
	want=$(tasks_of "$(LC_ALL=C.UTF-8 "$procsim" ps "$demo" --at $t)")
	[ -n "$want" ] || fail "procsim ps printed no Tasks line at t=$t"
	[ "$got" = "$want" ] || fail "t=$t: the view says Tasks $got, ps says $want"
	# each process's state letter agrees with ps
	pstable=$(LC_ALL=C.UTF-8 "$procsim" ps "$demo" --at $t)
	for pid in $(printf '%s\n' "$pstable" | awk 'NR > 2 && $2 ~ /^[0-9]+$/ { print $2 }'); do
		a=$(state_of "$(screen)" "$pid") b=$(state_of "$pstable" "$pid")
		[ "$a" = "$b" ] || fail "t=$t: PID $pid is '$a' in the view and '$b' in ps"
	done
	keys q
	wait_for "EXIT=0"
	tm kill-server
done
echo "ok: the header and the states agree with procsim ps"
