/* cmd_top.c: `procsim top`, and `procsim [FILE]` on a terminal: the
 * interactive view (top.c); without a usable terminal, the trace, as
 * `procsim run` prints it. */
#include "cmd.h"

#include <stdio.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "top.h"

static int cmd_top_exec(struct opts *o)
{
	char why[256];
	if (!top_terminal_usable(why, sizeof why)) {
		fprintf(stderr, _("procsim: %s: printing the trace instead of the interactive view\n"), why);
		return cmd_run_entry.exec(o);
	}
	struct loaded L;
	int rc = cmd_scenario_input(o, &L);
	if (rc)
		return rc;
	struct top_args a = {L.name, L.src, L.len, L.sc, o->sim, o->at, o->at_set, o->record, o->real_names,
			      o->threads};
	rc = top_run(&a);
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_top_entry = {
	.name = "top",
	.max_files = 1,
	.options = OPTS_TOP,
	.usage = "top [FILE] [--at TICK] [--threads] [--record OUT]",
	.doc = N_("the interactive view, like top (the default when standard output is a terminal)"),
	.exec = cmd_top_exec,
};
