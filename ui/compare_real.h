/* compare_real.h: `procsim compare run.psimrec app.psim`: a recorded run
 * beside the simulated one. Processes are matched by their place in the
 * process tree ("1" the command, "1.2" its second child in fork order), not
 * by PID; each side's forks, exits and reaps are lined up, and the first
 * event where the two part is named with both times. */
#ifndef PROCSIM_COMPARE_REAL_H
#define PROCSIM_COMPARE_REAL_H

#include <stdbool.h>
#include <stdio.h>

#include "recording.h"
#include "sim.h"

enum real_kind { RK_FORK, RK_EXIT, RK_REAP };

/* One event of one side. */
struct real_event {
	enum real_kind kind;
	char pos[64];                 /* the process's tree position */
	long long us;                 /* when, in microseconds from the command's start */
	int code, sig;                /* exit, reap: how it ended */
	char by[64];                  /* reap: the reaper's position, or "init" when it is not in the tree */
};

/* A process of the simulation while it lives: its PID and position. */
struct real_sim_proc {
	int pid;                      /* 0 once reaped: the PID may come back */
	char pos[64];
	int nchildren;
};

struct real_side {
	struct real_event *ev;
	int n, cap;
	/* the simulation's side, while it runs (compare_real_sink) */
	struct real_sim_proc *procs;
	int nprocs, capprocs;
	bool seen_main, oom;
	long long offset_us;          /* set by compare_real_align */
};

/* The recording's events, in time order. False when memory runs out. */
bool compare_real_from_recording(const struct recording *r, struct real_side *out);
/* The simulation's, from its events (fed to compare_real_sink while it runs). */
void compare_real_sink(void *side, const struct sim_event *ev);
/* Once the run is over: positions and times in microseconds. */
bool compare_real_finish_sim(struct real_side *side, long long tick_us);
void compare_real_free(struct real_side *side);

/* Times from the command's first fork on: a real interpreter spends tens of
 * milliseconds starting before the program's first line, which a scenario
 * does not model. Returns the shift (also kept in side->offset_us). */
long long compare_real_align(struct real_side *side);

/* Where the sides part: index into each (-1 if that side has no such event),
 * or false when they agree: the same events per position, each within
 * `tolerance_us`. */
struct real_parting {
	int real, sim;
	const char *why;              /* msgid */
};
bool compare_real_parting(const struct real_side *real, const struct real_side *sim, long long tolerance_us,
			  struct real_parting *p);

/* The table, both times per event, and the parting (or the agreement). */
void compare_real_print(FILE *out, const char *real_name, const char *sim_name, const struct real_side *real,
			const struct real_side *sim, long long tolerance_us);

#endif
