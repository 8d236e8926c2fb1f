/* homework_multi_run.h: the answers of `procsim homework multi` (OSTEP's
 * multi.py), measured on the kernel: its jobs run under the policy multi
 * (sim/kernel/sched_multi.c) tick by tick, and what each CPU ran, each
 * job's time left, each CPU's cache and the per-CPU statistics are read
 * from the run (events, sched_multi.h), never worked out here. */
#ifndef PROCSIM_HOMEWORK_MULTI_RUN_H
#define PROCSIM_HOMEWORK_MULTI_RUN_H

#include <stdbool.h>
#include <stdio.h>

/* A job of the tool: its name, run time, working set, and the CPUs it may
 * run on (none: any). */
struct multi_job {
	char *name;
	long long run_time, wset;
	int *affinity, naffinity;
};

/* The machine and its scheduler, as the tool's options set them; the
 * policy's random draws start after skip_draws of random.seed(seed)'s. */
struct multi_machine {
	long long num_cpus, quantum, peek, warmup, warm_rate, cache_size, seed, skip_draws;
	bool per_cpu, rand_order;
};

/* What to print: the trace (-t), with each job's time left (-T), each
 * CPU's cache (-C) and the scheduler's queues (-S); the finish time and the
 * per-CPU statistics (-c). */
struct multi_show {
	bool trace, time_left, cache, queues, stats;
};

/* Runs the n jobs and prints what `show` asks, in the tool's words; returns
 * the exit status, an error reported. */
int homework_multi_run(FILE *out, const struct multi_machine *m, const struct multi_job *jobs, int n,
		       const struct multi_show *show);

#endif
