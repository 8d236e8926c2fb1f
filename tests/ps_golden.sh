#!/bin/sh
# ps_golden.sh PROCSIM SCENARIO GOLDEN_DIR [--threads] [--update]
# `procsim ps --format` for each format (ps -el, -elf, -ef, aux, -o FIELDS)
# at two moments of a scenario, compared with GOLDEN_DIR/ps-FORMAT.txt: the
# columns as procps-ng's ps prints them; then -elf, -ef and -o with --names
# real (ps-real-FORMAT.txt): the command lines Linux keeps, a forked child's
# being its parent's (tests/truth/child_names.py). With --threads, the
# formats with a row per thread (-eLf, -eLl, -o with lwp and nlwp) of a
# scenario with threads (ps-threads-FORMAT.txt; tests/truth/ps_threads.sh).
# --update rewrites the files.
procsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2 dir=$3 mode= set=
shift 3
for a in "$@"; do
	case $a in
	--update) mode=--update ;;
	--threads) set=threads ;;
	esac
done
formats="el elf ef aux o real-elf real-ef real-o" times="0.5s 3s" prefix=ps-
if [ "$set" = threads ]; then
	formats="eLf eLl o" times="60ms 100ms" prefix=ps-threads-
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE=C LC_ALL=C.UTF-8
cd "$(dirname "$scenario")"
base=$(basename "$scenario")
status=0
for f in $formats; do
	: > "$tmp/ps-$f.txt"
	for at in $times; do
		case $set$f in
		threadso) set -- --format o pid,lwp,nlwp,stat,time,wchan:24,comm -L ;;
		o) set -- --format o pid,ppid,pgid,sid,tpgid,stat,ni,pri,etime,start,wchan:20,comm,cmd ;;
		real-o) set -- --format o f,pid,ppid,stat,cmd --names real ;;
		real-*) set -- --format "${f#real-}" --names real ;;
		*) set -- --format "$f" ;;
		esac
		echo "\$ procsim ps $base --at $at $*" >> "$tmp/ps-$f.txt"
		"$procsim" ps "$base" --at "$at" "$@" >> "$tmp/ps-$f.txt"
	done
	if [ "$mode" = "--update" ]; then
		cp "$tmp/ps-$f.txt" "$dir/$prefix$f.txt"
		echo "updated $prefix$f.txt"
	elif ! diff -u "$dir/$prefix$f.txt" "$tmp/ps-$f.txt"; then
		echo "$prefix$f.txt differs (meson compile -C build update-golden to accept)"
		status=1
	fi
done
exit $status
