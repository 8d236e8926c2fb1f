/* sched.h: the scheduling-policy interface. A policy owns the run queue: the
 * kernel tells it who became runnable, asks it whom to run next, whether the
 * running process should give up its CPU after a tick, and whether a process
 * that just became runnable should take a CPU at once. Round robin
 * (sched_rr.c) is the reference the other policies are tested against.
 * Ties are always broken by arrival (the tick a process was created), then PID. */
#ifndef PROCSIM_SCHED_H
#define PROCSIM_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "plist.h"
#include "pyrandom.h"

struct sim;
struct proc;
struct fork_args;

/* Why a process joins the run queue. ENQ_PREEMPTED: the kernel took the
 * CPU from it (its slice ended, or someone more important came);
 * ENQ_YIELDED: it gave the CPU up itself (sched_yield). */
enum enqueue_why { ENQ_NEW, ENQ_WAKEUP, ENQ_PREEMPTED, ENQ_CONTINUED, ENQ_YIELDED };

#define SCHED_MAX_LEVELS 8
#define SCHED_MAX_CPUS 64
/* lottery: the tickets of a process that was given none (a job without
 * `tickets`, main); its children inherit their parent's. */
#define SCHED_DEFAULT_TICKETS 100

/* A policy and its settings, from the scenario or the command line. */
struct sched_params {
	char policy[16];          /* "rr", "fifo", "sjf", "stcf", "prio", "mlfq", "cfs", "cyclic", "multi", "lottery" */
	int64_t quantum;          /* rr, prio, lottery: ticks */
	int mlfq_levels;
	int64_t mlfq_quantum[SCHED_MAX_LEVELS];   /* ticks per slice, top level first */
	int64_t mlfq_allotment[SCHED_MAX_LEVELS]; /* ticks at a level before demotion, counted in
						     whole slices (rounded up to one) */
	int64_t mlfq_boost;       /* every this many ticks all go to the top (0: never) */
	bool mlfq_stay;           /* a process that sleeps gets its level's slice and allotment afresh */
	bool mlfq_io_bump;        /* a woken process goes to the front of its level's queue */
	int64_t cfs_latency;      /* target latency, ticks */
	int64_t cfs_min_granularity;
	int64_t switch_cost;      /* ticks of system time per context switch */
	bool switch_on_end;       /* cyclic: a process keeps its CPU while in disk I/O, until it ends */
	bool io_done_immediate;   /* cyclic: a process whose disk I/O completes takes the CPU at once */
	/* multi (sched_multi.c): OSTEP's multi.py; quantum is its global time slice */
	bool multi_per_cpu;       /* a run queue per CPU (multi.py -p), else one for all */
	bool multi_random_order;  /* the idle CPUs take jobs in a random order each tick (-o) */
	int64_t multi_peek;       /* per CPU: every this many ticks an empty queue steals (-P; 0: never) */
	int64_t multi_cache_size; /* each CPU's cache, in working-set units (-M) */
	int64_t multi_warmup;     /* ticks on a CPU before a job's working set is warm there (-w) */
	int64_t multi_warm_rate;  /* work per tick of a job warm in its CPU's cache (-r); cold: 1 */
	bool multi_steal_record;  /* stealing tests as multi.py does, against the job's record: a job
				     with an affinity may go to a CPU whose number is its run time
				     (demand) or working set. Set by the homework only, for the tool's
				     answers; otherwise the affinity */
	/* The policy's random stream (multi's -o and stealing, lottery's draws):
	 * random.seed(seed), the scenario's one `seed` ... */
	int64_t seed;
	int64_t skip_draws;       /* ... after this many random.random() draws thrown away (where a
				     homework tool drew its workload from the same generator first) */
};

struct sched_policy {
	const char *name;
	const char *summary;      /* one line, for help (msgid) */
	bool preemptive;          /* may take a CPU from a running process on wake-up */
	bool uses_quantum;        /* reads sched_params.quantum (compare skips the others' quantum sweep) */
	bool uses_nice;           /* orders its run queue by nice: a renice must requeue (set_user_nice) */
	bool own_clock;           /* tick() runs at every tick, not only at the timer interrupts
				     (HZ): an OSTEP tool's model, which counts its own time */
	void (*enqueue)(struct sim *s, struct proc *p, enum enqueue_why why);
	void (*dequeue)(struct sim *s, struct proc *p);
	/* Remove and return the next process to run on `cpu`, or NULL. */
	struct proc *(*pick_next)(struct sim *s, int cpu);
	/* The process pick_next would return, left in place. */
	struct proc *(*peek)(const struct sim *s);
	/* p has just been charged one more tick of CPU (optional). */
	void (*charge)(struct sim *s, struct proc *p);
	/* curr, still on `cpu` after its tick: should it be preempted now? */
	bool (*tick)(struct sim *s, struct proc *curr, int cpu);
	/* The start of each tick, after its arrivals and wake-ups, before any
	 * CPU picks (optional): a policy that decides for all CPUs at once. */
	void (*tick_start)(struct sim *s);
	/* Its own state beyond struct sched (optional): made by sched_init
	 * (false: out of memory), freed by sched_fini, copied by kernel_clone. */
	bool (*init)(struct sim *s);
	void (*fini)(struct sim *s);
	bool (*clone)(const struct sim *from, struct sim *to);
	/* p has just been made by fork with fa (optional): what the policy
	 * keeps of it, out of struct proc (multi: working set, affinity). */
	void (*spawned)(struct sim *s, struct proc *p, const struct fork_args *fa);
	/* Would p, now runnable, run before curr? (only for preemptive policies) */
	bool (*before)(const struct sim *s, const struct proc *p, const struct proc *curr);
	int (*count)(const struct sim *s);
	int (*list)(const struct sim *s, int *pids, int max);
};

struct sched {
	const struct sched_policy *policy;
	struct sched_params params;
	struct plist queue;                    /* fifo, rr, prio levels share this */
	struct plist levels[SCHED_MAX_LEVELS]; /* mlfq; prio uses 40 nice levels via the heap */
	slot_t *heap;                          /* sjf, stcf, prio, cfs: an ordered run queue */
	int32_t nheap, capheap;
	int64_t min_vruntime;                  /* cfs */
	int64_t queued_weight;                 /* cfs: the weights in the heap */
	int32_t boost_epoch;                   /* mlfq: boosts done so far (wrapping: only compared for equality) */
	slot_t requeue;                        /* mlfq: the process its tick() is preempting, and ... */
	slot_t requeue_after;                  /* ... where it goes: after this one (NIL: first) */
	bool requeue_tail;                     /* ... or at the tail of its level */
	uint64_t seq;                          /* enqueue counter */
	/* cyclic (sched_cyclic.c) */
	int32_t cyc_last;                      /* PID of the process that last used a tick: the scan starts after it */
	int32_t cyc_on_cpu;                    /* PID of the process it last put on the CPU, until noticed gone */
	bool cyc_ran;                          /* ... which has used a tick since */
	uint64_t cyc_cut;                      /* seq when the CPU was last given up: the choice is among those queued before */
	int32_t cyc_woken;                     /* io_done immediate: the process whose I/O completed, to run first */
	struct sched_multi *multi;             /* multi (sched_multi.c): per-CPU queues and caches */
	/* lottery (sched_lottery.c) */
	int64_t tickets_queued;                /* the tickets in the run queue */
	slot_t chosen[SCHED_MAX_CPUS];         /* the winner tick() drew for each CPU, or NIL */
	struct pyrandom rng;                   /* its random numbers: random.seed(params.seed), after skip_draws */
};

/* What a policy last decided on one CPU, for the views that explain it
 * (`procsim homework lottery` and `mlfq` print it). */
struct sched_note {
	int64_t tick;             /* the tick it is about; -1: none yet */
	int pid;
	/* lottery: the draw that gave `pid` the slice starting at `tick` */
	int64_t draw;             /* the random number, 0..1000000 */
	int64_t ticket;           /* the winning ticket: draw modulo tickets */
	int64_t tickets;          /* the tickets of every process in the draw */
	/* mlfq: `pid`'s account, charged for `tick`, before its slice's end
	 * (if it ended) was dealt with */
	int level;                /* 0: the top */
	int64_t slice_left;       /* ticks left in its slice (0: the slice has ended) */
	int64_t allot_left;       /* slices left of its allotment at this level */
	int64_t cpu_ticks;        /* its CPU time so far */
};

/* Fills defaults for every setting; policy "rr". */
void sched_params_default(struct sched_params *p);
const struct sched_policy *sched_find(const char *name);
/* The names, NULL-terminated, for "did you mean" and help. */
const char *const *sched_names(void);
/* The kernel's weight of a nice value (sched_prio_to_weight), 1024 at nice 0. */
int sched_nice_weight(int nice);

/* False when the policy's own state could not be made (out of memory). */
bool sched_init(struct sim *s, const struct sched_params *params);
void sched_fini(struct sim *s);

extern const struct sched_policy sched_fifo, sched_rr, sched_sjf, sched_stcf, sched_prio, sched_mlfq, sched_cfs,
	sched_cyclic, sched_multi, sched_lottery;

#endif
