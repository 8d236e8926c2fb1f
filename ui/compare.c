/* compare.c: see compare.h. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "svg.h"
#include "table.h"
#include "text.h"
#include "timefmt.h"

static const char *const keys[CMP_NCOLS] = {
	"makespan", "avg_turnaround", "avg_wait", "avg_response", "utilisation_pct", "context_switches", "peak_zombies",
};
/* Decimals each column is printed (and compared) with. */
static const int decimals[CMP_NCOLS] = {0, 2, 2, 2, 1, 0, 0};

const char *compare_key(enum compare_col c) { return c < CMP_NCOLS ? keys[c] : "?"; }

static bool time_column(int c) { return c <= CMP_RESPONSE; }

/* In seconds, to the millisecond. */
static int col_decimals(const struct compare_row *r, int c) { return r->seconds && time_column(c) ? 3 : decimals[c]; }

static double rounded(double v, int dec)
{
	double f = pow(10, dec);
	return round(v * f) / f;
}

/* The tick length shared by every row, or 0 when they differ. */
static long long common_tick(const struct compare_row *rows, int n)
{
	for (int i = 1; i < n; i++)
		if (rows[i].st.tick_us != rows[0].st.tick_us)
			return 0;
	return n ? rows[0].st.tick_us : 0;
}

void compare_rank(struct compare_row *rows, int n)
{
	bool seconds = n > 1 && common_tick(rows, n) == 0;
	for (int i = 0; i < n; i++) {
		struct compare_row *r = &rows[i];
		const struct stats *s = &r->st;
		double v[CMP_NCOLS] = {
			(double)s->sys.makespan, s->avg_turnaround, s->avg_wait, s->avg_response, 100 * s->util,
			(double)s->sys.context_switches, (double)s->sys.peak_zombies,
		};
		r->seconds = seconds;
		if (seconds) /* round the averages in ticks first, as they are shown elsewhere */
			for (int c = 0; c < CMP_NCOLS; c++)
				if (time_column(c))
					v[c] = rounded(v[c], decimals[c]) * (double)s->tick_us / 1e6;
		bool def[CMP_NCOLS] = {s->sys.completed > 0, s->n_turnaround > 0, s->n_wait > 0, s->n_response > 0,
				       s->elapsed > 0, true, true};
		for (int c = 0; c < CMP_NCOLS; c++) {
			r->v[c] = rounded(v[c], col_decimals(r, c));
			r->defined[c] = def[c];
			r->best[c] = false;
		}
	}
	for (int c = 0; c < CMP_NCOLS; c++) {
		bool any = false, differ = false;
		double best = 0, first = 0;
		for (int i = 0; i < n; i++) {
			if (!rows[i].defined[c])
				continue;
			double v = rows[i].v[c];
			if (!any) {
				best = first = v;
				any = true;
				continue;
			}
			differ |= v != first;
			if (c == CMP_UTIL ? v > best : v < best)
				best = v;
		}
		if (!any || !differ) /* a column with one value, or one row, has no best */
			continue;
		for (int i = 0; i < n; i++)
			rows[i].best[c] = rows[i].defined[c] && rows[i].v[c] == best;
	}
}

static void cell(struct table *t, int r, int c, const struct compare_row *row, enum compare_col k, const char *mark_on,
		 const char *mark_off, const char *pre)
{
	if (!row->defined[k]) {
		table_set(t, r, c, "-%s", mark_off);
		return;
	}
	table_set(t, r, c, "%s%.*f%s", row->best[k] ? pre : "", col_decimals(row, k), row->v[k], row->best[k] ? mark_on : mark_off);
}

static void json_row(FILE *out, const struct compare_row *r)
{
	fputs("{\"label\":", out);
	text_json_string(out, r->label);
	fputs(",\"file\":", out);
	text_json_string(out, r->file);
	fputs(",\"title\":", out);
	text_json_string(out, r->st.title);
	fputs(",\"policy\":", out);
	text_json_string(out, r->st.sched.policy);
	fprintf(out, ",\"quantum\":%lld,\"cpus\":%d,\"switch_cost\":%lld,\"tick_us\":%lld", (long long)r->st.sched.quantum,
		r->st.cpus, (long long)r->st.sched.switch_cost, (long long)r->st.tick_us);
	for (int c = 0; c < CMP_NCOLS; c++) {
		if (!r->defined[c])
			fprintf(out, ",\"%s\":null", keys[c]);
		else
			fprintf(out, ",\"%s\":%.*f", keys[c], col_decimals(r, c), r->v[c]);
	}
	fputs(",\"best\":[", out);
	bool first = true;
	for (int c = 0; c < CMP_NCOLS; c++)
		if (r->best[c]) {
			fprintf(out, "%s\"%s\"", first ? "" : ",", keys[c]);
			first = false;
		}
	fputs("]}", out);
}

void compare_print(FILE *out, const struct compare_row *rows, int n, enum compare_format f)
{
	const char *unit = n && rows[0].seconds ? "s" : "tick";
	if (f == CMP_JSON) {
		fprintf(out, "{\"time_unit\":\"%s\",\"variants\":[", unit);
		for (int i = 0; i < n; i++) {
			if (i)
				fputc(',', out);
			json_row(out, &rows[i]);
		}
		fputs("]}\n", out);
		return;
	}
	if (f == CMP_CSV) {
		static const char *const head[] = {
			"label", "file", "policy", "quantum", "cpus", "switch_cost", "makespan", "avg_turnaround", "avg_wait",
			"avg_response", "utilisation_pct", "context_switches", "peak_zombies", "best", "time_unit",
		};
		struct table t;
		table_init(&t, 15, head);
		for (int i = 0; i < n; i++) {
			const struct compare_row *r = &rows[i];
			int k = table_add_row(&t);
			table_set(&t, k, 0, "%s", r->label);
			table_set(&t, k, 1, "%s", r->file);
			table_set(&t, k, 2, "%s", r->st.sched.policy);
			table_set(&t, k, 3, "%lld", (long long)r->st.sched.quantum);
			table_set(&t, k, 4, "%d", r->st.cpus);
			table_set(&t, k, 5, "%lld", (long long)r->st.sched.switch_cost);
			char best[256] = "";
			for (int c = 0; c < CMP_NCOLS; c++) {
				if (r->defined[c])
					table_set(&t, k, 6 + c, "%.*f", col_decimals(r, c), r->v[c]);
				if (r->best[c])
					snprintf(best + strlen(best), sizeof best - strlen(best), "%s%s", best[0] ? ";" : "", keys[c]);
			}
			table_set(&t, k, 13, "%s", best);
			table_set(&t, k, 14, "%s", unit);
		}
		table_print_csv(out, &t);
		table_free(&t);
		return;
	}
	const char *head[] = {
		_("VARIANT"), _("MAKESPAN"), _("AVG TURNAROUND"), _("AVG WAITING"), _("AVG RESPONSE"), _("CPU %"),
		_("CONTEXT SWITCHES"), _("PEAK ZOMBIES"),
	};
	struct table t;
	table_init(&t, 8, head);
	t.left[0] = true;
	bool md = f == CMP_MARKDOWN;
	for (int i = 0; i < n; i++) {
		int k = table_add_row(&t);
		table_set(&t, k, 0, "%s", rows[i].label);
		for (int c = 0; c < CMP_NCOLS; c++) {
			if (md)
				cell(&t, k, 1 + c, &rows[i], (enum compare_col)c, "**", "", "**");
			else
				cell(&t, k, 1 + c, &rows[i], (enum compare_col)c, "*", " ", "");
		}
	}
	long long tick = common_tick(rows, n);
	char d[32];
	if (tick)
		timefmt_ticks(1, tick, d, sizeof d);
	if (md)
		table_print_markdown(out, &t);
	else {
		if (tick)
			fprintf(out, _("# times in ticks (one tick = %s); * marks the best value of a column\n"), d);
		else
			fprintf(out, "%s\n", _("# times in seconds (the scenarios' tick lengths differ); * marks the best value of a column"));
		table_print_text(out, &t, 0);
	}
	table_free(&t);
}

/* ---- grouped bars -------------------------------------------------------------- */

static const char *const bar_fill[4] = {"#37474f", "#1e88e5", "#fdd835", "#43a047"};

static double nice_step(double max, int lines)
{
	double raw = max / lines;
	if (raw <= 0)
		return 1;
	double p = pow(10, floor(log10(raw)));
	for (int m = 1; m <= 10; m = m == 1 ? 2 : m == 2 ? 5 : 10)
		if (m * p >= raw)
			return m * p;
	return 10 * p;
}

void compare_plot_svg(FILE *out, const struct compare_row *rows, int n)
{
	const char *names[4] = {_("makespan"), _("average turnaround"), _("average waiting"), _("average response")};
	const enum compare_col cols[4] = {CMP_MAKESPAN, CMP_TURNAROUND, CMP_WAIT, CMP_RESPONSE};
	double width = 1800, top = 190, bottom = 700, left = 130, right = width - 40;
	double label_h = 0;
	double gw = n ? (right - left) / n : right - left;
	for (int i = 0; i < n; i++) {
		double w = svg_text_width(rows[i].label, 20);
		if (w > gw - 10 && w * 0.6 > label_h)
			label_h = w * 0.6;
	}
	if (label_h > 300)
		label_h = 300;
	double height = bottom + 60 + label_h + 40;
	double max = 0;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			if (rows[i].defined[cols[k]] && rows[i].v[cols[k]] > max)
				max = rows[i].v[cols[k]];
	double step = nice_step(max > 0 ? max : 1, 6);
	double ymax = ceil((max > 0 ? max : 1) / step) * step;
	char title[128];
	snprintf(title, sizeof title, "%s", _("procsim compare"));
	svg_begin(out, width, height, title);
	svg_text(out, 30, 50, 32, SVG_START, "#000000", "bold", NULL, title);
	long long tick = common_tick(rows, n);
	char sub[256], d[32];
	if (tick) {
		timefmt_ticks(1, tick, d, sizeof d);
		snprintf(sub, sizeof sub, _("times in ticks (one tick = %s) · lower is better · ★ best of its colour"), d);
	} else
		snprintf(sub, sizeof sub, "%s", _("times in seconds (the tick lengths differ) · lower is better · ★ best of its colour"));
	svg_text(out, 30, 86, 20, SVG_START, "#424242", NULL, NULL, sub);
	/* legend */
	double lx = 30;
	for (int k = 0; k < 4; k++) {
		svg_rect(out, lx, 112, 34, 22, bar_fill[k], "stroke=\"#424242\" stroke-width=\"1\"");
		svg_text(out, lx + 42, 131, 20, SVG_START, "#212121", NULL, NULL, names[k]);
		lx += 42 + svg_text_width(names[k], 20) + 36;
	}
	/* axis and grid */
	for (double v = 0; v <= ymax + step / 2; v += step) {
		double y = bottom - (bottom - top) * v / ymax;
		svg_line(out, left, y, right, y, v == 0 ? "#000000" : "#e0e0e0", v == 0 ? 2 : 1, NULL);
		char lab[32];
		snprintf(lab, sizeof lab, "%g", v);
		svg_text(out, left - 10, y + 7, 18, SVG_END, "#000000", NULL, NULL, lab);
	}
	{
		char lab[64];
		snprintf(lab, sizeof lab, "%s", tick ? _("ticks") : _("seconds"));
		char tr[96];
		snprintf(tr, sizeof tr, "transform=\"rotate(-90 %.1f %.1f)\"", 40.0, (top + bottom) / 2);
		svg_text(out, 40, (top + bottom) / 2, 20, SVG_MIDDLE, "#424242", NULL, tr, lab);
	}
	/* bars */
	for (int i = 0; i < n; i++) {
		double gx = left + i * gw;
		double bw = gw * 0.8 / 4;
		if (bw > 90)
			bw = 90;
		double x0 = gx + (gw - 4 * bw) / 2;
		if (i % 2 == 1)
			svg_rect(out, gx, top - 30, gw, bottom - top + 30, "#fafafa", NULL);
		for (int k = 0; k < 4; k++) {
			const struct compare_row *r = &rows[i];
			enum compare_col c = cols[k];
			double x = x0 + k * bw;
			if (!r->defined[c])
				continue;
			double h = (bottom - top) * r->v[c] / ymax;
			svg_rect(out, x + 2, bottom - h, bw - 4, h, bar_fill[k], "stroke=\"#212121\" stroke-width=\"1\"");
			char lab[48];
			snprintf(lab, sizeof lab, "%s%.*f", r->best[c] ? "★" : "", col_decimals(r, c), r->v[c]);
			double size = bw >= 60 ? 16 : bw >= 40 ? 14 : 13;
			/* Bold labels run wider than the estimate: keep a margin. */
			if (svg_text_width(lab, size) * 1.15 <= bw - 2)
				svg_text(out, x + bw / 2, bottom - h - 6, size, SVG_MIDDLE, r->best[c] ? "#b71c1c" : "#212121",
					 r->best[c] ? "bold" : NULL, NULL, lab);
			else {
				char tr[96];
				snprintf(tr, sizeof tr, "transform=\"rotate(-90 %.1f %.1f)\"", x + bw / 2 + 5, bottom - h - 6);
				svg_text(out, x + bw / 2 + 5, bottom - h - 6, size, SVG_START, r->best[c] ? "#b71c1c" : "#212121",
					 r->best[c] ? "bold" : NULL, tr, lab);
			}
		}
		double w = svg_text_width(rows[i].label, 20);
		if (w <= gw - 10)
			svg_text(out, gx + gw / 2, bottom + 32, 20, SVG_MIDDLE, "#000000", NULL, NULL, rows[i].label);
		else {
			char tr[96];
			snprintf(tr, sizeof tr, "transform=\"rotate(-35 %.1f %.1f)\"", gx + gw / 2, bottom + 28);
			svg_text(out, gx + gw / 2, bottom + 28, 20, SVG_END, "#000000", NULL, tr, rows[i].label);
		}
	}
	svg_end(out);
}
