/* test_jobs.c: bash's job control with several jobs, as bash 5.2 prints it
 * (measured: tests/truth/README.md, "Job control"): `cmd &` and `[N] PID`,
 * jobs with '+' and '-', fg %N, bg %N, kill %N, wait, %N, and the notices of
 * jobs that end. The programs here print nothing: the console is bash's. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

/* main runs for ever in the background; b is a second program to start. */
#define TWO_JOBS                                              \
	"program b\n    loop\n        compute 2t\n        sleep 1t\n" \
	"main \"python3 a.py &\"\n    loop\n        compute 2t\n        sleep 1t\n"

static int tpgid(struct run *r, int pid)
{
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, pid, &pi));
	return pi.tpgid;
}

static char state(struct run *r, int pid)
{
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, pid, &pi));
	return pi.state;
}

/* The shell's side of the terminal, as a screen would show it: "$ LINE"
 * for each line it read, then what it printed. */
static const char *transcript(const struct run *r)
{
	static char buf[8192];
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->pid != 2 || (e->kind != EV_INPUT && e->kind != EV_PRINT))
			continue;
		if (used + strlen(r->events[i].text) + 4 < sizeof buf)
			used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s\n", e->kind == EV_INPUT ? "$ " : "",
						 r->events[i].text);
	}
	return buf;
}

START_TEST(ampersand_on_main_starts_it_in_the_background)
{
	struct run *r = run_new(TWO_JOBS "at 2 jobs\nlimit 5\n");
	ck_assert(r->sc->main_background);
	ck_assert_str_eq(r->sc->programs[r->sc->main_index]->name, "python3 a.py");
	ck_assert_int_eq(run_until(r, 1), SIM_RUNNING);
	/* bash kept the terminal and is at its prompt; main leads its group */
	ck_assert_int_eq(tpgid(r, 3), 2);
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, 3, &pi));
	ck_assert_int_eq(pi.pgid, 3);
	run_until(r, -1);
	ck_assert_str_eq(transcript(r), "[1] 3\n"
					"$ jobs\n"
					"[1]+  Running                 python3 a.py &\n");
	run_free(r);
}
END_TEST

/* describe_pid writes "[N] PID" on stderr; jobs writes on stdout. */
START_TEST(a_typed_command_with_ampersand_is_a_new_background_job)
{
	struct run *r = run_new(TWO_JOBS "at 1 type \"b &\"\nat 2 jobs\nlimit 8\n");
	run_until(r, -1);
	const struct sim_event *fork = run_find(r, EV_SPAWN, 4, 0);
	ck_assert_ptr_nonnull(fork);
	ck_assert_int_eq(fork->ppid, 2);
	ck_assert_str_eq(transcript(r), "[1] 3\n"
					"$ b &\n"
					"[2] 4\n"
					"$ jobs\n"
					"[1]-  Running                 python3 a.py &\n"
					"[2]+  Running                 b &\n");
	ck_assert_int_eq(run_find(r, EV_PRINT, 2, 1)->code, 1); /* stderr */
	ck_assert_int_eq(run_find(r, EV_PRINT, 2, 2)->code, 0); /* stdout */
	struct proc_info pi;
	ck_assert(snapshot_proc(r->sim, 4, &pi));
	ck_assert_int_eq(pi.pgid, 4);
	ck_assert_int_eq(pi.tpgid, 2);
	run_free(r);
}
END_TEST

/* The post's order: job 1 stopped stays '+' when job 2 starts in the
 * background (reset_current prefers a stopped job); bg 1 leaves job 2 '+'
 * (reset_current: the newest running job), as bash 5.2 does. */
START_TEST(jobs_marks_current_and_previous_as_bash_does)
{
	struct run *r = run_new("main \"python main.py\"\n    loop\n        compute 2t\n        sleep 1t\n"
				"at 1 ctrl-z\nat 2 run main &\nat 3 jobs\nat 4 bg 1\nat 5 jobs\nlimit 9\n");
	run_until(r, -1);
	ck_assert_str_eq(transcript(r), "[1]+  Stopped                 python main.py\n"
					"$ python main.py &\n"
					"[2] 4\n"
					"$ jobs\n"
					"[1]+  Stopped                 python main.py\n"
					"[2]-  Running                 python main.py &\n"
					"$ bg 1\n"
					"[1]+ python main.py &\n"
					"$ jobs\n"
					"[1]-  Running                 python main.py &\n"
					"[2]+  Running                 python main.py &\n");
	run_free(r);
}
END_TEST

START_TEST(fg_percent_1_gives_job_1_the_terminal_and_job_2_keeps_running)
{
	struct run *r = run_new(TWO_JOBS "at 1 run b &\nat 3 fg %1\nlimit 20\n");
	ck_assert_int_eq(run_until(r, 8), SIM_RUNNING);
	ck_assert_str_eq(transcript(r), "[1] 3\n$ b &\n[2] 4\n$ fg %1\npython3 a.py\n");
	ck_assert_int_eq(tpgid(r, 3), 3);
	ck_assert_int_ne(state(r, 4), 'T');
	struct proc_info before, after;
	ck_assert(snapshot_proc(r->sim, 4, &before));
	run_until(r, 16);
	ck_assert(snapshot_proc(r->sim, 4, &after));
	ck_assert_int_gt(after.cpu_ticks, before.cpu_ticks);
	/* bash waits for job 1, in wait4 on its PID */
	ck_assert(snapshot_proc(r->sim, 2, &after));
	ck_assert_int_eq(after.wait_pid, 3);
	run_free(r);
}
END_TEST

START_TEST(kill_stop_then_bg_percent_2_continues_job_2)
{
	struct run *r = run_new(TWO_JOBS "at 1 run b &\nat 3 kill -STOP %2\nat 10 bg %2\nlimit 16\n");
	ck_assert_int_eq(run_until(r, 9), SIM_RUNNING);
	ck_assert_int_eq(state(r, 4), 'T');
	run_until(r, 15);
	ck_assert_int_ne(state(r, 4), 'T');
	ck_assert_str_eq(transcript(r), "[1] 3\n$ b &\n[2] 4\n"
					"$ kill -STOP %2\n"
					"[2]+  Stopped                 b\n"
					"$ bg %2\n"
					"[2]+ b &\n");
	run_free(r);
}
END_TEST

START_TEST(kill_percent_1_is_reported_terminated)
{
	struct run *r = run_new(TWO_JOBS "at 1 run b &\nat 3 kill %1\nat 8 jobs\nlimit 10\n");
	run_until(r, -1);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 15);
	ck_assert_str_eq(transcript(r), "[1] 3\n$ b &\n[2] 4\n"
					"$ kill %1\n"
					"[1]-  Terminated              python3 a.py\n"
					"$ jobs\n"
					"[2]+  Running                 b &\n");
	run_free(r);
}
END_TEST

/* notify_of_job_status for background jobs: Done, Exit N, Killed. */
START_TEST(background_jobs_that_end_are_reported)
{
	struct run *r = run_new("program ok\n    sleep 1t\n"
				"program three\n    sleep 2t\n    exit 3\n"
				"program forever\n    loop\n        sleep 1t\n"
				"main \"python3 a.py &\"\n    sleep 10t\n"
				"at 1 run ok &\nat 1 run three &\nat 1 run forever &\nat 5 kill -KILL %4\nat 5 kill -9 %1\n");
	run_until(r, -1);
	ck_assert_str_eq(transcript(r), "[1] 3\n"
					"$ ok &\n[2] 4\n$ three &\n[3] 5\n$ forever &\n[4] 6\n"
					"[2]   Done                    ok\n"
					"[3]-  Exit 3                  three\n"
					"$ kill -KILL %4\n$ kill -9 %1\n"
					"[1]-  Killed                  python3 a.py\n"
					"[4]+  Killed                  forever\n");
	run_free(r);
}
END_TEST

/* bash's wait builtin waits for every job running in the background; the
 * line typed after it is read only then. */
START_TEST(wait_waits_for_every_background_job)
{
	struct run *r = run_new("program b\n    sleep 4t\n"
				"main \"python3 a.py &\"\n    sleep 2t\n"
				"at 1 run b &\nat 1 wait\nat 1 jobs\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(transcript(r), "[1] 3\n$ b &\n[2] 4\n$ wait\n"
					"[1]-  Done                    python3 a.py\n"
					"[2]+  Done                    b\n"
					"$ jobs\n");
	int n = 0;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_INPUT && n++ == 2)
			ck_assert_int_eq(r->events[i].ev.t, 5);
	run_free(r);
}
END_TEST

START_TEST(job_specs_percent_minus_and_percent_percent)
{
	struct run *r = run_new("program b\n    loop\n        sleep 1t\n"
				"main \"python3 a.py\"\n    loop\n        sleep 1t\n"
				"at 1 ctrl-z\nat 2 run b\nat 3 ctrl-z\nat 4 type \"%-\"\nat 6 ctrl-z\nat 7 type \"%%\"\n"
				"limit 9\n");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	ck_assert_int_eq(tpgid(r, 3), 3); /* %-: job 1, the previous job */
	run_until(r, 8);
	ck_assert_int_eq(tpgid(r, 3), 3); /* %%: job 1, current again since it stopped last */
	ck_assert_str_eq(transcript(r), "[1]+  Stopped                 python3 a.py\n"
					"$ b\n"
					"[2]+  Stopped                 b\n"
					"$ %-\n"
					"python3 a.py\n"
					"[1]+  Stopped                 python3 a.py\n"
					"$ %%\n"
					"python3 a.py\n");
	run_free(r);
}
END_TEST

START_TEST(bad_job_specs_say_what_bash_says)
{
	struct run *r = run_new(TWO_JOBS "at 1 fg %5\nat 1 bg\nat 1 kill %7\nat 1 type \"nothing here\"\n"
				"at 1 type \"%1 &\"\nlimit 6\n");
	run_until(r, -1);
	ck_assert_str_eq(transcript(r), "[1] 3\n"
					"$ fg %5\nbash: fg: %5: no such job\n"
					"$ bg\nbash: bg: job 1 already in background\n"
					"$ kill %7\nbash: kill: %7: no such job\n"
					"$ nothing here\nbash: nothing here: command not found\n"
					"$ %1 &\nbash: bg: job 1 already in background\n");
	run_free(r);
}
END_TEST

START_TEST(fg_with_no_job_is_current_no_such_job)
{
	struct run *r = run_new("main\n    sleep 1t\nat 2 fg\nlimit 3\n");
	run_until(r, -1);
	ck_assert_str_eq(transcript(r), "$ fg\nbash: fg: current: no such job\n");
	run_free(r);
}
END_TEST

START_TEST(run_names_a_program_of_the_scenario)
{
	const struct diags *d = parse_errors("program worker\n    sleep 1t\nmain\n    sleep 1t\nat 1 run workr &\n");
	ck_assert_int_ge(d->count, 1);
	ck_assert(strstr(d->items[0].msg, "unknown program 'workr'"));
	ck_assert(strstr(d->items[0].hint, "worker"));
	d = parse_errors("program w(n)\n    sleep 1t\nmain\n    sleep 1t\nat 1 run w\n");
	ck_assert_int_ge(d->count, 1);
	ck_assert(strstr(d->items[0].msg, "has parameters"));
}
END_TEST

static Suite *jobs_suite(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("job control");
	tcase_add_test(tc, ampersand_on_main_starts_it_in_the_background);
	tcase_add_test(tc, a_typed_command_with_ampersand_is_a_new_background_job);
	tcase_add_test(tc, jobs_marks_current_and_previous_as_bash_does);
	tcase_add_test(tc, fg_percent_1_gives_job_1_the_terminal_and_job_2_keeps_running);
	tcase_add_test(tc, kill_stop_then_bg_percent_2_continues_job_2);
	tcase_add_test(tc, kill_percent_1_is_reported_terminated);
	tcase_add_test(tc, background_jobs_that_end_are_reported);
	tcase_add_test(tc, wait_waits_for_every_background_job);
	tcase_add_test(tc, job_specs_percent_minus_and_percent_percent);
	tcase_add_test(tc, bad_job_specs_say_what_bash_says);
	tcase_add_test(tc, fg_with_no_job_is_current_no_such_job);
	tcase_add_test(tc, run_names_a_program_of_the_scenario);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(jobs_suite)
