/* plot_ipc.c: see plot_ipc.h. A lane per object, in the order the run
 * first used them; its events as the ipc events said them. Drawn by
 * plot_ipc_draw (plot_int.h) under a panel's CPU strips. */
#include "plot_ipc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plot_int.h"
#include "svg.h"

/* ---- recording ---------------------------------------------------------------------- */

static enum plot_lane_kind lane_kind(enum ipc_op op)
{
	switch (op) {
	case IPC_ACQUIRE: case IPC_RELEASE: return LANE_LOCK;
	case IPC_SEND: case IPC_RECV: case IPC_CLOSE: return LANE_PIPE;
	case IPC_SUBMIT: case IPC_TAKE: return LANE_POOL;
	default: return LANE_QUEUE;
	}
}

/* The ops a lane draws: a queue's puts and gets, a lock's acquire and
 * release, a pipe's sends and receives, a pool's tasks given and taken. */
static bool drawn(enum ipc_op op)
{
	return op == IPC_PUT || op == IPC_GET || op == IPC_ACQUIRE || op == IPC_RELEASE || op == IPC_SEND ||
	       op == IPC_RECV || op == IPC_SUBMIT || op == IPC_TAKE;
}

static struct plot_lane *lane_of(struct plot_ipc *ipc, const char *name, enum plot_lane_kind kind)
{
	for (int i = 0; i < ipc->nlanes; i++)
		if (ipc->lanes[i].kind == kind && strcmp(ipc->lanes[i].name, name) == 0)
			return &ipc->lanes[i];
	if (ipc->nlanes == ipc->cap) {
		int cap = ipc->cap ? ipc->cap * 2 : 8;
		struct plot_lane *l = realloc(ipc->lanes, sizeof *l * (size_t)cap);
		if (!l)
			return NULL;
		ipc->lanes = l;
		ipc->cap = cap;
	}
	struct plot_lane *l = &ipc->lanes[ipc->nlanes];
	*l = (struct plot_lane){.name = strdup(name), .kind = (uint8_t)kind};
	if (!l->name)
		return NULL;
	ipc->nlanes++;
	return l;
}

void plot_ipc_event(struct plot_ipc *ipc, const struct sim_event *ev, int row)
{
	if (ev->kind != EV_IPC || !ev->object || !drawn(ev->op))
		return;
	struct plot_lane *l = lane_of(ipc, ev->object, lane_kind(ev->op));
	if (l && l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct plot_ipc_event *e = realloc(l->ev, sizeof *e * (size_t)cap);
		if (e) {
			l->ev = e;
			l->cap = cap;
		}
	}
	if (!l || l->n == l->cap) {
		ipc->oom = true;
		return;
	}
	char *value = ev->text ? strdup(ev->text) : NULL;
	l->ev[l->n++] = (struct plot_ipc_event){ev->t, ev->pid, row, (uint8_t)ev->op, ev->count, value};
	if (ev->count > l->max_count && (ev->op == IPC_PUT || ev->op == IPC_GET))
		l->max_count = ev->count;
}

void plot_ipc_free(struct plot_ipc *ipc)
{
	for (int i = 0; i < ipc->nlanes; i++) {
		for (int k = 0; k < ipc->lanes[i].n; k++)
			free(ipc->lanes[i].ev[k].value);
		free(ipc->lanes[i].ev);
		free(ipc->lanes[i].name);
	}
	free(ipc->lanes);
	*ipc = (struct plot_ipc){0};
}

/* ---- drawing ------------------------------------------------------------------------- */

#define LANE_TITLE_H 44.0

double plot_ipc_height(const struct plot_trace *t)
{
	return t->ipc.nlanes ? LANE_TITLE_H + t->ipc.nlanes * ROW_H : 0;
}

void plot_ipc_label(const struct plot_lane *l, char *buf, size_t n)
{
	static const char *const kinds[] = {[LANE_QUEUE] = "queue", [LANE_LOCK] = "lock", [LANE_PIPE] = "pipe end",
					    [LANE_POOL] = "pool"};
	snprintf(buf, n, "%s %s", kinds[l->kind], l->name);
}

static const char *colour_of(const int *row_y, int row)
{
	return plot_proc_colour(row >= 0 && row_y[row] ? row_y[row] - 1 : row);
}

/* A mark: a triangle up (something in: put, send, a task given), down
 * (something out), with the process and the value as its tooltip. */
static void mark(FILE *out, double x, double y, bool in, const char *fill, const struct plot_ipc_event *e)
{
	double h = 9;
	fprintf(out, "<path class=\"ipc-mark\" d=\"M%.2f %.2f L%.2f %.2f L%.2f %.2f Z\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\">",
		x - h, in ? y + h : y - h, x + h, in ? y + h : y - h, x, in ? y - h : y + h, fill);
	fprintf(out, "<title>PID %d %s", e->pid, ipc_op_name((enum ipc_op)e->op));
	if (e->value) {
		fputc(' ', out);
		svg_escape(out, e->value);
	}
	fputs("</title></path>\n", out);
}

/* The marks of a queue's, a pipe end's or a pool's lane: what goes in at
 * y_in, what comes out at y_out. */
static void lane_marks(FILE *out, const struct layout *L, const struct plot_trace *t, const struct plot_lane *l,
		       const int *row_y, double y_in, double y_out)
{
	for (int i = 0; i < l->n; i++) {
		const struct plot_ipc_event *e = &l->ev[i];
		if (!in_window(L, t, e->t))
			continue;
		bool in = e->op == IPC_PUT || e->op == IPC_SEND || e->op == IPC_SUBMIT;
		mark(out, xof(L, t, e->t), in ? y_in : y_out, in, colour_of(row_y, e->row), e);
	}
}

/* A queue: its length as a stepped area (the top is the most it held), its
 * puts above, its gets below. */
static void draw_queue(FILE *out, const struct layout *L, const struct plot_trace *t, const struct plot_lane *l,
		       const int *row_y, double y)
{
	double top = y + 6, base = y + ROW_H - 6;
	int level = 0;
	int64_t prev = (int64_t)(L->from_us / t->tick_us);
	for (int i = 0; i <= l->n; i++) {
		int64_t at = i < l->n ? l->ev[i].t : t->end;
		double x1, x2;
		if (level > 0 && clip(L, t, prev, at, &x1, &x2)) {
			double h = (base - top) * level / (l->max_count ? l->max_count : 1);
			svg_rect(out, x1, base - h, x2 - x1, h, "#b3e5fc", "class=\"queue-level\"");
		}
		if (i == l->n)
			break;
		prev = at;
		if (l->ev[i].op == IPC_PUT || l->ev[i].op == IPC_GET)
			level = l->ev[i].count;
	}
	/* An arrow from each put to the get that took its item: the queue is
	 * first in, first out, so the k-th get takes the k-th put's item. */
	int next_put = 0;
	for (int i = 0; i < l->n; i++) {
		const struct plot_ipc_event *g = &l->ev[i];
		if (g->op != IPC_GET)
			continue;
		while (next_put < l->n && l->ev[next_put].op != IPC_PUT)
			next_put++;
		if (next_put >= l->n)
			break;
		const struct plot_ipc_event *put = &l->ev[next_put++];
		if (!in_window(L, t, put->t) || !in_window(L, t, g->t))
			continue;
		double x1 = xof(L, t, put->t), x2 = xof(L, t, g->t);
		if (x2 - x1 < 14) /* where it fits */
			continue;
		fprintf(out, "<path class=\"ipc-arrow\" d=\"M%.2f %.2f L%.2f %.2f\" stroke=\"#616161\" stroke-width=\"1.2\" "
			     "fill=\"none\" marker-end=\"url(#arrow)\"/>\n", x1 + 6, top + 8, x2 - 6, base - 8);
	}
	lane_marks(out, L, t, l, row_y, top + 4, base - 4);
}

/* A lock: a bar from each acquire to its release in the holder's colour,
 * with its PID when it fits. */
static void draw_lock(FILE *out, const struct layout *L, const struct plot_trace *t, const struct plot_lane *l,
		      const int *row_y, double y)
{
	for (int i = 0; i < l->n; i++) {
		const struct plot_ipc_event *e = &l->ev[i];
		if (e->op != IPC_ACQUIRE)
			continue;
		int64_t until = t->end;
		for (int k = i + 1; k < l->n; k++)
			if (l->ev[k].op == IPC_RELEASE) {
				until = l->ev[k].t;
				break;
			}
		double x1, x2;
		if (!clip(L, t, e->t, until > e->t ? until : e->t + 1, &x1, &x2))
			continue;
		svg_rect(out, x1, y + (ROW_H - BAR_H) / 2, x2 - x1, BAR_H, colour_of(row_y, e->row),
			 "class=\"lock-held\" stroke=\"#ffffff\" stroke-width=\"1\"");
		char lab[16];
		snprintf(lab, sizeof lab, "%d", e->pid);
		if (svg_text_width(lab, SMALL) * BOLD + 6 <= x2 - x1)
			svg_text(out, (x1 + x2) / 2, y + ROW_H / 2 + 6, SMALL, SVG_MIDDLE, "#ffffff", "bold", NULL, lab);
	}
}

void plot_ipc_draw(FILE *out, const struct layout *L, const struct plot_trace *t, const int *row_y, double y)
{
	if (!t->ipc.nlanes)
		return;
	const char *title = _("Shared objects");
	svg_text(out, 30, y + 30, FONT, SVG_START, "#000000", "bold", NULL, title);
	/* the key, after the title: at the chart's start if the title ends before it */
	double key_x = 30 + svg_text_width(title, FONT) * BOLD + 24;
	if (key_x < L->chart_x)
		key_x = L->chart_x;
	svg_text(out, key_x, y + 30, SMALL, SVG_START, "#616161", NULL, NULL,
		 _("▲ in (put, send)   ▼ out (get, recv)   bars: who holds a lock"));
	y += LANE_TITLE_H;
	for (int i = 0; i < t->ipc.nlanes; i++, y += ROW_H) {
		const struct plot_lane *l = &t->ipc.lanes[i];
		char lab[128];
		plot_ipc_label(l, lab, sizeof lab);
		fprintf(out, "<g class=\"ipc-lane\">\n");
		svg_rect(out, L->chart_x, y + (ROW_H - BAR_H) / 2, L->chart_w, BAR_H, "#f5f5f5", NULL);
		svg_text(out, L->chart_x - 12, y + ROW_H / 2 + 7, FONT, SVG_END, "#000000", NULL, NULL, lab);
		if (l->kind == LANE_LOCK)
			draw_lock(out, L, t, l, row_y, y);
		else if (l->kind == LANE_QUEUE)
			draw_queue(out, L, t, l, row_y, y);
		else
			lane_marks(out, L, t, l, row_y, y + 10, y + ROW_H - 10);
		fprintf(out, "</g>\n");
	}
}
