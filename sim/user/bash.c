/* bash.c: the login shell, as bash does job control (jobs.c), in user
 * space. It starts `main` as a foreground job in its own process group, gives
 * it the terminal (tcsetpgrp) and waits for it with waitpid(WUNTRACED); when
 * the job stops (Ctrl+Z) or ends it takes the terminal back and reads its
 * prompt, where the timeline types `jobs`, `bg` and `fg`. Killed by SIGHUP it
 * hangs up every job first (hangup_all_jobs). The terminal itself, its
 * foreground group and what Ctrl+C does, is the kernel's (kernel/tty.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user_int.h"

static struct program *builtin(struct user *u, const char *name, enum opcode body)
{
	struct program *g = arena_alloc(u->strings, sizeof *g);
	struct insn *in = arena_alloc(u->strings, 3 * sizeof *in);
	if (!g || !in)
		abort();
	memset(g, 0, sizeof *g);
	memset(in, 0, 3 * sizeof *in);
	in[0].op = (uint8_t)body;
	in[1].op = OP_JUMP;
	in[1].target = 0;
	in[1].b = -1;
	in[2].op = OP_RETURN; /* BASH_SIGCHLD_HANDLER: the wake-up is the point */
	g->name = name;
	g->insns = in;
	g->ninsns = 3;
	return g;
}

void bash_build_programs(struct user *u)
{
	u->builtin_init = builtin(u, "init", OP_INIT_REAP);
	u->builtin_shell = builtin(u, u->sc->shell_name, OP_SHELL);
}

static void shell_print(struct user *u, struct uproc *sh, const char *text)
{
	sys_write_tty(u->k, sh->task, text, false);
}

static struct job *job_of_pid(struct user *u, int pid)
{
	for (int i = 0; i < u->njobs; i++)
		if (u->jobs[i].leader_pid == pid && !u->jobs[i].done)
			return &u->jobs[i];
	return NULL;
}

static struct job *current_job(struct user *u)
{
	for (int i = u->njobs - 1; i >= 0; i--)
		if (!u->jobs[i].done)
			return &u->jobs[i];
	return NULL;
}

/* note: "(core dumped) " before the command, as pretty_print_job puts it. */
static void job_line(struct user *u, struct uproc *sh, const struct job *j, const char *status, const char *note)
{
	char line[512];
	int num = (int)(j - u->jobs) + 1;
	/* bash marks a job running in the background with a trailing '&'. */
	bool amp = j->background && !j->stopped && !j->done;
	snprintf(line, sizeof line, "[%d]+  %-24s%s%s%s", num, status, note, j->cmd, amp ? " &" : "");
	shell_print(u, sh, line);
}

/* How bash reports a job that ended (jobs.c pretty_print_job): Done, Exit N,
 * or the signal's description, as strsignal() gives it. */
static const char *end_status(const struct wait_status *st, char *buf, size_t n)
{
	if (st->how == 'x' && st->code == 0)
		return "Done";
	if (st->how == 'x') {
		snprintf(buf, n, "Exit %d", st->code);
		return buf;
	}
	const char *d = sig_description(st->sig);
	if (d)
		return d;
	snprintf(buf, n, "Signal %d", st->sig);
	return buf;
}

static void take_terminal(struct user *u, struct uproc *sh, const struct job *j)
{
	if (kernel_fg_pgrp(u->k) == j->pgid)
		sys_tcsetpgrp(u->k, sh->task, task_pgid(sh->task));
}

/* What bash's waitchld does: waitpid(-1, WNOHANG|WUNTRACED|WCONTINUED)
 * until nothing more to report, noting ended, stopped and continued jobs. */
static void note(struct user *u, struct uproc *sh, const struct wait_status *st)
{
	struct job *j = job_of_pid(u, st->pid);
	if (!j)
		return;
	if (st->how == 's') {
		if (j->stop_reported)
			return;
		j->stopped = j->stop_reported = true;
		j->background = false;
		job_line(u, sh, j, "Stopped", "");
		take_terminal(u, sh, j);
		return;
	}
	if (st->how == 'c') {
		/* Continued by someone else (kill -CONT): bash's WCONTINUED marks
		 * it running, in the background. */
		if (j->stopped) {
			j->stopped = j->stop_reported = false;
			j->background = true;
		}
		return;
	}
	char status[32], fg[64];
	const char *how = end_status(st, status, sizeof status);
	/* bash is silent on SIGINT, and on SIGPIPE (DONT_REPORT_SIGPIPE, on
	 * by default in config-top.h: `yes | head -1` says nothing). */
	bool by_signal = st->how == 'k' && st->sig != SIG_INT && st->sig != SIG_PIPE;
	j->done = true;
	if (j->background) {
		job_line(u, sh, j, how, st->core ? "(core dumped) " : "");
	} else if (by_signal) { /* a foreground job killed by a signal: bash says how */
		snprintf(fg, sizeof fg, "%s%s", how, st->core ? " (core dumped)" : "");
		shell_print(u, sh, fg);
	}
	take_terminal(u, sh, j);
}

static void collect_jobs(struct user *u, struct uproc *sh)
{
	struct wait_status st;
	while (sys_wait4(u->k, sh->task, -1, K_WNOHANG | K_WUNTRACED | K_WCONTINUED, -1, &st) > 0)
		note(u, sh, &st);
}

/* bash's termsig_sighandler for SIGHUP: hangup_all_jobs (SIGHUP to every
 * job, SIGCONT to the stopped ones), then the default action back and the
 * signal again, to die of it. Its SIGCHLD handler only wakes it up. */
void bash_signal(struct user *u, struct uproc *sh, int sig)
{
	if (sig != SIG_HUP)
		return;
	for (int i = 0; i < u->njobs; i++) {
		struct job *j = &u->jobs[i];
		if (j->done)
			continue;
		sys_kill(u->k, sh->task, -j->pgid, SIG_HUP);
		if (j->stopped)
			sys_kill(u->k, sh->task, -j->pgid, SIG_CONT);
	}
	/* end_job_control: the terminal back to the shell's own group, so
	 * that its exit hangs up nobody else (disassociate_ctty). */
	sys_tcsetpgrp(u->k, sh->task, task_pgid(sh->task));
	sys_sigaction(u->k, sh->task, SIG_HUP, K_SIG_DFL);
	sys_sigreturn(u->k, sh->task, SIG_HUP);
	sys_kill(u->k, sh->task, sh->pid, SIG_HUP);
}

static void run_command(struct user *u, struct uproc *sh, const char *cmd)
{
	struct job *j = current_job(u);
	const char *name = task_comm(sh->task);
	char line[512];
	if (strcmp(cmd, "jobs") == 0) {
		for (int i = 0; i < u->njobs; i++)
			if (!u->jobs[i].done)
				job_line(u, sh, &u->jobs[i], u->jobs[i].stopped ? "Stopped" : "Running", "");
	} else if (strcmp(cmd, "bg") == 0 || strcmp(cmd, "fg") == 0) {
		bool fg = cmd[0] == 'f';
		if (!j) {
			snprintf(line, sizeof line, "%s: %s: current: no such job", name, cmd);
			shell_print(u, sh, line);
			return;
		}
		if (fg) {
			shell_print(u, sh, j->cmd);
			sys_tcsetpgrp(u->k, sh->task, j->pgid);
			j->background = false;
		} else {
			if (!j->stopped) {
				snprintf(line, sizeof line, "%s: bg: job %d already in background", name,
					 (int)(j - u->jobs) + 1);
				shell_print(u, sh, line);
				return;
			}
			snprintf(line, sizeof line, "[%d]+ %s &", (int)(j - u->jobs) + 1, j->cmd);
			shell_print(u, sh, line);
			j->background = true;
		}
		j->stopped = j->stop_reported = false;
		sys_kill(u->k, sh->task, -j->pgid, SIG_CONT);
	} else if (cmd[0]) {
		snprintf(line, sizeof line, "%s: %s: command not found", name, cmd);
		shell_print(u, sh, line);
	}
}

enum run_result bash_step(struct user *u, struct uproc *sh)
{
	collect_jobs(u, sh);
	struct job *j = current_job(u);
	if (j && !j->background && !j->stopped && kernel_fg_pgrp(u->k) == j->pgid) {
		struct wait_status st;
		int r = sys_wait4(u->k, sh->task, j->leader_pid, K_WUNTRACED | K_WCONTINUED, -1, &st);
		if (r == K_RESTART)
			return (enum run_result)exec_restart(sh);
		if (r > 0)
			note(u, sh, &st);
		return RUN_NEXT;
	}
	const char *line;
	int r = sys_read_tty(u->k, sh->task, &line);
	if (r == 0) {
		run_command(u, sh, line);
		return RUN_NEXT; /* look again */
	}
	if (r == -K_EIO) /* no terminal to read any more */
		sys_pause(u->k, sh->task);
	return (enum run_result)exec_restart(sh);
}

/* init (PID 1) loops in wait(): it reaps its children, orphans included, and
 * sleeps when there is nothing to reap, like sysvinit's or systemd's SIGCHLD
 * loop. */
enum run_result init_step(struct user *u, struct uproc *p)
{
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, -1, K_WSTAYCHILDLESS, -1, &st);
	if (r > 0) {
		p->pc++;
		return RUN_NEXT; /* loop and reap the next */
	}
	return (enum run_result)exec_restart(p);
}
