/* shell.c: the two processes every scenario runs under, and the terminal.
 *
 * init (PID 1) loops in wait(): it reaps its children, orphans included, and
 * sleeps when there is nothing to reap, like sysvinit's or systemd's SIGCHLD
 * loop. The login shell (PID 2) starts `main` as a foreground job in its own
 * process group and waits for it with waitpid(WUNTRACED), like bash; when
 * the job stops (Ctrl+Z) or ends it returns to its prompt and reads the
 * terminal, where the timeline types `jobs`, `bg` and `fg`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kernel_int.h"
#include "sig.h"

static struct program *builtin(struct sim *s, const char *name, enum opcode body)
{
	struct program *g = arena_alloc(s->strings, sizeof *g);
	struct insn *in = arena_alloc(s->strings, 3 * sizeof *in);
	if (!g || !in)
		abort();
	in[0].op = (uint8_t)body;
	in[1].op = OP_JUMP;
	in[1].target = 0;
	in[1].b = -1;
	in[2].op = OP_RETURN; /* SHELL_SIGCHLD_HANDLER: the wake-up is the point */
	g->name = name;
	g->insns = in;
	g->ninsns = 3;
	return g;
}

void shell_build_programs(struct sim *s)
{
	s->builtin_init = builtin(s, "init", OP_INIT_REAP);
	s->builtin_shell = builtin(s, s->sc->shell_name, OP_SHELL);
}

enum run_result shell_exec_init(struct sim *s, struct proc *p)
{
	struct proc *z = proc_first_zombie(s, p);
	if (z) {
		proc_reap(s, p, z);
		p->pc++;
		return (enum run_result)-1; /* STEP_NEXT: loop and reap the next */
	}
	proc_sleep(s, p, &p->child_wait, 'S', -1, 0);
	return RUN_BLOCKED;
}

static void shell_print(struct sim *s, struct proc *sh, const char *text)
{
	struct sim_event ev = {.kind = EV_PRINT, .pid = sh->pid, .text = text};
	kernel_emit(s, &ev);
}

static struct job *job_of_pid(struct sim *s, int pid)
{
	for (int i = 0; i < s->njobs; i++)
		if (s->jobs[i].leader_pid == pid && !s->jobs[i].done)
			return &s->jobs[i];
	return NULL;
}

static struct job *current_job(struct sim *s)
{
	for (int i = s->njobs - 1; i >= 0; i--)
		if (!s->jobs[i].done)
			return &s->jobs[i];
	return NULL;
}

static void signal_group(struct sim *s, int sender, int pgid, int sig)
{
	/* kill_pgrp: every member of the group, in PID order for determinism. */
	int max = s->sc->pid_max;
	for (int pid = 1; pid < max; pid++) {
		struct proc *q = proc_by_pid(s, pid);
		if (q && q->pgid == pgid)
			ksignal_send(s, sender, q, sig);
	}
}

static void job_line(struct sim *s, struct proc *sh, const struct job *j, const char *status)
{
	char line[512];
	int num = (int)(j - s->jobs) + 1;
	/* bash marks a job running in the background with a trailing '&'. */
	bool amp = j->background && !j->stopped && !j->done;
	snprintf(line, sizeof line, "[%d]+  %-24s%s%s", num, status, j->cmd, amp ? " &" : "");
	shell_print(s, sh, line);
}

/* How bash reports a job that ended (jobs.c pretty_print_job): Done, Exit N,
 * or the signal's description, as strsignal() gives it. */
static const char *end_status(const struct proc *z, char *buf, size_t n)
{
	int st = z->exit_status;
	static const struct { int sig; const char *text; } names[] = {
		{SIG_HUP, "Hangup"}, {SIG_INT, "Interrupt"}, {SIG_KILL, "Killed"}, {SIG_TERM, "Terminated"},
	};
	if (st == 0)
		return "Done";
	if (st > 0) {
		snprintf(buf, n, "Exit %d", st);
		return buf;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].sig == -st)
			return names[i].text;
	snprintf(buf, n, "Signal %d", -st);
	return buf;
}

/* What bash's waitchld does: collect ended and stopped jobs. */
static void collect_jobs(struct sim *s, struct proc *sh)
{
	struct proc *z;
	while ((z = proc_first_zombie(s, sh))) {
		struct job *j = job_of_pid(s, z->pid);
		char status[32];
		const char *how = end_status(z, status, sizeof status);
		bool by_signal = z->exit_status < 0 && z->exit_status != -SIG_INT;
		proc_reap(s, sh, z);
		if (!j)
			continue;
		j->done = true;
		if (j->background)
			job_line(s, sh, j, how);
		else if (by_signal) /* a foreground job killed by a signal: bash says how */
			shell_print(s, sh, how);
		if (s->tty_fg_pgid == j->pgid)
			s->tty_fg_pgid = sh->pgid;
	}
	for (int i = 0; i < s->njobs; i++) {
		struct job *j = &s->jobs[i];
		struct proc *leader = proc_by_pid(s, j->leader_pid);
		/* Continued by someone else (kill -CONT): bash's WCONTINUED marks
		 * it running, in the background. */
		if (!j->done && j->stopped && leader && leader->state != 'T' && leader->state != 'Z') {
			j->stopped = j->stop_reported = false;
			j->background = true;
		}
		if (j->done || !leader || leader->state != 'T' || j->stop_reported)
			continue;
		j->stopped = j->stop_reported = true;
		j->background = false;
		job_line(s, sh, j, "Stopped");
		if (s->tty_fg_pgid == j->pgid)
			s->tty_fg_pgid = sh->pgid; /* the shell takes the terminal back */
	}
}

/* Killed by SIGHUP, bash runs hangup_all_jobs() first: SIGHUP to every job,
 * SIGCONT to the stopped ones (then it kills itself with SIGHUP). Killed by
 * anything else it can do nothing; but the session leader is leaving its
 * terminal, and for a pseudo-terminal disassociate_ctty(1) sends SIGHUP to
 * the foreground process group. Either way the foreground job hangs up. */
void shell_hangup(struct sim *s, struct proc *sh, int sig)
{
	if (sig == SIG_HUP) {
		for (int i = 0; i < s->njobs; i++) {
			struct job *j = &s->jobs[i];
			if (j->done)
				continue;
			signal_group(s, sh->pid, j->pgid, SIG_HUP);
			if (j->stopped)
				signal_group(s, sh->pid, j->pgid, SIG_CONT);
		}
	} else if (s->tty_fg_pgid != sh->pgid) {
		signal_group(s, 0, s->tty_fg_pgid, SIG_HUP);
	}
	s->tty_fg_pgid = 0; /* the terminal has no session any more */
}

static void run_command(struct sim *s, struct proc *sh, const char *cmd)
{
	struct job *j = current_job(s);
	char line[512];
	if (strcmp(cmd, "jobs") == 0) {
		for (int i = 0; i < s->njobs; i++)
			if (!s->jobs[i].done)
				job_line(s, sh, &s->jobs[i], s->jobs[i].stopped ? "Stopped" : "Running");
	} else if (strcmp(cmd, "bg") == 0 || strcmp(cmd, "fg") == 0) {
		bool fg = cmd[0] == 'f';
		if (!j) {
			snprintf(line, sizeof line, "%s: %s: current: no such job", sh->name, cmd);
			shell_print(s, sh, line);
			return;
		}
		if (fg) {
			shell_print(s, sh, j->cmd);
			s->tty_fg_pgid = j->pgid;
			j->background = false;
		} else {
			if (!j->stopped) {
				snprintf(line, sizeof line, "%s: bg: job %d already in background", sh->name,
					 (int)(j - s->jobs) + 1);
				shell_print(s, sh, line);
				return;
			}
			snprintf(line, sizeof line, "[%d]+ %s &", (int)(j - s->jobs) + 1, j->cmd);
			shell_print(s, sh, line);
			j->background = true;
		}
		j->stopped = j->stop_reported = false;
		signal_group(s, sh->pid, j->pgid, SIG_CONT);
	} else if (cmd[0]) {
		snprintf(line, sizeof line, "%s: %s: command not found", sh->name, cmd);
		shell_print(s, sh, line);
	}
}

enum run_result shell_exec_shell(struct sim *s, struct proc *sh)
{
	collect_jobs(s, sh);
	struct job *j = current_job(s);
	if (j && !j->background && !j->stopped && s->tty_fg_pgid == j->pgid) {
		proc_sleep(s, sh, &sh->child_wait, 'S', -1, j->leader_pid);
		return RUN_BLOCKED;
	}
	char *line;
	if (shell_tty_take(s, sh, &line)) {
		run_command(s, sh, line);
		return (enum run_result)-1; /* STEP_NEXT: look again */
	}
	proc_sleep(s, sh, &s->tty_q, 'S', -1, 0);
	return RUN_BLOCKED;
}

void shell_tty_type(struct sim *s, const char *line)
{
	if (s->tty_count == s->tty_cap) {
		int cap = s->tty_cap ? s->tty_cap * 2 : 8;
		char **n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int i = 0; i < s->tty_count; i++)
			n[i] = s->tty_lines[(s->tty_head + i) % s->tty_cap];
		free(s->tty_lines);
		s->tty_lines = n;
		s->tty_head = 0;
		s->tty_cap = cap;
	}
	s->tty_lines[(s->tty_head + s->tty_count++) % s->tty_cap] = arena_strdup(s->strings, line);
	proc_waitq_wake_all(s, &s->tty_q, WAKE_INPUT);
}

/* The terminal gives a line to a reader in the foreground process group. */
bool shell_tty_take(struct sim *s, struct proc *reader, char **line)
{
	if (!s->tty_count || reader->pgid != s->tty_fg_pgid)
		return false;
	*line = s->tty_lines[s->tty_head];
	s->tty_head = (s->tty_head + 1) % s->tty_cap;
	s->tty_count--;
	struct sim_event ev = {.kind = EV_INPUT, .pid = reader->pid, .text = *line};
	kernel_emit(s, &ev);
	return true;
}

void shell_timeline(struct sim *s, const struct timeline_event *e)
{
	switch (e->kind) {
	case TL_KILL:
		if (e->target_name) {
			bool any = false;
			int max = s->sc->pid_max;
			for (int pid = 1; pid < max; pid++) {
				struct proc *q = proc_by_pid(s, pid);
				if (q && strcmp(q->name, e->target_name) == 0) {
					ksignal_send(s, -1, q, e->sig);
					any = true;
				}
			}
			if (!any) {
				struct sim_event ev = {.kind = EV_SIGNAL, .pid = 0, .sig = e->sig, .other = -1,
						       .outcome = SIGOUT_NO_PROCESS, .text = e->target_name};
				kernel_emit(s, &ev);
			}
		} else {
			struct proc *q = proc_by_pid(s, e->target_pid);
			if (q)
				ksignal_send(s, -1, q, e->sig);
			else {
				struct sim_event ev = {.kind = EV_SIGNAL, .pid = e->target_pid, .sig = e->sig,
						       .other = -1, .outcome = SIGOUT_NO_PROCESS};
				kernel_emit(s, &ev);
			}
		}
		break;
	case TL_CTRL_Z:
	case TL_CTRL_C:
		/* The terminal driver (n_tty's isig) signals the foreground group. */
		signal_group(s, -1, s->tty_fg_pgid, e->kind == TL_CTRL_Z ? SIG_TSTP : SIG_INT);
		break;
	case TL_TYPE: shell_tty_type(s, e->text); break;
	case TL_BG: shell_tty_type(s, "bg"); break;
	case TL_FG: shell_tty_type(s, "fg"); break;
	case TL_JOBS: shell_tty_type(s, "jobs"); break;
	case TL_JOB: break; /* the kernel starts jobs (kernel.c) */
	}
}
