/* syscall.c: the system-call table, the one door from user space into the
 * kernel (xv6's kernel/syscall.c; gVisor's pkg/sentry/syscalls/linux/). Each
 * entry is a number, the name strace prints, and its handler. While a call
 * runs, every event the kernel reports carries its name: that is how the
 * trace says both what a program did and which system call the kernel saw. */
#include "kernel_int.h"

typedef int64_t sys_fn(struct sim *s, struct proc *p, struct sysargs *a);

static int64_t sys_fork_(struct sim *s, struct proc *p, struct sysargs *a)
{
	int err = 0;
	struct proc *c = proc_fork(s, p, a->in, &err);
	*(struct proc **)a->out = c;
	return c ? c->pid : -err;
}

/* clone3(CLONE_THREAD|CLONE_VM|CLONE_FILES|CLONE_SIGHAND...): pthread_create. */
static int64_t sys_clone_thread_(struct sim *s, struct proc *p, struct sysargs *a)
{
	int err = 0;
	struct proc *t = proc_clone_thread(s, p, &err);
	*(struct proc **)a->out = t;
	return t ? t->pid : -err;
}

/* exit: one thread ends (glibc's pthread exit), the process goes on. */
static int64_t sys_exit_thread_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)a;
	if (proc_is_thread(p))
		proc_thread_exit(s, p);
	else
		proc_exit(s, p, 0, 0); /* the last thread: the process ends */
	return 0;
}

/* exit_group: do_exit's own time is paid on the CPU, in the kernel (R, sy),
 * before the process is a zombie: the CPU ends it once paid (run_cpu). */
static int64_t sys_listen_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)a;
	return file_listen(s, p);
}

static int64_t sys_connect_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_connect(s, p, (int)a->a[0]);
}

static int64_t sys_accept_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_accept(s, p, (int)a->a[0]);
}

static int64_t sys_exit_(struct sim *s, struct proc *p, struct sysargs *a)
{
	proc_exit_begin(s, p, (int)(a->a[0] & 0xFF), 0);
	return 0;
}

static int64_t sys_wait4_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return proc_wait4(s, p, (int)a->a[0], (int)a->a[1], a->a[2], a->out);
}

/* kill: a process, or (pid < 0) the process group -pid. */
static int64_t sys_kill_(struct sim *s, struct proc *p, struct sysargs *a)
{
	int pid = (int)a->a[0], sig = (int)a->a[1];
	if (pid < 0) {
		ksignal_group(s, p->pid, -pid, sig);
		return SIGOUT_PENDING;
	}
	struct proc *target = proc_by_pid(s, pid);
	if (!target) {
		struct sim_event ev = {.kind = EV_SIGNAL, .pid = pid, .sig = sig, .other = p->pid,
				       .outcome = SIGOUT_NO_PROCESS};
		kernel_emit(s, &ev);
		return SIGOUT_NO_PROCESS;
	}
	return ksignal_send(s, p->pid, target, sig);
}

static int64_t sys_sigaction_(struct sim *s, struct proc *p, struct sysargs *a)
{
	ksignal_action(s, p, (int)a->a[0], (int32_t)a->a[1]);
	return 0;
}

/* rt_sigreturn: the handler is done; the signal is no longer blocked. */
static int64_t sys_sigreturn_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)s;
	p->sig_blocked &= ~(1u << a->a[0]);
	return 0;
}

static int64_t sys_pause_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)a;
	proc_sleep(s, p, &s->pause_q, 'S', -1, 0);
	return K_RESTART;
}

static int64_t timed_sleep(struct sim *s, struct proc *p, int64_t until, struct waitq *q, char state)
{
	if (s->clock >= until)
		return 0;
	proc_sleep(s, p, q, state, until, 0);
	return K_RESTART;
}

static int64_t sys_nanosleep_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return timed_sleep(s, p, a->a[0], &s->timer_q, 'S');
}

static int64_t sys_read_disk_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return timed_sleep(s, p, a->a[0], &s->disk_q, 'D');
}

static int64_t sys_nice_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)s;
	int64_t n = p->nice + a->a[0];
	p->nice = (int8_t)(n < -20 ? -20 : n > 19 ? 19 : n);
	return p->nice;
}

static int64_t sys_alarm_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return alarm_set(s, p, a->a[0] > 0 ? s->clock + a->a[0] : 0);
}

static int64_t sys_sigprocmask_(struct sim *s, struct proc *p, struct sysargs *a)
{
	ksignal_mask(s, p, (int)a->a[0], (int)a->a[1]);
	return 0;
}

static int64_t sys_subreaper_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)s, (void)a;
	p->flags |= PF_SUBREAPER;
	return 0;
}

static int64_t sys_setpgid_(struct sim *s, struct proc *p, struct sysargs *a)
{
	struct proc *q = a->a[0] ? proc_by_pid(s, (int)a->a[0]) : p;
	if (!q)
		return -K_ESRCH;
	q->pgid = a->a[1] ? (int32_t)a->a[1] : q->pid;
	return 0;
}

/* ksys_setsid: a new session and process group, led by the caller, with no
 * controlling terminal; a process-group leader may not (EPERM). */
static int64_t sys_setsid_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)s, (void)a;
	if (p->pgid == p->pid)
		return -K_EPERM;
	p->sid = p->pgid = p->pid;
	return p->pid;
}

static int64_t sys_setuid_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)s;
	p->uid = (int32_t)a->a[0];
	return 0;
}

static int64_t sys_tcsetpgrp_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)p;
	s->tty_fg_pgid = (int)a->a[0];
	return 0;
}

static int64_t sys_read_tty_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return tty_read(s, p, a->out);
}

static int64_t sys_write_tty_(struct sim *s, struct proc *p, struct sysargs *a)
{
	struct sim_event ev = {.kind = EV_PRINT, .pid = p->pid, .text = a->str, .code = (int)a->a[0]};
	kernel_emit(s, &ev);
	return 0;
}

static int64_t sys_futex_wait_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return futex_wait(s, p, (int)a->a[0], a->a[1]);
}

static int64_t sys_futex_wake_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)p;
	return futex_wake(s, (int)a->a[0], (int)a->a[1]);
}

static int64_t sys_pipe_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_pipe(s, p, a->out, false);
}

static int64_t sys_socketpair_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_pipe(s, p, a->out, true);
}

static int64_t sys_read_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_read(s, p, (int)a->a[0], a->out, a->a[1] != 0, a->a[2]);
}

static int64_t sys_write_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_write(s, p, (int)a->a[0], a->in, (int32_t)a->a[1]);
}

static int64_t sys_close_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return file_close(s, p, (int)a->a[0]);
}

static int64_t sys_brk_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return mm_grow(s, p, a->a[0], a->a[1] != 0);
}

static int64_t sys_sched_yield_(struct sim *s, struct proc *p, struct sysargs *a)
{
	(void)a;
	kernel_yield(s, p);
	return 0;
}

/* Not a call of its own on Linux: the page faults of writing to memory.
 * a[1]: the address is in no mapping (a NULL or wild pointer): the fault
 * handler (do_user_addr_fault, bad_area) sends SIGSEGV as force_sig_fault
 * does: an ignored or blocked SIGSEGV is reset to the default first, so
 * the process cannot survive by ignoring it. */
static int64_t sys_touch_(struct sim *s, struct proc *p, struct sysargs *a)
{
	if (a->a[1]) {
		uint32_t bit = 1u << SIG_SEGV;
		if ((p->sig_ignored & bit) || (p->sig_blocked & bit)) {
			ksignal_action(s, p, SIG_SEGV, K_SIG_DFL);
			p->sig_blocked &= ~bit;
		}
		ksignal_send(s, 0, p, SIG_SEGV);
		return -K_EFAULT;
	}
	/* A write fault that finds no free page: Linux's page allocator would
	 * reclaim or swap, then call the OOM killer; procsim does neither and
	 * kills the process that faulted (as vm.oom_kill_allocating_task = 1
	 * does), whose exit frees its pages. */
	if (!mm_touch(s, p, a->a[0])) {
		ksignal_send(s, 0, p, SIG_KILL);
		return -K_ENOMEM;
	}
	return 0;
}

/* Which argument is a file descriptor, for the trace: FD_ARG0 the first,
 * FD_TTY_OUT 1 or 2 (standard output, standard error), FD_TTY_IN 0. */
enum { FD_NONE, FD_ARG0, FD_TTY_OUT, FD_TTY_IN };

/* cost: what the call costs (cost.h), NO_COST for calls too quick to
 * matter or whose time is the sleep they make. */
enum { NO_COST = -1 };

static int64_t sys_vfork_wait_(struct sim *s, struct proc *p, struct sysargs *a)
{
	return proc_vfork_wait(s, p, (int)a->a[0]);
}

/* execve: a new program in the same process (proc_exec). */
static int64_t sys_execve_(struct sim *s, struct proc *p, struct sysargs *a)
{
	if (!mm_image_fits(s, p, a->in))
		return -K_ENOMEM; /* before the point of no return: the old program goes on */
	proc_exec(s, p, a->in);
	return 0;
}

static const struct {
	const char *name;
	sys_fn *fn;
	int fd;
	int cost;
} table[SYS_COUNT] = {
	[SYS_FORK] = {"clone", sys_fork_, FD_NONE, COST_FORK}, /* glibc's fork(), as strace shows os.fork() */
	[SYS_EXIT] = {"exit_group", sys_exit_, FD_NONE, NO_COST},
	[SYS_WAIT4] = {"wait4", sys_wait4_, FD_NONE, COST_WAIT4},
	[SYS_KILL] = {"kill", sys_kill_, FD_NONE, COST_KILL},
	[SYS_SIGACTION] = {"rt_sigaction", sys_sigaction_, FD_NONE, NO_COST},
	[SYS_SIGRETURN] = {"rt_sigreturn", sys_sigreturn_, FD_NONE, NO_COST},
	[SYS_PAUSE] = {"pause", sys_pause_, FD_NONE, NO_COST},
	[SYS_NANOSLEEP] = {"clock_nanosleep", sys_nanosleep_, FD_NONE, NO_COST},
	[SYS_READ_DISK] = {"read", sys_read_disk_, FD_NONE, NO_COST},
	[SYS_NICE] = {"setpriority", sys_nice_, FD_NONE, NO_COST},
	[SYS_PRCTL_SUBREAPER] = {"prctl", sys_subreaper_, FD_NONE, NO_COST},
	[SYS_SETPGID] = {"setpgid", sys_setpgid_, FD_NONE, NO_COST},
	[SYS_TCSETPGRP] = {"ioctl", sys_tcsetpgrp_, FD_NONE, NO_COST},
	[SYS_READ_TTY] = {"read", sys_read_tty_, FD_TTY_IN, NO_COST},
	[SYS_WRITE_TTY] = {"write", sys_write_tty_, FD_TTY_OUT, NO_COST},
	[SYS_FUTEX_WAIT] = {"futex", sys_futex_wait_, FD_NONE, COST_FUTEX},
	[SYS_FUTEX_WAKE] = {"futex", sys_futex_wake_, FD_NONE, COST_FUTEX},
	[SYS_PIPE] = {"pipe2", sys_pipe_, FD_NONE, NO_COST},
	[SYS_SOCKETPAIR] = {"socketpair", sys_socketpair_, FD_NONE, NO_COST},
	[SYS_READ] = {"read", sys_read_, FD_ARG0, COST_PIPE},
	[SYS_WRITE] = {"write", sys_write_, FD_ARG0, COST_PIPE},
	[SYS_CLOSE] = {"close", sys_close_, FD_ARG0, NO_COST},
	[SYS_BRK] = {"brk", sys_brk_, FD_NONE, NO_COST},
	[SYS_TOUCH] = {"page-fault", sys_touch_, FD_NONE, NO_COST},
	[SYS_SCHED_YIELD] = {"sched_yield", sys_sched_yield_, FD_NONE, NO_COST},
	[SYS_SETSID] = {"setsid", sys_setsid_, FD_NONE, NO_COST},
	[SYS_SETUID] = {"setuid", sys_setuid_, FD_NONE, NO_COST},
	[SYS_EXECVE] = {"execve", sys_execve_, FD_NONE, COST_EXEC},
	[SYS_ALARM] = {"alarm", sys_alarm_, FD_NONE, NO_COST},
	[SYS_SIGPROCMASK] = {"rt_sigprocmask", sys_sigprocmask_, FD_NONE, NO_COST},
	/* a thread's start is CPython's Thread.start(), whose time user space charges */
	[SYS_CLONE_THREAD] = {"clone3", sys_clone_thread_, FD_NONE, NO_COST},
	[SYS_EXIT_THREAD] = {"exit", sys_exit_thread_, FD_NONE, NO_COST},
	[SYS_LISTEN] = {"listen", sys_listen_, FD_NONE, NO_COST},
	[SYS_CONNECT] = {"connect", sys_connect_, FD_NONE, COST_PIPE},
	[SYS_ACCEPT] = {"accept4", sys_accept_, FD_ARG0, COST_PIPE},
	[SYS_POLL] = {"poll", sys_futex_wait_, FD_NONE, NO_COST},
	[SYS_VFORK] = {"vfork", sys_fork_, FD_NONE, COST_FORK}, /* CPython's subprocess (_posixsubprocess) */
	[SYS_VFORK_WAIT] = {"vfork", sys_vfork_wait_, FD_NONE, NO_COST}, /* its wait_for_vfork_done */
};
_Static_assert(sizeof table / sizeof table[0] == SYS_COUNT, "one entry per system call");

int64_t ksyscall(struct sim *s, struct proc *p, enum sysno nr, struct sysargs *args)
{
	int8_t outer = s->in_syscall;
	int32_t outer_fd = s->syscall_fd;
	s->in_syscall = (int8_t)nr;
	switch (table[nr].fd) {
	case FD_ARG0: s->syscall_fd = (int32_t)args->a[0]; break;
	case FD_TTY_OUT: s->syscall_fd = args->a[0] ? 2 : 1; break;
	case FD_TTY_IN: s->syscall_fd = 0; break;
	default: s->syscall_fd = -1; break;
	}
	s->syscalls++;
	int64_t r = table[nr].fn(s, p, args);
	if (table[nr].cost != NO_COST && r != K_RESTART)
		kernel_charge(s, p, table[nr].cost);
	s->in_syscall = outer;
	s->syscall_fd = outer_fd;
	return r;
}

const char *syscall_name(enum sysno nr) { return nr < SYS_COUNT ? table[nr].name : "?"; }
