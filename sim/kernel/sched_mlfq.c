/* sched_mlfq.c: the multi-level feedback queue as OSTEP states its rules:
 *  1. a process at a higher level runs first (level 0 is the top);
 *  2. at the same level, round robin with that level's quantum;
 *  3. a new process enters at the top;
 *  4. once it has used its allotment at a level (however often it gave up
 *     the CPU meanwhile), it moves down one level;
 *  5. every `boost` ticks, every process moves back to the top.
 * The boost is lazy: the lower levels' queues are spliced onto the top one in
 * O(1) each, and a process's own level is brought up to date (sync) when it
 * is next looked at, so a boost costs O(levels + CPUs), not O(processes). */
#include "kernel_int.h"

/* Boosts happen at multiples of `boost`, by the time events are stamped
 * with (the end-of-tick decisions for tick t happen at time t+1). */
static int64_t epoch_now(const struct sim *s)
{
	int64_t b = s->sched.params.mlfq_boost;
	return b > 0 ? s->clock / b : 0;
}

static void to_top(struct proc *p, int64_t epoch)
{
	p->level = 0;
	p->level_used = 0;
	p->boost_epoch = epoch;
}

/* Rule 5: splice every level's queue, in order, onto the top level. */
static void maybe_boost(struct sim *s)
{
	int64_t e = epoch_now(s);
	if (e == s->sched.boost_epoch)
		return;
	s->sched.boost_epoch = e;
	struct plist *top = &s->sched.levels[0];
	for (int l = 1; l < s->sched.params.mlfq_levels; l++)
		plist_splice(s, top, &s->sched.levels[l]);
	for (int c = 0; c < sim_cpus(s); c++)
		if (s->cpus[c].curr != NIL)
			to_top(P(s, s->cpus[c].curr), e);
}

/* A process that has not seen the latest boost is at the top, whatever its
 * level field still says (it was spliced there, or it slept through it). */
static void sync(const struct sim *s, struct proc *p)
{
	if (p->boost_epoch != s->sched.boost_epoch)
		to_top(p, s->sched.boost_epoch);
}

static void mlfq_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	maybe_boost(s);
	sync(s, p);
	if (why == ENQ_NEW)
		to_top(p, s->sched.boost_epoch);
	plist_push_tail(s, &s->sched.levels[p->level], p->self);
}

static void mlfq_dequeue(struct sim *s, struct proc *p)
{
	sync(s, p);
	plist_remove(s, &s->sched.levels[p->level], p->self);
}

static struct proc *mlfq_peek(const struct sim *s)
{
	for (int l = 0; l < s->sched.params.mlfq_levels; l++)
		if (s->sched.levels[l].head != NIL)
			return P(s, s->sched.levels[l].head);
	return NULL;
}

static struct proc *mlfq_pick(struct sim *s, int cpu)
{
	(void)cpu;
	maybe_boost(s);
	struct proc *p = mlfq_peek(s);
	if (p)
		mlfq_dequeue(s, p);
	return p;
}

static int level_of(const struct sim *s, const struct proc *p)
{
	return p->boost_epoch != s->sched.boost_epoch ? 0 : p->level;
}

static bool mlfq_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	return level_of(s, p) < level_of(s, curr);
}

/* Rule 4: the allotment counts every tick at the level, even when the
 * process then blocks, so giving up the CPU just before the slice ends
 * does not keep a process at the top. */
static void mlfq_charge(struct sim *s, struct proc *p)
{
	const struct sched_params *k = &s->sched.params;
	maybe_boost(s);
	sync(s, p);
	if (++p->level_used >= k->mlfq_allotment[p->level]) {
		if (p->level + 1 < k->mlfq_levels)
			p->level++;
		p->level_used = 0;
		p->slice_used = k->mlfq_quantum[p->level]; /* its slice ends with the demotion */
	}
}

static bool mlfq_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	maybe_boost(s);
	const struct sched_params *k = &s->sched.params;
	struct proc *next = mlfq_peek(s);
	sync(s, curr);
	int nl = next ? level_of(s, next) : 0;
	if (next && nl < curr->level)
		return true;
	if (curr->slice_used < k->mlfq_quantum[curr->level])
		return false;
	if (next && nl == curr->level)
		return true;
	curr->slice_used = 0;
	return false;
}

static int mlfq_count(const struct sim *s)
{
	int n = 0;
	for (int l = 0; l < s->sched.params.mlfq_levels; l++)
		n += (int)s->sched.levels[l].count;
	return n;
}

static int mlfq_list(const struct sim *s, int *pids, int max)
{
	int n = 0;
	for (int l = 0; l < s->sched.params.mlfq_levels; l++)
		n = plist_pids(s, &s->sched.levels[l], pids, max, n);
	return n;
}

const struct sched_policy sched_mlfq = {
	.name = "mlfq",
	.summary = "multi-level feedback queue: levels with their own quantum and allotment, and a periodic boost",
	.preemptive = true,
	.enqueue = mlfq_enqueue,
	.dequeue = mlfq_dequeue,
	.pick_next = mlfq_pick,
	.peek = mlfq_peek,
	.charge = mlfq_charge,
	.tick = mlfq_tick,
	.before = mlfq_before,
	.count = mlfq_count,
	.list = mlfq_list,
};
