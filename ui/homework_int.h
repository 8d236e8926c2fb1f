/* homework_int.h: what the homework tools (homework.c, homework_fork.c,
 * homework_multi.c) share: their options as optparse reads them and prints
 * them (homework_opt.c), and Python's way of printing a float. */
#ifndef PROCSIM_HOMEWORK_INT_H
#define PROCSIM_HOMEWORK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum hw_kind { HW_INT, HW_FLOAT, HW_STRING, HW_FLAG };

/* One option of a tool, as its add_option line declares it. */
struct hw_option {
	char short_name;
	const char *long_name;  /* NULL: none */
	const char *metavar;    /* NULL: a flag */
	enum hw_kind kind;
	size_t offset;          /* in the tool's options struct: long long, double, const char *, bool */
	const char *help;       /* the tool's own words (not translated: they are its output); NULL: procsim's own */
};

/* Reads argv[1..] into base as optparse does (-s 3, -s3, --seed=3,
 * --seed 3). Returns 0, or the exit status of an error, reported in
 * optparse's words; *help is set by -h or --help. */
int hw_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base, bool *help);
/* optparse's --help for these options. */
void hw_print_help(FILE *out, const char *tool, const struct hw_option *t, int n);

/* repr() of a Python float: the shortest digits that read back the same,
 * "0.7", "1.0", "1e-05", "1e+16". buf holds at least 32 bytes. */
const char *hw_float_repr(double v, char *buf, size_t n);
/* str() of a Python bool. */
static inline const char *hw_bool(bool b) { return b ? "True" : "False"; }

/* The tools: argv[0] is the tool's name, the rest its options. */
int homework_fork_main(int argc, char **argv, FILE *out);
int homework_multi_main(int argc, char **argv, FILE *out);

#endif
