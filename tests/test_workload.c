/* test_workload.c: textbook job workloads at scale (issue 9, item 1): a
 * million jobs accepted and no more, with a clear message; pid_max raised
 * for a workload that needs it; a scenario of jobs alone that runs past the
 * default runaway guard. The runs here go without invariant checks (they
 * would cost a walk of every process per tick): the numbers are checked. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "metrics.h"
#include "parse.h"
#include "sim.h"
#include "snapshot.h"
#include "testlib.h"

/* `prefix`, then n lines `job jK runs 1`. */
static char *job_lines(const char *prefix, int n, size_t *len)
{
	size_t cap = strlen(prefix) + 1 + (size_t)n * 24;
	char *src = malloc(cap);
	ck_assert_ptr_nonnull(src);
	size_t k = (size_t)snprintf(src, cap, "%s", prefix);
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(src + k, cap - k, "job j%d runs 1\n", i);
	*len = k;
	return src;
}

static struct scenario *parse_ok(const char *src, size_t len)
{
	struct diags d;
	struct scenario *sc = parse_scenario("w.psim", src, len, &d);
	ck_assert_msg(sc != NULL, "%s", d.count ? d.items[0].msg : "");
	return sc;
}

/* Runs sc to its end without checks; returns the status. */
static enum sim_status run_plain(const struct scenario *sc, struct sys_metrics *m)
{
	struct sim_options opt = {.policy = "fifo"};
	struct sim *s = sim_new(sc, &opt);
	ck_assert_ptr_nonnull(s);
	sim_run(s, -1);
	enum sim_status st = sim_status(s);
	if (m)
		sim_sys_metrics(s, m);
	sim_free(s);
	return st;
}

/* ---- pid_max ---------------------------------------------------------------------- */

START_TEST(pid_max_grows_to_hold_every_job_at_once)
{
	static const struct { const char *prefix; int jobs, pid_max; } cases[] = {
		{"", 1000, 32768},           /* the default holds them */
		{"", 32468, 32768},          /* 32468 + 300 reserved: still */
		{"", 32469, 65536},          /* one more: the next power of two */
		{"", 40000, 65536},
		{"pid_max 32768\n", 40000, 32768}, /* the file's own setting stays: forks will fail */
		{"pid_max 16\n", 20, 16},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *src = job_lines(cases[i].prefix, cases[i].jobs, &len);
		struct scenario *sc = parse_ok(src, len);
		ck_assert_msg(sc->pid_max == cases[i].pid_max, "case %zu: pid_max %d", i, sc->pid_max);
		scenario_free(sc);
		free(src);
	}
}
END_TEST

/* 40,000 jobs arrive at once: under FIFO init, their parent, waits in the
 * run queue behind them, so every one is alive (running, runnable or a
 * zombie) until the end: each has its PID, none fails to fork. */
START_TEST(forty_thousand_jobs_alive_at_once_each_have_a_pid)
{
	size_t len;
	char *src = job_lines("", 40000, &len);
	struct scenario *sc = parse_ok(src, len);
	struct sys_metrics m;
	ck_assert_int_eq(run_plain(sc, &m), SIM_DONE);
	ck_assert_int_eq(m.completed, 40000);
	ck_assert_int_eq(m.peak_pids, 40002); /* with init and the shell */
	ck_assert_int_eq(m.peak_zombies, 40000);
	scenario_free(sc);
	free(src);
}
END_TEST

/* ---- the runaway guard of a scenario of jobs alone ------------------------------- */

/* Jobs alone cannot run away: their work, past the default guard of a
 * million ticks, is done. With a main program the guard stays. */
START_TEST(jobs_alone_run_past_a_million_ticks)
{
	const char *alone = "job a runs 700000\njob b arrives 10, runs 600000\n";
	struct scenario *sc = parse_ok(alone, strlen(alone));
	struct sys_metrics m;
	ck_assert_int_eq(run_plain(sc, &m), SIM_DONE);
	ck_assert_int_eq(m.completed, 2);
	scenario_free(sc);

	const char *with_main = "job a runs 1100000\nmain\n    sleep 1t\n";
	sc = parse_ok(with_main, strlen(with_main));
	ck_assert_int_eq(run_plain(sc, NULL), SIM_RUNAWAY);
	scenario_free(sc);
}
END_TEST

/* ---- the limit of a million jobs ------------------------------------------------- */

START_TEST(a_million_jobs_are_accepted_and_one_more_is_not)
{
	size_t n = (size_t)JOBS_MAX + 1;
	char *text = malloc(2 * n + 1);
	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + 2 * i, "1\n", 2);
	struct jobs j = {0};
	char err[256];
	int line, col;
	ck_assert(jobs_from_text(&j, text, 2 * (n - 1), err, sizeof err, &line, &col));
	ck_assert_int_eq(j.n, JOBS_MAX);
	jobs_free(&j);
	ck_assert(!jobs_from_text(&j, text, 2 * n, err, sizeof err, &line, &col));
	ck_assert_str_eq(err, "too many jobs (the limit is 1000000)");
	ck_assert_int_eq(line, JOBS_MAX + 1);
	ck_assert_int_eq(col, 1);
	jobs_free(&j);

	/* --jobs: the same limit, said of the option */
	for (size_t i = 0; i < n; i++)
		text[2 * i + 1] = ',';
	text[2 * n - 1] = '\0';
	ck_assert(!jobs_from_list(&j, text, err, sizeof err));
	ck_assert_str_eq(err, "--jobs: at most 1000000 jobs");
	jobs_free(&j);
	free(text);
}
END_TEST

/* ---- memory ------------------------------------------------------------------------- */

/* Free memory after every tick of the run, never below 0; returns the
 * fewest free KiB seen. */
static long long min_free_kib(struct run *r, long long ticks)
{
	long long least = -1;
	for (long long t = 1; t <= ticks && sim_status(r->sim) == SIM_RUNNING; t++) {
		run_until(r, t);
		struct mem_info m;
		snapshot_memory(r->sim, &m);
		ck_assert_msg(m.free >= 0, "t=%lld: free %lld KiB (total %lld, used %lld, cache %lld)", t,
			      (long long)m.free, (long long)m.total, (long long)m.used, (long long)m.buff_cache);
		ck_assert_int_eq(m.total, m.free + m.used + m.buff_cache);
		if (least < 0 || m.free < least)
			least = m.free;
	}
	return least;
}

/* 100,000 jobs alive at once need about 9 GB (92 KiB each, as a small C
 * program's): the default machine grows to 16 GiB for them, as pid_max
 * grows, and every job forks. (Free memory was -1 GiB here before.) */
START_TEST(memory_grows_to_hold_every_job_at_once)
{
	size_t len;
	char *src = job_lines("", 100000, &len);
	struct sim_options opt = {.policy = "fifo"};
	struct scenario *sc = parse_ok(src, len);
	struct sim *s = sim_new(sc, &opt);
	ck_assert_ptr_nonnull(s);
	sim_run(s, 1);
	struct mem_info m;
	snapshot_memory(s, &m);
	ck_assert_int_eq(m.total, 16LL << 20);
	ck_assert_msg(m.free >= 0 && m.used > 8LL << 20, "free %lld KiB, used %lld KiB", (long long)m.free, (long long)m.used);
	struct sim_counts c;
	snapshot_counts(s, &c);
	ck_assert_int_eq(c.total, 100002);
	sim_free(s);
	scenario_free(sc);
	free(src);
	/* and a small workload keeps the default 8 GiB */
	src = job_lines("", 1000, &len);
	sc = parse_ok(src, len);
	s = sim_new(sc, &opt);
	snapshot_memory(s, &m);
	ck_assert_int_eq(m.total, 8LL << 20);
	sim_free(s);
	scenario_free(sc);
	free(src);
}
END_TEST

/* A scenario that sets its memory keeps it: the jobs that do not fit fail
 * to fork with ENOMEM (about 110 of 400 fit in 16 MiB beside init and the
 * shell), and free memory never goes below 0. */
START_TEST(jobs_that_do_not_fit_in_memory_fail_to_fork_with_enomem)
{
	size_t len;
	char *src = job_lines("memory 16MiB\n", 400, &len);
	struct run *r = run_new(src);
	min_free_kib(r, 5);
	int failed = run_count(r, EV_FORK_FAILED, 0), forked = 0;
	for (int i = 0; i < r->count; i++)
		forked += r->events[i].ev.kind == EV_SPAWN && strncmp(r->events[i].name, "j", 1) == 0;
	ck_assert_int_eq(failed + forked, 400);
	ck_assert_msg(forked > 50 && failed > 50, "%d forked, %d failed", forked, failed);
	const struct sim_event *e = run_find(r, EV_FORK_FAILED, 0, 0);
	ck_assert_int_eq(e->err, 12); /* ENOMEM */
	run_free(r);
	free(src);
}
END_TEST

/* A child writing more copy-on-write pages than the RAM has left: the
 * copies that fit are made, then the fault finds no page and the process
 * is killed (the OOM killer's SIGKILL, procsim's choosing the faulting
 * process); its exit frees its copies. An alloc that does not fit raises
 * MemoryError, and free memory never goes below 0 in either. */
START_TEST(a_write_that_finds_no_free_page_is_killed)
{
	struct run *r = run_new("memory 64MiB\ntick 100ms\n"
				"program child\n    touch 32MiB\n    print \"not reached\"\n"
				"main \"python3 oom.py\"\n    alloc 32MiB\n    start child as c\n    join c\n"
				"    print \"exit {c.exitcode}\"\n");
	min_free_kib(r, 40);
	const struct sim_event *cow = NULL;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_MEMORY && r->events[i].ev.cow)
			cow = &r->events[i].ev;
	ck_assert_ptr_nonnull(cow); /* the copies that fit: RAM full, not past it */
	ck_assert_msg(cow->used_kib <= 64 << 10 && cow->pages > 0 && cow->pages < 32 << 8, "%lld pages copied, used %lld KiB",
		      (long long)cow->pages, (long long)cow->used_kib);
	ck_assert_ptr_null(strstr(run_console(r), "not reached"));
	ck_assert_ptr_nonnull(strstr(run_console(r), "exit -9"));
	run_free(r);
	r = run_new("memory 48MiB\nmain \"python3 big.py\"\n    alloc 64MiB\n");
	min_free_kib(r, 20);
	ck_assert_ptr_nonnull(strstr(run_console(r), "MemoryError"));
	run_free(r);
}
END_TEST

static Suite *workload_suite(void)
{
	Suite *s = suite_create("workload");
	TCase *tc = tcase_create("scale");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, pid_max_grows_to_hold_every_job_at_once);
	tcase_add_test(tc, forty_thousand_jobs_alive_at_once_each_have_a_pid);
	tcase_add_test(tc, jobs_alone_run_past_a_million_ticks);
	tcase_add_test(tc, a_million_jobs_are_accepted_and_one_more_is_not);
	tcase_add_test(tc, memory_grows_to_hold_every_job_at_once);
	tcase_add_test(tc, jobs_that_do_not_fit_in_memory_fail_to_fork_with_enomem);
	tcase_add_test(tc, a_write_that_finds_no_free_page_is_killed);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(workload_suite)
