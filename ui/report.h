/* report.h: errors as a person reads them: `file:line:col: error: message`,
 * the source line, a caret under the spot, and a hint. */
#ifndef PROCSIM_REPORT_H
#define PROCSIM_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

void report_diags(FILE *out, const char *file, const char *src, size_t len, const struct diags *d);
/* One error at a position (line 0: about the whole file). */
void report_error(FILE *out, const char *file, const char *src, size_t len, int line, int col, const char *msg);

#endif
