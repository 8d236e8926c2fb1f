/* homework_int.h: what the homework tools share (homework.c holds the table
 * of tools and scheduler.py; homework_processrun.c is process-run.py): the
 * options as optparse reads them (-s 3, -s3, --seed=3, --seed 3, --se 3,
 * -cp) and its help text, so that each tool's -h is the tool's. */
#ifndef PROCSIM_HOMEWORK_INT_H
#define PROCSIM_HOMEWORK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum hw_kind { HW_INT, HW_STRING, HW_FLAG };

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

/* The tools other than scheduler.py: argv[0] is the tool's name. */
int homework_process_run(int argc, char **argv, FILE *out);

#endif
