/* cmd_run.c: `procsim run`: simulate and print the trace, narrated, as JSON Lines
 * or only what the programs print. */
#include "cmd.h"

#include <stdio.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "jsonl.h"
#include "narrate.h"
#include "output.h"
#include "sim.h"

enum out_format { OUT_TEXT, OUT_JSONL, OUT_CONSOLE };

struct run_ctx {
	FILE *out;
	enum out_format format;
	struct sim *sim;
	bool real_names;
};

static void sink(void *ctx, const struct sim_event *ev)
{
	struct run_ctx *r = ctx;
	switch (r->format) {
	case OUT_TEXT: narrate_event(r->out, r->sim, ev); break;
	case OUT_JSONL: jsonl_event(r->out, ev, r->real_names); break;
	case OUT_CONSOLE:
		if (ev->kind == EV_PRINT)
			fprintf(r->out, "%s\n", ev->text);
		break;
	}
}

static int cmd_run_exec(struct opts *o)
{
	static const char *const formats[] = {"text", "jsonl", "console", NULL}; /* enum out_format */
	enum out_format format = OUT_TEXT;
	if (o->format) {
		int k = cmd_format_index(o->format, formats);
		if (k < 0)
			return cmd_usage_error(_("unknown format '%s' (text, jsonl or console)"), o->format);
		format = (enum out_format)k;
	}
	struct loaded L;
	int rc = cmd_scenario_input(o, &L);
	if (rc)
		return rc;
	struct sim *s = sim_new(L.sc, &o->sim);
	struct output out;
	if (!s || !output_open(&out, o->output)) {
		sim_free(s);
		cmd_scenario_free(&L);
		return EXIT_SCENARIO;
	}
	struct run_ctx ctx = {out.f, format, s, o->real_names};
	narrate_real_names(o->real_names);
	sim_set_sink(s, sink, &ctx);
	if (format == OUT_TEXT)
		narrate_header(out.f, s);
	sim_run(s, -1);
	if (format == OUT_TEXT)
		narrate_end(out.f, s);
	else if (format == OUT_JSONL)
		jsonl_end(out.f, s);
	rc = cmd_scenario_report_end(&L, s);
	if (!output_close(&out, rc == EXIT_OK) && rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	sim_free(s);
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.max_files = 1,
	.options = OPTS_RUN,
	.usage = "run [FILE] [--format text|jsonl|console] [-o OUT] [--names program|real]",
	.doc = N_("simulate and print the trace (FILE defaults to the classroom demo)"),
	.exec = cmd_run_exec,
};
