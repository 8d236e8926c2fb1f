#!/bin/sh
# workload.sh PROCSIM: textbook workloads at scale through the command line
# (issue 9, items 1 and 5). 200,000 jobs through --jobs-file and through
# homework, every job's numbers and the averages checked against values
# computed here another way (awk, from the workload alone); --jobs-file and
# --jobs give the same run; its mistakes and limits are one clear message.
set -u
P=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
status=0 checks=0
fail() { echo "FAIL: $*"; status=1; }
check() { checks=$((checks + 1)); }

# ---- 200,000 jobs, FIFO, through --jobs-file --------------------------------------
# All arrive at 0 with bursts 1..9; under FIFO job k waits for the bursts of
# jobs 0..k-1 and ends after its own: response = wait = that sum.
awk 'BEGIN { print "# 200,000 jobs"; for (k = 0; k < 200000; k++) print (k * 7919) % 9 + 1 }' > "$T/jobs.txt"
check
"$P" stats --jobs-file "$T/jobs.txt" --policy fifo --csv > "$T/fifo.csv" 2> "$T/err" || fail "stats --jobs-file: $(cat "$T/err")"
check
awk -F, 'NR == FNR { if ($0 !~ /^#/) burst[n++] = $1; next }
	FNR == 1 { next }
	{
		k = substr($2, 4) + 0
		if (k != seen) { print "row " FNR ": job" k ", expected job" seen; bad = 1; exit }
		if ($10 != sum + burst[k] || $11 != sum || $12 != sum) {
			print "job" k ": turnaround " $10 " response " $11 " wait " $12 ", expected " sum + burst[k] " " sum " " sum
			bad = 1; exit
		}
		t += sum + burst[k]; r += sum
		sum += burst[k]; seen++
	}
	END {
		if (!bad && seen != 200000) { print seen " jobs, expected 200000"; bad = 1 }
		if (!bad) printf "%.4f %.4f\n", t / seen, r / seen > "'"$T"'/avg"
		exit bad
	}' "$T/jobs.txt" "$T/fifo.csv" || fail "FIFO on 200,000 jobs: a job's numbers differ"
check
"$P" stats --jobs-file "$T/jobs.txt" --policy fifo --json > "$T/fifo.json" || fail "stats --json failed"
read -r avg_t avg_r < "$T/avg"
grep -q "\"averages\":{\"processes\":200000,\"turnaround\":$avg_t,\"response\":$avg_r,\"wait\":$avg_r}" "$T/fifo.json" ||
	fail "FIFO averages: expected turnaround $avg_t, response and wait $avg_r"
# every job alive at t=0 (FIFO: none has ended), in memory: the machine
# grows to 32 GiB for them, and free memory is never below 0 (it was -9.5 GiB)
check
"$P" ps --jobs-file "$T/jobs.txt" --policy fifo --at 0 --json > "$T/ps.json" || fail "ps --json failed"
grep -o '"memory_kib":{"total":[0-9]*,"free":-\{0,1\}[0-9]*' "$T/ps.json" > "$T/mem"
grep -q '"total":33554432,"free":[0-9]' "$T/mem" || fail "200,000 jobs at t=0: memory $(cat "$T/mem")"

# ---- 200,000 jobs, RR q=1, through homework -----------------------------------------
# All arrive at 0 and take one tick in turn: job i first runs at i, and ends
# in round L_i, after every job has had min(L_j, L_i - 1) ticks and the jobs
# before it still there (L_j >= L_i) one more: turnaround_i =
# sum_j min(L_j, L_i - 1) + #{j < i : L_j >= L_i} + 1; wait = turnaround - L_i.
check
"$P" homework scheduler -j 200000 -m 5 -s 11 -p RR -q 1 -c > "$T/rr.txt" 2> "$T/err" || fail "homework RR: $(cat "$T/err")"
check
awk '/^  Job [0-9]+ \( length = / { len[n++] = $6 + 0; next }
	/^Final statistics:/ {
		for (i = 0; i < n; i++) cnt[len[i]]++
		for (x = 0; x <= 5; x++) { s = 0; for (v in cnt) s += cnt[v] * (v + 0 < x ? v + 0 : x); below[x] = s }
		for (i = 0; i < n; i++) { T[i] = below[len[i] - 1] + ahead[len[i]] + 1; for (v = 1; v <= len[i]; v++) ahead[v]++ }
		stats = 1; next
	}
	stats && /^  Job / {
		i = $2 + 0
		want = sprintf("  Job %3d -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f", i, i, T[i], T[i] - len[i])
		if ($0 != want) { print "got  " $0; print "want " want; bad = 1; exit }
		rs += i; ts += T[i]; ws += T[i] - len[i]; m++
	}
	stats && /^  Average/ {
		want = sprintf("  Average -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f", rs / m, ts / m, ws / m)
		if ($0 != want) { print "got  " $0; print "want " want; bad = 1; exit }
		avg = 1
	}
	END { if (!bad && (m != 200000 || !avg)) { print m " jobs answered"; bad = 1 } exit bad }' "$T/rr.txt" ||
	fail "RR q=1 on 200,000 jobs: the answers differ from the ones computed from the workload"
check
grep -c '^  \[ time ' "$T/rr.txt" > "$T/lines"
awk '/^  Job [0-9]+ \( length = / { s += $6 } END { print s }' "$T/rr.txt" | cmp -s - "$T/lines" ||
	fail "RR q=1: the trace should have one line per tick of work"

# ---- --jobs-file and --jobs: the same run ------------------------------------------------
printf '5\n3\n\n# a comment\n  8 \n' > "$T/three.txt"
check
"$P" run --jobs 5,3,8 --policy rr > "$T/a.txt" && "$P" run --jobs-file "$T/three.txt" --policy rr > "$T/b.txt" &&
	cmp -s "$T/a.txt" "$T/b.txt" || fail "run --jobs-file differs from run --jobs with the same jobs"

# ---- mistakes and limits: one message, a non-zero status -----------------------------
expect() { # STATUS MESSAGE ARGS...: the status, and MESSAGE in stderr
	want=$1 msg=$2
	shift 2
	check
	"$P" "$@" > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" -eq "$want" ] || fail "$*: status $rc, expected $want"
	grep -qF -- "$msg" "$T/err" || { fail "$*: no '$msg' in: $(cat "$T/err")"; }
	[ -s "$T/out" ] && fail "$*: something was printed on stdout"
}
printf '5\n3:x\n' > "$T/bad.txt"
expect 1 "bad.txt:2:1: error: expected one job a line: BURST or ARRIVAL:BURST" stats --jobs-file "$T/bad.txt"
printf '# nothing\n' > "$T/empty.txt"
expect 1 "the file has no jobs" stats --jobs-file "$T/empty.txt"
expect 2 "nosuch.txt" stats --jobs-file "$T/nosuch.txt"
expect 2 "give --jobs or --jobs-file, not both" stats --jobs 5 --jobs-file "$T/three.txt"
expect 2 "not both" stats --jobs-file "$T/three.txt" "$T/three.txt"
awk 'BEGIN { for (k = 0; k <= 1000000; k++) print 1 }' > "$T/many.txt"
expect 1 "many.txt:1000001:1: error: too many jobs (the limit is 1000000)" stats --jobs-file "$T/many.txt"
expect 2 "-j must be 1 to 1000000" homework scheduler -j 1000001 -c

echo "$checks checks"
exit $status
