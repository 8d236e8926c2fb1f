/* timer.c: one binary min-heap of timers ordered by (tick, arming sequence),
 * so timers due at the same tick fire in the order they were armed. A process
 * has at most one timer; it knows its heap index, so cancelling is O(log n). */
#include <stdlib.h>

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

int64_t timer_next(const struct sim *s) { return s->nheap ? s->heap[0].tick : INT64_MAX; }

struct proc *timer_pop_due(struct sim *s, int64_t now)
{
	if (!s->nheap || s->heap[0].tick > now)
		return NULL;
	struct proc *p = P(s, s->heap[0].slot);
	timer_cancel(s, p);
	return p;
}
