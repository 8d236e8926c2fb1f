#!/bin/sh
# i18n_catalog.sh SOURCE_ROOT XGETTEXT_ARGS...: every message of the sources
# is translated in every catalogue of po/LINGUAS (today zh_CN).
#
# A fresh .pot is extracted from po/POTFILES with xgettext and the keywords of
# po/meson.build (passed as arguments), then merged into each po/LANG.po
# without fuzzy matching: an English string added or changed without its
# translation shows up as untranslated and fails the test. The catalogue must
# also have no fuzzy or empty entries, and msgfmt --check (format directives,
# plural forms, header) must accept it. Skipped (77) without the gettext tools.
set -u
root=$1
shift
for tool in xgettext msgmerge msgattrib msgfmt; do
	command -v $tool >/dev/null 2>&1 || { echo "$tool not found: skipped"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$root" || exit 1
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# the messages the sources have now
xgettext --package-name=procsim -D . -f po/POTFILES -o "$tmp/fresh.pot" "$@" 2> "$tmp/err" ||
	{ cat "$tmp/err"; echo "FAIL: xgettext failed on po/POTFILES"; exit 1; }
total=$(msgattrib --no-wrap "$tmp/fresh.pot" | grep -c '^msgid "')
total=$((total - 1)) # the header
[ "$total" -gt 0 ] || fail "xgettext found no messages"

langs=$(sed 's/#.*//' po/LINGUAS | tr -s ' \t' '\n\n' | grep .)
[ -n "$langs" ] || fail "po/LINGUAS lists no language"
echo "$langs" | grep -qx zh_CN || fail "po/LINGUAS does not list zh_CN"

for lang in $langs; do
	po=po/$lang.po
	[ -f "$po" ] || { fail "po/LINGUAS lists $lang but $po does not exist"; continue; }
	# the catalogue as it is: valid, nothing fuzzy, nothing empty
	if ! msgfmt --check --statistics -o /dev/null "$po" 2> "$tmp/stats"; then
		cat "$tmp/stats"
		fail "msgfmt --check rejects $po"
	fi
	echo "$lang: $(cat "$tmp/stats")"
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | grep '^msgid "' | grep -vx 'msgid ""')
	[ -z "$fuzzy" ] || fail "$po has fuzzy entries: $(echo "$fuzzy" | head -5)"
	# the catalogue against the sources: every msgid has a translation
	if ! msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" "$po" "$tmp/fresh.pot" 2> "$tmp/err"; then
		cat "$tmp/err"
		fail "msgmerge failed for $po"
		continue
	fi
	untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" | grep '^msgid "' | grep -vx 'msgid ""' | head -20)
	[ -z "$untranslated" ] ||
		fail "$po: messages without a translation (update it: meson compile -C build procsim-update-po):
$untranslated"
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" | grep '^msgid "' | grep -vx 'msgid ""' | head -20)
	[ -z "$fuzzy" ] || fail "$po: fuzzy after merging with the sources: $fuzzy"
	if ! msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2> "$tmp/stats"; then
		cat "$tmp/stats"
		fail "msgfmt --check rejects $po merged with the sources"
	fi
	translated=$(sed -n 's/^\([0-9][0-9]*\) translated message.*/\1/p' "$tmp/stats")
	[ "${translated:-0}" -eq "$total" ] ||
		fail "$po: ${translated:-0} of the $total messages of the sources are translated ($(cat "$tmp/stats"))"
done
[ $status -eq 0 ] && echo "ok: all $total messages of the sources are translated in: $langs"
exit $status
