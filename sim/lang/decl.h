/* decl.h: the table of a scenario's top-level words that are not
 * instructions: declarations (program, main, lock, queue, job, at...),
 * settings (cpus, policy, tick...), and the Python habits a newcomer types
 * first, each with the procsim line that replaces it. The parser takes its
 * list of top-level words from it; `procsim help NAME` prints from it. */
#ifndef PROCSIM_DECL_H
#define PROCSIM_DECL_H

enum decl_kind { DECL_DECLARATION, DECL_SETTING, DECL_HABIT };

struct decl_info {
	const char *name;      /* the word at the start of the line */
	enum decl_kind kind;
	const char *usage;     /* e.g. "cpus N" */
	const char *summary;   /* one line (msgid) */
	const char *details;   /* a paragraph (msgid), may be "" */
	const char *mirrors;   /* the Python or Linux it stands for, or "" */
};

/* Every row, declarations first, then settings, then habits. */
const struct decl_info *decl_all(int *count);
/* Exact match; NULL when `name` is in no row. */
const struct decl_info *decl_find(const char *name);

#endif
