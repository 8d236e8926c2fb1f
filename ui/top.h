/* top.h: the interactive view, like top and htop: the loop that reads keys,
 * moves through time and draws. `procsim FILE` opens it when standard output
 * is a terminal. */
#ifndef PROCSIM_TOP_H
#define PROCSIM_TOP_H

#include <stdbool.h>
#include <stddef.h>

#include "sim.h"

struct scenario;

struct top_args {
	const char *name;         /* the scenario's file name */
	const char *src;          /* its source text, for --record */
	size_t len;
	const struct scenario *sc;
	struct sim_options opt;
	long long at;             /* with at_set: start paused at this tick */
	bool at_set;
	const char *record;       /* --record FILE, or NULL */
	bool real_names;          /* --names real */
	bool threads;             /* --threads: start with H on */
};

/* Whether standard input and output are a terminal curses can use; when not,
 * `why` says so in a sentence (for stderr, before falling back to the trace). */
bool top_terminal_usable(char *why, size_t n);
/* Runs the view until q, Ctrl+C or another quitting signal; returns the exit status. */
int top_run(const struct top_args *a);

#endif
