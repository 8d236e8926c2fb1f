/* diag.h: diagnostics as values. The parser collects them; a front end prints
 * them as `file:line:col: error: message`, the source line and a caret. */
#ifndef PROCSIM_DIAG_H
#define PROCSIM_DIAG_H

#define DIAG_MAX 20
#define DIAG_MSG_LEN 320

struct diag {
	int line, col;            /* 1-based; col counts characters; 0 = whole file */
	int span;                 /* characters to underline, at least 1 */
	char msg[DIAG_MSG_LEN];   /* already translated */
	char hint[DIAG_MSG_LEN];  /* "did you mean 'sleep'?", or empty */
};

struct diags {
	int count;                /* diagnostics kept (at most DIAG_MAX) */
	int dropped;              /* diagnostics past DIAG_MAX */
	struct diag items[DIAG_MAX];
};

/* Adds a diagnostic; printf-style message. */
void diag_add(struct diags *d, int line, int col, int span, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The closest candidate to `word` by edit distance, if close enough to be a
 * plausible typo; NULL otherwise. `candidates` is NULL-terminated. */
const char *diag_suggest(const char *word, int len, const char *const *candidates);

#endif
