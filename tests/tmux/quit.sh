#!/bin/sh
# q and Ctrl+C both restore the terminal: the same stty settings as before,
# the shell's screen back (the view used the alternate screen).
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
for how in q C-c; do
	start 80 24 "stty -g > before; '$procsim' '$demo'; status=\$?; stty -g > after; echo STATUS=\$status; (exit \$status)"
	wait_for "^procsim - t=[0-9]+ "
	wait_for "RUNNING"
	keys $how
	wait_for "EXIT="
	s=$(screen)
	printf '%s\n' "$s" | grep -q "^READY" || fail "$how: the shell's screen is not back"
	printf '%s\n' "$s" | grep -q "^Tasks:" && fail "$how: the view is still on the screen"
	cmp -s "$tmp/before" "$tmp/after" || fail "$how: stty settings differ: $(cat "$tmp/before") vs $(cat "$tmp/after")"
	case $how in
	q) printf '%s\n' "$s" | grep -q "STATUS=0" || fail "q: exit status is not 0" ;;
	C-c) printf '%s\n' "$s" | grep -q "STATUS=130" || fail "Ctrl+C: exit status is not 130" ;;
	esac
	tm kill-server
done
echo "ok: q and Ctrl+C restore the terminal"
