/* output.h: where a command writes its result (-o FILE, else standard
 * output). A regular file is written whole or not at all: to a temporary file
 * next to it, renamed over it once complete, and removed if the command fails
 * or SIGINT, SIGTERM or SIGHUP arrive first. A FIFO or a device is written in
 * place. One output at a time is open. */
#ifndef PROCSIM_OUTPUT_H
#define PROCSIM_OUTPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

struct output {
	FILE *f;             /* where to write */
	bool direct;         /* not a regular file: written in place */
	const char *path;    /* as given, for messages */
	char *tmp;           /* the temporary file while it is ours */
	char final[PATH_MAX];
};

/* Opens `path` ("-" or NULL: standard output). False, with a message, if it
 * cannot be written. */
bool output_open(struct output *o, const char *path);
/* Finishes the output; `keep` false (the command failed) discards a file.
 * False, with a message when `keep`, if it could not be written whole. */
bool output_close(struct output *o, bool keep);

#endif
