/* test_clone.c: sim_clone copies a running simulation exactly: the copy and
 * the original, stepped alike, report the same events (time travel rests on it). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

struct log {
	struct sim_event ev[4096];
	char text[4096][64];
	int n;
};

static void rec(void *ctx, const struct sim_event *ev)
{
	struct log *l = ctx;
	if (l->n == 4096)
		return;
	l->ev[l->n] = *ev;
	snprintf(l->text[l->n], sizeof l->text[0], "%s|%s", ev->text ? ev->text : "", ev->name ? ev->name : "");
	l->ev[l->n].text = l->ev[l->n].name = NULL;
	l->n++;
}

static const char *busy =
	"cpus 2\n"
	"program child(n)\n    print \"child {n} {pid}\"\n    compute 4t\n    sleep 3t\n    io 2t\n    exit 3\n"
	"program waiter\n    on CHLD\n        reap\n    pause\n"
	"main\n    repeat 5 as i\n        start child(\"c{i}\") as h\n        compute 2t\n    fork waiter as w\n"
	"    sleep 4t\n    kill -TSTP w\n    kill -CONT w\n    wait\n"
	"at 7 kill -STOP 3\nat 9 kill -CONT 3\nat 30 kill -KILL 9\n";

START_TEST(a_clone_continues_exactly_like_the_original)
{
	for (long long at = 0; at <= 40; at += 5) {
		struct run *r = run_new(busy);
		bool running = run_until(r, at) == SIM_RUNNING;
		struct sim *copy = sim_clone(r->sim);
		ck_assert_ptr_nonnull(copy);
		struct log *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
		sim_set_sink(r->sim, rec, a);
		sim_set_sink(copy, rec, b);
		enum sim_status sa = sim_run(r->sim, -1), sb = sim_run(copy, -1);
		ck_assert_int_eq(sa, sb);
		ck_assert_int_eq(sim_now(r->sim), sim_now(copy));
		ck_assert_int_eq(a->n, b->n);
		if (running)
			ck_assert_int_gt(a->n, 0);
		for (int i = 0; i < a->n; i++) {
			ck_assert_msg(memcmp(&a->ev[i], &b->ev[i], sizeof a->ev[i]) == 0, "event %d differs (from t=%lld)", i, at);
			ck_assert_str_eq(a->text[i], b->text[i]);
		}
		ck_assert_ptr_null(sim_check(copy));
		sim_free(copy);
		free(a);
		free(b);
		run_free(r);
	}
}
END_TEST

START_TEST(a_clone_is_independent_of_its_original)
{
	struct run *r = run_new(busy);
	run_until(r, 10);
	struct sim *copy = sim_clone(r->sim);
	struct sim_counts before, after;
	snapshot_counts(copy, &before);
	run_until(r, -1); /* the original runs to the end and changes everything */
	snapshot_counts(copy, &after);
	ck_assert_int_eq(before.total, after.total);
	ck_assert_int_eq(before.zombie, after.zombie);
	ck_assert_int_eq(sim_now(copy), 10);
	sim_free(r->sim); /* the copy outlives its original: shared strings stay */
	r->sim = copy;
	ck_assert_int_eq(sim_run(copy, -1), SIM_DONE);
	ck_assert_ptr_null(sim_check(copy));
	run_free(r);
}
END_TEST

static Suite *clone_suite(void)
{
	Suite *s = suite_create("clone");
	TCase *tc = tcase_create("clone");
	tcase_add_test(tc, a_clone_continues_exactly_like_the_original);
	tcase_add_test(tc, a_clone_is_independent_of_its_original);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(clone_suite)
