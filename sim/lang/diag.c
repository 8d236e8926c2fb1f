/* diag.c: collecting diagnostics and suggesting near misses. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void diag_add(struct diags *d, int line, int col, int span, const char *hint, const char *fmt, ...)
{
	if (d->count == DIAG_MAX) {
		d->dropped++;
		return;
	}
	struct diag *g = &d->items[d->count++];
	g->line = line;
	g->col = col;
	g->span = span > 0 ? span : 1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g->msg, sizeof g->msg, fmt, ap);
	va_end(ap);
	snprintf(g->hint, sizeof g->hint, "%s", hint ? hint : "");
}

/* Damerau-Levenshtein (optimal string alignment) on bytes, case-insensitive. */
static int edit_distance(const char *a, int la, const char *b, int lb)
{
	enum { MAXL = 40 };
	if (la > MAXL || lb > MAXL)
		return 99;
	int d[MAXL + 1][MAXL + 1];
	for (int i = 0; i <= la; i++) d[i][0] = i;
	for (int j = 0; j <= lb; j++) d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int ca = a[i - 1] | 0x20, cb = b[j - 1] | 0x20;
			int cost = ca != cb;
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && ca == (b[j - 2] | 0x20) && (a[i - 2] | 0x20) == cb &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *diag_suggest(const char *word, int len, const char *const *candidates)
{
	const char *best = NULL;
	int best_d = 99;
	for (const char *const *c = candidates; *c; c++) {
		int cl = (int)strlen(*c);
		int dist = edit_distance(word, len, *c, cl);
		if (cl > 0 && len >= cl && strncasecmp(word, *c, (size_t)cl) == 0 && len - cl <= 3)
			dist = len - cl < dist ? len - cl : dist; /* "sleeps" -> "sleep" */
		if (dist < best_d) {
			best_d = dist;
			best = *c;
		}
	}
	/* One edit for short words, two for longer ones: beyond that it is noise. */
	int allowed = len <= 4 ? 1 : 2;
	return best_d <= allowed ? best : NULL;
}
