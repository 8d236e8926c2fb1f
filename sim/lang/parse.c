/* parse.c: a recursive-descent parser over lines. Each top-level line is a
 * setting, a program header, `main` or a timeline event `at`. Programs compile
 * to a flat array of instructions with jumps, so the kernel runs them with a
 * program counter and no AST. On an error the parser records a diagnostic,
 * skips the rest of the line (and a block that follows it) and goes on, so one
 * run reports several mistakes. */
#include "parse_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../i18n.h"
#include "../kernel_int.h" /* MAX_OBJECTS */
#include "../sched.h"
#include "../sig.h"
#include "instr.h"
#include "lex.h"

_Static_assert(PARSE_MAX_OBJECTS <= MAX_OBJECTS, "the parser declares no more objects than the kernel holds");

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
	parse_error_near(p, NULL, _("unexpected text after the end of the instruction"));
	parse_skip_line(p);
	return false;
}

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

/* The settings, one row each. Durations are resolved to ticks in finish(),
 * once the tick length is known wherever it was set. */
enum setting_kind { SET_STRING, SET_INT, SET_DURATION, SET_DURATIONS, SET_POLICY };
static const struct setting {
	const char *name;
	enum setting_kind kind;
	int slot;             /* SET_DURATION(S): index in p->durs / p->lists; SET_INT: which */
	long long lo, hi;     /* allowed values (ticks for durations) */
} parse_settings[] = {
	{"title", SET_STRING, 0, 0, 0},
	{"shell", SET_STRING, 1, 0, 0},
	{"tick", SET_DURATION, DS_TICK, 0, 0},
	{"cpus", SET_INT, 0, 1, PARSE_MAX_CPUS},
	{"pid_max", SET_INT, 1, 8, 4194304},
	{"limit", SET_DURATION, DS_LIMIT, 1, PARSE_MAX_TICKS},
	{"policy", SET_POLICY, 0, 0, 0},
	{"quantum", SET_DURATION, DS_QUANTUM, 1, 1000000},
	{"levels", SET_INT, 2, 1, SCHED_MAX_LEVELS},
	{"level_quantum", SET_DURATIONS, LS_LEVEL_QUANTUM, 1, 1000000},
	{"allotment", SET_DURATIONS, LS_ALLOTMENT, 1, 1000000000},
	{"boost", SET_DURATION, DS_BOOST, 0, 1000000000},
	{"latency", SET_DURATION, DS_LATENCY, 1, 1000000},
	{"min_granularity", SET_DURATION, DS_MIN_GRAN, 1, 1000000},
	{"switch_cost", SET_DURATION, DS_SWITCH_COST, 0, 1000},
	{"minute", SET_DURATION, DS_MINUTE, 12, 1000000000},
};

static const struct setting *find_setting(const struct token *t)
{
	for (size_t i = 0; i < sizeof parse_settings / sizeof parse_settings[0]; i++)
		if (is_word(t, parse_settings[i].name))
			return &parse_settings[i];
	return NULL;
}

static const char *const *top_words(void)
{
	static const char *words[sizeof parse_settings / sizeof parse_settings[0] + 11];
	if (!words[0]) {
		size_t n = 0;
		for (size_t i = 0; i < sizeof parse_settings / sizeof parse_settings[0]; i++)
			words[n++] = parse_settings[i].name;
		words[n++] = "program";
		words[n++] = "main";
		words[n++] = "at";
		words[n++] = "job";
		words[n++] = "var";
		words[n++] = "lock";
		words[n++] = "queue";
		words[n++] = "joinable_queue";
		words[n++] = "pipe";
		words[n++] = "shared";
		words[n] = NULL;
	}
	return words;
}

static bool parse_policy(struct parser *p)
{
	const struct sched_policy *pol = NULL;
	char name[16] = "";
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, _("the policies: rr fifo sjf stcf prio mlfq cfs"), _("expected a policy name"));
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
			snprintf(hint, sizeof hint, "%s", _("the policies: rr fifo sjf stcf prio mlfq cfs"));
		diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), hint,
			 _("unknown scheduling policy %s"), parse_tok_desc(&p->tok, buf, sizeof buf));
		return false;
	}
	snprintf(p->sc->sched.policy, sizeof p->sc->sched.policy, "%s", name);
	parse_next(p);
	return true;
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
		if (ok && st->slot == 1) p->sc->pid_max = v;
		if (ok && st->slot == 2) p->sc->sched.mlfq_levels = v;
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
	}
	(void)kw;
	if (ok)
		parse_expect_line_end(p);
	else
		parse_skip_line(p);
}

void parse_add_timeline(struct parser *p, struct timeline_event *e)
{
	if (p->ntl == PARSE_MAX_TIMELINE) {
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
	};
	static const char *const words[] = {"kill", "type", "ctrl-z", "ctrl-c", "bg", "fg", "jobs", NULL};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (is_word(&cmd, cmds[i].word)) {
			e.kind = cmds[i].kind;
			parse_next(p);
			goto done;
		}
	if (is_word(&cmd, "kill")) {
		e.kind = TL_KILL;
		e.sig = SIG_TERM;
		parse_next(p);
		if (p->tok.kind == TOK_MINUS) {
			parse_next(p);
			if (!(e.sig = parse_signal(p)))
				goto bad;
		}
		if (p->tok.kind == TOK_NUMBER && !p->tok.fraction) {
			e.target_pid = (int)(p->tok.micro / 1000000);
			if (e.target_pid < 1) {
				parse_error_near(p, NULL, _("a PID is 1 or more"));
				goto bad;
			}
		} else if (p->tok.kind == TOK_IDENT) {
			e.target_name = tok_str(p, &p->tok);
		} else if (p->tok.kind == TOK_STRING) {
			char *v = lex_string_value(&p->tok);
			e.target_name = arena_strdup(p->A, v ? v : "");
			free(v);
		} else {
			parse_error_near(p, _("a PID, or a command name for every process of that name"), _("expected a target"));
			goto bad;
		}
		parse_next(p);
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
			snprintf(hint, sizeof hint, "%s", _("the timeline knows: kill, type, ctrl-z, ctrl-c, bg, fg, jobs"));
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

/* job NAME arrives T[,] runs B[,] [io I every E][,] [nice N]: a textbook job
 * that arrives by itself (its parent is init) and computes B ticks, doing I
 * ticks of disk I/O after every E ticks of CPU. */
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
	if (p->njobs == PARSE_MAX_JOBS) { /* before the search below, which is linear */
		if (!p->too_many_jobs)
			parse_error_at(p, &p->tok, NULL, _("too many jobs (the limit is %d)"), PARSE_MAX_JOBS);
		p->too_many_jobs = p->names_lost = true;
		parse_skip_line(p);
		return;
	}
	for (int i = 0; i < p->njobs; i++)
		if (p->jobs[i].name.len == j.name.len && memcmp(p->jobs[i].name.start, j.name.start, j.name.len) == 0) {
			parse_error_at(p, &p->tok, NULL, _("job '%s' is declared twice"), tok_str(p, &p->tok));
			parse_skip_line(p);
			return;
		}
	parse_next(p);
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
			ok = parse_top_duration(p, &j.runs);
		} else if (is_word(&w, "io")) {
			ok = parse_top_duration(p, &j.io);
			if (ok && !is_word(&p->tok, "every")) {
				parse_error_near(p, _("for example: io 5 every 2 (5 ticks of I/O after every 2 ticks of CPU)"),
						 _("expected 'every'"));
				ok = false;
			}
			if (ok) {
				parse_next(p);
				ok = parse_top_duration(p, &j.every);
			}
		} else if (is_word(&w, "nice")) {
			struct operand o;
			ok = parse_value(p, &o);
			if (ok && (o.kind != OPD_INT || o.num < -20 || o.num > 19)) {
				diag_add(p->diags, w.line, w.col, 4, NULL, "%s", _("nice is a number from -20 to 19"));
				ok = false;
			}
			j.nice = (int)o.num;
		} else {
			static const char *const words[] = {"arrives", "runs", "io", "every", "nice", NULL};
			const char *near = w.kind == TOK_IDENT ? diag_suggest(w.start, (int)w.len, words) : NULL;
			char hint[DIAG_MSG_LEN], buf[64];
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("a job has: arrives T, runs B, io I every E, nice N"));
			diag_add(p->diags, w.line, w.col, tok_span(&w), hint, _("unexpected %s in a job"),
				 parse_tok_desc(&w, buf, sizeof buf));
			ok = false;
		}
		if (!ok) {
			parse_skip_line(p);
			return;
		}
	}
	if (!j.runs.set) {
		diag_add(p->diags, kw.line, kw.col, 3, _("for example: job A arrives 0, runs 8"), "%s",
			 _("a job needs 'runs': how long it computes"));
		parse_skip_line(p);
		return;
	}
	if (p->njobs == p->capjobs) {
		p->capjobs = p->capjobs ? p->capjobs * 2 : 8;
		p->jobs = realloc(p->jobs, sizeof *p->jobs * (size_t)p->capjobs);
		if (!p->jobs)
			abort();
	}
	p->jobs[p->njobs++] = j;
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
			int v;
			if (!parse_int_setting(p, "maxsize", 0, 1000000, &v))
				goto bad;
			p->objects[p->nobjects - 1].maxsize = v;
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

static void parse_top(struct parser *p)
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

static void finish(struct parser *p)
{
	struct scenario *sc = p->sc;
	struct pending_dur *tick = &p->durs[DS_TICK];
	if (tick->set) {
		int64_t us = duration_ticks(tick->micro, tick->unit_us, 1); /* in microseconds */
		if (us < 1000 || us > 3600000000LL)
			diag_add(p->diags, tick->line, tick->col, 1, NULL, "%s",
				 _("the tick length must be between 1ms and 1 hour"));
		else
			sc->tick_us = us;
	}
	/* Every other duration setting, now that the tick length is known. */
	for (size_t i = 0; i < sizeof parse_settings / sizeof parse_settings[0]; i++) {
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
		}
	}
	if (p->nlist[LS_ALLOTMENT] == 0) /* by default a level's allotment is its quantum */
		memcpy(sc->sched.mlfq_allotment, sc->sched.mlfq_quantum, sizeof sc->sched.mlfq_allotment);
	if (!p->durs[DS_MINUTE].set)
		sc->minute = parse_us_to_ticks(60000000, sc->tick_us); /* a real minute */
	if (sc->minute < 12)
		sc->minute = 12;
	parse_build_jobs(p);
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
	if (!p->main_line && p->njobs == 0 && p->diags->count == 0)
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
	sc->cpus = 1;
	sched_params_default(&sc->sched);
	sc->pid_max = 32768;
	sc->limit = -1;
	sc->main_index = -1;
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
