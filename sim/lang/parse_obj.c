/* parse_obj.c: the instructions on shared objects: locks (acquire,
 * release, with), queues (put, get, task_done, join), pipes (send, recv,
 * close) and pools (pool, apply_async, apply, map, close, join, terminate),
 * the multiprocessing half of the language. The table of instruction
 * parsers, beside parse_statement, points here for them. */
#include <stdio.h>
#include <string.h>

#include "../i18n.h"
#include "instr.h"
#include "parse_int.h"

/* ---- shared objects ------------------------------------------------------------ */

/* An object used before it is declared: the line that declares it, with
 * its name (a pool is made by an instruction, the others at the top). */
static const char *declare_hint(struct parser *p, const struct token *t, unsigned kinds)
{
	char *h = p->hint_buf;
	size_t n = sizeof p->hint_buf;
	int len = (int)t->len;
	if (kinds & (1u << OBJ_QUEUE))
		snprintf(h, n, _("declare it at the top of the file: queue %.*s"), len, t->start);
	else if (kinds & (1u << OBJ_LOCK))
		snprintf(h, n, _("declare it at the top of the file: lock %.*s"), len, t->start);
	else if (kinds & (1u << OBJ_PIPE_END))
		snprintf(h, n, _("declare it at the top of the file: pipe %.*s, other_end"), len, t->start);
	else if (kinds & (1u << OBJ_POOL))
		snprintf(h, n, _("make it first, in this program: pool %.*s"), len, t->start);
	else
		return NULL;
	return h;
}

/* OBJ: the name of a shared object, or of a variable that holds one (a
 * parameter through which the object was passed, as in Python). */
static bool parse_object(struct parser *p, struct operand *o, unsigned kinds, const char *what)
{
	struct token t = p->tok;
	if (t.kind != TOK_IDENT) {
		parse_error_near(p, NULL, what);
		return false;
	}
	int index;
	enum name_kind k = parse_name_lookup(p, t.start, t.len, &index);
	if (k == NAME_OBJECT && !(kinds & (1u << p->objects[index].kind))) {
		parse_error_at(p, &t, NULL, "%s", what);
		return false;
	}
	if (k == NAME_NONE) {
		parse_unknown_name_hint(p, t.start, t.len, t.line, t.col, declare_hint(p, &t, kinds));
		return false;
	}
	return parse_var_ref(p, o);
}

#define K(x) (1u << (x))

static bool parse_block_option(struct parser *p, struct insn *in)
{
	while (p->tok.kind == TOK_IDENT) {
		if (is_word(&p->tok, "nowait")) {
			in->flags |= INSN_NOWAIT;
			parse_next(p);
		} else if (is_word(&p->tok, "timeout")) {
			parse_next(p);
			if (!parse_duration(p, &in->dur, false))
				return false;
			in->flags |= INSN_HAS_TIMEOUT;
		} else if (is_word(&p->tok, "as") && (in->op == OP_GET || in->op == OP_ACQUIRE)) {
			parse_next(p);
			if (p->tok.kind != TOK_IDENT) {
				parse_error_near(p, NULL, _("expected a name after 'as'"));
				return false;
			}
			in->a = parse_local_add(p, &p->tok);
			in->flags |= INSN_HAS_VAR;
			parse_next(p);
		} else {
			parse_error_near(p, _("what may follow: nowait, timeout DURATION, as VAR"), _("unexpected word"));
			return false;
		}
	}
	return true;
}

bool parse_acquire(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand o;
	if (!parse_object(p, &o, K(OBJ_LOCK), _("expected a lock")))
		return false;
	struct insn *in = parse_emit(p, is_word(kw, "acquire") ? OP_ACQUIRE : OP_RELEASE, kw);
	in->opd = o;
	if (in->op == OP_ACQUIRE && !parse_block_option(p, in))
		return false;
	*spends = in->op == OP_ACQUIRE;
	return true;
}

/* with LOCK: acquire, the block, release. As with Python's `with`, the lock
 * is also released when an exception leaves the block (a `with` region that
 * exec_raise honours) and when break or continue leave it (the parser puts a
 * release before their jump). */
bool parse_with(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand o;
	if (!parse_object(p, &o, K(OBJ_LOCK), _("expected a lock")))
		return false;
	parse_emit(p, OP_ACQUIRE, kw)->opd = o;
	int acquire_at = p->ninsns - 1;
	if (!parse_expect_line_end(p))
		return false;
	if (p->nwith == 32) {
		parse_error_at(p, kw, NULL, "%s", _("'with' blocks nested too deeply"));
		return false;
	}
	p->with[p->nwith++] = (struct with_ctx){acquire_at, p->loop};
	bool ok = parse_block(p, spends);
	p->nwith--;
	if (!ok)
		return false;
	parse_add_region(p, (struct try_region){acquire_at + 1, p->ninsns, acquire_at, 0, true, false, -1});
	parse_emit(p, OP_RELEASE, kw)->opd = o;
	*spends = true;
	return true;
}

bool parse_put(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand q, v;
	if (!parse_object(p, &q, K(OBJ_QUEUE) | K(OBJ_JQUEUE), _("expected a queue")))
		return false;
	if (!parse_value(p, &v))
		return false;
	struct insn *in = parse_emit(p, OP_PUT, kw);
	in->opd = q;
	in->name = v;
	*spends = true;
	return parse_block_option(p, &p->insns[p->ninsns - 1]);
}

bool parse_get(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand q;
	if (!parse_object(p, &q, K(OBJ_QUEUE) | K(OBJ_JQUEUE), _("expected a queue")))
		return false;
	struct insn *in = parse_emit(p, OP_GET, kw);
	in->opd = q;
	*spends = true;
	return parse_block_option(p, &p->insns[p->ninsns - 1]);
}

bool parse_task_done(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand q;
	if (!parse_object(p, &q, K(OBJ_JQUEUE), _("expected a joinable queue (task_done belongs to JoinableQueue)")))
		return false;
	parse_emit(p, OP_TASK_DONE, kw)->opd = q;
	*spends = false;
	return true;
}

bool parse_send(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand e, v;
	if (!parse_object(p, &e, K(OBJ_PIPE_END), _("expected an end of a pipe")))
		return false;
	if (!parse_value(p, &v))
		return false;
	struct insn *in = parse_emit(p, OP_SEND, kw);
	in->opd = e;
	in->name = v;
	*spends = false;
	return true;
}

bool parse_recv(struct parser *p, const struct token *kw, bool *spends)
{
	struct operand e;
	if (!parse_object(p, &e, K(OBJ_PIPE_END), _("expected an end of a pipe")))
		return false;
	struct insn *in = parse_emit(p, OP_RECV, kw);
	in->opd = e;
	*spends = true;
	if (is_word(&p->tok, "as")) {
		parse_next(p);
		if (p->tok.kind != TOK_IDENT) {
			parse_error_near(p, NULL, _("expected a name after 'as'"));
			return false;
		}
		p->insns[p->ninsns - 1].a = parse_local_add(p, &p->tok);
		p->insns[p->ninsns - 1].flags |= INSN_HAS_VAR;
		parse_next(p);
	}
	return true;
}

/* close P, join P, terminate P on a pool */
bool parse_pool_op(struct parser *p, const struct token *kw, enum opcode op, bool *spends)
{
	int pool = parse_pool_ref(p);
	if (pool < 0)
		return false;
	parse_next(p);
	parse_emit(p, op, kw)->b = pool;
	*spends = op == OP_POOL_JOIN;
	return true;
}

bool parse_close(struct parser *p, const struct token *kw, bool *spends)
{
	if (parse_pool_ref(p) >= 0)
		return parse_pool_op(p, kw, OP_POOL_CLOSE, spends);
	struct operand e;
	if (!parse_object(p, &e, K(OBJ_PIPE_END), _("expected an end of a pipe")))
		return false;
	parse_emit(p, OP_CLOSE, kw)->opd = e;
	*spends = false;
	return true;
}

/* ---- pools ------------------------------------------------------------------- */

int parse_pool_ref(struct parser *p)
{
	int index;
	if (p->tok.kind == TOK_IDENT && parse_name_lookup(p, p->tok.start, p->tok.len, &index) == NAME_OBJECT &&
	    p->objects[index].kind == OBJ_POOL)
		return index;
	return -1;
}

/* pool NAME [size N]: Pool(N), or Pool(), which has os.cpu_count() workers
 * (maxsize 0: counted when the pool is made). */
bool parse_pool(struct parser *p, const struct token *kw, bool *spends)
{
	struct token name = p->tok;
	if (!parse_room_for_object(p, &name, 1) || !parse_declare_name(p, &name))
		return false;
	parse_next(p);
	int n = 0;
	if (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF) {
		if (!is_word(&p->tok, "size")) {
			parse_error_near(p, _("for example: pool po size 3 (or pool po: as many workers as CPUs)"),
					 _("expected 'size'"));
			return false;
		}
		parse_next(p);
		if (!parse_int_setting(p, "size", 1, 64, &n))
			return false;
	}
	struct obj_decl *o = parse_add_object(p, OBJ_POOL, &name);
	o->maxsize = n;
	parse_emit(p, OP_POOL, kw)->a = p->nobjects - 1;
	*spends = false;
	return true;
}

/* apply_async POOL PROGRAM(ARGS), apply POOL PROGRAM(ARGS), map POOL PROGRAM COUNT */
bool parse_apply(struct parser *p, const struct token *kw, bool *spends)
{
	const struct instr_info *ii = instr_find(kw->start, (int)kw->len);
	int pool = parse_pool_ref(p);
	if (pool < 0) {
		parse_error_near(p, _("create it first with: pool NAME size N"), _("expected a pool"));
		return false;
	}
	parse_next(p);
	if (p->tok.kind != TOK_IDENT) {
		parse_error_near(p, NULL, _("expected the name of a program"));
		return false;
	}
	struct token name = p->tok;
	parse_next(p);
	struct operand args[8], count = {0};
	int nargs = 0;
	if (ii->op == OP_MAP) {
		if (!parse_number(p, &count))
			return false;
		nargs = 1;
	} else if (p->tok.kind == TOK_LPAREN &&
		   !parse_args(p, args, NULL, 8, _("too many arguments for a pool task (the limit is 8)"), &nargs)) {
		return false;
	}
	struct insn *in = parse_emit(p, ii->op, kw);
	in->b = pool;
	in->nargs = nargs;
	in->opd = count;
	if (ii->op != OP_MAP && nargs) {
		in->args = arena_alloc(p->A, sizeof(struct operand) * (size_t)nargs);
		memcpy(in->args, args, sizeof(struct operand) * (size_t)nargs);
	}
	parse_add_fixup(p, &name);
	*spends = ii->may_spend_time;
	return true;
}
