/* cron.c: the cron daemon, as Debian's cron (Vixie cron 3.0 with Debian's
 * patches) runs the user's crontab. Its main loop (cron.c: main,
 * cron_sleep, find_jobs, job_runqueue) sleeps until a minute at which a
 * line is due, then runs each due line with do_command (do_command.c):
 *
 *   cron ─fork─▶ cron's child ("/usr/sbin/CRON -f": child_process upshifts
 *                its program name "to be different to PS command watchers")
 *                    ─fork─▶ the job: setsid(), setuid(the crontab's owner),
 *                            execle("/bin/sh", "sh", "-c", CMD)
 *
 * The child waits for the job with wait() and exits; cron catches SIGCHLD
 * (sigchld_handler notes it) and reaps the child with waitpid(-1, WNOHANG)
 * in its loop (sigchld_reaper), then goes back to sleep for the rest of the
 * minute. The job's shell runs one command, which dash (0.5.11 and later)
 * execs in place of itself: the job's process shows the program's name. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user.h"
#include "user_int.h"

#define CRON_NAME "/usr/sbin/cron -f"       /* as systemd's cron.service starts it (ExecStart) */
#define CRON_CHILD_NAME "/usr/sbin/CRON -f" /* do_command's child, its name upshifted */
#define CRONTAB_UID 1000                    /* the crontab is the logged-in user's (crontab -e) */
#define SECONDS_PER_MINUTE 60

static struct program *one_insn_program(struct user *u, const char *name, enum opcode op, int nlocals)
{
	struct program *g = arena_alloc(u->strings, sizeof *g);
	struct insn *in = arena_alloc(u->strings, sizeof *in);
	if (!g || !in)
		abort();
	memset(g, 0, sizeof *g);
	memset(in, 0, sizeof *in);
	in->op = (uint8_t)op;
	g->name = name;
	g->insns = in;
	g->ninsns = 1;
	g->nlocals = nlocals;
	return g;
}

struct fork_args user_cron_args(struct user *u)
{
	(void)u;
	return user_exec_args(CRON_NAME, "job", 0); /* a small C program; does next to no work */
}

/* cron.service's process: systemd's exec_child made it a session leader
 * (setsid) before it exec'd cron -f; cron installs its SIGCHLD handler. */
void user_boot_cron(struct user *u, struct proc *cron)
{
	u->builtin_cron = one_insn_program(u, CRON_NAME, OP_CRON, 0);
	u->builtin_cron_child = one_insn_program(u, CRON_CHILD_NAME, OP_CRON_CHILD, 1);
	user_image_init(u, U(u, cron), cron, u->builtin_cron);
	sys_setsid(u->k, cron);
	sys_sigaction(u->k, cron, SIG_CHLD, ADDR_CRON_SIGCHLD);
	u->cron = (struct cron_daemon){.next = -1};
}

/* The wall clock: the run starts at SIM_WALL_EPOCH. A minute, in minutes
 * since the Unix epoch, and the first tick at or after its start. */
static int64_t minute_now(const struct user *u)
{
	return SIM_WALL_EPOCH / SECONDS_PER_MINUTE + kernel_clock(u->k) * u->sc->tick_us / (SECONDS_PER_MINUTE * 1000000LL);
}

static int64_t minute_tick(const struct user *u, int64_t minute)
{
	int64_t us = (minute - SIM_WALL_EPOCH / SECONDS_PER_MINUTE) * SECONDS_PER_MINUTE * 1000000LL;
	return (us + u->sc->tick_us - 1) / u->sc->tick_us;
}

/* The first minute from `from` at which a line of the crontab is due, or -1
 * (none in the next ten years: "0 0 30 2 *" never comes). */
static int64_t next_due(const struct user *u, int64_t from)
{
	int64_t best = -1;
	for (int i = 0; i < u->sc->ncron; i++) {
		int64_t last = best >= 0 ? best : from + 10 * 366 * 24 * 60;
		int64_t m = crontab_next(&u->sc->cron[i].when, from, last);
		if (m >= 0 && (best < 0 || m < best))
			best = m;
	}
	return best;
}

/* do_command: fork; the child runs child_process, cron goes on at once. */
static void do_command(struct user *u, struct uproc *cron, int entry)
{
	struct fork_args fa = {.comm = CRON_CHILD_NAME, .demand = 0};
	int err = 0;
	struct proc *t = sys_fork(u->k, cron->task, &fa, &err);
	if (!t) { /* log_it("CRON", getpid(), "error", "can't fork") */
		exec_fork_failed(u, cron->pid, err, CRON_CHILD_NAME);
		return;
	}
	struct uproc *c = U(u, t);
	user_image_init(u, c, t, u->builtin_cron_child);
	c->locals[0] = (struct value){.kind = VAL_INT, .i = entry};
	kernel_wake_new_task(u->k, t);
}

/* job_runqueue: every line due at `minute`, in the crontab's order. */
static void run_due(struct user *u, struct uproc *p, int64_t minute)
{
	for (int i = 0; i < u->sc->ncron; i++) {
		const struct cron_sched *w = &u->sc->cron[i].when;
		if (minute < 0 ? (w->flags & CRON_REBOOT) != 0 : crontab_matches(w, minute))
			do_command(u, p, i);
	}
}

/* sigchld_reaper: waitpid(-1, WNOHANG) until nothing more is dead. */
static void reap_children(struct user *u, struct uproc *p)
{
	struct wait_status st;
	while (sys_wait4(u->k, p->task, -1, K_WNOHANG, -1, &st) > 0)
		continue;
}

/* sigchld_handler: got_sigchld = 1; the loop does the rest. */
void cron_signal(struct user *u, struct uproc *p, int sig)
{
	u->cron.got_sigchld = true;
	sys_sigreturn(u->k, p->task, sig);
}

enum run_result cron_step(struct user *u, struct uproc *p)
{
	struct cron_daemon *c = &u->cron;
	if (c->got_sigchld) {
		c->got_sigchld = false;
		reap_children(u, p);
	}
	if (!c->started) {
		/* run_reboot_jobs, then the first minute after the one it
		 * started in (cron_sleep(timeRunning + 1)). */
		c->started = true;
		run_due(u, p, -1);
		c->next = next_due(u, minute_now(u) + 1);
	}
	if (c->next < 0) { /* nothing will ever be due: asleep for good */
		sys_pause(u->k, p->task);
		return (enum run_result)exec_restart(p);
	}
	if (sys_nanosleep(u->k, p->task, minute_tick(u, c->next)) != 0)
		return (enum run_result)exec_restart(p);
	run_due(u, p, c->next);
	c->next = next_due(u, c->next + 1);
	return RUN_NEXT;
}

/* child_process: SIGCHLD back to its default (Debian: it waits with
 * wait()), the job forked, then wait() for it, and _exit(0). */
enum run_result cron_child_step(struct user *u, struct uproc *p)
{
	if (p->progress == PROGRESS_NONE) {
		sys_sigaction(u->k, p->task, SIG_CHLD, K_SIG_DFL);
		const struct program *prog = u->sc->programs[u->sc->cron[p->locals[0].i].program];
		struct fork_args fa = user_program_args(u, prog, prog->name);
		int err = 0;
		struct proc *t = sys_fork(u->k, p->task, &fa, &err);
		if (!t) {
			exec_fork_failed(u, p->pid, err, prog->name);
			sys_exit(u->k, p->task, 1); /* exit(ERROR_EXIT) */
			return RUN_GONE;
		}
		/* The grandchild: "get new pgrp, void tty, etc.", the user's ID,
		 * then the exec of the user's command. */
		sys_setsid(u->k, t);
		sys_setuid(u->k, t, CRONTAB_UID);
		user_exec(u, t, prog);
		kernel_wake_new_task(u->k, t);
		p->progress = 0;
	}
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, -1, 0, -1, &st);
	if (r == K_RESTART)
		return (enum run_result)exec_restart(p);
	sys_exit(u->k, p->task, 0);
	return RUN_GONE;
}
