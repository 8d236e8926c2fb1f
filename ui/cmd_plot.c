/* cmd_plot.c: `procsim plot`: the timeline of a run as an SVG picture (plot.c). */
#include "cmd.h"

#include <string.h>
#include <unistd.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "sim.h"

static void plot_before(void *ctx, const struct sim *s)
{
	struct plot_trace *t = ctx;
	if (!plot_trace_init(t, s))
		t->oom = true;
}

static int cmd_plot_exec(struct opts *o)
{
	/* An SVG document is a page of XML: on a terminal it is noise, and the
	 * user wanted a file (issue 11, item 8). A pipe or a file takes it. */
	if (!o->output && isatty(STDOUT_FILENO))
		return cmd_usage_error("%s", _("plot draws an SVG picture, not text for a terminal: give -o FILE.svg, or redirect it (> FILE.svg)"));
	struct loaded L;
	int rc = cmd_scenario_input(o, &L);
	if (rc)
		return rc;
	struct plot_trace t;
	memset(&t, 0, sizeof t);
	struct sim *s = cmd_scenario_run(&L, &o->sim, plot_trace_event, &t, plot_before, &rc);
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
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_plot_entry = {
	.name = "plot",
	.max_files = 1,
	.options = OPTS_SIM | OPT(O_OUTPUT),
	.usage = "plot FILE|--jobs LIST -o OUT.svg",
	.doc = N_("a timeline picture (SVG): process states, CPUs, forks, exits, signals"),
	.exec = cmd_plot_exec,
};
