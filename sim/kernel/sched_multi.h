/* sched_multi.h: what the views read of the multi policy (sched_multi.c,
 * OSTEP's multi.py): each CPU's run queue, cache and ticks. Each answers
 * "nothing" (0, false) under another policy or for a CPU the machine lacks. */
#ifndef PROCSIM_SCHED_MULTI_H
#define PROCSIM_SCHED_MULTI_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

/* Is pid's working set warm in CPU cpu's cache (multi.py's 'w')? A job's
 * stays there after it ends, until evicted. */
bool sim_multi_warm(const struct sim *s, int cpu, int pid);
/* The PIDs queued for CPU cpu, head first, into pids (at most max); returns
 * how many there are. With one queue for all, every CPU's is that one. */
int sim_multi_queue(const struct sim *s, int cpu, int *pids, int max);
/* The ticks CPU cpu ran a job, and of them those at a warm rate above 1
 * (multi.py's utilization and "warm" figures). */
bool sim_multi_ticks(const struct sim *s, int cpu, int64_t *ran, int64_t *ran_warm);
/* The ticks of work left in pid's compute (multi.py's "time left": a warm
 * tick of CPU does warm_rate of them); 0 once it has ended or exited. */
int64_t sim_multi_work_left(const struct sim *s, int pid);
/* CPU cpu's last stealing (an empty queue at a peek): the tick *t it looked,
 * the CPU whose queue it looked at (*from; -1: the machine has no other),
 * and the PIDs it examined there, head first, into pids (at most max), the
 * last of them the one it took when *took. Returns how many it examined,
 * or -1 if it never looked. */
int sim_multi_steal(const struct sim *s, int cpu, int64_t *t, int *from, bool *took, int *pids, int max);

#endif
