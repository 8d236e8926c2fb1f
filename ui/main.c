/* main.c: the `procsim` command: subcommands and options are tables; every
 * subcommand loads a scenario, runs the model and hands events to a view. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "demo.h"
#include "help.h"
#include "i18n.h"
#include "jsonl.h"
#include "narrate.h"
#include "parse.h"
#include "ps.h"
#include "report.h"
#include "sim.h"

enum { EXIT_OK = 0, EXIT_SCENARIO = 1, EXIT_USAGE = 2 };
enum out_format { OUT_TEXT, OUT_JSONL, OUT_CONSOLE };

struct opts {
	const char *file;
	const char *output;
	enum out_format format;
	long long at;
	bool at_set, json, check;
	const char *help_format;
	struct sim_options sim;
};

/* ---- options ---------------------------------------------------------------- */

enum opt_kind { O_FORMAT, O_OUTPUT, O_MAX_TICKS, O_CPUS, O_QUANTUM, O_AT, O_JSON, O_LANG, O_CHECK, O_HELPFMT };
static const struct option_entry {
	const char *name, *alias;
	enum opt_kind kind;
	bool takes_value;
	const char *help;
} options[] = {
	{"--format", NULL, O_FORMAT, true, N_("text (default), jsonl or console: the narrated trace, JSON Lines, or only what processes print")},
	{"--output", "-o", O_OUTPUT, true, N_("write to FILE instead of standard output (written whole or not at all)")},
	{"--max-ticks", NULL, O_MAX_TICKS, true, N_("stop a scenario without `limit` after N ticks as a runaway (default 1000000)")},
	{"--cpus", NULL, O_CPUS, true, N_("override the scenario's number of CPUs")},
	{"--quantum", NULL, O_QUANTUM, true, N_("override the scenario's time slice, in ticks")},
	{"--at", NULL, O_AT, true, N_("ps: the tick to show")},
	{"--json", NULL, O_JSON, false, N_("ps: JSON instead of a table")},
	{"--lang", NULL, O_LANG, true, N_("en or zh_CN: the language of messages (default: from the locale)")},
	{"--check-invariants", NULL, O_CHECK, false, N_("check the kernel's invariants after every tick (slow)")},
	{"--help-format", NULL, O_HELPFMT, true, N_("help: text, markdown or scdoc")},
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

/* Returns EXIT_OK, or a usage error already reported. */
static int parse_options(int argc, char **argv, int first, struct opts *o, int max_files)
{
	int files = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			if (files++ == max_files)
				return usage_error(_("unexpected argument '%s'"), a);
			o->file = a;
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
		if (e->takes_value && !value) {
			if (i + 1 >= argc)
				return usage_error(_("option '%s' needs a value"), a);
			value = argv[++i];
		}
		long long n;
		switch (e->kind) {
		case O_FORMAT:
			if (strcmp(value, "text") == 0) o->format = OUT_TEXT;
			else if (strcmp(value, "jsonl") == 0) o->format = OUT_JSONL;
			else if (strcmp(value, "console") == 0) o->format = OUT_CONSOLE;
			else return usage_error(_("unknown format '%s' (text, jsonl or console)"), value);
			break;
		case O_OUTPUT: o->output = value; break;
		case O_MAX_TICKS:
			if (!parse_count(value, 1, 1000000000000LL, &n))
				return usage_error(_("--max-ticks needs a positive number, not '%s'"), value);
			o->sim.max_ticks = n;
			break;
		case O_CPUS:
			if (!parse_count(value, 1, PARSE_MAX_CPUS, &n))
				return usage_error(_("--cpus needs a number from 1 to 64, not '%s'"), value);
			o->sim.cpus = (int)n;
			break;
		case O_QUANTUM:
			if (!parse_count(value, 1, 1000000, &n))
				return usage_error(_("--quantum needs a number of ticks from 1 to 1000000, not '%s'"), value);
			o->sim.quantum = n;
			break;
		case O_AT:
			if (!parse_count(value, 0, 1000000000000LL, &o->at))
				return usage_error(_("--at needs a tick number, not '%s'"), value);
			o->at_set = true;
			break;
		case O_JSON: o->json = true; break;
		case O_LANG:
			if (strcmp(value, "en") != 0 && strcmp(value, "zh_CN") != 0)
				return usage_error(_("unknown language '%s' (en or zh_CN)"), value);
			setenv("LANGUAGE", strcmp(value, "en") == 0 ? "C" : value, 1);
			break;
		case O_CHECK: o->sim.check = true; break;
		case O_HELPFMT: o->help_format = value; break;
		}
	}
	return EXIT_OK;
}

/* ---- loading ---------------------------------------------------------------- */

struct loaded {
	const char *name;
	char *src;
	size_t len;
	struct scenario *sc;
};

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

/* ---- output: a file is written whole or not at all ------------------------------- */

struct output {
	FILE *f;
	char *tmp;
	const char *final;
};

static bool output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return true;
	}
	size_t n = strlen(path) + 16;
	o->tmp = malloc(n);
	if (!o->tmp)
		return false;
	snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		fprintf(stderr, "procsim: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(o->tmp);
		return false;
	}
	o->final = path;
	return true;
}

static bool output_close(struct output *o, bool keep)
{
	if (o->f == stdout)
		return fflush(stdout) == 0 || !keep;
	bool ok = fclose(o->f) == 0;
	if (keep && ok && rename(o->tmp, o->final) == 0) {
		free(o->tmp);
		return true;
	}
	if (keep)
		fprintf(stderr, "procsim: %s: %s\n", o->final, strerror(errno));
	unlink(o->tmp);
	free(o->tmp);
	return false;
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
		if (f->line) {
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

static int cmd_run(struct opts *o)
{
	struct loaded L;
	int rc = load(o->file, &L);
	if (rc)
		return rc;
	struct sim *s = sim_new(L.sc, &o->sim);
	struct output out;
	if (!s || !output_open(&out, o->output)) {
		sim_free(s);
		unload(&L);
		return EXIT_SCENARIO;
	}
	struct run_ctx ctx = {out.f, o->format, s};
	sim_set_sink(s, sink, &ctx);
	if (o->format == OUT_TEXT)
		narrate_header(out.f, s);
	sim_run(s, -1);
	if (o->format == OUT_TEXT)
		narrate_end(out.f, s);
	else if (o->format == OUT_JSONL)
		jsonl_end(out.f, s);
	rc = report_end(&L, s);
	if (!output_close(&out, rc == EXIT_OK) && rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	sim_free(s);
	unload(&L);
	return rc;
}

static int cmd_ps(struct opts *o)
{
	if (!o->at_set)
		return usage_error("%s", _("ps needs --at TICK"));
	struct loaded L;
	int rc = load(o->file, &L);
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

static int cmd_check(struct opts *o)
{
	if (!o->file)
		return usage_error("%s", _("check needs a scenario file"));
	struct loaded L;
	int rc = load(o->file, &L);
	if (rc)
		return rc;
	printf(_("%1$s: ok: %2$d program(s), %3$d timeline event(s)\n"), L.name, L.sc->nprograms, L.sc->ntimeline);
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
	const char *usage, *help;
} commands[] = {
	{"run", cmd_run, 1, "run [FILE] [--format text|jsonl|console] [-o OUT]", N_("simulate and print the trace (FILE defaults to the classroom demo)")},
	{"ps", cmd_ps, 1, "ps FILE --at TICK [--json]", N_("the process table at one tick, like ps -el and top's Tasks line")},
	{"check", cmd_check, 1, "check FILE", N_("only validate a scenario")},
	{"help", cmd_help, 1, "help [INSTRUCTION]", N_("the scenario instructions")},
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

int cli_main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
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
	int first = 1;
	const struct command *cmd = &commands[0];
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				cmd = &commands[i];
				first = 2;
			}
	}
	int rc = parse_options(argc, argv, first, &o, cmd->max_files);
	if (rc)
		return rc;
	return cmd->fn(&o);
}
