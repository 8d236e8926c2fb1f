#!/bin/sh
# svg_render.sh PROCSIM SOURCE_ROOT: every scenario's picture, in English and
# in Chinese, renders: rsvg-convert (librsvg, as an image viewer or a slide
# tool reads SVG) draws it to a PNG without an error, and a font of the
# SVG's font-family list has the Chinese characters of the pictures, so they
# are drawn, not shown as empty boxes (issue 11, item 3). Skipped (77)
# without rsvg-convert or fontconfig; ./dev.sh installs both and the font.
set -u
procsim=$1 root=$2
command -v rsvg-convert >/dev/null 2>&1 || { echo "rsvg-convert is not installed: skipped"; exit 77; }
command -v fc-list >/dev/null 2>&1 || { echo "fontconfig is not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }

# The families the SVGs name, from ui/svg.h, and one of them that has
# the characters: "进程状态睡眠僵尸孤儿" (process, state, sleep, zombie, orphan).
families=$(sed -n 's/^#define SVG_FONTS "\(.*\)"$/\1/p' "$root/ui/svg.h" | tr ',' '\n' | sed "s/^ *'\{0,1\}//; s/'\{0,1\} *$//")
[ -n "$families" ] || fail "no SVG_FONTS in ui/svg.h"
found=""
printf '%s\n' "$families" > "$tmp/families"
while IFS= read -r fam; do
	[ "$fam" = "sans-serif" ] && continue
	if [ -n "$(fc-list "$fam:charset=8fdb 7a0b 72b6 6001 7761 7720 50f5 5c38 5b64 513f" family)" ]; then
		found=$fam
		break
	fi
done < "$tmp/families"
checks=$((checks + 1))
[ -n "$found" ] || fail "no font of the SVG's family list has the Chinese characters (install fonts-wqy-microhei: ./dev.sh)"

for f in "$root"/scenarios/*.psim "$root"/scenarios/seeds/*.psim; do
	for lang in en zh_CN; do
		name=$(basename "$f" .psim)-$lang
		checks=$((checks + 1))
		if ! "$procsim" plot "$f" --lang "$lang" -o "$tmp/$name.svg" 2> "$tmp/err"; then
			fail "$name: plot failed: $(cat "$tmp/err")"
			continue
		fi
		if ! rsvg-convert "$tmp/$name.svg" -o "$tmp/$name.png" 2> "$tmp/err" || [ ! -s "$tmp/$name.png" ]; then
			fail "$name: rsvg-convert could not draw it: $(cat "$tmp/err")"
		elif [ -s "$tmp/err" ]; then
			fail "$name: rsvg-convert warned: $(cat "$tmp/err")"
		fi
	done
done
# several runs in one picture, and a window of them
J=$root/scenarios/join
for lang in en zh_CN; do
	for args in "$J/1-serial-sleep.psim $J/2-start-all-sleep.psim $J/6-pool2-sleep.psim" \
		"$J/6-pool2-compute.psim --policy fifo,rr --quantum 1,2 --from 1s"; do
		checks=$((checks + 1))
		# shellcheck disable=SC2086 # the arguments are words
		if ! "$procsim" plot $args --lang "$lang" -o "$tmp/multi.svg" 2> "$tmp/err"; then
			fail "plot $args: $(cat "$tmp/err")"
		elif ! rsvg-convert "$tmp/multi.svg" -o "$tmp/multi.png" 2> "$tmp/err" || [ ! -s "$tmp/multi.png" ] ||
			[ -s "$tmp/err" ]; then
			fail "plot $args --lang $lang: rsvg-convert could not draw it: $(cat "$tmp/err")"
		fi
	done
done
echo "$checks checks (Chinese from: $found)"
exit $status
