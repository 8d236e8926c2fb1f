/* instr.h: the table of scenario instructions: names, usage, cost and docs.
 * It generates the parser's keyword list, `procsim help` and the reference in
 * procsim-scenario(5). The parse and exec functions are indexed by opcode. */
#ifndef PROCSIM_INSTR_H
#define PROCSIM_INSTR_H

#include <stdbool.h>
#include "program.h"

struct instr_info {
	const char *name;         /* the keyword */
	enum opcode op;
	const char *usage;        /* e.g. "sleep DURATION" */
	const char *cost;         /* how long it takes, in words (msgid) */
	const char *summary;      /* one line (msgid) */
	const char *details;      /* a paragraph (msgid), may be "" */
	const char *mirrors;      /* the Linux/CPython call it models, or "" */
	bool has_block;           /* followed by an indented block */
	bool may_spend_time;      /* counts as spending time inside a `loop` */
};

/* Exact, case-sensitive match; NULL when `name` is not an instruction. */
const struct instr_info *instr_find(const char *name, int len);
const struct instr_info *instr_by_op(enum opcode op);
/* All instructions, in reference order; *count receives the length. */
const struct instr_info *instr_all(int *count);
/* The keywords, NULL-terminated, for "did you mean". */
const char *const *instr_names(void);

#endif
