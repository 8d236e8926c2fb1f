/* exec.c: the interpreter. A CPU enters it through exec_run, the one door
 * from the kernel into user space ("run this process's next instruction"),
 * and it runs one instruction, which may make system calls.
 *
 * Blocking instructions are restartable, like the kernel's wait loops
 * (`while (!condition) sleep(chan)`): the system call puts the process to
 * sleep and returns K_RESTART; once woken, the instruction runs again and
 * makes its call again. Its state between runs (ticks still to compute, the
 * tick a sleep ends) is in p->progress; a signal handler saves and restores
 * it, so a sleep interrupted by a handler goes on for the remaining time
 * afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "timefmt.h"
#include "user_int.h"

typedef int exec_fn(struct user *u, struct uproc *p, const struct insn *in);

void exec_advance(struct uproc *p)
{
	p->pc++;
	p->progress = PROGRESS_NONE;
}

void exec_spend(struct user *u, struct uproc *p, enum cost_kind k)
{
	int64_t tick = u->sc->tick_us, d = (int64_t)p->spend_us + kernel_costs(u->k)->us[k];
	int64_t ticks = p->spend_ticks + d / tick;
	p->spend_ticks = ticks > INT32_MAX ? INT32_MAX : (int32_t)ticks;
	p->spend_us = (int32_t)(d % tick);
}

int exec_restart(struct uproc *p)
{
	char st = task_state(p->task);
	return st == 'S' || st == 'D' ? RUN_BLOCKED : STEP_NEXT;
}

/* ---- operands ------------------------------------------------------------ */

static int64_t eval_int(struct user *u, struct uproc *p, const struct operand *o)
{
	struct value v = eval_operand(u, p, o);
	return value_int(&v);
}

/* A random duration's bound in microseconds of time. */
static double bound_us(const struct user *u, int64_t micro, int64_t unit_us)
{
	return (double)micro / 1e6 * (double)(unit_us ? unit_us : u->sc->tick_us);
}

int64_t exec_ticks(struct user *u, struct uproc *p, const struct duration *d)
{
	if (d->random) {
		/* time.sleep(random.uniform(lo, hi)), in seconds as Python draws
		 * it, then rounded up to whole ticks as any sleep */
		double s = pyrandom_uniform(&u->rng, bound_us(u, d->lo_micro, d->lo_unit_us) / 1e6,
					    bound_us(u, d->hi_micro, d->hi_unit_us) / 1e6);
		double ticks = s * 1e6 / (double)u->sc->tick_us;
		if (ticks <= 0)
			return 0;
		if (ticks > 1e15)
			ticks = 1e15;
		int64_t t = (int64_t)ticks;
		return t + ((double)t < ticks);
	}
	int64_t micro;
	if (d->amount.kind == OPD_INT) {
		micro = d->amount.num;
	} else {
		int64_t v = eval_int(u, p, &d->amount);
		if (v < 0)
			return 0;
		if (v > 1000000000LL)
			v = 1000000000LL;
		micro = v * 1000000;
	}
	return duration_ticks(micro, d->unit_us, u->sc->tick_us);
}

void exec_print(struct user *u, struct uproc *p, const char *text, bool to_stderr)
{
	sys_write_tty(u->k, p->task, text, to_stderr);
}

/* Popen.returncode: every handle to a reaped child remembers how it ended. */
void exec_reaped(struct uproc *p, const struct wait_status *st)
{
	int32_t status = st->how == 'x' ? st->code : -st->sig;
	for (int i = 0; p->locals && i < p->prog->nlocals; i++) {
		struct value *v = &p->locals[i];
		if (v->kind == VAL_HANDLE && v->i == st->pid && !v->reaped) {
			v->reaped = 1;
			v->status = status;
		}
	}
	exec_forget_child(p, st->pid);
}

void exec_fork_failed(struct user *u, int pid, int err, const char *what)
{
	struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = pid, .err = err, .text = what,
			       .syscall = syscall_name(SYS_FORK)};
	kernel_emit(u->k, &ev);
}

void exec_forget_child(struct uproc *p, int pid) { exec_pid_remove(p->children, &p->nchildren, pid); }

void exec_cleanup_children(struct user *u, struct uproc *p)
{
	if (!task_has_zombies(p->task))
		return;
	for (int32_t i = 0; i < p->nchildren;) {
		struct wait_status st;
		int pid = p->children[i];
		if (sys_wait4(u->k, p->task, pid, K_WNOHANG, -1, &st) > 0)
			exec_reaped(p, &st); /* removes it from the list */
		else
			i++;
	}
}

/* `with` blocks an exception leaves (inside the catching try `best`, or
 * all of them) release their locks, innermost first, as __exit__ would. */
static void release_with_locks(struct user *u, struct uproc *p, const struct try_region *best)
{
	for (int i = p->prog->ntries - 1; i >= 0; i--) {
		const struct try_region *w = &p->prog->tries[i];
		if (!w->with || p->pc < w->start || p->pc >= w->end || (best && w->start <= best->start))
			continue;
		struct value v = eval_operand(u, p, &p->prog->insns[w->handler].opd);
		if (v.kind == VAL_OBJ && v.i >= 0 && v.i < u->nobjs && u->objs[v.i].holder == p->pid)
			mp_release_held(u, p, &u->objs[v.i]);
	}
}

/* sys.exit(arg): SystemExit, which no `except NAME` here catches. It
 * leaves the `with` blocks (releasing their locks) and goes to the code's
 * end, which joins the children as _exit_function does (in a Process child
 * _bootstrap catches it: the same). The exit code: arg, None is 0, a string
 * is printed on stderr and gives 1. */
static void leave_to(struct uproc *p, int32_t target);

static int x_sys_exit(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value v = in->opd.kind != OPD_NONE ? eval_operand(u, p, &in->opd) : (struct value){.kind = VAL_NONE};
	if (p->exc >= 0)
		return STEP_NEXT;
	release_with_locks(u, p, NULL);
	if (v.kind == VAL_STR) {
		exec_print(u, p, v.s, true);
		p->exit_code = 1;
	} else {
		p->exit_code = (int16_t)(v.kind == VAL_NONE ? 0 : value_int(&v) & 0xff);
	}
	leave_to(p, p->prog->ninsns - 1); /* through the finally blocks it leaves */
	return STEP_NEXT;
}

/* ---- finally ---------------------------------------------------------------- */

/* What a finally block's hidden variable keeps while the block runs: nothing
 * (it was entered by falling off the try or except block), an exception to
 * raise again at its end, or a jump to go on with (break, continue,
 * sys.exit). CPython keeps the same on its value stack. */
enum { PENDING_EXCEPTION = 1, PENDING_JUMP = 2 };

/* The innermost finally region around p's pc that a jump to target leaves. */
static const struct try_region *finally_left(const struct uproc *p, int32_t target)
{
	const struct try_region *best = NULL;
	for (int i = 0; i < p->prog->ntries; i++) {
		const struct try_region *t = &p->prog->tries[i];
		if (t->finally && p->pc >= t->start && p->pc < t->end && (target < t->start || target >= t->end) &&
		    (!best || t->start > best->start))
			best = t;
	}
	return best;
}

/* Jump to target, through the finally block of each region it leaves,
 * innermost first: each one's end goes on with the jump. */
static void leave_to(struct uproc *p, int32_t target)
{
	const struct try_region *f = finally_left(p, target);
	if (f) {
		p->locals[f->var] = (struct value){.kind = VAL_INT, .status = PENDING_JUMP, .i = target};
		target = f->handler;
	}
	p->pc = target;
	p->progress = PROGRESS_NONE;
}

/* The start of a try: its finally block has nothing pending yet. */
static int x_try(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u;
	if (in->a >= 0)
		p->locals[in->a] = (struct value){.kind = VAL_NONE};
	exec_advance(p);
	return STEP_NEXT;
}

/* The end of a finally block: the exception raised again, the jump gone
 * on with, or the next instruction. */
static int x_end_finally(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value v = p->locals[in->a];
	p->locals[in->a] = (struct value){.kind = VAL_NONE};
	if (v.kind == VAL_INT && v.status == PENDING_EXCEPTION)
		return exec_raise(u, p, (enum exc_kind)v.i, v.s);
	if (v.kind == VAL_INT && v.status == PENDING_JUMP)
		leave_to(p, (int32_t)v.i);
	else
		exec_advance(p);
	return STEP_NEXT;
}

/* break or continue inside a try. */
static int x_jump_out(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u;
	leave_to(p, in->target);
	return STEP_NEXT;
}

/* ---- atexit -------------------------------------------------------------- */

/* atexit's list, kept in the program's hidden variables: each block's
 * holds when it was registered (0: not), atexit_var when multiprocessing
 * registered _exit_function (at the first start). The next number. */
static int64_t atexit_next(const struct uproc *p)
{
	int64_t top = p->locals[p->prog->atexit_var].i;
	for (int i = 0; i < p->prog->ninsns; i++) {
		const struct insn *in = &p->prog->insns[i];
		if (in->op == OP_ATEXIT && p->locals[in->a].i > top)
			top = p->locals[in->a].i;
	}
	return top + 1;
}

/* util.py's atexit.register(_exit_function), done when multiprocessing
 * first starts a process (popen_fork imports util). */
void exec_note_exit_function(struct uproc *p)
{
	if (p->prog->natexit && p->locals[p->prog->atexit_var].kind == VAL_NONE)
		p->locals[p->prog->atexit_var] = (struct value){.kind = VAL_INT, .i = atexit_next(p)};
}

static int x_atexit(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u;
	p->locals[in->a] = (struct value){.kind = VAL_INT, .i = atexit_next(p)};
	exec_advance(p);
	return STEP_NEXT;
}

static int x_atexit_done(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u, (void)in;
	p->pc = p->prog->ninsns - 1;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

/* atexit._run_exitfuncs, one handler at a time, last registered first: the
 * one to run now (unregistered as it starts), or NULL. Before the
 * _exit_function's turn (joins_done false) only those registered after it. */
static const struct insn *atexit_take(struct uproc *p, bool joins_done)
{
	if (!p->prog->natexit || (p->flags & UF_MP_CHILD) || p->pool_of >= 0)
		return NULL; /* a Process child ends with os._exit: no handlers */
	int64_t floor = joins_done ? 0 : p->locals[p->prog->atexit_var].i;
	const struct insn *best = NULL;
	for (int i = 0; i < p->prog->ninsns; i++) {
		const struct insn *in = &p->prog->insns[i];
		if (in->op == OP_ATEXIT && p->locals[in->a].kind == VAL_INT && p->locals[in->a].i > floor &&
		    (!best || p->locals[in->a].i > p->locals[best->a].i))
			best = in;
	}
	if (best) {
		p->locals[best->a] = (struct value){.kind = VAL_NONE};
		p->pc = best->target;
		p->progress = PROGRESS_NONE;
	}
	return best;
}

/* An exception that leaves an atexit block: atexit prints it and goes on. */
static bool in_atexit_block(const struct uproc *p)
{
	for (int i = 0; p->prog->natexit && i < p->prog->ninsns; i++) {
		const struct insn *in = &p->prog->insns[i];
		if (in->op == OP_ATEXIT && p->pc >= in->target && p->pc < in->b)
			return true;
	}
	return false;
}

/* "Process-1", "Process-3:1": process.py names a Process after its
 * _identity, its number in its creator's count, after its creator's own
 * (read here from the living ancestors that are Process children too). */
static void process_name(struct user *u, const struct uproc *p, char *buf, size_t n)
{
	if (p->mp_number & MP_NAMED) {
		snprintf(buf, n, "%s", task_comm(p->task));
		return;
	}
	struct proc *up = kernel_task(u->k, task_ppid(u->k, p->task));
	const struct uproc *parent = up ? U(u, up) : NULL;
	if (parent && (parent->flags & UF_MP_CHILD) && !(parent->mp_number & MP_NAMED) && parent->mp_number) {
		process_name(u, parent, buf, n);
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, ":%u", (unsigned)(p->mp_number & MP_NUMBER_MAX));
	} else {
		snprintf(buf, n, "Process-%u", (unsigned)(p->mp_number & MP_NUMBER_MAX));
	}
}

/* The regions around pc that can take exception k: the innermost, and of
 * two with the same start the one that ends first (an except block's try
 * block before the finally that also covers the except blocks); of the
 * except blocks of one try, the first that names it. */
static const struct try_region *catching_region(const struct uproc *p, enum exc_kind k)
{
	const struct try_region *best = NULL;
	for (int i = 0; i < p->prog->ntries; i++) {
		const struct try_region *t = &p->prog->tries[i];
		if (t->with || p->pc < t->start || p->pc >= t->end || !(t->mask & (1u << k)))
			continue;
		if (!best || t->start > best->start || (t->start == best->start && t->end < best->end))
			best = t;
	}
	return best;
}

/* Raises an exception in p: the innermost `try` around the instruction that
 * catches it gets control; otherwise, like an uncaught Python exception, the
 * message is printed and the program ends (multiprocessing's _exit_function
 * still joins the children) with exit code 1. */
/* What an uncaught exception leaves on stderr: multiprocessing's _bootstrap
 * prints "Process NAME:" and the traceback, whose last line is the message
 * (pool workers catch their tasks' exceptions: never here). */
static void print_traceback(struct user *u, struct uproc *p, const char *message)
{
	if ((p->flags & UF_MP_CHILD) && p->pool_of < 0) {
		char name[128], line[160];
		process_name(u, p, name, sizeof name);
		snprintf(line, sizeof line, "Process %s:", name);
		exec_print(u, p, line, true);
	}
	exec_print(u, p, message, true);
}

int exec_raise(struct user *u, struct uproc *p, enum exc_kind k, const char *message)
{
	p->exc = -1;
	p->exc_msg = NULL;
	const struct try_region *best;
	for (;;) {
		best = catching_region(p, k);
		release_with_locks(u, p, best);
		if (best || !p->frames || p->frames->call)
			break;
		/* Raised in a signal handler and not caught there: as in Python, it
		 * goes on from the code the handler interrupted, whose blocking
		 * call it abandons. */
		struct frame *f = p->frames;
		p->pc = f->pc;
		sys_sigreturn(u->k, p->task, f->sig);
		p->frames = f->next;
		free(f);
		mp_abandon(u, p);
	}
	/* In a pool task, pool.worker catches what the task does not, and sends
	 * it back to the caller of apply() or map(). */
	struct frame *call = !best && p->frames && p->frames->call ? p->frames : NULL;
	bool fin = best && best->finally;
	struct sim_event ev = {.kind = EV_RAISE, .pid = p->pid, .text = message, .caught = (best && !fin) || call,
			       .in_pool = call != NULL, .in_finally = fin, .in_atexit = !best && !call && in_atexit_block(p)};
	kernel_emit(u->k, &ev);
	if (fin) { /* the finally block first; its end raises it again */
		p->locals[best->var] = (struct value){.kind = VAL_INT, .status = PENDING_EXCEPTION, .i = k, .s = message};
		p->pc = best->handler;
	} else if (best) {
		p->pc = best->handler;
	} else if (call) {
		call->exc = (int8_t)k;
		call->exc_msg = message;
		p->pc = p->prog->ninsns - 1; /* the task's end: back to the worker loop */
	} else if (ev.in_atexit) {
		/* atexit_callfuncs: _PyErr_WriteUnraisableMsg("in atexit
		 * callback"), then the next handler; the exit status stays. */
		exec_print(u, p, "Exception ignored in atexit callback", true);
		exec_print(u, p, message, true);
		p->pc = p->prog->ninsns - 1;
	} else {
		if (p->flags & UF_PYTHON) {
			/* The unwinding and traceback.print_exc take their time
			 * (importing traceback, reading the source lines): the
			 * header and the message are printed at the code's end,
			 * once it is spent (print_traceback). */
			exec_spend(u, p, COST_TRACEBACK);
			p->exc_msg = message; /* with exc -1: to print */
		} else {
			print_traceback(u, p, message);
		}
		p->exit_code = 1;
		p->pc = p->prog->ninsns - 1;
		/* An interpreter that ends on KeyboardInterrupt kills itself with
		 * SIGINT once its exit handling is done (Py_Main's exit_sigint,
		 * Python 3.8); a multiprocessing child's _bootstrap() catches it
		 * and exits with code 1. */
		if (k == EXC_KEYBOARD_INTERRUPT && !(p->flags & UF_MP_CHILD))
			p->flags |= UF_SIGINT_EXIT;
	}
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

static int raise_exception(struct user *u, struct uproc *p, const char *message)
{
	enum exc_kind k = strncmp(message, "AssertionError", 14) == 0 ? EXC_ASSERTION : EXC_BLOCKING_IO;
	return exec_raise(u, p, k, message);
}

/* The name a start, process, fork or exec gives its program: `named
 * "NAME"` (a format), else the program's own. */
static const char *program_comm(struct user *u, struct uproc *p, const struct insn *in, const struct program *prog)
{
	if (in->name.kind == OPD_NONE)
		return prog->name;
	eval_format(u, p, &in->name, u->fmtbuf, sizeof u->fmtbuf);
	return arena_strdup(u->strings, u->fmtbuf);
}

/* ---- instructions ---------------------------------------------------------- */

/* Pure computation: the CPU runs the program for so many ticks. The kernel
 * charges them one by one and enters again with each (upcall.cpu_ticks). */
static int x_compute(struct user *u, struct uproc *p, const struct insn *in)
{
	if (p->progress == PROGRESS_NONE)
		p->progress = exec_ticks(u, p, &in->dur);
	if (p->progress <= 0) {
		exec_advance(p);
		return STEP_NEXT;
	}
	return RUN_SPENT;
}

static int timed_sleep(struct user *u, struct uproc *p, const struct insn *in, bool disk)
{
	if (p->progress == PROGRESS_NONE)
		p->progress = kernel_clock(u->k) + exec_ticks(u, p, &in->dur);
	int r = disk ? sys_read_disk(u->k, p->task, p->progress) : sys_nanosleep(u->k, p->task, p->progress);
	if (r == 0) {
		exec_advance(p);
		return STEP_NEXT;
	}
	return exec_restart(p);
}

static int x_sleep(struct user *u, struct uproc *p, const struct insn *in) { return timed_sleep(u, p, in, false); }
static int x_io(struct user *u, struct uproc *p, const struct insn *in) { return timed_sleep(u, p, in, true); }

static int x_input(struct user *u, struct uproc *p, const struct insn *in)
{
	const char *line;
	int r = sys_read_tty(u->k, p->task, &line);
	if (r == -K_EIO) /* input() of a read that fails */
		return exec_raise(u, p, EXC_EOF, "EOFError: EOF when reading a line");
	if (r < 0)
		return exec_restart(p);
	if (in->flags & INSN_HAS_VAR) {
		struct value *v = &p->locals[in->a];
		v->kind = VAL_STR;
		v->s = line;
	}
	exec_advance(p);
	return STEP_NEXT;
}

void exec_pid_push(int32_t **pids, int32_t *n, int32_t *cap, int pid)
{
	if (*n == *cap) {
		int32_t c = *cap ? *cap * 2 : 4;
		int32_t *a = realloc(*pids, sizeof *a * (size_t)c);
		if (!a)
			abort();
		*pids = a;
		*cap = c;
	}
	(*pids)[(*n)++] = pid;
}

void exec_pid_remove(int32_t *pids, int32_t *n, int pid)
{
	for (int32_t i = 0; i < *n; i++)
		if (pids[i] == pid) {
			memmove(&pids[i], &pids[i + 1], sizeof *pids * (size_t)(*n - i - 1));
			(*n)--;
			return;
		}
}

/* A handle made by `process` and not started: its PID is -(the index of
 * that instruction + 1, with the Process's number above it),
 * BaseProcess._popen being None. A program has at most 100,000
 * instructions (parse.c), which 17 bits hold. */
#define UNSTARTED_BITS 17
static bool unstarted(const struct value *v) { return v->kind == VAL_HANDLE && v->i < 0; }
static int unstarted_insn(const struct value *v) { return (int)((-v->i & ((1 << UNSTARTED_BITS) - 1)) - 1); }
static int unstarted_number(const struct value *v) { return (int)(-v->i >> UNSTARTED_BITS); }

/* next(_process_counter): BaseProcess.__init__ numbers each Process its
 * creator makes (1, 2, ...), started or not; a child counts from 1 again. */
static int64_t next_process_number(struct uproc *p)
{
	if (p->mp_made < MP_NUMBER_MAX)
		p->mp_made++;
	return p->mp_made;
}

/* multiprocessing.Process(target=f, args=...): BaseProcess.__init__ keeps
 * the target and its arguments, and _parent_pid = os.getpid(). */
static int x_process(struct user *u, struct uproc *p, const struct insn *in)
{
	const struct program *prog = u->sc->programs[in->a];
	const char *comm = program_comm(u, p, in, prog);
	int64_t number = next_process_number(p);
	p->locals[in->b] = (struct value){.kind = VAL_HANDLE, .i = -(number << UNSTARTED_BITS | ((in - p->prog->insns) + 1)),
					  .s = comm, .status = p->pid, .daemon = (in->flags & INSN_DAEMON) != 0};
	exec_advance(p);
	return STEP_NEXT;
}

/* `p.daemon = v`: BaseProcess.daemon's setter asserts self._popen is None. */
static int x_set_daemon(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value *h = &p->locals[in->a];
	struct value v = eval_operand(u, p, &in->opd);
	if (p->exc >= 0)
		return STEP_NEXT;
	if (h->kind != VAL_HANDLE)
		return exec_raise(u, p, EXC_TYPE, "AttributeError: only a Process has daemon");
	if (!unstarted(h))
		return exec_raise(u, p, EXC_ASSERTION, "AssertionError: process has already started");
	h->daemon = value_truth(&v);
	exec_advance(p);
	return STEP_NEXT;
}

static int start_child(struct user *u, struct uproc *p, const struct insn *in, bool daemon, struct value *handle);

/* `start p`: BaseProcess.start() on a Process made by `process`, with the
 * checks process.py makes, in its order. */
static int start_handle(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value *h = in->opd.kind == OPD_VAR ? &p->locals[in->opd.var] : NULL;
	if (!h || h->kind != VAL_HANDLE)
		return exec_raise(u, p, EXC_TYPE, "AttributeError: only a Process can be started");
	if (!unstarted(h))
		return exec_raise(u, p, EXC_ASSERTION, "AssertionError: cannot start a process twice");
	if (h->status != p->pid)
		return exec_raise(u, p, EXC_ASSERTION,
				  "AssertionError: can only start a process object created by current process");
	int at = unstarted_insn(h);
	if (at >= p->prog->ninsns || p->prog->insns[at].op != OP_PROCESS)
		return exec_raise(u, p, EXC_ASSERTION,
				  "AssertionError: can only start a process object created by current process");
	return start_child(u, p, &p->prog->insns[at], h->daemon, h);
}

/* Process.start() (os.fork() for `fork`): the kernel makes the child; its
 * memory is the parent's (its globals, shared copy-on-write), its program
 * the function it was given, with its arguments. */
static int x_start(struct user *u, struct uproc *p, const struct insn *in)
{
	if (in->flags & INSN_FROM_HANDLE)
		return start_handle(u, p, in);
	return start_child(u, p, in, (in->flags & INSN_DAEMON) != 0,
			   in->flags & INSN_HAS_VAR ? &p->locals[in->b] : NULL);
}

/* in: the start, fork or process instruction (its program, arguments and
 * name); handle: where the Process goes, or NULL. */
static int start_child(struct user *u, struct uproc *p, const struct insn *in, bool daemon, struct value *handle)
{
	bool mp = in->op != OP_FORK;
	/* A Process made by `process` has its number; `start f()` makes one now. */
	int number = !mp ? 0 : handle && unstarted(handle) ? unstarted_number(handle) : (int)next_process_number(p);
	if (mp && (p->flags & UF_DAEMON))
		return raise_exception(u, p, "AssertionError: daemonic processes are not allowed to have children");
	if (mp)
		exec_cleanup_children(u, p);
	const struct program *prog = u->sc->programs[in->a];
	const char *comm = program_comm(u, p, in, prog);
	struct fork_args fa = {.comm = comm, .demand = prog->demand};
	int err = 0;
	struct proc *t = sys_fork(u->k, p->task, &fa, &err);
	if (!t) {
		exec_fork_failed(u, p->pid, err, prog->name);
		if (mp)
			return raise_exception(u, p, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
		if (handle)
			*handle = (struct value){.kind = VAL_INT, .i = -1};
		exec_advance(p);
		return STEP_NEXT;
	}
	struct uproc *c = U(u, t);
	user_image_init(u, c, t, prog);
	c->flags |= p->flags & UF_PYTHON;
	for (int i = 0; i < in->nargs; i++)
		c->locals[i] = eval_operand(u, p, &in->args[i]);
	user_copy_globals(u, p, c);
	if (mp) {
		c->flags |= UF_MP_CHILD;
		c->mp_number = (uint16_t)((number > MP_NUMBER_MAX ? MP_NUMBER_MAX : number) |
					  (in->name.kind != OPD_NONE ? MP_NAMED : 0));
		exec_note_exit_function(p);
		exec_pid_push(&p->children, &p->nchildren, &p->capchildren, c->pid);
		/* Popen's work around the fork, and in the child _bootstrap()
		 * before the target's first line. */
		exec_spend(u, p, COST_PROCESS_START);
		exec_spend(u, c, COST_BOOTSTRAP);
	}
	if (daemon)
		c->flags |= UF_DAEMON;
	/* A Python child is an interpreter too: it inherited default_int_handler
	 * (or an ignored SIGINT) with the rest of its parent at fork. */
	if (handle) /* the handle remembers the name, as Process.name does */
		*handle = (struct value){.kind = VAL_HANDLE, .i = c->pid, .s = comm, .status = p->pid, .daemon = daemon};
	kernel_wake_new_task(u->k, t);
	exec_advance(p);
	return STEP_NEXT;
}

/* os.execv(): the same process runs PROGRAM from its start. Its arguments
 * are read before the old image goes; then the kernel's execve, and a new
 * image as bash's exec makes one (user_exec: python3's start-up and
 * signals when the new program is Python). */
static int x_exec(struct user *u, struct uproc *p, const struct insn *in)
{
	const struct program *prog = u->sc->programs[in->a];
	const char *comm = program_comm(u, p, in, prog);
	struct value args[64];
	int nargs = in->nargs < 64 ? in->nargs : 64;
	for (int i = 0; i < nargs; i++)
		args[i] = eval_operand(u, p, &in->args[i]);
	struct fork_args fa = user_program_args(u, prog, comm);
	struct proc *t = p->task;
	if (sys_execve(u->k, t, &fa) < 0)
		return raise_exception(u, p, "OSError: [Errno 12] Cannot allocate memory");
	user_image_reset(u, p);
	user_exec_image(u, t, prog);
	for (int i = 0; i < nargs && i < prog->nlocals; i++)
		p->locals[i] = args[i];
	return STEP_NEXT;
}

/* subprocess.run(): Popen(...) then wait(). CPython 3.11 makes the child
 * with vfork (_posixsubprocess.fork_exec; strace, and the parent in D in
 * kernel_clone meanwhile: tests/truth/subprocess_run.sh): the child is a
 * copy of the caller at this very instruction (SP_CHILD), which puts
 * SIGPIPE and SIGXFSZ back to their defaults (restore_signals) and execs
 * the command, or, when no program of the scenario is called so, fails
 * (ENOENT) and _exits 255. The caller's progress: PROGRESS_NONE, then the
 * child's PID while it sleeps in vfork, then SP_REAP | PID while it waits
 * for the exit (Popen.wait). */
#define SP_CHILD (-2)
#define SP_REAP ((int64_t)1 << 32)

static int x_exec(struct user *u, struct uproc *p, const struct insn *in);

/* The child's side, up to its execve (child_exec). */
static int subprocess_child(struct user *u, struct uproc *p, const struct insn *in)
{
	if (p->flags & UF_PYTHON) {
		sys_sigaction(u->k, p->task, SIG_PIPE, K_SIG_DFL);
		sys_sigaction(u->k, p->task, SIG_XFSZ, K_SIG_DFL);
	}
	if (in->a < 0) { /* every execve along PATH failed: the error pipe, then _exit(255) */
		sys_exit(u->k, p->task, 255);
		return RUN_GONE;
	}
	return x_exec(u, p, in);
}

/* _execute_child up to the vfork: the child, a copy of p at this instruction. */
static int subprocess_spawn(struct user *u, struct uproc *p)
{
	struct fork_args fa = {.comm = task_comm(p->task), .demand = -1};
	int err = 0;
	struct proc *t = sys_vfork(u->k, p->task, &fa, &err);
	if (!t) {
		exec_fork_failed(u, p->pid, err, task_comm(p->task));
		return raise_exception(u, p, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
	}
	struct uproc *c = U(u, t);
	user_image_init(u, c, t, p->prog);
	c->flags |= p->flags & UF_PYTHON;
	if (p->prog->nlocals)
		memcpy(c->locals, p->locals, sizeof *c->locals * (size_t)p->prog->nlocals);
	user_copy_globals(u, p, c);
	c->pc = p->pc;
	c->progress = SP_CHILD;
	kernel_wake_new_task(u->k, t);
	p->progress = c->pid;
	return STEP_NEXT;
}

/* The command line as the list of arguments subprocess.run was given:
 * split at spaces outside quotes, as shlex.split would, then as Python
 * prints a list of strings: ['sh', '-c', 'exit 3']. */
static void argument_list(const char *cmd, char *out, size_t size)
{
	size_t n = 0;
	char quote = 0;
	bool in_word = false;
	out[n++] = '[';
	for (const char *c = cmd; *c && n + 8 < size; c++) {
		if (!quote && *c == ' ') {
			if (in_word)
				out[n++] = '\'';
			in_word = false;
			continue;
		}
		if (!in_word) {
			if (n > 1) {
				out[n++] = ',';
				out[n++] = ' ';
			}
			out[n++] = '\'';
			in_word = true;
		}
		if (quote ? *c == quote : *c == '\'' || *c == '"')
			quote = quote ? 0 : *c;
		else
			out[n++] = *c;
	}
	if (in_word)
		out[n++] = '\'';
	out[n++] = ']';
	out[n] = '\0';
}

/* subprocess.CalledProcessError's str(): the command's arguments, and how
 * it ended. */
static const char *called_process_error(struct user *u, struct uproc *p, const struct insn *in,
					int returncode)
{
	char args[1024];
	argument_list(program_comm(u, p, in, u->sc->programs[in->a]), args, sizeof args);
	if (returncode < 0)
		snprintf(u->fmtbuf, sizeof u->fmtbuf, "subprocess.CalledProcessError: Command '%s' died with <Signals.%s: %d>.",
			 args, sig_name(-returncode), -returncode);
	else
		snprintf(u->fmtbuf, sizeof u->fmtbuf,
			 "subprocess.CalledProcessError: Command '%s' returned non-zero exit status %d.", args, returncode);
	return arena_strdup(u->strings, u->fmtbuf);
}

/* FileNotFoundError's str(): the command's first word, as execve looked for it. */
static const char *file_not_found(struct user *u, struct uproc *p, const struct insn *in)
{
	char cmd[256];
	eval_format(u, p, &in->name, cmd, sizeof cmd);
	cmd[strcspn(cmd, " ")] = '\0';
	snprintf(u->fmtbuf, sizeof u->fmtbuf, "FileNotFoundError: [Errno 2] No such file or directory: '%s'", cmd);
	return arena_strdup(u->strings, u->fmtbuf);
}

static int x_subprocess(struct user *u, struct uproc *p, const struct insn *in)
{
	if (p->progress == SP_CHILD)
		return subprocess_child(u, p, in);
	if (p->progress == PROGRESS_NONE) {
		int r = subprocess_spawn(u, p);
		if (p->progress == PROGRESS_NONE)
			return r; /* no child: raised */
	}
	if (p->progress < SP_REAP) { /* wait_for_vfork_done */
		if (sys_vfork_wait(u->k, p->task, (int)p->progress) == K_RESTART)
			return exec_restart(p);
		p->progress |= SP_REAP;
	}
	int pid = (int)(p->progress & (SP_REAP - 1));
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, pid, 0, -1, &st);
	if (r == K_RESTART)
		return exec_restart(p);
	/* ECHILD (SIGCHLD ignored: the kernel reaped it): Popen._wait's
	 * returncode is 0, "we can't get the status". */
	int returncode = r == -K_ECHILD ? 0 : st.how == 'x' ? st.code : -st.sig;
	if (in->a < 0)
		return exec_raise(u, p, EXC_FILE_NOT_FOUND, file_not_found(u, p, in));
	if (in->flags & INSN_HAS_VAR)
		p->locals[in->b] = (struct value){.kind = VAL_INT, .i = returncode};
	if ((in->flags & INSN_CHECK) && returncode != 0)
		return exec_raise(u, p, EXC_CALLED_PROCESS, called_process_error(u, p, in, returncode));
	exec_advance(p);
	return STEP_NEXT;
}

/* A wait with no such child: wait4 fails with ECHILD; a C program goes on
 * (it checks for -1), Python's os.wait raises ChildProcessError. */
static int wait_failed(struct user *u, struct uproc *p, int pid)
{
	if (p->flags & UF_PYTHON)
		return exec_raise(u, p, EXC_CHILD_PROCESS, "ChildProcessError: [Errno 10] No child processes");
	struct sim_event ev = {.kind = EV_WAIT_FAILED, .pid = p->pid, .err = K_ECHILD, .wait_pid = pid,
			       .syscall = syscall_name(SYS_WAIT4)};
	kernel_emit(u->k, &ev);
	exec_advance(p);
	return STEP_NEXT;
}

/* os.wait() or os.waitpid(pid, 0). */
static int x_wait(struct user *u, struct uproc *p, const struct insn *in)
{
	int pid = -1;
	if (in->opd.kind != OPD_NONE) {
		struct value v = eval_operand(u, p, &in->opd);
		if (v.kind == VAL_HANDLE && v.reaped)
			return wait_failed(u, p, (int)v.i);
		pid = (int)value_int(&v);
		if (pid <= 0)
			return wait_failed(u, p, pid);
	}
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, pid, 0, -1, &st);
	if (r == -K_ECHILD)
		return wait_failed(u, p, pid < 0 ? 0 : pid);
	if (r < 0)
		return exec_restart(p);
	exec_reaped(p, &st);
	if (in->flags & INSN_HAS_VAR) /* the status word: WEXITSTATUS << 8, or the signal (| 0x80 for a core) */
		p->locals[in->b] = (struct value){.kind = VAL_INT,
						  .i = st.how == 'x' ? (st.code & 0xff) << 8 : st.sig | (st.core ? 0x80 : 0)};
	exec_advance(p);
	return STEP_NEXT;
}

/* Process.join([timeout]): Popen.wait, waitpid on the child. */
static int x_join(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value v = eval_operand(u, p, &in->opd);
	if (v.kind == VAL_HANDLE && v.reaped) {
		exec_advance(p); /* Popen.wait returns the saved returncode */
		return STEP_NEXT;
	}
	/* BaseProcess.join: assert self._parent_pid == os.getpid() */
	if (v.kind == VAL_HANDLE && v.status != p->pid)
		return exec_raise(u, p, EXC_ASSERTION, "AssertionError: can only join a child process");
	if (unstarted(&v))
		return exec_raise(u, p, EXC_ASSERTION, "AssertionError: can only join a started process");
	int64_t deadline = -1;
	if (in->flags & INSN_HAS_TIMEOUT) {
		if (p->progress == PROGRESS_NONE)
			p->progress = kernel_clock(u->k) + exec_ticks(u, p, &in->dur);
		deadline = p->progress;
	}
	int pid = (int)value_int(&v);
	struct wait_status st;
	int r = pid > 0 ? sys_wait4(u->k, p->task, pid, 0, deadline, &st) : -K_ECHILD;
	if (r == -K_ECHILD) {
		/* Popen.poll swallows ECHILD (a child reaped by someone else):
		 * join returns, and exitcode stays None. */
		if (v.kind == VAL_HANDLE) {
			exec_forget_child(p, pid);
			exec_advance(p);
			return STEP_NEXT;
		}
		return wait_failed(u, p, pid);
	}
	if (r == K_RESTART)
		return exec_restart(p);
	if (r > 0)
		exec_reaped(p, &st);
	exec_advance(p); /* reaped, or timed out: the child runs on */
	return STEP_NEXT;
}

/* Reap every zombie child there is now (waitpid(-1, WNOHANG) in a loop). */
static int x_reap(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	struct wait_status st;
	while (sys_wait4(u->k, p->task, -1, K_WNOHANG, -1, &st) > 0)
		exec_reaped(p, &st);
	exec_advance(p);
	return STEP_NEXT;
}

static int x_exit(struct user *u, struct uproc *p, const struct insn *in)
{
	sys_exit(u->k, p->task, (int)(eval_int(u, p, &in->opd) & 0xFF));
	return RUN_GONE;
}

static int x_kill(struct user *u, struct uproc *p, const struct insn *in)
{
	int pid = 0;
	int sig = in->op == OP_TERMINATE ? SIG_TERM : in->sig;
	bool none = false;
	if (in->opd.kind == OPD_SELF) {
		pid = p->pid;
	} else if (in->opd.kind == OPD_PARENT) {
		pid = task_ppid(u->k, p->task);
		none = pid == 0;
	} else {
		struct value v = eval_operand(u, p, &in->opd);
		if (unstarted(&v)) /* Process.terminate(): self._popen.terminate(), _popen being None */
			return exec_raise(u, p, EXC_TYPE, in->op == OP_TERMINATE
						? "AttributeError: 'NoneType' object has no attribute 'terminate'"
						: "TypeError: an integer is required (got type NoneType)");
		int64_t wide = value_int(&v);
		if (wide > INT32_MAX || wide < INT32_MIN) /* os.kill: a pid_t is a C int */
			return exec_raise(u, p, EXC_OVERFLOW, wide > 0 ? "OverflowError: signed integer is greater than maximum"
								 : "OverflowError: signed integer is less than minimum");
		pid = (int)wide;
		/* Process.terminate()/kill() do nothing once the child is reaped. */
		none = (v.kind == VAL_HANDLE && v.reaped) || pid <= 0;
	}
	exec_advance(p);
	if (none) {
		struct sim_event ev = {.kind = EV_SIGNAL, .pid = pid, .sig = sig, .other = p->pid,
				       .outcome = SIGOUT_NO_PROCESS};
		kernel_emit(u->k, &ev);
		return STEP_NEXT;
	}
	sys_kill(u->k, p->task, pid, sig);
	/* A signal to itself is delivered before the next instruction. */
	return STEP_NEXT;
}

static int x_disposition(struct user *u, struct uproc *p, const struct insn *in)
{
	int32_t action = in->op == OP_IGNORE ? K_SIG_IGN : in->op == OP_ON ? in->target : K_SIG_DFL;
	/* In Python, signal.signal(SIGINT, ...) replaces default_int_handler;
	 * signal.signal(SIGINT, SIG_DFL) leaves no handler at all. */
	sys_sigaction(u->k, p->task, in->sig, action);
	exec_advance(p); /* after `on`, a jump skips over the handler's body */
	return STEP_NEXT;
}

/* signal.pthread_sigmask(SIG_BLOCK or SIG_UNBLOCK, {sig}). */
static int x_sigmask(struct user *u, struct uproc *p, const struct insn *in)
{
	sys_sigprocmask(u->k, p->task, in->op == OP_BLOCK ? K_SIG_BLOCK : K_SIG_UNBLOCK, in->sig);
	exec_advance(p);
	return STEP_NEXT;
}

static int x_pause(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	sys_pause(u->k, p->task);
	return exec_restart(p);
}

/* signal.alarm(n): alarm(2). VAR: the seconds the old alarm had left, as
 * alarm_setitimer rounds them (to the nearest, and at least 1 if any). */
static int x_alarm(struct user *u, struct uproc *p, const struct insn *in)
{
	int64_t left = sys_alarm(u->k, p->task, exec_ticks(u, p, &in->dur));
	if (in->flags & INSN_HAS_VAR) {
		int64_t us = left > INT64_MAX / u->sc->tick_us ? INT64_MAX : left * u->sc->tick_us;
		int64_t secs = us / 1000000 + (us % 1000000 >= 500000);
		p->locals[in->a] = (struct value){.kind = VAL_INT, .i = secs == 0 && us > 0 ? 1 : secs};
	}
	exec_advance(p);
	return STEP_NEXT;
}

static int x_subreaper(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	sys_prctl_subreaper(u->k, p->task);
	exec_advance(p);
	return STEP_NEXT;
}

static int x_print(struct user *u, struct uproc *p, const struct insn *in)
{
	eval_format(u, p, &in->opd, u->fmtbuf, sizeof u->fmtbuf);
	exec_print(u, p, u->fmtbuf, false);
	exec_advance(p);
	return STEP_NEXT;
}

/* raise NAME "MESSAGE": "ValueError: MESSAGE", as the traceback's last line. */
static int x_raise(struct user *u, struct uproc *p, const struct insn *in)
{
	const char *name = exception_name((enum exc_kind)in->a);
	if (in->opd.kind != OPD_NONE) {
		eval_format(u, p, &in->opd, u->fmtbuf, sizeof u->fmtbuf);
		size_t n = strlen(name) + 2 + strlen(u->fmtbuf) + 1;
		char *msg = arena_alloc(u->strings, n);
		snprintf(msg, n, "%s: %s", name, u->fmtbuf);
		return exec_raise(u, p, (enum exc_kind)in->a, msg);
	}
	return exec_raise(u, p, (enum exc_kind)in->a, name);
}

/* A write through a bad pointer. The pc stays on this instruction: the
 * SIGSEGV acts before the next step, and a handler that returns comes back
 * to the same write, as the CPU re-executes the faulting instruction. */
static int x_crash(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	sys_bad_access(u->k, p->task);
	return STEP_NEXT;
}

static int x_nice(struct user *u, struct uproc *p, const struct insn *in)
{
	int64_t n = eval_int(u, p, &in->opd);
	sys_nice(u->k, p->task, (int)(n < -40 ? -40 : n > 40 ? 40 : n));
	exec_advance(p);
	return STEP_NEXT;
}

static int x_alloc(struct user *u, struct uproc *p, const struct insn *in)
{
	if (sys_brk(u->k, p->task, in->opd.num, true) == -K_ENOMEM)
		return exec_raise(u, p, EXC_MEMORY, "MemoryError");
	exec_advance(p);
	return STEP_NEXT;
}

static int x_touch(struct user *u, struct uproc *p, const struct insn *in)
{
	sys_touch(u->k, p->task, in->opd.num);
	exec_advance(p);
	return STEP_NEXT;
}

static int x_repeat(struct user *u, struct uproc *p, const struct insn *in)
{
	p->locals[in->a] = (struct value){.kind = VAL_INT, .i = 0};
	p->locals[in->b] = (struct value){.kind = VAL_INT, .i = eval_int(u, p, &in->opd)};
	exec_advance(p);
	return STEP_NEXT;
}

static int x_loop(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u, (void)in;
	exec_advance(p);
	return STEP_NEXT;
}

static int x_repeat_test(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u;
	if (p->locals[in->a].i >= p->locals[in->b].i)
		p->pc = in->target;
	else
		p->pc++;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

static int x_jump(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)u;
	if (in->b >= 0)
		p->locals[in->b].i++;
	p->pc = in->target;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

/* The end of a signal handler: sigreturn, back to the interrupted code. */
static int x_return(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	struct frame *f = p->frames;
	p->pc = f->pc;
	p->progress = f->progress;
	sys_sigreturn(u->k, p->task, f->sig);
	p->frames = f->next;
	free(f);
	return STEP_NEXT;
}

static bool manager_needed(enum opcode op)
{
	return op == OP_START || op == OP_POOL || op == OP_PUT || op == OP_GET || op == OP_FORK;
}

static int x_manager(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	return (int)manager_server_step(u, p);
}

static int x_thread(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	return (int)thread_step(u, p);
}

/* The end of a program: CPython's multiprocessing.util._exit_function sends
 * SIGTERM to the daemonic children still running, then joins, one by one,
 * every child the process started (active_children(), each p.join()); only
 * then does the process exit. A child that ends before its turn stays a
 * zombie until it is joined. Raw `fork` children are not joined. */
static int x_code_end(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	if (p->exc < 0 && p->exc_msg) { /* an uncaught exception's traceback, its time spent */
		print_traceback(u, p, p->exc_msg);
		p->exc_msg = NULL;
	}
	if (p->frames && p->frames->call) { /* a pool task is done: back to the worker loop */
		pool_task_return(u, p);
		return STEP_NEXT;
	}
	if (!(p->flags & UF_CODE_ENDED) && atexit_take(p, false))
		return STEP_NEXT; /* a handler registered after _exit_function runs before it */
	if (!(p->flags & UF_CODE_ENDED)) {
		p->flags |= UF_CODE_ENDED;
		struct sim_event ev = {.kind = EV_CODE_END, .pid = p->pid, .count = p->nchildren};
		kernel_emit(u->k, &ev);
		if ((p->flags & (UF_PYTHON | UF_MP_CHILD)) == (UF_PYTHON | UF_MP_CHILD)) {
			/* _bootstrap after the target, before _exit_function. */
			exec_spend(u, p, COST_PROCESS_EXIT);
			if (p->spend_ticks > 0)
				return STEP_NEXT;
		}
	}
	if (!(p->flags & UF_TERMINATED)) {
		int r = pool_finalize(u, p); /* _run_finalizers(0), highest priority first */
		if (r != STEP_NEXT)
			return r;
		mp_close_feeders(u, p); /* each Queue's _finalize_close (priority 10) */
		r = manager_decref(u, p); /* its proxies' decref (priority 10) */
		if (r != STEP_NEXT)
			return r;
		r = manager_finalize(u, p); /* the Manager's (priority 0) */
		if (r != STEP_NEXT)
			return r;
		p->flags |= UF_TERMINATED;
		exec_cleanup_children(u, p); /* active_children() */
		for (int32_t i = 0; i < p->nchildren; i++) {
			struct proc *c = kernel_task(u->k, p->children[i]);
			if (c && (U(u, c)->flags & UF_DAEMON))
				sys_kill(u->k, p->task, p->children[i], SIG_TERM);
		}
		return STEP_NEXT; /* a signal to itself acts first */
	}
	exec_cleanup_children(u, p);
	while (p->nchildren > 0) {
		struct wait_status st;
		int r = sys_wait4(u->k, p->task, p->children[0], 0, -1, &st);
		if (r == K_RESTART)
			return exec_restart(p);
		if (r > 0)
			exec_reaped(p, &st);
		else
			exec_forget_child(p, p->children[0]); /* ECHILD: reaped by someone else */
	}
	/* _run_finalizers(): each Queue's _finalize_join waits for its feeder
	 * to write what it holds */
	int joined = mp_join_feeders(u, p);
	if (joined != STEP_NEXT)
		return joined;
	if (atexit_take(p, true))
		return STEP_NEXT; /* the handlers registered before _exit_function */
	if ((p->flags & (UF_PYTHON | UF_MP_CHILD | UF_SHUTDOWN)) == UF_PYTHON) {
		/* Py_FinalizeEx's teardown after the atexit handlers. */
		p->flags |= UF_SHUTDOWN;
		exec_spend(u, p, COST_PY_SHUTDOWN);
		if (p->spend_ticks > 0)
			return STEP_NEXT;
	}
	if (p->flags & UF_SIGINT_EXIT) {
		/* Py_Main's exit_sigint: the default action back, and kill(getpid(), SIGINT). */
		sys_sigaction(u->k, p->task, SIG_INT, K_SIG_DFL);
		sys_kill(u->k, p->task, p->pid, SIG_INT);
		return STEP_NEXT;
	}
	sys_exit(u->k, p->task, p->exit_code);
	return RUN_GONE;
}

static int x_let(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value v = eval_operand(u, p, &in->opd);
	if (p->exc >= 0)
		return exec_raise(u, p, (enum exc_kind)p->exc, p->exc_msg);
	if (in->b >= 0) {
		u->objs[in->b].shared = v; /* writing the shared file */
		char text[256];
		value_text(&v, text, sizeof text);
		struct sim_event ev = {.kind = EV_IPC, .pid = p->pid, .op = IPC_WRITE,
				       .object = u->objs[in->b].decl->name, .text = text};
		kernel_emit(u->k, &ev);
	} else if (in->flags & INSN_GLOBAL) {
		if (p->globals) {
			p->globals[in->a] = v;
			/* Writing a global writes a page of memory it may still share
			 * with its parent since fork: a copy-on-write fault gives it a
			 * page of its own. */
			sys_touch(u->k, p->task, 1);
		}
	} else {
		p->locals[in->a] = v;
	}
	exec_advance(p);
	return STEP_NEXT;
}

static int x_jump_if_not(struct user *u, struct uproc *p, const struct insn *in)
{
	struct value v = eval_operand(u, p, &in->opd);
	if (p->exc >= 0)
		return exec_raise(u, p, (enum exc_kind)p->exc, p->exc_msg);
	if (value_truth(&v))
		exec_advance(p);
	else {
		p->pc = in->target;
		p->progress = PROGRESS_NONE;
	}
	return STEP_NEXT;
}

static int x_mp(struct user *u, struct uproc *p, const struct insn *in) { return (int)mp_exec(u, p, in); }
static int x_pool(struct user *u, struct uproc *p, const struct insn *in) { return (int)pool_exec(u, p, in); }
static int x_init(struct user *u, struct uproc *p, const struct insn *in) { (void)in; return (int)init_step(u, p); }
static int x_shell(struct user *u, struct uproc *p, const struct insn *in) { (void)in; return (int)bash_step(u, p); }
static int x_tini(struct user *u, struct uproc *p, const struct insn *in) { (void)in; return (int)tini_step(u, p); }
static int x_cron(struct user *u, struct uproc *p, const struct insn *in) { (void)in; return (int)cron_step(u, p); }
static int x_cron_child(struct user *u, struct uproc *p, const struct insn *in)
{
	(void)in;
	return (int)cron_child_step(u, p);
}

static exec_fn *const exec_table[OP_COUNT] = {
	[OP_COMPUTE] = x_compute, [OP_SLEEP] = x_sleep, [OP_IO] = x_io, [OP_INPUT] = x_input,
	[OP_START] = x_start, [OP_PROCESS] = x_process, [OP_FORK] = x_start, [OP_EXEC] = x_exec, [OP_SUBPROCESS] = x_subprocess, [OP_WAIT] = x_wait, [OP_JOIN] = x_join,
	[OP_REAP] = x_reap, [OP_EXIT] = x_exit, [OP_KILL] = x_kill, [OP_TERMINATE] = x_kill,
	[OP_IGNORE] = x_disposition, [OP_DEFAULT] = x_disposition, [OP_ON] = x_disposition,
	[OP_BLOCK] = x_sigmask, [OP_UNBLOCK] = x_sigmask,
	[OP_PAUSE] = x_pause, [OP_ALARM] = x_alarm, [OP_SUBREAPER] = x_subreaper, [OP_PRINT] = x_print,
	[OP_REPEAT] = x_repeat, [OP_LOOP] = x_loop, [OP_NICE] = x_nice, [OP_REPEAT_TEST] = x_repeat_test,
	[OP_ALLOC] = x_alloc, [OP_TOUCH] = x_touch, [OP_CRASH] = x_crash,
	[OP_LET] = x_let, [OP_JUMP_IF_NOT] = x_jump_if_not,
	/* compiled into jumps, never executed themselves */
	[OP_IF] = x_loop, [OP_WHILE] = x_loop, [OP_BREAK] = x_loop, [OP_CONTINUE] = x_loop, [OP_WITH] = x_loop,
	[OP_TRY] = x_try, [OP_RAISE] = x_raise,
	[OP_ACQUIRE] = x_mp, [OP_RELEASE] = x_mp, [OP_PUT] = x_mp, [OP_GET] = x_mp,
	[OP_TASK_DONE] = x_mp, [OP_QJOIN] = x_mp, [OP_SEND] = x_mp, [OP_RECV] = x_mp, [OP_CLOSE] = x_mp,
	[OP_POOL] = x_pool, [OP_APPLY_ASYNC] = x_pool, [OP_APPLY] = x_pool, [OP_MAP] = x_pool,
	[OP_POOL_CLOSE] = x_pool, [OP_POOL_JOIN] = x_pool, [OP_POOL_TERMINATE] = x_pool, [OP_POOL_WORK] = x_pool,
	[OP_JUMP] = x_jump, [OP_RETURN] = x_return, [OP_CODE_END] = x_code_end,
	[OP_INIT_REAP] = x_init, [OP_SHELL] = x_shell, [OP_CRON] = x_cron, [OP_CRON_CHILD] = x_cron_child,
	[OP_SET_DAEMON] = x_set_daemon, [OP_SYS_EXIT] = x_sys_exit,
	[OP_END_FINALLY] = x_end_finally, [OP_JUMP_OUT] = x_jump_out, [OP_TINI] = x_tini,
	[OP_ATEXIT] = x_atexit, [OP_ATEXIT_DONE] = x_atexit_done, [OP_THREAD] = x_thread, [OP_MANAGER] = x_manager,
};
_Static_assert(sizeof exec_table / sizeof exec_table[0] == OP_COUNT, "one exec function per opcode");

/* setup_rt_frame's other half: save where the code was and enter the
 * handler, with the signal blocked until its OP_RETURN (sigreturn) in a C
 * program, not blocked in a Python one. Rare:
 * kept out of exec_run's way (COLD). */
COLD static void enter_handler(struct user *u, struct uproc *p, const struct upcall *up)
{
	if (up->handler == ADDR_PY_SIGINT) {
		/* CPython's C handler only notes the signal (trip_signal) and
		 * returns; the interpreter acts on it before its next bytecode. */
		p->flags |= UF_INT_TRIPPED;
		sys_sigreturn(u->k, p->task, up->sig);
		return;
	}
	if (up->handler == ADDR_CRON_SIGCHLD) {
		cron_signal(u, p, up->sig);
		return;
	}
	if (up->handler == ADDR_TINI_SIGNAL) {
		tini_signal(u, p, up->sig);
		return;
	}
	if (up->handler < 0) {
		bash_signal(u, p, up->sig);
		return;
	}
	struct frame *f = calloc(1, sizeof *f); /* not a call: call, prog, locals zero */
	if (!f)
		abort();
	f->pc = p->pc;
	f->progress = p->progress;
	f->sig = up->sig;
	f->next = p->frames;
	/* pause() returns once a handler has run. */
	if (p->prog->insns[p->pc].op == OP_PAUSE) {
		f->pc++;
		f->progress = PROGRESS_NONE;
	}
	p->frames = f;
	p->pc = up->handler;
	p->progress = PROGRESS_NONE;
	struct sim_event ev = {.kind = EV_HANDLER, .pid = p->pid, .sig = up->sig};
	kernel_emit(u->k, &ev);
	if (p->flags & UF_PYTHON) {
		/* CPython's C handler (signal_handler, trip_signal) has returned
		 * before the Python one runs: the signal is not blocked during it,
		 * and a second one runs the handler again, nested
		 * (tests/truth/nested_handler.py: SigBlk 0, depth 2). */
		sys_sigreturn(u->k, p->task, up->sig);
		f->sig = 0;
	}
}

/* Python's default_int_handler: the blocking call was interrupted (EINTR),
 * and KeyboardInterrupt is raised in its place. A pool worker does not
 * survive it: pool.worker() catches only Exception, and _bootstrap() ends
 * the worker with exit code 1. */
COLD static int keyboard_interrupt(struct user *u, struct uproc *p)
{
	p->flags &= (uint8_t)~UF_INT_TRIPPED;
	mp_abandon(u, p);
	if (p->pool_of >= 0) {
		struct sim_event ev = {.kind = EV_RAISE, .pid = p->pid, .text = "KeyboardInterrupt"};
		kernel_emit(u->k, &ev);
		exec_print(u, p, "KeyboardInterrupt", true); /* the last line of its traceback */
		sys_exit(u->k, p->task, 1);
		return RUN_GONE;
	}
	return exec_raise(u, p, EXC_KEYBOARD_INTERRUPT, "KeyboardInterrupt");
}

/* A runaway stopped the run: say where, at the loop around the last
 * instruction run, where the fix goes. */
void exec_place_fault(struct user *u)
{
	const struct program *g = u->last_prog;
	if (!g)
		return;
	int pc = u->last_pc < g->ninsns ? u->last_pc : g->ninsns - 1;
	const struct insn *at = &g->insns[pc], *best = NULL;
	for (int j = pc; j < g->ninsns; j++) {
		const struct insn *in = &g->insns[j];
		if (in->op == OP_JUMP && in->target >= 0 && in->target <= pc &&
		    (!best || in->target > (int)(best - g->insns)))
			best = &g->insns[in->target];
	}
	if (best && best->line > 0)
		at = best;
	kernel_fault_place(u->k, at->line, at->col);
}

enum run_result exec_run(void *ctx, struct proc *t, struct upcall *up)
{
	struct user *u = ctx;
	struct uproc *p = up->image;
	int r;
	if (up->cpu_ticks > 0) {
		/* CPython's own work is paid first (it comes before the next
		 * instruction); then a compute in progress has had its ticks:
		 * done, or preempted and back on a CPU with the rest to do. */
		int64_t ticks = up->cpu_ticks, paid = ticks < p->spend_ticks ? ticks : p->spend_ticks;
		p->spend_ticks -= (int32_t)paid;
		ticks -= paid;
		if (ticks > 0) {
			p->progress -= ticks;
			if (p->progress <= 0) {
				exec_advance(p);
				return RUN_NEXT;
			}
		}
	}
	if (up->sig) {
		enter_handler(u, p, up);
		if (up->handler < 0)
			return task_state(t) == 'Z' ? RUN_GONE : RUN_NEXT;
	}
	if (p->flags & UF_INT_TRIPPED) {
		r = keyboard_interrupt(u, p);
		if (r != STEP_NEXT)
			return (enum run_result)r;
	}
	if (p->spend_ticks > 0) {
		up->burst = p->spend_ticks;
		return RUN_SPENT;
	}
	if (u->mgr.pid > 0 && (p->flags & UF_MP_CHILD) && !p->thread) { /* _run_after_forkers: the proxies' incref */
		r = manager_after_fork(u, p);
		if (r != STEP_NEXT)
			return (enum run_result)r;
	}
	if ((u->mgr.pid == 0 || u->mgr.creating > 0) && p->pid == u->main_pid && manager_needed(p->prog->insns[p->pc].op)) {
		/* Manager().Queue(), made before main first starts a child or
		 * uses the queue (a child inherits its proxy) */
		r = manager_start(u, p);
		if (r != STEP_NEXT)
			return (enum run_result)r;
		if (p->spend_ticks > 0) {
			up->burst = p->spend_ticks;
			return RUN_SPENT;
		}
	}
	int32_t pc = p->pc;
	const struct program *prog = p->prog;
	const struct insn *in = &prog->insns[pc];
	r = exec_table[in->op](u, p, in);
	if (p->exc >= 0 && task_state(t) != 'Z') /* an expression failed inside the instruction */
		r = exec_raise(u, p, (enum exc_kind)p->exc, p->exc_msg);
	if (r == RUN_SPENT)
		up->burst = p->spend_ticks > 0 ? p->spend_ticks : p->progress; /* CPython's work, or x_compute's ticks */
	u->last_prog = prog;
	u->last_pc = pc;
	return (enum run_result)r;
}
