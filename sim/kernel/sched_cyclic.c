/* sched_cyclic.c: the scheduler of OSTEP's process-run.py (cpu-intro), as a
 * policy. No time slices: a process keeps its CPU until it blocks or ends.
 * Then the CPU takes the first ready process in PID order after the one
 * that ran last, wrapping round (process-run.py's next_proc), chosen among
 * the processes that were ready when the CPU was given up: one whose I/O
 * completes at the same instant comes after, and waits its turn. An idle
 * CPU takes the first process to become ready. Two settings change it:
 *   switch_on end       the process keeps its CPU while in disk I/O (D),
 *                       the CPU idle, until it ends (SWITCH_ON_END);
 *   io_done immediate   a process whose disk I/O completes takes the CPU at
 *                       once, from whoever runs (IO_RUN_IMMEDIATE).
 * Linux picks the next task in __schedule() as the previous one blocks;
 * procsim's kernel asks at the next tick, after that tick's wake-ups. So the
 * policy marks the moment the CPU was given up (the enqueue count then) and
 * chooses among the processes queued before it. A process that ran without
 * using a tick (init reaping a child) neither moves the scan nor marks a
 * new moment: process-run.py has no such process.
 * The run queue is kept in PID order; choosing walks it, as next_proc does
 * (O(ready processes) per choice: a teaching policy). One CPU is its
 * setting; on several CPUs each free CPU makes the same choice in turn. */
#include "kernel_int.h"

static bool alive(const struct proc *p) { return p && p->state != 'Z'; }

/* The process the policy last put on a CPU has given it up (blocked,
 * ended, preempted): if it used a tick, this is when the next one is
 * chosen. Called before every change to the queue and every choice, so
 * that no enqueue slips in between. */
static void notice_leave(struct sim *s)
{
	struct sched *q = &s->sched;
	if (!q->cyc_on_cpu)
		return;
	const struct proc *p = proc_by_pid(s, q->cyc_on_cpu);
	if (p && p->place == PL_CPU)
		return;
	if (q->cyc_ran)
		q->cyc_cut = q->seq;
	q->cyc_on_cpu = 0;
	q->cyc_ran = false;
}

/* The cut notice_leave would set now, without setting it (for peek). */
static uint64_t current_cut(const struct sim *s)
{
	const struct sched *q = &s->sched;
	if (q->cyc_on_cpu && q->cyc_ran) {
		const struct proc *p = proc_by_pid(s, q->cyc_on_cpu);
		if (!p || p->place != PL_CPU)
			return q->seq;
	}
	return q->cyc_cut;
}

/* p, if it is in the run queue. */
static struct proc *queued(const struct sim *s, int pid)
{
	struct proc *p = pid ? proc_by_pid(s, pid) : NULL;
	return p && p->place == PL_RUNQ ? p : NULL;
}

/* Whom the CPU takes now, or NULL to stay idle. */
static struct proc *choose(const struct sim *s, uint64_t cut)
{
	const struct sched *q = &s->sched;
	struct proc *p = queued(s, q->cyc_woken);
	if (p)
		return p;
	if (q->params.switch_on_end) {
		/* The holder keeps the CPU through its I/O. */
		const struct proc *h = q->cyc_last ? proc_by_pid(s, q->cyc_last) : NULL;
		if (alive(h) && (h->place == PL_RUNQ || h->state == 'D'))
			return h->place == PL_RUNQ ? P(s, h->self) : NULL;
	}
	struct proc *wrap = NULL, *first = NULL;
	for (slot_t x = q->queue.head; x != NIL; x = P(s, x)->next) {
		p = P(s, x);
		if (!first || p->rq_seq < first->rq_seq)
			first = p;
		if (p->rq_seq >= cut)
			continue;
		if (p->pid > q->cyc_last)
			return p;
		if (!wrap)
			wrap = p;
	}
	/* Nobody was ready when the CPU was given up: the first to become
	 * ready since takes it (process-run.py: "the only thing to run"). */
	return wrap ? wrap : first;
}

static void cyclic_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	struct sched *q = &s->sched;
	notice_leave(s);
	p->rq_seq = q->seq++;
	/* In PID order: a new process (the highest PID) goes straight to the tail. */
	slot_t before = NIL;
	for (slot_t x = q->queue.tail; x != NIL && P(s, x)->pid > p->pid; x = P(s, x)->prev)
		before = x;
	plist_insert_before(s, &q->queue, before, p->self);
	if (why == ENQ_WAKEUP && q->params.io_done_immediate && p->sleep_call == SYS_READ_DISK)
		q->cyc_woken = p->pid;
}

static void cyclic_dequeue(struct sim *s, struct proc *p)
{
	notice_leave(s);
	plist_remove(s, &s->sched.queue, p->self);
}

static struct proc *cyclic_pick_next(struct sim *s, int cpu)
{
	(void)cpu;
	notice_leave(s);
	struct proc *p = choose(s, s->sched.cyc_cut);
	if (!p)
		return NULL;
	plist_remove(s, &s->sched.queue, p->self);
	if (s->sched.cyc_woken == p->pid)
		s->sched.cyc_woken = 0;
	s->sched.cyc_on_cpu = p->pid;
	s->sched.cyc_ran = false;
	return p;
}

static struct proc *cyclic_peek(const struct sim *s) { return choose(s, current_cut(s)); }

/* A tick of CPU: p is the process that ran last, where the next scan starts. */
static void cyclic_charge(struct sim *s, struct proc *p)
{
	s->sched.cyc_last = p->pid;
	if (p->pid == s->sched.cyc_on_cpu)
		s->sched.cyc_ran = true;
}

static bool cyclic_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)s, (void)cpu;
	curr->slice_used = 0;
	return false;
}

/* io_done immediate: the process whose I/O just completed goes first. */
static bool cyclic_before(const struct sim *s, const struct proc *p, const struct proc *curr)
{
	(void)curr;
	return p->pid == s->sched.cyc_woken;
}

static int cyclic_count(const struct sim *s) { return (int)s->sched.queue.count; }

/* In the order of the scan: after the process that ran last, then round. */
static int cyclic_list(const struct sim *s, int *pids, int max)
{
	int n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (slot_t x = s->sched.queue.head; x != NIL; x = P(s, x)->next)
			if ((P(s, x)->pid > s->sched.cyc_last) == (pass == 0)) {
				if (n < max)
					pids[n] = P(s, x)->pid;
				n++;
			}
	return n;
}

const struct sched_policy sched_cyclic = {
	.name = "cyclic",
	.summary = "process-run.py's scheduler: no time slices; the next ready process in PID order after the one that ran last",
	.preemptive = true, /* only with io_done immediate (cyclic_before) */
	.enqueue = cyclic_enqueue,
	.dequeue = cyclic_dequeue,
	.pick_next = cyclic_pick_next,
	.peek = cyclic_peek,
	.charge = cyclic_charge,
	.tick = cyclic_tick,
	.before = cyclic_before,
	.count = cyclic_count,
	.list = cyclic_list,
};
