/* help.h: the instruction reference, generated from the instruction table:
 * `procsim help`, the man page's instruction section and docs/instructions.md. */
#ifndef PROCSIM_HELP_H
#define PROCSIM_HELP_H

#include <stdio.h>

enum help_format { HELP_TEXT, HELP_MARKDOWN, HELP_SCDOC };

/* All instructions, or the one named `name`; returns false if it is unknown. */
int help_print(FILE *out, const char *name, enum help_format fmt);

/* bash's `kill -l` (and `kill -L`, the same list) as it prints it on Linux,
 * real-time signals included. */
void help_kill_list(FILE *out);
/* `procsim help signals`: that list, then the table of what procsim sends. */
void help_signals(FILE *out);
/* The table of costs (cost.h) with their measured defaults, after
 * `procsim help costs`'s setting. */
void help_costs(FILE *out);

#endif
