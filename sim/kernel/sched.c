/* sched.c: what the policies share: settings, the nice-to-weight table, and an
 * ordered run queue (a binary heap of processes by the policy's order). */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

static const struct sched_policy *const policies[] = {
	&sched_rr, &sched_fifo, &sched_sjf, &sched_stcf, &sched_prio, &sched_mlfq, &sched_cfs, &sched_cyclic,
	&sched_multi, &sched_lottery,
};

void sched_params_default(struct sched_params *p)
{
	memset(p, 0, sizeof *p);
	strcpy(p->policy, "rr");
	p->quantum = 3;
	/* OSTEP's example MLFQ: three levels, slices doubling downwards. */
	p->mlfq_levels = 3;
	for (int i = 0; i < SCHED_MAX_LEVELS; i++) {
		p->mlfq_quantum[i] = (int64_t)1 << (i + 1 < 20 ? i + 1 : 20);
		p->mlfq_allotment[i] = p->mlfq_quantum[i];
	}
	p->mlfq_boost = 100;
	/* CFS: sysctl_sched_latency 6 ms and min_granularity 0.75 ms keep a ratio
	 * of 8; in ticks that is 24 and 3. */
	p->cfs_latency = 24;
	p->cfs_min_granularity = 3;
	/* multi.py's defaults (-P 30 -M 100 -w 10 -r 2) */
	p->multi_peek = 30;
	p->multi_cache_size = 100;
	p->multi_warmup = 10;
	p->multi_warm_rate = 2;
}

const struct sched_policy *sched_find(const char *name)
{
	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++)
		if (strcmp(policies[i]->name, name) == 0)
			return policies[i];
	return NULL;
}

const char *const *sched_names(void)
{
	static const char *names[] = {"rr", "fifo", "sjf", "stcf", "prio", "mlfq", "cfs", "cyclic", "multi", "lottery",
				      NULL};
	return names;
}

/* kernel/sched/core.c sched_prio_to_weight[]: each nice step is about 10% CPU. */
static const int nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

int sched_nice_weight(int nice)
{
	if (nice < -20) nice = -20;
	if (nice > 19) nice = 19;
	return nice_weight[nice + 20];
}

bool sched_init(struct sim *s, const struct sched_params *params)
{
	s->sched.params = *params;
	s->sched.policy = sched_find(params->policy);
	if (!s->sched.policy)
		s->sched.policy = &sched_rr;
	plist_init(&s->sched.queue);
	for (int i = 0; i < SCHED_MAX_LEVELS; i++)
		plist_init(&s->sched.levels[i]);
	if (s->sched.params.mlfq_levels < 1)
		s->sched.params.mlfq_levels = 1;
	if (s->sched.params.mlfq_levels > SCHED_MAX_LEVELS)
		s->sched.params.mlfq_levels = SCHED_MAX_LEVELS;
	s->sched.requeue = NIL;
	for (int c = 0; c < SCHED_MAX_CPUS; c++) {
		s->sched.chosen[c] = NIL;
		s->cpus[c].note.tick = -1;
	}
	return !s->sched.policy->init || s->sched.policy->init(s);
}

void sched_fini(struct sim *s)
{
	free(s->sched.heap);
	if (s->sched.policy && s->sched.policy->fini)
		s->sched.policy->fini(s);
}

/* ---- the ordered run queue ---------------------------------------------------- */

static void hplace(struct sim *s, int32_t i, slot_t x)
{
	s->sched.heap[i] = x;
	P(s, x)->rq_index = i;
}

static void hup(struct sim *s, int32_t i, rq_less_fn *less)
{
	slot_t x = s->sched.heap[i];
	while (i > 0) {
		int32_t parent = (i - 1) / 2;
		if (!less(s, P(s, x), P(s, s->sched.heap[parent])))
			break;
		hplace(s, i, s->sched.heap[parent]);
		i = parent;
	}
	hplace(s, i, x);
}

static void hdown(struct sim *s, int32_t i, rq_less_fn *less)
{
	slot_t x = s->sched.heap[i];
	for (;;) {
		int32_t c = 2 * i + 1;
		if (c >= s->sched.nheap)
			break;
		if (c + 1 < s->sched.nheap && less(s, P(s, s->sched.heap[c + 1]), P(s, s->sched.heap[c])))
			c++;
		if (!less(s, P(s, s->sched.heap[c]), P(s, x)))
			break;
		hplace(s, i, s->sched.heap[c]);
		i = c;
	}
	hplace(s, i, x);
}

void rq_heap_push(struct sim *s, struct proc *p, rq_less_fn *less)
{
	if (s->sched.nheap == s->sched.capheap) {
		int32_t cap = s->sched.capheap ? s->sched.capheap * 2 : 64;
		slot_t *h = realloc(s->sched.heap, sizeof *h * (size_t)cap);
		if (!h)
			abort();
		s->sched.heap = h;
		s->sched.capheap = cap;
	}
	s->sched.heap[s->sched.nheap] = p->self;
	hup(s, s->sched.nheap++, less);
}

void rq_heap_remove(struct sim *s, struct proc *p, rq_less_fn *less)
{
	int32_t i = p->rq_index;
	p->rq_index = -1;
	s->sched.nheap--;
	if (i == s->sched.nheap)
		return;
	slot_t moved = s->sched.heap[s->sched.nheap];
	hplace(s, i, moved);
	if (i > 0 && less(s, P(s, moved), P(s, s->sched.heap[(i - 1) / 2])))
		hup(s, i, less);
	else
		hdown(s, i, less);
}

struct proc *rq_heap_peek(const struct sim *s) { return s->sched.nheap ? P(s, s->sched.heap[0]) : NULL; }

struct proc *rq_heap_pop(struct sim *s, rq_less_fn *less)
{
	struct proc *p = rq_heap_peek(s);
	if (p)
		rq_heap_remove(s, p, less);
	return p;
}

int rq_heap_count(const struct sim *s) { return s->sched.nheap; }

/* The heap in run order, for the views: a copy sorted by the same order. */
int rq_heap_list(const struct sim *s, int *pids, int max, rq_less_fn *less)
{
	int n = s->sched.nheap;
	slot_t *tmp = malloc(sizeof *tmp * (size_t)(n ? n : 1));
	if (!tmp)
		return 0;
	memcpy(tmp, s->sched.heap, sizeof *tmp * (size_t)n);
	/* insertion sort is fine for a view of at most `max` entries */
	int k = n < max ? n : max;
	for (int i = 0; i < k; i++) {
		int best = i;
		for (int j = i + 1; j < n; j++)
			if (less(s, P(s, tmp[j]), P(s, tmp[best])))
				best = j;
		slot_t t = tmp[i];
		tmp[i] = tmp[best];
		tmp[best] = t;
		pids[i] = P(s, tmp[i])->pid;
	}
	free(tmp);
	return n;
}

/* Ties everywhere: arrival, then PID. */
bool rq_tie(const struct proc *a, const struct proc *b)
{
	if (a->start_tick != b->start_tick)
		return a->start_tick < b->start_tick;
	return a->pid < b->pid;
}

int plist_pids(const struct sim *s, const struct plist *l, int *pids, int max, int n)
{
	for (slot_t x = l->head; x != NIL; x = P(s, x)->next, n++)
		if (n < max)
			pids[n] = P(s, x)->pid;
	return n;
}
