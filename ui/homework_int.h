/* homework_int.h: what the homework tools share (homework.c holds the table
 * of tools and scheduler.py; homework_processrun.c is process-run.py,
 * homework_lottery.c lottery.py, homework_mlfq.c mlfq.py): the options as
 * optparse reads them (-s 3, -s3, --seed=3, --seed 3, --se 3, -cp) and its
 * help text, so that each tool's -h is the tool's; the jobs' numbers; and a
 * run of generated scenario text watched tick by tick. */
#ifndef PROCSIM_HOMEWORK_INT_H
#define PROCSIM_HOMEWORK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim.h"
#include "snapshot.h"
#include "stats.h"

/* HW_INT: a whole number up to a billion either way; HW_SEED: any 64-bit
 * one (random.seed takes any int). */
enum hw_kind { HW_INT, HW_SEED, HW_STRING, HW_FLAG };

struct hw_option {
	char short_name;
	const char *long_name;  /* NULL: none */
	const char *metavar;    /* NULL: a flag */
	enum hw_kind kind;
	size_t offset;          /* in the tool's options struct: long long, const char * or bool */
	const char *help;       /* the tool's own words (not translated: they are its output); NULL: procsim's own, not in -h */
};

/* Reads argv[1..] into base; returns 0, or the exit status of an error
 * (reported in optparse's words). *help is set by -h. */
int homework_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base,
			   bool *help);
/* optparse's help for the table. */
void homework_print_help(FILE *out, const char *tool, const struct hw_option *t, int n);

/* K of a process named jobK, or -1 (init, the shell). */
int homework_job_number(const char *name);

/* Runs scenario text `src` (malloc'd; taken) to its end on one CPU, one
 * tick at a time: for t = 0, 1, ... the model is brought to the moment
 * after tick t's processes have been chosen (sim_advance_to(t): tick t-1
 * has ended and been charged), and each(ctx, s, t) looks at it; `fn` (may
 * be NULL) sees every event. The run's and the policy's generators are
 * seeded with `seed` (as the `seed` setting), and the policy's skips
 * `skip_draws` draws (the tool's workload drew them). The run's
 * measurements go to *st. Returns the exit status, an error reported. */
int homework_run_ticks(char *src, int64_t seed, int64_t skip_draws, sim_sink_fn *fn,
		       void (*each)(void *ctx, const struct sim *s, int64_t t), void *ctx, struct stats *st);

/* The tools other than scheduler.py: argv[0] is the tool's name. */
int homework_process_run(int argc, char **argv, FILE *out);
int homework_lottery(int argc, char **argv, FILE *out);
int homework_mlfq(int argc, char **argv, FILE *out);

#endif
