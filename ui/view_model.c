/* view_model.c: the interactive view's rows, columns and texts, without
 * curses. Every width is a display width (wcwidth: a CJK character takes two
 * columns), never a byte count, so Chinese names and translations line up. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif
#include "view_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "history.h"
#include "i18n.h"
#include "lang/program.h"
#include "metrics.h"
#include "sig.h"
#include "sim.h"
#include "text.h"
#include "timefmt.h"

/* ---- display width ------------------------------------------------------------- */

static bool ascii_mode;

void vm_set_ascii(bool ascii) { ascii_mode = ascii; }
bool vm_ascii(void) { return ascii_mode; }

/* Decodes one UTF-8 code point; an invalid byte decodes as itself. */
static size_t decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
	unsigned c = len == 2 ? s[0] & 0x1Fu : len == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	*cp = len == 1 ? 0xFFFD : c;
	return len;
}

/* ASCII stand-ins for the punctuation the narration uses; NULL: '?'. */
static const char *ascii_for(unsigned cp)
{
	switch (cp) {
	case 0x2192: return "->";
	case 0x2190: return "<-";
	case 0x2026: return "...";
	case 0x2014: case 0x2013: case 0x2500: case 0x2501: return "-";
	case 0x2502: return "|";
	case 0x201C: case 0x201D: return "\"";
	case 0x2018: case 0x2019: return "'";
	case 0xFF1A: return ":";
	case 0xFF0C: case 0x3001: return ",";
	case 0x3002: return ".";
	case 0xFF08: return "(";
	case 0xFF09: return ")";
	default: return NULL;
	}
}

static int cp_width(unsigned cp)
{
	if (cp >= 0x80 && ascii_mode) {
		const char *a = ascii_for(cp);
		return a ? (int)strlen(a) : 1;
	}
	if (cp < 0x7F || ascii_mode)
		return 1; /* control characters are shown as a space, others as '?' */
	int w = wcwidth((wchar_t)cp);
	return w >= 0 ? w : text_cp_width(cp);
}

int vm_width(const char *s)
{
	int w = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; u[i];) {
		unsigned cp;
		i += decode(u + i, &cp);
		w += cp_width(cp);
	}
	return w;
}

size_t vm_prefix(const char *s, int cols, int *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int w = 0;
	while (u[i]) {
		unsigned cp;
		size_t k = decode(u + i, &cp);
		int cw = cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

/* Copies `bytes` of s into buf at *at, as the terminal should get them. */
static void put_text(char *buf, size_t n, size_t *at, const char *s, size_t bytes)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < bytes;) {
		unsigned cp;
		size_t k = decode(u + i, &cp);
		if (cp < 0x20 || cp == 0x7F) {
			if (*at + 1 < n)
				buf[(*at)++] = ' ';
		} else if (cp >= 0x80 && (ascii_mode || cp == 0xFFFD)) {
			const char *a = ascii_mode ? ascii_for(cp) : NULL;
			if (!a)
				a = "?";
			size_t len = strlen(a);
			if (*at + len < n) {
				memcpy(buf + *at, a, len);
				*at += len;
			}
		} else if (*at + k < n) {
			memcpy(buf + *at, s + i, k);
			*at += k;
		}
		i += k;
	}
	buf[*at < n ? *at : n - 1] = '\0';
}

static void put_spaces(char *buf, size_t n, size_t *at, int count)
{
	while (count-- > 0 && *at + 1 < n)
		buf[(*at)++] = ' ';
	buf[*at < n ? *at : n - 1] = '\0';
}

size_t vm_fit(char *buf, size_t n, const char *s, int cols, bool right)
{
	size_t at = 0;
	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (cols <= 0)
		return 0;
	int w = vm_width(s);
	if (w <= cols) {
		if (right)
			put_spaces(buf, n, &at, cols - w);
		put_text(buf, n, &at, s, strlen(s));
		if (!right)
			put_spaces(buf, n, &at, cols - w);
		return at;
	}
	int used;
	size_t keep = vm_prefix(s, cols - 1, &used);
	put_text(buf, n, &at, s, keep);
	const char *ell = ascii_mode ? "~" : "…";
	if (at + strlen(ell) < n) {
		memcpy(buf + at, ell, strlen(ell));
		at += strlen(ell);
	}
	put_spaces(buf, n, &at, cols - 1 - used);
	buf[at] = '\0';
	return at;
}

/* ---- lines ------------------------------------------------------------------------ */

void vm_line_clear(struct vm_line *l)
{
	l->len = 0;
	l->indent = 0;
	l->nspans = 0;
	l->text[0] = '\0';
}

static void line_append(struct vm_line *l, enum vm_role role, const char *s, size_t bytes)
{
	size_t room = (size_t)(VM_LINE_BYTES - 1 - l->len);
	if (bytes > room) { /* cut at a character boundary */
		bytes = room;
		while (bytes > 0 && ((unsigned char)s[bytes] & 0xC0) == 0x80)
			bytes--;
	}
	if (bytes == 0)
		return;
	if (l->nspans > 0 && l->spans[l->nspans - 1].role == role) {
		l->spans[l->nspans - 1].len += (int)bytes;
	} else if (l->nspans < VM_LINE_SPANS) {
		l->spans[l->nspans++] = (struct vm_span){role, l->len, (int)bytes};
	} else {
		l->spans[l->nspans - 1].len += (int)bytes;
	}
	memcpy(l->text + l->len, s, bytes);
	l->len += (int)bytes;
	l->text[l->len] = '\0';
}

void vm_line_add(struct vm_line *l, enum vm_role role, const char *s) { line_append(l, role, s, strlen(s)); }

void vm_line_addf(struct vm_line *l, enum vm_role role, const char *fmt, ...)
{
	char buf[VM_LINE_BYTES];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	vm_line_add(l, role, buf);
}

void vm_line_addfit(struct vm_line *l, enum vm_role role, const char *s, int cols, bool right)
{
	char buf[VM_LINE_BYTES];
	vm_fit(buf, sizeof buf, s, cols, right);
	vm_line_add(l, role, buf);
}

struct vm_line *vm_text_add(struct vm_text *t)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 32;
		struct vm_line *n = realloc(t->lines, sizeof *n * (size_t)cap);
		if (!n)
			return NULL;
		t->lines = n;
		t->cap = cap;
	}
	struct vm_line *l = &t->lines[t->n++];
	vm_line_clear(l);
	return l;
}

void vm_text_free(struct vm_text *t)
{
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* Adds bytes [a, b) of `from` to `to`, each piece in its span's role. */
static void copy_range(struct vm_line *to, const struct vm_line *from, int a, int b)
{
	for (int i = 0; i < from->nspans; i++) {
		const struct vm_span *sp = &from->spans[i];
		int lo = sp->off > a ? sp->off : a, hi = sp->off + sp->len < b ? sp->off + sp->len : b;
		if (lo < hi)
			line_append(to, sp->role, from->text + lo, (size_t)(hi - lo));
	}
}

bool vm_text_wrap(const struct vm_text *in, int width, struct vm_text *out)
{
	for (int i = 0; i < in->n; i++) {
		const struct vm_line *l = &in->lines[i];
		int indent = l->indent < width / 2 ? l->indent : 0;
		int pos = 0;
		bool first = true;
		do {
			struct vm_line *o = vm_text_add(out);
			if (!o)
				return false;
			int avail = first ? width : width - indent;
			if (!first)
				vm_line_addf(o, ROLE_NORMAL, "%*s", indent, "");
			const char *s = l->text + pos;
			size_t k = vm_prefix(s, avail, NULL);
			if (k == 0 && *s)
				k = strlen(s) < 4 ? strlen(s) : 1;
			if (s[k]) { /* break at the last space, if it is not too far back */
				size_t sp = k;
				while (sp > 0 && s[sp] != ' ')
					sp--;
				if (sp > k / 2)
					k = sp;
			}
			copy_range(o, l, pos, pos + (int)k);
			pos += (int)k;
			while (pos < l->len && l->text[pos] == ' ')
				pos++;
			first = false;
		} while (pos < l->len);
	}
	return true;
}

/* ---- glyphs ----------------------------------------------------------------------- */

enum glyph { G_VBAR, G_TEE, G_CORNER, G_SEP, G_ARROW, G_IDLE, G_RUN, G_SYS, G_NONE, G_COUNT };
static const char *const glyphs[G_COUNT][2] = {
	[G_VBAR] = {"│  ", "|  "}, [G_TEE] = {"├─ ", "|- "}, [G_CORNER] = {"└─ ", "`- "},
	[G_SEP] = {" │ ", " | "}, [G_ARROW] = {" → ", " > "}, [G_IDLE] = {"·", "."},
	[G_RUN] = {"─", "="}, [G_SYS] = {"~", "~"}, [G_NONE] = {"—", "-"},
};
static const char *glyph(enum glyph g) { return glyphs[g][ascii_mode]; }

/* ---- the table ----------------------------------------------------------------------- */

const struct vm_column vm_columns[COL_COUNT] = {
	[COL_PID] = {N_("PID"), 5, true, 0, false, N_("process ID")},
	[COL_PPID] = {N_("PPID"), 5, true, 0, false, N_("the parent's process ID")},
	[COL_PR] = {N_("PR"), 3, true, 0, false, N_("priority as top shows it: 20 + nice (mlfq: the queue level)")},
	[COL_NI] = {N_("NI"), 3, true, 0, false, N_("nice value")},
	[COL_S] = {N_("S"), 1, false, 0, false, N_("state: R running or runnable, S sleeping, D disk sleep, T stopped, Z zombie")},
	[COL_CPU] = {N_("%CPU"), 5, true, 0, true, N_("share of one CPU over the last second")},
	[COL_TIME] = {N_("TIME+"), 9, true, 0, true, N_("CPU time used: minutes:seconds.hundredths")},
	[COL_WCHAN] = {N_("WCHAN"), 18, false, 1, false, N_("what the process waits for, in words")},
	[COL_COMMAND] = {N_("COMMAND"), 12, false, 4, false, N_("command name; [name] <defunct> for a zombie")},
};
_Static_assert(sizeof vm_columns / sizeof vm_columns[0] == COL_COUNT, "one entry per column");

#define WCHAN_MAX_WIDTH 26

void vm_init(struct vm *vm) { memset(vm, 0, sizeof *vm); }

void vm_fini(struct vm *vm)
{
	free(vm->procs);
	free(vm->rows);
	free(vm->cpu_pid);
	free(vm->cpu_ticks);
	free(vm->order);
	free(vm->kids);
	free(vm->kid_start);
	memset(vm, 0, sizeof *vm);
}

static int64_t tick_us(const struct vm *vm) { return sim_scenario(vm->s)->tick_us; }
static int64_t vm_now(const struct vm *vm) { return history_now(vm->h); }

enum vm_role vm_state_role(const struct proc_info *p)
{
	switch (p->state) {
	case 'R': return p->on_cpu ? ROLE_STATE_RUN : ROLE_STATE_R;
	case 'S': return ROLE_STATE_S;
	case 'D': return ROLE_STATE_D;
	case 'T': return ROLE_STATE_T;
	case 'Z': return ROLE_STATE_Z;
	default: return ROLE_NORMAL;
	}
}

static const char *object_name(const struct sim *s, int obj)
{
	struct obj_info oi;
	return obj >= 0 && snapshot_object(s, obj, &oi) && oi.name ? oi.name : "?";
}

void vm_wchan_text(const struct sim *s, const struct proc_info *p, char *buf, size_t n)
{
	switch (p->state) {
	case 'R':
		if (p->on_cpu)
			snprintf(buf, n, _("on CPU%d"), p->cpu);
		else
			snprintf(buf, n, "%s", _("run queue"));
		return;
	case 'T': snprintf(buf, n, "%s", _("stopped")); return;
	case 'Z':
		if (p->exit_sig) {
			const char *name = sig_name(p->exit_sig);
			snprintf(buf, n, _("killed by %s"), name ? name : "?");
		} else {
			snprintf(buf, n, _("exit code %d"), p->exit_code);
		}
		return;
	default: break;
	}
	switch (p->wchan) {
	case WCHAN_TIMER: snprintf(buf, n, _("sleep until t=%lld"), (long long)p->until); break;
	case WCHAN_DISK:
		if (p->until >= 0)
			snprintf(buf, n, _("disk until t=%lld"), (long long)p->until);
		else
			snprintf(buf, n, "%s", _("disk"));
		break;
	case WCHAN_TTY: snprintf(buf, n, "%s", _("input")); break;
	case WCHAN_CHILD: snprintf(buf, n, "%s", _("wait any child")); break;
	case WCHAN_CHILD_PID:
		if (p->until >= 0)
			snprintf(buf, n, _("wait PID %1$d until t=%2$lld"), p->wait_pid, (long long)p->until);
		else
			snprintf(buf, n, _("wait PID %d"), p->wait_pid);
		break;
	case WCHAN_JOIN_ALL: snprintf(buf, n, "%s", _("code ended: joins children")); break;
	case WCHAN_PAUSE: snprintf(buf, n, "%s", _("wait for a signal")); break;
	case WCHAN_LOCK: snprintf(buf, n, _("lock %s"), object_name(s, p->obj)); break;
	case WCHAN_QUEUE_GET: snprintf(buf, n, _("get from %s"), object_name(s, p->obj)); break;
	case WCHAN_QUEUE_RLOCK: snprintf(buf, n, _("%s's read lock"), object_name(s, p->obj)); break;
	case WCHAN_QUEUE_PUT: snprintf(buf, n, _("put into full %s"), object_name(s, p->obj)); break;
	case WCHAN_QUEUE_JOIN: snprintf(buf, n, _("%s.join()"), object_name(s, p->obj)); break;
	case WCHAN_PIPE_RECV: snprintf(buf, n, _("recv from %s"), object_name(s, p->obj)); break;
	case WCHAN_POOL_TASK: snprintf(buf, n, _("pool %s: a task"), object_name(s, p->obj)); break;
	case WCHAN_POOL_RESULT: snprintf(buf, n, _("pool %s: results"), object_name(s, p->obj)); break;
	case WCHAN_POOL_JOIN: snprintf(buf, n, _("pool %s: join"), object_name(s, p->obj)); break;
	default: snprintf(buf, n, "%s", wchan_name(p->wchan)); break;
	}
}

/* ---- %CPU: ticks on a CPU in the window, by PID ------------------------------------ */

static int window_ticks(const struct vm *vm)
{
	int64_t per_sec = 1000000 / (tick_us(vm) > 0 ? tick_us(vm) : 1);
	if (per_sec < 1)
		per_sec = 1;
	if (per_sec > HISTORY_TICKS_MAX - 1)
		per_sec = HISTORY_TICKS_MAX - 1;
	int64_t now = vm_now(vm);
	return (int)(now < per_sec ? (now > 0 ? now : 0) : per_sec);
}

static bool cpu_map_add(struct vm *vm, int pid)
{
	unsigned mask = (unsigned)vm->cpu_cap - 1, i = ((unsigned)pid * 2654435761u) & mask;
	while (vm->cpu_pid[i] && vm->cpu_pid[i] != pid)
		i = (i + 1) & mask;
	vm->cpu_pid[i] = pid;
	vm->cpu_ticks[i]++;
	return true;
}

static int cpu_map_get(const struct vm *vm, int pid)
{
	if (!vm->cpu_cap)
		return 0;
	unsigned mask = (unsigned)vm->cpu_cap - 1, i = ((unsigned)pid * 2654435761u) & mask;
	while (vm->cpu_pid[i]) {
		if (vm->cpu_pid[i] == pid)
			return vm->cpu_ticks[i];
		i = (i + 1) & mask;
	}
	return 0;
}

static bool cpu_window_build(struct vm *vm)
{
	int ncpus = sim_cpus(vm->s);
	vm->cpu_window = window_ticks(vm);
	int need = 16;
	while (need < 2 * vm->cpu_window * ncpus + 16)
		need *= 2;
	if (need > vm->cpu_cap) {
		free(vm->cpu_pid);
		free(vm->cpu_ticks);
		vm->cpu_pid = calloc((size_t)need, sizeof *vm->cpu_pid);
		vm->cpu_ticks = calloc((size_t)need, sizeof *vm->cpu_ticks);
		vm->cpu_cap = vm->cpu_pid && vm->cpu_ticks ? need : 0;
		if (!vm->cpu_cap)
			return false;
	} else {
		memset(vm->cpu_pid, 0, sizeof *vm->cpu_pid * (size_t)vm->cpu_cap);
		memset(vm->cpu_ticks, 0, sizeof *vm->cpu_ticks * (size_t)vm->cpu_cap);
	}
	int64_t now = vm_now(vm);
	for (int64_t t = now - vm->cpu_window; t < now; t++)
		for (int c = 0; c < ncpus; c++) {
			struct history_cpu x;
			if (history_cpu_at(vm->h, t, c, &x) && x.pid && x.use != CPU_IDLE)
				cpu_map_add(vm, x.pid);
		}
	return true;
}

double vm_cpu_percent(const struct vm *vm, int pid)
{
	if (vm->cpu_window <= 0)
		return 0.0;
	return 100.0 * cpu_map_get(vm, pid) / vm->cpu_window;
}

/* ---- ordering ------------------------------------------------------------------------ */

static const struct vm *sort_vm; /* qsort has no context argument in C11 */

/* top's PR: 20 + nice; under mlfq the queue level says more. */
static int pr_value(const struct vm *vm, const struct proc_info *p)
{
	return strcmp(sim_sched_params(vm->s)->policy, "mlfq") == 0 ? p->level : 20 + p->nice;
}

static int state_rank(const struct proc_info *p)
{
	if (p->state == 'R')
		return p->on_cpu ? 0 : 1;
	const char *order = "DSTZ", *at = strchr(order, p->state);
	return at ? 2 + (int)(at - order) : 9;
}

static int cmp_procs(const struct vm *vm, int a, int b)
{
	const struct proc_info *x = &vm->procs[a], *y = &vm->procs[b];
	int64_t d = 0;
	switch (vm->set.sort) {
	case COL_PID: d = x->pid - y->pid; break;
	case COL_PPID: d = x->ppid - y->ppid; break;
	case COL_PR: d = pr_value(vm, x) - pr_value(vm, y); break;
	case COL_NI: d = x->nice - y->nice; break;
	case COL_S: d = state_rank(x) - state_rank(y); break;
	case COL_CPU: d = cpu_map_get(vm, x->pid) - cpu_map_get(vm, y->pid); break;
	case COL_TIME: d = x->cpu_ticks - y->cpu_ticks; break;
	case COL_WCHAN: {
		char wa[128], wb[128];
		vm_wchan_text(vm->s, x, wa, sizeof wa);
		vm_wchan_text(vm->s, y, wb, sizeof wb);
		d = strcmp(wa, wb);
		break;
	}
	case COL_COMMAND: d = strcmp(x->name, y->name); break;
	default: break;
	}
	bool desc = vm_columns[vm->set.sort].desc != vm->set.reverse;
	if (d != 0)
		return (d < 0) != desc ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid; /* ties: by PID, always ascending */
}

static int cmp_index(const void *a, const void *b) { return cmp_procs(sort_vm, *(const int *)a, *(const int *)b); }

static int index_of_pid(const struct vm *vm, int pid)
{
	int lo = 0, hi = vm->nprocs - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (vm->procs[mid].pid == pid)
			return mid;
		if (vm->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static bool grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return true;
	int cap2 = *cap ? *cap : 64;
	while (cap2 < need)
		cap2 *= 2;
	void *n = realloc(*p, size * (size_t)cap2);
	if (!n)
		return false;
	*p = n;
	*cap = cap2;
	return true;
}

/* Parents above their children, as ps -ejH and htop's tree: depth-first from
 * the processes without a parent in the table (init), siblings in sort order. */
static void order_tree(struct vm *vm)
{
	int n = vm->nprocs;
	int *parent = vm->order; /* reused: parent index of each process */
	for (int i = 0; i < n; i++) {
		int p = vm->procs[i].ppid != vm->procs[i].pid ? index_of_pid(vm, vm->procs[i].ppid) : -1;
		parent[i] = p;
	}
	/* children lists by counting: kid_start[p]..kid_start[p+1]; roots under n */
	for (int i = 0; i <= n + 1; i++)
		vm->kid_start[i] = 0;
	for (int i = 0; i < n; i++)
		vm->kid_start[(parent[i] < 0 ? n : parent[i]) + 1]++;
	for (int i = 0; i <= n; i++)
		vm->kid_start[i + 1] += vm->kid_start[i];
	/* place children: use rows[].proc as a cursor array temporarily */
	for (int i = 0; i <= n; i++)
		vm->rows[i].depth = vm->kid_start[i];
	for (int i = 0; i < n; i++) {
		int p = parent[i] < 0 ? n : parent[i];
		vm->kids[vm->rows[p].depth++] = i;
	}
	sort_vm = vm;
	for (int p = 0; p <= n; p++) {
		int a = vm->kid_start[p], b = vm->kid_start[p + 1];
		if (b - a > 1)
			qsort(vm->kids + a, (size_t)(b - a), sizeof *vm->kids, cmp_index);
	}
	/* depth-first, with an explicit stack of (parent, next child position) */
	int *stack_p = parent; /* parent[] is no longer needed: reuse as the stack */
	int *stack_at = malloc(sizeof *stack_at * (size_t)(n + 1));
	if (!stack_at) {
		for (int i = 0; i < n; i++)
			vm->rows[i] = (struct vm_row){i, 0, 0, false};
		vm->nrows = n;
		return;
	}
	int sp = 0, out = 0;
	uint64_t more = 0;
	stack_p[sp] = n;
	stack_at[sp] = vm->kid_start[n];
	sp++;
	while (sp > 0 && out < n) {
		int p = stack_p[sp - 1];
		if (stack_at[sp - 1] == vm->kid_start[p + 1]) {
			sp--;
			continue;
		}
		int at = stack_at[sp - 1]++;
		int child = vm->kids[at];
		bool last = at + 1 == vm->kid_start[p + 1];
		int depth = sp - 1;
		if (depth >= 1 && depth < 64) {
			if (last)
				more &= ~(UINT64_C(1) << depth);
			else
				more |= UINT64_C(1) << depth;
		}
		vm->rows[out++] = (struct vm_row){child, depth, more, last};
		if (vm->kid_start[child] != vm->kid_start[child + 1] && sp <= n) {
			stack_p[sp] = child;
			stack_at[sp] = vm->kid_start[child];
			sp++;
		}
	}
	vm->nrows = out;
	free(stack_at);
}

static void compute_columns(struct vm *vm)
{
	int pid_digits = 1;
	for (int m = sim_scenario(vm->s)->pid_max - 1; m >= 10; m /= 10)
		pid_digits++;
	int total = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		int w = vm_columns[c].min;
		int tw = vm_width(_(vm_columns[c].title));
		if (tw > w)
			w = tw;
		if ((c == COL_PID || c == COL_PPID) && pid_digits > w)
			w = pid_digits;
		vm->col_w[c] = w;
		total += w + (c > 0);
	}
	int extra = vm->width - total;
	if (extra > 0) {
		int wchan_more = WCHAN_MAX_WIDTH - vm->col_w[COL_WCHAN];
		int give = extra / 5;
		if (give > wchan_more)
			give = wchan_more > 0 ? wchan_more : 0;
		vm->col_w[COL_WCHAN] += give;
		vm->col_w[COL_COMMAND] += extra - give;
	} else if (extra < 0) {
		vm->col_w[COL_COMMAND] += extra; /* narrower than the minimum: cut COMMAND */
		if (vm->col_w[COL_COMMAND] < 1)
			vm->col_w[COL_COMMAND] = 1;
	}
	int x = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		vm->col_x[c] = x;
		x += vm->col_w[c] + 1;
	}
}

bool vm_build(struct vm *vm, const struct history *h, const struct vm_settings *set, int width)
{
	vm->h = h;
	vm->s = history_sim(h);
	vm->set = *set;
	vm->width = width;
	snapshot_counts(vm->s, &vm->counts);
	int n = vm->counts.total;
	if (!grow((void **)&vm->procs, &vm->capprocs, n + 1, sizeof *vm->procs))
		return false;
	int cap = vm->capprocs;
	/* rows, order, kids and kid_start all hold up to n + 2 entries */
	if (cap > (int)vm->tree_scratch_cap) {
		struct vm_row *r = realloc(vm->rows, sizeof *r * (size_t)(cap + 2));
		if (r)
			vm->rows = r;
		int *o = realloc(vm->order, sizeof *o * (size_t)(cap + 2));
		if (o)
			vm->order = o;
		int *k = realloc(vm->kids, sizeof *k * (size_t)(cap + 2));
		if (k)
			vm->kids = k;
		int *ks = realloc(vm->kid_start, sizeof *ks * (size_t)(cap + 2));
		if (ks)
			vm->kid_start = ks;
		if (!r || !o || !k || !ks)
			return false;
		vm->tree_scratch_cap = cap;
	}
	vm->nprocs = snapshot_procs(vm->s, vm->procs, n);
	if (vm->nprocs > n)
		vm->nprocs = n;
	if (!cpu_window_build(vm))
		return false;
	compute_columns(vm);
	if (vm->set.tree) {
		order_tree(vm);
		return true;
	}
	for (int i = 0; i < vm->nprocs; i++)
		vm->order[i] = i;
	if (vm->set.sort != COL_PID || vm->set.reverse) {
		sort_vm = vm;
		qsort(vm->order, (size_t)vm->nprocs, sizeof *vm->order, cmp_index);
	}
	for (int i = 0; i < vm->nprocs; i++)
		vm->rows[i] = (struct vm_row){vm->order[i], 0, 0, false};
	vm->nrows = vm->nprocs;
	return true;
}

int vm_find_pid(const struct vm *vm, int pid)
{
	for (int i = 0; i < vm->nrows; i++)
		if (vm->procs[vm->rows[i].proc].pid == pid)
			return i;
	return -1;
}

const struct proc_info *vm_row_proc(const struct vm *vm, int row)
{
	return row >= 0 && row < vm->nrows ? &vm->procs[vm->rows[row].proc] : NULL;
}

static void tree_prefix(const struct vm_row *r, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int d = 1; d < r->depth && d < 64; d++) {
		const char *g = (r->more >> d) & 1 ? glyph(G_VBAR) : "   ";
		size_t k = strlen(g);
		if (at + k >= n)
			break;
		memcpy(buf + at, g, k + 1);
		at += k;
	}
	if (r->depth > 0) {
		const char *g = r->last ? glyph(G_CORNER) : glyph(G_TEE);
		size_t k = strlen(g);
		if (at + k < n)
			memcpy(buf + at, g, k + 1);
	}
}

void vm_cell(const struct vm *vm, int row, enum vm_col col, char *buf, size_t n)
{
	const struct proc_info *p = vm_row_proc(vm, row);
	if (!p) {
		buf[0] = '\0';
		return;
	}
	switch (col) {
	case COL_PID: snprintf(buf, n, "%d", p->pid); break;
	case COL_PPID: snprintf(buf, n, "%d", p->ppid); break;
	case COL_PR: snprintf(buf, n, "%d", pr_value(vm, p)); break;
	case COL_NI: snprintf(buf, n, "%d", p->nice); break;
	case COL_S: snprintf(buf, n, "%c", p->state); break;
	case COL_CPU: snprintf(buf, n, "%.1f", vm_cpu_percent(vm, p->pid)); break;
	case COL_TIME: timefmt_cpu(p->cpu_ticks, tick_us(vm), buf, n); break;
	case COL_WCHAN: vm_wchan_text(vm->s, p, buf, n); break;
	case COL_COMMAND: {
		char prefix[256] = "";
		if (vm->set.tree)
			tree_prefix(&vm->rows[row], prefix, sizeof prefix);
		if (p->state == 'Z')
			snprintf(buf, n, "%s[%s] <defunct>", prefix, p->name);
		else
			snprintf(buf, n, "%s%s", prefix, p->name);
		break;
	}
	default: buf[0] = '\0';
	}
}

void vm_row_line(const struct vm *vm, int row, struct vm_line *out)
{
	vm_line_clear(out);
	const struct proc_info *p = vm_row_proc(vm, row);
	enum vm_role role = p ? vm_state_role(p) : ROLE_NORMAL;
	char cell[1024], fitted[VM_LINE_BYTES];
	size_t at = 0;
	fitted[0] = '\0';
	for (int c = 0; c < COL_COUNT; c++) {
		vm_cell(vm, row, (enum vm_col)c, cell, sizeof cell);
		if (c > 0)
			put_spaces(fitted, sizeof fitted, &at, 1);
		int w = c == COL_COUNT - 1 ? vm->width - vm->col_x[c] : vm->col_w[c];
		at += vm_fit(fitted + at, sizeof fitted - at, cell, w, vm_columns[c].right);
	}
	vm_line_add(out, role, fitted);
}

void vm_table_head(const struct vm *vm, struct vm_line *out)
{
	vm_line_clear(out);
	for (int c = 0; c < COL_COUNT; c++) {
		if (c > 0)
			vm_line_add(out, ROLE_TABLE_HEAD, " ");
		int w = c == COL_COUNT - 1 ? vm->width - vm->col_x[c] : vm->col_w[c];
		vm_line_addfit(out, c == (int)vm->set.sort ? ROLE_SORTED_HEAD : ROLE_TABLE_HEAD, _(vm_columns[c].title), w,
			       vm_columns[c].right);
	}
}

int vm_col_at(const struct vm *vm, int x)
{
	for (int c = COL_COUNT - 1; c >= 0; c--)
		if (x >= vm->col_x[c])
			return c;
	return -1;
}

/* ---- header -------------------------------------------------------------------------- */

#define CPU_CELL_COLS 40

static int cpu_lines(const struct vm *vm)
{
	if (!vm->set.per_cpu)
		return 1;
	int ncpus = sim_cpus(vm->s);
	int per_line = vm->width / CPU_CELL_COLS > 0 ? vm->width / CPU_CELL_COLS : 1;
	int lines = (ncpus + per_line - 1) / per_line;
	return lines > 8 ? 8 : lines;
}

int vm_header_lines(const struct vm *vm) { return 3 + cpu_lines(vm); }

static void cpu_use(const struct vm *vm, int cpu, double *us, double *sy, double *id)
{
	int user = 0, sys = 0, n = vm->cpu_window;
	int64_t now = vm_now(vm);
	int ncpus = sim_cpus(vm->s);
	for (int64_t t = now - n; t < now; t++)
		for (int c = 0; c < ncpus; c++) {
			if (cpu >= 0 && c != cpu)
				continue;
			struct history_cpu x;
			if (history_cpu_at(vm->h, t, c, &x))
				user += x.use == CPU_USER, sys += x.use == CPU_SYSTEM;
		}
	int total = n * (cpu >= 0 ? 1 : ncpus);
	*us = total ? 100.0 * user / total : 0.0;
	*sy = total ? 100.0 * sys / total : 0.0;
	*id = total ? 100.0 - *us - *sy : 100.0;
}

static void status_words(const struct vm *vm, enum vm_role *role, const char **text)
{
	switch (sim_status(vm->s)) {
	case SIM_RUNNING:
		*role = vm->set.running ? ROLE_RUNNING : ROLE_PAUSED;
		*text = vm->set.running ? _("RUNNING") : _("PAUSED");
		return;
	case SIM_DONE: *text = _("ENDED: every process has been reaped"); break;
	case SIM_LIMIT: *text = _("ENDED: the scenario's time limit"); break;
	case SIM_STUCK: *text = _("STUCK: nothing can ever run again"); break;
	case SIM_RUNAWAY: *text = _("STOPPED: a runaway (see the trace)"); break;
	default: *text = _("STOPPED: out of memory"); break;
	}
	*role = ROLE_ENDED;
}

static void speed_text(const struct vm *vm, char *buf, size_t n)
{
	snprintf(buf, n, _("%1$gx (%2$g ticks/s)"), vm->set.speed, vm->set.ticks_per_sec);
}

void vm_header_line(const struct vm *vm, int i, struct vm_line *out)
{
	vm_line_clear(out);
	int64_t now = vm_now(vm);
	char d[32], buf[VM_LINE_BYTES];
	timefmt_ticks(now > 0 ? now : 0, tick_us(vm), d, sizeof d);
	int last = vm_header_lines(vm) - 1;
	if (i == 0) {
		double load[3];
		sim_loadavg(vm->s, load);
		snprintf(buf, sizeof buf, _("procsim - t=%1$lld (%2$s) up %3$s,  load average: %4$.2f, %5$.2f, %6$.2f"),
			 (long long)now, d, d, load[0], load[1], load[2]);
		vm_line_add(out, ROLE_NORMAL, buf);
		/* the scenario's title at the right, if it has room */
		const char *title = sim_scenario(vm->s)->title;
		int room = vm->width - vm_width(buf) - 3;
		if (title && *title && room > 8) {
			int tw = vm_width(title) < room ? vm_width(title) : room;
			vm_line_addf(out, ROLE_NORMAL, "%*s", room - tw + 3, "");
			vm_line_addfit(out, ROLE_TITLE, title, tw, false);
		}
	} else if (i == 1) {
		const struct sim_counts *c = &vm->counts;
		snprintf(buf, sizeof buf, _("Tasks: %1$3d total, %2$3d running, %3$3d sleeping, %4$3d stopped, %5$3d zombie"),
			 c->total, c->running, c->sleeping, c->stopped, c->zombie);
		vm_line_add(out, ROLE_NORMAL, buf);
	} else if (i < last) {
		double us, sy, id;
		if (!vm->set.per_cpu) {
			cpu_use(vm, -1, &us, &sy, &id);
			snprintf(buf, sizeof buf, _("%%Cpu(s): %1$5.1f us, %2$5.1f sy, %3$5.1f id"), us, sy, id);
			vm_line_add(out, ROLE_NORMAL, buf);
			vm_line_add(out, ROLE_LABEL, "   ");
			snprintf(buf, sizeof buf, NG_("(over the last tick)", "(over the last %d ticks)", vm->cpu_window),
				 vm->cpu_window);
			vm_line_add(out, ROLE_LABEL, buf);
			return;
		}
		int ncpus = sim_cpus(vm->s);
		int per_line = vm->width / CPU_CELL_COLS > 0 ? vm->width / CPU_CELL_COLS : 1;
		for (int k = 0; k < per_line; k++) {
			int c = (i - 2) * per_line + k;
			if (c >= ncpus)
				break;
			cpu_use(vm, c, &us, &sy, &id);
			snprintf(buf, sizeof buf, _("%%Cpu%1$-3d: %2$5.1f us, %3$5.1f sy, %4$5.1f id"), c, us, sy, id);
			vm_line_addfit(out, ROLE_NORMAL, buf, CPU_CELL_COLS, false);
		}
	} else {
		/* the clock's state first, so that it is never cut off */
		enum vm_role role;
		const char *words;
		status_words(vm, &role, &words);
		vm_line_addf(out, role, " %s ", words);
		vm_line_add(out, ROLE_NORMAL, "  ");
		const struct sched_params *sp = sim_sched_params(vm->s);
		char tick[32], speed[64];
		timefmt_ticks(1, tick_us(vm), tick, sizeof tick);
		speed_text(vm, speed, sizeof speed);
		snprintf(buf, sizeof buf,
			 NG_("Policy %2$s, slice %3$lld ticks, %1$d CPU, tick %4$s, speed %5$s",
			     "Policy %2$s, slice %3$lld ticks, %1$d CPUs, tick %4$s, speed %5$s", sim_cpus(vm->s)),
			 sim_cpus(vm->s), sp->policy, (long long)sim_quantum(vm->s), tick, speed);
		vm_line_add(out, ROLE_NORMAL, buf);
	}
}

/* ---- queues ------------------------------------------------------------------------- */

static const char *proc_name(const struct vm *vm, int pid)
{
	int i = index_of_pid(vm, pid);
	return i >= 0 ? vm->procs[i].name : "?";
}

/* The pids of the processes sleeping on object o's queue `w`, after a label. */
static void object_sleepers(const struct vm *vm, int o, enum wchan w, const char *label, struct vm_line *out)
{
	bool first = true;
	for (int k = 0; k < vm->nprocs && out->len < VM_LINE_BYTES - 32; k++) {
		const struct proc_info *p = &vm->procs[k];
		if (p->obj != o || p->wchan != w || (p->state != 'S' && p->state != 'D'))
			continue;
		if (first) {
			vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
			vm_line_add(out, ROLE_LABEL, label);
			first = false;
		}
		vm_line_addf(out, ROLE_STATE_S, " %d", p->pid);
	}
}

/* One shared object: its state and who waits on it (issue: every object
 * shows up in the view). */
static void object_line(const struct vm *vm, int o, struct vm_line *out)
{
	struct obj_info oi;
	if (!snapshot_object(vm->s, o, &oi))
		return;
	switch (oi.kind) {
	case OBJ_LOCK:
		vm_line_addf(out, ROLE_LABEL, _("Lock %s: "), oi.name);
		if (oi.holder)
			vm_line_addf(out, ROLE_STATE_RUN, _("held by %1$d %2$s"), oi.holder, proc_name(vm, oi.holder));
		else
			vm_line_add(out, ROLE_IDLE, _("free"));
		object_sleepers(vm, o, WCHAN_LOCK, _("waiting:"), out);
		break;
	case OBJ_QUEUE:
	case OBJ_JQUEUE:
		vm_line_addf(out, ROLE_LABEL, oi.kind == OBJ_JQUEUE ? _("JoinableQueue %s: ") : _("Queue %s: "), oi.name);
		if (oi.maxsize)
			vm_line_addf(out, ROLE_LABEL, "%d/%lld [%s]", oi.count, oi.maxsize, oi.value);
		else
			vm_line_addf(out, ROLE_LABEL, "%d [%s]", oi.count, oi.value);
		if (oi.kind == OBJ_JQUEUE)
			vm_line_addf(out, ROLE_LABEL, _(" unfinished %lld"), oi.unfinished);
		object_sleepers(vm, o, WCHAN_QUEUE_GET, _("getters:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_RLOCK, _("waiting to read:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_PUT, _("putters:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_JOIN, _("in join():"), out);
		break;
	case OBJ_PIPE_END: {
		vm_line_addf(out, ROLE_LABEL, _("Pipe end %1$s: %2$d waiting, open in"), oi.name, oi.count);
		bool any = false;
		for (int k = 0; k < vm->nprocs && o < 64; k++)
			if ((vm->procs[k].pipes_open & (1ull << o)) && vm->procs[k].state != 'Z') {
				vm_line_addf(out, ROLE_LABEL, " %d", vm->procs[k].pid);
				any = true;
			}
		if (!any)
			vm_line_addf(out, ROLE_IDLE, " %s", _("nobody"));
		object_sleepers(vm, o, WCHAN_PIPE_RECV, _("readers:"), out);
		break;
	}
	case OBJ_SHARED:
		vm_line_addf(out, ROLE_LABEL, _("shared %1$s = %2$s"), oi.name, oi.value);
		break;
	case OBJ_POOL: {
		vm_line_addf(out, ROLE_LABEL, _("Pool %1$s: workers"), oi.name);
		bool any = false;
		for (int k = 0; k < vm->nprocs; k++)
			if (vm->procs[k].pool_of == o && vm->procs[k].state != 'Z') {
				vm_line_addf(out, ROLE_LABEL, " %d", vm->procs[k].pid);
				any = true;
			}
		if (!any)
			vm_line_addf(out, ROLE_IDLE, " %s", _("none"));
		object_sleepers(vm, o, WCHAN_POOL_TASK, _("idle:"), out);
		object_sleepers(vm, o, WCHAN_POOL_RESULT, _("waiting for results:"), out);
		object_sleepers(vm, o, WCHAN_POOL_JOIN, _("in join():"), out);
		break;
	}
	default:
		break;
	}
}

void vm_queue_line(const struct vm *vm, int i, struct vm_line *out)
{
	vm_line_clear(out);
	if (i >= 2) {
		object_line(vm, i - 2, out);
		return;
	}
	if (i == 0) {
		int pids[64];
		int n = snapshot_cpus(vm->s, pids, 64);
		for (int c = 0; c < n && c < 64; c++) {
			if (c > 0)
				vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
			vm_line_addf(out, ROLE_LABEL, "CPU%d: ", c);
			if (pids[c])
				vm_line_addf(out, ROLE_STATE_RUN, "%d %s", pids[c], proc_name(vm, pids[c]));
			else
				vm_line_add(out, ROLE_IDLE, _("idle"));
		}
		vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
		int len = vm->counts.runnable;
		int *rq = malloc(sizeof *rq * (size_t)(len > 0 ? len : 1));
		int m = rq ? snapshot_runqueue(vm->s, rq, len) : 0;
		if (m > len)
			m = len;
		vm_line_addf(out, ROLE_LABEL, _("Run queue (%d): "), m);
		if (m == 0)
			vm_line_add(out, ROLE_IDLE, _("empty"));
		for (int k = 0; k < m && out->len < VM_LINE_BYTES - 64; k++) {
			if (k > 0)
				vm_line_add(out, ROLE_LABEL, glyph(G_ARROW));
			vm_line_addf(out, ROLE_STATE_R, "%d", rq[k]);
		}
		free(rq);
		return;
	}
	/* Sleep queues: one per wait channel (the child waits gathered in one). */
	static const struct { enum wchan w; const char *name; } chans[] = {
		{WCHAN_TIMER, N_("timer")}, {WCHAN_DISK, N_("disk")}, {WCHAN_TTY, N_("terminal input")},
		{WCHAN_CHILD, N_("child exit")}, {WCHAN_PAUSE, N_("a signal")},
	};
	vm_line_add(out, ROLE_LABEL, _("Sleeping on: "));
	bool any = false;
	for (size_t q = 0; q < sizeof chans / sizeof chans[0]; q++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			const struct proc_info *p = &vm->procs[k];
			if (p->state != 'S' && p->state != 'D')
				continue;
			enum wchan w = p->wchan == WCHAN_CHILD_PID || p->wchan == WCHAN_JOIN_ALL ? WCHAN_CHILD : p->wchan;
			if (w != chans[q].w)
				continue;
			if (count == 0) {
				if (any)
					vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
				vm_line_addf(out, ROLE_LABEL, "%s: ", _(chans[q].name));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, p->state == 'D' ? ROLE_STATE_D : ROLE_STATE_S, "%d", p->pid);
			count++;
			any = true;
		}
	}
	/* the shared objects' queues: locks, queues, pipes, pools */
	int nobj = snapshot_objects(vm->s);
	for (int o = 0; o < nobj && out->len < VM_LINE_BYTES - 64; o++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			const struct proc_info *p = &vm->procs[k];
			if ((p->state != 'S' && p->state != 'D') || p->obj != o)
				continue;
			if (count++ == 0) {
				if (any)
					vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
				vm_line_addf(out, ROLE_LABEL, "%s: ", object_name(vm->s, o));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, ROLE_STATE_S, "%d", p->pid);
			any = true;
		}
	}
	if (!any)
		vm_line_add(out, ROLE_IDLE, _("nobody"));
	/* Not queues, but where the rest are: stopped and zombies. */
	static const struct { char state; const char *name; enum vm_role role; } rest[] = {
		{'T', N_("Stopped: "), ROLE_STATE_T}, {'Z', N_("Zombies: "), ROLE_STATE_Z},
	};
	for (size_t q = 0; q < sizeof rest / sizeof rest[0]; q++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			if (vm->procs[k].state != rest[q].state)
				continue;
			if (count++ == 0) {
				vm_line_add(out, ROLE_LABEL, glyph(G_SEP));
				vm_line_add(out, ROLE_LABEL, _(rest[q].name));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, rest[q].role, "%d", vm->procs[k].pid);
		}
	}
}

/* ---- the Gantt strip ------------------------------------------------------------------ */

#define GANTT_LABEL 7 /* "CPU12 " and a bar */

static int gantt_ticks(const struct vm *vm)
{
	int w = vm->width - GANTT_LABEL;
	return w < HISTORY_TICKS_MAX ? (w > 0 ? w : 0) : HISTORY_TICKS_MAX;
}

void vm_gantt_line(const struct vm *vm, int cpu, struct vm_line *out)
{
	vm_line_clear(out);
	char label[32];
	snprintf(label, sizeof label, "CPU%d", cpu);
	vm_line_addfit(out, ROLE_LABEL, label, GANTT_LABEL - 1, false);
	vm_line_add(out, ROLE_LABEL, ascii_mode ? "|" : "▕");
	int n = gantt_ticks(vm);
	int64_t now = vm_now(vm), first = now - n + 1;
	for (int64_t t = first; t <= now;) {
		struct history_cpu x;
		if (!history_cpu_at(vm->h, t, cpu, &x)) {
			vm_line_add(out, ROLE_NORMAL, " ");
			t++;
			continue;
		}
		/* A segment: the same process (or idleness) for consecutive ticks. */
		bool busy = x.pid && x.use != CPU_IDLE;
		int64_t end = t + 1;
		struct history_cpu y;
		while (end <= now && history_cpu_at(vm->h, end, cpu, &y) && y.pid == x.pid &&
		       (y.pid && y.use != CPU_IDLE) == busy)
			end++;
		int len = (int)(end - t);
		if (!busy) {
			for (int k = 0; k < len; k++)
				vm_line_add(out, ROLE_IDLE, glyph(G_IDLE));
		} else {
			char pid[16];
			int digits = snprintf(pid, sizeof pid, "%d", x.pid);
			enum vm_role role = (enum vm_role)(ROLE_GANTT1 + x.pid % 6);
			int k = 0;
			if (len >= digits) {
				vm_line_add(out, role, pid);
				k = digits;
			}
			for (; k < len; k++) {
				struct history_cpu z;
				history_cpu_at(vm->h, t + k, cpu, &z);
				vm_line_add(out, role, z.use == CPU_SYSTEM ? glyph(G_SYS) : glyph(G_RUN));
			}
		}
		t = end;
	}
}

void vm_gantt_axis(const struct vm *vm, struct vm_line *out)
{
	vm_line_clear(out);
	int n = gantt_ticks(vm);
	int64_t now = vm_now(vm), first = now - n + 1;
	char buf[VM_LINE_BYTES];
	memset(buf, ' ', (size_t)(GANTT_LABEL + n));
	buf[GANTT_LABEL + n] = '\0';
	/* the current tick at the right end, under the newest column */
	char mark[32];
	int nowlen = snprintf(mark, sizeof mark, "t=%lld|", (long long)now);
	int nowx = GANTT_LABEL + n - nowlen;
	if (nowx >= 0)
		memcpy(buf + nowx, mark, (size_t)nowlen);
	int step = nowlen > 9 ? 20 : 10;
	for (int64_t t = first > 0 ? first : 0; t <= now; t++) {
		if (t % step != 0)
			continue;
		int x = GANTT_LABEL + (int)(t - first);
		int len = snprintf(mark, sizeof mark, "|%lld", (long long)t);
		if (x + len < nowx)
			memcpy(buf + x, mark, (size_t)len);
	}
	vm_line_add(out, ROLE_LABEL, buf);
}

/* ---- the log ---------------------------------------------------------------------------- */

/* Splits s into lines of at most `cols` columns, breaking at a space when it can. */
int vm_wrap(const char *s, int cols, const char **starts, size_t *lens, int max)
{
	int n = 0;
	while (*s && n < max) {
		int used;
		size_t k = vm_prefix(s, cols, &used);
		if (k == 0)
			k = 1;
		if (s[k]) {
			size_t sp = k;
			while (sp > 0 && s[sp] != ' ')
				sp--;
			if (sp > k / 2)
				k = sp;
		}
		starts[n] = s;
		lens[n++] = k;
		s += k;
		while (*s == ' ')
			s++;
	}
	return n;
}

int vm_log_lines(const struct vm *vm, struct vm_line *out, int height)
{
	if (height <= 0)
		return 0;
	char stamp[32];
	int stamp_w = snprintf(stamp, sizeof stamp, "t=%lld ", (long long)vm_now(vm));
	int text_w = vm->width - stamp_w;
	if (text_w < 10)
		text_w = 10;
	int filled = 0;
	/* newest first, each wrapped, filling the pane from the bottom */
	for (int i = history_lines(vm->h) - 1; i >= 0 && filled < height; i--) {
		const struct history_line *l = history_line(vm->h, i);
		const char *starts[32];
		size_t lens[32];
		int parts = vm_wrap(l->text ? l->text : "", text_w, starts, lens, 32);
		if (parts == 0)
			parts = 1, starts[0] = "", lens[0] = 0;
		enum vm_role role = l->kind == EV_PRINT ? ROLE_LOG_PRINT
				  : l->kind == EV_SIGNAL || l->kind == EV_EXIT || l->kind == EV_REPARENT || l->kind == EV_REAP
				      ? ROLE_LOG_SIGNAL
				      : ROLE_LOG;
		if (filled > 0 && filled + parts > height)
			break; /* only whole entries, except the newest */
		for (int k = parts - 1; k >= 0 && filled < height; k--) {
			struct vm_line *o = &out[height - 1 - filled++];
			vm_line_clear(o);
			if (k == 0) {
				snprintf(stamp, sizeof stamp, "t=%lld", (long long)l->t);
				vm_line_addfit(o, ROLE_LOG_TIME, stamp, stamp_w, false);
			} else {
				vm_line_addf(o, ROLE_LOG_TIME, "%*s", stamp_w, "");
			}
			char part[VM_LINE_BYTES];
			size_t len = lens[k] < sizeof part - 1 ? lens[k] : sizeof part - 1;
			memcpy(part, starts[k], len);
			part[len] = '\0';
			vm_line_addfit(o, role, part, text_w, false);
		}
	}
	/* move the lines to the top of out[] */
	if (filled < height)
		memmove(out, out + (height - filled), sizeof *out * (size_t)filled);
	return filled;
}

/* ---- explain --------------------------------------------------------------------------- */

/* The story is collected in a ring of the newest EXPLAIN_MAX_STORY lines. */
struct explain_ctx {
	struct vm_line *ring;
	int first, count;
	int pid;
	int64_t skipped;
};

#define EXPLAIN_MAX_STORY 2000

static const char *state_after(const struct sim_event *ev, int pid, char *buf, size_t n)
{
	if (ev->pid != pid)
		return "";
	switch (ev->kind) {
	case EV_SPAWN: return "R";
	case EV_DISPATCH: snprintf(buf, n, "R CPU%d", ev->cpu); return buf;
	case EV_PREEMPT: return "R";
	case EV_SLEEP: snprintf(buf, n, "%c", ev->state); return buf;
	case EV_WAKE: return "R";
	case EV_STOP: return "T";
	case EV_CONT: return "R";
	case EV_EXIT: return ev->zombie ? "Z" : _("gone");
	case EV_REAP: return _("gone");
	default: return "";
	}
}

static void explain_event(void *ctx, const struct sim_event *ev, const char *sentence)
{
	struct explain_ctx *x = ctx;
	struct vm_line *l;
	if (x->count < EXPLAIN_MAX_STORY) {
		l = &x->ring[(x->first + x->count++) % EXPLAIN_MAX_STORY];
	} else {
		l = &x->ring[x->first];
		x->first = (x->first + 1) % EXPLAIN_MAX_STORY;
		x->skipped++;
	}
	vm_line_clear(l);
	l->indent = 18;
	char t[32], st[32];
	snprintf(t, sizeof t, "t=%lld", (long long)ev->t);
	vm_line_addfit(l, ROLE_LOG_TIME, t, 10, false);
	const char *after = state_after(ev, x->pid, st, sizeof st);
	struct proc_info fake = {.state = after[0], .on_cpu = after[1] == ' '};
	vm_line_addfit(l, after[0] ? vm_state_role(&fake) : ROLE_NORMAL, after, 8, false);
	vm_line_add(l, ev->kind == EV_PRINT ? ROLE_LOG_PRINT : ev->pid == x->pid ? ROLE_LOG : ROLE_LABEL, sentence);
}

static void now_sentence(const struct vm *vm, const struct proc_info *p, char *buf, size_t n)
{
	char w[128], parent[160];
	vm_wchan_text(vm->s, p, w, sizeof w);
	int pi = index_of_pid(vm, p->ppid);
	if (pi >= 0)
		snprintf(parent, sizeof parent, "PID %d (%s)", p->ppid, vm->procs[pi].name);
	else
		snprintf(parent, sizeof parent, "PID %d", p->ppid);
	switch (p->state) {
	case 'R':
		if (p->on_cpu) {
			snprintf(buf, n, _("R: running on CPU%d."), p->cpu);
		} else {
			int len = vm->counts.runnable, pos = 0;
			int *rq = malloc(sizeof *rq * (size_t)(len > 0 ? len : 1));
			int m = rq ? snapshot_runqueue(vm->s, rq, len) : 0;
			for (int k = 0; k < m && k < len; k++)
				if (rq[k] == p->pid)
					pos = k + 1;
			free(rq);
			snprintf(buf, n, _("R: runnable, number %1$d of %2$d in the run queue, waiting for a CPU."), pos, m);
		}
		break;
	case 'S': snprintf(buf, n, _("S: sleeping (interruptible, a signal wakes it): %s."), w); break;
	case 'D': snprintf(buf, n, _("D: uninterruptible sleep (%s): signals wait until the I/O completes."), w); break;
	case 'T': snprintf(buf, n, "%s", _("T: stopped; SIGCONT (bg, fg) resumes it, SIGKILL kills it.")); break;
	case 'Z': {
		char pw[128] = "?";
		if (pi >= 0)
			vm_wchan_text(vm->s, &vm->procs[pi], pw, sizeof pw);
		snprintf(buf, n,
			 _("Z: a zombie since t=%1$lld (%2$s): it has exited, and its parent %3$s has not reaped it with wait() yet; the parent is now: %4$s."),
			 (long long)p->exit_tick, w, parent, pw);
		break;
	}
	default: snprintf(buf, n, "%c", p->state);
	}
}

bool vm_explain(const struct vm *vm, int pid, struct vm_text *out)
{
	int i = index_of_pid(vm, pid);
	if (i < 0)
		return false;
	const struct proc_info *p = &vm->procs[i];
	struct vm_line *l;
	char buf[VM_LINE_BYTES], parent[160];
	int pi = index_of_pid(vm, p->ppid);
	if (pi >= 0)
		snprintf(parent, sizeof parent, "PID %d (%s)", p->ppid, vm->procs[pi].name);
	else
		snprintf(parent, sizeof parent, "PID %d", p->ppid);
	if (!(l = vm_text_add(out)))
		return false;
	snprintf(buf, sizeof buf, _("PID %1$d (%2$s): its parent is %3$s; process group %4$d."), p->pid, p->name, parent, p->pgid);
	vm_line_add(l, ROLE_TITLE, buf);
	if (!(l = vm_text_add(out)))
		return false;
	now_sentence(vm, p, buf, sizeof buf);
	vm_line_add(l, ROLE_LABEL, _("Now: "));
	l->indent = vm_width(_("Now: "));
	vm_line_add(l, vm_state_role(p), buf);
	if (!(l = vm_text_add(out)))
		return false;
	char cpu[32], start[32];
	timefmt_cpu(p->cpu_ticks, tick_us(vm), cpu, sizeof cpu);
	timefmt_ticks(p->start_tick, tick_us(vm), start, sizeof start);
	int children = 0;
	for (int k = 0; k < vm->nprocs; k++)
		children += vm->procs[k].ppid == pid && vm->procs[k].pid != pid;
	snprintf(buf, sizeof buf, _("Created at t=%1$lld (%2$s); CPU time %3$s (%4$lld ticks); %5$d children now."),
		 (long long)p->start_tick, start, cpu, (long long)p->cpu_ticks, children);
	vm_line_add(l, ROLE_NORMAL, buf);
	if (!(l = vm_text_add(out)))
		return false;
	if (!(l = vm_text_add(out)))
		return false;
	vm_line_add(l, ROLE_TABLE_HEAD, _("Its history: each event, the state it left the process in, and why"));
	struct explain_ctx x = {malloc(sizeof *x.ring * EXPLAIN_MAX_STORY), 0, 0, pid, 0};
	if (!x.ring || !history_story(vm->h, pid, p->start_tick, explain_event, &x)) {
		free(x.ring);
		return false;
	}
	if (x.skipped && (l = vm_text_add(out))) {
		snprintf(buf, sizeof buf, NG_("(%lld earlier event is not shown)", "(%lld earlier events are not shown)", x.skipped),
			 (long long)x.skipped);
		vm_line_add(l, ROLE_LABEL, buf);
	}
	for (int k = 0; k < x.count; k++) {
		if (!(l = vm_text_add(out)))
			break;
		*l = x.ring[(x.first + k) % EXPLAIN_MAX_STORY];
	}
	free(x.ring);
	return true;
}

/* ---- layout ------------------------------------------------------------------------- */

void vm_layout(const struct vm *vm, int cols, int lines, struct vm_layout *o)
{
	memset(o, 0, sizeof *o);
	o->cols = cols;
	o->lines = lines;
	if (cols < VM_MIN_COLS || lines < VM_MIN_LINES) {
		o->too_small = true;
		return;
	}
	int ncpus = sim_cpus(vm->s);
	o->header_y = 0;
	o->header_h = vm_header_lines(vm);
	o->footer_y = lines - 1;
	/* Two lines of queues, then one per shared object, as room allows. */
	int nobj = snapshot_objects(vm->s), max_obj = lines / 6;
	o->queues_h = 2 + (nobj < max_obj ? nobj : max_obj);
	int max_gantt = lines / 8 > 2 ? lines / 8 : 2;
	o->gantt_cpus = ncpus < max_gantt ? ncpus : max_gantt;
	o->gantt_h = o->gantt_cpus + 1;
	int avail = lines - o->header_h - o->queues_h - o->gantt_h - 1;
	if (avail < 8) { /* many header lines: give up the strip first */
		avail += o->gantt_h;
		o->gantt_h = o->gantt_cpus = 0;
	}
	int log_h = avail * 2 / 5;
	if (log_h < 2)
		log_h = 2;
	int table_h = avail - log_h;
	/* Use the room: a short table leaves its rows to the log. */
	int want = vm->nrows + 1 > 6 ? vm->nrows + 1 : 6;
	if (table_h > want) {
		log_h += table_h - want;
		table_h = want;
	}
	if (vm->set.big_log) { /* the log takes the room of the strip and of most rows */
		int small = want < 5 ? want : 5;
		log_h += table_h - small + o->gantt_h;
		table_h = small;
		o->gantt_h = o->gantt_cpus = 0;
	}
	o->table_y = o->header_h;
	o->table_h = table_h;
	o->queues_y = o->table_y + table_h;
	o->gantt_y = o->queues_y + o->queues_h;
	o->log_y = o->gantt_y + o->gantt_h;
	o->log_h = o->footer_y - o->log_y;
}

void vm_too_small(int cols, int lines, char *buf, size_t n)
{
	snprintf(buf, n, _("The terminal is %1$dx%2$d; procsim needs at least %3$dx%4$d. Make the window larger (q quits)."),
		 cols, lines, VM_MIN_COLS, VM_MIN_LINES);
}
