/* sched_cfs.c: the Completely Fair Scheduler as Linux ran it from 2.6.23 to
 * 6.5 (6.6 replaced it with EEVDF). Each process's virtual runtime grows by
 * its CPU time divided by its weight (sched_prio_to_weight by nice); the
 * process with the smallest vruntime runs next. Its slice is its weight's
 * share of the period: the target latency, or nr_running * min_granularity
 * when more processes wait than the latency can hold (__sched_period). */
#include "kernel_int.h"

/* vruntime is CPU time scaled by NICE_0_LOAD / weight, in units of
 * 1/2^20 tick: one tick of a nice-0 process adds VR_NICE0. */
#define VR_SCALE ((int64_t)1 << 30)
#define VR_NICE0 (VR_SCALE / 1024)

static int64_t vr_delta(const struct proc *p, int64_t ticks)
{
	return ticks * VR_SCALE / sched_nice_weight(p->nice);
}

static bool cfs_less(const struct sim *s, const struct proc *a, const struct proc *b)
{
	(void)s;
	return a->vruntime != b->vruntime ? a->vruntime < b->vruntime : rq_tie(a, b);
}

static void update_min_vruntime(struct sim *s)
{
	int64_t m = INT64_MAX;
	struct proc *left = rq_heap_peek(s);
	if (left)
		m = left->vruntime;
	for (int c = 0; c < sim_cpus(s); c++)
		if (s->cpus[c].curr != NIL && P(s, s->cpus[c].curr)->vruntime < m)
			m = P(s, s->cpus[c].curr)->vruntime;
	if (m != INT64_MAX && m > s->sched.min_vruntime)
		s->sched.min_vruntime = m;
}

/* place_entity: a new process starts one slice behind the current minimum
 * (START_DEBIT), a sleeper may be at most half a latency ahead of it
 * (GENTLE_FAIR_SLEEPERS), so neither can monopolise the CPU. */
static void cfs_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	int64_t minv = s->sched.min_vruntime;
	if (why == ENQ_NEW) {
		int64_t start = minv + vr_delta(p, s->sched.params.cfs_min_granularity);
		if (p->vruntime < start)
			p->vruntime = start;
	} else if (why == ENQ_WAKEUP || why == ENQ_CONTINUED) {
		int64_t floor = minv - s->sched.params.cfs_latency * VR_NICE0 / 2;
		if (p->vruntime < floor)
			p->vruntime = floor;
	}
	rq_heap_push(s, p, cfs_less);
	s->sched.queued_weight += sched_nice_weight(p->nice);
}

static void cfs_dequeue(struct sim *s, struct proc *p)
{
	rq_heap_remove(s, p, cfs_less);
	s->sched.queued_weight -= sched_nice_weight(p->nice);
}

static struct proc *cfs_pick(struct sim *s, int cpu)
{
	(void)cpu;
	struct proc *p = rq_heap_pop(s, cfs_less);
	if (p)
		s->sched.queued_weight -= sched_nice_weight(p->nice);
	update_min_vruntime(s);
	return p;
}

static int64_t running_count(const struct sim *s)
{
	int64_t n = rq_heap_count(s);
	for (int c = 0; c < sim_cpus(s); c++)
		n += s->cpus[c].curr != NIL;
	return n;
}

/* sched_slice: the period shared by weight among the runnable processes. */
static int64_t ideal_slice(const struct sim *s, const struct proc *curr)
{
	const struct sched_params *k = &s->sched.params;
	int64_t nr = running_count(s);
	int64_t period = k->cfs_latency;
	if (nr * k->cfs_min_granularity > period)
		period = nr * k->cfs_min_granularity;
	/* The load of the run queue: every queued and running weight. */
	int64_t total = s->sched.queued_weight + sched_nice_weight(curr->nice);
	for (int c = 0; c < sim_cpus(s); c++)
		if (s->cpus[c].curr != NIL && P(s, s->cpus[c].curr) != curr)
			total += sched_nice_weight(P(s, s->cpus[c].curr)->nice);
	int64_t slice = period * sched_nice_weight(curr->nice) * sim_cpus(s) / total;
	return slice < k->cfs_min_granularity ? k->cfs_min_granularity : slice;
}

static void cfs_charge(struct sim *s, struct proc *p)
{
	p->vruntime += vr_delta(p, 1);
	update_min_vruntime(s);
}

static bool cfs_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	struct proc *left = rq_heap_peek(s);
	if (!left) {
		curr->slice_used = 0;
		return false;
	}
	/* check_preempt_tick: the slice is used up, or curr is a whole slice
	 * ahead of the leftmost process. */
	int64_t slice = ideal_slice(s, curr);
	if (curr->slice_used >= slice)
		return true;
	return curr->slice_used >= s->sched.params.cfs_min_granularity &&
	       curr->vruntime - left->vruntime > slice * VR_NICE0;
}

/* check_preempt_wakeup: the woken process preempts when it is more than the
 * wake-up granularity behind (min_granularity at nice 0). */
static bool cfs_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	return curr->vruntime - p->vruntime > vr_delta(p, s->sched.params.cfs_min_granularity);
}

static int cfs_list(const struct sim *s, int *pids, int max) { return rq_heap_list(s, pids, max, cfs_less); }

const struct sched_policy sched_cfs = {
	.uses_nice = true,
	.name = "cfs",
	.summary = "completely fair scheduler: smallest virtual runtime first, weighted by nice",
	.preemptive = true,
	.enqueue = cfs_enqueue,
	.dequeue = cfs_dequeue,
	.pick_next = cfs_pick,
	.peek = rq_heap_peek,
	.charge = cfs_charge,
	.tick = cfs_tick,
	.before = cfs_before,
	.count = rq_heap_count,
	.list = cfs_list,
};
