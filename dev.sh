#!/bin/sh
# dev.sh: set up a Debian machine for procsim, build it, and run something.
#   ./dev.sh demo      install what is missing, build, run the classroom demo
#   ./dev.sh test      install what is missing, build, run the whole test suite
#   ./dev.sh sanitize  the test suite under AddressSanitizer and UBSan (build-asan/)
#   ./dev.sh bench     the benchmarks (release build in build-release/)
# Idempotent: a second run installs nothing and only rebuilds what changed.
set -eu
cd "$(dirname "$0")"

# What a fresh Debian 12 needs. Each package earns its place:
# gcc/libc6-dev/meson/ninja/pkg-config build; check runs the unit tests;
# libncurses-dev is the terminal view; gettext builds the translations;
# scdoc builds the man pages; tmux and libxml2-utils serve end-to-end tests;
# librsvg2-bin (rsvg-convert) draws every picture in the tests, as a slide
# tool would; fonts-wqy-microhei has the Chinese the pictures name in their
# font-family list (1.6 MB, against 50 MB for fonts-noto-cjk).
PACKAGES="gcc libc6-dev meson ninja-build pkg-config check libncurses-dev gettext scdoc tmux libxml2-utils librsvg2-bin fonts-wqy-microhei"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "dev.sh: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

setup() { # dir [meson options...]
	dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir" >/dev/null
}

case "${1:-demo}" in
demo)
	setup build
	exec build/ui/procsim
	;;
test)
	setup build
	meson test -C build --print-errorlogs
	;;
sanitize)
	setup build-asan -Db_sanitize=address,undefined -Db_lundef=false
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C build-asan --print-errorlogs
	;;
bench)
	setup build-release --buildtype=release
	meson test -C build-release --benchmark --print-errorlogs --verbose
	;;
*)
	echo "usage: ./dev.sh demo|test|sanitize|bench" >&2
	exit 2
	;;
esac
