#!/bin/sh
# htop's keys at 80x24 (issue 11, item 6): / and F3 search, \ filters, Space
# and c tag, U untags, k signals the tagged processes, ] renices through the
# model, u shows one user, H turns to threads and back (Threads: and Tasks:), F6 sorts, F2 hides a
# column, and the help says what differs from htop.
. "$(dirname "$0")/lib.sh"
cat > "$tmp/htop.psim" <<'PSIM'
tick 100ms
cpus 1
policy prio
limit 60s

program worker
    compute 200t

program gamma
    sleep 30s

main
    start worker as a
    start worker as b
    start gamma as g
    sleep 20s
PSIM
start 80 24 "'$procsim' htop.psim --at 5"
wait_for "^procsim - t=5 "
# the selected process, as the k menu names it
selected() {
	keys k
	wait_for "Send a signal to"
	s=$(screen)
	keys Escape
	printf '%s\n' "$s" | grep -o "Send a signal to [^:]*"
}
# / searches: the selection jumps to the first worker, F3 to the next one
keys /
wait_for "Search: _"
keys w o r
wait_for "Search: wor_"
keys F3
keys Enter
[ "$(selected)" = "Send a signal to PID 5 (worker)" ] || fail "/ wor F3 does not select the second worker"
keys /; keys g a m Enter
[ "$(selected)" = "Send a signal to PID 6 (gamma)" ] || fail "/ gam does not select gamma"
keys /; keys x y z
wait_for "not found"
keys Escape
# \ filters: only the workers; Esc clears the filter
keys '\'
keys w o r k Enter
wait_for "Filter: work"
settle
screen | grep -qE "^ +2 .*bash" && fail "the filter still shows bash"
[ "$(screen | grep -cE '^ +[45] .*worker')" = 2 ] || fail "the filter does not show both workers"
keys '\'; keys Escape
wait_for "^ +2 .*bash"
screen | grep -q "Filter: work" && fail "Esc does not clear the filter"
# Space tags and moves down; k then acts on the tagged processes; U untags
keys Home Down Down Down
keys Space Space
wait_for "2 tagged"
keys k
wait_for "Send a signal to the 2 tagged processes"
keys Escape
keys U
settle
screen | grep -q "tagged" && fail "U does not untag"
# c tags main and its children
keys Home Down Down c
wait_for "4 tagged"
keys U
# ] renices the selected worker by -1: the model acts at the next tick
keys Home Down Down Down
keys ']'
wait_for "renice -1 for PID 4"
keys n
wait_for "^procsim - t=6 "
wait_for "The keyboard renices PID 4"
screen | grep -qE "^ +4 +3 +19 +-1 " || fail "PID 4 does not show nice -1 (PR 19)"
# u: only root's processes
keys u
wait_for "Show the processes of"
keys Down Enter
wait_for "User: root"
screen | grep -qE "^ +4 .*worker" && fail "u root still shows the student's worker"
keys u; keys Home Enter
wait_for "^ +4 .*worker"
# H: the Threads line, and back to Tasks (threads: tests/tmux/threads.sh)
keys H
wait_for "Show threads On"
wait_for "^Threads: "
keys H
wait_for "Show threads Off"
wait_for "^Tasks: "
# F6: the sort menu
keys F6
wait_for "Sort by"
keys Escape
settle
# F2: hide PPID
keys F2
wait_for "Setup:"
keys Down Space Escape
settle
screen | grep -qE "^ +PID +PPID" && fail "F2 did not hide PPID"
screen | grep -qE "^ +PID +PR" || fail "the table head is not PID PR ... after hiding PPID"
# the help says what differs
keys h
wait_for "the keys of the interactive view"
keys End
wait_for "What differs from htop"
screen | grep -q "z runs or pauses the clock: Space tags" || fail "the help does not say Space tags"
keys q
settle
keys q
wait_for "EXIT=0"
# in Chinese at 80x24: the filter in the status line, the setup menu, all
# within 80 display columns
start 80 24 "'$procsim' htop.psim --at 5 --lang zh_CN"
wait_for "^procsim - t=5 "
keys '\'
keys w o r Enter
wait_for "过滤：wor"
keys F2
wait_for "设置：Space 显示或隐藏"
settle
w=$(screen | LC_ALL=C.UTF-8 wc -L)
[ "$w" -le 80 ] || fail "the Chinese screen is $w columns wide"
keys Escape q
wait_for "EXIT=0"
echo "ok: search, filter, tags, k on tags, renice, user, H, sort menu, setup and help"
