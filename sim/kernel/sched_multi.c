/* sched_multi.c: the scheduler of OSTEP's multi.py (cpu-sched-multi), as a
 * policy: several CPUs, each with a cache, and jobs that run faster on a CPU
 * whose cache holds their working set.
 *
 * The run queues: one for all CPUs, or one per CPU (multi_per_cpu). Jobs
 * that arrive together are dealt to the per-CPU queues round robin, CPU 0
 * first, each CPU taking the first job it may run (affinity); a process that
 * leaves its CPU (slice over, woken) goes to the tail of that CPU's queue.
 * The time slice is global, as the timer interrupt of every CPU fires at
 * once: at each multiple of the quantum every running job leaves its CPU,
 * CPU 0's first, even one that came on a tick ago. At the start of a tick:
 *   1. stealing (per CPU, every multi_peek ticks): each CPU in order whose
 *      queue is empty looks at one other CPU's queue, drawn at random, and
 *      takes the first job there that may run on it;
 *   2. each idle CPU, in order or (multi_random_order) in a shuffled order,
 *      takes the first job of its queue that may run on it.
 * The cache (each CPU's): a job taken by a CPU whose cache neither holds
 * nor is warming its working set starts warming it; after multi_warmup
 * ticks on that CPU it is warm: it goes to the front of the cache, and the
 * working sets at the back are evicted (back to warming) until the cache
 * holds no more than multi_cache_size. A warm job does multi_warm_rate
 * ticks of work in one tick of CPU. Finished jobs stay in the caches.
 * The random draws (random.choice of the CPU to steal from, random.shuffle
 * of the CPUs) come from CPython's stream (pyrandom.c) seeded with `seed`
 * after `skip_draws` random.random() calls, where multi.py draws them.
 *
 * Where multi.py's steal_jobs tests `cpu in self.jobs[job_name]` (the job's
 * whole record: true when the CPU's number equals its run time or working
 * set) this policy tests the job's affinity, which is what the tool means,
 * unless multi_steal_record asks for the tool's test (the homework, to give
 * the tool's answer where its bug keeps it finite). Each CPU's last look
 * keeps what it examined, so that the homework can check it and tell the
 * runs where the tool strands a job outside its affinity
 * (sim_multi_steal).
 * init and the shell (zero-time work: reaping) have a queue of their own,
 * served first, and take no part.
 *
 * Lists of queued processes are plists; the caches are small arrays of
 * (PID, working set) walked linearly, as multi.py's lists are: a teaching
 * policy. */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"
#include "pyrandom.h"
#include "sched_multi.h"

/* Where a queued process is (its rq_index while in the run queue). */
enum {
	AT_SHARED = 64,        /* 0..63: that CPU's queue */
	AT_ARRIVED,            /* new, to be dealt at the next tick's start */
	AT_KERNEL,             /* init, the shell */
	AT_TAKEN = 128,        /* 128 + c: taken by idle CPU c this tick, not yet on it */
};

struct cache_line {
	int32_t pid, working_set;
	int64_t left;          /* warming: ticks still to run here before warm */
};

struct cache_list {
	struct cache_line *v;
	int32_t n, cap;
};

/* What a CPU's stealing did at the start of tick t: the queue it looked at
 * (-1: there was no other CPU) and the PIDs it examined there, head first,
 * the last the one it took if it took one. The homework checks each against
 * multi.py's own test (sched_multi.h). */
struct steal_look {
	int64_t t;             /* -1: it has not looked */
	int32_t from, n, cap;
	bool took;
	int32_t *pids;
};

struct multi_cpu {
	struct plist queue;
	struct steal_look look;
	slot_t taken;          /* the job it takes this tick, or NIL */
	struct cache_list warm;     /* multi.py's cache_contents: the most recently warmed first */
	struct cache_list warming;  /* cache_warming: in the order they began */
	int64_t ran, ran_warm;      /* ticks it ran a job; of them, warm at a rate above 1 */
};

/* What a job line says of a process (fork_args), by slot: kept here, not
 * in struct proc, which every process of every policy pays for. */
struct job_attr {
	uint64_t affinity;     /* bit c: it may run on CPU c; 0: any */
	int32_t working_set;
};

struct sched_multi {
	struct job_attr *attr; /* by slot */
	uint32_t nattr;
	struct pyrandom rng;
	struct plist shared, arrived, kernel;
	int ncpus;
	struct multi_cpu cpu[];
};

static struct sched_multi *ms(const struct sim *s) { return s->sched.multi; }

static struct job_attr attr_of(const struct sim *s, const struct proc *p)
{
	const struct sched_multi *m = ms(s);
	return p->self < m->nattr ? m->attr[p->self] : (struct job_attr){0, 0};
}

static void multi_spawned(struct sim *s, struct proc *p, const struct fork_args *fa)
{
	struct sched_multi *m = ms(s);
	if (p->self >= m->nattr) {
		uint32_t n = m->nattr ? m->nattr : 64;
		while (n <= p->self)
			n *= 2;
		struct job_attr *v = realloc(m->attr, sizeof *v * n);
		if (!v)
			abort(); /* as a run queue that cannot grow */
		memset(v + m->nattr, 0, sizeof *v * (n - m->nattr));
		m->attr = v;
		m->nattr = n;
	}
	m->attr[p->self] = (struct job_attr){fa->affinity, fa->working_set};
}

/* ---- caches ------------------------------------------------------------------------ */

static int cache_find(const struct cache_list *l, int pid)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].pid == pid)
			return i;
	return -1;
}

static void cache_insert(struct cache_list *l, int at, struct cache_line x)
{
	if (l->n == l->cap) {
		int32_t cap = l->cap ? l->cap * 2 : 8;
		struct cache_line *v = realloc(l->v, sizeof *v * (size_t)cap);
		if (!v)
			abort(); /* as rq_heap_push: a run queue that cannot grow */
		l->v = v;
		l->cap = cap;
	}
	memmove(&l->v[at + 1], &l->v[at], sizeof *l->v * (size_t)(l->n - at));
	l->v[at] = x;
	l->n++;
}

static void cache_remove(struct cache_list *l, int at)
{
	memmove(&l->v[at], &l->v[at + 1], sizeof *l->v * (size_t)(l->n - at - 1));
	l->n--;
}

/* cache.adjust_size: evict from the back until the working sets fit. */
static void cache_fit(const struct sim *s, struct multi_cpu *c)
{
	int64_t total = 0;
	for (int i = 0; i < c->warm.n; i++)
		total += c->warm.v[i].working_set;
	while (total > s->sched.params.multi_cache_size) {
		struct cache_line gone = c->warm.v[c->warm.n - 1];
		c->warm.n--;
		gone.left = s->sched.params.multi_warmup;
		cache_insert(&c->warming, c->warming.n, gone);
		total -= gone.working_set;
	}
}

/* cache.new_job: a CPU takes p. */
static void cache_take(const struct sim *s, struct multi_cpu *c, const struct proc *p)
{
	if (cache_find(&c->warm, p->pid) >= 0 || cache_find(&c->warming, p->pid) >= 0)
		return;
	struct cache_line x = {p->pid, attr_of(s, p).working_set, s->sched.params.multi_warmup};
	if (x.left == 0) { /* no warm-up: straight into the cache */
		cache_insert(&c->warm, 0, x);
		cache_fit(s, c);
	} else {
		cache_insert(&c->warming, c->warming.n, x);
	}
}

/* cache.update_warming: p has run a tick on this CPU. */
static void cache_ran(const struct sim *s, struct multi_cpu *c, const struct proc *p)
{
	int i = cache_find(&c->warming, p->pid);
	if (i < 0 || --c->warming.v[i].left > 0)
		return;
	struct cache_line x = c->warming.v[i];
	cache_remove(&c->warming, i);
	cache_insert(&c->warm, 0, x);
	cache_fit(s, c);
}

/* ---- queues ------------------------------------------------------------------------ */

static uint64_t all_cpus(const struct sim *s) { return s->ncpus >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << s->ncpus) - 1; }

/* May p run on CPU c? An affinity naming no CPU of this machine is none. */
static bool allowed(const struct sim *s, const struct proc *p, int c)
{
	uint64_t mask = attr_of(s, p).affinity & all_cpus(s);
	return !mask || (mask >> c & 1);
}

static struct plist *queue_of(struct sim *s, int c)
{
	return s->sched.params.multi_per_cpu ? &ms(s)->cpu[c].queue : &ms(s)->shared;
}

static void put(struct sim *s, struct plist *l, int where, struct proc *p)
{
	p->rq_index = where;
	plist_push_tail(s, l, p->self);
}

/* The first process of l that may run on CPU c, or NULL. */
static struct proc *first_for(struct sim *s, const struct plist *l, int c)
{
	for (slot_t x = l->head; x != NIL; x = P(s, x)->next)
		if (allowed(s, P(s, x), c))
			return P(s, x);
	return NULL;
}

static void multi_enqueue(struct sim *s, struct proc *p, enum enqueue_why why)
{
	struct sched_multi *m = ms(s);
	if (p->flags & PF_BUILTIN)
		put(s, &m->kernel, AT_KERNEL, p);
	else if (why == ENQ_NEW || p->cpu < 0)
		put(s, &m->arrived, AT_ARRIVED, p);
	else
		put(s, queue_of(s, p->cpu), s->sched.params.multi_per_cpu ? p->cpu : AT_SHARED, p);
}

static void multi_dequeue(struct sim *s, struct proc *p)
{
	struct sched_multi *m = ms(s);
	int at = p->rq_index;
	p->rq_index = -1;
	if (at >= AT_TAKEN)
		m->cpu[at - AT_TAKEN].taken = NIL;
	else
		plist_remove(s, at == AT_KERNEL ? &m->kernel : at == AT_ARRIVED ? &m->arrived
			     : at == AT_SHARED ? &m->shared : &m->cpu[at].queue, p->self);
}

/* multi.py's scheduler.__init__: the new jobs, in order, to the queues. */
static void deal_arrivals(struct sim *s)
{
	struct sched_multi *m = ms(s);
	if (!s->sched.params.multi_per_cpu) {
		for (slot_t x; (x = plist_pop_head(s, &m->arrived)) != NIL;)
			put(s, &m->shared, AT_SHARED, P(s, x));
		return;
	}
	/* Round robin, each CPU the first job it may run; every job may run
	 * somewhere (allowed), so each round deals at least one. */
	while (m->arrived.count)
		for (int c = 0; c < m->ncpus; c++) {
			struct proc *p = first_for(s, &m->arrived, c);
			if (p) {
				plist_remove(s, &m->arrived, p->self);
				put(s, &m->cpu[c].queue, c, p);
			}
		}
}

static void look_note(struct steal_look *l, int32_t pid)
{
	if (l->n == l->cap) {
		int32_t cap = l->cap ? l->cap * 2 : 8;
		int32_t *v = realloc(l->pids, sizeof *v * (size_t)cap);
		if (!v)
			abort(); /* as cache_insert */
		l->pids = v;
		l->cap = cap;
	}
	l->pids[l->n++] = pid;
}

/* multi.py's steal test: `len(affinity) == 0 or cpu in self.jobs[job_name]`,
 * where the record's only numbers are the run time and the working set. */
static bool stealable(const struct sim *s, const struct proc *p, int c)
{
	if (!s->sched.params.multi_steal_record)
		return allowed(s, p, c);
	struct job_attr a = attr_of(s, p);
	return !(a.affinity & all_cpus(s)) || c == p->demand || c == a.working_set;
}

/* steal_jobs: every multi_peek ticks, each CPU whose queue is empty looks
 * at another's, drawn as random.choice of the other CPUs, and takes the
 * first job there that may run on it (stealable); what it examined is kept
 * (look). */
static void steal(struct sim *s)
{
	struct sched_multi *m = ms(s);
	int64_t peek = s->sched.params.multi_peek;
	if (!s->sched.params.multi_per_cpu || peek <= 0 || s->now == 0 || s->now % peek != 0)
		return;
	for (int c = 0; c < m->ncpus; c++) {
		if (m->cpu[c].queue.count)
			continue;
		struct steal_look *l = &m->cpu[c].look;
		*l = (struct steal_look){s->now, -1, 0, l->cap, false, l->pids};
		/* One CPU has no other to look at (multi.py's random.choice of
		 * an empty list raises IndexError): it looks nowhere. */
		if (m->ncpus < 2)
			continue;
		int other = (int)pyrandom_randbelow(&m->rng, (uint32_t)m->ncpus - 1);
		if (other >= c)
			other++;
		l->from = other;
		struct plist *q = &m->cpu[other].queue;
		for (slot_t x = q->head; x != NIL; x = P(s, x)->next) {
			struct proc *p = P(s, x);
			look_note(l, p->pid);
			if (stealable(s, p, c)) {
				l->took = true;
				plist_remove(s, q, p->self);
				put(s, &m->cpu[c].queue, c, p);
				break;
			}
		}
	}
}

/* assign_jobs: each idle CPU takes the first job of its queue it may run. */
static void take_jobs(struct sim *s)
{
	struct sched_multi *m = ms(s);
	int order[64];
	for (int c = 0; c < m->ncpus; c++)
		order[c] = c;
	if (s->sched.params.multi_random_order) /* every tick, idle CPUs or not */
		pyrandom_shuffle(&m->rng, order, m->ncpus);
	for (int i = 0; i < m->ncpus; i++) {
		int c = order[i];
		struct multi_cpu *mc = &m->cpu[c];
		if (s->cpus[c].curr != NIL || mc->taken != NIL)
			continue;
		struct plist *q = queue_of(s, c);
		struct proc *p = first_for(s, q, c);
		if (!p)
			continue;
		plist_remove(s, q, p->self);
		p->rq_index = AT_TAKEN + c;
		mc->taken = p->self;
		cache_take(s, mc, p);
	}
}

static void multi_tick_start(struct sim *s)
{
	deal_arrivals(s);
	steal(s);
	take_jobs(s);
}

static struct proc *multi_pick_next(struct sim *s, int cpu)
{
	struct sched_multi *m = ms(s);
	slot_t x = plist_pop_head(s, &m->kernel);
	if (x == NIL && (x = m->cpu[cpu].taken) != NIL)
		m->cpu[cpu].taken = NIL;
	if (x == NIL)
		return NULL;
	P(s, x)->rq_index = -1;
	return P(s, x);
}

static struct proc *multi_peek(const struct sim *s)
{
	const struct sched_multi *m = ms(s);
	if (m->kernel.head != NIL)
		return P(s, m->kernel.head);
	for (int c = 0; c < m->ncpus; c++)
		if (m->cpu[c].taken != NIL)
			return P(s, m->cpu[c].taken);
	return NULL;
}

/* A tick of CPU: at the warm rate, the work of several (never past the end
 * of the compute: the kernel ends it with its last tick); then the tick
 * counts towards warming the cache. */
static void multi_charge(struct sim *s, struct proc *p)
{
	if (p->flags & PF_BUILTIN || p->cpu < 0)
		return;
	struct multi_cpu *c = &ms(s)->cpu[p->cpu];
	int64_t rate = cache_find(&c->warm, p->pid) >= 0 ? s->sched.params.multi_warm_rate : 1;
	c->ran++;
	if (rate > 1)
		c->ran_warm++;
	if (p->burst > 1 && rate > 1) {
		int32_t extra = rate - 1 < p->burst - 1 ? (int32_t)(rate - 1) : p->burst - 1;
		p->burst -= extra;
		p->charged += extra;
	}
	cache_ran(s, c, p);
}

/* The global slice: at every multiple of the quantum, all leave their CPU. */
static bool multi_tick(struct sim *s, struct proc *curr, int cpu)
{
	(void)cpu;
	curr->slice_used = 0;
	return (s->now + 1) % s->sched.params.quantum == 0;
}

static int multi_count(const struct sim *s)
{
	const struct sched_multi *m = ms(s);
	int n = (int)(m->kernel.count + m->arrived.count + m->shared.count);
	for (int c = 0; c < m->ncpus; c++)
		n += (int)m->cpu[c].queue.count + (m->cpu[c].taken != NIL);
	return n;
}

/* init and the shell, then the jobs the CPUs take now, then the queues in
 * CPU order, then the new arrivals. */
static int multi_list(const struct sim *s, int *pids, int max)
{
	const struct sched_multi *m = ms(s);
	int n = plist_pids(s, &m->kernel, pids, max, 0);
	for (int c = 0; c < m->ncpus; c++)
		if (m->cpu[c].taken != NIL) {
			if (n < max)
				pids[n] = P(s, m->cpu[c].taken)->pid;
			n++;
		}
	n = plist_pids(s, &m->shared, pids, max, n);
	for (int c = 0; c < m->ncpus; c++)
		n = plist_pids(s, &m->cpu[c].queue, pids, max, n);
	return plist_pids(s, &m->arrived, pids, max, n);
}

/* ---- its state ---------------------------------------------------------------------- */

static bool multi_init(struct sim *s)
{
	struct sched_multi *m = calloc(1, sizeof *m + sizeof m->cpu[0] * (size_t)s->ncpus);
	if (!m)
		return false;
	m->ncpus = s->ncpus;
	plist_init(&m->shared);
	plist_init(&m->arrived);
	plist_init(&m->kernel);
	for (int c = 0; c < m->ncpus; c++) {
		plist_init(&m->cpu[c].queue);
		m->cpu[c].taken = NIL;
		m->cpu[c].look.t = -1;
	}
	pyrandom_seed(&m->rng, s->sched.params.seed);
	for (int64_t i = 0; i < s->sched.params.skip_draws; i++)
		pyrandom_random(&m->rng);
	s->sched.multi = m;
	return true;
}

static void multi_fini(struct sim *s)
{
	struct sched_multi *m = ms(s);
	for (int c = 0; m && c < m->ncpus; c++) {
		free(m->cpu[c].warm.v);
		free(m->cpu[c].warming.v);
		free(m->cpu[c].look.pids);
	}
	if (m)
		free(m->attr);
	free(m);
	s->sched.multi = NULL;
}

static bool copy_list(struct cache_list *to, const struct cache_list *from)
{
	to->v = NULL;
	if (!from->cap)
		return true;
	to->v = malloc(sizeof *to->v * (size_t)from->cap);
	if (to->v)
		memcpy(to->v, from->v, sizeof *to->v * (size_t)from->n);
	return to->v != NULL;
}

static bool multi_clone(const struct sim *from, struct sim *to)
{
	const struct sched_multi *m = ms(from);
	size_t size = sizeof *m + sizeof m->cpu[0] * (size_t)m->ncpus;
	struct sched_multi *c = malloc(size);
	if (!c)
		return false;
	memcpy(c, m, size);
	for (int k = 0; k < m->ncpus; k++) {
		c->cpu[k].warm.v = c->cpu[k].warming.v = NULL;
		c->cpu[k].look.pids = NULL;
		c->cpu[k].look.cap = 0;
	}
	c->attr = NULL;
	to->sched.multi = c; /* from here on, freed by the copy's fini */
	bool ok = !m->nattr || (c->attr = malloc(sizeof *c->attr * m->nattr)) != NULL;
	if (ok && m->nattr)
		memcpy(c->attr, m->attr, sizeof *c->attr * m->nattr);
	else if (!ok)
		c->nattr = 0;
	for (int k = 0; k < m->ncpus; k++) {
		ok = ok && copy_list(&c->cpu[k].warm, &m->cpu[k].warm) && copy_list(&c->cpu[k].warming, &m->cpu[k].warming);
		const struct steal_look *l = &m->cpu[k].look;
		if (ok && l->n) {
			ok = (c->cpu[k].look.pids = malloc(sizeof *l->pids * (size_t)l->n)) != NULL;
			if (ok) {
				memcpy(c->cpu[k].look.pids, l->pids, sizeof *l->pids * (size_t)l->n);
				c->cpu[k].look.cap = l->n;
			}
		}
		if (!ok)
			c->cpu[k].look.n = 0;
	}
	return ok;
}

const struct sched_policy sched_multi = {
	.name = "multi",
	.summary = "multi.py's scheduler: CPUs with caches, one run queue or one per CPU, a global time slice, stealing",
	.uses_quantum = true,
	.own_clock = true, /* multi.py's global time slice: every `quantum` ticks, HZ or not */
	.enqueue = multi_enqueue,
	.dequeue = multi_dequeue,
	.pick_next = multi_pick_next,
	.peek = multi_peek,
	.charge = multi_charge,
	.tick = multi_tick,
	.tick_start = multi_tick_start,
	.init = multi_init,
	.fini = multi_fini,
	.clone = multi_clone,
	.spawned = multi_spawned,
	.count = multi_count,
	.list = multi_list,
};

/* ---- what the views read ------------------------------------------------------------ */

static const struct multi_cpu *cpu_of(const struct sim *s, int cpu)
{
	const struct sched_multi *m = s->sched.policy == &sched_multi ? ms(s) : NULL;
	return m && cpu >= 0 && cpu < m->ncpus ? &m->cpu[cpu] : NULL;
}

bool sim_multi_warm(const struct sim *s, int cpu, int pid)
{
	const struct multi_cpu *c = cpu_of(s, cpu);
	return c && cache_find(&c->warm, pid) >= 0;
}

int sim_multi_queue(const struct sim *s, int cpu, int *pids, int max)
{
	const struct multi_cpu *c = cpu_of(s, cpu);
	if (!c)
		return 0;
	return plist_pids(s, s->sched.params.multi_per_cpu ? &c->queue : &ms(s)->shared, pids, max, 0);
}

bool sim_multi_ticks(const struct sim *s, int cpu, int64_t *ran, int64_t *ran_warm)
{
	const struct multi_cpu *c = cpu_of(s, cpu);
	if (!c)
		return false;
	*ran = c->ran;
	*ran_warm = c->ran_warm;
	return true;
}

int64_t sim_multi_work_left(const struct sim *s, int pid)
{
	const struct proc *p = s->sched.policy == &sched_multi ? proc_by_pid(s, pid) : NULL;
	return p && p->state != 'Z' ? p->burst : 0;
}

int sim_multi_steal(const struct sim *s, int cpu, int64_t *t, int *from, bool *took, int *pids, int max)
{
	const struct multi_cpu *c = cpu_of(s, cpu);
	if (!c || c->look.t < 0)
		return -1;
	*t = c->look.t;
	*from = c->look.from;
	*took = c->look.took;
	for (int i = 0; i < c->look.n && i < max; i++)
		pids[i] = c->look.pids[i];
	return c->look.n;
}
