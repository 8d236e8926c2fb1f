/* sched_rr.c: round robin, the reference policy. One FIFO run queue shared by
 * all CPUs; a process runs for at most `quantum` ticks, then goes to the tail
 * if someone is waiting (alone, it keeps the CPU with a fresh slice). New and
 * woken processes join the tail, like SCHED_RR's enqueue_task_rt. */
#include "kernel_int.h"

static void rr_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	(void)why;
	plist_push_tail(s, &s->sched.queue, p->self);
}

static void rr_dequeue(struct sim *s, struct proc *p) { plist_remove(s, &s->sched.queue, p->self); }

/* The process that will run next is known a pick ahead: the new head.
 * Its record is fetched into the cache now, while this one runs. With many
 * processes taking turns (RR q=1 on 10,000 jobs: a switch every tick, to a
 * process last run 10,000 switches ago), each dispatch otherwise waits on
 * memory for the half-dozen lines of the record it reads and writes. */
static void prefetch_head(const struct sim *s)
{
#if defined(__GNUC__)
	if (s->sched.queue.head == NIL)
		return;
	const char *p = (const char *)P(s, s->sched.queue.head);
	for (size_t off = 0; off < sizeof(struct proc); off += 64)
		__builtin_prefetch(p + off, 1);
	__builtin_prefetch(p + sizeof(struct proc) - 1, 1); /* a record need not start a line */
#else
	(void)s;
#endif
}

static struct proc *rr_pick_next(struct sim *s, int cpu)
{
	(void)cpu;
	slot_t x = plist_pop_head(s, &s->sched.queue);
	prefetch_head(s);
	return x == NIL ? NULL : P(s, x);
}

static struct proc *rr_peek(const struct sim *s)
{
	return s->sched.queue.head == NIL ? NULL : P(s, s->sched.queue.head);
}

static bool rr_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	if (curr->slice_used < s->sched.params.quantum)
		return false;
	if (s->sched.queue.count == 0) {
		curr->slice_used = 0;  /* alone: a fresh slice, no switch */
		return false;
	}
	return true;
}

static int rr_count(const struct sim *s) { return (int)s->sched.queue.count; }

static int rr_list(const struct sim *s, int *pids, int max) { return plist_pids(s, &s->sched.queue, pids, max, 0); }

const struct sched_policy sched_rr = {
	.name = "rr",
	.summary = "round robin: a FIFO run queue, each process runs at most one quantum at a time",
	.uses_quantum = true,
	.enqueue = rr_enqueue,
	.dequeue = rr_dequeue,
	.pick_next = rr_pick_next,
	.peek = rr_peek,
	.tick = rr_tick,
	.count = rr_count,
	.list = rr_list,
};

/* FIFO (first come, first served) is round robin without time slices: a
 * process keeps its CPU until it blocks or exits. */
static bool fifo_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)s, (void)cpu;
	curr->slice_used = 0;
	return false;
}

const struct sched_policy sched_fifo = {
	.name = "fifo",
	.summary = "first come, first served: no preemption; a process runs until it blocks or exits",
	.enqueue = rr_enqueue,
	.dequeue = rr_dequeue,
	.pick_next = rr_pick_next,
	.peek = rr_peek,
	.tick = fifo_tick,
	.count = rr_count,
	.list = rr_list,
};
