/* compare_real.c: a recorded run beside the simulated one (see
 * compare_real.h). */
#include "compare_real.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "event.h"
#include "i18n.h"
#include "rec_scenario.h"
#include "text.h"

/* ---- the sides --------------------------------------------------------------------- */

static struct real_event *push(struct real_side *s, enum real_kind kind, const char *pos, long long us)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		struct real_event *ev = realloc(s->ev, (size_t)cap * sizeof *ev);
		if (!ev)
			return NULL;
		s->ev = ev;
		s->cap = cap;
	}
	struct real_event *e = &s->ev[s->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	snprintf(e->pos, sizeof e->pos, "%s", pos);
	e->us = us;
	return e;
}

static void set_status(struct real_event *e, int status)
{
	e->code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	e->sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

/* Time order; at one time forks, then exits, then reaps; then by position. */
static int by_time(const void *a, const void *b)
{
	const struct real_event *x = a, *y = b;
	if (x->us != y->us)
		return x->us < y->us ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->pos, y->pos);
}

bool compare_real_from_recording(const struct recording *r, struct real_side *out)
{
	memset(out, 0, sizeof *out);
	struct rec_tree t;
	if (!rec_tree_build(r, &t))
		return false;
	bool ok = true;
	for (int i = 0; i < t.n && ok; i++) {
		const struct rec_proc *p = &t.p[i];
		struct real_event *e;
		if (p->pos[0] == '0')
			continue; /* a wrapper's helper, before the program's exec */
		if (i > 0)
			ok = push(out, RK_FORK, p->pos, p->start_t / 1000) != NULL;
		if (ok && p->exit_t >= 0) {
			ok = (e = push(out, RK_EXIT, p->pos, p->exit_t / 1000)) != NULL;
			if (ok)
				set_status(e, p->status);
		}
		/* the command itself is reaped by whoever started it: bash in the
		 * simulation, the recorder here; an orphan by init (out of sight
		 * of ptrace: when it exits) */
		if (ok && i > 0 && p->exit_t >= 0) {
			long long when = p->reaper >= 0 ? p->reap_t : p->exit_t;
			ok = (e = push(out, RK_REAP, p->pos, when / 1000)) != NULL;
			if (ok) {
				set_status(e, p->status);
				snprintf(e->by, sizeof e->by, "%s", p->reaper >= 0 ? t.p[p->reaper].pos : "init");
			}
		}
	}
	rec_tree_free(&t);
	if (ok)
		qsort(out->ev, (size_t)out->n, sizeof *out->ev, by_time);
	return ok;
}

static struct real_sim_proc *sim_find(struct real_side *s, int pid)
{
	for (int i = s->nprocs - 1; i >= 0; i--) /* the latest with that PID */
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static struct real_sim_proc *sim_add(struct real_side *s, int pid, const char *pos)
{
	if (s->nprocs == s->capprocs) {
		int cap = s->capprocs ? s->capprocs * 2 : 64;
		struct real_sim_proc *p = realloc(s->procs, (size_t)cap * sizeof *p);
		if (!p) {
			s->oom = true;
			return NULL;
		}
		s->procs = p;
		s->capprocs = cap;
	}
	struct real_sim_proc *p = &s->procs[s->nprocs++];
	p->pid = pid;
	p->nchildren = 0;
	snprintf(p->pos, sizeof p->pos, "%s", pos);
	return p;
}

void compare_real_sink(void *ctx, const struct sim_event *ev)
{
	struct real_side *side = ctx;
	struct real_sim_proc *p = sim_find(side, ev->pid), *parent;
	struct real_event *e = NULL;
	switch (ev->kind) {
	case EV_SPAWN:
		if (ev->ppid == 2 && !side->seen_main) { /* main, started by the login shell: "1" */
			side->seen_main = true;
			sim_add(side, ev->pid, "1");
		} else if ((parent = sim_find(side, ev->ppid))) {
			char pos[64];
			snprintf(pos, sizeof pos, "%.50s.%d", parent->pos, ++parent->nchildren);
			if (sim_add(side, ev->pid, pos))
				e = push(side, RK_FORK, pos, ev->t);
			if (!e)
				side->oom = true;
		}
		break;
	case EV_EXIT:
		if (p && !(e = push(side, RK_EXIT, p->pos, ev->t)))
			side->oom = true;
		break;
	case EV_REAP:
		if (p && strcmp(p->pos, "1") != 0) {
			if (!(e = push(side, RK_REAP, p->pos, ev->t))) {
				side->oom = true;
				break;
			}
			struct real_sim_proc *by = sim_find(side, ev->other);
			snprintf(e->by, sizeof e->by, "%s", by ? by->pos : "init");
		}
		if (p)
			p->pid = 0; /* gone: its PID may come back */
		break;
	default:
		break;
	}
	if (e && ev->kind != EV_SPAWN) {
		e->code = ev->sig ? 0 : ev->code;
		e->sig = ev->sig;
	}
}

bool compare_real_finish_sim(struct real_side *side, long long tick_us)
{
	bool ok = !side->oom;
	free(side->procs);
	side->procs = NULL;
	side->nprocs = side->capprocs = 0;
	for (int i = 0; i < side->n; i++)
		side->ev[i].us *= tick_us;
	qsort(side->ev, (size_t)side->n, sizeof *side->ev, by_time);
	return ok;
}

void compare_real_free(struct real_side *side)
{
	free(side->ev);
	free(side->procs);
	memset(side, 0, sizeof *side);
}

long long compare_real_align(struct real_side *side)
{
	long long first = -1;
	for (int i = 0; i < side->n; i++)
		if (side->ev[i].kind == RK_FORK && (first < 0 || side->ev[i].us < first))
			first = side->ev[i].us;
	if (first <= 0)
		return 0;
	for (int i = 0; i < side->n; i++)
		side->ev[i].us -= first;
	return first;
}

/* ---- where they part ------------------------------------------------------------------ */

static int counterpart(const struct real_side *s, const struct real_event *e)
{
	for (int i = 0; i < s->n; i++)
		if (s->ev[i].kind == e->kind && strcmp(s->ev[i].pos, e->pos) == 0)
			return i;
	return -1;
}

bool compare_real_parting(const struct real_side *real, const struct real_side *sim, long long tolerance_us,
			  struct real_parting *p)
{
	long long first = -1;
	for (int i = 0; i < real->n; i++) { /* the real run's events, in time order */
		const struct real_event *a = &real->ev[i];
		int k = counterpart(sim, a);
		const struct real_event *b = k >= 0 ? &sim->ev[k] : NULL;
		const char *why = NULL;
		if (!b)
			why = N_("the simulation has no such event");
		else if (a->code != b->code || a->sig != b->sig)
			why = N_("the processes end differently");
		else if (strcmp(a->by, b->by) != 0)
			why = N_("another process reaps it");
		else if (llabs(a->us - b->us) > tolerance_us)
			why = N_("the times differ by more than the tolerance");
		long long when = b && b->us < a->us ? b->us : a->us;
		if (why && (first < 0 || when < first)) {
			first = when;
			*p = (struct real_parting){i, k, why};
		}
		if (why)
			break; /* later events of the real run come later still */
	}
	for (int k = 0; k < sim->n; k++) /* and the simulation's events the real run lacks */
		if (counterpart(real, &sim->ev[k]) < 0) {
			if (first < 0 || sim->ev[k].us < first) {
				first = sim->ev[k].us;
				*p = (struct real_parting){-1, k, N_("the real run has no such event")};
			}
			break;
		}
	return first >= 0;
}

/* ---- the table -------------------------------------------------------------------------- */

static const char *const kind_names[] = {[RK_FORK] = "fork", [RK_EXIT] = "exit", [RK_REAP] = "reap"};

static void describe(char *buf, size_t n, const struct real_event *e)
{
	if (!e) {
		snprintf(buf, n, "-");
		return;
	}
	int used = snprintf(buf, n, "%.3fs", (double)e->us / 1e6);
	if (used < 0 || (size_t)used >= n)
		return;
	if (e->kind != RK_FORK && e->sig)
		used += snprintf(buf + used, n - (size_t)used, " %s %d", _("signal"), e->sig);
	else if (e->kind != RK_FORK)
		used += snprintf(buf + used, n - (size_t)used, " %s %d", _("code"), e->code);
	if (e->kind == RK_REAP && used >= 0 && (size_t)used < n)
		snprintf(buf + used, n - (size_t)used, " %s %s", _("by"), e->by);
}

/* A cell padded to `width` columns (CJK takes two), then two spaces. */
static void put_cell(FILE *out, const char *text, int width)
{
	fputs(text, out);
	for (int pad = width - text_width(text) + 2; pad > 0; pad--)
		fputc(' ', out);
}

void compare_real_print(FILE *out, const char *real_name, const char *sim_name, const struct real_side *real,
			const struct real_side *sim, long long tolerance_us)
{
	fprintf(out, "# %s: %s\n# %s: %s\n", _("real"), real_name, _("simulated"), sim_name);
	char real_off[32], sim_off[32];
	snprintf(real_off, sizeof real_off, "%.3fs", (double)real->offset_us / 1e6);
	snprintf(sim_off, sizeof sim_off, "%.3fs", (double)sim->offset_us / 1e6);
	fprintf(out, _("# times from the command's first fork: %1$s after its start in the real run (the interpreter's own start is not simulated), %2$s in the simulation\n"),
		real_off, sim_off);
	fprintf(out, _("# processes matched by their place in the tree (1 = the command, 1.2 = its second child); tolerance %.3fs\n"),
		(double)tolerance_us / 1e6);
	const char *h[] = {_("position"), _("event"), _("real"), _("simulated"), _("difference")};
	int w[] = {12, 6, 28, 28};
	for (int c = 0; c < 4; c++)
		put_cell(out, h[c], w[c]);
	fprintf(out, "%s\n", h[4]);
	for (int i = 0; i < real->n; i++) {
		const struct real_event *a = &real->ev[i];
		int k = counterpart(sim, a);
		char ra[96], sb[96];
		describe(ra, sizeof ra, a);
		describe(sb, sizeof sb, k >= 0 ? &sim->ev[k] : NULL);
		put_cell(out, a->pos, w[0]);
		put_cell(out, kind_names[a->kind], w[1]);
		put_cell(out, ra, w[2]);
		if (k >= 0) {
			put_cell(out, sb, w[3]);
			fprintf(out, "%+.3fs", (double)(sim->ev[k].us - a->us) / 1e6);
		} else
			fputs(sb, out);
		fputc('\n', out);
	}
	for (int k = 0; k < sim->n; k++)
		if (counterpart(real, &sim->ev[k]) < 0) {
			char sb[96];
			describe(sb, sizeof sb, &sim->ev[k]);
			put_cell(out, sim->ev[k].pos, w[0]);
			put_cell(out, kind_names[sim->ev[k].kind], w[1]);
			put_cell(out, "-", w[2]);
			fprintf(out, "%s\n", sb);
		}
	struct real_parting p;
	if (!compare_real_parting(real, sim, tolerance_us, &p)) {
		fprintf(out, _("They agree: the same forks, exits and reaps, process by process, each within %.3fs.\n"),
			(double)tolerance_us / 1e6);
		return;
	}
	const struct real_event *e = p.real >= 0 ? &real->ev[p.real] : &sim->ev[p.sim];
	char ra[96], sb[96];
	describe(ra, sizeof ra, p.real >= 0 ? &real->ev[p.real] : NULL);
	describe(sb, sizeof sb, p.sim >= 0 ? &sim->ev[p.sim] : NULL);
	fprintf(out, _("They part at the %1$s of %2$s: real %3$s, simulated %4$s (%5$s).\n"), kind_names[e->kind], e->pos, ra,
		sb, _(p.why));
}
