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

#include "kernel_int.h"

static void run_keyboard(struct sim *s);

/* Is this tick, past SIM_TICK_EVENTS_MAX events, a flood? Its allowance is
 * set when it first gets there (flood_tick tells which tick that was). */
static bool flood(struct sim *s)
{
	if (s->flood_tick != s->now + 1) {
		s->flood_tick = s->now + 1;
		s->flood_at = SIM_TICK_EVENTS_MAX + SIM_TICK_EVENTS_PER_PROC * (uint64_t)s->nprocs;
	}
	return s->tick_total_events > s->flood_at;
}

void kernel_emit(struct sim *s, struct sim_event *ev)
{
	ev->t = s->clock;
	s->last_event = s->clock;
	/* Whatever the events, a tick that never ends (processes forking and
	 * exiting, or passing a value back and forth, with no time passing)
	 * is stopped before its trace fills a disk. Counted are the events of
	 * processes running: what the timeline brings (a million jobs
	 * arriving) and the dispatches between them are bounded by the
	 * scenario. Past SIM_TICK_EVENTS_MAX a tick may go on for
	 * SIM_TICK_EVENTS_PER_PROC events per process there is then: init
	 * reaping a million zombies in one tick ends, a loop does not. */
	if (s->running && ++s->tick_total_events > SIM_TICK_EVENTS_MAX && s->status == SIM_RUNNING &&
	    flood(s)) {
		kernel_runaway(s, s->running, FAULT_FLOOD);
		return;
	}
	/* A loop that makes no progress without time passing (a `wait` that
	 * fails at once, forever) repeats the same event: stop it before it
	 * floods the output. init reaping ten thousand zombies, or a process
	 * forking them, report different events, and are left alone. Counted
	 * only once the tick is long, so that ordinary ticks pay nothing for it
	 * (with or without a sink). */
	if (s->tick_total_events > SIM_EVENT_LIMIT && s->running) {
		uint64_t sig = (uint64_t)ev->kind << 56 ^ (uint64_t)(uint32_t)ev->pid << 24 ^
			       (uint64_t)(uint32_t)s->running->pid << 4 ^ (uint64_t)(uint32_t)ev->other ^
			       (uint64_t)ev->sig << 48 ^ (uint64_t)(uint32_t)ev->wait_pid << 8;
		if (sig == s->last_sig) {
			if (++s->tick_events > SIM_EVENT_LIMIT) {
				kernel_runaway(s, s->running, FAULT_EVENTS);
				return;
			}
		} else {
			s->last_sig = sig;
			s->tick_events = 0;
		}
	}
	if (!s->sink)
		return;
	if (s->in_syscall >= 0 && !ev->syscall) {
		ev->syscall = syscall_name((enum sysno)s->in_syscall);
		ev->has_fd = s->syscall_fd >= 0;
		ev->fd = s->syscall_fd;
	}
	if ((!ev->name || !ev->cmdline) && ev->pid > 0) {
		struct proc *p = proc_by_pid(s, ev->pid);
		if (!ev->name)
			ev->name = p ? p->name : NULL;
		if (!ev->cmdline)
			ev->cmdline = p ? p->cmdline : ev->name;
	}
	s->sink(s->sink_ctx, ev);
}

void kernel_runaway(struct sim *s, struct proc *p, enum fault_kind why)
{
	if (s->status != SIM_RUNNING)
		return;
	s->status = SIM_RUNAWAY;
	s->fault = (struct sim_fault){.pid = p->pid, .events = why == FAULT_EVENTS, .memory = why == FAULT_MEMORY,
				      .flood = why == FAULT_FLOOD};
	s->fault_placed = false;
}

void kernel_fault_place(struct sim *s, int line, int col)
{
	s->fault.line = line;
	s->fault.col = col;
	s->fault_placed = true;
}

void kernel_host_oom(struct sim *s)
{
	if (s->status == SIM_RUNNING)
		s->status = SIM_ERROR;
}

bool kernel_running(const struct sim *s) { return s->status == SIM_RUNNING; }

struct sim *kernel_new(const struct kernel_config *cfg)
{
	struct sim *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->ncpus = cfg->ncpus > 64 ? 64 : cfg->ncpus < 1 ? 1 : cfg->ncpus;
	s->load_freq = cfg->load_freq > 0 ? cfg->load_freq : 1;
	s->pid_slot = calloc((size_t)cfg->pid_max, sizeof *s->pid_slot);
	if (!s->pid_slot) {
		free(s);
		return NULL;
	}
	s->free_slots = NIL;
	s->init = s->shell = s->ns_init = NIL;
	s->first_arrival = -1;
	s->in_syscall = -1;
	s->syscall_fd = -1;
	s->dev_next = INT64_MAX;
	s->free_region = -1;
	for (int c = 0; c < 64; c++)
		s->cpus[c].curr = NIL;
	if (!sched_init(s, &cfg->sched)) { /* the policy's own state: out of memory */
		sched_fini(s);
		free(s->pid_slot);
		free(s);
		return NULL;
	}
	plist_init(&s->stopped);
	struct waitq *qs[] = {&s->timer_q, &s->disk_q, &s->tty_q, &s->pause_q, &s->vfork_q};
	enum wchan ws[] = {WCHAN_TIMER, WCHAN_DISK, WCHAN_TTY, WCHAN_PAUSE, WCHAN_VFORK};
	for (int i = 0; i < 5; i++) {
		plist_init(&qs[i]->members);
		qs[i]->wchan = ws[i];
		qs[i]->obj = -1;
	}
	s->status = SIM_RUNNING;
	s->progressed = true;
	return s;
}

void kernel_free(struct sim *s)
{
	if (!s)
		return;
	proc_free_all(s);
	futex_free(s);
	file_free(s);
	mm_free(s);
	sched_fini(s);
	free(s->reaped);
	free(s->pid_slot);
	free(s->heap);
	free(s->alarms);
	free(s->tty_lines);
	free(s);
}

void kernel_set_user(struct sim *s, const struct user_ops *ops, void *ctx)
{
	s->uops = ops;
	s->uctx = ctx;
	/* Each slot: the kernel's record, then the user memory, 8-aligned. */
	s->stride = (sizeof(struct proc) + ops->image_size + 7) & ~(size_t)7;
}

void kernel_set_devices(struct sim *s, const struct device_ops *ops, void *ctx)
{
	s->dops = ops;
	s->dctx = ctx;
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
int sim_cpus(const struct sim *s) { return s->ncpus; }
int64_t sim_quantum(const struct sim *s) { return s->sched.params.quantum; }
const struct sched_params *sim_sched_params(const struct sim *s) { return &s->sched.params; }

/* A system call's time (cost.h), owed by the caller and paid in whole
 * ticks of system time before it goes on. Only a call made on a CPU costs
 * time: the machine's own (the timeline handing a job to init) does not. */
void kernel_charge(struct sim *s, struct proc *p, int cost)
{
	if (s->running != p || s->cfg.tick_us <= 0)
		return;
	int64_t d = (int64_t)p->sys_debt_us + s->cfg.costs.us[cost];
	p->sys_debt_us = d > INT32_MAX ? INT32_MAX : (int32_t)d;
}

const struct costs *kernel_costs(const struct sim *s) { return &s->cfg.costs; }

bool kernel_owes_tick(const struct sim *s, const struct proc *p)
{
	return s->cfg.tick_us > 0 && p->sys_debt_us >= s->cfg.tick_us;
}

/* The tasks in D, which the load average counts with the runnable ones
 * (nr_uninterruptible): waiting for the disk, or in vfork. */
static uint64_t uninterruptible(const struct sim *s) { return s->disk_q.members.count + s->vfork_q.members.count; }

static void fire_timers(struct sim *s)
{
	struct proc *p;
	if (!s->nheap && !s->nalarms) /* the common tick: nothing armed */
		return;
	alarm_fire_due(s); /* SIGALRM first: an alarm due with a sleep was armed before it */
	while ((p = timer_pop_due(s, s->now))) {
		s->progressed = true;
		enum wake_reason why = p->chan == &s->timer_q ? WAKE_TIMER
				     : p->chan == &s->disk_q ? WAKE_IO_DONE : WAKE_TIMEOUT;
		proc_wake(s, p, why);
	}
}

/* A dispatch or a preemption of p on CPU c: the events of every context
 * switch, half a million of them in a homework run of RR q=1 on 10,000
 * jobs. Built by copying a zeroed event rather than by an initializer,
 * which GCC turns into `rep stosq` over its 200 bytes: that instruction's
 * start-up was 7% of such a run on this project's AMD machine (perf);
 * the copy is a few vector moves. Its name and command line are p's, so
 * kernel_emit need not look p up again by PID. */
static void emit_switch(struct sim *s, enum sim_event_kind kind, const struct proc *p, int c, bool yielded)
{
	static const struct sim_event none;
	struct sim_event ev = none;
	ev.kind = kind;
	ev.pid = p->pid;
	ev.cpu = c;
	ev.yielded = yielded;
	ev.name = p->name;
	ev.cmdline = p->cmdline;
	kernel_emit(s, &ev);
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
	if (!kernel_event_skip(s))
		emit_switch(s, EV_DISPATCH, p, c, false);
}

/* curr goes back to the run queue: its slice is over, or someone more
 * important is runnable, or it yields. */
static void to_runqueue(struct sim *s, int c, struct proc *p, bool yielded)
{
	proc_leave_cpu(s, p);
	if (!kernel_event_skip(s))
		emit_switch(s, EV_PREEMPT, p, c, yielded);
	if (yielded)
		p->nvcsw++;
	else
		p->nivcsw++;
	p->state = 'R';
	p->place = PL_RUNQ;
	p->since = s->clock;
	s->sched.policy->enqueue(s, p, yielded ? ENQ_YIELDED : ENQ_PREEMPTED);
}

static void preempt(struct sim *s, int c, struct proc *p) { to_runqueue(s, c, p, false); }

/* do_sched_yield: to the back of its queue. */
void kernel_yield(struct sim *s, struct proc *p)
{
	if (p->place == PL_CPU)
		to_runqueue(s, p->cpu, p, true);
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
		/* Still in a system call that costs time: the CPU pays it. */
		if (kernel_owes_tick(s, p)) {
			cpu->claimed = cpu->in_kernel = true;
			return;
		}
		if (proc_exit_pending(p)) { /* do_exit's time paid: now a zombie */
			proc_exit_finish(s, p);
			continue;
		}
		/* Computing, with no signal to act on: the CPU goes on running
		 * the program, which needs nothing of the kernel this tick. */
		if (p->burst > 0 && !ksignal_has_deliverable(p)) {
			cpu->claimed = true;
			return;
		}
		if (cpu_run(s, p, false) == RUN_SPENT) {
			cpu->claimed = true;
			cpu->in_kernel = kernel_owes_tick(s, p);
			return;
		}
	}
}

/* A tick of CPU for p, user or system: its time, its slice, its policy's. */
static void charge_tick(struct sim *s, struct proc *p)
{
	p->cpu_ticks++;
	p->slice_used++;
	if (s->sched.policy->charge)
		s->sched.policy->charge(s, p);
}

/* Does a timer interrupt come in the tick that ends now (at now+1)? Linux
 * ends a slice only in its scheduler tick, HZ times a second (sched_tick,
 * scheduler_tick before 6.10: task_tick_fair, whose check_preempt_tick or,
 * since 6.6, update_deadline asks for the switch); the HRTICK feature that
 * would end it on time is off by default. With a tick as long as 1/HZ or
 * longer, every tick has one. */
static bool timer_interrupt(const struct sim *s)
{
	int64_t per_second = s->cfg.tick_us * s->cfg.hz; /* tick_us/1e6 of a second, times HZ */
	if (s->cfg.hz <= 0 || s->cfg.tick_us <= 0 || per_second >= 1000000)
		return true;
	return (s->now + 1) * per_second / 1000000 > s->now * per_second / 1000000;
}

/* The tick p had on CPU c is over: its slice may be (at a timer
 * interrupt), or someone more important may be waiting (a wake-up's
 * check_preempt_wakeup: at once). */
static void slice_check(struct sim *s, int c, struct proc *p)
{
	bool interrupt = s->sched.policy->own_clock || timer_interrupt(s);
	if (interrupt && s->sched.policy->tick(s, p, c))
		preempt(s, c, p);
	else
		resched_if_needed(s, c);
}

/* Phase 4 for one CPU, at time t+1. */
static void end_tick_cpu(struct sim *s, int c)
{
	struct cpu *cpu = &s->cpus[c];
	if (!cpu->claimed || cpu->curr == NIL) {
		cpu->claimed = cpu->in_switch = cpu->in_kernel = false;
		return;
	}
	struct proc *p = P(s, cpu->curr);
	cpu->claimed = false;
	if (cpu->in_switch) {
		s->progressed = true;
		cpu->in_switch = false;
		cpu->switch_left--;
		cpu->system_ticks++;
		return;
	}
	if (cpu->in_kernel) {
		/* A tick of the system calls' time: the process's own (stime),
		 * and its slice's, as any CPU time. */
		cpu->in_kernel = false;
		cpu->system_ticks++;
		p->sys_debt_us -= (int32_t)s->cfg.tick_us;
		charge_tick(s, p);
		slice_check(s, c, p);
		return;
	}
	cpu->user_ticks++;
	s->progressed = true;
	if (p->nice > 0) /* account_user_time: a niced task's time is "ni" */
		cpu->nice_ticks++;
	charge_tick(s, p);
	/* A compute that has had its last tick ends, and the instructions after
	 * it run now, at t+1, back in user mode. Until then the program needs
	 * nothing of the kernel: the CPU just runs it. */
	p->charged++;
	if (p->burst > 0 && --p->burst == 0) {
		if (cpu_run(s, p, true) != RUN_SPENT || s->status != SIM_RUNNING)
			return; /* blocked or exited at t+1: the CPU is free */
		cpu->claimed = false; /* it starts computing again in the next tick */
	}
	slice_check(s, c, p);
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
	return s->dev_next < t ? s->dev_next : t;
}

static int64_t stop_tick(const struct sim *s)
{
	return s->cfg.limit >= 0 ? s->cfg.limit : s->cfg.max_ticks;
}

static enum sim_status finish_status(struct sim *s)
{
	if (s->status != SIM_RUNNING)
		return s->status;
	bool timeline_left = s->dev_next != INT64_MAX;
	if (s->nuser == 0 && !timeline_left && cpus_idle(s))
		return s->status = SIM_DONE;
	if (s->now >= stop_tick(s))
		return s->status = s->cfg.limit >= 0 ? SIM_LIMIT : SIM_RUNAWAY;
	if (cpus_idle(s) && next_event_tick(s) == INT64_MAX)
		return s->status = s->nuser == 0 ? SIM_DONE : SIM_STUCK;
	return SIM_RUNNING;
}

/* account_idle_time: an idle CPU counts as waiting for I/O while a process
 * sleeps in D (the kernel counts, per run queue, the tasks that went to
 * sleep in I/O from it; procsim gives them to the idle CPUs in order). */
static void account_iowait(struct sim *s, int64_t ticks, bool all_idle)
{
	int64_t waiting = s->disk_q.members.count;
	for (int c = 0; c < s->ncpus && waiting > 0; c++)
		if (all_idle || !s->cpus[c].claimed || s->cpus[c].curr == NIL) {
			s->cpus[c].iowait_ticks += ticks;
			waiting--;
		}
}

/* Phases 1-3 of the tick at s->now (after an idle jump bounded by horizon). */
static void tick_begin(struct sim *s, int64_t horizon)
{
	if (!s->booted) {
		s->clock = s->now;
		s->dops->boot(s->dctx, s);
		s->booted = true;
		s->dev_next = s->dops->next(s->dctx, s);
	} else if (cpus_idle(s)) {
		/* Nothing runs: jump to the next thing that can happen. */
		int64_t t = next_event_tick(s);
		int64_t stop = stop_tick(s);
		if (t > stop)
			t = stop;
		if (t > horizon)
			t = horizon;
		if (t > s->now) {
			s->progressed = true;
			/* The samples the idle stretch crosses see only D sleepers. */
			int64_t f = s->load_freq;
			int64_t n = t / f - s->now / f;
			metrics_load_sample(s, n, uninterruptible(s));
			account_iowait(s, t - s->now, true);
			s->now = t;
			s->clock = t; /* the clock moved with it: every view reads the end from it */
		}
		if (s->now >= stop) {
			finish_status(s);
			return;
		}
	}
	s->clock = s->now;
	/* The runaway guards count per tick; a tick that only paid system
	 * calls' time does not count as time passing for them: a loop of
	 * failing calls is still a loop that never waits. */
	if (s->progressed) {
		s->steps = 0;
		s->tick_events = 0;
		s->tick_total_events = 0;
		s->last_sig = 0;
	}
	s->progressed = false;
	if (s->dev_next <= s->now) {
		s->progressed = true;
		s->dops->interrupt(s->dctx, s);
		s->dev_next = s->dops->next(s->dctx, s);
	}
	if (s->next_ext)
		run_keyboard(s);
	fire_timers(s);
	for (int c = 0; c < s->ncpus; c++)
		s->cpus[c].claimed = false;
	/* A policy that decides for every CPU at once (multi: stealing, and
	 * which idle CPU takes which job) does it here, once the tick's
	 * arrivals and wake-ups are queued and before any CPU picks. */
	if (s->sched.policy->tick_start)
		s->sched.policy->tick_start(s);
	/* A process woken by a later CPU may run on an earlier, idle one in the
	 * same tick (Linux would send that idle CPU a reschedule IPI): go round
	 * the CPUs again until every CPU is busy or nothing is runnable. */
	bool again = true;
	while (again && s->status == SIM_RUNNING) {
		bool progress = false;
		for (int c = 0; c < s->ncpus; c++)
			if (!s->cpus[c].claimed && (s->cpus[c].curr != NIL || s->sched.policy->count(s) > 0)) {
				run_cpu(s, c);
				progress |= s->cpus[c].claimed;
			}
		/* Every CPU busy now (one may have been freed by a later one's
		 * process: a kill): another round would do nothing. */
		again = false;
		for (int c = 0; progress && c < s->ncpus && !again; c++)
			again = !s->cpus[c].claimed;
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
	account_iowait(s, 1, false);
	s->clock = s->now + 1;
	for (int c = 0; c < s->ncpus && s->status == SIM_RUNNING; c++)
		end_tick_cpu(s, c);
	s->now++;
	s->clock = s->now;
	s->half_done = false;
	if (s->now % s->load_freq == 0) {
		/* calc_global_load: R (running and runnable) plus D. */
		uint64_t active = (uint64_t)s->sched.policy->count(s) + uninterruptible(s);
		for (int c = 0; c < s->ncpus; c++)
			active += s->cpus[c].curr != NIL;
		metrics_load_sample(s, 1, active);
	}
	if (s->cfg.check) {
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
				metrics_load_sample(s, until / f - s->now / f, uninterruptible(s));
				account_iowait(s, until - s->now, true);
				s->now = until;
				s->clock = until;
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
	s->ext[s->next_ext].nice = 0;
	s->next_ext++;
	return SIGOUT_PENDING;
}

/* A renice waits in the same list as the keyboard's signals, so that both
 * act in the order they were given, at the same moment. */
bool sim_renice(struct sim *s, int pid, int by)
{
	if (s->status == SIM_STUCK)
		s->status = SIM_RUNNING;
	if (s->status != SIM_RUNNING || s->next_ext == (int)(sizeof s->ext / sizeof s->ext[0]))
		return false;
	s->ext[s->next_ext].pid = pid;
	s->ext[s->next_ext].sig = 0;
	s->ext[s->next_ext].nice = by;
	s->next_ext++;
	return true;
}

/* set_user_nice (kernel/sched/core.c): a queued process leaves the run queue
 * and comes back with its new weight, so that a policy ordered by nice (prio,
 * cfs) sees it; the others keep their order. A zombie has no nice to change. */
static void renice(struct sim *s, int pid, int by)
{
	struct proc *p = proc_by_pid(s, pid);
	struct sim_event ev = {.kind = EV_NICE, .pid = pid, .other = -2};
	if (!p || p->state == 'Z') {
		ev.err = K_ESRCH;
		kernel_emit(s, &ev);
		return;
	}
	int n = p->nice + by;
	n = n < -20 ? -20 : n > 19 ? 19 : n;
	ev.count = p->nice;
	ev.code = n;
	bool requeue = p->place == PL_RUNQ && s->sched.policy->uses_nice;
	if (requeue)
		s->sched.policy->dequeue(s, p);
	p->nice = (int8_t)n;
	if (requeue)
		s->sched.policy->enqueue(s, p, ENQ_PREEMPTED);
	kernel_emit(s, &ev);
}

int64_t sim_signal_tick(const struct sim *s) { return s->half_done ? s->now + 1 : s->now; }

static void run_keyboard(struct sim *s)
{
	for (int i = 0; i < s->next_ext; i++) {
		if (!s->ext[i].sig) {
			renice(s, s->ext[i].pid, s->ext[i].nice);
			continue;
		}
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
	uint32_t on_cpu = 0, runq = 0, waiting = 0, stopped = 0, zombies = 0, live = 0, user = 0, threads = 0;
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
		if (proc_is_thread(p)) {
			threads++;
			const struct proc *l = proc_leader(s, p);
			if (l->place == PL_FREE || l->state == 'Z' || proc_is_thread(l))
				return "a thread's process has gone";
			slot_t y = l->thread_next;
			while (y != NIL && y != x)
				y = P(s, y)->thread_next;
			if (y != x)
				return "a thread is not in its process's thread list";
			if (p->files != l->files)
				return "a thread's descriptors are not its process's";
			if (p->first_child != NIL || p->state == 'Z')
				return "a thread has children or is a zombie";
		} else if (!(p->flags & PF_BUILTIN)) {
			user++;
		}
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
		case PL_STOPPED: stopped++; if (p->state != 'T' && p->state != 't') return "a process on the stopped list is not T or t"; break;
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
	if (live != (uint32_t)(s->nprocs + s->nthreads) || user != (uint32_t)s->nuser || threads != (uint32_t)s->nthreads)
		return "the process counts are wrong";
	if (runq != (uint32_t)s->sched.policy->count(s))
		return "the run queue length is wrong";
	if (stopped != s->stopped.count)
		return "the stopped list length is wrong";
	if (zombies != (uint32_t)s->nzombies)
		return "the zombie count is wrong";
	if (on_cpu + runq + waiting + stopped + zombies != live)
		return "a process is in more than one place";
	const char *bad = file_check(s);
	if (!bad)
		bad = alarm_check(s);
	return bad ? bad : mm_check(s);
}

