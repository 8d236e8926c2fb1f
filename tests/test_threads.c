/* test_threads.c: threads (issue 14, item 3; docs/semantics.md, section
 * 7c). A thread is a task of its own with a TID from the PID map; it shares
 * its process's descriptors and signals; it is gone at once when it ends;
 * its process's exit, a fatal signal and a stop take every thread. CPython's
 * threads: a Queue's feeder, a Pool's three handlers
 * (tests/truth/threads.py). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "snapshot.h"
#include "testlib.h"

static struct proc_info task_now(const struct run *r, int pid)
{
	struct proc_info p;
	ck_assert_msg(snapshot_proc(r->sim, pid, &p), "no task %d", pid);
	return p;
}

/* main puts into a queue at its start: its feeder thread is TID 4, and the
 * child it starts next gets PID 5. */
static const char feeder_src[] =
	"queue q\n"
	"program child(q)\n    get q as v\n    print \"got {v}\"\n"
	"main \"python3 q.py\"\n    put q \"x\"\n    sleep 5t\n    start child(q) as c\n    join c\n";

START_TEST(the_first_put_starts_a_feeder_thread_with_a_tid_from_the_pid_map)
{
	struct run *r = run_new(feeder_src);
	ck_assert_int_eq(run_until(r, 2), SIM_RUNNING);
	const struct sim_event *ev = run_find(r, EV_THREAD, 4, 0);
	ck_assert_ptr_nonnull(ev);
	ck_assert_int_eq(ev->ppid, 3);
	struct proc_info m = task_now(r, 3), f = task_now(r, 4);
	ck_assert_int_eq(m.nlwp, 2);
	ck_assert_int_eq(f.tgid, 3);
	ck_assert_int_eq(f.state, 'S');
	ck_assert_int_eq(f.wchan, WCHAN_QUEUE_FEED);
	ck_assert_str_eq(wchan_kernel_name(f.wchan), "futex_do_wait");
	ck_assert_int_eq(snapshot_tgid(r->sim, 4), 3);
	/* ps shows processes: main, not its thread */
	struct proc_info rows[16];
	int n = snapshot_procs(r->sim, rows, 16);
	for (int i = 0; i < n; i++)
		ck_assert_int_ne(rows[i].pid, 4);
	/* ps -L: main's row, then its thread's */
	n = snapshot_tasks(r->sim, rows, 16);
	int at = -1;
	for (int i = 0; i < n; i++)
		if (rows[i].pid == 3)
			at = i;
	ck_assert_int_ge(at, 0);
	ck_assert_int_eq(rows[at + 1].pid, 4);
	ck_assert_int_eq(rows[at + 1].tgid, 3);
	struct sim_counts c;
	snapshot_counts(r->sim, &c);
	ck_assert_int_eq(c.threads, c.total + 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "got x\n");
	ck_assert_ptr_nonnull(run_find(r, EV_SPAWN, 5, 0)); /* the child, after the TID */
	ck_assert_ptr_nonnull(run_find(r, EV_THREAD_EXIT, 4, 0));
	run_free(r);
}
END_TEST

START_TEST(the_feeder_writes_into_the_pipe_and_main_joins_it_at_exit)
{
	struct run *r = run_new(feeder_src);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* put hands the item to the feeder, which writes it */
	const struct sim_event *put = NULL, *feed = NULL;
	for (int i = 0; run_find(r, EV_IPC, 0, i); i++) {
		const struct sim_event *e = run_find(r, EV_IPC, 0, i);
		if (e->op == IPC_PUT)
			put = e;
		if (e->op == IPC_FEED)
			feed = e;
	}
	ck_assert_ptr_nonnull(put);
	ck_assert_ptr_nonnull(feed);
	ck_assert_int_eq(put->pid, 3);
	ck_assert_int_eq(feed->pid, 4);
	ck_assert_str_eq(feed->syscall, "write");
	/* Thread.start waits for the thread; _exit_function joins it */
	ck_assert_int_eq(run_find(r, EV_SLEEP, 3, 0)->wchan, WCHAN_THREAD_START);
	int joins = 0;
	for (int i = 0; run_find(r, EV_SLEEP, 3, i); i++)
		joins += run_find(r, EV_SLEEP, 3, i)->wchan == WCHAN_THREAD_JOIN;
	ck_assert_int_eq(joins, 1);
	/* the thread ended before its process: no zombie of it */
	ck_assert_int_le(run_when(r, EV_THREAD_EXIT, 4), run_when(r, EV_EXIT, 3));
	ck_assert_ptr_null(run_find(r, EV_EXIT, 4, 0));
	ck_assert_ptr_null(run_find(r, EV_REAP, 4, 0));
	run_free(r);
}
END_TEST

/* A process killed before its feeder ran: the item is lost with it. */
START_TEST(a_killed_process_takes_its_threads_and_their_items)
{
	struct run *r = run_new("queue q\n"
				"program child(q)\n    put q \"x\"\n    sleep 100t\n"
				"main \"python3 q.py\"\n    start child(q) as c\n    sleep 2t\n    kill -KILL c\n    join c\n"
				"    get q as v timeout 1s\n    print \"got {v}\"\n");
	ck_assert_int_eq(run_until(r, 1), SIM_RUNNING);
	ck_assert_int_eq(task_now(r, 4).nlwp, 2);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* the feeder had written x before the kill: main gets it */
	ck_assert_str_eq(run_console(r), "got x\n");
	const struct sim_event *gone = run_find(r, EV_THREAD_EXIT, 5, 0);
	ck_assert_ptr_nonnull(gone);
	ck_assert_int_eq(gone->t, run_when(r, EV_EXIT, 4));
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->sig, 9);
	run_free(r);
}
END_TEST

START_TEST(a_stop_stops_every_thread_and_cont_continues_them)
{
	struct run *r = run_new("queue q\n"
				"main \"python3 q.py\"\n    put q \"x\"\n    sleep 10t\n    get q as v\n    print \"{v}\"\n"
				"at 3 kill -STOP 3\nat 6 kill -CONT 3\n");
	ck_assert_int_eq(run_until(r, 4), SIM_RUNNING);
	ck_assert_int_eq(task_now(r, 3).state, 'T');
	ck_assert_int_eq(task_now(r, 4).state, 'T');
	/* a signal to the thread's TID is the process's */
	ck_assert_int_eq(run_until(r, 7), SIM_RUNNING);
	ck_assert_int_eq(task_now(r, 3).state, 'S');
	ck_assert_int_eq(task_now(r, 4).state, 'S');
	ck_assert_int_eq(task_now(r, 4).wchan, WCHAN_QUEUE_FEED);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* bash reports the stop; after it, main gets what the feeder wrote */
	ck_assert_ptr_nonnull(strstr(run_console(r), "Stopped"));
	ck_assert_ptr_nonnull(strstr(run_console(r), "\nx\n"));
	run_free(r);
}
END_TEST

START_TEST(a_signal_to_a_thread_is_its_process)
{
	struct run *r = run_new("queue q\n"
				"main \"python3 q.py\"\n    put q \"x\"\n    sleep 10t\n"
				"at 3 kill -TERM 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	const struct sim_event *ex = run_find(r, EV_EXIT, 3, 0);
	ck_assert_int_eq(ex->sig, 15);
	ck_assert_int_eq(ex->t, 3);
	ck_assert_int_eq(run_when(r, EV_THREAD_EXIT, 4), 3);
	run_free(r);
}
END_TEST

/* Pool(2): two workers, then three handler threads (TIDs 6, 7, 8); join
 * joins the threads (futex_do_wait), then the workers (do_wait). */
START_TEST(a_pool_has_three_handler_threads_and_join_joins_them_first)
{
	struct run *r = run_new("program t(i)\n    sleep 5t\n"
				"main \"python3 p.py\"\n    pool po size 2\n    apply_async po t(1)\n    close po\n    join po\n"
				"    print \"done\"\n");
	ck_assert_int_eq(run_until(r, 2), SIM_RUNNING);
	struct proc_info m = task_now(r, 3);
	ck_assert_int_eq(m.nlwp, 4);
	static const enum wchan want[] = {WCHAN_POLL, WCHAN_POOL_TASKQ, WCHAN_POOL_OUTQ};
	static const char *const kernel[] = {"poll_schedule_timeout.constprop.0", "futex_do_wait", "anon_pipe_read"};
	for (int i = 0; i < 3; i++) {
		struct proc_info t = task_now(r, 6 + i);
		ck_assert_int_eq(t.tgid, 3);
		ck_assert_int_eq(t.state, 'S');
		ck_assert_int_eq(t.wchan, want[i]);
		ck_assert_str_eq(wchan_kernel_name(t.wchan), kernel[i]);
	}
	/* main in join: the handler threads first */
	ck_assert_int_eq(m.state, 'S');
	ck_assert_int_eq(m.wchan, WCHAN_THREAD_JOIN);
	ck_assert_str_eq(wchan_kernel_name(m.wchan), "futex_do_wait");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "done\n");
	for (int tid = 6; tid <= 8; tid++)
		ck_assert_ptr_nonnull(run_find(r, EV_THREAD_EXIT, tid, 0));
	/* then each worker, in do_wait */
	bool do_wait = false;
	for (int i = 0; run_find(r, EV_SLEEP, 3, i); i++)
		do_wait |= run_find(r, EV_SLEEP, 3, i)->wchan == WCHAN_CHILD_PID;
	ck_assert(do_wait);
	run_free(r);
}
END_TEST

START_TEST(threads_survive_time_travel)
{
	struct run *r = run_new(feeder_src);
	ck_assert_int_eq(run_until(r, 2), SIM_RUNNING);
	struct sim *copy = sim_clone(r->sim);
	ck_assert_ptr_nonnull(copy);
	ck_assert_int_eq(sim_run(copy, -1), SIM_DONE);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(sim_now(copy), sim_now(r->sim));
	sim_free(copy);
	run_free(r);
}
END_TEST

/* A Manager().Queue(): the server process (PID 4) and its threads
 * (tests/truth/manager_threads.py). main prints first, then starts the
 * Manager before its first child; a get on the empty managed queue waits
 * in a thread of the server while the caller waits for the reply. */
START_TEST(a_managed_queue_lives_in_the_managers_server_process)
{
	struct run *r = run_new("tick 1ms\ncpus 2\nqueue q manager\n"
				"program reader(q)\n    get q as v\n    print \"got {v}\"\n"
				"main \"python3 m.py\"\n    print \"start\"\n    start reader(q) as r\n    sleep 200ms\n"
				"    put q \"x\"\n    join r\n    print \"end\"\n");
	ck_assert_int_eq(run_until(r, 150), SIM_RUNNING);
	/* the server: main's child, with its accepter (TID 5) and a thread
	 * serving the reader; Queue()'s short connections' threads (6-8) are gone */
	struct proc_info srv = task_now(r, 4);
	ck_assert_int_eq(srv.ppid, 3);
	ck_assert_int_eq(srv.wchan, WCHAN_MANAGER_STOP);
	ck_assert_str_eq(wchan_kernel_name(srv.wchan), "futex_do_wait");
	struct proc_info acc = task_now(r, 5);
	ck_assert_int_eq(acc.tgid, 4);
	ck_assert_str_eq(wchan_kernel_name(acc.wchan), "__skb_wait_for_more_packets");
	ck_assert_int_eq(snapshot_tgid(r->sim, 6), 0);
	ck_assert_int_eq(srv.nlwp, 3);
	/* the reader is PID 9 and waits for the reply; the serving thread waits in get */
	struct proc_info rd = task_now(r, 9);
	ck_assert_int_eq(rd.wchan, WCHAN_MANAGER_REPLY);
	ck_assert_str_eq(wchan_kernel_name(rd.wchan), "unix_stream_read_generic");
	bool serving_get = false;
	struct proc_info rows[32];
	int n = snapshot_tasks(r->sim, rows, 32);
	for (int i = 0; i < n; i++)
		serving_get |= rows[i].tgid == 4 && rows[i].pid != 4 && rows[i].wchan == WCHAN_MANAGER_GET;
	ck_assert(serving_get);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "start\ngot x\nend\n");
	/* main's exit handler shut the server down and reaped it */
	ck_assert_int_eq(run_find(r, EV_EXIT, 4, 0)->code, 0);
	ck_assert_int_eq(run_find(r, EV_REAP, 4, 0)->other, 3);
	run_free(r);
}
END_TEST

/* A client killed while it waits in a managed get: the thread serving it
 * still takes the next item, and its reply goes nowhere (EPIPE): the item
 * is lost, as with CPython's Manager; the thread then sees the end of the
 * connection and ends. Time travel copies the server's state. */
START_TEST(a_client_killed_in_a_managed_get_loses_the_next_item)
{
	struct run *r = run_new("tick 1ms\nqueue q manager\n"
				"program getter(q)\n    get q as v\n    print \"getter {v}\"\n"
				"main \"python3 m.py\"\n    start getter(q) as g\n    sleep 100ms\n    kill -KILL g\n    join g\n"
				"    put q \"a\"\n    put q \"b\"\n    get q as v\n    print \"main {v}\"\n");
	ck_assert_int_eq(run_until(r, 120), SIM_RUNNING);
	struct sim *copy = sim_clone(r->sim);
	ck_assert_ptr_nonnull(copy);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "main b\n");
	ck_assert_int_eq(sim_run(copy, -1), SIM_DONE);
	ck_assert_int_eq(sim_now(copy), sim_now(r->sim));
	sim_free(copy);
	run_free(r);
}
END_TEST

/* The requests a Manager's server gets, as CPython makes them
 * (tests/truth/manager_requests.py): Queue()'s create, incref and decref;
 * the child's incref at its start, its own connection, its decref at its
 * exit; main's own connection, its decref, the shutdown: a serving thread
 * each, after the accepter (10 threads, TIDs 5-8 and 10-15). */
START_TEST(a_managers_server_serves_each_request_as_cpython_makes_it)
{
	struct run *r = run_new("tick 1ms\nqueue q manager\nprogram child(q)\n    put q 1\n"
				"main \"python3 m.py\"\n    start child(q) as c\n    join c\n    get q as v\n    print \"got {v}\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "got 1\n");
	int threads = 0;
	for (int i = 0; run_find(r, EV_THREAD, 0, i); i++)
		threads += run_find(r, EV_THREAD, 0, i)->ppid == 4;
	ck_assert_int_eq(threads, 10);
	ck_assert_int_eq(run_find(r, EV_SPAWN, 9, 0)->ppid, 3); /* the child, after Queue()'s three */
	/* the child's incref (TID 10) is over before its own connection (11) */
	ck_assert_int_le(run_when(r, EV_THREAD_EXIT, 10), run_when(r, EV_THREAD, 11));
	run_free(r);
}
END_TEST

/* complete_signal (tests/truth/signal_threads.py): main blocks SIGTERM;
 * its feeder thread does not, so it takes the signal and the process
 * dies of it; without a feeder the process survives. */
START_TEST(a_signal_goes_to_a_thread_that_does_not_block_it)
{
	static const char src[] = "tick 1ms\nqueue q\nmain \"python3 a.py\"\n%s    sleep 100ms\n"
				  "    block TERM\n    kill -TERM self\n    sleep 500ms\n    print \"survived\"\n";
	char buf[512];
	snprintf(buf, sizeof buf, src, "    put q 1\n");
	struct run *r = run_new(buf);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 15);
	ck_assert_ptr_null(strstr(run_console(r), "survived"));
	run_free(r);
	snprintf(buf, sizeof buf, src, "");
	r = run_new(buf);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 0);
	ck_assert_str_eq(run_console(r), "survived\n");
	run_free(r);
}
END_TEST

/* kill(feeder's TID, USR1) while main sleeps: CPython's C handler runs in
 * the feeder, the Python handler in main once its sleep is over, which
 * the signal does not cut short (tests/truth/signal_threads.py). */
START_TEST(a_caught_signal_sent_to_a_thread_waits_for_the_main_thread)
{
	struct run *r = run_new("tick 1ms\nqueue q\nmain \"python3 a.py\"\n    on USR1\n        print \"handler\"\n"
				"    put q 1\n    sleep 2s\n    print \"sleep done\"\n    get q as v\n"
				"at 300ms kill -USR1 4\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "handler\nsleep done\n");
	const struct sim_event *h = run_find(r, EV_PRINT, 3, 0);
	ck_assert_int_ge(h->t, 2000); /* after the sleep, not at 300 ms */
	run_free(r);
}
END_TEST

/* A Manager's server ignores SIGINT (managers.py _run_server, bpo-36368):
 * Ctrl+C ends main, whose exit handler still shuts the server down. */
START_TEST(a_managers_server_ignores_ctrl_c)
{
	struct run *r = run_new("tick 1ms\nqueue q manager\nmain \"python3 g1.py\"\n    put q 1\n    sleep 2s\n"
				"at 500ms ctrl-c\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_int_eq(run_find(r, EV_EXIT, 3, 0)->sig, 2);
	const struct sim_event *srv = run_find(r, EV_EXIT, 4, 0);
	ck_assert_int_eq(srv->sig, 0);
	ck_assert_int_eq(srv->code, 0);
	ck_assert_int_eq(run_count(r, EV_RAISE, 4), 0);
	run_free(r);
}
END_TEST

/* A pipe holds 64 KiB (tests/truth/queue_deadlock.py): a child's feeder
 * with more to write than that waits in pipe_write; the child, at its
 * end, waits for its feeder; main joining the child first: a deadlock.
 * 1,000 small ints (16 KiB) fit. */
static enum sim_status put_then_join(int n, struct run **out)
{
	char src[512];
	snprintf(src, sizeof src, "tick 1ms\nqueue q\nprogram child(q, n)\n    repeat n as i\n        put q i\n"
				  "main \"python3 d.py\"\n    start child(q, %d) as c\n    join c\n    print \"joined\"\n", n);
	*out = run_new(src);
	return run_until(*out, 5000);
}

START_TEST(a_full_pipe_holds_the_feeder_and_joining_its_process_deadlocks)
{
	struct run *r;
	ck_assert_int_eq(put_then_join(10000, &r), SIM_STUCK);
	struct proc_info f = task_now(r, 5), c = task_now(r, 4);
	ck_assert_int_eq(f.wchan, WCHAN_PIPE_WRITE);
	ck_assert_str_eq(wchan_kernel_name(f.wchan), "anon_pipe_write");
	ck_assert_int_eq(c.wchan, WCHAN_THREAD_JOIN);
	int fed = 0;
	for (int i = 0; run_find(r, EV_IPC, 5, i); i++)
		fed += run_find(r, EV_IPC, 5, i)->op == IPC_FEED;
	ck_assert_int_eq(fed, 3584 + 1); /* 256 of 9 bytes and 3,328 of 19 fill 65,536; the next waits */
	run_free(r);
	ck_assert_int_eq(put_then_join(1000, &r), SIM_DONE);
	ck_assert_str_eq(run_console(r), "joined\n");
	run_free(r);
}
END_TEST

static Suite *threads_suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("threads");
	tcase_add_test(tc, the_first_put_starts_a_feeder_thread_with_a_tid_from_the_pid_map);
	tcase_add_test(tc, the_feeder_writes_into_the_pipe_and_main_joins_it_at_exit);
	tcase_add_test(tc, a_killed_process_takes_its_threads_and_their_items);
	tcase_add_test(tc, a_stop_stops_every_thread_and_cont_continues_them);
	tcase_add_test(tc, a_signal_to_a_thread_is_its_process);
	tcase_add_test(tc, a_pool_has_three_handler_threads_and_join_joins_them_first);
	tcase_add_test(tc, threads_survive_time_travel);
	tcase_add_test(tc, a_managed_queue_lives_in_the_managers_server_process);
	tcase_add_test(tc, a_client_killed_in_a_managed_get_loses_the_next_item);
	tcase_add_test(tc, a_managers_server_serves_each_request_as_cpython_makes_it);
	tcase_add_test(tc, a_signal_goes_to_a_thread_that_does_not_block_it);
	tcase_add_test(tc, a_caught_signal_sent_to_a_thread_waits_for_the_main_thread);
	tcase_add_test(tc, a_managers_server_ignores_ctrl_c);
	tcase_add_test(tc, a_full_pipe_holds_the_feeder_and_joining_its_process_deadlocks);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(threads_suite)
