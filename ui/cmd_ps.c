/* cmd_ps.c: `procsim ps`: the process table at one tick (ps.c). */
#include "cmd.h"

#include "cmd_scenario.h"
#include "i18n.h"
#include "output.h"
#include "ps.h"
#include "sim.h"

static int cmd_ps_exec(struct opts *o)
{
	if (!o->at_set)
		return cmd_usage_error("%s", _("ps needs --at TICK"));
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
	sim_advance_to(s, o->at);
	rc = cmd_scenario_report_end(&L, s);
	if (rc == EXIT_OK && !ps_print(out.f, s, o->json))
		rc = EXIT_SCENARIO;
	if (!output_close(&out, rc == EXIT_OK) && rc == EXIT_OK)
		rc = EXIT_SCENARIO;
	sim_free(s);
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_ps_entry = {
	.name = "ps",
	.max_files = 1,
	.options = OPTS_SIM | OPT(O_AT) | OPT(O_JSON) | OPT(O_OUTPUT),
	.usage = "ps FILE --at TICK [--json]",
	.doc = N_("the process table at one tick, like ps -el and top's Tasks line"),
	.exec = cmd_ps_exec,
};
