#!/bin/sh
# crontab_golden.sh PROCSIM SCENARIO GOLDEN_DIR [--update]
# `procsim crontab` (crontab -l) of a scenario with cron lines, and ps at the
# moments that show cron asleep, its child and the job, compared with
# GOLDEN_DIR/crontab-l.txt. --update rewrites the file.
set -eu
procsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2 dir=$3 mode=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE=C LC_ALL=C.UTF-8
cd "$(dirname "$scenario")"
base=$(basename "$scenario")
out=$tmp/crontab-l.txt
echo "\$ procsim crontab $base" > "$out"
"$procsim" crontab "$base" >> "$out"
for at in 4min 301s 6min 901s; do
	echo "\$ procsim ps $base --at $at --format ef" >> "$out"
	"$procsim" ps "$base" --at "$at" --format ef >> "$out"
done
echo "\$ procsim ps $base --at 301s --format o pid,ppid,sid,tty,stat,wchan:20,cmd" >> "$out"
"$procsim" ps "$base" --at 301s --format o pid,ppid,sid,tty,stat,wchan:20,cmd >> "$out"
if [ "$mode" = "--update" ]; then
	cp "$out" "$dir/crontab-l.txt"
	echo "updated crontab-l.txt"
elif ! diff -u "$dir/crontab-l.txt" "$out"; then
	echo "crontab-l.txt differs (meson compile -C build update-golden to accept)"
	exit 1
fi
