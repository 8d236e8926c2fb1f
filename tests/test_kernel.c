/* test_kernel.c: the kernel's objects as user space meets them through
 * system calls: memory shared copy-on-write at fork, pipes and descriptors,
 * the system calls the trace names; and the kernel's consistency check
 * catching a broken invariant. The last tests reach into the kernel's
 * insides (kernel_int.h) on purpose, to break one invariant at a time. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"
#include "snapshot.h"
#include "testlib.h"

static struct proc_info info(struct run *r, int pid)
{
	struct proc_info p;
	ck_assert_msg(snapshot_proc(r->sim, pid, &p), "no process %d", pid);
	return p;
}

static struct mem_info mem(struct run *r)
{
	struct mem_info m;
	snapshot_memory(r->sim, &m);
	return m;
}

/* ---- memory --------------------------------------------------------------------- */

#define COW_SRC                                                               \
	"program child\n    sleep 1s\n    touch 16MiB\n    touch 8MiB\n    sleep 1s\n" \
	"main \"python3 cow.py\"\n    alloc 64MiB\n    start child as c\n    join c\n    sleep 1s\n"

/* dup_mmap shares the parent's pages: both count them in RES, the RAM
 * holds them once. A write copies the pages it touches (do_wp_page): the
 * writer's RES stays, what it shares shrinks, used memory grows by as much. */
START_TEST(fork_shares_pages_and_a_write_copies_them)
{
	struct run *r = run_new(COW_SRC);
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	struct proc_info m0 = info(r, 3), c0 = info(r, 4);
	struct mem_info before = mem(r);
	ck_assert_int_ge(m0.res_kib, 64 * 1024);
	ck_assert_int_ge(c0.cow_kib, 64 * 1024);         /* the child shares the 64 MiB */
	ck_assert_int_eq(c0.cow_kib, m0.cow_kib);       /* ... with main, page for page */
	ck_assert_int_eq(c0.virt_kib, m0.virt_kib);
	ck_assert_int_lt(before.used, m0.res_kib + c0.res_kib); /* not counted twice */
	ck_assert_int_ge(before.used, m0.cow_kib);
	ck_assert_int_eq(run_until(r, 15), SIM_RUNNING);
	struct proc_info c1 = info(r, 4), m1 = info(r, 3);
	struct mem_info after = mem(r);
	ck_assert_int_eq(c1.res_kib, c0.res_kib);                 /* RES does not change */
	ck_assert_int_eq(c1.cow_kib, c0.cow_kib - 16 * 1024);     /* 4096 pages now its own */
	ck_assert_int_eq(after.used, before.used + 16 * 1024);    /* the copies are new RAM */
	ck_assert_int_eq(m1.res_kib, m0.res_kib);                 /* main still maps them all... */
	ck_assert_int_eq(m1.cow_kib, c1.cow_kib);                 /* ... but shares only what the child still maps */
	/* Writing the same 16 MiB again copies nothing. */
	ck_assert_int_eq(run_count(r, EV_MEMORY, 4), 1);
	const struct sim_event *cow = run_find(r, EV_MEMORY, 4, 0);
	ck_assert_ptr_nonnull(cow);
	ck_assert(cow->cow);
	ck_assert_int_eq(cow->pages, 4096);
	ck_assert_str_eq(cow->syscall, "page-fault");
	/* The child gone, its copies go with it; main's pages are its own again. */
	ck_assert_int_eq(run_until(r, 25), SIM_RUNNING);
	ck_assert_int_eq(mem(r).used, before.used);
	ck_assert_int_eq(info(r, 3).cow_kib, 0);
	ck_assert_int_eq(info(r, 3).res_kib, m0.res_kib);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(a_zombie_holds_no_memory_and_no_descriptors)
{
	struct run *r = run_new("pipe a, b\nprogram quick\n    alloc 1MiB\n"
				"main\n    fork quick as q\n    sleep 1s\n    wait q\n");
	ck_assert_int_eq(run_until(r, 5), SIM_RUNNING);
	struct proc_info z = info(r, 4);
	ck_assert_int_eq(z.state, 'Z');
	ck_assert_int_eq(z.virt_kib, 0);
	ck_assert_int_eq(z.res_kib, 0);
	ck_assert_int_eq(z.shr_kib, 0);
	ck_assert_int_eq(z.nfds, 0);
	ck_assert_int_eq(info(r, 3).nfds, 2); /* main holds the pipe's two ends */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	run_free(r);
}
END_TEST

START_TEST(a_child_writing_a_global_copies_one_page_once)
{
	struct run *r = run_new("var a = 1\nprogram child\n    a = 2\n    a = 3\n    sleep 1t\n"
				"main\n    a = 5\n    start child as c\n    join c\n    a = 6\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	/* main's own pages before the fork, and after the child is gone: nothing to copy */
	ck_assert_int_eq(run_count(r, EV_MEMORY, 3), 0);
	ck_assert_int_eq(run_count(r, EV_MEMORY, 4), 1); /* the second write finds its own copy */
	const struct sim_event *ev = run_find(r, EV_MEMORY, 4, 0);
	ck_assert(ev->cow);
	ck_assert_int_eq(ev->pages, 1);
	run_free(r);
}
END_TEST

START_TEST(alloc_beyond_the_machines_ram_raises_memory_error)
{
	struct run *r = run_new("memory 64MiB\nmain\n    try\n        alloc 100MiB\n    except MemoryError\n"
				"        print \"no room\"\n    alloc 1MiB\n    print \"1 MiB fits\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "no room\n1 MiB fits\n");
	ck_assert_int_eq(run_count(r, EV_MEMORY, 3), 1);
	run_free(r);
}
END_TEST

START_TEST(memory_settings_size_the_machine)
{
	struct run *r = run_new("memory 1GiB\nswap 0B\nmain\n    sleep 1t\n");
	ck_assert_int_eq(run_until(r, 1), SIM_RUNNING);
	struct mem_info m = mem(r);
	ck_assert_int_eq(m.total, 1024 * 1024);
	ck_assert_int_eq(m.swap_total, 0);
	ck_assert_int_eq(m.total, m.free + m.used + m.buff_cache);
	ck_assert_int_eq(m.avail, m.free + m.buff_cache);
	run_free(r);
}
END_TEST

/* ---- pipes and descriptors -------------------------------------------------------- */

#define EOF_SRC                                                                              \
	"pipe rd, wr simplex\n"                                                                 \
	"program reader\n    close wr\n    loop\n        try\n            recv rd as m\n"       \
	"        except EOFError\n            print \"eof at {tick}\"\n            break\n"     \
	"program writer\n    close rd\n    send wr 1\n"                                          \
	"main\n    start reader as r\n    start writer as w\n    close rd\n    sleep 2s\n"      \
	"    close wr\n"

/* pipe_read gives end of file only once no open file writes the pipe: main's
 * inherited copy of the write end keeps the reader asleep until main closes it. */
START_TEST(end_of_file_waits_for_the_last_writer)
{
	struct run *r = run_new(EOF_SRC);
	ck_assert_int_eq(run_until(r, 10), SIM_RUNNING);
	struct proc_info rd = info(r, 4);
	ck_assert_int_eq(rd.state, 'S');
	ck_assert_int_eq(rd.wchan, WCHAN_PIPE_RECV);
	ck_assert_str_eq(rd.syscall, "read");
	ck_assert_int_eq(rd.nfds, 1);            /* it closed its write end */
	ck_assert_int_eq(info(r, 3).nfds, 1);    /* main holds the write end only */
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "eof at 20\n");
	/* The writer's message woke it once (its write); the last wake-up comes
	 * from main's close of its descriptor 4. */
	ck_assert_str_eq(run_find(r, EV_WAKE, 4, 0)->syscall, "write");
	const struct sim_event *wake = run_find(r, EV_WAKE, 4, run_count(r, EV_WAKE, 4) - 1);
	ck_assert_int_eq(wake->t, 20);
	ck_assert_str_eq(wake->syscall, "close");
	ck_assert(wake->has_fd);
	ck_assert_int_eq(wake->fd, 4);
	run_free(r);
}
END_TEST

START_TEST(a_write_with_no_reader_left_is_a_broken_pipe)
{
	/* A Python writer: CPython ignores SIGPIPE, so the write fails with EPIPE. */
	struct run *r = run_new("pipe rd, wr simplex\nmain \"python3 w.py\"\n    close rd\n    try\n        send wr 1\n"
				"    except OSError\n        print \"EPIPE\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "EPIPE\n");
	run_free(r);
}
END_TEST

START_TEST(a_closed_descriptor_is_a_closed_handle)
{
	struct run *r = run_new("pipe a, b\nmain\n    close a\n    close a\n    try\n        send a 1\n"
				"    except OSError\n        print \"closed\"\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "closed\n");
	run_free(r);
}
END_TEST

/* ---- the system-call boundary --------------------------------------------------- */

START_TEST(events_name_the_system_call_the_kernel_saw)
{
	struct run *r = run_new("program c\n    print \"hi\"\nmain\n    start c as h\n    join h\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_find(r, EV_SPAWN, 4, 0)->syscall, "clone");
	const struct sim_event *sl = run_find(r, EV_SLEEP, 3, 0);
	ck_assert_str_eq(sl->syscall, "wait4");
	const struct sim_event *pr = run_find(r, EV_PRINT, 4, 0);
	ck_assert_str_eq(pr->syscall, "write");
	ck_assert(pr->has_fd);
	ck_assert_int_eq(pr->fd, 1);
	ck_assert_str_eq(run_find(r, EV_EXIT, 4, 0)->syscall, "exit_group");
	ck_assert_str_eq(run_find(r, EV_REAP, 4, 0)->syscall, "wait4");
	/* A timer's wake-up is an interrupt, not a call. */
	run_free(r);
	r = run_new("main\n    sleep 1t\n");
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_ptr_null(run_find(r, EV_WAKE, 3, 0)->syscall);
	ck_assert_str_eq(run_find(r, EV_SLEEP, 3, 0)->syscall, "clock_nanosleep");
	run_free(r);
}
END_TEST

START_TEST(the_system_call_table_names_every_call)
{
	for (int nr = 0; nr < SYS_COUNT; nr++) {
		const char *name = syscall_name((enum sysno)nr);
		ck_assert_ptr_nonnull(name);
		ck_assert_msg(strcmp(name, "?") != 0 && name[0], "call %d has no name", nr);
	}
	ck_assert_str_eq(syscall_name(SYS_COUNT), "?");
}
END_TEST

/* ---- the kernel's consistency check ---------------------------------------------- */

static struct run *running_system(void)
{
	struct run *r = run_new("pipe a, b\nprogram c\n    sleep 5t\nmain \"python3 m.py\"\n    alloc 1MiB\n"
				"    start c as h\n    join h\n");
	ck_assert_int_eq(run_until(r, 2), SIM_RUNNING);
	ck_assert_ptr_null(sim_check(r->sim));
	return r;
}

START_TEST(sim_check_catches_a_process_in_two_places)
{
	struct run *r = running_system();
	struct proc *c = proc_by_pid(r->sim, 4);
	ck_assert_int_eq(c->place, PL_WAITQ);
	c->place = PL_RUNQ; /* still on its wait queue */
	const char *bad = sim_check(r->sim);
	ck_assert_ptr_nonnull(bad);
	c->place = PL_WAITQ;
	ck_assert_ptr_null(sim_check(r->sim));
	run_free(r);
}
END_TEST

START_TEST(sim_check_catches_a_pipe_count_below_zero)
{
	struct run *r = running_system();
	ck_assert_int_gt(r->sim->npipes, 0);
	int32_t readers = r->sim->pipes[0].readers;
	r->sim->pipes[0].readers = -1;
	const char *bad = sim_check(r->sim);
	ck_assert_ptr_nonnull(bad);
	ck_assert_msg(strstr(bad, "pipe") != NULL, "%s", bad);
	r->sim->pipes[0].readers = readers;
	r->sim->files[0].refs++; /* a descriptor that is not there */
	bad = sim_check(r->sim);
	ck_assert_ptr_nonnull(bad);
	ck_assert_msg(strstr(bad, "open file") != NULL, "%s", bad);
	r->sim->files[0].refs--;
	ck_assert_ptr_null(sim_check(r->sim));
	run_free(r);
}
END_TEST

START_TEST(sim_check_catches_a_page_count_mismatch)
{
	struct run *r = running_system();
	ck_assert_int_gt(r->sim->nregions, 0);
	r->sim->regions[0].refs++;
	const char *bad = sim_check(r->sim);
	ck_assert_ptr_nonnull(bad);
	ck_assert_msg(strstr(bad, "copy-on-write") != NULL, "%s", bad);
	r->sim->regions[0].refs--;
	r->sim->anon_pages++;
	bad = sim_check(r->sim);
	ck_assert_ptr_nonnull(bad);
	ck_assert_msg(strstr(bad, "memory totals") != NULL, "%s", bad);
	r->sim->anon_pages--;
	ck_assert_ptr_null(sim_check(r->sim));
	run_free(r);
}
END_TEST

/* ---- the flood guard ------------------------------------------------------------ */

/* The count of a tick's events, pushed to SIM_TICK_EVENTS_MAX from a sink
 * at the first event of a kind, so that a test needs no million events. */
struct push {
	struct sim *s;
	enum sim_event_kind at;       /* push when this event comes */
	bool pushed;
	uint64_t count_at_dispatch;   /* the count at the first dispatch after the push */
	bool dispatched;
};

static void push_sink(void *ctx, const struct sim_event *ev)
{
	struct push *p = ctx;
	if (!p->pushed && ev->kind == p->at && ev->name && ev->name[0] == 'j') { /* a job's, not init's at boot */
		p->s->tick_total_events = SIM_TICK_EVENTS_MAX;
		p->pushed = true;
	} else if (p->pushed && !p->dispatched && ev->kind == EV_DISPATCH) {
		p->count_at_dispatch = p->s->tick_total_events;
		p->dispatched = true;
	}
}

static char *jobs_source_n(int n)
{
	size_t cap = 32 + (size_t)n * 40, len = 0;
	char *src = malloc(cap);
	ck_assert_ptr_nonnull(src);
	len += (size_t)snprintf(src, cap, "policy fifo\n");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(src + len, cap - len, "job j%d runs 1\n", i);
	return src;
}

/* A thousand jobs arriving at once are brought by the timeline, not by a
 * process running: their events do not count towards the flood. */
START_TEST(arrivals_do_not_count_towards_the_flood)
{
	char *src = jobs_source_n(1000);
	struct run *r = run_new(src);
	struct push p = {.s = r->sim, .at = EV_SPAWN};
	sim_set_sink(r->sim, push_sink, &p);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert(p.pushed && p.dispatched);
	ck_assert_uint_eq(p.count_at_dispatch, SIM_TICK_EVENTS_MAX); /* 999 more arrivals came in between */
	run_free(r);
	free(src);
}
END_TEST

/* FIFO leaves init, the jobs' parent, in the run queue behind them: it
 * reaps every zombie in the last tick. Past SIM_TICK_EVENTS_MAX a tick has
 * SIM_TICK_EVENTS_PER_PROC events per process to go on with: reaping 2000
 * zombies there ends, where a loop of fork and exit is stopped
 * (test_limits.c, a_tick_that_never_ends_is_a_runaway). */
START_TEST(init_reaping_every_zombie_at_once_is_no_flood)
{
	char *src = jobs_source_n(2000);
	struct run *r = run_new(src);
	struct push p = {.s = r->sim, .at = EV_REAP};
	sim_set_sink(r->sim, push_sink, &p);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert(p.pushed);
	ck_assert_int_eq(r->sim->peak_zombies, 2000);
	ck_assert_uint_gt(r->sim->tick_total_events, SIM_TICK_EVENTS_MAX + 1000); /* past the limit, allowed */
	run_free(r);
	free(src);
}
END_TEST

static Suite *kernel_suite(void)
{
	Suite *su = suite_create("kernel");
	TCase *mm = tcase_create("memory");
	tcase_add_test(mm, fork_shares_pages_and_a_write_copies_them);
	tcase_add_test(mm, a_zombie_holds_no_memory_and_no_descriptors);
	tcase_add_test(mm, a_child_writing_a_global_copies_one_page_once);
	tcase_add_test(mm, alloc_beyond_the_machines_ram_raises_memory_error);
	tcase_add_test(mm, memory_settings_size_the_machine);
	suite_add_tcase(su, mm);
	TCase *fd = tcase_create("files");
	tcase_add_test(fd, end_of_file_waits_for_the_last_writer);
	tcase_add_test(fd, a_write_with_no_reader_left_is_a_broken_pipe);
	tcase_add_test(fd, a_closed_descriptor_is_a_closed_handle);
	suite_add_tcase(su, fd);
	TCase *sc = tcase_create("syscalls");
	tcase_add_test(sc, events_name_the_system_call_the_kernel_saw);
	tcase_add_test(sc, the_system_call_table_names_every_call);
	suite_add_tcase(su, sc);
	TCase *ck = tcase_create("check");
	tcase_add_test(ck, sim_check_catches_a_process_in_two_places);
	tcase_add_test(ck, sim_check_catches_a_pipe_count_below_zero);
	tcase_add_test(ck, sim_check_catches_a_page_count_mismatch);
	suite_add_tcase(su, ck);
	TCase *fl = tcase_create("flood");
	tcase_add_test(fl, arrivals_do_not_count_towards_the_flood);
	tcase_add_test(fl, init_reaping_every_zombie_at_once_is_no_flood);
	suite_add_tcase(su, fl);
	return su;
}

TEST_MAIN(kernel_suite)
