/* pool.c: multiprocessing.Pool (Lib/multiprocessing/pool.py). The creator
 * makes the task queue (_inqueue, a SimpleQueue: a pipe and a reader lock)
 * and the result queue (_outqueue, a pipe), forks `size` daemonic workers
 * (named ForkPoolWorker-N, as CPython names them), which inherit both and
 * which it remembers in order (Pool._pool), then starts its three handler
 * threads (thread.c), each Thread.start waiting until the thread runs:
 *
 *  worker handler  (_handle_workers) polls (poll_schedule_timeout) until
 *                  something changes; once the pool is closed and its cache
 *                  is empty it tells the task handler to stop and ends;
 *  task handler    (_handle_tasks) waits on the task queue (a futex) and
 *                  writes each task into the workers' pipe; told to stop,
 *                  it sends a None to the result handler and one to each
 *                  worker, and ends;
 *  result handler  (_handle_results) reads the result pipe (anon_pipe_read)
 *                  and hands each result to its caller (ApplyResult._set);
 *                  the cache empty, it notifies the worker handler; its
 *                  None ends it.
 *
 * Each worker loops as pool.worker does: get a task (one idle worker reads
 * the pipe, in pipe_read; the others wait for the reader lock, a futex), run
 * its program in the worker's own process, put the result into the result
 * pipe, and go back for the next; a None sentinel ends it. apply and map
 * sleep until their tasks are done; a task's exception comes back to them.
 * close() notifies the worker handler; join() joins the three threads
 * (futex_do_wait), then each worker in turn (do_wait); terminate() stops
 * the handlers, takes what is left in the task queue and sends each worker
 * SIGTERM. The pipes carry a token per task; the task itself (program and
 * arguments) is kept in the pool object, in the same order, as its pickle. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user_int.h"

/* pool.worker's loop, then, once it returns on the sentinel, the end of a
 * Process child (_bootstrap: _exit_function, which joins its Queues'
 * feeders). */
/* terminate() has begun (the handlers' _state is TERMINATE). */
static bool terminating(const struct uobj *o) { return o->term_stage > 0; }

static struct program *worker_program(struct user *u, int pool)
{
	return user_loop_program(u, "ForkPoolWorker", OP_POOL_WORK, pool, OP_CODE_END);
}

static void task_push(struct uobj *o, const struct pool_task *t)
{
	if (o->tcount == o->tcap) {
		int32_t cap = o->tcap ? o->tcap * 2 : 8;
		struct pool_task *n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int32_t i = 0; i < o->tcount; i++)
			n[i] = o->tasks[(o->thead + i) % o->tcap];
		free(o->tasks);
		o->tasks = n;
		o->thead = 0;
		o->tcap = cap;
	}
	o->tasks[(o->thead + o->tcount++) % o->tcap] = *t;
}

static bool started(const struct uproc *p, int pid)
{
	for (int32_t i = 0; i < p->nchildren; i++)
		if (p->children[i] == pid)
			return true;
	return false;
}

/* What the pipes carry: a task, the sentinel, or a task's result (w[1]:
 * who waits for it, w[2]: the exception it raised + 1, w[3]... its text). */
enum { MSG_TASK = 1, MSG_SENTINEL = 2, MSG_RESULT = 3 };

static void put_token(struct user *u, struct uproc *p, struct uobj *o, uint64_t token)
{
	struct pipe_msg m = {{token}};
	sys_write(u->k, p->task, o->wfd, &m);
}

static void put_result(struct user *u, struct uproc *p, struct uobj *o, int submitter, int exc, const char *msg)
{
	struct pipe_msg m = {{MSG_RESULT | (uint64_t)(exc + 1) << 8 | (uint64_t)(uint32_t)submitter << 16, (uint64_t)(uintptr_t)msg}};
	sys_write(u->k, p->task, o->owfd, &m);
}

/* Pool.__init__'s end: the worker handler, the task handler and the
 * result handler, each Thread.start waiting until it runs; meanwhile the
 * workers run (on other CPUs) and each reaches get(), one reading the task
 * queue, the others queued on its reader lock. */
static int start_handlers(struct user *u, struct uproc *p, int index)
{
	static const enum uthread_kind order[] = {UT_WORKER_HANDLER, UT_TASK_HANDLER, UT_RESULT_HANDLER};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int r = thread_start(u, p, order[i], index);
		if (r != STEP_NEXT)
			return r;
	}
	exec_advance(p);
	return STEP_NEXT;
}

static int pool_create(struct user *u, struct uproc *p, int index)
{
	struct uobj *o = &u->objs[index];
	if (p->flags & UF_DAEMON)
		return exec_raise(u, p, EXC_ASSERTION, "AssertionError: daemonic processes are not allowed to have children");
	if (!o->worker_prog)
		o->worker_prog = worker_program(u, index);
	/* _setup_queues: the task queue, a pipe the workers will inherit (a
	 * pool made again gets a new one; the creator closes the old). */
	if (p->progress != PROGRESS_NONE) /* its workers made: its handler threads */
		return start_handlers(u, p, index);
	if (o->fd >= 0) {
		sys_close(u->k, p->task, o->fd);
		sys_close(u->k, p->task, o->wfd);
		sys_close(u->k, p->task, o->ofd);
		sys_close(u->k, p->task, o->owfd);
	}
	int fds[2], ofds[2];
	if (sys_pipe(u->k, p->task, fds) < 0 || sys_pipe(u->k, p->task, ofds) < 0)
		return exec_raise(u, p, EXC_OS, "OSError: [Errno 24] Too many open files");
	o->fd = fds[0];
	o->wfd = fds[1];
	o->file = task_fd_file(p->task, o->fd);
	o->ofd = ofds[0];
	o->owfd = ofds[1];
	o->ofile = task_fd_file(p->task, o->ofd);
	kernel_file_label(u->k, o->file, WCHAN_POOL_TASK, index, o->decl->name);
	kernel_file_label(u->k, o->ofile, WCHAN_POOL_OUTQ, index, o->decl->name);
	o->tcount = 0;
	o->rlock = 0;
	o->unhanded = o->outstanding = 0;
	o->handlers_stop = o->finalized = false;
	o->term_stage = 0;
	o->created = true;
	o->closed = false;
	exec_note_exit_function(p); /* pool.py imports util: atexit.register(_exit_function) */
	/* Pool(): processes = os.cpu_count() */
	int64_t size = o->decl->maxsize > 0 ? o->decl->maxsize : kernel_cpus(u->k);
	for (int64_t k = 0; k < size; k++) {
		char name[32];
		snprintf(name, sizeof name, "ForkPoolWorker-%d", u->pool_workers_named + 1);
		struct fork_args fa = {.comm = arena_strdup(u->strings, name), .demand = -1};
		int err = 0;
		struct proc *t = sys_fork(u->k, p->task, &fa, &err);
		if (!t) {
			struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = p->pid, .err = err, .text = "ForkPoolWorker",
					       .syscall = syscall_name(SYS_FORK)};
			kernel_emit(u->k, &ev);
			return exec_raise(u, p, EXC_BLOCKING_IO, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
		}
		u->pool_workers_named++;
		struct uproc *w = U(u, t);
		user_image_init(u, w, t, o->worker_prog);
		w->flags |= UF_MP_CHILD | UF_DAEMON | (p->flags & UF_PYTHON);
		w->pool_of = (int16_t)index;
		user_copy_globals(u, p, w);
		exec_pid_push(&p->children, &p->nchildren, &p->capchildren, w->pid);
		exec_pid_push(&o->workers, &o->nworkers, &o->capworkers, w->pid);
		exec_spend(u, p, COST_PROCESS_START); /* each worker is a Process: start() */
		exec_spend(u, w, COST_BOOTSTRAP);
		kernel_wake_new_task(u->k, t);
	}
	p->progress = 0;
	return start_handlers(u, p, index);
}

/* One task into the pool's task queue (self._taskqueue.put), for the task
 * handler, and into its cache until its result comes back. */
static void submit_task(struct user *u, struct uproc *p, struct uobj *o, const struct pool_task *t)
{
	task_push(o, t);
	if (t->submitter)
		p->pool_pending++;
	struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_SUBMIT, .object = o->decl->name,
			       .text = u->sc->programs[t->prog]->name, .count = o->tcount};
	kernel_emit(u->k, &ev);
	o->unhanded++;
	o->outstanding++;
	exec_spend(u, p, COST_APPLY_ASYNC);
}

static int pool_submit(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	/* Resumed after a blocking submission: wait until our tasks are done. */
	if (p->progress != PROGRESS_NONE) {
		if (p->pool_pending > 0) {
			sys_futex_wait(u->k, p->task, o->fx_putters, -1);
			return exec_restart(p);
		}
		if (p->pool_exc >= 0) { /* a task failed: its exception, here */
			enum exc_kind k = (enum exc_kind)p->pool_exc;
			p->pool_exc = -1;
			return exec_raise(u, p, k, p->pool_exc_msg);
		}
		exec_advance(p);
		return STEP_NEXT;
	}
	if (!o->created || o->closed)
		return exec_raise(u, p, EXC_VALUE, "ValueError: Pool not running");
	if (in->op == OP_MAP) {
		/* map cuts its items into chunks, one task each (Pool._map_async:
		 * chunksize = len / (4 * len(pool)), rounded up) */
		struct value v = eval_operand(u, p, &in->opd);
		int64_t c = value_int(&v);
		int items = c < 0 ? 0 : c > 100000 ? 100000 : (int)c;
		int per = 4 * (o->nworkers > 0 ? o->nworkers : 1);
		int chunksize = items / per + (items % per != 0);
		for (int first = 0; first < items; first += chunksize) {
			struct pool_task t = {.prog = in->a, .submitter = p->pid, .nargs = 1,
					      .chunk = items - first < chunksize ? items - first : chunksize};
			t.args[0] = (struct value){.kind = VAL_INT, .i = first};
			submit_task(u, p, o, &t);
		}
	} else {
		struct pool_task t = {.prog = in->a, .submitter = in->op == OP_APPLY_ASYNC ? 0 : p->pid, .chunk = 1,
				      .nargs = in->nargs};
		for (int i = 0; i < in->nargs && i < 8; i++)
			t.args[i] = eval_operand(u, p, &in->args[i]);
		submit_task(u, p, o, &t);
	}
	struct uthread *th = thread_find(u, p, UT_TASK_HANDLER, (int)(o - u->objs));
	if (th)
		thread_notify(u, p, th);
	if (in->op == OP_APPLY_ASYNC || p->pool_pending == 0) {
		exec_advance(p);
		return STEP_NEXT;
	}
	p->progress = 1;
	sys_futex_wait(u->k, p->task, o->fx_putters, -1);
	return exec_restart(p);
}

/* pool.worker's loop: task = get(); None ends it. get() is a SimpleQueue's:
 * `with self._rlock: res = self._reader.recv_bytes()`. */
static int pool_work(struct user *u, struct uproc *p, int index)
{
	struct uobj *o = &u->objs[index];
	if (o->rlock && o->rlock != p->pid) { /* another idle worker reads */
		sys_futex_wait(u->k, p->task, o->fx_rwaiters, -1);
		return exec_restart(p);
	}
	struct pipe_msg m;
	int r = sys_read(u->k, p->task, o->fd, &m, false, -1);
	if (r == K_RESTART) {
		o->rlock = p->pid; /* asleep in the read, holding the reader lock */
		return exec_restart(p);
	}
	if (o->rlock == p->pid || kernel_futex_waiters(u->k, o->fx_rwaiters)) {
		o->rlock = 0;
		sys_futex_wake(u->k, p->task, o->fx_rwaiters, 1);
	}
	if (r <= 0 || m.w[0] == MSG_SENTINEL) { /* None, or nobody can ever send one (EOF): worker() returns */
		p->pc = 2;
		p->progress = PROGRESS_NONE;
		return STEP_NEXT;
	}
	struct pool_task t = o->tasks[o->thead];
	o->thead = (o->thead + 1) % o->tcap;
	o->tcount--;
	const struct program *prog = u->sc->programs[t.prog];
	struct frame *f = malloc(sizeof *f);
	struct value *locals = prog->nlocals ? calloc((size_t)prog->nlocals, sizeof *locals) : NULL;
	if (!f || (prog->nlocals && !locals))
		abort();
	*f = (struct frame){.pc = p->pc, .progress = PROGRESS_NONE, .call = true, .prog = p->prog,
			   .locals = p->locals, .pool = index, .submitter = t.submitter, .exc = -1, .next = p->frames,
			   .chunk_left = t.chunk - 1, .chunk_next = t.args[0].i + 1};
	for (int i = 0; i < t.nargs && i < prog->nlocals; i++)
		locals[i] = t.args[i];
	p->frames = f;
	p->prog = prog;
	p->locals = locals;
	p->pc = 0;
	p->progress = PROGRESS_NONE;
	struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_TAKE, .object = o->decl->name,
			       .text = prog->name, .count = o->tcount, .syscall = syscall_name(SYS_READ),
			       .has_fd = true, .fd = o->fd};
	kernel_emit(u->k, &ev);
	exec_spend(u, p, COST_QUEUE_GET); /* unpickling the task */
	return STEP_NEXT;
}

void pool_task_return(struct user *u, struct uproc *p)
{
	struct frame *f = p->frames;
	if (f->chunk_left > 0 && f->exc < 0) { /* mapstar: the chunk's next item, in the same task */
		if (p->locals) {
			memset(p->locals, 0, sizeof *p->locals * (size_t)p->prog->nlocals);
			p->locals[0] = (struct value){.kind = VAL_INT, .i = f->chunk_next};
		}
		f->chunk_next++;
		f->chunk_left--;
		p->pc = 0;
		p->progress = PROGRESS_NONE;
		return;
	}
	free(p->locals);
	p->prog = f->prog;
	p->locals = f->locals;
	p->pc = f->pc; /* back to the worker loop */
	p->progress = PROGRESS_NONE;
	p->frames = f->next;
	struct uobj *o = &u->objs[f->pool];
	/* pool.worker: put((job, i, (success, result))), its exception too */
	put_result(u, p, o, f->submitter, f->exc, f->exc_msg);
	exec_spend(u, p, COST_QUEUE_PUT);
	free(f);
}

static void notify(struct user *u, struct uproc *p, struct uobj *o, enum uthread_kind kind)
{
	struct uthread *th = thread_find(u, p, kind, (int)(o - u->objs));
	if (th)
		thread_notify(u, p, th);
}

/* ... and its second: SIGTERM to every worker whose exitcode is None. */
static void terminate_workers(struct user *u, struct uproc *p, struct uobj *o)
{
	for (int32_t i = 0; i < o->nworkers;) {
		struct wait_status st;
		int pid = o->workers[i];
		if (!started(p, pid)) { /* reaped already, at its code end */
			exec_pid_remove(o->workers, &o->nworkers, pid);
			continue;
		}
		int r = sys_wait4(u->k, p->task, pid, K_WNOHANG, -1, &st);
		if (r > 0) { /* p.exitcode polls, and reaps */
			exec_reaped(p, &st);
			exec_pid_remove(o->workers, &o->nworkers, pid);
			continue;
		}
		if (r == 0)
			sys_kill(u->k, p->task, pid, SIG_TERM);
		i++;
	}
}

/* join's joins: the three handler threads (futex_do_wait), then each
 * worker in turn, in the order they were made (`for p in self._pool:
 * p.join()`: do_wait). */
static int join_all(struct user *u, struct uproc *p, struct uobj *o)
{
	static const enum uthread_kind order[] = {UT_WORKER_HANDLER, UT_TASK_HANDLER, UT_RESULT_HANDLER};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int r = thread_join(u, p, order[i], (int)(o - u->objs));
		if (r != STEP_NEXT)
			return r;
	}
	while (o->nworkers > 0) {
		struct wait_status st;
		int pid = o->workers[0];
		if (!started(p, pid)) {
			exec_pid_remove(o->workers, &o->nworkers, pid);
			continue;
		}
		int r = sys_wait4(u->k, p->task, pid, 0, -1, &st);
		if (r == K_RESTART)
			return exec_restart(p);
		if (r > 0)
			exec_reaped(p, &st);
		exec_pid_remove(o->workers, &o->nworkers, pid);
	}
	return STEP_NEXT;
}

/* _terminate_pool, restartable (o->term_stage): the handlers told to
 * stop (TERMINATE); _help_stuff_finish takes the task queue's reader lock
 * (waiting, in futex_do_wait, until the idle worker reading the pipe has
 * read something: the task handler's sentinels) and keeps it, and takes
 * out what the pipe still holds while the task handler lives; a None to
 * the result handler; the worker handler joined; SIGTERM to the workers
 * whose exitcode is None; the other handlers and the workers joined. */
static int terminate_pool(struct user *u, struct uproc *p, struct uobj *o)
{
	int index = (int)(o - u->objs);
	if (o->term_stage == 0) {
		o->closed = true;
		o->unhanded = 0;
		notify(u, p, o, UT_WORKER_HANDLER);
		o->term_stage = 1;
	}
	if (o->term_stage == 1) {
		if (o->rlock && o->rlock != p->pid) {
			sys_futex_wait(u->k, p->task, o->fx_rwaiters, -1);
			return exec_restart(p);
		}
		o->rlock = p->pid; /* acquired, never released */
		struct uthread *th = thread_find(u, p, UT_TASK_HANDLER, index);
		struct pipe_msg m;
		while (th && th->tid > 0 && sys_read(u->k, p->task, o->fd, &m, true, -1) > 0)
			if (m.w[0] == MSG_TASK && o->tcount > 0) {
				o->thead = (o->thead + 1) % o->tcap;
				o->tcount--;
			}
		struct pipe_msg none = {{MSG_SENTINEL}};
		sys_write(u->k, p->task, o->owfd, &none);
		o->term_stage = 2;
	}
	if (o->term_stage == 2) {
		int r = thread_join(u, p, UT_WORKER_HANDLER, index);
		if (r != STEP_NEXT)
			return r;
		terminate_workers(u, p, o);
		o->term_stage = 3;
	}
	return join_all(u, p, o);
}

/* Pool.close() notifies the worker handler (change_notifier.put), which
 * ends the handlers once the cache is empty; terminate() (_terminate_pool)
 * stops them at once, joins the worker handler, sends SIGTERM to the
 * workers, then joins the rest; join() joins them all. */
static int pool_close_join(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	switch (in->op) {
	case OP_POOL_CLOSE:
		o->closed = true;
		notify(u, p, o, UT_WORKER_HANDLER);
		break;
	case OP_POOL_TERMINATE: {
		int r = terminate_pool(u, p, o);
		if (r != STEP_NEXT)
			return r;
		o->finalized = true;
		break;
	}
	default: { /* OP_POOL_JOIN */
		if (!o->closed)
			return exec_raise(u, p, EXC_VALUE, "ValueError: Pool is still running");
		int r = join_all(u, p, o);
		if (r != STEP_NEXT)
			return r;
		o->finalized = true;
		break;
	}
	}
	exec_advance(p);
	return STEP_NEXT;
}

/* _exit_function's _run_finalizers(0): a pool still running in p (never
 * joined) is terminated first, by its finalizer (exitpriority 15,
 * _terminate_pool): its handlers stopped, the worker handler joined
 * (meanwhile the task handler and the idle workers may still start
 * tasks), then SIGTERM to its workers. STEP_NEXT once done for every pool. */
int pool_finalize(struct user *u, struct uproc *p)
{
	for (int i = 0; i < u->nobjs; i++) {
		struct uobj *o = &u->objs[i];
		if (o->decl->kind != OBJ_POOL || !o->created || o->finalized || !o->nworkers || !started(p, o->workers[0]))
			continue;
		int r = terminate_pool(u, p, o);
		if (r != STEP_NEXT)
			return r;
		o->finalized = true;
	}
	return STEP_NEXT;
}

/* A result reaches its caller (ApplyResult._set): apply() and map() raise
 * a task's exception; the cache empty, the worker handler is notified. */
static void deliver_result(struct user *u, struct uproc *p, struct uobj *o, const struct pipe_msg *m)
{
	int exc = (int)((m->w[0] >> 8) & 0xff) - 1;
	int submitter = (int)(uint32_t)(m->w[0] >> 16);
	struct proc *st = submitter ? kernel_task(u->k, submitter) : NULL;
	struct uproc *sub = st && task_state(st) != 'Z' ? U(u, st) : NULL;
	if (sub && exc >= 0 && sub->pool_exc < 0) {
		sub->pool_exc = (int8_t)exc;
		sub->pool_exc_msg = (const char *)(uintptr_t)m->w[1];
	}
	if (sub && sub->pool_pending > 0 && --sub->pool_pending == 0)
		sys_futex_wake(u->k, p->task, o->fx_putters, INT_MAX);
	if (o->outstanding > 0 && --o->outstanding == 0) /* _PoolCache.__delitem__: notifier.put(None) */
		notify(u, p, o, UT_WORKER_HANDLER);
}

/* _handle_workers: while the pool runs, or is closed with tasks in its
 * cache, wait (in poll) for a change; then tell the task handler to stop. */
static int worker_handler(struct user *u, struct uproc *p, struct uthread *th, struct uobj *o)
{
	if (terminating(o) || (o->closed && o->outstanding == 0)) {
		o->handlers_stop = true; /* taskqueue.put(None) */
		notify(u, p, o, UT_TASK_HANDLER);
		return thread_exit(u, p);
	}
	sys_poll_wait(u->k, p->task, th->fx_work, -1); /* _wait_for_updates: wait(sentinels + notifier) */
	return exec_restart(p);
}

/* _handle_tasks: each task from the task queue into the workers' pipe;
 * told to stop, a None to the result handler and one to each worker. */
static int task_handler(struct user *u, struct uproc *p, struct uthread *th, struct uobj *o)
{
	if (o->unhanded > 0 && !terminating(o)) {
		if (p->progress == PROGRESS_NONE) { /* pickling the task */
			p->progress = 1;
			exec_spend(u, p, COST_QUEUE_PUT);
			return STEP_NEXT;
		}
		o->unhanded--;
		put_token(u, p, o, MSG_TASK); /* wakes the worker reading the pipe */
		exec_advance(p);
		return STEP_NEXT;
	}
	if (o->handlers_stop || terminating(o)) {
		struct pipe_msg none = {{MSG_SENTINEL}};
		sys_write(u->k, p->task, o->owfd, &none);
		for (int32_t i = 0; i < o->nworkers; i++)
			put_token(u, p, o, MSG_SENTINEL);
		return thread_exit(u, p);
	}
	sys_futex_wait(u->k, p->task, th->fx_work, -1);
	return exec_restart(p);
}

/* _handle_results: read the result pipe, hand each result over; after
 * its None, go on while the cache holds tasks (unless terminating). */
static int result_handler(struct user *u, struct uproc *p, struct uthread *th, struct uobj *o)
{
	if (th->closing && (o->outstanding == 0 || terminating(o)))
		return thread_exit(u, p);
	struct pipe_msg m;
	int r = sys_read(u->k, p->task, o->ofd, &m, false, -1);
	if (r == K_RESTART)
		return exec_restart(p);
	if (r <= 0)
		return thread_exit(u, p);
	if ((m.w[0] & 0xff) == MSG_SENTINEL)
		th->closing = true;
	else
		deliver_result(u, p, o, &m);
	exec_advance(p);
	return STEP_NEXT;
}

int pool_handler_step(struct user *u, struct uproc *p, struct uthread *th)
{
	struct uobj *o = &u->objs[th->obj];
	switch (th->kind) {
	case UT_WORKER_HANDLER: return worker_handler(u, p, th, o);
	case UT_TASK_HANDLER: return task_handler(u, p, th, o);
	default: return result_handler(u, p, th, o);
	}
}

enum run_result pool_exec(struct user *u, struct uproc *p, const struct insn *in)
{
	if (in->op == OP_POOL)
		return (enum run_result)pool_create(u, p, in->a);
	if (in->op == OP_POOL_WORK)
		return (enum run_result)pool_work(u, p, in->a);
	struct uobj *o = &u->objs[in->b];
	if (in->op == OP_APPLY_ASYNC || in->op == OP_APPLY || in->op == OP_MAP)
		return (enum run_result)pool_submit(u, p, in, o);
	return (enum run_result)pool_close_join(u, p, in, o);
}
