/* sched_lottery.c: lottery scheduling (Waldspurger and Weihl, 1994; OSTEP
 * chapter 9). Each process holds tickets; at the start of every slice of
 * `quantum` ticks the scheduler draws a winning ticket among the tickets of
 * the runnable processes, the running one included, and the holder runs the
 * slice. The draw is OSTEP's lottery.py's, so that a seed gives the same
 * winners: r = int(random() * 1000001) from CPython's generator, the winning
 * ticket r % total, and the winner the first process, in order of arrival
 * (then PID), whose running sum of tickets exceeds it (the list walk of
 * OSTEP's Figure 9.1). A draw costs O(runnable processes), as that walk.
 *
 * init and the login shell hold no tickets: they stand outside the draw and
 * run first whenever they are runnable (they only ever do zero-time work:
 * reaping, reading a command), so they never take a slice or a random
 * number from the processes in the lottery. */
#include "kernel_int.h"

/* The processes in the draw: `queue`, kept in order of arrival, then PID.
 * Those outside it: levels[0], in the order they came. */
static struct plist *outside(struct sim *s) { return &s->sched.levels[0]; }

static void lottery_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	(void)why;
	if (p->tickets <= 0) {
		plist_push_tail(s, outside(s), p->self);
		return;
	}
	/* Usually the newest arrival: the walk from the tail is short. */
	slot_t at = s->sched.queue.tail;
	while (at != NIL && rq_tie(p, P(s, at)))
		at = P(s, at)->prev;
	plist_insert_before(s, &s->sched.queue, at == NIL ? s->sched.queue.head : P(s, at)->next, p->self);
	s->sched.tickets_queued += p->tickets;
}

static void lottery_dequeue(struct sim *s, struct proc *p)
{
	if (p->tickets <= 0) {
		plist_remove(s, outside(s), p->self);
		return;
	}
	plist_remove(s, &s->sched.queue, p->self);
	s->sched.tickets_queued -= p->tickets;
	for (int c = 0; c < SCHED_MAX_CPUS; c++)
		if (s->sched.chosen[c] == p->self)
			s->sched.chosen[c] = NIL;
}

/* Draws the holder of the next slice on `cpu` among the queued processes
 * and `curr` (NULL: the CPU is free), and notes the draw for the views. */
static struct proc *draw(struct sim *s, struct proc *curr, int cpu)
{
	int64_t total = s->sched.tickets_queued + (curr ? curr->tickets : 0);
	if (total <= 0)
		return NULL;
	int64_t r = (int64_t)(pyrandom_random(&s->sched.rng) * 1000001);
	int64_t ticket = r % total, sum = 0;
	struct proc *winner = NULL;
	bool curr_counted = curr == NULL;
	for (slot_t x = s->sched.queue.head;; x = P(s, x)->next) {
		struct proc *p = x == NIL ? NULL : P(s, x);
		if (!curr_counted && (!p || rq_tie(curr, p))) {
			curr_counted = true;
			if ((sum += curr->tickets) > ticket) {
				winner = curr;
				break;
			}
		}
		if (!p)
			break;
		if ((sum += p->tickets) > ticket) {
			winner = p;
			break;
		}
	}
	s->cpus[cpu].note = (struct sched_note){.tick = s->clock, .pid = winner->pid, .draw = r, .ticket = ticket,
						.tickets = total, .cpu_ticks = winner->cpu_ticks};
	return winner;
}

/* random.seed(seed), then the draws a homework tool made first for its
 * workload (skip_draws), so the winners are the tool's. */
static bool lottery_init(struct sim *s)
{
	pyrandom_seed(&s->sched.rng, s->sched.params.seed);
	for (int64_t i = 0; i < s->sched.params.skip_draws; i++)
		pyrandom_random(&s->sched.rng);
	return true;
}

static struct proc *lottery_pick(struct sim *s, int cpu)
{
	struct proc *p = NULL;
	if (outside(s)->head != NIL)
		p = P(s, outside(s)->head);
	else if (s->sched.chosen[cpu] != NIL)
		p = P(s, s->sched.chosen[cpu]);
	else
		p = draw(s, NULL, cpu);
	s->sched.chosen[cpu] = NIL;
	if (p)
		lottery_dequeue(s, p);
	return p;
}

static struct proc *lottery_peek(const struct sim *s)
{
	if (s->sched.levels[0].head != NIL)
		return P(s, s->sched.levels[0].head);
	return s->sched.queue.head == NIL ? NULL : P(s, s->sched.queue.head);
}

/* At the end of a slice, a new draw: the running process keeps the CPU if
 * it wins again. init or the shell, runnable, take the CPU first; the
 * process they interrupt gets it back after them, without a draw. */
static bool lottery_tick(struct sim *s, struct proc *curr, int cpu)
{
	struct proc *next = curr;
	if (curr->slice_used >= s->sched.params.quantum && curr->tickets > 0) {
		next = draw(s, curr, cpu);
		curr->slice_used = 0;
	}
	if (next == curr && outside(s)->head == NIL)
		return false;
	s->sched.chosen[cpu] = next->self;
	return true;
}

static int lottery_count(const struct sim *s)
{
	return (int)(s->sched.queue.count + s->sched.levels[0].count);
}

static int lottery_list(const struct sim *s, int *pids, int max)
{
	int n = plist_pids(s, &s->sched.levels[0], pids, max, 0);
	return plist_pids(s, &s->sched.queue, pids, max, n);
}

const struct sched_policy sched_lottery = {
	.name = "lottery",
	.summary = "lottery: each slice goes to the holder of a ticket drawn at random among the runnable processes' tickets",
	.uses_quantum = true,
	.init = lottery_init,
	.enqueue = lottery_enqueue,
	.dequeue = lottery_dequeue,
	.pick_next = lottery_pick,
	.peek = lottery_peek,
	.tick = lottery_tick,
	.count = lottery_count,
	.list = lottery_list,
};
