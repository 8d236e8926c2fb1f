/* jsonl.h: kernel events as JSON Lines, one object per event. */
#ifndef PROCSIM_JSONL_H
#define PROCSIM_JSONL_H

#include <stdio.h>

#include "event.h"

struct sim;

void jsonl_event(FILE *out, const struct sim_event *ev);
/* The last line: {"t":..,"event":"end","reason":"done"|"limit"|"stuck"|"runaway"}. */
void jsonl_end(FILE *out, const struct sim *s);

#endif
