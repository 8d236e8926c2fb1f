/* crontab.h: the five time-and-date fields of a crontab(5) line, as Vixie
 * cron reads them (entry.c: load_entry, get_list, get_range, get_number) and
 * matches them (cron.c: find_jobs). Debian's cron and cronie are both Vixie
 * cron underneath. The schedule itself (struct cron_sched) is in program.h:
 * a parsed scenario holds it. */
#ifndef PROCSIM_CRONTAB_H
#define PROCSIM_CRONTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "program.h"

/* What is wrong with a schedule, and where: a character offset into it
 * and how many characters to underline. The texts are translated. */
struct crontab_error {
	int offset, span;
	char msg[DIAG_MSG_LEN];
	char hint[DIAG_MSG_LEN];
};

/* "*\/5 * * * *", "0 9-17 * * mon-fri", "@hourly"... into *out; false and
 * *err when it is not a schedule. */
bool crontab_parse(const char *text, struct cron_sched *out, struct crontab_error *err);

/* Does the minute that starts at `minute` (minutes since the Unix epoch,
 * UTC) match? Day of month and day of week as find_jobs has them: when both
 * are restricted (neither field starts with '*'), either one will do. */
bool crontab_matches(const struct cron_sched *s, int64_t minute);

/* The first minute from `from` to `last` (inclusive) that matches, or -1. */
int64_t crontab_next(const struct cron_sched *s, int64_t from, int64_t last);

#endif
