/* sched_sjf.c: shortest job first (non-preemptive, by the declared CPU demand)
 * and shortest time to completion first (preemptive, by the demand still to
 * run). The run queue is a heap ordered by that length, then arrival, then PID. */
#include "kernel_int.h"

static int64_t demand(const struct proc *p) { return p->demand < 0 ? INT64_MAX / 2 : p->demand; }

static int64_t remaining(const struct proc *p)
{
	int64_t r = demand(p) - p->cpu_ticks;
	return r < 0 ? 0 : r;
}

static bool sjf_less(const struct sim *s, const struct proc *a, const struct proc *b)
{
	(void)s;
	return demand(a) != demand(b) ? demand(a) < demand(b) : rq_tie(a, b);
}

static bool stcf_less(const struct sim *s, const struct proc *a, const struct proc *b)
{
	(void)s;
	return remaining(a) != remaining(b) ? remaining(a) < remaining(b) : rq_tie(a, b);
}

static void sjf_enqueue(struct sim *s, struct proc *p, enum enqueue_why why) { (void)why; rq_heap_push(s, p, sjf_less); }
static void sjf_dequeue(struct sim *s, struct proc *p) { rq_heap_remove(s, p, sjf_less); }
static struct proc *sjf_pick(struct sim *s, int cpu) { (void)cpu; return rq_heap_pop(s, sjf_less); }
static int sjf_list(const struct sim *s, int *pids, int max) { return rq_heap_list(s, pids, max, sjf_less); }

static void stcf_enqueue(struct sim *s, struct proc *p, enum enqueue_why why) { (void)why; rq_heap_push(s, p, stcf_less); }
static void stcf_dequeue(struct sim *s, struct proc *p) { rq_heap_remove(s, p, stcf_less); }
static struct proc *stcf_pick(struct sim *s, int cpu) { (void)cpu; return rq_heap_pop(s, stcf_less); }
static int stcf_list(const struct sim *s, int *pids, int max) { return rq_heap_list(s, pids, max, stcf_less); }

static bool no_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)s, (void)cpu;
	curr->slice_used = 0;
	return false;
}

const struct sched_policy sched_sjf = {
	.name = "sjf",
	.summary = "shortest job first: the shortest declared CPU demand runs next, without preemption",
	.enqueue = sjf_enqueue,
	.dequeue = sjf_dequeue,
	.pick_next = sjf_pick,
	.peek = rq_heap_peek,
	.tick = no_tick,
	.count = rq_heap_count,
	.list = sjf_list,
};

/* A runnable process preempts only with strictly less left to run: an equal
 * one waits (arrival order decides only in the queue). */
static bool stcf_before(const struct sim *s, const struct proc *a, const struct proc *b)
{
	(void)s;
	return remaining(a) < remaining(b);
}

const struct sched_policy sched_stcf = {
	.name = "stcf",
	.summary = "shortest time to completion first: a newly runnable process with less left to run preempts",
	.preemptive = true,
	.enqueue = stcf_enqueue,
	.dequeue = stcf_dequeue,
	.pick_next = stcf_pick,
	.peek = rq_heap_peek,
	.tick = no_tick,
	.before = stcf_before,
	.count = rq_heap_count,
	.list = stcf_list,
};
