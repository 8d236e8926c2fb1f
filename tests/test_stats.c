/* test_stats.c: `procsim stats` numbers against textbook exercises computed by
 * hand, policy by policy; properties of random workloads under every policy
 * (every job finishes, busy CPU time adds up, no process on two CPUs at once,
 * same run twice); and the --jobs generator and the table layout. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "metrics.h"
#include "stats.h"
#include "testlib.h"
#include "text.h"

/* Runs src to its end (invariants checked every tick) and reads its stats. */
static struct run *measure(const char *src, const struct sim_options *opt, struct stats *st)
{
	struct run *r = run_new_opts(src, opt);
	sim_collect_metrics(r->sim, true);
	enum sim_status end = run_until(r, -1);
	ck_assert_msg(end == SIM_DONE || end == SIM_LIMIT, "the run ended with status %d", end);
	ck_assert(stats_collect(r->sim, st));
	return r;
}

static struct run *measure_policy(const char *src, const char *policy, struct stats *st)
{
	struct sim_options o = {.policy = policy};
	return measure(src, &o, st);
}

/* One job's numbers; turnaround and response follow from them. */
static void expect(const struct stats *st, const char *name, long long arrival, long long first_run, long long exit,
		   long long wait)
{
	const struct proc_metrics *m = stats_find(st, name);
	ck_assert_msg(m != NULL, "no process named %s", name);
	ck_assert_msg(m->arrival == arrival, "%s: arrival %lld, want %lld", name, (long long)m->arrival, arrival);
	ck_assert_msg(m->first_run == first_run, "%s: first run %lld, want %lld", name, (long long)m->first_run, first_run);
	ck_assert_msg(m->exit == exit, "%s: exit %lld, want %lld", name, (long long)m->exit, exit);
	ck_assert_msg(m->turnaround == exit - arrival, "%s: turnaround %lld, want %lld", name, (long long)m->turnaround,
		      exit - arrival);
	ck_assert_msg(m->response == first_run - arrival, "%s: response %lld, want %lld", name, (long long)m->response,
		      first_run - arrival);
	ck_assert_msg(m->wait == wait, "%s: waiting %lld, want %lld", name, (long long)m->wait, wait);
}

#define ck_assert_avg(got, want) ck_assert_msg(fabs((got) - (want)) < 0.005, "average %.4f, want %.4f", (got), (want))

/* ---- textbook cases, one policy at a time ------------------------------------------ */

START_TEST(fifo_100_200_300_turnarounds_100_300_600)
{
	struct stats st;
	struct run *r = measure_policy("job A arrives 0, runs 100\njob B arrives 0, runs 200\njob C arrives 0, runs 300\n",
				       "fifo", &st);
	ck_assert_int_eq(st.nprocs, 3);
	expect(&st, "A", 0, 0, 100, 0);
	expect(&st, "B", 0, 100, 300, 100);
	expect(&st, "C", 0, 300, 600, 300);
	ck_assert_avg(st.avg_turnaround, 1000.0 / 3);
	ck_assert_avg(st.avg_response, 400.0 / 3);
	ck_assert_avg(st.avg_wait, 400.0 / 3);
	ck_assert_int_eq(st.sys.makespan, 600);
	ck_assert_int_eq(st.sys.completed, 3);
	ck_assert_int_eq(st.elapsed, 600);
	ck_assert_int_eq(st.sys.cpu[0].user, 600);
	ck_assert_int_eq(st.sys.cpu[0].idle, 0);
	ck_assert_avg(st.util, 1.0);
	/* init is an ordinary process in the FIFO queue: it reaps A and B only
	 * when C has finished, so A is a zombie for 500 ticks. */
	ck_assert_int_eq(stats_find(&st, "A")->reap, 600);
	ck_assert_int_eq(stats_find(&st, "A")->zombie, 500);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(fifo_convoy_long_job_first)
{
	struct stats st;
	struct run *r = measure_policy("job A arrives 0, runs 100\njob B arrives 0, runs 10\njob C arrives 0, runs 10\n",
				       "fifo", &st);
	expect(&st, "A", 0, 0, 100, 0);
	expect(&st, "B", 0, 100, 110, 100);
	expect(&st, "C", 0, 110, 120, 110);
	ck_assert_avg(st.avg_turnaround, 110.0);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(sjf_runs_the_shortest_declared_job_first)
{
	struct stats st;
	/* Listed longest first; SJF runs B (100), C (200), A (300). */
	struct run *r = measure_policy("job A arrives 0, runs 300\njob B arrives 0, runs 100\njob C arrives 0, runs 200\n",
				       "sjf", &st);
	expect(&st, "B", 0, 0, 100, 0);
	expect(&st, "C", 0, 100, 300, 100);
	expect(&st, "A", 0, 300, 600, 300);
	ck_assert_avg(st.avg_turnaround, 1000.0 / 3);
	stats_free(&st);
	run_free(r);

	/* Non-preemptive: OSTEP's B and C arriving at 10 wait for A. */
	r = measure_policy("job A arrives 0, runs 100\njob B arrives 10, runs 10\njob C arrives 10, runs 10\n", "sjf", &st);
	expect(&st, "A", 0, 0, 100, 0);
	expect(&st, "B", 10, 100, 110, 90);
	expect(&st, "C", 10, 110, 120, 100);
	ck_assert_avg(st.avg_turnaround, 310.0 / 3);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(stcf_ostep_example_b_20_c_30_a_120)
{
	struct stats st;
	struct run *r = measure_policy("job A arrives 0, runs 100\njob B arrives 10, runs 10\njob C arrives 10, runs 10\n",
				       "stcf", &st);
	expect(&st, "A", 0, 0, 120, 20);
	expect(&st, "B", 10, 10, 20, 0);
	expect(&st, "C", 10, 20, 30, 10);
	ck_assert_avg(st.avg_turnaround, 50.0);
	ck_assert_avg(st.avg_response, 10.0 / 3);
	ck_assert_int_eq(stats_find(&st, "A")->involuntary, 1); /* preempted once, at 10 */
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(stcf_starves_a_long_job_while_short_ones_keep_coming)
{
	char src[4096];
	size_t n = (size_t)snprintf(src, sizeof src, "job L arrives 0, runs 30\n");
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(src + n, sizeof src - n, "job S%d arrives %d, runs 5\n", i, 5 * i);
	struct stats st;
	struct run *r = measure_policy(src, "stcf", &st);
	ck_assert_int_eq(st.nprocs, 21);
	expect(&st, "L", 0, 100, 130, 100);
	for (int i = 0; i < 20; i++) {
		char name[8];
		snprintf(name, sizeof name, "S%d", i);
		expect(&st, name, 5 * i, 5 * i, 5 * i + 5, 0);
	}
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(rr_quantum_1_three_jobs_of_200_end_at_598_599_600)
{
	struct stats st;
	struct sim_options o = {.policy = "rr", .quantum = 1};
	struct run *r = measure("job A arrives 0, runs 200\njob B arrives 0, runs 200\njob C arrives 0, runs 200\n", &o, &st);
	expect(&st, "A", 0, 0, 598, 398);
	expect(&st, "B", 0, 1, 599, 399);
	expect(&st, "C", 0, 2, 600, 400);
	ck_assert_avg(st.avg_turnaround, 599.0);
	ck_assert_avg(st.avg_response, 1.0);
	ck_assert_int_eq(stats_find(&st, "A")->involuntary, 199);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(rr_arrivals_0_1_2_preempted_job_queues_before_a_new_arrival)
{
	/* A 0-2; at t=2 A's slice ends and A is queued before C, which arrives
	 * at 2 (docs/semantics.md section 2): B 2-4, A 4-6, C 6-7, B 7-8, A 8-9. */
	struct stats st;
	struct sim_options o = {.quantum = 2};
	struct run *r = measure("job A arrives 0, runs 5\njob B arrives 1, runs 3\njob C arrives 2, runs 1\n", &o, &st);
	expect(&st, "A", 0, 0, 9, 4);
	expect(&st, "B", 1, 2, 8, 4);
	expect(&st, "C", 2, 6, 7, 4);
	ck_assert_avg(st.avg_turnaround, 7.0);
	ck_assert_avg(st.avg_response, 5.0 / 3);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(prio_higher_priority_arrival_preempts)
{
	/* B (nice -5) arrives at 2 and preempts A at once; C (nice 5) waits for
	 * both: A 0-2, B 2-6, A 6-14, C 14-17. */
	struct stats st;
	struct run *r = measure_policy("job A arrives 0, runs 10\njob B arrives 2, runs 4, nice -5\n"
				       "job C arrives 0, runs 3, nice 5\n",
				       "prio", &st);
	ck_assert_int_eq(st.nprocs, 3);
	expect(&st, "A", 0, 0, 14, 4);
	expect(&st, "B", 2, 2, 6, 0);
	expect(&st, "C", 0, 14, 17, 14);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(prio_equal_priorities_share_by_round_robin)
{
	struct stats st;
	struct sim_options o = {.policy = "prio", .quantum = 2};
	struct run *r = measure("job A arrives 0, runs 4\njob B arrives 0, runs 4\n", &o, &st);
	ck_assert_int_eq(st.nprocs, 2);
	/* A 0-2, B 2-4, A 4-6, B 6-8. */
	expect(&st, "A", 0, 0, 6, 2);
	expect(&st, "B", 0, 2, 8, 4);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* MLFQ, two levels with slices (and allotments) of 2 ticks; short jobs S1..S4
 * keep the top level busy. L uses its top-level allotment at 0-2 and sinks.
 * Without a boost it waits at the bottom until S4 has finished (10): exits
 * 11. With a boost at 8, L is back at the top when S4 arrives at 8, ahead of
 * it in the queue: L 8-9 (exits 9), S4 9-11. */
static const char mlfq_src[] =
	"policy mlfq\nlevels 2\nlevel_quantum 2, 2\nboost %d\n"
	"job L arrives 0, runs 3\njob S1 arrives 0, runs 2\njob S2 arrives 4, runs 2\n"
	"job S3 arrives 6, runs 2\njob S4 arrives 8, runs 2\n";

START_TEST(mlfq_long_job_starves_without_boost)
{
	char src[512];
	snprintf(src, sizeof src, mlfq_src, 0);
	struct stats st;
	struct run *r = measure(src, NULL, &st);
	ck_assert_int_eq(st.nprocs, 5);
	expect(&st, "L", 0, 0, 11, 8);
	expect(&st, "S1", 0, 2, 4, 2);
	expect(&st, "S2", 4, 4, 6, 0);
	expect(&st, "S3", 6, 6, 8, 0);
	expect(&st, "S4", 8, 8, 10, 0);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(mlfq_boost_rescues_the_long_job)
{
	char src[512];
	snprintf(src, sizeof src, mlfq_src, 8);
	struct stats st;
	struct run *r = measure(src, NULL, &st);
	ck_assert_int_eq(st.nprocs, 5);
	expect(&st, "L", 0, 0, 9, 6);
	expect(&st, "S1", 0, 2, 4, 2);
	expect(&st, "S2", 4, 4, 6, 0);
	expect(&st, "S3", 6, 6, 8, 0);
	expect(&st, "S4", 8, 9, 11, 1);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(mlfq_boost_takes_effect_at_the_boost_tick)
{
	/* Levels of 1 and 4 ticks, boost every 5. R runs alone from 0: it sinks
	 * at 1 and, at 5, OSTEP's rule 5 ("after some time period S, move all
	 * the jobs to the topmost queue"; the OSTEP simulator mlfq.py boosts at
	 * the start of time 5) puts it back at the top, so its tick 5-6 is spent
	 * at the top level, whose 1-tick allotment it uses up: at 6 it is at the
	 * bottom again. X arrives at 6 at the top and preempts it at once:
	 * X 6-7 (then sinks), R 7-9 (exits 9), X 9-10 (exits 10). */
	struct stats st;
	struct run *r = measure("policy mlfq\nlevels 2\nlevel_quantum 1, 4\nboost 5\n"
				"job R arrives 0, runs 8\njob X arrives 6, runs 2\n",
				NULL, &st);
	ck_assert_int_eq(st.nprocs, 2);
	expect(&st, "R", 0, 0, 9, 1);
	expect(&st, "X", 6, 6, 10, 2);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* A process preempted by a more important one keeps the head of its level
 * (sched(7): a SCHED_FIFO thread preempted "will stay at the head of the list
 * for its priority"; mlfq.py keeps it at the front of its queue). Two levels
 * of 10 ticks, allotments of one slice: A 0-10 and B 10-20 sink; A starts
 * its bottom slice at 20; C arrives at the top at 25 and runs 25-27; A,
 * still first at the bottom, finishes its slice 27-32 before B runs 32-42;
 * then A 42-52, B 52-62, A 62-72 (exits), B 72-82. The numbers mlfq.py
 * gives for -n 2 -q 10 -l 0,40,0:0,40,0:25,2,0. */
START_TEST(mlfq_preempted_process_keeps_the_head_of_its_level)
{
	struct stats st;
	struct run *r = measure("policy mlfq\nlevels 2\nlevel_quantum 10\nboost 0\n"
				"job A arrives 0, runs 40\njob B arrives 0, runs 40\njob C arrives 25, runs 2\n",
				NULL, &st);
	expect(&st, "A", 0, 0, 72, 32);
	expect(&st, "B", 0, 10, 82, 42);
	expect(&st, "C", 25, 25, 27, 0);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* OSTEP's gamed rule (mlfq.py -S): B does 1 tick of I/O after every 9 of
 * CPU, just before its 10-tick slice ends. With stay_after_io its slice and
 * allotment start over at each sleep, so it never leaves the top and ends
 * at 65; without, it sinks like A and ends at 130 (mlfq.py -n 3 -q 10 -l
 * 0,100,0:0,50,9 -i 1, with and without -S). A ends at 150 either way. */
static const char gaming_src[] = "policy mlfq\nlevels 3\nlevel_quantum 10\nboost 0\nstay_after_io %s\n"
				 "job A arrives 0, runs 100\njob B arrives 0, runs 50, io 1 every 9\n";

START_TEST(mlfq_stay_after_io_lets_a_job_game_the_scheduler)
{
	static const struct { const char *stay; long long b_exit; } cases[] = {{"yes", 65}, {"no", 130}};
	for (int i = 0; i < 2; i++) {
		char src[256];
		snprintf(src, sizeof src, gaming_src, cases[i].stay);
		struct stats st;
		struct run *r = measure(src, NULL, &st);
		ck_assert_int_eq(stats_find(&st, "A")->exit, 150);
		ck_assert_msg(stats_find(&st, "B")->exit == cases[i].b_exit, "stay_after_io %s: B exits at %lld, want %lld",
			      cases[i].stay, (long long)stats_find(&st, "B")->exit, cases[i].b_exit);
		stats_free(&st);
		run_free(r);
	}
}
END_TEST

/* io_bump (mlfq.py -I): a process back from I/O goes to the front of its
 * level, ahead of the running one. Two levels of 10; A computes 60, B does
 * 4 ticks of I/O after every 3 of CPU, C (arriving at 5) after every 4. The
 * exits mlfq.py gives for -n 2 -q 10 -l 0,60,0:0,60,3:5,40,4 -i 4, with
 * and without -I. */
START_TEST(mlfq_io_bump_puts_a_woken_process_first)
{
	static const struct { const char *bump; long long a, b, c; } cases[] = {{"yes", 148, 174, 124},
										 {"no", 104, 199, 133}};
	for (int i = 0; i < 2; i++) {
		char src[320];
		snprintf(src, sizeof src,
			 "policy mlfq\nlevels 2\nlevel_quantum 10\nboost 0\nio_bump %s\njob A arrives 0, runs 60\n"
			 "job B arrives 0, runs 60, io 4 every 3\njob C arrives 5, runs 40, io 4 every 4\n",
			 cases[i].bump);
		struct stats st;
		struct run *r = measure(src, NULL, &st);
		ck_assert_msg(stats_find(&st, "A")->exit == cases[i].a && stats_find(&st, "B")->exit == cases[i].b &&
				      stats_find(&st, "C")->exit == cases[i].c,
			      "io_bump %s: exits %lld %lld %lld", cases[i].bump, (long long)stats_find(&st, "A")->exit,
			      (long long)stats_find(&st, "B")->exit, (long long)stats_find(&st, "C")->exit);
		stats_free(&st);
		run_free(r);
	}
}
END_TEST

/* The lottery draws as lottery.py does: after random.seed(0) the first two
 * random() give 844422 and 757955 (CPython: int(random.random() * 1000001)).
 * A holds tickets 0-9, B 10-29 of 30: 844422 % 30 = 12, B wins the first
 * slice of 2 ticks and exits; then only A's 10 are drawn. The trace of
 * lottery.py -l 3:10,2:20 -q 2 -c (A's 3 ticks take two slices). */
START_TEST(lottery_draws_winners_as_lottery_py)
{
	struct stats st;
	struct run *r = measure("policy lottery\nquantum 2\nseed 0\n"
				"job A arrives 0, runs 4, tickets 10\njob B arrives 0, runs 2, tickets 20\n",
				NULL, &st);
	expect(&st, "B", 0, 0, 2, 0);
	expect(&st, "A", 0, 2, 6, 2);
	const struct sched_params *k = sim_sched_params(r->sim);
	ck_assert_int_eq(k->seed, 0);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* The lottery draws from the scenario's one `seed`, after `skip_draws`
 * draws: random.seed(0) then one random() thrown away gives 757955 (% 30 =
 * 5: A), 420572 (2: A, which ends at 4), then 258917 for B alone (CPython,
 * as lottery.py draws). Without the skip B wins the first slice (above). */
START_TEST(lottery_draws_after_skip_draws)
{
	struct stats st;
	struct run *r = measure("policy lottery\nquantum 2\nseed 0\nskip_draws 1\n"
				"job A arrives 0, runs 4, tickets 10\njob B arrives 0, runs 2, tickets 20\n",
				NULL, &st);
	expect(&st, "A", 0, 0, 4, 0);
	expect(&st, "B", 0, 4, 6, 4);
	const struct sched_params *k = sim_sched_params(r->sim);
	ck_assert_int_eq(k->skip_draws, 1);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* Over many slices, CPU time goes by tickets: 300 against 100 tickets is
 * 3/4 of 8000 ticks, 6000, give or take the binomial spread (sd 39): 6
 * standard deviations allowed, for every seed tried. */
START_TEST(lottery_shares_the_cpu_by_tickets)
{
	for (int seed = 1; seed <= 3; seed++) {
		char src[256];
		snprintf(src, sizeof src,
			 "policy lottery\nquantum 1\nseed %d\nlimit 8000\n"
			 "job A arrives 0, runs 100000, tickets 300\njob B arrives 0, runs 100000, tickets 100\n",
			 seed);
		struct stats st;
		struct run *r = measure(src, NULL, &st);
		long long a = stats_find(&st, "A")->cpu, b = stats_find(&st, "B")->cpu;
		ck_assert_int_eq(a + b, 8000);
		ck_assert_msg(a > 6000 - 240 && a < 6000 + 240, "seed %d: A had %lld ticks of 8000", seed, a);
		stats_free(&st);
		run_free(r);
	}
}
END_TEST

/* A different seed, a different lottery; the same seed, the same one. */
START_TEST(lottery_seed_decides_the_draws)
{
	long long exits[3];
	const int seeds[3] = {1, 1, 2};
	for (int i = 0; i < 3; i++) {
		char src[256];
		snprintf(src, sizeof src, "policy lottery\nquantum 1\nseed %d\njob A runs 20\njob B runs 20\n", seeds[i]);
		struct stats st;
		struct run *r = measure(src, NULL, &st);
		exits[i] = stats_find(&st, "A")->exit * 1000 + stats_find(&st, "B")->exit;
		stats_free(&st);
		run_free(r);
	}
	ck_assert_int_eq(exits[0], exits[1]);
	ck_assert_int_ne(exits[0], exits[2]);
}
END_TEST

/* Two CPU-bound jobs, nice 0 (weight 1024) and nice 5 (weight 335), for W
 * ticks: CFS gives them W*1024/1359 and W*335/1359 ticks. The tolerance: CFS
 * compares virtual runtimes only at tick boundaries and lets the process on
 * the CPU finish its slice, 24 * 1024/1359 = 18 ticks for A, during which B
 * falls behind by up to 18 * 335/1024 = 6 ticks of its share; one more for
 * rounding to whole ticks: 7 ticks, whatever the window. */
START_TEST(cfs_shares_by_nice_weight)
{
	static const long long windows[] = {1359, 2718, 13590};
	for (int i = 0; i < 3; i++) {
		char src[256];
		snprintf(src, sizeof src,
			 "policy cfs\nlimit %lld\njob A arrives 0, runs 1000000\njob B arrives 0, runs 1000000, nice 5\n",
			 windows[i]);
		struct stats st;
		struct run *r = measure(src, NULL, &st);
		double a = (double)stats_find(&st, "A")->cpu, b = (double)stats_find(&st, "B")->cpu;
		double wa = (double)windows[i] * 1024 / 1359, wb = (double)windows[i] * 335 / 1359;
		ck_assert_msg(fabs(a - wa) <= 7 && fabs(b - wb) <= 7, "window %lld: A %g (ideal %.1f), B %g (ideal %.1f)",
			      windows[i], a, wa, b, wb);
		ck_assert_int_eq((long long)(a + b), windows[i]);
		stats_free(&st);
		run_free(r);
	}
	/* Equal weights: equal shares, within one slice (12 ticks: 24 / 2). */
	struct stats st;
	struct run *r = measure("policy cfs\nlimit 1000\njob A arrives 0, runs 1000000\njob B arrives 0, runs 1000000\n",
				NULL, &st);
	ck_assert(llabs((long long)stats_find(&st, "A")->cpu - 500) <= 12);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(system_metrics_of_a_two_cpu_run)
{
	struct stats st;
	struct sim_options o = {.cpus = 2, .policy = "fifo"};
	struct run *r = measure("job A arrives 0, runs 10\njob B arrives 0, runs 20\njob C arrives 5, runs 5\n", &o, &st);
	expect(&st, "A", 0, 0, 10, 0);
	expect(&st, "B", 0, 0, 20, 0);
	expect(&st, "C", 5, 10, 15, 5);
	ck_assert_int_eq(st.elapsed, 20);
	ck_assert_int_eq(st.sys.ncpus, 2);
	ck_assert_int_eq(st.sys.cpu[0].user + st.sys.cpu[1].user, 35);
	ck_assert_int_eq(st.sys.total.idle, 5);
	ck_assert_avg(st.util, 35.0 / 40);
	ck_assert_int_eq(st.sys.makespan, 20);
	ck_assert_avg(st.sys.throughput, 15.0);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(averages_leave_out_init_and_the_shell_and_count_main)
{
	struct stats st;
	struct run *r = measure("program child\n    compute 4t\nmain\n    start child\n    start child\n", NULL, &st);
	ck_assert_int_eq(st.nprocs, 3); /* main and its two children */
	for (int i = 0; i < st.nprocs; i++)
		ck_assert(!st.procs[i].builtin);
	ck_assert_int_eq(st.n_turnaround, 3);
	const struct proc_metrics *m = &st.procs[0];
	ck_assert_str_eq(m->name, "main");
	ck_assert_int_eq(m->exit, 8);
	/* child 1: 0-3, child 2: 3-6, child 1: 6-7, child 2: 7-8 */
	ck_assert_avg(st.avg_turnaround, (8.0 + 7 + 8) / 3);
	stats_free(&st);
	run_free(r);
}
END_TEST

/* ---- random workloads ------------------------------------------------------------ */

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

/* A random mix of CPU-bound and I/O-bound jobs with nice values. */
static void random_workload(unsigned long long seed, char *src, size_t cap, int *njobs, int64_t *runs)
{
	rng_state = seed;
	size_t n = 0;
	n += (size_t)snprintf(src + n, cap - n, "cpus %u\nquantum %u\nswitch_cost %u\n", 1 + rnd(3), 1 + rnd(4), rnd(3) == 0 ? 1 : 0);
	int k = 3 + (int)rnd(20);
	for (int i = 0; i < k; i++) {
		runs[i] = 1 + rnd(40);
		n += (size_t)snprintf(src + n, cap - n, "job J%d arrives %u, runs %lld", i, rnd(60), (long long)runs[i]);
		if (rnd(3) == 0)
			n += (size_t)snprintf(src + n, cap - n, ", io %u every %u", 1 + rnd(6), 1 + rnd(8));
		if (rnd(2) == 0)
			n += (size_t)snprintf(src + n, cap - n, ", nice %d", (int)rnd(11) - 5);
		n += (size_t)snprintf(src + n, cap - n, "\n");
	}
	*njobs = k;
}

static const char *const policies[] = {"rr", "fifo", "sjf", "stcf", "prio", "mlfq", "cfs", "cyclic", "lottery"};

/* Every dispatch finds its CPU free and its process on no CPU; every
 * preempt, sleep, stop and exit is of a process on a CPU. */
static void check_cpu_exclusive(const struct run *r, int ncpus)
{
	int on[64] = {0};       /* pid on each CPU, 0 if idle */
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		int where = -1;
		for (int c = 0; c < ncpus; c++)
			if (on[c] == e->pid && e->pid)
				where = c;
		switch (e->kind) {
		case EV_DISPATCH:
			ck_assert_msg(e->cpu >= 0 && e->cpu < ncpus, "dispatch on CPU %d", e->cpu);
			ck_assert_msg(on[e->cpu] == 0, "t=%lld: CPU%d runs PID %d and is given PID %d", (long long)e->t, e->cpu,
				      on[e->cpu], e->pid);
			ck_assert_msg(where < 0, "t=%lld: PID %d dispatched on CPU%d while on CPU%d", (long long)e->t, e->pid,
				      e->cpu, where);
			on[e->cpu] = e->pid;
			break;
		case EV_PREEMPT:
			ck_assert_msg(where == e->cpu, "t=%lld: PID %d preempted from CPU%d, but it is on %d", (long long)e->t,
				      e->pid, e->cpu, where);
			on[where] = 0;
			break;
		case EV_SLEEP:
		case EV_STOP:
		case EV_EXIT:
			ck_assert_msg(where >= 0, "t=%lld: PID %d %s without a CPU", (long long)e->t, e->pid, event_name(e->kind));
			on[where] = 0;
			break;
		default:
			break;
		}
	}
}

START_TEST(random_workloads_every_policy)
{
	char src[8192];
	int64_t runs[64];
	for (unsigned long long seed = 1; seed <= 150; seed++) {
		int njobs;
		random_workload(seed * 7919, src, sizeof src, &njobs, runs);
		for (size_t p = 0; p < sizeof policies / sizeof policies[0]; p++) {
			struct sim_options o = {.policy = policies[p]};
			struct stats st;
			struct run *r = measure(src, &o, &st);
			ck_assert_msg(sim_status(r->sim) == SIM_DONE, "seed %llu %s: not done", seed, policies[p]);
			/* every job finishes, with exactly its CPU demand */
			ck_assert_int_eq(st.nprocs, njobs);
			for (int i = 0; i < njobs; i++) {
				char name[16];
				snprintf(name, sizeof name, "J%d", i);
				const struct proc_metrics *m = stats_find(&st, name);
				ck_assert_msg(m && m->exit >= 0 && m->reap >= m->exit, "seed %llu %s: %s did not finish", seed,
					      policies[p], name);
				ck_assert_msg(m->cpu == runs[i], "seed %llu %s: %s ran %lld ticks, not %lld", seed, policies[p],
					      name, (long long)m->cpu, (long long)runs[i]);
				ck_assert(m->turnaround >= m->cpu);
			}
			/* busy ticks = the sum of the processes' CPU times (init and
			 * the shell included: they run no ticks, but they could) */
			struct proc_metrics *all;
			int64_t n = sim_proc_metrics(r->sim, &all), sum = 0;
			for (int64_t i = 0; i < n; i++)
				sum += all[i].cpu;
			free(all);
			int64_t user = 0;
			for (int c = 0; c < st.sys.ncpus; c++)
				user += st.sys.cpu[c].user;
			ck_assert_msg(user == sum, "seed %llu %s: CPUs busy %lld ticks, processes ran %lld", seed, policies[p],
				      (long long)user, (long long)sum);
			check_cpu_exclusive(r, sim_cpus(r->sim));
			/* deterministic: a second run gives the same events */
			struct stats st2;
			struct run *r2 = measure(src, &o, &st2);
			ck_assert_int_eq(r2->count, r->count);
			for (int i = 0; i < r->count; i++) {
				const struct sim_event *a = &r->events[i].ev, *b = &r2->events[i].ev;
				ck_assert_msg(a->kind == b->kind && a->t == b->t && a->pid == b->pid && a->cpu == b->cpu &&
						      a->other == b->other && strcmp(r->events[i].name, r2->events[i].name) == 0,
					      "seed %llu %s: event %d differs", seed, policies[p], i);
			}
			ck_assert_int_eq(st2.sys.makespan, st.sys.makespan);
			stats_free(&st2);
			run_free(r2);
			stats_free(&st);
			run_free(r);
		}
	}
}
END_TEST

/* ---- --jobs and the layout ---------------------------------------------------------- */

/* The scenario text of a --jobs list; NULL (and err) when it is not one. */
static char *list_source(const char *spec, char *err, size_t errlen)
{
	struct jobs j = {0};
	size_t len;
	char *src = jobs_from_list(&j, spec, err, errlen) ? jobs_source(&j, spec, &len) : NULL;
	jobs_free(&j);
	return src;
}

START_TEST(jobs_option_generates_job_lines)
{
	char err[256];
	char *src = list_source("200,200,200", err, sizeof err);
	ck_assert_ptr_nonnull(src);
	ck_assert_str_eq(src, "title \"jobs 200,200,200\"\n"
			      "job job0 arrives 0, runs 200\njob job1 arrives 0, runs 200\njob job2 arrives 0, runs 200\n");
	free(src);
	src = list_source("0:100,10:10", err, sizeof err);
	ck_assert_ptr_nonnull(src);
	ck_assert(strstr(src, "job job0 arrives 0, runs 100\njob job1 arrives 10, runs 10\n") != NULL);
	free(src);
	static const char *const bad[] = {"", "0", "1,", ",1", "1:0", "a", "1:2:3", "-1", "1,,2", "5:x", "1 2", "1\"",
					  "1000000001", "0:99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		src = list_source(bad[i], err, sizeof err);
		ck_assert_msg(src == NULL, "'%s' accepted", bad[i]);
		ck_assert(strstr(err, "--jobs") != NULL);
	}
	/* The generated text is a valid scenario and gives FIFO's numbers. */
	src = list_source("100,200,300", err, sizeof err);
	struct stats st;
	struct run *r = measure_policy(src, "fifo", &st);
	expect(&st, "job0", 0, 0, 100, 0);
	expect(&st, "job2", 0, 300, 600, 300);
	stats_free(&st);
	run_free(r);
	free(src);
}
END_TEST

/* A long list's title is cut at a comma and counts the jobs; the jobs are
 * all there. */
START_TEST(jobs_title_of_a_long_list_is_cut)
{
	struct jobs j = {0};
	for (int i = 0; i < 1000; i++)
		ck_assert(jobs_add(&j, i % 3 ? 0 : i, 7));
	size_t len;
	char *src = jobs_source(&j, NULL, &len);
	ck_assert_uint_eq(len, strlen(src));
	const char *want = "title \"jobs 7,7,7,3:7,7,7,6:7,7,7,9:7,7,7,12:7,7,7,15:7,7,7,18:7,7,7,21:7,7,7,24:7,7,7,27:7,... (1000 jobs)\"\n";
	ck_assert_msg(strncmp(src, want, strlen(want)) == 0, "%.120s", src);
	ck_assert(strstr(src, "job job999 arrives 999, runs 7\n") != NULL);
	ck_assert(strstr(src, "job job998 arrives 0, runs 7\n") != NULL);
	free(src);
	jobs_free(&j);
}
END_TEST

/* A workload file: one job a line, blanks and comments skipped; a mistake
 * is placed at its line and column. */
START_TEST(jobs_file_text_is_one_job_a_line)
{
	static const char text[] = "# a convoy\n100\n\n  0:10 \r\n5:10\n";
	struct jobs j = {0};
	char err[256];
	int line, col;
	ck_assert(jobs_from_text(&j, text, sizeof text - 1, err, sizeof err, &line, &col));
	ck_assert_int_eq(j.n, 3);
	ck_assert(j.v[0].arrival == 0 && j.v[0].burst == 100);
	ck_assert(j.v[1].arrival == 0 && j.v[1].burst == 10);
	ck_assert(j.v[2].arrival == 5 && j.v[2].burst == 10);
	jobs_free(&j);
	static const struct { const char *text; int line, col; } bad[] = {
		{"1\n2\n3,4\n", 3, 1}, {"1\n  x\n", 2, 3}, {"5:0\n", 1, 1}, {"0\n", 1, 1}, {"1 2\n", 1, 1},
		{"# nothing\n\n", 0, 0}, {"", 0, 0},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!jobs_from_text(&j, bad[i].text, strlen(bad[i].text), err, sizeof err, &line, &col),
			      "case %zu accepted", i);
		ck_assert_msg(line == bad[i].line && col == bad[i].col, "case %zu: %d:%d", i, line, col);
		jobs_free(&j);
	}
}
END_TEST

START_TEST(text_table_aligns_chinese_names)
{
	struct stats st;
	struct run *r = measure("program 生产者\n    compute 3t\nprogram c\n    compute 2t\n"
				"main \"python3 主.py\"\n    start 生产者\n    start c named \"消费者一号\"\n    start c\n",
				NULL, &st);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	stats_print_text(f, &st);
	fclose(f);
	/* Every row of the process table ends with "exit 0" (as wide as the
	 * STATUS header): every line of the table is as wide as the header. */
	char *line = strstr(buf, "PID");
	ck_assert_ptr_nonnull(line);
	int width = -1, rows = 0;
	for (char *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		*nl = '\0';
		if (strstr(line, "average"))
			break;
		int w = text_width(line);
		if (width < 0)
			width = w;
		ck_assert_msg(w == width, "line '%s' is %d columns wide, the header %d", line, w, width);
		rows++;
	}
	ck_assert_int_eq(rows, 5); /* the header, main and three children */
	free(buf);
	stats_free(&st);
	run_free(r);
}
END_TEST

START_TEST(json_has_the_documented_fields)
{
	struct stats st;
	struct run *r = measure_policy("job A arrives 0, runs 5\n", "fifo", &st);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	stats_print_json(f, &st);
	fclose(f);
	static const char *const fields[] = {
		"\"processes\":[{\"pid\":3,\"name\":\"A\"", "\"arrival\":0", "\"first_run\":0", "\"exit\":5", "\"reap\":5",
		"\"turnaround\":5", "\"response\":0", "\"wait\":0", "\"cpu\":5", "\"sleep\":0", "\"stopped\":0",
		"\"voluntary_switches\":", "\"involuntary_switches\":0", "\"zombie\":0", "\"exit_code\":0",
		"\"exit_signal\":null", "\"averages\":{\"processes\":1,\"turnaround\":5.0000", "\"system\":{\"elapsed\":5",
		"\"makespan\":5", "\"cpu\":[{\"cpu\":0,\"user\":5", "\"cpu_total\":{", "\"context_switches\":",
		"\"peak_zombies\":", "\"orphans_adopted\":0", "\"pids_in_use\":", "\"peak_pids\":", "\"load\":[",
		"\"minute\":", "\"throughput\":20.0000",
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		ck_assert_msg(strstr(buf, fields[i]) != NULL, "no %s in %s", fields[i], buf);
	free(buf);
	stats_free(&st);
	run_free(r);
}
END_TEST

Suite *stats_suite(void);
Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tb = tcase_create("textbook");
	tcase_add_test(tb, fifo_100_200_300_turnarounds_100_300_600);
	tcase_add_test(tb, fifo_convoy_long_job_first);
	tcase_add_test(tb, sjf_runs_the_shortest_declared_job_first);
	tcase_add_test(tb, stcf_ostep_example_b_20_c_30_a_120);
	tcase_add_test(tb, stcf_starves_a_long_job_while_short_ones_keep_coming);
	tcase_add_test(tb, rr_quantum_1_three_jobs_of_200_end_at_598_599_600);
	tcase_add_test(tb, rr_arrivals_0_1_2_preempted_job_queues_before_a_new_arrival);
	tcase_add_test(tb, prio_higher_priority_arrival_preempts);
	tcase_add_test(tb, prio_equal_priorities_share_by_round_robin);
	tcase_add_test(tb, mlfq_long_job_starves_without_boost);
	tcase_add_test(tb, mlfq_boost_rescues_the_long_job);
	tcase_add_test(tb, mlfq_boost_takes_effect_at_the_boost_tick);
	tcase_add_test(tb, mlfq_preempted_process_keeps_the_head_of_its_level);
	tcase_add_test(tb, mlfq_stay_after_io_lets_a_job_game_the_scheduler);
	tcase_add_test(tb, mlfq_io_bump_puts_a_woken_process_first);
	tcase_add_test(tb, lottery_draws_winners_as_lottery_py);
	tcase_add_test(tb, lottery_shares_the_cpu_by_tickets);
	tcase_add_test(tb, lottery_seed_decides_the_draws);
	tcase_add_test(tb, lottery_draws_after_skip_draws);
	tcase_add_test(tb, cfs_shares_by_nice_weight);
	tcase_add_test(tb, system_metrics_of_a_two_cpu_run);
	tcase_add_test(tb, averages_leave_out_init_and_the_shell_and_count_main);
	suite_add_tcase(s, tb);
	TCase *prop = tcase_create("random");
	tcase_set_timeout(prop, 120);
	tcase_add_test(prop, random_workloads_every_policy);
	suite_add_tcase(s, prop);
	TCase *ui = tcase_create("output");
	tcase_add_test(ui, jobs_option_generates_job_lines);
	tcase_add_test(ui, jobs_title_of_a_long_list_is_cut);
	tcase_add_test(ui, jobs_file_text_is_one_job_a_line);
	tcase_add_test(ui, text_table_aligns_chinese_names);
	tcase_add_test(ui, json_has_the_documented_fields);
	suite_add_tcase(s, ui);
	return s;
}

TEST_MAIN(stats_suite)
