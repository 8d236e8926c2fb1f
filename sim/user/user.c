/* user.c: user space as a whole: its objects, each process's image (made at
 * fork, freed at exit, copied for time travel), the first processes at
 * boot, the textbook jobs init starts, and what the views read of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "snapshot.h"
#include "user.h"
#include "user_int.h"

/* The sizes a program starts with, in pages of 4 KiB, as measured on this
 * project's Linux 6.18 machine with CPython 3.11 (tests/truth/README.md):
 * a python3 that has imported multiprocessing (VmSize 18072 KiB, RssFile
 * 6952, RssAnon 7608), an interactive login bash (4728, 3272, 644), and a
 * small C program for init and for textbook jobs (2344, 1016, 92). */
struct exe_size { const char *exe; int32_t vm, file, anon; };
static const struct exe_size sizes[] = {
	{"python3", 4518, 1738, 1902},
	{"bash", 1182, 818, 161},
	{"init", 586, 254, 23},
	{"job", 586, 254, 23},
};

static const struct exe_size *size_of(const char *exe)
{
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (strcmp(sizes[i].exe, exe) == 0)
			return &sizes[i];
	return &sizes[3];
}

int64_t user_jobs_pages(const struct scenario *sc)
{
	int64_t jobs = 0;
	for (int i = 0; i < sc->ntimeline; i++)
		jobs += sc->timeline[i].kind == TL_JOB;
	int64_t pages = 0;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) /* every program once, and its pages */
		pages += sizes[i].file + sizes[i].anon;
	return pages + jobs * size_of("job")->anon;
}

struct fork_args user_exec_args(const char *comm, const char *exe, int64_t demand)
{
	const struct exe_size *z = size_of(exe);
	return (struct fork_args){.comm = comm, .demand = demand, .exe = z->exe, .vm_pages = z->vm,
				  .file_pages = z->file, .anon_pages = z->anon};
}

static bool is_python(const char *name) { return name && strncmp(name, "python", 6) == 0; }

struct fork_args user_boot_args(const struct user *u, int which)
{
	if (which == 0)
		return user_exec_args("init", "init", 0); /* init and the shell do next to no work: sjf and stcf run them first */
	if (which == 1)
		return user_exec_args(u->sc->shell_name, "bash", 0);
	return user_program_args(u, u->sc->programs[u->sc->main_index], u->sc->programs[u->sc->main_index]->name);
}

struct fork_args user_program_args(const struct user *u, const struct program *prog, const char *comm)
{
	(void)u;
	return user_exec_args(comm, is_python(comm) ? "python3" : "job", prog->demand);
}

struct program *user_loop_program(struct user *u, const char *name, enum opcode body, int arg, enum opcode after)
{
	int n = after == OP_COUNT ? 2 : 3;
	struct program *g = arena_alloc(u->strings, sizeof *g);
	struct insn *in = arena_alloc(u->strings, (size_t)n * sizeof *in);
	if (!g || !in)
		abort();
	memset(g, 0, sizeof *g);
	memset(in, 0, (size_t)n * sizeof *in);
	in[0].op = (uint8_t)body;
	in[0].a = arg;
	in[1].op = OP_JUMP; /* round again */
	in[1].target = 0;
	in[1].b = -1;
	if (n == 3)
		in[2].op = (uint8_t)after;
	g->name = name;
	g->insns = in;
	g->ninsns = n;
	return g;
}

void user_image_init(struct user *u, struct uproc *p, struct proc *t, const struct program *prog)
{
	(void)u;
	/* fork gave it zeroed memory (proc_fork): only what is not zero. */
	p->task = t;
	p->pid = task_pid(t);
	p->prog = prog;
	p->progress = PROGRESS_NONE;
	p->exc = -1;
	p->pool_of = -1;
	p->pool_exc = -1;
	if (prog->nlocals && !(p->locals = calloc((size_t)prog->nlocals, sizeof *p->locals)))
		abort();
}

/* fork copies the parent's memory: its globals (their pages shared
 * copy-on-write until one of them writes: mm.c). */
bool user_copy_globals(struct user *u, struct uproc *parent, struct uproc *child)
{
	size_t n = (size_t)u->sc->nglobals;
	if (!parent->globals || !n)
		return true;
	if (!(child->globals = malloc(sizeof *child->globals * n)))
		abort();
	memcpy(child->globals, parent->globals, sizeof *child->globals * n);
	return true;
}

static void free_frames(struct uproc *p)
{
	while (p->frames) {
		struct frame *f = p->frames;
		p->frames = f->next;
		if (f->call)
			free(f->locals);
		free(f);
	}
}

/* exit_mm: the image goes with the process's memory. */
static void release(void *ctx, struct proc *t, void *image)
{
	(void)t;
	struct uproc *p = image;
	struct user *u = ctx;
	if (p->thread)
		thread_release(u, p);
	if (u->mgr.nconns)
		manager_forget(u, p->pid);
	free(p->locals);
	free(p->globals);
	free(p->children);
	free_frames(p);
	p->locals = p->globals = NULL;
	p->children = NULL;
	p->nchildren = p->capchildren = 0;
}

/* execve: the old image goes, as at exit_mm, and the slot is zeroed for
 * the new one (user_exec), but for what outlives an exec: whether its
 * parent's Process object was daemonic (a parent terminates it all the
 * same). */
void user_image_reset(struct user *u, struct uproc *p)
{
	uint8_t keep = p->flags & UF_DAEMON;
	struct proc *t = p->task;
	release(u, t, p);
	memset(p, 0, sizeof *p);
	p->task = t;
	p->flags = keep;
}

const struct user_ops user_ops = {
	.image_size = sizeof(struct uproc),
	.run = exec_run,
	.release = release,
};

struct user *user_new(struct sim *k, const struct scenario *sc)
{
	struct user *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	u->k = k;
	u->sc = sc;
	pyrandom_seed(&u->rng, sc->seed);
	u->strings = arena_new();
	u->strings_refs = malloc(sizeof *u->strings_refs);
	if (!u->strings || !u->strings_refs) {
		arena_free(u->strings);
		free(u->strings_refs);
		free(u);
		return NULL;
	}
	*u->strings_refs = 1;
	kernel_set_user(k, &user_ops, u);
	if (!mp_init(u)) {
		user_free(u);
		return NULL;
	}
	bash_build_programs(u);
	return u;
}

void user_free(struct user *u)
{
	if (!u)
		return;
	mp_fini(u);
	thread_fini(u);
	if (u->strings_refs && --*u->strings_refs == 0) {
		arena_free(u->strings);
		free(u->strings_refs);
	}
	free(u);
}

static bool copy_image(const struct uproc *from, struct uproc *to, int nglobals)
{
	if (from->locals) {
		size_t n = (size_t)from->prog->nlocals;
		if (!(to->locals = malloc(sizeof *to->locals * n)))
			return false;
		memcpy(to->locals, from->locals, sizeof *to->locals * n);
	}
	if (from->globals && nglobals) {
		if (!(to->globals = malloc(sizeof *to->globals * (size_t)nglobals)))
			return false;
		memcpy(to->globals, from->globals, sizeof *to->globals * (size_t)nglobals);
	}
	if (from->children) {
		if (!(to->children = malloc(sizeof *to->children * (size_t)from->capchildren)))
			return false;
		memcpy(to->children, from->children, sizeof *to->children * (size_t)from->nchildren);
	}
	struct frame **tail = &to->frames;
	for (const struct frame *f = from->frames; f; f = f->next) {
		struct frame *g = malloc(sizeof *g);
		if (!g)
			return false;
		*g = *f;
		g->next = NULL;
		*tail = g;
		tail = &g->next;
		if (f->call && f->locals) { /* the worker loop's locals under a running task */
			size_t n = (size_t)f->prog->nlocals;
			if (!(g->locals = malloc(sizeof *g->locals * n)))
				return false;
			memcpy(g->locals, f->locals, sizeof *g->locals * n);
		}
	}
	return true;
}

struct user *user_clone(const struct user *u, const struct sim *from, struct sim *to)
{
	struct user *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	*c = *u;
	c->k = to;
	c->objs = NULL;
	c->threads = NULL;
	c->nthreads = c->capthreads = 0;
	kernel_set_user(to, &user_ops, c);
	/* First every image of the copy forgets the original's pointers, so
	 * that a failure half-way frees only what the copy owns. */
	for (int pid = 1; pid < u->sc->pid_max; pid++) {
		struct proc *t = kernel_task(to, pid);
		if (!t || task_state(t) == 'Z')
			continue;
		struct uproc *q = task_image(to, t);
		q->locals = q->globals = NULL;
		q->children = NULL;
		q->frames = NULL;
		q->task = t;
	}
	bool ok = mp_clone(u, c) && thread_clone(u, c);
	for (int pid = 1; ok && pid < u->sc->pid_max; pid++) {
		struct proc *t = kernel_task(to, pid);
		if (!t || task_state(t) == 'Z')
			continue;
		ok = copy_image(task_image(from, kernel_task(from, pid)), task_image(to, t), u->sc->nglobals);
	}
	(*c->strings_refs)++;
	if (!ok) {
		user_free(c);
		return NULL;
	}
	return c;
}

/* The first values of the scenario's globals, each in order (a later one
 * may use an earlier one), and of the shared values. */
static void init_globals(struct user *u, struct uproc *p)
{
	const struct scenario *sc = u->sc;
	if (sc->nglobals) {
		if (!(p->globals = calloc((size_t)sc->nglobals, sizeof *p->globals)))
			abort();
		for (int i = 0; i < sc->nglobals; i++)
			p->globals[i] = eval_expr(u, p, sc->global_init[i]);
	}
	for (int i = 0; i < u->nobjs; i++)
		if (u->objs[i].decl->kind == OBJ_SHARED && !u->objs[i].shared.kind)
			u->objs[i].shared = eval_expr(u, p, u->objs[i].decl->init);
	p->exc = -1;
}

/* An interactive bash ignores TERM, INT, TSTP and TTIN, and catches CHLD
 * and HUP. */
static const int shell_ignored[] = {SIG_TERM, SIG_INT, SIG_TSTP, SIG_TTIN};

void user_exec(struct user *u, struct proc *t, const struct program *prog)
{
	/* bash restores the default dispositions for its jobs, its own
	 * handlers included (restore_original_signals), before it execs. */
	for (size_t i = 0; i < sizeof shell_ignored / sizeof shell_ignored[0]; i++)
		sys_sigaction(u->k, t, shell_ignored[i], K_SIG_DFL);
	sys_sigaction(u->k, t, SIG_CHLD, K_SIG_DFL);
	sys_sigaction(u->k, t, SIG_HUP, K_SIG_DFL);
	user_exec_image(u, t, prog);
}

void user_exec_image(struct user *u, struct proc *t, const struct program *prog)
{
	struct uproc *p = U(u, t);
	user_image_init(u, p, t, prog);
	/* A Python interpreter installs default_int_handler for SIGINT (signal
	 * module init): Ctrl+C raises KeyboardInterrupt. It ignores SIGPIPE
	 * (_PyOS_InitInterrupts... init_signals: PyOS_setsig(SIGPIPE,
	 * SIG_IGN)), so a write to a pipe nobody reads raises BrokenPipeError,
	 * and SIGXFSZ (a write past the file size limit raises OSError); its
	 * children inherit the ignored signals through fork. ps shows the
	 * three (tests/truth/block_signals.py: IGNORED 1001000, CAUGHT 2). */
	if (is_python(task_comm(t))) {
		p->flags |= UF_PYTHON;
		exec_spend(u, p, COST_PY_STARTUP); /* before the program's first line */
		sys_sigaction(u->k, t, SIG_INT, ADDR_PY_SIGINT);
		sys_sigaction(u->k, t, SIG_PIPE, K_SIG_IGN);
		sys_sigaction(u->k, t, SIG_XFSZ, K_SIG_IGN);
	}
	init_globals(u, p);
}

void user_boot(struct user *u, struct proc *init, struct proc *sh, struct proc *m, struct proc *tini)
{
	u->init = init;
	u->shell = sh;
	u->cur_job = u->prev_job = u->fg_job = -1;
	user_image_init(u, U(u, init), init, u->builtin_init);
	user_image_init(u, U(u, sh), sh, u->builtin_shell);
	sys_setpgid(u->k, sh, 0, 0); /* a login shell leads its own process group (and session) */
	for (size_t i = 0; i < sizeof shell_ignored / sizeof shell_ignored[0]; i++)
		sys_sigaction(u->k, sh, shell_ignored[i], K_SIG_IGN);
	sys_sigaction(u->k, sh, SIG_CHLD, 2); /* the builtin program's OP_RETURN */
	sys_sigaction(u->k, sh, SIG_HUP, ADDR_BASH_SIGHUP);
	if (!m)
		return;
	user_exec(u, m, u->sc->programs[u->sc->main_index]);
	mp_boot(u, U(u, m));
	/* The shell puts its job in a process group of its own (setpgid) and
	 * gives a foreground job the terminal (tcsetpgrp). With tini, the job
	 * is tini, and main is in its group. */
	struct proc *job = tini ? tini : m;
	if (tini)
		user_boot_tini(u, tini, m);
	sys_setpgid(u->k, sh, task_pid(job), task_pid(job));
	if (tini)
		sys_setpgid(u->k, sh, task_pid(m), task_pid(job));
	if (!u->sc->main_background)
		sys_tcsetpgrp(u->k, sh, task_pid(job));
	bash_boot_job(u, U(u, sh), job, u->sc->main_background);
}

void user_boot_announce(struct user *u, int main_pid)
{
	if (main_pid && u->sc->main_background)
		bash_describe_job(u, main_pid);
}

void user_job_arrives(struct user *u, struct proc *init, const struct timeline_event *e)
{
	const struct program *prog = u->sc->programs[e->program];
	struct fork_args fa = user_exec_args(prog->name, "job", prog->demand);
	fa.job = true;
	fa.nice = e->nice;
	fa.set_nice = true;
	fa.tickets = e->tickets;
	fa.working_set = e->working_set;
	fa.affinity = e->affinity;
	int err = 0;
	struct proc *t = sys_fork(u->k, init, &fa, &err);
	if (!t) {
		exec_fork_failed(u, 1, err, prog->name);
		return;
	}
	struct uproc *p = U(u, t);
	user_image_init(u, p, t, prog);
	init_globals(u, p);
	kernel_wake_new_task(u->k, t);
}

void user_proc_info(const struct user *u, const struct proc *t, struct proc_info *o)
{
	const struct uproc *p = U(u, t);
	bool alive = task_state(t) != 'Z';
	o->daemon = (p->flags & UF_DAEMON) != 0;
	o->started = (p->flags & UF_MP_CHILD) != 0;
	o->code_ended = alive && (p->flags & UF_CODE_ENDED) != 0;
	o->pool_of = alive ? p->pool_of : -1;
	o->job = p->job;
	o->pipes_open = alive ? mp_pipes_open(u, t) : 0;
}

int user_objects(const struct user *u) { return u->nobjs; }

bool user_object(const struct user *u, int index, struct obj_info *o)
{
	if (index < 0 || index >= u->nobjs)
		return false;
	const struct uobj *x = &u->objs[index];
	memset(o, 0, sizeof *o);
	o->name = x->decl->name;
	o->kind = x->decl->kind;
	o->holder = x->holder;
	o->maxsize = x->decl->maxsize;
	o->unfinished = x->unfinished;
	o->peer = x->decl->peer;
	o->waiters = kernel_futex_waiters(u->k, x->fx_waiters) + kernel_futex_waiters(u->k, x->fx_rwaiters);
	o->putters = kernel_futex_waiters(u->k, x->fx_putters);
	o->joiners = kernel_futex_waiters(u->k, x->fx_joiners);
	o->rlock = x->rlock;
	o->fd = x->fd;
	int file = mp_object_file(u, x);
	if (x->decl->kind == OBJ_PIPE_END) {
		/* Who holds it open, and what waits to be received at it, as
		 * /proc/PID/fd and the pipe would tell. */
		for (int pid = 1; pid < u->sc->pid_max; pid++) {
			struct proc *t = kernel_task(u->k, pid);
			if (t && task_state(t) != 'Z' && task_fd_open(t, x->fd))
				o->open++;
		}
		o->waiters = kernel_file_readers_waiting(u->k, file);
	}
	if (x->decl->kind == OBJ_QUEUE || x->decl->kind == OBJ_JQUEUE)
		o->waiters += kernel_file_readers_waiting(u->k, file); /* the getter in pipe_read */
	o->count = kernel_file_queued(u->k, file);
	if (x->decl->kind == OBJ_SHARED) {
		value_text(&x->shared, o->value, sizeof o->value);
	} else if (x->decl->kind == OBJ_QUEUE || x->decl->kind == OBJ_JQUEUE) {
		size_t used = 0;
		struct pipe_msg m;
		for (int32_t i = 0; used + 4 < sizeof o->value && kernel_file_peek(u->k, file, i, &m); i++) {
			char t[64];
			struct value v;
			memcpy(&v, &m, sizeof v);
			value_text(&v, t, sizeof t);
			int w = snprintf(o->value + used, sizeof o->value - used, "%s%s", i ? ", " : "", t);
			if (w < 0 || (size_t)w >= sizeof o->value - used)
				break;
			used += (size_t)w;
		}
	}
	return true;
}

void user_place_fault(struct user *u) { exec_place_fault(u); }
