/* test_costs.c: what steps cost (cost.h). System calls are charged to their
 * caller by the kernel, CPython's work by the interpreter; costs shorter
 * than a tick are carried until one process's costs make a tick; `costs
 * none` and job workloads cost nothing. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

/* A measured default, in ticks of 1ms (rounded down: the rest is carried). */
static long long ms(enum cost_kind k) { return cost_info(k)->linux_us / 1000; }

/* The tick of the n-th line PID printed. */
static long long print_tick(const struct run *r, int pid, int nth)
{
	const struct sim_event *e = run_find(r, EV_PRINT, pid, nth);
	ck_assert_msg(e != NULL, "PID %d printed fewer than %d lines", pid, nth + 1);
	return e->t;
}

START_TEST(python_starts_up_before_its_first_line)
{
	struct run *r = run_new("tick 1ms\nmain \"python3 app.py\"\n    print \"hi\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_gt(ms(COST_PY_STARTUP), 0);
	ck_assert_int_eq(print_tick(r, 3, 0), ms(COST_PY_STARTUP));
	run_free(r);
}
END_TEST

START_TEST(costs_none_is_the_textbook_zero)
{
	struct run *r = run_new("tick 1ms\ncosts none\nmain \"python3 app.py\"\n    print \"hi\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(print_tick(r, 3, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(a_cost_shorter_than_a_tick_is_carried_over)
{
	/* At the default 100ms tick python's start-up (under 100ms) is carried, not
	 * rounded up: the first line runs at t=0, as every golden trace shows. */
	struct run *r = run_new("main \"python3 app.py\"\n    print \"hi\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(print_tick(r, 3, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(a_started_child_runs_its_first_line_after_its_bootstrap)
{
	struct run *r = run_new("tick 1ms\ncpus 2\n"
				"program child\n    print \"child\"\n"
				"main \"python3 app.py\"\n    start child as c\n    print \"main\"\n    join c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	long long main_line = print_tick(r, 3, 0), child_line = print_tick(r, 4, 0);
	/* start-up; start() and the fork together are under a tick */
	ck_assert_int_lt(cost_info(COST_PROCESS_START)->linux_us + cost_info(COST_FORK)->linux_us, 1000);
	ck_assert_int_eq(main_line, ms(COST_PY_STARTUP));
	/* forked then, it runs _bootstrap on the other CPU before its first line */
	ck_assert_int_gt(ms(COST_BOOTSTRAP), 0);
	ck_assert_int_eq(child_line, ms(COST_PY_STARTUP) + ms(COST_BOOTSTRAP));
	run_free(r);
}
END_TEST

START_TEST(a_system_call_that_costs_ticks_holds_the_cpu_as_system_time)
{
	struct run *r = run_new("tick 1ms\ncost fork 10ms\ncost python_startup 0s\n"
				"program child\n    exit\n"
				"main \"python3 app.py\"\n    fork child\n    print \"after\"\n    wait\n");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	struct proc_info p;
	ck_assert(snapshot_proc(r->sim, 3, &p));
	ck_assert_int_eq(p.state, 'R'); /* in the kernel, on the CPU */
	ck_assert(p.on_cpu);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(print_tick(r, 3, 0), 10);
	run_free(r);
}
END_TEST

START_TEST(many_small_costs_add_up_at_a_coarse_tick)
{
	/* 2,000 forks and wait4s: their system time, in whole ticks of 100ms. */
	struct run *r = run_new("program child\n    exit\n"
				"main \"python3 app.py\"\n    repeat 2000\n        fork child\n        wait\n    print \"done\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	long long t = print_tick(r, 3, 0);
	/* 2,000 forks and 2,000 wait4s, the kernel's (the children only exit,
	 * which costs them nothing a parent waits for); python3's start-up is
	 * user time, carried apart, and under a tick */
	long long us = 2000LL * (cost_info(COST_FORK)->linux_us + cost_info(COST_WAIT4)->linux_us);
	ck_assert_int_lt(cost_info(COST_PY_STARTUP)->linux_us, 100000);
	ck_assert_int_ge(us, 100000);
	ck_assert_int_eq(t, us / 100000);
	run_free(r);
}
END_TEST

START_TEST(the_same_loop_costs_nothing_with_costs_none)
{
	struct run *r = run_new("costs none\nprogram child\n    exit\n"
				"main \"python3 app.py\"\n    repeat 2000\n        fork child\n        wait\n    print \"done\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(print_tick(r, 3, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(job_workloads_cost_nothing_by_default)
{
	/* The textbooks' exercises count no time for system calls. */
	struct run *r = run_new("tick 1ms\npolicy fifo\njob A arrives 0, runs 5\njob B arrives 0, runs 3\n");
	for (int k = 0; k < COST_COUNT; k++)
		ck_assert_int_eq(r->sc->costs.us[k], 0);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 5);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 8);
	run_free(r);
	/* unless the workload asks for them */
	r = run_new("costs linux\njob A arrives 0, runs 5\n");
	ck_assert_int_eq(r->sc->costs.us[COST_FORK], cost_info(COST_FORK)->linux_us);
	ck_assert_int_gt(r->sc->costs.us[COST_FORK], 0);
	run_free(r);
}
END_TEST

START_TEST(cost_settings_are_checked)
{
	const struct diags *d = parse_errors("cost forks 1ms\nmain\n    exit\n");
	ck_assert_int_eq(d->count, 1);
	ck_assert_ptr_nonnull(strstr(d->items[0].msg, "unknown cost"));
	ck_assert_ptr_nonnull(strstr(d->items[0].hint, "fork"));
	d = parse_errors("cost fork 10\nmain\n    exit\n");
	ck_assert_int_eq(d->count, 1);
	ck_assert_ptr_nonnull(strstr(d->items[0].msg, "unit"));
	d = parse_errors("costs some\nmain\n    exit\n");
	ck_assert_int_eq(d->count, 1);
	ck_assert_ptr_nonnull(strstr(d->items[0].msg, "linux or none"));
}
END_TEST

/* A Pool main never joins: at main's exit its finalizer terminates it
 * (_terminate_pool): the handlers are told to stop, main waits for the
 * worker handler thread (futex_do_wait), then sends SIGTERM to the workers.
 * On Linux 0 to 4 tasks start meanwhile (tests/truth/pool_no_join.py): the
 * task handler thread hands tasks over on the other CPU while main submits
 * (4 us each) and shuts down; a 10us tick interleaves them; with no costs
 * main's submissions and exit take no time and no task starts. */
static const char pool_never_joined[] =
	"tick 10us\ncpus 2\npolicy cfs\n%s"
	"program task(i)\n    print \"task {i}\"\n    sleep 1s\n"
	"main \"python3 pool_no_join.py\"\n    pool po size 4\n    repeat 10 as i\n        apply_async po task(i)\n"
	"    print \"main ends\"\n";

static int tasks_started(const char *costs, bool *joined_handler)
{
	char src[512];
	snprintf(src, sizeof src, pool_never_joined, costs);
	struct run *r = run_new(src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	int n = 0;
	for (const char *c = run_console(r); (c = strstr(c, "task ")); c++)
		n++;
	/* main, in its exit handler, joins the pool's worker handler thread */
	*joined_handler = false;
	for (int i = 0; run_find(r, EV_SLEEP, 3, i); i++)
		if (run_find(r, EV_SLEEP, 3, i)->wchan == WCHAN_THREAD_JOIN)
			*joined_handler = true;
	for (int pid = 4; pid <= 7; pid++) { /* terminated, or ended by the task handler's sentinel */
		const struct sim_event *e = run_find(r, EV_EXIT, pid, 0);
		ck_assert(e->sig == 15 || (e->sig == 0 && e->code == 0));
	}
	run_free(r);
	return n;
}

START_TEST(a_never_joined_pool_is_terminated_by_its_finalizer)
{
	bool joined;
	int with_costs = tasks_started("", &joined);
	ck_assert_int_gt(with_costs, 0);
	ck_assert_int_le(with_costs, 4);
	ck_assert(joined);
	ck_assert_int_eq(tasks_started("costs none\n", &joined), 0);
	ck_assert(joined);
}
END_TEST

/* do_exit's teardown is paid on the CPU before the zombie (COST_EXIT):
 * at tick 10us the process is R, on its CPU, in the kernel, for those
 * ticks after its exit call; a fatal signal's death pays it too. */
START_TEST(exit_pays_its_teardown_on_the_cpu_before_the_zombie)
{
	long long ticks = cost_info(COST_EXIT)->linux_us / 10;
	ck_assert_int_gt(ticks, 0);
	struct run *r = run_new("tick 10us\nprogram c\n    compute 10t\n    exit 3\n"
				"main \"python3 app.py\"\n    fork c as k\n    wait k\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *run = run_find(r, EV_DISPATCH, 4, 0), *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_ptr_nonnull(run);
	ck_assert_int_eq(ex->code, 3);
	/* its compute, then the exit's ticks (the fork's cost is the parent's) */
	ck_assert_int_ge(ex->t - run->t, 10 + ticks);
	ck_assert_int_le(ex->t - run->t, 10 + ticks + 1);
	run_free(r);
	r = run_new("tick 10us\ncosts none\nprogram c\n    compute 10t\n    exit 3\n"
		    "main \"python3 app.py\"\n    fork c as k\n    wait k\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->t - run_find(r, EV_DISPATCH, 4, 0)->t, 10);
	run_free(r);
}
END_TEST

static Suite *costs_suite(void)
{
	Suite *s = suite_create("costs");
	TCase *tc = tcase_create("costs");
	tcase_add_test(tc, python_starts_up_before_its_first_line);
	tcase_add_test(tc, costs_none_is_the_textbook_zero);
	tcase_add_test(tc, a_cost_shorter_than_a_tick_is_carried_over);
	tcase_add_test(tc, a_started_child_runs_its_first_line_after_its_bootstrap);
	tcase_add_test(tc, a_system_call_that_costs_ticks_holds_the_cpu_as_system_time);
	tcase_add_test(tc, many_small_costs_add_up_at_a_coarse_tick);
	tcase_add_test(tc, the_same_loop_costs_nothing_with_costs_none);
	tcase_add_test(tc, job_workloads_cost_nothing_by_default);
	tcase_add_test(tc, cost_settings_are_checked);
	tcase_add_test(tc, a_never_joined_pool_is_terminated_by_its_finalizer);
	tcase_add_test(tc, exit_pays_its_teardown_on_the_cpu_before_the_zombie);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(costs_suite)
