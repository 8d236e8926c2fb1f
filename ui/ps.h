/* ps.h: a `ps -el`-like snapshot with top's task summary, as text or JSON. */
#ifndef PROCSIM_PS_H
#define PROCSIM_PS_H

#include <stdbool.h>
#include <stdio.h>

struct sim;

/* Returns false when memory runs out. */
bool ps_print(FILE *out, const struct sim *s, bool json);

#endif
