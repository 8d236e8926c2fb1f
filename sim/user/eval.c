/* eval.c: values and expressions. Values are what Python would hold: None,
 * integers, booleans, strings, Process handles and shared objects. An error
 * (TypeError, ZeroDivisionError) is recorded on the process and raised by
 * the instruction that evaluated the expression (exec.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "timefmt.h"
#include "user_int.h"

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

static struct value fail(struct uproc *p, enum exc_kind k, const char *msg)
{
	if (p->exc < 0) {
		p->exc = (int8_t)k;
		p->exc_msg = msg;
	}
	return vnone();
}

/* Python's integers have no bound; procsim's are 64-bit, and says so. */
static struct value overflow(struct uproc *p)
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
 * WNOHANG), which reaps it if it has exited. True while it runs. */
static bool poll_child(struct user *u, struct uproc *p, struct value *h)
{
	if (h->reaped || h->status != p->pid)
		return false;
	struct wait_status st;
	int r = sys_wait4(u->k, p->task, (int)h->i, K_WNOHANG, -1, &st);
	if (r > 0) {
		exec_reaped(p, &st);
		if (!h->reaped) { /* a copy of the handle, not a variable */
			h->reaped = 1;
			h->status = st.how == 'x' ? st.code : -st.sig;
		}
	}
	/* Popen.poll swallows ECHILD (a child someone else reaped): returncode
	 * stays None, and is_alive() keeps saying True. */
	return r == 0 || r == -K_ECHILD;
}

static struct value *handle_slot(struct uproc *p, const struct expr *e)
{
	if (e->op == EX_LOCAL && p->locals)
		return &p->locals[e->index];
	if (e->op == EX_GLOBAL && p->globals)
		return &p->globals[e->index];
	return NULL;
}

static struct value attribute(struct user *u, struct uproc *p, const struct expr *e)
{
	struct value base = eval_expr(u, p, e->a);
	if (p->exc >= 0)
		return vnone();
	if (base.kind == VAL_OBJ) {
		struct uobj *q = &u->objs[base.i];
		bool queue = q->decl->kind == OBJ_QUEUE || q->decl->kind == OBJ_JQUEUE;
		if (!queue)
			return fail(p, EXC_TYPE, "AttributeError: this object has no such attribute");
		switch (e->attr) {
		case ATTR_EMPTY: return vbool(mp_queue_count(u, p, q) == 0);
		case ATTR_FULL: return vbool(q->decl->maxsize > 0 && mp_queue_count(u, p, q) >= q->decl->maxsize);
		case ATTR_QSIZE: return vint(mp_queue_count(u, p, q));
		default: return fail(p, EXC_TYPE, "AttributeError: a queue has empty(), full() and qsize()");
		}
	}
	if (base.kind != VAL_HANDLE)
		return fail(p, EXC_TYPE, "AttributeError: only a Process handle has pid, exitcode, name and is_alive()");
	/* Poll through the variable itself, so that it remembers the exit code. */
	struct value *slot = handle_slot(p, e->a);
	struct value *h = slot && slot->kind == VAL_HANDLE && slot->i == base.i ? slot : &base;
	if (h->i < 0) /* made by `process`, not started: BaseProcess._popen is None */
		switch (e->attr) {
		case ATTR_PID: case ATTR_EXITCODE: return vnone();
		case ATTR_IS_ALIVE: return vbool(false);
		default: break;
		}
	switch (e->attr) {
	case ATTR_PID: return vint(h->i);
	case ATTR_DAEMON: return vbool(h->daemon); /* Process.daemon: its configuration, alive or not */
	case ATTR_NAME: {
		struct value v = {.kind = VAL_STR, .s = h->s ? h->s : ""};
		return v;
	}
	case ATTR_IS_ALIVE: return vbool(poll_child(u, p, h));
	case ATTR_EXITCODE:
		if (poll_child(u, p, h))
			return vnone();
		return h->reaped ? vint(h->status) : vnone();
	default: return fail(p, EXC_TYPE, "AttributeError: a queue attribute on a Process");
	}
}

char *eval_new_string(struct user *u, struct uproc *p, size_t len)
{
	if (len > SIM_STRING_MAX) {
		fail(p, EXC_MEMORY, "MemoryError: procsim keeps a string under 1 MiB");
		return NULL;
	}
	if (u->string_bytes + len + 1 > SIM_STRINGS_TOTAL_MAX) {
		/* A loop that keeps building strings: stop it where it loops. */
		kernel_runaway(u->k, p->task, FAULT_MEMORY);
		return NULL;
	}
	char *t = arena_alloc(u->strings, len + 1);
	if (!t) {
		kernel_host_oom(u->k);
		return NULL;
	}
	u->string_bytes += len + 1;
	return t;
}

static struct value concat(struct user *u, struct uproc *p, const struct value *a, const struct value *b)
{
	size_t la = strlen(a->s), lb = strlen(b->s);
	char *t = eval_new_string(u, p, la + lb);
	if (!t)
		return vnone();
	memcpy(t, a->s, la);
	memcpy(t + la, b->s, lb + 1);
	return (struct value){.kind = VAL_STR, .s = t};
}

struct value eval_expr(struct user *u, struct uproc *p, const struct expr *e)
{
	struct value a, b;
	switch (e->op) {
	case EX_INT: return vint(e->num);
	case EX_BOOL: return vbool(e->num != 0);
	case EX_NONE: return vnone();
	case EX_STR: return (struct value){.kind = VAL_STR, .s = e->str};
	case EX_FMT: {
		struct operand o = {.kind = OPD_FMT, .fmt = e->fmt};
		return eval_operand(u, p, &o);
	}
	case EX_LOCAL: return p->locals ? p->locals[e->index] : vnone();
	case EX_GLOBAL: return p->globals ? p->globals[e->index] : vnone();
	case EX_OBJ:
		if (u->objs[e->index].decl->kind == OBJ_SHARED)
			return u->objs[e->index].shared; /* reading the shared file */
		return (struct value){.kind = VAL_OBJ, .i = e->index, .s = u->objs[e->index].decl->name};
	case EX_ATTR: return attribute(u, p, e);
	case EX_CPU_COUNT: return vint(kernel_cpus(u->k)); /* sysconf(_SC_NPROCESSORS_ONLN) */
	case EX_GETPID: return vint(p->pid);
	case EX_ACTIVE_CHILDREN: /* _cleanup() first: the ended ones are reaped */
		exec_cleanup_children(u, p);
		return vint(p->nchildren);
	case EX_GETPPID: return vint(task_ppid(u->k, p->task));
	case EX_RANDINT: {
		a = eval_expr(u, p, e->a);
		b = eval_expr(u, p, e->b);
		if (p->exc >= 0)
			return vnone();
		if (!numeric(&a) || !numeric(&b))
			return fail(p, EXC_TYPE, "TypeError: randint() takes integers");
		if (b.i < a.i) { /* randrange(a, b + 1): an empty range */
			char *msg = eval_new_string(u, p, 96);
			if (!msg)
				return vnone();
			snprintf(msg, 96, "ValueError: empty range for randrange() (%lld, %lld, %lld)", (long long)a.i,
				 (long long)b.i + 1, (long long)((uint64_t)b.i + 1 - (uint64_t)a.i));
			return fail(p, EXC_VALUE, msg);
		}
		return vint(pyrandom_randint(&u->rng, a.i, b.i));
	}
	case EX_NOT: a = eval_expr(u, p, e->a); return vbool(!value_truth(&a));
	case EX_NEG:
		a = eval_expr(u, p, e->a);
		if (!numeric(&a))
			return fail(p, EXC_TYPE, "TypeError: bad operand type for unary -");
		return a.i == INT64_MIN ? overflow(p) : vint(-a.i);
	case EX_AND:
		a = eval_expr(u, p, e->a);
		return value_truth(&a) ? eval_expr(u, p, e->b) : a;
	case EX_OR:
		a = eval_expr(u, p, e->a);
		return value_truth(&a) ? a : eval_expr(u, p, e->b);
	default: break;
	}
	a = eval_expr(u, p, e->a);
	b = eval_expr(u, p, e->b);
	if (p->exc >= 0)
		return vnone();
	switch (e->op) {
	case EX_EQ: return vbool(equal(&a, &b));
	case EX_NE: return vbool(!equal(&a, &b));
	default: break;
	}
	if (e->op == EX_ADD && a.kind == VAL_STR && b.kind == VAL_STR)
		return concat(u, p, &a, &b);
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

void eval_format(struct user *u, struct uproc *p, const struct operand *o, char *buf, size_t n)
{
	buf[0] = '\0';
	if (o->kind == OPD_STR) {
		snprintf(buf, n, "%s", o->str);
		return;
	}
	if (o->kind != OPD_FMT) {
		struct value v = eval_operand(u, p, o);
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
		case FMT_EXPR: v = eval_expr(u, p, pc->expr); value_text(&v, tmp, sizeof tmp); break;
		case FMT_NAME: text = task_comm(p->task); break;
		case FMT_PID: snprintf(tmp, sizeof tmp, "%d", p->pid); break;
		case FMT_PPID: snprintf(tmp, sizeof tmp, "%d", task_ppid(u->k, p->task)); break;
		case FMT_TICK: snprintf(tmp, sizeof tmp, "%lld", (long long)kernel_clock(u->k)); break;
		case FMT_TIME: timefmt_ticks(kernel_clock(u->k), u->sc->tick_us, tmp, sizeof tmp); break;
		case FMT_ELAPSED:
			timefmt_ticks(kernel_clock(u->k) - task_start(p->task), u->sc->tick_us, tmp, sizeof tmp);
			break;
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

struct value eval_operand(struct user *u, struct uproc *p, const struct operand *o)
{
	struct value v = {0};
	switch (o->kind) {
	case OPD_INT: v.kind = VAL_INT; v.i = o->num; break;
	case OPD_STR: v.kind = VAL_STR; v.s = o->str; break;
	case OPD_VAR: v = p->locals[o->var]; break;
	case OPD_EXPR: v = eval_expr(u, p, o->expr); break;
	case OPD_FMT:
	{
		eval_format(u, p, o, u->fmtbuf, sizeof u->fmtbuf);
		size_t len = strlen(u->fmtbuf);
		char *t = eval_new_string(u, p, len);
		if (t) {
			memcpy(t, u->fmtbuf, len + 1);
			v.kind = VAL_STR;
			v.s = t;
		}
		break;
	}
	default: break;
	}
	return v;
}
