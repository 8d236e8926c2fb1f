/* kernel.c: the simulation object and the tick loop.
 *
 * The phases of tick t, in this order (docs/semantics.md explains why):
 *   1. timeline events scheduled at t, in file order;
 *   2. timers due at t, in (expiry, arming) order: their sleepers wake;
 *   3. each CPU in index order runs its process, or picks one from the run
 *      queue; zero-time instructions run at time t until the process starts
 *      computing (it holds the CPU for tick t) or blocks or exits (the CPU
 *      then picks the next runnable process, still within tick t);
 *   4. at time t+1, each computing process is charged the tick; one whose
 *      compute has just finished goes on with its zero-time instructions at
 *      t+1; then the policy may preempt it at the end of its slice.
 * When nothing is runnable the clock jumps to the next timer or timeline
 * event: nothing can happen in between. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kernel_int.h"
#include "lang/program.h"
#include "sig.h"
#include "snapshot.h"

static void run_keyboard(struct sim *s);

void kernel_emit(struct sim *s, struct sim_event *ev)
{
	ev->t = s->clock;
	s->last_event = s->clock;
	/* Whatever the events, a tick that never ends (processes forking and
	 * exiting, or passing a value back and forth, with no time passing)
	 * is stopped before its trace fills a disk. */
	if (++s->tick_total_events > SIM_TICK_EVENTS_MAX && s->running && s->status == SIM_RUNNING) {
		const struct insn *in = &s->running->prog->insns[s->running->pc];
		kernel_fault(s, s->running, in->line, in->col);
		s->fault.flood = true;
		return;
	}
	/* A loop that makes no progress without time passing (a `wait` that
	 * fails at once, forever) repeats the same event from the same
	 * instruction: stop it before it floods the output. init reaping ten
	 * thousand zombies, or a process forking them, report different
	 * events, and are left alone. Counted only once the tick is long, so
	 * that ordinary ticks pay nothing for it (with or without a sink). */
	if (s->tick_total_events > SIM_EVENT_LIMIT && s->running) {
		uint64_t sig = (uint64_t)ev->kind << 56 ^ (uint64_t)(uint32_t)ev->pid << 24 ^
			       (uint64_t)(uint32_t)s->running->pc << 4 ^ (uint64_t)(uint32_t)ev->other ^
			       (uint64_t)ev->sig << 48 ^ (uint64_t)(uint32_t)ev->wait_pid << 8;
		if (sig == s->last_sig) {
			if (++s->tick_events > SIM_EVENT_LIMIT) {
				const struct insn *in = &s->running->prog->insns[s->running->pc];
				kernel_fault(s, s->running, in->line, in->col);
				s->fault.events = true;
				return;
			}
		} else {
			s->last_sig = sig;
			s->tick_events = 0;
		}
	}
	if (!s->sink)
		return;
	if (!ev->name && ev->pid > 0) {
		struct proc *p = proc_by_pid(s, ev->pid);
		ev->name = p ? p->name : NULL;
	}
	s->sink(s->sink_ctx, ev);
}

/* The innermost loop around pc: the backward jump that spans it with the
 * latest start. A runaway is reported at the loop, where the fix goes. */
static const struct insn *loop_around(const struct program *g, int pc)
{
	const struct insn *best = NULL;
	for (int j = pc; j < g->ninsns; j++) {
		const struct insn *in = &g->insns[j];
		if (in->op == OP_JUMP && in->target >= 0 && in->target <= pc &&
		    (!best || in->target > (int)(best - g->insns)))
			best = &g->insns[in->target];
	}
	return best;
}

void kernel_fault(struct sim *s, struct proc *p, int line, int col)
{
	const struct insn *loop = loop_around(p->prog, p->pc);
	if (loop && loop->line > 0) {
		line = loop->line;
		col = loop->col;
	}
	if (s->status == SIM_RUNNING) {
		s->status = SIM_RUNAWAY;
		s->fault = (struct sim_fault){.pid = p->pid, .line = line, .col = col};
	}
}

struct sim *sim_new(const struct scenario *sc, const struct sim_options *opt)
{
	struct sim *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->sc = sc;
	if (opt)
		s->opt = *opt;
	s->ncpus = s->opt.cpus > 0 ? s->opt.cpus : sc->cpus;
	if (s->ncpus > 64)
		s->ncpus = 64;
	struct sched_params params = sc->sched;
	if (s->opt.policy && sched_find(s->opt.policy))
		snprintf(params.policy, sizeof params.policy, "%s", s->opt.policy);
	if (s->opt.quantum > 0)
		params.quantum = s->opt.quantum;
	if (s->opt.switch_cost >= 0 && s->opt.switch_cost_set)
		params.switch_cost = s->opt.switch_cost;
	s->load_freq = sc->minute / 12 > 0 ? sc->minute / 12 : 1;
	if (s->opt.max_ticks <= 0)
		s->opt.max_ticks = SIM_DEFAULT_MAX_TICKS;
	s->pid_slot = calloc((size_t)sc->pid_max, sizeof *s->pid_slot);
	s->strings = arena_new();
	s->strings_refs = malloc(sizeof *s->strings_refs);
	if (!s->pid_slot || !s->strings || !s->strings_refs) {
		free(s->pid_slot);
		arena_free(s->strings);
		free(s->strings_refs);
		free(s);
		return NULL;
	}
	*s->strings_refs = 1;
	s->free_slots = NIL;
	s->init = s->shell = NIL;
	s->first_arrival = -1;
	for (int c = 0; c < 64; c++)
		s->cpus[c].curr = NIL;
	sched_init(s, &params);
	plist_init(&s->stopped);
	struct waitq *qs[] = {&s->timer_q, &s->disk_q, &s->tty_q, &s->pause_q};
	enum wchan ws[] = {WCHAN_TIMER, WCHAN_DISK, WCHAN_TTY, WCHAN_PAUSE};
	for (int i = 0; i < 4; i++) {
		plist_init(&qs[i]->members);
		qs[i]->wchan = ws[i];
		qs[i]->obj = -1;
	}
	if (!ipc_init(s)) {
		sim_free(s);
		return NULL;
	}
	shell_build_programs(s);
	s->status = SIM_RUNNING;
	return s;
}

void sim_free(struct sim *s)
{
	if (!s)
		return;
	proc_free_all(s);
	ipc_fini(s);
	sched_fini(s);
	free(s->reaped);
	free(s->pid_slot);
	free(s->heap);
	free(s->tty_lines);
	if (s->strings_refs && --*s->strings_refs == 0) {
		arena_free(s->strings);
		free(s->strings_refs);
	}
	free(s);
}

void sim_set_sink(struct sim *s, sim_sink_fn *fn, void *ctx)
{
	s->sink = fn;
	s->sink_ctx = ctx;
}

int64_t sim_now(const struct sim *s) { return s->now; }
enum sim_status sim_status(const struct sim *s) { return s->status; }
int64_t sim_last_event_tick(const struct sim *s) { return s->last_event; }

int64_t sim_end_tick(const struct sim *s)
{
	return s->status == SIM_DONE || s->status == SIM_STUCK ? s->last_event : s->clock;
}
const struct scenario *sim_scenario(const struct sim *s) { return s->sc; }
int sim_cpus(const struct sim *s) { return s->ncpus; }
int64_t sim_quantum(const struct sim *s) { return s->sched.params.quantum; }
const struct sched_params *sim_sched_params(const struct sim *s) { return &s->sched.params; }
const struct sim_fault *sim_fault(const struct sim *s) { return &s->fault; }

/* The first values of the scenario's globals, each in order (a later one
 * may use an earlier one), and of the shared values. */
static void init_globals(struct sim *s, struct proc *p)
{
	const struct scenario *sc = s->sc;
	if (sc->nglobals) {
		p->globals = calloc((size_t)sc->nglobals, sizeof *p->globals);
		if (!p->globals)
			abort();
		for (int i = 0; i < sc->nglobals; i++)
			p->globals[i] = eval_expr(s, p, sc->global_init[i]);
	}
	for (int i = 0; i < s->nobjs; i++)
		if (s->objs[i].decl->kind == OBJ_SHARED && !s->objs[i].shared.kind)
			s->objs[i].shared = eval_expr(s, p, s->objs[i].decl->init);
	p->exc = -1;
}

/* A running system before the scenario starts: init waiting for children,
 * the shell waiting for its foreground job, main runnable. */
static void boot(struct sim *s)
{
	int err;
	struct proc *init = proc_alloc(s, s->builtin_init, NULL, &err);
	struct proc *sh = proc_alloc(s, s->builtin_shell, init, &err);
	init->flags |= PF_BUILTIN;
	sh->flags |= PF_BUILTIN;
	sh->pgid = sh->pid; /* a login shell leads its own process group (and session) */
	s->init = init->self;
	s->shell = sh->self;
	/* An interactive bash ignores TERM, INT, TSTP and TTIN and catches CHLD. */
	sh->sig_ignored = (1u << SIG_TERM) | (1u << SIG_INT) | (1u << SIG_TSTP) | (1u << SIG_TTIN);
	sh->handler_pc = calloc(SIG_MAX, sizeof *sh->handler_pc);
	if (!sh->handler_pc)
		abort();
	sh->handler_pc[SIG_CHLD] = 2;
	sh->sig_handled = 1u << SIG_CHLD;
	struct proc *m = NULL;
	if (s->sc->main_index >= 0) {
		m = proc_alloc(s, s->sc->programs[s->sc->main_index], sh, &err);
		m->sig_ignored = 0; /* bash restores the default dispositions for its jobs */
		/* A Python interpreter installs default_int_handler for SIGINT
		 * (signal module init): Ctrl+C raises KeyboardInterrupt. */
		if (m->name && strncmp(m->name, "python", 6) == 0)
			m->flags |= PF_PYTHON | PF_PY_INT;
		s->nuser = 1;
		init_globals(s, m);
		/* main created the shared objects: it holds every pipe end. */
		for (int i = 0; i < s->nobjs && i < MAX_OBJECTS; i++)
			if (s->objs[i].decl->kind == OBJ_PIPE_END) {
				m->pipes_open |= 1ull << i;
				s->objs[i].open = 1;
			}
		/* The shell puts its job in a process group of its own (setpgid)
		 * and gives it the terminal (tcsetpgrp). */
		m->pgid = m->pid;
		s->tty_fg_pgid = m->pgid;
		s->jobs[0] = (struct job){.pgid = m->pgid, .leader_pid = m->pid, .cmd = m->name};
		s->njobs = 1;
		m->job = 1;
	} else {
		s->tty_fg_pgid = sh->pgid;
	}
	struct proc *all[] = {init, sh, m};
	for (int i = 0; i < 3 && all[i]; i++) {
		struct sim_event ev = {.kind = EV_SPAWN, .pid = all[i]->pid, .ppid = proc_ppid(s, all[i]),
				       .name = all[i]->name};
		kernel_emit(s, &ev);
	}
	init->state = 'S';
	init->place = PL_WAITQ;
	init->chan = &init->child_wait;
	plist_push_tail(s, &init->child_wait.members, init->self);
	sh->state = 'S';
	sh->place = PL_WAITQ;
	if (m) {
		sh->chan = &sh->child_wait;
		sh->wait_pid = m->pid;
		plist_push_tail(s, &sh->child_wait.members, sh->self);
		proc_make_runnable(s, m);
	} else {
		sh->chan = &s->tty_q;
		plist_push_tail(s, &s->tty_q.members, sh->self);
	}
	s->booted = true;
}

/* A textbook job arrives: created by the kernel, with init as its parent. */
static void job_arrives(struct sim *s, const struct timeline_event *e)
{
	int err = 0;
	struct proc *init = P(s, s->init);
	const struct program *prog = s->sc->programs[e->program];
	struct proc *p = proc_alloc(s, prog, init, &err);
	if (!p) {
		struct sim_event ev = {.kind = EV_FORK_FAILED, .pid = 1, .err = err, .name = prog->name};
		kernel_emit(s, &ev);
		return;
	}
	p->nice = (int8_t)e->nice;
	s->nuser++;
	init_globals(s, p);
	struct sim_event ev = {.kind = EV_SPAWN, .pid = p->pid, .ppid = 1, .name = p->name};
	kernel_emit(s, &ev);
	proc_make_runnable(s, p);
}

static void run_timeline(struct sim *s)
{
	const struct scenario *sc = s->sc;
	while (s->next_timeline < sc->ntimeline && sc->timeline[s->next_timeline].at_ticks <= s->now) {
		const struct timeline_event *e = &sc->timeline[s->next_timeline++];
		if (e->kind == TL_JOB)
			job_arrives(s, e);
		else
			shell_timeline(s, e);
	}
}

static void fire_timers(struct sim *s)
{
	struct proc *p;
	while ((p = timer_pop_due(s, s->now))) {
		enum wake_reason why = p->chan == &s->timer_q ? WAKE_TIMER
				     : p->chan == &s->disk_q ? WAKE_IO_DONE : WAKE_TIMEOUT;
		proc_wake(s, p, why);
	}
}

static void dispatch(struct sim *s, int c, struct proc *p)
{
	struct cpu *cpu = &s->cpus[c];
	proc_acct_leave(s, p);
	p->place = PL_CPU;
	p->cpu = (int8_t)c;
	p->slice_used = 0;
	if (p->first_run < 0)
		p->first_run = s->clock;
	cpu->curr = p->self;
	if (cpu->last_pid != p->pid) {
		s->context_switches++;
		/* A switch to another process costs system time, if the scenario says so. */
		if (cpu->last_pid != 0)
			cpu->switch_left = s->sched.params.switch_cost;
	}
	cpu->last_pid = p->pid;
	struct sim_event ev = {.kind = EV_DISPATCH, .pid = p->pid, .cpu = c};
	kernel_emit(s, &ev);
}

/* curr goes back to the run queue: its slice is over, or someone more
 * important is runnable. */
static void preempt(struct sim *s, int c, struct proc *p)
{
	proc_leave_cpu(s, p);
	struct sim_event ev = {.kind = EV_PREEMPT, .pid = p->pid, .cpu = c};
	kernel_emit(s, &ev);
	p->nivcsw++;
	p->state = 'R';
	p->place = PL_RUNQ;
	p->since = s->clock;
	s->sched.policy->enqueue(s, p, ENQ_PREEMPTED);
}

/* check_preempt_curr: the runnable p may take a CPU from a less important
 * process. An idle CPU will pick it up anyway; otherwise the CPU running the
 * least important process is told to reschedule at its next chance. */
void kernel_check_preempt(struct sim *s, struct proc *p)
{
	int victim = -1;
	for (int c = 0; c < s->ncpus; c++) {
		if (s->cpus[c].curr == NIL)
			return;
		struct proc *curr = P(s, s->cpus[c].curr);
		if (!s->sched.policy->before(s, p, curr))
			continue;
		if (victim < 0 || s->sched.policy->before(s, P(s, s->cpus[victim].curr), curr))
			victim = c;
	}
	if (victim >= 0)
		s->cpus[victim].need_resched = true;
}

static void resched_if_needed(struct sim *s, int c)
{
	struct cpu *cpu = &s->cpus[c];
	if (!cpu->need_resched)
		return;
	cpu->need_resched = false;
	if (cpu->curr == NIL)
		return;
	struct proc *curr = P(s, cpu->curr), *next = s->sched.policy->peek(s);
	if (next && s->sched.policy->before(s, next, curr))
		preempt(s, c, curr);
}

/* Phase 3 for one CPU: run processes until one holds the CPU for this tick. */
static void run_cpu(struct sim *s, int c)
{
	struct cpu *cpu = &s->cpus[c];
	resched_if_needed(s, c);
	while (s->status == SIM_RUNNING) {
		if (cpu->curr == NIL) {
			struct proc *next = s->sched.policy->pick_next(s, c);
			if (!next)
				return;
			dispatch(s, c, next);
		}
		if (cpu->switch_left > 0) {
			cpu->claimed = cpu->in_switch = true;
			return;
		}
		struct proc *p = P(s, cpu->curr);
		if (exec_run(s, p) == RUN_SPENT) {
			cpu->claimed = true;
			return;
		}
	}
}

/* Phase 4 for one CPU, at time t+1. */
static void end_tick_cpu(struct sim *s, int c)
{
	struct cpu *cpu = &s->cpus[c];
	if (!cpu->claimed || cpu->curr == NIL) {
		cpu->claimed = cpu->in_switch = false;
		return;
	}
	struct proc *p = P(s, cpu->curr);
	cpu->claimed = false;
	if (cpu->in_switch) {
		cpu->in_switch = false;
		cpu->switch_left--;
		cpu->system_ticks++;
		return;
	}
	cpu->user_ticks++;
	p->cpu_ticks++;
	p->slice_used++;
	if (s->sched.policy->charge)
		s->sched.policy->charge(s, p);
	if (p->progress > 0 && --p->progress == 0) {
		p->pc++;
		p->progress = PROGRESS_NONE;
		if (exec_run(s, p) != RUN_SPENT || s->status != SIM_RUNNING)
			return; /* blocked or exited at t+1: the CPU is free */
		cpu->claimed = false; /* it starts computing again in the next tick */
	}
	if (s->sched.policy->tick(s, p, c))
		preempt(s, c, p);
	else
		resched_if_needed(s, c);
}

static bool cpus_idle(const struct sim *s)
{
	for (int c = 0; c < s->ncpus; c++)
		if (s->cpus[c].curr != NIL)
			return false;
	return s->sched.policy->count(s) == 0;
}

static int64_t next_event_tick(const struct sim *s)
{
	if (s->next_ext)
		return s->now; /* the keyboard's signals act at the next tick */
	int64_t t = timer_next(s);
	if (s->next_timeline < s->sc->ntimeline && s->sc->timeline[s->next_timeline].at_ticks < t)
		t = s->sc->timeline[s->next_timeline].at_ticks;
	return t;
}

static int64_t stop_tick(const struct sim *s)
{
	return s->sc->limit >= 0 ? s->sc->limit : s->opt.max_ticks;
}

static enum sim_status finish_status(struct sim *s)
{
	if (s->status != SIM_RUNNING)
		return s->status;
	bool timeline_left = s->next_timeline < s->sc->ntimeline;
	if (s->nuser == 0 && !timeline_left && cpus_idle(s))
		return s->status = SIM_DONE;
	if (s->now >= stop_tick(s))
		return s->status = s->sc->limit >= 0 ? SIM_LIMIT : SIM_RUNAWAY;
	if (cpus_idle(s) && next_event_tick(s) == INT64_MAX)
		return s->status = s->nuser == 0 ? SIM_DONE : SIM_STUCK;
	return SIM_RUNNING;
}

/* Phases 1-3 of the tick at s->now (after an idle jump bounded by horizon). */
static void tick_begin(struct sim *s, int64_t horizon)
{
	if (!s->booted) {
		boot(s);
	} else if (cpus_idle(s)) {
		/* Nothing runs: jump to the next thing that can happen. */
		int64_t t = next_event_tick(s);
		int64_t stop = stop_tick(s);
		if (t > stop)
			t = stop;
		if (t > horizon)
			t = horizon;
		if (t > s->now) {
			/* The samples the idle stretch crosses see only D sleepers. */
			int64_t f = s->load_freq;
			int64_t n = t / f - s->now / f;
			metrics_load_sample(s, n, s->disk_q.members.count);
			s->now = t;
		}
		if (s->now >= stop) {
			finish_status(s);
			return;
		}
	}
	s->clock = s->now;
	s->steps = 0;
	s->tick_events = 0;
	s->tick_total_events = 0;
	s->last_sig = 0;
	run_timeline(s);
	run_keyboard(s);
	fire_timers(s);
	for (int c = 0; c < s->ncpus; c++)
		s->cpus[c].claimed = false;
	/* A process woken by a later CPU may run on an earlier, idle one in the
	 * same tick (Linux would send that idle CPU a reschedule IPI): go round
	 * the CPUs again until every CPU is busy or nothing is runnable. */
	bool progress = true;
	while (progress && s->status == SIM_RUNNING) {
		progress = false;
		for (int c = 0; c < s->ncpus; c++)
			if (!s->cpus[c].claimed && (s->cpus[c].curr != NIL || s->sched.policy->count(s) > 0)) {
				run_cpu(s, c);
				progress |= s->cpus[c].claimed;
			}
	}
	s->half_done = true;
	/* When nothing will ever happen again, the run ends in this tick, not
	 * at the next one: every view then shows the tick of the last event. */
	if (s->status == SIM_RUNNING && cpus_idle(s) && next_event_tick(s) == INT64_MAX)
		finish_status(s);
}

/* Phase 4, at time now+1. */
static void tick_end(struct sim *s)
{
	s->clock = s->now + 1;
	for (int c = 0; c < s->ncpus && s->status == SIM_RUNNING; c++)
		end_tick_cpu(s, c);
	s->now++;
	s->clock = s->now;
	s->half_done = false;
	if (s->now % s->load_freq == 0) {
		/* calc_global_load: R (running and runnable) plus D. */
		uint64_t active = (uint64_t)s->sched.policy->count(s) + s->disk_q.members.count;
		for (int c = 0; c < s->ncpus; c++)
			active += s->cpus[c].curr != NIL;
		metrics_load_sample(s, 1, active);
	}
	if (s->opt.check) {
		const char *bad = sim_check(s);
		if (bad) {
			fprintf(stderr, "procsim: internal error at t=%lld: %s\n", (long long)s->now, bad);
			abort();
		}
	}
	finish_status(s);
}

enum sim_status sim_step(struct sim *s)
{
	if (s->status != SIM_RUNNING)
		return s->status;
	if (!s->half_done) {
		tick_begin(s, INT64_MAX);
		if (s->status != SIM_RUNNING)
			return s->status;
	}
	tick_end(s);
	return s->status;
}

enum sim_status sim_run(struct sim *s, int64_t until)
{
	while (s->status == SIM_RUNNING && (until < 0 || s->now < until)) {
		/* An idle stretch that reaches `until` ends the run there. */
		if (until >= 0 && s->booted && !s->half_done && cpus_idle(s)) {
			int64_t next = next_event_tick(s);
			if (next >= until && stop_tick(s) >= until) {
				int64_t f = s->load_freq;
				metrics_load_sample(s, until / f - s->now / f, s->disk_q.members.count);
				s->now = until;
				break;
			}
		}
		sim_step(s);
	}
	return s->status;
}

enum sim_status sim_advance_to(struct sim *s, int64_t t)
{
	sim_run(s, t);
	if (s->status == SIM_RUNNING && !s->half_done && s->now <= t)
		tick_begin(s, t);
	return s->status;
}

/* The keyboard's signals wait for the start of the next tick, where they
 * act right after that tick's timeline events: exactly where the lines
 * `at TICK kill -SIG PID` that --record appends will act on a replay. */
enum sig_outcome sim_send_signal(struct sim *s, int pid, int sig)
{
	/* A simulation in which nothing could run any more may be unstuck by
	 * the teacher (killing a deadlocked process, say). */
	if (s->status == SIM_STUCK)
		s->status = SIM_RUNNING;
	if (s->status != SIM_RUNNING || s->next_ext == (int)(sizeof s->ext / sizeof s->ext[0]))
		return SIGOUT_NO_PROCESS;
	s->ext[s->next_ext].pid = pid;
	s->ext[s->next_ext].sig = sig;
	s->next_ext++;
	return SIGOUT_PENDING;
}

int64_t sim_signal_tick(const struct sim *s) { return s->half_done ? s->now + 1 : s->now; }

static void run_keyboard(struct sim *s)
{
	for (int i = 0; i < s->next_ext; i++) {
		struct proc *p = proc_by_pid(s, s->ext[i].pid);
		if (p) {
			ksignal_send(s, -2, p, s->ext[i].sig);
		} else {
			struct sim_event ev = {.kind = EV_SIGNAL, .pid = s->ext[i].pid, .sig = s->ext[i].sig, .other = -2,
					       .outcome = SIGOUT_NO_PROCESS};
			kernel_emit(s, &ev);
		}
	}
	s->next_ext = 0;
}

/* ---- invariants ------------------------------------------------------------- */

const char *sim_check(const struct sim *s)
{
	uint32_t on_cpu = 0, runq = 0, waiting = 0, stopped = 0, zombies = 0, live = 0, user = 0;
	for (int c = 0; c < s->ncpus; c++)
		if (s->cpus[c].curr != NIL) {
			const struct proc *p = P(s, s->cpus[c].curr);
			if (p->place != PL_CPU || p->cpu != c || p->state != 'R')
				return "a CPU's process is not marked as running on it";
		}
	for (uint32_t x = 0; x < s->nslots; x++) {
		const struct proc *p = P(s, x);
		if (p->place == PL_FREE)
			continue;
		live++;
		if (!(p->flags & PF_BUILTIN))
			user++;
		if (proc_by_pid(s, p->pid) != p)
			return "the PID map does not point back at a process";
		switch (p->place) {
		case PL_CPU: on_cpu++; if (s->cpus[p->cpu].curr != x) return "a running process's CPU runs someone else"; break;
		case PL_RUNQ: runq++; if (p->state != 'R') return "a process in the run queue is not R"; break;
		case PL_WAITQ:
			waiting++;
			if (p->state != 'S' && p->state != 'D') return "a process on a wait queue is not S or D";
			if (!p->chan) return "a sleeping process has no wait channel";
			break;
		case PL_STOPPED: stopped++; if (p->state != 'T') return "a process on the stopped list is not T"; break;
		case PL_ZOMBIE:
			zombies++;
			if (p->state != 'Z') return "a process on a zombie list is not Z";
			if (p->parent == NIL || p->rq_index < 0 || p->rq_index >= P(s, p->parent)->nzheap ||
			    P(s, p->parent)->zheap[p->rq_index] != x)
				return "a zombie is not in its parent's zombie heap";
			break;
		default: return "a process is nowhere";
		}
		int kids = 0;
		for (slot_t c = p->first_child; c != NIL; c = P(s, c)->sib_next) {
			if (P(s, c)->parent != x)
				return "a child's parent link is wrong";
			kids++;
		}
		if (kids != p->nchildren)
			return "a child count is wrong";
		if (p->timer >= 0 && (p->timer >= s->nheap || s->heap[p->timer].slot != x))
			return "a timer index is wrong";
	}
	if (live != (uint32_t)s->nprocs || user != (uint32_t)s->nuser)
		return "the process counts are wrong";
	if (runq != (uint32_t)s->sched.policy->count(s))
		return "the run queue length is wrong";
	if (stopped != s->stopped.count)
		return "the stopped list length is wrong";
	if (zombies != (uint32_t)s->nzombies)
		return "the zombie count is wrong";
	if (on_cpu + runq + waiting + stopped + zombies != live)
		return "a process is in more than one place";
	return NULL;
}

/* ---- snapshots ---------------------------------------------------------------- */

static void fill_info(const struct sim *s, const struct proc *p, struct proc_info *o)
{
	memset(o, 0, sizeof *o);
	o->pid = p->pid;
	o->ppid = proc_ppid(s, p);
	o->pgid = p->pgid;
	o->state = (char)p->state;
	o->on_cpu = p->place == PL_CPU;
	o->cpu = p->cpu;
	o->name = p->name;
	o->until = -1;
	if (p->place == PL_WAITQ) {
		o->wchan = p->chan->wchan;
		if (p->chan == &p->child_wait)
			o->wchan = p->wait_pid ? WCHAN_CHILD_PID : (p->flags & PF_CODE_ENDED) ? WCHAN_JOIN_ALL : WCHAN_CHILD;
		o->until = p->timer >= 0 ? p->until : -1;
		o->wait_pid = p->wait_pid;
	}
	o->cpu_ticks = p->cpu_ticks;
	o->start_tick = p->start_tick;
	o->exit_tick = p->exit_tick;
	if (p->state == 'Z') {
		o->exit_code = p->exit_status >= 0 ? p->exit_status : 0;
		o->exit_sig = p->exit_status < 0 ? -p->exit_status : 0;
	}
	o->daemon = (p->flags & PF_DAEMON) != 0;
	o->started = (p->flags & PF_MP_CHILD) != 0;
	o->code_ended = (p->flags & PF_CODE_ENDED) != 0;
	o->pool_of = p->pool_of;
	o->job = p->job;
	o->nice = p->nice;
	o->level = p->level;
	o->obj = p->place == PL_WAITQ && p->chan ? p->chan->obj : -1;
	o->pipes_open = p->pipes_open;
}

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int snapshot_procs(const struct sim *s, struct proc_info *out, int max)
{
	int n = 0;
	if (max >= s->nprocs) {
		/* Every process: walk the table and sort, O(n log n) whatever the PIDs. */
		for (uint32_t x = 0; x < s->nslots; x++)
			if (P(s, x)->place != PL_FREE)
				fill_info(s, P(s, x), &out[n++]);
		qsort(out, (size_t)n, sizeof *out, by_pid);
		return n;
	}
	for (int pid = 1; pid < s->sc->pid_max && n < s->nprocs; pid++) {
		const struct proc *p = proc_by_pid(s, pid);
		if (!p)
			continue;
		if (n < max)
			fill_info(s, p, &out[n]);
		n++;
	}
	return n;
}

bool snapshot_proc(const struct sim *s, int pid, struct proc_info *out)
{
	const struct proc *p = proc_by_pid(s, pid);
	if (p)
		fill_info(s, p, out);
	return p != NULL;
}

void snapshot_counts(const struct sim *s, struct sim_counts *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < s->ncpus; i++)
		c->on_cpu += s->cpus[i].curr != NIL;
	c->runnable = s->sched.policy->count(s);
	c->total = s->nprocs;
	c->running = c->on_cpu + c->runnable;
	c->stopped = (int)s->stopped.count;
	c->zombie = s->nzombies;
	c->sleeping = c->total - c->running - c->stopped - c->zombie;
}

int snapshot_cpus(const struct sim *s, int *pids, int max)
{
	for (int i = 0; i < s->ncpus && i < max; i++)
		pids[i] = s->cpus[i].curr == NIL ? 0 : P(s, s->cpus[i].curr)->pid;
	return s->ncpus;
}

int snapshot_runqueue(const struct sim *s, int *pids, int max) { return s->sched.policy->list(s, pids, max); }

int snapshot_objects(const struct sim *s) { return s->nobjs; }

bool snapshot_object(const struct sim *s, int index, struct obj_info *o)
{
	if (index < 0 || index >= s->nobjs)
		return false;
	const struct ipc *x = &s->objs[index];
	memset(o, 0, sizeof *o);
	o->name = x->decl->name;
	o->kind = x->decl->kind;
	o->holder = x->holder;
	o->count = x->count;
	o->maxsize = x->decl->maxsize;
	o->unfinished = x->unfinished;
	o->open = x->open;
	o->peer = x->decl->peer;
	o->waiters = (int)x->waiters.members.count;
	o->putters = (int)x->putters.members.count;
	o->joiners = (int)x->joiners.members.count;
	o->rlock = x->rlock;
	o->waiters += (int)x->rwaiters.members.count;
	if (x->decl->kind == OBJ_SHARED) {
		value_text(&x->shared, o->value, sizeof o->value);
	} else {
		size_t used = 0;
		for (int32_t i = 0; i < x->count && used + 4 < sizeof o->value; i++) {
			char t[64];
			value_text(&x->items[(x->head + i) % x->cap], t, sizeof t);
			int w = snprintf(o->value + used, sizeof o->value - used, "%s%s", i ? ", " : "", t);
			if (w < 0 || (size_t)w >= sizeof o->value - used)
				break;
			used += (size_t)w;
		}
	}
	return true;
}
