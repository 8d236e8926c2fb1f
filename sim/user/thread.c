/* thread.c: CPython's threading, as multiprocessing uses it
 * (Lib/threading.py). A Thread is a kernel thread of its process (clone3,
 * sys_clone_thread) running one of CPython's loops: a Queue's feeder
 * (queues.py _feed) or a Pool's three handlers (pool.py _handle_workers,
 * _handle_tasks, _handle_results). Each has its TID, its state and its
 * wait channel; ps -L and top's H show them.
 *
 *  start()   clones the thread, then waits until it runs (Thread.start
 *            waits for its _started Event: futex_do_wait), so a thread
 *            starts before its creator goes on;
 *  join()    waits until it has ended (its _tstate_lock: futex_do_wait);
 *  the end   of its loop wakes the joiners and exits the thread (exit(2));
 *            the process goes on. A process that exits takes its threads
 *            with it (exit_group), a feeder's unwritten items too.
 * The threads' entries live in struct user, one per thread, reused. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user_int.h"

static int process_pid(const struct user *u, const struct uproc *p)
{
	return p->thread ? u->threads[p->thread - 1].tgid : p->pid;
}

struct uthread *thread_find(struct user *u, const struct uproc *p, enum uthread_kind kind, int obj)
{
	int tgid = process_pid(u, p);
	for (int32_t i = 0; i < u->nthreads; i++) {
		struct uthread *th = &u->threads[i];
		if (th->tid && th->tgid == tgid && th->kind == kind && th->obj == obj)
			return th;
	}
	return NULL;
}

/* Every thread runs the same two instructions: its loop's body, and back. */
static const struct program *thread_program(struct user *u)
{
	if (!u->thread_prog)
		u->thread_prog = user_loop_program(u, "Thread", OP_THREAD, 0, OP_COUNT);
	return u->thread_prog;
}

static const enum wchan work_wchan[UT_COUNT] = {
	[UT_FEEDER] = WCHAN_QUEUE_FEED, [UT_WORKER_HANDLER] = WCHAN_POLL,
	[UT_TASK_HANDLER] = WCHAN_POOL_TASKQ, [UT_RESULT_HANDLER] = WCHAN_POOL_OUTQ,
	[UT_MGR_ACCEPTER] = WCHAN_ACCEPT, [UT_MGR_CONN] = WCHAN_MANAGER_GET,
};

/* A free entry of the same kind (its futexes are reused), or a new one. */
static struct uthread *new_entry(struct user *u, enum uthread_kind kind, int obj)
{
	for (int32_t i = 0; i < u->nthreads; i++)
		if (!u->threads[i].tid && u->threads[i].kind == kind && u->threads[i].obj == obj)
			return &u->threads[i];
	if (u->nthreads == u->capthreads) {
		int32_t cap = u->capthreads ? u->capthreads * 2 : 8;
		struct uthread *n = realloc(u->threads, sizeof *n * (size_t)cap);
		if (!n)
			abort();
		u->threads = n;
		u->capthreads = cap;
	}
	struct uthread *th = &u->threads[u->nthreads++];
	memset(th, 0, sizeof *th);
	th->kind = (uint8_t)kind;
	th->obj = (int16_t)obj;
	const char *name = kind >= UT_MGR_ACCEPTER ? "Manager" : u->objs[obj].decl->name;
	th->fx_started = kernel_futex_new(u->k, WCHAN_THREAD_START, obj, name);
	th->fx_ended = kernel_futex_new(u->k, WCHAN_THREAD_JOIN, obj, name);
	th->fx_work = kernel_futex_new(u->k, work_wchan[kind], obj, name);
	if (th->fx_started < 0 || th->fx_ended < 0 || th->fx_work < 0)
		abort();
	return th;
}

int thread_start(struct user *u, struct uproc *p, enum uthread_kind kind, int obj)
{
	struct uthread *th = thread_find(u, p, kind, obj);
	if (!th) {
		th = new_entry(u, kind, obj);
		int err = 0;
		struct proc *t = sys_clone_thread(u->k, p->task, &err);
		if (!t)
			return exec_raise(u, p, EXC_RUNTIME, "RuntimeError: can't start new thread");
		th->tgid = process_pid(u, p);
		th->tid = task_pid(t);
		th->started = th->closing = th->acked = false;
		th->head = th->count = 0;
		th->conn = -1;
		struct uproc *w = U(u, t);
		user_image_init(u, w, t, thread_program(u));
		w->flags = UF_PYTHON;
		w->thread = (int32_t)(th - u->threads) + 1;
		exec_spend(u, p, COST_THREAD_START);
		kernel_wake_new_task(u->k, t);
	}
	if (th->tid < 0) { /* it ran, and ended, before its starter came back */
		th->tid = 0;
		return STEP_NEXT;
	}
	if (th->started) {
		th->acked = true;
		return STEP_NEXT;
	}
	p->progress = -1; /* waiting: a handler's interruption restarts the start's wait */
	sys_futex_wait(u->k, p->task, th->fx_started, -1);
	return exec_restart(p);
}

int thread_join(struct user *u, struct uproc *p, enum uthread_kind kind, int obj)
{
	struct uthread *th = thread_find(u, p, kind, obj);
	if (!th || th->tid < 0)
		return STEP_NEXT;
	sys_futex_wait(u->k, p->task, th->fx_ended, -1);
	return exec_restart(p);
}

int thread_exit(struct user *u, struct uproc *p)
{
	struct uthread *th = &u->threads[p->thread - 1];
	sys_futex_wake(u->k, p->task, th->fx_ended, INT_MAX);
	sys_exit_thread(u->k, p->task);
	return RUN_GONE;
}

void thread_notify(struct user *u, struct uproc *p, struct uthread *th)
{
	if (kernel_futex_waiters(u->k, th->fx_work))
		sys_futex_wake(u->k, p->task, th->fx_work, 1);
}

enum run_result thread_step(struct user *u, struct uproc *p)
{
	struct uthread *th = &u->threads[p->thread - 1];
	if (!th->started) { /* Thread._bootstrap_inner: self._started.set() */
		th->started = true;
		sys_futex_wake(u->k, p->task, th->fx_started, INT_MAX);
	}
	int r = th->kind == UT_FEEDER ? mp_feed(u, p, th)
	      : th->kind >= UT_MGR_ACCEPTER ? manager_thread_step(u, p, th) : pool_handler_step(u, p, th);
	return (enum run_result)r;
}

void thread_release(struct user *u, const struct uproc *p)
{
	if (!p->thread || p->thread > u->nthreads)
		return;
	struct uthread *th = &u->threads[p->thread - 1];
	th->tid = th->acked ? 0 : -1;
	th->count = th->head = 0;
	th->started = th->closing = false;
}

bool thread_clone(const struct user *from, struct user *to)
{
	to->threads = NULL;
	to->nthreads = to->capthreads = 0;
	if (!from->capthreads)
		return true;
	to->threads = malloc(sizeof *to->threads * (size_t)from->capthreads);
	if (!to->threads)
		return false;
	memcpy(to->threads, from->threads, sizeof *to->threads * (size_t)from->nthreads);
	to->nthreads = from->nthreads;
	to->capthreads = from->capthreads;
	bool ok = true;
	for (int32_t i = 0; i < from->nthreads; i++) {
		const struct uthread *f = &from->threads[i];
		to->threads[i].buf = NULL;
		if (f->cap && (to->threads[i].buf = malloc(sizeof *f->buf * (size_t)f->cap)))
			memcpy(to->threads[i].buf, f->buf, sizeof *f->buf * (size_t)f->cap);
		else if (f->cap)
			ok = false, to->threads[i].cap = 0;
	}
	return ok;
}

void thread_fini(struct user *u)
{
	for (int32_t i = 0; i < u->nthreads; i++)
		free(u->threads[i].buf);
	free(u->threads);
	u->threads = NULL;
	u->nthreads = u->capthreads = 0;
}
