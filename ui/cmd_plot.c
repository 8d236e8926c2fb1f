/* cmd_plot.c: `procsim plot`: the timeline of a run as an SVG picture (plot.c);
 * of several runs (files, or the lists of --policy, --quantum and --cpus as
 * compare takes them) as panels on one time axis; --from and --to cut a
 * window out of it. */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "lang/program.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "sim.h"
#include "timefmt.h"

/* Panels beyond this are too thin to read on a slide. */
#define PLOT_MAX_RUNS 32

static void plot_before(void *ctx, const struct sim *s)
{
	struct plot_trace *t = ctx;
	if (!plot_trace_init(t, s))
		t->oom = true;
}

struct runs {
	struct plot_trace *traces;
	struct plot_panel *panels;
	char **headings;
	int n;
	char *title;                 /* the picture's, when one file's variants are drawn */
};

static void runs_free(struct runs *r, int cap)
{
	for (int i = 0; i < cap && r->traces; i++) {
		plot_trace_free(&r->traces[i]);
		if (r->headings)
			free(r->headings[i]);
	}
	free(r->traces);
	free(r->panels);
	free(r->headings);
	free(r->title);
}

/* Every file (the demo without one, or --jobs) times every variant, run and
 * traced into r. Returns the exit status, errors reported. */
static int run_all(struct opts *o, const struct sweep *w, struct runs *r, int cap)
{
	int nsrc = cmd_has_jobs(o) || o->nfiles == 0 ? 1 : o->nfiles;
	bool lists = w->npolicy > 1 || w->nquantum > 1 || w->ncpus > 1;
	int rc = EXIT_OK;
	for (int fi = 0; fi < nsrc && rc == EXIT_OK; fi++) {
		struct loaded L;
		rc = cmd_has_jobs(o) ? cmd_scenario_load_workload(o, &L) : cmd_scenario_load(o->nfiles ? o->files[fi] : NULL, &L);
		if (rc)
			break;
		struct cmd_variant *v;
		int nv;
		rc = cmd_sweep_variants(o, w, &L, nsrc > 1, &v, &nv);
		if (rc == EXIT_OK && lists && nsrc == 1 && !(r->title = strdup(L.sc->title ? L.sc->title : L.name)))
			rc = EXIT_SCENARIO;
		for (int k = 0; k < nv && rc == EXIT_OK; k++) {
			if (r->n == cap) { /* a policy without a quantum makes fewer variants than cap counts */
				rc = cmd_usage_error(_("plot: more than %d runs are too many for one picture"), PLOT_MAX_RUNS);
				break;
			}
			struct plot_trace *t = &r->traces[r->n];
			struct sim *s = cmd_scenario_run(&L, &v[k].opt, plot_trace_event, t, plot_before, &rc);
			if (!s)
				break;
			plot_trace_finish(t, s);
			sim_free(s);
			/* The heading: the variant, or the scenario's title (its file's name without one). */
			char flabel[256];
			cmd_file_label(flabel, sizeof flabel, L.name);
			const char *heading = lists ? v[k].label : t->title[0] ? t->title : flabel;
			r->panels[r->n] = (struct plot_panel){t, r->headings[r->n] = strdup(heading)};
			r->n++;
			if (t->oom || !r->headings[r->n - 1]) {
				report_error(stderr, L.name, NULL, 0, 0, 0, _("out of memory"));
				rc = EXIT_SCENARIO;
			}
		}
		free(v);
		cmd_scenario_free(&L);
	}
	/* One run is drawn as it always was: its title above it. */
	if (rc == EXIT_OK && r->n == 1 && !lists)
		r->panels[0].heading = NULL;
	return rc;
}

/* --from and --to into a window of the runs, in microseconds; a usage error
 * when it is empty or outside the runs. */
static int window(const struct opts *o, const struct runs *r, struct plot_window *win)
{
	int64_t unit = plot_unit_us(r->panels, r->n), end = 0;
	bool same_tick = true;
	for (int k = 0; k < r->n; k++) {
		if (plot_trace_end_us(r->panels[k].t) > end)
			end = plot_trace_end_us(r->panels[k].t);
		same_tick &= r->panels[k].t->tick_us == r->panels[0].t->tick_us;
	}
	*win = (struct plot_window){0, 0};
	long long from = 0, to = end / unit;
	const struct cmd_duration *d[2] = {o->from_set ? &o->from : NULL, o->to_set ? &o->to : NULL};
	const char *names[2] = {"--from", "--to"};
	for (int i = 0; i < 2; i++) {
		if (!d[i])
			continue;
		/* A bare number counts ticks: of which run, when their lengths differ? */
		if (d[i]->unit_us == 0 && !same_tick)
			return cmd_usage_error(_("%1$s %2$s: the runs' ticks are not of one length; give a time such as 2s"),
					       names[i], d[i]->text);
		int rc = cmd_duration_ticks(names[i], d[i], unit, 0, 1000000000000LL, i ? &to : &from);
		if (rc)
			return rc;
	}
	if (from >= to && o->from_set && o->to_set)
		return cmd_usage_error(_("--from %1$s is not before --to %2$s: the window would be empty"), o->from.text,
				       o->to.text);
	for (int i = 0; i < 2; i++) {
		long long v = i ? to : from;
		if (!d[i] || (i == 0 ? v < end / unit : v <= end / unit))
			continue;
		char when[32];
		timefmt_ticks(end / unit, unit, when, sizeof when);
		if (r->n == 1)
			return cmd_usage_error(_("%1$s %2$s is outside the run, which ends at %3$s (tick %4$lld)"), names[i],
					       d[i]->text, when, (long long)(end / unit));
		return cmd_usage_error(_("%1$s %2$s is outside the runs, the longest of which ends at %3$s (tick %4$lld)"),
				       names[i], d[i]->text, when, (long long)(end / unit));
	}
	if (o->to_set && from >= to) /* --to 0 alone */
		return cmd_usage_error(_("--from %1$s is not before --to %2$s: the window would be empty"), "0", o->to.text);
	if (o->from_set || o->to_set)
		*win = (struct plot_window){from * unit, to * unit};
	return EXIT_OK;
}

static int cmd_plot_exec(struct opts *o)
{
	/* An SVG document is a page of XML: on a terminal it is noise, and the
	 * user wanted a file (issue 11, item 8). A pipe or a file takes it. */
	if (!o->output && isatty(STDOUT_FILENO))
		return cmd_usage_error("%s", _("plot draws an SVG picture, not text for a terminal: give -o FILE.svg, or redirect it (> FILE.svg)"));
	struct sweep w; /* the options' mistakes are told before the files' */
	int rc = cmd_parse_sweep(o, &w, true);
	if (rc)
		return rc;
	if (cmd_has_jobs(o) && o->nfiles)
		return cmd_usage_error("%s", _("give a scenario FILE or --jobs, not both"));
	long long cap = (long long)(cmd_has_jobs(o) || o->nfiles == 0 ? 1 : o->nfiles) * (w.npolicy ? w.npolicy : 1) *
			(w.nquantum ? w.nquantum : 1) * (w.ncpus ? w.ncpus : 1);
	if (cap > PLOT_MAX_RUNS)
		return cmd_usage_error(_("plot: %1$lld runs are too many for one picture (at most %2$d)"), cap, PLOT_MAX_RUNS);
	struct runs r = {0};
	r.traces = calloc((size_t)cap, sizeof *r.traces);
	r.panels = calloc((size_t)cap, sizeof *r.panels);
	r.headings = calloc((size_t)cap, sizeof *r.headings);
	if (!r.traces || !r.panels || !r.headings) {
		report_error(stderr, "procsim", NULL, 0, 0, 0, _("out of memory"));
		rc = EXIT_SCENARIO;
	}
	if (rc == EXIT_OK)
		rc = run_all(o, &w, &r, (int)cap);
	struct plot_window win;
	if (rc == EXIT_OK)
		rc = window(o, &r, &win);
	struct output out;
	if (rc == EXIT_OK && output_open(&out, o->output)) {
		plot_timelines_svg(out.f, r.title, r.panels, r.n, win);
		if (!output_close(&out, true))
			rc = EXIT_SCENARIO;
	} else if (rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	runs_free(&r, (int)cap);
	return rc;
}

const struct cmd_entry cmd_plot_entry = {
	.name = "plot",
	.max_files = 1 << 30,
	.options = OPTS_SIM | OPT(O_OUTPUT) | OPT(O_FROM) | OPT(O_TO),
	.usage = "plot FILE...|--jobs LIST [--policy A,B] [--quantum N,M] [--cpus N,M] [--from T] [--to T] -o OUT.svg",
	.doc = N_("a timeline picture (SVG): process states, CPUs, forks, exits, signals; several runs on one time axis"),
	.exec = cmd_plot_exec,
};
