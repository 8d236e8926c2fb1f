/* sched_mlfq.c: the multi-level feedback queue as OSTEP states its rules,
 * and as its simulator mlfq.py (cpu-sched-mlfq) runs them, tick for tick:
 *  1. a process at a higher level runs first (level 0 is the top);
 *  2. at the same level, round robin with that level's quantum;
 *  3. a new process enters at the top, at the tail;
 *  4. once it has used its allotment at a level, counted in whole slices
 *     (however often it gave up the CPU meanwhile: the slice it was in
 *     goes on when it comes back), it moves down one level (the bottom
 *     level starts it over);
 *  5. every `boost` ticks, every process moves back to the top, with a
 *     fresh slice and allotment: the top level's queue keeps its order and
 *     the lower ones follow it, from the bottom level up (mlfq.py's order).
 * And the variants mlfq.py offers: `stay` (-S: a process that sleeps gets
 * its slice and allotment afresh, so a process that sleeps just before its
 * slice ends games rule 4) and `io_bump` (-I: a woken process goes to the
 * front of its level's queue, ahead of the running one).
 *
 * A process preempted by a more important one stays at the head of its
 * level's queue (as SCHED_FIFO and SCHED_RR do, sched(7)); one whose slice
 * ended goes to the tail; one that yields, to the tail.
 *
 * The boost is lazy: the lower levels' queues are spliced onto the top one in
 * O(1) each, and a process's own level is brought up to date (sync) when it
 * is next looked at, so a boost costs O(levels + CPUs), not O(processes). */
#include "kernel_int.h"

/* Boosts happen at multiples of `boost`, by the time events are stamped
 * with. The end-of-tick accounting for tick t happens at time t+1 before
 * a boost at t+1, as in mlfq.py. */
static int32_t epoch_now(const struct sim *s)
{
	int64_t b = s->sched.params.mlfq_boost;
	return b > 0 ? (int32_t)(uint32_t)(s->clock / b) : 0;
}

static int32_t slice_of(const struct sim *s, int level)
{
	int64_t q = s->sched.params.mlfq_quantum[level];
	return q > INT32_MAX ? INT32_MAX : (int32_t)q;
}

/* The allotment in slices: rounded up, at least one. */
static int32_t slices_of(const struct sim *s, int level)
{
	int64_t q = s->sched.params.mlfq_quantum[level], a = s->sched.params.mlfq_allotment[level];
	int64_t n = q > 0 ? (a + q - 1) / q : 1;
	return n < 1 ? 1 : n > INT32_MAX ? INT32_MAX : (int32_t)n;
}

static void fresh(const struct sim *s, struct proc *p, int level)
{
	p->level = (int8_t)level;
	p->slice_left = slice_of(s, level);
	p->allot_left = slices_of(s, level);
}

static void to_top(const struct sim *s, struct proc *p, int32_t epoch)
{
	fresh(s, p, 0);
	p->boost_epoch = epoch;
}

/* Its slice has ended (slice_left 0): rule 4. */
static void end_slice(const struct sim *s, struct proc *p)
{
	if (--p->allot_left > 0) {
		p->slice_left = slice_of(s, p->level);
		return;
	}
	fresh(s, p, p->level + 1 < s->sched.params.mlfq_levels ? p->level + 1 : p->level);
}

/* A process that has not seen the latest boost is at the top, whatever its
 * level field still says (it was spliced there, or it slept through it). */
static void sync(const struct sim *s, struct proc *p)
{
	if (p->boost_epoch != s->sched.boost_epoch)
		to_top(s, p, s->sched.boost_epoch);
}

static int level_of(const struct sim *s, const struct proc *p)
{
	return p->boost_epoch != s->sched.boost_epoch ? 0 : p->level;
}

/* Put at the front of its level by io_bump at this very moment. */
static bool bumped(const struct sim *s, const struct proc *p)
{
	return s->sched.params.mlfq_io_bump && p->rq_seq == (uint64_t)s->clock + 1;
}

enum boost_result { NO_BOOST, BOOST_FIRST, BOOST_BEHIND };

/* Rule 5, if a boost is due. `curr` (NULL: none) is the running process
 * whose tick() found it due; it stands where it stood in its level's queue
 * (at the head; at the tail when its slice has just ended). If it is no
 * longer first, s->sched.requeue says where it goes. */
static enum boost_result boost(struct sim *s, struct proc *curr, bool at_tail)
{
	int32_t e = epoch_now(s);
	if (e == s->sched.boost_epoch)
		return NO_BOOST;
	s->sched.boost_epoch = e;
	struct plist *top = &s->sched.levels[0];
	int cl = curr ? curr->level : -1;
	slot_t after = cl == 0 && at_tail ? top->tail : NIL;
	for (int l = s->sched.params.mlfq_levels - 1; l >= 1; l--) {
		if (l == cl && !at_tail)
			after = top->tail;
		plist_splice(s, top, &s->sched.levels[l]);
		if (l == cl && at_tail)
			after = top->tail;
	}
	for (int c = 0; c < sim_cpus(s); c++)
		if (s->cpus[c].curr != NIL)
			to_top(s, P(s, s->cpus[c].curr), e);
	if (!curr || after == NIL)
		return BOOST_FIRST;
	s->sched.requeue = curr->self;
	s->sched.requeue_after = after;
	s->sched.requeue_tail = false;
	return BOOST_BEHIND;
}

/* Into its level's queue, at the head but behind those io_bump has just
 * put there. */
static void push_head(struct sim *s, struct proc *p)
{
	struct plist *l = &s->sched.levels[p->level];
	slot_t at = l->head;
	while (at != NIL && bumped(s, P(s, at)))
		at = P(s, at)->next;
	plist_insert_before(s, l, at, p->self);
}

static void mlfq_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	boost(s, NULL, false);
	if (why == ENQ_NEW) {
		to_top(s, p, s->sched.boost_epoch);
		plist_push_tail(s, &s->sched.levels[0], p->self);
		return;
	}
	if (why == ENQ_WAKEUP && s->sched.params.mlfq_stay) {
		/* mlfq.py -S resets the slice and allotment as the process
		 * sleeps, before it counts the slice that sleep ended, if any. */
		p->allot_left = slices_of(s, p->level);
		if (p->slice_left > 0)
			p->slice_left = slice_of(s, p->level);
	}
	bool ended = p->slice_left <= 0;
	if (ended)
		end_slice(s, p);
	sync(s, p);
	struct plist *l = &s->sched.levels[p->level];
	if (why == ENQ_PREEMPTED && s->sched.requeue == p->self) {
		s->sched.requeue = NIL;
		if (s->sched.requeue_tail)
			plist_push_tail(s, l, p->self);
		else
			plist_insert_before(s, l, P(s, s->sched.requeue_after)->next, p->self);
	} else if (why == ENQ_PREEMPTED && !ended) {
		push_head(s, p);
	} else if (why == ENQ_WAKEUP && s->sched.params.mlfq_io_bump) {
		plist_insert_before(s, l, l->head, p->self);
		p->rq_seq = (uint64_t)s->clock + 1;
	} else {
		plist_push_tail(s, l, p->self);
	}
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
	boost(s, NULL, false);
	struct proc *p = mlfq_peek(s);
	if (p) {
		mlfq_dequeue(s, p);
		p->rq_seq = 0;
	}
	return p;
}

static bool mlfq_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	int lp = level_of(s, p), lc = level_of(s, curr);
	return lp < lc || (lp == lc && bumped(s, p));
}

/* One tick of its slice used; noted for the views before anything is
 * decided, as mlfq.py prints it. */
static void mlfq_charge(struct sim *s, struct proc *p)
{
	sync(s, p);
	if (p->slice_left <= 0)
		end_slice(s, p);
	p->slice_left--;
	if (p->cpu >= 0)
		s->cpus[p->cpu].note = (struct sched_note){.tick = s->clock - 1, .pid = p->pid, .level = p->level,
							   .slice_left = p->slice_left, .allot_left = p->allot_left,
							   .cpu_ticks = p->cpu_ticks};
}

/* After the tick charged: the end of its slice (rule 4), then a boost if
 * one is due (rule 5), then who runs next (rules 1 and 2). */
static bool mlfq_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	bool ended = curr->slice_left <= 0;
	if (ended)
		end_slice(s, curr);
	enum boost_result b = boost(s, curr, ended);
	if (b != NO_BOOST)
		return b == BOOST_BEHIND;
	struct proc *next = mlfq_peek(s);
	if (!next)
		return false;
	int nl = level_of(s, next);
	if (ended && nl <= curr->level) {
		s->sched.requeue = curr->self;
		s->sched.requeue_tail = true;
		return true;
	}
	return nl < curr->level || (nl == curr->level && bumped(s, next));
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
