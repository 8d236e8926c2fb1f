/* test_cron.c: cron. The crontab(5) schedule (crontab.c): `*` and steps,
 * ranges, lists, names, day of month or day of week as find_jobs matches
 * them, the special strings; the `cron` line of a scenario; and the daemon
 * (cron.c): asleep in clock_nanosleep between the minutes due, forking its
 * child /usr/sbin/CRON -f at each, which forks the job, and reaping it. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "crontab.h"
#include "parse.h"
#include "snapshot.h"
#include "testlib.h"

/* A minute of September 2025 (the run starts at 10:00 on Monday the 1st),
 * in minutes since the epoch. */
static int64_t sept(int day, int hour, int min)
{
	return (SIM_WALL_EPOCH + (int64_t)(day - 1) * 86400 + (int64_t)(hour - 10) * 3600 + (int64_t)min * 60) / 60;
}

static struct cron_sched sched(const char *text)
{
	struct cron_sched s;
	struct crontab_error e;
	ck_assert_msg(crontab_parse(text, &s, &e), "'%s': %s", text, e.msg);
	return s;
}

/* ---- the schedule ---------------------------------------------------------------- */

START_TEST(every_five_minutes_fires_at_10_05_and_10_10)
{
	struct cron_sched s = sched("*/5 * * * *");
	ck_assert(crontab_matches(&s, sept(1, 10, 5)));
	ck_assert(!crontab_matches(&s, sept(1, 10, 3)));
	ck_assert_int_eq(crontab_next(&s, sept(1, 10, 1), sept(2, 0, 0)), sept(1, 10, 5));
	ck_assert_int_eq(crontab_next(&s, sept(1, 10, 6), sept(2, 0, 0)), sept(1, 10, 10));
}
END_TEST

START_TEST(a_list_of_minutes_and_a_range_of_hours)
{
	struct cron_sched s = sched("0,30 9-17 * * *");
	ck_assert_int_eq(crontab_next(&s, sept(1, 10, 1), sept(9, 0, 0)), sept(1, 10, 30));
	ck_assert_int_eq(crontab_next(&s, sept(1, 17, 31), sept(9, 0, 0)), sept(2, 9, 0));
}
END_TEST

START_TEST(a_step_in_a_range_takes_every_nth)
{
	struct cron_sched s = sched("0-30/10 * * * *");
	for (int m = 0; m < 60; m++)
		ck_assert_int_eq(crontab_matches(&s, sept(1, 10, m)), m <= 30 && m % 10 == 0);
}
END_TEST

START_TEST(weekdays_by_name_skip_the_weekend)
{
	struct cron_sched s = sched("0 9 * * mon-fri");
	/* Saturday 6 September, 10:00: next is Monday the 8th at 09:00. */
	ck_assert_int_eq(crontab_next(&s, sept(6, 10, 0), sept(30, 0, 0)), sept(8, 9, 0));
	struct cron_sched names = sched("0 9 * * MON-Fri"), nums = sched("0 9 * * 1-5");
	ck_assert(names.dow == nums.dow);
}
END_TEST

START_TEST(sunday_is_both_0_and_7)
{
	struct cron_sched a = sched("0 0 * * 7"), b = sched("0 0 * * sun");
	ck_assert(crontab_matches(&a, sept(7, 0, 0)));
	ck_assert(crontab_matches(&b, sept(7, 0, 0)));
	ck_assert(!crontab_matches(&a, sept(8, 0, 0)));
}
END_TEST

START_TEST(day_of_month_or_day_of_week_when_both_are_restricted)
{
	struct cron_sched s = sched("0 0 13 * fri");
	ck_assert(crontab_matches(&s, sept(5, 0, 0)));  /* a Friday */
	ck_assert(crontab_matches(&s, sept(13, 0, 0))); /* the 13th, a Saturday */
	ck_assert(!crontab_matches(&s, sept(6, 0, 0)));
}
END_TEST

START_TEST(day_of_month_and_day_of_week_when_one_starts_with_a_star)
{
	struct cron_sched s = sched("0 0 */2 * mon");
	ck_assert(crontab_matches(&s, sept(1, 0, 0)));  /* Monday the 1st */
	ck_assert(!crontab_matches(&s, sept(8, 0, 0))); /* Monday the 8th: even */
	ck_assert(!crontab_matches(&s, sept(3, 0, 0))); /* the 3rd: a Wednesday */
}
END_TEST

START_TEST(a_month_by_name_waits_for_next_year)
{
	struct cron_sched s = sched("0 0 1 jan *");
	ck_assert_int_eq(crontab_next(&s, sept(1, 10, 0), sept(1, 10, 0) + 2 * 366 * 1440),
			 (int64_t)1767225600 / 60); /* 2026-01-01 00:00 UTC */
}
END_TEST

START_TEST(special_strings_stand_for_their_fields)
{
	struct cron_sched h = sched("@hourly"), f = sched("0 * * * *");
	ck_assert(h.minute == f.minute && h.hour == f.hour && h.dom == f.dom && h.dow == f.dow);
	struct cron_sched w = sched("@weekly");
	ck_assert(crontab_matches(&w, sept(7, 0, 0)) && !crontab_matches(&w, sept(8, 0, 0)));
	struct cron_sched r = sched("@reboot");
	ck_assert(r.flags & CRON_REBOOT);
	ck_assert_int_eq(crontab_next(&r, sept(1, 10, 0), sept(2, 0, 0)), -1);
}
END_TEST

START_TEST(a_date_that_never_comes_is_never_due)
{
	struct cron_sched s = sched("0 0 30 feb *");
	ck_assert_int_eq(crontab_next(&s, sept(1, 10, 0), sept(1, 10, 0) + 5 * 366 * 1440), -1);
}
END_TEST

START_TEST(bad_schedules_say_where)
{
	static const struct { const char *text; int offset; const char *msg; } bad[] = {
		{"*/5 * * *", 9, "4 field(s), not 5"},
		{"60 * * * *", 0, "60 is out of range for the minute field (0-59)"},
		{"* 5-2 * * *", 2, "the range 5-2 goes down"},
		{"*/0 * * * *", 2, "the step must be from 1 to 59"},
		{"5/10 * * * *", 1, "a step follows '*' or a range"},
		{"* * * foo *", 6, "unknown name 'foo' in the month field"},
		{"* jan * * *", 2, "the hour field takes numbers"},
		{"@fortnightly", 0, "unknown special string '@fortnightly'"},
		{"* * * * * *", 10, "more than 5 fields"},
		{"*;5 * * * *", 1, "unexpected ';' in the minute field"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cron_sched s;
		struct crontab_error e;
		ck_assert_msg(!crontab_parse(bad[i].text, &s, &e), "'%s' parsed", bad[i].text);
		ck_assert_msg(strstr(e.msg, bad[i].msg), "'%s': %s", bad[i].text, e.msg);
		ck_assert_msg(e.offset == bad[i].offset, "'%s': at %d, not %d", bad[i].text, e.offset, bad[i].offset);
	}
}
END_TEST

/* ---- the scenario line --------------------------------------------------------- */

#define BACKUP "program backup\n    compute 2t\n"

START_TEST(cron_lines_are_the_scenarios_crontab)
{
	struct diags d;
	const char *src = "limit 16min\n" BACKUP "program report\n    compute 1t\n"
			  "cron \"*/5 * * * *\" backup\ncron \"15 10 * * mon-fri\" report\n";
	struct scenario *sc = parse_scenario("t.psim", src, strlen(src), &d);
	ck_assert_msg(sc != NULL, "%s", d.count ? d.items[0].msg : "");
	ck_assert_int_eq(sc->ncron, 2);
	ck_assert_str_eq(sc->cron[0].schedule, "*/5 * * * *");
	ck_assert_str_eq(sc->programs[sc->cron[0].program]->name, "backup");
	ck_assert_str_eq(sc->programs[sc->cron[1].program]->name, "report");
	ck_assert_int_eq(sc->cron[1].line, 7);
	ck_assert(sc->main_index < 0); /* a crontab needs no main */
	scenario_free(sc);
}
END_TEST

/* ---- the daemon -------------------------------------------------------------------- */

static const char *name_of(const struct sim_event *e) { return ((const struct recorded *)e)->name; }

#define EVERY5 "tick 1s\nlimit 16min\n" BACKUP "cron \"*/5 * * * *\" backup\n"

static int cron_pid(struct run *r)
{
	const struct sim_event *e = run_find(r, EV_SPAWN, 3, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(name_of(e), "/usr/sbin/cron -f");
	ck_assert_int_eq(e->ppid, 1);
	return 3;
}

START_TEST(cron_forks_its_child_and_the_job_at_each_fifth_minute)
{
	struct run *r = run_new(EVERY5);
	ck_assert_int_eq(run_until(r, -1), SIM_LIMIT);
	int cron = cron_pid(r);
	/* 10:05, 10:10, 10:15: PIDs 4 (CRON) and 5 (backup), 6 and 7, 8 and 9. */
	for (int i = 0; i < 3; i++) {
		int child = 4 + 2 * i, job = child + 1;
		const struct sim_event *c = run_find(r, EV_SPAWN, child, 0), *j = run_find(r, EV_SPAWN, job, 0);
		ck_assert_ptr_nonnull(c);
		ck_assert_ptr_nonnull(j);
		ck_assert_str_eq(name_of(c), "/usr/sbin/CRON -f");
		ck_assert_int_eq(c->ppid, cron);
		ck_assert_int_eq(c->t, 300 * (i + 1));
		ck_assert_str_eq(name_of(j), "backup");
		ck_assert_int_eq(j->ppid, child);
		ck_assert_int_eq(j->t, 300 * (i + 1));
	}
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 6);
	run_free(r);
}
END_TEST

START_TEST(the_job_is_reaped_by_the_child_and_the_child_by_cron)
{
	struct run *r = run_new(EVERY5);
	run_until(r, 400);
	const struct sim_event *job = run_find(r, EV_REAP, 5, 0), *child = run_find(r, EV_REAP, 4, 0);
	ck_assert_ptr_nonnull(job);
	ck_assert_ptr_nonnull(child);
	ck_assert_int_eq(job->other, 4);
	ck_assert_int_eq(child->other, 3);
	ck_assert_int_eq(run_count(r, EV_SIGNAL, 3), 1); /* SIGCHLD from its child */
	struct sim_counts n;
	snapshot_counts(r->sim, &n);
	ck_assert_int_eq(n.total, 3); /* init, bash, cron: no zombie left */
	run_free(r);
}
END_TEST

START_TEST(cron_sleeps_in_hrtimer_nanosleep_between_the_minutes)
{
	struct run *r = run_new(EVERY5);
	run_until(r, 200);
	struct proc_info p;
	ck_assert(snapshot_proc(r->sim, 3, &p));
	ck_assert_int_eq(p.state, 'S');
	ck_assert_str_eq(wchan_kernel_name(p.wchan), "hrtimer_nanosleep");
	ck_assert_int_eq(p.until, 300);
	ck_assert_int_eq(p.sid, 3); /* a session of its own, */
	ck_assert(!p.tty);          /* without a terminal, */
	ck_assert_int_eq(p.uid, 0); /* root's */
	run_until(r, 301);
	ck_assert(snapshot_proc(r->sim, 5, &p));
	ck_assert_int_eq(p.sid, 5);    /* the job: setsid */
	ck_assert_int_eq(p.uid, 1000); /* and the crontab's owner */
	ck_assert(snapshot_proc(r->sim, 4, &p));
	ck_assert_int_eq(p.sid, 3);
	ck_assert_int_eq(p.flags, 1); /* forked, not exec'd */
	run_free(r);
}
END_TEST

START_TEST(two_lines_due_the_same_minute_run_in_crontab_order)
{
	struct run *r = run_new("tick 1s\nlimit 16min\n" BACKUP "program report\n    compute 1t\n"
				"cron \"15 10 * * mon\" report\ncron \"*/15 * * * *\" backup\n");
	run_until(r, -1);
	/* cron forks both children (PIDs 4, 5), which fork the jobs (6, 7). */
	const struct sim_event *a = run_find(r, EV_SPAWN, 6, 0), *b = run_find(r, EV_SPAWN, 7, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->t, 900);
	ck_assert_str_eq(name_of(a), "report");
	ck_assert_str_eq(name_of(b), "backup");
	run_free(r);
}
END_TEST

START_TEST(a_reboot_line_runs_once_at_boot)
{
	struct run *r = run_new("tick 1s\nlimit 3min\n" BACKUP "cron \"@reboot\" backup\n");
	run_until(r, -1);
	ck_assert_int_eq(run_when(r, EV_SPAWN, 5), 0);
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 2);
	run_free(r);
}
END_TEST

START_TEST(a_scenario_without_cron_lines_has_no_cron)
{
	struct run *r = run_new("main\n    sleep 1t\n");
	run_until(r, -1);
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3);
	run_free(r);
}
END_TEST

static Suite *cron_suite(void)
{
	Suite *s = suite_create("cron");
	TCase *tc = tcase_create("schedule");
	tcase_add_test(tc, every_five_minutes_fires_at_10_05_and_10_10);
	tcase_add_test(tc, a_list_of_minutes_and_a_range_of_hours);
	tcase_add_test(tc, a_step_in_a_range_takes_every_nth);
	tcase_add_test(tc, weekdays_by_name_skip_the_weekend);
	tcase_add_test(tc, sunday_is_both_0_and_7);
	tcase_add_test(tc, day_of_month_or_day_of_week_when_both_are_restricted);
	tcase_add_test(tc, day_of_month_and_day_of_week_when_one_starts_with_a_star);
	tcase_add_test(tc, a_month_by_name_waits_for_next_year);
	tcase_add_test(tc, special_strings_stand_for_their_fields);
	tcase_add_test(tc, a_date_that_never_comes_is_never_due);
	tcase_add_test(tc, bad_schedules_say_where);
	suite_add_tcase(s, tc);
	tc = tcase_create("scenario");
	tcase_add_test(tc, cron_lines_are_the_scenarios_crontab);
	suite_add_tcase(s, tc);
	tc = tcase_create("daemon");
	tcase_add_test(tc, cron_forks_its_child_and_the_job_at_each_fifth_minute);
	tcase_add_test(tc, the_job_is_reaped_by_the_child_and_the_child_by_cron);
	tcase_add_test(tc, cron_sleeps_in_hrtimer_nanosleep_between_the_minutes);
	tcase_add_test(tc, two_lines_due_the_same_minute_run_in_crontab_order);
	tcase_add_test(tc, a_reboot_line_runs_once_at_boot);
	tcase_add_test(tc, a_scenario_without_cron_lines_has_no_cron);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cron_suite)
