#!/bin/sh
# golden.sh PROCSIM SCENARIO GOLDEN_DIR [--update]
# Runs a scenario's narrated trace and its JSON Lines, twice each (the runs must
# be identical: determinism), and compares them with the golden files
# GOLDEN_DIR/NAME.trace and GOLDEN_DIR/NAME.jsonl. --update rewrites them.
set -eu
procsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=$2 dir=$3 mode=${4:-}
name=$(basename "$scenario" .psim)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE=C LC_ALL=C.UTF-8
cd "$(dirname "$scenario")"
base=$(basename "$scenario")
"$procsim" run "$base" --check-invariants > "$tmp/a.trace"
"$procsim" run "$base" --check-invariants > "$tmp/b.trace"
"$procsim" run "$base" --format jsonl > "$tmp/a.jsonl"
"$procsim" run "$base" --format jsonl > "$tmp/b.jsonl"
cmp -s "$tmp/a.trace" "$tmp/b.trace" || { echo "not deterministic: two runs of $name differ"; exit 1; }
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" || { echo "not deterministic: two JSONL runs of $name differ"; exit 1; }
if [ "$mode" = "--update" ]; then
	cp "$tmp/a.trace" "$dir/$name.trace"
	cp "$tmp/a.jsonl" "$dir/$name.jsonl"
	echo "updated $name"
	exit 0
fi
status=0
for ext in trace jsonl; do
	if ! diff -u "$dir/$name.$ext" "$tmp/a.$ext"; then
		echo "golden $ext of $name differs (meson compile -C build update-golden to accept)"
		status=1
	fi
done
exit $status
