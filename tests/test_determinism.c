/* test_determinism.c: the same scenario gives the same events, every time and
 * however it is stepped; and many short-lived processes keep the model's
 * invariants (run_new checks them after every tick). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

/* Three CPUs, a short quantum, computing, sleeping and I/O children, start
 * and fork, handlers, ignored signals, stop/continue, kill by name, Ctrl+Z,
 * bg and fg. */
static const char busy_src[] =
	"cpus 3\n"
	"quantum 2\n"
	"program cruncher(n)\n"
	"    repeat 4\n"
	"        compute 3t\n"
	"        compute {n} ticks\n"
	"        io 2t\n"
	"    exit {n}\n"
	"program napper(n)\n"
	"    on TERM\n"
	"        print \"napper {pid} caught TERM at {tick}\"\n"
	"    repeat 5 as k\n"
	"        sleep {n} ticks\n"
	"        compute 1t\n"
	"        print \"napper {pid} round {k}\"\n"
	"program stubborn\n"
	"    ignore TERM\n"
	"    loop\n"
	"        compute 3t\n"
	"        sleep 1t\n"
	"program parent\n"
	"    on CHLD\n"
	"        reap\n"
	"    repeat 6 as i\n"
	"        fork cruncher(i)\n"
	"        sleep 1t\n"
	"    sleep 30t\n"
	"main \"python3 busy.py\"\n"
	"    start parent as p\n"
	"    start napper(2) as a\n"
	"    start napper(3) as b\n"
	"    fork stubborn as s\n"
	"    repeat 5 as j\n"
	"        start cruncher(j) as c\n"
	"        compute 2t\n"
	"    join a timeout 10t\n"
	"    terminate b\n"
	"    kill -KILL s\n"
	"    wait s\n"
	"    print \"main done at {tick}\"\n"
	"at 4 kill -TERM napper\n"
	"at 6 kill -STOP 5\n"
	"at 9 kill -CONT 5\n"
	"at 12 ctrl-z\n"
	"at 15 jobs\n"
	"at 16 bg\n"
	"at 20 fg\n"
	"at 25 kill -HUP cruncher\n";

static void assert_same_events(const struct run *a, const struct run *b)
{
	ck_assert_int_eq(a->count, b->count);
	for (int i = 0; i < a->count; i++) {
		const struct sim_event *x = &a->events[i].ev, *y = &b->events[i].ev;
		ck_assert_msg(x->kind == y->kind && x->t == y->t && x->pid == y->pid, "event %d differs", i);
		ck_assert_int_eq(x->ppid, y->ppid);
		ck_assert_int_eq(x->cpu, y->cpu);
		ck_assert_int_eq(x->other, y->other);
		ck_assert_int_eq(x->to, y->to);
		ck_assert_int_eq(x->code, y->code);
		ck_assert_int_eq(x->sig, y->sig);
		ck_assert_int_eq(x->zombie, y->zombie);
		ck_assert_int_eq(x->state, y->state);
		ck_assert_int_eq(x->wchan, y->wchan);
		ck_assert_int_eq(x->until, y->until);
		ck_assert_int_eq(x->wait_pid, y->wait_pid);
		ck_assert_int_eq(x->reason, y->reason);
		ck_assert_int_eq(x->outcome, y->outcome);
		ck_assert_int_eq(x->err, y->err);
		ck_assert_int_eq(x->count, y->count);
		ck_assert_str_eq(a->events[i].name, b->events[i].name);
		ck_assert_str_eq(a->events[i].text, b->events[i].text);
	}
}

/* The scenario really is busy: otherwise comparing runs proves little. */
static void assert_busy(const struct run *r)
{
	ck_assert_int_gt(r->count, 300);
	ck_assert_int_gt(run_count(r, EV_PREEMPT, 0), 20);
	ck_assert_int_gt(run_count(r, EV_HANDLER, 0), 2);
	ck_assert_int_gt(run_count(r, EV_STOP, 0), 2);
	ck_assert_int_gt(run_count(r, EV_CONT, 0), 2);
	ck_assert_int_gt(run_count(r, EV_SIGNAL, 0), 10);
	ck_assert_int_gt(run_count(r, EV_REAP, 0), 10);
	bool cpu[3] = {false};
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_DISPATCH)
			cpu[r->events[i].ev.cpu] = true;
	ck_assert(cpu[0] && cpu[1] && cpu[2]);
}

START_TEST(same_scenario_twice_gives_identical_events)
{
	struct run *a = run_new(busy_src);
	struct run *b = run_new(busy_src);
	enum sim_status sa = run_until(a, -1);
	enum sim_status sb = run_until(b, -1);
	ck_assert_int_eq(sa, SIM_DONE);
	ck_assert_int_eq(sa, sb);
	ck_assert_int_eq(sim_now(a->sim), sim_now(b->sim));
	ck_assert_int_eq(sim_last_event_tick(a->sim), sim_last_event_tick(b->sim));
	assert_busy(a);
	assert_same_events(a, b);
	run_free(a);
	run_free(b);
}
END_TEST

START_TEST(stepping_tick_by_tick_gives_the_same_events_as_one_run)
{
	/* What `ps --at T` and the screen do: stop at every tick and look. */
	struct run *a = run_new(busy_src);
	struct run *b = run_new(busy_src);
	ck_assert_int_eq(run_until(a, -1), SIM_DONE);
	for (long long t = 0; sim_status(b->sim) == SIM_RUNNING && t < 100000; t++) {
		sim_advance_to(b->sim, t);
		struct sim_counts c;
		snapshot_counts(b->sim, &c);
		ck_assert_int_eq(c.total, c.running + c.sleeping + c.stopped + c.zombie);
	}
	ck_assert_int_eq(sim_status(b->sim), SIM_DONE);
	assert_same_events(a, b);
	run_free(a);
	run_free(b);
}
END_TEST

START_TEST(a_thousand_short_lived_children_keep_the_invariants)
{
	/* A small pid_max makes the PIDs wrap around many times. */
	struct run *r = run_new(
		"cpus 2\n"
		"pid_max 100\n"
		"program child(i)\n    compute 1t\n    exit {i}\n"
		"program quick\n    sleep 2t\n"
		"main\n"
		"    repeat 500 as i\n        start child(i)\n        compute 1t\n"
		"    repeat 500\n        fork quick\n        reap\n        compute 1t\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_ptr_null(sim_check(r->sim));
	ck_assert_int_eq(run_count(r, EV_FORK_FAILED, 0), 0);
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 1000);
	ck_assert_int_eq(run_count(r, EV_EXIT, 0), 1000 + 1);
	ck_assert_int_eq(run_count(r, EV_REAP, 0), 1000 + 1);
	int by_main = 0, by_init = 0;
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind == EV_REAP) {
			by_main += e->other == 3;
			by_init += e->other == 1;
		}
	}
	/* Every started child is reaped by main (start's cleanup or the final
	 * join); forked ones by main's `reap`, except those still alive when
	 * main exits, which init reaps. */
	ck_assert_int_eq(by_main + by_init, 1000);
	ck_assert_int_ge(by_main, 990);
	/* Each exit status belongs to the right process, PIDs reused or not:
	 * the k-th child exits with k & 0xFF, and is reaped with it. */
	int expect[100], k = 0, checked = 0;
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (strcmp(r->events[i].name, "child") != 0)
			continue;
		ck_assert_int_lt(e->pid, 100);
		if (e->kind == EV_SPAWN)
			expect[e->pid] = k++ & 0xFF;
		else if (e->kind == EV_EXIT || e->kind == EV_REAP) {
			ck_assert_int_eq(e->code, expect[e->pid]);
			checked++;
		}
	}
	ck_assert_int_eq(k, 500);
	ck_assert_int_eq(checked, 1000);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.total, 2); /* init and the shell */
	ck_assert_int_eq(c.zombie, 0);
	run_free(r);
}
END_TEST

Suite *determinism_suite(void);
Suite *determinism_suite(void)
{
	Suite *s = suite_create("determinism");
	TCase *rep = tcase_create("repeatable");
	tcase_add_test(rep, same_scenario_twice_gives_identical_events);
	tcase_add_test(rep, stepping_tick_by_tick_gives_the_same_events_as_one_run);
	suite_add_tcase(s, rep);
	TCase *scale = tcase_create("scale");
	tcase_set_timeout(scale, 60);
	tcase_add_test(scale, a_thousand_short_lived_children_keep_the_invariants);
	suite_add_tcase(s, scale);
	return s;
}

TEST_MAIN(determinism_suite)
