/* exec.c: runs a process's instructions while it is on a CPU.
 *
 * Blocking instructions are restartable, like the kernel's wait loops
 * (`while (!condition) sleep(chan)`): the instruction puts the process to
 * sleep and, once woken, runs again and re-checks its condition. Its state
 * between runs (ticks still to compute, the tick a sleep ends) is in
 * p->progress; a signal handler saves and restores it, so a sleep interrupted
 * by a handler goes on for the remaining time afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kernel_int.h"
#include "sig.h"
#include "timefmt.h"

enum step { STEP_NEXT = -1 };  /* keep executing; otherwise an enum run_result */

typedef int exec_fn(struct sim *s, struct proc *p, const struct insn *in);

static void advance(struct proc *p)
{
	p->pc++;
	p->progress = PROGRESS_NONE;
}

/* ---- operands ------------------------------------------------------------ */

static struct value eval_value(struct sim *s, struct proc *p, const struct operand *o)
{
	return eval_operand(s, p, o);
}

static int64_t eval_int(struct sim *s, struct proc *p, const struct operand *o)
{
	struct value v = eval_operand(s, p, o);
	return value_int(&v);
}

int64_t exec_ticks(struct sim *s, struct proc *p, const struct duration *d)
{
	int64_t micro;
	if (d->amount.kind == OPD_INT) {
		micro = d->amount.num;
	} else {
		int64_t v = eval_int(s, p, &d->amount);
		if (v < 0)
			return 0;
		if (v > 1000000000LL)
			v = 1000000000LL;
		micro = v * 1000000;
	}
	return duration_ticks(micro, d->unit_us, s->sc->tick_us);
}

/* The child a handle or PID operand names, when it is still p's child. */
static struct proc *child_of(struct sim *s, struct proc *p, const struct operand *o, struct value *v)
{
	*v = eval_value(s, p, o);
	if (v->kind == VAL_HANDLE && v->reaped)
		return NULL;
	struct proc *c = proc_by_pid(s, (int)value_int(v));
	return c && c->parent == p->self ? c : NULL;
}

void exec_print(struct sim *s, struct proc *p, const char *text, bool to_stderr)
{
	struct sim_event ev = {.kind = EV_PRINT, .pid = p->pid, .text = text, .code = to_stderr};
	kernel_emit(s, &ev);
}

/* Raises an exception in p: the innermost `try` around the instruction that
 * catches it gets control; otherwise, like an uncaught Python exception, the
 * message is printed and the program ends (multiprocessing's _exit_function
 * still joins the children) with exit code 1. */
int exec_raise(struct sim *s, struct proc *p, enum exc_kind k, const char *message)
{
	p->exc = -1;
	p->exc_msg = NULL;
	const struct try_region *best;
	for (;;) {
		best = NULL;
		for (int i = 0; i < p->prog->ntries; i++) {
			const struct try_region *t = &p->prog->tries[i];
			if (!t->with && p->pc >= t->start && p->pc < t->end && (t->mask & (1u << k)) &&
			    (!best || t->start >= best->start))
				best = t;
		}
		/* `with` blocks the exception leaves (inside the catching try, or all
		 * of them) release their locks, innermost first, as __exit__ would. */
		for (int i = p->prog->ntries - 1; i >= 0; i--) {
			const struct try_region *w = &p->prog->tries[i];
			if (!w->with || p->pc < w->start || p->pc >= w->end || (best && w->start <= best->start))
				continue;
			struct value v = eval_operand(s, p, &p->prog->insns[w->handler].opd);
			if (v.kind == VAL_OBJ && v.i >= 0 && v.i < s->nobjs && s->objs[v.i].holder == p->pid)
				ipc_release_held(s, p, &s->objs[v.i]);
		}
		if (best || !p->frames || p->frames->call)
			break;
		/* Raised in a signal handler and not caught there: as in Python, it
		 * goes on from the code the handler interrupted, whose blocking
		 * call it abandons. */
		struct frame *f = p->frames;
		p->pc = f->pc;
		p->sig_blocked &= ~(1u << f->sig);
		p->frames = f->next;
		free(f);
		ipc_abandon(s, p);
	}
	/* In a pool task, pool.worker catches what the task does not, and sends
	 * it back to the caller of apply() or map(). */
	struct frame *call = !best && p->frames && p->frames->call ? p->frames : NULL;
	struct sim_event ev = {.kind = EV_RAISE, .pid = p->pid, .text = message, .caught = best != NULL || call,
			       .in_pool = call != NULL};
	kernel_emit(s, &ev);
	if (best) {
		p->pc = best->handler;
	} else if (call) {
		call->exc = (int8_t)k;
		call->exc_msg = message;
		p->pc = p->prog->ninsns - 1; /* the task's end: back to the worker loop */
	} else {
		exec_print(s, p, message, true);
		p->exit_code = 1;
		p->pc = p->prog->ninsns - 1;
		/* An interpreter that ends on KeyboardInterrupt kills itself with
		 * SIGINT once its exit handling is done (Py_Main's exit_sigint,
		 * Python 3.8); a multiprocessing child's _bootstrap() catches it
		 * and exits with code 1. */
		if (k == EXC_KEYBOARD_INTERRUPT && !(p->flags & PF_MP_CHILD))
			p->flags |= PF_SIGINT_EXIT;
	}
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

static int raise_exception(struct sim *s, struct proc *p, const char *message)
{
	enum exc_kind k = strncmp(message, "AssertionError", 14) == 0 ? EXC_ASSERTION : EXC_BLOCKING_IO;
	return exec_raise(s, p, k, message);
}

/* ---- instructions ---------------------------------------------------------- */

static int x_compute(struct sim *s, struct proc *p, const struct insn *in)
{
	if (p->progress == PROGRESS_NONE)
		p->progress = exec_ticks(s, p, &in->dur);
	if (p->progress <= 0) {
		advance(p);
		return STEP_NEXT;
	}
	return RUN_SPENT; /* the end of the tick charges it (kernel.c) */
}

static int timed_sleep(struct sim *s, struct proc *p, const struct insn *in, struct waitq *q, char state)
{
	if (p->progress == PROGRESS_NONE)
		p->progress = s->clock + exec_ticks(s, p, &in->dur);
	if (s->clock >= p->progress) {
		advance(p);
		return STEP_NEXT;
	}
	proc_sleep(s, p, q, state, p->progress, 0);
	return RUN_BLOCKED;
}

static int x_sleep(struct sim *s, struct proc *p, const struct insn *in) { return timed_sleep(s, p, in, &s->timer_q, 'S'); }
static int x_io(struct sim *s, struct proc *p, const struct insn *in) { return timed_sleep(s, p, in, &s->disk_q, 'D'); }

/* is_current_pgrp_orphaned: no member has a parent in another group of the
 * same session (here: a parent other than init, in another group). */
static bool pgrp_orphaned(struct sim *s, int pgid)
{
	for (uint32_t x = 0; x < s->nslots; x++) {
		struct proc *q = P(s, x);
		if (q->place == PL_FREE || q->state == 'Z' || q->pgid != pgid)
			continue;
		struct proc *parent = proc_parent(s, q);
		if (parent && parent->self != s->init && parent->pgid != pgid)
			return false;
	}
	return true;
}

static int x_input(struct sim *s, struct proc *p, const struct insn *in)
{
	char *line;
	if (p->pgid != s->tty_fg_pgid) {
		/* __tty_check_change: a background job that reads the terminal is
		 * stopped by SIGTTIN, sent to its whole process group; but when
		 * SIGTTIN is ignored, or the group is orphaned (nobody could ever
		 * continue it), the read fails with EIO and input() raises. */
		if ((p->sig_ignored & (1u << SIG_TTIN)) || pgrp_orphaned(s, p->pgid))
			return exec_raise(s, p, EXC_EOF, "EOFError: EOF when reading a line");
		for (uint32_t x = 0; x < s->nslots; x++) {
			struct proc *q = P(s, x);
			if (q->place != PL_FREE && q->state != 'Z' && q->pgid == p->pgid)
				ksignal_send(s, 0, q, SIG_TTIN);
		}
		return STEP_NEXT;
	}
	if (shell_tty_take(s, p, &line)) {
		if (in->flags & INSN_HAS_VAR) {
			struct value *v = &p->locals[in->a];
			v->kind = VAL_STR;
			v->s = line;
		}
		advance(p);
		return STEP_NEXT;
	}
	proc_sleep(s, p, &s->tty_q, 'S', -1, 0);
	return RUN_BLOCKED;
}

/* multiprocessing.process._cleanup, run by every start(): reap the children
 * this process started that have already exited (waitpid WNOHANG). */
static bool is_mp_child(const struct proc *z, const void *arg)
{
	(void)arg;
	return (z->flags & PF_MP_CHILD) != 0;
}

static void reap_finished_mp_children(struct sim *s, struct proc *p)
{
	proc_reap_matching(s, p, is_mp_child, NULL);
}

static int x_start(struct sim *s, struct proc *p, const struct insn *in)
{
	bool mp = in->op == OP_START;
	if (mp && (p->flags & PF_DAEMON))
		return raise_exception(s, p, "AssertionError: daemonic processes are not allowed to have children");
	if (mp)
		reap_finished_mp_children(s, p);
	const struct program *prog = s->sc->programs[in->a];
	int err = 0;
	struct proc *c = proc_alloc(s, prog, p, &err);
	if (!c) {
		struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = p->pid, .err = err, .name = prog->name};
		kernel_emit(s, &ev);
		if (mp)
			return raise_exception(s, p, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
		if (in->flags & INSN_HAS_VAR)
			p->locals[in->b] = (struct value){.kind = VAL_INT, .i = -1};
		advance(p);
		return STEP_NEXT;
	}
	s->nuser++;
	for (int i = 0; i < in->nargs; i++)
		c->locals[i] = eval_value(s, p, &in->args[i]);
	/* fork copies the parent's memory (its globals) and its file descriptors. */
	if (p->globals && s->sc->nglobals) {
		c->globals = malloc(sizeof *c->globals * (size_t)s->sc->nglobals);
		if (!c->globals)
			abort();
		memcpy(c->globals, p->globals, sizeof *c->globals * (size_t)s->sc->nglobals);
	}
	ipc_fork(s, p, c);
	if (in->name.kind != OPD_NONE) {
		eval_format(s, p, &in->name, s->fmtbuf, sizeof s->fmtbuf);
		c->name = arena_strdup(s->strings, s->fmtbuf);
	}
	if (mp) {
		c->flags |= PF_MP_CHILD;
		p->mp_children++;
	}
	if (in->flags & INSN_DAEMON)
		c->flags |= PF_DAEMON;
	if (in->flags & INSN_HAS_VAR) /* the handle remembers the name, as Process.name does */
		p->locals[in->b] = (struct value){.kind = VAL_HANDLE, .i = c->pid, .s = c->name};
	struct sim_event ev = {.kind = EV_SPAWN, .pid = c->pid, .ppid = p->pid, .name = c->name};
	kernel_emit(s, &ev);
	proc_make_runnable(s, c);
	advance(p);
	return STEP_NEXT;
}

static int wait_failed(struct sim *s, struct proc *p, int pid)
{
	struct sim_event ev = {.kind = EV_WAIT_FAILED, .pid = p->pid, .err = 10 /* ECHILD */, .wait_pid = pid};
	kernel_emit(s, &ev);
	advance(p);
	return STEP_NEXT;
}

static int x_wait(struct sim *s, struct proc *p, const struct insn *in)
{
	if (in->opd.kind == OPD_NONE) {
		struct proc *z = proc_first_zombie(s, p);
		if (z) {
			proc_reap(s, p, z);
			advance(p);
			return STEP_NEXT;
		}
		if (p->nchildren == 0)
			return wait_failed(s, p, 0);
		proc_sleep(s, p, &p->child_wait, 'S', -1, 0);
		return RUN_BLOCKED;
	}
	struct value v;
	struct proc *c = child_of(s, p, &in->opd, &v);
	if (!c)
		return wait_failed(s, p, (int)value_int(&v));
	if (c->state == 'Z') {
		proc_reap(s, p, c);
		advance(p);
		return STEP_NEXT;
	}
	proc_sleep(s, p, &p->child_wait, 'S', -1, c->pid);
	return RUN_BLOCKED;
}

static int x_join(struct sim *s, struct proc *p, const struct insn *in)
{
	struct value v;
	struct proc *c = child_of(s, p, &in->opd, &v);
	if (!c) {
		if (v.kind == VAL_HANDLE && v.reaped) {
			advance(p); /* Popen.wait returns the saved returncode */
			return STEP_NEXT;
		}
		/* BaseProcess.join: assert self._parent_pid == os.getpid() */
		if (v.kind == VAL_HANDLE)
			return exec_raise(s, p, EXC_ASSERTION, "AssertionError: can only join a child process");
		return wait_failed(s, p, (int)value_int(&v));
	}
	if (c->state == 'Z') {
		proc_reap(s, p, c);
		advance(p);
		return STEP_NEXT;
	}
	int64_t deadline = -1;
	if (in->flags & INSN_HAS_TIMEOUT) {
		if (p->progress == PROGRESS_NONE)
			p->progress = s->clock + exec_ticks(s, p, &in->dur);
		deadline = p->progress;
		if (s->clock >= deadline) {
			advance(p); /* timed out: the child runs on */
			return STEP_NEXT;
		}
	}
	proc_sleep(s, p, &p->child_wait, 'S', deadline, c->pid);
	return RUN_BLOCKED;
}

static int x_reap(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)in;
	struct proc *z;
	while ((z = proc_first_zombie(s, p)))
		proc_reap(s, p, z);
	advance(p);
	return STEP_NEXT;
}

static int x_exit(struct sim *s, struct proc *p, const struct insn *in)
{
	proc_exit(s, p, (int)(eval_int(s, p, &in->opd) & 0xFF), 0);
	return RUN_GONE;
}

static int x_kill(struct sim *s, struct proc *p, const struct insn *in)
{
	struct proc *target;
	int pid = 0;
	int sig = in->op == OP_TERMINATE ? SIG_TERM : in->sig;
	if (in->opd.kind == OPD_SELF) {
		target = p;
	} else if (in->opd.kind == OPD_PARENT) {
		target = proc_parent(s, p);
	} else {
		struct value v = eval_value(s, p, &in->opd);
		int64_t wide = value_int(&v);
		if (wide > INT32_MAX || wide < INT32_MIN) /* os.kill: a pid_t is a C int */
			return exec_raise(s, p, EXC_OVERFLOW, wide > 0 ? "OverflowError: signed integer is greater than maximum"
								 : "OverflowError: signed integer is less than minimum");
		pid = (int)wide;
		/* Process.terminate()/kill() do nothing once the child is reaped. */
		target = v.kind == VAL_HANDLE && v.reaped ? NULL : proc_by_pid(s, pid);
	}
	advance(p);
	if (!target) {
		struct sim_event ev = {.kind = EV_SIGNAL, .pid = pid, .sig = sig, .other = p->pid,
				       .outcome = SIGOUT_NO_PROCESS};
		kernel_emit(s, &ev);
		return STEP_NEXT;
	}
	ksignal_send(s, p->pid, target, sig);
	/* A signal to itself is delivered before the next instruction. */
	return STEP_NEXT;
}

static int x_disposition(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s;
	uint32_t bit = 1u << in->sig;
	p->sig_ignored &= ~bit;
	p->sig_handled &= ~bit;
	if (in->sig == SIG_INT) /* signal.signal(SIGINT, ...) replaces default_int_handler */
		p->flags &= (uint8_t)~PF_PY_INT;
	if (in->op == OP_IGNORE)
		p->sig_ignored |= bit;
	if (in->op == OP_ON) {
		if (!p->handler_pc && !(p->handler_pc = calloc(SIG_MAX, sizeof *p->handler_pc)))
			abort();
		p->handler_pc[in->sig] = in->target;
		p->sig_handled |= bit;
	}
	advance(p); /* after `on`, a jump skips over the handler's body */
	return STEP_NEXT;
}

static int x_pause(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)in;
	proc_sleep(s, p, &s->pause_q, 'S', -1, 0);
	return RUN_BLOCKED;
}

static int x_subreaper(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s, (void)in;
	p->flags |= PF_SUBREAPER;
	advance(p);
	return STEP_NEXT;
}

static int x_print(struct sim *s, struct proc *p, const struct insn *in)
{
	eval_format(s, p, &in->opd, s->fmtbuf, sizeof s->fmtbuf);
	exec_print(s, p, s->fmtbuf, false);
	advance(p);
	return STEP_NEXT;
}

static int x_nice(struct sim *s, struct proc *p, const struct insn *in)
{
	int64_t n = p->nice + eval_int(s, p, &in->opd);
	p->nice = (int8_t)(n < -20 ? -20 : n > 19 ? 19 : n);
	advance(p);
	return STEP_NEXT;
}

static int x_repeat(struct sim *s, struct proc *p, const struct insn *in)
{
	p->locals[in->a] = (struct value){.kind = VAL_INT, .i = 0};
	p->locals[in->b] = (struct value){.kind = VAL_INT, .i = eval_int(s, p, &in->opd)};
	advance(p);
	return STEP_NEXT;
}

static int x_loop(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s, (void)in;
	advance(p);
	return STEP_NEXT;
}

static int x_repeat_test(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s;
	if (p->locals[in->a].i >= p->locals[in->b].i)
		p->pc = in->target;
	else
		p->pc++;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

static int x_jump(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s;
	if (in->b >= 0)
		p->locals[in->b].i++;
	p->pc = in->target;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

static int x_return(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)s, (void)in;
	struct frame *f = p->frames;
	p->pc = f->pc;
	p->progress = f->progress;
	p->sig_blocked &= ~(1u << f->sig);
	p->frames = f->next;
	free(f);
	return STEP_NEXT;
}

/* The end of a program: CPython's multiprocessing.util._exit_function sends
 * SIGTERM to daemonic children still running, then joins every child the
 * process started; only then does the process exit. Raw `fork` children are
 * not joined. */
static int x_code_end(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)in;
	if (p->frames && p->frames->call) { /* a pool task is done: back to the worker loop */
		pool_task_return(s, p);
		return STEP_NEXT;
	}
	if (!(p->flags & PF_CODE_ENDED)) {
		p->flags |= PF_CODE_ENDED;
		struct sim_event ev = {.kind = EV_CODE_END, .pid = p->pid, .count = p->mp_children};
		kernel_emit(s, &ev);
		for (slot_t x = p->first_child; x != NIL; x = P(s, x)->sib_next) {
			struct proc *c = P(s, x);
			if ((c->flags & (PF_MP_CHILD | PF_DAEMON)) == (PF_MP_CHILD | PF_DAEMON) && c->state != 'Z')
				ksignal_send(s, p->pid, c, SIG_TERM);
		}
		if (ksignal_has_deliverable(p))
			return STEP_NEXT;
	}
	reap_finished_mp_children(s, p);
	if (p->mp_children > 0) {
		proc_sleep(s, p, &p->child_wait, 'S', -1, 0);
		return RUN_BLOCKED;
	}
	if (p->flags & PF_SIGINT_EXIT)
		proc_exit(s, p, 0, SIG_INT);
	else
		proc_exit(s, p, p->exit_code, 0);
	return RUN_GONE;
}

static int x_let(struct sim *s, struct proc *p, const struct insn *in)
{
	struct value v = eval_value(s, p, &in->opd);
	if (p->exc >= 0)
		return exec_raise(s, p, (enum exc_kind)p->exc, p->exc_msg);
	if (in->b >= 0) {
		s->objs[in->b].shared = v; /* writing the shared file */
		char text[256];
		value_text(&v, text, sizeof text);
		struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_WRITE,
				       .object = s->objs[in->b].decl->name, .text = text};
		kernel_emit(s, &ev);
	} else if (in->flags & INSN_GLOBAL) {
		if (p->globals)
			p->globals[in->a] = v;
	} else {
		p->locals[in->a] = v;
	}
	advance(p);
	return STEP_NEXT;
}

static int x_jump_if_not(struct sim *s, struct proc *p, const struct insn *in)
{
	struct value v = eval_value(s, p, &in->opd);
	if (p->exc >= 0)
		return exec_raise(s, p, (enum exc_kind)p->exc, p->exc_msg);
	if (value_truth(&v))
		advance(p);
	else {
		p->pc = in->target;
		p->progress = PROGRESS_NONE;
	}
	return STEP_NEXT;
}

static int x_ipc(struct sim *s, struct proc *p, const struct insn *in) { return (int)ipc_exec(s, p, in); }
static int x_pool(struct sim *s, struct proc *p, const struct insn *in) { return (int)pool_exec(s, p, in); }

static int x_init(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)in;
	return shell_exec_init(s, p);
}

static int x_shell(struct sim *s, struct proc *p, const struct insn *in)
{
	(void)in;
	return shell_exec_shell(s, p);
}

static exec_fn *const exec_table[OP_COUNT] = {
	[OP_COMPUTE] = x_compute, [OP_SLEEP] = x_sleep, [OP_IO] = x_io, [OP_INPUT] = x_input,
	[OP_START] = x_start, [OP_FORK] = x_start, [OP_WAIT] = x_wait, [OP_JOIN] = x_join,
	[OP_REAP] = x_reap, [OP_EXIT] = x_exit, [OP_KILL] = x_kill, [OP_TERMINATE] = x_kill,
	[OP_IGNORE] = x_disposition, [OP_DEFAULT] = x_disposition, [OP_ON] = x_disposition,
	[OP_PAUSE] = x_pause, [OP_SUBREAPER] = x_subreaper, [OP_PRINT] = x_print,
	[OP_REPEAT] = x_repeat, [OP_LOOP] = x_loop, [OP_NICE] = x_nice, [OP_REPEAT_TEST] = x_repeat_test,
	[OP_LET] = x_let, [OP_JUMP_IF_NOT] = x_jump_if_not,
	/* compiled into jumps, never executed themselves */
	[OP_IF] = x_loop, [OP_WHILE] = x_loop, [OP_BREAK] = x_loop, [OP_CONTINUE] = x_loop, [OP_TRY] = x_loop,
	[OP_WITH] = x_loop,
	[OP_ACQUIRE] = x_ipc, [OP_RELEASE] = x_ipc, [OP_PUT] = x_ipc, [OP_GET] = x_ipc,
	[OP_TASK_DONE] = x_ipc, [OP_QJOIN] = x_ipc, [OP_SEND] = x_ipc, [OP_RECV] = x_ipc, [OP_CLOSE] = x_ipc,
	[OP_POOL] = x_pool, [OP_APPLY_ASYNC] = x_pool, [OP_APPLY] = x_pool, [OP_MAP] = x_pool,
	[OP_POOL_CLOSE] = x_pool, [OP_POOL_JOIN] = x_pool, [OP_POOL_TERMINATE] = x_pool, [OP_POOL_WORK] = x_pool,
	[OP_JUMP] = x_jump, [OP_RETURN] = x_return, [OP_CODE_END] = x_code_end,
	[OP_INIT_REAP] = x_init, [OP_SHELL] = x_shell,
};
_Static_assert(sizeof exec_table / sizeof exec_table[0] == OP_COUNT, "one exec function per opcode");

static enum run_result run(struct sim *s, struct proc *p)
{
	for (;;) {
		if (++s->steps > SIM_STEP_LIMIT) {
			const struct insn *in = &p->prog->insns[p->pc];
			kernel_fault(s, p, in->line, in->col);
		}
		if (s->status != SIM_RUNNING)
			return RUN_SPENT; /* a runaway: stop here */
		if (ksignal_has_deliverable(p) && !ksignal_deliver(s, p))
			return RUN_GONE;
		const struct insn *in = &p->prog->insns[p->pc];
		int r = exec_table[in->op](s, p, in);
		if (p->exc >= 0 && p->state != 'Z') /* an expression failed inside the instruction */
			r = exec_raise(s, p, (enum exc_kind)p->exc, p->exc_msg);
		if (r != STEP_NEXT)
			return (enum run_result)r;
	}
}

enum run_result exec_run(struct sim *s, struct proc *p)
{
	s->running = p;
	enum run_result r = run(s, p);
	s->running = NULL;
	return r;
}
