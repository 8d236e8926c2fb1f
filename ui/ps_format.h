/* ps_format.h: `procsim ps --format`: procps-ng's ps as it is, its columns
 * (ps -el, -elf, -ef, aux, or -o FIELDS) with their headers, widths,
 * alignment and formats. */
#ifndef PROCSIM_PS_FORMAT_H
#define PROCSIM_PS_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "ps.h"
#include "sim.h"

struct sim;

#define PS_MAX_COLUMNS 64

struct ps_column {
	int field;             /* index in the table of fields (ps_format.c) */
	int width;             /* procps's width, or FIELD:WIDTH's */
};

struct ps_format {
	bool threads;          /* -L: one row per thread */
	int n;
	struct ps_column col[PS_MAX_COLUMNS];
};

/* What was wrong with --format's value: the word is the style, the field
 * or the width that is not one. */
enum ps_format_error {
	PS_FORMAT_OK,
	PS_FORMAT_UNKNOWN,     /* not el, elf, ef, aux, eLl, eLlf, eLf or o */
	PS_FORMAT_NO_FIELDS,   /* o without a list */
	PS_FORMAT_UNKNOWN_FIELD,
	PS_FORMAT_BAD_WIDTH,   /* FIELD:WIDTH with a width that is not a number from 1 to 999 */
	PS_FORMAT_TOO_MANY,    /* more than PS_MAX_COLUMNS fields */
};

struct ps_format_problem {
	enum ps_format_error error;
	char word[64];
	const char *suggestion; /* the closest style or field name, or NULL */
};

/* Reads --format's value: "el", "elf", "ef", "aux", "o:FIELDS" or "o FIELDS";
 * for a bare "o", `list` is the field list (the next argument), or NULL.
 * FIELDS are procps's keywords, separated by commas or spaces, each with an
 * optional :WIDTH. pid_max sizes the PID columns as procps does. threads
 * (-L): a row per thread, and the styles' lists of ps -eLl, -eLlf, -eLf and
 * -L aux; "eLl", "eLlf" and "eLf" are those with threads on. */
enum ps_format_error ps_format_parse(const char *value, const char *list, int pid_max, bool threads,
				     struct ps_format *f, struct ps_format_problem *why);

/* The process table (or with f->threads every thread) at the end of the run so far, in those columns.
 * Returns false when memory runs out. */
bool ps_format_print(FILE *out, const struct sim *s, const struct ps_format *f, enum ps_names names);

/* The wall clock of the run's start (sim.h), from which STIME, START and
 * STARTED are told. */
#define PS_START_EPOCH SIM_WALL_EPOCH

#endif
