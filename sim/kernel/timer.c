/* timer.c: one binary min-heap of timers ordered by (tick, arming sequence),
 * so timers due at the same tick fire in the order they were armed. A process
 * has at most one timer; it knows its heap index, so cancelling is O(log n). */
#include <stdlib.h>

#include "sig.h"

#include "kernel_int.h"

static bool before(const struct timer_entry *a, const struct timer_entry *b)
{
	return a->tick != b->tick ? a->tick < b->tick : a->seq < b->seq;
}

static void place(struct sim *s, int32_t i, struct timer_entry e)
{
	s->heap[i] = e;
	P(s, e.slot)->timer = i;
}

static void sift_up(struct sim *s, int32_t i)
{
	struct timer_entry e = s->heap[i];
	while (i > 0) {
		int32_t parent = (i - 1) / 2;
		if (!before(&e, &s->heap[parent]))
			break;
		place(s, i, s->heap[parent]);
		i = parent;
	}
	place(s, i, e);
}

static void sift_down(struct sim *s, int32_t i)
{
	struct timer_entry e = s->heap[i];
	for (;;) {
		int32_t c = 2 * i + 1;
		if (c >= s->nheap)
			break;
		if (c + 1 < s->nheap && before(&s->heap[c + 1], &s->heap[c]))
			c++;
		if (!before(&s->heap[c], &e))
			break;
		place(s, i, s->heap[c]);
		i = c;
	}
	place(s, i, e);
}

void timer_arm(struct sim *s, struct proc *p, int64_t tick)
{
	if (p->timer >= 0)
		timer_cancel(s, p);
	if (s->nheap == s->capheap) {
		int32_t cap = s->capheap ? s->capheap * 2 : 64;
		struct timer_entry *h = realloc(s->heap, sizeof *h * (size_t)cap);
		if (!h)
			abort();
		s->heap = h;
		s->capheap = cap;
	}
	s->heap[s->nheap] = (struct timer_entry){tick, s->timer_seq++, p->self};
	sift_up(s, s->nheap++);
	p->until = tick;
}

void timer_cancel(struct sim *s, struct proc *p)
{
	int32_t i = p->timer;
	if (i < 0)
		return;
	p->timer = -1;
	s->nheap--;
	if (i == s->nheap)
		return;
	struct timer_entry moved = s->heap[s->nheap];
	place(s, i, moved);
	if (i > 0 && before(&moved, &s->heap[(i - 1) / 2]))
		sift_up(s, i);
	else
		sift_down(s, i);
}

int64_t timer_next(const struct sim *s)
{
	int64_t t = s->nheap ? s->heap[0].tick : INT64_MAX;
	for (int32_t i = 0; i < s->nalarms; i++)
		if (s->alarms[i].tick < t)
			t = s->alarms[i].tick;
	return t;
}

struct proc *timer_pop_due(struct sim *s, int64_t now)
{
	if (!s->nheap || s->heap[0].tick > now)
		return NULL;
	struct proc *p = P(s, s->heap[0].slot);
	timer_cancel(s, p);
	return p;
}

/* ---- alarm(2) -------------------------------------------------------------- */

/* The index of p's alarm in s->alarms, or -1. */
static int32_t alarm_index(const struct sim *s, const struct proc *p)
{
	if (!(p->flags & PF_ALARM))
		return -1;
	for (int32_t i = 0; i < s->nalarms; i++)
		if (s->alarms[i].slot == p->self)
			return i;
	return -1;
}

static void alarm_remove(struct sim *s, int32_t i)
{
	P(s, s->alarms[i].slot)->flags &= (uint8_t)~PF_ALARM;
	s->alarms[i] = s->alarms[--s->nalarms];
}

/* alarm_setitimer: ITIMER_REAL is the process's one real-time timer; a
 * new alarm replaces the old one, 0 cancels it. Not inherited by fork
 * (copy_signal starts the child's cleared), kept across exec; do_exit
 * cancels it (exit_itimers). */
int64_t alarm_set(struct sim *s, struct proc *p, int64_t tick)
{
	int64_t left = 0;
	int32_t i = alarm_index(s, p);
	if (i >= 0) {
		left = s->alarms[i].tick - s->clock;
		alarm_remove(s, i);
	}
	if (tick <= 0)
		return left;
	if (s->nalarms == s->capalarms) {
		int32_t cap = s->capalarms ? s->capalarms * 2 : 8;
		struct timer_entry *a = realloc(s->alarms, sizeof *a * (size_t)cap);
		if (!a)
			abort();
		s->alarms = a;
		s->capalarms = cap;
	}
	s->alarms[s->nalarms++] = (struct timer_entry){tick, s->timer_seq++, p->self};
	p->flags |= PF_ALARM;
	return left;
}

void alarm_fire_due(struct sim *s)
{
	for (;;) {
		int32_t first = -1;
		for (int32_t i = 0; i < s->nalarms; i++)
			if (s->alarms[i].tick <= s->now && (first < 0 || before(&s->alarms[i], &s->alarms[first])))
				first = i;
		if (first < 0)
			return;
		struct proc *p = P(s, s->alarms[first].slot);
		alarm_remove(s, first);
		ksignal_send(s, 0, p, SIG_ALRM);
	}
}

const char *alarm_check(const struct sim *s)
{
	for (int32_t i = 0; i < s->nalarms; i++) {
		const struct proc *p = P(s, s->alarms[i].slot);
		if (!(p->flags & PF_ALARM) || p->state == 'Z' || p->place == PL_FREE)
			return "an alarm belongs to no live process that has one";
		for (int32_t j = 0; j < i; j++)
			if (s->alarms[j].slot == s->alarms[i].slot)
				return "a process has two alarms";
	}
	return NULL;
}
