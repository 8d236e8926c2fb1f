/* cmd_check.c: `procsim check`: only validate a scenario. */
#include "cmd.h"

#include <stdio.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "lang/program.h"
#include "sim.h"

static int cmd_check_exec(struct opts *o)
{
	if (!o->file)
		return cmd_usage_error("%s", _("check needs a scenario file"));
	struct loaded L;
	int rc = cmd_scenario_load(o->file, &L);
	if (rc)
		return rc;
	int jobs = 0;
	for (int i = 0; i < L.sc->nprograms; i++)
		jobs += L.sc->programs[i]->is_job;
	printf(_("%1$s: ok: %2$d program(s), %3$d job(s), %4$d timeline event(s)\n"), L.name, L.sc->nprograms - jobs,
	       jobs, L.sc->ntimeline - jobs);
	cmd_scenario_free(&L);
	return EXIT_OK;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.max_files = 1,
	.options = OPTS_ANY,
	.usage = "check FILE",
	.doc = N_("only validate a scenario"),
	.exec = cmd_check_exec,
};
