/* help.c: renders the instruction table (sim/lang/instr.c) three ways, and
 * the table of declarations and settings (sim/lang/decl.c) as text. */
#include "help.h"

#include "cost.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "decl.h"
#include "instr.h"
#include "text.h"
#include "sig.h"

/* Where the summaries start in the list, and the width text wraps to: the
 * terminal's when stdout is one, else 80 columns, so a file or a pipe gets
 * the same text on every machine. */
enum { USAGE_COLUMNS = 34, MIN_WIDTH = 50, MAX_WIDTH = 120 };

static int out_width(FILE *out)
{
	struct winsize ws;
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		int w = ws.ws_col - 1;
		return w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
	}
	return 80;
}

/* One row of a list: the usage, then the summary wrapped beside it, or on
 * the next line when the usage is too wide to leave it room. */
static void list_row(FILE *out, const char *usage, const char *summary, int width)
{
	fputs("  ", out);
	int col = text_wrap(out, usage, 2, 6, width);
	if (col > USAGE_COLUMNS - 1 || col < 2 + text_width(usage))
		fprintf(out, "\n%*s", USAGE_COLUMNS, "");
	else
		fprintf(out, "%*s", USAGE_COLUMNS - col, "");
	text_wrap(out, summary, USAGE_COLUMNS, USAGE_COLUMNS, width);
	fputc('\n', out);
}

/* A paragraph, indented two columns and wrapped; `label` starts it. */
static void paragraph(FILE *out, const char *label, const char *text, int width)
{
	int col = 2;
	fputs("  ", out);
	if (label) {
		fprintf(out, "%s ", label);
		col += text_width(label) + 1;
	}
	text_wrap(out, text, col, label ? 4 : 2, width);
	fputc('\n', out);
}

/* The head of a page: the usage, the summary and the details (msgids). */
static void page_head(FILE *out, const char *usage, const char *summary, const char *details, int width)
{
	text_wrap(out, usage, 0, 4, width);
	fputs("\n\n", out);
	paragraph(out, NULL, _(summary), width);
	if (details[0]) {
		fputc('\n', out);
		paragraph(out, NULL, _(details), width);
	}
}

static void one_text(FILE *out, const struct instr_info *ii, int width)
{
	page_head(out, ii->usage, ii->summary, ii->details, width);
	fputc('\n', out);
	paragraph(out, _("Takes:"), _(ii->cost), width);
	if (ii->mirrors[0])
		paragraph(out, _("Models:"), ii->mirrors, width);
}

static void decl_text(FILE *out, const struct decl_info *d, int width)
{
	page_head(out, d->usage, d->summary, d->details, width);
	if (d->mirrors[0]) {
		fputc('\n', out);
		paragraph(out, d->kind == DECL_SETTING ? _("Linux:") : _("Python:"), d->mirrors, width);
	}
}

/* `procsim help`: the instructions, then the declarations, the settings and
 * the Python habits, each a section of rows. */
static void list_text(FILE *out)
{
	static const char *const headings[] = {
		[DECL_DECLARATION] = N_("Declarations, at the top level of a scenario:"),
		[DECL_SETTING] = N_("Settings, one per line at the top level:"),
		[DECL_HABIT] = N_("If you know Python:"),
	};
	int width = out_width(out), n;
	const struct instr_info *all = instr_all(&n);
	fprintf(out, "%s\n\n", _("Scenario instructions, in a program's indented block:"));
	for (int i = 0; i < n; i++)
		list_row(out, all[i].usage, _(all[i].summary), width);
	const struct decl_info *decls = decl_all(&n);
	for (int i = 0; i < n; i++) {
		if (i == 0 || decls[i].kind != decls[i - 1].kind)
			fprintf(out, "\n%s\n\n", _(headings[decls[i].kind]));
		list_row(out, decls[i].usage, _(decls[i].summary), width);
	}
	fprintf(out, "\n%s\n", _("procsim help NAME: one of them in full; procsim help signals: the signals."));
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
		const struct decl_info *d = ii ? NULL : decl_find(name);
		if (d && fmt == HELP_TEXT)
			decl_text(out, d, out_width(out));
		else if (!ii)
			return 0;
		else if (fmt == HELP_MARKDOWN)
			one_markdown(out, ii);
		else if (fmt == HELP_SCDOC)
			one_scdoc(out, ii);
		else
			one_text(out, ii, out_width(out));
		return 1;
	}
	if (fmt == HELP_TEXT) {
		list_text(out);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (fmt == HELP_MARKDOWN)
			one_markdown(out, &all[i]);
		else
			one_scdoc(out, &all[i]);
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

void help_costs(FILE *out)
{
	int width = out_width(out);
	fputc('\n', out);
	text_wrap(out, _("The costs, as `cost NAME DURATION` sets them (the defaults were measured on Linux: docs/semantics.md, section 15):"), 0, 0, width);
	fputs("\n\n", out);
	for (int k = 0; k < COST_COUNT; k++) {
		const struct cost_info *c = cost_info((enum cost_kind)k);
		char amount[32];
		if (c->linux_us % 1000 == 0)
			snprintf(amount, sizeof amount, "%dms", c->linux_us / 1000);
		else
			snprintf(amount, sizeof amount, "%dus", c->linux_us);
		fprintf(out, "  %-16s %7s  ", c->name, amount);
		text_pad(out, k < COST_KERNEL_END ? _("system") : _("user"), 7);
		text_wrap(out, _(c->what), 35, 35, width);
		fputc('\n', out);
	}
	fputc('\n', out);
	text_wrap(out, _("system: a system call's time, charged by the kernel to its caller; user: CPython's own work, charged by the interpreter. A cost shorter than a tick is carried over until a process's costs add up to a tick."), 0, 0, width);
	fputc('\n', out);
}
