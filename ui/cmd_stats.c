/* cmd_stats.c: `procsim stats`: per-process and system metrics (stats.c) as a
 * table, JSON or CSV. */
#include "cmd.h"

#include "cmd_scenario.h"
#include "i18n.h"
#include "output.h"
#include "report.h"
#include "sim.h"
#include "stats.h"

static int cmd_stats_exec(struct opts *o)
{
	enum { ST_TEXT, ST_JSON, ST_CSV } f = o->json ? ST_JSON : o->csv ? ST_CSV : ST_TEXT;
	if (o->json && o->csv)
		return cmd_usage_error("%s", _("--json or --csv, not both"));
	if (o->format) {
		static const char *const formats[] = {"text", "json", "csv", NULL};
		int k = cmd_format_index(o->format, formats);
		if (k < 0)
			return cmd_usage_error(_("unknown format '%s' (text, json or csv)"), o->format);
		f = k;
	}
	struct loaded L;
	int rc = cmd_scenario_input(o, &L);
	if (rc)
		return rc;
	struct sim *s = cmd_scenario_run(&L, &o->sim, NULL, NULL, NULL, &rc);
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
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.max_files = 1,
	.options = OPTS_SIM | OPT(O_FORMAT) | OPT(O_JSON) | OPT(O_CSV) | OPT(O_OUTPUT),
	.usage = "stats FILE|--jobs LIST [--json|--csv] [-o OUT]",
	.doc = N_("per-process and system metrics: turnaround, response, waiting, CPU use, load"),
	.exec = cmd_stats_exec,
};
