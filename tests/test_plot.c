/* test_plot.c: the timeline picture is built from the event stream alone;
 * these tests hold it against the kernel's own accounting. For every process
 * the spans run without gap or overlap from its spawn to its reap (or the end
 * of the run), and each state's total is the kernel's counter: running = CPU
 * time, runnable = waiting, S + D = sleep, T = stopped, Z = reap - exit. The
 * CPU strips never overlap, carry exactly the running time and show every
 * dispatch the log narrates, those that took no time too. The SVG is
 * well-formed (xmllint, when installed). Several runs share one time axis,
 * --from/--to cut a window, and no name runs into the chart: those tests read
 * the coordinates back out of the SVG. */
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "metrics.h"
#include "plot.h"
#include "svg.h"
#include "snapshot.h"
#include "testlib.h"

struct traced {
	struct run *r;
	struct plot_trace t;
};

static void trace(struct traced *x, const char *src, const struct sim_options *opt)
{
	x->r = run_new_opts(src, opt);
	sim_collect_metrics(x->r->sim, true);
	ck_assert(plot_trace_init(&x->t, x->r->sim));
	sim_set_sink(x->r->sim, plot_trace_event, &x->t); /* instead of testlib's recorder */
	enum sim_status st = sim_run(x->r->sim, -1);
	ck_assert_msg(st == SIM_DONE || st == SIM_LIMIT || st == SIM_STUCK, "status %d", st);
	plot_trace_finish(&x->t, x->r->sim);
	ck_assert(!x->t.oom);
}

static void untrace(struct traced *x)
{
	plot_trace_free(&x->t);
	run_free(x->r);
}

/* The checks of the header comment, for one run. */
/* Returns how many of the scenario's processes it compared. */
static int64_t check_against_metrics(const struct traced *x, const char *what)
{
	const struct plot_trace *t = &x->t;
	struct proc_metrics *m;
	int64_t n = sim_proc_metrics(x->r->sim, &m);
	int64_t switch_cost = sim_sched_params(x->r->sim)->switch_cost;
	int64_t run_total = 0, rows = 0;
	for (int i = 0; i < t->nrows; i++) {
		const struct plot_row *row = &t->rows[i];
		if (row->builtin)
			continue;
		rows++;
		const struct proc_metrics *pm = NULL;
		for (int64_t k = 0; k < n; k++)
			if (m[k].pid == row->pid && m[k].arrival == row->spawn)
				pm = &m[k];
		ck_assert_msg(pm != NULL, "%s: PID %d has a row but no metrics", what, row->pid);
		int64_t at = row->spawn, sum[PS_COUNT] = {0};
		for (int s = 0; s < row->nspans; s++) {
			const struct plot_span *sp = &row->spans[s];
			ck_assert_msg(sp->from == at && sp->to > sp->from, "%s: PID %d: span %d is [%lld, %lld), expected from %lld",
				      what, row->pid, s, (long long)sp->from, (long long)sp->to, (long long)at);
			sum[sp->state] += sp->to - sp->from;
			at = sp->to;
		}
		ck_assert_msg(at == row->end, "%s: PID %d: spans end at %lld, its life at %lld", what, row->pid, (long long)at,
			      (long long)row->end);
		ck_assert_msg(row->reaped == (pm->reap >= 0), "%s: PID %d reaped?", what, row->pid);
		if (row->reaped)
			ck_assert_int_eq(row->end, pm->reap);
		int64_t life = row->end - row->spawn, total = 0;
		for (int s = 0; s < PS_COUNT; s++)
			total += sum[s];
		ck_assert_int_eq(total, life);
		/* a row is the process's main thread: its own CPU time */
		int64_t own = pm->cpu - pm->thread_cpu;
		if (switch_cost == 0)
			ck_assert_msg(sum[PS_RUN] == own, "%s: PID %d (%s): running %lld, CPU time %lld", what, row->pid,
				      row->name, (long long)sum[PS_RUN], (long long)own);
		else
			ck_assert(sum[PS_RUN] >= own);
		ck_assert_msg(sum[PS_READY] == pm->wait, "%s: PID %d (%s): runnable %lld, waiting %lld", what, row->pid,
			      row->name, (long long)sum[PS_READY], (long long)pm->wait);
		ck_assert_msg(sum[PS_SLEEP_S] + sum[PS_SLEEP_D] == pm->sleep, "%s: PID %d (%s): S+D %lld, sleep %lld", what,
			      row->pid, row->name, (long long)(sum[PS_SLEEP_S] + sum[PS_SLEEP_D]), (long long)pm->sleep);
		ck_assert_msg(sum[PS_STOPPED] == pm->stopped, "%s: PID %d (%s): T %lld, stopped %lld", what, row->pid,
			      row->name, (long long)sum[PS_STOPPED], (long long)pm->stopped);
		if (pm->exit >= 0)
			ck_assert_msg(sum[PS_ZOMBIE] == row->end - pm->exit, "%s: PID %d: Z %lld, exit at %lld, end %lld", what,
				      row->pid, (long long)sum[PS_ZOMBIE], (long long)pm->exit, (long long)row->end);
		else
			ck_assert_int_eq(sum[PS_ZOMBIE], 0);
		/* its threads run in its CPU strips: the ended ones', and a living
		 * process's live ones too */
		int64_t threads = pm->thread_cpu;
		struct proc_info pi;
		if (pm->reap < 0 && snapshot_proc(x->r->sim, row->pid, &pi) && pi.tgid == row->pid)
			threads = pi.threads_cpu_ticks;
		run_total += sum[PS_RUN] + threads;
	}
	/* CPU strips: no overlap on a CPU; the scenario's processes' spans add
	 * up to their running time; switch ticks to the CPUs' system time. */
	int64_t strip = 0, sw = 0;
	for (int c = 0; c < t->ncpus; c++) {
		int64_t last = 0;
		for (int i = 0; i < t->ncpu_spans[c]; i++) {
			const struct plot_cpu_span *sp = &t->cpu_spans[c][i];
			ck_assert_msg(sp->from >= last && sp->to >= sp->from, "%s: CPU%d span %d overlaps", what, c, i);
			last = sp->to;
			if (!t->rows[sp->row].builtin)
				strip += sp->to - sp->from;
			sw += sp->switch_ticks;
		}
	}
	ck_assert_msg(strip == run_total, "%s: CPU strips %lld, running spans %lld", what, (long long)strip,
		      (long long)run_total);
	struct sys_metrics sys;
	sim_sys_metrics(x->r->sim, &sys);
	/* system time is the switches' and the system calls' (cost.h: a
	 * process paying them runs, in its span) */
	if (switch_cost == 0)
		ck_assert_msg(sw == 0, "%s: switch ticks drawn %lld without a switch cost", what, (long long)sw);
	else
		ck_assert_msg(sw <= sys.total.system, "%s: switch ticks drawn %lld, system time %lld", what, (long long)sw,
			      (long long)sys.total.system);
	free(m);
	return rows;
}

/* xmllint --noout on the SVG; false when xmllint is not installed. */
static bool xmllint_ok(const struct plot_trace *t, bool *ran)
{
	*ran = system("command -v xmllint >/dev/null 2>&1") == 0;
	char path[] = "/tmp/procsim-test-plot-XXXXXX";
	int fd = mkstemp(path);
	ck_assert(fd >= 0);
	FILE *f = fdopen(fd, "w");
	plot_timeline_svg(f, t);
	fclose(f);
	bool ok = true;
	if (*ran) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
		ok = system(cmd) == 0;
	}
	remove(path);
	return ok;
}

/* Returns how many of the scenario's processes it compared. */
static int64_t check_source(const char *src, const struct sim_options *opt, const char *what)
{
	struct traced x;
	trace(&x, src, opt);
	int64_t rows = check_against_metrics(&x, what);
	bool ran;
	ck_assert_msg(xmllint_ok(&x.t, &ran), "%s: xmllint rejects the SVG", what);
	untrace(&x);
	return rows;
}

/* Every transition the kernel has: fork, compute, sleep, disk I/O, Ctrl+Z
 * (stop) and bg (cont), SIGKILL to a stopped process, an orphan, a zombie,
 * autoreap, a handler, pause, a failed fork, several CPUs. */
static const char *const sources[] = {
	"cpus 2\nquantum 2\n"
	"program worker(n)\n    compute {n} ticks\n    io 3t\n    compute 2t\n    sleep 2t\n"
	"program child\n    sleep 5t\n"
	"program orphan_maker\n    fork child\n    compute 1t\n"
	"main \"python3 主.py\"\n    start worker(3) as a\n    start worker(5)\n    fork orphan_maker\n"
	"    compute 4t\n    sleep 10t\n    join a\n"
	"at 2 ctrl-z\nat 4 bg\n",

	"program looper\n    loop\n        compute 2t\n        sleep 1t\n"
	"main\n    start looper as l\n    sleep 3t\n    kill -STOP l\n    sleep 3t\n    kill -KILL l\n    join l\n",

	"program quick\n    print \"bye\"\n"
	"main\n    ignore CHLD\n    fork quick\n    fork quick\n    compute 3t\n    wait\n",

	"program waiter\n    on TERM\n        print \"term\"\n        exit 3\n    pause\n"
	"main\n    fork waiter as w\n    compute 2t\n    kill -TERM w\n    wait w\n    kill -TERM w\n",

	"pid_max 8\nprogram z\n    exit 1\n"
	"main\n    fork z\n    fork z\n    fork z\n    fork z\n    fork z\n    compute 2t\n    reap\n    fork z\n",

	"switch_cost 1\ncpus 2\nquantum 2\n"
	"program c(n)\n    compute {n} ticks\n"
	"main\n    start c(5)\n    start c(3)\n    start c(4)\n    sleep 1t\n    start c(2)\n",

	"limit 7\nprogram forever\n    loop\n        compute 1t\n"
	"main\n    start forever\n    start forever\n",
};

START_TEST(spans_match_the_kernel_accounting)
{
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		char what[32];
		snprintf(what, sizeof what, "source %zu", i);
		ck_assert_msg(check_source(sources[i], NULL, what) > 0, "%s: no process compared", what);
	}
}
END_TEST

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

START_TEST(spans_match_on_random_workloads)
{
	static const char *const policies[] = {"rr", "fifo", "sjf", "stcf", "prio", "mlfq", "cfs", "cyclic", "multi", "lottery"};
	for (unsigned long long seed = 1; seed <= 40; seed++) {
		rng_state = seed * 104729;
		char src[4096];
		size_t n = (size_t)snprintf(src, sizeof src, "cpus %u\nquantum %u\nswitch_cost %u\n", 1 + rnd(3), 1 + rnd(4),
					    rnd(3) == 0 ? 1 : 0);
		int k = 2 + (int)rnd(12);
		for (int i = 0; i < k; i++) {
			n += (size_t)snprintf(src + n, sizeof src - n, "job J%d arrives %u, runs %u", i, rnd(40), 1 + rnd(30));
			if (rnd(2) == 0)
				n += (size_t)snprintf(src + n, sizeof src - n, ", io %u every %u", 1 + rnd(5), 1 + rnd(6));
			n += (size_t)snprintf(src + n, sizeof src - n, ", nice %d\n", (int)rnd(9) - 4);
		}
		struct sim_options o = {.policy = policies[seed % (sizeof policies / sizeof policies[0])]};
		char what[64];
		snprintf(what, sizeof what, "seed %llu (%s)", seed, o.policy);
		ck_assert_msg(check_source(src, &o, what) > 0, "%s: no process compared", what);
	}
}
END_TEST

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

START_TEST(spans_match_for_every_example_scenario)
{
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	if (!root) {
		fprintf(stderr, "PROCSIM_SOURCE_ROOT not set: the example scenarios are not checked\n");
		return;
	}
	static const char *const dirs[] = {"scenarios/*.psim", "scenarios/join/*.psim", "scenarios/textbook/*.psim"};
	int files = 0;
	for (int d = 0; d < 3; d++) {
		char pattern[1024];
		snprintf(pattern, sizeof pattern, "%s/%s", root, dirs[d]);
		glob_t g;
		if (glob(pattern, 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			char *src = slurp(g.gl_pathv[i]);
			ck_assert_ptr_nonnull(src);
			ck_assert_msg(check_source(src, NULL, g.gl_pathv[i]) > 0, "%s: no process compared", g.gl_pathv[i]);
			struct sim_options two = {.cpus = 2};
			ck_assert_msg(check_source(src, &two, g.gl_pathv[i]) > 0, "%s: no process compared", g.gl_pathv[i]);
			free(src);
			files++;
		}
		globfree(&g);
	}
	ck_assert_msg(files >= 20, "only %d scenario files found under %s", files, root);
}
END_TEST

START_TEST(svg_escapes_names_and_titles)
{
	struct traced x;
	trace(&x,
	      "title \"<a & b> \\\"quoted\\\" 'x'\"\n"
	      "program c\n    compute 2t\n"
	      "main\n    start c named \"<&>\\\"'\"\n    start c named \"\\t控制\"\n",
	      NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	plot_timeline_svg(f, &x.t);
	fclose(f);
	ck_assert(strstr(buf, "&lt;a &amp; b&gt; &quot;quoted&quot; &apos;x&apos;") != NULL);
	ck_assert(strstr(buf, "&lt;&amp;&gt;&quot;&apos;") != NULL);
	ck_assert(strstr(buf, " 控制") != NULL);  /* the tab became a space */
	ck_assert(strchr(buf, '\t') == NULL);
	ck_assert(strstr(buf, "Noto Sans CJK SC") != NULL && strstr(buf, "WenQuanYi Micro Hei") != NULL);
	ck_assert(strstr(buf, "<?xml") == buf);
	ck_assert(strstr(buf, "xlink:href") == NULL && strstr(buf, "<image") == NULL); /* self-contained */
	free(buf);
	bool ran;
	ck_assert(xmllint_ok(&x.t, &ran));
	if (!ran)
		fprintf(stderr, "xmllint not installed: well-formedness not checked\n");
	untrace(&x);
}
END_TEST

START_TEST(marks_for_fork_exit_reap_reparent_and_signals)
{
	struct traced x;
	trace(&x,
	      "program child\n    sleep 5t\n"
	      "program father\n    fork child\n"
	      "main\n    fork father as f\n    sleep 2t\n    kill -TERM f\n    wait f\n    sleep 10t\n",
	      NULL);
	int forks = 0, exits = 0, reaps = 0, reparents = 0, signals = 0;
	for (int i = 0; i < x.t.nrows; i++) {
		const struct plot_row *r = &x.t.rows[i];
		if (r->builtin)
			continue;
		for (int k = 0; k < r->nmarks; k++) {
			switch (r->marks[k].kind) {
			case PM_FORK: forks++; break;
			case PM_EXIT: exits++; break;
			case PM_REAP: reaps++; break;
			case PM_REPARENT:
				reparents++;
				ck_assert_str_eq(r->name, "child");
				ck_assert_int_eq(r->marks[k].other, 1);
				break;
			case PM_SIGNAL: signals++; break;
			default: break;
			}
		}
	}
	ck_assert_int_eq(forks, 3);
	ck_assert_int_eq(exits, 3);
	ck_assert_int_eq(reaps, 3);
	ck_assert_int_eq(reparents, 1);
	ck_assert_int_eq(signals, 1); /* TERM to the zombie father: no effect */
	untrace(&x);
}
END_TEST

static char *svg_of(const struct plot_trace *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	plot_timeline_svg(f, t);
	fclose(f);
	return buf;
}

/* The dispatches as the log narrates them ("CPU1 runs PID 4"), beside the trace. */
struct dispatch { int64_t t; int cpu, pid; };
struct dispatches {
	struct plot_trace *t;
	struct dispatch d[512];
	int n;
};

static void dispatch_sink(void *ctx, const struct sim_event *ev)
{
	struct dispatches *x = ctx;
	if (ev->kind == EV_DISPATCH && x->n < 512)
		x->d[x->n++] = (struct dispatch){ev->t, ev->cpu, ev->pid};
	plot_trace_event(x->t, ev);
}

/* Issue 11, item 8.1: at t=10 of the demo PID 4 runs on CPU1, prints and
 * exits at the same instant; the log says "CPU1 runs PID 4", and the strip
 * showed nothing (a span of no length was dropped). Every dispatch of the
 * log now has its span on its CPU's strip. */
START_TEST(every_dispatch_of_the_log_is_on_the_cpu_strip)
{
	struct run *r = run_new_opts(demo_scenario, NULL);
	static struct dispatches x;
	struct plot_trace t;
	memset(&x, 0, sizeof x);
	ck_assert(plot_trace_init(&t, r->sim));
	x.t = &t;
	sim_set_sink(r->sim, dispatch_sink, &x);
	sim_run(r->sim, -1);
	plot_trace_finish(&t, r->sim);
	ck_assert(x.n > 0 && x.n < 512);
	for (int i = 0; i < x.n; i++) {
		int c = x.d[i].cpu;
		bool found = false;
		for (int k = 0; k < t.ncpu_spans[c] && !found; k++)
			found = t.cpu_spans[c][k].from == x.d[i].t && t.rows[t.cpu_spans[c][k].row].pid == x.d[i].pid;
		ck_assert_msg(found, "t=%lld CPU%d runs PID %d: not on the strip", (long long)x.d[i].t, c, x.d[i].pid);
	}
	bool pid4 = false;
	for (int k = 0; k < t.ncpu_spans[1]; k++) {
		const struct plot_cpu_span *sp = &t.cpu_spans[1][k];
		pid4 |= sp->from == 10 && sp->to == 10 && t.rows[sp->row].pid == 4;
	}
	ck_assert(pid4);
	char *svg = svg_of(&t);
	ck_assert(strstr(svg, "ran for no time") != NULL); /* the legend says what the thin bars are */
	free(svg);
	plot_trace_free(&t);
	run_free(r);
}
END_TEST


/* A job workload counts in ticks (`job A arrives 0, runs 30`); its axis said
 * 0.0s, 1.0s... (issue 11, item 8). A scenario with programs keeps seconds. */
START_TEST(job_workload_axis_counts_ticks)
{
	struct traced x;
	trace(&x, "tick 100ms\npolicy fifo\njob A arrives 0, runs 30\njob B arrives 5, runs 20\n", NULL);
	ck_assert(x.t.tick_axis);
	char *buf = svg_of(&x.t);
	ck_assert_msg(strstr(buf, ">ticks (the run ends at t=50)<") != NULL, "no ticks caption");
	ck_assert(strstr(buf, ">10<") != NULL);
	ck_assert(strstr(buf, ">1.0s<") == NULL);
	free(buf);
	untrace(&x);

	trace(&x, "tick 100ms\nprogram c\n    compute 30t\nmain\n    start c\n", NULL);
	ck_assert(!x.t.tick_axis);
	buf = svg_of(&x.t);
	ck_assert(strstr(buf, ">1.0s<") != NULL);
	ck_assert(strstr(buf, ">ticks (") == NULL);
	free(buf);
	untrace(&x);
}
END_TEST

/* ---- several runs, windows and the left column, read back from the SVG -------- */

/* noinline: inlined, GCC 12 takes the result for a pointer to the local
 * `buf` and warns of a dangling pointer (-Wdangling-pointer). */
__attribute__((noinline)) static char *svg_panels(const struct plot_panel *p, int n, struct plot_window w)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	plot_timelines_svg(f, NULL, p, n, w);
	fclose(f);
	return buf;
}

/* The number in attribute `name` of the element that starts at `el`. */
static double attr(const char *el, const char *name)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *end = strchr(el, '>');
	const char *a = strstr(el, key);
	ck_assert_msg(a && a < end, "no %s in %.80s", name, el);
	return strtod(a + strlen(key), NULL);
}

/* The time axis: x where it starts and where it ends. */
static void axis_of(const char *svg, double *x1, double *x2)
{
	const char *a = strstr(svg, "class=\"axis\"");
	ck_assert_ptr_nonnull(a);
	while (a > svg && *a != '<')
		a--;
	*x1 = attr(a, "x1");
	*x2 = attr(a, "x2");
}

/* The k-th panel's text, up to the next panel (a copy). */
static char *panel_of(const char *svg, int k)
{
	const char *p = svg;
	for (int i = 0; i <= k; i++) {
		p = strstr(p, "<g class=\"panel\">");
		ck_assert_msg(p != NULL, "no panel %d", k);
		p++;
	}
	const char *e = strstr(p, "</g>");
	ck_assert_ptr_nonnull(e);
	return strndup(p, (size_t)(e - p));
}

/* The leftmost start and rightmost end of the process rows' bars. */
static void span_extent(const char *panel, double *lo, double *hi)
{
	*lo = 1e9;
	*hi = -1;
	for (const char *r = strstr(panel, "<rect "); r; r = strstr(r + 1, "<rect ")) {
		const char *end = strchr(r, '>');
		const char *c = strstr(r, "class=\"span\"");
		if (!c || c > end)
			continue;
		double x = attr(r, "x"), w = attr(r, "width");
		*lo = x < *lo ? x : *lo;
		*hi = x + w > *hi ? x + w : *hi;
	}
}

static const char three_s[] = "title \"three\"\ntick 100ms\nprogram c\n    compute 3s\nmain\n    start c\n";
static const char six_s[] = "title \"six\"\ntick 100ms\nprogram c\n    compute 6s\nmain\n    start c\n";

/* Issue 11, item 2: each picture stretched to its own run, so a 6 s run and
 * a 3 s run looked the same length on a slide. On one axis the 3 s run ends
 * half way, greyed after its end. */
START_TEST(runs_share_one_time_axis)
{
	struct traced a, b;
	trace(&a, three_s, NULL);
	trace(&b, six_s, NULL);
	ck_assert_int_eq(plot_trace_end_us(&a.t), 3000000);
	ck_assert_int_eq(plot_trace_end_us(&b.t), 6000000);
	struct plot_panel p[2] = {{&a.t, NULL}, {&b.t, NULL}};
	char *svg = svg_panels(p, 2, (struct plot_window){0, 0});
	double x1, x2, lo, hi;
	axis_of(svg, &x1, &x2);
	char *first = panel_of(svg, 0), *second = panel_of(svg, 1);
	span_extent(first, &lo, &hi);
	ck_assert_double_eq_tol(lo, x1, 0.01);
	ck_assert_double_eq_tol(hi, x1 + (x2 - x1) / 2, 0.01);
	span_extent(second, &lo, &hi);
	ck_assert_double_eq_tol(hi, x2, 0.01);
	/* the end of the shorter run is marked, the longer one's is the axis' */
	const char *end = strstr(first, "class=\"run-end\"");
	ck_assert_ptr_nonnull(end);
	while (*end != '<')
		end--;
	ck_assert_double_eq_tol(attr(end, "x1"), x1 + (x2 - x1) / 2, 0.01);
	ck_assert(strstr(first, ">the run ends at 3.0s<") != NULL);
	ck_assert(strstr(second, "run-end") == NULL);
	ck_assert(strstr(svg, ">three<") && strstr(svg, ">six<"));
	ck_assert(strstr(svg, "the longest run ends at 6.0s") != NULL);
	free(first);
	free(second);
	bool ran;
	ck_assert(xmllint_ok(&a.t, &ran));
	free(svg);
	untrace(&a);
	untrace(&b);
}
END_TEST

/* --from 1s --to 2.5s: the axis starts at 1.0s, every bar is cut to the
 * window, and the bars that cross its edges end exactly on them. */
START_TEST(window_clips_bars_at_its_edges)
{
	struct traced x;
	trace(&x, "tick 100ms\nquantum 3\nprogram c\n    compute 2s\nmain\n    start c\n    start c\n", NULL);
	struct plot_panel p = {&x.t, NULL};
	char *svg = svg_panels(&p, 1, (struct plot_window){1000000, 2500000});
	double x1, x2, lo, hi;
	axis_of(svg, &x1, &x2);
	char *panel = panel_of(svg, 0);
	span_extent(panel, &lo, &hi);
	ck_assert_double_eq_tol(lo, x1, 0.01);
	ck_assert_double_eq_tol(hi, x2, 0.01);
	ck_assert(strstr(svg, ">1.0s<") != NULL);
	ck_assert(strstr(svg, ">0.0s<") == NULL && strstr(svg, ">3.0s<") == NULL);
	ck_assert(strstr(svg, "time from 1.0s to 2.5s") != NULL);
	/* every bar inside the window */
	for (const char *r = strstr(panel, "<rect "); r; r = strstr(r + 1, "<rect ")) {
		if (!strstr(r, "class=\"span\"") || strstr(r, "class=\"span\"") > strchr(r, '>'))
			continue;
		ck_assert(attr(r, "x") >= x1 - 0.01 && attr(r, "x") + attr(r, "width") <= x2 + 0.01);
		ck_assert(attr(r, "width") > 0);
	}
	free(panel);
	free(svg);
	untrace(&x);
}
END_TEST

/* The names' column is as wide as the longest name of every panel (a long
 * Chinese one here): the chart starts after it, and no name reaches it. */
START_TEST(left_column_fits_the_longest_name)
{
	static const char *const longest = "一个名字很长的进程 worker";
	struct traced a, b;
	trace(&a, "program c\n    compute 2t\nmain\n    start c named \"w\"\n", NULL);
	char src[512];
	snprintf(src, sizeof src, "program c\n    compute 4t\nmain\n    start c named \"%s\"\n", longest);
	trace(&b, src, NULL);
	struct plot_panel p[2] = {{&a.t, NULL}, {&b.t, NULL}};
	char *svg = svg_panels(p, 2, (struct plot_window){0, 0});
	double x1, x2;
	axis_of(svg, &x1, &x2);
	double pid_w = svg_text_width("3", 20);
	ck_assert_double_eq_tol(x1, 30 + pid_w + 14 + svg_text_width(longest, 20) + 20, 0.01);
	int names = 0;
	for (const char *t = strstr(svg, "class=\"name\">"); t; t = strstr(t + 1, "class=\"name\">")) {
		const char *text = strchr(t, '>') + 1;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(strchr(text, '<') - text), text);
		const char *el = t;
		while (*el != '<')
			el--;
		ck_assert_msg(attr(el, "x") + svg_text_width(name, 20) <= x1 - 20 + 0.01, "%s runs into the chart", name);
		names++;
	}
	ck_assert_int_eq(names, 4); /* main and its child, twice */
	free(svg);
	untrace(&a);
	untrace(&b);
}
END_TEST

static int count_of(const char *s, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	for (size_t i = 0; s[i]; i++)
		n += strncmp(s + i, needle, len) == 0;
	return n;
}

/* The shared objects' lanes (issue 11, item 2): one per queue, lock and
 * pipe end; a mark per put, get, send and receive; a bar per time a lock was
 * held; the lane names fit in the left column. */
START_TEST(shared_objects_have_lanes_with_their_traffic)
{
	static const char src[] =
		"queue jobs_to_do\nlock l\npipe a, b\n"
		"program producer\n    repeat 3 as i\n        put jobs_to_do i\n        sleep 2t\n    put jobs_to_do \"STOP\"\n"
		"program consumer\n    loop\n        sleep 3t\n        get jobs_to_do as x\n        if x == \"STOP\"\n            break\n"
		"        with l\n            compute 1t\n"
		"program talker\n    send b \"hi\"\n"
		"main\n    start producer()\n    start consumer()\n    start talker()\n    recv a as m\n";
	struct traced x;
	trace(&x, src, NULL);
	ck_assert_int_eq(x.t.ipc.nlanes, 4); /* the queue, the lock, and each end of the pipe */
	char *svg = svg_of(&x.t);
	ck_assert_int_eq(count_of(svg, "class=\"ipc-lane\""), 4);
	/* 4 puts and 4 gets, 1 send and 1 receive */
	ck_assert_int_eq(count_of(svg, "class=\"ipc-mark\""), 10);
	ck_assert_int_eq(count_of(svg, "class=\"lock-held\""), 3);
	/* each item from its put to its get, where the two are apart */
	ck_assert_int_ge(count_of(svg, "class=\"ipc-arrow\""), 1);
	ck_assert_int_le(count_of(svg, "class=\"ipc-arrow\""), 4);
	ck_assert_ptr_nonnull(strstr(svg, ">queue jobs_to_do<"));
	ck_assert_ptr_nonnull(strstr(svg, ">lock l<"));
	ck_assert_ptr_nonnull(strstr(svg, "PID 4 put STOP")); /* the value, in the tooltip */
	double x1, x2;
	axis_of(svg, &x1, &x2);
	ck_assert(x1 >= 30 + svg_text_width("queue jobs_to_do", 20) + 12);
	bool ran;
	ck_assert(xmllint_ok(&x.t, &ran));
	free(svg);
	untrace(&x);
}
END_TEST

Suite *plot_suite(void);
Suite *plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *tc = tcase_create("trace");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, spans_match_the_kernel_accounting);
	tcase_add_test(tc, spans_match_on_random_workloads);
	tcase_add_test(tc, spans_match_for_every_example_scenario);
	tcase_add_test(tc, marks_for_fork_exit_reap_reparent_and_signals);
	tcase_add_test(tc, every_dispatch_of_the_log_is_on_the_cpu_strip);
	suite_add_tcase(s, tc);
	TCase *svg = tcase_create("svg");
	tcase_add_test(svg, svg_escapes_names_and_titles);
	tcase_add_test(svg, job_workload_axis_counts_ticks);
	tcase_add_test(svg, runs_share_one_time_axis);
	tcase_add_test(svg, window_clips_bars_at_its_edges);
	tcase_add_test(svg, left_column_fits_the_longest_name);
	tcase_add_test(svg, shared_objects_have_lanes_with_their_traffic);
	suite_add_tcase(s, svg);
	return s;
}

TEST_MAIN(plot_suite)
