/* test_sched.c: round robin on one and several CPUs, the quantum, the
 * options that override the scenario's settings, and the cyclic policy
 * (process-run.py's scheduler) with jobs of CPU and I/O bursts. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "snapshot.h"
#include "testlib.h"

/* One scheduling step of a process: what happened to it, when, on which CPU. */
struct step {
	enum sim_event_kind kind;
	long long t;
	int pid;
	int cpu; /* dispatch and preempt; -1 for exit */
};

/* The dispatch, preempt and exit events of PIDs lo..hi, in order, compared
 * with `want`. */
static void assert_steps(const struct run *r, int lo, int hi, const struct step *want, int n)
{
	int k = 0;
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->pid < lo || e->pid > hi)
			continue;
		if (e->kind != EV_DISPATCH && e->kind != EV_PREEMPT && e->kind != EV_EXIT)
			continue;
		ck_assert_msg(k < n, "unexpected extra event %d for pid %d at t=%lld", e->kind, e->pid,
			      (long long)e->t);
		ck_assert_msg(e->kind == want[k].kind && e->t == want[k].t && e->pid == want[k].pid &&
				      (e->kind == EV_EXIT || e->cpu == want[k].cpu),
			      "step %d: got kind %d pid %d t=%lld cpu %d, want kind %d pid %d t=%lld cpu %d", k,
			      e->kind, e->pid, (long long)e->t, e->cpu, want[k].kind, want[k].pid, want[k].t,
			      want[k].cpu);
		k++;
	}
	ck_assert_int_eq(k, n);
}

#define D(t, pid, cpu) {EV_DISPATCH, t, pid, cpu}
#define P(t, pid, cpu) {EV_PREEMPT, t, pid, cpu}
#define X(t, pid) {EV_EXIT, t, pid, -1}

/* main forks the jobs, then sleeps out of the way; `ignore CHLD` makes the
 * kernel reap them, so nobody else wants a CPU while they run. */
#define THREE_JOBS(settings, ticks)                                               \
	settings "program job\n    compute " ticks "t\n"                         \
	"main\n    ignore CHLD\n    fork job\n    fork job\n    fork job\n    sleep 1000t\n"

/* ---- one CPU ------------------------------------------------------------------------ */

START_TEST(round_robin_rotates_three_jobs_with_quantum_3)
{
	struct run *r = run_new(THREE_JOBS("", "6"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	static const struct step want[] = {
		D(0, 4, 0), P(3, 4, 0),
		D(3, 5, 0), P(6, 5, 0),
		D(6, 6, 0), P(9, 6, 0),
		D(9, 4, 0), X(12, 4),
		D(12, 5, 0), X(15, 5),
		D(15, 6, 0), X(18, 6),
	};
	assert_steps(r, 4, 6, want, (int)(sizeof want / sizeof want[0]));
	run_free(r);
}
END_TEST

START_TEST(process_alone_keeps_the_cpu_past_its_quantum)
{
	struct run *r = run_new(
		"program job\n    compute 10t\n    print \"done {tick}\"\n"
		"main\n    fork job\n    sleep 100t\n    wait\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_count(r, EV_PREEMPT, 0), 0);
	ck_assert_int_eq(run_count(r, EV_DISPATCH, 4), 1);
	ck_assert_int_eq(run_when(r, EV_DISPATCH, 4), 0);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 10);
	ck_assert_str_eq(run_console(r), "done 10\n");
	run_free(r);
}
END_TEST

START_TEST(compute_started_at_t_exits_at_t_plus_n_when_alone)
{
	struct run *r = run_new("main\n    sleep 7t\n    compute 5t\n    print \"done {tick}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_DISPATCH, 3, 1)->t, 7);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 12);
	ck_assert_str_eq(run_console(r), "done 12\n");
	struct proc_info pi;
	run_free(r);

	/* Measured with ps: at 9 it has had 2 ticks of CPU. */
	r = run_new("main\n    sleep 7t\n    compute 5t\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 9), SIM_RUNNING);
	ck_assert(snapshot_proc(r->sim, 3, &pi));
	ck_assert_int_eq(pi.cpu_ticks, 2);
	ck_assert(pi.on_cpu);
	run_free(r);
}
END_TEST

START_TEST(textbook_three_jobs_of_200_ticks_with_quantum_1_end_at_598_599_600)
{
	/* A, B and C take turns tick by tick: A's 200th tick is 597-598, B's
	 * 598-599, C's 599-600. */
	struct run *r = run_new(
		"quantum 1\n"
		"program job\n    compute 200t\n"
		"main\n    start job\n    start job\n    start job\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_when(r, EV_DISPATCH, 4), 0);
	ck_assert_int_eq(run_when(r, EV_DISPATCH, 5), 1);
	ck_assert_int_eq(run_when(r, EV_DISPATCH, 6), 2);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 598);
	ck_assert_int_eq(run_when(r, EV_EXIT, 5), 599);
	ck_assert_int_eq(run_when(r, EV_EXIT, 6), 600);
	for (int pid = 4; pid <= 6; pid++)
		ck_assert_int_eq(run_count(r, EV_DISPATCH, pid), 200);
	run_free(r);
}
END_TEST

/* ---- several CPUs ---------------------------------------------------------------- */

START_TEST(two_cpus_run_two_processes_in_parallel)
{
	struct run *r = run_new(THREE_JOBS("cpus 2\n", "4"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	static const struct step want[] = {
		D(0, 4, 0), D(0, 5, 1),
		P(3, 4, 0), P(3, 5, 1),
		D(3, 6, 0), D(3, 4, 1),
		X(4, 4), D(4, 5, 1),
		X(5, 5),
		X(7, 6),
	};
	assert_steps(r, 4, 6, want, (int)(sizeof want / sizeof want[0]));
	run_free(r);
}
END_TEST

START_TEST(a_process_never_runs_on_two_cpus_at_once)
{
	struct run *r = run_new(
		"cpus 3\nquantum 2\n"
		"program job(n)\n    repeat 3\n        compute {n} ticks\n        sleep 1t\n"
		"main\n    repeat 5 as i\n        start job(i)\n    compute 4t\n");
	int on_cpu[64] = {0}; /* pid -> CPU + 1, from the events */
	int seen = 0;
	long long t;
	for (t = 0; t < 200 && sim_status(r->sim) == SIM_RUNNING; t++) {
		int before = r->count;
		sim_advance_to(r->sim, t);
		/* Replay the new events: a dispatch needs the process off every CPU. */
		for (int i = before; i < r->count; i++) {
			const struct sim_event *e = &r->events[i].ev;
			ck_assert_int_lt(e->pid, 64);
			if (e->kind == EV_DISPATCH) {
				ck_assert_msg(on_cpu[e->pid] == 0, "t=%lld: pid %d dispatched on CPU%d while on CPU%d",
					      (long long)e->t, e->pid, e->cpu, on_cpu[e->pid] - 1);
				for (int p = 0; p < 64; p++)
					ck_assert_msg(on_cpu[p] != e->cpu + 1 || p == e->pid,
						      "t=%lld: CPU%d given to pid %d while pid %d holds it", (long long)e->t,
						      e->cpu, e->pid, p);
				on_cpu[e->pid] = e->cpu + 1;
				seen++;
			} else if (e->kind == EV_PREEMPT || e->kind == EV_SLEEP || e->kind == EV_EXIT ||
				   e->kind == EV_STOP) {
				on_cpu[e->pid] = 0;
			}
		}
		/* And the snapshot agrees: distinct processes on the CPUs. */
		int pids[3];
		ck_assert_int_eq(snapshot_cpus(r->sim, pids, 3), 3);
		for (int a = 0; a < 3; a++)
			for (int b = a + 1; b < 3; b++)
				ck_assert(pids[a] == 0 || pids[a] != pids[b]);
		for (int a = 0; a < 3; a++)
			if (pids[a])
				ck_assert_int_eq(on_cpu[pids[a]], a + 1);
	}
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_gt(seen, 20);
	/* Some tick had a dispatch on each of two CPUs. */
	bool parallel = false;
	for (int i = 0; i < r->count && !parallel; i++)
		for (int j = i + 1; j < r->count && r->events[j].ev.t == r->events[i].ev.t; j++)
			if (r->events[i].ev.kind == EV_DISPATCH && r->events[j].ev.kind == EV_DISPATCH &&
			    r->events[i].ev.cpu != r->events[j].ev.cpu)
				parallel = true;
	ck_assert(parallel);
	run_free(r);
}
END_TEST

/* ---- options ------------------------------------------------------------------------ */

START_TEST(options_override_the_scenario_quantum_and_cpus)
{
	const char *src = THREE_JOBS("cpus 1\nquantum 3\n", "10");
	struct sim_options opt = {.quantum = 5};
	struct run *r = run_new_opts(src, &opt);
	ck_assert_int_eq(sim_quantum(r->sim), 5);
	ck_assert_int_eq(sim_cpus(r->sim), 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	static const struct step want5[] = {
		D(0, 4, 0), P(5, 4, 0),
		D(5, 5, 0), P(10, 5, 0),
		D(10, 6, 0), P(15, 6, 0),
		D(15, 4, 0), X(20, 4),
		D(20, 5, 0), X(25, 5),
		D(25, 6, 0), X(30, 6),
	};
	assert_steps(r, 4, 6, want5, (int)(sizeof want5 / sizeof want5[0]));
	run_free(r);

	opt = (struct sim_options){.cpus = 3};
	r = run_new_opts(src, &opt);
	ck_assert_int_eq(sim_cpus(r->sim), 3);
	ck_assert_int_eq(sim_quantum(r->sim), 3);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* One CPU each: no preemption, all three end at 10. */
	static const struct step want3[] = {
		D(0, 4, 0), D(0, 5, 1), D(0, 6, 2), X(10, 4), X(10, 5), X(10, 6),
	};
	assert_steps(r, 4, 6, want3, (int)(sizeof want3 / sizeof want3[0]));
	run_free(r);
}
END_TEST

/* ---- cyclic: process-run.py's scheduler ----------------------------------------------- */

/* The dispatches of PIDs lo..hi, in order: "3@0 4@1 ...". */
static void dispatches(const struct run *r, int lo, int hi, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < r->count && len < n; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind == EV_DISPATCH && e->pid >= lo && e->pid <= hi)
			len += (size_t)snprintf(buf + len, n - len, "%s%d@%lld", len ? " " : "", e->pid, (long long)e->t);
	}
}

/* A job's bursts run in the order written: CPU 2, disk 3, CPU 1. */
START_TEST(a_job_runs_its_bursts_in_order)
{
	struct run *r = run_new("job A runs 2, io 3, runs 1\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sl = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->state, 'D');
	ck_assert_int_eq(sl->t, 2);
	ck_assert_int_eq(run_when(r, EV_WAKE, 3), 5);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 6);
	run_free(r);
}
END_TEST

/* OSTEP's question 6 (-l 3:0,5:100,5:100,5:100): the I/O-bound process
 * waits its turn after its I/O, behind the three CPU-bound ones. */
#define Q6 "job p0 runs 1, io 5, runs 2, io 5, runs 2, io 5, runs 1\n" \
	   "job p1 runs 5\njob p2 runs 5\njob p3 runs 5\n"

START_TEST(cyclic_takes_the_next_pid_after_the_one_that_ran_last)
{
	struct run *r = run_new("policy cyclic\n" Q6);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	char got[256];
	dispatches(r, 3, 6, got, sizeof got);
	ck_assert_str_eq(got, "3@0 4@1 5@6 6@11 3@16 3@23 3@30");
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 31);
	run_free(r);
}
END_TEST

/* -P i:c6 -L 2 -I IO_RUN_IMMEDIATE: p0 takes the CPU from p1 as its I/O
 * completes; p1 goes on after it. */
START_TEST(cyclic_io_done_immediate_preempts_the_running_process)
{
	struct run *r = run_new("policy cyclic\nio_done immediate\njob p0 runs 1, io 2, runs 1\njob p1 runs 6\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	char got[64];
	dispatches(r, 3, 4, got, sizeof got);
	ck_assert_str_eq(got, "3@0 4@1 3@3 4@4");
	ck_assert_int_eq(run_when(r, EV_PREEMPT, 4), 3);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 8);
	run_free(r);
	/* io_done later: p0 waits for p1 to end */
	r = run_new("policy cyclic\njob p0 runs 1, io 2, runs 1\njob p1 runs 6\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	dispatches(r, 3, 4, got, sizeof got);
	ck_assert_str_eq(got, "3@0 4@1 3@7");
	ck_assert_int_eq(run_count(r, EV_PREEMPT, 4), 0);
	run_free(r);
}
END_TEST

/* Question 4 (-S SWITCH_ON_END): the CPU idles through A's I/O. */
START_TEST(cyclic_switch_on_end_keeps_the_cpu_through_io)
{
	struct run *r = run_new("policy cyclic\nswitch_on end\njob A runs 1, io 5, runs 1\njob B runs 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	char got[64];
	dispatches(r, 3, 4, got, sizeof got);
	ck_assert_str_eq(got, "3@0 3@6 4@7");
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 11);
	run_free(r);
}
END_TEST

/* The choice is made as the CPU is given up: p0, whose I/O completes at
 * that instant, comes after p1, ready since t=3, though the scan from p2
 * would reach p0 first. (process-run.py's next_proc runs at the end of the
 * tick, before the next tick's I/O completions.) */
START_TEST(cyclic_chooses_among_the_ready_when_the_cpu_is_given_up)
{
	struct run *r = run_new("policy cyclic\njob p0 runs 1, io 5, runs 1\njob p1 runs 1, io 1, runs 1\n"
				"job p2 runs 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	char got[64];
	dispatches(r, 3, 5, got, sizeof got);
	ck_assert_str_eq(got, "3@0 4@1 5@2 4@6 3@7");
	run_free(r);
}
END_TEST

/* ---- the timer interrupt (hz) ------------------------------------------------------- */

/* Two jobs of 10 ms on one CPU, `tick 100us`: a quantum of 3 ticks
 * (300 us) is used up long before the next timer interrupt, which at
 * hz 250 comes every 4 ms (40 ticks), and only there does the slice end, as
 * Linux's scheduler tick ends it (tests/truth/hz_slices.c: two hogs on one
 * CPU switch every 4 ms, on the same 4 ms grid). */
#define TWO_HOGS(settings)                                                             \
	"tick 100us\ncosts none\n" settings "program job\n    compute 10ms\n"                   \
	"main\n    ignore CHLD\n    fork job\n    fork job\n    sleep 1s\n"

START_TEST(a_slice_ends_at_the_first_timer_interrupt_after_its_quantum)
{
	struct run *r = run_new(TWO_HOGS(""));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	static const struct step want[] = {
		D(0, 4, 0), P(40, 4, 0),
		D(40, 5, 0), P(80, 5, 0),
		D(80, 4, 0), P(120, 4, 0),
		D(120, 5, 0), P(160, 5, 0),
		D(160, 4, 0), X(180, 4),
		D(180, 5, 0), X(200, 5),
	};
	assert_steps(r, 4, 5, want, (int)(sizeof want / sizeof want[0]));
	run_free(r);
}
END_TEST

START_TEST(hz_1000_ends_slices_every_millisecond)
{
	struct run *r = run_new(TWO_HOGS("hz 1000\n"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* 100 ticks each, switching every 10: 20 slices, the last two exits */
	ck_assert_int_eq(run_count(r, EV_PREEMPT, 0), 18);
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_PREEMPT)
			ck_assert_int_eq(r->events[i].ev.t % 10, 0);
	ck_assert_int_eq(run_when(r, EV_EXIT, 5), 200);
	run_free(r);
}
END_TEST

START_TEST(a_tick_as_long_as_1_over_hz_ends_slices_at_the_quantum)
{
	/* tick 4ms = 1/250 s: every tick is a timer interrupt, as at 100ms */
	struct run *r = run_new(THREE_JOBS("tick 4ms\ncosts none\n", "6"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_when(r, EV_PREEMPT, 4), 3);
	ck_assert_int_eq(run_when(r, EV_PREEMPT, 5), 6);
	run_free(r);
}
END_TEST

START_TEST(a_wakeup_preempts_between_timer_interrupts)
{
	/* prio: a woken process of higher priority takes the CPU at once
	 * (check_preempt_wakeup), not at the next timer interrupt */
	struct run *r = run_new("tick 100us\ncosts none\npolicy prio\n"
				"program hog\n    compute 10ms\n"
				"program urgent\n    nice -5\n    sleep 1ms\n    compute 1ms\n"
				"main\n    ignore CHLD\n    fork hog\n    fork urgent\n    sleep 1s\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	long long woke = run_when(r, EV_WAKE, 5); /* 1 ms after its first run, at 4 ms */
	ck_assert_int_eq(woke, 50);
	ck_assert_int_eq(run_find(r, EV_DISPATCH, 5, 1)->t, woke);
	run_free(r);
}
END_TEST

Suite *sched_suite(void);
Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *one = tcase_create("one-cpu");
	tcase_add_test(one, round_robin_rotates_three_jobs_with_quantum_3);
	tcase_add_test(one, process_alone_keeps_the_cpu_past_its_quantum);
	tcase_add_test(one, compute_started_at_t_exits_at_t_plus_n_when_alone);
	tcase_add_test(one, textbook_three_jobs_of_200_ticks_with_quantum_1_end_at_598_599_600);
	suite_add_tcase(s, one);
	TCase *smp = tcase_create("several-cpus");
	tcase_add_test(smp, two_cpus_run_two_processes_in_parallel);
	tcase_add_test(smp, a_process_never_runs_on_two_cpus_at_once);
	suite_add_tcase(s, smp);
	TCase *hz = tcase_create("hz");
	tcase_add_test(hz, a_slice_ends_at_the_first_timer_interrupt_after_its_quantum);
	tcase_add_test(hz, hz_1000_ends_slices_every_millisecond);
	tcase_add_test(hz, a_tick_as_long_as_1_over_hz_ends_slices_at_the_quantum);
	tcase_add_test(hz, a_wakeup_preempts_between_timer_interrupts);
	suite_add_tcase(s, hz);
	TCase *opts = tcase_create("options");
	tcase_add_test(opts, options_override_the_scenario_quantum_and_cpus);
	suite_add_tcase(s, opts);
	TCase *cyc = tcase_create("cyclic");
	tcase_add_test(cyc, a_job_runs_its_bursts_in_order);
	tcase_add_test(cyc, cyclic_takes_the_next_pid_after_the_one_that_ran_last);
	tcase_add_test(cyc, cyclic_io_done_immediate_preempts_the_running_process);
	tcase_add_test(cyc, cyclic_switch_on_end_keeps_the_cpu_through_io);
	tcase_add_test(cyc, cyclic_chooses_among_the_ready_when_the_cpu_is_given_up);
	suite_add_tcase(s, cyc);
	return s;
}

TEST_MAIN(sched_suite)
