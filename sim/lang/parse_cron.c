/* parse_cron.c: `cron "SCHEDULE" PROGRAM`, a line of the user's crontab
 * (crontab(5): the five time-and-date fields, then the command). The
 * schedule is a string, so that `*` and `/` need no quoting of their own;
 * the program is resolved at the end, as `start` resolves its program. A
 * scenario with cron lines boots a cron daemon, which never ends: it needs
 * a `limit`. */
#include <stdio.h>
#include <stdlib.h>

#include "../i18n.h"
#include "crontab.h"
#include "parse_int.h"


void parse_cron(struct parser *p)
{
	struct token kw = p->tok;
	parse_next(p);
	if (p->ncron == PARSE_MAX_CRON) {
		parse_error_at(p, &kw, NULL, _("too many cron lines (the limit is %d)"), PARSE_MAX_CRON);
		parse_skip_line(p);
		return;
	}
	struct token str = p->tok;
	if (str.kind != TOK_STRING) {
		parse_error_near(p, _("for example: cron \"*/5 * * * *\" backup"), _("expected the schedule in double quotes"));
		parse_skip_line(p);
		return;
	}
	char *text = lex_string_value(&str);
	struct cron_line c = {.name = {0}};
	struct crontab_error err;
	if (!text || !crontab_parse(text, &c.e.when, &err)) {
		int col = str.col + 1 + (text ? chars(text, (size_t)err.offset) : 0);
		int span = text ? chars(text + err.offset, (size_t)err.span) : 1;
		diag_add(p->diags, str.line, col, span > 0 ? span : 1, err.hint[0] ? err.hint : NULL, "%s", err.msg);
		free(text);
		parse_skip_line(p);
		return;
	}
	c.e.schedule = arena_strdup(p->A, text);
	free(text);
	c.e.line = kw.line;
	c.e.col = kw.col;
	parse_next(p);
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, _("for example: cron \"*/5 * * * *\" backup"), _("expected the program to run"));
		parse_skip_line(p);
		return;
	}
	c.name = p->tok;
	parse_next(p);
	if (p->ncron == p->capcron) {
		p->capcron = p->capcron ? p->capcron * 2 : 4;
		p->cron = realloc(p->cron, sizeof *p->cron * (size_t)p->capcron);
		if (!p->cron)
			abort();
	}
	p->cron[p->ncron++] = c;
	parse_expect_line_end(p);
}

void parse_finish_cron(struct parser *p)
{
	struct scenario *sc = p->sc;
	sc->ncron = 0;
	sc->cron = arena_alloc(p->A, sizeof *sc->cron * (size_t)(p->ncron ? p->ncron : 1));
	for (int i = 0; i < p->ncron; i++) {
		struct cron_line *c = &p->cron[i];
		int found = parse_index_find(&p->program_index, c->name.start, c->name.len);
		if (found < 0) {
			if (!p->names_lost)
				parse_error_at(p, &c->name, _("define it with: program NAME(PARAMS)"), _("unknown program '%s'"),
					       tok_str(p, &c->name));
			continue;
		}
		if (p->progs[found]->nparams != 0) {
			char hint[DIAG_MSG_LEN];
			snprintf(hint, sizeof hint, _("it is defined at line %d"), p->progs[found]->line);
			parse_error_at(p, &c->name, hint, _("program '%s' takes %d argument(s), not %d"),
				       p->progs[found]->name, p->progs[found]->nparams, 0);
			continue;
		}
		c->e.program = found;
		sc->cron[sc->ncron++] = c->e;
	}
	if (p->ncron && !p->durs[DS_LIMIT].set)
		diag_add(p->diags, p->cron[0].e.line, p->cron[0].e.col, 4, _("for example: limit 16min"), "%s",
			 _("cron never ends by itself: a scenario with cron lines needs a limit"));
	free(p->cron);
	p->cron = NULL;
}
