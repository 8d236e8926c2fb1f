/* test_limits.c: what stops a scenario that builds strings without end. A
 * string over SIM_STRING_MAX raises MemoryError in the process (which `try`
 * can catch); strings that add up to SIM_STRINGS_TOTAL_MAX stop the run as
 * a runaway, reported at the loop, the same way in a clone as in the run
 * it was copied from. */
#include <check.h>
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
	"            sleep 1\n"
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
	struct run *r = run_new("main\n    let x = \"ab\"\n    loop\n        x = x + x\n        sleep 1\n");
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
	"        sleep 1\n";

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
	return su;
}

TEST_MAIN(limits_suite)
