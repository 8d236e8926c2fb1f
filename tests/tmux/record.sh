#!/bin/sh
# --record writes the lesson as any tool writes its output: a file of mode
# 0666 & ~umask (it was 0600: mkstemp's mode, issue 11, item 8), and over an
# existing file, that file's mode.
. "$(dirname "$0")/lib.sh"
demo=$root/scenarios/demo.psim
record() { # UMASK: q at once; the recording is $tmp/lesson.psim
	start 80 24 "sh -c \"umask $1; exec '$procsim' '$demo' --at 3 --record lesson.psim\""
	wait_for "^procsim - t=3 "
	keys q
	wait_for "EXIT=0"
	head -1 "$tmp/lesson.psim" | grep -q '^# procsim demo' || fail "umask $1: the recording is not the scenario"
}
record 027
mode=$(stat -c %a "$tmp/lesson.psim")
[ "$mode" = 640 ] || fail "umask 027: the recording has mode $mode, not 640"
rm "$tmp/lesson.psim"
record 022
mode=$(stat -c %a "$tmp/lesson.psim")
[ "$mode" = 644 ] || fail "umask 022: the recording has mode $mode, not 644"
chmod 604 "$tmp/lesson.psim"
record 077
mode=$(stat -c %a "$tmp/lesson.psim")
[ "$mode" = 604 ] || fail "over a file of mode 604: the recording has mode $mode"
ls "$tmp" | grep -q tmp && fail "a temporary file is left: $(ls "$tmp")"
echo "ok: --record writes a file of mode 0666 & ~umask, or the mode of the file it replaces"
