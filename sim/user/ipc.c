/* ipc.c: multiprocessing's shared objects as kernel wait channels.
 *
 *  Lock           a binary semaphore (sem_wait/sem_post): acquire sleeps while
 *                 it is held, even by the caller itself (the material's
 *                 deadlock); release hands it to the first waiter. A lock is
 *                 not released when its holder dies.
 *  Queue          a FIFO of values; get sleeps while it is empty, put while it
 *                 holds maxsize items; nowait and timeouts raise Empty/Full.
 *  JoinableQueue  a Queue counting unfinished tasks: put adds one, task_done
 *                 takes one (ValueError below zero), join sleeps until zero.
 *  Pipe ends      messages sent at one end wait at the other; every process
 *                 holds its own copy of an end (fork copies them), and recv
 *                 raises EOFError only when no process holds the sending end
 *                 open any more.
 *  shared         a value every process reads and writes, like a file.
 * Blocking operations are restartable, like the rest (exec.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#include "kernel_int.h"
#include "sig.h"

enum { STEP_NEXT = -1 };

static void waitq_init(struct waitq *q, enum wchan w, int obj)
{
	plist_init(&q->members);
	q->wchan = w;
	q->obj = obj;
}

bool ipc_init(struct sim *s)
{
	const struct scenario *sc = s->sc;
	s->nobjs = sc->nobjects;
	s->objs = calloc((size_t)(s->nobjs ? s->nobjs : 1), sizeof *s->objs);
	if (!s->objs)
		return false;
	for (int i = 0; i < s->nobjs; i++) {
		struct ipc *o = &s->objs[i];
		o->decl = &sc->objects[i];
		bool pool = o->decl->kind == OBJ_POOL;
		enum wchan w = o->decl->kind == OBJ_LOCK ? WCHAN_LOCK
			     : o->decl->kind == OBJ_PIPE_END ? WCHAN_PIPE_RECV : pool ? WCHAN_POOL_TASK : WCHAN_QUEUE_GET;
		waitq_init(&o->waiters, w, i);
		waitq_init(&o->putters, pool ? WCHAN_POOL_RESULT : WCHAN_QUEUE_PUT, i);
		waitq_init(&o->joiners, pool ? WCHAN_POOL_JOIN : WCHAN_QUEUE_JOIN, i);
		waitq_init(&o->rwaiters, WCHAN_QUEUE_RLOCK, i);
	}
	return true;
}

void ipc_fini(struct sim *s)
{
	for (int i = 0; s->objs && i < s->nobjs; i++) {
		free(s->objs[i].items);
		free(s->objs[i].tasks);
	}
	free(s->objs);
}

bool ipc_clone(const struct sim *from, struct sim *to)
{
	to->objs = calloc((size_t)(from->nobjs ? from->nobjs : 1), sizeof *to->objs);
	if (!to->objs)
		return false;
	memcpy(to->objs, from->objs, sizeof *to->objs * (size_t)from->nobjs);
	for (int i = 0; i < from->nobjs; i++) {
		to->objs[i].items = NULL; /* so that a failure below frees nothing twice */
		to->objs[i].tasks = NULL;
	}
	for (int i = 0; i < from->nobjs; i++)
		if (from->objs[i].tcap) {
			size_t n = sizeof *from->objs[i].tasks * (size_t)from->objs[i].tcap;
			if (!(to->objs[i].tasks = malloc(n)))
				return false;
			memcpy(to->objs[i].tasks, from->objs[i].tasks, n);
		}
	for (int i = 0; i < from->nobjs; i++) {
		if (from->objs[i].cap) {
			size_t n = sizeof *from->objs[i].items * (size_t)from->objs[i].cap;
			if (!(to->objs[i].items = malloc(n)))
				return false;
			memcpy(to->objs[i].items, from->objs[i].items, n);
		}
	}
	return true;
}

/* A child holds a copy of every pipe end its parent holds (fork dups fds). */
void ipc_fork(struct sim *s, struct proc *parent, struct proc *child)
{
	child->pipes_open = parent ? parent->pipes_open : 0;
	for (int i = 0; i < s->nobjs; i++)
		if (child->pipes_open & (1ull << i))
			s->objs[i].open++;
}

static void emit_ipc(struct sim *s, struct proc *p, enum ipc_op op, const struct ipc *o, const char *text)
{
	struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = op, .object = o->decl->name, .text = text,
			       .count = o->count};
	kernel_emit(s, &ev);
}

static void close_end(struct sim *s, struct proc *p, int i)
{
	struct ipc *o = &s->objs[i];
	p->pipes_open &= ~(1ull << i);
	/* The last sending copy gone: readers at the other end get EOFError. */
	if (--o->open == 0 && o->decl->peer >= 0)
		proc_waitq_wake_all(s, &s->objs[o->decl->peer].waiters, WAKE_IPC);
}

/* exit_files: a dying process closes its pipe ends. Its locks stay held. */
void ipc_exit(struct sim *s, struct proc *p)
{
	for (int i = 0; i < s->nobjs && p->pipes_open; i++)
		if (p->pipes_open & (1ull << i))
			close_end(s, p, i);
	/* A pool worker that ends, however it ends, wakes Pool.join(). */
	if (p->pool_of >= 0) {
		struct ipc *o = &s->objs[p->pool_of];
		o->workers--;
		proc_waitq_wake_all(s, &o->joiners, WAKE_IPC);
	}
}

static void rlock_release(struct sim *s, struct ipc *o);

void ipc_abandon(struct sim *s, struct proc *p)
{
	for (int i = 0; i < s->nobjs; i++) {
		struct ipc *o = &s->objs[i];
		if (o->rlock == p->pid) /* Queue.get's `with self._rlock:` */
			rlock_release(s, o);
		for (int32_t k = 0; k < o->tcount; k++) {
			struct pool_task *t = &o->tasks[(o->thead + k) % o->tcap];
			if (t->submitter == p->pid)
				t->submitter = 0;
		}
	}
	if (p->pool_pending > 0) { /* tasks being run for it: their results go nowhere */
		for (int pid = 1; pid < s->sc->pid_max; pid++) {
			struct proc *w = proc_by_pid(s, pid);
			for (struct frame *f = w ? w->frames : NULL; f; f = f->next)
				if (f->call && f->submitter == p->pid)
					f->submitter = 0;
		}
	}
	p->pool_pending = 0;
	p->pool_exc = -1;
}

static void push(struct ipc *o, struct value v)
{
	if (o->count == o->cap) {
		int32_t cap = o->cap ? o->cap * 2 : 8;
		struct value *n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int32_t i = 0; i < o->count; i++)
			n[i] = o->items[(o->head + i) % o->cap];
		free(o->items);
		o->items = n;
		o->head = 0;
		o->cap = cap;
	}
	o->items[(o->head + o->count++) % o->cap] = v;
}

static struct value pop(struct ipc *o)
{
	struct value v = o->items[o->head];
	o->head = (o->head + 1) % o->cap;
	o->count--;
	return v;
}

static void wake_one(struct sim *s, struct waitq *q, enum wake_reason why)
{
	if (q->members.head != NIL)
		proc_wake(s, P(s, q->members.head), why);
}

/* The object an operand names (directly, or through a variable holding it). */
static struct ipc *object_of(struct sim *s, struct proc *p, const struct operand *o, enum obj_kind want1, enum obj_kind want2)
{
	struct value v = eval_operand(s, p, o);
	if (v.kind != VAL_OBJ || v.i < 0 || v.i >= s->nobjs)
		return NULL;
	struct ipc *x = &s->objs[v.i];
	return x->decl->kind == want1 || x->decl->kind == want2 ? x : NULL;
}

static int block(struct sim *s, struct proc *p, struct waitq *q, const struct insn *in, bool *timed_out)
{
	int64_t deadline = -1;
	*timed_out = false;
	if (in->flags & INSN_HAS_TIMEOUT) {
		if (p->progress == PROGRESS_NONE || p->progress < 0)
			p->progress = s->clock + exec_ticks(s, p, &in->dur);
		deadline = p->progress;
		if (s->clock >= deadline) {
			*timed_out = true;
			return STEP_NEXT;
		}
	} else {
		p->progress = -1; /* "waiting": a lock grant recognises it */
	}
	proc_sleep(s, p, q, 'S', deadline, 0);
	return RUN_BLOCKED;
}

static void advance(struct proc *p)
{
	p->pc++;
	p->progress = PROGRESS_NONE;
}

/* sem_wait: take the lock if it is free, else sleep. There is no hand-off:
 * sem_post only makes it free and wakes a waiter, which competes for it when
 * it runs again; a waiter that dies meanwhile takes nothing with it. */
static int x_acquire(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	if (o->holder == 0) {
		o->holder = p->pid;
		emit_ipc(s, p, IPC_ACQUIRE, o, NULL);
		advance(p);
		return STEP_NEXT;
	}
	if (in->flags & INSN_NOWAIT) {
		advance(p); /* acquire(False) returned False at once */
		return STEP_NEXT;
	}
	bool timed_out;
	int r = block(s, p, &o->waiters, in, &timed_out);
	if (timed_out)
		advance(p); /* acquire(timeout=...) returned False */
	return r;
}

void ipc_release_held(struct sim *s, struct proc *p, struct ipc *o)
{
	o->holder = 0;
	emit_ipc(s, p, IPC_RELEASE, o, NULL);
	wake_one(s, &o->waiters, WAKE_IPC);
}

static int x_release(struct sim *s, struct proc *p, struct ipc *o)
{
	if (o->holder == 0)
		return exec_raise(s, p, EXC_VALUE, "ValueError: semaphore or lock released too many times");
	ipc_release_held(s, p, o);
	advance(p);
	return STEP_NEXT;
}

static int x_put(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	struct value v = eval_operand(s, p, &in->name);
	if (p->exc >= 0)
		return exec_raise(s, p, (enum exc_kind)p->exc, p->exc_msg);
	if (o->decl->maxsize > 0 && o->count >= o->decl->maxsize) {
		if (in->flags & INSN_NOWAIT)
			return exec_raise(s, p, EXC_FULL, "queue.Full");
		bool timed_out;
		int r = block(s, p, &o->putters, in, &timed_out);
		return timed_out ? exec_raise(s, p, EXC_FULL, "queue.Full") : r;
	}
	push(o, v);
	if (o->decl->kind == OBJ_JQUEUE)
		o->unfinished++;
	char text[256];
	value_text(&v, text, sizeof text);
	emit_ipc(s, p, IPC_PUT, o, text);
	wake_one(s, &o->waiters, WAKE_IPC); /* the getter holding the reader lock */
	advance(p);
	return STEP_NEXT;
}

/* Queue.get holds the queue's reader lock (_rlock) while it waits for data
 * and reads it: one getter waits on the pipe (pipe_read), the others on the
 * lock (a futex). A getter killed meanwhile keeps the lock for ever, which is
 * why CPython warns that terminate() can leave a queue unusable. */
static void rlock_release(struct sim *s, struct ipc *o)
{
	o->rlock = 0;
	wake_one(s, &o->rwaiters, WAKE_IPC);
}

static int x_get(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	bool nowait = in->flags & INSN_NOWAIT;
	bool timed_out;
	if (o->rlock && o->rlock != p->pid) { /* another getter reads */
		if (nowait)
			return exec_raise(s, p, EXC_EMPTY, "_queue.Empty");
		int r = block(s, p, &o->rwaiters, in, &timed_out);
		return timed_out ? exec_raise(s, p, EXC_EMPTY, "_queue.Empty") : r;
	}
	if (o->count == 0) {
		if (nowait)
			return exec_raise(s, p, EXC_EMPTY, "_queue.Empty");
		o->rlock = p->pid;
		int r = block(s, p, &o->waiters, in, &timed_out);
		if (timed_out) {
			rlock_release(s, o);
			return exec_raise(s, p, EXC_EMPTY, "_queue.Empty");
		}
		return r;
	}
	struct value v = pop(o);
	if (in->flags & INSN_HAS_VAR)
		p->locals[in->a] = v;
	char text[256];
	value_text(&v, text, sizeof text);
	emit_ipc(s, p, IPC_GET, o, text);
	wake_one(s, &o->putters, WAKE_IPC);
	if (o->rlock == p->pid || o->rwaiters.members.head != NIL)
		rlock_release(s, o); /* the next getter may read */
	advance(p);
	return STEP_NEXT;
}

static int x_task_done(struct sim *s, struct proc *p, struct ipc *o)
{
	if (o->unfinished <= 0)
		return exec_raise(s, p, EXC_VALUE, "ValueError: task_done() called too many times");
	o->unfinished--;
	emit_ipc(s, p, IPC_TASK_DONE, o, NULL);
	if (o->unfinished == 0)
		proc_waitq_wake_all(s, &o->joiners, WAKE_IPC);
	advance(p);
	return STEP_NEXT;
}

static int x_qjoin(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	/* JoinableQueue.join: `if unfinished: wait()`, not a loop, so once woken
	 * it returns even if new tasks were put meanwhile. */
	if (o->unfinished == 0 || p->progress == -1) {
		emit_ipc(s, p, IPC_QJOIN, o, NULL);
		advance(p);
		return STEP_NEXT;
	}
	bool timed_out;
	return block(s, p, &o->joiners, in, &timed_out);
}

static int x_send(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	int i = (int)(o - s->objs);
	if (!(p->pipes_open & (1ull << i)))
		return exec_raise(s, p, EXC_OS, "OSError: handle is closed");
	if (!o->decl->can_send)
		return exec_raise(s, p, EXC_OS, "OSError: connection is read-only");
	struct value v = eval_operand(s, p, &in->name);
	if (p->exc >= 0)
		return exec_raise(s, p, (enum exc_kind)p->exc, p->exc_msg);
	struct ipc *peer = &s->objs[o->decl->peer];
	if (peer->open == 0) /* nobody can ever receive it: EPIPE */
		return exec_raise(s, p, EXC_OS, "BrokenPipeError: [Errno 32] Broken pipe");
	push(peer, v);
	char text[256];
	value_text(&v, text, sizeof text);
	emit_ipc(s, p, IPC_SEND, o, text);
	wake_one(s, &peer->waiters, WAKE_IPC);
	advance(p);
	return STEP_NEXT;
}

static int x_recv(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	int i = (int)(o - s->objs);
	if (!(p->pipes_open & (1ull << i)))
		return exec_raise(s, p, EXC_OS, "OSError: handle is closed");
	if (!o->decl->can_recv)
		return exec_raise(s, p, EXC_OS, "OSError: connection is write-only");
	if (o->count == 0) {
		if (s->objs[o->decl->peer].open == 0)
			return exec_raise(s, p, EXC_EOF, "EOFError");
		bool timed_out;
		return block(s, p, &o->waiters, in, &timed_out);
	}
	struct value v = pop(o);
	if (in->flags & INSN_HAS_VAR)
		p->locals[in->a] = v;
	char text[256];
	value_text(&v, text, sizeof text);
	emit_ipc(s, p, IPC_RECV, o, text);
	advance(p);
	return STEP_NEXT;
}

static int x_close(struct sim *s, struct proc *p, struct ipc *o)
{
	int i = (int)(o - s->objs);
	if (p->pipes_open & (1ull << i)) {
		emit_ipc(s, p, IPC_CLOSE, o, NULL);
		close_end(s, p, i);
	}
	advance(p);
	return STEP_NEXT;
}

enum run_result ipc_exec(struct sim *s, struct proc *p, const struct insn *in)
{
	enum obj_kind a = OBJ_LOCK, b = OBJ_LOCK;
	const char *what = "TypeError: this needs a Lock";
	switch (in->op) {
	case OP_PUT: case OP_GET: a = OBJ_QUEUE; b = OBJ_JQUEUE; what = "TypeError: this needs a Queue"; break;
	case OP_TASK_DONE: case OP_QJOIN: a = b = OBJ_JQUEUE; what = "TypeError: this needs a JoinableQueue"; break;
	case OP_SEND: case OP_RECV: case OP_CLOSE: a = b = OBJ_PIPE_END; what = "TypeError: this needs a pipe end"; break;
	default: break;
	}
	struct ipc *o = object_of(s, p, &in->opd, a, b);
	if (!o)
		return (enum run_result)exec_raise(s, p, EXC_TYPE, what);
	int r;
	switch (in->op) {
	case OP_ACQUIRE: r = x_acquire(s, p, in, o); break;
	case OP_RELEASE: r = x_release(s, p, o); break;
	case OP_PUT: r = x_put(s, p, in, o); break;
	case OP_GET: r = x_get(s, p, in, o); break;
	case OP_TASK_DONE: r = x_task_done(s, p, o); break;
	case OP_QJOIN: r = x_qjoin(s, p, in, o); break;
	case OP_SEND: r = x_send(s, p, in, o); break;
	case OP_RECV: r = x_recv(s, p, in, o); break;
	default: r = x_close(s, p, o); break;
	}
	return (enum run_result)r;
}

/* ---- pools --------------------------------------------------------------------- */

/* multiprocessing.Pool: the creator forks `size` daemonic workers (named
 * ForkPoolWorker-N, as CPython names them). Each worker loops: take the
 * oldest task, run its program in the worker's own process, and go back for
 * the next; with no task it sleeps, and once the pool is closed and empty it
 * exits (CPython sends each worker a None sentinel). */
static struct program *worker_program(struct sim *s, int pool)
{
	struct program *g = arena_alloc(s->strings, sizeof *g);
	struct insn *in = arena_alloc(s->strings, 2 * sizeof *in);
	if (!g || !in)
		abort();
	in[0].op = OP_POOL_WORK;
	in[0].a = pool;
	in[1].op = OP_JUMP;
	in[1].target = 0;
	in[1].b = -1;
	g->name = "ForkPoolWorker";
	g->insns = in;
	g->ninsns = 2;
	return g;
}

static void task_push(struct ipc *o, const struct pool_task *t)
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

static int pool_create(struct sim *s, struct proc *p, int index)
{
	struct ipc *o = &s->objs[index];
	if (p->flags & PF_DAEMON)
		return exec_raise(s, p, EXC_ASSERTION, "AssertionError: daemonic processes are not allowed to have children");
	if (!o->worker_prog)
		o->worker_prog = worker_program(s, index);
	o->created = true;
	o->closed = false;
	for (int64_t k = 0; k < o->decl->maxsize; k++) {
		int err = 0;
		struct proc *w = proc_alloc(s, o->worker_prog, p, &err);
		if (!w) {
			struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = p->pid, .err = err, .name = "ForkPoolWorker"};
			kernel_emit(s, &ev);
			return exec_raise(s, p, EXC_BLOCKING_IO, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
		}
		s->nuser++;
		char name[32];
		snprintf(name, sizeof name, "ForkPoolWorker-%d", ++s->pool_workers_named);
		w->name = arena_strdup(s->strings, name);
		w->flags |= PF_MP_CHILD | PF_DAEMON;
		w->pool_of = (int16_t)index;
		p->mp_children++;
		if (p->globals && s->sc->nglobals) {
			w->globals = malloc(sizeof *w->globals * (size_t)s->sc->nglobals);
			if (!w->globals)
				abort();
			memcpy(w->globals, p->globals, sizeof *w->globals * (size_t)s->sc->nglobals);
		}
		ipc_fork(s, p, w);
		o->workers++;
		struct sim_event ev = {.kind = EV_SPAWN, .pid = w->pid, .ppid = p->pid, .name = w->name};
		kernel_emit(s, &ev);
		proc_make_runnable(s, w);
	}
	advance(p);
	return STEP_NEXT;
}

static int pool_submit(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	/* Resumed after a blocking submission: wait until our tasks are done. */
	if (p->progress != PROGRESS_NONE) {
		if (p->pool_pending > 0) {
			proc_sleep(s, p, &o->putters, 'S', -1, 0);
			return RUN_BLOCKED;
		}
		if (p->pool_exc >= 0) { /* a task failed: its exception, here */
			enum exc_kind k = (enum exc_kind)p->pool_exc;
			p->pool_exc = -1;
			return exec_raise(s, p, k, p->pool_exc_msg);
		}
		advance(p);
		return STEP_NEXT;
	}
	if (!o->created || o->closed)
		return exec_raise(s, p, EXC_VALUE, "ValueError: Pool not running");
	int n = 1;
	if (in->op == OP_MAP) {
		struct value v = eval_operand(s, p, &in->opd);
		int64_t c = value_int(&v);
		n = c < 0 ? 0 : c > 100000 ? 100000 : (int)c;
	}
	for (int k = 0; k < n; k++) {
		struct pool_task t = {.prog = in->a, .submitter = in->op == OP_APPLY_ASYNC ? 0 : p->pid};
		if (in->op == OP_MAP) {
			t.nargs = 1;
			t.args[0] = (struct value){.kind = VAL_INT, .i = k};
		} else {
			t.nargs = in->nargs;
			for (int i = 0; i < in->nargs && i < 8; i++)
				t.args[i] = eval_operand(s, p, &in->args[i]);
		}
		task_push(o, &t);
		if (t.submitter)
			p->pool_pending++;
		char text[64];
		snprintf(text, sizeof text, "%s", s->sc->programs[in->a]->name);
		struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_SUBMIT, .object = o->decl->name,
				       .text = text, .count = o->tcount};
		kernel_emit(s, &ev);
	}
	/* Wake as many idle workers as there are tasks. */
	for (int k = 0; k < n && o->waiters.members.head != NIL; k++)
		proc_wake(s, P(s, o->waiters.members.head), WAKE_IPC);
	if (in->op == OP_APPLY_ASYNC || p->pool_pending == 0) {
		advance(p);
		return STEP_NEXT;
	}
	p->progress = 1;
	proc_sleep(s, p, &o->putters, 'S', -1, 0);
	return RUN_BLOCKED;
}

static int pool_work(struct sim *s, struct proc *p, int index)
{
	struct ipc *o = &s->objs[index];
	if (o->tcount == 0) {
		if (o->closed) {
			proc_exit(s, p, 0, 0);
			return RUN_GONE;
		}
		proc_sleep(s, p, &o->waiters, 'S', -1, 0);
		return RUN_BLOCKED;
	}
	struct pool_task t = o->tasks[o->thead];
	o->thead = (o->thead + 1) % o->tcap;
	o->tcount--;
	const struct program *prog = s->sc->programs[t.prog];
	struct frame *f = malloc(sizeof *f);
	struct value *locals = prog->nlocals ? calloc((size_t)prog->nlocals, sizeof *locals) : NULL;
	if (!f || (prog->nlocals && !locals))
		abort();
	*f = (struct frame){.pc = p->pc, .progress = PROGRESS_NONE, .call = true, .prog = p->prog,
			   .locals = p->locals, .pool = index, .submitter = t.submitter, .exc = -1, .next = p->frames};
	for (int i = 0; i < t.nargs && i < prog->nlocals; i++)
		locals[i] = t.args[i];
	p->frames = f;
	p->prog = prog;
	p->locals = locals;
	p->pc = 0;
	p->progress = PROGRESS_NONE;
	struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_TAKE, .object = o->decl->name,
			       .text = prog->name, .count = o->tcount};
	kernel_emit(s, &ev);
	return STEP_NEXT;
}

void pool_task_return(struct sim *s, struct proc *p)
{
	struct frame *f = p->frames;
	free(p->locals);
	p->prog = f->prog;
	p->locals = f->locals;
	p->pc = f->pc; /* back to the worker loop */
	p->progress = PROGRESS_NONE;
	p->frames = f->next;
	struct ipc *o = &s->objs[f->pool];
	struct proc *sub = f->submitter ? proc_by_pid(s, f->submitter) : NULL;
	/* pool.worker sends the task's exception back with its result;
	 * apply() and map() raise it in the caller. */
	if (sub && f->exc >= 0 && sub->pool_exc < 0) {
		sub->pool_exc = f->exc;
		sub->pool_exc_msg = f->exc_msg;
	}
	if (sub && sub->pool_pending > 0 && --sub->pool_pending == 0)
		proc_waitq_wake_all(s, &o->putters, WAKE_IPC);
	free(f);
}

static bool worker_of(const struct proc *z, const void *arg) { return z->pool_of == *(const int16_t *)arg; }

static int pool_close_join(struct sim *s, struct proc *p, const struct insn *in, struct ipc *o)
{
	switch (in->op) {
	case OP_POOL_CLOSE:
		o->closed = true;
		proc_waitq_wake_all(s, &o->waiters, WAKE_IPC); /* idle workers see the sentinel */
		break;
	case OP_POOL_TERMINATE:
		/* _terminate_pool: SIGTERM to every worker, then join them (below). */
		if (p->progress == PROGRESS_NONE) {
			o->closed = true;
			o->tcount = 0;
			for (slot_t x = p->first_child; x != NIL; x = P(s, x)->sib_next) {
				struct proc *c = P(s, x);
				if (c->pool_of == (int16_t)(o - s->objs) && c->state != 'Z')
					ksignal_send(s, p->pid, c, SIG_TERM);
			}
			p->progress = 0;
		}
		/* fall through */
	default: /* OP_POOL_JOIN: wait for the workers to exit, and reap them */
		if (!o->closed)
			return exec_raise(s, p, EXC_VALUE, "ValueError: Pool is still running");
		int16_t me = (int16_t)(o - s->objs);
		proc_reap_matching(s, p, worker_of, &me);
		bool live = false;
		for (slot_t x = p->first_child; x != NIL; x = P(s, x)->sib_next)
			live |= P(s, x)->pool_of == (int16_t)(o - s->objs);
		if (live) {
			proc_sleep(s, p, &o->joiners, 'S', -1, 0);
			return RUN_BLOCKED;
		}
		break;
	}
	advance(p);
	return STEP_NEXT;
}

enum run_result pool_exec(struct sim *s, struct proc *p, const struct insn *in)
{
	if (in->op == OP_POOL)
		return (enum run_result)pool_create(s, p, in->a);
	if (in->op == OP_POOL_WORK)
		return (enum run_result)pool_work(s, p, in->a);
	struct ipc *o = &s->objs[in->b];
	if (in->op == OP_APPLY_ASYNC || in->op == OP_APPLY || in->op == OP_MAP)
		return (enum run_result)pool_submit(s, p, in, o);
	return (enum run_result)pool_close_join(s, p, in, o);
}
