/* test_ps.c: `procsim ps` (ps.c, ps_format.c) with threads: STAT's l
 * exactly when a process has more than one thread, ps -L's row per thread
 * with LWP and NLWP, the lists of ps -eLf and -eLl as procps-ng 4.0.2 prints
 * them (tests/truth/ps_threads.sh), TIME that counts a process's threads,
 * the Threads line, and the JSON's tgid, lwp and nlwp. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps.h"
#include "ps_format.h"
#include "snapshot.h"
#include "testlib.h"

/* The writer (PID 4) puts 300 items from t=1s: its first put starts the
 * Queue's feeder thread (TID 5), which lives until the writer's end (its
 * _exit_function joins it); main reads them from t=1.5s. With costs at a
 * tick of 100 us the feeder spends CPU time of its own. */
static const char *feeder =
	"title \"feeder\"\n"
	"tick 100us\n"
	"costs linux\n"
	"queue q\n"
	"program writer(q)\n"
	"    sleep 1s\n"
	"    repeat 300 as i\n"
	"        put q i\n"
	"    sleep 1s\n"
	"main \"python3 app.py\"\n"
	"    start writer(q) as w\n"
	"    sleep 1500ms\n"
	"    repeat 300 as i\n"
	"        get q as v\n"
	"    join w\n";

#define BEFORE_PUT 5000   /* 0.5 s: the writer sleeps, one thread */
#define FEEDER_LIVES 15000 /* 1.5 s: the writer sleeps again, its feeder waits for items */

static struct run *at(long long tick)
{
	struct run *r = run_new(feeder);
	run_until(r, tick);
	sim_advance_to(r->sim, tick);
	return r;
}

/* What fn printed, as a string to free(). */
static char *ps_text(struct run *r, const char *format, const char *list, bool threads)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	if (format) {
		struct ps_format fmt;
		struct ps_format_problem why;
		ck_assert_int_eq(ps_format_parse(format, list, r->sc->pid_max, threads, &fmt, &why), PS_FORMAT_OK);
		ck_assert(ps_format_print(f, r->sim, &fmt, PS_NAMES_PROGRAM));
	} else {
		ck_assert(ps_print(f, r->sim, false, threads, PS_NAMES_PROGRAM));
	}
	fclose(f);
	return buf;
}

/* The line of `text` that starts with `start` (after leading blanks), or NULL. */
static const char *line_with(const char *text, const char *start, char *out, size_t n)
{
	for (const char *l = text; l && *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);
		const char *p = l;
		while (*p == ' ')
			p++;
		if (strncmp(p, start, strlen(start)) == 0) {
			snprintf(out, n, "%.*s", (int)len, l);
			return out;
		}
		l = end ? end + 1 : NULL;
	}
	return NULL;
}

START_TEST(stat_has_l_exactly_when_the_process_has_threads)
{
	char line[256];
	struct run *r = at(BEFORE_PUT);
	char *before = ps_text(r, "o", "pid,nlwp,stat", false);
	ck_assert_str_eq(line_with(before, "4 ", line, sizeof line), "    4    1 S+");
	free(before);
	run_free(r);

	r = at(FEEDER_LIVES);
	char *out = ps_text(r, "o", "pid,nlwp,stat", false);
	/* the writer has its feeder: Sl+ (l before +, as pr_stat writes it);
	 * main has one thread; bash leads the session: Ss */
	ck_assert_str_eq(line_with(out, "4 ", line, sizeof line), "    4    2 Sl+");
	ck_assert_str_eq(line_with(out, "3 ", line, sizeof line), "    3    1 S+");
	ck_assert_str_eq(line_with(out, "2 ", line, sizeof line), "    2    1 Ss");
	ck_assert_ptr_null(line_with(out, "5 ", line, sizeof line)); /* a thread is not a process */
	free(out);
	run_free(r);
}
END_TEST

START_TEST(ps_L_shows_a_row_per_thread_with_lwp_and_nlwp)
{
	char line[256];
	struct run *r = at(FEEDER_LIVES);
	char *out = ps_text(r, "o", "pid,lwp,nlwp,stat,wchan:20,comm", true);
	const char *want =
		"  PID   LWP NLWP STAT WCHAN                COMMAND\n"
		"    1     1    1 Ss   do_wait              init\n"
		"    2     2    1 Ss   do_wait              bash\n"
		"    3     3    1 S+   hrtimer_nanosleep    python3\n"
		"    4     4    2 Sl+  hrtimer_nanosleep    writer\n"
		"    4     5    2 Sl+  futex_do_wait        writer\n";
	ck_assert_str_eq(out, want);
	free(out);
	/* without -L, LWP is the main thread's: the PID */
	out = ps_text(r, "o", "pid,lwp,nlwp", false);
	ck_assert_str_eq(line_with(out, "4 ", line, sizeof line), "    4     4    2");
	free(out);
	run_free(r);
}
END_TEST

/* The headers and columns of ps -eLf and ps -eLl as procps-ng 4.0.2 printed
 * them on Linux 6.18 (tests/truth/ps_threads.sh); F is 1 for a thread, which
 * copy_process made and no exec followed. */
START_TEST(eLf_and_eLl_are_procps_s_lists)
{
	struct run *r = at(FEEDER_LIVES);
	char line[256];
	char *out = ps_text(r, "eLf", NULL, false);
	ck_assert_str_eq(line_with(out, "UID", line, sizeof line), "UID        PID  PPID   LWP  C NLWP STIME TTY          TIME CMD");
	/* C: the feeder's CPU over its life so far, 1% */
	ck_assert_str_eq(line_with(out, "student      4     3     5", line, sizeof line),
			 "student      4     3     5  1    2 10:00 pts/0    00:00:00 writer");
	free(out);
	out = ps_text(r, "el", NULL, true); /* -L with -el: ps -eLl */
	ck_assert_str_eq(line_with(out, "F S", line, sizeof line),
			 "F S   UID   PID  PPID   LWP  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD");
	ck_assert_ptr_nonnull(line_with(out, "1 S  1000     4     3     5  1  80   0 -", line, sizeof line));
	free(out);
	out = ps_text(r, "elf", NULL, true);
	ck_assert_str_eq(line_with(out, "F S", line, sizeof line),
			 "F S UID        PID  PPID   LWP  C NLWP PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD");
	free(out);
	out = ps_text(r, "aux", NULL, true);
	ck_assert_str_eq(line_with(out, "USER", line, sizeof line),
			 "USER       PID   LWP %CPU NLWP %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
	free(out);
	run_free(r);
}
END_TEST

/* procps reads a thread group's leader from /proc/PID, whose times are the
 * whole group's: a process's TIME, and its main thread's under -L, count
 * every thread; another thread's row its own. */
START_TEST(time_of_a_process_counts_its_threads)
{
	struct run *r = at(FEEDER_LIVES);
	struct proc_info tasks[16], writer;
	int n = snapshot_tasks(r->sim, tasks, 16);
	ck_assert(snapshot_proc(r->sim, 4, &writer));
	const struct proc_info *main_thread = NULL, *feeder_thread = NULL;
	for (int i = 0; i < n; i++) {
		if (tasks[i].pid == 4)
			main_thread = &tasks[i];
		if (tasks[i].pid == 5)
			feeder_thread = &tasks[i];
	}
	ck_assert_ptr_nonnull(main_thread);
	ck_assert_ptr_nonnull(feeder_thread);
	ck_assert_int_gt(feeder_thread->cpu_ticks, 0); /* pickling and writing 300 items */
	ck_assert_int_eq(feeder_thread->tgid, 4);
	ck_assert_int_eq(ps_time_ticks(feeder_thread), feeder_thread->cpu_ticks);
	ck_assert_int_eq(ps_time_ticks(&writer), writer.cpu_ticks + feeder_thread->cpu_ticks);
	ck_assert_int_eq(ps_time_ticks(main_thread), ps_time_ticks(&writer));

	/* the JSON says the same: cpu_ticks is TIME's, lwp the task */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert(ps_print(f, r->sim, true, true, PS_NAMES_PROGRAM));
	fclose(f);
	char want[128];
	snprintf(want, sizeof want, "{\"pid\":4,\"ppid\":3,\"pgid\":3,\"state\":\"S\",\"pri\":80,\"ni\":0,\"cpu_ticks\":%lld,"
		 "\"tgid\":4,\"lwp\":5,\"nlwp\":2,", (long long)feeder_thread->cpu_ticks);
	ck_assert_msg(strstr(buf, want), "no '%s' in %s", want, buf);
	snprintf(want, sizeof want, "\"cpu_ticks\":%lld,\"tgid\":4,\"lwp\":4,\"nlwp\":2,", (long long)ps_time_ticks(&writer));
	ck_assert_msg(strstr(buf, want), "no '%s' in %s", want, buf);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	snprintf(want, sizeof want, "\"threads\":{\"total\":%d,", c.threads);
	ck_assert_msg(strstr(buf, want), "no '%s' in %s", want, buf);
	ck_assert_int_eq(c.threads, c.total + 1);
	free(buf);
	run_free(r);
}
END_TEST

START_TEST(ps_L_counts_threads_in_the_threads_line)
{
	char line[256];
	struct run *r = at(FEEDER_LIVES);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.threads, c.total + 1);
	char *out = ps_text(r, NULL, NULL, true);
	char want[128];
	snprintf(want, sizeof want, "Threads: %d total, %d running, %d sleeping, %d stopped, %d zombie", c.threads,
		 c.threads_running, c.threads_sleeping, c.threads_stopped, c.zombie);
	ck_assert_str_eq(line_with(out, "Threads:", line, sizeof line), want);
	ck_assert_ptr_null(line_with(out, "Tasks:", line, sizeof line));
	ck_assert_str_eq(line_with(out, "S   PID", line, sizeof line),
			 "S   PID  PPID   LWP PRI  NI    VIRT    RES    SHR %MEM WCHAN                  TIME CMD");
	ck_assert_ptr_nonnull(strstr(out, "\nS     4     3     5  80   0 "));
	free(out);
	out = ps_text(r, NULL, NULL, false);
	snprintf(want, sizeof want, "Tasks: %d total,", c.total);
	ck_assert_ptr_nonnull(line_with(out, want, line, sizeof line));
	free(out);
	run_free(r);
}
END_TEST

/* The writer puts one item and ends: _exit_function joins its feeder, then
 * it exits; main, asleep, reaps it only at t=5s. */
START_TEST(a_process_whose_thread_ended_has_one_thread_and_no_l)
{
	const char *src = "tick 100ms\n"
			  "queue q\n"
			  "program writer(q)\n"
			  "    put q 1\n"
			  "    sleep 1s\n"
			  "main\n"
			  "    start writer(q) as w\n"
			  "    sleep 5s\n"
			  "    join w\n";
	char line[256];
	struct run *r = run_new(src);
	run_until(r, -1);
	ck_assert_int_eq(run_count(r, EV_THREAD, 5), 1);
	ck_assert_int_eq(run_count(r, EV_THREAD_EXIT, 5), 1);
	long long gone = run_when(r, EV_THREAD_EXIT, 5);
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), gone); /* joined, then exit_group */
	run_free(r);
	r = run_new(src);
	run_until(r, gone - 1);
	sim_advance_to(r->sim, gone - 1);
	char *out = ps_text(r, "o", "pid,lwp,nlwp,stat", true);
	ck_assert_str_eq(line_with(out, "4     5", line, sizeof line), "    4     5    2 Sl+");
	free(out);
	run_until(r, gone + 1);
	sim_advance_to(r->sim, gone + 1);
	out = ps_text(r, "o", "pid,lwp,nlwp,stat", true);
	ck_assert_str_eq(line_with(out, "4 ", line, sizeof line), "    4     4    1 Z+");
	ck_assert_ptr_null(line_with(out, "4     5", line, sizeof line));
	free(out);
	ck_assert_int_eq(snapshot_tgid(r->sim, 5), 0);
	run_free(r);
}
END_TEST

static Suite *ps_suite(void)
{
	Suite *s = suite_create("ps");
	TCase *tc = tcase_create("threads");
	tcase_add_test(tc, stat_has_l_exactly_when_the_process_has_threads);
	tcase_add_test(tc, ps_L_shows_a_row_per_thread_with_lwp_and_nlwp);
	tcase_add_test(tc, eLf_and_eLl_are_procps_s_lists);
	tcase_add_test(tc, time_of_a_process_counts_its_threads);
	tcase_add_test(tc, ps_L_counts_threads_in_the_threads_line);
	tcase_add_test(tc, a_process_whose_thread_ended_has_one_thread_and_no_l);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ps_suite)
