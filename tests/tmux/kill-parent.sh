#!/bin/sh
# Killing a parent from the keyboard: its children are re-parented to PID 1
# (the tree shows them under init) and init reaps them when they exit. Going
# back before the kill and forward again replays it; --record saves it.
. "$(dirname "$0")/lib.sh"
cat > "$tmp/family.psim" <<'PSIM'
title "父进程 and two children"
tick 100ms
cpus 1
limit 10s

program 工人(n)
    sleep 2s
    print "工人 {n} ends, ppid {ppid}"

main "父进程"
    fork 工人("一") as a
    fork 工人("二") as b
    sleep 8s
PSIM
start 100 40 "'$procsim' family.psim --at 5 --record lesson.psim"
wait_for "^procsim - t=5 "
keys t
wait_for "└─ 父进程"
# rows in the tree: init, bash, 父进程 -> two steps down
keys Down Down k
wait_for "Send a signal to PID 3"
keys 2
# the keyboard's signal acts at the start of the next tick (sim_send_signal)
keys n
wait_for "^procsim - t=6 "
wait_for "The keyboard sends SIGKILL to PID 3"
settle
s=$(screen)
for pid in 4 5; do
	printf '%s\n' "$s" | grep -qE "^ +$pid +1 .* (├─|└─) 工人" ||
		fail "PID $pid is not shown as a child of PID 1"
	printf '%s\n' "$s" | grep -q "PID $pid (工人) is an orphan" ||
		fail "the log does not say PID $pid is adopted"
done
printf '%s\n' "$s" | grep -qE "^ +3 " && fail "PID 3 is still in the table"
# forward to the children's exit: init reaps them
keys g; keys 2 1 Enter
# the run ends at t=20, when init reaps the last child: going to 21 stops there
wait_for "^procsim - t=20 "
settle
s=$(screen)
printf '%s\n' "$s" | grep -q "PID 1 (init) reaps PID 4 (工人)" || fail "init does not reap PID 4"
printf '%s\n' "$s" | grep -qE "^ +4 " && fail "PID 4 is still in the table"
# back before the kill and forward again: the kill is replayed
keys g; keys 4 Enter
wait_for "^procsim - t=4 "
keys g; keys 6 Enter
wait_for "^procsim - t=6 "
screen | grep -q "The keyboard sends SIGKILL to PID 3" || fail "the kill is not replayed"
keys q
wait_for "EXIT=0"
grep -q '^at 6 kill -KILL 3$' "$tmp/lesson.psim" || { cat "$tmp/lesson.psim"; fail "--record did not save the kill"; }
head -1 "$tmp/lesson.psim" | grep -q '^title "父进程 and two children"$' || fail "--record did not copy the scenario"
# the recording replays the lesson: the children are adopted and reaped by init
LC_ALL=C.UTF-8 "$procsim" run "$tmp/lesson.psim" > "$tmp/trace" || fail "the recorded scenario does not run"
grep -q "PID 1 (init) reaps PID 4" "$tmp/trace" || fail "the recorded scenario does not replay the kill"
echo "ok: children re-parented to init and reaped; the kill is replayed and recorded"
