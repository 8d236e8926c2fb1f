/* cmd_record.c: `procsim record [-o FILE] -- COMMAND [ARGS...]`: a real
 * program recorded under ptrace (recorder.c). It reads its own arguments:
 * everything after `--` (or after the first word that is not an option)
 * is the command's. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "cmd_scenario.h"
#include "i18n.h"
#include "recorder.h"

#define RECORD_DEFAULT_OUTPUT "run.psimrec"

/* `record --scenario FILE`: the scenario a recording is shown as, to read
 * or to edit into a scenario of one's own. */
static int print_scenario(const char *file)
{
	struct loaded L;
	int rc = cmd_scenario_load(file, &L);
	if (rc)
		return rc;
	if (!L.recorded) {
		cmd_scenario_free(&L);
		return cmd_usage_error(_("%s is not a recording"), file);
	}
	fwrite(L.src, 1, L.len, stdout);
	cmd_scenario_free(&L);
	return EXIT_OK;
}

static int cmd_record_argv(int argc, char **argv)
{
	const char *output = RECORD_DEFAULT_OUTPUT;
	int i = 0;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-')
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			printf("%s\n  procsim %s\n%s\n", _("Usage:"), cmd_record_entry.usage, _(cmd_record_entry.doc));
			return EXIT_OK;
		}
		if (strcmp(a, "--scenario") == 0) {
			if (i + 1 >= argc)
				return cmd_usage_error(_("option '%s' needs a value"), a);
			return print_scenario(argv[i + 1]);
		}
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc)
				return cmd_usage_error(_("option '%s' needs a value"), a);
			output = argv[++i];
		} else if (strncmp(a, "--output=", 9) == 0)
			output = a + 9;
		else if (strcmp(a, "--lang") == 0)
			i++; /* applied by main */
		else if (strncmp(a, "--lang=", 7) != 0)
			return cmd_usage_error(_("unknown option '%s'"), a);
	}
	if (i >= argc)
		return cmd_usage_error("%s", _("record needs a command: procsim record -o FILE -- COMMAND [ARGS...]"));
	if (strcmp(output, "-") == 0)
		return cmd_usage_error("%s", _("record writes a file, not standard output (the program's own output goes there)"));
	return recorder_run(output, argv + i);
}

const struct cmd_entry cmd_record_entry = {
	.name = "record",
	.usage = "record [-o FILE] -- COMMAND [ARGS...] | record --scenario FILE.psimrec",
	.doc = N_("run a real program under ptrace and record its processes (default FILE run.psimrec); every view reads the recording"),
	.exec_argv = cmd_record_argv,
};
