/* test_seeds.c: the seed library (every .psim file in scenarios/seeds/), one
 * test per file.
 *
 * Each scenario reproduces one example of the teaching material
 * (the .txt files of shared/seeds/). Each test loads the file from
 * $PROCSIM_SOURCE_ROOT/scenarios/seeds/, runs it with the invariant checks on
 * and asserts what the material describes: the printed lines and their
 * order, when they are printed (1 tick = 100 ms in every seed, so 1 s = 10
 * ticks), the states that a `ps` would show, who reaps whom, how the run
 * ends. Where the material is wrong or imprecise the test asserts what Linux
 * and CPython really do, and a comment names the note (M1, M2, ...) in
 * docs/multiprocessing.md, "Where the material is wrong or imprecise". */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "snapshot.h"
#include "testlib.h"

#define S(n) ((n) * 10LL) /* seconds to ticks: the seeds have `tick 100ms` (but pool-manager-queue: 100us) */

/* ---- helpers ----------------------------------------------------------------- */

/* The whole file as a NUL-terminated string (the caller frees it). */
static char *load_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* scenarios/seeds/NAME under the source root the test harness gives. */
static char *load_seed(const char *name)
{
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	ck_assert_msg(root && *root, "PROCSIM_SOURCE_ROOT is not set (meson test sets it)");
	char path[4096];
	snprintf(path, sizeof path, "%s/scenarios/seeds/%s", root, name);
	return load_file(path);
}

/* Loads and parses a seed, with invariant checks on; not run yet. */
static struct run *seed_new(const char *name)
{
	char *src = load_seed(name);
	struct run *r = run_new(src);
	free(src);
	return r;
}

/* Runs a seed to its end and checks how it ended. */
static struct run *seed_run(const char *name, enum sim_status want)
{
	struct run *r = seed_new(name);
	enum sim_status got = run_until(r, -1);
	ck_assert_msg(got == want, "%s ended with status %d, expected %d", name, (int)got, (int)want);
	return r;
}

static const char *event_text(const struct sim_event *e) { return ((const struct recorded *)e)->text; }

/* The nth print whose line is exactly `text`, or NULL. */
static const struct sim_event *print_nth(const struct run *r, const char *text, int nth)
{
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_PRINT && strcmp(r->events[i].text, text) == 0 && nth-- == 0)
			return &r->events[i].ev;
	return NULL;
}

/* The tick of the first print of exactly `text`, or -1. */
static long long print_tick(const struct run *r, const char *text)
{
	const struct sim_event *e = print_nth(r, text, 0);
	return e ? e->t : -1;
}

/* The position of the first print of `text` in the event stream, or -1. */
static int print_pos(const struct run *r, const char *text)
{
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_PRINT && strcmp(r->events[i].text, text) == 0)
			return i;
	return -1;
}

/* How many printed lines contain `part`. */
static int prints_containing(const struct run *r, const char *part)
{
	int n = 0;
	for (int i = 0; i < r->count; i++)
		n += r->events[i].ev.kind == EV_PRINT && strstr(r->events[i].text, part) != NULL;
	return n;
}

/* The exit event of pid (its last one: a PID can be used again), or NULL. */
static const struct sim_event *exit_of(const struct run *r, int pid)
{
	const struct sim_event *e = NULL;
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_EXIT && r->events[i].ev.pid == pid)
			e = &r->events[i].ev;
	return e;
}

static void assert_killed_by_term(const struct run *r, int pid, long long t)
{
	const struct sim_event *e = exit_of(r, pid);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->sig, 15);
	ck_assert_int_eq(e->t, t);
}

static void assert_exit_code(const struct run *r, int pid, int code, long long t)
{
	const struct sim_event *e = exit_of(r, pid);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->sig, 0);
	ck_assert_int_eq(e->code, code);
	if (t >= 0)
		ck_assert_int_eq(e->t, t);
}

/* Who reaped pid (its first reap), and when. */
static void assert_reaped_by(const struct run *r, int pid, int by, long long t)
{
	const struct sim_event *e = run_find(r, EV_REAP, pid, 0);
	ck_assert_msg(e != NULL, "PID %d is never reaped", pid);
	ck_assert_int_eq(e->other, by);
	if (t >= 0)
		ck_assert_int_eq(e->t, t);
}

/* The state of one process now. */
static struct proc_info proc_now(const struct run *r, int pid)
{
	struct proc_info p;
	ck_assert_msg(snapshot_proc(r->sim, pid, &p), "no process %d", pid);
	return p;
}

/* A shared object by name. */
static struct obj_info object_named(const struct run *r, const char *name)
{
	struct obj_info o;
	int n = snapshot_objects(r->sim);
	for (int i = 0; i < n; i++)
		if (snapshot_object(r->sim, i, &o) && strcmp(o.name, name) == 0)
			return o;
	ck_abort_msg("no object %s", name);
	return o;
}

/* What procsim says at the end of a run (narrate_end), e.g. the
 * "nothing can ever run again" explanation. The caller frees it. */
static char *end_text(const struct run *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	narrate_end(f, r->sim);
	fclose(f);
	return buf;
}

static void assert_end_says(const struct run *r, const char *part)
{
	char *t = end_text(r);
	ck_assert_msg(strstr(t, part) != NULL, "the end of the run does not say \"%s\":\n%s", part, t);
	free(t);
}

/* The number of processes ever created with parent ppid. */
static int children_spawned(const struct run *r, int ppid)
{
	int n = 0;
	for (int i = 0; i < r->count; i++)
		n += r->events[i].ev.kind == EV_SPAWN && r->events[i].ev.ppid == ppid;
	return n;
}

/* ---- Process, start, join ------------------------------------------------------- */

START_TEST(process_start_sleep)
{
	/* seed 002: son run / over / son over; main does not exit before its child (M4) */
	struct run *r = seed_new("process-start-sleep.psim");
	ck_assert_int_eq(run_until(r, S(4)), SIM_RUNNING);
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	/* do_wait, in _exit_function's p.join() of its one child */
	ck_assert_int_eq(m.wchan, WCHAN_CHILD_PID);
	ck_assert_int_eq(m.wait_pid, 4);
	ck_assert(m.code_ended);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "son run\nover\nson over\n");
	ck_assert_int_eq(print_tick(r, "son run"), S(1));
	ck_assert_int_eq(print_tick(r, "over"), S(3));
	ck_assert_int_eq(print_tick(r, "son over"), S(6));
	ck_assert_int_eq(run_when(r, EV_CODE_END, 3), S(3));
	assert_reaped_by(r, 4, 3, S(6));
	assert_exit_code(r, 3, 0, S(6));
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(myprocess_class)
{
	/* seed 002: the material prints bbb run first; the order of two runnable
	 * children is the scheduler's (M1). What holds: they overlap. */
	struct run *r = seed_run("myprocess-class.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "aaa run\nbbb run\naaa over\nbbb over\n");
	ck_assert_int_eq(print_tick(r, "aaa over"), S(1));
	ck_assert_int_eq(print_tick(r, "bbb over"), S(3));
	const struct sim_event *sp = run_find(r, EV_SPAWN, 4, 0);
	ck_assert_str_eq(((const struct recorded *)sp)->name, "aaa");
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), S(3));
	run_free(r);
}
END_TEST

START_TEST(memory_isolation_n)
{
	/* seed 002: far:n=10, son:n=0 (M2: the material's n is a local anyway) */
	struct run *r = seed_run("memory-isolation-n.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "far:n=10\nson:n=0\n");
	run_free(r);
}
END_TEST

START_TEST(memory_isolation_global)
{
	/* seed 003, 1.2.2: the child's global a = 200 does not change main's */
	struct run *r = seed_run("memory-isolation-global.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "200\n100\n");
	run_free(r);
}
END_TEST

START_TEST(memory_isolation_nums)
{
	/* seed 001: work2, started after work1 appended 0, 1, 2, still sees [11, 22] */
	struct run *r = seed_run("memory-isolation-nums.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "in process1 pid=4 ,nums=[11, 22]\n"
			 "in process1 pid=4 ,nums=[11, 22, 0]\n"
			 "in process1 pid=4 ,nums=[11, 22, 0, 1]\n"
			 "in process1 pid=4 ,nums=[11, 22, 0, 1, 2]\n"
			 "in process2 pid=5 ,nums=[11, 22]\n");
	ck_assert_int_eq(print_tick(r, "in process2 pid=5 ,nums=[11, 22]"), S(3));
	run_free(r);
}
END_TEST

START_TEST(join_timeout)
{
	/* seed 002: join(3) returns when the child ends at 2 s, not at 3 s */
	struct run *r = seed_run("join-timeout.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "aaa run\naaa over\nstart\n");
	ck_assert_int_eq(print_tick(r, "start"), S(2));
	assert_reaped_by(r, 4, 3, S(2));
	const struct sim_event *w = run_find(r, EV_WAKE, 3, 0);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(w->reason, WAKE_CHILD); /* the child's exit, not the timeout */
	run_free(r);
}
END_TEST

START_TEST(join_three_children_3s)
{
	/* seed 003, 1.2.3: 耗时 3 s, not 6 s */
	struct run *r = seed_run("join-three-children-3s.psim", SIM_DONE);
	ck_assert_int_eq(print_tick(r, "耗时：3.0s"), S(3));
	for (int pid = 4; pid <= 6; pid++)
		assert_reaped_by(r, pid, 3, S(pid - 3));
	ck_assert_int_lt(print_pos(r, "子进程3 in running"), print_pos(r, "子进程1 in done"));
	run_free(r);
}
END_TEST

START_TEST(join_serial_vs_all)
{
	/* seed 000: join inside the loop 6 s; start all, then join, 3 s more */
	struct run *r = seed_run("join-serial-vs-all.psim", SIM_DONE);
	ck_assert_int_eq(print_tick(r, "串行 耗时：6.0s"), S(6));
	ck_assert_int_eq(print_tick(r, "合计 耗时：9.0s"), S(9));
	/* serial: each child is forked only after the previous one is reaped */
	ck_assert_int_le(run_when(r, EV_REAP, 4), run_when(r, EV_SPAWN, 5));
	ck_assert_int_le(run_when(r, EV_REAP, 5), run_when(r, EV_SPAWN, 6));
	/* all at once: the three 并发 children are forked in the same tick */
	ck_assert_int_eq(run_when(r, EV_SPAWN, 7), S(6));
	ck_assert_int_eq(run_when(r, EV_SPAWN, 9), S(6));
	ck_assert_int_lt(print_pos(r, "并发3 in running"), print_pos(r, "并发1 in done"));
	ck_assert_int_lt(print_pos(r, "串行1 in done"), print_pos(r, "串行2 in running"));
	run_free(r);
}
END_TEST

START_TEST(process_start_main_first)
{
	/* seed 003, 方式一: 主 first; main's code ends at 0 s, it exits at 3 s (M4) */
	struct run *r = seed_new("process-start-main-first.psim");
	ck_assert_int_eq(run_until(r, S(1)), SIM_RUNNING);
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_CHILD_PID); /* _exit_function joins its child */
	ck_assert_int_eq(m.wait_pid, 4);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "主\n子进程 is running\n子进程 is done\n");
	const struct sim_event *ce = run_find(r, EV_CODE_END, 3, 0);
	ck_assert_int_eq(ce->t, 0);
	ck_assert_int_eq(ce->count, 1);
	assert_exit_code(r, 3, 0, S(3));
	assert_reaped_by(r, 4, 3, S(3));
	run_free(r);
}
END_TEST

START_TEST(getpid_getppid)
{
	/* seed 001: the parent's parent is bash (PID 2), the child's is main */
	struct run *r = seed_run("getpid-getppid.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "父进程 pid: 3\n父进程的 ppid: 2 (bash)\n"
			 "子进程运行中,pid=4...\n子进程的父进程 ppid=3\n子进程将要结束...\n");
	run_free(r);
}
END_TEST

START_TEST(two_while_loops)
{
	/* seed 001: the two loops alternate; both are asleep, not sharing the CPU
	 * by time slices (docs/semantics.md, 9.10) */
	struct run *r = seed_new("two-while-loops.psim");
	ck_assert_int_eq(run_until(r, 25), SIM_RUNNING);
	struct proc_info m = proc_now(r, 3), c = proc_now(r, 4);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_TIMER);
	ck_assert_int_eq(c.state, 'S');
	ck_assert_int_eq(c.wchan, WCHAN_TIMER);
	ck_assert_int_eq(run_until(r, -1), SIM_LIMIT);
	ck_assert_int_eq(prints_containing(r, "----1----"), 5);
	ck_assert_int_eq(prints_containing(r, "----2----"), 5);
	ck_assert_int_eq(run_count(r, EV_PREEMPT, 0), 0); /* nobody's time slice ever ran out */
	for (int k = 0; k < 5; k++) {
		const struct sim_event *a = print_nth(r, "----1----", k), *b = print_nth(r, "----2----", k);
		ck_assert_int_eq(a->t, S(k));
		ck_assert_int_eq(b->t, S(k));
	}
	run_free(r);
}
END_TEST

/* ---- daemon, terminate, exit codes ----------------------------------------------- */

START_TEST(daemon_func1_3s)
{
	/* seed 004: three "is func1"; main's exit handler terminates the daemon (M6) */
	struct run *r = seed_run("daemon-func1-3s.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "is func1\nis func1\nis func1\n");
	const struct sim_event *sg = run_find(r, EV_SIGNAL, 4, 0);
	ck_assert_ptr_nonnull(sg);
	ck_assert_int_eq(sg->sig, 15);
	ck_assert_int_eq(sg->other, 3); /* sent by main, not by the kernel */
	ck_assert_int_eq(sg->t, S(3));
	assert_killed_by_term(r, 4, S(3));
	assert_reaped_by(r, 4, 3, S(3));
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0); /* never an orphan */
	assert_exit_code(r, 3, 0, S(3));
	run_free(r);
}
END_TEST

START_TEST(daemon_p1_after_p2)
{
	/* seed 004: the daemon lives until p2.join() returns, then is terminated */
	struct run *r = seed_run("daemon-p1-after-p2.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "is fun2"), 5);
	ck_assert_int_eq(prints_containing(r, "is func1"), 6);
	assert_exit_code(r, 5, 0, S(5));
	assert_killed_by_term(r, 4, S(5));
	ck_assert_int_eq(run_when(r, EV_CODE_END, 3), S(5));
	assert_exit_code(r, 3, 0, S(5));
	run_free(r);
}
END_TEST

START_TEST(daemon_task_main)
{
	/* seed 003, 三、守护进程: the daemon never prints; p2 runs to its end */
	struct run *r = seed_run("daemon-task-main.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "主\n子进程1 is running\n子进程1 is done\n");
	ck_assert_int_eq(run_count(r, EV_PRINT, 4), 0);
	assert_killed_by_term(r, 4, 0);
	assert_exit_code(r, 5, 0, S(1));
	assert_reaped_by(r, 4, 3, 0);
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(daemon_no_children)
{
	/* seeds 000 and 003: AssertionError in the daemon, exit code 1, no fork */
	struct run *r = seed_run("daemon-no-children.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "daemon 4 starts a child\n"
			 "Process Process-1:\n" /* _bootstrap's header, as tests/truth/try_finally.py showed */
			 "AssertionError: daemonic processes are not allowed to have children\n"
			 "p.exitcode = 1\n");
	assert_exit_code(r, 4, 1, 0);
	ck_assert_int_eq(children_spawned(r, 4), 0);
	run_free(r);
}
END_TEST

START_TEST(terminate_after_1s)
{
	/* seed 001: five rounds in 1 s, then SIGTERM; join reaps it */
	struct run *r = seed_run("terminate-after-1s.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "子进程运行中,name= test,age=18 ,pid=4..."), 5);
	ck_assert_int_eq(prints_containing(r, "{'m': 20}"), 5);
	for (int k = 0; k < 5; k++)
		ck_assert_int_eq(print_nth(r, "{'m': 20}", k)->t, 2 * k);
	assert_killed_by_term(r, 4, S(1));
	assert_reaped_by(r, 4, 3, S(1));
	run_free(r);
}
END_TEST

START_TEST(process_attributes)
{
	/* seed 002: is_alive() right after terminate() is still True (the
	 * material says so: 所以会有延迟); p.pid is the child's PID (M8) */
	struct run *r = seed_run("process-attributes.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "aaa run\n"
			 "name=aaa is_alive=True pid=4 exitcode=None\n"
			 "is_alive=False pid=4 exitcode=-15\n");
	assert_killed_by_term(r, 4, 5);
	run_free(r);
}
END_TEST

START_TEST(terminate_grandchild_orphan)
{
	/* seed 003: terminate() makes p's child an orphan adopted by init, not a
	 * zombie (M3) */
	struct run *r = seed_new("terminate-grandchild-orphan.psim");
	ck_assert_int_eq(run_until(r, S(2)), SIM_RUNNING);
	struct proc_info g = proc_now(r, 5);
	ck_assert_int_eq(g.state, 'S'); /* still running its work, not Z */
	ck_assert_int_eq(g.ppid, 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	assert_killed_by_term(r, 4, S(1));
	const struct sim_event *rp = run_find(r, EV_REPARENT, 5, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 4);
	ck_assert_int_eq(rp->to, 1);
	ck_assert_int_eq(rp->t, S(1));
	assert_exit_code(r, 5, 0, S(3));
	assert_reaped_by(r, 5, 1, S(3));
	ck_assert_str_eq(run_console(r), "grandchild 5: parent 4\np.exitcode = -15\ngrandchild 5: parent 1\n");
	run_free(r);
}
END_TEST

START_TEST(pkill_f_pattern)
{
	/* seed 001, kill: pkill -f matches anywhere in the command line
	 * (semantics.md 9.17): `a` hits bash and mail, not the loop */
	struct run *r = seed_run("pkill-f-pattern.psim", SIM_DONE);
	const struct sim_event *sg = run_find(r, EV_SIGNAL, 2, 0);
	ck_assert_ptr_nonnull(sg); /* bash's command line has an a; it ignores SIGTERM */
	ck_assert_int_eq(sg->sig, 15);
	ck_assert_int_eq(sg->t, S(3));
	ck_assert_ptr_null(exit_of(r, 2));
	assert_killed_by_term(r, 4, S(3));
	assert_killed_by_term(r, 3, S(5)); /* the loop: only the second pattern */
	ck_assert_int_eq(prints_containing(r, "while True"), 5);
	ck_assert_int_eq(prints_containing(r, "Terminated"), 2);
	run_free(r);
}
END_TEST

/* ---- zombies and orphans ---------------------------------------------------------- */

START_TEST(zombie_test_py)
{
	/* seed 003, test.py: a zombie for 1000 s, reaped by main's own join */
	struct run *r = seed_new("zombie-test-py.psim");
	ck_assert_int_eq(run_until(r, S(100)), SIM_RUNNING);
	ck_assert_int_eq(proc_now(r, 4).state, 'Z');
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.zombie, 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "主 3\n子 4\n");
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 0);
	assert_reaped_by(r, 4, 3, S(1000));
	ck_assert_int_eq(run_count(r, EV_REPARENT, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(orphan_os_fork)
{
	/* seed 003: im child 4 1; init adopts and reaps it */
	struct run *r = seed_run("orphan-os-fork.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), "im father pid 3 ppid 2\nfather died..\nim child 4 1\n");
	const struct sim_event *rp = run_find(r, EV_REPARENT, 4, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 3);
	ck_assert_int_eq(rp->to, 1);
	ck_assert_int_eq(rp->t, 0);
	assert_reaped_by(r, 4, 1, S(1));
	run_free(r);
}
END_TEST

START_TEST(orphan_kill_waiting_parent)
{
	/* seed 001, 补充 1: main waits (do_wait) for its child; kill -9 main,
	 * and the child is an orphan adopted by init (PPID 1) */
	struct run *r = seed_new("orphan-kill-waiting-parent.psim");
	ck_assert_int_eq(run_until(r, S(1)), SIM_RUNNING);
	struct proc_info m = proc_now(r, 3), c = proc_now(r, 4);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_CHILD_PID); /* 父进程进入等待wait状态 */
	ck_assert_int_eq(m.wait_pid, 4);
	ck_assert_int_eq(c.state, 'S');
	ck_assert_int_eq(c.ppid, 3);
	ck_assert_int_eq(run_until(r, S(3)), SIM_RUNNING);
	ck_assert_int_eq(proc_now(r, 4).ppid, 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "main 3: code done\nchild 4: parent 3\nKilled\nchild 4: parent 1\n");
	const struct sim_event *ex = exit_of(r, 3);
	ck_assert_ptr_nonnull(ex);
	ck_assert_int_eq(ex->sig, 9);
	ck_assert_int_eq(ex->t, S(2));
	assert_reaped_by(r, 3, 2, S(2));
	const struct sim_event *rp = run_find(r, EV_REPARENT, 4, 0);
	ck_assert_ptr_nonnull(rp);
	ck_assert_int_eq(rp->other, 3);
	ck_assert_int_eq(rp->to, 1);
	ck_assert_int_eq(rp->t, S(2));
	assert_exit_code(r, 4, 0, S(5));
	assert_reaped_by(r, 4, 1, S(5));
	run_free(r);
}
END_TEST

/* ---- Lock and the ticket race ------------------------------------------------------ */

START_TEST(lock_five_processes)
{
	/* seed 004: one line a second; the others sleep on the lock */
	struct run *r = seed_new("lock-five-processes.psim");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	for (int pid = 5; pid <= 8; pid++) {
		struct proc_info p = proc_now(r, pid);
		ck_assert_int_eq(p.state, 'S');
		ck_assert_int_eq(p.wchan, WCHAN_LOCK); /* futex_do_wait */
	}
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "被锁起来的代码0\n被锁起来的代码1\n被锁起来的代码2\n被锁起来的代码3\n被锁起来的代码4\n");
	for (int i = 0; i < 5; i++) {
		char line[64];
		snprintf(line, sizeof line, "被锁起来的代码%d", i);
		ck_assert_int_eq(print_tick(r, line), S(i));
	}
	ck_assert_int_eq(run_when(r, EV_EXIT, 3), S(5));
	run_free(r);
}
END_TEST

START_TEST(ticket_race_no_lock)
{
	/* seed 004: one ticket, five buyers */
	struct run *r = seed_run("ticket-race-no-lock.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "查:当前的票还剩余1张。"), 5);
	ck_assert_int_eq(prints_containing(r, ",买到票了。"), 5);
	ck_assert_str_eq(object_named(r, "ticket").value, "0");
	run_free(r);
}
END_TEST

START_TEST(ticket_race_with_lock)
{
	/* seed 004: two tickets, two buyers, in the material's order */
	struct run *r = seed_run("ticket-race-with-lock.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "查:当前的票还剩余2张。"), 5);
	ck_assert_int_eq(prints_containing(r, ",买到票了。"), 2);
	ck_assert_int_eq(print_tick(r, "小杨,买到票了。"), 0);
	ck_assert_int_eq(print_tick(r, "小红,买到票了。"), 1);
	ck_assert_int_lt(print_pos(r, "爱丽查:当前的票还剩余2张。"), print_pos(r, "小红,买到票了。"));
	ck_assert_str_eq(object_named(r, "ticket").value, "0");
	run_free(r);
}
END_TEST

START_TEST(ticket_check_get_mutex)
{
	/* seed 003: checks concurrent, purchases serial, 1 s each */
	struct run *r = seed_run("ticket-check-get-mutex.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "查到余票 [1]"), 5);
	ck_assert_int_eq(print_tick(r, "4 购票成功"), S(1));
	ck_assert_int_eq(prints_containing(r, "没有余票"), 4);
	ck_assert_int_eq(print_tick(r, "8 没有余票"), S(5));
	ck_assert_str_eq(object_named(r, "test").value, "0");
	run_free(r);
}
END_TEST

START_TEST(lock_acquire_twice)
{
	/* seed 004: prints 1, then waits forever for its own lock */
	struct run *r = seed_run("lock-acquire-twice.psim", SIM_STUCK);
	ck_assert_str_eq(run_console(r), "1\n");
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_LOCK);
	ck_assert_int_eq(object_named(r, "lock").holder, 3);
	assert_end_says(r, "nothing can ever run again");
	assert_end_says(r, "waits for lock lock, which it holds itself");
	run_free(r);
}
END_TEST

START_TEST(terminate_lock_holder)
{
	/* seed 003: a lock held by a terminated process is never released */
	struct run *r = seed_run("terminate-lock-holder.psim", SIM_STUCK);
	assert_killed_by_term(r, 4, S(1));
	ck_assert_int_eq(object_named(r, "lock").holder, 4);
	ck_assert_int_eq(prints_containing(r, "never printed"), 0);
	assert_end_says(r, "held by PID 4, which exited without releasing it");
	run_free(r);
}
END_TEST

START_TEST(with_lock_error_releases)
{
	/* seed 004: `with lock:` releases the lock when the block raises */
	struct run *r = seed_run("with-lock-error-releases.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "ZeroDivisionError"), 1);
	assert_exit_code(r, 4, 1, 0);
	ck_assert_int_eq(print_tick(r, "good got the lock"), S(1));
	ck_assert_int_eq(print_tick(r, "p1.exitcode = 1, p2.exitcode = 0"), S(1));
	ck_assert_int_eq(object_named(r, "lock").holder, 0);
	run_free(r);
}
END_TEST

/* ---- Queue ------------------------------------------------------------------------ */

START_TEST(queue_writer_reader)
{
	/* seed 001: A, B, C all arrive; the reader stops at 7 s on an empty queue */
	struct run *r = seed_run("queue-writer-reader.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "Put A to queue...\nPut B to queue...\nGet A from queue.\nPut C to queue...\n"
			 "Get B from queue.\nGet C from queue.\n");
	ck_assert_int_eq(print_tick(r, "Put A to queue..."), 0);
	ck_assert_int_eq(print_tick(r, "Get A from queue."), S(1));
	ck_assert_int_eq(print_tick(r, "Put C to queue..."), S(2));
	ck_assert_int_eq(print_tick(r, "Get B from queue."), S(3));
	ck_assert_int_eq(print_tick(r, "Get C from queue."), S(5));
	/* the writer's first put started its feeder thread, TID 5, before
	 * main started the reader (tests/truth/threads.py: TIDs come from the
	 * PID map) */
	ck_assert_int_eq(run_find(r, EV_THREAD, 5, 0)->ppid, 4);
	assert_exit_code(r, 6, 0, S(7));
	run_free(r);
}
END_TEST

START_TEST(queue_maxsize_3)
{
	/* seed 003, 五: Full at put(4), Empty at get(block=False); nothing
	 * sleeps on the queue (M7): main waits only for its feeder thread, to
	 * start (Thread.start) and, at the end, to write the items (join) */
	struct run *r = seed_run("queue-maxsize-3.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 ">>>>\nqueue.Full: put(4) on a full queue\n1 2 3\nqueue.Empty: get() on an empty queue\n");
	ck_assert_int_eq(run_count(r, EV_SLEEP, 3), 3);
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 0)->wchan, WCHAN_THREAD_START);
	/* the first get finds the pipe empty until the feeder has written */
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 1)->wchan, WCHAN_QUEUE_GET);
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 2)->wchan, WCHAN_THREAD_JOIN);
	ck_assert_int_eq(run_count(r, EV_RAISE, 3), 2);
	ck_assert(run_find(r, EV_RAISE, 3, 0)->caught);
	ck_assert(run_find(r, EV_RAISE, 3, 1)->caught);
	assert_exit_code(r, 3, 0, 0);
	run_free(r);
}
END_TEST

START_TEST(queue_maxsize_3_uncaught)
{
	/* seed 003, 五, as written: the uncaught Full ends the script (M7) */
	struct run *r = seed_run("queue-maxsize-3-uncaught.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r), ">>>>\nqueue.Full\n");
	assert_exit_code(r, 3, 1, 0);
	const struct sim_event *x = run_find(r, EV_RAISE, 3, 0);
	ck_assert(!x->caught);
	ck_assert_int_eq(object_named(r, "q").count, 3); /* no get ever ran */
	run_free(r);
}
END_TEST

START_TEST(queue_child_to_main)
{
	/* seed 004: FIFO from a child to main */
	struct run *r = seed_run("queue-child-to-main.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "子进程func1数据0\n子进程func1数据1\n子进程func1数据2\n子进程func1数据3\n子进程func1数据4\n");
	/* main got to q.get() before the child ran: it slept on the queue */
	const struct sim_event *sl = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->wchan, WCHAN_QUEUE_GET);
	run_free(r);
}
END_TEST

START_TEST(queue_between_children)
{
	/* seed 004: the material's output, func1's items before func2's */
	struct run *r = seed_run("queue-between-children.psim", SIM_DONE);
	ck_assert_str_eq(run_console(r),
			 "子进程func1数据0\n子进程func1数据1\n子进程func1数据2\n子进程func2数据0\n子进程func2数据1\n");
	run_free(r);
}
END_TEST

START_TEST(queue_run_in_order)
{
	/* seed 001: the second process waits in get() for the first one's token */
	struct run *r = seed_new("queue-run-in-order.psim");
	ck_assert_int_eq(run_until(r, S(1)), SIM_RUNNING);
	struct proc_info p = proc_now(r, 4);
	ck_assert_int_eq(p.state, 'S');
	ck_assert_int_eq(p.wchan, WCHAN_QUEUE_GET);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "first starts\nfirst done\nsecond starts after go\nsecond done\n");
	ck_assert_int_eq(print_tick(r, "second starts after go"), S(2));
	ck_assert_int_eq(print_tick(r, "second done"), S(3));
	run_free(r);
}
END_TEST

/* ---- producers and consumers -------------------------------------------------------- */

START_TEST(producer_consumer_sentinel_two_consumers)
{
	/* seed 000: the queue order is the material's order_product; two
	 * consumers stop at worker_01 and worker_02: 8 of 9 consumed (M10) */
	struct run *r = seed_run("producer-consumer-sentinel-two-consumers.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, " 生产了"), 9);
	ck_assert_int_eq(prints_containing(r, "消费了"), 8);
	ck_assert_int_eq(prints_containing(r, "消费了馒头2"), 0);
	ck_assert_int_eq(print_tick(r, "主..."), S(6));
	ck_assert_int_eq(print_tick(r, "worker_01 -------?\?\?-------"), S(11));
	ck_assert_int_eq(print_tick(r, "worker_02 -------?\?\?-------"), S(17));
	ck_assert_int_eq(prints_containing(r, "worker_03 -------?\?\?-------"), 0);
	struct obj_info q = object_named(r, "q");
	ck_assert_int_eq(q.count, 2);
	ck_assert_ptr_nonnull(strstr(q.value, "馒头2"));
	ck_assert_ptr_nonnull(strstr(q.value, "worker_03"));
	assert_exit_code(r, 8, 0, S(11)); /* Consumer_02 */
	assert_exit_code(r, 7, 0, S(17)); /* Consumer_01 */
	assert_exit_code(r, 3, 0, S(17)); /* main joined them at its code's end */
	run_free(r);
}
END_TEST

START_TEST(producer_consumer_sentinel_one_consumer)
{
	/* seed 000: one consumer stops at worker_01: 7 of 9 consumed (M10) */
	struct run *r = seed_run("producer-consumer-sentinel-one-consumer.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, " 生产了"), 9);
	ck_assert_int_eq(prints_containing(r, "消费了"), 7);
	ck_assert_int_eq(prints_containing(r, "-------?\?\?-------"), 1);
	ck_assert_int_eq(print_tick(r, "worker_01 -------?\?\?-------"), S(23));
	struct obj_info q = object_named(r, "q");
	ck_assert_int_eq(q.count, 4);
	ck_assert_ptr_nonnull(strstr(q.value, "水饺2"));
	ck_assert_ptr_nonnull(strstr(q.value, "馒头2"));
	run_free(r);
}
END_TEST

START_TEST(producer_consumer_none)
{
	/* seed 003, 6.1: None after the joins: all nine consumed */
	struct run *r = seed_run("producer-consumer-none.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "生产了"), 9);
	ck_assert_int_eq(prints_containing(r, "消费了"), 9);
	ck_assert_int_eq(print_tick(r, "c1 消费了 面饼2"), S(5));
	ck_assert_int_eq(run_when(r, EV_EXIT, 4), 15); /* the producers are long done */
	ck_assert_int_eq(object_named(r, "q").count, 0);
	assert_exit_code(r, 7, 0, S(5));
	run_free(r);
}
END_TEST

START_TEST(producer_consumer_false)
{
	/* seed 004: all six eaten, 吃完了!! at 8 s; the material's alternating
	 * listing is not what this program prints (M9) */
	struct run *r = seed_run("producer-consumer-false.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "鲍勃吃了"), 6);
	ck_assert_int_eq(print_tick(r, "小红生产了一个食物苹果0"), S(2));
	ck_assert_int_eq(print_tick(r, "小杨生产了一个食物橘子0"), S(2));
	ck_assert_int_eq(print_tick(r, "鲍勃吃了苹果0"), S(3));
	ck_assert_int_eq(print_tick(r, "鲍勃吃了橘子0"), S(4));
	ck_assert_int_eq(print_tick(r, "吃完了!!"), S(8));
	ck_assert_int_lt(print_pos(r, "小杨生产了一个食物橘子0"), print_pos(r, "鲍勃吃了苹果0"));
	run_free(r);
}
END_TEST

/* ---- JoinableQueue ------------------------------------------------------------------- */

START_TEST(joinable_queue)
{
	/* seed 000: q.join() returns at the ninth task_done(); the daemonic
	 * consumers are then terminated in q.get() */
	struct run *r = seed_new("joinable-queue.psim");
	/* at 14 s the queue is empty but one task is still being worked on:
	 * q.join() waits for task_done(), not for an empty queue (M5) */
	ck_assert_int_eq(run_until(r, S(14) + 1), SIM_RUNNING);
	struct obj_info q = object_named(r, "q");
	ck_assert_int_eq(q.count, 0);
	ck_assert_int_eq(q.unfinished, 1);
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_QUEUE_JOIN); /* futex_do_wait */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "消费了"), 9);
	ck_assert_int_eq(print_tick(r, "主..."), S(16));
	ck_assert_int_eq(object_named(r, "q").unfinished, 0);
	assert_killed_by_term(r, 7, S(16));
	assert_killed_by_term(r, 8, S(16));
	assert_reaped_by(r, 7, 3, S(16));
	run_free(r);
}
END_TEST

START_TEST(joinable_queue_no_task_done)
{
	/* seed 000: main sleeps in q.join() forever; it does not run the
	 * consumers' loop (M5) */
	struct run *r = seed_run("joinable-queue-no-task-done.psim", SIM_STUCK);
	ck_assert_int_eq(prints_containing(r, "消费了"), 9);
	ck_assert_int_eq(prints_containing(r, "主..."), 0);
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_QUEUE_JOIN);
	ck_assert_int_eq(m.cpu_ticks, 0);
	/* one consumer waits for data holding the queue's reader lock, the
	 * other waits for that lock */
	for (int pid = 7; pid <= 8; pid++) {
		enum wchan w = proc_now(r, pid).wchan;
		ck_assert(w == WCHAN_QUEUE_GET || w == WCHAN_QUEUE_RLOCK);
	}
	ck_assert_int_eq(object_named(r, "q").unfinished, 9);
	ck_assert_int_eq(sim_last_event_tick(r->sim), S(16));
	assert_end_says(r, "waits in q.join(): 9 tasks were put but task_done() was never called for them");
	assert_end_says(r, "waits for an item in queue q, which is empty");
	run_free(r);
}
END_TEST

START_TEST(joinable_queue_task_done_too_many)
{
	/* seed 000: task_done() more often than items taken raises ValueError */
	struct run *r = seed_run("joinable-queue-task-done-too-many.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "消费了包子0"), 1);
	ck_assert_int_eq(prints_containing(r, "ValueError: task_done() called too many times"), 1);
	ck_assert_int_eq(prints_containing(r, "not reached"), 0);
	ck_assert_int_eq(prints_containing(r, "主: q.join() returned"), 1);
	ck_assert_int_eq(prints_containing(r, "c.exitcode=1"), 1);
	/* in Linux's order (tests/truth/jq_task_done.py): main's line, then the
	 * traceback, which takes its time (tick 1ms) */
	ck_assert_str_eq(run_console(r), "消费了包子0\n主: q.join() returned\nProcess Process-1:\n"
					 "ValueError: task_done() called too many times\nc.exitcode=1\n");
	run_free(r);
}
END_TEST

START_TEST(producer_consumer_joinable)
{
	/* seed 003, 6.2: nine consumed, q.join() returns at 3 s */
	struct run *r = seed_run("producer-consumer-joinable.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "生产了"), 9);
	ck_assert_int_eq(prints_containing(r, "消费了"), 9);
	ck_assert_int_eq(run_when(r, EV_CODE_END, 3), S(3));
	assert_killed_by_term(r, 7, S(3));
	assert_killed_by_term(r, 8, S(3));
	assert_exit_code(r, 3, 0, S(3));
	run_free(r);
}
END_TEST

/* ---- Pipe ---------------------------------------------------------------------------- */

START_TEST(pipe_eof)
{
	/* seed 001: 0..999, then EOFError once every sending end is closed */
	struct run *r = seed_run("pipe-eof.psim", SIM_DONE);
	ck_assert_int_eq(run_count(r, EV_PRINT, 4), 1000);
	ck_assert_int_eq(print_pos(r, "0") < print_pos(r, "999"), 1);
	ck_assert_int_lt(print_pos(r, "999"), print_pos(r, "主进程也结束了"));
	const struct sim_event *x = run_find(r, EV_RAISE, 4, 0);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(event_text(x), "EOFError");
	ck_assert(x->caught);
	assert_exit_code(r, 4, 0, 0);
	run_free(r);
}
END_TEST

START_TEST(pipe_left_open)
{
	/* seed 001: the child's own copy of in_pipe keeps its recv() waiting */
	struct run *r = seed_run("pipe-left-open.psim", SIM_STUCK);
	ck_assert_str_eq(run_console(r), "0\n1\n2\n3\n4\n");
	struct proc_info c = proc_now(r, 4), m = proc_now(r, 3);
	ck_assert_int_eq(c.state, 'S');
	ck_assert_int_eq(c.wchan, WCHAN_SOCKET_RECV); /* a duplex Pipe() is a socket pair: unix_stream_read_generic */
	ck_assert_int_eq(m.wchan, WCHAN_CHILD_PID);  /* join: do_wait */
	ck_assert_int_eq(object_named(r, "in_pipe").open, 1);
	ck_assert_int_eq(run_count(r, EV_RAISE, 4), 0);
	assert_end_says(r, "the other end in_pipe is still open in PID 4");
	run_free(r);
}
END_TEST

/* ---- Pool ---------------------------------------------------------------------------- */

START_TEST(pool_apply_async)
{
	/* seed 001: three workers, ten tasks, 3.9 s instead of 10 s */
	struct run *r = seed_run("pool-apply-async.psim", SIM_DONE);
	ck_assert_int_eq(print_pos(r, "----start----") < print_pos(r, "0 开始执行,进程号为4"), 1);
	ck_assert_int_eq(children_spawned(r, 3), 3);
	for (int pid = 4; pid <= 6; pid++) {
		const struct sim_event *sp = run_find(r, EV_SPAWN, pid, 0);
		char want[32];
		snprintf(want, sizeof want, "ForkPoolWorker-%d", pid - 3);
		ck_assert_str_eq(((const struct recorded *)sp)->name, want);
	}
	ck_assert_int_eq(prints_containing(r, "开始执行"), 10);
	ck_assert_int_eq(prints_containing(r, "执行完毕"), 10);
	ck_assert_int_eq(print_tick(r, "1 执行完毕,耗时0.10"), 1);
	ck_assert_int_eq(print_tick(r, "3 开始执行,进程号为5"), 1);
	ck_assert_int_eq(print_tick(r, "8 执行完毕,耗时1.90"), 39);
	ck_assert_int_eq(print_tick(r, "-----end-----"), 39);
	run_free(r);
}
END_TEST

START_TEST(pool_apply_serial)
{
	/* seed 000: apply() blocks: one task at a time, 10 s */
	struct run *r = seed_run("pool-apply-serial.psim", SIM_DONE);
	for (int i = 1; i < 10; i++) {
		char done[64], start[64];
		snprintf(done, sizeof done, "%d 执行完毕", i - 1);
		snprintf(start, sizeof start, "%d 开始执行", i);
		int d = -1, s = -1;
		for (int k = 0; k < r->count; k++)
			if (r->events[k].ev.kind == EV_PRINT) {
				if (d < 0 && strncmp(r->events[k].text, done, strlen(done)) == 0)
					d = k;
				if (s < 0 && strncmp(r->events[k].text, start, strlen(start)) == 0)
					s = k;
			}
		ck_assert_int_ge(d, 0);
		ck_assert_int_gt(s, d);
	}
	ck_assert_int_eq(print_tick(r, "----start----"), S(10));
	ck_assert_int_eq(print_tick(r, "-----end-----"), S(10));
	run_free(r);
}
END_TEST

START_TEST(pool_5_workers_4_batches)
{
	/* seed 000: four waves of five, 4 s, by the same five workers */
	struct run *r = seed_run("pool-5-workers-4-batches.psim", SIM_DONE);
	ck_assert_int_eq(children_spawned(r, 3), 5);
	for (int i = 0; i < 20; i++) {
		char line[64];
		snprintf(line, sizeof line, "task %d 开始, pid %d", i, 4 + i % 5);
		ck_assert_int_eq(print_tick(r, line), S(i / 5));
	}
	ck_assert_int_eq(print_tick(r, "耗时 4.0s"), S(4));
	run_free(r);
}
END_TEST

START_TEST(pool_map_list)
{
	/* seed 000: map blocks main until all twenty are done */
	struct run *r = seed_run("pool-map-list.psim", SIM_DONE);
	ck_assert_int_eq(prints_containing(r, "开始"), 20);
	ck_assert_int_eq(print_tick(r, "map 耗时 4.0s"), S(4));
	/* Pool() starts its three handler threads, waiting for each to run
	 * (Thread.start), then map sleeps until its results are back */
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(run_find(r, EV_SLEEP, 3, i)->wchan, WCHAN_THREAD_START);
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 3)->wchan, WCHAN_POOL_RESULT);
	run_free(r);
}
END_TEST

START_TEST(pool_manager_queue)
{
	/* seed 001: pool workers are main's children; helloworld arrives in order */
	/* tick 100us, 2 CPUs: python3 starts up (45ms), prints, then
	 * Manager() starts its server (PID 4, its accepter thread TID 5) and
	 * Queue() makes three short connections, each served by a thread of
	 * the server (TIDs 6-8: tests/truth/manager_threads.py), so the
	 * workers are PIDs 9 and 10; the reader task runs in ForkPoolWorker-2
	 * (PID 10), another worker than the writer's, as CPython 3.11 runs it
	 * (tests/truth/README.md, Q8). */
	struct run *r = seed_run("pool-manager-queue.psim", SIM_DONE);
	ck_assert_int_eq(print_tick(r, "(3) start"), cost_info(COST_PY_STARTUP)->linux_us / 100);
	ck_assert_int_eq(prints_containing(r, "),父进程为(3)"), 2);
	ck_assert_str_eq(run_console(r),
			 "(3) start\n"
			 "writer 启动(9),父进程为(3)\n"
			 "reader 启动(10),父进程为(3)\n"
			 "reader 从 Queue 获取到消息:h\nreader 从 Queue 获取到消息:e\n"
			 "reader 从 Queue 获取到消息:l\nreader 从 Queue 获取到消息:l\n"
			 "reader 从 Queue 获取到消息:o\nreader 从 Queue 获取到消息:w\n"
			 "reader 从 Queue 获取到消息:o\nreader 从 Queue 获取到消息:r\n"
			 "reader 从 Queue 获取到消息:l\nreader 从 Queue 获取到消息:d\n"
			 "(3) End\n");
	/* one second after the writer task was queued, plus the reads' costs */
	long long end = print_tick(r, "(3) End");
	ck_assert_int_ge(end, 10000 + cost_info(COST_PY_STARTUP)->linux_us / 100);
	ck_assert_int_lt(end, 11000);
	run_free(r);
}
END_TEST

START_TEST(pool_folder_copy)
{
	/* seed 001: main waits for the typed name, then for the workers' reports */
	struct run *r = seed_new("pool-folder-copy.psim");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	struct proc_info m = proc_now(r, 3);
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_TTY); /* wait_woken (n_tty_read), in input() */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(print_tick(r, "20.00...(c.txt) -> test[副本]"), 15);
	ck_assert_int_eq(print_tick(r, "40.00...(a.txt) -> test[副本]"), S(2));
	ck_assert_int_eq(prints_containing(r, ".00...("), 5);
	/* b, d and e reach the pipe in the same tick, in the order their
	 * workers' feeder threads run */
	ck_assert_int_eq(print_tick(r, "100.00...(b.txt) -> test[副本]"), S(3));
	/* main closed the pool but never joins it: at its exit the pool's
	 * finalizer (_terminate_pool) sends SIGTERM to the workers still
	 * there; they were waiting for the handlers' sentinels (the cache
	 * emptied as main got the last report), a race Linux may lose too */
	/* the workers come after the Manager's server (PID 4) and its
	 * threads' TIDs (5-8) */
	ck_assert_int_eq(run_find(r, EV_SPAWN, 4, 0)->ppid, 3);
	assert_exit_code(r, 4, 0, S(3)); /* shut down by main's exit handler */
	assert_reaped_by(r, 4, 3, S(3));
	for (int pid = 9; pid <= 11; pid++) {
		const struct sim_event *e = run_find(r, EV_EXIT, pid, 0);
		ck_assert(e->sig == 15 || (e->sig == 0 && e->code == 0));
		assert_reaped_by(r, pid, 3, S(3));
	}
	run_free(r);
}
END_TEST

/* ---- the library as a whole ---------------------------------------------------------- */

/* Every file of scenarios/seeds/ has its test above, and every test's file
 * exists; each file starts with a comment naming its source in the material
 * (a seed file) and what to look for. */
static const char *const tested[] = {
	"daemon-func1-3s.psim",
	"daemon-no-children.psim",
	"daemon-p1-after-p2.psim",
	"daemon-task-main.psim",
	"getpid-getppid.psim",
	"join-serial-vs-all.psim",
	"join-three-children-3s.psim",
	"join-timeout.psim",
	"joinable-queue-no-task-done.psim",
	"joinable-queue-task-done-too-many.psim",
	"joinable-queue.psim",
	"lock-acquire-twice.psim",
	"lock-five-processes.psim",
	"memory-isolation-global.psim",
	"memory-isolation-n.psim",
	"memory-isolation-nums.psim",
	"myprocess-class.psim",
	"orphan-kill-waiting-parent.psim",
	"orphan-os-fork.psim",
	"pipe-eof.psim",
	"pkill-f-pattern.psim",
	"pipe-left-open.psim",
	"pool-5-workers-4-batches.psim",
	"pool-apply-async.psim",
	"pool-apply-serial.psim",
	"pool-folder-copy.psim",
	"pool-manager-queue.psim",
	"pool-map-list.psim",
	"process-attributes.psim",
	"process-start-main-first.psim",
	"process-start-sleep.psim",
	"producer-consumer-false.psim",
	"producer-consumer-joinable.psim",
	"producer-consumer-none.psim",
	"producer-consumer-sentinel-one-consumer.psim",
	"producer-consumer-sentinel-two-consumers.psim",
	"queue-between-children.psim",
	"queue-child-to-main.psim",
	"queue-maxsize-3-uncaught.psim",
	"queue-maxsize-3.psim",
	"queue-run-in-order.psim",
	"queue-writer-reader.psim",
	"terminate-after-1s.psim",
	"terminate-grandchild-orphan.psim",
	"terminate-lock-holder.psim",
	"ticket-check-get-mutex.psim",
	"ticket-race-no-lock.psim",
	"ticket-race-with-lock.psim",
	"two-while-loops.psim",
	"with-lock-error-releases.psim",
	"zombie-test-py.psim",
};

START_TEST(every_seed_file_is_tested_and_cites_its_source)
{
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	ck_assert_msg(root && *root, "PROCSIM_SOURCE_ROOT is not set (meson test sets it)");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/scenarios/seeds", root);
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	int files = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= 5 || strcmp(e->d_name + l - 5, ".psim") != 0)
			continue;
		files++;
		bool found = false;
		for (size_t i = 0; i < sizeof tested / sizeof tested[0]; i++)
			found |= strcmp(tested[i], e->d_name) == 0;
		ck_assert_msg(found, "scenarios/seeds/%s has no test in tests/test_seeds.c", e->d_name);
		char *src = load_seed(e->d_name);
		ck_assert_msg(src[0] == '#', "%s does not start with a comment", e->d_name);
		ck_assert_msg(strstr(src, "# source: seed ") != NULL, "%s does not cite its seed", e->d_name);
		ck_assert_msg(strstr(src, "# Look for:") != NULL, "%s does not say what to look for", e->d_name);
		free(src);
	}
	closedir(d);
	ck_assert_int_eq(files, (int)(sizeof tested / sizeof tested[0]));
}
END_TEST

/* ---- the suite --------------------------------------------------------------------------- */

Suite *seeds_suite(void);
Suite *seeds_suite(void)
{
	Suite *s = suite_create("seeds");
	TCase *tc = tcase_create("process");
	tcase_add_test(tc, process_start_sleep);
	tcase_add_test(tc, myprocess_class);
	tcase_add_test(tc, memory_isolation_n);
	tcase_add_test(tc, memory_isolation_global);
	tcase_add_test(tc, memory_isolation_nums);
	tcase_add_test(tc, join_timeout);
	tcase_add_test(tc, join_three_children_3s);
	tcase_add_test(tc, join_serial_vs_all);
	tcase_add_test(tc, process_start_main_first);
	tcase_add_test(tc, getpid_getppid);
	tcase_add_test(tc, two_while_loops);
	suite_add_tcase(s, tc);

	tc = tcase_create("daemon-terminate");
	tcase_add_test(tc, daemon_func1_3s);
	tcase_add_test(tc, daemon_p1_after_p2);
	tcase_add_test(tc, daemon_task_main);
	tcase_add_test(tc, daemon_no_children);
	tcase_add_test(tc, terminate_after_1s);
	tcase_add_test(tc, process_attributes);
	tcase_add_test(tc, terminate_grandchild_orphan);
	tcase_add_test(tc, pkill_f_pattern);
	suite_add_tcase(s, tc);

	tc = tcase_create("zombie-orphan");
	tcase_add_test(tc, zombie_test_py);
	tcase_add_test(tc, orphan_os_fork);
	tcase_add_test(tc, orphan_kill_waiting_parent);
	suite_add_tcase(s, tc);

	tc = tcase_create("lock");
	tcase_add_test(tc, lock_five_processes);
	tcase_add_test(tc, ticket_race_no_lock);
	tcase_add_test(tc, ticket_race_with_lock);
	tcase_add_test(tc, ticket_check_get_mutex);
	tcase_add_test(tc, lock_acquire_twice);
	tcase_add_test(tc, terminate_lock_holder);
	tcase_add_test(tc, with_lock_error_releases);
	suite_add_tcase(s, tc);

	tc = tcase_create("queue");
	tcase_add_test(tc, queue_writer_reader);
	tcase_add_test(tc, queue_maxsize_3);
	tcase_add_test(tc, queue_maxsize_3_uncaught);
	tcase_add_test(tc, queue_child_to_main);
	tcase_add_test(tc, queue_between_children);
	tcase_add_test(tc, queue_run_in_order);
	tcase_add_test(tc, producer_consumer_sentinel_two_consumers);
	tcase_add_test(tc, producer_consumer_sentinel_one_consumer);
	tcase_add_test(tc, producer_consumer_none);
	tcase_add_test(tc, producer_consumer_false);
	tcase_add_test(tc, joinable_queue);
	tcase_add_test(tc, joinable_queue_no_task_done);
	tcase_add_test(tc, joinable_queue_task_done_too_many);
	tcase_add_test(tc, producer_consumer_joinable);
	suite_add_tcase(s, tc);

	tc = tcase_create("pipe");
	tcase_add_test(tc, pipe_eof);
	tcase_add_test(tc, pipe_left_open);
	suite_add_tcase(s, tc);

	tc = tcase_create("pool");
	tcase_add_test(tc, pool_apply_async);
	tcase_add_test(tc, pool_apply_serial);
	tcase_add_test(tc, pool_5_workers_4_batches);
	tcase_add_test(tc, pool_map_list);
	tcase_add_test(tc, pool_manager_queue);
	tcase_add_test(tc, pool_folder_copy);
	suite_add_tcase(s, tc);

	tc = tcase_create("library");
	tcase_add_test(tc, every_seed_file_is_tested_and_cites_its_source);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(seeds_suite)
