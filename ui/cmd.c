/* cmd.c: the table of commands and the table of options; the options parsed
 * (an option the command does not take is an error), the usage errors and
 * `procsim --help`, generated from both tables. */
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "i18n.h"
#include "parse.h"
#include "ps.h"
#include "timefmt.h"

/* The commands, in the order `procsim --help` lists them. */
static const struct cmd_entry *const commands[] = {
	&cmd_run_entry, &cmd_ps_entry, &cmd_stats_entry, &cmd_plot_entry, &cmd_compare_entry,
	&cmd_top_entry, &cmd_check_entry, &cmd_crontab_entry, &cmd_help_entry, &cmd_homework_entry,
	&cmd_record_entry,
};

/* ---- options ---------------------------------------------------------------- */

static const struct option_entry {
	const char *name, *alias;
	enum opt_kind kind;
	bool takes_value;
	const char *help;
} options[] = {
	{"--format", NULL, O_FORMAT, true, N_("run: text (default), jsonl or console; stats: text, json or csv; compare: text, csv, json or markdown; ps: el, elf, ef, aux or o FIELDS, as ps -el, -elf, -ef, aux or -o FIELDS, and eLl, eLlf, eLf as ps -eLl, -eLlf, -eLf")},
	{"--output", "-o", O_OUTPUT, true, N_("write to FILE instead of standard output (written whole or not at all)")},
	{"--max-ticks", NULL, O_MAX_TICKS, true, N_("stop a scenario without `limit` after N ticks as a runaway (default 1000000)")},
	{"--policy", NULL, O_POLICY, true, N_("override the scenario's scheduling policy (rr, fifo, sjf, stcf, prio, mlfq, cfs, cyclic, multi, lottery); compare and plot: a list")},
	{"--quantum", NULL, O_QUANTUM, true, N_("override the scenario's time slice: ticks (3 or 3t) or a time in the scenario's units (300ms, 2s); compare and plot: a list")},
	{"--cpus", NULL, O_CPUS, true, N_("override the scenario's number of CPUs; compare and plot: a list")},
	{"--switch-cost", NULL, O_SWITCH_COST, true, N_("override the scenario's context-switch cost, in system time: ticks (1 or 1t) or a time (1ms)")},
	{"--costs", NULL, O_COSTS, true, N_("linux or none: every cost as measured on Linux, or none as the textbooks count (procsim help costs)")},
	{"--jobs", NULL, O_JOBS, true, N_("instead of a file: textbook jobs BURST or ARRIVAL:BURST, comma-separated (job0, job1, ...)")},
	{"--jobs-file", NULL, O_JOBS_FILE, true, N_("instead of a file: textbook jobs from FILE, one BURST or ARRIVAL:BURST a line (for lists too long for a command line)")},
	{"--at", NULL, O_AT, true, N_("ps: the moment to show, a tick (25) or a time (2.5s); top: start there, paused")},
	{"--from", NULL, O_FROM, true, N_("plot: draw from this moment on, a tick (25) or a time (2.5s): the time axis starts there")},
	{"--to", NULL, O_TO, true, N_("plot: draw up to this moment, a tick (50) or a time (5s)")},
	{"--json", NULL, O_JSON, false, N_("ps, stats: JSON instead of a table")},
	{"--csv", NULL, O_CSV, false, N_("stats: CSV instead of a table")},
	{"--plot", NULL, O_PLOT, true, N_("compare: also draw the comparison as grouped bars in an SVG file")},
	{"--lang", NULL, O_LANG, true, N_("en or zh_CN: the language of messages (default: from the locale)")},
	{"--check-invariants", NULL, O_CHECK, false, N_("check the kernel's invariants after every tick (slow)")},
	{"--help-format", NULL, O_HELPFMT, true, N_("help: text, markdown or scdoc")},
	{"--names", NULL, O_NAMES, true, N_("run, ps, top: program (default) names a child after its program; real as Linux does: a forked child keeps its parent's command line (python3 app.py) until it execs")},
	{"--threads", "-L", O_THREADS, false, N_("ps: one row per thread, with LWP (and NLWP in -f and aux), as ps -L; top: start with threads shown, as top -H")},
	{"--record", NULL, O_RECORD, true, N_("top: save the signals sent from the keyboard as `at TICK kill` lines at the end of a copy of the scenario (written whole or not at all)")},
};

int cmd_usage_error(const char *fmt, ...)
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

/* A duration option's value (--at 2.5s, --quantum 300ms, --switch-cost 1):
 * the scenario language's units, a bare number being ticks; false if it is
 * not one. Out of range bare numbers are refused here, where the tick does
 * not matter; the others once the scenario is known (cmd_duration_ticks). */
static bool parse_duration_option(const char *value, long long lo, long long hi, struct cmd_duration *d)
{
	int64_t micro, unit_us;
	if (strlen(value) >= sizeof d->text || !parse_duration_text(value, &micro, &unit_us))
		return false;
	if (unit_us == 0 && (micro / 1000000 < lo || micro / 1000000 > hi))
		return false;
	d->micro = micro;
	d->unit_us = unit_us;
	snprintf(d->text, sizeof d->text, "%s", value);
	return true;
}

int cmd_duration_ticks(const char *name, const struct cmd_duration *d, long long tick_us, long long lo, long long hi,
		       long long *out)
{
	long long n = duration_ticks(d->micro, d->unit_us, tick_us);
	if (n < lo || n > hi) {
		char tick[32];
		timefmt_ticks(1, tick_us, tick, sizeof tick);
		return cmd_usage_error(_("%1$s %2$s is %3$lld ticks of %4$s here: it must be from %5$lld to %6$lld ticks"), name,
				       d->text, n, tick, lo, hi);
	}
	*out = n;
	return EXIT_OK;
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
				return cmd_usage_error(_("unexpected argument '%s'"), a);
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
			return cmd_usage_error(_("unknown option '%s'"), a);
		/* An option the command would ignore is a mistake to point out,
		 * not to pass over: `run --at 5` does not stop at 5. */
		if (!(allowed & OPT(e->kind)))
			return cmd_usage_error(_("'%1$s' does not apply to 'procsim %2$s'"), e->name, command);
		if (e->takes_value && !value) {
			if (i + 1 >= argc)
				return cmd_usage_error(_("option '%s' needs a value"), a);
			value = argv[++i];
		}
		long long n;
		switch (e->kind) {
		case O_FORMAT:
			o->format = value;
			/* `ps --format o FIELDS`, as `ps -o FIELDS`: the list is the next argument */
			if (strcmp(value, "o") == 0 && value == argv[i] && i + 1 < argc && argv[i + 1][0] != '-')
				o->format_list = argv[++i];
			break;
		case O_OUTPUT: o->output = value; break;
		case O_MAX_TICKS:
			if (!parse_count(value, 1, PARSE_MAX_TICKS, &n))
				return cmd_usage_error(_("--max-ticks needs a number of ticks from 1 to 100000000, not '%s'"), value);
			o->sim.max_ticks = n;
			break;
		case O_CPUS: o->cpus = value; break;
		case O_QUANTUM: o->quantum = value; break;
		case O_POLICY: o->policy = value; break;
		case O_SWITCH_COST:
			if (!parse_duration_option(value, 0, CMD_SWITCH_COST_MAX, &o->switch_cost))
				return cmd_usage_error(_("--switch-cost needs a duration: ticks from 0 to 1000 (2 or 2t) or a time such as 1ms, not '%s'"),
						       value);
			o->sim.switch_cost_set = true;
			break;
		case O_COSTS:
			if (strcmp(value, "linux") != 0 && strcmp(value, "none") != 0)
				return cmd_usage_error(_("--costs takes linux or none, not '%s'"), value);
			o->sim.costs = strcmp(value, "linux") == 0 ? 1 : 2;
			break;
		case O_JOBS: o->jobs = value; break;
		case O_JOBS_FILE: o->jobs_file = value; break;
		case O_CSV: o->csv = true; break;
		case O_PLOT: o->plot = value; break;
		case O_AT:
			if (!parse_duration_option(value, 0, 1000000000000LL, &o->at_time))
				return cmd_usage_error(_("--at needs a tick number or a duration such as 2.5s, not '%s'"), value);
			o->at_set = true;
			break;
		case O_FROM:
		case O_TO: {
			struct cmd_duration *d = e->kind == O_FROM ? &o->from : &o->to;
			if (!parse_duration_option(value, 0, 1000000000000LL, d))
				return cmd_usage_error(_("%1$s needs a tick number or a duration such as 2.5s, not '%2$s'"), e->name,
						       value);
			*(e->kind == O_FROM ? &o->from_set : &o->to_set) = true;
			break;
		}
		case O_JSON: o->json = true; break;
		case O_LANG: /* already applied by choose_language(), before anything was printed */
			if (strcmp(value, "en") != 0 && strcmp(value, "zh_CN") != 0)
				return cmd_usage_error(_("unknown language '%s' (en or zh_CN)"), value);
			break;
		case O_CHECK: o->sim.check = true; break;
		case O_HELPFMT: o->help_format = value; break;
		case O_RECORD: o->record = value; break;
		case O_THREADS: o->threads = true; break;
		case O_NAMES: {
			enum ps_names names;
			if (!ps_names_parse(value, &names))
				return cmd_usage_error(_("--names needs program or real, not '%s'"), value);
			o->real_names = names == PS_NAMES_REAL;
			break;
		}
		}
	}
	return EXIT_OK;
}

/* ---- --policy, --quantum, --cpus ---------------------------------------------------- */

static int check_policy(const char *name)
{
	if (sched_find(name))
		return EXIT_OK;
	const char *near = diag_suggest(name, (int)strlen(name), sched_names());
	if (near)
		return cmd_usage_error(_("unknown policy '%1$s' (did you mean '%2$s'?)"), name, near);
	return cmd_usage_error(_("unknown policy '%s' (rr, fifo, sjf, stcf, prio, mlfq, cfs, cyclic, multi or lottery)"), name);
}

/* Splits the option values into lists (cmd.h). */
int cmd_parse_sweep(const struct opts *o, struct sweep *w, bool lists)
{
	memset(w, 0, sizeof *w);
	if (o->policy) {
		if (strlen(o->policy) >= sizeof w->buf)
			return cmd_usage_error("%s", _("--policy: the list is too long"));
		strcpy(w->buf, o->policy);
		for (char *save = NULL, *tok = strtok_r(w->buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			if (w->npolicy == MAX_SWEEP)
				return cmd_usage_error(_("--policy: at most %d values"), MAX_SWEEP);
			int rc = check_policy(tok);
			if (rc)
				return rc;
			w->policy[w->npolicy++] = tok;
		}
		if (w->npolicy == 0)
			return cmd_usage_error("%s", _("--policy needs a policy name"));
	}
	/* --quantum: durations; --cpus: counts */
	for (const char *p = o->quantum; p;) {
		char item[32];
		size_t len = strcspn(p, ",");
		snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), p);
		if (w->nquantum == MAX_SWEEP)
			return cmd_usage_error(_("%1$s: at most %2$d values"), "--quantum", MAX_SWEEP);
		if (len >= sizeof item || !parse_duration_option(item, 1, CMD_QUANTUM_MAX, &w->quantum[w->nquantum]))
			return cmd_usage_error(_("--quantum needs a duration: ticks from 1 to 1000000 (3 or 3t) or a time such as 300ms, not '%s'"),
					       item);
		w->nquantum++;
		p = p[len] ? p + len + 1 : NULL;
	}
	for (const char *p = o->cpus; p;) {
		char item[32];
		size_t len = strcspn(p, ",");
		long long v;
		snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), p);
		if (w->ncpus == MAX_SWEEP)
			return cmd_usage_error(_("%1$s: at most %2$d values"), "--cpus", MAX_SWEEP);
		if (len >= sizeof item || !parse_count(item, 1, PARSE_MAX_CPUS, &v))
			return cmd_usage_error(_("%1$s needs a number from %2$lld to %3$lld, not '%4$s'"), "--cpus", 1LL,
					       (long long)PARSE_MAX_CPUS, item);
		w->cpus[w->ncpus++] = v;
		p = p[len] ? p + len + 1 : NULL;
	}
	if (!lists && (w->npolicy > 1 || w->nquantum > 1 || w->ncpus > 1))
		return cmd_usage_error("%s", _("--policy, --quantum and --cpus take one value here; lists are for compare and plot"));
	return EXIT_OK;
}

/* One value each, into the simulation options (cmd.h). */
int cmd_apply_overrides(struct opts *o, long long tick_us)
{
	static struct sweep w; /* the policy name must outlive this call */
	int rc = cmd_parse_sweep(o, &w, false);
	if (rc)
		return rc;
	if (w.npolicy)
		o->sim.policy = w.policy[0];
	long long n;
	if (w.nquantum) {
		if ((rc = cmd_duration_ticks("--quantum", &w.quantum[0], tick_us, 1, CMD_QUANTUM_MAX, &n)))
			return rc;
		o->sim.quantum = n;
	}
	if (w.ncpus)
		o->sim.cpus = (int)w.cpus[0];
	if (o->sim.switch_cost_set) {
		if ((rc = cmd_duration_ticks("--switch-cost", &o->switch_cost, tick_us, 0, CMD_SWITCH_COST_MAX, &n)))
			return rc;
		o->sim.switch_cost = n;
	}
	if (o->at_set && (rc = cmd_duration_ticks("--at", &o->at_time, tick_us, 0, 1000000000000LL, &o->at)))
		return rc;
	return EXIT_OK;
}

int cmd_format_index(const char *value, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

/* ---- usage and dispatch --------------------------------------------------------- */

static void print_usage(void)
{
	printf("%s\n\n", _("procsim: a teaching simulator of Unix process states and scheduling"));
	printf("%s\n", _("Usage:"));
	printf("  procsim [FILE] [OPTIONS]      %s\n", _("run FILE (or the classroom demo)"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  procsim %-52s\n      %s\n", commands[i]->usage, _(commands[i]->doc));
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

int cmd_main(int argc, char **argv)
{
	struct opts o = {0};
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i]->exec_argv && strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->exec_argv(argc - 2, argv + 2);
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
	const struct cmd_entry *cmd = &cmd_run_entry;
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[1], commands[i]->name) == 0) {
				cmd = commands[i];
				first = 2;
			}
	}
	/* `procsim [FILE]`: the view, or with --format or -o the trace */
	bool plain = first == 1;
	int rc = parse_options(argc, argv, first, &o, cmd->max_files, plain ? OPTS_RUN | OPTS_TOP : cmd->options,
			       plain ? "FILE" : cmd->name);
	bool view = plain && !o.format && !o.output;
	if (rc == EXIT_OK && plain && !view && (o.at_set || o.record))
		rc = cmd_usage_error(_("'%1$s' does not apply to 'procsim %2$s'"), o.at_set ? "--at" : "--record", "run");
	if (rc == EXIT_OK)
		rc = view ? cmd_top_entry.exec(&o) : cmd->exec(&o);
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
