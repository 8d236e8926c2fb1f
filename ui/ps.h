/* ps.h: a `ps -el`-like snapshot with top's task summary, as text or JSON. */
#ifndef PROCSIM_PS_H
#define PROCSIM_PS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sim;
struct sim_counts;
struct proc_info;
struct mem_info;

/* --names: the names the views give processes. procsim's default names a
 * child after the program it runs (`worker`); Linux keeps a forked child's
 * parent's comm and command line until it execs (`python3 app.py`, a
 * zombie `[python3] <defunct>`): see docs/semantics.md. */
enum ps_names { PS_NAMES_PROGRAM, PS_NAMES_REAL };

/* Reads --names's value ("program" or "real"); false if it is neither. */
bool ps_names_parse(const char *value, enum ps_names *out);
/* PS_NAMES_REAL: each process's name becomes its real command line. */
void ps_apply_names(struct proc_info *ps, int n, enum ps_names names);
/* The comm the kernel keeps of a command line: its first word without its
 * directory, at most 15 bytes (TASK_COMM_LEN). */
void ps_comm(const char *cmdline, char *out, size_t n);

/* threads (ps -L): one row per thread, each process's main thread first,
 * and top -H's Threads line instead of Tasks. Returns false when memory
 * runs out. */
bool ps_print(FILE *out, const struct sim *s, bool json, bool threads, enum ps_names names);

/* Every process, sorted by PID (*n of them; free() it), or with `threads`
 * every task (snapshot_tasks), with the counts and the machine's memory;
 * NULL when memory runs out. */
struct proc_info *ps_table(const struct sim *s, bool threads, struct sim_counts *c, int *n, struct mem_info *mem);
/* The CPU time ps's TIME and top's TIME+ show for a row: a process's
 * (its main thread's row under ps -L and top -H too) is every thread's,
 * a thread's its own. */
int64_t ps_time_ticks(const struct proc_info *p);
/* ps's STAT (pr_stat): the state, then < or N (nice), s (session leader),
 * l (more than one thread), + (in its terminal's foreground group); buf
 * holds at least 8 bytes. Returns its length. */
int ps_stat(const struct proc_info *p, char *buf);
/* WCHAN as ps prints it: the kernel function a sleeper waits in, "-" else. */
const char *ps_wchan(const struct proc_info *p);
/* The user a process runs as (its uid): root (0), or student (1000), the
 * logged-in user of the scenario's session. */
const char *ps_user(const struct proc_info *p);

#endif
