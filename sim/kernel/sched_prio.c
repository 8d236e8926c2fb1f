/* sched_prio.c: static priorities from nice (-20 highest, 19 lowest),
 * preemptive: a more important process that becomes runnable takes a CPU at
 * once; processes of equal priority share by round robin with the quantum,
 * like SCHED_RR's priority levels. */
#include "kernel_int.h"

static bool prio_less(const struct sim *s, const struct proc *a, const struct proc *b)
{
	(void)s;
	if (a->nice != b->nice)
		return a->nice < b->nice;
	return a->rq_seq < b->rq_seq; /* round robin inside a level */
}

static void prio_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	(void)why;
	p->rq_seq = ++s->sched.seq;
	rq_heap_push(s, p, prio_less);
}

static void prio_dequeue(struct sim *s, struct proc *p) { rq_heap_remove(s, p, prio_less); }
static struct proc *prio_pick(struct sim *s, int cpu) { (void)cpu; return rq_heap_pop(s, prio_less); }
static int prio_list(const struct sim *s, int *pids, int max) { return rq_heap_list(s, pids, max, prio_less); }

static bool prio_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	(void)s;
	return p->nice < curr->nice;
}

static bool prio_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	struct proc *next = rq_heap_peek(s);
	if (next && next->nice < curr->nice)
		return true;
	if (curr->slice_used < s->sched.params.quantum)
		return false;
	if (next && next->nice == curr->nice)
		return true;
	curr->slice_used = 0;
	return false;
}

const struct sched_policy sched_prio = {
	.name = "prio",
	.summary = "static priority from nice, preemptive, round robin with the quantum inside a priority",
	.uses_quantum = true,
	.uses_nice = true,
	.preemptive = true,
	.enqueue = prio_enqueue,
	.dequeue = prio_dequeue,
	.pick_next = prio_pick,
	.peek = rq_heap_peek,
	.tick = prio_tick,
	.before = prio_before,
	.count = rq_heap_count,
	.list = prio_list,
};
