#!/bin/sh
# record-all.sh [PROCSIM]: re-records every program of the fidelity suite
# (tests/fidelity/*.py) with `procsim record`, on this machine; needs ptrace.
# The interpreter is called `python3` in the recordings whatever the
# machine's path to it (a pyenv shim would otherwise record its own bash
# scripts): a symbolic link named python3 to sys.executable comes first in
# PATH. Then checks each recording against its scenario (fidelity.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
P=${1:-$here/../../build/ui/procsim}
case $P in /*) ;; *) P=$(pwd)/$P ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
ln -s "$(python3 -c 'import sys; print(sys.executable)')" "$T/python3"
cd "$here"
for py in *.py; do
	name=${py%.py}
	echo "recording $name"
	PATH=$T:$PATH "$P" record -o "$name.psimrec" -- python3 "$py" > /dev/null
done
sh "$here/../fidelity.sh" "$P" "$here/../.."
