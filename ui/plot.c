/* plot.c: see plot.h. The spans follow the kernel's transitions
 * (docs/semantics.md, section 1): spawn → runnable, dispatch → running on CPU
 * n, preempt → runnable, sleep → S or D, wake → runnable, stop → T, cont →
 * runnable, exit → Z, reap → gone; SIGKILL makes a stopped process runnable. */
#include "plot.h"

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
	if (pid <= 0 || pid >= t->pid_cap || !t->pid_row[pid])
		return NULL;
	return &t->rows[t->pid_row[pid] - 1];
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
static void cpu_off(struct plot_trace *t, struct plot_row *r, int64_t at)
{
	if (r->state != PS_RUN || r->cpu < 0 || r->cpu >= 64)
		return;
	int c = r->cpu;
	if (t->cpu_row[c] != r - t->rows)
		return;
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
	*sp = (struct plot_cpu_span){from, at, (int)(r - t->rows), sw};
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

void plot_trace_event(void *ctx, const struct sim_event *ev)
{
	struct plot_trace *t = ctx;
	if (ev->kind == EV_SPAWN) {
		int old = t->pid_cap;
		if (ev->pid >= old) {
			if (!grow((void **)&t->pid_row, &t->pid_cap, ev->pid + 1, sizeof *t->pid_row)) {
				t->oom = true;
				return;
			}
			memset(t->pid_row + old, 0, sizeof *t->pid_row * (size_t)(t->pid_cap - old));
		}
		spawn(t, ev);
		return;
	}
	struct plot_row *r = row_of(t, ev->pid);
	if (!r)
		return;
	int64_t at = ev->t;
	switch (ev->kind) {
	case EV_DISPATCH: {
		int c = ev->cpu;
		set_state(t, r, PS_RUN, c, at);
		if (c >= 0 && c < 64) {
			t->cpu_row[c] = (int)(r - t->rows);
			t->cpu_since[c] = at;
			/* The first ticks after a switch to another process are
			 * system time (switch_cost), spent before it runs. */
			t->cpu_switch[c] = t->cpu_last_pid[c] != ev->pid && t->cpu_last_pid[c] != 0 ? t->switch_cost : 0;
			t->cpu_last_pid[c] = ev->pid;
		}
		break;
	}
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

#define FONT 20.0
#define SMALL 15.0
#define ROW_H 40.0
#define BAR_H 26.0
#define MAX_ROWS 400

struct layout {
	double chart_x, chart_w, width;
	int64_t end;
};

static double xof(const struct layout *L, int64_t t) { return L->chart_x + (double)t * L->chart_w / (double)L->end; }

static int64_t axis_step(int64_t end, double width)
{
	double want = (double)end / (width / 120.0);
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
	      "</defs>\n",
	      out);
}

static void draw_marks(FILE *out, const struct layout *L, const struct plot_row *r, double y)
{
	double mid = y + ROW_H / 2, top = mid - BAR_H / 2, bot = mid + BAR_H / 2;
	for (int k = 0; k < r->nmarks; k++) {
		const struct plot_mark *m = &r->marks[k];
		double x = xof(L, m->t);
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
				svg_text(out, x + 4, top - 3, SMALL, SVG_START, "#b71c1c", "bold", NULL, label);
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
			svg_text(out, x + 9, top - 3, SMALL, SVG_START, "#6a1b9a", "bold", NULL, label);
			break;
		case PM_SIGNAL: {
			const char *n = sig_name(m->sig);
			const char *col = m->other == SIGOUT_IGNORED || m->other == SIGOUT_ZOMBIE ||
							  m->other == SIGOUT_INIT_PROTECTED
						  ? "#9e9e9e"
						  : "#d50000";
			fprintf(out, "<polygon points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f\" fill=\"%s\"/>\n", x - 7, top - 9, x + 7,
				top - 9, x, top + 1, col);
			snprintf(label, sizeof label, "%s", n ? (strncmp(n, "SIG", 3) == 0 ? n + 3 : n) : "?");
			svg_text(out, x + 8, top - 3, SMALL, SVG_START, col, "bold", NULL, label);
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
static double draw_legend(FILE *out, const struct plot_trace *t, double y, double width)
{
	struct legend g = {out, 30, 30, y, width - 30};
	if (t->ncpus > 1) {
		for (int c = 0; c < t->ncpus && c < 4; c++) {
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
	if (t->switch_cost > 0)
		legend_item(&g, LG_BOX, "url(#switch)", _("context switch"));
	if (has_instant(t))
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

void plot_timeline_svg(FILE *out, const struct plot_trace *t)
{
	/* Rows to draw: the scenario's processes. */
	int *rows = malloc(sizeof *rows * (size_t)(t->nrows ? t->nrows : 1));
	int n = 0, hidden = 0;
	for (int i = 0; i < t->nrows && rows; i++) {
		if (t->rows[i].builtin)
			continue;
		if (n < MAX_ROWS)
			rows[n++] = i;
		else
			hidden++;
	}
	int *row_y = calloc((size_t)(t->nrows ? t->nrows : 1), sizeof *row_y); /* row index -> drawn position + 1 */
	if (!rows || !row_y) {
		free(rows);
		free(row_y);
		return;
	}
	double label_w = svg_text_width(_("process"), FONT);
	for (int k = 0; k < n; k++) {
		const struct plot_row *r = &t->rows[rows[k]];
		char lab[32];
		snprintf(lab, sizeof lab, "%d", r->pid);
		double w = svg_text_width(lab, FONT) + 14 + svg_text_width(r->name, FONT);
		if (w > label_w)
			label_w = w;
		row_y[rows[k]] = k + 1;
	}
	if (label_w > 420)
		label_w = 420;
	struct layout L = {.width = 1800, .end = t->end > 0 ? t->end : 1};
	L.chart_x = 30 + label_w + 20;
	L.chart_w = L.width - L.chart_x - 50;
	double pid_w = 0;
	for (int k = 0; k < n; k++) {
		char lab[32];
		snprintf(lab, sizeof lab, "%d", t->rows[rows[k]].pid);
		double w = svg_text_width(lab, FONT);
		if (w > pid_w)
			pid_w = w;
	}

	double y0 = 120;                               /* first process row */
	double rows_h = (n ? n : 1) * ROW_H;
	double strip_title = y0 + rows_h + 30;
	double strip_y = strip_title + 14;
	double strip_h = t->ncpus * ROW_H;
	double axis_y = strip_y + strip_h + 8;
	double legend_y = axis_y + 104;
	double height = draw_legend(NULL, t, legend_y, L.width) + (hidden ? 44 : 0) + 30;

	svg_begin(out, L.width, height, t->title);
	defs(out);
	/* title and settings */
	svg_text(out, 30, 48, 32, SVG_START, "#000000", "bold", NULL, t->title);
	char tick[32], sub[256];
	timefmt_ticks(1, t->tick_us, tick, sizeof tick);
	snprintf(sub, sizeof sub, _("policy %1$s · quantum %2$lld ticks · %3$d CPU(s) · one tick = %4$s"), t->policy,
		 (long long)t->quantum, t->ncpus, tick);
	svg_text(out, 30, 84, FONT, SVG_START, "#424242", NULL, NULL, sub);

	/* zebra rows and labels */
	for (int k = 0; k < n; k++) {
		const struct plot_row *r = &t->rows[rows[k]];
		double y = y0 + k * ROW_H;
		if (k % 2 == 0)
			svg_rect(out, 20, y, L.width - 40, ROW_H, "#f5f5f5", NULL);
		char lab[32];
		snprintf(lab, sizeof lab, "%d", r->pid);
		svg_text(out, 30 + pid_w, y + ROW_H / 2 + 7, FONT, SVG_END, "#616161", NULL, NULL, lab);
		svg_text(out, 30 + pid_w + 14, y + ROW_H / 2 + 7, FONT, SVG_START, "#000000", NULL, NULL, r->name);
	}
	/* CPU strip background and labels */
	svg_text(out, 30, strip_title, FONT, SVG_START, "#000000", "bold", NULL, _("CPUs"));
	for (int c = 0; c < t->ncpus; c++) {
		double y = strip_y + c * ROW_H;
		char lab[16];
		snprintf(lab, sizeof lab, "CPU%d", c);
		svg_rect(out, L.chart_x, y + (ROW_H - BAR_H) / 2, L.chart_w, BAR_H, "#eeeeee", NULL);
		svg_text(out, L.chart_x - 12, y + ROW_H / 2 + 7, FONT, SVG_END, "#000000", NULL, NULL, lab);
	}

	/* grid and axis */
	int64_t step = axis_step(L.end, L.chart_w);
	for (int64_t tk = 0; tk <= L.end; tk += step) {
		double x = xof(&L, tk);
		svg_line(out, x, y0 - 6, x, axis_y, "#bdbdbd", 1, "stroke-dasharray=\"4 4\"");
		char lab[32];
		if (t->tick_axis)
			snprintf(lab, sizeof lab, "%lld", (long long)tk);
		else
			timefmt_ticks(tk, t->tick_us, lab, sizeof lab);
		svg_line(out, x, axis_y, x, axis_y + 8, "#000000", 2, NULL);
		svg_text(out, x, axis_y + 32, FONT - 2, SVG_MIDDLE, "#000000", NULL, NULL, lab);
	}
	svg_line(out, L.chart_x, axis_y, L.chart_x + L.chart_w, axis_y, "#000000", 2, NULL);
	{
		char lab[128], endl[32];
		timefmt_ticks(L.end, t->tick_us, endl, sizeof endl);
		/* A job workload is written in ticks, as the textbooks count
		 * (`job A arrives 0, runs 100`): its axis says ticks too. */
		if (t->tick_axis)
			snprintf(lab, sizeof lab, _("ticks (the run ends at t=%lld)"), (long long)L.end);
		else
			snprintf(lab, sizeof lab, _("time (ticks of %1$s; the run ends at t=%2$lld, %3$s)"), tick,
				 (long long)L.end, endl);
		svg_text(out, L.chart_x + L.chart_w, axis_y + 60, FONT - 4, SVG_END, "#424242", NULL, NULL, lab);
	}

	/* process rows: spans, context switches, CPU numbers, then parent links,
	 * then marks on top */
	for (int k = 0; k < n; k++) {
		const struct plot_row *r = &t->rows[rows[k]];
		double y = y0 + k * ROW_H + (ROW_H - BAR_H) / 2;
		for (int i = 0; i < r->nspans; i++) {
			const struct plot_span *sp = &r->spans[i];
			double x1 = xof(&L, sp->from), x2 = xof(&L, sp->to);
			const char *fill = sp->state == PS_RUN && t->ncpus > 1
						   ? run_shades[sp->cpu % (int)(sizeof run_shades / sizeof run_shades[0])]
						   : state_fill[sp->state];
			svg_rect(out, x1, y, x2 - x1, BAR_H, fill, NULL);
		}
	}
	/* A process holds its CPU during a context switch but does not run yet:
	 * the switch ticks are hatched on its row as on the CPU's strip. */
	for (int c = 0; c < t->ncpus && c < 64; c++)
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			if (sp->switch_ticks <= 0 || !row_y[sp->row])
				continue;
			double x1 = xof(&L, sp->from), xs = xof(&L, sp->from + sp->switch_ticks);
			svg_rect(out, x1, y0 + (row_y[sp->row] - 1) * ROW_H + (ROW_H - BAR_H) / 2, xs - x1, BAR_H, "url(#switch)",
				 NULL);
		}
	if (t->ncpus > 1)
		for (int k = 0; k < n; k++) {
			const struct plot_row *r = &t->rows[rows[k]];
			double y = y0 + k * ROW_H + (ROW_H - BAR_H) / 2;
			for (int i = 0; i < r->nspans; i++) {
				const struct plot_span *sp = &r->spans[i];
				double x1 = xof(&L, sp->from), x2 = xof(&L, sp->to);
				if (sp->state != PS_RUN || x2 - x1 < 50)
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
	for (int k = 0; k < n; k++) {
		const struct plot_row *r = &t->rows[rows[k]];
		if (r->parent_row < 0 || !row_y[r->parent_row])
			continue;
		double x = xof(&L, r->spawn);
		double py = y0 + (row_y[r->parent_row] - 1) * ROW_H + ROW_H / 2;
		double cy = y0 + k * ROW_H + ROW_H / 2;
		svg_line(out, x, py, x, cy, "#000000", 1.5, "stroke-dasharray=\"3 3\"");
	}
	for (int k = 0; k < n; k++)
		draw_marks(out, &L, &t->rows[rows[k]], y0 + k * ROW_H);

	/* CPU strips: the runs, then the runs of no length over them */
	for (int c = 0; c < t->ncpus && c < 64; c++) {
		double y = strip_y + c * ROW_H + (ROW_H - BAR_H) / 2;
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			const struct plot_row *r = &t->rows[sp->row];
			int colour = row_y[sp->row] ? row_y[sp->row] - 1 : sp->row;
			double x1 = xof(&L, sp->from), x2 = xof(&L, sp->to);
			if (sp->from == sp->to)
				continue;
			svg_rect(out, x1, y, x2 - x1, BAR_H,
				 proc_palette[colour % (int)(sizeof proc_palette / sizeof proc_palette[0])],
				 "stroke=\"#ffffff\" stroke-width=\"1\"");
			double xs = x1;
			if (sp->switch_ticks > 0) {
				xs = xof(&L, sp->from + sp->switch_ticks);
				svg_rect(out, x1, y, xs - x1, BAR_H, "url(#switch)", NULL);
			}
			/* "PID name", or the PID, in the part after the context
			 * switch, if it fits. */
			char lab[128];
			snprintf(lab, sizeof lab, "%d %s", r->pid, r->name);
			if (svg_text_width(lab, SMALL) * 1.1 + 6 > x2 - xs)
				snprintf(lab, sizeof lab, "%d", r->pid);
			if (svg_text_width(lab, SMALL) * 1.1 + 6 <= x2 - xs)
				svg_text(out, (xs + x2) / 2, y + BAR_H / 2 + 6, SMALL, SVG_MIDDLE, "#ffffff", "bold", NULL, lab);
		}
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			if (sp->from != sp->to)
				continue;
			int colour = row_y[sp->row] ? row_y[sp->row] - 1 : sp->row;
			svg_rect(out, xof(&L, sp->from) - INSTANT_W / 2, y, INSTANT_W, BAR_H,
				 proc_palette[colour % (int)(sizeof proc_palette / sizeof proc_palette[0])], NULL);
		}
	}

	/* legend */
	double ly = draw_legend(out, t, legend_y, L.width);
	if (hidden) {
		char lab[128];
		snprintf(lab, sizeof lab, _("... and %d more processes, not drawn"), hidden);
		svg_text(out, 30, ly + 44, FONT - 2, SVG_START, "#b71c1c", NULL, NULL, lab);
	}
	svg_end(out);
	free(rows);
	free(row_y);
}
