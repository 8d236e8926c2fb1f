/* parse.c: a recursive-descent parser over lines. Each top-level line is a
 * setting, a program header, `main` or a timeline event `at`. Programs compile
 * to a flat array of instructions with jumps, so the kernel runs them with a
 * program counter and no AST. On an error the parser records a diagnostic,
 * skips the rest of the line (and a block that follows it) and goes on, so one
 * run reports several mistakes.
 *
 * This file holds the entry point, parse_scenario(), the reading of tokens
 * and the reporting of errors every other part uses, and the finishing pass
 * that needs the whole file (durations once the tick is known, calls to
 * programs, the timeline in order). parse_int.h lists the other parts. */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../i18n.h"
#include "sched.h"
#include "lex.h"
#include "parse_int.h"

void parse_next(struct parser *p)
{
	p->tok = lex_next(p->lx);
	while (p->tok.kind == TOK_ERROR) {
		bool quiet = p->tok.line == p->quiet_line && p->tok.col > p->quiet_col;
		if (!quiet) {
			if (p->diags->count < DIAG_MAX)
				p->lex_diag[p->diags->count] = true;
			diag_add(p->diags, p->tok.line, p->tok.col, 1, NULL, "%s", _(p->tok.error));
		}
		p->tok = lex_next(p->lx);
	}
}

/* Some lines are recognised whole from their first word: `for i in
 * range(3):` is Python's for loop, `def f():` a Python function, whatever
 * follows. The parser reports such a line once, at that word, and what the
 * lexer finds wrong in the rest of it (the ':' that ends every Python header
 * above all) is a consequence: the reverse of drop_consequences, which keeps
 * the lexer's error and drops the parser's. The lexer cannot know the line is
 * lost, so the parser tells parse_next() to stop reporting its errors on the line
 * after `at`, and forgets one it already reported there (the token after `at`
 * is read before the parser decides: `lambda: 0`). This is done while reading,
 * not at the end, so a pasted Python file does not fill DIAG_MAX with colons.
 * An error before `at` (this line's indentation) is still news. */
void parse_reject_line(struct parser *p, const struct token *at)
{
	struct diags *d = p->diags;
	while (d->count > 0 && p->lex_diag[d->count - 1] && d->items[d->count - 1].line == at->line &&
	       d->items[d->count - 1].col > at->col)
		p->lex_diag[--d->count] = false;
	p->quiet_line = at->line;
	p->quiet_col = at->col;
}

/* A lexical error already explains its line: what the parser then says
 * about the same line is a consequence, not news. */
static void drop_consequences(struct parser *p)
{
	struct diags *d = p->diags;
	int kept = 0;
	bool lex[DIAG_MAX] = {0};
	for (int i = 0; i < d->count; i++) {
		bool consequence = false;
		if (!p->lex_diag[i])
			for (int j = 0; j < d->count; j++)
				if (p->lex_diag[j] && d->items[j].line == d->items[i].line)
					consequence = true;
		if (consequence)
			continue;
		lex[kept] = p->lex_diag[i];
		d->items[kept++] = d->items[i];
	}
	d->count = kept;
	memcpy(p->lex_diag, lex, sizeof lex);
}

const char *parse_tok_desc(const struct token *t, char *buf, size_t n)
{
	switch (t->kind) {
	case TOK_NEWLINE: return _("end of line");
	case TOK_EOF: return _("end of file");
	case TOK_INDENT: return _("an indented line");
	case TOK_DEDENT: return _("the end of the block");
	default:
		snprintf(buf, n, "'%.*s'", t->len > 40 ? 40 : (int)t->len, t->start);
		return buf;
	}
}

/* An error at the current token, Lua style: "message near 'token'". */
void parse_error_near(struct parser *p, const char *hint, const char *msg)
{
	char buf[64];
	diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), hint, _("%s near %s"), msg,
		 parse_tok_desc(&p->tok, buf, sizeof buf));
}

void parse_error_at(struct parser *p, const struct token *t, const char *hint, const char *fmt, ...)
{
	char msg[DIAG_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(p->diags, t->line, t->col, tok_span(t), hint, "%s", msg);
}

/* Reads on within the line, never past its end. */
void parse_next_on_line(struct parser *p)
{
	if (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		parse_next(p);
}

/* Skips to the next line; a block that follows the bad line is skipped too. */
void parse_skip_line(struct parser *p)
{
	while (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		parse_next(p);
	if (p->tok.kind == TOK_NEWLINE)
		parse_next(p);
	if (p->tok.kind == TOK_INDENT) {
		int depth = 0;
		do {
			if (p->tok.kind == TOK_INDENT) depth++;
			else if (p->tok.kind == TOK_DEDENT) depth--;
			parse_next(p);
		} while (depth > 0 && p->tok.kind != TOK_EOF);
	}
}

bool parse_expect_line_end(struct parser *p)
{
	if (p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF) {
		if (p->tok.kind == TOK_NEWLINE)
			parse_next(p);
		return true;
	}
	if (is_word(&p->tok, "in")) {
		struct token in = p->tok;
		char hint[DIAG_MSG_LEN];
		parse_in_hint(p, hint, sizeof hint);
		parse_error_at(p, &in, hint, "%s", _("'in' is not an operator in procsim"));
	} else {
		parse_error_near(p, NULL, _("unexpected text after the end of the instruction"));
	}
	parse_skip_line(p);
	return false;
}

/* ---- finishing: what needs the whole file --------------------------------- */

long long parse_us_to_ticks(long long us, long long tick_us)
{
	if (us <= 0)
		return 0;
	return (us + tick_us - 1) / tick_us;
}

static int cmp_timeline(const void *a, const void *b)
{
	const struct timeline_event *x = a, *y = b;
	if (x->at_ticks != y->at_ticks)
		return x->at_ticks < y->at_ticks ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line; /* file order */
}

/* f(1, n=2): the keyword arguments go to the parameters they name, as
 * Python binds them; an unknown name or a parameter given twice is an
 * error at the keyword, in Python's words. Returns false on an error. */
static bool match_keywords(struct parser *p, const struct fixup *fx, struct insn *in, const struct program *g)
{
	struct operand *bound = arena_alloc(p->A, sizeof *bound * (size_t)(g->nparams ? g->nparams : 1));
	bool *set = arena_alloc(p->A, sizeof *set * (size_t)(g->nparams ? g->nparams : 1));
	memset(set, 0, sizeof *set * (size_t)(g->nparams ? g->nparams : 1));
	int positional = 0;
	for (int i = 0; i < in->nargs; i++) {
		const struct token *kw = &fx->keywords[i];
		int at = -1;
		if (kw->kind != TOK_IDENT) {
			at = positional++;
		} else {
			for (int k = 0; k < g->nparams; k++)
				if (strlen(g->local_names[k]) == kw->len && memcmp(g->local_names[k], kw->start, kw->len) == 0)
					at = k;
			if (at < 0) {
				parse_error_at(p, kw, NULL, _("program '%s' has no parameter '%s'"), g->name, tok_str(p, kw));
				return false;
			}
		}
		if (at >= g->nparams) /* too many positional ones: the count check says so */
			return true;
		if (set[at]) {
			parse_error_at(p, kw->kind == TOK_IDENT ? kw : &fx->name, NULL,
				       _("program '%s' got two values for '%s'"), g->name, g->local_names[at]);
			return false;
		}
		set[at] = true;
		bound[at] = in->args[i];
	}
	for (int k = 0; k < g->nparams; k++)
		if (!set[k]) {
			parse_error_at(p, &fx->name, NULL, _("program '%s' is missing the argument '%s'"), g->name,
				       g->local_names[k]);
			return false;
		}
	in->args = bound;
	in->nargs = g->nparams;
	return true;
}

/* A workload of more jobs than the default pid_max leaves PIDs for, in a
 * file that does not set pid_max, gets a larger one: the smallest power of
 * two (as 32768 and 4194304 are) with room for every job alive at once plus
 * RESERVED_PIDS (300, Linux's) for init, the shell, main and its children,
 * up to PID_MAX_LIMIT. A Linux machine meant for a million processes is
 * set so (sysctl kernel.pid_max; systemd sets 4194304 on every 64-bit
 * machine), and PARSE_MAX_JOBS keeps every job within it. */
_Static_assert(PARSE_MAX_JOBS + 300 <= PARSE_PID_MAX_LIMIT, "every job can have a PID");

static void pid_max_for_jobs(struct parser *p)
{
	long long need = (long long)p->njobs + 300;
	if (p->pid_max_set || need <= p->sc->pid_max)
		return;
	long long m = p->sc->pid_max;
	while (m < need && m < PARSE_PID_MAX_LIMIT)
		m *= 2;
	p->sc->pid_max = (int)(m < PARSE_PID_MAX_LIMIT ? m : PARSE_PID_MAX_LIMIT);
}

/* What steps cost: measured (cost.h) unless the scenario says `costs none`
 * or is a textbook workload of `job` lines, whose exercises count no time
 * for system calls; then each `cost NAME DURATION`. */
static void resolve_costs(struct parser *p)
{
	bool jobs_only = !p->main_line && p->njobs > 0;
	if (p->costs_mode == 1 || (p->costs_mode == 0 && !jobs_only))
		costs_linux(&p->sc->costs);
	else
		costs_none(&p->sc->costs);
	for (int k = 0; k < COST_COUNT; k++) {
		struct pending_dur *d = &p->cost[k];
		if (!d->set)
			continue;
		int64_t us = duration_ticks(d->micro, d->unit_us, 1);
		if (us > 60000000) {
			diag_add(p->diags, d->line, d->col, 1, NULL, "%s", _("a cost must be at most 1min"));
			continue;
		}
		p->sc->costs.us[k] = (int32_t)us;
	}
}

static void finish(struct parser *p)
{
	struct scenario *sc = p->sc;
	struct pending_dur *tick = &p->durs[DS_TICK];
	if (tick->set) {
		int64_t us = duration_ticks(tick->micro, tick->unit_us, 1); /* in microseconds */
		if (us < 10 || us > 3600000000LL)
			diag_add(p->diags, tick->line, tick->col, 1, NULL, "%s",
				 _("the tick length must be between 10us and 1 hour"));
		else
			sc->tick_us = us;
	}
	/* Every other duration setting, now that the tick length is known. */
	for (size_t i = 0; i < parse_nsettings; i++) {
		const struct setting *st = &parse_settings[i];
		if (st->kind == SET_DURATIONS) {
			for (int k = 0; k < p->nlist[st->slot]; k++) {
				struct pending_dur *d = &p->lists[st->slot][k];
				int64_t v = resolve(d, sc->tick_us);
				if (v < st->lo || v > st->hi)
					diag_add(p->diags, d->line, d->col, 1, NULL, _("%s must be between %lld and %lld ticks"),
						 st->name, st->lo, st->hi);
				int64_t *dst = st->slot == LS_LEVEL_QUANTUM ? sc->sched.mlfq_quantum : sc->sched.mlfq_allotment;
				dst[k] = v;
			}
			/* A shorter list repeats its last value for the lower levels. */
			for (int k = p->nlist[st->slot]; k > 0 && k < SCHED_MAX_LEVELS; k++) {
				int64_t *dst = st->slot == LS_LEVEL_QUANTUM ? sc->sched.mlfq_quantum : sc->sched.mlfq_allotment;
				dst[k] = dst[k - 1];
			}
			continue;
		}
		if (st->kind != SET_DURATION || st->slot == DS_TICK || !p->durs[st->slot].set)
			continue;
		struct pending_dur *d = &p->durs[st->slot];
		int64_t v = resolve(d, sc->tick_us);
		if (v < st->lo || v > st->hi) {
			diag_add(p->diags, d->line, d->col, 1, NULL, _("%s must be between %lld and %lld ticks"), st->name,
				 st->lo, st->hi);
			continue;
		}
		switch (st->slot) {
		case DS_QUANTUM: sc->sched.quantum = v; break;
		case DS_LIMIT: sc->limit = v; break;
		case DS_BOOST: sc->sched.mlfq_boost = v; break;
		case DS_LATENCY: sc->sched.cfs_latency = v; break;
		case DS_MIN_GRAN: sc->sched.cfs_min_granularity = v; break;
		case DS_SWITCH_COST: sc->sched.switch_cost = v; break;
		case DS_MINUTE: sc->minute = v; break;
		case DS_PEEK: sc->sched.multi_peek = v; break;
		case DS_WARMUP: sc->sched.multi_warmup = v; break;
		}
	}
	resolve_costs(p);
	if (p->nlist[LS_ALLOTMENT] == 0) /* by default a level's allotment is its quantum */
		memcpy(sc->sched.mlfq_allotment, sc->sched.mlfq_quantum, sizeof sc->sched.mlfq_allotment);
	if (!p->durs[DS_MINUTE].set)
		sc->minute = parse_us_to_ticks(60000000, sc->tick_us); /* a real minute */
	if (sc->minute < 12)
		sc->minute = 12;
	parse_build_jobs(p);
	pid_max_for_jobs(p);
	parse_resolve_runs(p);
	for (int i = 0; i < p->ntl; i++) {
		struct pending_dur d = {p->tl[i].at_us, p->tl[i].at_ticks, 0, 0, true};
		p->tl[i].at_ticks = resolve(&d, sc->tick_us);
	}
	if (p->ntl)
		qsort(p->tl, (size_t)p->ntl, sizeof *p->tl, cmp_timeline);
	sc->ntimeline = p->ntl;
	sc->timeline = arena_alloc(p->A, sizeof *p->tl * (size_t)(p->ntl ? p->ntl : 1));
	if (p->ntl)
		memcpy(sc->timeline, p->tl, sizeof *p->tl * (size_t)p->ntl);

	const char *names[PARSE_MAX_PROGRAMS + 1];
	int n = 0;
	for (int i = 0; i < p->nprogs && n < PARSE_MAX_PROGRAMS; i++)
		if (strcmp(p->progs[i]->name, "main") != 0 || i != sc->main_index)
			names[n++] = p->progs[i]->name;
	names[n] = NULL;
	for (int f = 0; f < p->nfix; f++) {
		struct fixup *fx = &p->fix[f];
		struct insn *in = &p->progs[fx->prog]->insns[fx->insn];
		int found = parse_index_find(&p->program_index, fx->name.start, fx->name.len); /* never main */
		if (found < 0 && p->names_lost) /* most likely a program dropped past the limit */
			continue;
		if (fx->command && (found < 0 || p->progs[found]->is_job)) {
			in->a = -1; /* execve finds no such file: FileNotFoundError when it runs */
			continue;
		}
		if (fx->command && p->progs[found]->nparams) {
			char hint[DIAG_MSG_LEN];
			snprintf(hint, sizeof hint, _("give it its arguments: subprocess.run %s(...) named \"COMMAND LINE\""),
				 p->progs[found]->name);
			parse_error_at(p, &fx->name, hint, _("program '%s' takes arguments, which a command line cannot give"),
				       p->progs[found]->name);
			continue;
		}
		if (found < 0) {
			const char *near = diag_suggest(fx->name.start, (int)fx->name.len, names);
			char hint[DIAG_MSG_LEN] = "";
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("define it with: program NAME(PARAMS)"));
			parse_error_at(p, &fx->name, hint, _("unknown program '%s'"), tok_str(p, &fx->name));
			continue;
		}
		in->a = found;
		if (fx->keywords && !match_keywords(p, fx, in, p->progs[found]))
			continue;
		int want = p->progs[found]->nparams;
		if (in->nargs != want) {
			char msg[DIAG_MSG_LEN];
			snprintf(msg, sizeof msg, _("program '%s' takes %d argument(s), not %d"),
				 p->progs[found]->name, want, in->nargs);
			char hint[DIAG_MSG_LEN];
			snprintf(hint, sizeof hint, _("it is defined at line %d"), p->progs[found]->line);
			diag_add(p->diags, fx->name.line, fx->name.col, tok_span(&fx->name), hint, "%s", msg);
		}
	}
	parse_compute_demands(p);
	parse_finish_cron(p);
	if (!p->main_line && p->njobs == 0 && p->sc->ncron == 0 && p->diags->count == 0)
		diag_add(p->diags, 0, 0, 1, _("add a 'main' block (the program the shell starts) or some 'job' lines"), "%s",
			 _("the scenario has no main program and no jobs"));
}

struct scenario *parse_scenario(const char *file, const char *src, size_t len, struct diags *diags)
{
	memset(diags, 0, sizeof *diags);
	if (len > PARSE_MAX_SOURCE) {
		diag_add(diags, 0, 0, 1, NULL, _("the file is too large (the limit is %u bytes)"), PARSE_MAX_SOURCE);
		return NULL;
	}
	if (memchr(src, '\0', len)) {
		diag_add(diags, 0, 0, 1, NULL, "%s", _("the file contains a NUL byte: it is not a text file"));
		return NULL;
	}
	struct parser P = {0}, *p = &P;
	p->file = file;
	p->src = src;
	p->len = len;
	p->diags = diags;
	p->A = arena_new();
	p->lx = lex_open(src, len);
	if (!p->A || !p->lx)
		abort();
	struct scenario *sc = arena_alloc(p->A, sizeof *sc);
	sc->arena = p->A;
	sc->file = arena_strdup(p->A, file);
	sc->tick_us = 100000;
	sc->hz = PARSE_HZ_DEFAULT;
	sc->cpus = 1;
	sched_params_default(&sc->sched);
	sc->pid_max = PARSE_PID_MAX_DEFAULT;
	sc->mem_pages = 0;   /* the machine's default: 8 GiB */
	sc->swap_pages = -1; /* and 2 GiB of swap */
	sc->limit = -1;
	sc->main_index = -1;
	sc->pid1 = PID1_INIT;
	sc->seed = 0;        /* random.seed(0) unless the scenario says */
	p->sc = sc;
	parse_next(p);
	parse_top(p);
	for (int i = 0; i < p->nprogs; i++)
		if (p->progs[i]->line == p->main_line && p->main_line)
			sc->main_index = i;
	finish(p);
	if (!sc->title)
		sc->title = arena_strdup(p->A, file);
	if (!sc->shell_name)
		sc->shell_name = arena_strdup(p->A, "bash");
	sc->nglobals = p->nglobals;
	sc->global_names = arena_alloc(p->A, sizeof(char *) * (size_t)(p->nglobals + 1));
	sc->global_init = arena_alloc(p->A, sizeof(struct expr *) * (size_t)(p->nglobals + 1));
	for (int i = 0; i < p->nglobals; i++) {
		sc->global_names[i] = p->globals[i];
		sc->global_init[i] = p->global_init[i];
	}
	sc->nobjects = p->nobjects;
	sc->objects = arena_alloc(p->A, sizeof(struct obj_decl) * (size_t)(p->nobjects + 1));
	if (p->nobjects)
		memcpy(sc->objects, p->objects, sizeof(struct obj_decl) * (size_t)p->nobjects);
	sc->nprograms = p->nprogs;
	sc->programs = arena_alloc(p->A, sizeof(struct program *) * (size_t)(p->nprogs ? p->nprogs : 1));
	if (p->nprogs)
		memcpy(sc->programs, p->progs, sizeof(struct program *) * (size_t)p->nprogs);
	lex_close(p->lx);
	free(p->insns);
	free(p->progs);
	free(p->fix);
	free(p->tl);
	for (int i = 0; i < p->njobs; i++)
		free(p->jobs[i].bursts);
	free(p->jobs);
	free(p->tries);
	free(p->globals);
	free(p->global_init);
	free(p->objects);
	free(p->global_index.slots);
	free(p->object_index.slots);
	free(p->program_index.slots);
	if (diags->count) {
		drop_consequences(p);
		/* Report in source order: some checks only run once the file is read. */
		for (int i = 1; i < diags->count; i++)
			for (int j = i; j > 0; j--) {
				struct diag *a = &diags->items[j - 1], *b = &diags->items[j];
				if (a->line < b->line || (a->line == b->line && a->col <= b->col))
					break;
				struct diag t = *a;
				*a = *b;
				*b = t;
			}
		arena_free(p->A);
		return NULL;
	}
	return sc;
}

void scenario_free(struct scenario *s)
{
	if (s)
		arena_free(s->arena);
}
