/* ps.h: a `ps -el`-like snapshot with top's task summary, as text or JSON. */
#ifndef PROCSIM_PS_H
#define PROCSIM_PS_H

#include <stdbool.h>
#include <stdio.h>

struct sim;
struct sim_counts;
struct proc_info;
struct mem_info;

/* Returns false when memory runs out. */
bool ps_print(FILE *out, const struct sim *s, bool json);

/* Every process, sorted by PID (*n of them; free() it), with the counts
 * and the machine's memory; NULL when memory runs out. */
struct proc_info *ps_table(const struct sim *s, struct sim_counts *c, int *n, struct mem_info *mem);
/* WCHAN as ps prints it: the kernel function a sleeper waits in, "-" else. */
const char *ps_wchan(const struct proc_info *p);
/* The user a process runs as (its uid): root (0), or student (1000), the
 * logged-in user of the scenario's session. */
const char *ps_user(const struct proc_info *p);

#endif
