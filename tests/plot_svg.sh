#!/bin/sh
# plot_svg.sh PROCSIM SOURCE_ROOT: every example scenario's timeline, on one
# CPU and on two, several runs in one picture (files, and lists of policies
# and quanta), windows (--from, --to) and a compare chart are well-formed SVG
# (xmllint --noout), written whole; a window that is empty or outside the run
# is a usage error (2) with one message; with rsvg-convert installed, one is
# rendered to PNG too.
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
# several runs on one axis; windows
J=$ROOT/scenarios/join
for args in "$J/1-serial-sleep.psim $J/2-start-all-sleep.psim" \
	"$J/1-serial-compute.psim --policy fifo,rr --quantum 1,2" \
	"--jobs 30,20,10 --policy fifo,sjf,rr --cpus 1,2" \
	"$J/1-serial-sleep.psim --from 1s --to 3.5s" \
	"$J/1-serial-sleep.psim $J/2-start-all-sleep.psim --from 2s" \
	"--jobs 30,20 --from 10 --to 25"; do
	n=$((n + 1))
	# shellcheck disable=SC2086 # the arguments are words
	if ! "$P" plot $args -o "$T/multi.svg" 2> "$T/err"; then
		echo "FAIL: procsim plot $args: $(cat "$T/err")"
		failures=$((failures + 1))
	elif ! xmllint --noout "$T/multi.svg"; then
		echo "FAIL: plot $args: not well-formed"
		failures=$((failures + 1))
	fi
done
# windows that cannot be drawn: status 2, one message naming the option
for args in "--from 3s --to 2s|window would be empty" "--from 2s --to 2s|window would be empty" \
	"--to 0|window would be empty" "--from 1min|--from 1min is outside the run, which ends at" \
	"--to 100000|--to 100000 is outside the run" "--from soon|--from needs a tick number or a duration"; do
	n=$((n + 1))
	opts=${args%%|*} want=${args#*|}
	# shellcheck disable=SC2086
	"$P" plot "$J/1-serial-sleep.psim" $opts -o "$T/bad.svg" 2> "$T/err"
	rc=$?
	if [ "$rc" -ne 2 ] || ! grep -qF -- "$want" "$T/err" || [ -e "$T/bad.svg" ] ||
		[ "$(grep -c '^procsim:' "$T/err")" -ne 1 ]; then
		echo "FAIL: plot $opts: status $rc, expected 2 and '$want' (stderr: $(cat "$T/err"))"
		failures=$((failures + 1))
	fi
done
n=$((n + 1))
"$P" plot "$J/1-serial-sleep.psim" --jobs 5 -o "$T/bad.svg" 2> "$T/err"
[ $? -eq 2 ] || { echo "FAIL: plot FILE --jobs is not a usage error"; failures=$((failures + 1)); }
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
