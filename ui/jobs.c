/* jobs.c: see jobs.h. */
#include "jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

bool jobs_add(struct jobs *j, long long arrival, long long burst)
{
	if (j->n == JOBS_MAX)
		return false;
	if (j->n == j->cap) {
		int cap = j->cap ? (j->cap > JOBS_MAX / 2 ? JOBS_MAX : j->cap * 2) : 64;
		struct job_item *v = realloc(j->v, sizeof *v * (size_t)cap);
		if (!v)
			return false;
		j->v = v;
		j->cap = cap;
	}
	j->v[j->n++] = (struct job_item){arrival, burst};
	return true;
}

void jobs_free(struct jobs *j)
{
	free(j->v);
	memset(j, 0, sizeof *j);
}

/* A whole number of ticks in [lo, JOBS_TICKS_MAX] at *p, digits only. */
static bool ticks(const char **p, const char *end, long long lo, long long *out)
{
	const char *s = *p;
	long long v = 0;
	if (s == end || *s < '0' || *s > '9')
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > JOBS_TICKS_MAX)
			return false;
	}
	if (v < lo)
		return false;
	*p = s;
	*out = v;
	return true;
}

/* One item, BURST or ARRIVAL:BURST, from *p; *p is left after it. */
static bool item(const char **p, const char *end, long long *arrival, long long *burst)
{
	long long a = 0, b;
	if (!ticks(p, end, 0, &b))
		return false;
	if (*p < end && **p == ':') {
		a = b;
		(*p)++;
		if (!ticks(p, end, 1, &b))
			return false;
	} else if (b < 1)
		return false;
	*arrival = a;
	*burst = b;
	return true;
}

bool jobs_from_list(struct jobs *j, const char *spec, char *err, size_t errlen)
{
	const char *p = spec, *end = spec + strlen(spec);
	for (;;) {
		long long a, b;
		if (!item(&p, end, &a, &b) || (p < end && *p != ','))
			break;
		if (!jobs_add(j, a, b)) {
			if (j->n == JOBS_MAX)
				snprintf(err, errlen, _("--jobs: at most %d jobs"), JOBS_MAX);
			else
				snprintf(err, errlen, "%s", _("out of memory"));
			return false;
		}
		if (p == end)
			return true;
		p++;
	}
	snprintf(err, errlen,
		 _("--jobs needs a comma-separated list of BURST or ARRIVAL:BURST ticks (for example 200,200,200 or 0:100,10:10), not '%s'"),
		 spec);
	return false;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool jobs_from_text(struct jobs *j, const char *text, size_t len, char *err, size_t errlen, int *line, int *col)
{
	const char *p = text, *end = text + len;
	*line = 0;
	*col = 0;
	for (int ln = 1; p < end; ln++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *s = p;
		while (s < eol && blank(*s))
			s++;
		if (s < eol && *s != '#') {
			long long a, b;
			const char *at = s;
			bool ok = item(&s, eol, &a, &b);
			while (ok && s < eol && blank(*s))
				s++;
			if (!ok || s != eol) {
				*line = ln;
				*col = (int)(at - p) + 1;
				snprintf(err, errlen, "%s",
					 _("expected one job a line: BURST or ARRIVAL:BURST, whole numbers of ticks (for example 200 or 10:50)"));
				return false;
			}
			if (!jobs_add(j, a, b)) {
				*line = ln;
				*col = (int)(at - p) + 1;
				if (j->n == JOBS_MAX)
					snprintf(err, errlen, _("too many jobs (the limit is %d)"), JOBS_MAX);
				else
					snprintf(err, errlen, "%s", _("out of memory"));
				return false;
			}
		}
		p = eol + 1;
	}
	if (j->n == 0) {
		snprintf(err, errlen, "%s", _("the file has no jobs: write one BURST or ARRIVAL:BURST a line"));
		return false;
	}
	return true;
}

/* ---- the scenario text ---------------------------------------------------------- */

/* Digits of v >= 0 at out; returns their number. Written by hand: the
 * text of a million jobs is made in a few milliseconds. */
static size_t put_ticks(char *out, long long v)
{
	char tmp[24];
	size_t n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

static size_t put_str(char *out, const char *s)
{
	size_t n = strlen(s);
	memcpy(out, s, n);
	return n;
}

#define TITLE_MAX 80

/* `jobs LIST` as the title says it, into buf (at least TITLE_MAX + 64). */
static void title_list(const struct jobs *j, const char *list, char *buf, size_t size)
{
	size_t n = 0;
	bool cut = false;
	if (list) {
		n = strlen(list);
		if (n > TITLE_MAX) {
			n = TITLE_MAX;
			cut = true;
		}
		memcpy(buf, list, n);
	} else {
		for (int i = 0; i < j->n && !cut; i++) {
			char item_text[48];
			size_t k = 0;
			if (i)
				item_text[k++] = ',';
			if (j->v[i].arrival) {
				k += put_ticks(item_text + k, j->v[i].arrival);
				item_text[k++] = ':';
			}
			k += put_ticks(item_text + k, j->v[i].burst);
			if (n + k > TITLE_MAX) {
				cut = true;
				buf[n++] = ',';
			} else {
				memcpy(buf + n, item_text, k);
				n += k;
			}
		}
	}
	if (cut) {
		while (n > 0 && buf[n - 1] != ',') /* at a comma: the items shown are whole */
			n--;
		snprintf(buf + n, size - n, "... (%d jobs)", j->n);
	} else
		buf[n] = '\0';
}

char *jobs_source(const struct jobs *j, const char *list, size_t *len)
{
	char title[TITLE_MAX + 64];
	title_list(j, list, title, sizeof title);
	/* "job job" N " arrives " A ", runs " B "\n": at most 7 + 10 + 9 + 10 + 7 + 10 + 1 */
	size_t cap = strlen(title) + 16 + (size_t)j->n * 56;
	char *src = malloc(cap);
	if (!src)
		return NULL;
	size_t n = (size_t)snprintf(src, cap, "title \"jobs %s\"\n", title);
	for (int i = 0; i < j->n; i++) {
		n += put_str(src + n, "job job");
		n += put_ticks(src + n, i);
		n += put_str(src + n, " arrives ");
		n += put_ticks(src + n, j->v[i].arrival);
		n += put_str(src + n, ", runs ");
		n += put_ticks(src + n, j->v[i].burst);
		src[n++] = '\n';
	}
	src[n] = '\0';
	*len = n;
	return src;
}
