#!/bin/sh
# scenarios/seeds/README.md maps the posts to scenarios: it names every
# scenarios/seeds/*.psim, and every scenario it names exists.
# Usage: seeds_readme.sh SOURCE_ROOT
set -u
root=$1
readme=$root/scenarios/seeds/README.md
[ -f "$readme" ] || { echo "no $readme"; exit 1; }
status=0
for f in "$root"/scenarios/seeds/*.psim; do
	name=scenarios/seeds/$(basename "$f")
	grep -qF "$name" "$readme" || { echo "$name is not in scenarios/seeds/README.md"; status=1; }
done
for name in $(grep -oE 'scenarios/[A-Za-z0-9_./-]+\.psim' "$readme" | sort -u); do
	[ -f "$root/$name" ] || { echo "scenarios/seeds/README.md names $name, which does not exist"; status=1; }
done
[ $status -eq 0 ] && echo "ok: scenarios/seeds/README.md names every seed scenario, and only existing ones"
exit $status
