/* help.c: renders the instruction table (sim/lang/instr.c) three ways. */
#include "help.h"

#include <string.h>

#include "i18n.h"
#include "instr.h"
#include "sig.h"

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

/* bash's display_signal_list (builtins/common.c): "%2d) %s", a tab after
 * each but every fifth, which ends its line; glibc's 32 and 33 are not
 * listed; a real-time signal is SIGRTMIN+n in the lower half of 34..64,
 * SIGRTMAX-n in the upper (signal_name in bash's siglist). */
void help_kill_list(FILE *out)
{
	enum { RTMIN = 34, RTMAX = 64 };
	int column = 0;
	for (int i = 1; i <= RTMAX; i++) {
		char rt[32];
		const char *name = sig_name(i);
		if (i >= RTMIN) {
			int half = (RTMAX - RTMIN) / 2;
			if (i == RTMIN)
				snprintf(rt, sizeof rt, "SIGRTMIN");
			else if (i == RTMAX)
				snprintf(rt, sizeof rt, "SIGRTMAX");
			else if (i - RTMIN <= half)
				snprintf(rt, sizeof rt, "SIGRTMIN+%d", i - RTMIN);
			else
				snprintf(rt, sizeof rt, "SIGRTMAX-%d", RTMAX - i);
			name = rt;
		}
		if (!name)
			continue;
		fprintf(out, "%2d) %s", i, name);
		if (++column < 5) {
			fputc('\t', out);
		} else {
			fputc('\n', out);
			column = 0;
		}
	}
	if (column != 0)
		fputc('\n', out);
}

void help_signals(FILE *out)
{
	static const char *const actions[] = {
		[SIGDFL_TERMINATE] = "Term", [SIGDFL_CORE] = "Core", [SIGDFL_IGNORE] = "Ign",
		[SIGDFL_STOP] = "Stop", [SIGDFL_CONTINUE] = "Cont",
	};
	help_kill_list(out);
	fprintf(out, "\n%s\n\n", _("procsim sends the standard signals 1 to 31, from programs (kill), the timeline (kill, pkill, killall) and the view's k key; the real-time signals (34 to 64) are listed as bash lists them, but procsim cannot send them."));
	fprintf(out, "%s\n", _(" No  Name       Default  Description"));
	for (int sig = 1; sig < SIG_MAX; sig++)
		fprintf(out, "%3d  %-10s %-8s %s%s\n", sig, sig_name(sig), actions[sig_default_action(sig)],
			sig_description(sig), sig_catchable(sig) ? "" : _(" (cannot be caught, blocked or ignored)"));
	fprintf(out, "\n%s\n", _("Term: the process ends; Core: it ends and dumps core (bash: \"Quit (core dumped)\"); Ign: nothing happens; Stop: it stops (T); Cont: it continues if stopped. `ignore`, `default` and `on` work for every signal but KILL and STOP."));
}
