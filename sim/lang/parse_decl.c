/* parse_decl.c: the top-level lines of a scenario, which declare: program
 * headers and `main` (their blocks are statements, parse_stmt.c), the
 * settings (`tick 100ms`, `policy rr`...), timeline events (`at`), textbook
 * jobs, globals (`var`) and shared objects (lock, queue, pipe, shared).
 * parse_top reads them all and dispatches on the first word. */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "user/user_int.h" /* MAX_OBJECTS */
#include "sched.h"
#include "sig.h"
#include "instr.h"
#include "parse_int.h"
#include "decl.h"

_Static_assert(PARSE_MAX_OBJECTS <= MAX_OBJECTS, "the parser declares no more objects than user space holds");

/* ---- programs, settings, timeline ------------------------------------ */

static void parse_program(struct parser *p, bool is_main)
{
	struct token kw = p->tok;
	parse_next(p);
	const char *name = "main";
	if (is_main) {
		if (p->main_line) {
			diag_add(p->diags, kw.line, kw.col, 4, NULL,
				 _("a second main program (the first is at line %d)"), p->main_line);
			parse_skip_line(p);
			return;
		}
		p->main_line = kw.line;
		if (p->tok.kind == TOK_STRING) {
			char *v = lex_string_value(&p->tok);
			/* `main "python3 a.py &"`: bash runs it as a background job
			 * (its command, as `jobs` shows it, without the '&'). */
			size_t len = v ? strlen(v) : 0;
			while (len && v[len - 1] == ' ')
				len--;
			if (len > 1 && v[len - 1] == '&' && v[len - 2] == ' ') {
				p->sc->main_background = true;
				for (len--; len && v[len - 1] == ' '; len--)
					;
				v[len] = '\0';
			}
			name = arena_strdup(p->A, v ? v : "main");
			free(v);
			parse_next(p);
		}
		parse_begin_program(p, name, kw.line);
	} else {
		if (p->tok.kind != TOK_IDENT) {
			parse_error_near(p, NULL, _("expected the program's name"));
			parse_skip_line(p);
			return;
		}
		if (is_word(&p->tok, "main")) {
			parse_error_at(p, &p->tok, _("write the line as just: main"), "%s",
				       _("the main program is declared with 'main', not 'program main'"));
			parse_skip_line(p);
			return;
		}
		if (p->nuser_progs == PARSE_MAX_PROGRAMS) {
			if (!p->too_many_progs)
				parse_error_at(p, &p->tok, NULL, _("too many programs (the limit is %d)"), PARSE_MAX_PROGRAMS);
			p->too_many_progs = p->names_lost = true;
			parse_skip_line(p);
			return;
		}
		if (parse_find_program(p, p->tok.start, p->tok.len)) {
			parse_error_at(p, &p->tok, NULL, _("program '%s' is defined twice"), tok_str(p, &p->tok));
			parse_skip_line(p);
			return;
		}
		if (instr_find(p->tok.start, (int)p->tok.len)) {
			parse_error_at(p, &p->tok, _("choose another name"), _("'%s' is an instruction, not a program name"),
				       tok_str(p, &p->tok));
			parse_skip_line(p);
			return;
		}
		parse_begin_program(p, tok_str(p, &p->tok), kw.line);
		p->nuser_progs++;
		parse_next(p);
		if (p->tok.kind == TOK_LPAREN) {
			parse_next(p);
			while (p->tok.kind == TOK_IDENT) {
				if (parse_local_find(p, p->tok.start, p->tok.len) >= 0)
					parse_error_at(p, &p->tok, NULL, _("parameter '%s' appears twice"), tok_str(p, &p->tok));
				parse_local_add(p, &p->tok);
				parse_next(p);
				if (p->tok.kind == TOK_COMMA)
					parse_next(p);
				else
					break;
			}
			if (p->tok.kind != TOK_RPAREN) {
				parse_error_near(p, NULL, _("expected a parameter name or ')'"));
				parse_skip_line(p);
				p->prog = NULL;
				return;
			}
			parse_next(p);
		}
		p->prog->nparams = p->nlocals;
	}
	if (p->tok.kind != TOK_NEWLINE) {
		parse_error_near(p, NULL, _("unexpected text after the program header"));
		parse_skip_line(p);
		p->prog = NULL;
		return;
	}
	parse_next(p);
	if (p->tok.kind != TOK_INDENT) {
		parse_error_at(p, &kw, _("indent its instructions under the header"),
			       _("'%s' has no instructions"), p->prog->name);
		p->prog = NULL;
		return;
	}
	bool spends = false;
	parse_block(p, &spends);
	parse_end_program(p, &kw);
}

bool parse_int_setting(struct parser *p, const char *what, int lo, int hi, int *out)
{
	if (p->tok.kind != TOK_NUMBER || p->tok.fraction) {
		parse_error_near(p, NULL, _("expected a whole number"));
		return false;
	}
	int64_t v = p->tok.micro / 1000000;
	if (v < lo || v > hi) {
		char msg[DIAG_MSG_LEN];
		snprintf(msg, sizeof msg, _("%s must be between %d and %d"), what, lo, hi);
		diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), NULL, "%s", msg);
		return false;
	}
	*out = (int)v;
	parse_next(p);
	return true;
}

static bool parse_top_duration(struct parser *p, struct pending_dur *pd)
{
	struct token at = p->tok;
	struct duration d;
	if (!parse_duration(p, &d, true))
		return false;
	*pd = (struct pending_dur){d.amount.num, d.unit_us, at.line, at.col, true};
	return true;
}

static const char *const switch_on_words[] = {"io", "end", NULL};
static const char *const io_done_words[] = {"later", "immediate", NULL};
static const char *const queues_words[] = {"single", "per_cpu", NULL};
static const char *const cpu_order_words[] = {"fixed", "random", NULL};
static const char *const no_yes_words[] = {"no", "yes", NULL};

/* The settings, one row each. Durations are resolved to ticks in finish(),
 * once the tick length is known wherever it was set. */
const struct setting parse_settings[] = {
	{"title", SET_STRING, 0, 0, 0, NULL},
	{"shell", SET_STRING, 1, 0, 0, NULL},
	{"tick", SET_DURATION, DS_TICK, 0, 0, NULL},
	{"cpus", SET_INT, 0, 1, PARSE_MAX_CPUS, NULL},
	{"pid_max", SET_INT, 1, 8, PARSE_PID_MAX_LIMIT, NULL},
	{"limit", SET_DURATION, DS_LIMIT, 1, PARSE_MAX_TICKS, NULL},
	{"policy", SET_POLICY, 0, 0, 0, NULL},
	{"pid1", SET_PID1, 0, 0, 0, NULL},
	{"quantum", SET_DURATION, DS_QUANTUM, 1, 1000000, NULL},
	{"levels", SET_INT, 2, 1, SCHED_MAX_LEVELS, NULL},
	{"level_quantum", SET_DURATIONS, LS_LEVEL_QUANTUM, 1, 1000000, NULL},
	{"allotment", SET_DURATIONS, LS_ALLOTMENT, 1, 1000000000, NULL},
	{"boost", SET_DURATION, DS_BOOST, 0, 1000000000, NULL},
	{"stay_after_io", SET_WORD, 4, 0, 0, no_yes_words},
	{"io_bump", SET_WORD, 5, 0, 0, no_yes_words},
	{"core_dumps", SET_WORD, 6, 0, 0, no_yes_words},
	{"latency", SET_DURATION, DS_LATENCY, 1, 1000000, NULL},
	{"min_granularity", SET_DURATION, DS_MIN_GRAN, 1, 1000000, NULL},
	{"switch_cost", SET_DURATION, DS_SWITCH_COST, 0, 1000, NULL},
	{"switch_on", SET_WORD, 0, 0, 0, switch_on_words},
	{"io_done", SET_WORD, 1, 0, 0, io_done_words},
	{"queues", SET_WORD, 2, 0, 0, queues_words},
	{"cpu_order", SET_WORD, 3, 0, 0, cpu_order_words},
	{"peek", SET_DURATION, DS_PEEK, 0, 1000000000, NULL},
	{"warmup", SET_DURATION, DS_WARMUP, 0, 1000000000, NULL},
	{"cache_size", SET_INT, 3, 0, 1000000000, NULL},
	{"warm_rate", SET_INT, 4, 1, 1000000, NULL},
	{"seed", SET_INT, 5, 0, 2147483647, NULL},
	{"skip_draws", SET_INT, 6, 0, 100000000, NULL},
	{"hz", SET_INT, 7, 1, 100000, NULL},
	{"minute", SET_DURATION, DS_MINUTE, 12, 1000000000, NULL},
	{"memory", SET_SIZE, 0, 4096, (long long)1 << 28, NULL},   /* pages: 16 MiB to 1 TiB */
	{"swap", SET_SIZE, 1, 0, (long long)1 << 28, NULL},
	{"costs", SET_COSTS, 0, 0, 0, NULL},
	{"cost", SET_COST, 0, 0, 0, NULL},
};
const size_t parse_nsettings = sizeof parse_settings / sizeof parse_settings[0];

static const struct setting *find_setting(const struct token *t)
{
	for (size_t i = 0; i < sizeof parse_settings / sizeof parse_settings[0]; i++)
		if (is_word(t, parse_settings[i].name))
			return &parse_settings[i];
	return NULL;
}

/* The words a top-level line may start with, for "did you mean": the
 * declarations and settings of the table in decl.c. */
static const char *const *top_words(void)
{
	static const char *words[64];
	if (!words[0]) {
		int n, k = 0;
		const struct decl_info *all = decl_all(&n);
		for (int i = 0; i < n && k < (int)(sizeof words / sizeof words[0]) - 1; i++)
			if (all[i].kind != DECL_HABIT)
				words[k++] = all[i].name;
		words[k] = NULL;
	}
	return words;
}

static bool parse_policy(struct parser *p)
{
	const struct sched_policy *pol = NULL;
	char name[16] = "";
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, _("the policies: rr fifo sjf stcf prio mlfq cfs cyclic multi lottery"), _("expected a policy name"));
		return false;
	}
	if (p->tok.kind == TOK_IDENT && p->tok.len < sizeof name) {
		memcpy(name, p->tok.start, p->tok.len);
		pol = sched_find(name);
	}
	if (!pol) {
		char buf[64], hint[DIAG_MSG_LEN];
		const char *near = p->tok.kind == TOK_IDENT ? diag_suggest(p->tok.start, (int)p->tok.len, sched_names()) : NULL;
		if (near)
			snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
		else
			snprintf(hint, sizeof hint, "%s", _("the policies: rr fifo sjf stcf prio mlfq cfs cyclic multi lottery"));
		diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), hint,
			 _("unknown scheduling policy %s"), parse_tok_desc(&p->tok, buf, sizeof buf));
		return false;
	}
	snprintf(p->sc->sched.policy, sizeof p->sc->sched.policy, "%s", name);
	parse_next(p);
	return true;
}

/* costs linux | none: every cost at once (cost.h). */
static bool parse_costs_mode(struct parser *p)
{
	int mode = is_word(&p->tok, "linux") ? 1 : is_word(&p->tok, "none") ? 2 : 0;
	if (!mode) {
		parse_error_near(p, _("costs linux (measured, the default with a main) or costs none (the textbooks')"),
				 _("expected linux or none"));
		return false;
	}
	p->costs_mode = mode;
	parse_next(p);
	return true;
}

/* cost NAME DURATION: one cost (cost.h's names). */
static bool parse_one_cost(struct parser *p)
{
	const char *names[COST_COUNT + 1];
	for (int k = 0; k < COST_COUNT; k++)
		names[k] = cost_info((enum cost_kind)k)->name;
	names[COST_COUNT] = NULL;
	int k = p->tok.kind == TOK_IDENT ? cost_find(p->tok.start, p->tok.len) : -1;
	if (k < 0) {
		char buf[64], hint[DIAG_MSG_LEN];
		const char *near = p->tok.kind == TOK_IDENT ? diag_suggest(p->tok.start, (int)p->tok.len, names) : NULL;
		if (near)
			snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
		else
			snprintf(hint, sizeof hint, "%s", _("the costs: procsim help costs"));
		diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), hint, _("unknown cost %s"),
			 parse_tok_desc(&p->tok, buf, sizeof buf));
		return false;
	}
	parse_next(p);
	struct pending_dur d;
	if (!parse_top_duration(p, &d))
		return false;
	if (d.unit_us == 0) {
		diag_add(p->diags, d.line, d.col, 1, _("for example: cost fork 150us"), "%s", _("a cost needs a unit"));
		return false;
	}
	p->cost[k] = d;
	return true;
}

/* switch_on io|end, io_done later|immediate, queues single|per_cpu,
 * cpu_order fixed|random, stay_after_io no|yes, io_bump no|yes: one of the
 * setting's two words, the second setting its flag. */
static bool parse_word_setting(struct parser *p, const struct setting *st)
{
	char choices[64];
	snprintf(choices, sizeof choices, _("%s takes %s or %s"), st->name, st->words[0], st->words[1]);
	for (int i = 0; p->tok.kind == TOK_IDENT && st->words[i]; i++)
		if (is_word(&p->tok, st->words[i])) {
			bool *const flags[] = {&p->sc->sched.switch_on_end, &p->sc->sched.io_done_immediate,
					       &p->sc->sched.multi_per_cpu, &p->sc->sched.multi_random_order,
					       &p->sc->sched.mlfq_stay, &p->sc->sched.mlfq_io_bump, &p->sc->core_dumps};
			*flags[st->slot] = i == 1;
			parse_next(p);
			return true;
		}
	const char *near = p->tok.kind == TOK_IDENT ? diag_suggest(p->tok.start, (int)p->tok.len, st->words) : NULL;
	char hint[DIAG_MSG_LEN], buf[64];
	if (near)
		snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
	diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), near ? hint : NULL, _("unexpected %s: %s"),
		 parse_tok_desc(&p->tok, buf, sizeof buf), choices);
	return false;
}

/* pid1 init|main|tini: who is PID 1 of main's world. */
static bool parse_pid1(struct parser *p)
{
	static const char *const kinds[] = {[PID1_INIT] = "init", [PID1_MAIN] = "main", [PID1_TINI] = "tini", NULL};
	for (int i = 0; kinds[i]; i++)
		if (is_word(&p->tok, kinds[i])) {
			p->sc->pid1 = (uint8_t)i;
			parse_next(p);
			return true;
		}
	const char *near = p->tok.kind == TOK_IDENT ? diag_suggest(p->tok.start, (int)p->tok.len, kinds) : NULL;
	char hint[DIAG_MSG_LEN];
	if (near)
		snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
	else
		snprintf(hint, sizeof hint, "%s", _("pid1 init (a classic init), main (a container without --init) or tini (--init)"));
	parse_error_near(p, hint, _("expected init, main or tini"));
	return false;
}

static void parse_setting(struct parser *p, const struct setting *st)
{
	struct token kw = p->tok;
	parse_next(p);
	bool ok = true;
	switch (st->kind) {
	case SET_STRING:
		if (p->tok.kind != TOK_STRING && !(st->slot == 1 && p->tok.kind == TOK_IDENT)) {
			parse_error_near(p, NULL, _("expected a string"));
			ok = false;
		} else {
			char *v = p->tok.kind == TOK_STRING ? lex_string_value(&p->tok) : NULL;
			char *str = v ? arena_strdup(p->A, v) : tok_str(p, &p->tok);
			free(v);
			if (st->slot == 0)
				p->sc->title = str;
			else
				p->sc->shell_name = str;
			parse_next(p);
		}
		break;
	case SET_INT: {
		int v;
		ok = parse_int_setting(p, st->name, (int)st->lo, (int)st->hi, &v);
		if (ok && st->slot == 0) p->sc->cpus = v;
		if (ok && st->slot == 1) {
			p->sc->pid_max = v;
			p->pid_max_set = true;
		}
		if (ok && st->slot == 2) p->sc->sched.mlfq_levels = v;
		if (ok && st->slot == 3) p->sc->sched.multi_cache_size = v;
		if (ok && st->slot == 4) p->sc->sched.multi_warm_rate = v;
		if (ok && st->slot == 5) p->sc->seed = p->sc->sched.seed = v; /* random.seed(v): the run's and the policy's */
		if (ok && st->slot == 6) p->sc->sched.skip_draws = v;
		if (ok && st->slot == 7) p->sc->hz = v;
		break;
	}
	case SET_DURATION:
		ok = parse_top_duration(p, &p->durs[st->slot]);
		if (ok && st->slot == DS_TICK && p->durs[DS_TICK].unit_us == 0) {
			diag_add(p->diags, p->durs[DS_TICK].line, p->durs[DS_TICK].col, 1, _("for example: tick 100ms"),
				 "%s", _("the tick length needs a unit"));
			p->durs[DS_TICK].set = false;
			ok = false;
		}
		break;
	case SET_DURATIONS:
		p->nlist[st->slot] = 0;
		for (;;) {
			if (p->nlist[st->slot] == SCHED_MAX_LEVELS) {
				parse_error_near(p, NULL, _("too many values: at most one per level"));
				ok = false;
				break;
			}
			if (!(ok = parse_top_duration(p, &p->lists[st->slot][p->nlist[st->slot]])))
				break;
			p->nlist[st->slot]++;
			if (p->tok.kind != TOK_COMMA)
				break;
			parse_next(p);
		}
		break;
	case SET_POLICY:
		ok = parse_policy(p);
		break;
	case SET_PID1:
		ok = parse_pid1(p);
		break;
	case SET_COSTS:
		ok = parse_costs_mode(p);
		break;
	case SET_COST:
		ok = parse_one_cost(p);
		break;
	case SET_WORD:
		ok = parse_word_setting(p, st);
		break;
	case SET_SIZE: {
		struct token at = p->tok;
		int64_t pages;
		ok = parse_size(p, &pages);
		if (ok && (pages < st->lo || pages > st->hi)) {
			parse_error_at(p, &at, st->slot == 0 ? _("from 16MiB to 1TiB") : _("from 0 to 1TiB"), "%s",
				       _("memory size out of range"));
			ok = false;
		}
		if (ok && st->slot == 0) p->sc->mem_pages = pages;
		if (ok && st->slot == 1) p->sc->swap_pages = pages;
		break;
	}
	}
	(void)kw;
	if (ok)
		parse_expect_line_end(p);
	else
		parse_skip_line(p);
}

void parse_add_timeline(struct parser *p, struct timeline_event *e)
{
	/* `at` lines only: jobs are added at the end, under their own limit */
	if (e->kind != TL_JOB && p->ntl == PARSE_MAX_TIMELINE) {
		diag_add(p->diags, e->line, e->col, 1, NULL, _("too many timeline events (the limit is %d)"),
			 PARSE_MAX_TIMELINE);
		return;
	}
	if (p->ntl == p->captl) {
		p->captl = p->captl ? p->captl * 2 : 16;
		p->tl = realloc(p->tl, sizeof *p->tl * (size_t)p->captl);
		if (!p->tl)
			abort();
	}
	p->tl[p->ntl++] = *e;
}

/* pkill [-SIG] [-f] PATTERN and killall [-SIG] NAME, options in any order
 * before the pattern. pkill's pattern is an extended regular expression
 * (procps compiles it with REG_EXTENDED); a bad one is an error here. */
static bool parse_pkill(struct parser *p, struct timeline_event *e)
{
	bool pkill = is_word(&p->tok, "pkill");
	e->kind = pkill ? TL_PKILL : TL_KILLALL;
	e->sig = SIG_TERM;
	parse_next(p);
	while (p->tok.kind == TOK_MINUS) {
		parse_next(p);
		if (pkill && is_word(&p->tok, "f")) {
			e->full = true;
			parse_next(p);
		} else if (!(e->sig = parse_signal(p))) {
			return false;
		}
	}
	struct token t = p->tok;
	if (t.kind == TOK_IDENT) {
		e->target_name = tok_str(p, &t);
	} else if (t.kind == TOK_STRING) {
		char *v = lex_string_value(&t);
		e->target_name = arena_strdup(p->A, v ? v : "");
		free(v);
	} else {
		parse_error_near(p, pkill ? _("a pattern: a name, or an extended regular expression in double quotes")
				   : _("the name of the processes"), _("expected a target"));
		return false;
	}
	if (pkill) {
		regex_t re;
		int rc = regcomp(&re, e->target_name, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			char why[128];
			regerror(rc, &re, why, sizeof why);
			parse_error_at(p, &t, NULL, _("bad regular expression '%s': %s"), e->target_name, why);
			return false;
		}
		regfree(&re);
	}
	parse_next(p);
	return true;
}

/* A line typed on the terminal, kept with the scenario. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static const char *typed(struct parser *p, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return arena_strdup(p->A, buf);
}

/* A job spec as bash's get_job_spec reads it: %N, %+, %%, %- or % (the
 * current job), or a bare N. Written into out as typed; false if none. */
static bool parse_jobspec(struct parser *p, char *out, size_t n)
{
	if (p->tok.kind == TOK_NUMBER && !p->tok.fraction && p->tok.micro > 0) {
		snprintf(out, n, "%lld", (long long)(p->tok.micro / 1000000));
		parse_next(p);
		return true;
	}
	if (p->tok.kind != TOK_PERCENT)
		return false;
	parse_next(p);
	const struct token *t = &p->tok;
	if (t->glued && t->kind == TOK_NUMBER && !t->fraction) {
		snprintf(out, n, "%%%lld", (long long)(t->micro / 1000000));
		parse_next(p);
	} else if (t->glued && (t->kind == TOK_PLUS || t->kind == TOK_MINUS || t->kind == TOK_PERCENT)) {
		snprintf(out, n, "%%%c", *t->start);
		parse_next(p);
	} else {
		snprintf(out, n, "%%");
	}
	return true;
}

/* run PROGRAM [&]: the command that runs PROGRAM typed at the shell's
 * prompt (main's command line for main, else the program's name), with
 * " &" for a background job. The program is looked up once every program
 * is known (parse_resolve_runs). */
static bool parse_run(struct parser *p, struct timeline_event *e)
{
	parse_next(p);
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, _("for example: run worker &"), _("expected the name of a program"));
		return false;
	}
	e->kind = TL_TYPE;
	e->target_name = tok_str(p, &p->tok);
	e->line = p->tok.line;
	e->col = p->tok.col;
	parse_next(p);
	if (p->tok.kind == TOK_AMP) {
		e->full = true;
		parse_next(p);
	}
	return true;
}

void parse_resolve_runs(struct parser *p)
{
	const char *names[PARSE_MAX_PROGRAMS + 2];
	int n = 0;
	for (int i = 0; i < p->nprogs && n < PARSE_MAX_PROGRAMS; i++)
		if (p->progs[i] != p->main_prog && !p->progs[i]->is_job)
			names[n++] = p->progs[i]->name;
	if (p->main_prog)
		names[n++] = "main";
	names[n] = NULL;
	for (int i = 0; i < p->ntl; i++) {
		struct timeline_event *e = &p->tl[i];
		if (e->kind != TL_TYPE || !e->target_name)
			continue;
		const char *name = e->target_name;
		const struct program *g = NULL;
		if (strcmp(name, "main") == 0)
			g = p->main_prog;
		else if (!p->main_prog || strcmp(name, p->main_prog->name) != 0)
			g = parse_find_program(p, name, strlen(name));
		if (!g || g->is_job) {
			if (p->names_lost)
				continue;
			const char *near = diag_suggest(name, (int)strlen(name), names);
			char hint[DIAG_MSG_LEN];
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("define it with: program NAME"));
			diag_add(p->diags, e->line, e->col, (int)strlen(name), hint, _("unknown program '%s'"), name);
			continue;
		}
		if (g->nparams) {
			diag_add(p->diags, e->line, e->col, (int)strlen(name), _("a program run from the shell takes no arguments"),
				 _("program '%s' has parameters"), name);
			continue;
		}
		e->text = typed(p, "%s%s", g->name, e->full ? " &" : "");
		e->target_name = NULL;
		e->full = false;
	}
}

/* The target of a timeline kill, attach or detach: a PID, or a command
 * name for every process of that name. */
static bool parse_tl_target(struct parser *p, struct timeline_event *e)
{
	if (p->tok.kind == TOK_NUMBER && !p->tok.fraction) {
		e->target_pid = (int)(p->tok.micro / 1000000);
		if (e->target_pid < 1) {
			parse_error_near(p, NULL, _("a PID is 1 or more"));
			return false;
		}
	} else if (p->tok.kind == TOK_IDENT) {
		e->target_name = tok_str(p, &p->tok);
	} else if (p->tok.kind == TOK_STRING) {
		char *v = lex_string_value(&p->tok);
		e->target_name = arena_strdup(p->A, v ? v : "");
		free(v);
	} else {
		parse_error_near(p, _("a PID, or a command name for every process of that name"), _("expected a target"));
		return false;
	}
	parse_next(p);
	return true;
}

static void parse_at(struct parser *p)
{
	struct token kw = p->tok;
	parse_next(p);
	struct pending_dur when;
	if (!parse_top_duration(p, &when)) {
		parse_skip_line(p);
		return;
	}
	struct timeline_event e = {.line = kw.line, .col = kw.col};
	/* Resolved to ticks in finish(): keep micro-units and unit for now. */
	e.at_us = when.micro;
	e.at_ticks = when.unit_us; /* temporarily the unit; see finish() */
	struct token cmd = p->tok;
	static const struct { const char *word; enum tl_kind kind; } cmds[] = {
		{"ctrl-z", TL_CTRL_Z}, {"ctrl-c", TL_CTRL_C}, {"bg", TL_BG}, {"fg", TL_FG}, {"jobs", TL_JOBS},
		{"wait", TL_TYPE},
	};
	static const char *const words[] = {"kill", "pkill", "killall", "type", "ctrl-z", "ctrl-c", "bg", "fg", "jobs",
					    "wait", "run", "attach", "detach", NULL};
	char spec[32];
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (is_word(&cmd, cmds[i].word)) {
			e.kind = cmds[i].kind;
			parse_next(p);
			/* bg, fg, jobs and wait are typed at the shell's prompt:
			 * `fg %2` types "fg %2". */
			if ((e.kind == TL_BG || e.kind == TL_FG) && parse_jobspec(p, spec, sizeof spec))
				e.text = typed(p, "%s %s", cmds[i].word, spec);
			else
				e.text = cmds[i].word;
			goto done;
		}
	if (is_word(&cmd, "run")) {
		if (!parse_run(p, &e))
			goto bad;
		goto done;
	}
	if (is_word(&cmd, "attach") || is_word(&cmd, "detach")) {
		/* a debugger in another terminal: gdb -p PID, then its detach */
		e.kind = is_word(&cmd, "attach") ? TL_ATTACH : TL_DETACH;
		parse_next(p);
		if (!parse_tl_target(p, &e))
			goto bad;
		goto done;
	}
	if (is_word(&cmd, "kill")) {
		e.kind = TL_KILL;
		e.sig = SIG_TERM;
		parse_next(p);
		struct token sigtok = p->tok;
		if (p->tok.kind == TOK_MINUS) {
			parse_next(p);
			sigtok = p->tok;
			if (!(e.sig = parse_signal(p)))
				goto bad;
		}
		if (p->tok.kind == TOK_PERCENT) {
			/* kill %1: a job of the shell's, so the shell's kill
			 * builtin, typed at its prompt (bash's kill_pid). */
			parse_jobspec(p, spec, sizeof spec);
			e.kind = TL_TYPE;
			e.text = sigtok.kind == TOK_PERCENT ? typed(p, "kill %s", spec)
				 : typed(p, "kill -%.*s %s", (int)sigtok.len, sigtok.start, spec);
			goto done;
		}
		if (!parse_tl_target(p, &e))
			goto bad;
	} else if (is_word(&cmd, "pkill") || is_word(&cmd, "killall")) {
		if (!parse_pkill(p, &e))
			goto bad;
	} else if (is_word(&cmd, "type")) {
		e.kind = TL_TYPE;
		parse_next(p);
		if (p->tok.kind != TOK_STRING) {
			parse_error_near(p, NULL, _("expected the typed text in double quotes"));
			goto bad;
		}
		char *v = lex_string_value(&p->tok);
		e.text = arena_strdup(p->A, v ? v : "");
		free(v);
		parse_next(p);
	} else {
		const char *near = cmd.kind == TOK_IDENT ? diag_suggest(cmd.start, (int)cmd.len, words) : NULL;
		char hint[DIAG_MSG_LEN];
		if (near)
			snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
		else
			snprintf(hint, sizeof hint, "%s", _("the timeline knows: kill, pkill, killall, type, ctrl-z, ctrl-c, bg, fg, jobs, wait, run"));
		char buf[64];
		diag_add(p->diags, cmd.line, cmd.col, tok_span(&cmd), hint, _("unknown timeline action %s"),
			 parse_tok_desc(&cmd, buf, sizeof buf));
		goto bad;
	}
done:
	parse_add_timeline(p, &e);
	parse_expect_line_end(p);
	return;
bad:
	parse_skip_line(p);
}

/* Appends a burst to a job: a `runs B` or a single `io I`, in the order
 * written. */
static void add_burst(struct job_spec *j, const struct pending_dur *d, bool io)
{
	if (j->nbursts == j->capbursts) {
		int cap = j->capbursts ? j->capbursts * 2 : 4;
		struct job_burst *b = realloc(j->bursts, sizeof *b * (size_t)cap);
		if (!b)
			abort();
		j->bursts = b;
		j->capbursts = cap;
	}
	j->bursts[j->nbursts++] = (struct job_burst){*d, io};
}

/* affinity C C...: the CPUs a job may run on (taskset -c), one or more
 * numbers; checked against `cpus` once it is known (parse_build_jobs). */
static bool parse_affinity(struct parser *p, const struct token *w, struct job_spec *j)
{
	j->affinity_at = *w;
	if (p->tok.kind != TOK_NUMBER) {
		parse_error_near(p, _("for example: affinity 0 2"), _("expected the numbers of the CPUs the job may run on"));
		return false;
	}
	while (p->tok.kind == TOK_NUMBER) {
		int c;
		if (!parse_int_setting(p, _("a CPU number"), 0, PARSE_MAX_CPUS - 1, &c))
			return false;
		j->affinity |= (uint64_t)1 << c;
	}
	return true;
}

/* job NAME arrives T[,] runs B[,] [io I every E][,] [nice N][,] [tickets N]:
 * a textbook job that arrives by itself (its parent is init) and computes B
 * ticks, doing I ticks of disk I/O after every E ticks of CPU. Or its bursts
 * one by one, in order: runs B, io I, runs B2, io I2... (the CPU-I/O burst
 * cycle; OSTEP's process-run.py writes c3,i,c2). N tickets in a lottery. */
static void parse_job(struct parser *p)
{
	struct token kw = p->tok;
	parse_next(p);
	struct job_spec j = {.line = kw.line, .col = kw.col};
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, _("for example: job A arrives 0, runs 8"), _("expected the job's name"));
		parse_skip_line(p);
		return;
	}
	j.name = p->tok;
	if (p->njobs == PARSE_MAX_JOBS) {
		if (!p->too_many_jobs)
			parse_error_at(p, &p->tok, NULL, _("too many jobs (the limit is %d)"), PARSE_MAX_JOBS);
		p->too_many_jobs = p->names_lost = true;
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	int nruns = 0;
	struct token io_every = {0};
	while (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF) {
		if (p->tok.kind == TOK_COMMA) {
			parse_next(p);
			continue;
		}
		struct token w = p->tok;
		bool ok = true;
		parse_next(p);
		if (is_word(&w, "arrives")) {
			ok = parse_top_duration(p, &j.arrives);
		} else if (is_word(&w, "runs")) {
			struct pending_dur d;
			if ((ok = parse_top_duration(p, &d)))
				add_burst(&j, &d, false);
			nruns++;
		} else if (is_word(&w, "io")) {
			struct pending_dur d;
			ok = parse_top_duration(p, &d);
			if (ok && is_word(&p->tok, "every")) { /* periodic */
				io_every = w;
				j.io = d;
				parse_next(p);
				ok = parse_top_duration(p, &j.every);
			} else if (ok) { /* one I/O, here in the order */
				add_burst(&j, &d, true);
			}
		} else if (is_word(&w, "nice")) {
			struct operand o;
			ok = parse_value(p, &o);
			if (ok && (o.kind != OPD_INT || o.num < -20 || o.num > 19)) {
				diag_add(p->diags, w.line, w.col, 4, NULL, "%s", _("nice is a number from -20 to 19"));
				ok = false;
			}
			j.nice = (int)o.num;
		} else if (is_word(&w, "tickets")) {
			struct operand o;
			ok = parse_value(p, &o);
			if (ok && (o.kind != OPD_INT || o.num < 1 || o.num > 1000000)) {
				diag_add(p->diags, w.line, w.col, 7, NULL, "%s", _("tickets is a number from 1 to 1000000"));
				ok = false;
			}
			j.tickets = (int)o.num;
		} else if (is_word(&w, "working_set")) {
			struct operand o;
			ok = parse_value(p, &o);
			if (ok && (o.kind != OPD_INT || o.num < 0 || o.num > 1000000000)) {
				diag_add(p->diags, w.line, w.col, tok_span(&w), NULL, "%s",
					 _("working_set is a whole number from 0 to 1000000000"));
				ok = false;
			}
			j.working_set = (int32_t)o.num;
		} else if (is_word(&w, "affinity")) {
			ok = parse_affinity(p, &w, &j);
		} else {
			static const char *const words[] = {"arrives", "runs", "io", "every", "nice", "tickets", "working_set", "affinity",
							    NULL};
			const char *near = w.kind == TOK_IDENT ? diag_suggest(w.start, (int)w.len, words) : NULL;
			char hint[DIAG_MSG_LEN], buf[64];
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("a job has: arrives T, runs B, io I every E, nice N, tickets N, working_set W, affinity CPU..."));
			diag_add(p->diags, w.line, w.col, tok_span(&w), hint, _("unexpected %s in a job"),
				 parse_tok_desc(&w, buf, sizeof buf));
			ok = false;
		}
		if (!ok) {
			free(j.bursts);
			parse_skip_line(p);
			return;
		}
	}
	const char *bad = NULL;
	if (nruns == 0)
		bad = _("a job needs 'runs': how long it computes");
	else if (j.io.set && j.nbursts > 1)
		bad = _("'io I every E' repeats one 'runs': write either it or the bursts in order (runs B, io I, runs B...)");
	if (bad) {
		int line = j.io.set && nruns ? io_every.line : kw.line, col = j.io.set && nruns ? io_every.col : kw.col;
		diag_add(p->diags, line, col, j.io.set && nruns ? 2 : 3,
			 j.io.set && nruns ? NULL : _("for example: job A arrives 0, runs 8"), "%s", bad);
		free(j.bursts);
		parse_skip_line(p);
		return;
	}
	if (p->njobs == p->capjobs) {
		p->capjobs = p->capjobs ? p->capjobs * 2 : 8;
		p->jobs = realloc(p->jobs, sizeof *p->jobs * (size_t)p->capjobs);
		if (!p->jobs)
			abort();
	}
	p->jobs[p->njobs++] = j; /* a name declared twice is told in parse_build_jobs */
	parse_expect_line_end(p);
}

/* Top-level declarations of shared objects and globals:
 *   var NAME = EXPR          a global; each process has its own copy
 *   lock NAME                multiprocessing.Lock()
 *   queue NAME [maxsize N]   multiprocessing.Queue(N)
 *   joinable_queue NAME [maxsize N]
 *   pipe A, B [simplex]      A, B = Pipe(duplex=True); simplex: A receives, B sends
 *   shared NAME = EXPR       a value every process reads and writes (a file) */
bool parse_declare_name(struct parser *p, const struct token *t)
{
	int index;
	if (t->kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected a name"));
		return false;
	}
	if (parse_global_find(p, t->start, t->len) >= 0 || parse_object_find(p, t->start, t->len) >= 0 ||
	    parse_find_program(p, t->start, t->len)) {
		parse_error_at(p, t, NULL, _("'%s' is declared twice"), tok_str(p, t));
		return false;
	}
	(void)index;
	return true;
}

/* Room for `more` shared objects, counting this one: a pipe is two. */
bool parse_room_for_object(struct parser *p, const struct token *name, int more)
{
	if (p->nobjects + more <= PARSE_MAX_OBJECTS)
		return true;
	if (!p->too_many_objects)
		parse_error_at(p, name, NULL, _("too many shared objects (the limit is %d)"), PARSE_MAX_OBJECTS);
	p->too_many_objects = p->names_lost = true;
	return false;
}

struct obj_decl *parse_add_object(struct parser *p, enum obj_kind kind, const struct token *name)
{
	if (p->nobjects == p->capobjects) {
		p->capobjects = p->capobjects ? p->capobjects * 2 : 8;
		p->objects = realloc(p->objects, sizeof *p->objects * (size_t)p->capobjects);
		if (!p->objects)
			abort();
	}
	struct obj_decl *o = &p->objects[p->nobjects++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->name = tok_str(p, name);
	o->peer = -1;
	o->line = name->line;
	o->col = name->col;
	parse_index_put(&p->object_index, o->name, name->len, p->nobjects - 1);
	return o;
}

static void parse_declaration(struct parser *p)
{
	struct token kw = p->tok;
	parse_next(p);
	struct token name = p->tok;
	if (is_word(&kw, "var") && p->nglobals == PARSE_MAX_GLOBALS) {
		if (!p->too_many_globals)
			parse_error_at(p, &name, NULL, _("too many global variables (the limit is %d)"), PARSE_MAX_GLOBALS);
		p->too_many_globals = p->names_lost = true;
		goto bad;
	}
	if (!is_word(&kw, "var") && !parse_room_for_object(p, &name, 1))
		goto bad;
	if (!parse_declare_name(p, &name))
		goto bad;
	parse_next(p);
	if (is_word(&kw, "var") || is_word(&kw, "shared")) {
		if (p->tok.kind != TOK_EQUALS) {
			parse_error_near(p, _("for example: var n = 10"), _("expected '='"));
			goto bad;
		}
		parse_next(p);
		/* The initial value may use only globals declared before. */
		int saved = p->nlocals;
		p->nlocals = 0;
		struct expr *e = parse_expr(p);
		p->nlocals = saved;
		if (!e)
			goto bad;
		if (is_word(&kw, "shared")) {
			parse_add_object(p, OBJ_SHARED, &name)->init = e;
		} else {
			if (p->nglobals == p->capglobals) {
				p->capglobals = p->capglobals ? p->capglobals * 2 : 8;
				p->globals = realloc(p->globals, sizeof *p->globals * (size_t)p->capglobals);
				p->global_init = realloc(p->global_init, sizeof *p->global_init * (size_t)p->capglobals);
				if (!p->globals || !p->global_init)
					abort();
			}
			p->globals[p->nglobals] = tok_str(p, &name);
			parse_index_put(&p->global_index, p->globals[p->nglobals], name.len, p->nglobals);
			p->global_init[p->nglobals++] = e;
		}
	} else if (is_word(&kw, "lock")) {
		parse_add_object(p, OBJ_LOCK, &name);
	} else if (is_word(&kw, "queue") || is_word(&kw, "joinable_queue")) {
		struct obj_decl *o = parse_add_object(p, kw.len == 5 ? OBJ_QUEUE : OBJ_JQUEUE, &name);
		if (is_word(&p->tok, "maxsize")) {
			parse_next(p);
			/* Queue(maxsize): 0 or less is unbounded (queues.py: SEM_VALUE_MAX) */
			bool negative = p->tok.kind == TOK_MINUS;
			if (negative)
				parse_next(p);
			int v;
			if (!parse_int_setting(p, "maxsize", 0, 1000000, &v))
				goto bad;
			p->objects[p->nobjects - 1].maxsize = negative ? 0 : v;
		}
		/* Manager().Queue(): the queue lives in the Manager's server process */
		if (kw.len == 5 && is_word(&p->tok, "manager")) {
			parse_next(p);
			p->objects[p->nobjects - 1].managed = true;
		}
		(void)o;
	} else if (is_word(&kw, "pipe")) {
		if (p->tok.kind == TOK_COMMA)
			parse_next(p);
		struct token second = p->tok;
		if (!parse_room_for_object(p, &second, 2) || !parse_declare_name(p, &second))
			goto bad;
		parse_next(p);
		bool simplex = false;
		if (is_word(&p->tok, "simplex") || is_word(&p->tok, "duplex")) {
			simplex = is_word(&p->tok, "simplex");
			parse_next(p);
		}
		int a = p->nobjects;
		parse_add_object(p, OBJ_PIPE_END, &name);
		parse_add_object(p, OBJ_PIPE_END, &second);
		p->objects[a].peer = a + 1;
		p->objects[a + 1].peer = a;
		/* Pipe(duplex=False) returns (receiving end, sending end). */
		p->objects[a].can_recv = true;
		p->objects[a].can_send = !simplex;
		p->objects[a + 1].can_send = true;
		p->objects[a + 1].can_recv = !simplex;
	}
	parse_expect_line_end(p);
	return;
bad:
	parse_skip_line(p);
}

void parse_top(struct parser *p)
{
	while (p->tok.kind != TOK_EOF) {
		struct token t = p->tok;
		if (t.kind == TOK_NEWLINE) {
			parse_next(p);
			continue;
		}
		if (t.kind == TOK_INDENT) {
			parse_error_near(p, _("only the lines of a program are indented"), _("unexpected indentation"));
			parse_skip_line(p);
			continue;
		}
		if (t.kind == TOK_DEDENT) {
			parse_next(p);
			continue;
		}
		if (t.kind != TOK_IDENT) {
			parse_error_near(p, NULL, _("expected a setting, 'program', 'main' or 'at'"));
			parse_skip_line(p);
			continue;
		}
		if (is_word(&t, "program"))
			parse_program(p, false);
		else if (is_word(&t, "main"))
			parse_program(p, true);
		else if (is_word(&t, "at"))
			parse_at(p);
		else if (is_word(&t, "job"))
			parse_job(p);
		else if (is_word(&t, "cron"))
			parse_cron(p);
		else if (is_word(&t, "def"))
			parse_def(p);
		else if (is_word(&t, "var") || is_word(&t, "lock") || is_word(&t, "queue") ||
			 is_word(&t, "joinable_queue") || is_word(&t, "pipe") || is_word(&t, "shared"))
			parse_declaration(p);
		else if (find_setting(&t))
			parse_setting(p, find_setting(&t));
		else {
			char hint[DIAG_MSG_LEN] = "";
			if (instr_find(t.start, (int)t.len))
				snprintf(hint, sizeof hint, "%s", _("instructions belong in a program: indent it under 'main'"));
			else {
				const char *near = diag_suggest(t.start, (int)t.len, top_words());
				if (near)
					snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			}
			parse_error_at(p, &t, hint, _("unknown setting '%s'"), tok_str(p, &t));
			parse_skip_line(p);
		}
	}
}
