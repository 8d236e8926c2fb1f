#!/bin/sh
# docs_examples.sh PROCSIM DOC...: every ```psim block of the documents must be
# a valid scenario, so the examples a teacher copies always work.
set -u
procsim=$1; shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 n=0
for doc in "$@"; do
	awk -v dir="$tmp" '/^```psim$/{f=1; n++; file=dir "/ex" n ".psim"; next} /^```$/{f=0} f{print > file}' "$doc"
	for ex in "$tmp"/ex*.psim; do
		[ -e "$ex" ] || continue
		n=$((n + 1))
		if ! out=$("$procsim" check "$ex" 2>&1); then
			echo "$doc: an example does not parse:"; cat "$ex"; echo "$out"; status=1
		fi
		rm -f "$ex"
	done
done
[ "$n" -gt 0 ] || { echo "no psim examples found"; exit 1; }
echo "$n examples checked"
exit $status
