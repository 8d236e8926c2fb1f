#!/bin/sh
# check-potfiles.sh SOURCE_ROOT XGETTEXT|'' [XGETTEXT ARGS...]
# Fails when a .c file under sim/ or ui/ with a translatable string (`_("`,
# which N_(" and NG_(" contain too) is missing from po/POTFILES, when
# POTFILES lists a file that does not exist, or when xgettext (if given)
# rejects the listed files.
set -eu
root=$1 xgettext=$2
shift 2
cd "$root"
status=0
while IFS= read -r f; do
	case $f in '' | '#'*) continue ;; esac
	[ -f "$f" ] || { echo "po/POTFILES lists $f, which does not exist"; status=1; }
done < po/POTFILES
for f in $(grep -rlF --include='*.c' '_("' sim ui | LC_ALL=C sort); do
	grep -qxF "$f" po/POTFILES || { echo "$f has translatable strings (_(\") but is not in po/POTFILES"; status=1; }
done
if [ -n "$xgettext" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if ! "$xgettext" --package-name=procsim -D . -f po/POTFILES -o "$tmp/procsim.pot" "$@" 2> "$tmp/err"; then
		cat "$tmp/err"
		echo "xgettext failed on the files of po/POTFILES"
		status=1
	elif [ -s "$tmp/err" ]; then
		cat "$tmp/err"
		echo "xgettext warned about the files of po/POTFILES"
		status=1
	else
		echo "xgettext: $(grep -c '^msgid "' "$tmp/procsim.pot") messages from $(grep -c . po/POTFILES) files"
	fi
else
	echo "xgettext not found: only the list was checked"
fi
exit $status
