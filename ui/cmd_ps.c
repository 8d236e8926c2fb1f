/* cmd_ps.c: `procsim ps`: the process table at one tick (ps.c), or as
 * procps-ng's ps prints it with --format (ps_format.c). */
#include "cmd.h"

#include "cmd_scenario.h"
#include "i18n.h"
#include "lang/program.h"
#include "output.h"
#include "ps.h"
#include "ps_format.h"
#include "sim.h"

static int format_error(const struct ps_format_problem *why)
{
	switch (why->error) {
	case PS_FORMAT_OK: break;
	case PS_FORMAT_UNKNOWN:
		if (why->suggestion)
			return cmd_usage_error(_("unknown ps format '%1$s' (did you mean '%2$s'?)"), why->word, why->suggestion);
		return cmd_usage_error(_("unknown ps format '%s' (el, elf, ef, aux, eLl, eLlf, eLf or o FIELDS)"), why->word);
	case PS_FORMAT_NO_FIELDS:
		return cmd_usage_error("%s", _("--format o needs a list of fields, such as 'o pid,ppid,stat,wchan:20,cmd'"));
	case PS_FORMAT_UNKNOWN_FIELD:
		if (why->suggestion)
			return cmd_usage_error(_("unknown ps field '%1$s' (did you mean '%2$s'?)"), why->word, why->suggestion);
		return cmd_usage_error(_("unknown ps field '%s' (the fields are listed in procsim(1))"), why->word);
	case PS_FORMAT_BAD_WIDTH:
		return cmd_usage_error(_("'%s': a field's width is a number from 1 to 999"), why->word);
	case PS_FORMAT_TOO_MANY:
		return cmd_usage_error(_("--format o: at most %d fields"), PS_MAX_COLUMNS);
	}
	return EXIT_OK;
}

static int cmd_ps_exec(struct opts *o)
{
	if (!o->at_set)
		return cmd_usage_error("%s", _("ps needs --at TICK"));
	if (o->format && o->json)
		return cmd_usage_error("%s", _("ps takes --format or --json, not both"));
	struct loaded L;
	int rc = cmd_scenario_input(o, &L);
	if (rc)
		return rc;
	struct ps_format fmt;
	struct ps_format_problem why;
	if (o->format && ps_format_parse(o->format, o->format_list, L.sc->pid_max, o->threads, &fmt, &why) != PS_FORMAT_OK) {
		cmd_scenario_free(&L);
		return format_error(&why);
	}
	enum ps_names names = o->real_names ? PS_NAMES_REAL : PS_NAMES_PROGRAM;
	struct sim *s = sim_new(L.sc, &o->sim);
	struct output out;
	if (!s || !output_open(&out, o->output)) {
		sim_free(s);
		cmd_scenario_free(&L);
		return EXIT_SCENARIO;
	}
	sim_advance_to(s, o->at);
	rc = cmd_scenario_report_end(&L, s);
	if (rc == EXIT_OK && !(o->format ? ps_format_print(out.f, s, &fmt, names) : ps_print(out.f, s, o->json, o->threads, names)))
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
	.options = OPTS_SIM | OPT(O_AT) | OPT(O_JSON) | OPT(O_OUTPUT) | OPT(O_FORMAT) | OPT(O_NAMES) | OPT(O_THREADS),
	.usage = "ps FILE --at TICK [-L] [--json | --format el|elf|ef|aux|eLl|eLlf|eLf|o FIELDS] [--names program|real]",
	.doc = N_("the process table at one tick, like ps -el and top's Tasks line; with --format, as ps -el, -elf, -ef, aux or -o prints it; -L: a row per thread"),
	.exec = cmd_ps_exec,
};
