/* testlib.c: see testlib.h. */
#include "testlib.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void record(void *ctx, const struct sim_event *ev)
{
	struct run *r = ctx;
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->events = realloc(r->events, sizeof *r->events * (size_t)r->cap);
		ck_assert_ptr_nonnull(r->events);
	}
	struct recorded *x = &r->events[r->count++];
	x->ev = *ev;
	snprintf(x->text, sizeof x->text, "%s", ev->text ? ev->text : "");
	snprintf(x->name, sizeof x->name, "%s", ev->name ? ev->name : "");
	x->ev.text = NULL;
	snprintf(x->cmdline, sizeof x->cmdline, "%s", ev->cmdline ? ev->cmdline : "");
	x->ev.name = NULL;
	x->ev.cmdline = NULL;
}

struct run *run_new_opts(const char *src, const struct sim_options *opt)
{
	struct run *r = calloc(1, sizeof *r);
	ck_assert_ptr_nonnull(r);
	r->sc = parse_scenario("test.psim", src, strlen(src), &r->diags);
	if (!r->sc) {
		for (int i = 0; i < r->diags.count; i++)
			fprintf(stderr, "test.psim:%d:%d: %s\n", r->diags.items[i].line, r->diags.items[i].col,
				r->diags.items[i].msg);
		ck_abort_msg("the test scenario does not parse");
	}
	struct sim_options o = {0};
	if (opt)
		o = *opt;
	o.check = true;
	r->sim = sim_new(r->sc, &o);
	ck_assert_ptr_nonnull(r->sim);
	sim_set_sink(r->sim, record, r);
	return r;
}

struct run *run_new(const char *src) { return run_new_opts(src, NULL); }

enum sim_status run_until(struct run *r, long long until) { return sim_run(r->sim, until); }

void run_free(struct run *r)
{
	sim_free(r->sim);
	scenario_free(r->sc);
	free(r->events);
	free(r);
}

const struct sim_event *run_find(const struct run *r, enum sim_event_kind kind, int pid, int nth)
{
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind == kind && (pid == 0 || e->pid == pid) && nth-- == 0)
			return e;
	}
	return NULL;
}

int run_count(const struct run *r, enum sim_event_kind kind, int pid)
{
	int n = 0;
	for (int i = 0; i < r->count; i++)
		n += r->events[i].ev.kind == kind && (pid == 0 || r->events[i].ev.pid == pid);
	return n;
}

long long run_when(const struct run *r, enum sim_event_kind kind, int pid)
{
	const struct sim_event *e = run_find(r, kind, pid, 0);
	return e ? e->t : -1;
}

const char *run_console(const struct run *r)
{
	static char buf[65536];
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_PRINT && used + strlen(r->events[i].text) + 2 < sizeof buf)
			used += (size_t)sprintf(buf + used, "%s\n", r->events[i].text);
	return buf;
}

const struct diags *parse_errors(const char *src)
{
	static struct diags d;
	struct scenario *sc = parse_scenario("bad.psim", src, strlen(src), &d);
	if (sc) {
		scenario_free(sc);
		ck_abort_msg("expected a parse error");
	}
	return &d;
}
