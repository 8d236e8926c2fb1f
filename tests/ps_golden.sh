#!/bin/sh
# ps_golden.sh PROCSIM SCENARIO GOLDEN_DIR [--update]
# `procsim ps --format` for each format (ps -el, -elf, -ef, aux, -o FIELDS)
# at two moments of a scenario, compared with GOLDEN_DIR/ps-FORMAT.txt: the
# columns as procps-ng's ps prints them; then -elf, -ef and -o with --names
# real (ps-real-FORMAT.txt): the command lines Linux keeps, a forked child's
# being its parent's (tests/truth/child_names.py). --update rewrites the files.
set -eu
procsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2 dir=$3 mode=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE=C LC_ALL=C.UTF-8
cd "$(dirname "$scenario")"
base=$(basename "$scenario")
status=0
for f in el elf ef aux o real-elf real-ef real-o; do
	: > "$tmp/ps-$f.txt"
	for at in 0.5s 3s; do
		case $f in
		o) set -- --format o pid,ppid,pgid,sid,tpgid,stat,ni,pri,etime,start,wchan:20,comm,cmd ;;
		real-o) set -- --format o f,pid,ppid,stat,cmd --names real ;;
		real-*) set -- --format "${f#real-}" --names real ;;
		*) set -- --format "$f" ;;
		esac
		echo "\$ procsim ps $base --at $at $*" >> "$tmp/ps-$f.txt"
		"$procsim" ps "$base" --at "$at" "$@" >> "$tmp/ps-$f.txt"
	done
	if [ "$mode" = "--update" ]; then
		cp "$tmp/ps-$f.txt" "$dir/ps-$f.txt"
		echo "updated ps-$f.txt"
	elif ! diff -u "$dir/ps-$f.txt" "$tmp/ps-$f.txt"; then
		echo "ps-$f.txt differs (meson compile -C build update-golden to accept)"
		status=1
	fi
done
exit $status
