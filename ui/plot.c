/* plot.c: see plot.h. The spans follow the kernel's transitions
 * (docs/semantics.md, section 1): spawn → runnable, dispatch → running on CPU
 * n, preempt → runnable, sleep → S or D, wake → runnable, stop → T, cont →
 * runnable, exit → Z, reap → gone; SIGKILL makes a stopped process runnable. */
#include "plot.h"
#include "plot_int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lang/program.h"
#include "sig.h"
#include "sim.h"
#include "svg.h"
#include "text.h"
#include "timefmt.h"

#define PS_NONE 255

/* ---- building the trace ------------------------------------------------------- */

bool plot_trace_init(struct plot_trace *t, const struct sim *s)
{
	memset(t, 0, sizeof *t);
	const struct scenario *sc = sim_scenario(s);
	t->title = strdup(sc->title ? sc->title : "");
	t->tick_us = sc->tick_us;
	snprintf(t->policy, sizeof t->policy, "%s", sim_sched_params(s)->policy);
	t->quantum = sim_sched_params(s)->quantum;
	t->switch_cost = sim_sched_params(s)->switch_cost;
	t->ncpus = sim_cpus(s);
	t->tick_axis = scenario_is_job_workload(sc);
	for (int c = 0; c < 64; c++)
		t->cpu_row[c] = -1;
	return t->title != NULL;
}

void plot_trace_free(struct plot_trace *t)
{
	for (int i = 0; i < t->nrows; i++) {
		free(t->rows[i].name);
		free(t->rows[i].spans);
		free(t->rows[i].marks);
	}
	free(t->rows);
	free(t->pid_row);
	for (int c = 0; c < 64; c++)
		free(t->cpu_spans[c]);
	free(t->title);
	plot_ipc_free(&t->ipc);
	memset(t, 0, sizeof *t);
}

static bool grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return true;
	int n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, size * (size_t)n);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static struct plot_row *row_of(struct plot_trace *t, int pid)
{
	if (pid <= 0 || pid >= t->pid_cap || t->pid_row[pid] <= 0)
		return NULL;
	return &t->rows[t->pid_row[pid] - 1];
}

/* A thread (the thread event: its TID in pid, its process in ppid) has no
 * row of its own: the picture draws processes. Its time on a CPU is drawn in
 * the CPU strips as its process's, and what it does to a shared object (a
 * Queue's feeder writing into the pipe) on its process's behalf: pid_row
 * holds -(its process's row + 1) for a TID. */
static int thread_row(const struct plot_trace *t, int tid)
{
	return tid > 0 && tid < t->pid_cap && t->pid_row[tid] < 0 ? -t->pid_row[tid] - 1 : -1;
}

static void add_mark(struct plot_trace *t, struct plot_row *r, struct plot_mark m)
{
	if (!grow((void **)&r->marks, &r->capmarks, r->nmarks + 1, sizeof *r->marks)) {
		t->oom = true;
		return;
	}
	r->marks[r->nmarks++] = m;
}

static void close_span(struct plot_trace *t, struct plot_row *r, int64_t at)
{
	if (r->state == PS_NONE || at <= r->since)
		return;
	struct plot_span *last = r->nspans ? &r->spans[r->nspans - 1] : NULL;
	if (last && last->to == r->since && last->state == r->state && last->cpu == r->cpu) {
		last->to = at;
		return;
	}
	if (!grow((void **)&r->spans, &r->capspans, r->nspans + 1, sizeof *r->spans)) {
		t->oom = true;
		return;
	}
	r->spans[r->nspans++] = (struct plot_span){r->since, at, r->state, r->cpu};
}

static void set_state(struct plot_trace *t, struct plot_row *r, int state, int cpu, int64_t at)
{
	close_span(t, r, at);
	r->state = (uint8_t)state;
	r->cpu = (int8_t)cpu;
	r->since = at;
}

/* The row leaves its CPU: the CPU's Gantt span ends; one that left at the
 * instant it came keeps a span of no length, since the log says it ran. */
static void cpu_span_end(struct plot_trace *t, int c, int64_t at);

static void cpu_off(struct plot_trace *t, struct plot_row *r, int64_t at)
{
	if (r->state != PS_RUN || r->cpu < 0 || r->cpu >= 64)
		return;
	int c = r->cpu;
	if (t->cpu_row[c] != r - t->rows)
		return;
	cpu_span_end(t, c, at);
}

/* The CPU a thread runs on (the last it was dispatched to, still drawn as
 * its process's) leaves it. */
static void thread_cpu_off(struct plot_trace *t, int tid, int64_t at)
{
	int row = thread_row(t, tid);
	for (int c = 0; c < t->ncpus && c < 64; c++)
		if (row >= 0 && t->cpu_row[c] == row && t->cpu_last_pid[c] == tid)
			cpu_span_end(t, c, at);
}

static void cpu_span_end(struct plot_trace *t, int c, int64_t at)
{
	int row = t->cpu_row[c];
	int64_t from = t->cpu_since[c];
	t->cpu_row[c] = -1;
	if (at < from)
		return;
	if (!grow((void **)&t->cpu_spans[c], &t->capcpu_spans[c], t->ncpu_spans[c] + 1, sizeof *t->cpu_spans[c])) {
		t->oom = true;
		return;
	}
	struct plot_cpu_span *sp = &t->cpu_spans[c][t->ncpu_spans[c]++];
	int64_t sw = t->cpu_switch[c] < at - from ? t->cpu_switch[c] : at - from;
	*sp = (struct plot_cpu_span){from, at, row, sw};
}

static void spawn(struct plot_trace *t, const struct sim_event *ev)
{
	t->spawns++;
	if (!grow((void **)&t->rows, &t->caprows, t->nrows + 1, sizeof *t->rows)) {
		t->oom = true;
		return;
	}
	struct plot_row *parent = row_of(t, ev->ppid);
	struct plot_row *r = &t->rows[t->nrows];
	memset(r, 0, sizeof *r);
	r->pid = ev->pid;
	r->ppid = ev->ppid;
	r->name = strdup(ev->name ? ev->name : "");
	if (!r->name) {
		t->oom = true;
		return;
	}
	r->builtin = t->spawns <= 2;
	r->parent_row = parent ? (int)(parent - t->rows) : -1;
	r->spawn = r->end = ev->t;
	r->state = PS_READY;
	r->cpu = -1;
	r->since = ev->t;
	t->pid_row[ev->pid] = ++t->nrows;
	add_mark(t, r, (struct plot_mark){.t = ev->t, .kind = PM_FORK});
}

static void dispatch(struct plot_trace *t, int row, const struct sim_event *ev)
{
	int c = ev->cpu;
	if (c < 0 || c >= 64)
		return;
	t->cpu_row[c] = row;
	t->cpu_since[c] = ev->t;
	/* The first ticks after a switch to another task are system time
	 * (switch_cost), spent before it runs. */
	t->cpu_switch[c] = t->cpu_last_pid[c] != ev->pid && t->cpu_last_pid[c] != 0 ? t->switch_cost : 0;
	t->cpu_last_pid[c] = ev->pid;
}

static void thread_event(struct plot_trace *t, int row, const struct sim_event *ev)
{
	switch (ev->kind) {
	case EV_DISPATCH: dispatch(t, row, ev); break;
	case EV_PREEMPT:
	case EV_SLEEP:
	case EV_STOP: thread_cpu_off(t, ev->pid, ev->t); break;
	case EV_THREAD_EXIT:
		thread_cpu_off(t, ev->pid, ev->t);
		t->pid_row[ev->pid] = 0;
		break;
	case EV_IPC: plot_ipc_event(&t->ipc, ev, row); break;
	default: break;
	}
}

void plot_trace_event(void *ctx, const struct sim_event *ev)
{
	struct plot_trace *t = ctx;
	if (ev->kind == EV_SPAWN || ev->kind == EV_THREAD) {
		int old = t->pid_cap;
		if (ev->pid >= old) {
			if (!grow((void **)&t->pid_row, &t->pid_cap, ev->pid + 1, sizeof *t->pid_row)) {
				t->oom = true;
				return;
			}
			memset(t->pid_row + old, 0, sizeof *t->pid_row * (size_t)(t->pid_cap - old));
		}
		if (ev->kind == EV_SPAWN) {
			spawn(t, ev);
		} else {
			struct plot_row *process = row_of(t, ev->ppid);
			if (process)
				t->pid_row[ev->pid] = -(int)(process - t->rows) - 1;
		}
		return;
	}
	int trow = thread_row(t, ev->pid);
	if (trow >= 0) {
		thread_event(t, trow, ev);
		return;
	}
	struct plot_row *r = row_of(t, ev->pid);
	if (!r)
		return;
	if (ev->kind == EV_IPC) {
		plot_ipc_event(&t->ipc, ev, (int)(r - t->rows));
		return;
	}
	int64_t at = ev->t;
	switch (ev->kind) {
	case EV_DISPATCH:
		set_state(t, r, PS_RUN, ev->cpu, at);
		dispatch(t, (int)(r - t->rows), ev);
		break;
	case EV_PREEMPT:
		cpu_off(t, r, at);
		set_state(t, r, PS_READY, -1, at);
		break;
	case EV_SLEEP:
		cpu_off(t, r, at);
		set_state(t, r, ev->state == 'D' ? PS_SLEEP_D : PS_SLEEP_S, -1, at);
		break;
	case EV_WAKE:
	case EV_CONT:
		set_state(t, r, PS_READY, -1, at);
		break;
	case EV_STOP:
		cpu_off(t, r, at);
		set_state(t, r, PS_STOPPED, -1, at);
		break;
	case EV_EXIT:
		cpu_off(t, r, at);
		set_state(t, r, PS_ZOMBIE, -1, at);
		add_mark(t, r, (struct plot_mark){.t = at, .kind = PM_EXIT, .sig = ev->sig, .code = ev->code});
		break;
	case EV_REAP:
		cpu_off(t, r, at);
		close_span(t, r, at);
		r->state = PS_NONE;
		r->end = at;
		r->reaped = true;
		add_mark(t, r, (struct plot_mark){.t = at, .kind = PM_REAP, .other = ev->other});
		t->pid_row[ev->pid] = 0;
		break;
	case EV_REPARENT:
		add_mark(t, r, (struct plot_mark){.t = at, .kind = PM_REPARENT, .other = ev->to});
		break;
	case EV_SIGNAL:
		if (ev->outcome == SIGOUT_NO_PROCESS || ev->outcome == SIGOUT_NOT_FOUND)
			break;
		/* SIGKILL wakes a stopped process (TASK_WAKEKILL) without a cont event. */
		if (ev->sig == SIG_KILL && r->state == PS_STOPPED && ev->outcome == SIGOUT_PENDING)
			set_state(t, r, PS_READY, -1, at);
		add_mark(t, r, (struct plot_mark){.t = at, .kind = PM_SIGNAL, .sig = ev->sig, .other = (int)ev->outcome});
		break;
	default:
		break;
	}
}

void plot_trace_finish(struct plot_trace *t, const struct sim *s)
{
	t->end = sim_end_tick(s);
	for (int i = 0; i < t->nrows; i++) {
		struct plot_row *r = &t->rows[i];
		if (r->reaped)
			continue;
		/* dispatched as the run ended: cut off, not a run of no time */
		if (r->state == PS_RUN && r->cpu >= 0 && r->cpu < 64 && t->cpu_since[r->cpu] == t->end)
			t->cpu_row[r->cpu] = -1;
		cpu_off(t, r, t->end);
		close_span(t, r, t->end);
		r->end = t->end;
	}
	/* threads still on a CPU, drawn as their processes' */
	for (int c = 0; c < t->ncpus && c < 64; c++) {
		if (t->cpu_row[c] < 0 || thread_row(t, t->cpu_last_pid[c]) < 0)
			continue;
		if (t->cpu_since[c] == t->end)
			t->cpu_row[c] = -1;
		else
			cpu_span_end(t, c, t->end);
	}
}

int64_t plot_trace_end_us(const struct plot_trace *t) { return t->end * t->tick_us; }

static int64_t gcd(int64_t a, int64_t b)
{
	while (b) {
		int64_t r = a % b;
		a = b;
		b = r;
	}
	return a;
}

int64_t plot_unit_us(const struct plot_panel *p, int n)
{
	int64_t g = 0;
	for (int k = 0; k < n; k++)
		g = gcd(p[k].t->tick_us > 0 ? p[k].t->tick_us : 1, g);
	return g > 0 ? g : 1;
}

bool plot_counts_ticks(const struct plot_panel *p, int n)
{
	for (int k = 0; k < n; k++)
		if (!p[k].t->tick_axis || p[k].t->tick_us != p[0].t->tick_us)
			return false;
	return n > 0;
}

/* ---- drawing -------------------------------------------------------------------- */

static const char *const run_shades[] = {"#1b5e20", "#43a047", "#2e7d32", "#66bb6a", "#0d3f12", "#388e3c"};
static const char *const state_fill[PS_COUNT] = {
	[PS_RUN] = "#2e7d32", [PS_READY] = "#fdd835", [PS_SLEEP_S] = "#90caf9",
	[PS_SLEEP_D] = "#3949ab", [PS_STOPPED] = "#fb8c00", [PS_ZOMBIE] = "url(#zombie)",
};
/* Distinct colours for the processes in the CPU strips, away from the state
 * colours (green, yellow, blue, orange) so that the two are not confused. */
static const char *const proc_palette[] = {
	"#1f4e99", "#8e44ad", "#00897b", "#8d5524", "#c2185b", "#546e7a", "#6d4c41", "#3949ab", "#ad1457", "#00695c",
};

const char *plot_proc_colour(int i)
{
	int n = (int)(sizeof proc_palette / sizeof proc_palette[0]);
	return proc_palette[((i % n) + n) % n];
}

/* A moment as the axis says it: a tick number, or a time. */
static void axis_text(const struct layout *L, int64_t us, char *buf, size_t n)
{
	if (L->ticks)
		snprintf(buf, n, "%lld", (long long)(us / L->unit_us));
	else
		timefmt_ticks(us / L->unit_us, L->unit_us, buf, n);
}

/* Axis units between two labels: 1, 2 or 5 times a power of ten, labels at
 * least 120 px apart and never closer than their own width. */
static int64_t axis_step(int64_t range, double width, double label_w)
{
	double gap = label_w + 30 > 120 ? label_w + 30 : 120;
	double want = (double)range / (width / gap);
	int64_t step = 1;
	for (;;) {
		for (int m = 1; m <= 5; m = m == 1 ? 2 : m == 2 ? 5 : 10) {
			if ((double)(step * m) >= want)
				return step * m;
		}
		step *= 10;
	}
}

static void defs(FILE *out)
{
	fputs("<defs>\n"
	      "<pattern id=\"zombie\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	      "<rect width=\"10\" height=\"10\" fill=\"#bdbdbd\"/><rect width=\"4\" height=\"10\" fill=\"#616161\"/></pattern>\n"
	      "<pattern id=\"switch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\">"
	      "<rect width=\"8\" height=\"8\" fill=\"#ffffff\"/><rect width=\"3\" height=\"8\" fill=\"#e53935\"/></pattern>\n"
	      "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
	      "<path d=\"M0 0 L10 5 L0 10 Z\" fill=\"#616161\"/></marker>\n"
	      "</defs>\n",
	      out);
}

/* A mark's label, bold, right of x: after the row's previous label if it
 * would overlap it (*next_x), and moved left if it would leave the picture. */
static void mark_label(FILE *out, const struct layout *L, double *next_x, double x, double y, const char *col,
		       const char *text)
{
	double w = svg_text_width(text, SMALL) * BOLD;
	if (x < *next_x)
		x = *next_x;
	if (x + w > L->width - 10) {
		/* Pushed back from the right edge onto the previous label: no
		 * room for it (the mark itself stays). */
		if (L->width - 10 - w < *next_x - 6)
			return;
		x = L->width - 10 - w;
	}
	svg_text(out, x, y, SMALL, SVG_START, col, "bold", NULL, text);
	*next_x = x + w + 6;
}

static void draw_marks(FILE *out, const struct layout *L, const struct plot_trace *t, const struct plot_row *r, double y)
{
	double mid = y + ROW_H / 2, top = mid - BAR_H / 2, bot = mid + BAR_H / 2;
	double next_x = 0;
	for (int k = 0; k < r->nmarks; k++) {
		const struct plot_mark *m = &r->marks[k];
		if (!in_window(L, t, m->t))
			continue;
		double x = xof(L, t, m->t);
		char label[48];
		switch (m->kind) {
		case PM_FORK:
			fprintf(out, "<polygon points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f\" fill=\"#000000\"/>\n", x, top - 4, x + 9,
				mid, x, bot + 4);
			break;
		case PM_EXIT:
			svg_line(out, x, top - 5, x, bot + 5, "#000000", 4, NULL);
			if (m->sig) {
				const char *n = sig_name(m->sig);
				snprintf(label, sizeof label, "%s", n ? n : "?");
			} else if (m->code) {
				snprintf(label, sizeof label, _("exit %d"), m->code);
			} else
				label[0] = '\0';
			if (label[0])
				mark_label(out, L, &next_x, x + 4, top - 3, "#b71c1c", label);
			break;
		case PM_REAP:
			fprintf(out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6\" fill=\"#000000\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n",
				x, mid);
			break;
		case PM_REPARENT:
			fprintf(out,
				"<polygon points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f\" fill=\"#8e24aa\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n",
				x, mid - 10, x + 8, mid, x, mid + 10, x - 8, mid);
			snprintf(label, sizeof label, "→%d", m->other);
			mark_label(out, L, &next_x, x + 9, top - 3, "#6a1b9a", label);
			break;
		case PM_SIGNAL: {
			const char *n = sig_name(m->sig);
			const char *col = m->other == SIGOUT_IGNORED || m->other == SIGOUT_ZOMBIE ||
							  m->other == SIGOUT_INIT_PROTECTED || m->other == SIGOUT_NS_INIT_PROTECTED
						  ? "#9e9e9e"
						  : "#d50000";
			fprintf(out, "<polygon points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f\" fill=\"%s\"/>\n", x - 7, top - 9, x + 7,
				top - 9, x, top + 1, col);
			snprintf(label, sizeof label, "%s", n ? (strncmp(n, "SIG", 3) == 0 ? n + 3 : n) : "?");
			mark_label(out, L, &next_x, x + 8, top - 3, col, label);
			break;
		}
		default:
			break;
		}
	}
}

enum legend_shape { LG_BOX, LG_INSTANT, LG_FORK, LG_EXIT, LG_REAP, LG_REPARENT, LG_SIGNAL, LG_LINK };

/* A run of no length on a CPU strip: a thin bar across the instant. */
#define INSTANT_W 4.0

struct legend {
	FILE *out;
	double x0, x, y, xmax;
};

/* One swatch and its label; wraps to a new line when the line is full. */
static void legend_item(struct legend *g, enum legend_shape shape, const char *fill, const char *label)
{
	double w = 42 + svg_text_width(label, FONT - 2) + 28;
	if (g->x > g->x0 && g->x + w > g->xmax) {
		g->x = g->x0;
		g->y += 40;
	}
	FILE *out = g->out;
	double x = g->x, y = g->y;
	g->x += w;
	if (!out)
		return; /* only measuring */
	switch (shape) {
	case LG_BOX: svg_rect(out, x, y - 18, 34, 22, fill, "stroke=\"#424242\" stroke-width=\"1\""); break;
	case LG_INSTANT: svg_rect(out, x + 17 - INSTANT_W / 2, y - 18, INSTANT_W, 22, fill, NULL); break;
	case LG_FORK:
		fprintf(out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#000000\"/>\n", x + 12, y - 20, x + 24,
			y - 7, x + 12, y + 6);
		break;
	case LG_EXIT: svg_line(out, x + 17, y - 20, x + 17, y + 6, "#000000", 4, NULL); break;
	case LG_REAP: fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#000000\"/>\n", x + 17, y - 7); break;
	case LG_REPARENT:
		fprintf(out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#8e24aa\"/>\n", x + 17,
			y - 17, x + 25, y - 7, x + 17, y + 3, x + 9, y - 7);
		break;
	case LG_SIGNAL:
		fprintf(out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#d50000\"/>\n", x + 10, y - 17, x + 24,
			y - 17, x + 17, y - 3);
		break;
	case LG_LINK: svg_line(out, x + 17, y - 20, x + 17, y + 6, "#000000", 1.5, "stroke-dasharray=\"3 3\""); break;
	}
	svg_text(out, x + 42, y, FONT - 2, SVG_START, "#212121", NULL, NULL, label);
}

static bool has_instant(const struct plot_trace *t)
{
	for (int c = 0; c < t->ncpus && c < 64; c++)
		for (int i = 0; i < t->ncpu_spans[c]; i++)
			if (t->cpu_spans[c][i].from == t->cpu_spans[c][i].to)
				return true;
	return false;
}

/* Draws the legend from y (out NULL: only measures); returns the last line's y. */
static double draw_legend(FILE *out, int ncpus, bool switches, bool instants, double y, double width)
{
	struct legend g = {out, 30, 30, y, width - 30};
	if (ncpus > 1) {
		for (int c = 0; c < ncpus && c < 4; c++) {
			char lab[64];
			snprintf(lab, sizeof lab, _("running on CPU%d"), c);
			legend_item(&g, LG_BOX, run_shades[c], lab);
		}
	} else
		legend_item(&g, LG_BOX, state_fill[PS_RUN], _("running"));
	legend_item(&g, LG_BOX, state_fill[PS_READY], _("runnable (R, waiting for a CPU)"));
	legend_item(&g, LG_BOX, state_fill[PS_SLEEP_S], _("S sleep"));
	legend_item(&g, LG_BOX, state_fill[PS_SLEEP_D], _("D disk I/O"));
	legend_item(&g, LG_BOX, state_fill[PS_STOPPED], _("T stopped"));
	legend_item(&g, LG_BOX, state_fill[PS_ZOMBIE], _("Z zombie"));
	if (switches)
		legend_item(&g, LG_BOX, "url(#switch)", _("context switch"));
	if (instants)
		legend_item(&g, LG_INSTANT, proc_palette[0], _("ran for no time (then slept or exited at once)"));
	g.x = g.x0;
	g.y += 44;
	legend_item(&g, LG_FORK, NULL, _("fork"));
	legend_item(&g, LG_EXIT, NULL, _("exit"));
	legend_item(&g, LG_REAP, NULL, _("reaped"));
	legend_item(&g, LG_REPARENT, NULL, _("re-parented (→ new parent)"));
	legend_item(&g, LG_SIGNAL, NULL, _("signal (grey: no effect)"));
	legend_item(&g, LG_LINK, NULL, _("parent → child"));
	return g.y;
}

/* One run's part of the picture: where it goes and which rows it draws. */
struct panel {
	const struct plot_trace *t;
	const char *heading;
	char sub[256];               /* the settings under the heading */
	int *rows;                   /* the rows drawn, in order */
	int n, hidden;
	int *row_y;                  /* row index -> drawn position + 1, 0: not drawn */
	double head_y, head_size, sub_y, y0, strip_title, strip_y, lanes_y, bottom;
};

/* The rows a panel draws: the scenario's processes alive in the window. */
static bool panel_rows(struct panel *P, const struct layout *L)
{
	const struct plot_trace *t = P->t;
	P->rows = malloc(sizeof *P->rows * (size_t)(t->nrows ? t->nrows : 1));
	P->row_y = calloc((size_t)(t->nrows ? t->nrows : 1), sizeof *P->row_y);
	if (!P->rows || !P->row_y)
		return false;
	for (int i = 0; i < t->nrows; i++) {
		const struct plot_row *r = &t->rows[i];
		if (r->builtin || r->spawn * t->tick_us > L->to_us || r->end * t->tick_us < L->from_us)
			continue;
		if (P->n < MAX_ROWS) {
			P->rows[P->n++] = i;
			P->row_y[i] = P->n;
		} else
			P->hidden++;
	}
	return true;
}

static void draw_panel(FILE *out, const struct layout *L, const struct panel *P, double grid_bottom)
{
	const struct plot_trace *t = P->t;
	double right = L->chart_x + L->chart_w;
	fprintf(out, "<g class=\"panel\">\n");
	svg_text(out, 30, P->head_y, P->head_size, SVG_START, "#000000", "bold", NULL, P->heading);
	svg_text(out, 30, P->sub_y, FONT, SVG_START, "#424242", NULL, NULL, P->sub);

	/* zebra rows and labels */
	for (int k = 0; k < P->n; k++) {
		const struct plot_row *r = &t->rows[P->rows[k]];
		double y = P->y0 + k * ROW_H;
		if (k % 2 == 0)
			svg_rect(out, 20, y, L->width - 40, ROW_H, "#f5f5f5", NULL);
		char lab[32];
		snprintf(lab, sizeof lab, "%d", r->pid);
		svg_text(out, 30 + L->pid_w, y + ROW_H / 2 + 7, FONT, SVG_END, "#616161", NULL, NULL, lab);
		svg_text(out, 30 + L->pid_w + 14, y + ROW_H / 2 + 7, FONT, SVG_START, "#000000", NULL, "class=\"name\"", r->name);
	}
	/* CPU strip background and labels */
	svg_text(out, 30, P->strip_title, FONT, SVG_START, "#000000", "bold", NULL, _("CPUs"));
	for (int c = 0; c < t->ncpus; c++) {
		double y = P->strip_y + c * ROW_H;
		char lab[16];
		snprintf(lab, sizeof lab, "CPU%d", c);
		svg_rect(out, L->chart_x, y + (ROW_H - BAR_H) / 2, L->chart_w, BAR_H, "#eeeeee", NULL);
		svg_text(out, L->chart_x - 12, y + ROW_H / 2 + 7, FONT, SVG_END, "#000000", NULL, NULL, lab);
	}

	/* the grid, at the axis's labels */
	int64_t range = L->to_us - L->from_us;
	char widest[32];
	axis_text(L, L->to_us, widest, sizeof widest);
	int64_t step = axis_step(range / L->unit_us, L->chart_w, svg_text_width(widest, FONT - 2)) * L->unit_us;
	for (int64_t us = (L->from_us + step - 1) / step * step; us <= L->to_us; us += step) {
		double x = xus(L, us);
		svg_line(out, x, P->y0 - 6, x, grid_bottom, "#bdbdbd", 1, "stroke-dasharray=\"4 4\"");
	}

	/* process rows: spans, context switches, CPU numbers, then parent links,
	 * then marks on top */
	for (int k = 0; k < P->n; k++) {
		const struct plot_row *r = &t->rows[P->rows[k]];
		double y = P->y0 + k * ROW_H + (ROW_H - BAR_H) / 2;
		for (int i = 0; i < r->nspans; i++) {
			const struct plot_span *sp = &r->spans[i];
			double x1, x2;
			if (!clip(L, t, sp->from, sp->to, &x1, &x2))
				continue;
			const char *fill = sp->state == PS_RUN && t->ncpus > 1
						   ? run_shades[sp->cpu % (int)(sizeof run_shades / sizeof run_shades[0])]
						   : state_fill[sp->state];
			svg_rect(out, x1, y, x2 - x1, BAR_H, fill, "class=\"span\"");
		}
	}
	/* A process holds its CPU during a context switch but does not run yet:
	 * the switch ticks are hatched on its row as on the CPU's strip. */
	for (int c = 0; c < t->ncpus && c < 64; c++)
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			double x1, xs;
			if (sp->switch_ticks <= 0 || !P->row_y[sp->row] ||
			    !clip(L, t, sp->from, sp->from + sp->switch_ticks, &x1, &xs))
				continue;
			svg_rect(out, x1, P->y0 + (P->row_y[sp->row] - 1) * ROW_H + (ROW_H - BAR_H) / 2, xs - x1, BAR_H,
				 "url(#switch)", NULL);
		}
	if (t->ncpus > 1)
		for (int k = 0; k < P->n; k++) {
			const struct plot_row *r = &t->rows[P->rows[k]];
			double y = P->y0 + k * ROW_H + (ROW_H - BAR_H) / 2;
			for (int i = 0; i < r->nspans; i++) {
				const struct plot_span *sp = &r->spans[i];
				double x1, x2;
				if (sp->state != PS_RUN || !clip(L, t, sp->from, sp->to, &x1, &x2) || x2 - x1 < 50)
					continue;
				/* The CPU number on a small badge, readable over a hatch too. */
				char lab[8];
				snprintf(lab, sizeof lab, "CPU%d", sp->cpu);
				double mx = (x1 + x2) / 2;
				fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"46\" height=\"20\" rx=\"4\" fill=\"%s\"/>\n", mx - 23,
					y + BAR_H / 2 - 10, run_shades[sp->cpu % (int)(sizeof run_shades / sizeof run_shades[0])]);
				svg_text(out, mx, y + BAR_H / 2 + 6, SMALL, SVG_MIDDLE, "#ffffff", "bold", NULL, lab);
			}
		}
	for (int k = 0; k < P->n; k++) {
		const struct plot_row *r = &t->rows[P->rows[k]];
		if (r->parent_row < 0 || !P->row_y[r->parent_row] || !in_window(L, t, r->spawn))
			continue;
		double x = xof(L, t, r->spawn);
		double py = P->y0 + (P->row_y[r->parent_row] - 1) * ROW_H + ROW_H / 2;
		double cy = P->y0 + k * ROW_H + ROW_H / 2;
		svg_line(out, x, py, x, cy, "#000000", 1.5, "stroke-dasharray=\"3 3\"");
	}
	for (int k = 0; k < P->n; k++)
		draw_marks(out, L, t, &t->rows[P->rows[k]], P->y0 + k * ROW_H);

	/* CPU strips: the runs, then the runs of no length over them */
	for (int c = 0; c < t->ncpus && c < 64; c++) {
		double y = P->strip_y + c * ROW_H + (ROW_H - BAR_H) / 2;
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			const struct plot_row *r = &t->rows[sp->row];
			int colour = P->row_y[sp->row] ? P->row_y[sp->row] - 1 : sp->row;
			double x1, x2;
			if (sp->from == sp->to || !clip(L, t, sp->from, sp->to, &x1, &x2))
				continue;
			svg_rect(out, x1, y, x2 - x1, BAR_H,
				 proc_palette[colour % (int)(sizeof proc_palette / sizeof proc_palette[0])],
				 "stroke=\"#ffffff\" stroke-width=\"1\"");
			double xs = x1, xe;
			if (sp->switch_ticks > 0 && clip(L, t, sp->from, sp->from + sp->switch_ticks, &x1, &xe)) {
				svg_rect(out, x1, y, xe - x1, BAR_H, "url(#switch)", NULL);
				xs = xe;
			}
			/* "PID name", or the PID, in the part after the context
			 * switch, if it fits. */
			char lab[128];
			snprintf(lab, sizeof lab, "%d %s", r->pid, r->name);
			if (svg_text_width(lab, SMALL) * BOLD + 6 > x2 - xs)
				snprintf(lab, sizeof lab, "%d", r->pid);
			if (svg_text_width(lab, SMALL) * BOLD + 6 <= x2 - xs)
				svg_text(out, (xs + x2) / 2, y + BAR_H / 2 + 6, SMALL, SVG_MIDDLE, "#ffffff", "bold", NULL, lab);
		}
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			if (sp->from != sp->to)
				continue;
			if (!in_window(L, t, sp->from))
				continue;
			int colour = P->row_y[sp->row] ? P->row_y[sp->row] - 1 : sp->row;
			svg_rect(out, xof(L, t, sp->from) - INSTANT_W / 2, y, INSTANT_W, BAR_H,
				 proc_palette[colour % (int)(sizeof proc_palette / sizeof proc_palette[0])], NULL);
		}
	}

	/* Under the CPUs, the shared objects: queues, locks, pipes. */
	plot_ipc_draw(out, L, t, P->row_y, P->lanes_y);

	/* A run that ends before the window does: greyed from its end, with a
	 * line and the time on the free line above the CPU strips, so that two
	 * runs of different lengths look different (issue 11, item 2). */
	int64_t end_us = plot_trace_end_us(t);
	if (end_us < L->to_us) {
		double xe = end_us > L->from_us ? xus(L, end_us) : L->chart_x;
		fprintf(out, "<rect class=\"after-end\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#757575\" fill-opacity=\"0.18\"/>\n",
			xe, P->y0 - 6, right - xe, P->bottom - P->y0 + 6);
		svg_line(out, xe, P->y0 - 6, xe, P->bottom, "#424242", 2, "class=\"run-end\"");
		char when[32], lab[96];
		axis_text(L, end_us, when, sizeof when);
		if (L->ticks)
			snprintf(lab, sizeof lab, _("the run ends at t=%s"), when);
		else
			snprintf(lab, sizeof lab, _("the run ends at %s"), when);
		double w = svg_text_width(lab, SMALL) * BOLD;
		if (xe + 8 + w <= right)
			svg_text(out, xe + 8, P->strip_title, SMALL, SVG_START, "#424242", "bold", NULL, lab);
		else
			svg_text(out, xe - 8, P->strip_title, SMALL, SVG_END, "#424242", "bold", NULL, lab);
	}
	fprintf(out, "</g>\n");
}

void plot_timelines_svg(FILE *out, const char *title, const struct plot_panel *p, int n, struct plot_window w)
{
	if (n <= 0)
		return;
	struct panel *P = calloc((size_t)n, sizeof *P);
	if (!P)
		return;
	struct layout L = {.unit_us = plot_unit_us(p, n), .ticks = plot_counts_ticks(p, n)};
	int64_t end_us = 0;
	int ncpus = 1;
	bool switches = false, instants = false;
	for (int k = 0; k < n; k++) {
		const struct plot_trace *t = p[k].t;
		instants |= has_instant(t);
		if (plot_trace_end_us(t) > end_us)
			end_us = plot_trace_end_us(t);
		if (t->ncpus > ncpus)
			ncpus = t->ncpus;
		switches |= t->switch_cost > 0;
	}
	L.from_us = w.from_us;
	L.to_us = w.to_us > 0 ? w.to_us : end_us;
	if (L.to_us <= L.from_us) /* a run of no time: one tick wide */
		L.to_us = L.from_us + L.unit_us;

	/* The left column: PIDs right-aligned, then the names, as wide as the
	 * longest name of every panel so that none runs into the chart. */
	double name_w = 0;
	bool ok = true;
	for (int k = 0; k < n && ok; k++) {
		P[k].t = p[k].t;
		P[k].heading = p[k].heading ? p[k].heading : p[k].t->title;
		ok = panel_rows(&P[k], &L);
		for (int i = 0; ok && i < P[k].n; i++) {
			const struct plot_row *r = &P[k].t->rows[P[k].rows[i]];
			char lab[32];
			snprintf(lab, sizeof lab, "%d", r->pid);
			if (svg_text_width(lab, FONT) > L.pid_w)
				L.pid_w = svg_text_width(lab, FONT);
			if (svg_text_width(r->name, FONT) > name_w)
				name_w = svg_text_width(r->name, FONT);
		}
		for (int i = 0; ok && i < P[k].t->ipc.nlanes; i++) { /* "queue q", right-aligned there too */
			char lab[128];
			plot_ipc_label(&P[k].t->ipc.lanes[i], lab, sizeof lab);
			if (svg_text_width(lab, FONT) > L.pid_w + 14 + name_w)
				name_w = svg_text_width(lab, FONT) - L.pid_w - 14;
		}
	}
	if (!ok)
		goto out;
	double label_w = L.pid_w + 14 + name_w;
	if (label_w < svg_text_width(_("process"), FONT))
		label_w = svg_text_width(_("process"), FONT);
	L.chart_x = 30 + label_w + 20;

	/* The texts on lines of their own: the picture's width fits the longest. */
	char tick[32], caption[256], from_s[32], to_s[32], end_s[32];
	timefmt_ticks(1, p[0].t->tick_us, tick, sizeof tick);
	axis_text(&L, L.from_us, from_s, sizeof from_s);
	axis_text(&L, L.to_us, to_s, sizeof to_s);
	axis_text(&L, end_us, end_s, sizeof end_s);
	bool whole = L.from_us == 0 && L.to_us == end_us;
	if (n == 1 && whole && L.ticks)
		snprintf(caption, sizeof caption, _("ticks (the run ends at t=%lld)"), (long long)p[0].t->end);
	else if (n == 1 && whole) {
		char endl[32];
		timefmt_ticks(p[0].t->end, p[0].t->tick_us, endl, sizeof endl);
		/* A job workload is written in ticks, as the textbooks count
		 * (`job A arrives 0, runs 100`): its axis says ticks too. */
		snprintf(caption, sizeof caption, _("time (ticks of %1$s; the run ends at t=%2$lld, %3$s)"), tick,
			 (long long)p[0].t->end, endl);
	} else if (n == 1 && L.ticks)
		snprintf(caption, sizeof caption, _("ticks %1$s to %2$s (the run ends at t=%3$s)"), from_s, to_s, end_s);
	else if (n == 1)
		snprintf(caption, sizeof caption, _("time from %1$s to %2$s (ticks of %3$s; the run ends at %4$s)"), from_s,
			 to_s, tick, end_s);
	else if (L.ticks)
		snprintf(caption, sizeof caption, _("ticks %1$s to %2$s (the longest run ends at t=%3$s)"), from_s, to_s,
			 end_s);
	else
		snprintf(caption, sizeof caption, _("time from %1$s to %2$s (the longest run ends at %3$s)"), from_s, to_s,
			 end_s);
	bool one = n == 1 && !title;
	double text_w = svg_text_width(caption, FONT - 4) + L.chart_x - 30;
	if (title && svg_text_width(title, 32) * BOLD > text_w)
		text_w = svg_text_width(title, 32) * BOLD;
	for (int k = 0; k < n; k++) {
		const struct plot_trace *t = P[k].t;
		char tk[32];
		timefmt_ticks(1, t->tick_us, tk, sizeof tk);
		snprintf(P[k].sub, sizeof P[k].sub, _("policy %1$s · quantum %2$lld ticks · %3$d CPU(s) · one tick = %4$s"),
			 t->policy, (long long)t->quantum, t->ncpus, tk);
		P[k].head_size = one ? 32 : 26;
		double hw = svg_text_width(P[k].heading, P[k].head_size) * BOLD, sw = svg_text_width(P[k].sub, FONT);
		text_w = hw > text_w ? hw : text_w;
		text_w = sw > text_w ? sw : text_w;
	}
	L.width = WIDTH;
	if (L.chart_x + CHART_W_MIN + 50 > L.width)
		L.width = L.chart_x + CHART_W_MIN + 50;
	if (30 + text_w + 30 > L.width)
		L.width = 30 + text_w + 30;
	L.chart_w = L.width - L.chart_x - 50;

	/* Top to bottom: the title, each panel (heading, settings, rows, CPU
	 * strips), the axis, the legend. */
	double y = one ? 0 : title ? 70 : 10;
	for (int k = 0; k < n; k++) {
		struct panel *q = &P[k];
		q->head_y = y + (one ? 48 : 34);
		q->sub_y = y + (one ? 84 : 64);
		q->y0 = y + (one ? 120 : 90);
		q->strip_title = q->y0 + (q->n ? q->n : 1) * ROW_H + 30;
		q->strip_y = q->strip_title + 14;
		q->lanes_y = q->strip_y + q->t->ncpus * ROW_H;
		q->bottom = q->lanes_y + plot_ipc_height(q->t);
		y = q->bottom + 24;
	}
	double axis_y = P[n - 1].bottom + 8;
	double legend_y = axis_y + 104;
	int hidden = 0;
	for (int k = 0; k < n; k++)
		hidden += P[k].hidden;
	double height = draw_legend(NULL, ncpus, switches, instants, legend_y, L.width) + (hidden ? 44 : 0) + 30;

	svg_begin(out, L.width, height, title ? title : P[0].heading);
	defs(out);
	if (title && !one)
		svg_text(out, 30, 48, 32, SVG_START, "#000000", "bold", NULL, title);
	for (int k = 0; k < n; k++) {
		if (k > 0)
			svg_line(out, 20, P[k].head_y - 34, L.width - 20, P[k].head_y - 34, "#9e9e9e", 1, NULL);
		draw_panel(out, &L, &P[k], k == n - 1 ? axis_y : P[k].bottom);
	}

	/* the axis, shared */
	char widest[32];
	axis_text(&L, L.to_us, widest, sizeof widest);
	int64_t step = axis_step((L.to_us - L.from_us) / L.unit_us, L.chart_w, svg_text_width(widest, FONT - 2)) * L.unit_us;
	for (int64_t us = (L.from_us + step - 1) / step * step; us <= L.to_us; us += step) {
		double x = xus(&L, us);
		char lab[32];
		axis_text(&L, us, lab, sizeof lab);
		svg_line(out, x, axis_y, x, axis_y + 8, "#000000", 2, NULL);
		svg_text(out, x, axis_y + 32, FONT - 2, SVG_MIDDLE, "#000000", NULL, NULL, lab);
	}
	svg_line(out, L.chart_x, axis_y, L.chart_x + L.chart_w, axis_y, "#000000", 2, "class=\"axis\"");
	svg_text(out, L.chart_x + L.chart_w, axis_y + 60, FONT - 4, SVG_END, "#424242", NULL, NULL, caption);

	/* legend */
	double ly = draw_legend(out, ncpus, switches, instants, legend_y, L.width);
	if (hidden) {
		char lab[128];
		snprintf(lab, sizeof lab, _("... and %d more processes, not drawn"), hidden);
		svg_text(out, 30, ly + 44, FONT - 2, SVG_START, "#b71c1c", NULL, NULL, lab);
	}
	svg_end(out);
out:
	for (int k = 0; k < n; k++) {
		free(P[k].rows);
		free(P[k].row_y);
	}
	free(P);
}

void plot_timeline_svg(FILE *out, const struct plot_trace *t)
{
	struct plot_panel p = {t, NULL};
	plot_timelines_svg(out, NULL, &p, 1, (struct plot_window){0, 0});
}
