# lib.sh: helpers for the end-to-end tests of the interactive view. Each test
# runs the real binary in tmux on a private socket, sends keys and reads the
# screen with capture-pane. Sourced by the tests: $1 is procsim, $2 the
# source root. Exit status 77 (skipped) without tmux.
set -u
procsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }
sock=procsim-test-$$
nsessions=0
tmp=$(mktemp -d)
# (meson sets MALLOC_PERTURB_, which makes this tmux server die at start)
tm() { env -u MALLOC_PERTURB_ tmux -L "$sock" -f /dev/null "$@"; }
# kill-server can leave the socket file behind: remove it too
stop_server() {
	tm kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}
cleanup() { stop_server; rm -rf "$tmp"; }
trap cleanup EXIT
export LANGUAGE=C

fail() {
	echo "FAIL: $*"
	echo "---- the screen:"
	tm capture-pane -p 2>/dev/null
	exit 1
}

# start W H COMMAND...: a session W columns by H lines running COMMAND in a
# UTF-8 locale; when it ends, the pane shows EXIT=<status> and stays.
start() {
	w=$1 h=$2
	shift 2
	# a fresh server each time: a new session on a server that is still
	# shutting down fails with "server exited unexpectedly"
	stop_server
	nsessions=$((nsessions + 1))
	sock=procsim-test-$$-$nsessions
	printf '%s\n' "$*" > "$tmp/cmd"
	tm new-session -d -x "$w" -y "$h" \
		"cd '$tmp' && echo READY && env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=C $*; echo EXIT=\$?; sleep 600" ||
		fail "tmux cannot start"
}

screen() { tm capture-pane -p; }

# wait_for PATTERN [SECONDS]: until the screen matches (grep -E).
wait_for() {
	i=0 limit=$(( ${2:-10} * 10 ))
	while ! screen | grep -qE -- "$1"; do
		i=$((i + 1))
		[ $i -le $limit ] || fail "the screen never showed /$1/"
		sleep 0.1
	done
}

# settle: until two captures 0.3 s apart are identical.
settle() {
	prev=$(screen)
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		sleep 0.3
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
	done
	fail "the screen never settled"
}

keys() { tm send-keys "$@"; }

# tasks_of TEXT: the numbers of the Tasks: line, space separated.
tasks_of() { printf '%s\n' "$1" | grep -m1 '^Tasks:' | tr -s ' ' | sed 's/[^0-9 ]//g; s/^ *//; s/ *$//'; }

# state_of TEXT PID: the S column of PID's row in a table (ps or the view).
state_of() {
	printf '%s\n' "$1" | awk -v pid="$2" '
		/PID/ && /PPID/ { for (i = 1; i <= NF; i++) if ($i == "S") col = i; next }
		col && $0 ~ /^[ A-Z]*[0-9]/ {
			# ps puts S first; the view puts PID first
			if ($1 == pid && col > 1) { print $col; exit }
			if ($2 == pid && col == 1) { print $1; exit }
		}'
}
