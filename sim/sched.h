/* sched.h: the scheduling-policy interface. A policy owns the run queue: the
 * kernel tells it who became runnable and asks it whom to run next and whether
 * the running process should give up its CPU after a tick. Round robin
 * (sched_rr.c) is the reference policy; FIFO, SJF, priorities, MLFQ and CFS
 * plug in here without touching the rest of the kernel. */
#ifndef PROCSIM_SCHED_H
#define PROCSIM_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "plist.h"

struct sim;
struct proc;

enum enqueue_why { ENQ_NEW, ENQ_WAKEUP, ENQ_PREEMPTED, ENQ_CONTINUED };

struct sched_policy {
	const char *name;
	/* p became runnable: put it in the run queue. */
	void (*enqueue)(struct sim *s, struct proc *p, enum enqueue_why why);
	/* Take a process out of the run queue (it is leaving it for another reason). */
	void (*dequeue)(struct sim *s, struct proc *p);
	/* Remove and return the next process to run on `cpu`, or NULL. */
	struct proc *(*pick_next)(struct sim *s, int cpu);
	/* curr has run one more tick on `cpu`: should it be preempted now? */
	bool (*tick)(struct sim *s, struct proc *curr, int cpu);
	/* Run queue length, and its members in order for the views. */
	int (*count)(const struct sim *s);
	int (*list)(const struct sim *s, int *pids, int max);
};

struct sched {
	const struct sched_policy *policy;
	struct plist queue;              /* a FIFO the policies may use (rr does) */
};

const struct sched_policy *sched_find(const char *name);
extern const struct sched_policy sched_rr;

#endif
