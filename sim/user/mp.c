/* mp.c: CPython's multiprocessing objects, built on what the kernel gives
 * (Lib/multiprocessing/synchronize.py, queues.py, connection.py).
 *
 *  Lock           a SemLock: a semaphore of value 1 in shared memory, with a
 *                 futex to sleep on (sem_wait/sem_post). acquire sleeps while
 *                 it is held, even by the caller itself (the material's
 *                 deadlock); release makes it free and wakes one sleeper,
 *                 which competes for it when it runs again: no hand-off. A
 *                 lock is not released when its holder dies.
 *  Queue          a pipe that main makes at its start (every child inherits
 *                 both ends), a reader lock (_rlock, a futex) and a bounded
 *                 semaphore (_sem, a futex): put sleeps on the semaphore
 *                 while the queue holds maxsize items, then writes the
 *                 pickled item into the pipe; get takes the reader lock and
 *                 reads the pipe, sleeping in pipe_read while it is empty.
 *                 nowait and timeouts raise Empty/Full. The write is the
 *                 feeder thread's (mp_feed): put hands it the item.
 *  JoinableQueue  a Queue counting unfinished tasks: put adds one, task_done
 *                 takes one (ValueError below zero), join sleeps until zero.
 *  Pipe ends      Connection objects on kernel descriptors: a socket pair
 *                 (Pipe()) or a pipe (Pipe(duplex=False)) that main makes at
 *                 its start. Children inherit the descriptors at fork; recv
 *                 raises EOFError only when no process holds the sending end
 *                 open any more, which the kernel decides (pipe_read).
 *  shared         a value every process reads and writes, like a file.
 * Blocking operations are restartable, like the rest (exec.c). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user_int.h"

static int new_futex(struct user *u, enum wchan w, int obj)
{
	return kernel_futex_new(u->k, w, obj, u->objs[obj].decl->name);
}

bool mp_init(struct user *u)
{
	const struct scenario *sc = u->sc;
	u->nobjs = sc->nobjects;
	u->objs = calloc((size_t)(u->nobjs ? u->nobjs : 1), sizeof *u->objs);
	if (!u->objs)
		return false;
	for (int i = 0; i < u->nobjs; i++) {
		struct uobj *o = &u->objs[i];
		o->decl = &sc->objects[i];
		o->fd = o->wfd = o->file = o->ofd = o->owfd = o->ofile = -1;
		bool pool = o->decl->kind == OBJ_POOL;
		enum wchan w = o->decl->kind == OBJ_LOCK ? WCHAN_LOCK
			     : o->decl->kind == OBJ_PIPE_END ? WCHAN_PIPE_RECV : pool ? WCHAN_POOL_TASK : WCHAN_QUEUE_GET;
		o->fx_waiters = new_futex(u, w, i);
		o->fx_putters = new_futex(u, pool ? WCHAN_POOL_RESULT : WCHAN_QUEUE_PUT, i);
		o->fx_joiners = new_futex(u, WCHAN_QUEUE_JOIN, i);
		o->fx_rwaiters = new_futex(u, pool ? WCHAN_POOL_RLOCK : WCHAN_QUEUE_RLOCK, i);
		if (o->fx_waiters < 0 || o->fx_putters < 0 || o->fx_joiners < 0 || o->fx_rwaiters < 0)
			return false;
	}
	u->mgr.listener = u->mgr.lfd = -1;
	u->mgr.fx_ready = kernel_futex_new(u->k, WCHAN_MANAGER_START, -1, "Manager");
	u->mgr.fx_stop = kernel_futex_new(u->k, WCHAN_MANAGER_STOP, -1, "Manager");
	u->mgr.fx_items = kernel_futex_new(u->k, WCHAN_MANAGER_GET, -1, "Manager");
	return u->mgr.fx_ready >= 0 && u->mgr.fx_stop >= 0 && u->mgr.fx_items >= 0;
}

void mp_fini(struct user *u)
{
	for (int i = 0; u->objs && i < u->nobjs; i++) {
		free(u->objs[i].tasks);
		free(u->objs[i].workers);
		free(u->objs[i].mitems);
	}
	manager_fini(u);
	free(u->objs);
}

static void *dup_array(const void *src, size_t size, int32_t n, bool *ok)
{
	if (!n)
		return NULL;
	void *d = malloc(size * (size_t)n);
	if (!d)
		*ok = false;
	else
		memcpy(d, src, size * (size_t)n);
	return d;
}

bool mp_clone(const struct user *from, struct user *to)
{
	to->objs = calloc((size_t)(from->nobjs ? from->nobjs : 1), sizeof *to->objs);
	if (!to->objs)
		return false;
	bool ok = true;
	for (int i = 0; i < from->nobjs; i++) {
		const struct uobj *f = &from->objs[i];
		struct uobj *t = &to->objs[i];
		*t = *f;
		t->tasks = dup_array(f->tasks, sizeof *f->tasks, f->tcap, &ok);
		t->workers = dup_array(f->workers, sizeof *f->workers, f->capworkers, &ok);
		t->mitems = dup_array(f->mitems, sizeof *f->mitems, f->mcap, &ok);
	}
	return manager_clone(from, to) && ok;
}

/* main's first lines, in CPython: Queue() makes a pipe (os.pipe in
 * Connection's Pipe(duplex=False)), Pipe() a socket pair (or, with
 * duplex=False, a pipe), whose descriptors every child inherits. */
void mp_boot(struct user *u, struct uproc *m)
{
	u->main_pid = m->pid;
	/* Making a Lock, a Queue or a Pipe imports multiprocessing.util, which
	 * registers _exit_function with atexit (checked: sys.modules) */
	if (u->nobjs > 0)
		exec_note_exit_function(m);
	u->mgr.pid = -1; /* no Manager, unless a queue is a managed one */
	for (int i = 0; i < u->nobjs; i++) {
		struct uobj *o = &u->objs[i];
		if ((o->decl->kind == OBJ_QUEUE || o->decl->kind == OBJ_JQUEUE) && o->decl->managed) {
			u->mgr.pid = 0; /* kept by the Manager's server process, started later (manager.c) */
			continue;
		}
		if (o->decl->kind == OBJ_QUEUE || o->decl->kind == OBJ_JQUEUE) {
			int fds[2];
			if (sys_pipe(u->k, m->task, fds) < 0)
				continue;
			o->fd = fds[0];
			o->wfd = fds[1];
			o->file = task_fd_file(m->task, o->fd);
			kernel_file_label(u->k, task_fd_file(m->task, o->fd), WCHAN_QUEUE_GET, i, o->decl->name);
			continue;
		}
		if (o->decl->kind != OBJ_PIPE_END || o->fd >= 0 || o->decl->peer < 0)
			continue;
		struct uobj *peer = &u->objs[o->decl->peer];
		int fds[2];
		bool duplex = o->decl->can_send && o->decl->can_recv;
		/* One-way: the receiving end reads the pipe, the sending end writes it. */
		bool first_reads = duplex || o->decl->can_recv;
		if ((duplex ? sys_socketpair(u->k, m->task, fds) : sys_pipe(u->k, m->task, fds)) < 0)
			continue;
		o->fd = first_reads ? fds[0] : fds[1];
		peer->fd = first_reads ? fds[1] : fds[0];
		o->file = task_fd_file(m->task, o->fd);
		peer->file = task_fd_file(m->task, peer->fd);
		/* a duplex end reads a Unix socket (unix_stream_read_generic) */
		enum wchan w = duplex ? WCHAN_SOCKET_RECV : WCHAN_PIPE_RECV;
		kernel_file_label(u->k, task_fd_file(m->task, o->fd), w, i, o->decl->name);
		kernel_file_label(u->k, task_fd_file(m->task, peer->fd), w, o->decl->peer, peer->decl->name);
	}
}

uint64_t mp_pipes_open(const struct user *u, const struct proc *t)
{
	uint64_t bits = 0;
	for (int i = 0; i < u->nobjs && i < 64; i++)
		if (u->objs[i].decl->kind == OBJ_PIPE_END && u->objs[i].fd >= 0 && task_fd_open(t, u->objs[i].fd))
			bits |= 1ull << i;
	return bits;
}

/* What a value pickles to (ForkingPickler.dumps, measured with CPython
 * 3.11: 5 bytes for an int below 256, 15 below 65536, 17 above; a str its
 * UTF-8 bytes and 15; None and a bool 4), with send_bytes's 4-byte header:
 * what it takes of a pipe's 64 KiB. */
static int32_t pickled_bytes(const struct value *v)
{
	switch (v->kind) {
	case VAL_INT: return 4 + (v->i >= 0 && v->i < 256 ? 5 : v->i >= 0 && v->i < 65536 ? 15 : 17);
	case VAL_STR: return 4 + 15 + (int32_t)(v->s ? strlen(v->s) : 0);
	case VAL_NONE:
	case VAL_BOOL: return 4 + 4;
	default: return 4 + 20;
	}
}

static void emit_ipc(struct user *u, struct uproc *p, enum ipc_op op, const struct uobj *o, const char *text, int count)
{
	struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = op, .object = o->decl->name, .text = text,
			       .count = count};
	/* A Connection is a descriptor, a Queue a pipe: say which call on which
	 * descriptor (the feeder thread's write, for a put). */
	if (o->decl->managed) {
		/* a request over the proxy's connection: no pipe of the queue's */
	} else if (o->decl->kind == OBJ_PIPE_END) {
		ev.syscall = syscall_name(op == IPC_SEND ? SYS_WRITE : op == IPC_RECV ? SYS_READ : SYS_CLOSE);
		ev.has_fd = true;
		ev.fd = o->fd;
	} else if (op == IPC_FEED || op == IPC_GET) {
		ev.syscall = syscall_name(op == IPC_FEED ? SYS_WRITE : SYS_READ);
		ev.has_fd = true;
		ev.fd = op == IPC_FEED ? o->wfd : o->fd;
	}
	kernel_emit(u->k, &ev);
}

static void rlock_release(struct user *u, struct uproc *p, struct uobj *o);

void mp_abandon(struct user *u, struct uproc *p)
{
	for (int i = 0; i < u->nobjs; i++) {
		struct uobj *o = &u->objs[i];
		if (o->rlock == p->pid) /* Queue.get's `with self._rlock:` */
			rlock_release(u, p, o);
		for (int32_t k = 0; k < o->tcount; k++) {
			struct pool_task *t = &o->tasks[(o->thead + k) % o->tcap];
			if (t->submitter == p->pid)
				t->submitter = 0;
		}
	}
	if (p->pool_pending > 0) { /* tasks being run for it: their results go nowhere */
		for (int pid = 1; pid < u->sc->pid_max; pid++) {
			struct proc *w = kernel_task(u->k, pid);
			if (!w || task_state(w) == 'Z')
				continue;
			for (struct frame *f = U(u, w)->frames; f; f = f->next)
				if (f->call && f->submitter == p->pid)
					f->submitter = 0;
		}
	}
	p->pool_pending = 0;
	p->pool_exc = -1;
}

/* qsize(): what was put and not yet got, as its semaphore counts: in the
 * pipe, and still in the feeders' buffers of every process. */
int mp_queue_count(const struct user *u, const struct uproc *p, const struct uobj *o)
{
	if (o->decl->managed)
		return o->mcount; /* in the Manager's server */
	int n = kernel_file_queued(u->k, o->file >= 0 ? o->file : task_fd_file(p->task, o->fd));
	int index = (int)(o - u->objs);
	for (int32_t i = 0; i < u->nthreads; i++)
		if (u->threads[i].tid > 0 && u->threads[i].kind == UT_FEEDER && u->threads[i].obj == index)
			n += u->threads[i].count;
	return n;
}

int mp_object_file(const struct user *u, const struct uobj *o)
{
	(void)u;
	return o->file;
}

static void wake_one(struct user *u, struct uproc *p, int futex) { sys_futex_wake(u->k, p->task, futex, 1); }

/* The object an operand names (directly, or through a variable holding it). */
static struct uobj *object_of(struct user *u, struct uproc *p, const struct operand *o, enum obj_kind want1,
			      enum obj_kind want2)
{
	struct value v = eval_operand(u, p, o);
	if (v.kind != VAL_OBJ || v.i < 0 || v.i >= u->nobjs)
		return NULL;
	struct uobj *x = &u->objs[v.i];
	return x->decl->kind == want1 || x->decl->kind == want2 ? x : NULL;
}

/* Sleeps on a futex, with the instruction's timeout if it has one;
 * *timed_out when that has passed. */
static int block(struct user *u, struct uproc *p, int futex, const struct insn *in, bool *timed_out)
{
	int64_t deadline = -1;
	*timed_out = false;
	if (in->flags & INSN_HAS_TIMEOUT) {
		if (p->progress == PROGRESS_NONE || p->progress < 0)
			p->progress = kernel_clock(u->k) + exec_ticks(u, p, &in->dur);
		deadline = p->progress;
	} else {
		p->progress = -1; /* "waiting" */
	}
	if (sys_futex_wait(u->k, p->task, futex, deadline) == -K_ETIMEDOUT) {
		*timed_out = true;
		return STEP_NEXT;
	}
	return exec_restart(p);
}

/* SemLock.acquire: take the lock if it is free, else sleep. There is no
 * hand-off: sem_post only makes it free and wakes a waiter, which competes
 * for it when it runs again; a waiter that dies meanwhile takes nothing. */
/* `acquire L ... as ok`: what acquire() returned. */
static void acquire_returns(struct uproc *p, const struct insn *in, bool got)
{
	if (in->flags & INSN_HAS_VAR)
		p->locals[in->a] = (struct value){.kind = VAL_BOOL, .i = got};
	exec_advance(p);
}

static int x_acquire(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	if (o->holder == 0) {
		o->holder = p->pid;
		emit_ipc(u, p, IPC_ACQUIRE, o, NULL, 0);
		acquire_returns(p, in, true);
		return STEP_NEXT;
	}
	if (in->flags & INSN_NOWAIT) {
		acquire_returns(p, in, false); /* acquire(False) returned False at once */
		return STEP_NEXT;
	}
	bool timed_out;
	int r = block(u, p, o->fx_waiters, in, &timed_out);
	if (timed_out)
		acquire_returns(p, in, false); /* acquire(timeout=...) returned False */
	return r;
}

void mp_release_held(struct user *u, struct uproc *p, struct uobj *o)
{
	o->holder = 0;
	emit_ipc(u, p, IPC_RELEASE, o, NULL, 0);
	wake_one(u, p, o->fx_waiters);
}

static int x_release(struct user *u, struct uproc *p, struct uobj *o)
{
	if (o->holder == 0)
		return exec_raise(u, p, EXC_VALUE, "ValueError: semaphore or lock released too many times");
	mp_release_held(u, p, o);
	exec_advance(p);
	return STEP_NEXT;
}

/* A message read from a pipe, unpickled into the instruction's variable
 * (`as VAR`), and told as text. */
static void unpickle(struct uproc *p, const struct insn *in, const struct pipe_msg *m, char *text, size_t n)
{
	struct value v;
	memcpy(&v, m, sizeof v);
	if (in->flags & INSN_HAS_VAR)
		p->locals[in->a] = v;
	value_text(&v, text, n);
}

/* Queue.put: _sem.acquire (a futex while the queue is full); the first put
 * of a process starts its feeder thread (_start_thread, Thread.start waits
 * until it runs); then the item goes into the feeder's buffer and the
 * feeder is notified (_notempty.notify): put returns at once, and the
 * feeder pickles it and writes it into the pipe when it runs (_feed). */
static int x_put(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	struct value v = eval_operand(u, p, &in->name);
	if (p->exc >= 0)
		return exec_raise(u, p, (enum exc_kind)p->exc, p->exc_msg);
	int count = mp_queue_count(u, p, o);
	if (o->decl->managed) { /* a proxy's put: a request to the Manager */
		int r = manager_call(u, p, in, o, true, &v);
		if (r != STEP_NEXT)
			return r;
		char text[256];
		value_text(&v, text, sizeof text);
		emit_ipc(u, p, IPC_PUT, o, text, mp_queue_count(u, p, o));
		exec_advance(p);
		return STEP_NEXT;
	}
	if (o->decl->maxsize > 0 && count >= o->decl->maxsize) {
		if (in->flags & INSN_NOWAIT)
			return exec_raise(u, p, EXC_FULL, "queue.Full");
		bool timed_out;
		int r = block(u, p, o->fx_putters, in, &timed_out);
		return timed_out ? exec_raise(u, p, EXC_FULL, "queue.Full") : r;
	}
	int index = (int)(o - u->objs);
	int r = thread_start(u, p, UT_FEEDER, index);
	if (r != STEP_NEXT)
		return r;
	if (o->decl->kind == OBJ_JQUEUE)
		o->unfinished++;
	char text[256];
	value_text(&v, text, sizeof text);
	emit_ipc(u, p, IPC_PUT, o, text, count + 1);
	struct uthread *th = thread_find(u, p, UT_FEEDER, index);
	if (th->count == th->cap) {
		int32_t cap = th->cap ? th->cap * 2 : 4;
		struct pipe_msg *n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int32_t i = 0; i < th->count; i++)
			n[i] = th->buf[(th->head + i) % th->cap];
		free(th->buf);
		th->buf = n;
		th->head = 0;
		th->cap = cap;
	}
	struct pipe_msg m = {{0}};
	memcpy(&m, &v, sizeof v);
	th->buf[(th->head + th->count++) % th->cap] = m;
	thread_notify(u, p, th);
	exec_advance(p);
	return STEP_NEXT;
}

/* The feeder's loop (queues.py _feed): wait until the buffer has an item,
 * pickle it, write it into the pipe (which wakes the getter reading it);
 * the sentinel put by _finalize_close ends it. A write nobody can read
 * (EPIPE) loses the item, as CPython's feeder drops it. */
int mp_feed(struct user *u, struct uproc *p, struct uthread *th)
{
	if (th->count == 0) {
		if (th->closing) { /* the sentinel: reader_close(), writer_close(), return */
			struct uobj *o = &u->objs[th->obj];
			sys_close(u->k, p->task, o->fd);
			sys_close(u->k, p->task, o->wfd);
			return thread_exit(u, p);
		}
		sys_futex_wait(u->k, p->task, th->fx_work, -1);
		return exec_restart(p);
	}
	if (p->progress == PROGRESS_NONE) { /* _ForkingPickler.dumps(obj), then send_bytes */
		p->progress = 1;
		exec_spend(u, p, COST_QUEUE_PUT);
		return STEP_NEXT;
	}
	struct uobj *o = &u->objs[th->obj];
	struct pipe_msg m = th->buf[th->head];
	struct value v;
	memcpy(&v, &m, sizeof v);
	if (p->progress == 1) { /* told once, however long the write waits */
		char text[256];
		value_text(&v, text, sizeof text);
		emit_ipc(u, p, IPC_FEED, o, text, mp_queue_count(u, p, o));
		p->progress = 2;
	}
	/* a full pipe (64 KiB) holds the feeder in pipe_write: the item stays
	 * in the buffer until there is room */
	if (sys_write_bytes(u->k, p->task, o->wfd, &m, pickled_bytes(&v)) == K_RESTART)
		return exec_restart(p);
	th->head = (th->head + 1) % th->cap;
	th->count--;
	exec_advance(p);
	return STEP_NEXT;
}

void mp_close_feeders(struct user *u, struct uproc *p)
{
	for (int32_t i = 0; i < u->nthreads; i++) {
		struct uthread *th = &u->threads[i];
		if (th->tid > 0 && th->tgid == p->pid && th->kind == UT_FEEDER && !th->closing) {
			th->closing = true;
			thread_notify(u, p, th);
		}
	}
}

int mp_join_feeders(struct user *u, struct uproc *p)
{
	for (int32_t i = 0; i < u->nthreads; i++) {
		struct uthread *th = &u->threads[i];
		if (th->tid > 0 && th->tgid == p->pid && th->kind == UT_FEEDER) {
			int r = thread_join(u, p, UT_FEEDER, th->obj);
			if (r != STEP_NEXT)
				return r;
		}
	}
	return STEP_NEXT;
}

/* Queue.get holds the queue's reader lock (_rlock) while it waits for data
 * and reads it: one getter waits on the pipe (pipe_read), the others on the
 * lock (a futex). A getter killed meanwhile keeps the lock for ever, which is
 * why CPython warns that terminate() can leave a queue unusable. */
static void rlock_release(struct user *u, struct uproc *p, struct uobj *o)
{
	o->rlock = 0;
	wake_one(u, p, o->fx_rwaiters);
}

static int x_get(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	bool nowait = in->flags & INSN_NOWAIT;
	bool timed_out;
	if (o->decl->managed) { /* a proxy's get: a request to the Manager */
		struct value v;
		int r = manager_call(u, p, in, o, false, &v);
		if (r != STEP_NEXT)
			return r;
		struct pipe_msg m = {{0}};
		memcpy(&m, &v, sizeof v);
		char text[256];
		unpickle(p, in, &m, text, sizeof text);
		emit_ipc(u, p, IPC_GET, o, text, mp_queue_count(u, p, o));
		exec_advance(p);
		return STEP_NEXT;
	}
	if (o->rlock && o->rlock != p->pid) { /* another getter reads */
		if (nowait)
			return exec_raise(u, p, EXC_EMPTY, "_queue.Empty");
		int r = block(u, p, o->fx_rwaiters, in, &timed_out);
		return timed_out ? exec_raise(u, p, EXC_EMPTY, "_queue.Empty") : r;
	}
	struct pipe_msg m;
	int64_t deadline = -1;
	if (in->flags & INSN_HAS_TIMEOUT) {
		if (p->progress == PROGRESS_NONE || p->progress < 0)
			p->progress = kernel_clock(u->k) + exec_ticks(u, p, &in->dur);
		deadline = p->progress;
	}
	int r = sys_read(u->k, p->task, o->fd, &m, nowait, deadline);
	if (r == -K_EAGAIN)
		return exec_raise(u, p, EXC_EMPTY, "_queue.Empty");
	if (r == -K_ETIMEDOUT) {
		rlock_release(u, p, o);
		return exec_raise(u, p, EXC_EMPTY, "_queue.Empty");
	}
	if (r == K_RESTART) {
		o->rlock = p->pid; /* asleep in the read, holding the reader lock */
		if (deadline < 0)
			p->progress = -1;
		return exec_restart(p);
	}
	if (r == 0) { /* no process holds the write end any more */
		if (o->rlock == p->pid)
			rlock_release(u, p, o);
		return exec_raise(u, p, EXC_EOF, "EOFError");
	}
	char text[256];
	unpickle(p, in, &m, text, sizeof text);
	emit_ipc(u, p, IPC_GET, o, text, mp_queue_count(u, p, o));
	wake_one(u, p, o->fx_putters); /* _sem.release() */
	if (o->rlock == p->pid || kernel_futex_waiters(u->k, o->fx_rwaiters))
		rlock_release(u, p, o); /* the next getter may read */
	exec_spend(u, p, COST_QUEUE_GET); /* unpickling */
	exec_advance(p);
	return STEP_NEXT;
}

static int x_task_done(struct user *u, struct uproc *p, struct uobj *o)
{
	if (o->unfinished <= 0)
		return exec_raise(u, p, EXC_VALUE, "ValueError: task_done() called too many times");
	o->unfinished--;
	emit_ipc(u, p, IPC_TASK_DONE, o, NULL, mp_queue_count(u, p, o));
	if (o->unfinished == 0)
		sys_futex_wake(u->k, p->task, o->fx_joiners, INT_MAX);
	exec_advance(p);
	return STEP_NEXT;
}

static int x_qjoin(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	/* JoinableQueue.join: `if unfinished: wait()`, not a loop, so once woken
	 * it returns even if new tasks were put meanwhile. */
	if (o->unfinished == 0 || p->progress == -1) {
		emit_ipc(u, p, IPC_QJOIN, o, NULL, mp_queue_count(u, p, o));
		exec_advance(p);
		return STEP_NEXT;
	}
	bool timed_out;
	return block(u, p, o->fx_joiners, in, &timed_out);
}

static int queued(struct user *u, struct uproc *p, const struct uobj *o)
{
	return kernel_file_queued(u->k, task_fd_file(p->task, o->fd));
}

/* Connection.send: _check_closed, _check_writable, then the write. */
static int x_send(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	if (!task_fd_open(p->task, o->fd))
		return exec_raise(u, p, EXC_OS, "OSError: handle is closed");
	if (!o->decl->can_send)
		return exec_raise(u, p, EXC_OS, "OSError: connection is read-only");
	struct value v = eval_operand(u, p, &in->name);
	if (p->exc >= 0)
		return exec_raise(u, p, (enum exc_kind)p->exc, p->exc_msg);
	struct pipe_msg m = {{0}};
	memcpy(&m, &v, sizeof v); /* pickled */
	char text[256];
	value_text(&v, text, sizeof text);
	/* Told before the write, which may wake the receiver; not when nobody
	 * can ever receive it: the write fails with EPIPE (and SIGPIPE). */
	if (p->progress == PROGRESS_NONE && kernel_file_readable_by_peer(u->k, task_fd_file(p->task, o->fd)))
		emit_ipc(u, p, IPC_SEND, o, text, queued(u, p, o));
	int r = sys_write_bytes(u->k, p->task, o->fd, &m, pickled_bytes(&v));
	if (r == K_RESTART) { /* a full pipe: pipe_write waits for room */
		p->progress = -1;
		return exec_restart(p);
	}
	if (r == -K_EPIPE) {
		/* SIGPIPE at its default kills it on the way back from write():
		 * it never sees EPIPE. Ignored (CPython) or caught: the error. */
		if (task_signal_fatal(p->task, SIG_PIPE))
			return STEP_NEXT;
		return exec_raise(u, p, EXC_OS, "BrokenPipeError: [Errno 32] Broken pipe");
	}
	exec_advance(p);
	return STEP_NEXT;
}

/* Connection.recv: _check_closed, _check_readable, then the read. */
static int x_recv(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o)
{
	if (!task_fd_open(p->task, o->fd))
		return exec_raise(u, p, EXC_OS, "OSError: handle is closed");
	if (!o->decl->can_recv)
		return exec_raise(u, p, EXC_OS, "OSError: connection is write-only");
	struct pipe_msg m;
	int64_t deadline = -1;
	int r = sys_read(u->k, p->task, o->fd, &m, false, deadline);
	if (r == 0)
		return exec_raise(u, p, EXC_EOF, "EOFError");
	if (r < 0) {
		p->progress = -1;
		return exec_restart(p);
	}
	char text[256];
	unpickle(p, in, &m, text, sizeof text);
	emit_ipc(u, p, IPC_RECV, o, text, queued(u, p, o));
	exec_advance(p);
	return STEP_NEXT;
}

static int x_close(struct user *u, struct uproc *p, struct uobj *o)
{
	if (task_fd_open(p->task, o->fd)) {
		emit_ipc(u, p, IPC_CLOSE, o, NULL, queued(u, p, o));
		sys_close(u->k, p->task, o->fd);
	}
	exec_advance(p);
	return STEP_NEXT;
}

enum run_result mp_exec(struct user *u, struct uproc *p, const struct insn *in)
{
	enum obj_kind a = OBJ_LOCK, b = OBJ_LOCK;
	const char *what = "TypeError: this needs a Lock";
	switch (in->op) {
	case OP_PUT: case OP_GET: a = OBJ_QUEUE; b = OBJ_JQUEUE; what = "TypeError: this needs a Queue"; break;
	case OP_TASK_DONE: case OP_QJOIN: a = b = OBJ_JQUEUE; what = "TypeError: this needs a JoinableQueue"; break;
	case OP_SEND: case OP_RECV: case OP_CLOSE: a = b = OBJ_PIPE_END; what = "TypeError: this needs a pipe end"; break;
	default: break;
	}
	struct uobj *o = object_of(u, p, &in->opd, a, b);
	if (!o)
		return (enum run_result)exec_raise(u, p, EXC_TYPE, what);
	int r;
	switch (in->op) {
	case OP_ACQUIRE: r = x_acquire(u, p, in, o); break;
	case OP_RELEASE: r = x_release(u, p, o); break;
	case OP_PUT: r = x_put(u, p, in, o); break;
	case OP_GET: r = x_get(u, p, in, o); break;
	case OP_TASK_DONE: r = x_task_done(u, p, o); break;
	case OP_QJOIN: r = x_qjoin(u, p, in, o); break;
	case OP_SEND: r = x_send(u, p, in, o); break;
	case OP_RECV: r = x_recv(u, p, in, o); break;
	default: r = x_close(u, p, o); break;
	}
	return (enum run_result)r;
}
