/* eval.c: values and expressions. Values are what Python would hold: None,
 * integers, booleans, strings, Process handles and shared objects. An error
 * (TypeError, ZeroDivisionError) is recorded on the process and raised by
 * the instruction that evaluated the expression (exec.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kernel_int.h"
#include "timefmt.h"

void value_text(const struct value *v, char *buf, size_t n)
{
	switch (v->kind) {
	case VAL_INT:
	case VAL_HANDLE: snprintf(buf, n, "%lld", (long long)v->i); break;
	case VAL_STR: snprintf(buf, n, "%s", v->s); break;
	case VAL_BOOL: snprintf(buf, n, "%s", v->i ? "True" : "False"); break;
	case VAL_OBJ: snprintf(buf, n, "<%s>", v->s ? v->s : "object"); break;
	default: snprintf(buf, n, "None"); break;
	}
}

int64_t value_int(const struct value *v)
{
	if (v->kind == VAL_INT || v->kind == VAL_HANDLE || v->kind == VAL_BOOL)
		return v->i;
	if (v->kind == VAL_STR)
		return strtoll(v->s, NULL, 10);
	return 0;
}

bool value_truth(const struct value *v)
{
	switch (v->kind) {
	case VAL_INT:
	case VAL_BOOL: return v->i != 0;
	case VAL_STR: return v->s[0] != '\0';
	case VAL_HANDLE:
	case VAL_OBJ: return true;
	default: return false;
	}
}

static struct value vint(int64_t i) { return (struct value){.kind = VAL_INT, .i = i}; }
static struct value vbool(bool b) { return (struct value){.kind = VAL_BOOL, .i = b}; }
static struct value vnone(void) { return (struct value){.kind = VAL_NONE}; }

static struct value fail(struct proc *p, enum exc_kind k, const char *msg)
{
	if (p->exc < 0) {
		p->exc = (int8_t)k;
		p->exc_msg = msg;
	}
	return vnone();
}

/* Python's integers have no bound; procsim's are 64-bit, and says so. */
static struct value overflow(struct proc *p)
{
	return fail(p, EXC_OVERFLOW, "OverflowError: procsim's integers are 64-bit (at most 9223372036854775807)");
}

static bool numeric(const struct value *v) { return v->kind == VAL_INT || v->kind == VAL_BOOL; }

static bool equal(const struct value *a, const struct value *b)
{
	if (numeric(a) && numeric(b))
		return a->i == b->i;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case VAL_STR: return strcmp(a->s, b->s) == 0;
	case VAL_NONE: return true;
	default: return a->i == b->i;
	}
}

/* Process.exitcode and is_alive() poll the child (Popen.poll: waitpid
 * WNOHANG), which reaps it if it has exited. */
static struct proc *poll_child(struct sim *s, struct proc *p, struct value *h)
{
	struct proc *c = proc_by_pid(s, (int)h->i);
	if (h->reaped || !c || c->parent != p->self)
		return NULL;
	if (c->state == 'Z') {
		proc_reap(s, p, c);
		return NULL;
	}
	return c;
}

static struct value *handle_slot(struct proc *p, const struct expr *e)
{
	if (e->op == EX_LOCAL && p->locals)
		return &p->locals[e->index];
	if (e->op == EX_GLOBAL && p->globals)
		return &p->globals[e->index];
	return NULL;
}

static struct value attribute(struct sim *s, struct proc *p, const struct expr *e)
{
	struct value base = eval_expr(s, p, e->a);
	if (p->exc >= 0)
		return vnone();
	if (base.kind == VAL_OBJ) {
		struct ipc *q = &s->objs[base.i];
		bool queue = q->decl->kind == OBJ_QUEUE || q->decl->kind == OBJ_JQUEUE;
		if (!queue)
			return fail(p, EXC_TYPE, "AttributeError: this object has no such attribute");
		switch (e->attr) {
		case ATTR_EMPTY: return vbool(q->count == 0);
		case ATTR_FULL: return vbool(q->decl->maxsize > 0 && q->count >= q->decl->maxsize);
		case ATTR_QSIZE: return vint(q->count);
		default: return fail(p, EXC_TYPE, "AttributeError: a queue has empty(), full() and qsize()");
		}
	}
	if (base.kind != VAL_HANDLE)
		return fail(p, EXC_TYPE, "AttributeError: only a Process handle has pid, exitcode, name and is_alive()");
	/* Poll through the variable itself, so that it remembers the exit code. */
	struct value *slot = handle_slot(p, e->a);
	struct value *h = slot && slot->kind == VAL_HANDLE && slot->i == base.i ? slot : &base;
	switch (e->attr) {
	case ATTR_PID: return vint(h->i);
	case ATTR_DAEMON: {
		struct proc *c = proc_by_pid(s, (int)h->i);
		return vbool(!h->reaped && c && (c->flags & PF_DAEMON));
	}
	case ATTR_NAME: {
		struct proc *c = h->reaped ? NULL : proc_by_pid(s, (int)h->i);
		struct value v = {.kind = VAL_STR, .s = c ? c->name : (h->s ? h->s : "")};
		return v;
	}
	case ATTR_IS_ALIVE: return vbool(poll_child(s, p, h) != NULL);
	case ATTR_EXITCODE:
		if (poll_child(s, p, h))
			return vnone();
		return h->reaped ? vint(h->status) : vnone();
	default: return fail(p, EXC_TYPE, "AttributeError: a queue attribute on a Process");
	}
}

char *eval_new_string(struct sim *s, struct proc *p, size_t len)
{
	if (len > SIM_STRING_MAX) {
		fail(p, EXC_MEMORY, "MemoryError: procsim keeps a string under 1 MiB");
		return NULL;
	}
	if (s->string_bytes + len + 1 > SIM_STRINGS_TOTAL_MAX) {
		/* A loop that keeps building strings: stop it where it loops. */
		bool first = s->status == SIM_RUNNING;
		const struct insn *in = &p->prog->insns[p->pc];
		kernel_fault(s, p, in->line, in->col);
		if (first)
			s->fault.memory = true;
		return NULL;
	}
	char *t = arena_alloc(s->strings, len + 1);
	if (!t) {
		if (s->status == SIM_RUNNING)
			s->status = SIM_ERROR;
		return NULL;
	}
	s->string_bytes += len + 1;
	return t;
}

static struct value concat(struct sim *s, struct proc *p, const struct value *a, const struct value *b)
{
	size_t la = strlen(a->s), lb = strlen(b->s);
	char *t = eval_new_string(s, p, la + lb);
	if (!t)
		return vnone();
	memcpy(t, a->s, la);
	memcpy(t + la, b->s, lb + 1);
	return (struct value){.kind = VAL_STR, .s = t};
}

struct value eval_expr(struct sim *s, struct proc *p, const struct expr *e)
{
	struct value a, b;
	switch (e->op) {
	case EX_INT: return vint(e->num);
	case EX_BOOL: return vbool(e->num != 0);
	case EX_NONE: return vnone();
	case EX_STR: return (struct value){.kind = VAL_STR, .s = e->str};
	case EX_FMT: {
		struct operand o = {.kind = OPD_FMT, .fmt = e->fmt};
		return eval_operand(s, p, &o);
	}
	case EX_LOCAL: return p->locals ? p->locals[e->index] : vnone();
	case EX_GLOBAL: return p->globals ? p->globals[e->index] : vnone();
	case EX_OBJ:
		if (s->objs[e->index].decl->kind == OBJ_SHARED)
			return s->objs[e->index].shared; /* reading the shared file */
		return (struct value){.kind = VAL_OBJ, .i = e->index, .s = s->objs[e->index].decl->name};
	case EX_ATTR: return attribute(s, p, e);
	case EX_NOT: a = eval_expr(s, p, e->a); return vbool(!value_truth(&a));
	case EX_NEG:
		a = eval_expr(s, p, e->a);
		if (!numeric(&a))
			return fail(p, EXC_TYPE, "TypeError: bad operand type for unary -");
		return a.i == INT64_MIN ? overflow(p) : vint(-a.i);
	case EX_AND:
		a = eval_expr(s, p, e->a);
		return value_truth(&a) ? eval_expr(s, p, e->b) : a;
	case EX_OR:
		a = eval_expr(s, p, e->a);
		return value_truth(&a) ? a : eval_expr(s, p, e->b);
	default: break;
	}
	a = eval_expr(s, p, e->a);
	b = eval_expr(s, p, e->b);
	if (p->exc >= 0)
		return vnone();
	switch (e->op) {
	case EX_EQ: return vbool(equal(&a, &b));
	case EX_NE: return vbool(!equal(&a, &b));
	default: break;
	}
	if (e->op == EX_ADD && a.kind == VAL_STR && b.kind == VAL_STR)
		return concat(s, p, &a, &b);
	if (a.kind == VAL_STR && b.kind == VAL_STR && e->op >= EX_LT && e->op <= EX_GE) {
		int c = strcmp(a.s, b.s);
		return vbool(e->op == EX_LT ? c < 0 : e->op == EX_LE ? c <= 0 : e->op == EX_GT ? c > 0 : c >= 0);
	}
	if (!numeric(&a) || !numeric(&b))
		return fail(p, EXC_TYPE, "TypeError: unsupported operand types");
	int64_t x = a.i, y = b.i, z;
	switch (e->op) {
	case EX_ADD: return __builtin_add_overflow(x, y, &z) ? overflow(p) : vint(z);
	case EX_SUB: return __builtin_sub_overflow(x, y, &z) ? overflow(p) : vint(z);
	case EX_MUL: return __builtin_mul_overflow(x, y, &z) ? overflow(p) : vint(z);
	case EX_DIV:
	case EX_MOD: {
		if (y == 0)
			return fail(p, EXC_ZERO_DIVISION, e->op == EX_DIV ? "ZeroDivisionError: division by zero"
									 : "ZeroDivisionError: integer modulo by zero");
		if (x == INT64_MIN && y == -1) /* the one quotient that does not fit */
			return e->op == EX_DIV ? overflow(p) : vint(0);
		/* Python's // and % round towards minus infinity. */
		int64_t q = x / y, r = x % y;
		if (r != 0 && ((r < 0) != (y < 0))) {
			q--;
			r += y;
		}
		return vint(e->op == EX_DIV ? q : r);
	}
	case EX_LT: return vbool(x < y);
	case EX_LE: return vbool(x <= y);
	case EX_GT: return vbool(x > y);
	case EX_GE: return vbool(x >= y);
	default: return vnone();
	}
}

void eval_format(struct sim *s, struct proc *p, const struct operand *o, char *buf, size_t n)
{
	buf[0] = '\0';
	if (o->kind == OPD_STR) {
		snprintf(buf, n, "%s", o->str);
		return;
	}
	if (o->kind != OPD_FMT) {
		struct value v = eval_operand(s, p, o);
		value_text(&v, buf, n);
		return;
	}
	size_t used = 0;
	for (int i = 0; i < o->fmt->npieces && used + 1 < n; i++) {
		const struct fmt_piece *pc = &o->fmt->pieces[i];
		char tmp[256];
		const char *text = tmp;
		size_t len;
		struct value v;
		switch (pc->kind) {
		case FMT_TEXT: text = pc->text; len = (size_t)pc->len; goto copy;
		case FMT_VAR: value_text(&p->locals[pc->var], tmp, sizeof tmp); break;
		case FMT_EXPR: v = eval_expr(s, p, pc->expr); value_text(&v, tmp, sizeof tmp); break;
		case FMT_NAME: text = p->name; break;
		case FMT_PID: snprintf(tmp, sizeof tmp, "%d", p->pid); break;
		case FMT_PPID: snprintf(tmp, sizeof tmp, "%d", proc_ppid(s, p)); break;
		case FMT_TICK: snprintf(tmp, sizeof tmp, "%lld", (long long)s->clock); break;
		case FMT_TIME: timefmt_ticks(s->clock, s->sc->tick_us, tmp, sizeof tmp); break;
		case FMT_ELAPSED: timefmt_ticks(s->clock - p->start_tick, s->sc->tick_us, tmp, sizeof tmp); break;
		}
		len = strlen(text);
	copy:
		if (len > n - 1 - used)
			len = n - 1 - used;
		memcpy(buf + used, text, len);
		used += len;
	}
	buf[used] = '\0';
}

struct value eval_operand(struct sim *s, struct proc *p, const struct operand *o)
{
	struct value v = {0};
	switch (o->kind) {
	case OPD_INT: v.kind = VAL_INT; v.i = o->num; break;
	case OPD_STR: v.kind = VAL_STR; v.s = o->str; break;
	case OPD_VAR: v = p->locals[o->var]; break;
	case OPD_EXPR: v = eval_expr(s, p, o->expr); break;
	case OPD_FMT:
	{
		eval_format(s, p, o, s->fmtbuf, sizeof s->fmtbuf);
		size_t len = strlen(s->fmtbuf);
		char *t = eval_new_string(s, p, len);
		if (t) {
			memcpy(t, s->fmtbuf, len + 1);
			v.kind = VAL_STR;
			v.s = t;
		}
		break;
	}
	default: break;
	}
	return v;
}
