/* stats.h: `procsim stats`: what a finished run measured (sim/metrics.h), as
 * tables for people and as JSON or CSV for tools. docs/metrics.md defines
 * every number. All times are in ticks. */
#ifndef PROCSIM_STATS_H
#define PROCSIM_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics.h"
#include "sched.h"
#include "sim.h"

struct stats {
	char *title;
	int64_t tick_us;
	struct sched_params sched;    /* the policy and settings the run used */
	int cpus;
	enum sim_status status;
	/* The run's length: the tick of the last event (done, stuck), or where a
	 * `limit` stopped it. Idle time is counted up to here. */
	int64_t elapsed;
	struct sys_metrics sys;       /* idle recomputed against `elapsed` */
	/* The scenario's processes (init and the shell left out), by arrival. */
	struct proc_metrics *procs;
	int nprocs;
	/* Averages over procs for which the value is defined: turnaround over
	 * those that exited, response over those that ran, waiting over all. */
	double avg_turnaround, avg_response, avg_wait;
	int n_turnaround, n_response, n_wait;
	double util;                  /* (user + system) / (elapsed * cpus), 0..1 */
};

/* Reads the metrics of a run that has ended. Call sim_collect_metrics(s, true)
 * before the first step, or reaped processes are missing. Names are copied:
 * the stats outlive the simulation. Returns false when memory runs out. */
bool stats_collect(const struct sim *s, struct stats *st);
void stats_free(struct stats *st);
/* The process named `name` (the first by arrival), or NULL: for tests. */
const struct proc_metrics *stats_find(const struct stats *st, const char *name);

void stats_print_text(FILE *out, const struct stats *st);
void stats_print_json(FILE *out, const struct stats *st);
void stats_print_csv(FILE *out, const struct stats *st);

/* "exited 0", "killed by SIGTERM", or "-" (still alive). */
void stats_status_text(const struct proc_metrics *m, char *buf, size_t n);

#endif
