/* cmd_compare.c: `procsim compare`: one row per scenario or combination of
 * --policy, --quantum and --cpus (compare.c ranks and prints them). */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_scenario.h"
#include "compare.h"
#include "i18n.h"
#include "lang/program.h"
#include "output.h"
#include "report.h"
#include "sim.h"
#include "stats.h"

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

static int cmd_compare_exec(struct opts *o)
{
	static const char *const formats[] = {"text", "csv", "json", "markdown", NULL}; /* enum compare_format */
	enum compare_format f = CMP_TEXT;
	if (o->format) {
		int k = cmd_format_index(o->format, formats);
		if (k < 0)
			return cmd_usage_error(_("unknown format '%s' (text, csv, json or markdown)"), o->format);
		f = (enum compare_format)k;
	}
	if (o->json)
		f = CMP_JSON;
	if (o->csv)
		f = CMP_CSV;
	if (!o->jobs && o->nfiles == 0)
		return cmd_usage_error("%s", _("compare needs scenario files, or --jobs"));
	if (o->jobs && o->nfiles)
		return cmd_usage_error("%s", _("give scenario files or --jobs, not both"));
	struct sweep w;
	int rc = cmd_parse_sweep(o, &w, true);
	if (rc)
		return rc;
	int nsrc = o->jobs ? 1 : o->nfiles;
	int np = w.npolicy ? w.npolicy : 1, nq = w.nquantum ? w.nquantum : 1, nc = w.ncpus ? w.ncpus : 1;
	long long total = (long long)nsrc * np * nq * nc;
	if (total > 10000)
		return cmd_usage_error(_("compare: %lld variants are too many (at most 10000)"), total);
	struct compare_row *rows = calloc((size_t)total, sizeof *rows);
	if (!rows)
		return EXIT_SCENARIO;
	int n = 0;
	for (int fi = 0; fi < nsrc && rc == EXIT_OK; fi++) {
		struct loaded L;
		rc = o->jobs ? cmd_scenario_load_jobs(o->jobs, &L) : cmd_scenario_load(o->files[fi], &L);
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
					long long q = 0;
					if (w.nquantum &&
					    (rc = cmd_duration_ticks("--quantum", &w.quantum[qi], L.sc->tick_us, 1, CMD_QUANTUM_MAX, &q)))
						break;
					if (w.nquantum)
						opt.quantum = q;
					if (opt.switch_cost_set &&
					    (rc = cmd_duration_ticks("--switch-cost", &o->switch_cost, L.sc->tick_us, 0, CMD_SWITCH_COST_MAX, &q)))
						break;
					if (opt.switch_cost_set)
						opt.switch_cost = q;
					if (w.ncpus)
						opt.cpus = (int)w.cpus[ci];
					if (np > 1 && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%s%s", used ? " " : "",
									 w.policy[pi]);
					if (nq > 1 && quantum_matters && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%sq=%lld",
									 used ? " " : "", (long long)opt.quantum);
					if (nc > 1 && used < sizeof label)
						used += (size_t)snprintf(label + used, sizeof label - used, "%scpus=%lld",
									 used ? " " : "", w.cpus[ci]);
					if (used == 0)
						snprintf(label, sizeof label, "%s", flabel);
					struct sim *s = cmd_scenario_run(&L, &opt, NULL, NULL, NULL, &rc);
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
		cmd_scenario_free(&L);
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

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.max_files = 1 << 30,
	.options = OPTS_SIM | OPT(O_FORMAT) | OPT(O_JSON) | OPT(O_CSV) | OPT(O_OUTPUT) | OPT(O_PLOT),
	.usage = "compare FILE...|--jobs LIST [--policy A,B] [--quantum N,M] [--cpus N,M] [--plot OUT.svg]",
	.doc = N_("one table row per scenario or option combination, the best value of each column marked"),
	.exec = cmd_compare_exec,
};
