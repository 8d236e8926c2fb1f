/* test_parse.c: scenarios that parse: settings and their units, durations
 * rounded up to whole ticks (checked by running them), Chinese names,
 * placeholders and their {{ }} escapes, the timeline's order, and programs
 * used before they are defined. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "parse.h"
#include "parse_int.h"
#include "sig.h"
#include "testlib.h"

static struct scenario *ok_named(const char *file, const char *src)
{
	struct diags d;
	struct scenario *sc = parse_scenario(file, src, strlen(src), &d);
	if (!sc)
		for (int i = 0; i < d.count; i++)
			fprintf(stderr, "%s:%d:%d: %s\n", file, d.items[i].line, d.items[i].col, d.items[i].msg);
	ck_assert_msg(sc != NULL, "the scenario does not parse: %s", d.count ? d.items[0].msg : "?");
	return sc;
}

static struct scenario *ok(const char *src) { return ok_named("test.psim", src); }

static const struct program *prog(const struct scenario *sc, const char *name)
{
	for (int i = 0; i < sc->nprograms; i++)
		if (strcmp(sc->programs[i]->name, name) == 0)
			return sc->programs[i];
	ck_abort_msg("no program '%s'", name);
	return NULL;
}

static const struct program *main_of(const struct scenario *sc)
{
	ck_assert_int_ge(sc->main_index, 0);
	ck_assert_int_lt(sc->main_index, sc->nprograms);
	return sc->programs[sc->main_index];
}

/* The tick at which PID `pid`'s first sleep (S or D) is to end. */
static long long first_sleep_until(const char *src, int pid)
{
	struct run *r = run_new(src);
	run_until(r, -1);
	const struct sim_event *e = run_find(r, EV_SLEEP, pid, 0);
	ck_assert_msg(e != NULL, "PID %d never sleeps", pid);
	long long until = e->until - e->t;
	run_free(r);
	return until;
}

/* ---- settings ---------------------------------------------------------------- */

START_TEST(settings_have_their_documented_defaults)
{
	struct scenario *sc = ok_named("lesson.psim", "main\n    sleep 1t\n");
	ck_assert_str_eq(sc->title, "lesson.psim");
	ck_assert_int_eq(sc->tick_us, 100000);
	ck_assert_int_eq(sc->cpus, 1);
	ck_assert_int_eq(sc->sched.quantum, 3);
	ck_assert_str_eq(sc->sched.policy, "rr");
	ck_assert_int_eq(sc->pid_max, 32768);
	ck_assert_int_eq(sc->limit, -1);
	ck_assert_str_eq(sc->shell_name, "bash");
	ck_assert_int_eq(sc->nprograms, 1);
	ck_assert_str_eq(main_of(sc)->name, "main");
	ck_assert_int_eq(sc->ntimeline, 0);
	scenario_free(sc);
}
END_TEST

START_TEST(settings_take_their_values)
{
	struct scenario *sc = ok(
		"title \"课堂演示: zombies\"\n"
		"tick 50ms\n"
		"cpus 4\n"
		"quantum 200ms\n"
		"policy fifo\n"
		"pid_max 100\n"
		"limit 2s\n"
		"shell zsh\n"
		"main\n    sleep 1t\n");
	ck_assert_str_eq(sc->title, "课堂演示: zombies");
	ck_assert_int_eq(sc->tick_us, 50000);
	ck_assert_int_eq(sc->cpus, 4);
	ck_assert_int_eq(sc->sched.quantum, 4);
	ck_assert_str_eq(sc->sched.policy, "fifo");
	ck_assert_int_eq(sc->pid_max, 100);
	ck_assert_int_eq(sc->limit, 40);
	ck_assert_str_eq(sc->shell_name, "zsh");
	scenario_free(sc);
	sc = ok("shell \"fish\"\nmain\n    sleep 1t\n");
	ck_assert_str_eq(sc->shell_name, "fish");
	scenario_free(sc);
}
END_TEST

START_TEST(settings_accept_the_ends_of_their_ranges)
{
	static const char *const good[] = {
		"cpus 1", "cpus 64", "pid_max 8", "pid_max 4194304", "tick 1ms", "tick 60min", "tick 1000us",
		"quantum 1", "quantum 1000000", "limit 1", "limit 100000000", "policy rr", "policy fifo",
		"policy sjf", "policy stcf", "policy prio", "policy mlfq", "policy cfs", "levels 1", "levels 8",
		"level_quantum 1, 2, 4, 8, 16, 32, 64, 128", "allotment 10", "boost 0", "latency 6", "min_granularity 1",
		"switch_cost 0", "switch_cost 1000", "minute 12", "policy lottery", "seed 0", "seed 2147483647",
		"stay_after_io yes", "stay_after_io no", "io_bump yes", "io_bump no", "job J runs 1, tickets 1",
		"job J runs 1, tickets 1000000",
	};
	char rejected[2048] = "";
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char src[128];
		snprintf(src, sizeof src, "%s\nmain\n    sleep 1t\n", good[i]);
		struct diags d;
		struct scenario *sc = parse_scenario("t.psim", src, strlen(src), &d);
		if (!sc)
			snprintf(rejected + strlen(rejected), sizeof rejected - strlen(rejected), "\n  '%s': %s", good[i],
				 d.count ? d.items[0].msg : "");
		scenario_free(sc);
	}
	ck_assert_msg(rejected[0] == '\0', "rejected:%s", rejected);
}
END_TEST

/* limit DURATION in every unit, at tick 100ms: rounded up to whole ticks. */
START_TEST(durations_in_every_unit_round_up_to_whole_ticks)
{
	static const struct { const char *limit; long long ticks; } cases[] = {
		{"7", 7}, {"7t", 7}, {"7tick", 7}, {"7ticks", 7}, {"7 ticks", 7},
		{"100ms", 1}, {"101ms", 2}, {"250ms", 3}, {"0.25s", 3}, {"1.01s", 11}, {"2s", 20}, {"2sec", 20},
		{"1min", 600}, {"0.5min", 300}, {"1us", 1}, {"100000us", 1}, {"100001us", 2}, {"0.001ms", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char src[128];
		snprintf(src, sizeof src, "tick 100ms\nlimit %s\nmain\n    sleep 1t\n", cases[i].limit);
		struct scenario *sc = ok(src);
		ck_assert_msg(sc->limit == cases[i].ticks, "limit %s: %lld ticks, expected %lld", cases[i].limit,
			      (long long)sc->limit, cases[i].ticks);
		scenario_free(sc);
	}
	/* The quantum too; and `tick` may come after the settings that use it. */
	struct scenario *sc = ok("quantum 250ms\nlimit 1s\ntick 20ms\nmain\n    sleep 1t\n");
	ck_assert_int_eq(sc->sched.quantum, 13);
	ck_assert_int_eq(sc->limit, 50);
	scenario_free(sc);
}
END_TEST

START_TEST(sleep_quarter_second_at_tick_100ms_sleeps_3_ticks)
{
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 0.25s\n", 3), 3);
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 250ms\n", 3), 3);
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 300ms\n", 3), 3);
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 301ms\n", 3), 4);
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 3t\n", 3), 3);
	ck_assert_int_eq(first_sleep_until("main\n    sleep 2s\ntick 10ms\n", 3), 200);
	/* io is a sleep in D, with the same rounding. */
	struct run *r = run_new("main\n    io 150ms\n");
	run_until(r, -1);
	const struct sim_event *e = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->state, 'D');
	ck_assert_int_eq(e->until, 2);
	run_free(r);
}
END_TEST

START_TEST(a_duration_from_a_parameter_takes_the_unit_after_it)
{
	const char *src =
		"program task(secs)\n"
		"    sleep {secs}s\n"
		"main\n"
		"    start task(2) as p\n"
		"    join p\n";
	ck_assert_int_eq(first_sleep_until(src, 4), 20);
	/* {n}ms with n = 250 at tick 100ms: 3 ticks, rounded up. */
	const char *ms =
		"program task(n)\n"
		"    sleep {n}ms\n"
		"main\n"
		"    start task(250) as p\n"
		"    join p\n";
	ck_assert_int_eq(first_sleep_until(ms, 4), 3);
}
END_TEST

/* "rounded up": even a duration shorter than a microsecond is one tick, not
 * zero (a zero-length sleep in a loop would spin). */
START_TEST(a_duration_below_a_microsecond_still_rounds_up)
{
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 0.0000001s\n", 3), 1);
	ck_assert_int_eq(first_sleep_until("tick 100ms\nmain\n    sleep 0.0005ms\n", 3), 1);
}
END_TEST

/* LEX_NUMBER_MAX is 1e12: the documented pid_max maximum and long sleeps must
 * not be "too large". */
START_TEST(numbers_above_a_million_are_accepted)
{
	struct scenario *sc = ok("pid_max 4194304\nmain\n    sleep 2000000t\n");
	ck_assert_int_eq(sc->pid_max, 4194304);
	scenario_free(sc);
	sc = ok("limit 1500000\nmain\n    sleep 1t\n");
	ck_assert_int_eq(sc->limit, 1500000);
	scenario_free(sc);
}
END_TEST

/* ---- programs ----------------------------------------------------------------- */

START_TEST(programs_may_have_chinese_names_and_parameters)
{
	const char *src =
		"program 生产者(食物, 数量)\n"
		"    print \"{name}: {食物}×{数量}\"\n"
		"main \"python3 生产.py\"\n"
		"    start 生产者(\"面包\", 3) as 甲\n"
		"    join 甲\n"
		"    print \"joined {甲}\"\n";
	struct scenario *sc = ok(src);
	const struct program *p = prog(sc, "生产者");
	ck_assert_int_eq(p->nparams, 2);
	ck_assert_str_eq(p->local_names[0], "食物");
	ck_assert_str_eq(p->local_names[1], "数量");
	ck_assert_str_eq(main_of(sc)->name, "python3 生产.py");
	scenario_free(sc);

	struct run *r = run_new(src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "生产者: 面包×3\njoined 4\n");
	const struct sim_event *sp = run_find(r, EV_SPAWN, 4, 0);
	ck_assert_ptr_nonnull(sp);
	run_free(r);
	/* The command name in events is the program's name. */
	r = run_new(src);
	run_until(r, -1);
	bool named = false;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_SPAWN && r->events[i].ev.pid == 4)
			named = strcmp(r->events[i].name, "生产者") == 0;
	ck_assert(named);
	run_free(r);
}
END_TEST

START_TEST(programs_may_be_used_before_they_are_defined)
{
	const char *src =
		"main\n"
		"    start later(7) as h\n"
		"    fork helper\n"
		"    join h\n"
		"program later(x)\n"
		"    print \"later {x}\"\n"
		"program helper\n"
		"    print \"helper\"\n";
	struct scenario *sc = ok(src);
	const struct program *m = main_of(sc);
	ck_assert_int_eq(m->insns[0].op, OP_START);
	ck_assert_str_eq(sc->programs[m->insns[0].a]->name, "later");
	ck_assert_int_eq(m->insns[1].op, OP_FORK);
	ck_assert_str_eq(sc->programs[m->insns[1].a]->name, "helper");
	ck_assert_int_eq(m->insns[0].nargs, 1);
	ck_assert_int_eq(m->insns[0].args[0].kind, OPD_INT);
	ck_assert_int_eq(m->insns[0].args[0].num, 7);
	scenario_free(sc);
	struct run *r = run_new(src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_ptr_nonnull(strstr(run_console(r), "later 7\n"));
	ck_assert_ptr_nonnull(strstr(run_console(r), "helper\n"));
	run_free(r);
}
END_TEST

START_TEST(start_takes_numbers_strings_and_variables_as_arguments)
{
	const char *src =
		"program show(a, b, c)\n"
		"    print \"{a}|{b}|{c}\"\n"
		"main\n"
		"    repeat 2 as i\n"
		"        start show(-5, \"s {i}\", i) as h\n"
		"        join h\n";
	struct run *r = run_new(src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "-5|s 0|0\n-5|s 1|1\n");
	run_free(r);
}
END_TEST

START_TEST(repeat_counts_with_its_variable_and_blocks_nest)
{
	struct run *r = run_new(
		"main\n"
		"    repeat 2 as i\n"
		"        repeat 3 as j\n"
		"            print \"{i}{j}\"\n"
		"    print \"end\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "00\n01\n02\n10\n11\n12\nend\n");
	run_free(r);
}
END_TEST

START_TEST(instructions_compile_with_their_operands)
{
	struct scenario *sc = ok(
		"program c\n    pause\n"
		"main\n"
		"    start c as p daemon named \"worker {pid}\"\n"
		"    kill -9 self\n"
		"    kill -SIGINT parent\n"
		"    kill -hup 5\n"
		"    kill p\n"
		"    join p timeout 500ms\n"
		"    wait\n"
		"    wait p\n"
		"    exit 3\n");
	const struct program *m = main_of(sc);
	const struct insn *in = m->insns;
	ck_assert_int_eq(in[0].op, OP_START);
	ck_assert(in[0].flags & INSN_DAEMON);
	ck_assert(in[0].flags & INSN_HAS_VAR);
	ck_assert_int_eq(in[0].name.kind, OPD_FMT);
	ck_assert_int_eq(in[1].op, OP_KILL);
	ck_assert_int_eq(in[1].sig, SIG_KILL);
	ck_assert_int_eq(in[1].opd.kind, OPD_SELF);
	ck_assert_int_eq(in[2].sig, SIG_INT);
	ck_assert_int_eq(in[2].opd.kind, OPD_PARENT);
	ck_assert_int_eq(in[3].sig, SIG_HUP);
	ck_assert_int_eq(in[3].opd.kind, OPD_INT);
	ck_assert_int_eq(in[3].opd.num, 5);
	ck_assert_int_eq(in[4].sig, SIG_TERM);
	ck_assert_int_eq(in[4].opd.kind, OPD_VAR);
	ck_assert_int_eq(in[5].op, OP_JOIN);
	ck_assert(in[5].flags & INSN_HAS_TIMEOUT);
	ck_assert_int_eq(in[5].dur.unit_us, 1000);
	ck_assert_int_eq(in[5].dur.amount.num, 500000000);
	ck_assert_int_eq(in[6].op, OP_WAIT);
	ck_assert_int_eq(in[6].opd.kind, OPD_NONE);
	ck_assert_int_eq(in[7].opd.kind, OPD_VAR);
	ck_assert_int_eq(in[8].op, OP_EXIT);
	ck_assert_int_eq(in[8].opd.num, 3);
	ck_assert_int_eq(in[9].op, OP_CODE_END);
	for (int i = 0; i < 9; i++)
		ck_assert_int_eq(in[i].line, 4 + i);
	ck_assert_int_eq(in[0].col, 5);
	scenario_free(sc);
}
END_TEST

/* ---- placeholders -------------------------------------------------------------- */

START_TEST(placeholders_fill_in_and_double_braces_are_literal)
{
	struct run *r = run_new(
		"main \"m\"\n"
		"    print \"{{pid}} = {pid}, {{{pid}}}, {{}}\"\n"
		"    print \"{name} {ppid} {tick} {time} {elapsed}\"\n"
		"    print \"\\{x\\} \\\"q\\\" a\\\\b\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const char *out = run_console(r);
	const char *want1 = "{pid} = 3, {3}, {}\n";
	ck_assert_msg(strncmp(out, want1, strlen(want1)) == 0, "console: %s", out);
	const char *l2 = out + strlen(want1);
	ck_assert_msg(strncmp(l2, "m 2 0 ", 6) == 0, "line 2: %s", l2);
	const char *l3 = strchr(l2, '\n') + 1;
	ck_assert_str_eq(l3, "{x} \"q\" a\\b\n");
	run_free(r);
}
END_TEST

START_TEST(placeholders_with_chinese_text_around_them)
{
	struct run *r = run_new(
		"program 任务(名字)\n"
		"    print \"「{名字}」运行中，pid={pid}。\"\n"
		"main\n"
		"    start 任务(\"子进程1\") as p\n"
		"    join p\n"
		"    print \"耗时：{elapsed}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_ptr_nonnull(strstr(run_console(r), "「子进程1」运行中，pid=4。\n"));
	ck_assert_ptr_nonnull(strstr(run_console(r), "耗时："));
	run_free(r);
}
END_TEST

/* Strings that are not placeholder strings (title, main's name, typed text)
 * unescape \{ to one brace, as print does. */
START_TEST(escaped_braces_in_a_command_name_are_single)
{
	struct scenario *sc = ok("title \"a \\{b\\}\"\nmain \"m \\{z\\}\"\n    sleep 1t\nat 1 type \"\\{t\\}\"\n");
	ck_assert_str_eq(main_of(sc)->name, "m {z}");
	ck_assert_str_eq(sc->title, "a {b}");
	ck_assert_str_eq(sc->timeline[0].text, "{t}");
	scenario_free(sc);
}
END_TEST

/* ---- timeline --------------------------------------------------------------------- */

START_TEST(the_timeline_is_sorted_by_time_then_file_order)
{
	struct scenario *sc = ok(
		"at 2 jobs\n"              /* 1: tick 2 */
		"at 100ms bg\n"            /* 2: tick 1 */
		"at 1 kill -KILL 5\n"      /* 3: tick 1 */
		"at 0.05s fg\n"            /* 4: 50ms rounds up to tick 1 */
		"at 0 type \"hi 你好\"\n"  /* 5: tick 0 */
		"at 150ms ctrl-z\n"        /* 6: tick 2 */
		"at 1 kill 生产者\n"       /* 7: tick 1 */
		"main\n    sleep 1t\n"
		"at 0.2s ctrl-c\n"         /* 10: tick 2 */
		"at 1 kill \"python3 a.py\"\n"); /* 11: tick 1 */
	static const struct { int line; long long tick; enum tl_kind kind; } want[] = {
		{5, 0, TL_TYPE}, {2, 1, TL_BG}, {3, 1, TL_KILL}, {4, 1, TL_FG}, {7, 1, TL_KILL}, {11, 1, TL_KILL},
		{1, 2, TL_JOBS}, {6, 2, TL_CTRL_Z}, {10, 2, TL_CTRL_C},
	};
	int n = (int)(sizeof want / sizeof want[0]);
	ck_assert_int_eq(sc->ntimeline, n);
	for (int i = 0; i < n; i++) {
		const struct timeline_event *e = &sc->timeline[i];
		ck_assert_msg(e->line == want[i].line && e->at_ticks == want[i].tick && e->kind == want[i].kind,
			      "event %d: line %d tick %lld kind %d, expected line %d tick %lld kind %d", i, e->line,
			      (long long)e->at_ticks, e->kind, want[i].line, want[i].tick, want[i].kind);
		ck_assert_int_eq(e->col, 1);
	}
	ck_assert_str_eq(sc->timeline[0].text, "hi 你好");
	ck_assert_int_eq(sc->timeline[2].sig, SIG_KILL);
	ck_assert_int_eq(sc->timeline[2].target_pid, 5);
	ck_assert_int_eq(sc->timeline[4].sig, SIG_TERM);
	ck_assert_ptr_nonnull(sc->timeline[4].target_name);
	ck_assert_str_eq(sc->timeline[4].target_name, "生产者");
	ck_assert_str_eq(sc->timeline[5].target_name, "python3 a.py");
	scenario_free(sc);
}
END_TEST

START_TEST(timeline_times_follow_the_tick_length)
{
	struct scenario *sc = ok("tick 10ms\nat 1s jobs\nat 5 bg\nat 15ms fg\nmain\n    sleep 1t\n");
	ck_assert_int_eq(sc->timeline[0].at_ticks, 2);   /* 15ms: 1.5 ticks, rounded up */
	ck_assert_int_eq(sc->timeline[1].at_ticks, 5);   /* 5 ticks */
	ck_assert_int_eq(sc->timeline[2].at_ticks, 100); /* 1s */
	scenario_free(sc);
}
END_TEST

/* ---- layout ------------------------------------------------------------------------ */

START_TEST(comments_blank_lines_crlf_and_tabs_do_not_change_the_program)
{
	const char *plain = "program w(n)\n    repeat n\n        sleep 1t\nmain\n    start w(2) as p\n    join p\n";
	const char *noisy =
		"\xEF\xBB\xBF# a lesson\r\n"
		"program w(n)   # worker\r\n"
		"\r\n"
		"\trepeat n\r\n"
		"        # inside\r\n"
		"\t\tsleep 1t\r\n"
		"   \r\n"
		"main\r\n"
		"    start w(2) as p\r\n"
		"\r\n"
		"    join p";
	struct scenario *a = ok(plain), *b = ok(noisy);
	ck_assert_int_eq(a->nprograms, b->nprograms);
	for (int i = 0; i < a->nprograms; i++) {
		const struct program *x = a->programs[i], *y = b->programs[i];
		ck_assert_str_eq(x->name, y->name);
		ck_assert_int_eq(x->ninsns, y->ninsns);
		for (int k = 0; k < x->ninsns; k++) {
			ck_assert_int_eq(x->insns[k].op, y->insns[k].op);
			ck_assert_int_eq(x->insns[k].target, y->insns[k].target);
		}
	}
	scenario_free(a);
	scenario_free(b);
}
END_TEST

START_TEST(a_parsed_scenario_runs_the_same_as_its_source_says)
{
	/* The join-in-loop lesson: children of 1, 2 and 3 s started and joined
	 * one after the other take 6 s. */
	struct run *r = run_new(
		"tick 100ms\n"
		"program task(name, secs)\n"
		"    sleep {secs}s\n"
		"main\n"
		"    start task(\"a\", 1) as p1\n"
		"    join p1\n"
		"    start task(\"b\", 2) as p2\n"
		"    join p2\n"
		"    start task(\"c\", 3) as p3\n"
		"    join p3\n"
		"    print \"{elapsed}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *e = run_find(r, EV_PRINT, 3, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->t, 60);
	run_free(r);
}
END_TEST

/* ---- jobs ----------------------------------------------------------------------- */

static const struct program *job_of(const struct scenario *sc, const struct timeline_event *e)
{
	ck_assert_int_eq(e->kind, TL_JOB);
	ck_assert_int_ge(e->program, 0);
	ck_assert_int_lt(e->program, sc->nprograms);
	return sc->programs[e->program];
}

START_TEST(jobs_become_programs_that_arrive_on_the_timeline)
{
	const char *src =
		"policy fifo\n"
		"job B arrives 1, runs 2, io 1 every 1\n"
		"job A arrives 0, runs 3\n"
		"job 长作业 arrives 0.5s runs 250ms nice -5\n";
	struct scenario *sc = ok(src);
	ck_assert_int_eq(sc->main_index, -1);
	ck_assert_int_eq(sc->ntimeline, 3);
	/* Sorted by arrival, then file order. */
	const struct program *a = job_of(sc, &sc->timeline[0]);
	const struct program *b = job_of(sc, &sc->timeline[1]);
	const struct program *c = job_of(sc, &sc->timeline[2]);
	ck_assert_str_eq(a->name, "A");
	ck_assert_str_eq(b->name, "B");
	ck_assert_str_eq(c->name, "长作业");
	ck_assert_int_eq(sc->timeline[0].at_ticks, 0);
	ck_assert_int_eq(sc->timeline[1].at_ticks, 1);
	ck_assert_int_eq(sc->timeline[2].at_ticks, 5);
	ck_assert(a->is_job && b->is_job && c->is_job);
	ck_assert_int_eq(a->demand, 3);
	ck_assert_int_eq(b->demand, 2);
	ck_assert_int_eq(c->demand, 3);
	ck_assert_int_eq(sc->timeline[2].nice, -5);
	scenario_free(sc);

	/* Under fifo, A (arrived first) runs to its end before B starts. */
	struct run *r = run_new(src);
	run_until(r, -1);
	const struct sim_event *sa = run_find(r, EV_SPAWN, 3, 0);
	ck_assert_ptr_nonnull(sa);
	ck_assert_int_eq(sa->ppid, 1);
	ck_assert_int_eq(sa->t, 0);
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), 3);
	run_free(r);
}
END_TEST

/* A job's demand (what sjf and stcf see) and a program's literal computes. */
START_TEST(a_programs_demand_is_the_sum_of_its_literal_computes)
{
	struct scenario *sc = ok(
		"tick 100ms\n"
		"program w(n)\n"
		"    compute 250ms\n"
		"    compute 2t\n"
		"    compute {n} ticks\n"
		"    sleep 5t\n"
		"main\n"
		"    start w(1) as p\n"
		"    join p\n");
	ck_assert_int_eq(prog(sc, "w")->demand, 3 + 2);
	ck_assert_int_eq(main_of(sc)->demand, 0);
	scenario_free(sc);
}
END_TEST

/* `procsim help` and "did you mean" read the table of decl.c: a setting the
 * parser takes must be in it, and a setting in it must be one the parser takes. */
START_TEST(every_setting_is_documented_in_the_declaration_table)
{
	for (size_t i = 0; i < parse_nsettings; i++) {
		const struct decl_info *d = decl_find(parse_settings[i].name);
		ck_assert_msg(d != NULL, "setting '%s' is not in sim/lang/decl.c", parse_settings[i].name);
		ck_assert_int_eq(d->kind, DECL_SETTING);
	}
	int n, settings = 0;
	const struct decl_info *all = decl_all(&n);
	for (int i = 0; i < n; i++) {
		if (all[i].kind != DECL_SETTING)
			continue;
		settings++;
		bool known = false;
		for (size_t k = 0; k < parse_nsettings; k++)
			known |= strcmp(parse_settings[k].name, all[i].name) == 0;
		ck_assert_msg(known, "decl.c documents '%s', which the parser does not take", all[i].name);
	}
	ck_assert_int_eq(settings, (int)parse_nsettings);
}
END_TEST

/* Every declaration the table lists starts a line the parser takes. */
START_TEST(every_documented_declaration_parses)
{
	static const struct { const char *word, *src; } rows[] = {
		{"program", "program f\n    sleep 1t\nmain\n    start f()\n"},
		{"main", "main \"python3 a.py\"\n    sleep 1t\n"},
		{"var", "var x = 1\nmain\n    sleep 1t\n"},
		{"shared", "shared x = 1\nmain\n    sleep 1t\n"},
		{"lock", "lock l\nmain\n    sleep 1t\n"},
		{"queue", "queue q maxsize 2\nmain\n    sleep 1t\n"},
		{"joinable_queue", "joinable_queue q\nmain\n    sleep 1t\n"},
		{"pipe", "pipe a, b simplex\nmain\n    sleep 1t\n"},
		{"job", "job A arrives 0 runs 3\n"},
		{"at", "main\n    sleep 5t\nat 2 ctrl-c\n"},
		{"cron", "limit 6min\nprogram b\n    compute 2s\ncron \"*/5 * * * *\" b\n"},
	};
	int n, declarations = 0;
	const struct decl_info *all = decl_all(&n);
	for (int i = 0; i < n; i++)
		declarations += all[i].kind == DECL_DECLARATION;
	ck_assert_int_eq(declarations, (int)(sizeof rows / sizeof rows[0]));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct decl_info *d = decl_find(rows[i].word);
		ck_assert_msg(d && d->kind == DECL_DECLARATION, "'%s' is not a declaration in decl.c", rows[i].word);
		struct scenario *sc = ok(rows[i].src);
		scenario_free(sc);
	}
}
END_TEST

/* The command line's durations (--quantum 2s) have the file's units and
 * rounding; a bare number is ticks (issue 11, item 8). */
START_TEST(a_command_line_duration_has_the_languages_units)
{
	static const struct { const char *text; int64_t ticks; } ok[] = {
		{"3", 3}, {"3t", 3}, {"3 ticks", 3}, {"1tick", 1}, {"2s", 20}, {"2sec", 20}, {"250ms", 3},
		{"1.5s", 15}, {"1min", 600}, {"1us", 1}, {"0", 0},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t micro, unit_us;
		ck_assert_msg(parse_duration_text(ok[i].text, &micro, &unit_us), "'%s' refused", ok[i].text);
		ck_assert_int_eq(duration_ticks(micro, unit_us, 100000), ok[i].ticks);
	}
	static const char *const bad[] = {"", "s", "2x", "1.5", "1.5t", "-1", "2 s s", "1.s", "2S", "9999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t micro, unit_us;
		ck_assert_msg(!parse_duration_text(bad[i], &micro, &unit_us), "'%s' accepted", bad[i]);
	}
}
END_TEST

Suite *parse_suite(void);
Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *st = tcase_create("settings");
	tcase_add_test(st, settings_have_their_documented_defaults);
	tcase_add_test(st, settings_take_their_values);
	tcase_add_test(st, settings_accept_the_ends_of_their_ranges);
	tcase_add_test(st, durations_in_every_unit_round_up_to_whole_ticks);
	tcase_add_test(st, sleep_quarter_second_at_tick_100ms_sleeps_3_ticks);
	tcase_add_test(st, a_duration_from_a_parameter_takes_the_unit_after_it);
	tcase_add_test(st, numbers_above_a_million_are_accepted);
	tcase_add_test(st, a_duration_below_a_microsecond_still_rounds_up);
	tcase_add_test(st, a_command_line_duration_has_the_languages_units);
	tcase_add_test(st, every_setting_is_documented_in_the_declaration_table);
	tcase_add_test(st, every_documented_declaration_parses);
	suite_add_tcase(s, st);
	TCase *pg = tcase_create("programs");
	tcase_add_test(pg, programs_may_have_chinese_names_and_parameters);
	tcase_add_test(pg, programs_may_be_used_before_they_are_defined);
	tcase_add_test(pg, start_takes_numbers_strings_and_variables_as_arguments);
	tcase_add_test(pg, repeat_counts_with_its_variable_and_blocks_nest);
	tcase_add_test(pg, instructions_compile_with_their_operands);
	tcase_add_test(pg, comments_blank_lines_crlf_and_tabs_do_not_change_the_program);
	tcase_add_test(pg, a_parsed_scenario_runs_the_same_as_its_source_says);
	suite_add_tcase(s, pg);
	TCase *ph = tcase_create("placeholders");
	tcase_add_test(ph, placeholders_fill_in_and_double_braces_are_literal);
	tcase_add_test(ph, placeholders_with_chinese_text_around_them);
	tcase_add_test(ph, escaped_braces_in_a_command_name_are_single);
	suite_add_tcase(s, ph);
	TCase *tl = tcase_create("timeline");
	tcase_add_test(tl, the_timeline_is_sorted_by_time_then_file_order);
	tcase_add_test(tl, timeline_times_follow_the_tick_length);
	suite_add_tcase(s, tl);
	TCase *jb = tcase_create("jobs");
	tcase_add_test(jb, jobs_become_programs_that_arrive_on_the_timeline);
	tcase_add_test(jb, a_programs_demand_is_the_sum_of_its_literal_computes);
	suite_add_tcase(s, jb);
	return s;
}

TEST_MAIN(parse_suite)
