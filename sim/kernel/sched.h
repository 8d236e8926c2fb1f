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

struct sim;
struct proc;

enum enqueue_why { ENQ_NEW, ENQ_WAKEUP, ENQ_PREEMPTED, ENQ_CONTINUED };

#define SCHED_MAX_LEVELS 8

/* A policy and its settings, from the scenario or the command line. */
struct sched_params {
	char policy[16];          /* "rr", "fifo", "sjf", "stcf", "prio", "mlfq", "cfs", "cyclic" */
	int64_t quantum;          /* rr, prio: ticks */
	int mlfq_levels;
	int64_t mlfq_quantum[SCHED_MAX_LEVELS];   /* ticks per slice, top level first */
	int64_t mlfq_allotment[SCHED_MAX_LEVELS]; /* ticks at a level before demotion */
	int64_t mlfq_boost;       /* every this many ticks all go to the top (0: never) */
	int64_t cfs_latency;      /* target latency, ticks */
	int64_t cfs_min_granularity;
	int64_t switch_cost;      /* ticks of system time per context switch */
	bool switch_on_end;       /* cyclic: a process keeps its CPU while in disk I/O, until it ends */
	bool io_done_immediate;   /* cyclic: a process whose disk I/O completes takes the CPU at once */
};

struct sched_policy {
	const char *name;
	const char *summary;      /* one line, for help (msgid) */
	bool preemptive;          /* may take a CPU from a running process on wake-up */
	bool uses_quantum;        /* reads sched_params.quantum (compare skips the others' quantum sweep) */
	bool uses_nice;           /* orders its run queue by nice: a renice must requeue (set_user_nice) */
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
	int64_t boost_epoch;                   /* mlfq: boosts done so far */
	uint64_t seq;                          /* enqueue counter */
	/* cyclic (sched_cyclic.c) */
	int32_t cyc_last;                      /* PID of the process that last used a tick: the scan starts after it */
	int32_t cyc_on_cpu;                    /* PID of the process it last put on the CPU, until noticed gone */
	bool cyc_ran;                          /* ... which has used a tick since */
	uint64_t cyc_cut;                      /* seq when the CPU was last given up: the choice is among those queued before */
	int32_t cyc_woken;                     /* io_done immediate: the process whose I/O completed, to run first */
};

/* Fills defaults for every setting; policy "rr". */
void sched_params_default(struct sched_params *p);
const struct sched_policy *sched_find(const char *name);
/* The names, NULL-terminated, for "did you mean" and help. */
const char *const *sched_names(void);
/* The kernel's weight of a nice value (sched_prio_to_weight), 1024 at nice 0. */
int sched_nice_weight(int nice);

void sched_init(struct sim *s, const struct sched_params *params);
void sched_fini(struct sim *s);

extern const struct sched_policy sched_fifo, sched_rr, sched_sjf, sched_stcf, sched_prio, sched_mlfq, sched_cfs,
	sched_cyclic;

#endif
