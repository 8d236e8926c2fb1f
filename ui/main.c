/* main.c: the `procsim` command: subcommands and options are tables; every
 * subcommand loads a scenario, runs the model and hands events to a view. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare.h"
#include "config.h"
#include "demo.h"
#include "help.h"
#include "i18n.h"
#include "jsonl.h"
#include "narrate.h"
#include "output.h"
#include "parse.h"
#include "plot.h"
#include "ps.h"
#include "report.h"
#include "sim.h"
#include "stats.h"
#include "top.h"

enum { EXIT_OK = 0, EXIT_SCENARIO = 1, EXIT_USAGE = 2 };
enum out_format { OUT_TEXT, OUT_JSONL, OUT_CONSOLE };

struct opts {
	const char *file;             /* the first file argument */
	const char **files;           /* every file argument (compare) */
	int nfiles;
	const char *output;
	const char *format;           /* checked by each command */
	long long at;
	long long at_micro, at_unit_us; /* --at 2.5s: resolved with the scenario's tick */
	bool at_set, json, csv, check;
	const char *help_format;
	/* run-like commands: --policy, --quantum and --cpus are lists for compare */
	const char *policy, *quantum, *cpus, *jobs, *plot;
	const char *record;           /* top: --record FILE */
	struct sim_options sim;
};

/* ---- options ---------------------------------------------------------------- */

enum opt_kind {
	O_FORMAT, O_OUTPUT, O_MAX_TICKS, O_CPUS, O_QUANTUM, O_POLICY, O_SWITCH_COST, O_JOBS, O_AT, O_JSON, O_CSV,
	O_PLOT, O_LANG, O_CHECK, O_HELPFMT, O_RECORD
};
#define OPT(kind) (1u << (kind))
/* Every command takes --lang; those that run a scenario take its overrides. */
#define OPTS_ANY OPT(O_LANG)
#define OPTS_SIM (OPTS_ANY | OPT(O_MAX_TICKS) | OPT(O_CPUS) | OPT(O_QUANTUM) | OPT(O_POLICY) | \
		  OPT(O_SWITCH_COST) | OPT(O_JOBS) | OPT(O_CHECK))
#define OPTS_RUN (OPTS_SIM | OPT(O_FORMAT) | OPT(O_OUTPUT))
#define OPTS_TOP (OPTS_SIM | OPT(O_AT) | OPT(O_RECORD))
static const struct option_entry {
	const char *name, *alias;
	enum opt_kind kind;
	bool takes_value;
	const char *help;
} options[] = {
	{"--format", NULL, O_FORMAT, true, N_("run: text (default), jsonl or console; stats: text, json or csv; compare: text, csv, json or markdown")},
	{"--output", "-o", O_OUTPUT, true, N_("write to FILE instead of standard output (written whole or not at all)")},
	{"--max-ticks", NULL, O_MAX_TICKS, true, N_("stop a scenario without `limit` after N ticks as a runaway (default 1000000)")},
	{"--policy", NULL, O_POLICY, true, N_("override the scenario's scheduling policy (rr, fifo, sjf, stcf, prio, mlfq, cfs); compare: a list")},
	{"--quantum", NULL, O_QUANTUM, true, N_("override the scenario's time slice, in ticks; compare: a list")},
	{"--cpus", NULL, O_CPUS, true, N_("override the scenario's number of CPUs; compare: a list")},
	{"--switch-cost", NULL, O_SWITCH_COST, true, N_("override the scenario's context-switch cost, in ticks of system time")},
	{"--jobs", NULL, O_JOBS, true, N_("instead of a file: textbook jobs BURST or ARRIVAL:BURST, comma-separated (job0, job1, ...)")},
	{"--at", NULL, O_AT, true, N_("ps: the tick to show; top: start there, paused")},
	{"--json", NULL, O_JSON, false, N_("ps, stats: JSON instead of a table")},
	{"--csv", NULL, O_CSV, false, N_("stats: CSV instead of a table")},
	{"--plot", NULL, O_PLOT, true, N_("compare: also draw the comparison as grouped bars in an SVG file")},
	{"--lang", NULL, O_LANG, true, N_("en or zh_CN: the language of messages (default: from the locale)")},
	{"--check-invariants", NULL, O_CHECK, false, N_("check the kernel's invariants after every tick (slow)")},
	{"--help-format", NULL, O_HELPFMT, true, N_("help: text, markdown or scdoc")},
	{"--record", NULL, O_RECORD, true, N_("top: save the signals sent from the keyboard as `at TICK kill` lines at the end of a copy of the scenario (written whole or not at all)")},
};

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	fprintf(stderr, "procsim: ");
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", _("Try 'procsim --help'."));
	return EXIT_USAGE;
}

static bool parse_count(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* --at 2.5s, 500ms, 1min, 3us: a duration, resolved to ticks once the
 * scenario (and its tick length) is known. */
static bool parse_at_duration(const char *value, struct opts *o)
{
	static const struct { const char *unit; long long us; } units[] = {
		{"us", 1}, {"ms", 1000}, {"s", 1000000}, {"sec", 1000000}, {"min", 60000000},
	};
	long long whole = 0, frac = 0, scale = 1000000;
	const char *p = value;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9' && whole < 1000000000000LL)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(p, units[i].unit) == 0) {
			o->at_micro = whole * 1000000 + frac;
			o->at_unit_us = units[i].us;
			return true;
		}
	return false;
}

/* Returns EXIT_OK, or a usage error already reported. o->files must have
 * room for argc entries. */
static int parse_options(int argc, char **argv, int first, struct opts *o, int max_files, unsigned allowed,
			 const char *command)
{
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			if (o->nfiles == max_files)
				return usage_error(_("unexpected argument '%s'"), a);
			if (!o->file)
				o->file = a;
			o->files[o->nfiles++] = a;
			continue;
		}
		const char *value = NULL;
		const struct option_entry *e = NULL;
		for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
			size_t n = strlen(options[k].name);
			if (strcmp(a, options[k].name) == 0 || (options[k].alias && strcmp(a, options[k].alias) == 0))
				e = &options[k];
			else if (options[k].takes_value && strncmp(a, options[k].name, n) == 0 && a[n] == '=') {
				e = &options[k];
				value = a + n + 1;
			}
			if (e)
				break;
		}
		if (!e)
			return usage_error(_("unknown option '%s'"), a);
		/* An option the command would ignore is a mistake to point out,
		 * not to pass over: `run --at 5` does not stop at 5. */
		if (!(allowed & OPT(e->kind)))
			return usage_error(_("'%1$s' does not apply to 'procsim %2$s'"), e->name, command);
		if (e->takes_value && !value) {
			if (i + 1 >= argc)
				return usage_error(_("option '%s' needs a value"), a);
			value = argv[++i];
		}
		long long n;
		switch (e->kind) {
		case O_FORMAT: o->format = value; break;
		case O_OUTPUT: o->output = value; break;
		case O_MAX_TICKS:
			if (!parse_count(value, 1, PARSE_MAX_TICKS, &n))
				return usage_error(_("--max-ticks needs a number of ticks from 1 to 100000000, not '%s'"), value);
			o->sim.max_ticks = n;
			break;
		case O_CPUS: o->cpus = value; break;
		case O_QUANTUM: o->quantum = value; break;
		case O_POLICY: o->policy = value; break;
		case O_SWITCH_COST:
			if (!parse_count(value, 0, 1000, &n))
				return usage_error(_("--switch-cost needs a number of ticks from 0 to 1000, not '%s'"), value);
			o->sim.switch_cost = n;
			o->sim.switch_cost_set = true;
			break;
		case O_JOBS: o->jobs = value; break;
		case O_CSV: o->csv = true; break;
		case O_PLOT: o->plot = value; break;
		case O_AT:
			if (!parse_count(value, 0, 1000000000000LL, &o->at) && !parse_at_duration(value, o))
				return usage_error(_("--at needs a tick number or a duration such as 2.5s, not '%s'"), value);
			o->at_set = true;
			break;
		case O_JSON: o->json = true; break;
		case O_LANG: /* already applied by choose_language(), before anything was printed */
			if (strcmp(value, "en") != 0 && strcmp(value, "zh_CN") != 0)
				return usage_error(_("unknown language '%s' (en or zh_CN)"), value);
			break;
		case O_CHECK: o->sim.check = true; break;
		case O_HELPFMT: o->help_format = value; break;
		case O_RECORD: o->record = value; break;
		}
	}
	return EXIT_OK;
}

/* ---- --policy, --quantum, --cpus ---------------------------------------------------- */

#define MAX_SWEEP 64

struct sweep {
	const char *policy[MAX_SWEEP];
	long long quantum[MAX_SWEEP], cpus[MAX_SWEEP];
	int npolicy, nquantum, ncpus;
	char buf[1024];               /* the policy names, split */
};

static int check_policy(const char *name)
{
	if (sched_find(name))
		return EXIT_OK;
	const char *near = diag_suggest(name, (int)strlen(name), sched_names());
	if (near)
		return usage_error(_("unknown policy '%1$s' (did you mean '%2$s'?)"), name, near);
	return usage_error(_("unknown policy '%s' (rr, fifo, sjf, stcf, prio, mlfq or cfs)"), name);
}

/* Splits the option values into lists; `lists` false: each must be one value. */
static int parse_sweep(const struct opts *o, struct sweep *w, bool lists)
{
	memset(w, 0, sizeof *w);
	if (o->policy) {
		if (strlen(o->policy) >= sizeof w->buf)
			return usage_error("%s", _("--policy: the list is too long"));
		strcpy(w->buf, o->policy);
		for (char *save = NULL, *tok = strtok_r(w->buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			if (w->npolicy == MAX_SWEEP)
				return usage_error(_("--policy: at most %d values"), MAX_SWEEP);
			int rc = check_policy(tok);
			if (rc)
				return rc;
			w->policy[w->npolicy++] = tok;
		}
		if (w->npolicy == 0)
			return usage_error("%s", _("--policy needs a policy name"));
	}
	struct { const char *text, *name; long long lo, hi; long long *out; int *n; } nums[] = {
		{o->quantum, "--quantum", 1, 1000000, w->quantum, &w->nquantum},
		{o->cpus, "--cpus", 1, PARSE_MAX_CPUS, w->cpus, &w->ncpus},
	};
	for (int k = 0; k < 2; k++) {
		const char *p = nums[k].text;
		while (p) {
			char item[32];
			size_t len = strcspn(p, ",");
			long long v;
			snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), p);
			if (*nums[k].n == MAX_SWEEP)
				return usage_error(_("%1$s: at most %2$d values"), nums[k].name, MAX_SWEEP);
			if (len >= sizeof item || !parse_count(item, nums[k].lo, nums[k].hi, &v))
				return usage_error(_("%1$s needs a number from %2$lld to %3$lld, not '%4$s'"), nums[k].name,
						   nums[k].lo, nums[k].hi, item);
			nums[k].out[(*nums[k].n)++] = v;
			p = p[len] ? p + len + 1 : NULL;
		}
	}
	if (!lists && (w->npolicy > 1 || w->nquantum > 1 || w->ncpus > 1))
		return usage_error("%s", _("--policy, --quantum and --cpus take one value here; lists are for compare"));
	return EXIT_OK;
}

/* One value each, into the simulation options. */
static int apply_overrides(struct opts *o)
{
	static struct sweep w; /* the policy name must outlive this call */
	int rc = parse_sweep(o, &w, false);
	if (rc)
		return rc;
	if (w.npolicy)
		o->sim.policy = w.policy[0];
	if (w.nquantum)
		o->sim.quantum = w.quantum[0];
	if (w.ncpus)
		o->sim.cpus = (int)w.cpus[0];
	return EXIT_OK;
}

/* ---- loading ---------------------------------------------------------------- */

struct loaded {
	const char *name;
	char *src;
	size_t len;
	struct scenario *sc;
};

static int load_source(struct loaded *L);

/* --jobs: the scenario is generated, then parsed like a file. */
static int load_jobs(const char *spec, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	char err[256];
	L->name = "jobs";
	L->src = stats_jobs_source(spec, err, sizeof err);
	if (!L->src)
		return usage_error("%s", err);
	L->len = strlen(L->src);
	return load_source(L);
}

static int load(const char *file, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	if (!file) {
		L->name = "demo.psim";
		L->len = demo_scenario_len;
		L->src = malloc(L->len + 1);
		if (!L->src)
			return EXIT_SCENARIO;
		memcpy(L->src, demo_scenario, L->len);
	} else {
		L->name = file;
		FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
		struct stat st;
		if (!f || (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))) {
			fprintf(stderr, "procsim: %s: %s\n", file, f ? _("is a directory") : strerror(errno));
			if (f && f != stdin)
				fclose(f);
			return EXIT_USAGE;
		}
		size_t cap = 65536;
		L->src = malloc(cap);
		while (L->src) {
			size_t got = fread(L->src + L->len, 1, cap - L->len, f);
			L->len += got;
			if (got == 0)
				break;
			if (L->len == cap) {
				if (cap > PARSE_MAX_SOURCE)
					break; /* the parser reports "too large" */
				char *n = realloc(L->src, cap * 2);
				if (!n) {
					free(L->src);
					L->src = NULL;
				}
				L->src = n;
				cap *= 2;
			}
		}
		bool bad = ferror(f);
		if (f != stdin)
			fclose(f);
		if (!L->src || bad) {
			fprintf(stderr, "procsim: %s: %s\n", file, _("cannot read the file"));
			free(L->src);
			return EXIT_USAGE;
		}
	}
	return load_source(L);
}

static int load_source(struct loaded *L)
{
	struct diags d;
	L->sc = parse_scenario(L->name, L->src, L->len, &d);
	if (!L->sc) {
		report_diags(stderr, L->name, L->src, L->len, &d);
		free(L->src);
		return EXIT_SCENARIO;
	}
	return EXIT_OK;
}

static void unload(struct loaded *L)
{
	scenario_free(L->sc);
	free(L->src);
}

/* The scenario of a run-like command: FILE (the demo without one) or --jobs. */
static int load_input(struct opts *o, const char *file, struct loaded *L)
{
	if (o->jobs && file)
		return usage_error("%s", _("give a scenario FILE or --jobs, not both"));
	int rc = o->jobs ? load_jobs(o->jobs, L) : load(file, L);
	if (rc == EXIT_OK && o->at_unit_us) /* --at in time units: in this scenario's ticks */
		o->at = duration_ticks(o->at_micro, o->at_unit_us, L->sc->tick_us);
	return rc;
}

/* ---- run --------------------------------------------------------------------- */

struct run_ctx {
	FILE *out;
	enum out_format format;
	struct sim *sim;
};

static void sink(void *ctx, const struct sim_event *ev)
{
	struct run_ctx *r = ctx;
	switch (r->format) {
	case OUT_TEXT: narrate_event(r->out, r->sim, ev); break;
	case OUT_JSONL: jsonl_event(r->out, ev); break;
	case OUT_CONSOLE:
		if (ev->kind == EV_PRINT)
			fprintf(r->out, "%s\n", ev->text);
		break;
	}
}

/* Reports how a simulation ended when that is an error; returns the exit status. */
static int report_end(const struct loaded *L, struct sim *s)
{
	enum sim_status st = sim_status(s);
	char msg[512];
	if (st == SIM_RUNAWAY) {
		const struct sim_fault *f = sim_fault(s);
		if (f->flood) {
			snprintf(msg, sizeof msg,
				 _("more than %1$d events at t=%2$lld without time passing (PID %3$d was running): processes that keep forking, exiting or passing values back and forth, and never wait"),
				 SIM_TICK_EVENTS_MAX, (long long)sim_now(s), f->pid);
			report_error(stderr, L->name, f->line ? L->src : NULL, f->line ? L->len : 0, f->line, f->col, msg);
		} else if (f->line && f->memory) {
			snprintf(msg, sizeof msg,
				 _("the strings built by the scenario reached %1$d MiB at t=%2$lld (PID %3$d was building one): a loop that keeps building strings"),
				 (int)(SIM_STRINGS_TOTAL_MAX >> 20), (long long)sim_now(s), f->pid);
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else if (f->line && f->events) {
			snprintf(msg, sizeof msg,
				 _("PID %1$d repeated the same step %2$d times at t=%3$lld without time passing: a loop that never waits (add compute or sleep)"),
				 f->pid, SIM_EVENT_LIMIT, (long long)sim_now(s));
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else if (f->line) {
			snprintf(msg, sizeof msg,
				 _("PID %1$d ran %2$d instructions at t=%3$lld without time passing: a loop that never waits (add compute or sleep)"),
				 f->pid, SIM_STEP_LIMIT, (long long)sim_now(s));
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else {
			snprintf(msg, sizeof msg,
				 _("still running after %lld ticks and the scenario sets no limit: a runaway? Add `limit DURATION` or use --max-ticks"),
				 (long long)sim_now(s));
			report_error(stderr, L->name, NULL, 0, 0, 0, msg);
		}
		return EXIT_SCENARIO;
	}
	if (st == SIM_ERROR) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		return EXIT_SCENARIO;
	}
	return EXIT_OK;
}

/* The position of --format's value in `names` (a command's formats, in the
 * order of its enum), or -1. */
static int format_index(const char *value, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

static int cmd_run(struct opts *o)
{
	static const char *const formats[] = {"text", "jsonl", "console", NULL}; /* enum out_format */
	enum out_format format = OUT_TEXT;
	if (o->format) {
		int k = format_index(o->format, formats);
		if (k < 0)
			return usage_error(_("unknown format '%s' (text, jsonl or console)"), o->format);
		format = (enum out_format)k;
	}
	int rc = apply_overrides(o);
	if (rc)
		return rc;
	struct loaded L;
	rc = load_input(o, o->file, &L);
	if (rc)
		return rc;
	struct sim *s = sim_new(L.sc, &o->sim);
	struct output out;
	if (!s || !output_open(&out, o->output)) {
		sim_free(s);
		unload(&L);
		return EXIT_SCENARIO;
	}
	struct run_ctx ctx = {out.f, format, s};
	sim_set_sink(s, sink, &ctx);
	if (format == OUT_TEXT)
		narrate_header(out.f, s);
	sim_run(s, -1);
	if (format == OUT_TEXT)
		narrate_end(out.f, s);
	else if (format == OUT_JSONL)
		jsonl_end(out.f, s);
	rc = report_end(&L, s);
	if (!output_close(&out, rc == EXIT_OK) && rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	sim_free(s);
	unload(&L);
	return rc;
}

/* The interactive view; without a usable terminal, the trace. */
static int cmd_top(struct opts *o)
{
	char why[256];
	if (!top_terminal_usable(why, sizeof why)) {
		fprintf(stderr, _("procsim: %s: printing the trace instead of the interactive view\n"), why);
		return cmd_run(o);
	}
	int rc = apply_overrides(o);
	if (rc)
		return rc;
	struct loaded L;
	rc = load_input(o, o->file, &L);
	if (rc)
		return rc;
	struct top_args a = {L.name, L.src, L.len, L.sc, o->sim, o->at, o->at_set, o->record};
	rc = top_run(&a);
	unload(&L);
	return rc;
}

static int cmd_ps(struct opts *o)
{
	if (!o->at_set)
		return usage_error("%s", _("ps needs --at TICK"));
	int rc = apply_overrides(o);
	if (rc)
		return rc;
	struct loaded L;
	rc = load_input(o, o->file, &L);
	if (rc)
		return rc;
	struct sim *s = sim_new(L.sc, &o->sim);
	struct output out;
	if (!s || !output_open(&out, o->output)) {
		sim_free(s);
		unload(&L);
		return EXIT_SCENARIO;
	}
	sim_advance_to(s, o->at);
	rc = report_end(&L, s);
	if (rc == EXIT_OK && !ps_print(out.f, s, o->json))
		rc = EXIT_SCENARIO;
	if (!output_close(&out, rc == EXIT_OK) && rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	sim_free(s);
	unload(&L);
	return rc;
}

/* ---- stats, plot, compare ------------------------------------------------------- */

/* Runs a loaded scenario to its end with metrics collected; `sink` (may be
 * NULL) sees every event, after `before` (may be NULL) has seen the new
 * simulation. Returns the simulation, or NULL with an error
 * reported (rc set). */
static struct sim *run_measured(const struct loaded *L, const struct sim_options *opt, sim_sink_fn *fn, void *ctx,
				void (*before)(void *ctx, const struct sim *s), int *rc)
{
	struct sim *s = sim_new(L->sc, opt);
	if (!s) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		*rc = EXIT_SCENARIO;
		return NULL;
	}
	sim_collect_metrics(s, true);
	if (before)
		before(ctx, s);
	if (fn)
		sim_set_sink(s, fn, ctx);
	sim_run(s, -1);
	*rc = report_end(L, s);
	if (*rc) {
		sim_free(s);
		return NULL;
	}
	return s;
}

static int cmd_stats(struct opts *o)
{
	enum { ST_TEXT, ST_JSON, ST_CSV } f = o->json ? ST_JSON : o->csv ? ST_CSV : ST_TEXT;
	if (o->json && o->csv)
		return usage_error("%s", _("--json or --csv, not both"));
	if (o->format) {
		static const char *const formats[] = {"text", "json", "csv", NULL};
		int k = format_index(o->format, formats);
		if (k < 0)
			return usage_error(_("unknown format '%s' (text, json or csv)"), o->format);
		f = k;
	}
	int rc = apply_overrides(o);
	if (rc)
		return rc;
	struct loaded L;
	rc = load_input(o, o->file, &L);
	if (rc)
		return rc;
	struct sim *s = run_measured(&L, &o->sim, NULL, NULL, NULL, &rc);
	struct stats st;
	struct output out;
	if (s && !stats_collect(s, &st)) {
		report_error(stderr, L.name, NULL, 0, 0, 0, _("out of memory"));
		rc = EXIT_SCENARIO;
	} else if (s && output_open(&out, o->output)) {
		if (f == ST_JSON)
			stats_print_json(out.f, &st);
		else if (f == ST_CSV)
			stats_print_csv(out.f, &st);
		else
			stats_print_text(out.f, &st);
		if (!output_close(&out, true))
			rc = EXIT_SCENARIO;
		stats_free(&st);
	} else if (s) {
		stats_free(&st);
		rc = EXIT_SCENARIO;
	}
	sim_free(s);
	unload(&L);
	return rc;
}

static void plot_before(void *ctx, const struct sim *s)
{
	struct plot_trace *t = ctx;
	if (!plot_trace_init(t, s))
		t->oom = true;
}

static int cmd_plot(struct opts *o)
{
	int rc = apply_overrides(o);
	if (rc)
		return rc;
	struct loaded L;
	rc = load_input(o, o->file, &L);
	if (rc)
		return rc;
	struct plot_trace t;
	memset(&t, 0, sizeof t);
	struct sim *s = run_measured(&L, &o->sim, plot_trace_event, &t, plot_before, &rc);
	if (s) {
		plot_trace_finish(&t, s);
		struct output out;
		if (t.oom) {
			report_error(stderr, L.name, NULL, 0, 0, 0, _("out of memory"));
			rc = EXIT_SCENARIO;
		} else if (output_open(&out, o->output)) {
			plot_timeline_svg(out.f, &t);
			if (!output_close(&out, true))
				rc = EXIT_SCENARIO;
		} else
			rc = EXIT_SCENARIO;
	}
	plot_trace_free(&t);
	sim_free(s);
	unload(&L);
	return rc;
}

/* "scenarios/join/serial-sleep.psim" -> "serial-sleep" */
static void file_label(char *buf, size_t n, const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".psim") == 0)
		len -= 5;
	snprintf(buf, n, "%.*s", (int)len, base);
}

/* Does the policy that will run (the command line's, else the scenario's)
 * read the quantum? */
static bool policy_uses_quantum(const char *name, const struct scenario *sc)
{
	const struct sched_policy *p = sched_find(name ? name : sc->sched.policy);
	return !p || p->uses_quantum;
}

static int cmd_compare(struct opts *o)
{
	static const char *const formats[] = {"text", "csv", "json", "markdown", NULL}; /* enum compare_format */
	enum compare_format f = CMP_TEXT;
	if (o->format) {
		int k = format_index(o->format, formats);
		if (k < 0)
			return usage_error(_("unknown format '%s' (text, csv, json or markdown)"), o->format);
		f = (enum compare_format)k;
	}
	if (o->json)
		f = CMP_JSON;
	if (o->csv)
		f = CMP_CSV;
	if (!o->jobs && o->nfiles == 0)
		return usage_error("%s", _("compare needs scenario files, or --jobs"));
	if (o->jobs && o->nfiles)
		return usage_error("%s", _("give scenario files or --jobs, not both"));
	struct sweep w;
	int rc = parse_sweep(o, &w, true);
	if (rc)
		return rc;
	int nsrc = o->jobs ? 1 : o->nfiles;
	int np = w.npolicy ? w.npolicy : 1, nq = w.nquantum ? w.nquantum : 1, nc = w.ncpus ? w.ncpus : 1;
	long long total = (long long)nsrc * np * nq * nc;
	if (total > 10000)
		return usage_error(_("compare: %lld variants are too many (at most 10000)"), total);
	struct compare_row *rows = calloc((size_t)total, sizeof *rows);
	if (!rows)
		return EXIT_SCENARIO;
	int n = 0;
	for (int fi = 0; fi < nsrc && rc == EXIT_OK; fi++) {
		struct loaded L;
		rc = o->jobs ? load_jobs(o->jobs, &L) : load(o->files[fi], &L);
		if (rc)
			break;
		char flabel[256];
		file_label(flabel, sizeof flabel, L.name);
		/* The cross product, the policy varying slowest. A policy that never
		 * reads the quantum (fifo, sjf, stcf, mlfq, cfs) would give identical
		 * rows for every quantum: it gets one row, without "q=". */
		for (int pi = 0; pi < np && rc == EXIT_OK; pi++) {
			bool quantum_matters = policy_uses_quantum(w.npolicy ? w.policy[pi] : o->sim.policy, L.sc);
			for (int qi = 0; qi < (quantum_matters ? nq : 1) && rc == EXIT_OK; qi++)
				for (int ci = 0; ci < nc && rc == EXIT_OK; ci++) {
					struct sim_options opt = o->sim;
					char label[512] = "";
					size_t used = 0;
					if (nsrc > 1 || (np == 1 && nq == 1 && nc == 1))
						used += (size_t)snprintf(label + used, sizeof label - used, "%s", flabel);
					if (w.npolicy)
						opt.policy = w.policy[pi];
					if (w.nquantum)
						opt.quantum = w.quantum[qi];
					if (w.ncpus)
						opt.cpus = (int)w.cpus[ci];
					if (np > 1 && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "",
									 w.policy[pi]);
					if (nq > 1 && quantum_matters && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%sq=%lld",
									 used ? " " : "", w.quantum[qi]);
					if (nc > 1 && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%scpus=%lld",
									 used ? " " : "", w.cpus[ci]);
					if (used == 0)
						snprintf(label, sizeof label, "%s", flabel);
					struct sim *s = run_measured(&L, &opt, NULL, NULL, NULL, &rc);
					if (!s)
						break;
					struct compare_row *r = &rows[n];
					r->label = strdup(label);
					r->file = strdup(L.name);
					if (!r->label || !r->file || !stats_collect(s, &r->st)) {
						free(r->label);
						free(r->file);
						report_error(stderr, L.name, NULL, 0, 0, 0, _("out of memory"));
						rc = EXIT_SCENARIO;
					} else
						n++;
					sim_free(s);
				}
		}
		unload(&L);
	}
	if (rc == EXIT_OK) {
		compare_rank(rows, n);
		struct output out;
		if (!output_open(&out, o->output))
			rc = EXIT_SCENARIO;
		else {
			compare_print(out.f, rows, n, f);
			if (!output_close(&out, true))
				rc = EXIT_SCENARIO;
		}
		if (rc == EXIT_OK && o->plot) {
			if (!output_open(&out, o->plot))
				rc = EXIT_SCENARIO;
			else {
				compare_plot_svg(out.f, rows, n);
				if (!output_close(&out, true))
					rc = EXIT_SCENARIO;
			}
		}
	}
	for (int i = 0; i < n; i++) {
		free(rows[i].label);
		free(rows[i].file);
		stats_free(&rows[i].st);
	}
	free(rows);
	return rc;
}

static int cmd_check(struct opts *o)
{
	if (!o->file)
		return usage_error("%s", _("check needs a scenario file"));
	struct loaded L;
	int rc = load(o->file, &L);
	if (rc)
		return rc;
	int jobs = 0;
	for (int i = 0; i < L.sc->nprograms; i++)
		jobs += L.sc->programs[i]->is_job;
	printf(_("%1$s: ok: %2$d program(s), %3$d job(s), %4$d timeline event(s)\n"), L.name, L.sc->nprograms - jobs,
	       jobs, L.sc->ntimeline - jobs);
	unload(&L);
	return EXIT_OK;
}

static int cmd_help(struct opts *o)
{
	enum help_format f = HELP_TEXT;
	if (o->help_format) {
		if (strcmp(o->help_format, "markdown") == 0) f = HELP_MARKDOWN;
		else if (strcmp(o->help_format, "scdoc") == 0) f = HELP_SCDOC;
		else if (strcmp(o->help_format, "text") != 0)
			return usage_error(_("unknown help format '%s' (text, markdown or scdoc)"), o->help_format);
	}
	if (!help_print(stdout, o->file, f)) {
		fprintf(stderr, _("procsim: '%s' is not an instruction; `procsim help` lists them\n"), o->file);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* ---- commands ------------------------------------------------------------------ */

static const struct command {
	const char *name;
	int (*fn)(struct opts *);
	int max_files;
	unsigned options;             /* OPT() of each option it takes */
	const char *usage, *help;
} commands[] = {
	{"run", cmd_run, 1, OPTS_RUN, "run [FILE] [--format text|jsonl|console] [-o OUT]", N_("simulate and print the trace (FILE defaults to the classroom demo)")},
	{"ps", cmd_ps, 1, OPTS_SIM | OPT(O_AT) | OPT(O_JSON) | OPT(O_OUTPUT), "ps FILE --at TICK [--json]", N_("the process table at one tick, like ps -el and top's Tasks line")},
	{"stats", cmd_stats, 1, OPTS_SIM | OPT(O_FORMAT) | OPT(O_JSON) | OPT(O_CSV) | OPT(O_OUTPUT), "stats FILE|--jobs LIST [--json|--csv] [-o OUT]", N_("per-process and system metrics: turnaround, response, waiting, CPU use, load")},
	{"plot", cmd_plot, 1, OPTS_SIM | OPT(O_OUTPUT), "plot FILE|--jobs LIST -o OUT.svg", N_("a timeline picture (SVG): process states, CPUs, forks, exits, signals")},
	{"compare", cmd_compare, 1 << 30,
	 OPTS_SIM | OPT(O_FORMAT) | OPT(O_JSON) | OPT(O_CSV) | OPT(O_OUTPUT) | OPT(O_PLOT), "compare FILE...|--jobs LIST [--policy A,B] [--quantum N,M] [--cpus N,M] [--plot OUT.svg]",
	 N_("one table row per scenario or option combination, the best value of each column marked")},
	{"top", cmd_top, 1, OPTS_TOP, "top [FILE] [--at TICK] [--record OUT]", N_("the interactive view, like top (the default when standard output is a terminal)")},
	{"check", cmd_check, 1, OPTS_ANY, "check FILE", N_("only validate a scenario")},
	{"help", cmd_help, 1, OPTS_ANY | OPT(O_HELPFMT), "help [INSTRUCTION]", N_("the scenario instructions")},
};

static void print_usage(void)
{
	printf("%s\n\n", _("procsim: a teaching simulator of Unix process states and scheduling"));
	printf("%s\n", _("Usage:"));
	printf("  procsim [FILE] [OPTIONS]      %s\n", _("run FILE (or the classroom demo)"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  procsim %-52s\n      %s\n", commands[i].usage, _(commands[i].help));
	printf("\n%s\n", _("Options:"));
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s%s%s%s", options[i].alias ? options[i].alias : "", options[i].alias ? ", " : "",
			 options[i].name, options[i].takes_value ? " VALUE" : "");
		printf("  %-26s %s\n", name, _(options[i].help));
	}
	printf("  %-26s %s\n  %-26s %s\n", "--help", _("this help"), "--version", _("the version"));
	printf("\n%s\n", _("Exit status: 0 success, 1 scenario error or runaway, 2 usage error."));
	printf("%s\n", _("See procsim(1) and procsim-scenario(5)."));
}

/* ---- language ------------------------------------------------------------------ */

static bool c_locale(const char *name) { return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0; }

/* gettext ignores LANGUAGE in the C locale, and a minimal system may have no
 * zh_CN locale at all: messages and characters then use C.UTF-8 (or another
 * UTF-8 locale), so that LANGUAGE can choose the catalogue. */
static void leave_c_locale(void)
{
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	const int cats[] = {LC_MESSAGES, LC_CTYPE};
	for (size_t c = 0; c < sizeof cats / sizeof cats[0]; c++)
		for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0] && c_locale(setlocale(cats[c], NULL)); i++)
			setlocale(cats[c], utf8[i]);
}

/* The locale chooses the language as usual (LC_ALL, LC_MESSAGES, LANG,
 * LANGUAGE); --lang en|zh_CN overrides it. A zh_CN locale asked for but not
 * installed still gives Chinese. */
static void choose_language(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0) {
		setenv("LANGUAGE", "C", 1); /* "C" in LANGUAGE: the untranslated messages */
		return;
	}
	if (lang && strcmp(lang, "zh_CN") == 0) {
		setenv("LANGUAGE", "zh_CN", 1);
		leave_c_locale();
		return;
	}
	const char *v = getenv("LC_ALL");
	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	if (v && strncmp(v, "zh_CN", 5) == 0 && c_locale(setlocale(LC_MESSAGES, NULL))) {
		const char *l = getenv("LANGUAGE");
		if (!l || !*l)
			setenv("LANGUAGE", "zh_CN", 1);
		leave_c_locale();
	}
}

/* The catalogues: $PROCSIM_LOCALEDIR; else, for a binary run from the build
 * directory (build/ui/procsim), the catalogues Meson built (build/po); else
 * LOCALEDIR, where they are installed. */
static void bind_catalogue(void)
{
	static char built[4096];
	const char *dir = getenv("PROCSIM_LOCALEDIR");
	if (!dir || !*dir) {
		dir = LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", built, sizeof built - 64);
		char *slash = n > 0 ? (built[n] = '\0', strrchr(built, '/')) : NULL;
		if (slash) {
			char mo[sizeof built + 64];
			snprintf(slash, sizeof built - (size_t)(slash - built), "/../po");
			snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", built, GETTEXT_PACKAGE);
			if (access(mo, R_OK) == 0)
				dir = built;
		}
	}
	bindtextdomain(GETTEXT_PACKAGE, dir);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
}

int cli_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* --lang first: it applies to everything printed, --help and usage errors too */
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
	}
	choose_language(lang);
	bind_catalogue();
	struct opts o = {0};
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage();
			return EXIT_OK;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("procsim %s\n", PROCSIM_VERSION);
			return EXIT_OK;
		}
	}
	o.files = calloc((size_t)argc + 1, sizeof *o.files);
	if (!o.files)
		return EXIT_SCENARIO;
	int first = 1;
	const struct command *cmd = &commands[0];
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				cmd = &commands[i];
				first = 2;
			}
	}
	/* `procsim [FILE]`: the view, or with --format or -o the trace */
	bool plain = first == 1;
	int rc = parse_options(argc, argv, first, &o, cmd->max_files, plain ? OPTS_RUN | OPTS_TOP : cmd->options,
			       plain ? "FILE" : cmd->name);
	bool view = plain && !o.format && !o.output;
	if (rc == EXIT_OK && plain && !view && (o.at_set || o.record))
		rc = usage_error(_("'%1$s' does not apply to 'procsim %2$s'"), o.at_set ? "--at" : "--record", "run");
	if (rc == EXIT_OK)
		rc = view ? cmd_top(&o) : cmd->fn(&o);
	free(o.files);
	/* Output that could not be written (a full disk, a closed pipe) is an
	 * error, not a success with a truncated result. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "procsim: %s: %s\n", _("cannot write the output"), strerror(errno ? errno : EIO));
		if (rc == EXIT_OK)
			rc = EXIT_SCENARIO;
	}
	return rc;
}
