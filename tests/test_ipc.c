/* test_ipc.c: a Lock's acquire without blocking. Lock.acquire(False)
 * (`acquire L nowait`) and acquire(timeout=T) return False when the lock
 * stays held: the process goes on without it, and no lock is taken. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testlib.h"

/* holder takes the lock for 5 ticks; tryer, started second, tries it. */
#define LOCK_SRC(TRY)                                                             \
	"lock l\n"                                                                \
	"program holder\n    acquire l\n    sleep 5t\n    release l\n"             \
	"program tryer\n    sleep 1t\n    " TRY "\n    print \"went on at {tick}\"\n" \
	"main\n    start holder as h\n    start tryer as t\n"

static int ipc_count(const struct run *r, int pid, enum ipc_op op)
{
	int n = 0;
	for (int i = 0; i < r->count; i++)
		n += r->events[i].ev.kind == EV_IPC && r->events[i].ev.pid == pid && r->events[i].ev.op == op;
	return n;
}

START_TEST(acquire_nowait_on_a_held_lock_returns_at_once)
{
	struct run *r = run_new(LOCK_SRC("acquire l nowait"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "went on at 1\n");
	ck_assert_int_eq(ipc_count(r, 5, IPC_ACQUIRE), 0); /* tryer (PID 5) never had it */
	ck_assert_int_eq(ipc_count(r, 4, IPC_ACQUIRE), 1);
	ck_assert_int_eq(run_count(r, EV_RAISE, 0), 0);
	run_free(r);
}
END_TEST

START_TEST(acquire_nowait_on_a_free_lock_takes_it)
{
	struct run *r = run_new("lock l\nmain\n    acquire l nowait\n    print \"got it\"\n    release l\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(ipc_count(r, 3, IPC_ACQUIRE), 1);
	ck_assert_int_eq(ipc_count(r, 3, IPC_RELEASE), 1);
	ck_assert_int_eq(run_count(r, EV_RAISE, 0), 0); /* the release found it held */
	run_free(r);
}
END_TEST

START_TEST(acquire_with_a_timeout_gives_up_at_the_deadline)
{
	struct run *r = run_new(LOCK_SRC("acquire l timeout 2t"));
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "went on at 3\n");
	ck_assert_int_eq(ipc_count(r, 5, IPC_ACQUIRE), 0);
	run_free(r);
}
END_TEST

/* Python's details (issue 10, item 6): os.cpu_count() is the machine's
 * CPUs, Pool() has as many workers, Queue(-1) has no bound, and os.getpid()
 * and os.getppid() are the process's. */
START_TEST(pool_without_a_size_has_a_worker_per_cpu)
{
	struct run *r = run_new("cpus 3\nprogram t\n    sleep 1t\nmain \"python3 m.py\"\n    let c = os.cpu_count()\n"
				"    print \"{c}\"\n    pool po\n    close po\n    join po\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "3\n");
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 3); /* init, bash, main and three workers */
	run_free(r);
	struct sim_options opt = {.cpus = 2}; /* --cpus: os.cpu_count() follows the machine */
	r = run_new_opts("program t\n    sleep 1t\nmain\n    let c = cpu_count()\n    print \"{c}\"\n    pool po\n"
			 "    close po\n    join po\n", &opt);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "2\n");
	ck_assert_int_eq(run_count(r, EV_SPAWN, 0), 3 + 2);
	run_free(r);
}
END_TEST

START_TEST(queue_with_a_negative_maxsize_has_no_bound)
{
	struct run *r = run_new("queue q maxsize -1\nmain\n    repeat 100\n        put q 1 nowait\n"
				"    let n = q.qsize()\n    print \"{n}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "100\n"); /* no queue.Full */
	run_free(r);
}
END_TEST

START_TEST(getpid_and_getppid_are_the_process_s)
{
	struct run *r = run_new("program c\n    let me = os.getpid()\n    let dad = os.getppid()\n    print \"{me} {dad}\"\n"
				"main\n    start c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "4 3\n");
	run_free(r);
}
END_TEST

/* A Process made by `process` and started later (issue 10, item 6), as
 * tests/truth/process_object.py showed CPython does. */
#define WORKER "program w(n)\n    sleep 1t\n    print \"w{n}\"\n"

START_TEST(a_process_object_is_none_until_started_then_runs)
{
	struct run *r = run_new(WORKER "main \"python3 p.py\"\n    process w(1) as p\n"
				"    print \"{p.pid} {p.is_alive()} {p.exitcode} {p.daemon}\"\n"
				"    p.daemon = True\n    start p\n    print \"{p.pid} {p.daemon}\"\n    join p\n"
				"    print \"{p.exitcode}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "None False None False\n4 True\nw1\n0\n");
	ck_assert_int_eq(run_count(r, EV_SPAWN, 4), 1);
	run_free(r);
}
END_TEST

START_TEST(daemon_after_start_raises_assertion_error)
{
	struct run *r = run_new(WORKER "main \"python3 p.py\"\n    process w(1) as p\n    start p\n"
				"    p.daemon = True\n    print \"not reached\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *e = run_find(r, EV_RAISE, 3, 0);
	ck_assert_ptr_nonnull(e);
	/* testlib keeps each event's text in its record, of which ev is the head */
	ck_assert_ptr_nonnull(strstr(((const struct recorded *)e)->text, "AssertionError: process has already started"));
	ck_assert_ptr_null(strstr(run_console(r), "not reached"));
	run_free(r);
}
END_TEST

START_TEST(joining_or_starting_twice_raises_as_process_py_asserts)
{
	static const struct { const char *code, *error; } cases[] = {
		{"    process w(1) as p\n    join p\n", "can only join a started process"},
		{"    process w(1) as p\n    start p\n    start p\n", "cannot start a process twice"},
		{"    process w(1) as p\n    terminate p\n", "'NoneType' object has no attribute 'terminate'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char src[512];
		snprintf(src, sizeof src, "%smain \"python3 p.py\"\n%s", WORKER, cases[i].code);
		struct run *r = run_new(src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		const struct sim_event *e = run_find(r, EV_RAISE, 3, 0);
		const char *text = e ? ((const struct recorded *)e)->text : "no exception";
		ck_assert_msg(e && strstr(text, cases[i].error), "case %zu: %s", i, text);
		run_free(r);
	}
}
END_TEST

/* os.wait()'s status word and its ChildProcessError, as
 * tests/truth/waitpid_status.py showed (issue 14). */
START_TEST(wait_as_gives_the_status_word_and_python_raises_on_no_child)
{
	struct run *r = run_new("program three\n    exit 3\nprogram sleeper\n    sleep 10s\n"
				"main \"python3 w.py\"\n    fork three\n    wait as st\n    print \"{st}\"\n"
				"    fork sleeper as c\n    kill -KILL c\n    wait as st\n    print \"{st}\"\n"
				"    try\n        wait\n    except OSError\n        print \"caught\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "768\n9\ncaught\n");
	run_free(r);
}
END_TEST

/* A C program's wait() returns -1 with ECHILD and the program goes on. */
START_TEST(a_c_programs_wait_with_no_child_fails_and_goes_on)
{
	struct run *r = run_new("main\n    wait\n    print \"went on\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "went on\n");
	ck_assert_int_eq(run_count(r, EV_WAIT_FAILED, 3), 1);
	ck_assert_int_eq(run_count(r, EV_RAISE, 3), 0);
	run_free(r);
}
END_TEST

/* `acquire ... as ok`: Lock.acquire's return value (issue 14). */
START_TEST(acquire_as_keeps_what_acquire_returned)
{
	struct run *r = run_new("lock l\nprogram holder\n    acquire l\n    sleep 5t\n    release l\n"
				"main \"python3 a.py\"\n    start holder()\n    sleep 1t\n"
				"    acquire l timeout 2t as a\n    acquire l nowait as b\n    acquire l as c\n"
				"    print \"{a} {b} {c}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "False False True\n");
	run_free(r);
}
END_TEST

/* raise: caught by its try, or ending a Process child with exitcode 1. */
START_TEST(raise_is_caught_or_ends_the_child_with_exitcode_1)
{
	struct run *r = run_new("program bad(n)\n    raise ValueError \"bad {n}\"\n"
				"main \"python3 r.py\"\n    start bad(7) as p\n    join p\n    print \"{p.exitcode}\"\n"
				"    try\n        raise ChildProcessError\n    except OSError\n        print \"caught\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "Process Process-1:\nValueError: bad 7\n1\ncaught\n");
	const struct sim_event *e = run_find(r, EV_RAISE, 4, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert(!e->caught);
	run_free(r);
}
END_TEST

/* try/except/finally, as tests/truth/try_finally.py showed: the finally
 * block runs on every way out (the end, an exception caught or not, break,
 * sys.exit), an uncaught exception goes on after it, and _bootstrap's
 * header names the child Process-N after its creator's count. */
START_TEST(finally_runs_on_every_way_out)
{
	struct run *r = run_new("queue q\nprogram bad(n)\n    try\n        raise ValueError \"bad {n}\"\n"
				"    finally\n        print \"f{n}\"\n"
				"program mid\n    start bad(2) as g\n    join g\n"
				"main \"python3 f.py\"\n    start bad(1) as p\n    join p\n    process mid() as m\n"
				"    start m\n    join m\n    print \"{p.exitcode} {m.exitcode}\"\n"
				"    try\n        get q as x nowait\n    except ValueError\n        print \"no\"\n"
				"    except Empty, Full\n        print \"empty\"\n    finally\n        print \"fin\"\n"
				"    repeat 3 as i\n        try\n            if i == 1\n                break\n"
				"        finally\n            print \"b{i}\"\n"
				"    try\n        sys.exit(3)\n    finally\n        print \"exit\"\n    print \"not reached\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "f1\nProcess Process-1:\nValueError: bad 1\n"
			 "f2\nProcess Process-2:1:\nValueError: bad 2\n1 0\nempty\nfin\nb0\nb1\nexit\n");
	const struct sim_event *e = run_find(r, EV_RAISE, 4, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert(e->in_finally && !e->caught);
	e = run_find(r, EV_EXIT, 3, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->code, 3);
	run_free(r);
}
END_TEST

/* atexit, as tests/truth/atexit_handlers.py showed: last registered first;
 * _exit_function (registered at the first start) joins before the
 * handlers registered earlier; an exception in one is reported and the
 * status stays; none in a Process child, after os._exit or a signal. */
/* Making a Lock (a Queue, a Pipe) imports multiprocessing.util, which
 * registers _exit_function with atexit at once: a handler registered
 * after it runs first, before the join of the child still running (the
 * session-4 review's c1.py: "0.0 main ends", then "0.0 handler"). */
START_TEST(an_object_registers_the_exit_function_before_later_atexit_handlers)
{
	struct run *r = run_new("tick 1ms\nlock l\nprogram nap\n    sleep 1s\n"
				"main \"python3 c1.py\"\n    atexit\n        print \"handler\"\n    start nap()\n    print \"main ends\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "main ends\nhandler\n");
	ck_assert_int_lt(run_find(r, EV_PRINT, 3, 1)->t, run_when(r, EV_EXIT, 4));
	run_free(r);
}
END_TEST

/* Pool.map cuts its items into chunks (_map_async: len / (4 * workers),
 * rounded up): 20 items on 2 workers are 7 tasks of 3 (the last of 2),
 * each run by one worker, item after item (the review's m1.py: runs of
 * three in one worker). */
START_TEST(map_hands_its_items_out_in_chunks)
{
	struct run *r = run_new("tick 1ms\ncpus 2\nprogram f(i)\n    sleep 10ms\n    print \"{i} {pid}\"\n"
				"main \"python3 m1.py\"\n    pool po size 2\n    map po f 20\n    close po\n    join po\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	int submits = 0;
	for (int i = 0; run_find(r, EV_IPC, 3, i); i++)
		submits += run_find(r, EV_IPC, 3, i)->op == IPC_SUBMIT;
	ck_assert_int_eq(submits, 7);
	int who[20] = {0};
	for (const char *c = run_console(r); *c;) {
		int item, pid;
		ck_assert_int_eq(sscanf(c, "%d %d", &item, &pid), 2);
		ck_assert(item >= 0 && item < 20);
		who[item] = pid;
		c = strchr(c, '\n') + 1;
	}
	for (int item = 0; item < 20; item++)
		ck_assert_int_eq(who[item], who[item - item % 3]); /* a chunk is one worker's */
	run_free(r);
}
END_TEST

/* Pool.terminate's _help_stuff_finish takes the task queue's reader lock:
 * main waits (futex_do_wait) until the idle worker reading the pipe has
 * read a sentinel of the task handler's; so the workers see their
 * sentinels and end their code before the SIGTERMs (the review's b1.py:
 * [0, -15, -15], mostly [0, 0, 0]: a worker still ending is killed). */
START_TEST(terminate_waits_for_the_task_queues_reader_lock)
{
	struct run *r = run_new("tick 1ms\ncpus 4\nmain \"python3 b1.py\"\n    pool po size 3\n    sleep 300ms\n"
				"    terminate po\n    print \"terminated\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	bool rlock = false;
	for (int i = 0; run_find(r, EV_SLEEP, 3, i); i++)
		rlock |= run_find(r, EV_SLEEP, 3, i)->wchan == WCHAN_POOL_RLOCK;
	ck_assert(rlock);
	for (int pid = 4; pid <= 6; pid++) {
		ck_assert_ptr_nonnull(run_find(r, EV_CODE_END, pid, 0)); /* its sentinel */
		ck_assert_int_le(run_when(r, EV_CODE_END, pid), run_when(r, EV_EXIT, pid));
	}
	ck_assert_str_eq(run_console(r), "terminated\n");
	run_free(r);
}
END_TEST

START_TEST(atexit_handlers_run_at_a_normal_exit_only)
{
	struct run *r = run_new("program child\n    atexit\n        print \"child\"\n"
				"program nap\n    sleep 10t\n"
				"program quits(how)\n    atexit\n        print \"q{how}\"\n"
				"    if how == 1\n        exit 4\n    if how == 2\n        kill -TERM self\n"
				"    if how == 3\n        raise ValueError \"x\"\n"
				"main \"python3 a.py\"\n    atexit\n        print \"first {elapsed}\"\n"
				"    atexit\n        raise ValueError \"in atexit\"\n"
				"    start child() as p\n    join p\n    repeat 3 as i\n        fork quits(i + 1) as q\n        wait q\n"
				"    start nap()\n    atexit\n        print \"after start {elapsed}\"\n    sys.exit(3)\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "ValueError: x\nq3\nafter start 0.0s\nException ignored in atexit callback\n"
			 "ValueError: in atexit\nfirst 1.0s\n");
	const struct sim_event *e = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(e->code, 3);
	ck_assert_int_eq(e->t, 10);
	run_free(r);
}
END_TEST

/* seed, random(LO, HI) and random.randint, as tests/truth/random_draws.py
 * showed for random.seed(7): sleeps of 0.986, 0.726 and 1.476 s, then 1;
 * a variable named random is still a variable. */
START_TEST(random_durations_and_randint_are_cpythons_for_the_seed)
{
	struct run *r = run_new("seed 7\ntick 10ms\ncosts none\nmain \"python3 r.py\"\n    repeat 3\n        sleep random(0.5s, 2s)\n"
				"        print \"{elapsed}\"\n    let n = random.randint(1, 6)\n    let random = n + 1\n"
				"    print \"{n} {random}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "0.99s\n1.72s\n3.20s\n1 2\n");
	run_free(r);
	r = run_new("main \"python3 r.py\"\n    let bad = random.randint(3, 1)\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "ValueError: empty range for randrange() (3, 2, -1)\n");
	run_free(r);
}
END_TEST

/* Process.exitcode after terminate(), as tests/truth/terminate_exitcode.py
 * showed: None (and alive) until join reaps the child, then -15; a child
 * that catches SIGTERM outlives a join with a timeout; kill gives -9. */
START_TEST(exitcode_is_none_after_terminate_until_join)
{
	struct run *r = run_new("program nap\n    sleep 100t\nprogram stubborn\n    on TERM\n        print \"caught\"\n    sleep 100t\n"
				"main \"python3 t.py\"\n    start nap() as p\n    terminate p\n"
				"    print \"{p.exitcode} {p.is_alive()}\"\n    join p\n    print \"{p.exitcode} {p.is_alive()}\"\n"
				"    start stubborn() as q\n    sleep 2t\n    terminate q\n    join q timeout 5t\n"
				"    print \"{q.exitcode} {q.is_alive()}\"\n    kill -KILL q\n    join q\n    print \"{q.exitcode}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "None True\n-15 False\ncaught\nNone True\n-9\n");
	run_free(r);
}
END_TEST

/* signal.signal(SIG, handler | SIG_IGN | SIG_DFL) in a Process child for
 * TERM, INT, USR1, USR2, HUP and CHLD, then that signal: the exitcodes
 * tests/truth/terminate_exitcode.py printed (0 when caught or ignored,
 * -N by default, 0 for CHLD, whose default is to ignore it). */
START_TEST(python_handlers_catch_ignore_or_default_six_signals)
{
	static const struct { const char *name; int num; } sigs[] = {
		{"TERM", 15}, {"INT", 2}, {"USR1", 10}, {"USR2", 12}, {"HUP", 1}, {"CHLD", 17},
	};
	static const char *const hows[] = {"on", "ignore", "default"};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		for (int h = 0; h < 3; h++) {
			char how[96], src[512];
			snprintf(how, sizeof how, "%s %s%s", hows[h], sigs[i].name, h == 0 ? "\n        print \"caught\"" : "");
			snprintf(src, sizeof src, "program target\n    %s\n    sleep 3t\n"
				 "main \"python3 s.py\"\n    start target() as c\n    sleep 1t\n    kill -%s c\n    join c\n"
				 "    print \"{c.exitcode}\"\n", how, sigs[i].name);
			struct run *r = run_new(src);
			ck_assert_int_eq(run_until(r, -1), SIM_DONE);
			char want[32];
			int code = h < 2 || sigs[i].num == 17 ? 0 : -sigs[i].num;
			snprintf(want, sizeof want, "%s%d\n", h == 0 ? "caught\n" : "", code);
			ck_assert_msg(strcmp(run_console(r), want) == 0, "%s %d: %s", sigs[i].name, h, run_console(r));
			run_free(r);
		}
}
END_TEST

/* sys.exit, as tests/truth/sys_exit.py showed: a child's string goes to
 * stderr with exitcode 1, leaving its `with` releases the lock; main's
 * code end still joins its children, and the status is the code & 0xff. */
START_TEST(sys_exit_in_a_child_and_in_main)
{
	struct run *r = run_new("lock l\nprogram child(n)\n    with l\n        sys.exit(\"child {n} gives up\")\n"
				"program quitter\n    sleep 2t\n    sys.exit(3)\n"
				"main \"python3 s.py\"\n    start child(1) as a\n    start quitter() as b\n    join a\n    join b\n"
				"    print \"a={a.exitcode} b={b.exitcode}\"\n    acquire l nowait as free\n    print \"{free}\"\n"
				"    start quitter() as c\n    sys.exit(256 + 4)\n    print \"not reached\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "child 1 gives up\na=1 b=3\nTrue\n");
	const struct sim_event *main_exit = run_find(r, EV_EXIT, 3, 0), *c_exit = run_find(r, EV_EXIT, 6, 0);
	ck_assert_ptr_nonnull(main_exit);
	ck_assert_ptr_nonnull(c_exit);
	ck_assert_int_eq(main_exit->code, 4);
	ck_assert_int_le(c_exit->t, main_exit->t); /* joined first */
	run_free(r);
}
END_TEST

/* Process(target=w, args=("a",), kwargs={"n": 1}): keyword arguments
 * bind by name, in any order (issue 10, item 6). */
START_TEST(keyword_arguments_bind_by_name)
{
	struct run *r = run_new("program w(name, n)\n    print \"{name} {n}\"\n"
				"main \"python3 k.py\"\n    start w(\"a\", n=1) as p\n    join p\n"
				"    start w(n=2, name=\"b\") as q\n    join q\n    fork w(n=3, name=\"c\")\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "a 1\nb 2\nc 3\n");
	run_free(r);
}
END_TEST

/* len(active_children()) reaps the ended ones first, as
 * tests/truth/active_children.py showed (issue 14). */
START_TEST(active_children_reaps_the_ended_ones)
{
	struct run *r = run_new("program nap(t)\n    sleep {t} ticks\n"
				"main \"python3 a.py\"\n    start nap(1) as quick\n    start nap(20) as slow\n    sleep 5t\n"
				"    let n = len(active_children())\n    print \"{n} {quick.exitcode}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "1 0\n");
	ck_assert_int_eq(run_when(r, EV_REAP, 4), 5); /* reaped by the call, at t=5 */
	run_free(r);
}
END_TEST

static Suite *ipc_suite(void)
{
	Suite *su = suite_create("ipc");
	TCase *tc = tcase_create("lock");
	tcase_add_test(tc, acquire_nowait_on_a_held_lock_returns_at_once);
	tcase_add_test(tc, acquire_nowait_on_a_free_lock_takes_it);
	tcase_add_test(tc, acquire_with_a_timeout_gives_up_at_the_deadline);
	tcase_add_test(tc, acquire_as_keeps_what_acquire_returned);
	suite_add_tcase(su, tc);
	TCase *py = tcase_create("python");
	tcase_add_test(py, pool_without_a_size_has_a_worker_per_cpu);
	tcase_add_test(py, queue_with_a_negative_maxsize_has_no_bound);
	tcase_add_test(py, getpid_and_getppid_are_the_process_s);
	tcase_add_test(py, a_process_object_is_none_until_started_then_runs);
	tcase_add_test(py, daemon_after_start_raises_assertion_error);
	tcase_add_test(py, joining_or_starting_twice_raises_as_process_py_asserts);
	tcase_add_test(py, wait_as_gives_the_status_word_and_python_raises_on_no_child);
	tcase_add_test(py, a_c_programs_wait_with_no_child_fails_and_goes_on);
	tcase_add_test(py, raise_is_caught_or_ends_the_child_with_exitcode_1);
	tcase_add_test(py, sys_exit_in_a_child_and_in_main);
	tcase_add_test(py, finally_runs_on_every_way_out);
	tcase_add_test(py, atexit_handlers_run_at_a_normal_exit_only);
	tcase_add_test(py, map_hands_its_items_out_in_chunks);
	tcase_add_test(py, terminate_waits_for_the_task_queues_reader_lock);
	tcase_add_test(py, an_object_registers_the_exit_function_before_later_atexit_handlers);
	tcase_add_test(py, random_durations_and_randint_are_cpythons_for_the_seed);
	tcase_add_test(py, exitcode_is_none_after_terminate_until_join);
	tcase_add_test(py, python_handlers_catch_ignore_or_default_six_signals);
	tcase_add_test(py, keyword_arguments_bind_by_name);
	tcase_add_test(py, active_children_reaps_the_ended_ones);
	suite_add_tcase(su, py);
	return su;
}

TEST_MAIN(ipc_suite)
