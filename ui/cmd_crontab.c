/* cmd_crontab.c: `procsim crontab FILE`: `crontab -l`, the crontab the
 * scenario's cron lines make, one line each: the schedule as written and
 * the program it runs. Debian's crontab -l prints the user's file without
 * the three lines of header crontab -e wrote into it; with no crontab it
 * says "no crontab for USER" and exits 1 (crontab.c: list_cmd). Both as
 * crontab prints them, untranslated, as bash's messages in the trace are. */
#include "cmd.h"

#include <stdio.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "lang/program.h"

static int cmd_crontab_exec(struct opts *o)
{
	if (!o->file)
		return cmd_usage_error("%s", _("crontab needs a scenario file"));
	struct loaded L;
	int rc = cmd_scenario_load(o->file, &L);
	if (rc)
		return rc;
	const struct scenario *sc = L.sc;
	if (sc->ncron == 0)
		fprintf(stderr, "no crontab for student\n");
	for (int i = 0; i < sc->ncron; i++)
		printf("%s %s\n", sc->cron[i].schedule, sc->programs[sc->cron[i].program]->name);
	rc = sc->ncron ? EXIT_OK : EXIT_SCENARIO;
	cmd_scenario_free(&L);
	return rc;
}

const struct cmd_entry cmd_crontab_entry = {
	.name = "crontab",
	.max_files = 1,
	.options = OPTS_ANY,
	.usage = "crontab FILE",
	.doc = N_("list the scenario's crontab, as crontab -l does"),
	.exec = cmd_crontab_exec,
};
