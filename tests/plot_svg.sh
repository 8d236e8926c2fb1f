#!/bin/sh
# plot_svg.sh PROCSIM SOURCE_ROOT: every example scenario's timeline, on one
# CPU and on two, and a compare chart are well-formed SVG (xmllint --noout),
# written whole; with rsvg-convert installed, one is rendered to PNG too.
# Exits 77 (skipped) when xmllint is not installed.
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ]; then
	echo "usage: plot_svg.sh PATH/TO/procsim SOURCE_ROOT" >&2
	exit 2
fi
case $1 in
/*) P=$1 ;;
*) P=$(pwd)/$1 ;;
esac
ROOT=$(cd "$2" && pwd)
command -v xmllint > /dev/null 2>&1 || { echo "xmllint not installed: skipped"; exit 77; }

export LANGUAGE=C LC_ALL=C.UTF-8
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

failures=0 n=0
for f in "$ROOT"/scenarios/*.psim "$ROOT"/scenarios/join/*.psim "$ROOT"/scenarios/textbook/*.psim; do
	for cpus in 1 2; do
		n=$((n + 1))
		out="$T/$(basename "$f" .psim)-$cpus.svg"
		if ! "$P" plot "$f" --cpus "$cpus" -o "$out" 2> "$T/err"; then
			echo "FAIL: procsim plot $f --cpus $cpus: $(cat "$T/err")"
			failures=$((failures + 1))
		elif ! xmllint --noout "$out"; then
			echo "FAIL: $f --cpus $cpus: not well-formed"
			failures=$((failures + 1))
		fi
	done
done
n=$((n + 1))
if ! "$P" compare "$ROOT"/scenarios/join/*.psim --plot "$T/compare.svg" > /dev/null ||
	! xmllint --noout "$T/compare.svg"; then
	echo "FAIL: compare --plot"
	failures=$((failures + 1))
fi
if command -v rsvg-convert > /dev/null 2>&1; then
	n=$((n + 1))
	if ! rsvg-convert -o "$T/demo.png" "$T/demo-2.svg" || [ ! -s "$T/demo.png" ]; then
		echo "FAIL: rsvg-convert could not render the demo's timeline"
		failures=$((failures + 1))
	fi
else
	echo "rsvg-convert not installed: no PNG rendered"
fi
echo "$n pictures checked, $failures failed"
[ "$failures" -eq 0 ]
