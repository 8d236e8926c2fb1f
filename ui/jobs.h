/* jobs.h: textbook job workloads, as `--jobs 200,200,200`, as a workload
 * file (`--jobs-file F`, one job a line) or as homework draws them; each
 * becomes the scenario text of `job` lines (job0, job1, ...), which the
 * commands parse like any scenario. Everything here is linear in the
 * number of jobs: a million jobs load in a fraction of a second. */
#ifndef PROCSIM_JOBS_H
#define PROCSIM_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

#define JOBS_MAX PARSE_MAX_JOBS
#define JOBS_TICKS_MAX 1000000000LL   /* an arrival or a burst, in ticks */

struct job_item {
	long long arrival, burst;     /* in ticks; burst at least 1 */
};

struct jobs {
	struct job_item *v;
	int n, cap;
};

/* Appends a job; false when memory runs out or past JOBS_MAX (the caller
 * says which: jobs->n == JOBS_MAX is the limit). */
bool jobs_add(struct jobs *j, long long arrival, long long burst);
void jobs_free(struct jobs *j);

/* `--jobs`: BURST or ARRIVAL:BURST, comma-separated. False with a message
 * in err (which names --jobs) when the list is not one. */
bool jobs_from_list(struct jobs *j, const char *spec, char *err, size_t errlen);

/* A workload file: one BURST or ARRIVAL:BURST a line, spaces around it
 * allowed; blank lines and lines starting with '#' are skipped. False with
 * a message in err and the 1-based *line and *col of the mistake (0: about
 * the whole file). */
bool jobs_from_text(struct jobs *j, const char *text, size_t len, char *err, size_t errlen, int *line, int *col);

/* The scenario: `title "jobs LIST"`, then one `job jobK arrives A, runs B`
 * line per job, in order. LIST is `list` (the --jobs value as typed), or
 * with NULL the jobs written as --jobs takes them (A:B, or B when A is 0);
 * past 80 characters it is cut at a comma and ends with the number of jobs.
 * Malloc'd, its length in *len; NULL when memory runs out. */
char *jobs_source(const struct jobs *j, const char *list, size_t *len);

#endif
