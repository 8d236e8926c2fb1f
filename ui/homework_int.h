/* homework_int.h: what the homework tools share. homework.c holds the
 * table of tools and scheduler.py; homework_processrun.c is process-run.py,
 * homework_fork.c fork.py, homework_multi.c multi.py, homework_lottery.c
 * lottery.py, homework_mlfq.c mlfq.py. homework_opt.c reads their options
 * as optparse does (-s 3, -s3, --seed=3, --seed 3, --se 3, -cp, "--"),
 * prints optparse's help and errors, so that each tool's -h and mistakes
 * are the tool's, and prints floats and bools as Python does; homework.c
 * also gives the jobs' numbers and a run of generated scenario text
 * watched tick by tick. */
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
 * one (random.seed takes any int); HW_FLOAT: a double. */
enum hw_kind { HW_INT, HW_SEED, HW_FLOAT, HW_STRING, HW_FLAG };

/* One option of a tool, as its add_option line declares it. */
struct hw_option {
	char short_name;
	const char *long_name;  /* NULL: none */
	const char *metavar;    /* NULL: a flag */
	enum hw_kind kind;
	size_t offset;          /* in the tool's options struct: long long (HW_INT, HW_SEED), double,
	                         * const char * or bool */
	const char *help;       /* the tool's own words (not translated: they are its output); NULL: procsim's
	                         * own, not in -h and never abbreviated */
};

/* Reads argv[1..] into base as optparse does: -h or --help sets *help and
 * ends the reading; "--" ends the options, and arguments that are not
 * options are left alone (the tools read none). Returns 0, or the exit
 * status of an error, reported in optparse's words. */
int homework_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base,
			   bool *help);
/* optparse's --help for the table. */
void homework_print_help(FILE *out, const char *tool, const struct hw_option *t, int n);

/* repr() of a Python float: the shortest digits that read back the same,
 * "0.7", "1.0", "1e-05", "1e+16". buf holds at least 32 bytes. */
const char *homework_float_repr(double v, char *buf, size_t n);
/* str() of a Python bool. */
static inline const char *homework_bool(bool b) { return b ? "True" : "False"; }

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

/* The tools other than scheduler.py: argv[0] is the tool's name, the rest
 * its options. */
int homework_process_run(int argc, char **argv, FILE *out);
int homework_fork(int argc, char **argv, FILE *out);
int homework_multi(int argc, char **argv, FILE *out);
int homework_lottery(int argc, char **argv, FILE *out);
int homework_mlfq(int argc, char **argv, FILE *out);

#endif
