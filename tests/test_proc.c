/* test_proc.c: fork, exit, wait, zombies, orphans and PIDs. */
#include <check.h>
#include <stdlib.h>

#include "testlib.h"

START_TEST(orphan_is_adopted_by_init)
{
	struct run *r = run_new(
		"program child\n    sleep 5\n    print \"ppid {ppid}\"\n"
		"main\n    fork child\n    exit 0\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *rp = run_find(r, EV_REPARENT, 4, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 3);
	ck_assert_int_eq(rp->to, 1);
	ck_assert_int_eq(rp->t, run_when(r, EV_EXIT, 3)); /* in the tick of the parent's exit */
	ck_assert_str_eq(run_console(r), "ppid 1\n");
	const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
	ck_assert_ptr_nonnull(reap);
	ck_assert_int_eq(reap->other, 1);
	ck_assert_int_eq(reap->t, 5);
	run_free(r);
}
END_TEST

START_TEST(zombie_stays_until_parent_waits)
{
	struct run *r = run_new(
		"program child\n    exit 7\n"
		"main\n    fork child\n    sleep 10\n    wait\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_ptr_nonnull(ex);
	ck_assert(ex->zombie);
	ck_assert_int_eq(ex->code, 7);
	ck_assert_int_eq(ex->t, 0);
	const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(reap->other, 3);
	ck_assert_int_eq(reap->t, 10);
	ck_assert_int_eq(reap->code, 7);
	run_free(r);
}
END_TEST

START_TEST(wait_without_children_fails_with_echild)
{
	struct run *r = run_new("main\n    wait\n    print \"after\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *wf = run_find(r, EV_WAIT_FAILED, 3, 0);
	ck_assert_ptr_nonnull(wf);
	ck_assert_int_eq(wf->t, 0);
	ck_assert_str_eq(run_console(r), "after\n");
	ck_assert_int_eq(run_count(r, EV_SLEEP, 3), 0);
	run_free(r);
}
END_TEST

START_TEST(killed_parent_hands_zombies_to_init)
{
	struct run *r = run_new(
		"program child\n    exit 0\n"
		"main\n    fork child\n    fork child\n    compute 100\n"
		"at 5 kill -KILL 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 9);
	for (int pid = 4; pid <= 5; pid++) {
		const struct sim_event *rp = run_find(r, EV_REPARENT, pid, 0);
		ck_assert_ptr_nonnull(rp);
		ck_assert_int_eq(rp->to, 1);
		ck_assert_int_eq(rp->t, 5);
		const struct sim_event *reap = run_find(r, EV_REAP, pid, 0);
		ck_assert_int_eq(reap->other, 1);
		ck_assert_int_eq(reap->t, 5);
	}
	run_free(r);
}
END_TEST

START_TEST(pids_exhaust_and_fork_fails_with_eagain)
{
	struct run *r = run_new(
		"pid_max 10\n"
		"program child\n    exit 0\n"
		"main\n    repeat 8\n        fork child\n        sleep 1\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* PIDs 1-3 are taken, 4..9 hold zombies: the 7th and 8th forks fail. */
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 6);
	ck_assert_int_eq(run_count(r, EV_FORK_FAILED, 3), 2);
	ck_assert_int_eq(run_when(r, EV_FORK_FAILED, 3), 6);
	run_free(r);
}
END_TEST

START_TEST(pid_allocation_skips_pids_in_use_and_wraps)
{
	struct run *r = run_new(
		"pid_max 8\n"
		"program child\n    sleep 1\n"
		"main\n    repeat 6\n        fork child as c\n        wait c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* Children get 4, 5, 6, 7, then wrap past pid_max-1 = 7 to 2: in use by the
	 * shell, 3 by main, so 4 again, then 5. */
	int want[] = {4, 5, 6, 7, 4, 5};
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(run_find(r, EV_SPAWN, 0, 3 + i)->pid, want[i]);
	run_free(r);
}
END_TEST

Suite *proc_suite(void);
Suite *proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("lifecycle");
	tcase_add_test(tc, orphan_is_adopted_by_init);
	tcase_add_test(tc, zombie_stays_until_parent_waits);
	tcase_add_test(tc, wait_without_children_fails_with_echild);
	tcase_add_test(tc, killed_parent_hands_zombies_to_init);
	suite_add_tcase(s, tc);
	TCase *pids = tcase_create("pids");
	tcase_add_test(pids, pids_exhaust_and_fork_fails_with_eagain);
	tcase_add_test(pids, pid_allocation_skips_pids_in_use_and_wraps);
	suite_add_tcase(s, pids);
	return s;
}

TEST_MAIN(proc_suite)
