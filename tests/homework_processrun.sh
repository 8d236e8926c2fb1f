#!/bin/sh
# homework_processrun.sh PROCSIM SOURCE_ROOT: `procsim homework process-run`
# prints what OSTEP's process-run.py prints, byte for byte, for every
# recorded case (tests/golden/homework/process-run/), and refuses bad input
# with one message on stderr, a non-zero status and nothing on stdout.
set -u
procsim=$1
dir=$2/tests/golden/homework/process-run
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }
grep -v '^#' "$dir/cases.txt" > "$tmp/cases"
while IFS= read -r line; do
	name=${line%%:*}
	args=${line#*:}
	checks=$((checks + 1))
	# shellcheck disable=SC2086 # the arguments are words
	"$procsim" homework process-run $args > "$tmp/out" 2> "$tmp/err" || fail "$name: exit status $?: $(cat "$tmp/err")"
	cmp -s "$tmp/out" "$dir/$name.txt" || { fail "$name: differs from process-run.py's output"; diff "$dir/$name.txt" "$tmp/out" | head -20; }
done < "$tmp/cases"

# --json (procsim's own): the question and, with -c, the whole answer in one
# object on one line. Rendered back as the tool's table (and with -p its
# totals), it is the recorded answer, byte for byte; without -c it is the
# question, the processes' instructions as the text lists them.
if command -v python3 >/dev/null 2>&1; then
	grep -v '^#' "$dir/cases.txt" | while IFS= read -r line; do
		name=${line%%:*}
		args=${line#*:}
		case " $args " in *" -h "*) continue ;; esac # the help is the tool's
		# shellcheck disable=SC2086
		"$procsim" homework process-run $args --json > "$tmp/$name.json" || { echo "FAIL: $name --json: exit status $?"; continue; }
		[ "$(wc -l < "$tmp/$name.json")" -eq 1 ] || echo "FAIL: $name --json: not one line"
		case " $args " in *" -p "*|*" -cp "*|*" -pc "*|*" --printstats "*) stats=1 ;; *) stats=0 ;; esac
		echo "$name $stats"
	done > "$tmp/json-cases"
	# one python3 for all (its start-up is slow under the sanitizers' load)
	python3 -c '
import json, sys
tmp, golden = sys.argv[1], sys.argv[2]
for line in open(tmp + "/json-cases"):
    if line.startswith("FAIL"):
        print(line, end=""); continue
    name, stats = line.split()
    try:
        o = json.load(open(tmp + "/" + name + ".json"))
    except ValueError as e:
        print("FAIL: %s --json: %s" % (name, e)); continue
    out = []
    if "trace" not in o:
        out.append("Produce a trace of what would happen when you run these processes:")
        for p in o["processes"]:
            out.append("Process %d" % p["process"])
            out += ["  " + i for i in p["instructions"]] + [""]
        out.append("Important behaviors:")
        out.append("  System will switch when the current process is " +
                   ("FINISHED" if o["switch"] == "SWITCH_ON_END" else "FINISHED or ISSUES AN IO"))
        out.append("  After IOs, the process issuing the IO will " +
                   ("run IMMEDIATELY" if o["iodone"] == "IO_RUN_IMMEDIATE" else "run LATER (when it is its turn)"))
        out.append("")
    else:
        out.append("Time" + "".join("%14s" % ("PID:%2d" % p["process"]) for p in o["processes"]) + "%14s%14s" % ("CPU", "IOs"))
        for r in o["trace"]:
            out.append("%3d%s" % (r["time"], "*" if r["io_done"] else " ") + "".join("%14s" % c for c in r["states"]) +
                       "%14s" % ("1" if r["cpu"] else " ") + ("%14d" % r["ios"] if r["ios"] else "%10s" % " "))
        st = o["stats"]
        if st["total_time"] != len(o["trace"]):
            print("FAIL: %s --json: total_time is not the rows" % name)
        if stats == "1":
            out += ["", "Stats: Total Time %d" % st["total_time"],
                    "Stats: CPU Busy %d (%.2f%%)" % (st["cpu_busy"], st["cpu_busy_percent"]),
                    "Stats: IO Busy  %d (%.2f%%)" % (st["io_busy"], st["io_busy_percent"]), ""]
    if "\n".join(out) + "\n" != open(golden + "/" + name + ".txt").read():
        print("FAIL: %s --json: not the recorded answer" % name)
' "$tmp" "$dir" > "$tmp/json-fails" 2>&1
	checks=$((checks + 1))
	[ -s "$tmp/json-fails" ] && fail "--json: $(cat "$tmp/json-fails")"
else
	echo "note: python3 not found: the --json checks are skipped"
fi
checks=$((checks + 1))
"$procsim" homework process-run -l 1:0 -s 1 -L 2 -c --json | grep -qF '"trace":[{"time":1,"io_done":false,"states":["RUN:io"],"cpu":1,"ios":0},' ||
	fail "--json: the first tick of -l 1:0"
"$procsim" homework process-run -l 1:0 --json | grep -q '"trace"' && fail "--json without -c gives the answer"
"$procsim" homework process-run -P c0 --json > "$tmp/out" 2>/dev/null && fail "--json: -P c0 was accepted"
[ -s "$tmp/out" ] && fail "--json: -P c0 wrote something on stdout"

# The tool's file name works as the tool's name.
checks=$((checks + 1))
"$procsim" homework process-run.py -l 5:100,5:100 -c -p | cmp -s - "$dir/q1-answer.txt" ||
	fail "process-run.py as the tool's name"

# The answers are the kernel's: with the same workload as a scenario, the
# cyclic policy's run ends when the table says (q6: 31 ticks, the last exit at t=31).
checks=$((checks + 1))
cat > "$tmp/q6.psim" <<'PSIM'
policy cyclic
job p0 runs 1, io 5, runs 2, io 5, runs 2, io 5, runs 1
job p1 runs 5
job p2 runs 5
job p3 runs 5
PSIM
"$procsim" run "$tmp/q6.psim" > "$tmp/run" || fail "the q6 scenario does not run"
grep -q '^t=31 .*PID 3 (p0) .*exits' "$tmp/run" || fail "the q6 scenario's p0 does not exit at t=31"
grep -q 'Stats: Total Time 31' "$dir/q6-io-later.txt" || fail "q6's golden is not 31 ticks"

# bad input: one message on stderr, a non-zero status, nothing on stdout
for bad in "-z" "-l" "-l 5" "-l 5:x" "-l 5:50," "-l 5:50:1" "-l x:50" "-l 0:50 -c" "-P c3,j" "-P c3,,i" "-P c" \
	"-P c0" "-s x -l 1:50" "-L x -l 1:50" "-L 0 -l 1:0 -c" "-L -3 -l 1:0" "-l 5:50 -S SWITCH_NEVER" \
	"-l 5:50 -I IO_RUN_SOMETIME" "-l 1:0 -L 100000000 -c" "--printstats=1 -l 1:0" "--s 3" ""; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	if "$procsim" homework process-run $bad > "$tmp/out" 2> "$tmp/err"; then
		fail "'$bad' was accepted"
	fi
	[ "$(wc -l < "$tmp/err")" -ge 1 ] || fail "'$bad': no message on stderr"
	[ -s "$tmp/out" ] && fail "'$bad': something on stdout"
done
checks=$((checks + 1))
"$procsim" homework process-run -l 5:50 -S NOPE 2> "$tmp/err" >/dev/null
grep -q "SWITCH_ON_IO or SWITCH_ON_END" "$tmp/err" || fail "-S NOPE: the message does not name the choices"
checks=$((checks + 1))
"$procsim" homework nosuchtool > /dev/null 2> "$tmp/err" && fail "an unknown tool was accepted"
grep -q "process-run" "$tmp/err" || fail "the unknown tool's message does not name process-run"
echo "$checks checks"
exit $status
