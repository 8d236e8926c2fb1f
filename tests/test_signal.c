/* test_signal.c: default actions, the target's state at send time, signal
 * dispositions (ignore, handlers), init's protection, and job control. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "sig.h"
#include "snapshot.h"
#include "testlib.h"

/* The position of the nth event of a kind about pid (0: any), or -1. */
static int event_index(const struct run *r, enum sim_event_kind kind, int pid, int nth)
{
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == kind && (pid == 0 || r->events[i].ev.pid == pid) && nth-- == 0)
			return i;
	return -1;
}

/* The nth signal event of `sig` sent to pid, or NULL. */
static const struct sim_event *signal_event(const struct run *r, int pid, int sig, int nth)
{
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind == EV_SIGNAL && e->pid == pid && e->sig == sig && nth-- == 0)
			return e;
	}
	return NULL;
}

/* The first event of a kind about pid at tick t, or NULL. */
static const struct sim_event *find_at(const struct run *r, enum sim_event_kind kind, int pid, long long t)
{
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind == kind && e->pid == pid && e->t == t)
			return e;
	}
	return NULL;
}

/* The first line printed by pid that contains `needle`, or NULL. */
static const struct recorded *printed(const struct run *r, int pid, const char *needle)
{
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_PRINT && r->events[i].ev.pid == pid &&
		    strstr(r->events[i].text, needle))
			return &r->events[i];
	return NULL;
}

static char state_at(struct run *r, long long t, int pid)
{
	struct proc_info pi;
	ck_assert_int_eq(sim_advance_to(r->sim, t), SIM_RUNNING);
	return snapshot_proc(r->sim, pid, &pi) ? pi.state : '-';
}

/* ---- default actions ----------------------------------------------------------- */

START_TEST(fatal_signals_terminate_by_default)
{
	static const struct { const char *name; int num; } sigs[] = {{"TERM", 15}, {"INT", 2}, {"KILL", 9}, {"HUP", 1}};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		char src[256];
		snprintf(src, sizeof src,
			 "program w\n    compute 20t\n    print \"not reached\"\n"
			 "main\n    fork w\n    wait\nat 5 kill -%s 4\n", sigs[i].name);
		struct run *r = run_new(src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		const struct sim_event *sg = signal_event(r, 4, sigs[i].num, 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->t, 5);
		ck_assert_int_eq(sg->other, -1);
		ck_assert_int_eq(sg->outcome, SIGOUT_PENDING);
		const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
		ck_assert_ptr_nonnull(ex);
		ck_assert_int_eq(ex->t, 5);
		ck_assert_int_eq(ex->sig, sigs[i].num);
		ck_assert_int_eq(ex->code, 0);
		ck_assert(ex->zombie);
		const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
		ck_assert_int_eq(reap->other, 3);
		ck_assert_int_eq(reap->sig, sigs[i].num);
		ck_assert_str_eq(run_console(r), "");
		run_free(r);
	}
}
END_TEST

START_TEST(stop_signals_stop_by_default)
{
	static const struct { const char *name; int num; } sigs[] = {{"STOP", 19}, {"TSTP", 20}};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		char src[256];
		snprintf(src, sizeof src,
			 "program w\n    compute 20t\n"
			 "main\n    fork w\n    wait\nat 5 kill -%s 4\nat 9 kill -KILL 4\n", sigs[i].name);
		struct run *r = run_new(src);
		ck_assert_int_eq(sim_advance_to(r->sim, 8), SIM_RUNNING);
		struct proc_info pi;
		ck_assert(snapshot_proc(r->sim, 4, &pi));
		ck_assert_int_eq(pi.state, 'T');
		ck_assert_int_eq(pi.cpu_ticks, 5); /* on the CPU from 0 to 5 only */
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		const struct sim_event *st = run_find(r, EV_STOP, 4, 0);
		ck_assert_ptr_nonnull(st);
		ck_assert_int_eq(st->t, 5);
		ck_assert_int_eq(st->sig, sigs[i].num);
		const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
		ck_assert_int_eq(ex->t, 9);
		ck_assert_int_eq(ex->sig, 9);
		ck_assert_int_eq(run_count(r, EV_EXIT, 4), 1);
		run_free(r);
	}
}
END_TEST

/* ---- the target's state when the signal is sent ------------------------------- */

START_TEST(signal_to_zombie_changes_nothing)
{
	struct run *r = run_new(
		"program w\n    exit 4\n"
		"main\n    fork w\n    sleep 10t\n    wait\n"
		"at 5 kill -KILL 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sg = signal_event(r, 4, 9, 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_int_eq(sg->t, 5);
	ck_assert_int_eq(sg->outcome, SIGOUT_ZOMBIE);
	ck_assert_int_eq(run_count(r, EV_EXIT, 4), 1);
	/* The status the parent collects is still the original exit code. */
	const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(reap->t, 10);
	ck_assert_int_eq(reap->code, 4);
	ck_assert_int_eq(reap->sig, 0);
	/* Nobody was woken by it. */
	ck_assert_int_eq(run_find(r, EV_WAKE, 3, 0)->t, 10);
	run_free(r);
}
END_TEST

START_TEST(term_to_stopped_process_stays_pending_until_cont)
{
	struct run *r = run_new(
		"program w\n    compute 10t\n"
		"main\n    fork w\n    wait\n"
		"at 2 kill -STOP 4\nat 4 kill -TERM 4\nat 6 kill -CONT 4\n");
	ck_assert_int_eq(state_at(r, 5, 4), 'T');
	ck_assert_int_eq(run_count(r, EV_EXIT, 4), 0);
	const struct sim_event *term = signal_event(r, 4, 15, 0);
	ck_assert_ptr_nonnull(term);
	ck_assert_int_eq(term->t, 4);
	ck_assert_int_eq(term->outcome, SIGOUT_STOPPED);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *cont = signal_event(r, 4, 18, 0);
	ck_assert_int_eq(cont->outcome, SIGOUT_CONTINUED);
	ck_assert_int_eq(run_when(r, EV_CONT, 4), 6);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 6);
	ck_assert_int_eq(ex->sig, 15);
	ck_assert_int_lt(event_index(r, EV_CONT, 4, 0), event_index(r, EV_EXIT, 4, 0));
	run_free(r);
}
END_TEST

START_TEST(kill_kills_a_stopped_process)
{
	struct run *r = run_new(
		"program w\n    compute 10t\n"
		"main\n    fork w\n    wait\n"
		"at 2 kill -STOP 4\nat 4 kill -KILL 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_when(r, EV_STOP, 4), 2);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 4);
	ck_assert_int_eq(ex->sig, 9);
	/* No SIGCONT was needed, and none is reported. */
	ck_assert_int_eq(run_count(r, EV_CONT, 4), 0);
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->t, 4);
	run_free(r);
}
END_TEST

START_TEST(signal_to_process_in_io_waits_until_io_ends)
{
	static const struct { const char *name; int num; } sigs[] = {{"TERM", 15}, {"KILL", 9}};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		char src[256];
		snprintf(src, sizeof src,
			 "program w\n    io 10t\n    print \"io done\"\n    compute 5t\n"
			 "main\n    fork w\n    wait\nat 3 kill -%s 4\n", sigs[i].name);
		struct run *r = run_new(src);
		ck_assert_int_eq(state_at(r, 5, 4), 'D');
		const struct sim_event *sg = signal_event(r, 4, sigs[i].num, 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->t, 3);
		ck_assert_int_eq(sg->outcome, SIGOUT_BLOCKED_D);
		ck_assert_int_eq(run_count(r, EV_WAKE, 4), 0);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		const struct sim_event *wk = run_find(r, EV_WAKE, 4, 0);
		ck_assert_int_eq(wk->t, 10);
		ck_assert_int_eq(wk->reason, WAKE_IO_DONE);
		const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
		ck_assert_int_eq(ex->t, 10);
		ck_assert_int_eq(ex->sig, sigs[i].num);
		ck_assert_str_eq(run_console(r), "");
		run_free(r);
	}
}
END_TEST

START_TEST(signal_wakes_sleeping_process_which_acts_at_once)
{
	struct run *r = run_new(
		"program w\n    sleep 20t\n    print \"never\"\n"
		"main\n    fork w\n    wait\n"
		"at 5 kill -TERM 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sl = run_find(r, EV_SLEEP, 4, 0);
	ck_assert_int_eq(sl->until, 20);
	const struct sim_event *wk = run_find(r, EV_WAKE, 4, 0);
	ck_assert_int_eq(wk->t, 5);
	ck_assert_int_eq(wk->reason, WAKE_SIGNAL);
	ck_assert_int_eq(signal_event(r, 4, 15, 0)->outcome, SIGOUT_PENDING);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 5);
	ck_assert_int_eq(ex->sig, 15);
	ck_assert_str_eq(run_console(r), "");
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->t, 5);
	run_free(r);
}
END_TEST

/* ---- dispositions ------------------------------------------------------------------ */

START_TEST(ignored_chld_means_children_never_become_zombies)
{
	struct run *r = run_new(
		"program w\n    compute 2t\n"
		"main\n    ignore CHLD\n    fork w\n    fork w\n    sleep 10t\n    wait\n    print \"after wait {tick}\"\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 5), SIM_RUNNING);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.zombie, 0);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	for (int pid = 4; pid <= 5; pid++) {
		const struct sim_event *ex = run_find(r, EV_EXIT, pid, 0);
		ck_assert_ptr_nonnull(ex);
		ck_assert(!ex->zombie);
		ck_assert_int_eq(ex->ppid, 3);
		const struct sim_event *reap = run_find(r, EV_REAP, pid, 0);
		ck_assert_ptr_nonnull(reap);
		ck_assert_int_eq(reap->other, 0); /* by the kernel */
		ck_assert_int_eq(reap->t, ex->t);
		ck_assert_int_eq(event_index(r, EV_EXIT, pid, 0) + 1, event_index(r, EV_REAP, pid, 0));
	}
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 2);
	ck_assert_int_eq(run_when(r, EV_EXIT, 5), 4);
	/* No child left to wait for: ECHILD. */
	const struct sim_event *wf = run_find(r, EV_WAIT_FAILED, 3, 0);
	ck_assert_ptr_nonnull(wf);
	ck_assert_int_eq(wf->t, 10);
	ck_assert_str_eq(run_console(r), "after wait 10\n");
	run_free(r);
}
END_TEST

START_TEST(chld_handler_reaps_and_the_sleep_keeps_its_deadline)
{
	struct run *r = run_new(
		"program w\n    sleep 3t\n    exit 5\n"
		"main\n    on CHLD\n        print \"handler at {tick}\"\n        reap\n"
		"    fork w\n    sleep 10t\n    print \"slept until {tick}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *s0 = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_int_eq(s0->t, 0);
	ck_assert_int_eq(s0->wchan, WCHAN_TIMER);
	ck_assert_int_eq(s0->until, 10);
	const struct sim_event *w0 = run_find(r, EV_WAKE, 3, 0);
	ck_assert_int_eq(w0->t, 3);
	ck_assert_int_eq(w0->reason, WAKE_SIGNAL);
	const struct sim_event *h = run_find(r, EV_HANDLER, 3, 0);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->t, 3);
	ck_assert_int_eq(h->sig, 17);
	const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(reap->t, 3);
	ck_assert_int_eq(reap->other, 3);
	ck_assert_int_eq(reap->code, 5);
	/* Back to sleep until the original deadline, not 3 + 10. */
	const struct sim_event *s1 = run_find(r, EV_SLEEP, 3, 1);
	ck_assert_ptr_nonnull(s1);
	ck_assert_int_eq(s1->t, 3);
	ck_assert_int_eq(s1->wchan, WCHAN_TIMER);
	ck_assert_int_eq(s1->until, 10);
	ck_assert_int_lt(event_index(r, EV_REAP, 4, 0), event_index(r, EV_SLEEP, 3, 1));
	const struct sim_event *w1 = run_find(r, EV_WAKE, 3, 1);
	ck_assert_int_eq(w1->t, 10);
	ck_assert_int_eq(w1->reason, WAKE_TIMER);
	ck_assert_int_eq(run_count(r, EV_SLEEP, 3), 2);
	const struct sim_event *pr = run_find(r, EV_PRINT, 3, 1);
	ck_assert_int_eq(pr->t, 10);
	ck_assert_str_eq(run_console(r), "handler at 3\nslept until 10\n");
	run_free(r);
}
END_TEST

START_TEST(ignored_term_is_dropped)
{
	struct run *r = run_new(
		"program w\n    ignore TERM\n    sleep 10t\n    print \"survived {tick}\"\n"
		"main\n    fork w\n    wait\n"
		"at 5 kill -TERM 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sg = signal_event(r, 4, 15, 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_int_eq(sg->outcome, SIGOUT_IGNORED);
	/* Not even woken: the sleep runs to its end. */
	ck_assert_int_eq(run_count(r, EV_WAKE, 4), 1);
	ck_assert_int_eq(run_find(r, EV_WAKE, 4, 0)->reason, WAKE_TIMER);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 10);
	ck_assert_int_eq(ex->sig, 0);
	ck_assert_str_eq(run_console(r), "survived 10\n");
	run_free(r);
}
END_TEST

START_TEST(term_handler_runs_instead_of_dying)
{
	struct run *r = run_new(
		"program h\n    on TERM\n        print \"caught at {tick}\"\n    sleep 10t\n    print \"done {tick}\"\n"
		"main\n    fork h\n    wait\n"
		"at 5 kill -TERM 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(signal_event(r, 4, 15, 0)->outcome, SIGOUT_PENDING);
	const struct sim_event *h = run_find(r, EV_HANDLER, 4, 0);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->t, 5);
	ck_assert_int_eq(h->sig, 15);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 10);
	ck_assert_int_eq(ex->sig, 0);
	ck_assert_int_eq(ex->code, 0);
	ck_assert_str_eq(run_console(r), "caught at 5\ndone 10\n");
	run_free(r);
}
END_TEST

START_TEST(kill_and_stop_cannot_be_caught_or_ignored)
{
	static const char *const srcs[] = {
		"main\n    ignore KILL\n",
		"main\n    on KILL\n        print \"x\"\n",
		"main\n    ignore STOP\n",
		"main\n    on SIGSTOP\n        print \"x\"\n",
	};
	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		const struct diags *d = parse_errors(srcs[i]);
		ck_assert_int_ge(d->count, 1);
		ck_assert_int_eq(d->items[0].line, 2);
		ck_assert_msg(strstr(d->items[0].msg, "cannot be caught or ignored"), "message: %s", d->items[0].msg);
	}
	/* `default KILL` is harmless and accepted. */
	struct run *r = run_new("main\n    default KILL\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(init_is_protected_from_signals)
{
	struct run *r = run_new(
		"program orphan\n    sleep 8t\n"
		"main\n    fork orphan\n"
		"at 5 kill -KILL 1\nat 5 kill -TERM 1\nat 6 kill -STOP 1\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	int sigs[] = {9, 15, 19};
	for (int i = 0; i < 3; i++) {
		const struct sim_event *sg = signal_event(r, 1, sigs[i], 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->outcome, SIGOUT_INIT_PROTECTED);
	}
	ck_assert_int_eq(run_count(r, EV_EXIT, 1), 0);
	ck_assert_int_eq(run_count(r, EV_STOP, 1), 0);
	/* init still does its job afterwards. */
	const struct sim_event *reap = run_find(r, EV_REAP, 4, 0);
	ck_assert_int_eq(reap->other, 1);
	ck_assert_int_eq(reap->t, 8);
	run_free(r);
}
END_TEST

START_TEST(timeline_kill_by_name_hits_every_process_with_that_name)
{
	struct run *r = run_new(
		"program worker\n    sleep 20t\n"
		"program other\n    sleep 20t\n"
		"main\n    fork worker\n    fork other\n    fork worker\n    wait\n    wait\n    wait\n"
		"at 5 kill -TERM worker\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	for (int pid = 4; pid <= 6; pid += 2) {
		const struct sim_event *sg = signal_event(r, pid, 15, 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->t, 5);
		ck_assert_int_eq(sg->other, -1);
		const struct sim_event *ex = run_find(r, EV_EXIT, pid, 0);
		ck_assert_int_eq(ex->t, 5);
		ck_assert_int_eq(ex->sig, 15);
	}
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 5), 0);
	const struct sim_event *ex = run_find(r, EV_EXIT, 5, 0);
	ck_assert_int_eq(ex->t, 20);
	ck_assert_int_eq(ex->sig, 0);
	run_free(r);
}
END_TEST

START_TEST(pause_returns_only_after_a_handler_ran)
{
	struct run *r = run_new(
		"program quick\n    sleep 1t\n"
		"main\n    ignore HUP\n    on INT\n        print \"handler {tick}\"\n"
		"    fork quick\n    pause\n    print \"after pause {tick}\"\n    wait\n"
		"at 2 kill -HUP 3\nat 3 kill -STOP 3\nat 4 kill -CONT 3\nat 6 kill -INT 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* The child's SIGCHLD (ignored by default), an ignored HUP, and a stop and
	 * continue (no handler) leave main in pause. */
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 1);
	ck_assert_int_eq(signal_event(r, 3, 1, 0)->outcome, SIGOUT_IGNORED);
	ck_assert_int_eq(run_when(r, EV_STOP, 3), 3);
	ck_assert_int_eq(run_when(r, EV_CONT, 3), 4);
	const struct sim_event *s1 = run_find(r, EV_SLEEP, 3, 1);
	ck_assert_ptr_nonnull(s1);
	ck_assert_int_eq(s1->t, 4);
	ck_assert_int_eq(s1->wchan, WCHAN_PAUSE);
	/* The INT handler ran, then pause returned. */
	ck_assert_int_eq(run_when(r, EV_HANDLER, 3), 6);
	const struct sim_event *p0 = run_find(r, EV_PRINT, 3, 0);
	const struct sim_event *p1 = run_find(r, EV_PRINT, 3, 1);
	ck_assert_ptr_nonnull(p1);
	ck_assert_int_eq(p0->t, 6);
	ck_assert_int_eq(p1->t, 6);
	ck_assert_ptr_nonnull(printed(r, 3, "handler 6"));
	ck_assert_ptr_nonnull(printed(r, 3, "after pause 6"));
	ck_assert_int_lt(event_index(r, EV_HANDLER, 3, 0), event_index(r, EV_PRINT, 3, 1));
	ck_assert_int_eq(run_count(r, EV_PRINT, 3), 2);
	run_free(r);
}
END_TEST

/* ---- job control ----------------------------------------------------------------------- */

#define JOB_SRC                                                      \
	"program w\n    compute 6t\n"                                 \
	"main \"python3 main.py\"\n    start w\n    start w\n    compute 6t\n"

/* The shell killed by SIGKILL cannot do anything, but the kernel, as the
 * session leader leaves its pseudo-terminal (disassociate_ctty), sends
 * SIGHUP to the foreground process group: main and its children. */
START_TEST(killing_the_shell_hangs_up_the_foreground_job)
{
	struct run *r = run_new("program w\n    sleep 10t\n"
				"main \"python3 main.py\"\n    start w\n    kill -KILL 2\n    sleep 10t\n    print \"still here\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 2, 0)->sig, 9);
	for (int pid = 3; pid <= 4; pid++) {
		const struct sim_event *hup = signal_event(r, pid, 1, 0);
		ck_assert_ptr_nonnull(hup);
		ck_assert_int_eq(hup->other, 0); /* the kernel */
		ck_assert_int_eq(hup->t, 0);
		ck_assert_int_eq(run_find(r, EV_EXIT, pid, 0)->sig, 1);
	}
	/* the hangup comes before the orphans are re-parented, as in do_exit */
	int hup = event_index(r, EV_SIGNAL, 3, 0);
	ck_assert_int_ge(hup, 0);
	ck_assert_int_eq(r->events[hup].ev.sig, 1);
	ck_assert_int_lt(hup, event_index(r, EV_REPARENT, 3, 0));
	ck_assert_str_eq(run_console(r), "");
	run_free(r);
}
END_TEST

/* Killed by SIGHUP, bash hangs up every job first (hangup_all_jobs): SIGHUP
 * from the shell itself, and SIGCONT to a stopped job so that it can die. */
START_TEST(a_hangup_to_the_shell_reaches_every_job)
{
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 4 kill -HUP 2\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 2, 0)->sig, 1);
	for (int pid = 3; pid <= 5; pid++) {
		const struct sim_event *hup = signal_event(r, pid, 1, 0);
		ck_assert_ptr_nonnull(hup);
		ck_assert_int_eq(hup->other, 2);
		ck_assert_int_eq(hup->t, 4);
		const struct sim_event *cont = signal_event(r, pid, 18, 0);
		ck_assert_ptr_nonnull(cont);
		ck_assert_int_eq(cont->other, 2);
		ck_assert_int_eq(run_find(r, EV_EXIT, pid, 0)->sig, 1);
	}
	run_free(r);
}
END_TEST

/* In a Python interpreter SIGINT goes to default_int_handler: the blocking
 * call is interrupted and KeyboardInterrupt raised in its place. main's
 * exit handling joins the child (which _bootstrap ends with code 1), then
 * main kills itself with SIGINT (Python 3.8+): nobody is orphaned. */
START_TEST(ctrl_c_raises_keyboard_interrupt_in_python)
{
	struct run *r = run_new("program w\n    sleep 10t\n"
				"main \"python3 m.py\"\n    start w\n    sleep 10t\n"
				"at 2 ctrl-c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	for (int pid = 3; pid <= 4; pid++) {
		const struct sim_event *ex = run_find(r, EV_RAISE, pid, 0);
		ck_assert_ptr_nonnull(ex);
		ck_assert_int_eq(ex->t, 2);
		ck_assert(!ex->caught);
	}
	const struct sim_event *child = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(child->sig, 0);
	ck_assert_int_eq(child->code, 1);
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->other, 3); /* joined by main */
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0);
	const struct sim_event *main_exit = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(main_exit->sig, 2);
	ck_assert_int_lt(event_index(r, EV_EXIT, 4, 0), event_index(r, EV_EXIT, 3, 0));
	run_free(r);
}
END_TEST

START_TEST(keyboard_interrupt_can_be_caught)
{
	struct run *r = run_new("main \"python3 m.py\"\n    try\n        sleep 10t\n"
				"    except KeyboardInterrupt\n        print \"bye at {tick}\"\n"
				"at 3 ctrl-c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert(run_find(r, EV_RAISE, 3, 0)->caught);
	ck_assert_str_eq(run_console(r), "bye at 3\n");
	const struct sim_event *ex = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(ex->sig, 0);
	ck_assert_int_eq(ex->code, 0);
	run_free(r);
}
END_TEST

/* A program that is not Python, `ignore INT` and `default INT` (SIG_DFL):
 * the kernel's own dispositions. */
START_TEST(sigint_without_python_s_handler_follows_the_kernel)
{
	static const struct { const char *src; int sig; } cases[] = {
		{"main \"./a.out\"\n    sleep 10t\nat 2 ctrl-c\n", 2},
		{"main \"python3 m.py\"\n    default INT\n    sleep 10t\nat 2 ctrl-c\n", 2},
		{"main \"python3 m.py\"\n    ignore INT\n    sleep 10t\nat 2 ctrl-c\n", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct run *r = run_new(cases[i].src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		ck_assert_int_eq(run_count(r, EV_RAISE, 0), 0);
		const struct sim_event *ex = run_find(r, EV_EXIT, 3, 0);
		ck_assert_int_eq(ex->sig, cases[i].sig);
		ck_assert_int_eq(ex->t, cases[i].sig ? 2 : 10);
		run_free(r);
	}
}
END_TEST

/* A pool worker would die of it with code 1 (pool.worker catches only
 * Exception), but here main runs first: interrupted in map(), it sends its
 * daemonic workers SIGTERM on its way out, and that kills each as soon as
 * Python's C handler for SIGINT has returned, before any bytecode runs. */
START_TEST(ctrl_c_in_map_terminates_the_pool_workers)
{
	struct run *r = run_new("program t(i)\n    sleep 10t\n"
				"main \"python3 m.py\"\n    pool po size 2\n    map po t 4\n"
				"at 3 ctrl-c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	for (int pid = 4; pid <= 5; pid++) {
		const struct sim_event *ex = run_find(r, EV_EXIT, pid, 0);
		ck_assert_ptr_nonnull(ex);
		ck_assert_int_eq(ex->t, 3);
		/* main's exit handler terminates the pool (_terminate_pool), which
		 * first joins its worker handler thread: meanwhile each worker,
		 * which had the terminal's SIGINT too, dies of its own
		 * KeyboardInterrupt (pool.worker catches only Exception), as the
		 * tracebacks of every worker after a Ctrl+C show on Linux */
		ck_assert_int_eq(ex->sig, 0);
		ck_assert_int_eq(ex->code, 1);
		ck_assert_int_eq(run_count(r, EV_RAISE, pid), 1);
	}
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 2);
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0);
	run_free(r);
	/* SIGINT alone to an idle worker: KeyboardInterrupt, exit code 1 */
	r = run_new("program t(i)\n    sleep 1t\n"
		    "main \"python3 m.py\"\n    pool po size 2\n    sleep 2t\n    kill -INT 4\n    sleep 2t\n"
		    "    close po\n    join po\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 2);
	ck_assert_int_eq(ex->sig, 0);
	ck_assert_int_eq(ex->code, 1);
	ck_assert_ptr_nonnull(run_find(r, EV_RAISE, 4, 0));
	ck_assert_int_eq(run_find(r, EV_EXIT, 5, 0)->code, 0);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->code, 0);
	run_free(r);
}
END_TEST

/* An exception a handler does not catch goes on from the code the handler
 * interrupted (Python raises it there): the interrupted sleep's `except`
 * catches it; in a pool task, the pool sends it to the caller of apply(). */
START_TEST(an_exception_in_a_handler_is_raised_where_the_code_was)
{
	struct run *r = run_new("main\n    on TERM\n        let x = 1 / 0\n"
				"    try\n        sleep 10t\n    except ZeroDivisionError\n        print \"caught at {tick}\"\n"
				"at 2 kill -TERM main\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "caught at 2\n");
	ck_assert(run_find(r, EV_RAISE, 3, 0)->caught);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->code, 0);
	run_free(r);
	r = run_new("program u(i)\n    on INT\n        let x = 1 / 0\n    kill -INT self\n    print \"after\"\n"
		    "main\n    pool po size 1\n    try\n        apply po u(2)\n    except ZeroDivisionError\n"
		    "        print \"main caught it\"\n    close po\n    join po\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "main caught it\n");
	ck_assert(run_find(r, EV_RAISE, 4, 0)->in_pool);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->code, 0); /* the worker lives on */
	run_free(r);
}
END_TEST

START_TEST(ctrl_z_stops_main_and_its_children)
{
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 10 fg\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 4), SIM_RUNNING);
	for (int pid = 3; pid <= 5; pid++) {
		const struct sim_event *sg = signal_event(r, pid, 20, 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->t, 2);
		ck_assert_int_eq(sg->other, -3); /* the terminal driver (isig), not the timeline */
		const struct sim_event *st = run_find(r, EV_STOP, pid, 0);
		ck_assert_ptr_nonnull(st);
		ck_assert_int_eq(st->t, 2);
		ck_assert_int_eq(st->sig, 20);
		struct proc_info pi;
		ck_assert(snapshot_proc(r->sim, pid, &pi));
		ck_assert_int_eq(pi.state, 'T');
	}
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.stopped, 3);
	ck_assert_int_eq(c.running, 0);
	const struct recorded *line = printed(r, 2, "Stopped");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line->text, "python3 main.py"));
	ck_assert_int_eq(line->ev.t, 2);
	/* The shell is back at its prompt. */
	struct proc_info sh;
	ck_assert(snapshot_proc(r->sim, 2, &sh));
	ck_assert_int_eq(sh.state, 'S');
	ck_assert_int_eq(sh.wchan, WCHAN_TTY);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(bg_continues_the_stopped_job)
{
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 6 bg\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct recorded *line = printed(r, 2, "&");
	ck_assert_ptr_nonnull(line);
	ck_assert_str_eq(line->text, "[1]+ python3 main.py &");
	ck_assert_int_eq(line->ev.t, 6);
	for (int pid = 3; pid <= 5; pid++) {
		const struct sim_event *sg = signal_event(r, pid, 18, 0);
		ck_assert_ptr_nonnull(sg);
		ck_assert_int_eq(sg->other, 2);
		ck_assert_int_eq(sg->outcome, SIGOUT_CONTINUED);
		ck_assert_int_eq(run_when(r, EV_CONT, pid), 6);
		ck_assert_int_eq(run_find(r, EV_EXIT, pid, 0)->sig, 0);
	}
	/* In the background the shell does not wait for the job: it reads the
	 * terminal, and reports the job when it is done. */
	const struct sim_event *sl = find_at(r, EV_SLEEP, 2, 6);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->wchan, WCHAN_TTY);
	const struct recorded *done = printed(r, 2, "Done");
	ck_assert_ptr_nonnull(done);
	ck_assert_str_eq(done->text, "[1]+  Done                    python3 main.py");
	ck_assert_int_eq(done->ev.t, run_when(r, EV_EXIT, 3));
	run_free(r);
}
END_TEST

START_TEST(fg_continues_the_job_in_the_foreground)
{
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 6 fg\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* The stop report, then fg's echo of the command. */
	ck_assert_ptr_nonnull(printed(r, 2, "Stopped"));
	int echo = event_index(r, EV_PRINT, 2, 1);
	ck_assert_int_ge(echo, 0);
	ck_assert_int_eq(r->events[echo].ev.t, 6);
	ck_assert_str_eq(r->events[echo].text, "python3 main.py");
	for (int pid = 3; pid <= 5; pid++) {
		ck_assert_int_eq(signal_event(r, pid, 18, 0)->outcome, SIGOUT_CONTINUED);
		ck_assert_int_eq(run_when(r, EV_CONT, pid), 6);
	}
	/* The shell waits for the job again, and says nothing when it ends. */
	const struct sim_event *sl = find_at(r, EV_SLEEP, 2, 6);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->wchan, WCHAN_CHILD_PID);
	ck_assert_int_eq(sl->wait_pid, 3);
	ck_assert_int_eq(run_count(r, EV_PRINT, 2), 2);
	run_free(r);
}
END_TEST

START_TEST(jobs_prints_the_job_state)
{
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 4 jobs\nat 10 fg\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 5), SIM_RUNNING);
	ck_assert_int_eq(run_count(r, EV_PRINT, 2), 2);
	const struct sim_event *p = run_find(r, EV_PRINT, 2, 1);
	ck_assert_int_eq(p->t, 4);
	ck_assert_str_eq(r->events[event_index(r, EV_PRINT, 2, 1)].text,
			 "[1]+  Stopped                 python3 main.py");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(jobs_shows_a_running_background_job_with_ampersand)
{
	/* bash's `jobs`: "[1]+  Running                 python3 main.py &". */
	struct run *r = run_new(JOB_SRC "at 2 ctrl-z\nat 4 bg\nat 5 jobs\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct recorded *line = printed(r, 2, "Running");
	ck_assert_ptr_nonnull(line);
	ck_assert_str_eq(line->text, "[1]+  Running                 python3 main.py &");
	run_free(r);
}
END_TEST

START_TEST(ctrl_z_at_the_prompt_reaches_only_the_shell_group)
{
	/* With no foreground job, the terminal's foreground group is the shell's
	 * own (bash puts itself in a process group of its own); init is in
	 * another session and never gets the terminal's signals. */
	struct run *r = run_new("main\n    sleep 5t\nat 10 ctrl-z\nat 11 ctrl-c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 1), 0);
	const struct sim_event *tstp = signal_event(r, 2, 20, 0);
	ck_assert_ptr_nonnull(tstp);
	ck_assert_int_eq(tstp->outcome, SIGOUT_IGNORED);
	ck_assert_int_eq(signal_event(r, 2, 2, 0)->outcome, SIGOUT_IGNORED);
	run_free(r);
}
END_TEST

START_TEST(shell_leads_its_own_process_group)
{
	struct run *r = run_new("main\n    sleep 5t\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 1), SIM_RUNNING);
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, 3, &pi));
	ck_assert_int_eq(pi.pgid, 3);
	ck_assert(snapshot_proc(r->sim, 2, &pi));
	ck_assert_int_eq(pi.pgid, 2);
	run_free(r);
}
END_TEST

/* ---- the whole table (issue 10, item 3) ------------------------------------------ */

START_TEST(a_usr1_handler_runs)
{
	struct run *r = run_new(
		"program h\n    on USR1\n        print \"usr1 at {tick}\"\n    sleep 10t\n    print \"done {tick}\"\n"
		"main\n    fork h\n    wait\n"
		"at 5 kill -USR1 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(signal_event(r, 4, 10, 0)->outcome, SIGOUT_PENDING);
	ck_assert_int_eq(run_find(r, EV_HANDLER, 4, 0)->sig, 10);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 0);
	ck_assert_str_eq(run_console(r), "usr1 at 5\ndone 10\n");
	run_free(r);
}
END_TEST

START_TEST(usr1_without_a_handler_terminates)
{
	struct run *r = run_new("program w\n    sleep 10t\nmain\n    fork w\n    wait\nat 5 kill -SIGUSR2 w\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ex = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(ex->t, 5);
	ck_assert_int_eq(ex->sig, 12);
	run_free(r);
}
END_TEST

/* bash: "Quit", status 131, and no core with Debian's `ulimit -c` 0; "Quit
 * (core dumped)" with WCOREDUMP under `ulimit -c unlimited` (core_dumps
 * yes): measured with bash 5.2 on Linux 6.18, tests/truth/core_dumps.sh. */
START_TEST(quit_kills_with_a_core_dump)
{
	struct run *r = run_new("main\n    sleep 10t\nat 5 kill -SIGQUIT 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ex = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(ex->t, 5);
	ck_assert_int_eq(ex->sig, 3);
	ck_assert(sig_dumps_core(ex->sig));
	ck_assert(!ex->core);
	ck_assert_str_eq(run_console(r), "Quit\n");
	run_free(r);
	r = run_new("core_dumps yes\nmain\n    sleep 10t\nat 5 kill -SIGQUIT 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert(run_find(r, EV_EXIT, 3, 0)->core);
	ck_assert_str_eq(run_console(r), "Quit (core dumped)\n");
	run_free(r);
}
END_TEST

START_TEST(winch_urg_and_chld_are_ignored_by_default)
{
	struct run *r = run_new("main\n    sleep 10t\n    print \"survived {tick}\"\n"
				"at 2 kill -WINCH 3\nat 3 kill -URG 3\nat 4 kill -CHLD 3\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(signal_event(r, 3, 28, 0)->outcome, SIGOUT_IGNORED);
	ck_assert_int_eq(signal_event(r, 3, 23, 0)->outcome, SIGOUT_IGNORED);
	ck_assert_int_eq(signal_event(r, 3, 17, 0)->outcome, SIGOUT_IGNORED);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
	ck_assert_str_eq(run_console(r), "survived 10\n");
	run_free(r);
}
END_TEST

START_TEST(ttou_stops_by_default)
{
	struct run *r = run_new("program w\n    sleep 10t\nmain\n    fork w\n    sleep 20t\nat 5 kill -TTOU 4\n");
	ck_assert_int_eq(state_at(r, 6, 4), 'T');
	run_free(r);
}
END_TEST

START_TEST(every_catchable_signal_can_be_ignored_and_defaulted)
{
	for (int sig = 1; sig < SIG_MAX; sig++) {
		if (!sig_catchable(sig))
			continue;
		char src[256];
		snprintf(src, sizeof src, "main\n    ignore %s\n    default %d\n    ignore %s\n    sleep 10t\nat 5 kill -%d 3\n",
			 sig_name(sig), sig, sig_name(sig) + 3, sig);
		struct run *r = run_new(src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		ck_assert_int_eq(signal_event(r, 3, sig, 0)->outcome, SIGOUT_IGNORED);
		ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
		run_free(r);
	}
}
END_TEST

/* procps: pkill -f matches the whole command line (main's name); without
 * -f only comm, the name up to its first space. */
START_TEST(pkill_f_matches_the_command_line)
{
	struct run *r = run_new("program w\n    sleep 10t\nmain \"python3 app.py\"\n    fork w\n    sleep 20t\n"
				"at 2 pkill -USR1 app\nat 5 pkill -f -USR1 \"app\\\\.py$\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sg = signal_event(r, 3, 10, 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_int_eq(sg->t, 5);
	ck_assert_int_eq(sg->other, -1);
	ck_assert_ptr_null(signal_event(r, 3, 10, 1));
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 4), 0);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 10);
	run_free(r);
}
END_TEST

START_TEST(pkill_matches_a_regex_against_comm_in_pid_order)
{
	struct run *r = run_new("program worker\n    sleep 10t\nprogram walker\n    sleep 10t\nprogram other\n    sleep 10t\n"
				"main \"python3 app.py\"\n    fork worker\n    fork other\n    fork walker\n    sleep 20t\n"
				"at 5 pkill \"^w.*er$\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_lt(event_index(r, EV_SIGNAL, 4, 0), event_index(r, EV_SIGNAL, 6, 0));
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 15);
	ck_assert_int_eq(run_find(r, EV_EXIT, 6, 0)->sig, 15);
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 5), 0);
	run_free(r);
}
END_TEST

/* pkill exits 1 and says nothing when nothing matches (procps 4.0.2). */
START_TEST(pkill_without_a_match_says_nothing)
{
	struct run *r = run_new("main\n    sleep 10t\nat 5 pkill nomatch\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	for (int i = 0; i < r->count; i++)
		ck_assert(r->events[i].ev.kind != EV_SIGNAL || r->events[i].ev.other != -1);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
	run_free(r);
}
END_TEST

/* psmisc 23.6: killall matches the exact name ("work" is not "worker"), and
 * says "NAME: no process found" when none. */
START_TEST(killall_matches_the_exact_name)
{
	struct run *r = run_new("program worker\n    sleep 10t\nprogram workers\n    sleep 10t\n"
				"main \"python3 app.py\"\n    fork worker\n    fork workers\n    sleep 20t\n"
				"at 3 killall -QUIT work\nat 4 killall python3\nat 5 killall -QUIT worker\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct recorded *none = NULL;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_SIGNAL && r->events[i].ev.outcome == SIGOUT_NOT_FOUND)
			none = &r->events[i];
	ck_assert_ptr_nonnull(none);
	ck_assert_int_eq(none->ev.t, 3);
	ck_assert_str_eq(none->text, "work");
	/* killall python3: main, whose comm is python3; it sleeps, so TERM kills it at 4. */
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 15);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 3);
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 5), 0);
	run_free(r);
}
END_TEST

/* pipe_write sends SIGPIPE: a C program dies of it (exit by signal 13,
 * bash silent, DONT_REPORT_SIGPIPE); CPython ignores it and raises
 * BrokenPipeError. */
START_TEST(sigpipe_kills_a_writer_that_is_not_python)
{
	struct run *r = run_new("pipe rd, wr simplex\nmain \"./writer\"\n    close rd\n    send wr 1\n    print \"not reached\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *sg = signal_event(r, 3, 13, 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_int_eq(sg->other, 0);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 13);
	ck_assert_int_eq(run_count(r, EV_RAISE, 3), 0);
	ck_assert_str_eq(run_console(r), "");
	run_free(r);
}
END_TEST

/* alarm, as tests/truth/alarm.py showed: a handler, then the sleep goes on
 * to its deadline; a new alarm replaces the old and returns its seconds
 * left; alarm 0s cancels; a child has none; by default SIGALRM kills. */
START_TEST(alarm_sends_sigalrm_once_and_is_not_inherited)
{
	struct run *r = run_new("program child\n    alarm 0s as left\n    print \"child {left}\"\n"
				"program sleeper\n    alarm 1s\n    sleep 3s\n"
				"main \"python3 a.py\"\n    on ALRM\n        print \"handler {elapsed}\"\n"
				"    alarm 1s\n    sleep 2s\n    print \"slept {elapsed}\"\n"
				"    alarm 5s\n    alarm 3s as a\n    alarm 0s as b\n    print \"{a} {b}\"\n"
				"    alarm 5s\n    start child() as c\n    join c\n    alarm 0s as d\n"
				"    start sleeper() as s\n    join s\n    print \"{d} {s.exitcode}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "handler 1.0s\nslept 2.0s\n5 3\nchild 0\n5 -14\n");
	const struct sim_event *e = signal_event(r, 3, SIG_ALRM, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->t, 10);
	ck_assert_int_eq(e->other, 0); /* the kernel's */
	ck_assert_ptr_null(signal_event(r, 3, SIG_ALRM, 1)); /* the cancelled ones never fire */
	ck_assert_int_eq(run_find(r, EV_EXIT, 5, 0)->sig, SIG_ALRM);
	run_free(r);
}
END_TEST

/* block/unblock, as tests/truth/block_signals.py showed: blocked signals
 * stay pending without waking the sleeper, twice is once, an ignored one
 * is kept while blocked, and ps shows the masks. */
START_TEST(blocked_signals_stay_pending_until_unblocked)
{
	struct run *r = run_new("program worker\n    on USR1\n        print \"h {elapsed}\"\n    ignore USR2\n"
				"    block USR1\n    block USR2\n    sleep 20t\n    print \"slept {elapsed}\"\n"
				"    unblock USR1\n    unblock USR2\n    print \"done\"\n"
				"main \"python3 b.py\"\n    start worker() as w\n    sleep 5t\n"
				"    kill -USR1 w\n    kill -USR1 w\n    kill -USR2 w\n    join w\n");
	ck_assert_int_eq(sim_advance_to(r->sim, 10), SIM_RUNNING);
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, 4, &pi));
	ck_assert_int_eq(pi.state, 'S');
	ck_assert_uint_eq(pi.sig_pending, 0xa00);
	ck_assert_uint_eq(pi.sig_blocked, 0xa00);
	ck_assert_uint_eq(pi.sig_ignored, 0x1001800);
	ck_assert_uint_eq(pi.sig_caught, 0x202);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "slept 2.0s\nh 2.0s\ndone\n");
	const struct sim_event *e = signal_event(r, 4, SIG_USR1, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->outcome, SIGOUT_BLOCKED);
	ck_assert_int_eq(signal_event(r, 4, SIG_USR2, 0)->outcome, SIGOUT_BLOCKED);
	ck_assert_int_eq(run_count(r, EV_HANDLER, 4), 1);
	run_free(r);
}
END_TEST

/* scenarios/sigpipe.psim, as tests/truth/sigpipe.sh ran it: `yes | head
 * -1` with multiprocessing; the writer that put SIGPIPE's default back dies
 * of it once head has gone (exitcode -13), main gets BrokenPipeError. */
START_TEST(yes_head_the_writer_dies_once_the_reader_is_gone)
{
	struct run *r = run_new("pipe r, w simplex\nprogram head(r, w)\n    close w\n    recv r as line\n"
				"program yes(r, w)\n    default PIPE\n    close r\n    loop\n        send w \"y\"\n        sleep 1t\n"
				"main \"python3 y.py\"\n    start head(r, w) as h\n    start yes(r, w) as y\n    close r\n"
				"    join h\n    join y\n    print \"{h.exitcode} {y.exitcode}\"\n"
				"    try\n        send w 1\n    except OSError\n        print \"EPIPE\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "0 -13\nEPIPE\n");
	ck_assert_ptr_nonnull(signal_event(r, 5, 13, 0));
	ck_assert_int_eq(run_find(r, EV_EXIT, 5, 0)->sig, 13);
	run_free(r);
}
END_TEST

START_TEST(a_python_writer_gets_broken_pipe_error)
{
	struct run *r = run_new("pipe rd, wr simplex\nprogram child\n    send wr 2\n"
				"main \"python3 w.py\"\n    close rd\n    start child as c\n    join c\n"
				"    try\n        send wr 1\n    except OSError\n        print \"EPIPE\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_ptr_null(signal_event(r, 3, 13, 0));
	ck_assert_ptr_null(signal_event(r, 4, 13, 0));
	/* The child inherited the ignored SIGPIPE: BrokenPipeError, exit code 1. */
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 0);
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->code, 1);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
	ck_assert_ptr_nonnull(printed(r, 3, "EPIPE"));
	run_free(r);
}
END_TEST

/* `procsim help signals` begins with bash's `kill -l`, byte for byte:
 * tests/golden/kill-l.txt is `bash -c 'kill -l'` of bash 5.2.15 on Linux
 * (kill -L prints the same). */
/* crash: the kernel forces SIGSEGV, as tests/truth/segfault.py showed:
 * exitcode -11, ignored or not; a handler that returns faults again. */
START_TEST(crash_is_killed_by_sigsegv_even_when_ignored)
{
	struct run *r = run_new("program bad\n    crash\n    print \"not reached\"\n"
				"program stubborn\n    ignore SEGV\n    crash\n"
				"main \"python3 s.py\"\n    start bad() as p\n    start stubborn() as q\n    join p\n    join q\n"
				"    print \"{p.exitcode} {q.exitcode}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "-11 -11\n");
	const struct sim_event *e = run_find(r, EV_SIGNAL, 4, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->sig, SIG_SEGV);
	ck_assert_int_eq(e->other, 0); /* sent by the kernel */
	run_free(r);
}
END_TEST

START_TEST(a_segv_handler_that_returns_faults_again_until_the_guard)
{
	struct run *r = run_new("program h\n    on SEGV\n        print \"caught\"\n    crash\n"
				"main\n    start h()\n");
	ck_assert_int_eq(run_until(r, -1), SIM_RUNAWAY);
	ck_assert_int_gt(run_count(r, EV_HANDLER, 4), 100);
	run_free(r);
}
END_TEST

START_TEST(kill_l_is_what_bash_prints)
{
	char path[1024], *got = NULL, want[4096];
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/tests/golden/kill-l.txt", root ? root : "..");
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(want, 1, sizeof want - 1, f);
	want[n] = '\0';
	fclose(f);
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	help_kill_list(out);
	fclose(out);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

/* CPython's C handler returns before the Python handler runs, so the signal
 * is not blocked during it: a second one nests (tests/truth/nested_handler.py).
 * In a C program the kernel blocks it until sigreturn: the second waits. */
static const char *handler_order(const char *main_line)
{
	static char out[256];
	char src[512];
	snprintf(src, sizeof src,
		 "%s\n    on USR1\n        print \"enter\"\n        sleep 500ms\n        print \"leave\"\n"
		 "    sleep 2s\n"
		 "at 200ms kill -USR1 3\nat 400ms kill -USR1 3\n",
		 main_line);
	struct run *r = run_new(src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	snprintf(out, sizeof out, "%s", run_console(r));
	run_free(r);
	return out;
}

START_TEST(handlers_nest_in_python_not_in_c)
{
	ck_assert_str_eq(handler_order("costs none\nmain \"python3 h.py\""), "enter\nenter\nleave\nleave\n");
	ck_assert_str_eq(handler_order("costs none\nmain \"./h\""), "enter\nleave\nenter\nleave\n");
}
END_TEST

/* A debugger's tracing stop (tests/truth/ptrace_stop.sh): t, ptrace_stop;
 * SIGCONT does not end it, the detach does; SIGKILL kills; the parent's
 * wait is not woken by it. */
START_TEST(a_debugger_stops_a_process_in_t)
{
	struct run *r = run_new("program worker\n    compute 1s\n    print \"done\"\n"
				"main \"python3 app.py\"\n    start worker as w\n    join w\n"
				"at 500ms attach worker\nat 700ms kill -CONT worker\nat 1500ms detach worker\n");
	ck_assert_int_eq(run_until(r, 10), SIM_RUNNING);
	struct proc_info w, m;
	ck_assert(snapshot_proc(r->sim, 4, &w));
	ck_assert_int_eq(w.state, 't');
	ck_assert(snapshot_proc(r->sim, 3, &m));
	ck_assert_int_eq(m.state, 'S'); /* still joining: not told */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* 1s of computing plus the second it was held, CONT or not */
	ck_assert_int_eq(run_find(r, EV_PRINT, 4, 0)->t, 20);
	run_free(r);

	r = run_new("program worker\n    compute 1s\n"
		    "main \"python3 app.py\"\n    start worker as w\n    join w\n    print \"{w.exitcode}\"\n"
		    "at 500ms attach worker\nat 800ms kill -KILL worker\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "-9\n");
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 8);
	run_free(r);
}
END_TEST

/* os.execv (tests/truth/execv.py): the same PID and parent, a new name,
 * handlers back to the default, ignored signals still ignored; the
 * parent's wait gets the new program's status. */
START_TEST(exec_keeps_the_process_and_its_ignored_signals)
{
	struct run *r = run_new("costs none\n"
				"program sleeper(n)\n    sleep 1s\n    exit n\n"
				"program child\n    on USR1\n        print \"caught\"\n    ignore TERM\n"
				"    exec sleeper(3) named \"sleep 1\"\n"
				"main \"python3 app.py\"\n    fork child as c\n    wait c as st\n    print \"{st}\"\n"
				"at 500ms kill -TERM 4\nat 600ms kill -USR1 4\n");
	ck_assert_int_eq(run_until(r, 3), SIM_RUNNING);
	struct proc_info c;
	ck_assert(snapshot_proc(r->sim, 4, &c));
	ck_assert_str_eq(c.name, "sleep 1");
	ck_assert_int_eq(c.ppid, 3);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* TERM stayed ignored; USR1's handler is gone: its default kills */
	ck_assert_str_eq(run_console(r), "10\n");
	ck_assert_int_eq(run_count(r, EV_EXEC, 4), 1);
	run_free(r);
}
END_TEST

Suite *signal_suite(void);
Suite *signal_suite(void)
{
	Suite *s = suite_create("signal");
	TCase *dfl = tcase_create("default-action");
	tcase_add_test(dfl, fatal_signals_terminate_by_default);
	tcase_add_test(dfl, stop_signals_stop_by_default);
	suite_add_tcase(s, dfl);
	TCase *target = tcase_create("target-state");
	tcase_add_test(target, signal_to_zombie_changes_nothing);
	tcase_add_test(target, term_to_stopped_process_stays_pending_until_cont);
	tcase_add_test(target, kill_kills_a_stopped_process);
	tcase_add_test(target, signal_to_process_in_io_waits_until_io_ends);
	tcase_add_test(target, signal_wakes_sleeping_process_which_acts_at_once);
	tcase_add_test(target, init_is_protected_from_signals);
	tcase_add_test(target, timeline_kill_by_name_hits_every_process_with_that_name);
	suite_add_tcase(s, target);
	TCase *disp = tcase_create("disposition");
	tcase_add_test(disp, ignored_chld_means_children_never_become_zombies);
	tcase_add_test(disp, chld_handler_reaps_and_the_sleep_keeps_its_deadline);
	tcase_add_test(disp, ignored_term_is_dropped);
	tcase_add_test(disp, term_handler_runs_instead_of_dying);
	tcase_add_test(disp, kill_and_stop_cannot_be_caught_or_ignored);
	tcase_add_test(disp, pause_returns_only_after_a_handler_ran);
	suite_add_tcase(s, disp);
	TCase *table = tcase_create("signal-table");
	tcase_add_test(table, a_usr1_handler_runs);
	tcase_add_test(table, usr1_without_a_handler_terminates);
	tcase_add_test(table, quit_kills_with_a_core_dump);
	tcase_add_test(table, winch_urg_and_chld_are_ignored_by_default);
	tcase_add_test(table, ttou_stops_by_default);
	tcase_add_test(table, every_catchable_signal_can_be_ignored_and_defaulted);
	tcase_add_test(table, kill_l_is_what_bash_prints);
	suite_add_tcase(s, table);
	TCase *pk = tcase_create("pkill-killall");
	tcase_add_test(pk, pkill_f_matches_the_command_line);
	tcase_add_test(pk, pkill_matches_a_regex_against_comm_in_pid_order);
	tcase_add_test(pk, pkill_without_a_match_says_nothing);
	tcase_add_test(pk, killall_matches_the_exact_name);
	suite_add_tcase(s, pk);
	TCase *pipe = tcase_create("sigpipe");
	/* the SIGSEGV loop runs until the runaway guard: seconds under ASan */
	tcase_set_timeout(pipe, 60);
	tcase_add_test(pipe, sigpipe_kills_a_writer_that_is_not_python);
	tcase_add_test(pipe, a_python_writer_gets_broken_pipe_error);
	tcase_add_test(pipe, yes_head_the_writer_dies_once_the_reader_is_gone);
	tcase_add_test(pipe, alarm_sends_sigalrm_once_and_is_not_inherited);
	tcase_add_test(disp, blocked_signals_stay_pending_until_unblocked);
	tcase_add_test(pipe, crash_is_killed_by_sigsegv_even_when_ignored);
	tcase_add_test(pipe, a_debugger_stops_a_process_in_t);
	tcase_add_test(pipe, exec_keeps_the_process_and_its_ignored_signals);
	tcase_add_test(pipe, handlers_nest_in_python_not_in_c);
	tcase_add_test(pipe, a_segv_handler_that_returns_faults_again_until_the_guard);
	suite_add_tcase(s, pipe);
	TCase *jobs = tcase_create("job-control");
	tcase_add_test(jobs, ctrl_z_stops_main_and_its_children);
	tcase_add_test(jobs, bg_continues_the_stopped_job);
	tcase_add_test(jobs, fg_continues_the_job_in_the_foreground);
	tcase_add_test(jobs, jobs_prints_the_job_state);
	tcase_add_test(jobs, jobs_shows_a_running_background_job_with_ampersand);
	tcase_add_test(jobs, ctrl_z_at_the_prompt_reaches_only_the_shell_group);
	tcase_add_test(jobs, shell_leads_its_own_process_group);
	tcase_add_test(jobs, killing_the_shell_hangs_up_the_foreground_job);
	tcase_add_test(jobs, a_hangup_to_the_shell_reaches_every_job);
	tcase_add_test(jobs, ctrl_c_raises_keyboard_interrupt_in_python);
	tcase_add_test(jobs, keyboard_interrupt_can_be_caught);
	tcase_add_test(jobs, sigint_without_python_s_handler_follows_the_kernel);
	tcase_add_test(jobs, ctrl_c_in_map_terminates_the_pool_workers);
	tcase_add_test(jobs, an_exception_in_a_handler_is_raised_where_the_code_was);
	suite_add_tcase(s, jobs);
	return s;
}

TEST_MAIN(signal_suite)
