/* crontab.c: crontab(5)'s time-and-date fields. A field is a list of
 * ranges separated by commas; a range is `*`, a number, or `a-b`, and `*`
 * or `a-b` may take a step `/n`; months and days of the week may be named
 * by their first three letters (case does not matter). Day of week 0 and 7
 * are both Sunday. The special strings @reboot, @yearly (@annually),
 * @monthly, @weekly, @daily (@midnight) and @hourly stand for their five
 * fields. Vixie cron's entry.c reads them so (get_list, get_range,
 * get_number), with its checks: a range goes up, a step is 1 or more, a
 * single number takes no step. */
#include "crontab.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../i18n.h"

struct field {
	const char *name;     /* for messages (N_: translated where used) */
	int lo, hi;
	const char *const *names; /* names for lo, lo + 1, ... or NULL */
};

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
					  "oct", "nov", "dec", NULL};
static const char *const dow_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL};

enum { F_MINUTE, F_HOUR, F_DOM, F_MONTH, F_DOW, F_COUNT };
static const struct field fields[F_COUNT] = {
	[F_MINUTE] = {N_("minute"), 0, 59, NULL},
	[F_HOUR] = {N_("hour"), 0, 23, NULL},
	[F_DOM] = {N_("day of month"), 1, 31, NULL},
	[F_MONTH] = {N_("month"), 1, 12, month_names},
	[F_DOW] = {N_("day of week"), 0, 7, dow_names},
};

static const struct { const char *name; const char *fields; } specials[] = {
	{"yearly", "0 0 1 1 *"}, {"annually", "0 0 1 1 *"}, {"monthly", "0 0 1 * *"},
	{"weekly", "0 0 * * 0"}, {"daily", "0 0 * * *"}, {"midnight", "0 0 * * *"}, {"hourly", "0 * * * *"},
};

/* Reading one schedule: the text, where we are, and the error. */
struct reader {
	const char *s;
	int pos;
	struct crontab_error *err;
};

static bool fail(struct reader *r, int at, int span, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static bool fail(struct reader *r, int at, int span, const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	va_end(ap);
	snprintf(r->err->hint, sizeof r->err->hint, "%s", hint ? hint : "");
	r->err->offset = at;
	r->err->span = span > 0 ? span : 1;
	return false;
}

static void set_bit(struct cron_sched *s, int f, int v)
{
	switch (f) {
	case F_MINUTE: s->minute |= (uint64_t)1 << v; break;
	case F_HOUR: s->hour |= (uint32_t)1 << v; break;
	case F_DOM: s->dom |= (uint32_t)1 << v; break;
	case F_MONTH: s->month |= (uint16_t)(1u << v); break;
	case F_DOW: s->dow |= (uint8_t)(1u << v); break;
	}
}

/* get_number: digits, or a name of the field. */
static bool read_number(struct reader *r, int f, int *out)
{
	const struct field *fd = &fields[f];
	int start = r->pos;
	const char *s = r->s;
	if (isdigit((unsigned char)s[r->pos])) {
		long v = 0;
		while (isdigit((unsigned char)s[r->pos])) {
			if (v < 100000)
				v = v * 10 + (s[r->pos] - '0');
			r->pos++;
		}
		if (v < fd->lo || v > fd->hi)
			return fail(r, start, r->pos - start, NULL, _("%ld is out of range for the %s field (%d-%d)"), v,
				    _(fd->name), fd->lo, fd->hi);
		*out = (int)v;
		return true;
	}
	while (isalpha((unsigned char)s[r->pos]))
		r->pos++;
	int len = r->pos - start;
	if (len == 0) {
		const char *near = s[start] ? "" : _("the end of the schedule");
		char what[16];
		snprintf(what, sizeof what, "'%c'", s[start]);
		return fail(r, start, 1, NULL, _("expected a number, '*' or a name near %s"), s[start] ? what : near);
	}
	for (int i = 0; fd->names && fd->names[i]; i++)
		if (len == 3 && strncasecmp(s + start, fd->names[i], 3) == 0) {
			*out = fd->lo + i;
			return true;
		}
	if (!fd->names)
		return fail(r, start, len, NULL, _("the %s field takes numbers, not names"), _(fd->name));
	return fail(r, start, len, f == F_MONTH ? _("the months: jan feb mar apr may jun jul aug sep oct nov dec")
						: _("the days: sun mon tue wed thu fri sat"),
		    _("unknown name '%.*s' in the %s field"), len, s + start, _(fd->name));
}

/* get_range: `*`, N, or A-B, then for `*` and A-B an optional /STEP. */
static bool read_range(struct reader *r, int f, struct cron_sched *out)
{
	const struct field *fd = &fields[f];
	int lo, hi, start = r->pos;
	bool single = false;
	if (r->s[r->pos] == '*') {
		r->pos++;
		lo = fd->lo;
		hi = fd->hi;
	} else {
		if (!read_number(r, f, &lo))
			return false;
		hi = lo;
		single = r->s[r->pos] != '-';
		if (!single) {
			r->pos++;
			if (!read_number(r, f, &hi))
				return false;
			if (lo > hi)
				return fail(r, start, r->pos - start, _("a range goes from the smaller to the larger"),
					    _("the range %d-%d goes down"), lo, hi);
		}
	}
	int step = 1;
	if (r->s[r->pos] == '/') {
		int slash = r->pos++;
		if (single)
			return fail(r, slash, 1, _("for example: */5 or 0-30/10"), "%s",
				    _("a step follows '*' or a range, not a single number"));
		int at = r->pos;
		long v = 0;
		if (!isdigit((unsigned char)r->s[r->pos]))
			return fail(r, at, 1, _("for example: */5"), "%s", _("expected the step, a number, after '/'"));
		while (isdigit((unsigned char)r->s[r->pos])) {
			if (v < 100000)
				v = v * 10 + (r->s[r->pos] - '0');
			r->pos++;
		}
		if (v < 1 || v > fd->hi)
			return fail(r, at, r->pos - at, NULL, _("the step must be from 1 to %d in the %s field"), fd->hi,
				    _(fd->name));
		step = (int)v;
	}
	for (int v = lo; v <= hi; v += step)
		set_bit(out, f, v);
	return true;
}

static bool read_special(struct reader *r, struct cron_sched *out)
{
	const char *word = r->s + 1;
	size_t n = strcspn(word, " \t");
	if (n == 6 && strncmp(word, "reboot", 6) == 0) {
		out->flags |= CRON_REBOOT;
		r->pos = (int)n + 1;
		return true;
	}
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
		if (strlen(specials[i].name) == n && strncmp(word, specials[i].name, n) == 0) {
			struct crontab_error e;
			bool ok = crontab_parse(specials[i].fields, out, &e);
			r->pos = (int)n + 1;
			return ok;
		}
	return fail(r, 0, (int)n + 1, _("the special strings: @reboot @yearly @annually @monthly @weekly @daily @midnight @hourly"),
		    _("unknown special string '@%.*s'"), (int)n, word);
}

bool crontab_parse(const char *text, struct cron_sched *out, struct crontab_error *err)
{
	struct reader r = {text, 0, err};
	memset(out, 0, sizeof *out);
	memset(err, 0, sizeof *err);
	while (text[r.pos] == ' ' || text[r.pos] == '\t')
		r.pos++;
	if (text[r.pos] == '@') {
		r.s = text + r.pos;
		int base = r.pos;
		r.pos = 0;
		bool ok = read_special(&r, out);
		err->offset += base;
		if (ok && r.s[r.pos + strspn(r.s + r.pos, " \t")] != '\0') {
			int at = r.pos + (int)strspn(r.s + r.pos, " \t");
			return fail(&r, base + at, (int)strlen(r.s + at), NULL, "%s",
				    _("a special string stands alone: write the command after the schedule"));
		}
		return ok;
	}
	for (int f = 0; f < F_COUNT; f++) {
		while (text[r.pos] == ' ' || text[r.pos] == '\t')
			r.pos++;
		if (!text[r.pos])
			return fail(&r, r.pos, 1, _("for example: \"*/5 * * * *\" (every 5 minutes)"),
				    _("the schedule has %d field(s), not 5: minute hour day-of-month month day-of-week"), f);
		if (text[r.pos] == '*' && (f == F_DOM || f == F_DOW))
			out->flags |= f == F_DOM ? CRON_DOM_STAR : CRON_DOW_STAR;
		for (;;) {
			if (!read_range(&r, f, out))
				return false;
			if (text[r.pos] != ',')
				break;
			r.pos++;
		}
		char c = text[r.pos];
		if (c && c != ' ' && c != '\t')
			return fail(&r, r.pos, 1, NULL, _("unexpected '%c' in the %s field"), c, _(fields[f].name));
	}
	while (text[r.pos] == ' ' || text[r.pos] == '\t')
		r.pos++;
	if (text[r.pos])
		return fail(&r, r.pos, (int)strlen(text + r.pos), _("the program to run comes after the string"),
			    "%s", _("the schedule has more than 5 fields"));
	/* entry.c: "make sundays equivilent" */
	if (out->dow & 0x81)
		out->dow |= 0x81;
	return true;
}

bool crontab_matches(const struct cron_sched *s, int64_t minute) { return crontab_next(s, minute, minute) == minute; }

int64_t crontab_next(const struct cron_sched *s, int64_t from, int64_t last)
{
	if (s->flags & CRON_REBOOT)
		return -1;
	for (int64_t m = from; m <= last;) {
		time_t t = (time_t)(m * 60);
		struct tm tm;
		if (!gmtime_r(&t, &tm))
			return -1;
		bool dom = (s->dom >> tm.tm_mday) & 1, dow = (s->dow >> tm.tm_wday) & 1;
		bool day = (s->flags & (CRON_DOM_STAR | CRON_DOW_STAR)) ? dom && dow : dom || dow;
		if (!((s->month >> (tm.tm_mon + 1)) & 1) || !day)
			m += 24 * 60 - (tm.tm_hour * 60 + tm.tm_min); /* the next day */
		else if (!((s->hour >> tm.tm_hour) & 1))
			m += 60 - tm.tm_min; /* the next hour */
		else if (!((s->minute >> tm.tm_min) & 1))
			m++;
		else
			return m;
	}
	return -1;
}
