/* cmd_compare.c: `procsim compare`: one row per scenario or combination of
 * --policy, --quantum and --cpus (compare.c ranks and prints them). */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_scenario.h"
#include "compare.h"
#include "compare_real.h"
#include "i18n.h"
#include "lang/program.h"
#include "output.h"
#include "report.h"
#include "sim.h"
#include "stats.h"

/* `compare run.psimrec app.psim`: the real run beside the simulated one
 * (compare_real.c). The tolerance is 100 ms or two of the scenario's ticks,
 * whichever is longer: a tick is the scenario's own precision. */
static int compare_recording(struct opts *o, const char *rec_file, const char *sim_file)
{
	struct recording *r;
	int rc = cmd_recording_load(rec_file, &r);
	if (rc)
		return rc;
	struct real_side real, sim = {0};
	if (!compare_real_from_recording(r, &real)) {
		recording_free(r);
		report_error(stderr, rec_file, NULL, 0, 0, 0, _("the recording has no start event"));
		return EXIT_SCENARIO;
	}
	recording_free(r);
	struct loaded L;
	if ((rc = cmd_scenario_input(o, &L)) == EXIT_OK) {
		struct sim *s = cmd_scenario_run(&L, &o->sim, compare_real_sink, &sim, NULL, &rc);
		if (s && !compare_real_finish_sim(&sim, L.sc->tick_us)) {
			report_error(stderr, L.name, NULL, 0, 0, 0, _("out of memory"));
			rc = EXIT_SCENARIO;
		}
		real.offset_us = compare_real_align(&real);
		sim.offset_us = compare_real_align(&sim);
		long long tolerance = 2 * L.sc->tick_us > 100000 ? 2 * L.sc->tick_us : 100000;
		struct output out;
		if (s && rc == EXIT_OK) {
			if (!output_open(&out, o->output))
				rc = EXIT_SCENARIO;
			else {
				compare_real_print(out.f, rec_file, sim_file, &real, &sim, tolerance);
				if (!output_close(&out, true))
					rc = EXIT_SCENARIO;
			}
		}
		sim_free(s);
		cmd_scenario_free(&L);
	}
	compare_real_free(&real);
	compare_real_free(&sim);
	return rc;
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
	if (!cmd_has_jobs(o) && o->nfiles == 0)
		return cmd_usage_error("%s", _("compare needs scenario files, or --jobs"));
	if (o->nfiles == 2 && !cmd_has_jobs(o) && cmd_is_recording(o->files[0]) && !cmd_is_recording(o->files[1])) {
		if (o->format || o->json || o->csv || o->plot)
			return cmd_usage_error("%s", _("compare RECORDING SCENARIO prints a table: --format, --json, --csv and --plot do not apply"));
		o->file = o->files[1];
		return compare_recording(o, o->files[0], o->files[1]);
	}
	if (cmd_has_jobs(o) && o->nfiles)
		return cmd_usage_error("%s", _("give scenario files or --jobs, not both"));
	struct sweep w;
	int rc = cmd_parse_sweep(o, &w, true);
	if (rc)
		return rc;
	int nsrc = cmd_has_jobs(o) ? 1 : o->nfiles;
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
		rc = cmd_has_jobs(o) ? cmd_scenario_load_workload(o, &L) : cmd_scenario_load(o->files[fi], &L);
		if (rc)
			break;
		/* The variants, as plot draws them (cmd_sweep_variants). */
		struct cmd_variant *v;
		int nv;
		rc = cmd_sweep_variants(o, &w, &L, nsrc > 1, &v, &nv);
		for (int k = 0; k < nv && rc == EXIT_OK; k++) {
			struct sim *s = cmd_scenario_run(&L, &v[k].opt, NULL, NULL, NULL, &rc);
			if (!s)
				break;
			struct compare_row *r = &rows[n];
			r->label = strdup(v[k].label);
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
		free(v);
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
	.usage = "compare FILE...|--jobs LIST [--policy A,B] [--quantum N,M] [--cpus N,M] [--plot OUT.svg] | compare RUN.psimrec FILE.psim",
	.doc = N_("one table row per scenario or option combination, the best value of each column marked; a recording and a scenario: the real run beside the simulated one, and where they part"),
	.exec = cmd_compare_exec,
};
