/* parse_expr.c: expressions and the values of instructions. Strings with
 * {placeholders}, NAME.attr, arithmetic, comparisons and `and`/`or` by
 * precedence, read by recursive descent into a tree of struct expr (eval.c
 * evaluates it); the simple cases become plain operands. Also durations
 * (NUMBER or VAR and a unit) and signals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "sig.h"
#include "parse_int.h"

static struct expr *new_expr(struct parser *p, enum expr_op op, const struct token *at);
static enum expr_attr attr_find(const char *s, size_t n);

/* What `{name}` in a string stands for: a variable of the program, one of
 * the built-in placeholders, a global, a shared object, or NAME.ATTR. */
static void placeholder(struct parser *p, const char *name, size_t n, int line, int col, struct fmt_piece *pc)
{
	const char *dot = memchr(name, '.', n);
	size_t base = dot ? (size_t)(dot - name) : n;
	int index;
	enum name_kind k = parse_name_lookup(p, name, base, &index);
	if (!dot && k == NAME_LOCAL) {
		pc->var = index;
		return;
	}
	if (!dot) {
		static const enum fmt_piece_kind kinds[] = {FMT_NAME, FMT_PID, FMT_PPID, FMT_TICK, FMT_TIME, FMT_ELAPSED};
		for (int i = 0; parse_builtin_placeholders[i]; i++)
			if (strlen(parse_builtin_placeholders[i]) == n && memcmp(parse_builtin_placeholders[i], name, n) == 0) {
				pc->kind = kinds[i];
				return;
			}
	}
	if (k == NAME_NONE) {
		parse_unknown_name(p, name, base, line, col);
		return;
	}
	struct token at = {.line = line, .col = col};
	struct expr *e = new_expr(p, k == NAME_LOCAL ? EX_LOCAL : k == NAME_GLOBAL ? EX_GLOBAL : EX_OBJ, &at);
	e->index = index;
	if (dot) {
		size_t alen = n - base - 1;
		if (alen >= 2 && memcmp(dot + 1 + alen - 2, "()", 2) == 0)
			alen -= 2;
		enum expr_attr a = attr_find(dot + 1, alen);
		if (a == ATTR_COUNT) {
			diag_add(p->diags, line, col + (int)base + 1, (int)alen, NULL, _("unknown attribute '%.*s'"),
				 (int)alen, dot + 1);
			return;
		}
		struct expr *x = new_expr(p, EX_ATTR, &at);
		x->attr = (uint8_t)a;
		x->a = e;
		e = x;
	}
	pc->kind = FMT_EXPR;
	pc->expr = e;
}

/* Compiles a string literal's body into text and placeholders. Works on the
 * raw token so that a column in the message points into the source line. */
struct operand parse_compile_string(struct parser *p, const struct token *t)
{
	struct operand o = {.kind = OPD_STR};
	struct fmt_piece pieces[64];
	int np = 0;
	char *text = arena_alloc(p->A, t->len + 1);
	size_t tl = 0, seg_start = 0;
	const char *s = t->start + 1, *end = t->start + t->len - 1;
	bool has_placeholder = false;
	int col = t->col + 1;
	while (s < end) {
		char c = *s;
		if (c == '\\' && s + 1 < end) {
			char e = s[1];
			text[tl++] = e == 'n' ? '\n' : e == 't' ? '\t' : e;
			s += 2;
			col += 2;
			continue;
		}
		if ((c == '{' || c == '}') && s + 1 < end && s[1] == c) {
			text[tl++] = c;
			s += 2;
			col += 2;
			continue;
		}
		if (c == '}') {
			diag_add(p->diags, t->line, col, 1, _("write '}}' for a literal brace"), "%s",
				 _("'}' without a matching '{' in string"));
			s++, col++;
			continue;
		}
		if (c == '{') {
			const char *name = s + 1, *q = name;
			while (q < end && *q != '}' && *q != '{' && *q != '"')
				q++;
			if (q >= end || *q != '}') {
				diag_add(p->diags, t->line, col, 1, _("write '{{' for a literal brace"), "%s",
					 _("'{' without a closing '}' in string"));
				s++, col++;
				continue;
			}
			size_t n = (size_t)(q - name);
			if (np + 3 > 64) { /* text, placeholder, and room for the text after */
				diag_add(p->diags, t->line, col, 1, NULL, "%s", _("too many placeholders in one string"));
				break;
			}
			if (tl > seg_start)
				pieces[np++] = (struct fmt_piece){FMT_TEXT, text + seg_start, (int)(tl - seg_start), 0, NULL};
			struct fmt_piece pc = {FMT_VAR, NULL, 0, -1, NULL};
			placeholder(p, name, n, t->line, col + 1, &pc);
			pieces[np++] = pc;
			has_placeholder = true;
			seg_start = tl;
			col += chars(s, (size_t)(q + 1 - s));
			s = q + 1;
			continue;
		}
		int k = 1;
		while (s + k < end && ((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		memcpy(text + tl, s, (size_t)k);
		tl += (size_t)k;
		s += k;
		col++;
	}
	text[tl] = '\0';
	if (!has_placeholder) {
		o.str = text;
		return o;
	}
	if (tl > seg_start)
		pieces[np++] = (struct fmt_piece){FMT_TEXT, text + seg_start, (int)(tl - seg_start), 0, NULL};
	struct fmt *f = arena_alloc(p->A, sizeof *f);
	f->npieces = np;
	f->pieces = arena_alloc(p->A, sizeof(struct fmt_piece) * (size_t)(np ? np : 1));
	memcpy(f->pieces, pieces, sizeof(struct fmt_piece) * (size_t)np);
	o.kind = OPD_FMT;
	o.fmt = f;
	return o;
}

static struct expr *new_expr(struct parser *p, enum expr_op op, const struct token *at)
{
	struct expr *e = arena_alloc(p->A, sizeof *e);
	if (!e)
		abort();
	e->op = (uint8_t)op;
	e->line = at->line;
	e->col = at->col;
	e->index = -1;
	return e;
}

static const struct { const char *name; enum expr_attr attr; bool call; } attrs[] = {
	{"pid", ATTR_PID, false}, {"exitcode", ATTR_EXITCODE, false}, {"name", ATTR_NAME, false},
	{"is_alive", ATTR_IS_ALIVE, true}, {"daemon", ATTR_DAEMON, false},
	{"empty", ATTR_EMPTY, true}, {"full", ATTR_FULL, true}, {"qsize", ATTR_QSIZE, true},
};

static enum expr_attr attr_find(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strlen(attrs[i].name) == n && memcmp(attrs[i].name, s, n) == 0)
			return attrs[i].attr;
	return ATTR_COUNT;
}

/* `()` after a function or a method; false, reported with `hint` when the
 * '(' is missing, when something else is there. */
static bool empty_parens(struct parser *p, const char *hint)
{
	if (p->tok.kind != TOK_LPAREN) {
		parse_error_near(p, hint, _("expected '('"));
		return false;
	}
	parse_next(p);
	if (p->tok.kind != TOK_RPAREN) {
		parse_error_near(p, NULL, _("expected ')'"));
		return false;
	}
	parse_next(p);
	return true;
}

/* `(active_children())` after len; false, reported, for anything else. */
static bool len_of_active_children(struct parser *p)
{
	if (p->tok.kind != TOK_LPAREN) {
		parse_error_near(p, _("it is a function: add ()"), _("expected '('"));
		return false;
	}
	parse_next(p);
	if (!is_word(&p->tok, "active_children")) {
		parse_error_near(p, _("procsim counts only the live children: len(active_children())"),
				 _("procsim has no lists"));
		return false;
	}
	parse_next(p);
	if (!empty_parens(p, _("it is a function: add ()")))
		return false;
	if (p->tok.kind != TOK_RPAREN) {
		parse_error_near(p, NULL, _("expected ')'"));
		return false;
	}
	parse_next(p);
	return true;
}

/* len(active_children()): multiprocessing.active_children() polls each
 * child it started (_cleanup), which reaps those that have ended, and
 * returns the rest; procsim has no lists, so only its length. A bare
 * active_children() is a list: an error that says how to count it. */
static struct expr *parse_len_call(struct parser *p, const struct token *t)
{
	if (is_word(t, "active_children")) {
		parse_error_at(p, t, _("procsim counts only the live children: len(active_children())"), "%s",
			       _("procsim has no lists"));
		return NULL;
	}
	if (!len_of_active_children(p))
		return NULL;
	return new_expr(p, EX_ACTIVE_CHILDREN, t);
}

/* random.randint(A, B): t is the word random. */
static struct expr *parse_randint(struct parser *p, const struct token *t)
{
	if (p->tok.kind != TOK_DOT) {
		parse_error_near(p, _("for example: random.randint(1, 6)"), _("expected '.'"));
		return NULL;
	}
	parse_next(p);
	if (!is_word(&p->tok, "randint")) {
		char buf[64];
		diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok),
			 _("procsim knows random.randint(A, B) in expressions and random(LO, HI) as a duration"),
			 _("unknown function %s"), parse_tok_desc(&p->tok, buf, sizeof buf));
		return NULL;
	}
	struct token f = p->tok;
	parse_next(p);
	if (p->tok.kind != TOK_LPAREN) {
		parse_error_near(p, _("for example: random.randint(1, 6)"), _("expected '('"));
		return NULL;
	}
	parse_next(p);
	struct expr *a = parse_expr(p);
	if (!a)
		return NULL;
	if (p->tok.kind != TOK_COMMA) {
		parse_error_near(p, _("for example: random.randint(1, 6)"), _("expected ','"));
		return NULL;
	}
	parse_next(p);
	struct expr *b = parse_expr(p);
	if (!b)
		return NULL;
	if (p->tok.kind != TOK_RPAREN) {
		parse_error_near(p, NULL, _("expected ')'"));
		return NULL;
	}
	parse_next(p);
	struct expr *e = new_expr(p, EX_RANDINT, &f);
	(void)t;
	e->a = a;
	e->b = b;
	return e;
}

/* os.cpu_count(), os.getpid(), os.getppid(), and multiprocessing's
 * cpu_count() as `from multiprocessing import cpu_count` gives it. */
static struct expr *parse_os_call(struct parser *p, const struct token *t)
{
	static const struct { const char *name; enum expr_op op; } calls[] = {
		{"cpu_count", EX_CPU_COUNT}, {"getpid", EX_GETPID}, {"getppid", EX_GETPPID},
	};
	struct token f = *t;
	if (is_word(t, "os")) {
		if (p->tok.kind != TOK_DOT) {
			parse_error_near(p, _("for example: os.cpu_count(), os.getpid()"), _("expected '.'"));
			return NULL;
		}
		parse_next(p);
		f = p->tok;
		parse_next(p);
	}
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (is_word(&f, calls[i].name) && (is_word(t, "os") || calls[i].op == EX_CPU_COUNT))
			return empty_parens(p, _("it is a function: add ()")) ? new_expr(p, calls[i].op, &f) : NULL;
	char buf[64];
	diag_add(p->diags, f.line, f.col, tok_span(&f), _("procsim knows os.cpu_count(), os.getpid() and os.getppid()"),
		 _("unknown function %s"), parse_tok_desc(&f, buf, sizeof buf));
	return NULL;
}

/* NAME, NAME.attr or NAME.method() */
static struct expr *parse_name_expr(struct parser *p)
{
	struct token t = p->tok;
	parse_next(p);
	struct expr *e;
	if (is_word(&t, "True") || is_word(&t, "False")) {
		e = new_expr(p, EX_BOOL, &t);
		e->num = is_word(&t, "True");
		return e;
	}
	if (is_word(&t, "None"))
		return new_expr(p, EX_NONE, &t);
	int index;
	enum name_kind k = parse_name_lookup(p, t.start, t.len, &index);
	if (k == NAME_NONE && (is_word(&t, "os") || is_word(&t, "cpu_count")))
		return parse_os_call(p, &t);
	if (k == NAME_NONE && (is_word(&t, "len") || is_word(&t, "active_children")))
		return parse_len_call(p, &t);
	if (k == NAME_NONE && is_word(&t, "random"))
		return parse_randint(p, &t);
	if (k == NAME_NONE) {
		parse_unknown_name(p, t.start, t.len, t.line, t.col);
		return NULL;
	}
	e = new_expr(p, k == NAME_LOCAL ? EX_LOCAL : k == NAME_GLOBAL ? EX_GLOBAL : EX_OBJ, &t);
	e->index = index;
	if (p->tok.kind != TOK_DOT)
		return e;
	parse_next(p);
	struct token a = p->tok;
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (is_word(&a, attrs[i].name)) {
			parse_next(p);
			if (attrs[i].call && !empty_parens(p, _("it is a method: add ()")))
				return NULL;
			struct expr *x = new_expr(p, EX_ATTR, &a);
			x->attr = (uint8_t)attrs[i].attr;
			x->a = e;
			return x;
		}
	static const char *const names[] = {"pid", "exitcode", "name", "is_alive", "daemon", "empty", "full", "qsize", NULL};
	const char *near = a.kind == TOK_IDENT ? diag_suggest(a.start, (int)a.len, names) : NULL;
	char hint[DIAG_MSG_LEN];
	if (a.kind == TOK_IDENT) {
		/* `res = q.get()`: a method that is an instruction in procsim */
		parse_next_on_line(p);
		if (parse_method_hint(p, &t, &a, hint, sizeof hint)) {
			diag_add(p->diags, a.line, a.col, tok_span(&a), hint, _("%.*s.%.*s() is not a value: it is an instruction"),
				 (int)t.len, t.start, (int)a.len, a.start);
			return NULL;
		}
	}
	if (near)
		snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
	else
		snprintf(hint, sizeof hint, "%s", _("a process has pid, exitcode, name, daemon, is_alive(); a queue has empty(), full(), qsize()"));
	char buf[64];
	diag_add(p->diags, a.line, a.col, tok_span(&a), hint, _("unknown attribute %s"), parse_tok_desc(&a, buf, sizeof buf));
	return NULL;
}

/* Expressions are read by recursive descent and evaluated by recursion on
 * their tree, so both are bounded (PARSE_MAX_EXPR_DEPTH): the parentheses
 * and unary operators open at once while reading, and the depth of the tree
 * built, which each parse function returns in *depth (a leaf is 1). A chain
 * `1 + 1 + 1 ...` needs no recursion to read, but builds a tree as deep as
 * it is long. The error is at the token where the limit is crossed, and the
 * expression is given up (NULL all the way up): one error, not one per level. */
static struct expr *too_deep(struct parser *p, const struct token *at)
{
	parse_error_at(p, at, NULL, _("expression nested too deeply (at most %d levels)"), PARSE_MAX_EXPR_DEPTH);
	return NULL;
}

/* The depth of what parse_name_expr returns: NAME, or NAME.attr over it.
 * A placeholder in a string is one of those too (see placeholder). */
static int name_depth(const struct expr *e) { return e->op == EX_ATTR ? 2 : 1; }

static int string_depth(const struct expr *e)
{
	int d = 0;
	for (int i = 0; e->op == EX_FMT && i < e->fmt->npieces; i++)
		if (e->fmt->pieces[i].kind == FMT_EXPR && name_depth(e->fmt->pieces[i].expr) > d)
			d = name_depth(e->fmt->pieces[i].expr);
	return 1 + d;
}

static struct expr *parse_level(struct parser *p, int level, int *depth);

static struct expr *parse_primary(struct parser *p, int *depth)
{
	struct token t = p->tok;
	*depth = 1;
	switch (t.kind) {
	case TOK_NUMBER: {
		if (t.fraction) {
			parse_error_near(p, _("procsim computes with whole numbers"), _("expected a whole number"));
			return NULL;
		}
		struct expr *e = new_expr(p, EX_INT, &t);
		e->num = t.micro / 1000000;
		parse_next(p);
		return e;
	}
	case TOK_STRING: {
		struct operand o = parse_compile_string(p, &t);
		struct expr *e = new_expr(p, o.kind == OPD_FMT ? EX_FMT : EX_STR, &t);
		e->str = o.str;
		e->fmt = o.fmt;
		*depth = string_depth(e);
		parse_next(p);
		return e;
	}
	case TOK_IDENT: {
		struct expr *e = parse_name_expr(p);
		if (e)
			*depth = name_depth(e);
		return e;
	}
	case TOK_LBRACE: {
		parse_next(p);
		struct expr *e = p->tok.kind == TOK_IDENT ? parse_name_expr(p) : NULL;
		if (!e) {
			if (p->tok.kind != TOK_IDENT)
				parse_error_near(p, NULL, _("expected a name"));
			return NULL;
		}
		if (p->tok.kind != TOK_RBRACE) {
			parse_error_near(p, NULL, _("expected '}'"));
			return NULL;
		}
		parse_next(p);
		*depth = name_depth(e);
		return e;
	}
	case TOK_LPAREN: {
		if (p->expr_nest == PARSE_MAX_EXPR_DEPTH)
			return too_deep(p, &t);
		parse_next(p);
		p->expr_nest++;
		struct expr *e = parse_level(p, 0, depth);
		p->expr_nest--;
		if (!e)
			return NULL;
		if (p->tok.kind != TOK_RPAREN) {
			parse_error_near(p, NULL, _("expected ')'"));
			return NULL;
		}
		parse_next(p);
		return e;
	}
	default:
		parse_error_near(p, NULL, _("expected a number, a string or a name"));
		return NULL;
	}
}

static struct expr *parse_unary(struct parser *p, int *depth)
{
	struct token t = p->tok;
	if (t.kind == TOK_MINUS || is_word(&t, "not")) {
		if (p->expr_nest == PARSE_MAX_EXPR_DEPTH)
			return too_deep(p, &t);
		parse_next(p);
		p->expr_nest++;
		struct expr *a = parse_unary(p, depth);
		p->expr_nest--;
		if (!a)
			return NULL;
		if (t.kind == TOK_MINUS && (a->op == EX_STR || a->op == EX_FMT)) {
			diag_add(p->diags, t.line, t.col, 1, NULL, "%s", _("a string cannot be negative"));
			return NULL;
		}
		if (t.kind == TOK_MINUS && a->op == EX_INT) {
			a->num = -a->num;
			return a;
		}
		if (*depth == PARSE_MAX_EXPR_DEPTH)
			return too_deep(p, &t);
		struct expr *e = new_expr(p, t.kind == TOK_MINUS ? EX_NEG : EX_NOT, &t);
		e->a = a;
		++*depth;
		return e;
	}
	return parse_primary(p, depth);
}

/* Binary operators by precedence level, lowest first. */
static const struct binop {
	int level;
	enum tok_kind tok;
	const char *word;
	enum expr_op op;
} binops[] = {
	{0, TOK_IDENT, "or", EX_OR}, {1, TOK_IDENT, "and", EX_AND},
	{2, TOK_EQEQ, NULL, EX_EQ}, {2, TOK_NE, NULL, EX_NE}, {2, TOK_LT, NULL, EX_LT},
	{2, TOK_LE, NULL, EX_LE}, {2, TOK_GT, NULL, EX_GT}, {2, TOK_GE, NULL, EX_GE},
	{3, TOK_PLUS, NULL, EX_ADD}, {3, TOK_MINUS, NULL, EX_SUB},
	{4, TOK_STAR, NULL, EX_MUL}, {4, TOK_SLASH, NULL, EX_DIV}, {4, TOK_PERCENT, NULL, EX_MOD},
};

static const struct binop *binop_at(const struct token *t, int level)
{
	for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++)
		if (binops[i].level == level && binops[i].tok == t->kind &&
		    (!binops[i].word || is_word(t, binops[i].word)))
			return &binops[i];
	return NULL;
}

static struct expr *parse_level(struct parser *p, int level, int *depth)
{
	if (level > 4)
		return parse_unary(p, depth);
	struct expr *left = parse_level(p, level + 1, depth);
	const struct binop *b;
	while (left && (b = binop_at(&p->tok, level))) {
		struct token t = p->tok;
		parse_next(p);
		int right_depth;
		struct expr *right = parse_level(p, level + 1, &right_depth);
		if (!right)
			return NULL;
		if (right_depth > *depth)
			*depth = right_depth;
		if (*depth == PARSE_MAX_EXPR_DEPTH)
			return too_deep(p, &t);
		++*depth;
		struct expr *e = new_expr(p, b->op, &t);
		e->a = left;
		e->b = right;
		left = e;
		if (level == 2 && binop_at(&p->tok, 2)) {
			parse_error_near(p, _("write 'a < b and b < c'"), _("comparisons do not chain"));
			return NULL;
		}
	}
	return left;
}

struct expr *parse_expr(struct parser *p)
{
	int depth;
	return parse_level(p, 0, &depth);
}

/* An expression as an operand: the simple cases keep their simple form. */
static void expr_to_operand(const struct expr *e, struct operand *o)
{
	memset(o, 0, sizeof *o);
	switch (e->op) {
	case EX_INT: o->kind = OPD_INT; o->num = e->num; break;
	case EX_STR: o->kind = OPD_STR; o->str = e->str; break;
	case EX_FMT: o->kind = OPD_FMT; o->fmt = e->fmt; break;
	case EX_LOCAL: o->kind = OPD_VAR; o->var = e->index; break;
	default: o->kind = OPD_EXPR; o->expr = e; break;
	}
}

/* A name or `{name}` (kept for durations such as `sleep {secs}s`). */
bool parse_var_ref(struct parser *p, struct operand *o)
{
	bool braced = p->tok.kind == TOK_LBRACE;
	if (braced)
		parse_next(p);
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected a name"));
		return false;
	}
	struct expr *e = parse_name_expr(p);
	if (!e)
		return false;
	expr_to_operand(e, o);
	if (braced) {
		if (p->tok.kind != TOK_RBRACE) {
			parse_error_near(p, NULL, _("expected '}'"));
			return false;
		}
		parse_next(p);
	}
	return true;
}

/* A value where only a number will do (an exit code, a count, a PID or a
 * handle): anything but a string literal. */
bool parse_number(struct parser *p, struct operand *o)
{
	if (p->tok.kind == TOK_STRING) {
		parse_error_near(p, _("write a number, or the name of a variable or handle"), _("expected a number, not a string"));
		return false;
	}
	return parse_value(p, o);
}

/* A value: any expression (a number, a string, a name, arithmetic...). */
bool parse_value(struct parser *p, struct operand *o)
{
	memset(o, 0, sizeof *o);
	struct expr *e = parse_expr(p);
	if (!e)
		return false;
	expr_to_operand(e, o);
	return true;
}

static const struct { const char *name; int64_t us; } units[] = {
	{"t", 0}, {"tick", 0}, {"ticks", 0}, {"us", 1}, {"ms", 1000}, {"s", 1000000},
	{"sec", 1000000}, {"min", 60000000},
};

static bool unit_lookup(const struct token *t, int64_t *us)
{
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (is_word(t, units[i].name)) {
			*us = units[i].us;
			return true;
		}
	return false;
}

/* A duration as the command line writes it (parse.h): the units above, so
 * `--quantum 2s` means what `quantum 2s` means in a file. */
bool parse_duration_text(const char *s, int64_t *micro, int64_t *unit_us)
{
	int64_t whole = 0, frac = 0, scale = 1000000;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > LEX_NUMBER_MAX)
			return false;
	}
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return false;
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
	}
	while (*p == ' ')
		p++;
	*unit_us = 0;
	bool found = *p == '\0'; /* a bare number: ticks */
	for (size_t i = 0; i < sizeof units / sizeof units[0] && !found; i++)
		if (strcmp(p, units[i].name) == 0) {
			*unit_us = units[i].us;
			found = true;
		}
	if (!found || (*unit_us == 0 && frac != 0)) /* ticks are whole, as in a file */
		return false;
	*micro = whole * 1000000 + frac;
	return true;
}

/* random(LO, HI) or random.uniform(LO, HI), two durations in units:
 * p->tok is the word random. */
static bool parse_random_duration(struct parser *p, struct duration *d)
{
	struct token at = p->tok;
	parse_next(p);
	if (p->tok.kind == TOK_DOT) {
		parse_next(p);
		if (!is_word(&p->tok, "uniform")) {
			parse_error_near(p, _("for example: sleep random(1s, 3s)"), _("expected uniform"));
			return false;
		}
		parse_next(p);
	}
	struct duration lo, hi;
	if (p->tok.kind != TOK_LPAREN) {
		parse_error_near(p, _("for example: sleep random(1s, 3s)"), _("expected '('"));
		return false;
	}
	parse_next(p);
	if (!parse_duration(p, &lo, false))
		return false;
	if (p->tok.kind != TOK_COMMA) {
		parse_error_near(p, _("for example: sleep random(1s, 3s)"), _("expected ','"));
		return false;
	}
	parse_next(p);
	if (!parse_duration(p, &hi, false))
		return false;
	if (p->tok.kind != TOK_RPAREN) {
		parse_error_near(p, NULL, _("expected ')'"));
		return false;
	}
	parse_next(p);
	if (lo.random || hi.random || lo.amount.kind != OPD_INT || hi.amount.kind != OPD_INT) {
		parse_error_at(p, &at, _("for example: sleep random(1s, 3s)"), "%s",
			       _("random(LO, HI) takes two numbers with units"));
		return false;
	}
	memset(d, 0, sizeof *d);
	d->random = true;
	d->lo_micro = lo.amount.num;
	d->lo_unit_us = lo.unit_us;
	d->hi_micro = hi.amount.num;
	d->hi_unit_us = hi.unit_us;
	return true;
}

/* DURATION := (NUMBER | {VAR} | VAR) [UNIT] | random(DURATION, DURATION);
 * in a program (not literal_only) the unit is required. */
bool parse_duration(struct parser *p, struct duration *d, bool literal_only)
{
	memset(d, 0, sizeof *d);
	struct token start = p->tok;
	int index;
	if (!literal_only && is_word(&p->tok, "random") && parse_name_lookup(p, p->tok.start, p->tok.len, &index) == NAME_NONE)
		return parse_random_duration(p, d);
	if (p->tok.kind == TOK_NUMBER) {
		d->amount.kind = OPD_INT;
		d->amount.num = p->tok.micro;
		parse_next(p);
	} else if (!literal_only && (p->tok.kind == TOK_LBRACE || p->tok.kind == TOK_IDENT)) {
		if (!parse_var_ref(p, &d->amount))
			return false;
	} else {
		parse_error_near(p, _("for example 3 (ticks), 500ms or 2s"), _("expected a duration"));
		return false;
	}
	bool has_unit = false;
	if (p->tok.kind == TOK_IDENT) {
		if (unit_lookup(&p->tok, &d->unit_us)) {
			has_unit = true;
			parse_next(p);
		} else if (p->tok.glued) {
			static const char *const names[] = {"ticks", "us", "ms", "s", "sec", "min", NULL};
			const char *near = diag_suggest(p->tok.start, (int)p->tok.len, names);
			char hint[DIAG_MSG_LEN];
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("units are ticks, us, ms, s (or sec) and min"));
			parse_error_at(p, &p->tok, hint, _("unknown time unit '%s'"), tok_str(p, &p->tok));
			parse_next(p);
			return false;
		}
	}
	/* A Python user reads `sleep 2` as time.sleep(2), two seconds; a
	 * textbook reads ticks. In a program, say which (issue 11, item 4). */
	if (!has_unit && !literal_only) {
		char hint[DIAG_MSG_LEN], what[64];
		int len = (int)(p->tok.start - start.start);
		while (len > 0 && strchr(" \t\r\n", start.start[len - 1]))
			len--;
		snprintf(what, sizeof what, "%.*s", len, start.start);
		snprintf(hint, sizeof hint, _("write %ss (seconds, as Python's time.sleep(%s)) or %s ticks (ticks of the clock)"),
			 what, what, what);
		parse_error_at(p, &start, hint, "%s", _("a duration in a program needs a unit"));
		return false;
	}
	if (d->unit_us == 0 && d->amount.kind == OPD_INT && d->amount.num % 1000000 != 0) {
		parse_error_at(p, &start, _("give a unit (0.5s) or a whole number of ticks"), "%s",
			       _("a number of ticks must be whole"));
		return false;
	}
	return true;
}

bool parse_size(struct parser *p, int64_t *pages)
{
	static const struct { const char *unit; int64_t bytes; } size_units[] = {
		{"B", 1}, {"KB", 1000}, {"MB", 1000000}, {"GB", 1000000000},
		{"KiB", 1024}, {"MiB", 1048576}, {"GiB", 1073741824},
	};
	static const char *const names[] = {"B", "KB", "MB", "GB", "KiB", "MiB", "GiB", NULL};
	if (p->tok.kind != TOK_NUMBER) {
		parse_error_near(p, _("for example 64MB, 512KiB or 1GiB"), _("expected a size"));
		return false;
	}
	struct token num = p->tok;
	parse_next(p);
	if (p->tok.kind != TOK_IDENT || !p->tok.glued) {
		parse_error_at(p, &num, _("for example 64MB, 512KiB or 1GiB"), "%s", _("a size needs a unit"));
		return false;
	}
	for (size_t i = 0; i < sizeof size_units / sizeof size_units[0]; i++)
		if (strlen(size_units[i].unit) == p->tok.len && memcmp(size_units[i].unit, p->tok.start, p->tok.len) == 0) {
			/* micro is the number times 1e6, at most 1e12: each part fits */
			int64_t bytes = num.micro / 1000000 * size_units[i].bytes + num.micro % 1000000 * size_units[i].bytes / 1000000;
			int64_t limit = (int64_t)1 << 40; /* 1 TiB: a protection against a runaway, far above a classroom */
			if (bytes > limit) {
				parse_error_at(p, &num, _("procsim's machines have at most 1 TiB"), "%s", _("size too large"));
				return false;
			}
			*pages = (int64_t)((bytes + 4095) / 4096);
			parse_next(p);
			return true;
		}
	const char *near = diag_suggest(p->tok.start, (int)p->tok.len, names);
	char hint[DIAG_MSG_LEN];
	if (near)
		snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
	else
		snprintf(hint, sizeof hint, "%s", _("units are B, KB, MB, GB, KiB, MiB and GiB"));
	parse_error_at(p, &p->tok, hint, _("unknown size unit '%s'"), tok_str(p, &p->tok));
	parse_next(p);
	return false;
}

int parse_signal(struct parser *p)
{
	if (p->tok.kind != TOK_IDENT && p->tok.kind != TOK_NUMBER) {
		parse_error_near(p, _("for example TERM, KILL, INT, USR1, STOP, CONT, CHLD or 9"), _("expected a signal"));
		return 0;
	}
	int s = sig_from_name(p->tok.start, (int)p->tok.len);
	if (!s) {
		const char *near = diag_suggest(p->tok.start, (int)p->tok.len, sig_all_names());
		char hint[DIAG_MSG_LEN];
		if (near)
			snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
		else
			snprintf(hint, sizeof hint, "%s", _("procsim knows the signals 1 to 31 of kill -l (procsim help signals)"));
		parse_error_at(p, &p->tok, hint, _("unknown signal '%s'"), tok_str(p, &p->tok));
		return 0;
	}
	parse_next(p);
	return s;
}
