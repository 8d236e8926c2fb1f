/* bash.c: the login shell, as bash does job control (jobs.c), in user
 * space. It runs each command it reads as a job in a process group of its
 * own (setpgid): in the foreground, with the terminal (tcsetpgrp), waiting
 * for it with waitpid(WUNTRACED); or, with a trailing '&', in the background,
 * saying `[N] PID` and reading its next line. It keeps bash's job table: the
 * current (+) and previous (-) jobs (set_current_job, reset_current), the
 * notices of jobs that stop or end (notify_of_job_status), and the builtins
 * typed at its prompt: jobs, fg, bg, kill, wait and %N. Killed by SIGHUP it
 * hangs up every job first (hangup_all_jobs). The terminal itself, its
 * foreground group and what Ctrl+C does, is the kernel's (kernel/tty.c).
 * What bash prints goes through gettext, as bash's own messages do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "sig.h"
#include "user_int.h"

#define NO_JOB (-1)

void bash_build_programs(struct user *u)
{
	/* OP_RETURN: BASH_SIGCHLD_HANDLER, whose wake-up is the point */
	u->builtin_init = user_loop_program(u, "init", OP_INIT_REAP, 0, OP_RETURN);
	u->builtin_shell = user_loop_program(u, u->sc->shell_name, OP_SHELL, 0, OP_RETURN);
}

/* What jobs, bg and fg print is written to fd 1; notices and errors to fd 2. */
static void shell_print(struct user *u, struct uproc *sh, const char *text, bool to_stderr)
{
	sys_write_tty(u->k, sh->task, text, to_stderr);
}

/* builtin_error: "bash: fg: %5: no such job". */
static void shell_error(struct user *u, struct uproc *sh, const char *builtin, const char *msg)
{
	char line[512];
	snprintf(line, sizeof line, "%s: %s: %s", task_comm(sh->task), builtin, msg);
	shell_print(u, sh, line, true);
}

/* ---- the job table (jobs.c) ------------------------------------------------ */

/* A slot is a job until it is deleted (done): once a dead job has been
 * reported, as cleanup_dead_jobs does. */
static bool exists(const struct user *u, int i) { return i >= 0 && i < u->njobs && !u->jobs[i].done; }
static bool stopped(const struct user *u, int i) { return exists(u, i) && u->jobs[i].stopped; }
static bool running(const struct user *u, int i) { return exists(u, i) && !u->jobs[i].stopped; }

static int job_of_pid(const struct user *u, int pid)
{
	for (int i = 0; i < u->njobs; i++)
		if (u->jobs[i].leader_pid == pid && !u->jobs[i].done)
			return i;
	return NO_JOB;
}

/* most_recent_job_in_state: the newest job older than `job` that is
 * stopped (want_stopped) or running. */
static int most_recent(const struct user *u, int job, bool want_stopped)
{
	for (int i = job - 1; i >= 0; i--)
		if (exists(u, i) && u->jobs[i].stopped == want_stopped)
			return i;
	return NO_JOB;
}

/* set_current_job: job becomes `+`; `-` is the old current job if it is
 * stopped, else the newest stopped job older than the current one, else the
 * newest running job (older than the current one, if that is running). */
static void set_current_job(struct user *u, int job)
{
	if (u->cur_job != job) {
		u->prev_job = u->cur_job;
		u->cur_job = job;
	}
	if (u->prev_job != u->cur_job && stopped(u, u->prev_job))
		return;
	int candidate = NO_JOB;
	if (stopped(u, u->cur_job) && (candidate = most_recent(u, u->cur_job, true)) != NO_JOB) {
		u->prev_job = candidate;
		return;
	}
	candidate = running(u, u->cur_job) ? most_recent(u, u->cur_job, false) : most_recent(u, u->njobs, false);
	u->prev_job = candidate != NO_JOB ? candidate : u->cur_job;
}

/* reset_current: the newest stopped job is `+` (the current one if it is
 * stopped, else the previous one if stopped), else the newest running one. */
static void reset_current(struct user *u)
{
	int candidate = NO_JOB;
	if (stopped(u, u->cur_job))
		candidate = u->cur_job;
	else if (stopped(u, u->prev_job))
		candidate = u->prev_job;
	if (candidate == NO_JOB)
		candidate = most_recent(u, u->njobs, true);
	if (candidate == NO_JOB)
		candidate = most_recent(u, u->njobs, false);
	if (candidate != NO_JOB)
		set_current_job(u, candidate);
	else
		u->cur_job = u->prev_job = NO_JOB;
}

/* delete_job: the slot is free again; a new job takes the number after the
 * highest one in use (stop_pipeline, interactive). */
static void delete_job(struct user *u, int i)
{
	u->jobs[i].done = true;
	while (u->njobs > 0 && u->jobs[u->njobs - 1].done)
		u->njobs--;
	if (i == u->cur_job || i == u->prev_job)
		reset_current(u);
}

/* pretty_print_job (JLIST_STANDARD): "[N]", '+', '-' or ' ', a space, the
 * status padded to LONGEST_SIGNAL_DESC (24) bytes (bytes, as bash's STRLEN
 * counts them: a Chinese status is padded less), "(core dumped) ", the
 * command and " &" for a job running in the background. */
static void job_line(struct user *u, struct uproc *sh, int i, const char *status, const char *note, bool to_stderr)
{
	const struct job *j = &u->jobs[i];
	char line[512];
	char mark = i == u->cur_job ? '+' : i == u->prev_job ? '-' : ' ';
	bool amp = j->background && !j->stopped && !j->dead;
	snprintf(line, sizeof line, "[%d]%c  %-24s%s%s%s", i + 1, mark, status, note, j->cmd, amp ? " &" : "");
	shell_print(u, sh, line, to_stderr);
}

/* printable_job_status: Done, Exit N, or the signal's description as
 * strsignal() words it ("Killed", "Terminated"), in the user's language. */
static const char *end_status(const struct wait_status *st, char *buf, size_t n)
{
	if (st->how == 'x' && st->code == 0)
		return _("Done");
	if (st->how == 'x') {
		snprintf(buf, n, _("Exit %d"), st->code);
		return buf;
	}
	const char *d = sig_description(st->sig);
	if (d)
		return _(d);
	snprintf(buf, n, _("Signal %d"), st->sig);
	return buf;
}

/* The job in the foreground has stopped or ended: the terminal back to the
 * shell (give_terminal_to (shell_pgrp)). */
static void take_terminal(struct user *u, struct uproc *sh, const struct job *j)
{
	if (kernel_fg_pgrp(u->k) == j->pgid)
		sys_tcsetpgrp(u->k, sh->task, task_pgid(sh->task));
}

/* What bash's waitchld and notify_of_job_status do with one status that
 * waitpid(WUNTRACED|WCONTINUED) reported. */
static void note(struct user *u, struct uproc *sh, const struct wait_status *st)
{
	int i = job_of_pid(u, st->pid);
	if (i == NO_JOB)
		return;
	struct job *j = &u->jobs[i];
	bool was_fg = i == u->fg_job;
	if (st->how == 's') {
		if (j->stopped)
			return;
		/* set_job_status_and_cleanup: stopped, no longer in the
		 * foreground; waitchld makes it the current job. */
		j->stopped = true;
		j->background = true;
		if (was_fg)
			u->fg_job = NO_JOB;
		set_current_job(u, i);
		job_line(u, sh, i, _("Stopped"), "", true);
		take_terminal(u, sh, j);
		return;
	}
	if (st->how == 'c') {
		/* Continued by someone else (kill -CONT): running again, in the
		 * background (reset_current). */
		if (j->stopped) {
			j->stopped = false;
			j->background = true;
			reset_current(u);
		}
		return;
	}
	/* JDEAD: reported and deleted by notify_and_cleanup, once every
	 * status waiting has been collected */
	j->dead = true;
	j->end = *st;
}

/* notify_of_job_status, then cleanup_dead_jobs: the dead jobs in order,
 * each marked as the job table stands with all of them still in it; a
 * background job says how it ended, a foreground one only if a signal
 * killed it (not SIGINT, nor SIGPIPE: DONT_REPORT_SIGPIPE is on by default
 * in config-top.h, `yes | head -1` says nothing); then they go. */
static void notify_and_cleanup(struct user *u, struct uproc *sh)
{
	bool any = false;
	for (int i = 0; i < u->njobs; i++) {
		struct job *j = &u->jobs[i];
		if (j->done || !j->dead)
			continue;
		any = true;
		const struct wait_status *st = &j->end;
		char status[64], fg[96];
		const char *how = end_status(st, status, sizeof status);
		if (i != u->fg_job) {
			job_line(u, sh, i, how, st->core ? _("(core dumped) ") : "", true);
		} else if (st->how == 'k' && st->sig != SIG_INT && st->sig != SIG_PIPE) {
			snprintf(fg, sizeof fg, "%s%s", how, st->core ? _(" (core dumped)") : "");
			shell_print(u, sh, fg, true);
		}
		if (i == u->fg_job)
			u->fg_job = NO_JOB;
		take_terminal(u, sh, j);
	}
	for (int i = 0; any && i < u->njobs; i++)
		if (u->jobs[i].dead && !u->jobs[i].done)
			delete_job(u, i);
}

static void collect_jobs(struct user *u, struct uproc *sh)
{
	struct wait_status st;
	while (sys_wait4(u->k, sh->task, -1, K_WNOHANG | K_WUNTRACED | K_WCONTINUED, -1, &st) > 0)
		note(u, sh, &st);
	notify_and_cleanup(u, sh);
}

/* stop_pipeline: a new job in the slot after the highest one in use. A
 * background job may become the current one (reset_current). */
static int add_job(struct user *u, int pid, const char *cmd, bool background)
{
	if (u->njobs == MAX_JOBS)
		return NO_JOB;
	int i = u->njobs++;
	u->jobs[i] = (struct job){.pgid = pid, .leader_pid = pid, .cmd = cmd, .background = background};
	U(u, kernel_task(u->k, pid))->job = (int8_t)(i + 1);
	if (background)
		reset_current(u);
	else
		u->fg_job = i;
	return i;
}

void bash_boot_job(struct user *u, struct uproc *sh, struct proc *m, bool background)
{
	u->cur_job = u->prev_job = u->fg_job = NO_JOB;
	int i = add_job(u, task_pid(m), task_comm(m), background);
	(void)sh;
	(void)i;
}

/* describe_pid: "[1] 4616", the job's number and the PID of its (last)
 * process, on stderr. */
void bash_describe_job(struct user *u, int pid)
{
	int i = job_of_pid(u, pid);
	char line[64];
	snprintf(line, sizeof line, "[%d] %d", i + 1, pid);
	shell_print(u, U(u, u->shell), line, true);
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

/* ---- the builtins ---------------------------------------------------------- */

/* get_job_spec: none, %, %%, %+ (the current job), %- (the previous one),
 * %N or N; NO_JOB if there is no such job. */
static int job_spec(const struct user *u, const char *word)
{
	if (!word)
		return u->cur_job;
	if (*word == '%')
		word++;
	if (!*word || strcmp(word, "%") == 0 || strcmp(word, "+") == 0)
		return u->cur_job;
	if (strcmp(word, "-") == 0)
		return u->prev_job;
	char *end;
	long n = strtol(word, &end, 10);
	if (*end || n < 1 || !exists(u, (int)n - 1))
		return NO_JOB;
	return (int)n - 1;
}

/* fg_bg and start_job: fg makes the job current, prints its command, gives
 * it the terminal and continues it (killpg SIGCONT), then waits for it; bg
 * prints "[N]+ command &" (its mark before reset_current), continues it and
 * goes back to its prompt. */
static void fg_bg(struct user *u, struct uproc *sh, const char *builtin_name, const char *word, bool fg)
{
	int i = job_spec(u, word);
	char line[512];
	if (!exists(u, i)) {
		snprintf(line, sizeof line, _("%s: no such job"), word ? word : _("current"));
		shell_error(u, sh, builtin_name, line);
		return;
	}
	struct job *j = &u->jobs[i];
	if (!fg && !j->stopped) {
		snprintf(line, sizeof line, _("job %d already in background"), i + 1);
		shell_error(u, sh, builtin_name, line);
		return;
	}
	if (fg) {
		set_current_job(u, i);
		shell_print(u, sh, j->cmd, false);
		sys_tcsetpgrp(u->k, sh->task, j->pgid);
		j->background = false;
		u->fg_job = i;
	} else {
		const char *mark = i == u->cur_job ? "+ " : i == u->prev_job ? "- " : " ";
		snprintf(line, sizeof line, "[%d]%s%s &", i + 1, mark, j->cmd);
		shell_print(u, sh, line, false);
		j->background = true;
	}
	j->stopped = false;
	sys_kill(u->k, sh->task, -j->pgid, SIG_CONT);
	if (!fg)
		reset_current(u);
}

/* jobs: every job, in order (list_all_jobs, JLIST_STANDARD). */
static void jobs_builtin(struct user *u, struct uproc *sh)
{
	for (int i = 0; i < u->njobs; i++)
		if (!u->jobs[i].done)
			job_line(u, sh, i, u->jobs[i].stopped ? _("Stopped") : _("Running"), "", false);
}

/* kill [-SIG] %N|PID...: kill_pid with group for a job spec (killpg); a
 * stopped job that is sent SIGTERM or SIGHUP is continued too, so that it
 * can die; SIGCONT to a stopped job is `bg` without the message. */
static void kill_builtin(struct user *u, struct uproc *sh, char *args)
{
	int sig = SIG_TERM;
	char *save = NULL, *w = strtok_r(args, " ", &save);
	if (w && w[0] == '-' && w[1]) {
		if (!(sig = sig_from_name(w + 1, (int)strlen(w + 1)))) {
			char msg[128];
			snprintf(msg, sizeof msg, _("%s: invalid signal specification"), w + 1);
			shell_error(u, sh, "kill", msg);
			return;
		}
		w = strtok_r(NULL, " ", &save);
	}
	if (!w) {
		shell_error(u, sh, "kill", _("usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]"));
		return;
	}
	for (; w; w = strtok_r(NULL, " ", &save)) {
		char msg[128];
		if (w[0] == '%') {
			int i = job_spec(u, w);
			if (!exists(u, i)) {
				snprintf(msg, sizeof msg, _("%s: no such job"), w);
				shell_error(u, sh, "kill", msg);
				continue;
			}
			struct job *j = &u->jobs[i];
			sys_kill(u->k, sh->task, -j->pgid, sig);
			if (j->stopped && (sig == SIG_TERM || sig == SIG_HUP))
				sys_kill(u->k, sh->task, -j->pgid, SIG_CONT);
			if (j->stopped && sig == SIG_CONT) {
				j->stopped = false;
				j->background = true;
			}
			continue;
		}
		char *end;
		long pid = strtol(w, &end, 10);
		if (*end || pid < 1 || pid > 0x7fffffff) {
			snprintf(msg, sizeof msg, _("%s: arguments must be process or job IDs"), w);
			shell_error(u, sh, "kill", msg);
		} else if (sys_kill(u->k, sh->task, (int)pid, sig) == SIGOUT_NO_PROCESS) {
			snprintf(msg, sizeof msg, _("(%ld) - No such process"), pid);
			shell_error(u, sh, "kill", msg);
		}
	}
}

/* Is `cmd` a program of the scenario: main's command line, or a program's
 * name? (execve finding the file.) */
static const struct program *find_command(const struct user *u, const char *cmd)
{
	const struct scenario *sc = u->sc;
	for (int i = 0; i < sc->nprograms; i++) {
		const struct program *g = sc->programs[i];
		if (!g->is_job && g->nparams == 0 && strcmp(g->name, cmd) == 0)
			return g;
	}
	return NULL;
}

/* execute_disk_command with job control: fork; in the child and in the
 * parent, setpgid(pid, pid); a foreground job gets the terminal
 * (tcsetpgrp) and the shell waits for it; a background job is announced,
 * `[N] PID`, and the shell reads its next line. */
static void run_program(struct user *u, struct uproc *sh, const struct program *prog, const char *cmd, bool bg)
{
	const char *name = arena_strdup(u->strings, cmd);
	struct fork_args fa = user_program_args(u, prog, name);
	int err = 0;
	struct proc *t = sys_fork(u->k, sh->task, &fa, &err);
	if (!t) {
		struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = sh->pid, .err = err, .text = name,
				       .syscall = syscall_name(SYS_FORK)};
		kernel_emit(u->k, &ev);
		shell_error(u, sh, "fork", _("Resource temporarily unavailable"));
		return;
	}
	user_exec(u, t, prog);
	int pid = task_pid(t);
	sys_setpgid(u->k, sh->task, pid, pid);
	if (!bg)
		sys_tcsetpgrp(u->k, sh->task, pid);
	kernel_wake_new_task(u->k, t);
	if (add_job(u, pid, name, bg) == NO_JOB) {
		shell_error(u, sh, "fork", _("too many jobs"));
		return;
	}
	if (bg)
		bash_describe_job(u, pid);
}

static void run_command(struct user *u, struct uproc *sh, const char *typed)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", typed);
	/* words split on spaces; a trailing '&' runs the command in the
	 * background */
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	bool amp = n && buf[n - 1] == '&';
	if (amp) {
		buf[--n] = '\0';
		while (n && buf[n - 1] == ' ')
			buf[--n] = '\0';
	}
	char *cmd = buf + strspn(buf, " ");
	if (!*cmd)
		return;
	char *arg = strchr(cmd, ' ');
	char word[64];
	snprintf(word, sizeof word, "%.*s", arg ? (int)(arg - cmd) : (int)strlen(cmd), cmd);
	if (arg)
		arg += strspn(arg, " ");
	if (arg && !*arg)
		arg = NULL;
	if (strcmp(word, "jobs") == 0) {
		jobs_builtin(u, sh);
	} else if (strcmp(word, "fg") == 0 || strcmp(word, "bg") == 0) {
		fg_bg(u, sh, word, arg, word[0] == 'f' && !amp);
	} else if (word[0] == '%') {
		/* `%1` is `fg %1`, `%1 &` is `bg %1` */
		fg_bg(u, sh, amp ? "bg" : "fg", word, !amp);
	} else if (strcmp(word, "kill") == 0) {
		kill_builtin(u, sh, arg ? arg : word + 4);
	} else if (strcmp(word, "wait") == 0) {
		u->waiting = true; /* wait_for_background_pids */
	} else {
		const struct program *prog = find_command(u, cmd);
		if (prog) {
			run_program(u, sh, prog, cmd, amp);
		} else {
			char msg[600], out[700];
			snprintf(msg, sizeof msg, _("%s: command not found"), cmd);
			snprintf(out, sizeof out, "%s: %s", task_comm(sh->task), msg);
			shell_print(u, sh, out, true);
		}
	}
}

static bool any_running_in_background(const struct user *u)
{
	for (int i = 0; i < u->njobs; i++)
		if (running(u, i) && u->jobs[i].background)
			return true;
	return false;
}

enum run_result bash_step(struct user *u, struct uproc *sh)
{
	collect_jobs(u, sh);
	struct wait_status st;
	if (u->fg_job != NO_JOB) {
		/* wait_for: the foreground job, until it stops or ends */
		const struct job *j = &u->jobs[u->fg_job];
		int r = sys_wait4(u->k, sh->task, j->leader_pid, K_WUNTRACED | K_WCONTINUED, -1, &st);
		if (r == K_RESTART)
			return (enum run_result)exec_restart(sh);
		if (r > 0)
			note(u, sh, &st);
		else
			u->fg_job = NO_JOB; /* gone (ECHILD): someone else reaped it */
		notify_and_cleanup(u, sh);
		return RUN_NEXT;
	}
	if (u->waiting) {
		/* the wait builtin: every job running in the background, one
		 * status at a time, each noted (and reported) as it comes */
		if (!any_running_in_background(u)) {
			u->waiting = false;
			return RUN_NEXT;
		}
		int r = sys_wait4(u->k, sh->task, -1, K_WUNTRACED | K_WCONTINUED, -1, &st);
		if (r == K_RESTART)
			return (enum run_result)exec_restart(sh);
		if (r > 0)
			note(u, sh, &st);
		else
			u->waiting = false;
		notify_and_cleanup(u, sh);
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
