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

/* Code points of a UTF-8 word, lower-cased for ASCII; at most max. */
static int decode_word(const char *w, int len, unsigned *out, int max)
{
	int n = 0;
	for (int i = 0; i < len && n < max;) {
		unsigned char c = (unsigned char)w[i];
		int k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
		unsigned cp = k == 1 ? c : c & (0xFF >> (k + 1));
		for (int j = 1; j < k && i + j < len; j++)
			cp = (cp << 6) | ((unsigned char)w[i + j] & 0x3F);
		if (cp >= 'A' && cp <= 'Z')
			cp |= 0x20;
		out[n++] = cp;
		i += k;
	}
	return n;
}

/* Damerau-Levenshtein (optimal string alignment) on code points, so a typo
 * in a Chinese name counts as one edit, not three bytes. */
static int edit_distance(const char *a, int la, const char *b, int lb)
{
	enum { MAXL = 40 };
	unsigned x[MAXL], y[MAXL];
	if (la > 4 * MAXL || lb > 4 * MAXL)
		return 99;
	int n = decode_word(a, la, x, MAXL), m = decode_word(b, lb, y, MAXL);
	int d[MAXL + 1][MAXL + 1];
	for (int i = 0; i <= n; i++) d[i][0] = i;
	for (int j = 0; j <= m; j++) d[0][j] = j;
	for (int i = 1; i <= n; i++)
		for (int j = 1; j <= m; j++) {
			int cost = x[i - 1] != y[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

/* Characters in a UTF-8 word. */
static int chars(const char *w, int len)
{
	int n = 0;
	for (int i = 0; i < len; i++)
		n += ((unsigned char)w[i] & 0xC0) != 0x80;
	return n;
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
	int allowed = chars(word, len) <= 4 ? 1 : 2;
	return best_d <= allowed ? best : NULL;
}
