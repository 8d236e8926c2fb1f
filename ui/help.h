/* help.h: the instruction reference, generated from the instruction table:
 * `procsim help`, the man page's instruction section and docs/instructions.md. */
#ifndef PROCSIM_HELP_H
#define PROCSIM_HELP_H

#include <stdio.h>

enum help_format { HELP_TEXT, HELP_MARKDOWN, HELP_SCDOC };

/* All instructions, or the one named `name`; returns false if it is unknown. */
int help_print(FILE *out, const char *name, enum help_format fmt);

#endif
