/* metrics.h: what a run measured, per process and for the system, as the
 * scheduling chapters of textbooks define it. All times are in ticks. */
#ifndef PROCSIM_METRICS_H
#define PROCSIM_METRICS_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

struct proc_metrics {
	int pid;
	const char *name;
	bool job;             /* declared with `job` */
	bool builtin;         /* init or the shell */
	int nice;
	int64_t demand;       /* declared CPU ticks, -1 if unknown */
	int64_t arrival;      /* created */
	int64_t first_run;    /* first on a CPU, -1 never */
	int64_t exit;         /* -1 still alive */
	int64_t reap;         /* -1 not reaped (yet) */
	int64_t cpu;          /* ticks on a CPU (TIME+), its threads' included */
	int64_t thread_cpu;   /* of them, its threads' that have ended (its main thread's are cpu - thread_cpu) */
	int64_t wait;         /* ticks runnable but not running */
	int64_t sleep;        /* ticks in S or D */
	int64_t stopped;      /* ticks in T */
	int64_t voluntary, involuntary; /* context switches */
	int exit_code, exit_signal;
	/* derived: -1 when not defined yet */
	int64_t turnaround;   /* exit - arrival */
	int64_t response;     /* first_run - arrival */
	int64_t zombie;       /* reap - exit */
};

struct cpu_metrics {
	int64_t user, system, idle; /* ticks */
	int64_t nice;         /* of user: at nice > 0 (top's "ni") */
	int64_t iowait;       /* of idle: while a process waited in D (top's "wa") */
};

struct sys_metrics {
	int64_t elapsed;      /* ticks simulated */
	int64_t makespan;     /* from the first arrival to the last exit of a scenario process */
	int ncpus;
	struct cpu_metrics cpu[64];
	struct cpu_metrics total;
	int64_t completed;    /* scenario processes that exited */
	double throughput;    /* completed per 100 ticks of makespan */
	int64_t context_switches;
	int peak_zombies;
	int64_t orphans_adopted;
	int peak_pids;        /* most PIDs in use at once */
	int pids_in_use;
	double load[3];       /* 1, 5 and 15 "minutes" */
	int64_t minute;       /* ticks in one such minute */
};

/* Enables per-process records of reaped processes; call before the first step. */
void sim_collect_metrics(struct sim *s, bool on);
/* Every process the run has seen (reaped ones only when collecting), in order
 * of creation; *out is malloc'd, the caller frees it. Returns the count. */
int64_t sim_proc_metrics(const struct sim *s, struct proc_metrics **out);
void sim_sys_metrics(const struct sim *s, struct sys_metrics *m);
/* The load averages now, as top shows them. */
void sim_loadavg(const struct sim *s, double load[3]);

#endif
