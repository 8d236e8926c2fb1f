/* parse_hint.c: the hints that come with errors about Python habits and
 * near misses. A student who writes Python (`for i in range(3):`, `def f():`,
 * `print("hi")`, `p.start()`, `x += 1`) is told how procsim writes it, with
 * their own names where possible; an unknown word gets its "did you mean".
 * The errors themselves are reported with parse.c's parse_error_at. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "instr.h"
#include "parse_int.h"

/* `print("hi")`, `sleep(1)`: a Python call, where procsim writes the word
 * and its argument apart. p->tok is the '(', which no argument of these
 * starts with. The error stays the one the instruction gives (`msg` near
 * '('); the hint is the line without parentheses, with the student's own
 * argument when it is one string (print) or one duration (the others), else
 * `example`. Python sleeps in seconds, so `sleep(1)` is `sleep 1s`, as in
 * python_hint. Reads on within the line, which is skipped anyway. */
void parse_call_parens(struct parser *p, const struct token *kw, bool string, const char *msg, const char *example)
{
	struct token paren = p->tok;
	bool seconds = false;
	parse_next_on_line(p);
	struct token arg = p->tok;
	bool one = string ? arg.kind == TOK_STRING : arg.kind == TOK_NUMBER || arg.kind == TOK_IDENT;
	parse_next_on_line(p);
	if (!string && one && p->tok.kind == TOK_IDENT && p->tok.glued && arg.kind == TOK_NUMBER) {
		arg.len = (size_t)(p->tok.start + p->tok.len - arg.start); /* 500ms */
		parse_next_on_line(p);
	} else if (!string && is_word(kw, "sleep")) {
		seconds = true;
	}
	char shown[DIAG_MSG_LEN], hint[DIAG_MSG_LEN], buf[64];
	if (one && p->tok.kind == TOK_RPAREN)
		snprintf(shown, sizeof shown, "%.*s %s%.*s%s%s", (int)kw->len, kw->start,
			 seconds && arg.kind == TOK_IDENT ? "{" : "", (int)arg.len, arg.start,
			 seconds && arg.kind == TOK_IDENT ? "}" : "", seconds ? "s" : "");
	else
		snprintf(shown, sizeof shown, "%.*s %s", (int)kw->len, kw->start, example);
	snprintf(hint, sizeof hint, _("write it without parentheses: %s"), shown);
	parse_error_at(p, &paren, hint, _("%s near %s"), msg, parse_tok_desc(&paren, buf, sizeof buf));
}

/* multiprocessing's methods and the procsim instruction for each: %O is
 * the object, %R the variable that takes the result (the assignment's, or
 * x), %A the one argument (or VALUE). */
static const struct {
	const char *method, *line;
} method_lines[] = {
	{"get", "get %O as %R"}, {"get_nowait", "get %O as %R nowait"}, {"put", "put %O %A"},
	{"put_nowait", "put %O %A nowait"}, {"task_done", "task_done %O"}, {"recv", "recv %O as %R"},
	{"send", "send %O %A"}, {"close", "close %O"}, {"acquire", "acquire %O"}, {"release", "release %O"},
	{"join", "join %O"}, {"start", "start PROGRAM(ARGS) as %O"}, {"terminate", "terminate %O"},
	{"kill", "kill -KILL %O"}, {"apply_async", "apply_async %O PROGRAM(ARGS)"},
	{"apply", "apply %O PROGRAM(ARGS)"}, {"map", "map %O PROGRAM COUNT"},
};

static void append(char *out, size_t n, const char *s, size_t len)
{
	size_t used = strlen(out);
	if (used + len >= n)
		len = n - used - 1;
	memcpy(out + used, s, len);
	out[used + len] = '\0';
}

bool parse_method_hint(struct parser *p, const struct token *obj, const struct token *method, char *hint, size_t n)
{
	const char *line = NULL;
	for (size_t i = 0; i < sizeof method_lines / sizeof method_lines[0] && !line; i++)
		if (is_word(method, method_lines[i].method))
			line = method_lines[i].line;
	if (!line)
		return false;
	/* the one simple argument, if that is what the parentheses hold */
	struct token arg = {0};
	bool one = false;
	if (p->tok.kind == TOK_LPAREN) {
		parse_next_on_line(p);
		arg = p->tok;
		parse_next_on_line(p);
		one = (arg.kind == TOK_NUMBER || arg.kind == TOK_STRING || arg.kind == TOK_IDENT) &&
		      p->tok.kind == TOK_RPAREN;
	}
	const struct token *target = p->assign_target;
	char shown[DIAG_MSG_LEN] = "";
	for (const char *c = line; *c; c++) {
		if (c[0] == '%' && c[1] == 'O')
			append(shown, sizeof shown, obj->start, obj->len);
		else if (c[0] == '%' && c[1] == 'R')
			append(shown, sizeof shown, target ? target->start : "x", target ? target->len : 1);
		else if (c[0] == '%' && c[1] == 'A')
			append(shown, sizeof shown, one ? arg.start : "VALUE", one ? arg.len : 5);
		else {
			append(shown, sizeof shown, c, 1);
			continue;
		}
		c++;
	}
	snprintf(hint, n, _("write it as: %s"), shown);
	return true;
}

static const char *const reserved_words[] = {"global", "lambda", "def", "for", "return", NULL};

/* Python habits, told in procsim's words: `time.sleep(1)`, `p.start()`,
 * `f()`, `x += 1`. p->tok is the token after the unknown word kw. */
static void python_hint(struct parser *p, const struct token *kw, char *hint, size_t n)
{
	hint[0] = '\0';
	if (p->tok.kind == TOK_DOT && !is_word(kw, "time") && !is_word(kw, "os")) {
		parse_next_on_line(p);
		struct token method = p->tok;
		parse_next_on_line(p);
		if (method.kind == TOK_IDENT && parse_method_hint(p, kw, &method, hint, n))
			return;
		snprintf(hint, n, "%s", _("methods are instructions here: start PROGRAM as p, join p, terminate p, put q VALUE, get q as x, acquire lock"));
	} else if (is_word(kw, "time") && p->tok.kind == TOK_DOT)
		snprintf(hint, n, "%s", _("time.sleep(1) is written: sleep 1s"));
	else if (is_word(kw, "os") && p->tok.kind == TOK_DOT)
		snprintf(hint, n, "%s", _("os.fork() is written: fork PROGRAM; os._exit(N) is: exit N"));
	else if (p->tok.kind == TOK_LPAREN)
		snprintf(hint, n, "%s", _("to run a program in a child process: start PROGRAM(ARGS) as p"));
	else if (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS || p->tok.kind == TOK_STAR)
		snprintf(hint, n, "%s", _("write the whole assignment: x = x + 1"));
}

/* The rest of a rejected line, `for i in range(N)`, told as procsim writes
 * it: `repeat N as i`; any other for loop is a `while`. p->tok is the token
 * after `for`; reads on (the line is skipped anyway). */
static void for_hint(struct parser *p, char *hint, size_t n)
{
	struct token var = p->tok, count;
	bool counted = var.kind == TOK_IDENT;
	parse_next_on_line(p);
	counted = counted && is_word(&p->tok, "in");
	parse_next_on_line(p);
	counted = counted && is_word(&p->tok, "range");
	parse_next_on_line(p);
	counted = counted && p->tok.kind == TOK_LPAREN;
	parse_next_on_line(p);
	count = p->tok;
	counted = counted && ((count.kind == TOK_NUMBER && !count.fraction) || count.kind == TOK_IDENT);
	parse_next_on_line(p);
	counted = counted && p->tok.kind == TOK_RPAREN;
	if (counted)
		snprintf(hint, n, _("write it as: repeat %.*s as %.*s"), (int)count.len, count.start, (int)var.len,
			 var.start);
	else
		snprintf(hint, n, "%s", _("a counted loop is written: repeat N as i; any other loop: while COND"));
}

/* A word that begins an instruction line but is no instruction (kw; p->tok
 * is the token after it): an `else` out of place, a word reserved for later,
 * a Python habit or a typo. Reports it, with a hint, and skips the line. */
void parse_unknown_instruction(struct parser *p, const struct token *kw)
{
	if (is_word(kw, "else") || is_word(kw, "elif") || is_word(kw, "except")) {
		parse_error_at(p, kw, _("it must follow the block of an 'if' (or a 'try') at the same indentation"),
			       _("'%s' without its 'if' or 'try'"), tok_str(p, kw));
		parse_skip_line(p);
		return;
	}
	for (int i = 0; reserved_words[i]; i++)
		if (is_word(kw, reserved_words[i])) {
			char hint[DIAG_MSG_LEN];
			parse_reject_line(p, kw);
			if (is_word(kw, "for"))
				for_hint(p, hint, sizeof hint);
			else if (is_word(kw, "def"))
				snprintf(hint, sizeof hint, "%s",
					 _("a function is written: program NAME(PARAMS), at the top level"));
			else
				snprintf(hint, sizeof hint, "%s", _("it is reserved for a later version of the language"));
			parse_error_at(p, kw, hint, _("'%s' is not an instruction yet"), reserved_words[i]);
			parse_skip_line(p);
			return;
		}
	const char *near = diag_suggest(kw->start, (int)kw->len, instr_names());
	char hint[DIAG_MSG_LEN];
	python_hint(p, kw, hint, sizeof hint);
	if (hint[0])
		;
	else if (near)
		snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
	else
		snprintf(hint, sizeof hint, "%s", _("`procsim help` lists the instructions"));
	parse_error_at(p, kw, hint, _("unknown instruction '%s'"), tok_str(p, kw));
	parse_skip_line(p);
}

/* `def f(a, b):`, a Python function at the top level: a procsim program is
 * one (`program f(a, b)`), so the hint gives the header to write, from the
 * student's own name and parameters when they are plain names. */
void parse_def(struct parser *p)
{
	struct token kw = p->tok, name;
	parse_reject_line(p, &kw);
	parse_next_on_line(p);
	name = p->tok;
	const char *end = name.start + name.len; /* the header to echo: name.start .. end */
	bool plain = name.kind == TOK_IDENT;
	parse_next_on_line(p);
	if (plain && p->tok.kind == TOK_LPAREN) {
		bool params = false;
		for (;;) {
			parse_next_on_line(p);
			if (p->tok.kind == TOK_IDENT)
				params = true;
			else if (p->tok.kind != TOK_COMMA)
				break;
		}
		if (p->tok.kind != TOK_RPAREN)
			plain = false; /* `def f(n=3)`, `def f(*args)`, no ')' */
		else if (params)
			end = p->tok.start + p->tok.len;
	}
	char hint[DIAG_MSG_LEN];
	if (plain && is_word(&name, "main"))
		snprintf(hint, sizeof hint, "%s", _("write the line as just: main"));
	else if (plain)
		snprintf(hint, sizeof hint, _("write the header as: program %.*s"), (int)(end - name.start), name.start);
	else
		snprintf(hint, sizeof hint, "%s", _("a function is written: program NAME(PARAMS), at the top level"));
	parse_error_at(p, &kw, hint, "%s", _("a program is declared with 'program', not 'def'"));
	parse_skip_line(p);
}

/* `x in (1, 2)`: procsim has no `in`; the hint spells the comparisons out
 * with the student's own name and values. p->tok is `in`; the name is the
 * word just before it in the source. Reads on within the line. */
void parse_in_hint(struct parser *p, char *hint, size_t n)
{
	const char *end = p->tok.start, *start = end;
	while (start > p->src && (start[-1] == ' ' || start[-1] == '\t'))
		start--;
	end = start;
	while (start > p->src && (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
		start--;
	char lhs[64];
	snprintf(lhs, sizeof lhs, "%.*s", end > start ? (int)(end - start) : 1, end > start ? start : "x");
	char shown[DIAG_MSG_LEN] = "";
	parse_next_on_line(p);
	bool open = p->tok.kind == TOK_LPAREN || p->tok.kind == TOK_LBRACKET;
	int items = 0;
	while (open) {
		parse_next_on_line(p);
		struct token v = p->tok;
		if (v.kind != TOK_NUMBER && v.kind != TOK_STRING && v.kind != TOK_IDENT)
			break;
		char one[DIAG_MSG_LEN];
		snprintf(one, sizeof one, "%s%s == %.*s", items ? " or " : "", lhs, (int)v.len, v.start);
		append(shown, sizeof shown, one, strlen(one));
		items++;
		parse_next_on_line(p);
		if (p->tok.kind != TOK_COMMA)
			break;
	}
	if (items == 0)
		snprintf(shown, sizeof shown, "%s == A or %s == B", lhs, lhs);
	snprintf(hint, n, _("procsim has no 'in': compare one by one: %s"), shown);
}
