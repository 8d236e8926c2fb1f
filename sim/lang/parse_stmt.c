/* parse_stmt.c: statements, the lines of a program. Each begins with an
 * instruction word; the table `parsers` below maps its opcode (instr.c) to
 * the function that reads the rest of the line and emits its instructions:
 * processes and signals, loops, if, try and assignments here, the
 * instructions on shared objects in parse_obj.c. parse_block reads an
 * indented block of statements. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "sig.h"
#include "instr.h"
#include "parse_int.h"

/* ---- instructions ------------------------------------------------------ */

/* A look at the source after `at` (the end of a token), past blanks on the
 * line, without reading tokens: the lexer has no lookahead. Returns where
 * the next character is (the end of the source if there is none). */
static const char *skip_blanks(const struct parser *p, const char *at)
{
	const char *end = p->src + p->len;
	while (at < end && (*at == ' ' || *at == '\t'))
		at++;
	return at;
}

/* The next character after `at`, past blanks; '\0' at the end. */
static char next_char(const struct parser *p, const char *at)
{
	at = skip_blanks(p, at);
	return at < p->src + p->len ? *at : '\0';
}

/* A single '=' (not '==') after `at`, past blanks. */
static bool single_equals(const struct parser *p, const char *at)
{
	at = skip_blanks(p, at);
	const char *end = p->src + p->len;
	return at < end && *at == '=' && (at + 1 == end || at[1] != '=');
}

/* NAME followed by a single '=': a keyword argument. */
static bool at_keyword(const struct parser *p)
{
	return p->tok.kind == TOK_IDENT && single_equals(p, p->tok.start + p->tok.len);
}

/* '(' VALUE, NAME=VALUE ... ')' : the arguments of a program call, the
 * keyword ones after the positional ones, as Python requires. */
bool parse_args(struct parser *p, struct operand *args, struct token *keywords, int max, const char *too_many,
		int *nargs)
{
	bool any_keyword = false;
	parse_next(p);
	while (p->tok.kind != TOK_RPAREN) {
		if (*nargs == max) {
			parse_error_near(p, NULL, too_many);
			return false;
		}
		struct token kw = {0};
		if (keywords && at_keyword(p)) {
			kw = p->tok;
			parse_next(p); /* NAME */
			parse_next(p); /* = */
			any_keyword = true;
		} else if (any_keyword) {
			parse_error_near(p, _("put the positional arguments first: f(1, n=2)"),
					 _("positional argument follows keyword argument"));
			return false;
		}
		if (keywords)
			keywords[*nargs] = kw;
		if (!parse_value(p, &args[(*nargs)++]))
			return false;
		if (p->tok.kind == TOK_COMMA)
			parse_next(p);
		else if (p->tok.kind != TOK_RPAREN) {
			parse_error_near(p, NULL, _("expected ',' or ')'"));
			return false;
		}
	}
	parse_next(p);
	return true;
}

static bool p_duration_insn(struct parser *p, const struct token *kw, bool *spends)
{
	struct duration d;
	if (p->tok.kind == TOK_LPAREN) {
		parse_call_parens(p, kw, false, _("expected a duration"), is_word(kw, "sleep") ? "1s" : "1");
		return false;
	}
	if (!parse_duration(p, &d, false))
		return false;
	const struct instr_info *ii = instr_find(kw->start, (int)kw->len);
	struct insn *i = parse_emit(p, ii->op, kw);
	i->dur = d;
	/* `sleep 0` takes no time: it does not keep a loop from spinning. */
	*spends = !(d.amount.kind == OPD_INT && d.amount.num == 0);
	return true;
}

static bool parse_as(struct parser *p, struct insn *i, int *var)
{
	parse_next(p);
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected a name after 'as'"));
		return false;
	}
	*var = parse_local_add(p, &p->tok);
	i->flags |= INSN_HAS_VAR;
	parse_next(p);
	return true;
}

/* alarm DURATION [as VAR] */
static bool p_alarm(struct parser *p, const struct token *kw, bool *spends)
{
	struct duration d;
	*spends = false;
	if (p->tok.kind == TOK_LPAREN) {
		parse_call_parens(p, kw, false, _("expected a duration"), "1s");
		return false;
	}
	if (!parse_duration(p, &d, false))
		return false;
	struct insn *i = parse_emit(p, OP_ALARM, kw);
	i->dur = d;
	if (is_word(&p->tok, "as"))
		return parse_as(p, i, &i->a);
	return true;
}

static bool p_input(struct parser *p, const struct token *kw, bool *spends)
{
	struct insn *i = parse_emit(p, OP_INPUT, kw);
	*spends = true;
	if (is_word(&p->tok, "as"))
		return parse_as(p, i, &i->a);
	return true;
}

/* start HANDLE: Process.start() on a Process made by `process`. */
static bool p_start_handle(struct parser *p, const struct token *kw, bool *spends)
{
	struct insn *i = parse_emit(p, OP_START, kw);
	i->flags |= INSN_FROM_HANDLE;
	*spends = false;
	return parse_var_ref(p, &i->opd);
}

/* PROGRAM(ARGS): the instruction op, its program resolved at the end. */
static bool parse_program_call(struct parser *p, const struct token *kw, enum opcode op)
{
	struct token name = p->tok;
	parse_next(p);
	struct operand args[64];
	struct token keywords[64];
	int nargs = 0;
	if (p->tok.kind == TOK_LPAREN && !parse_args(p, args, keywords, 64, _("too many arguments"), &nargs))
		return false;
	struct insn *i = parse_emit(p, op, kw);
	i->nargs = nargs;
	if (nargs) {
		i->args = arena_alloc(p->A, sizeof(struct operand) * (size_t)nargs);
		memcpy(i->args, args, sizeof(struct operand) * (size_t)nargs);
	}
	parse_add_fixup(p, &name);
	for (int k = 0; k < nargs; k++)
		if (keywords[k].kind == TOK_IDENT) {
			parse_fixup_keywords(p, keywords, nargs);
			break;
		}
	return true;
}

/* subprocess.run "COMMAND LINE": the command's first word names a program
 * without parameters (resolved at the end), or none: FileNotFoundError
 * when it runs. */
static bool p_command(struct parser *p, const struct token *kw)
{
	struct token word = p->tok;
	word.start++; /* past the quote */
	word.col++;
	word.len = 0;
	while (word.start + word.len < p->tok.start + p->tok.len - 1 && word.start[word.len] != ' ')
		word.len++;
	if (word.len == 0 || memchr(word.start, '{', word.len) || memchr(word.start, '\\', word.len)) {
		parse_error_near(p, _("for example: subprocess.run \"sleep 1\""), _("expected the command's name at the start of the string"));
		return false;
	}
	struct insn *i = parse_emit(p, OP_SUBPROCESS, kw);
	i->name = parse_compile_string(p, &p->tok);
	parse_add_fixup(p, &word);
	p->fix[p->nfix - 1].command = true;
	parse_next(p);
	return true;
}

/* start, fork, process, exec and subprocess.run: PROGRAM(ARGS) and what
 * may follow. */
static bool p_start(struct parser *p, const struct token *kw, bool *spends)
{
	enum opcode op = is_word(kw, "start") ? OP_START : is_word(kw, "fork") ? OP_FORK
			 : is_word(kw, "exec") ? OP_EXEC : is_word(kw, "subprocess") ? OP_SUBPROCESS : OP_PROCESS;
	bool is_start = op == OP_START || op == OP_PROCESS; /* a Process: daemon may follow */
	bool is_run = op == OP_SUBPROCESS;
	if (is_run && p->tok.kind == TOK_STRING) {
		if (!p_command(p, kw))
			return false;
	} else {
		if (p->tok.kind != TOK_IDENT) {
			parse_error_near(p, NULL, _("expected the name of a program"));
			return false;
		}
		/* `start p`: a variable, not a program, and no parentheses */
		if (op == OP_START && parse_local_find(p, p->tok.start, p->tok.len) >= 0 &&
		    next_char(p, p->tok.start + p->tok.len) != '(')
			return p_start_handle(p, kw, spends);
		if (!parse_program_call(p, kw, op))
			return false;
	}
	int insn_index = p->ninsns - 1;
	struct insn *i;
	while (p->tok.kind == TOK_IDENT) {
		i = &p->insns[insn_index];
		if (is_word(&p->tok, "as") && op != OP_EXEC) {
			if (!parse_as(p, i, &i->b))
				return false;
		} else if (is_word(&p->tok, "daemon") && is_start) {
			i->flags |= INSN_DAEMON;
			parse_next(p);
		} else if (is_word(&p->tok, "check") && is_run) {
			i->flags |= INSN_CHECK;
			parse_next(p);
		} else if (is_word(&p->tok, "named") && i->name.kind == OPD_NONE) {
			parse_next(p);
			if (p->tok.kind != TOK_STRING) {
				parse_error_near(p, NULL, _("expected a string after 'named'"));
				return false;
			}
			i->name = parse_compile_string(p, &p->tok);
			parse_next(p);
		} else {
			parse_error_near(p, is_start ? _("after the program come: as HANDLE, daemon, named \"NAME\"")
					 : op == OP_EXEC ? _("after the program comes: named \"COMMAND LINE\"")
					 : is_run ? _("after the program come: named \"COMMAND LINE\", check, as VAR")
						  : _("after the program come: as HANDLE, named \"NAME\""),
					 _("unexpected word"));
			return false;
		}
	}
	if (op == OP_PROCESS && !(p->insns[insn_index].flags & INSN_HAS_VAR)) {
		parse_error_at(p, kw, _("for example: process worker(1) as p"), "%s", _("a Process object needs a name: add 'as HANDLE'"));
		return false;
	}
	*spends = is_run; /* it waits for the child */
	return true;
}

/* subprocess.run, written as procsim writes a call: p->tok is the '.'. */
static void parse_subprocess(struct parser *p, const struct token *kw)
{
	parse_next(p);
	if (!is_word(&p->tok, "run")) {
		parse_error_near(p, _("procsim knows subprocess.run PROGRAM(ARGS) and subprocess.run \"COMMAND\""), _("unknown function"));
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	if (p->tok.kind == TOK_LPAREN) {
		parse_error_near(p, _("write the program and what follows without parentheses: subprocess.run sleeper(3) named \"sleep 1\" check as rc"),
				 _("subprocess.run takes a program of the scenario, not a list"));
		parse_skip_line(p);
		return;
	}
	bool spends = false;
	if (!p_start(p, kw, &spends))
		parse_skip_line(p);
	else
		parse_expect_line_end(p);
}

/* wait [HANDLE] [as VAR]: VAR takes the status os.wait() returns. */
static bool p_wait(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand o = {0};
	if (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF && !is_word(&p->tok, "as") && !parse_number(p, &o))
		return false;
	struct insn *i = parse_emit(p, OP_WAIT, kw);
	i->opd = o;
	*spends = true;
	if (is_word(&p->tok, "as"))
		return parse_as(p, i, &i->b);
	return true;
}

static bool p_join(struct parser *p, const struct token *kw, bool *spends)
{
	if (parse_pool_ref(p) >= 0)
		return parse_pool_op(p, kw, OP_POOL_JOIN, spends);
	int index;
	if (p->tok.kind == TOK_IDENT && parse_name_lookup(p, p->tok.start, p->tok.len, &index) == NAME_OBJECT &&
	    (p->objects[index].kind == OBJ_JQUEUE || p->objects[index].kind == OBJ_QUEUE)) {
		if (p->objects[index].kind != OBJ_JQUEUE) {
			parse_error_near(p, _("declare it with: joinable_queue NAME"), _("only a joinable queue can be joined"));
			return false;
		}
		struct operand q;
		parse_var_ref(p, &q);
		parse_emit(p, OP_QJOIN, kw)->opd = q;
		*spends = true;
		return true;
	}
	struct operand o;
	if (!parse_number(p, &o))
		return false;
	struct duration d = {0};
	bool timeout = false;
	if (is_word(&p->tok, "timeout")) {
		parse_next(p);
		if (!parse_duration(p, &d, false))
			return false;
		timeout = true;
	}
	struct insn *i = parse_emit(p, OP_JOIN, kw);
	i->opd = o;
	i->dur = d;
	if (timeout)
		i->flags |= INSN_HAS_TIMEOUT;
	*spends = true;
	return true;
}

static bool p_plain(struct parser *p, const struct token *kw, bool *spends)
{
	const struct instr_info *ii = instr_find(kw->start, (int)kw->len);
	parse_emit(p, ii->op, kw);
	*spends = ii->may_spend_time;
	return true;
}

static bool p_nice(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand o;
	if (!parse_number(p, &o))
		return false;
	parse_emit(p, OP_NICE, kw)->opd = o;
	*spends = false;
	return true;
}

/* alloc SIZE, touch SIZE: an amount of memory, in pages of 4 KiB. */
static bool p_size_insn(struct parser *p, const struct token *kw, bool *spends)
{
	int64_t pages;
	if (!parse_size(p, &pages))
		return false;
	const struct instr_info *ii = instr_find(kw->start, (int)kw->len);
	parse_emit(p, ii->op, kw)->opd = (struct operand){.kind = OPD_INT, .num = pages};
	*spends = false;
	return true;
}

static bool p_exit(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand o = {.kind = OPD_INT, .num = 0};
	if (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF && !parse_number(p, &o))
		return false;
	parse_emit(p, OP_EXIT, kw)->opd = o;
	*spends = false;
	return true;
}

/* TARGET := a handle, a PID, `self` or `parent` */
static bool parse_target(struct parser *p, struct operand *o)
{
	if (is_word(&p->tok, "self") || is_word(&p->tok, "parent")) {
		memset(o, 0, sizeof *o);
		o->kind = is_word(&p->tok, "self") ? OPD_SELF : OPD_PARENT;
		parse_next(p);
		return true;
	}
	return parse_number(p, o);
}

static bool p_kill(struct parser *p, const struct token *kw, bool *spends)
{
	int sig = SIG_TERM;
	if (p->tok.kind == TOK_MINUS) {
		parse_next(p);
		if (!p->tok.glued) {
			parse_error_near(p, _("write the signal right after '-', as in kill -KILL p1"), _("expected a signal"));
			return false;
		}
		if (!(sig = parse_signal(p)))
			return false;
	}
	struct operand o;
	if (!parse_target(p, &o))
		return false;
	struct insn *i = parse_emit(p, OP_KILL, kw);
	i->sig = (uint8_t)sig;
	i->opd = o;
	*spends = false;
	return true;
}

static bool p_terminate(struct parser *p, const struct token *kw, bool *spends)
{
	if (parse_pool_ref(p) >= 0)
		return parse_pool_op(p, kw, OP_POOL_TERMINATE, spends);
	struct operand o;
	if (!parse_number(p, &o))
		return false;
	parse_emit(p, OP_TERMINATE, kw)->opd = o;
	*spends = false;
	return true;
}

static bool p_sigaction(struct parser *p, const struct token *kw, bool *spends)
{
	struct token st = p->tok;
	int sig = parse_signal(p);
	if (!sig)
		return false;
	const struct instr_info *ii = instr_find(kw->start, (int)kw->len);
	if (!sig_catchable(sig) && (ii->op == OP_BLOCK || ii->op == OP_UNBLOCK)) {
		parse_error_at(p, &st, _("SIGKILL and SIGSTOP always act: that is what they are for"),
			       _("%s cannot be blocked"), sig_name(sig));
		return false;
	}
	if (!sig_catchable(sig) && ii->op != OP_DEFAULT) {
		parse_error_at(p, &st, _("SIGKILL and SIGSTOP always act: that is what they are for"),
			       _("%s cannot be caught or ignored"), sig_name(sig));
		return false;
	}
	struct insn *i = parse_emit(p, ii->op, kw);
	i->sig = (uint8_t)sig;
	*spends = false;
	if (ii->op != OP_ON)
		return true;
	int on_at = p->ninsns - 1;
	if (!parse_expect_line_end(p))
		return false;
	parse_emit(p, OP_JUMP, kw);
	int jump_at = p->ninsns - 1;
	p->insns[on_at].target = p->ninsns;
	bool inner = false;
	if (!parse_block(p, &inner))
		return false;
	parse_emit(p, OP_RETURN, kw);
	p->insns[jump_at].target = p->ninsns;
	return true;
}

/* atexit + block: registered when it runs; the block itself is skipped,
 * and ends with a jump back to the code's end. */
static bool p_atexit(struct parser *p, const struct token *kw, bool *spends)
{
	*spends = false;
	if (!parse_expect_line_end(p))
		return false;
	if (p->atexit_var < 0)
		p->atexit_var = parse_local_add(p, NULL);
	struct insn *i = parse_emit(p, OP_ATEXIT, kw);
	i->a = parse_local_add(p, NULL);
	int at = p->ninsns - 1;
	parse_emit(p, OP_JUMP, kw);
	int jump_at = p->ninsns - 1;
	p->insns[at].target = p->ninsns;
	bool inner = false;
	if (!parse_block(p, &inner))
		return false;
	parse_emit(p, OP_ATEXIT_DONE, kw);
	p->insns[at].b = p->ninsns;
	p->insns[jump_at].target = p->ninsns;
	return true;
}

static bool p_print(struct parser *p, const struct token *kw, bool *spends)
{
	if (p->tok.kind == TOK_LPAREN) {
		parse_call_parens(p, kw, true, _("expected a string"), "\"x = {x}\"");
		return false;
	}
	if (p->tok.kind != TOK_STRING) {
		parse_error_near(p, _("put the text in double quotes"), _("expected a string"));
		return false;
	}
	struct operand o = parse_compile_string(p, &p->tok);
	parse_next(p);
	parse_emit(p, OP_PRINT, kw)->opd = o;
	*spends = false;
	return true;
}

/* ---- loops, break and continue -------------------------------------------- */

static bool p_break(struct parser *p, const struct token *kw, bool *spends)
{
	*spends = false;
	if (!p->loop) {
		parse_error_at(p, kw, NULL, "%s", _("'break' outside a loop"));
		return false;
	}
	bool is_break = kw->len == 5;
	/* Leaving a `with` block inside this loop releases its lock first. */
	for (int i = p->nwith - 1; i >= 0 && p->with[i].loop == p->loop; i--)
		parse_emit(p, OP_RELEASE, kw)->opd = p->insns[p->with[i].acquire].opd;
	int *n = is_break ? &p->loop->nbreaks : &p->loop->nconts;
	if (*n == 64) {
		parse_error_at(p, kw, NULL, "%s", _("too many break/continue in one loop (the limit is 64)"));
		return false;
	}
	/* Inside a try of this loop, it may leave a finally block's region:
	 * OP_JUMP_OUT goes through the finally blocks first. */
	parse_emit(p, p->ntry_open > p->loop->try_depth ? OP_JUMP_OUT : OP_JUMP, kw)->b = -1;
	(is_break ? p->loop->breaks : p->loop->conts)[(*n)++] = p->ninsns - 1;
	return true;
}

static bool p_repeat(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand count;
	if (!parse_number(p, &count))
		return false;
	int counter;
	if (is_word(&p->tok, "as")) {
		parse_next(p);
		if (p->tok.kind != TOK_IDENT) {
			parse_error_near(p, NULL, _("expected a name after 'as'"));
			return false;
		}
		counter = parse_local_add(p, &p->tok);
		parse_next(p);
	} else {
		counter = parse_local_add(p, NULL);
	}
	int limit = parse_local_add(p, NULL);
	struct insn *r = parse_emit(p, OP_REPEAT, kw);
	r->opd = count;
	r->a = counter;
	r->b = limit;
	if (!parse_expect_line_end(p))
		return false;
	int test_at = p->ninsns;
	struct insn *t = parse_emit(p, OP_REPEAT_TEST, kw);
	t->a = counter;
	t->b = limit;
	struct loop_ctx l;
	parse_loop_begin(p, &l);
	bool ok = parse_block(p, spends);
	int next_at = p->ninsns;
	struct insn *j = parse_emit(p, OP_JUMP, kw);
	j->target = test_at;
	j->b = counter;
	p->insns[test_at].target = p->ninsns;
	parse_loop_end(p, &l, next_at, p->ninsns);
	return ok;
}

static bool p_loop(struct parser *p, const struct token *kw, bool *spends)
{
	int top = p->ninsns;
	parse_emit(p, OP_LOOP, kw);
	if (!parse_expect_line_end(p))
		return false;
	bool body_spends = false;
	struct loop_ctx l;
	parse_loop_begin(p, &l);
	bool ok = parse_block(p, &body_spends);
	if (ok && !body_spends) /* reported, but the block is consumed: go on after it */
		diag_add(p->diags, kw->line, kw->col, 4,
			 _("add compute, sleep, io, input, wait, join or pause to the loop"), "%s",
			 _("this loop never spends time: it would run forever within one tick"));
	parse_emit(p, OP_JUMP, kw)->target = top;
	parse_loop_end(p, &l, top, p->ninsns);
	*spends = true;
	return ok;
}

/* while COND: the condition may change through other processes (a queue
 * filling up, a shared variable), so only the runtime guard catches a
 * while that never spends time. */
static bool p_while(struct parser *p, const struct token *kw, bool *spends)
{
	int top = p->ninsns;
	struct operand cond;
	if (!parse_value(p, &cond))
		return false;
	struct insn *j = parse_emit(p, OP_JUMP_IF_NOT, kw);
	j->opd = cond;
	int test_at = p->ninsns - 1;
	if (!parse_expect_line_end(p))
		return false;
	struct loop_ctx l;
	parse_loop_begin(p, &l);
	bool ok = parse_block(p, spends);
	parse_emit(p, OP_JUMP, kw)->target = top;
	p->insns[test_at].target = p->ninsns;
	parse_loop_end(p, &l, top, p->ninsns);
	return ok;
}

/* if COND / elif COND / else */
static bool p_if(struct parser *p, const struct token *kw, bool *spends)
{
	int ends[64], nends = 0;
	bool any_spends = false;
	struct token at = *kw;
	for (;;) {
		struct operand cond;
		if (!parse_value(p, &cond))
			return false;
		struct insn *j = parse_emit(p, OP_JUMP_IF_NOT, &at);
		j->opd = cond;
		int test_at = p->ninsns - 1;
		if (!parse_expect_line_end(p))
			return false;
		bool b = false;
		if (!parse_block(p, &b))
			return false;
		any_spends |= b;
		if (nends < 64) {
			parse_emit(p, OP_JUMP, &at);
			ends[nends++] = p->ninsns - 1;
		}
		p->insns[test_at].target = p->ninsns;
		if (is_word(&p->tok, "elif")) {
			at = p->tok;
			parse_next(p);
			continue;
		}
		if (is_word(&p->tok, "else")) {
			parse_next(p);
			if (!parse_expect_line_end(p))
				return false;
			bool e = false;
			if (!parse_block(p, &e))
				return false;
			any_spends |= e;
		}
		break;
	}
	for (int i = 0; i < nends; i++)
		p->insns[ends[i]].target = p->ninsns;
	*spends = any_spends;
	return true;
}

static const char *const exception_names[EXC_COUNT + 1] = {
	[EXC_EMPTY] = "Empty", [EXC_FULL] = "Full", [EXC_EOF] = "EOFError", [EXC_VALUE] = "ValueError",
	[EXC_TYPE] = "TypeError", [EXC_ZERO_DIVISION] = "ZeroDivisionError", [EXC_OS] = "OSError",
	[EXC_ASSERTION] = "AssertionError", [EXC_BLOCKING_IO] = "BlockingIOError", [EXC_MEMORY] = "MemoryError",
	[EXC_KEYBOARD_INTERRUPT] = "KeyboardInterrupt", [EXC_OVERFLOW] = "OverflowError",
	[EXC_CHILD_PROCESS] = "ChildProcessError", [EXC_RUNTIME] = "RuntimeError",
	[EXC_CALLED_PROCESS] = "CalledProcessError", [EXC_FILE_NOT_FOUND] = "FileNotFoundError",
};

/* raise NAME ["MESSAGE"] */
static bool p_raise(struct parser *p, const struct token *kw, bool *spends)
{
	*spends = false;
	int found = -1;
	for (int i = 0; i < EXC_COUNT && p->tok.kind == TOK_IDENT; i++)
		if (is_word(&p->tok, exception_names[i]))
			found = i;
	if (found < 0) {
		const char *near = p->tok.kind == TOK_IDENT
			? diag_suggest(p->tok.start, (int)p->tok.len, exception_names) : NULL;
		char hint[DIAG_MSG_LEN];
		if (near)
			snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
		else
			snprintf(hint, sizeof hint, "%s", _("for example: raise ValueError \"bad input\""));
		parse_error_near(p, hint, _("expected the name of an exception"));
		return false;
	}
	parse_next(p);
	struct insn *i = parse_emit(p, OP_RAISE, kw);
	i->a = found;
	if (p->tok.kind == TOK_STRING) {
		i->opd = parse_compile_string(p, &p->tok);
		parse_next(p);
	}
	return true;
}

/* The name of an exception kind, as `except` and `raise` spell it. */
const char *exception_name(enum exc_kind k) { return exception_names[k]; }

/* except [NAME, NAME...]: the exceptions it catches (p->tok is after the word). */
static bool parse_except_names(struct parser *p, uint32_t *mask)
{
	*mask = 0;
	if (p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF) {
		*mask = (1u << EXC_COUNT) - 1;
		return true;
	}
	for (;;) {
		if (is_word(&p->tok, "queue") || is_word(&p->tok, "subprocess")) { /* except queue.Empty */
			parse_next(p);
			if (p->tok.kind != TOK_DOT) {
				parse_error_near(p, _("for example: except queue.Empty, except subprocess.CalledProcessError"), _("expected '.'"));
				return false;
			}
			parse_next(p);
		}
		int found = -1;
		for (int i = 0; i < EXC_COUNT; i++)
			if (is_word(&p->tok, exception_names[i]) ||
			    (p->tok.len > 6 && memcmp(p->tok.start, "queue.", 6) == 0 && /* queue.Empty */
			     strlen(exception_names[i]) == p->tok.len - 6 &&
			     memcmp(p->tok.start + 6, exception_names[i], p->tok.len - 6) == 0))
				found = i;
		if (found < 0) {
			const char *near = p->tok.kind == TOK_IDENT
				? diag_suggest(p->tok.start, (int)p->tok.len, exception_names) : NULL;
			char hint[DIAG_MSG_LEN], buf[64];
			if (near)
				snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
			else
				snprintf(hint, sizeof hint, "%s", _("procsim raises Empty, Full, EOFError, ValueError, TypeError, ZeroDivisionError, OSError, AssertionError, BlockingIOError, ChildProcessError, FileNotFoundError, CalledProcessError, MemoryError, OverflowError, RuntimeError, KeyboardInterrupt"));
			diag_add(p->diags, p->tok.line, p->tok.col, tok_span(&p->tok), hint,
				 _("unknown exception %s"), parse_tok_desc(&p->tok, buf, sizeof buf));
			return false;
		}
		*mask |= 1u << found;
		if (found == EXC_OS) /* BlockingIOError, ChildProcessError and FileNotFoundError are OSErrors */
			*mask |= 1u << EXC_BLOCKING_IO | 1u << EXC_CHILD_PROCESS | 1u << EXC_FILE_NOT_FOUND;
		parse_next(p);
		if (p->tok.kind != TOK_COMMA)
			return true;
		parse_next(p);
	}
}

/* try / except [NAME, NAME...] (one or more) / finally: as CPython's
 * compiler lays it out, the try block, then each except block, then the
 * finally block, which every way out of the first two goes through. An
 * OP_TRY at the start clears the finally's hidden variable. */
static bool p_try(struct parser *p, const struct token *kw, bool *spends)
{
	if (!parse_expect_line_end(p))
		return false;
	parse_emit(p, OP_TRY, kw)->a = -1;
	int try_at = p->ninsns - 1, start = p->ninsns;
	int ends[64], nends = 0;
	bool any = false, nexcept = false;
	p->ntry_open++;
	bool ok = parse_block(p, &any);
	int end = p->ninsns;
	while (ok && is_word(&p->tok, "except")) {
		parse_emit(p, OP_JUMP, kw); /* the try block (or the except block before) is done */
		ends[nends++] = p->ninsns - 1;
		parse_next(p);
		uint32_t mask;
		int handler = p->ninsns;
		bool b = false;
		ok = parse_except_names(p, &mask) && parse_expect_line_end(p) && parse_block(p, &b);
		any |= b;
		if (ok)
			parse_add_region(p, (struct try_region){start, end, handler, mask, false, false, -1});
		nexcept = true;
		if (ok && nends == 63 && is_word(&p->tok, "except")) {
			parse_error_near(p, NULL, _("too many except blocks (the limit is 63)"));
			ok = false;
		}
	}
	p->ntry_open--;
	if (!ok)
		return false;
	if (!nexcept && !is_word(&p->tok, "finally")) {
		parse_error_near(p, _("for example: except EOFError"), _("expected 'except' or 'finally' after the try block"));
		return false;
	}
	int fin = p->ninsns;
	for (int i = 0; i < nends; i++)
		p->insns[ends[i]].target = fin;
	if (is_word(&p->tok, "finally")) {
		parse_next(p);
		if (!parse_expect_line_end(p))
			return false;
		int var = parse_local_add(p, NULL);
		p->insns[try_at].a = var;
		bool c = false;
		if (!parse_block(p, &c))
			return false;
		any |= c;
		parse_emit(p, OP_END_FINALLY, kw)->a = var;
		parse_add_region(p, (struct try_region){start, fin, fin, (1u << EXC_COUNT) - 1, false, true, var});
	}
	*spends = any;
	return true;
}

/* let NAME = EXPR (also `set NAME = EXPR`, or just `NAME = EXPR`) */
static bool parse_assignment(struct parser *p, const struct token *name, const struct token *at)
{
	if (p->tok.kind != TOK_EQUALS) {
		parse_error_near(p, _("for example: let n = n - 1"), _("expected '='"));
		return false;
	}
	parse_next(p);
	struct operand v;
	p->assign_target = name;
	bool ok = parse_value(p, &v);
	p->assign_target = NULL;
	int index;
	enum name_kind k = parse_name_lookup(p, name->start, name->len, &index);
	if (!ok) {
		/* The name is still declared, so its uses further down are not
		 * errors of their own: one error per mistake. */
		if (k == NAME_NONE)
			parse_local_add(p, name);
		return false;
	}
	if (k == NAME_OBJECT && p->objects[index].kind != OBJ_SHARED) {
		parse_error_at(p, name, NULL, _("'%s' is a shared object: it cannot be assigned"), tok_str(p, name));
		return false;
	}
	if (k == NAME_NONE)
		index = parse_local_add(p, name);
	struct insn *i = parse_emit(p, OP_LET, at);
	i->opd = v;
	i->a = k == NAME_OBJECT ? -1 : index;
	i->b = k == NAME_OBJECT ? index : -1;
	if (k == NAME_GLOBAL)
		i->flags |= INSN_GLOBAL;
	return true;
}

static bool p_let(struct parser *p, const struct token *kw, bool *spends)
{
	*spends = false;
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected a variable name"));
		return false;
	}
	struct token name = p->tok;
	parse_next(p);
	return parse_assignment(p, &name, kw);
}

/* sys.exit([ARG]), written as in Python. p->tok is the '.'. */
static void parse_sys_exit(struct parser *p, const struct token *kw)
{
	parse_next(p);
	if (!is_word(&p->tok, "exit")) {
		parse_error_near(p, _("procsim knows sys.exit(CODE) and sys.exit(\"MESSAGE\")"), _("unknown function"));
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	if (p->tok.kind != TOK_LPAREN) {
		parse_error_near(p, _("for example: sys.exit(3)"), _("expected '('"));
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	struct operand v = {0};
	if (p->tok.kind != TOK_RPAREN && !parse_value(p, &v)) {
		parse_skip_line(p);
		return;
	}
	if (p->tok.kind != TOK_RPAREN) {
		parse_error_near(p, NULL, _("expected ')'"));
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	parse_emit(p, OP_SYS_EXIT, kw)->opd = v;
	parse_expect_line_end(p);
}

/* `p.daemon = EXPR`: the text after NAME is ".daemon", then "=". */
static bool sets_daemon(const struct parser *p, const struct token *name)
{
	const char *at = name->start + name->len;
	if (p->src + p->len - at < 7 || memcmp(at, ".daemon", 7) != 0)
		return false;
	return single_equals(p, at + 7);
}

/* Process.daemon's setter: assert self._popen is None (at run time). */
static void parse_set_daemon(struct parser *p, const struct token *name)
{
	int index = parse_local_find(p, name->start, name->len);
	parse_next(p); /* daemon */
	parse_next(p); /* = */
	if (index < 0) {
		parse_unknown_name(p, name->start, name->len, name->line, name->col);
		parse_skip_line(p);
		return;
	}
	parse_next(p);
	struct operand v;
	if (!parse_value(p, &v)) {
		parse_skip_line(p);
		return;
	}
	struct insn *i = parse_emit(p, OP_SET_DAEMON, name);
	i->a = index;
	i->opd = v;
	parse_expect_line_end(p);
}

static parse_fn *const parsers[OP_NUM_INSTRUCTIONS] = {
	[OP_COMPUTE] = p_duration_insn, [OP_SLEEP] = p_duration_insn, [OP_IO] = p_duration_insn,
	[OP_INPUT] = p_input, [OP_START] = p_start, [OP_PROCESS] = p_start, [OP_FORK] = p_start, [OP_EXEC] = p_start, [OP_SUBPROCESS] = p_start, [OP_WAIT] = p_wait,
	[OP_JOIN] = p_join, [OP_REAP] = p_plain, [OP_EXIT] = p_exit, [OP_KILL] = p_kill,
	[OP_TERMINATE] = p_terminate, [OP_IGNORE] = p_sigaction, [OP_DEFAULT] = p_sigaction,
	[OP_ON] = p_sigaction, [OP_BLOCK] = p_sigaction, [OP_UNBLOCK] = p_sigaction, [OP_PAUSE] = p_plain, [OP_ALARM] = p_alarm, [OP_SUBREAPER] = p_plain, [OP_ATEXIT] = p_atexit, [OP_CRASH] = p_plain, [OP_PRINT] = p_print,
	[OP_REPEAT] = p_repeat, [OP_LOOP] = p_loop, [OP_NICE] = p_nice, [OP_ALLOC] = p_size_insn,
	[OP_TOUCH] = p_size_insn,
	[OP_LET] = p_let, [OP_IF] = p_if, [OP_WHILE] = p_while, [OP_BREAK] = p_break,
	[OP_CONTINUE] = p_break, [OP_TRY] = p_try, [OP_RAISE] = p_raise, [OP_ACQUIRE] = parse_acquire, [OP_RELEASE] = parse_acquire,
	[OP_WITH] = parse_with, [OP_PUT] = parse_put, [OP_GET] = parse_get, [OP_TASK_DONE] = parse_task_done,
	[OP_SEND] = parse_send, [OP_RECV] = parse_recv, [OP_CLOSE] = parse_close,
	[OP_POOL] = parse_pool, [OP_APPLY_ASYNC] = parse_apply, [OP_APPLY] = parse_apply, [OP_MAP] = parse_apply,
};
_Static_assert(sizeof parsers / sizeof parsers[0] == OP_NUM_INSTRUCTIONS, "one parser per instruction");

/* One instruction line (and the block it heads). */
static void parse_statement(struct parser *p, bool *spends_time)
{
	struct token kw = p->tok;
	if (kw.kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected an instruction"));
		parse_skip_line(p);
		return;
	}
	const struct instr_info *ii = is_word(&kw, "set") ? instr_by_op(OP_LET) : instr_find(kw.start, (int)kw.len);
	if (!ii) {
		/* NAME = EXPR, as in Python */
		parse_next(p);
		if (p->tok.kind == TOK_DOT && is_word(&kw, "sys")) {
			parse_sys_exit(p, &kw);
			return;
		}
		if (p->tok.kind == TOK_DOT && is_word(&kw, "subprocess")) {
			parse_subprocess(p, &kw);
			*spends_time = true;
			return;
		}
		if (p->tok.kind == TOK_DOT && sets_daemon(p, &kw)) {
			parse_set_daemon(p, &kw);
			return;
		}
		if (p->tok.kind == TOK_EQUALS) {
			if (parse_assignment(p, &kw, &kw))
				parse_expect_line_end(p);
			else
				parse_skip_line(p);
			return;
		}
		parse_unknown_instruction(p, &kw);
		return;
	}
	parse_next(p);
	bool spends = false;
	if (!parsers[ii->op](p, &kw, &spends)) {
		parse_skip_line(p);
		return;
	}
	if (spends)
		*spends_time = true;
	if (!ii->has_block)
		parse_expect_line_end(p);
}

/* INDENT statement+ DEDENT */
bool parse_block(struct parser *p, bool *spends_time)
{
	if (p->tok.kind != TOK_INDENT) {
		parse_error_near(p, _("indent the lines of the block under this one"), _("expected an indented block"));
		return false;
	}
	parse_next(p);
	while (p->tok.kind != TOK_DEDENT && p->tok.kind != TOK_EOF) {
		if (p->tok.kind == TOK_INDENT) {
			parse_error_near(p, _("indent a line only under a line that opens a block (program, main, repeat, loop, on)"),
					 _("unexpected indentation"));
			parse_skip_line(p);
			continue;
		}
		parse_statement(p, spends_time);
	}
	if (p->tok.kind == TOK_DEDENT)
		parse_next(p);
	return true;
}
