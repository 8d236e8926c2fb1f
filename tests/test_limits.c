/* test_limits.c: the limits of values. Integers are 64-bit: what does not
 * fit raises OverflowError (Python's would grow), a PID that no C int holds
 * too (os.kill). And what stops a scenario that builds strings without end. A
 * string over SIM_STRING_MAX raises MemoryError in the process (which `try`
 * can catch); strings that add up to SIM_STRINGS_TOTAL_MAX stop the run as
 * a runaway, reported at the loop, the same way in a clone as in the run
 * it was copied from. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testlib.h"

/* x doubles every second from 64 bytes: 2^14 * 64 = 1 MiB after 14 rounds,
 * and the 15th round's x + x is over SIM_STRING_MAX. */
static const char doubling_src[] =
	"main\n"
	"    let x = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n"
	"    let n = 0\n"
	"    try\n"
	"        loop\n"
	"            x = x + x\n"
	"            n = n + 1\n"
	"            sleep 1t\n"
	"    except MemoryError\n"
	"        print \"caught after {n} doublings\"\n"
	"    print \"still running\"\n";

START_TEST(a_string_over_the_limit_raises_memory_error)
{
	struct run *r = run_new(doubling_src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *raise = run_find(r, EV_RAISE, 0, 0);
	ck_assert_ptr_nonnull(raise);
	/* testlib keeps each event's text in its record, of which ev is the head */
	ck_assert_ptr_nonnull(strstr(((const struct recorded *)raise)->text, "MemoryError"));
	ck_assert(raise->caught);
	ck_assert_int_eq(raise->t, 14);
	ck_assert_str_eq(run_console(r), "caught after 14 doublings\nstill running\n");
	run_free(r);
}
END_TEST

START_TEST(an_uncaught_memory_error_ends_the_process_with_code_1)
{
	struct run *r = run_new("main\n    let x = \"ab\"\n    loop\n        x = x + x\n        sleep 1t\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *raise = run_find(r, EV_RAISE, 0, 0);
	ck_assert_ptr_nonnull(raise);
	ck_assert(!raise->caught);
	const struct sim_event *ex = run_find(r, EV_EXIT, raise->pid, 0);
	ck_assert_ptr_nonnull(ex);
	ck_assert_int_eq(ex->code, 1);
	run_free(r);
}
END_TEST

/* 512 KiB a second: under the per-string limit, over the total after 512 s. */
static const char growing_src[] =
	"main\n"
	"    let x = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n"
	"    repeat 13\n"
	"        x = x + x\n"
	"    loop\n"
	"        let y = x + \"!\"\n"
	"        sleep 1t\n";

START_TEST(strings_that_add_up_past_the_total_are_a_runaway_at_the_loop)
{
	struct run *r = run_new(growing_src);
	ck_assert_int_eq(run_until(r, -1), SIM_RUNAWAY);
	const struct sim_fault *f = sim_fault(r->sim);
	ck_assert(f->memory);
	ck_assert(!f->events);
	ck_assert_int_eq(f->line, 5); /* the loop, where the fix goes */
	ck_assert_int_eq(f->col, 5);
	long long t = sim_now(r->sim);
	ck_assert_int_gt(t, 400);
	ck_assert_int_lt(t, 600);
	ck_assert_int_eq(run_count(r, EV_RAISE, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(a_clone_reaches_the_total_at_the_same_tick)
{
	struct run *r = run_new(growing_src);
	ck_assert_int_eq(run_until(r, -1), SIM_RUNAWAY);
	long long end = sim_now(r->sim);
	run_free(r);

	/* Clone half way, twice: the clones share the original's string arena,
	 * but each counts only the strings of its own timeline. */
	r = run_new(growing_src);
	ck_assert_int_eq(run_until(r, end / 2), SIM_RUNNING);
	struct sim *a = sim_clone(r->sim), *b = sim_clone(r->sim);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(sim_run(a, -1), SIM_RUNAWAY);
	ck_assert_int_eq(sim_now(a), end);
	ck_assert_int_eq(sim_run(b, -1), SIM_RUNAWAY);
	ck_assert_int_eq(sim_now(b), end);
	ck_assert_int_eq(run_until(r, -1), SIM_RUNAWAY);
	ck_assert_int_eq(sim_now(r->sim), end);
	sim_free(a);
	sim_free(b);
	run_free(r);
}
END_TEST

START_TEST(integer_overflow_raises_overflow_error)
{
	static const char *const exprs[] = {
		"999999999999 * 999999999999", "m - 1", "0 - m - m", "m / -1", "-m", "q + q", "q * 2",
	};
	for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
		char src[512];
		snprintf(src, sizeof src,
			 "main\n    let q = 4194304 * 1048576 * 1048576\n    let m = 0 - q - q\n    try\n        let x = %s\n"
			 "        print \"no\"\n    except OverflowError\n        print \"overflow\"\n    let r = m %% -1\n"
			 "    print \"{r}\"\n",
			 exprs[i]);
		struct run *r = run_new(src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		ck_assert_msg(strcmp(run_console(r), "overflow\n0\n") == 0, "%s: %s", exprs[i], run_console(r));
		run_free(r);
	}
}
END_TEST

START_TEST(a_pid_beyond_a_c_int_raises_overflow_error)
{
	/* 4294967299 would be PID 3 once cut to 32 bits: main killing itself */
	struct run *r = run_new("main\n    try\n        kill -KILL 4294967299\n    except OverflowError\n"
				"        print \"overflow\"\n    print \"alive\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "overflow\nalive\n");
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
	run_free(r);
}
END_TEST

/* Forking and exiting for ever inside one tick: different events each
 * time, so only the count of all the tick's events stops it. */
START_TEST(a_tick_that_never_ends_is_a_runaway)
{
	struct run *r = run_new("program b\n    fork b\n    exit\nmain\n    fork b\n");
	sim_set_sink(r->sim, NULL, NULL); /* stats and ps run without one: the same guard */
	ck_assert_int_eq(run_until(r, -1), SIM_RUNAWAY);
	const struct sim_fault *f = sim_fault(r->sim);
	ck_assert(f->flood);
	/* init's wait4s cost it 5us each (cost.h): a tick passes every
	 * 20,000 reaps, which is not the computing or sleeping that would
	 * let the guard start again. */
	ck_assert_int_lt(sim_now(r->sim), 100);
	ck_assert_int_eq(f->line, 3); /* the exit of b, which makes room for the next fork */
	run_free(r);
}
END_TEST

/* A long but finite loop in one tick is not a runaway. */
START_TEST(twenty_thousand_prints_in_one_tick_are_fine)
{
	struct run *r = run_new("main\n    repeat 20000\n        print \"x\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_count(r, EV_PRINT, 3), 20000);
	run_free(r);
}
END_TEST

static Suite *limits_suite(void)
{
	Suite *su = suite_create("limits");
	TCase *tc = tcase_create("strings");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_string_over_the_limit_raises_memory_error);
	tcase_add_test(tc, an_uncaught_memory_error_ends_the_process_with_code_1);
	tcase_add_test(tc, strings_that_add_up_past_the_total_are_a_runaway_at_the_loop);
	tcase_add_test(tc, a_clone_reaches_the_total_at_the_same_tick);
	suite_add_tcase(su, tc);
	TCase *ints = tcase_create("integers");
	tcase_add_test(ints, integer_overflow_raises_overflow_error);
	tcase_add_test(ints, a_pid_beyond_a_c_int_raises_overflow_error);
	suite_add_tcase(su, ints);
	TCase *ticks = tcase_create("ticks");
	tcase_set_timeout(ticks, 60);
	tcase_add_test(ticks, a_tick_that_never_ends_is_a_runaway);
	tcase_add_test(ticks, twenty_thousand_prints_in_one_tick_are_fine);
	suite_add_tcase(su, ticks);
	return su;
}

TEST_MAIN(limits_suite)
