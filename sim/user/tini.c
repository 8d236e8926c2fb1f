/* tini.c: tini, the minimal init `docker run --init` puts at PID 1 of a
 * container (/sbin/docker-init), with main as its one child. As tini.c's
 * main loop does: it waits for any child and reaps it (reap_zombies), so no
 * orphan of the container stays a zombie; it forwards every signal it gets
 * to main (wait_and_forward_signal: all but SIGCHLD and the signals a fault
 * raises); and when main is reaped it exits with main's status, or 128+N
 * when a signal N killed it. Its PID namespace ends with it: the kernel
 * kills the rest (zap_pid_ns_processes). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sig.h"
#include "user.h"
#include "user_int.h"

#define TINI_NAME "tini"

/* The signals tini does not forward: SIGCHLD is its own, and those a
 * fault raises stay with the process that raised them (tini's
 * configure_signals). */
static bool forwarded(int sig)
{
	switch (sig) {
	case SIG_CHLD: case SIG_FPE: case SIG_ILL: case SIG_SEGV: case SIG_BUS: case SIG_ABRT: case SIG_TRAP:
	case SIG_SYS: case SIG_TTIN: case SIG_TTOU:
		return false;
	default:
		return sig_catchable(sig);
	}
}

struct fork_args user_tini_args(struct user *u)
{
	(void)u;
	return user_exec_args(TINI_NAME, "init", 0); /* a small static C program */
}

void user_boot_tini(struct user *u, struct proc *tini, struct proc *main)
{
	struct program *g = user_loop_program(u, TINI_NAME, OP_TINI, 0, OP_COUNT);
	struct uproc *p = U(u, tini);
	user_image_init(u, p, tini, g);
	exec_pid_push(&p->children, &p->nchildren, &p->capchildren, task_pid(main));
	for (int sig = 1; sig < SIG_MAX; sig++)
		if (forwarded(sig))
			sys_sigaction(u->k, tini, sig, ADDR_TINI_SIGNAL);
}

/* wait_and_forward_signal: kill(child_pid, sig). */
void tini_signal(struct user *u, struct uproc *p, int sig)
{
	if (p->nchildren)
		sys_kill(u->k, p->task, p->children[0], sig);
	sys_sigreturn(u->k, p->task, sig);
}

/* reap_zombies: every child that ends is reaped; main's end is tini's. */
enum run_result tini_step(struct user *u, struct uproc *p)
{
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, -1, 0, -1, &st);
	if (r == K_RESTART)
		return (enum run_result)exec_restart(p);
	if (r > 0 && !(p->nchildren && r == p->children[0])) {
		p->pc++;
		return RUN_NEXT;
	}
	/* main is gone (or there is no child left): tini's exit code is its */
	int code = r <= 0 ? 0 : st.how == 'x' ? st.code : 128 + st.sig;
	p->nchildren = 0;
	sys_exit(u->k, p->task, code);
	return RUN_GONE;
}
