/* snapshot.h: read-only views of the kernel's state for ps, top and the screen. */
#ifndef PROCSIM_SNAPSHOT_H
#define PROCSIM_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"

struct sim;

struct proc_info {
	int pid, ppid, pgid;
	char state;            /* R S D T Z */
	bool on_cpu;
	int cpu;               /* when on_cpu */
	const char *name;
	enum wchan wchan;
	int64_t until;         /* sleep end tick, or -1 */
	int wait_pid;          /* WCHAN_CHILD_PID */
	int64_t cpu_ticks;
	int64_t start_tick;
	int64_t exit_tick;     /* zombies */
	int exit_code, exit_sig;
	bool daemon;
	int nice;
	int level;             /* mlfq: its queue level */
	int job;               /* shell job number, 0 if none */
};

struct sim_counts {
	int total, running, sleeping, stopped, zombie;
	int on_cpu, runnable;  /* running = on_cpu + runnable */
};

/* Fills up to `max` entries sorted by PID; returns the number of processes. */
int snapshot_procs(const struct sim *s, struct proc_info *out, int max);
bool snapshot_proc(const struct sim *s, int pid, struct proc_info *out);
void snapshot_counts(const struct sim *s, struct sim_counts *c);
/* The process on each CPU (0 when idle); returns the number of CPUs. */
int snapshot_cpus(const struct sim *s, int *pids, int max);
/* The run queue, head first; returns its length. */
int snapshot_runqueue(const struct sim *s, int *pids, int max);

#endif
