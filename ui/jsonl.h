/* jsonl.h: kernel events as JSON Lines, one object per event. */
#ifndef PROCSIM_JSONL_H
#define PROCSIM_JSONL_H

#include <stdbool.h>
#include <stdio.h>

#include "event.h"

struct sim;

/* cmdline (--names real): each event also gives its process's real
 * command line, "cmdline", beside its program name, "name". */
void jsonl_event(FILE *out, const struct sim_event *ev, bool cmdline);
/* The last line: {"t":..,"event":"end","reason":"done"|"limit"|"stuck"|"runaway"}. */
void jsonl_end(FILE *out, const struct sim *s);

#endif
