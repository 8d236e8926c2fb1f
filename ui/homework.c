/* homework.c: see homework.h. One table of tools, and scheduler.py (the
 * others have a file each: homework_int.h). Each tool is its option table
 * (read as optparse reads it, homework_opt.c), its question and its
 * answers. scheduler.py's answers are measured: the workload becomes
 * `job` lines, runs on the kernel under the asked policy, and the execution
 * trace is read from the dispatch events, the numbers from the run's
 * metrics (stats.c), never computed by a formula here. */
#include "homework.h"
#include "homework_int.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_scenario.h"
#include "i18n.h"
#include "jobs.h"
#include "lang/program.h"
#include "pyrandom.h"
#include "stats.h"
#include "text.h"

/* ---- output through a buffer ---------------------------------------------------- */

/* Text written through a buffer, the numbers formatted by hand: the
 * answers of a big workload are half a million lines (RR q=1 on 10,000
 * jobs), and printf's %.2f was most of their cost. */
struct writer {
	FILE *out;
	size_t n;
	char buf[1 << 18];            /* 256 KiB: 91 writes for the 24 MB of 10,000 jobs */
};

static void w_flush(struct writer *w)
{
	fwrite(w->buf, 1, w->n, w->out);
	w->n = 0;
}

static void w_mem(struct writer *w, const char *s, size_t len)
{
	if (w->n + len > sizeof w->buf)
		w_flush(w);
	if (len > sizeof w->buf) { /* a -l list of a hundred thousand jobs */
		fwrite(s, 1, len, w->out);
		return;
	}
	memcpy(w->buf + w->n, s, len);
	w->n += len;
}

static void w_str(struct writer *w, const char *s) { w_mem(w, s, strlen(s)); }

__attribute__((format(printf, 2, 3)))
static void w_printf(struct writer *w, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	w_mem(w, line, len < 0 ? 0 : (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}

/* The decimal digits of 0 to 99, two by two: a number is written two
 * digits per division (half a million trace lines, each with three or four
 * numbers). */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				  "8081828384858687888990919293949596979899";

/* How many decimal digits v has: from its bits (log10(2) is about
 * 1233/4096), then one comparison. */
static int digits(unsigned long long v)
{
	static const unsigned long long pow10[20] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
		1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
		100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
		1000000000000000000ULL, 10000000000000000000ULL};
	v |= 1; /* 0 has a digit; no power of 10 is odd */
	int n = ((64 - __builtin_clzll(v)) * 1233) >> 12;
	return n + (n < 20 && v >= pow10[n]);
}

/* v as printf's %*lld (v >= 0, width at most 16) at b, where 36 bytes are
 * free; returns the end. The padding is one store of 16 spaces (a loop
 * would be a call to memset), the digits are written in place, from the
 * last, two at a time. */
static char *put_int(char *b, long long v, int width)
{
	unsigned long long u = (unsigned long long)v;
	int len = digits(u);
	if (len < width) {
		memcpy(b, "                ", 16);
		b += width - len;
	}
	char *end = b + len, *q = end;
	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		q -= 2;
		memcpy(q, &digit_pairs[2 * r], 2);
	}
	if (u >= 10)
		memcpy(q - 2, &digit_pairs[2 * u], 2);
	else
		q[-1] = (char)('0' + u);
	return end;
}

static void w_int(struct writer *w, long long v, int width)
{
	if (w->n + 64 > sizeof w->buf)
		w_flush(w);
	w->n = (size_t)(put_int(w->buf + w->n, v, width) - w->buf);
}

#define PUT(b, lit) (memcpy(b, lit, sizeof lit - 1), b + sizeof lit - 1)

/* A whole number of seconds as the tool prints it with %.2f (and %3.2f,
 * never narrower): "8.00". */
static void w_secs(struct writer *w, long long v)
{
	w_int(w, v, 0);
	w_mem(w, ".00", 3);
}

/* ---- running a workload on the kernel ------------------------------------------ */

/* The execution trace is read from the dispatch events as the kernel runs:
 * each stretch of a job on a CPU is handed to `line`, cut into time slices
 * under RR, in the order they happen, and written at once (the trace of a
 * big workload is never stored). */
struct trace {
	int64_t *since;     /* per job: dispatched at, -1: not on a CPU */
	int njobs;
	int *job_of;        /* per PID: 0 not known yet, -1 not a job, else 1 + its job */
	int pid_max;
	int *order;         /* the jobs whose first stretch ended, in that order */
	int norder;
	bool rr;
	long long quantum;
	void (*line)(void *ctx, int64_t t, int64_t ran, int job, bool done);
	void *ctx;
};

int homework_job_number(const char *name)
{
	if (!name || strncmp(name, "job", 3) != 0 || name[3] < '0' || name[3] > '9')
		return -1;
	long k = 0;
	for (const char *c = name + 3; *c; c++) {
		if (*c < '0' || *c > '9' || k > JOBS_MAX)
			return -1;
		k = k * 10 + (*c - '0');
	}
	return k <= JOBS_MAX ? (int)k : -1;
}

/* The job that PID is, or -1, from its name: once while it lives. */
__attribute__((noinline)) static int job_of_name(struct trace *tr, int pid, const char *name)
{
	int k = homework_job_number(name);
	tr->job_of[pid] = k >= 0 && k < tr->njobs ? k + 1 : -1;
	return k >= 0 && k < tr->njobs ? k : -1;
}

/* The job that PID is, or -1. */
static inline int job_of_pid(struct trace *tr, int pid, const char *name)
{
	if (pid <= 0 || pid >= tr->pid_max)
		return -1;
	int j = tr->job_of[pid];
	return j > 0 ? j - 1 : j < 0 ? -1 : job_of_name(tr, pid, name);
}

/* A stretch of job k from `start` to `end`: under RR one line per time
 * slice (a job left alone on the CPU runs on past its quantum in the kernel,
 * in one stretch; the tool prints each slice), else one line. */
static void stretch(struct trace *tr, int k, int64_t start, int64_t end, bool done)
{
	if (tr->norder < tr->njobs)
		tr->order[tr->norder++] = k;
	for (int64_t t = start; t < end;) {
		int64_t ran = tr->rr && end - t > tr->quantum ? tr->quantum : end - t;
		tr->line(tr->ctx, t, ran, k, done && t + ran == end);
		t += ran;
	}
}

/* A stretch of a job ends (a preemption, its exit, a sleep, a stop): its
 * lines are written. */
__attribute__((noinline)) static void stretch_end(struct trace *tr, const struct sim_event *e)
{
	int k = job_of_pid(tr, e->pid, e->name);
	if (e->kind == EV_EXIT && e->pid > 0 && e->pid < tr->pid_max)
		tr->job_of[e->pid] = 0; /* its PID may be given again */
	if (k < 0 || tr->since[k] < 0)
		return;
	stretch(tr, k, tr->since[k], e->t, e->kind == EV_EXIT);
	tr->since[k] = -1;
}

/* Two events a tick under RR q=1, a dispatch and a preemption: the
 * dispatch is a store, the rest a call (so that the dispatch saves no
 * registers). */
static void on_event(void *ctx, const struct sim_event *e)
{
	struct trace *tr = ctx;
	int k;
	switch (e->kind) {
	case EV_DISPATCH:
		if ((k = job_of_pid(tr, e->pid, e->name)) >= 0)
			tr->since[k] = e->t;
		return;
	case EV_PREEMPT:
	case EV_EXIT:
	case EV_SLEEP:
	case EV_STOP:
		stretch_end(tr, e);
		return;
	default:
		return;
	}
}

/* Runs jobs 0..n-1 of the given lengths, all arriving at 0, under policy,
 * the trace's lines written as they happen; fills the stats. Returns the
 * exit status. */
static int run_jobs(const long long *len, int n, const char *policy, struct trace *tr, struct stats *st)
{
	struct jobs j = {0};
	tr->since = malloc((size_t)n * sizeof *tr->since);
	tr->order = malloc((size_t)n * sizeof *tr->order);
	for (int i = 0; tr->since && i < n; i++) {
		tr->since[i] = -1;
		if (!jobs_add(&j, 0, len[i]))
			break;
	}
	tr->njobs = n;
	struct loaded L;
	int rc = tr->since && tr->order && j.n == n ? cmd_scenario_load_jobs(&j, NULL, &L) : EXIT_SCENARIO;
	jobs_free(&j);
	if (rc)
		return rc;
	tr->pid_max = L.sc->pid_max;
	tr->job_of = calloc((size_t)tr->pid_max, sizeof *tr->job_of);
	if (!tr->job_of) {
		cmd_scenario_free(&L);
		return EXIT_SCENARIO;
	}
	struct sim_options opt = {.policy = policy, .quantum = tr->quantum};
	struct sim *s = cmd_scenario_run(&L, &opt, on_event, tr, NULL, &rc);
	if (s) {
		if (!stats_collect(s, st))
			rc = EXIT_SCENARIO;
		sim_free(s);
	}
	cmd_scenario_free(&L);
	return rc;
}

static void trace_free(struct trace *tr)
{
	free(tr->since);
	free(tr->job_of);
	free(tr->order);
}

int homework_run_ticks(char *src, int64_t seed, int64_t skip_draws, sim_sink_fn *fn,
		       void (*each)(void *ctx, const struct sim *s, int64_t t), void *ctx, struct stats *st)
{
	struct loaded L;
	int rc = cmd_scenario_load_source("homework", src, &L);
	if (rc)
		return rc;
	/* As the `seed` setting does, but any int, as random.seed takes */
	L.sc->seed = L.sc->sched.seed = seed;
	L.sc->sched.skip_draws = skip_draws;
	struct sim_options opt = {.cpus = 1};
	struct sim *s = sim_new(L.sc, &opt);
	if (!s) {
		cmd_scenario_free(&L);
		return EXIT_SCENARIO;
	}
	sim_collect_metrics(s, true);
	if (fn)
		sim_set_sink(s, fn, ctx);
	for (int64_t t = 0;; t++) {
		enum sim_status status = sim_advance_to(s, t);
		each(ctx, s, t);
		if (status != SIM_RUNNING)
			break;
	}
	rc = cmd_scenario_report_end(&L, s);
	if (rc == EXIT_OK && !stats_collect(s, st))
		rc = EXIT_SCENARIO;
	sim_free(s);
	cmd_scenario_free(&L);
	return rc;
}

/* ---- scheduler.py (cpu-sched) ------------------------------------------------------ */

struct sched_hw {
	long long seed, jobs, maxlen, quantum;
	long long problems;           /* --problems N; -1: not given */
	const char *jlist, *policy;
	bool solve, json, markdown;
};

static const struct hw_option sched_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct sched_hw, seed), "the random seed"},
	{'j', "jobs", "JOBS", HW_INT, offsetof(struct sched_hw, jobs), "number of jobs in the system"},
	{'l', "jlist", "JLIST", HW_STRING, offsetof(struct sched_hw, jlist),
	 "instead of random jobs, provide a comma-separated list of run times"},
	{'m', "maxlen", "MAXLEN", HW_INT, offsetof(struct sched_hw, maxlen), "max length of job"},
	{'p', "policy", "POLICY", HW_STRING, offsetof(struct sched_hw, policy), "sched policy to use: SJF, FIFO, RR"},
	{'q', "quantum", "QUANTUM", HW_INT, offsetof(struct sched_hw, quantum), "length of time slice for RR policy"},
	{'c', NULL, NULL, HW_FLAG, offsetof(struct sched_hw, solve), "compute answers for me"},
	/* procsim's own: not in the tool's help, which stays the tool's */
	{0, "json", NULL, HW_FLAG, offsetof(struct sched_hw, json), NULL},
	{0, "markdown", NULL, HW_FLAG, offsetof(struct sched_hw, markdown), NULL},
	{0, "problems", "N", HW_INT, offsetof(struct sched_hw, problems), NULL},
};

#define SCHED_MAX_PROBLEMS 1000

/* The run times: drawn as scheduler.py draws them (int(maxlen *
 * random.random()) + 1, after random.seed(seed)), or from -l. procsim runs
 * whole ticks, so a -l time must be a whole number of at least 1. */
static long long *sched_workload(const struct sched_hw *o, long long seed, int *n)
{
	if (!o->jlist[0]) {
		if (o->jobs < 1 || o->jobs > JOBS_MAX || o->maxlen < 1) {
			fprintf(stderr, _("procsim homework: -j must be 1 to %d and -m at least 1\n"), JOBS_MAX);
			return NULL;
		}
		long long *len = malloc((size_t)o->jobs * sizeof *len);
		if (!len)
			return NULL;
		struct pyrandom r;
		pyrandom_seed(&r, seed);
		for (int i = 0; i < o->jobs; i++)
			len[i] = (long long)(o->maxlen * pyrandom_random(&r)) + 1;
		*n = (int)o->jobs;
		return len;
	}
	long long *len = malloc((strlen(o->jlist) / 2 + 1) * sizeof *len);
	if (!len)
		return NULL;
	*n = 0;
	for (const char *p = o->jlist;;) {
		char *end;
		double v = strtod(p, &end);
		if (end == p || v < 1 || v != (double)(long long)v || v > 1000000000 || *n == JOBS_MAX) {
			fprintf(stderr, _("procsim homework: -l %s: procsim runs whole ticks: give 1 to %d run times, whole numbers of at least 1\n"),
				o->jlist, JOBS_MAX);
			free(len);
			return NULL;
		}
		len[(*n)++] = (long long)v;
		if (*end == '\0')
			break;
		if (*end != ',') {
			fprintf(stderr, _("procsim homework: -l %s: a comma-separated list of run times\n"), o->jlist);
			free(len);
			return NULL;
		}
		p = end + 1;
	}
	return len;
}

/* One problem of a set: its workload, and where its answers go. */
struct problem {
	const struct sched_hw *o;
	struct writer *w;
	long long seed;               /* the seed it is drawn from: -s, plus k - 1 for problem k */
	int index, count;             /* k of --problems N; count 0: one problem, no --problems */
	const long long *len;
	int n;
	bool rr;
	long long lines;              /* trace lines written */
};

/* The command that asks this problem alone, of scheduler.py or of procsim
 * homework: "scheduler.py -s 6 -j 3 -m 10 -p RR -q 1". */
static void sched_command(struct writer *w, const struct problem *pb)
{
	const struct sched_hw *o = pb->o;
	if (o->jlist[0]) {
		w_str(w, "scheduler.py -l ");
		w_str(w, o->jlist);
	} else
		w_printf(w, "scheduler.py -s %lld -j %lld -m %lld", pb->seed, o->jobs, o->maxlen);
	w_str(w, " -p ");
	w_str(w, o->policy);
	if (pb->rr)
		w_printf(w, " -q %lld", o->quantum);
}

/* Each output format is a row of hooks, called in this order: question;
 * then without -c ask, with -c trace_begin, a line per time slice as the
 * kernel runs, and answers. */
struct sched_format {
	void (*question)(struct problem *pb);
	void (*ask)(struct problem *pb);
	void (*trace_begin)(struct problem *pb);
	void (*line)(void *pb, int64_t t, int64_t ran, int job, bool done);
	void (*answers)(struct problem *pb, const int *job, const struct proc_metrics *const *m, int n);
};

static void averages(const struct proc_metrics *const *m, int n, double *r, double *t, double *w)
{
	double sum_r = 0, sum_t = 0, sum_w = 0;
	for (int i = 0; i < n; i++) {
		sum_r += (double)m[i]->response;
		sum_t += (double)m[i]->turnaround;
		sum_w += (double)m[i]->wait;
	}
	*r = sum_r / n;
	*t = sum_t / n;
	*w = sum_w / n;
}

/* -- the tool's own text -- */

static void text_question(struct problem *pb)
{
	struct writer *w = pb->w;
	const struct sched_hw *o = pb->o;
	if (pb->count) {
		w_printf(w, "=== Problem %d of %d: ", pb->index, pb->count);
		sched_command(w, pb);
		w_str(w, " ===\n\n");
	}
	w_str(w, "ARG policy ");
	w_str(w, o->policy);
	w_str(w, "\n");
	if (!o->jlist[0])
		w_printf(w, "ARG jobs %lld\nARG maxlen %lld\nARG seed %lld\n", o->jobs, o->maxlen, pb->seed);
	else {
		w_str(w, "ARG jlist ");
		w_str(w, o->jlist);
		w_str(w, "\n");
	}
	w_str(w, "\nHere is the job list, with the run time of each job: \n");
	for (int i = 0; i < pb->n; i++) {
		w_str(w, "  Job ");
		w_int(w, i, 0);
		w_str(w, " ( length = ");
		w_int(w, pb->len[i], 0);
		w_str(w, o->jlist[0] ? ".0 )\n" : " )\n"); /* -l lengths are Python floats: "8.0" */
	}
	w_str(w, "\n\n");
}

static void text_ask(struct problem *pb)
{
	w_str(pb->w, "Compute the turnaround time, response time, and wait time for each job.\n"
		     "When you are done, run this program again, with the same arguments,\n"
		     "but with -c, which will thus provide you with the answers. You can use\n"
		     "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
		     "to generate different problems for yourself.\n\n");
}

static void text_trace_begin(struct problem *pb) { w_str(pb->w, "Execution trace:\n"); }

/* The hot line (half a million of them for RR q=1 on 10,000 jobs): made
 * in place, a hundred bytes at most. */
static void text_line(void *ctx, int64_t t, int64_t ran, int job, bool done)
{
	struct problem *pb = ctx;
	struct writer *w = pb->w;
	if (w->n + 160 > sizeof w->buf)
		w_flush(w);
	char *b = w->buf + w->n;
	b = PUT(b, "  [ time ");
	b = put_int(b, t, 3);
	b = PUT(b, " ] Run job ");
	b = put_int(b, job, pb->rr ? 3 : 0);
	b = PUT(b, " for ");
	if (ran < 10)
		*b++ = (char)('0' + ran);
	else
		b = put_int(b, ran, 0);
	b = PUT(b, ".00 secs");
	if (done || !pb->rr) {
		b = PUT(b, " ( DONE at ");
		b = put_int(b, t + ran, 0);
		b = PUT(b, ".00 )");
	}
	*b++ = '\n';
	w->n = (size_t)(b - w->buf);
}

static void text_answers(struct problem *pb, const int *job, const struct proc_metrics *const *m, int n)
{
	struct writer *w = pb->w;
	w_str(w, "\nFinal statistics:\n");
	for (int i = 0; i < n; i++) {
		w_str(w, "  Job ");
		w_int(w, job[i], 3);
		w_str(w, " -- Response: ");
		w_secs(w, m[i]->response);
		w_str(w, "  Turnaround ");
		w_secs(w, m[i]->turnaround);
		w_str(w, "  Wait ");
		w_secs(w, m[i]->wait);
		w_str(w, "\n");
	}
	double r, t, wt;
	averages(m, n, &r, &t, &wt);
	w_printf(w, "\n  Average -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n\n", r, t, wt);
}

/* -- --json: one object a line, one per problem -- */

static void json_question(struct problem *pb)
{
	struct writer *w = pb->w;
	const struct sched_hw *o = pb->o;
	w_str(w, "{\"tool\":\"scheduler.py\",");
	if (pb->count)
		w_printf(w, "\"problem\":%d,", pb->index);
	w_str(w, "\"policy\":");
	char *policy = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&policy, &size);
	if (f) {
		text_json_string(f, o->policy);
		fclose(f);
		w_mem(w, policy, size);
		free(policy);
	}
	w_printf(w, ",\"quantum\":%lld,", o->quantum);
	if (!o->jlist[0])
		w_printf(w, "\"seed\":%lld,\"maxlen\":%lld,", pb->seed, o->maxlen);
	w_str(w, "\"jobs\":[");
	for (int i = 0; i < pb->n; i++) {
		w_str(w, i ? ",{\"job\":" : "{\"job\":");
		w_int(w, i, 0);
		w_str(w, ",\"length\":");
		w_int(w, pb->len[i], 0);
		w_str(w, "}");
	}
	w_str(w, "]");
}

static void json_ask(struct problem *pb) { w_str(pb->w, "}\n"); }

static void json_trace_begin(struct problem *pb) { w_str(pb->w, ",\"trace\":["); }

static void json_line(void *ctx, int64_t t, int64_t ran, int job, bool done)
{
	struct problem *pb = ctx;
	struct writer *w = pb->w;
	w_str(w, pb->lines++ ? ",{\"time\":" : "{\"time\":");
	w_int(w, t, 0);
	w_str(w, ",\"job\":");
	w_int(w, job, 0);
	w_str(w, ",\"ran\":");
	w_int(w, ran, 0);
	w_str(w, done ? ",\"done\":true}" : ",\"done\":false}");
}

static void json_answers(struct problem *pb, const int *job, const struct proc_metrics *const *m, int n)
{
	struct writer *w = pb->w;
	w_str(w, "],\"jobs_answers\":[");
	for (int i = 0; i < n; i++) {
		w_str(w, i ? ",{\"job\":" : "{\"job\":");
		w_int(w, job[i], 0);
		w_str(w, ",\"response\":");
		w_int(w, m[i]->response, 0);
		w_str(w, ",\"turnaround\":");
		w_int(w, m[i]->turnaround, 0);
		w_str(w, ",\"wait\":");
		w_int(w, m[i]->wait, 0);
		w_str(w, "}");
	}
	double r, t, wt;
	averages(m, n, &r, &t, &wt);
	w_printf(w, "],\"average\":{\"response\":%.2f,\"turnaround\":%.2f,\"wait\":%.2f}}\n", r, t, wt);
}

/* -- --markdown: a section per problem, tables for the jobs and answers -- */

static void md_question(struct problem *pb)
{
	struct writer *w = pb->w;
	if (pb->count)
		w_printf(w, "## Problem %d: `", pb->index);
	else
		w_str(w, "## `");
	sched_command(w, pb);
	w_str(w, "`\n\n| Job | Length |\n|----:|-------:|\n");
	for (int i = 0; i < pb->n; i++) {
		w_str(w, "| ");
		w_int(w, i, 0);
		w_str(w, " | ");
		w_int(w, pb->len[i], 0);
		w_str(w, " |\n");
	}
	w_str(w, "\nCompute the turnaround time, response time, and wait time for each job.\n\n");
}

static void md_ask(struct problem *pb) { (void)pb; }

static void md_trace_begin(struct problem *pb)
{
	w_str(pb->w, "### Answers\n\nExecution trace:\n\n| Time | Job | Ran | Done at |\n|-----:|----:|----:|--------:|\n");
}

static void md_line(void *ctx, int64_t t, int64_t ran, int job, bool done)
{
	struct problem *pb = ctx;
	struct writer *w = pb->w;
	w_str(w, "| ");
	w_int(w, t, 0);
	w_str(w, " | ");
	w_int(w, job, 0);
	w_str(w, " | ");
	w_int(w, ran, 0);
	w_str(w, " | ");
	if (done || !pb->rr)
		w_int(w, t + ran, 0);
	w_str(w, " |\n");
}

static void md_answers(struct problem *pb, const int *job, const struct proc_metrics *const *m, int n)
{
	struct writer *w = pb->w;
	w_str(w, "\n| Job | Response | Turnaround | Wait |\n|----:|---------:|-----------:|-----:|\n");
	for (int i = 0; i < n; i++) {
		w_str(w, "| ");
		w_int(w, job[i], 0);
		w_str(w, " | ");
		w_int(w, m[i]->response, 0);
		w_str(w, " | ");
		w_int(w, m[i]->turnaround, 0);
		w_str(w, " | ");
		w_int(w, m[i]->wait, 0);
		w_str(w, " |\n");
	}
	double r, t, wt;
	averages(m, n, &r, &t, &wt);
	w_printf(w, "| Average | %.2f | %.2f | %.2f |\n\n", r, t, wt);
}

enum { HWF_TEXT, HWF_JSON, HWF_MARKDOWN, HWF_COUNT };
static const struct sched_format formats[] = {
	[HWF_TEXT] = {text_question, text_ask, text_trace_begin, text_line, text_answers},
	[HWF_JSON] = {json_question, json_ask, json_trace_begin, json_line, json_answers},
	[HWF_MARKDOWN] = {md_question, md_ask, md_trace_begin, md_line, md_answers},
};
_Static_assert(sizeof formats / sizeof formats[0] == HWF_COUNT, "one row per format");

/* The jobs' measured times, in the order the tool lists them: FIFO and SJF
 * in the order they ran, RR by number. Returns how many it found. */
static int sched_stats(const struct trace *tr, const struct stats *st, int n, bool rr, int *job,
		       const struct proc_metrics **m)
{
	/* each job's record, looked up once: the first by arrival, as stats_find */
	const struct proc_metrics **of = calloc((size_t)n, sizeof *of);
	if (!of)
		return 0;
	for (int i = 0; i < st->nprocs; i++) {
		int j = homework_job_number(st->procs[i].name);
		if (j >= 0 && j < n && !of[j])
			of[j] = &st->procs[i];
	}
	int k = 0;
	for (int i = 0; i < n; i++) {
		int j = rr || i >= tr->norder ? i : tr->order[i];
		if ((m[k] = of[j]))
			job[k++] = j;
	}
	free(of);
	return k;
}

/* One problem: the question, and with -c the answers from a run of the
 * kernel. Returns the exit status. */
static int sched_problem(const struct sched_hw *o, const struct sched_format *fmt, struct writer *w, int index)
{
	struct problem pb = {.o = o, .w = w, .index = index, .count = o->problems > 0 ? (int)o->problems : 0};
	pb.seed = o->seed + (index - 1); /* problem k is scheduler.py -s SEED+k-1 */
	static const struct { const char *tool, *procsim; } policies[] = {{"FIFO", "fifo"}, {"SJF", "sjf"}, {"RR", "rr"}};
	const char *policy = NULL;
	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++)
		if (strcmp(o->policy, policies[i].tool) == 0)
			policy = policies[i].procsim;
	pb.rr = policy && strcmp(policy, "rr") == 0;
	long long *len = sched_workload(o, pb.seed, &pb.n);
	if (!len)
		return EXIT_USAGE;
	pb.len = len;
	fmt->question(&pb);
	if (!o->solve) {
		fmt->ask(&pb);
		free(len);
		return EXIT_OK;
	}
	if (fmt == &formats[HWF_TEXT])
		w_str(w, "** Solutions **\n\n");
	if (!policy || o->quantum < 1) {
		/* the tool's own words, then procsim's usage error */
		if (fmt == &formats[HWF_TEXT])
			w_printf(w, "Error: Policy %s is not available.\n", o->policy);
		w_flush(w);
		fprintf(stderr, _("procsim homework: scheduler.py knows the policies FIFO, SJF and RR, with a quantum of at least 1\n"));
		free(len);
		return EXIT_USAGE;
	}
	fmt->trace_begin(&pb);
	struct trace tr = {.rr = pb.rr, .quantum = o->quantum, .line = fmt->line, .ctx = &pb};
	struct stats st = {0};
	int rc = run_jobs(len, pb.n, policy, &tr, &st);
	int *job = malloc(sizeof *job * (size_t)pb.n);
	const struct proc_metrics **m = malloc(sizeof *m * (size_t)pb.n);
	if (rc == EXIT_OK && (!job || !m))
		rc = EXIT_SCENARIO;
	if (rc == EXIT_OK)
		fmt->answers(&pb, job, m, sched_stats(&tr, &st, pb.n, pb.rr, job, m));
	free(job);
	free(m);
	stats_free(&st);
	trace_free(&tr);
	free(len);
	return rc;
}

static int sched_main(int argc, char **argv, FILE *out)
{
	struct sched_hw o = {.seed = 0, .jobs = 3, .maxlen = 10, .quantum = 1, .jlist = "", .policy = "FIFO",
			     .problems = -1};
	bool help = false;
	int nopts = (int)(sizeof sched_options / sizeof sched_options[0]);
	int rc = homework_parse_options("scheduler.py", sched_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, "scheduler.py", sched_options, nopts);
		return EXIT_OK;
	}
	if (o.json && o.markdown)
		return cmd_usage_error("%s", _("homework: give --json or --markdown, not both"));
	if (o.problems != -1 && (o.problems < 1 || o.problems > SCHED_MAX_PROBLEMS))
		return cmd_usage_error(_("homework: --problems must be 1 to %d"), SCHED_MAX_PROBLEMS);
	if (o.problems > 0 && o.jlist[0])
		return cmd_usage_error("%s", _("homework: --problems draws each problem from its own seed (-s, -s+1, ...): give -j and -m, not -l"));
	if (o.problems > 1 && o.seed > LLONG_MAX - (o.problems - 1)) /* -s takes any 64-bit seed */
		return cmd_usage_error(_("homework: --problems %lld from -s %lld would pass the largest seed, %lld"), o.problems,
				       o.seed, LLONG_MAX);
	const struct sched_format *fmt = &formats[o.json ? HWF_JSON : o.markdown ? HWF_MARKDOWN : HWF_TEXT];
	struct writer *w = malloc(sizeof *w);
	if (!w)
		return EXIT_SCENARIO;
	w->out = out;
	w->n = 0;
	for (int k = 1; k <= (o.problems > 0 ? o.problems : 1) && rc == EXIT_OK; k++)
		rc = sched_problem(&o, fmt, w, k);
	w_flush(w);
	free(w);
	return rc;
}

/* ---- the tools ---------------------------------------------------------------------- */

static const struct {
	const char *name, *file;
	int (*main)(int argc, char **argv, FILE *out);
} tools[] = {
	{"scheduler", "scheduler.py", sched_main},
	{"process-run", "process-run.py", homework_process_run},
	{"fork", "fork.py", homework_fork},
	{"multi", "multi.py", homework_multi},
	{"lottery", "lottery.py", homework_lottery},
	{"mlfq", "mlfq.py", homework_mlfq},
};

int homework_main(int argc, char **argv, FILE *out)
{
	for (size_t i = 0; argc > 0 && i < sizeof tools / sizeof tools[0]; i++)
		if (strcmp(argv[0], tools[i].name) == 0 || strcmp(argv[0], tools[i].file) == 0)
			return tools[i].main(argc, argv, out);
	return cmd_usage_error(_("homework: give a tool: %s (the OSTEP homework simulator of the same name)"),
			       "scheduler, process-run, fork, multi, lottery, mlfq");
}
