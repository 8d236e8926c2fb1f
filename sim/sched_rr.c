/* sched_rr.c: round robin, the reference policy. One FIFO run queue shared by
 * all CPUs; a process runs for at most `quantum` ticks, then goes to the tail
 * if someone is waiting (alone, it keeps the CPU with a fresh slice). A woken
 * or new process joins the tail, like SCHED_RR's enqueue_task_rt. */
#include <string.h>

#include "kernel_int.h"

static void rr_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	(void)why;
	plist_push_tail(s, &s->sched.queue, p->self);
}

static void rr_dequeue(struct sim *s, struct proc *p) { plist_remove(s, &s->sched.queue, p->self); }

static struct proc *rr_pick_next(struct sim *s, int cpu)
{
	(void)cpu;
	slot_t x = plist_pop_head(s, &s->sched.queue);
	return x == NIL ? NULL : P(s, x);
}

static bool rr_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	if (curr->slice_used < s->quantum)
		return false;
	if (s->sched.queue.count == 0) {
		curr->slice_used = 0;  /* alone: a fresh slice, no switch */
		return false;
	}
	return true;
}

static int rr_count(const struct sim *s) { return (int)s->sched.queue.count; }

static int rr_list(const struct sim *s, int *pids, int max)
{
	int n = 0;
	for (slot_t x = s->sched.queue.head; x != NIL; x = P(s, x)->next, n++)
		if (n < max)
			pids[n] = P(s, x)->pid;
	return n;
}

const struct sched_policy sched_rr = {
	.name = "rr",
	.enqueue = rr_enqueue,
	.dequeue = rr_dequeue,
	.pick_next = rr_pick_next,
	.tick = rr_tick,
	.count = rr_count,
	.list = rr_list,
};

const struct sched_policy *sched_find(const char *name)
{
	static const struct sched_policy *const all[] = {&sched_rr};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}
