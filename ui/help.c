/* help.c: renders the instruction table (sim/lang/instr.c) three ways. */
#include "help.h"

#include <string.h>

#include "i18n.h"
#include "instr.h"

static void one_text(FILE *out, const struct instr_info *ii, int verbose)
{
	if (!verbose) {
		fprintf(out, "  %-58s %s\n", ii->usage, _(ii->summary));
		return;
	}
	fprintf(out, "%s\n\n  %s\n\n", ii->usage, _(ii->summary));
	if (ii->details[0])
		fprintf(out, "  %s\n\n", _(ii->details));
	fprintf(out, "  %s %s\n", _("Takes:"), _(ii->cost));
	if (ii->mirrors[0])
		fprintf(out, "  %s %s\n", _("Models:"), ii->mirrors);
}

static void one_markdown(FILE *out, const struct instr_info *ii)
{
	fprintf(out, "### `%s`\n\n%s", ii->usage, ii->summary);
	if (ii->details[0])
		fprintf(out, " %s", ii->details);
	fprintf(out, "\n\n- Takes: %s\n", ii->cost);
	if (ii->mirrors[0])
		fprintf(out, "- Models: %s\n", ii->mirrors);
	fputc('\n', out);
}

/* scdoc gives '_' and '*' a meaning: escape them in plain text. */
static void scdoc_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '_' || *s == '*' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void one_scdoc(FILE *out, const struct instr_info *ii)
{
	fputc('*', out);
	scdoc_text(out, ii->usage);
	fputs("*\n\t", out);
	scdoc_text(out, ii->summary);
	if (ii->details[0]) {
		fputc(' ', out);
		scdoc_text(out, ii->details);
	}
	fputs("\n\n\tTakes: ", out);
	scdoc_text(out, ii->cost);
	fputc('.', out);
	if (ii->mirrors[0]) {
		fputs(" Models: ", out);
		scdoc_text(out, ii->mirrors);
		fputc('.', out);
	}
	fputs("\n\n", out);
}

int help_print(FILE *out, const char *name, enum help_format fmt)
{
	int n;
	const struct instr_info *all = instr_all(&n);
	if (name) {
		const struct instr_info *ii = instr_find(name, (int)strlen(name));
		if (!ii)
			return 0;
		if (fmt == HELP_MARKDOWN)
			one_markdown(out, ii);
		else if (fmt == HELP_SCDOC)
			one_scdoc(out, ii);
		else
			one_text(out, ii, 1);
		return 1;
	}
	if (fmt == HELP_TEXT)
		fprintf(out, "%s\n\n", _("Scenario instructions (procsim help INSTRUCTION for details):"));
	for (int i = 0; i < n; i++) {
		if (fmt == HELP_MARKDOWN)
			one_markdown(out, &all[i]);
		else if (fmt == HELP_SCDOC)
			one_scdoc(out, &all[i]);
		else
			one_text(out, &all[i], 0);
	}
	return 1;
}
