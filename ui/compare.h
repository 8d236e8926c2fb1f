/* compare.h: `procsim compare`: one row per variant (a scenario file, or a
 * combination of options), the key numbers side by side, the best of each
 * column marked. docs/compare.md explains the columns. */
#ifndef PROCSIM_COMPARE_H
#define PROCSIM_COMPARE_H

#include <stdbool.h>
#include <stdio.h>

#include "stats.h"

enum compare_col {
	CMP_MAKESPAN, CMP_TURNAROUND, CMP_WAIT, CMP_RESPONSE, CMP_UTIL, CMP_SWITCHES, CMP_ZOMBIES,
	CMP_NCOLS
};

enum compare_format { CMP_TEXT, CMP_CSV, CMP_JSON, CMP_MARKDOWN };

struct compare_row {
	char *label;
	char *file;                  /* the scenario's name ("jobs" for --jobs) */
	struct stats st;
	double v[CMP_NCOLS];         /* filled by compare_rank */
	bool defined[CMP_NCOLS];
	bool best[CMP_NCOLS];
	bool seconds;                /* the time columns are in seconds: the rows' tick lengths differ */
};

/* The value of each column, rounded as printed, and which rows are best:
 * the lowest, except utilisation (the highest). A column where every row has
 * the same value has no best. Times are in ticks, or in seconds when the
 * rows' tick lengths differ (44 ticks of 100 ms are longer than 76 of 10 ms). */
void compare_rank(struct compare_row *rows, int n);
void compare_print(FILE *out, const struct compare_row *rows, int n, enum compare_format f);
/* Grouped bars: makespan, average turnaround, waiting and response per
 * variant, the best of each marked. */
void compare_plot_svg(FILE *out, const struct compare_row *rows, int n);
/* The column's name in CSV and JSON ("makespan", "avg_turnaround", ...). */
const char *compare_key(enum compare_col c);

#endif
