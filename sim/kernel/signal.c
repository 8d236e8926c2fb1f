/* signal.c: sending and delivering signals (kernel/signal.c).
 * Sending decides at once what can be decided at once (prepare_signal: a
 * zombie ignores everything, SIGCONT resumes a stopped process, an ignored
 * signal is dropped) and wakes an interruptible sleeper; the rest waits in the
 * pending set until the target next runs (get_signal on return to user mode). */
#include <stdlib.h>

#include "kernel_int.h"

#define BIT(sig) (1u << (sig))
/* sig_kernel_stop: the signals whose default action is to stop. */
#define STOP_SIGS (BIT(SIG_STOP) | BIT(SIG_TSTP) | BIT(SIG_TTIN) | BIT(SIG_TTOU))

static bool is_ignored(const struct proc *p, int sig)
{
	if (!sig_catchable(sig))
		return false;
	if (p->sig_ignored & BIT(sig))
		return true;
	return !(p->sig_handled & BIT(sig)) && sig_default_action(sig) == SIGDFL_IGNORE;
}

static void report(struct sim *s, int sender, struct proc *p, int pid, int sig, enum sig_outcome o)
{
	/* The kernel's SIGCHLD to a parent that does not care (init included:
	 * it learns of its children from wait()) is not news: the exit event
	 * already says the parent was notified. */
	if (sender == 0 && sig == SIG_CHLD &&
	    (o == SIGOUT_IGNORED || o == SIGOUT_INIT_PROTECTED || o == SIGOUT_NS_INIT_PROTECTED))
		return;
	/* Nor is pipe_write's SIGPIPE to a writer that ignores it (CPython
	 * does from its start): the write's EPIPE is what it sees. */
	if (sender == 0 && sig == SIG_PIPE && o == SIGOUT_IGNORED)
		return;
	struct sim_event ev = {.kind = EV_SIGNAL, .pid = p ? p->pid : pid, .sig = sig, .other = sender, .outcome = o};
	kernel_emit(s, &ev);
}

/* sig_task_ignored for a container's PID 1 (SIGNAL_UNKILLABLE): a signal
 * it has no handler for is dropped, except SIGKILL and SIGSTOP from outside
 * its namespace (the host's `docker kill`; force, sig_kernel_only). The
 * sender is a PID, 0 for the kernel, -1 for the timeline: the host. */
static bool ns_init_drops(const struct sim *s, int sender, const struct proc *p, int sig)
{
	if (p->self != s->ns_init || (p->sig_handled & BIT(sig)))
		return false;
	if (sig != SIG_KILL && sig != SIG_STOP)
		return true;
	const struct proc *from = sender > 0 ? proc_by_pid(s, sender) : NULL;
	return from && (from->flags & PF_PIDNS);
}

/* complete_signal's choice of the thread that takes a signal sent to a
 * process: the task it was sent to (the main thread for kill(PID), the
 * thread for kill(TID)) if it does not block it, else the first thread
 * that does not; NULL when every thread blocks it. */
static struct proc *taker(struct sim *s, struct proc *to, int sig)
{
	if (!(to->sig_blocked & BIT(sig)))
		return to;
	for (slot_t x = proc_leader(s, to)->self; x != NIL; x = P(s, x)->thread_next)
		if (!(P(s, x)->sig_blocked & BIT(sig)))
			return P(s, x);
	return NULL;
}

/* A thread, not the main one, takes a signal: its default action (death
 * or a stop of the whole process) it does itself, woken if asleep; for a
 * caught one CPython's C handler only notes it, and the main thread runs
 * the Python handler when it next runs (not waking it:
 * tests/truth/signal_threads.py). */
static void thread_takes(struct sim *s, struct proc *t, struct proc *leader, int sig)
{
	if ((leader->sig_handled & BIT(sig)) && leader->handler)
		return; /* pending on the process, for its main thread */
	leader->sig_pending &= ~BIT(sig);
	t->sig_pending |= BIT(sig);
	if (t->state == 'S')
		proc_wake(s, t, WAKE_SIGNAL);
	else if ((t->state == 'T' || t->state == 't') && sig == SIG_KILL) {
		plist_remove(s, &s->stopped, t->self);
		proc_make_runnable(s, t);
	}
}

/* A signal is sent to a process (kill(2) of a thread's TID too): it is
 * pending on the process, and the thread complete_signal picks takes it
 * (taker). */
enum sig_outcome ksignal_send(struct sim *s, int sender, struct proc *p, int sig)
{
	enum sig_outcome o;
	struct proc *to = p; /* the task it was sent to */
	if (p)
		p = proc_leader(s, p);
	if (!p) {
		o = SIGOUT_NO_PROCESS;
	} else if (p->state == 'Z') {
		o = SIGOUT_ZOMBIE;
	} else if (p->self == s->init && !(p->sig_handled & BIT(sig))) {
		/* SIGNAL_UNKILLABLE: init only gets the signals it has handlers for. */
		o = SIGOUT_INIT_PROTECTED;
	} else if (ns_init_drops(s, sender, p, sig)) {
		o = SIGOUT_NS_INIT_PROTECTED;
	} else if (sig == SIG_CONT) {
		p->sig_pending &= ~STOP_SIGS;
		o = SIGOUT_IGNORED;
		if (p->state == 'T') {
			report(s, sender, p, 0, sig, SIGOUT_CONTINUED);
			proc_continue(s, p);
			o = SIGOUT_CONTINUED;
		}
		if (p->sig_handled & BIT(SIG_CONT)) {
			p->sig_pending |= BIT(SIG_CONT);
			if (o != SIGOUT_CONTINUED)
				o = SIGOUT_PENDING;
		}
		if (o == SIGOUT_CONTINUED)
			return o;
	} else if (is_ignored(p, sig) && !(p->sig_blocked & BIT(sig))) {
		/* sig_ignored: a blocked signal is never ignored at once, as its
		 * disposition may change before it is unblocked. */
		o = SIGOUT_IGNORED;
	} else {
		if (STOP_SIGS & BIT(sig))
			p->sig_pending &= ~BIT(SIG_CONT);
		p->sig_pending |= BIT(sig);
		/* complete_signal skips stopped tasks (wants_signal): only SIGKILL
		 * wakes a stopped process; nothing wakes one in D but SIGKILL
		 * one in vfork's TASK_KILLABLE wait; a blocked signal wakes
		 * nobody (wants_signal: sigismember(&p->blocked)). */
		struct proc *t = p->thread_next == NIL ? p : taker(s, to, sig);
		if (t && t != p) {
			report(s, sender, p, 0, sig, SIGOUT_PENDING);
			thread_takes(s, t, p, sig);
			return SIGOUT_PENDING;
		}
		bool blocked = (p->sig_blocked & BIT(sig)) != 0;
		bool stopped = p->state == 'T' || p->state == 't';
		bool killable = sig == SIG_KILL && p->state == 'D' && p->chan == &s->vfork_q;
		o = stopped && sig != SIG_KILL ? SIGOUT_STOPPED : p->state == 'D' && !killable ? SIGOUT_BLOCKED_D
		  : blocked ? SIGOUT_BLOCKED : SIGOUT_PENDING;
		/* The send is told before its effect (the wake-up). */
		report(s, sender, p, 0, sig, o);
		if (stopped && sig == SIG_KILL) {
			plist_remove(s, &s->stopped, p->self);
			proc_make_runnable(s, p);
		} else if ((p->state == 'S' && !blocked) || killable) {
			proc_wake(s, p, WAKE_SIGNAL);
		}
		return o;
	}
	report(s, sender, p, 0, sig, o);
	return o;
}


static int next_signal(const struct proc *p)
{
	uint32_t set = p->sig_pending & ~p->sig_blocked;
	if (set & BIT(SIG_KILL))
		return SIG_KILL;
	for (int sig = 1; sig < SIG_MAX; sig++)
		if (set & BIT(sig))
			return sig;
	return 0;
}

/* get_signal, on the way back to user mode: acts on the first deliverable
 * signal. A caught one is handed to user space (setup_rt_frame): *u says
 * which handler to enter, with the signal blocked until sigreturn. */
bool ksignal_deliver(struct sim *s, struct proc *p, struct upcall *u)
{
	int sig = next_signal(p);
	if (!sig)
		return true;
	p->sig_pending &= ~BIT(sig);
	if (sig == SIG_KILL) {
		proc_exit_begin(s, p, 0, SIG_KILL);
		return false;
	}
	const struct proc *process = proc_leader(s, p); /* the dispositions are the process's */
	if (p == process && (p->sig_handled & BIT(sig)) && p->handler) {
		p->sig_blocked |= BIT(sig);
		u->sig = sig;
		u->handler = p->handler[sig];
		return true;
	}
	if (is_ignored(process, sig) || (process->sig_handled & BIT(sig)))
		return true; /* (caught, in a thread: its main thread runs the handler) */
	switch (sig_default_action(sig)) {
	case SIGDFL_TERMINATE:
	case SIGDFL_CORE: /* do_coredump, then do_group_exit: the status says so (sig_dumps_core) */
		proc_exit_begin(s, p, 0, sig);
		return false;
	case SIGDFL_STOP:
		proc_stop(s, p, sig);
		return false;
	default:
		return true;
	}
}

/* sig_fatal: a pending signal that will kill it on its way back to user
 * mode (not blocked, no handler; an ignored one is never pending). */
bool task_signal_fatal(const struct proc *t, int sig)
{
	if (sig <= 0 || sig >= SIG_MAX || !(t->sig_pending & ~t->sig_blocked & BIT(sig)) || (t->sig_handled & BIT(sig)))
		return false;
	enum sig_default a = sig_default_action(sig);
	return a == SIGDFL_TERMINATE || a == SIGDFL_CORE;
}

/* sigaction: the default, ignore, or a handler at a program address. */
void ksignal_action(struct sim *s, struct proc *p, int sig, int32_t action)
{
	if (sig <= 0 || sig >= SIG_MAX || !sig_catchable(sig))
		return;
	p = proc_leader(s, p); /* the handlers are the process's (CLONE_SIGHAND) */
	uint32_t bit = BIT(sig);
	p->sig_ignored &= ~bit;
	p->sig_handled &= ~bit;
	if (action == K_SIG_IGN) {
		p->sig_ignored |= bit;
	} else if (action >= 0 || action < K_SIG_IGN) {
		if (!p->handler && !(p->handler = calloc(SIG_MAX, sizeof *p->handler)))
			abort();
		p->handler[sig] = action;
		p->sig_handled |= bit;
	}
}

/* sigprocmask: SIGKILL and SIGSTOP cannot be blocked (sigdelsetmask of
 * sigmask(SIGKILL) | sigmask(SIGSTOP)); a pending signal unblocked acts
 * on the caller's way back to user mode. */
void ksignal_mask(struct sim *s, struct proc *p, int how, int sig)
{
	(void)s;
	if (sig <= 0 || sig >= SIG_MAX || !sig_catchable(sig))
		return;
	if (how == K_SIG_BLOCK)
		p->sig_blocked |= BIT(sig);
	else
		p->sig_blocked &= ~BIT(sig);
}

/* kill_pgrp: every member of the group, in PID order for determinism. */
void ksignal_group(struct sim *s, int sender, int pgid, int sig)
{
	int max = s->cfg.pid_max;
	for (int pid = 1; pid < max; pid++) {
		struct proc *q = proc_by_pid(s, pid);
		if (q && q->pgid == pgid && !proc_is_thread(q))
			ksignal_send(s, sender, q, sig);
	}
}
