/* plot.h: `procsim plot`: a timeline picture of a run, built from the event
 * stream alone. Each process is a row of spans (running on a CPU, runnable,
 * S, D, T, Z) from its spawn to its reap, with marks for fork, exit, reap,
 * re-parenting and signals; under it, one Gantt strip per CPU. Several runs
 * are small multiples: panels stacked on one time axis, so that a run twice
 * as long is drawn twice as long (issue 11, item 2). */
#ifndef PROCSIM_PLOT_H
#define PROCSIM_PLOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"
#include "plot_ipc.h"

struct sim;

enum plot_state { PS_RUN, PS_READY, PS_SLEEP_S, PS_SLEEP_D, PS_STOPPED, PS_ZOMBIE, PS_COUNT };

struct plot_span {
	int64_t from, to;            /* [from, to) in ticks, from < to */
	uint8_t state;               /* enum plot_state */
	int8_t cpu;                  /* PS_RUN: which CPU */
};

enum plot_mark_kind { PM_FORK, PM_EXIT, PM_REAP, PM_REPARENT, PM_SIGNAL };

struct plot_mark {
	int64_t t;
	uint8_t kind;                /* enum plot_mark_kind */
	int sig;                     /* exit: killing signal; signal: the signal */
	int code;                    /* exit: exit code */
	int other;                   /* reap: by; reparent: new parent; signal: outcome */
};

/* One process lifetime (a PID reused later gets a new row). */
struct plot_row {
	int pid, ppid;
	char *name;
	bool builtin;                /* init or the login shell: not drawn */
	int parent_row;              /* the row of the parent at fork, or -1 */
	int64_t spawn, end;          /* end: reaped, or the end of the run */
	bool reaped;
	struct plot_span *spans;
	int nspans, capspans;
	struct plot_mark *marks;
	int nmarks, capmarks;
	/* the open span */
	uint8_t state;
	int8_t cpu;
	int64_t since;
};

/* from == to: the process ran for no time (dispatched, then slept or exited
 * at the same instant), as the log's "CPU1 runs PID 4" says (issue 11, 8.1). */
struct plot_cpu_span {
	int64_t from, to;
	int row;
	int64_t switch_ticks;        /* at the start: context-switch (system) time */
};

struct plot_trace {
	char *title;
	int64_t tick_us;
	char policy[16];
	int64_t quantum, switch_cost;
	int ncpus;
	bool tick_axis;              /* a job workload: the axis counts ticks, not seconds */
	int64_t end;                 /* the end of the run (after plot_trace_finish) */
	struct plot_row *rows;
	int nrows, caprows;
	int *pid_row;                /* PID -> row + 1 of the live process, 0 if none */
	int pid_cap;
	int spawns;                  /* spawn events seen: the first two are init and the shell */
	struct plot_cpu_span *cpu_spans[64];
	int ncpu_spans[64], capcpu_spans[64];
	int cpu_row[64];             /* the row on each CPU, or -1 */
	int64_t cpu_since[64];
	int cpu_last_pid[64];
	int64_t cpu_switch[64];      /* context-switch ticks at the start of the open span */
	struct plot_ipc ipc;         /* the shared objects' lanes */
	bool oom;
};

/* Set up for a run of s (before its first step); then pass plot_trace_event
 * as the sink (or call it from one) with the trace as ctx. */
bool plot_trace_init(struct plot_trace *t, const struct sim *s);
void plot_trace_event(void *ctx, const struct sim_event *ev);
/* Closes every open span at the end of the run. */
void plot_trace_finish(struct plot_trace *t, const struct sim *s);
void plot_trace_free(struct plot_trace *t);

/* The end of the run in microseconds. */
int64_t plot_trace_end_us(const struct plot_trace *t);

/* One run of a picture, and the heading of its panel (NULL: the scenario's title). */
struct plot_panel {
	const struct plot_trace *t;
	const char *heading;
};

/* What the picture shows of the runs: a window of time, from the start of
 * the runs in microseconds (to_us 0: up to the end of the longest run); the
 * caller has checked that from_us < to_us. */
struct plot_window {
	int64_t from_us, to_us;
};

/* The axis's unit: the greatest common divisor of the runs' tick lengths,
 * in microseconds; every moment of every run is a whole number of them. */
int64_t plot_unit_us(const struct plot_panel *p, int n);
/* The axis counts ticks, not seconds: every run is a job workload (written
 * in ticks, as the textbooks count) and their ticks are one length. */
bool plot_counts_ticks(const struct plot_panel *p, int n);

/* The runs as one standalone SVG document: one panel each, stacked, on the
 * time axis of the longest; a shorter run's panel is greyed from where it
 * ended. `title` is the picture's (NULL: the panels' headings say it all). */
void plot_timelines_svg(FILE *out, const char *title, const struct plot_panel *p, int n, struct plot_window w);
/* One run, whole: plot_timelines_svg with one panel. */
void plot_timeline_svg(FILE *out, const struct plot_trace *t);

#endif
