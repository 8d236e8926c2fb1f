/* user.h: user space as the machine (sim/machine.c) sees it: made from a
 * scenario, copied for time travel, and asked what the views show of its
 * processes and objects. The kernel never includes this header. */
#ifndef PROCSIM_USER_H
#define PROCSIM_USER_H

#include <stdbool.h>

#include "kernel.h"

struct scenario;
struct user;
struct proc_info;
struct obj_info;
struct timeline_event;

extern const struct user_ops user_ops;

struct user *user_new(struct sim *k, const struct scenario *sc);
/* The RAM, in pages, that sc's textbook jobs need alive at once, with
 * init, the shell and a main beside them (machine.c sizes the default
 * machine by it). */
int64_t user_jobs_pages(const struct scenario *sc);
void user_free(struct user *u);
/* A copy of u for the kernel `to`, a clone of u's kernel `from`: every
 * process's image in `to` is made to own copies of what it points to. */
struct user *user_clone(const struct user *u, const struct sim *from, struct sim *to);

/* The system's first processes, already in their loops at time 0: init,
 * the login shell waiting for its foreground job, and main (if any), with
 * its shared objects made; with `pid1 tini`, tini (else NULL), the shell's
 * job, whose child main is. */
void user_boot(struct user *u, struct proc *init, struct proc *shell, struct proc *main, struct proc *tini);
/* Once the first processes are announced: a main started in the background
 * is announced by the shell, "[1] PID" (describe_pid). */
void user_boot_announce(struct user *u, int main_pid);
/* What each of them runs, and how big it is. */
struct fork_args user_boot_args(const struct user *u, int which);
/* The cron daemon of a scenario with a crontab: how it is forked, and its
 * image (cron.c). */
struct fork_args user_cron_args(struct user *u);
void user_boot_cron(struct user *u, struct proc *cron);
/* tini as a container's PID 1 (pid1 tini): how it is forked, and its image,
 * with main, already forked, as its child (tini.c). */
struct fork_args user_tini_args(struct user *u);
void user_boot_tini(struct user *u, struct proc *tini, struct proc *main);
/* A textbook job arrives: init forks it. */
void user_job_arrives(struct user *u, struct proc *init, const struct timeline_event *e);

/* The user-space half of what ps and the views show. */
void user_proc_info(const struct user *u, const struct proc *t, struct proc_info *o);
int user_objects(const struct user *u);
/* A runaway stopped the run: where, in the scenario (kernel_fault_place). */
void user_place_fault(struct user *u);
bool user_object(const struct user *u, int index, struct obj_info *o);

#endif
