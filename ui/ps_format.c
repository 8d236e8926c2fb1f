/* ps_format.c: procps-ng's ps as it is (src/ps/output.c and sortformat.c
 * of procps-ng 4): the same keywords, headers, widths and alignment, the
 * same formats of each value, and the same way of laying a line out
 * (show_one_proc: a value wider than its column pushes the line right, and
 * the next right-aligned columns take the excess back from their padding).
 * ps -el, -elf, -ef and aux are the lists procps builds for them
 * (generate_sysv_list; aux is its "OL_u" list). Output is laid out as ps lays
 * it out into a pipe: the last column is never cut.
 *
 * What procsim's model gives: the wall clock starts at PS_START_EPOCH
 * (10:00:00); init is root's, without a terminal (TTY ?), and so are the
 * textbook jobs it forks; the login shell (uid 1000, "student") leads the
 * session of the terminal pts/0, and everything under it is in that
 * session. A process's command line is its name in the scenario (with
 * --names real, the command line the kernel keeps: a forked child's is its
 * parent's); its comm is the first word of that, as the kernel keeps it (at
 * most 15 bytes). */
#include "ps_format.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "lang/program.h"
#include "ps.h"
#include "sim.h"
#include "snapshot.h"
#include "text.h"

enum what {
	W_F, W_S, W_UID, W_USER, W_PID, W_PPID, W_PGID, W_SID, W_TPGID, W_C, W_PRI, W_OPRI, W_PRIORITY, W_NI, W_ADDR,
	W_SZ, W_VSZ, W_RSS, W_WCHAN, W_TTY, W_TIME, W_BSDTIME, W_ETIME, W_START, W_STIME, W_BSDSTART, W_STAT, W_COMM,
	W_ARGS, W_PCPU, W_PMEM, W_PENDING, W_BLOCKED, W_IGNORED, W_CAUGHT, W_LWP, W_NLWP, W_TGID,
};

/* How a column is aligned (CF_JUST_MASK): USER and WCHAN are left-aligned
 * text here (procsim prints names, never numbers); UNLIMITED is cut to the
 * column's width unless it is the last one. */
enum just { J_LEFT, J_RIGHT, J_USER, J_WCHAN, J_UNLIMITED };

/* procps's format_array, for the keywords whose values procsim models. */
static const struct ps_field {
	const char *name, *header;
	short width;
	unsigned char just, what;
	bool pidmax;           /* CF_PIDMAX: as wide as pid_max's digits */
} fields[] = {
	{"%cpu", "%CPU", 4, J_RIGHT, W_PCPU, false},
	{"%mem", "%MEM", 4, J_RIGHT, W_PMEM, false},
	{"addr", "ADDR", 4, J_RIGHT, W_ADDR, false},
	{"addr_1", "ADDR", 1, J_LEFT, W_ADDR, false},
	{"args", "COMMAND", 27, J_UNLIMITED, W_ARGS, false},
	{"blocked", "BLOCKED", 16, J_RIGHT, W_BLOCKED, false},
	{"bsdstart", "START", 6, J_RIGHT, W_BSDSTART, false},
	{"bsdtime", "TIME", 6, J_RIGHT, W_BSDTIME, false},
	{"c", "C", 2, J_RIGHT, W_C, false},
	{"caught", "CAUGHT", 16, J_RIGHT, W_CAUGHT, false},
	{"cmd", "CMD", 27, J_UNLIMITED, W_ARGS, false},
	{"comm", "COMMAND", 15, J_UNLIMITED, W_COMM, false},
	{"command", "COMMAND", 27, J_UNLIMITED, W_ARGS, false},
	{"cputime", "TIME", 8, J_RIGHT, W_TIME, false},
	{"etime", "ELAPSED", 11, J_RIGHT, W_ETIME, false},
	{"euid", "EUID", 5, J_RIGHT, W_UID, false},
	{"euser", "EUSER", 8, J_USER, W_USER, false},
	{"f", "F", 1, J_RIGHT, W_F, false},
	{"flag", "F", 1, J_RIGHT, W_F, false},
	{"flags", "F", 1, J_RIGHT, W_F, false},
	{"ignored", "IGNORED", 16, J_RIGHT, W_IGNORED, false},
	{"intpri", "PRI", 3, J_RIGHT, W_OPRI, false},
	{"lwp", "LWP", 5, J_RIGHT, W_LWP, true},
	{"ni", "NI", 3, J_RIGHT, W_NI, false},
	{"nice", "NI", 3, J_RIGHT, W_NI, false},
	{"nlwp", "NLWP", 4, J_RIGHT, W_NLWP, false},
	{"opri", "PRI", 3, J_RIGHT, W_OPRI, false},
	{"pcpu", "%CPU", 4, J_RIGHT, W_PCPU, false},
	{"pending", "PENDING", 16, J_RIGHT, W_PENDING, false},
	{"pgid", "PGID", 5, J_RIGHT, W_PGID, true},
	{"pgrp", "PGRP", 5, J_RIGHT, W_PGID, true},
	{"pid", "PID", 5, J_RIGHT, W_PID, true},
	{"pmem", "%MEM", 4, J_RIGHT, W_PMEM, false},
	{"ppid", "PPID", 5, J_RIGHT, W_PPID, true},
	{"pri", "PRI", 3, J_RIGHT, W_PRI, false},
	{"priority", "PRI", 3, J_RIGHT, W_PRIORITY, false},
	{"rss", "RSS", 5, J_RIGHT, W_RSS, false},
	{"rssize", "RSS", 5, J_RIGHT, W_RSS, false},
	{"rsz", "RSZ", 5, J_RIGHT, W_RSS, false},
	{"ruser", "RUSER", 8, J_USER, W_USER, false},
	{"s", "S", 1, J_LEFT, W_S, false},
	{"sess", "SESS", 5, J_RIGHT, W_SID, true},
	{"session", "SESS", 5, J_RIGHT, W_SID, true},
	{"sid", "SID", 5, J_RIGHT, W_SID, true},
	{"sig", "PENDING", 16, J_RIGHT, W_PENDING, false},
	{"sigcatch", "CAUGHT", 16, J_RIGHT, W_CAUGHT, false},
	{"sigignore", "IGNORED", 16, J_RIGHT, W_IGNORED, false},
	{"sigmask", "BLOCKED", 16, J_RIGHT, W_BLOCKED, false},
	{"spid", "SPID", 5, J_RIGHT, W_LWP, true},
	{"start", "STARTED", 8, J_RIGHT, W_START, false},
	{"start_time", "START", 5, J_RIGHT, W_STIME, false},
	{"stat", "STAT", 4, J_LEFT, W_STAT, false},
	{"state", "S", 1, J_LEFT, W_S, false},
	{"stime", "STIME", 5, J_RIGHT, W_STIME, false},
	{"sz", "SZ", 5, J_RIGHT, W_SZ, false},
	{"tgid", "TGID", 5, J_RIGHT, W_TGID, true},
	{"thcount", "THCNT", 5, J_RIGHT, W_NLWP, false},
	{"tid", "TID", 5, J_RIGHT, W_LWP, true},
	{"time", "TIME", 8, J_RIGHT, W_TIME, false},
	{"tname", "TTY", 8, J_LEFT, W_TTY, false},
	{"tpgid", "TPGID", 5, J_RIGHT, W_TPGID, true},
	{"tt", "TT", 8, J_LEFT, W_TTY, false},
	{"tty", "TT", 8, J_LEFT, W_TTY, false},
	{"ucmd", "CMD", 15, J_UNLIMITED, W_COMM, false},
	{"ucomm", "COMMAND", 15, J_UNLIMITED, W_COMM, false},
	{"uid", "UID", 5, J_RIGHT, W_UID, false},
	{"uid_hack", "UID", 8, J_USER, W_USER, false},
	{"uname", "USER", 8, J_USER, W_USER, false},
	{"user", "USER", 8, J_USER, W_USER, false},
	{"vsize", "VSZ", 6, J_RIGHT, W_VSZ, false},
	{"vsz", "VSZ", 6, J_RIGHT, W_VSZ, false},
	{"wchan", "WCHAN", 6, J_WCHAN, W_WCHAN, false},
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))

/* The lists procps builds: generate_sysv_list for -l, -f and -lf (-e only
 * selects every process), "OL_u" for aux (BSD u with a and x); with -L
 * (threads) the lists of ps -eLl, -eLlf, -eLf and -L aux, as procps-ng
 * 4.0.2 printed them here (tests/truth/ps_threads.sh): LWP after PPID (after
 * PID for aux), NLWP after C (after %CPU). eLl, eLlf and eLf name -L's. */
static const struct { const char *name, *list, *threads_list; bool threads; } styles[] = {
	{"el", "f,s,uid,pid,ppid,c,opri,ni,addr_1,sz,wchan,tname,time,ucmd",
	 "f,s,uid,pid,ppid,lwp,c,opri,ni,addr_1,sz,wchan,tname,time,ucmd", false},
	{"elf", "f,s,uid_hack,pid,ppid,c,opri,ni,addr_1,sz,wchan,stime,tname,time,cmd",
	 "f,s,uid_hack,pid,ppid,lwp,c,nlwp,opri,ni,addr_1,sz,wchan,stime,tname,time,cmd", false},
	{"ef", "uid_hack,pid,ppid,c,stime,tname,time,cmd", "uid_hack,pid,ppid,lwp,c,nlwp,stime,tname,time,cmd", false},
	{"aux", "user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args",
	 "user,pid,lwp,pcpu,nlwp,pmem,vsz,rss,tname,stat,start_time,bsdtime,args", false},
	{"eLl", NULL, "f,s,uid,pid,ppid,lwp,c,opri,ni,addr_1,sz,wchan,tname,time,ucmd", true},
	{"eLlf", NULL, "f,s,uid_hack,pid,ppid,lwp,c,nlwp,opri,ni,addr_1,sz,wchan,stime,tname,time,cmd", true},
	{"eLf", NULL, "uid_hack,pid,ppid,lwp,c,nlwp,stime,tname,time,cmd", true},
};
static const char *const style_names[] = {"el", "elf", "ef", "aux", "eLl", "eLlf", "eLf", "o", NULL};

static int find_field(const char *name, size_t len)
{
	for (int i = 0; i < NFIELDS; i++)
		if (strlen(fields[i].name) == len && strncmp(fields[i].name, name, len) == 0)
			return i;
	return -1;
}

static const char *const *field_names(void)
{
	static const char *names[NFIELDS + 1];
	for (int i = 0; i < NFIELDS; i++)
		names[i] = fields[i].name;
	return names;
}

static void set_word(struct ps_format_problem *why, enum ps_format_error e, const char *word, size_t len)
{
	why->error = e;
	size_t n = len < sizeof why->word - 1 ? len : sizeof why->word - 1;
	memcpy(why->word, word, n);
	why->word[n] = '\0';
}

/* procps_pid_length: the digits of the largest PID, at least the header's. */
static int pid_width(int pid_max, const char *header)
{
	int w = 1;
	for (int n = pid_max - 1; n >= 10; n /= 10)
		w++;
	int h = (int)strlen(header);
	return w > h ? w : h;
}

static enum ps_format_error parse_list(const char *list, int pid_max, struct ps_format *f,
				       struct ps_format_problem *why)
{
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ", ");
		if (len == 0) {
			p++;
			continue;
		}
		size_t name_len = strcspn(p, ":, ");
		int k = find_field(p, name_len);
		if (k < 0) {
			set_word(why, PS_FORMAT_UNKNOWN_FIELD, p, name_len);
			why->suggestion = diag_suggest(why->word, (int)strlen(why->word), field_names());
			return why->error;
		}
		if (f->n == PS_MAX_COLUMNS) {
			set_word(why, PS_FORMAT_TOO_MANY, p, len);
			return why->error;
		}
		struct ps_column *c = &f->col[f->n++];
		c->field = k;
		c->width = fields[k].pidmax ? pid_width(pid_max, fields[k].header) : fields[k].width;
		if (name_len < len) { /* FIELD:WIDTH */
			const char *w = p + name_len + 1;
			size_t wlen = len - name_len - 1;
			int v = 0;
			bool ok = wlen > 0 && wlen <= 3;
			for (size_t i = 0; ok && i < wlen; i++) {
				ok = w[i] >= '0' && w[i] <= '9';
				v = v * 10 + (w[i] - '0');
			}
			if (!ok || v == 0) {
				set_word(why, PS_FORMAT_BAD_WIDTH, p, len);
				return why->error;
			}
			c->width = v;
		}
		p += len;
	}
	if (f->n == 0) {
		set_word(why, PS_FORMAT_NO_FIELDS, "o", 1);
		return why->error;
	}
	return PS_FORMAT_OK;
}

enum ps_format_error ps_format_parse(const char *value, const char *list, int pid_max, bool threads,
				     struct ps_format *f, struct ps_format_problem *why)
{
	memset(f, 0, sizeof *f);
	memset(why, 0, sizeof *why);
	f->threads = threads;
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
		if (strcmp(value, styles[i].name) == 0) {
			f->threads |= styles[i].threads;
			return parse_list(f->threads ? styles[i].threads_list : styles[i].list, pid_max, f, why);
		}
	if (value[0] == 'o' && (value[1] == ':' || value[1] == ' '))
		return parse_list(value + 2, pid_max, f, why);
	if (strcmp(value, "o") == 0) {
		if (!list) {
			set_word(why, PS_FORMAT_NO_FIELDS, "o", 1);
			return why->error;
		}
		return parse_list(list, pid_max, f, why);
	}
	set_word(why, PS_FORMAT_UNKNOWN, value, strlen(value));
	why->suggestion = diag_suggest(value, (int)strlen(value), style_names);
	return why->error;
}

/* ---- the values ------------------------------------------------------------------ */

struct row {
	const struct proc_info *p;
	const struct mem_info *mem;
	int64_t now, tick_us;
};

static int64_t seconds(int64_t ticks, int64_t tick_us) { return ticks > 0 ? ticks * tick_us / 1000000 : 0; }

/* UTILIZATION: CPU time over the time since it started, in percent. */
static double utilization(const struct row *r)
{
	int64_t alive = r->now - r->p->start_tick;
	return alive > 0 ? (double)ps_time_ticks(r->p) * 100.0 / (double)alive : 0.0;
}

/* Cuts s to `cols` columns, at a character boundary (escape_str's
 * rightward); returns the columns it keeps. */
static int cut_columns(char *s, int cols)
{
	size_t i = 0, keep = 0;
	int w = 0;
	while (s[i]) {
		size_t next = i + 1;
		while (((unsigned char)s[next] & 0xC0) == 0x80)
			next++;
		int cw = text_width_n(s + i, next - i);
		if (w + cw > cols)
			break;
		w += cw;
		keep = next;
		i = next;
	}
	s[keep] = '\0';
	return w;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void wall_clock(int64_t ticks, int64_t tick_us, struct tm *tm)
{
	time_t t = (time_t)(PS_START_EPOCH + seconds(ticks, tick_us));
	gmtime_r(&t, tm);
}

/* Writes the value of `what` for row r into buf; returns the columns it
 * takes. maxr: the columns a cut value (a name, a wait channel) may take. */
static int value(char *buf, size_t n, enum what what, const struct row *r, int maxr)
{
	const struct proc_info *p = r->p;
	struct tm tm, now_tm;
	int64_t t;
	char comm[32];
	switch (what) {
	case W_F: return snprintf(buf, n, "%o", (unsigned)p->flags & 7u);
	case W_S: return snprintf(buf, n, "%c", p->state);
	case W_UID: return snprintf(buf, n, "%d", p->uid);
	case W_USER: return snprintf(buf, n, "%s", ps_user(p));
	case W_PID:  /* a thread's row (-L): its process */
	case W_TGID: return snprintf(buf, n, "%d", p->tgid);
	case W_LWP: return snprintf(buf, n, "%d", p->pid); /* without -L the main thread's: the PID */
	case W_NLWP: return snprintf(buf, n, "%d", p->nlwp);
	/* pr_sigpending and friends: the mask in 16 hex digits (a zombie's: 0) */
	case W_PENDING: return snprintf(buf, n, "%016llx", (unsigned long long)p->sig_pending);
	case W_BLOCKED: return snprintf(buf, n, "%016llx", (unsigned long long)p->sig_blocked);
	case W_IGNORED: return snprintf(buf, n, "%016llx", (unsigned long long)p->sig_ignored);
	case W_CAUGHT: return snprintf(buf, n, "%016llx", (unsigned long long)p->sig_caught);
	case W_PPID: return snprintf(buf, n, "%d", p->ppid);
	case W_PGID: return snprintf(buf, n, "%d", p->pgid);
	case W_SID: return snprintf(buf, n, "%d", p->sid);
	case W_TPGID: return snprintf(buf, n, "%d", p->tpgid);
	case W_C: {
		unsigned c = (unsigned)utilization(r);
		return snprintf(buf, n, "%2u", c > 99u ? 99u : c);
	}
	case W_PCPU: {
		unsigned c = (unsigned)(utilization(r) * 10.0);
		return c > 999u ? snprintf(buf, n, "%u", c / 10u) : snprintf(buf, n, "%u.%u", c / 10u, c % 10u);
	}
	case W_PMEM: {
		unsigned long long m = r->mem->total ? (unsigned long long)p->res_kib * 1000ULL / (unsigned long long)r->mem->total : 0;
		if (m > 999)
			m = 999;
		return snprintf(buf, n, "%2u.%u", (unsigned)(m / 10), (unsigned)(m % 10));
	}
	/* /proc/PID/stat's priority is 20 + nice for a normal task (prio - 100) */
	case W_PRI: return snprintf(buf, n, "%d", 39 - (20 + p->nice));
	case W_OPRI: return snprintf(buf, n, "%d", 60 + (20 + p->nice));
	case W_PRIORITY: return snprintf(buf, n, "%d", 20 + p->nice);
	case W_NI: return snprintf(buf, n, "%d", p->nice);
	case W_ADDR: return snprintf(buf, n, "-");
	case W_SZ: return snprintf(buf, n, "%lld", (long long)p->virt_kib / 4); /* pages of 4 KiB */
	case W_VSZ: return snprintf(buf, n, "%lld", (long long)p->virt_kib);
	case W_RSS: return snprintf(buf, n, "%lld", (long long)p->res_kib);
	case W_WCHAN: snprintf(buf, n, "%s", ps_wchan(p)); return cut_columns(buf, maxr);
	case W_TTY: return snprintf(buf, n, "%s", p->tty ? "pts/0" : "?");
	case W_TIME:
		t = seconds(ps_time_ticks(p), r->tick_us);
		if (t >= 86400)
			return snprintf(buf, n, "%lld-%02lld:%02lld:%02lld", (long long)(t / 86400), (long long)(t / 3600 % 24),
					(long long)(t / 60 % 60), (long long)(t % 60));
		return snprintf(buf, n, "%02lld:%02lld:%02lld", (long long)(t / 3600), (long long)(t / 60 % 60), (long long)(t % 60));
	case W_BSDTIME:
		t = seconds(ps_time_ticks(p), r->tick_us);
		return snprintf(buf, n, "%3lld:%02lld", (long long)(t / 60), (long long)(t % 60));
	case W_ETIME: {
		t = seconds(r->now - p->start_tick, r->tick_us);
		long long dd = t / 86400, hh = t / 3600 % 24, mm = t / 60 % 60, ss = t % 60;
		if (dd)
			return snprintf(buf, n, "%lld-%02lld:%02lld:%02lld", dd, hh, mm, ss);
		if (hh)
			return snprintf(buf, n, "%02lld:%02lld:%02lld", hh, mm, ss);
		return snprintf(buf, n, "%02lld:%02lld", mm, ss);
	}
	case W_START: /* HH:MM:SS within a day, else "  Mon DD" */
		wall_clock(p->start_tick, r->tick_us, &tm);
		if (seconds(r->now, r->tick_us) - seconds(p->start_tick, r->tick_us) < 86400)
			return snprintf(buf, n, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
		return snprintf(buf, n, "  %s %02d", months[tm.tm_mon], tm.tm_mday);
	case W_STIME: /* HH:MM the same day, MonDD another day, YYYY another year */
		wall_clock(p->start_tick, r->tick_us, &tm);
		wall_clock(r->now, r->tick_us, &now_tm);
		if (tm.tm_year != now_tm.tm_year)
			return snprintf(buf, n, "%d", 1900 + tm.tm_year);
		if (tm.tm_yday != now_tm.tm_yday)
			return snprintf(buf, n, "%s%02d", months[tm.tm_mon], tm.tm_mday);
		return snprintf(buf, n, "%02d:%02d", tm.tm_hour, tm.tm_min);
	case W_BSDSTART: /* ctime's " HH:MM" within a day, else "Mon DD" */
		wall_clock(p->start_tick, r->tick_us, &tm);
		if (seconds(r->now, r->tick_us) - seconds(p->start_tick, r->tick_us) > 86400)
			return snprintf(buf, n, "%s %2d", months[tm.tm_mon], tm.tm_mday);
		return snprintf(buf, n, " %02d:%02d", tm.tm_hour, tm.tm_min);
	case W_STAT: return ps_stat(p, buf); /* pr_stat */
	case W_COMM: /* a zombie's too: procps-ng 4.0.2 prints `python3`, no <defunct> (measured, tests/truth/child_names.py) */
		ps_comm(p->name, comm, sizeof comm);
		snprintf(buf, n, "%s", comm);
		return cut_columns(buf, maxr);
	case W_ARGS: /* a zombie has no command line: libproc2 shows [comm] */
		ps_comm(p->name, comm, sizeof comm);
		if (p->state == 'Z')
			snprintf(buf, n, "[%s] <defunct>", comm);
		else
			snprintf(buf, n, "%s", p->name);
		return cut_columns(buf, maxr);
	}
	return snprintf(buf, n, "?");
}

/* show_one_proc: `correct` is where the line should be, `actual` where it
 * is; a right-aligned column gives back what the line is ahead from its
 * padding, and there is always at least one space between columns. The
 * header is laid out the same way (r NULL). */
static void print_line(FILE *out, const struct ps_format *f, const struct row *r)
{
	char buf[512];
	int correct = 0, actual = 0, dospace = 0;
	for (int i = 0; i < f->n; i++) {
		const struct ps_field *fd = &fields[f->col[i].field];
		int width = f->col[i].width;
		bool last = i == f->n - 1;
		int maxr = last ? (int)sizeof buf - 1 : width;
		int amount;
		if (r) {
			amount = value(buf, sizeof buf, (enum what)fd->what, r, maxr);
		} else {
			snprintf(buf, sizeof buf, "%s", fd->header);
			amount = text_width(buf);
		}
		if (amount < 0)
			amount = 0;
		int leftpad = fd->just == J_RIGHT && width > amount ? width - amount : 0;
		int space = correct - actual + leftpad;
		if (space < 1)
			space = dospace;
		fprintf(out, "%*s%s", space, "", buf);
		if (last)
			break;
		actual += space + amount;
		correct += width + 1;
		dospace = 1;
	}
	fputc('\n', out);
}

bool ps_format_print(FILE *out, const struct sim *s, const struct ps_format *f, enum ps_names names)
{
	struct sim_counts c;
	struct mem_info mem;
	int n;
	struct proc_info *ps = ps_table(s, f->threads, &c, &n, &mem);
	if (!ps)
		return false;
	ps_apply_names(ps, n, names);
	struct row r = {.mem = &mem, .now = sim_end_tick(s), .tick_us = sim_scenario(s)->tick_us};
	print_line(out, f, NULL);
	for (int i = 0; i < n; i++) {
		r.p = &ps[i];
		print_line(out, f, &r);
	}
	free(ps);
	return true;
}
