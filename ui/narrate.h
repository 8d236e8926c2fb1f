/* narrate.h: the narrated trace: one plain sentence per kernel event. */
#ifndef PROCSIM_NARRATE_H
#define PROCSIM_NARRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "event.h"

struct sim;

/* Writes "t=12    1.2s  <sentence>\n" for one event. `s` is the simulation
 * the event comes from, used to name the other processes involved. */
void narrate_event(FILE *out, const struct sim *s, const struct sim_event *ev);
/* The first lines: the title and the settings. */
void narrate_header(FILE *out, const struct sim *s);
/* The last lines: why the simulation stopped. */
void narrate_end(FILE *out, const struct sim *s);
/* --names real: name processes by their real command lines from now on
 * (false, the default: by their programs). */
void narrate_real_names(bool on);
/* "PID 7 (task)", or "PID 7" when the process is gone. */
void narrate_who(char *buf, size_t n, const struct sim *s, int pid);

#endif
