/* test_proc.c: fork, exit, wait, zombies, orphans and PIDs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

/* The position of the nth event of a kind about pid in the recorded
 * sequence, or -1: for "this happened before that" within one tick. */
static int event_index(const struct run *r, enum sim_event_kind kind, int pid, int nth)
{
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == kind && (pid == 0 || r->events[i].ev.pid == pid) && nth-- == 0)
			return i;
	return -1;
}

START_TEST(orphan_is_adopted_by_init)
{
	struct run *r = run_new(
		"program child\n    sleep 5t\n    print \"ppid {ppid}\"\n"
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
		"main\n    fork child\n    sleep 10t\n    wait\n");
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
		"main\n    fork child\n    fork child\n    compute 100t\n"
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
		"main\n    repeat 8\n        fork child\n        sleep 1t\n");
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
		"program child\n    sleep 1t\n"
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

/* ---- re-parenting ------------------------------------------------------------ */

START_TEST(orphan_is_adopted_by_subreaper_instead_of_init)
{
	struct run *r = run_new(
		"program grandchild\n    sleep 5t\n    print \"ppid {ppid}\"\n"
		"program middle\n    fork grandchild\n    exit 0\n"
		"main\n    subreaper\n    fork middle\n    sleep 10t\n    wait\n    wait\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *rp = run_find(r, EV_REPARENT, 5, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 4);
	ck_assert_int_eq(rp->to, 3);
	ck_assert_int_eq(rp->t, run_when(r, EV_EXIT, 4));
	ck_assert_str_eq(run_console(r), "ppid 3\n");
	/* The grandchild's zombie belongs to the subreaper: init never sees it. */
	const struct sim_event *ex = run_find(r, EV_EXIT, 5, 0);
	ck_assert_int_eq(ex->ppid, 3);
	ck_assert(ex->zombie);
	const struct sim_event *reap = run_find(r, EV_REAP, 5, 0);
	ck_assert_ptr_nonnull(reap);
	ck_assert_int_eq(reap->other, 3);
	ck_assert_int_eq(reap->t, 10);
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 1);
	run_free(r);
}
END_TEST

/* PID 1 as it varies (issue 14, item 5), as tests/truth/pid1.sh ran it. */
#define PID1_PROGRAMS "program worker\n    sleep 5t\nprogram sleeper\n    sleep 600t\n" \
	"program middle\n    repeat 3\n        fork worker\n    fork sleeper\n"

/* pid1 main: a container without --init. Orphans go to main, which never
 * waits: their zombies pile up; docker stop's SIGTERM is dropped; main's
 * exit kills the rest of the namespace and takes its zombies along. */
START_TEST(container_pid1_keeps_zombies_until_it_exits_then_the_rest_is_killed)
{
	struct run *r = run_new("pid1 main\n" PID1_PROGRAMS
				"main \"python3 app.py\"\n    fork middle as m\n    wait m\n    sleep 30t\n"
				"at 22 kill -TERM 3\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 20), SIM_RUNNING);
	struct proc_info ps[16];
	int n = snapshot_procs(r->sim, ps, 16), zombies = 0;
	for (int i = 0; i < n; i++)
		zombies += ps[i].state == 'Z' && ps[i].ppid == 3;
	ck_assert_int_eq(zombies, 3);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *e = run_find(r, EV_REPARENT, 5, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->to, 3);
	e = run_find(r, EV_SIGNAL, 3, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->sig, 15);
	ck_assert_int_eq(e->outcome, SIGOUT_NS_INIT_PROTECTED);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->code, 0);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 30);
	e = run_find(r, EV_EXIT, 8, 0); /* the sleeper: zap_pid_ns_processes */
	ck_assert_int_eq(e->sig, 9);
	ck_assert_int_eq(e->t, 30);
	ck_assert_int_eq(run_when(r, EV_REAP, 5), 30); /* the zombies go with main */
	run_free(r);
}
END_TEST

/* pid1 tini: tini reaps every orphan at once, forwards docker stop's
 * SIGTERM to main and exits with 128 + 15. */
START_TEST(tini_reaps_at_once_and_forwards_signals_to_main)
{
	struct run *r = run_new("pid1 tini\n" PID1_PROGRAMS
				"main \"python3 app.py\"\n    fork middle as m\n    wait m\n    sleep 30t\n"
				"at 22 kill -TERM 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *e = run_find(r, EV_REPARENT, 6, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->to, 3);
	e = run_find(r, EV_REAP, 6, 0);
	ck_assert_int_eq(e->other, 3);
	ck_assert_int_eq(e->t, 5);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 15); /* main, killed by the forwarded SIGTERM */
	e = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(e->code, 143);
	ck_assert_int_eq(e->t, 22);
	ck_assert_int_eq(run_find(r, EV_EXIT, 9, 0)->sig, 9);
	run_free(r);
}
END_TEST

/* ---- wait, waitpid, join, reap -------------------------------------------------- */

START_TEST(wait_reaps_first_zombie_in_child_creation_order)
{
	/* The children exit in the reverse order of their creation. */
	struct run *r = run_new(
		"program child(n, code)\n    sleep {n} ticks\n    exit {code}\n"
		"main\n    fork child(3, 40)\n    fork child(2, 50)\n    fork child(1, 60)\n"
		"    sleep 5t\n    wait\n    wait\n    wait\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_when(r, EV_EXIT, 6), 1);
	ck_assert_int_eq(run_when(r, EV_EXIT, 5), 2);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 3);
	int want[] = {4, 5, 6}, code[] = {40, 50, 60};
	for (int i = 0; i < 3; i++) {
		const struct sim_event *reap = run_find(r, EV_REAP, 0, i);
		ck_assert_ptr_nonnull(reap);
		ck_assert_int_eq(reap->pid, want[i]);
		ck_assert_int_eq(reap->other, 3);
		ck_assert_int_eq(reap->code, code[i]);
		ck_assert_int_eq(reap->t, 5);
	}
	run_free(r);
}
END_TEST

START_TEST(waitpid_reaps_its_child_and_leaves_the_other_zombie)
{
	struct run *r = run_new(
		"program slow\n    sleep 5t\n"
		"program quick\n    exit 3\n"
		"main\n    fork slow as a\n    fork quick as b\n    wait a\n    print \"reaped a at {tick}\"\n");
	ck_assert_int_eq(run_until(r, 3), SIM_RUNNING);
	const struct sim_event *ex = run_find(r, EV_EXIT, 5, 0);
	ck_assert_ptr_nonnull(ex);
	ck_assert_int_eq(ex->t, 0);
	ck_assert(ex->zombie);
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, 5, &pi));
	ck_assert_int_eq(pi.state, 'Z');
	ck_assert(snapshot_proc(r->sim, 3, &pi));
	ck_assert_int_eq(pi.state, 'S');
	ck_assert_int_eq(pi.wchan, WCHAN_CHILD_PID);
	ck_assert_int_eq(pi.wait_pid, 4);
	ck_assert_int_eq(run_count(r, EV_REAP, 0), 0);

	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ra = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(ra->other, 3);
	ck_assert_int_eq(ra->t, 5);
	ck_assert_str_eq(run_console(r), "reaped a at 5\n");
	/* b was never waited for: it stayed a zombie until main exited, then
	 * init reaped it. */
	const struct sim_event *rb = run_find(r, EV_REAP, 5, 0);
	ck_assert_int_eq(rb->other, 1);
	ck_assert_int_eq(rb->code, 3);
	ck_assert_int_eq(rb->t, 5);
	ck_assert_int_lt(event_index(r, EV_EXIT, 3, 0), event_index(r, EV_REAP, 5, 0));
	run_free(r);
}
END_TEST

START_TEST(waitpid_is_not_woken_by_another_child_exit)
{
	/* Linux's child_wait_callback wakes a waitpid(pid) caller only for an
	 * eligible child (eligible_pid), so b's exit leaves main asleep. */
	struct run *r = run_new(
		"program slow\n    sleep 5t\n"
		"program quick\n    exit 3\n"
		"main\n    fork slow as a\n    fork quick as b\n    wait a\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_count(r, EV_WAKE, 3), 1);
	ck_assert_int_eq(run_when(r, EV_WAKE, 3), 5);
	ck_assert_int_eq(run_count(r, EV_SLEEP, 3), 1);
	run_free(r);
}
END_TEST

START_TEST(join_with_timeout_returns_at_deadline_while_child_runs_on)
{
	struct run *r = run_new(
		"program child\n    sleep 20t\n"
		"main\n    start child as c\n    join c timeout 5t\n    print \"back {tick}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sl = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_int_eq(sl->t, 0);
	ck_assert_int_eq(sl->wchan, WCHAN_CHILD_POLL); /* popen_fork polls the sentinel (the review's j1.py: poll_schedule_timeout) */
	ck_assert_int_eq(sl->wait_pid, 4);
	ck_assert_int_eq(sl->until, 5);
	const struct sim_event *wk = run_find(r, EV_WAKE, 3, 0);
	ck_assert_int_eq(wk->t, 5);
	ck_assert_int_eq(wk->reason, WAKE_TIMEOUT);
	ck_assert_str_eq(run_console(r), "back 5\n");
	/* The child was neither killed nor reaped by the timed-out join; the end
	 * of main's code joins it. */
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 4), 0);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 20);
	ck_assert_int_eq(ex->sig, 0);
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->other, 3);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 20);
	run_free(r);
}
END_TEST

START_TEST(join_of_reaped_child_returns_at_once)
{
	struct run *r = run_new(
		"program child\n    sleep 3t\n    exit 6\n"
		"main\n    start child as c\n    join c\n    join c\n    print \"done {tick}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->t, 3);
	ck_assert_str_eq(run_console(r), "done 3\n");
	/* One sleep for the first join; the second neither sleeps nor fails. */
	ck_assert_int_eq(run_count(r, EV_SLEEP, 3), 1);
	ck_assert_int_eq(run_count(r, EV_WAIT_FAILED, 3), 0);
	ck_assert_int_eq(run_count(r, EV_REAP, 4), 1);
	run_free(r);
}
END_TEST

START_TEST(reap_collects_every_zombie_without_blocking)
{
	struct run *r = run_new(
		"program quick(code)\n    exit {code}\n"
		"program slow\n    sleep 10t\n"
		"main\n    reap\n    fork quick(1)\n    fork slow\n    fork quick(2)\n    fork quick(3)\n"
		"    sleep 2t\n    reap\n    print \"after reap {tick}\"\n    wait\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* `reap` with no child at all neither fails nor sleeps. */
	ck_assert_int_eq(run_count(r, EV_WAIT_FAILED, 3), 0);
	int want[] = {4, 6, 7};
	for (int i = 0; i < 3; i++) {
		const struct sim_event *reap = run_find(r, EV_REAP, 0, i);
		ck_assert_int_eq(reap->pid, want[i]);
		ck_assert_int_eq(reap->other, 3);
		ck_assert_int_eq(reap->code, i + 1);
		ck_assert_int_eq(reap->t, 2);
	}
	const struct sim_event *pr = run_find(r, EV_PRINT, 3, 0);
	ck_assert_int_eq(pr->t, 2);
	/* Only the timer sleep, before it: reap did not block on the live child. */
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 0)->wchan, WCHAN_TIMER);
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 1)->t, 2);
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 1)->wchan, WCHAN_CHILD);
	ck_assert_int_lt(event_index(r, EV_PRINT, 3, 0), event_index(r, EV_SLEEP, 3, 1));
	ck_assert_int_eq(run_find(r, EV_REAP, 5, 0)->t, 10);
	run_free(r);
}
END_TEST

START_TEST(wait_for_a_handle_that_is_not_a_child_fails_with_echild)
{
	struct run *r = run_new(
		"program child\n    exit 0\n"
		"main\n    wait 2\n    print \"a\"\n    fork child as c\n    wait c\n    print \"b\"\n"
		"    wait c\n    print \"c\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* PID 2 (the shell) is not main's child. */
	const struct sim_event *w0 = run_find(r, EV_WAIT_FAILED, 3, 0);
	ck_assert_ptr_nonnull(w0);
	ck_assert_int_eq(w0->err, 10);
	ck_assert_int_eq(w0->wait_pid, 2);
	ck_assert_int_eq(w0->t, 0);
	/* c, once reaped, is no longer a child. */
	ck_assert_int_eq(run_count(r, EV_REAP, 4), 1);
	const struct sim_event *w1 = run_find(r, EV_WAIT_FAILED, 3, 1);
	ck_assert_ptr_nonnull(w1);
	ck_assert_int_eq(w1->err, 10);
	ck_assert_int_eq(w1->wait_pid, 4);
	ck_assert_int_lt(event_index(r, EV_REAP, 4, 0), event_index(r, EV_WAIT_FAILED, 3, 1));
	ck_assert_int_eq(run_count(r, EV_WAIT_FAILED, 3), 2);
	ck_assert_str_eq(run_console(r), "a\nb\nc\n");
	run_free(r);
}
END_TEST

START_TEST(task_counts_show_children_and_zombies_at_a_tick)
{
	struct run *r = run_new(
		"program quick\n    exit 0\n"
		"program sleeper\n    sleep 20t\n"
		"program spinner\n    compute 20t\n"
		"program stopper\n    kill -STOP self\n    sleep 1t\n"
		"main\n    fork quick\n    fork quick\n    fork sleeper\n    fork spinner\n    fork stopper\n"
		"    sleep 10t\n    wait\n    wait\n"
		"at 30 kill -KILL 8\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 5), SIM_RUNNING);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	/* init S, bash S, main S, 2 zombies, sleeper S, spinner R, stopper T */
	ck_assert_int_eq(c.total, 8);
	ck_assert_int_eq(c.running, 1);
	ck_assert_int_eq(c.on_cpu, 1);
	ck_assert_int_eq(c.runnable, 0);
	ck_assert_int_eq(c.sleeping, 4);
	ck_assert_int_eq(c.stopped, 1);
	ck_assert_int_eq(c.zombie, 2);
	struct proc_info ps[16];
	int n = snapshot_procs(r->sim, ps, 16);
	ck_assert_int_eq(n, 8);
	int kids = 0, zkids = 0;
	for (int i = 0; i < n; i++)
		if (ps[i].ppid == 3) {
			kids++;
			zkids += ps[i].state == 'Z';
		}
	ck_assert_int_eq(kids, 5);
	ck_assert_int_eq(zkids, 2);

	/* main reaped two zombies and exited; the rest went to init. */
	ck_assert_int_eq(sim_advance_to(r->sim, 15), SIM_RUNNING);
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.total, 5);
	ck_assert_int_eq(c.zombie, 0);
	ck_assert_int_eq(c.stopped, 1);
	ck_assert_int_eq(c.running, 1);
	ck_assert_int_eq(c.sleeping, 3);
	n = snapshot_procs(r->sim, ps, 16);
	kids = 0;
	for (int i = 0; i < n; i++)
		kids += ps[i].ppid == 1;
	ck_assert_int_eq(kids, 4); /* the shell and the three orphans */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(start_reaps_zombies_of_earlier_started_children)
{
	struct run *r = run_new(
		"program quick\n    exit 2\n"
		"main\n    start quick as a\n    fork quick as f\n    sleep 2t\n    start quick as b\n"
		"    sleep 2t\n    print \"end\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* CPython's _cleanup: the second start reaps a, right before it forks. */
	const struct sim_event *ra = run_find(r, EV_REAP, 4, 0);
	ck_assert_ptr_nonnull(ra);
	ck_assert_int_eq(ra->other, 3);
	ck_assert_int_eq(ra->t, 2);
	ck_assert_int_eq(event_index(r, EV_REAP, 4, 0) + 1, event_index(r, EV_SPAWN, 6, 0));
	/* ... but not f, a raw fork: it stays a zombie until main has exited. */
	const struct sim_event *rf = run_find(r, EV_REAP, 5, 0);
	ck_assert_int_eq(rf->other, 1);
	ck_assert_int_gt(event_index(r, EV_REAP, 5, 0), event_index(r, EV_EXIT, 3, 0));
	run_free(r);
}
END_TEST

START_TEST(code_end_joins_started_children_but_not_forked_ones)
{
	struct run *r = run_new(
		"program worker(n)\n    sleep {n} ticks\n"
		"main\n    start worker(5) as w\n    fork worker(8) as f\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ce = run_find(r, EV_CODE_END, 3, 0);
	ck_assert_int_eq(ce->t, 0);
	ck_assert_int_eq(ce->count, 1);
	/* _exit_function joins w (p.join(): waitpid on it), not the forked f. */
	const struct sim_event *sl = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_int_eq(sl->wchan, WCHAN_CHILD_PID);
	ck_assert_int_eq(sl->wait_pid, 4);
	const struct sim_event *rw = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(rw->other, 3);
	ck_assert_int_eq(rw->t, 5);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 5);
	/* The forked child is an orphan: re-parented to init, which reaps it. */
	const struct sim_event *rp = run_find(r, EV_REPARENT, 5, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 3);
	ck_assert_int_eq(rp->to, 1);
	ck_assert_int_eq(rp->t, 5);
	ck_assert_int_eq(run_find(r, EV_EXIT, 5, 0)->t, 8);
	ck_assert_int_eq(run_find(r, EV_EXIT, 5, 0)->ppid, 1);
	const struct sim_event *rf = run_find(r, EV_REAP, 5, 0);
	ck_assert_int_eq(rf->other, 1);
	ck_assert_int_eq(rf->t, 8);
	run_free(r);
}
END_TEST

/* procsim names a child after its program (name); Linux keeps the parent's
 * comm and argv until an exec (tests/truth/child_names.py): the real
 * command line, what `--names real` shows. */
static const struct proc_info *find_named(const struct proc_info *ps, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ps[i].name, name) == 0)
			return &ps[i];
	return NULL;
}

START_TEST(fork_child_keeps_parent_command_line_and_exec_sets_its_own)
{
	struct run *r = run_new(
		"program gone\n    exit 3\n"
		"program child\n    fork gone\n    sleep 20t\n"
		"main \"python3 app.py\"\n    start child as c\n    fork child as d\n    sleep 10t\n"
		"job backup arrives 0, runs 100\ncpus 4\n");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	struct proc_info ps[16];
	int n = snapshot_procs(r->sim, ps, 16);
	const struct proc_info *p = find_named(ps, n, "python3 app.py");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->cmdline, "python3 app.py"); /* exec'd by the shell */
	ck_assert_str_eq(find_named(ps, n, "init")->cmdline, "init");
	ck_assert_str_eq(find_named(ps, n, "bash")->cmdline, "bash");
	ck_assert_str_eq(find_named(ps, n, "backup")->cmdline, "backup"); /* init forks and execs a job */
	int children = 0, zombies = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(ps[i].name, "child") && strcmp(ps[i].name, "gone"))
			continue;
		/* start, fork and a grandchild's fork: main's command line; a
		 * zombie keeps it too (ps prints its comm: [python3] <defunct>) */
		ck_assert_str_eq(ps[i].cmdline, "python3 app.py");
		ck_assert_int_eq(ps[i].flags, 1); /* forked, not exec'd */
		children += ps[i].name[0] == 'c';
		zombies += ps[i].state == 'Z';
	}
	ck_assert_int_eq(children, 2);
	ck_assert_int_eq(zombies, 2);
	int pid = find_named(ps, n, "child")->pid;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_SPAWN && r->events[i].ev.pid == pid) {
			ck_assert_str_eq(r->events[i].name, "child");
			ck_assert_str_eq(r->events[i].cmdline, "python3 app.py");
		}
	run_free(r);
}
END_TEST

/* ---- subprocess.run (tests/truth/subprocess_run.sh) ---------------------------------- */

/* A busy process holds the only CPU, so the vfork child waits for it. */
#define RUN_SLEEPER(settings, call)                                                              \
	"tick 100us\ncosts none\n" settings "program busy\n    compute 20ms\n"                      \
	"program sleeper(n)\n    sleep 10ms\n    exit n\n"                                        \
	"main \"python3 app.py\"\n    fork busy\n    " call "\n    print \"returncode {rc}\"\n"

START_TEST(subprocess_run_vforks_and_the_parent_is_d_until_the_child_execs)
{
	struct run *r = run_new(RUN_SLEEPER("", "subprocess.run sleeper(3) named \"sleep 1\" as rc"));
	ck_assert_int_eq(run_until(r, 20), SIM_RUNNING); /* busy has the CPU until the timer interrupt at 40 */
	struct proc_info parent, child;
	ck_assert(snapshot_proc(r->sim, 3, &parent));
	ck_assert(snapshot_proc(r->sim, 5, &child));
	ck_assert_int_eq(parent.state, 'D'); /* wait_for_vfork_done, in kernel_clone */
	ck_assert_int_eq(parent.wchan, WCHAN_VFORK);
	ck_assert_str_eq(wchan_kernel_name(parent.wchan), "kernel_clone");
	ck_assert_int_eq(child.state, 'R');
	ck_assert_str_eq(child.name, "python3 app.py"); /* a copy of its parent until the exec */
	ck_assert_str_eq(child.cmdline, "python3 app.py");
	ck_assert_str_eq(run_find(r, EV_SPAWN, 5, 0)->syscall, "vfork");
	ck_assert_int_eq(run_until(r, 90), SIM_RUNNING); /* busy ran again from 40 to 80 */
	ck_assert(snapshot_proc(r->sim, 3, &parent));
	ck_assert(snapshot_proc(r->sim, 5, &child));
	ck_assert_str_eq(child.name, "sleep 1");
	ck_assert_str_eq(child.cmdline, "sleep 1");
	/* restore_signals: python3 ignores SIGPIPE (13) and SIGXFSZ (25), the
	 * command it runs does not (Linux's sigset_t: bit N-1 is signal N) */
	ck_assert(parent.sig_ignored & (1u << 12));
	ck_assert(!(child.sig_ignored & (1u << 12)));
	ck_assert(!(child.sig_ignored & (1u << 24)));
	ck_assert_int_eq(parent.state, 'S'); /* Popen.wait: do_wait */
	ck_assert_int_eq(parent.wchan, WCHAN_CHILD_PID);
	/* woken by the exec, not by the exit */
	ck_assert_int_eq(run_find(r, EV_WAKE, 3, 0)->t, run_when(r, EV_EXEC, 5));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "returncode 3\n");
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_check_raises_called_process_error_as_cpython_words_it)
{
	struct run *r = run_new(RUN_SLEEPER("", "rc = 0\n    subprocess.run sleeper(3) named \"sh -c 'exit 3'\" check"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "subprocess.CalledProcessError: Command '['sh', '-c', 'exit 3']' returned non-zero exit status 3.\n");
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->code, 1);
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_of_a_killed_command_gives_minus_the_signal)
{
	/* the child has exec'd at 4 ms and sleeps until 5 */
	struct run *r = run_new(RUN_SLEEPER("at 4.5ms kill -TERM 5\n", "subprocess.run sleeper(0) named \"sleep 1\" as rc"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "returncode -15\n");
	run_free(r);
	r = run_new(RUN_SLEEPER("at 4.5ms kill -TERM 5\n", "rc = 0\n    subprocess.run sleeper(0) named \"sleep 1\" check"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "subprocess.CalledProcessError: Command '['sleep', '1']' died with <Signals.SIGTERM: 15>.\n");
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_of_no_such_command_raises_file_not_found_after_the_child_exits_255)
{
	struct run *r = run_new(RUN_SLEEPER("", "rc = 0\n    try\n        subprocess.run \"nosuchcmd x\" check\n"
					    "    except OSError\n        print \"caught\"\n"
					    "    subprocess.run \"nosuchcmd x\""));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "caught\nFileNotFoundError: [Errno 2] No such file or directory: 'nosuchcmd'\n");
	const struct sim_event *x = run_find(r, EV_EXIT, 5, 0);
	ck_assert_int_eq(x->code, 255);      /* the child's _exit(255), a python3 still */
	ck_assert_int_eq(run_count(r, EV_EXEC, 5), 0);
	ck_assert_int_lt(event_index(r, EV_REAP, 5, 0), event_index(r, EV_RAISE, 3, 0)); /* reaped, then raised */
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_of_a_command_line_runs_the_program_it_names)
{
	struct run *r = run_new("costs none\nprogram hello\n    print \"hello {pid} {ppid}\"\n    exit 2\n"
				"main \"python3 app.py\"\n    subprocess.run \"hello world\" as rc\n    print \"{rc}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "hello 4 3\n2\n");
	int exec = event_index(r, EV_EXEC, 4, 0);
	ck_assert_int_ge(exec, 0);
	ck_assert_str_eq(r->events[exec].name, "hello world");
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_with_sigchld_ignored_returns_0)
{
	/* Popen._wait: waitpid's ECHILD (the kernel reaped the child) gives 0 */
	struct run *r = run_new(RUN_SLEEPER("", "ignore CHLD\n    subprocess.run sleeper(3) check as rc"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "returncode 0\n");
	run_free(r);
}
END_TEST

START_TEST(subprocess_run_costs_a_fork_in_the_parent_and_an_execve_in_the_child)
{
	struct run *r = run_new("tick 100us\ncosts none\ncost fork 500us\ncost exec 1ms\n"
				"program hello\n    print \"hello {tick}\"\n"
				"main\n    subprocess.run hello\n    print \"back {tick}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* as fork + exec + wait: the child's execve at 0 costs 10 ticks
	 * before its first line; the parent's vfork 5, paid once the child
	 * has left the CPU, before its wait4 */
	ck_assert_int_eq(run_when(r, EV_EXEC, 4), 0);
	ck_assert_str_eq(run_console(r), "hello 10\nback 15\n");
	ck_assert_int_eq(run_when(r, EV_REAP, 4), 15);
	run_free(r);
}
END_TEST

START_TEST(sigkill_ends_a_parent_waiting_in_vfork)
{
	/* TASK_KILLABLE: only SIGKILL wakes it; TERM waits for the exec */
	struct run *r = run_new(RUN_SLEEPER("at 1ms kill -TERM 3\nat 2ms kill -KILL 3\n",
					    "subprocess.run sleeper(3) as rc"));
	ck_assert_int_eq(run_until(r, 15), SIM_RUNNING);
	struct proc_info parent;
	ck_assert(snapshot_proc(r->sim, 3, &parent));
	ck_assert_int_eq(parent.state, 'D');
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_WAKE, 3, 0)->t, 20); /* by the KILL, before the exec at 40 */
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 9);
	ck_assert_int_eq(run_when(r, EV_EXEC, 5), 40);
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
	tcase_add_test(tc, fork_child_keeps_parent_command_line_and_exec_sets_its_own);
	suite_add_tcase(s, tc);
	TCase *reparent = tcase_create("reparent");
	tcase_add_test(reparent, orphan_is_adopted_by_subreaper_instead_of_init);
	tcase_add_test(reparent, container_pid1_keeps_zombies_until_it_exits_then_the_rest_is_killed);
	tcase_add_test(reparent, tini_reaps_at_once_and_forwards_signals_to_main);
	tcase_add_test(reparent, code_end_joins_started_children_but_not_forked_ones);
	suite_add_tcase(s, reparent);
	TCase *waiting = tcase_create("wait");
	tcase_add_test(waiting, wait_reaps_first_zombie_in_child_creation_order);
	tcase_add_test(waiting, waitpid_reaps_its_child_and_leaves_the_other_zombie);
	tcase_add_test(waiting, waitpid_is_not_woken_by_another_child_exit);
	tcase_add_test(waiting, join_with_timeout_returns_at_deadline_while_child_runs_on);
	tcase_add_test(waiting, join_of_reaped_child_returns_at_once);
	tcase_add_test(waiting, reap_collects_every_zombie_without_blocking);
	tcase_add_test(waiting, wait_for_a_handle_that_is_not_a_child_fails_with_echild);
	tcase_add_test(waiting, start_reaps_zombies_of_earlier_started_children);
	suite_add_tcase(s, waiting);
	TCase *counts = tcase_create("counts");
	tcase_add_test(counts, task_counts_show_children_and_zombies_at_a_tick);
	suite_add_tcase(s, counts);
	TCase *sp = tcase_create("subprocess");
	tcase_add_test(sp, subprocess_run_vforks_and_the_parent_is_d_until_the_child_execs);
	tcase_add_test(sp, subprocess_run_check_raises_called_process_error_as_cpython_words_it);
	tcase_add_test(sp, subprocess_run_of_a_killed_command_gives_minus_the_signal);
	tcase_add_test(sp, subprocess_run_of_no_such_command_raises_file_not_found_after_the_child_exits_255);
	tcase_add_test(sp, subprocess_run_of_a_command_line_runs_the_program_it_names);
	tcase_add_test(sp, subprocess_run_with_sigchld_ignored_returns_0);
	tcase_add_test(sp, subprocess_run_costs_a_fork_in_the_parent_and_an_execve_in_the_child);
	tcase_add_test(sp, sigkill_ends_a_parent_waiting_in_vfork);
	suite_add_tcase(s, sp);
	TCase *pids = tcase_create("pids");
	tcase_add_test(pids, pids_exhaust_and_fork_fails_with_eagain);
	tcase_add_test(pids, pid_allocation_skips_pids_in_use_and_wraps);
	suite_add_tcase(s, pids);
	return s;
}

TEST_MAIN(proc_suite)
