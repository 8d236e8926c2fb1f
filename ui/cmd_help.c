/* cmd_help.c: `procsim help`: the scenario instructions, declarations and
 * settings (help.c), as text; the instructions also as Markdown or scdoc. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "help.h"
#include "i18n.h"

static int cmd_help_exec(struct opts *o)
{
	enum help_format f = HELP_TEXT;
	if (o->help_format) {
		if (strcmp(o->help_format, "markdown") == 0) f = HELP_MARKDOWN;
		else if (strcmp(o->help_format, "scdoc") == 0) f = HELP_SCDOC;
		else if (strcmp(o->help_format, "text") != 0)
			return cmd_usage_error(_("unknown help format '%s' (text, markdown or scdoc)"), o->help_format);
	}
	if (o->file && strcmp(o->file, "signals") == 0) {
		help_signals(stdout);
		return EXIT_OK;
	}
	if (!help_print(stdout, o->file, f)) {
		fprintf(stderr, _("procsim: '%s' is neither an instruction, a declaration nor a setting; `procsim help` lists them\n"), o->file);
		return EXIT_USAGE;
	}
	if (o->file && strcmp(o->file, "costs") == 0 && f == HELP_TEXT)
		help_costs(stdout);
	return EXIT_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.max_files = 1,
	.options = OPTS_ANY | OPT(O_HELPFMT),
	.usage = "help [NAME | signals]",
	.doc = N_("the scenario instructions, declarations and settings"),
	.exec = cmd_help_exec,
};
