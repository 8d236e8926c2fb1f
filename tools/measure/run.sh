#!/bin/sh
# run.sh: build the programs of tools/measure/ and print what each cost is on
# this machine, one line per cost:
#   NAME median_us p10_us p90_us runs
# (runs = the number of samples; each program's first comment says how it
# measures).  Lines starting with '#' describe the machine and its load.
# Usage: tools/measure/run.sh [--quick] [BUILD_DIR]   (BUILD_DIR: build/)
#   --quick  3 samples each: checks that everything runs, measures nothing.
# The machine may be shared: run it several times and compare.  Under
# `nice -n -20 tools/measure/run.sh` (root) the programs, and their children,
# get nearly a whole CPU from CFS even when other work keeps it busy: closer
# to what the costs are on a quiet machine.
set -eu
cd "$(dirname "$0")/../.."
n=""
if [ "${1:-}" = "--quick" ]; then
	n="-n 3"
	shift
fi
build=${1:-build}
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
programs="fork exit wait4 kill exec context_switch"
targets=""
for p in $programs; do targets="$targets tools/measure/measure_$p"; done
ninja -C "$build" $targets >/dev/null
bin=$build/tools/measure
here=tools/measure

# python3 on PATH may be a wrapper (here a pyenv shim, a bash script); the
# real interpreter is what it runs.
shim=$(command -v python3)
python=$(python3 -c 'import sys; print(sys.executable)')

echo "# $(uname -srm); $(grep -m1 '^model name' /proc/cpuinfo | sed 's/.*: //'); nproc $(nproc)"
echo "# $($python --version) ($python); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# nice $(nice)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

$bin/measure_fork $n
$bin/measure_exit $n
$bin/measure_wait4 $n
$bin/measure_kill $n
python3 $here/kill_handler.py $n
$bin/measure_exec $n
startup_n=${n:--n 50}
$bin/measure_exec $startup_n python_startup_shim "$shim" -c pass
$bin/measure_exec $startup_n python_startup "$python" -c pass
$bin/measure_exec $startup_n python_startup_S "$python" -S -c pass
$bin/measure_exec $startup_n python_startup_import_mp "$python" -c 'import multiprocessing'
python3 $here/process_start.py $n
python3 $here/queue_put_get.py $n
python3 $here/interpreter_shutdown.py $n
taskset -c 0 $bin/measure_context_switch $n context_switch_pinned
$bin/measure_context_switch $n context_switch_pipe_2cpu
python3 $here/lock_handoff.py $n
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
