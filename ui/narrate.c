/* narrate.c: kernel events as whole, translatable sentences. Each sentence is
 * one msgid with numbered arguments (%1$d), so a translation may reorder them. */
#include "narrate.h"

#include <string.h>

#include "i18n.h"
#include "lang/program.h"
#include "sig.h"
#include "sim.h"
#include "snapshot.h"
#include "timefmt.h"

/* --names real: processes are named by their real command lines (a forked
 * child's is its parent's) instead of their programs. One setting for the
 * whole trace, as the command line chose it. */
static bool real_names;

void narrate_real_names(bool on) { real_names = on; }

static const char *shown(const char *name, const char *cmdline)
{
	return real_names && cmdline ? cmdline : name;
}

/* A thread is named by its TID and its process (ps -L's LWP and PID). */
static bool thread_who(char *buf, size_t n, const struct sim *s, int pid, const char *name, const char *cmdline)
{
	int tgid = snapshot_tgid(s, pid);
	if (tgid == 0 || tgid == pid)
		return false;
	struct proc_info pi;
	if (!name && snapshot_proc(s, tgid, &pi)) {
		name = pi.name;
		cmdline = pi.cmdline;
	}
	snprintf(buf, n, _("thread %1$d of PID %2$d (%3$s)"), pid, tgid, name ? shown(name, cmdline) : "?");
	return true;
}

void narrate_who(char *buf, size_t n, const struct sim *s, int pid)
{
	struct proc_info pi;
	if (thread_who(buf, n, s, pid, NULL, NULL))
		return;
	if (snapshot_proc(s, pid, &pi))
		snprintf(buf, n, "PID %d (%s)", pid, shown(pi.name, pi.cmdline));
	else
		snprintf(buf, n, "PID %d", pid);
}

static void when(char *buf, size_t n, const struct sim *s, int64_t t)
{
	char d[32];
	timefmt_ticks(t, sim_scenario(s)->tick_us, d, sizeof d);
	snprintf(buf, n, "t=%lld (%s)", (long long)t, d);
}

static const char *signame(int sig)
{
	const char *n = sig_name(sig);
	return n ? n : "?";
}

static void sender_text(char *buf, size_t n, const struct sim *s, int sender)
{
	if (sender == 0)
		snprintf(buf, n, "%s", _("The kernel"));
	else if (sender == -2)
		snprintf(buf, n, "%s", _("The keyboard"));
	else if (sender == -3) /* Ctrl+C, Ctrl+Z: the terminal driver */
		snprintf(buf, n, "%s", _("The terminal"));
	else if (sender < 0)
		snprintf(buf, n, "%s", _("The timeline"));
	else
		narrate_who(buf, n, s, sender);
}

static bool is_pool_worker(const struct sim *s, int pid)
{
	struct proc_info pi;
	return snapshot_proc(s, pid, &pi) && pi.pool_of >= 0;
}

static void sleep_sentence(char *out, size_t n, const struct sim *s, const struct sim_event *ev, const char *who)
{
	char until[64] = "", child[96] = "";
	if (ev->until >= 0)
		when(until, sizeof until, s, ev->until);
	switch (ev->wchan) {
	case WCHAN_TIMER:
		snprintf(out, n, _("%1$s sleeps until %2$s → S"), who, until);
		break;
	case WCHAN_DISK:
		snprintf(out, n, _("%1$s waits for the disk until %2$s → D (uninterruptible: even SIGKILL waits)"), who, until);
		break;
	case WCHAN_TTY:
		snprintf(out, n, _("%1$s waits for a line from the terminal → S"), who);
		break;
	case WCHAN_CHILD:
		snprintf(out, n, _("%1$s waits for any child to exit → S"), who);
		break;
	case WCHAN_CHILD_PID:
	case WCHAN_CHILD_POLL:
		narrate_who(child, sizeof child, s, ev->wait_pid);
		if (ev->until >= 0)
			snprintf(out, n, _("%1$s waits for %2$s to exit, at most until %3$s → S"), who, child, until);
		else
			snprintf(out, n, _("%1$s waits for %2$s to exit → S"), who, child);
		break;
	case WCHAN_JOIN_ALL:
		snprintf(out, n, _("%1$s waits for the children it started to exit → S"), who);
		break;
	case WCHAN_PAUSE:
		snprintf(out, n, _("%1$s pauses until a signal arrives → S"), who);
		break;
	case WCHAN_VFORK:
		narrate_who(child, sizeof child, s, ev->wait_pid);
		snprintf(out, n, _("%1$s waits for its vfork child %2$s to exec or exit → D"), who, child);
		break;
	case WCHAN_LOCK:
		snprintf(out, n, _("%1$s waits for lock %2$s → S"), who, ev->object);
		break;
	case WCHAN_QUEUE_GET:
		snprintf(out, n, _("%1$s waits for an item in queue %2$s → S"), who, ev->object);
		break;
	case WCHAN_QUEUE_RLOCK:
		snprintf(out, n, _("%1$s waits for the reader lock of queue %2$s: another getter is reading → S"), who, ev->object);
		break;
	case WCHAN_QUEUE_PUT:
		snprintf(out, n, _("%1$s waits for room in the full queue %2$s → S"), who, ev->object);
		break;
	case WCHAN_QUEUE_JOIN:
		snprintf(out, n, _("%1$s waits in %2$s.join() until every task put is done → S"), who, ev->object);
		break;
	case WCHAN_PIPE_RECV:
	case WCHAN_SOCKET_RECV:
		snprintf(out, n, _("%1$s waits for a message at pipe end %2$s → S"), who, ev->object);
		break;
	case WCHAN_POOL_TASK:
		snprintf(out, n, _("%1$s, a worker of pool %2$s, waits for a task → S"), who, ev->object);
		break;
	case WCHAN_POOL_RLOCK:
		if (is_pool_worker(s, ev->pid))
			snprintf(out, n, _("%1$s, a worker of pool %2$s, waits for a task behind the worker reading the task queue (its reader lock) → S"), who, ev->object);
		else /* Pool.terminate's _help_stuff_finish */
			snprintf(out, n, _("%1$s waits to take the reader lock of pool %2$s's task queue, to empty it (terminate) → S"), who, ev->object);
		break;
	case WCHAN_POOL_RESULT:
		snprintf(out, n, _("%1$s waits until pool %2$s has done its tasks → S"), who, ev->object);
		break;
	case WCHAN_POOL_JOIN:
		snprintf(out, n, _("%1$s waits for the workers of pool %2$s to exit → S"), who, ev->object);
		break;
	case WCHAN_ACCEPT:
		snprintf(out, n, _("%1$s, the accepter thread of the Manager, waits for a connection → S"), who);
		break;
	case WCHAN_MANAGER_STOP:
		snprintf(out, n, _("%1$s, the Manager's server, waits for its shutdown (stop_event.wait) → S"), who);
		break;
	case WCHAN_MANAGER_GET:
		snprintf(out, n, _("%1$s, serving a proxy, waits in the managed queue's get (or a full queue's put) → S"), who);
		break;
	case WCHAN_MANAGER_START:
		snprintf(out, n, _("%1$s waits for the Manager's address (Manager(): reader.recv) → S"), who);
		break;
	case WCHAN_MANAGER_REPLY:
		snprintf(out, n, _("%1$s waits for the Manager's reply to its request → S"), who);
		break;
	case WCHAN_MANAGER_REQUEST:
		snprintf(out, n, _("%1$s, serving one connection of the Manager, waits for its next request → S"), who);
		break;
	case WCHAN_PIPE_WRITE:
		if (ev->object)
			snprintf(out, n, _("%1$s waits for room in the pipe of %2$s: it is full (64 KiB) until someone reads it → S"), who, ev->object);
		else
			snprintf(out, n, _("%s waits for room in a full pipe (64 KiB) until someone reads it → S"), who);
		break;
	case WCHAN_QUEUE_FEED:
		snprintf(out, n, _("%1$s, the feeder thread of queue %2$s, waits for items to write into the pipe → S"), who, ev->object);
		break;
	case WCHAN_THREAD_START:
		snprintf(out, n, _("%1$s waits until its new thread runs (Thread.start) → S"), who);
		break;
	case WCHAN_THREAD_JOIN:
		snprintf(out, n, _("%1$s waits for a thread of %2$s to end (Thread.join) → S"), who, ev->object);
		break;
	case WCHAN_POLL:
		snprintf(out, n, _("%1$s, the worker handler thread of pool %2$s, polls until something changes (a worker ends, close()) → S"), who, ev->object);
		break;
	case WCHAN_POOL_TASKQ:
		snprintf(out, n, _("%1$s, the task handler thread of pool %2$s, waits for tasks to hand to the workers → S"), who, ev->object);
		break;
	case WCHAN_POOL_OUTQ:
		snprintf(out, n, _("%1$s, the result handler thread of pool %2$s, waits for results from the workers → S"), who, ev->object);
		break;
	default:
		snprintf(out, n, _("%1$s sleeps → %2$c"), who, ev->state);
	}
}

static void signal_sentence(char *out, size_t n, const struct sim *s, const struct sim_event *ev, const char *who)
{
	char from[96];
	sender_text(from, sizeof from, s, ev->other);
	const char *sig = signame(ev->sig);
	const char *target = who;
	char pidbuf[64];
	if (ev->outcome == SIGOUT_NO_PROCESS) {
		if (ev->text)
			snprintf(pidbuf, sizeof pidbuf, "'%s'", ev->text);
		else
			snprintf(pidbuf, sizeof pidbuf, "PID %d", ev->pid);
		target = pidbuf;
	}
	switch (ev->outcome) {
	case SIGOUT_PENDING:
		snprintf(out, n, _("%1$s sends %2$s to %3$s"), from, sig, target);
		break;
	case SIGOUT_IGNORED:
		if (ev->sig == SIG_CONT)
			snprintf(out, n, _("%1$s sends %2$s to %3$s: it is not stopped, so nothing changes"), from, sig, target);
		else
			snprintf(out, n, _("%1$s sends %2$s to %3$s: it ignores the signal"), from, sig, target);
		break;
	case SIGOUT_ZOMBIE:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: it is a zombie, already dead, so nothing happens; only its parent's wait() can remove it"), from, sig, target);
		break;
	case SIGOUT_BLOCKED_D:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: it is in uninterruptible sleep (D), so the signal waits until its I/O completes"), from, sig, target);
		break;
	case SIGOUT_STOPPED:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: it is stopped (T), so the signal waits until SIGCONT"), from, sig, target);
		break;
	case SIGOUT_CONTINUED:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: it was stopped and continues"), from, sig, target);
		break;
	case SIGOUT_NO_PROCESS:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: no such process (ESRCH)"), from, sig, target);
		break;
	case SIGOUT_NOT_FOUND: /* psmisc's message */
		snprintf(out, n, _("%1$s runs killall -%2$s %3$s: \"%3$s: no process found\""), from,
			 sig_name(ev->sig) ? sig_name(ev->sig) + 3 : "?", ev->text ? ev->text : "");
		break;
	case SIGOUT_INIT_PROTECTED:
		snprintf(out, n, _("%1$s sends %2$s to %3$s: init only receives signals it handles, so nothing happens"), from, sig, target);
		break;
	case SIGOUT_BLOCKED:
		snprintf(out, n, _("%1$s sends %2$s to %3$s, which blocks it: the signal stays pending until it is unblocked"), from, sig, target);
		break;
	case SIGOUT_NS_INIT_PROTECTED:
		snprintf(out, n, _("%1$s sends %2$s to %3$s, PID 1 of its container: it only receives signals it handles (and SIGKILL or SIGSTOP from outside), so nothing happens"), from, sig, target);
		break;
	default:
		break;
	}
}

/* Started by `start` or a pool: a multiprocessing child, whose _bootstrap()
 * turns any exception into exit code 1. */
static bool started_child(const struct sim *s, int pid)
{
	struct proc_info pi;
	return snapshot_proc(s, pid, &pi) && pi.started;
}

static void exit_sentence(char *out, size_t n, const struct sim *s, const struct sim_event *ev, const char *who)
{
	char parent[96], how[128];
	narrate_who(parent, sizeof parent, s, ev->ppid);
	/* Only a multiprocessing child has an exitcode (Popen: -signal); a
	 * shell's $? would be 128 + signal, a C parent's WTERMSIG. */
	bool started = ev->sig && started_child(s, ev->pid);
	if (started && ev->core)
		snprintf(how, sizeof how, _("is killed by %1$s and dumps core (exit code -%2$d in Python)"), signame(ev->sig), ev->sig);
	else if (started)
		snprintf(how, sizeof how, _("is killed by %1$s (exit code -%2$d in Python)"), signame(ev->sig), ev->sig);
	else if (ev->sig && ev->core) /* bash: "Quit (core dumped)" */
		snprintf(how, sizeof how, _("is killed by %s and dumps core"), signame(ev->sig));
	else if (ev->sig)
		snprintf(how, sizeof how, _("is killed by %s"), signame(ev->sig));
	else
		snprintf(how, sizeof how, _("exits with code %d"), ev->code);
	if (ev->zombie)
		snprintf(out, n, _("%1$s %2$s → Z (zombie) until its parent %3$s reaps it"), who, how, parent);
	else
		snprintf(out, n, _("%1$s %2$s; its parent %3$s ignores SIGCHLD, so the kernel reaps it at once: no zombie"), who, how, parent);
}

static void ipc_sentence(char *out, size_t n, const struct sim_event *ev, const char *who)
{
	const char *o = ev->object, *v = ev->text ? ev->text : "";
	switch (ev->op) {
	case IPC_ACQUIRE: snprintf(out, n, _("%1$s acquires lock %2$s"), who, o); break;
	case IPC_RELEASE: snprintf(out, n, _("%1$s releases lock %2$s"), who, o); break;
	case IPC_PUT:
		snprintf(out, n, NG_("%1$s puts %2$s into queue %3$s (%4$d item in it)",
				     "%1$s puts %2$s into queue %3$s (%4$d items in it)", (unsigned long)ev->count),
			 who, v, o, ev->count);
		break;
	case IPC_GET:
		snprintf(out, n, NG_("%1$s takes %2$s from queue %3$s (%4$d item left)",
				     "%1$s takes %2$s from queue %3$s (%4$d items left)", (unsigned long)ev->count),
			 who, v, o, ev->count);
		break;
	case IPC_TASK_DONE: snprintf(out, n, _("%1$s calls %2$s.task_done()"), who, o); break;
	case IPC_QJOIN: snprintf(out, n, _("%1$s passes %2$s.join(): every task put is done"), who, o); break;
	case IPC_SEND: snprintf(out, n, _("%1$s sends %2$s through pipe end %3$s"), who, v, o); break;
	case IPC_RECV: snprintf(out, n, _("%1$s receives %2$s at pipe end %3$s"), who, v, o); break;
	case IPC_CLOSE: snprintf(out, n, _("%1$s closes its copy of pipe end %2$s"), who, o); break;
	case IPC_WRITE: snprintf(out, n, _("%1$s writes %2$s to the shared %3$s"), who, v, o); break;
	case IPC_SUBMIT:
		snprintf(out, n, NG_("%1$s queues a task %2$s in pool %3$s (%4$d task waiting)",
				     "%1$s queues a task %2$s in pool %3$s (%4$d tasks waiting)", (unsigned long)ev->count),
			 who, v, o, ev->count);
		break;
	case IPC_TAKE: snprintf(out, n, _("%1$s takes task %2$s from pool %3$s and runs it"), who, v, o); break;
	case IPC_FEED: snprintf(out, n, _("%1$s, the feeder thread of queue %2$s, writes %3$s into its pipe"), who, o, v); break;
	default: snprintf(out, n, "%s %s", who, ipc_op_name(ev->op)); break;
	}
}

/* A size in KiB as free(1) -h would write it: KiB, MiB or GiB. */
static void size_text(int64_t kib, char *buf, size_t n)
{
	if (kib < 1024)
		snprintf(buf, n, "%lld KiB", (long long)kib);
	else if (kib < 1024 * 1024)
		snprintf(buf, n, "%.1f MiB", kib / 1024.0);
	else
		snprintf(buf, n, "%.2f GiB", kib / (1024.0 * 1024.0));
}

static void memory_sentence(char *out, size_t n, const struct sim_event *ev, const char *who)
{
	char amount[32], res[32], shared[32];
	size_text(ev->pages * 4, amount, sizeof amount);
	size_text(ev->res_kib, res, sizeof res);
	size_text(ev->shared_kib, shared, sizeof shared);
	if (ev->cow)
		snprintf(out, n, _("%1$s writes to %2$s of memory it shared with its family since fork: copy-on-write gives it its own copy; RES stays %3$s (%4$s of it still shared), and the machine's used memory grows by %2$s"),
			 who, amount, res, shared);
	else
		snprintf(out, n, _("%1$s allocates and fills %2$s of memory: RES is now %3$s"), who, amount, res);
}

static void sentence(char *out, size_t n, const struct sim *s, const struct sim_event *ev)
{
	char who[128], other[128];
	if (thread_who(who, sizeof who, s, ev->pid, ev->name, ev->cmdline))
		;
	else if (ev->name)
		snprintf(who, sizeof who, "PID %d (%s)", ev->pid, shown(ev->name, ev->cmdline));
	else
		snprintf(who, sizeof who, "PID %d", ev->pid);
	switch (ev->kind) {
	case EV_SPAWN:
		if (ev->ppid == 0)
			snprintf(out, n, _("%s starts: the first process; it adopts orphans and reaps them"), who);
		else if (ev->pid == 2 && ev->ppid == 1 && sim_scenario(s)->main_index >= 0 &&
			 !sim_scenario(s)->main_background)
			snprintf(out, n, _("%s is the login shell, waiting for its foreground job"), who);
		else if (ev->pid == 2 && ev->ppid == 1)
			snprintf(out, n, _("%s is the login shell, waiting at its prompt for a line"), who);
		else {
			narrate_who(other, sizeof other, s, ev->ppid);
			if (ev->syscall && strcmp(ev->syscall, "vfork") == 0)
				snprintf(out, n, _("%1$s is created by %2$s (vfork: the parent waits until it execs) and is runnable → R"), who, other);
			else
				snprintf(out, n, _("%1$s is created by %2$s (fork) and is runnable → R"), who, other);
		}
		break;
	case EV_DISPATCH: snprintf(out, n, _("CPU%1$d runs %2$s"), ev->cpu, who); break;
	case EV_PREEMPT:
		if (ev->yielded)
			snprintf(out, n, _("%1$s gives up CPU%2$d and lets the others run first → back to the run queue (R)"), who, ev->cpu);
		else
			snprintf(out, n, _("%1$s used up its time slice on CPU%2$d → back to the run queue (R)"), who, ev->cpu);
		break;
	case EV_SLEEP: sleep_sentence(out, n, s, ev, who); break;
	case EV_WAKE: {
		const char *why = "";
		switch (ev->reason) {
		case WAKE_TIMER: why = _("its sleep is over"); break;
		case WAKE_IO_DONE: why = _("its disk I/O completed"); break;
		case WAKE_CHILD: why = _("a child changed state"); break;
		case WAKE_INPUT: why = _("a line was typed"); break;
		case WAKE_SIGNAL: why = _("a signal arrived"); break;
		case WAKE_TIMEOUT: why = _("its wait timed out"); break;
		case WAKE_IPC: why = _("the lock, queue or pipe it waits on is ready"); break;
		default: break;
		}
		snprintf(out, n, _("%1$s wakes up: %2$s → R"), who, why);
		break;
	}
	case EV_STOP:
		if (ev->traced)
			snprintf(out, n, _("%s is stopped by a debugger that attached to it (ptrace, as gdb -p does) → t"), who);
		else
			snprintf(out, n, _("%1$s is stopped by %2$s → T"), who, signame(ev->sig));
		break;
	case EV_CONT:
		if (ev->traced)
			snprintf(out, n, _("%s continues: the debugger detached → R"), who);
		else
			snprintf(out, n, _("%s continues → R"), who);
		break;
	case EV_EXIT: exit_sentence(out, n, s, ev, who); break;
	case EV_REAP: {
		char status[96];
		if (ev->sig)
			snprintf(status, sizeof status, _("killed by %s"), signame(ev->sig));
		else
			snprintf(status, sizeof status, _("exit code %d"), ev->code);
		if (ev->other == 0)
			snprintf(out, n, _("The kernel reaps %1$s (%2$s): its entry in the process table is freed"), who, status);
		else {
			narrate_who(other, sizeof other, s, ev->other);
			snprintf(out, n, _("%1$s reaps %2$s (%3$s): the zombie is gone and PID %4$d is free"), other, who, status, ev->pid);
		}
		break;
	}
	case EV_REPARENT: {
		char to[128];
		narrate_who(to, sizeof to, s, ev->to);
		snprintf(out, n, _("%1$s is an orphan: its parent PID %2$d exited, so %3$s adopts it"), who, ev->other, to);
		break;
	}
	case EV_SIGNAL: signal_sentence(out, n, s, ev, who); break;
	case EV_PRINT:
		if (ev->code)
			snprintf(out, n, _("%1$s prints to stderr: %2$s"), who, ev->text);
		else
			snprintf(out, n, _("%1$s prints: %2$s"), who, ev->text);
		break;
	case EV_FORK_FAILED:
		if (ev->err == SIM_ERR_ENOMEM)
			snprintf(out, n, _("%s cannot fork: the new process's memory does not fit in the free RAM (ENOMEM)"), who);
		else
			snprintf(out, n, _("%1$s cannot fork: every PID below pid_max=%2$d is in use (EAGAIN)"), who,
				 sim_scenario(s)->pid_max);
		break;
	case EV_WAIT_FAILED:
		if (ev->wait_pid > 0)
			snprintf(out, n, _("%1$s: waitpid(%2$d) fails at once: PID %2$d is not its child (ECHILD)"), who, ev->wait_pid);
		else
			snprintf(out, n, _("%s: wait() fails at once: it has no children (ECHILD)"), who);
		break;
	case EV_CODE_END:
		if (ev->count > 0)
			snprintf(out, n, _("%1$s has run its last line, but it has not exited: like Python, it first terminates its daemonic children and joins the %2$d it started"), who, ev->count);
		else
			snprintf(out, n, _("%s has run its last line and exits"), who);
		break;
	case EV_HANDLER: snprintf(out, n, _("%1$s runs its %2$s handler"), who, signame(ev->sig)); break;
	case EV_INPUT: snprintf(out, n, _("%1$s reads a line from the terminal: %2$s"), who, ev->text); break;
	case EV_IPC: ipc_sentence(out, n, ev, who); break;
	case EV_MEMORY: memory_sentence(out, n, ev, who); break;
	case EV_THREAD:
		narrate_who(other, sizeof other, s, ev->ppid);
		snprintf(out, n, _("%1$s starts a thread, TID %2$d (Thread.start: clone3): it shares the process's memory, descriptors and signal handlers, and is scheduled on its own → R"),
			 other, ev->pid);
		break;
	case EV_THREAD_EXIT:
		snprintf(out, n, _("%s ends: a thread leaves no zombie, its TID is free at once"), who);
		break;
	case EV_EXEC:
		snprintf(out, n, _("PID %1$d execs %2$s: the same process (PID, parent, children) now runs a new program"),
			 ev->pid, ev->name ? ev->name : "?");
		break;
	case EV_NICE: {
		char from[96];
		sender_text(from, sizeof from, s, ev->other);
		if (ev->err)
			snprintf(out, n, _("%1$s cannot renice PID %2$d: no such process (ESRCH)"), from, ev->pid);
		else if (ev->code == ev->count)
			snprintf(out, n, _("%1$s renices %2$s: nice stays %3$d, the end of the range -20..19"), from, who, ev->code);
		else
			snprintf(out, n, _("%1$s renices %2$s: nice from %3$d to %4$d; %5$s"), from, who, ev->count, ev->code,
				 strcmp(sim_sched_params(s)->policy, "prio") == 0 || strcmp(sim_sched_params(s)->policy, "cfs") == 0
					 ? _("the scheduler weighs it from now on")
					 : _("this policy does not look at nice (prio and cfs do)"));
		break;
	}
	case EV_RAISE:
		if (ev->in_pool)
			snprintf(out, n, _("%1$s raises %2$s in a pool task: the pool catches it and raises it again in the caller of apply() or map()"), who, ev->text);
		else if (ev->caught)
			snprintf(out, n, _("%1$s raises %2$s, and its except block catches it"), who, ev->text);
		else if (ev->in_atexit)
			snprintf(out, n, _("%1$s raises %2$s in an atexit handler: atexit prints it and runs the next handler"), who, ev->text);
		else if (ev->in_finally)
			snprintf(out, n, _("%1$s raises %2$s: its finally block runs first, then raises it again"), who, ev->text);
		else if (strcmp(ev->text, "KeyboardInterrupt") == 0 && !started_child(s, ev->pid))
			snprintf(out, n, _("%1$s raises KeyboardInterrupt (Ctrl+C) and does not catch it: after its exit handling the interpreter kills itself with SIGINT, as Python 3.8 and later do"), who);
		else
			snprintf(out, n, _("%1$s raises %2$s and does not catch it: the process will end with exit code 1"), who, ev->text);
		break;
	default: snprintf(out, n, "%s", event_name(ev->kind));
	}
}

void narrate_event(FILE *out, const struct sim *s, const struct sim_event *ev)
{
	char line[1024], d[32];
	sentence(line, sizeof line, s, ev);
	timefmt_ticks(ev->t, sim_scenario(s)->tick_us, d, sizeof d);
	char t[32];
	snprintf(t, sizeof t, "t=%lld", (long long)ev->t);
	/* Both levels: what the program did, and the system call in which
	 * the kernel saw it happen. */
	if (ev->syscall && ev->has_fd)
		fprintf(out, "%-7s %8s  %s  [%s(%d)]\n", t, d, line, ev->syscall, ev->fd);
	else if (ev->syscall)
		fprintf(out, "%-7s %8s  %s  [%s]\n", t, d, line, ev->syscall);
	else
		fprintf(out, "%-7s %8s  %s\n", t, d, line);
}

void narrate_header(FILE *out, const struct sim *s)
{
	const struct scenario *sc = sim_scenario(s);
	char tick[32];
	timefmt_ticks(1, sc->tick_us, tick, sizeof tick);
	fprintf(out, "# %s\n", sc->title);
	fprintf(out, _("# %1$d CPU(s), policy %2$s, time slice %3$lld ticks, one tick = %4$s, pid_max %5$d\n"),
		sim_cpus(s), sim_sched_params(s)->policy, (long long)sim_quantum(s), tick, sc->pid_max);
}

/* The wait-for graph, one edge in words: what p waits for and why it never comes. */
static void explain_object(FILE *out, const struct sim *s, const struct proc_info *p, const char *who,
			   const struct proc_info *all, int nall)
{
	struct obj_info o;
	if (!snapshot_object(s, p->obj, &o))
		return;
	switch (p->wchan) {
	case WCHAN_LOCK: {
		struct proc_info h;
		if (o.holder == p->pid)
			fprintf(out, _("#   %1$s waits for lock %2$s, which it holds itself: a Lock cannot be acquired twice, not even by its holder\n"), who, o.name);
		else if (!snapshot_proc(s, o.holder, &h) || h.state == 'Z')
			fprintf(out, _("#   %1$s waits for lock %2$s, held by PID %3$d, which exited without releasing it\n"), who, o.name, o.holder);
		else
			fprintf(out, _("#   %1$s waits for lock %2$s, held by PID %3$d (%4$s), which is blocked too\n"), who, o.name, h.pid, shown(h.name, h.cmdline));
		break;
	}
	case WCHAN_QUEUE_GET:
		fprintf(out, _("#   %1$s waits for an item in queue %2$s, which is empty, and no process that could put one can run\n"), who, o.name);
		break;
	case WCHAN_QUEUE_PUT:
		fprintf(out, _("#   %1$s waits for room in the full queue %2$s, and no process will take an item out\n"), who, o.name);
		break;
	case WCHAN_QUEUE_RLOCK: {
		struct proc_info h;
		if (!snapshot_proc(s, o.rlock, &h) || h.state == 'Z')
			fprintf(out, _("#   %1$s waits for the reader lock of queue %2$s, held by PID %3$d, which died while reading: the queue cannot be read any more\n"), who, o.name, o.rlock);
		else
			fprintf(out, _("#   %1$s waits for the reader lock of queue %2$s, held by PID %3$d (%4$s), which waits for an item itself\n"), who, o.name, h.pid, shown(h.name, h.cmdline));
		break;
	}
	case WCHAN_QUEUE_JOIN:
		fprintf(out, NG_("#   %1$s waits in %2$s.join(): %3$lld task was put but task_done() was never called for it\n",
				 "#   %1$s waits in %2$s.join(): %3$lld tasks were put but task_done() was never called for them\n",
				 (unsigned long)o.unfinished), who, o.name, o.unfinished);
		break;
	case WCHAN_PIPE_RECV:
	case WCHAN_SOCKET_RECV: {
		struct obj_info peer;
		snapshot_object(s, o.peer, &peer);
		char holders[256] = "";
		size_t used = 0;
		for (int i = 0; i < nall; i++)
			if (o.peer >= 0 && o.peer < 64 && (all[i].pipes_open & (1ull << o.peer)) && all[i].state != 'Z') {
				int w = snprintf(holders + used, sizeof holders - used, "%s%d", used ? ", " : "", all[i].pid);
				if (w > 0 && (size_t)w < sizeof holders - used)
					used += (size_t)w;
			}
		fprintf(out, _("#   %1$s waits for a message at pipe end %2$s; the other end %3$s is still open in PID %4$s, so recv() can neither get a message nor raise EOFError\n"),
			who, o.name, peer.name, holders[0] ? holders : "?");
		break;
	}
	default:
		break;
	}
}

static void explain_blocked(FILE *out, const struct sim *s)
{
	struct proc_info buf[64];
	int n = snapshot_procs(s, buf, 64);
	for (int i = 0; i < n && i < 64; i++) {
		const struct proc_info *p = &buf[i];
		if (p->pid <= 2)
			continue;
		char who[128];
		snprintf(who, sizeof who, "PID %d (%s)", p->pid, shown(p->name, p->cmdline));
		switch (p->state) {
		case 'T':
			fprintf(out, _("#   %s is stopped (T), and nothing will send it SIGCONT\n"), who);
			break;
		case 't':
			fprintf(out, _("#   %s is stopped by a debugger (t), which never detaches\n"), who);
			break;
		case 'Z':
			fprintf(out, _("#   %s is a zombie, and its parent will never reap it\n"), who);
			break;
		case 'S':
			switch (p->wchan) {
			case WCHAN_TTY:
				fprintf(out, _("#   %s waits for a line from the terminal, and no timeline event will type one\n"), who);
				break;
			case WCHAN_PAUSE:
				fprintf(out, _("#   %s waits for a signal that nobody will send\n"), who);
				break;
			case WCHAN_CHILD:
			case WCHAN_CHILD_PID:
			case WCHAN_CHILD_POLL:
			case WCHAN_JOIN_ALL:
				fprintf(out, _("#   %s waits for a child that can never exit\n"), who);
				break;
			case WCHAN_POOL_TASK:
			case WCHAN_POOL_RLOCK:
				fprintf(out, _("#   %s, a pool worker, waits for a task, and nobody will queue one or close the pool\n"), who);
				break;
			case WCHAN_POOL_RESULT:
				fprintf(out, _("#   %s waits for its pool tasks, and no worker can run them\n"), who);
				break;
			case WCHAN_POOL_JOIN:
				fprintf(out, _("#   %s waits for the pool's workers to exit, and they never will\n"), who);
				break;
			case WCHAN_THREAD_JOIN: {
				struct obj_info o;
				if (snapshot_object(s, p->obj, &o) && (o.kind == OBJ_QUEUE || o.kind == OBJ_JQUEUE))
					fprintf(out, _("#   %s waits for its Queue's feeder thread to end (Thread.join), and it never will: the feeder has items for a full pipe nobody reads (get them before joining the process that put them)\n"), who);
				else
					fprintf(out, _("#   %s waits for one of its threads to end (Thread.join), and it never will\n"), who);
				break;
			}
			case WCHAN_LOCK:
			case WCHAN_QUEUE_GET:
			case WCHAN_QUEUE_RLOCK:
			case WCHAN_QUEUE_PUT:
			case WCHAN_QUEUE_JOIN:
			case WCHAN_PIPE_RECV:
			case WCHAN_SOCKET_RECV:
				explain_object(out, s, p, who, buf, n < 64 ? n : 64);
				break;
			default:
				fprintf(out, _("#   %s sleeps (%s) forever\n"), who, wchan_name(p->wchan));
			}
			break;
		default:
			break;
		}
	}
	if (n > 64)
		fprintf(out, _("#   ... and %d more processes\n"), n - 64);
}

void narrate_end(FILE *out, const struct sim *s)
{
	char d[32];
	enum sim_status st = sim_status(s);
	int64_t now = sim_end_tick(s);
	timefmt_ticks(now, sim_scenario(s)->tick_us, d, sizeof d);
	switch (st) {
	case SIM_DONE:
		fprintf(out, _("# t=%1$lld (%2$s): every process of the scenario has ended and been reaped.\n"), (long long)now, d);
		break;
	case SIM_LIMIT:
		fprintf(out, _("# t=%1$lld (%2$s): the scenario's time limit is reached; the simulation stops here.\n"), (long long)now, d);
		break;
	case SIM_STUCK:
		fprintf(out, _("# t=%1$lld (%2$s): nothing can ever run again:\n"), (long long)now, d);
		explain_blocked(out, s);
		break;
	default:
		break;
	}
}
