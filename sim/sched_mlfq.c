/* sched_mlfq.c: the multi-level feedback queue as OSTEP states its rules:
 *  1. a process at a higher level runs first (level 0 is the top);
 *  2. at the same level, round robin with that level's quantum;
 *  3. a new process enters at the top;
 *  4. once it has used its allotment at a level (however often it gave up
 *     the CPU meanwhile), it moves down one level;
 *  5. every `boost` ticks, every process moves back to the top.
 * The boost is lazy for sleepers: a process that slept through a boost is
 * moved up when it is next queued, so a boost costs O(levels + CPUs). */
#include "kernel_int.h"

static int64_t epoch_now(const struct sim *s)
{
	int64_t b = s->sched.params.mlfq_boost;
	return b > 0 ? sim_now(s) / b : 0;
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
	for (slot_t x = top->head; x != NIL; x = P(s, x)->next)
		to_top(P(s, x), e);
	for (int l = 1; l < s->sched.params.mlfq_levels; l++) {
		slot_t x;
		while ((x = plist_pop_head(s, &s->sched.levels[l])) != NIL) {
			to_top(P(s, x), e);
			plist_push_tail(s, top, x);
		}
	}
	for (int c = 0; c < sim_cpus(s); c++)
		if (s->cpus[c].curr != NIL)
			to_top(P(s, s->cpus[c].curr), e);
}

static void mlfq_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	maybe_boost(s);
	if (why == ENQ_NEW || p->boost_epoch != s->sched.boost_epoch)
		to_top(p, s->sched.boost_epoch);
	plist_push_tail(s, &s->sched.levels[p->level], p->self);
}

static void mlfq_dequeue(struct sim *s, struct proc *p) { plist_remove(s, &s->sched.levels[p->level], p->self); }

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
		plist_remove(s, &s->sched.levels[p->level], p->self);
	return p;
}

static bool mlfq_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	(void)s;
	return p->level < curr->level;
}

/* Rule 4: the allotment counts every tick at the level, even when the
 * process then blocks, so giving up the CPU just before the slice ends
 * does not keep a process at the top. */
static void mlfq_charge(struct sim *s, struct proc *p)
{
	const struct sched_params *k = &s->sched.params;
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
	if (next && next->level < curr->level)
		return true;
	if (curr->slice_used < k->mlfq_quantum[curr->level])
		return false;
	if (next && next->level == curr->level)
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
