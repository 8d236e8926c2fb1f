/* plot_int.h: what the files of the timeline picture share (plot.c draws
 * the processes and CPUs, plot_ipc.c the lanes of the shared objects): the
 * sizes, and the one time axis every panel is drawn on. */
#ifndef PROCSIM_PLOT_INT_H
#define PROCSIM_PLOT_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include "plot.h"

#define FONT 20.0
#define SMALL 15.0
#define ROW_H 40.0
#define BAR_H 26.0
#define MAX_ROWS 400
#define WIDTH 1800.0                 /* the picture's width, unless the texts need more */
#define CHART_W_MIN 1200.0           /* the time axis never gets shorter: long names widen the picture */
#define BOLD 1.1                     /* bold text is about this much wider */

/* The geometry every panel shares: one time axis, in microseconds, so that
 * runs with different tick lengths are drawn to one scale. */
struct layout {
	double chart_x, chart_w, width;
	double pid_w;                /* the PID column (right-aligned), then the names */
	int64_t from_us, to_us;      /* the window */
	int64_t unit_us;             /* a tick of every run (their greatest common divisor) */
	bool ticks;                  /* the axis counts ticks: every run a job workload, one tick length */
};

static inline double xus(const struct layout *L, int64_t us)
{
	return L->chart_x + (double)(us - L->from_us) * L->chart_w / (double)(L->to_us - L->from_us);
}

static inline double xof(const struct layout *L, const struct plot_trace *t, int64_t tick) { return xus(L, tick * t->tick_us); }

static inline bool in_window(const struct layout *L, const struct plot_trace *t, int64_t tick)
{
	return tick * t->tick_us >= L->from_us && tick * t->tick_us <= L->to_us;
}

/* The ticks [from, to) cut to the window, as x coordinates; false when
 * nothing of them is in it. */
static inline bool clip(const struct layout *L, const struct plot_trace *t, int64_t from, int64_t to, double *x1, double *x2)
{
	int64_t a = from * t->tick_us, b = to * t->tick_us;
	if (a < L->from_us)
		a = L->from_us;
	if (b > L->to_us)
		b = L->to_us;
	if (a >= b)
		return false;
	*x1 = xus(L, a);
	*x2 = xus(L, b);
	return true;
}

/* The colour of the process drawn at position i (0-based) of a panel. */
const char *plot_proc_colour(int i);

/* plot_ipc.c: the shared objects' lanes of a run, under its CPU strips:
 * their height (0 without any), their labels ("queue q"), and drawing them
 * from y; row_y maps a trace row to its drawn position + 1. */
double plot_ipc_height(const struct plot_trace *t);
void plot_ipc_label(const struct plot_lane *l, char *buf, size_t n);
void plot_ipc_draw(FILE *out, const struct layout *L, const struct plot_trace *t, const int *row_y, double y);

#endif
