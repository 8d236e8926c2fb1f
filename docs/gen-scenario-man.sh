#!/bin/sh
# gen-scenario-man.sh PROCSIM SCDOC INPUT.scd OUTPUT
# Builds procsim-scenario(5): the line `@INSTRUCTIONS@` of INPUT.scd is replaced
# by `PROCSIM help --help-format scdoc` (the reference generated from the
# instruction table, sim/lang/instr.c) and the result goes through SCDOC.
set -eu
procsim=$1 scdoc=$2 input=$3 output=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The untranslated reference, whatever the builder's locale.
LANGUAGE=C LC_ALL=C "$procsim" help --help-format scdoc > "$tmp/instructions.scd"
[ -s "$tmp/instructions.scd" ] || { echo "$0: $procsim printed no instructions" >&2; exit 1; }
# (procsim escapes scdoc's special characters, such as the `_` of os._exit.)
cp "$tmp/instructions.scd" "$tmp/escaped.scd"
grep -qx '@INSTRUCTIONS@' "$input" || { echo "$0: no @INSTRUCTIONS@ line in $input" >&2; exit 1; }
awk -v f="$tmp/escaped.scd" '
	$0 == "@INSTRUCTIONS@" { while ((getline line < f) > 0) print line; next }
	{ print }' "$input" > "$tmp/page.scd"
"$scdoc" < "$tmp/page.scd" > "$tmp/page"
mv "$tmp/page" "$output"
