/* homework.c: see homework.h. One table of tools; each tool is its option
 * table (as optparse reads it: -s 3, -s3, --seed=3, --seed 3), its
 * question and its answers. The answers are measured: the workload becomes
 * `job` lines, runs on the kernel under the asked policy, and the execution
 * trace is read from the dispatch events, the numbers from the run's
 * metrics (stats.c), never computed by a formula here. */
#include "homework.h"
#include "homework_int.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_scenario.h"
#include "i18n.h"
#include "lang/program.h"
#include "pyrandom.h"
#include "stats.h"
#include "text.h"

/* ---- options, as optparse reads them ------------------------------------------ */

static void *field(void *base, const struct hw_option *o) { return (char *)base + o->offset; }

static const struct hw_option *find_short(const struct hw_option *t, int n, char c)
{
	for (int i = 0; i < n; i++)
		if (c && t[i].short_name == c)
			return &t[i];
	return NULL;
}

static const struct hw_option *find_long(const struct hw_option *t, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++)
		if (t[i].long_name && strlen(t[i].long_name) == len && memcmp(t[i].long_name, s, len) == 0)
			return &t[i];
	return NULL;
}

static bool set_value(const char *tool, const struct hw_option *o, const char *value, void *base)
{
	if (o->kind == HW_STRING) {
		*(const char **)field(base, o) = value;
		return true;
	}
	char *end;
	errno = 0;
	long long v = strtoll(value, &end, 10);
	long long bound = o->kind == HW_SEED ? LLONG_MAX : 1000000000LL;
	if (*value == '\0' || *end != '\0' || errno == ERANGE || v < -bound || v > bound) {
		/* optparse's own words */
		fprintf(stderr, "Usage: %s [options]\n\n%s: error: option -%c: invalid integer value: '%s'\n", tool, tool,
			o->short_name, value);
		return false;
	}
	*(long long *)field(base, o) = v;
	return true;
}

int hw_parse_options(const char *tool, const struct hw_option *t, int n, int argc, char **argv, void *base,
			    bool *help)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct hw_option *o = NULL;
		const char *value = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			*help = true;
			return 0;
		}
		if (a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			o = find_long(t, n, a + 2, len);
			value = eq ? eq + 1 : NULL;
		} else if (a[0] == '-' && a[1]) {
			o = find_short(t, n, a[1]);
			value = a[2] ? a + 2 : NULL;
		}
		if (!o) {
			fprintf(stderr, "Usage: %s [options]\n\n%s: error: no such option: %s\n", tool, tool, a);
			return EXIT_USAGE;
		}
		if (o->kind == HW_FLAG) {
			*(bool *)field(base, o) = true;
			continue;
		}
		if (!value) {
			if (i + 1 >= argc) {
				fprintf(stderr, "Usage: %s [options]\n\n%s: error: -%c option requires 1 argument\n", tool, tool,
					o->short_name);
				return EXIT_USAGE;
			}
			value = argv[++i];
		}
		if (!set_value(tool, o, value, base))
			return EXIT_USAGE;
	}
	return 0;
}

void hw_print_help(FILE *out, const char *tool, const struct hw_option *t, int n)
{
	fprintf(out, "Usage: %s [options]\n\nOptions:\n  -h, --help            show this help message and exit\n", tool);
	for (int i = 0; i < n; i++) {
		char head[96];
		if (!t[i].help) /* procsim's own options: the help is the tool's */
			continue;
		if (t[i].metavar)
			snprintf(head, sizeof head, "-%c %s, --%s=%s", t[i].short_name, t[i].metavar, t[i].long_name,
				 t[i].metavar);
		else if (t[i].long_name)
			snprintf(head, sizeof head, "-%c, --%s", t[i].short_name, t[i].long_name);
		else
			snprintf(head, sizeof head, "-%c", t[i].short_name);
		fprintf(out, "  %s", head);
		int col = 2 + (int)strlen(head);
		if (col > 22) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, "%*s", 24 - col, "");
		/* wrap the help at 78 columns, at spaces (optparse: $COLUMNS
		 * or 80, less 2; the tools are recorded with neither set) */
		const char *h = t[i].help;
		col = 24;
		while (*h) {
			const char *sp = strchr(h, ' ');
			size_t w = sp ? (size_t)(sp - h) : strlen(h);
			if (col > 24 && col + 1 + (int)w > 78) {
				fprintf(out, "\n%24s", "");
				col = 24;
			} else if (col > 24) {
				fputc(' ', out);
				col++;
			}
			fwrite(h, 1, w, out);
			col += (int)w;
			h += w;
			while (*h == ' ')
				h++;
		}
		fputc('\n', out);
	}
}

/* ---- running a workload on the kernel ------------------------------------------ */

/* One stretch of a job on the CPU, from the dispatch events. */
struct slice {
	int job;
	int64_t start, end;
	bool done;
};

struct trace {
	struct slice *s;
	int n, cap;
	int64_t *since;     /* per job: dispatched at, -1: not on a CPU */
	int njobs;
	bool oom;
};

int hw_job_number(const char *name)
{
	return name && strncmp(name, "job", 3) == 0 ? atoi(name + 3) : -1;
}

static void on_event(void *ctx, const struct sim_event *e)
{
	struct trace *tr = ctx;
	int k = hw_job_number(e->name);
	if (k < 0 || k >= tr->njobs)
		return;
	if (e->kind == EV_DISPATCH) {
		tr->since[k] = e->t;
		return;
	}
	bool ends = e->kind == EV_PREEMPT || e->kind == EV_EXIT || e->kind == EV_SLEEP || e->kind == EV_STOP;
	if (!ends || tr->since[k] < 0)
		return;
	if (tr->n == tr->cap) {
		int cap = tr->cap ? tr->cap * 2 : 64;
		struct slice *s = realloc(tr->s, (size_t)cap * sizeof *s);
		if (!s) {
			tr->oom = true;
			return;
		}
		tr->s = s;
		tr->cap = cap;
	}
	tr->s[tr->n++] = (struct slice){k, tr->since[k], e->t, e->kind == EV_EXIT};
	tr->since[k] = -1;
}

/* Runs jobs 0..n-1 of the given lengths, all arriving at 0, under policy;
 * fills the trace and the stats. Returns the exit status. */
static int run_jobs(const long long *len, int n, const char *policy, long long quantum, struct trace *tr,
		    struct stats *st)
{
	size_t cap = (size_t)n * 21 + 1;
	char *spec = malloc(cap);
	tr->since = malloc((size_t)n * sizeof *tr->since);
	if (!spec || !tr->since) {
		free(spec);
		return EXIT_SCENARIO;
	}
	size_t used = 0;
	for (int i = 0; i < n; i++) {
		used += (size_t)snprintf(spec + used, cap - used, "%s%lld", i ? "," : "", len[i]);
		tr->since[i] = -1;
	}
	tr->njobs = n;
	struct loaded L;
	int rc = cmd_scenario_load_jobs(spec, &L);
	free(spec);
	if (rc)
		return rc;
	struct sim_options opt = {.policy = policy, .quantum = quantum};
	struct sim *s = cmd_scenario_run(&L, &opt, on_event, tr, NULL, &rc);
	if (s) {
		if (!stats_collect(s, st) || tr->oom)
			rc = EXIT_SCENARIO;
		sim_free(s);
	}
	cmd_scenario_free(&L);
	return rc;
}

int hw_run_ticks(char *src, int64_t lottery_seed, int64_t lottery_skip, sim_sink_fn *fn,
		 void (*each)(void *ctx, const struct sim *s, int64_t t), void *ctx, struct stats *st)
{
	struct loaded L;
	int rc = cmd_scenario_load_source("homework", src, &L);
	if (rc)
		return rc;
	L.sc->sched.lottery_seed = lottery_seed; /* any int, as random.seed takes */
	L.sc->sched.lottery_skip = lottery_skip;
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
	const char *jlist, *policy;
	bool solve, json;
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
};

/* The run times: drawn as scheduler.py draws them (int(maxlen *
 * random.random()) + 1, after random.seed(seed)), or from -l. procsim runs
 * whole ticks, so a -l time must be a whole number of at least 1. */
static long long *sched_workload(const struct sched_hw *o, int *n)
{
	if (!o->jlist[0]) {
		if (o->jobs < 1 || o->jobs > STATS_MAX_JOBS || o->maxlen < 1) {
			fprintf(stderr, _("procsim homework: -j must be 1 to %d and -m at least 1\n"), STATS_MAX_JOBS);
			return NULL;
		}
		long long *len = malloc((size_t)o->jobs * sizeof *len);
		if (!len)
			return NULL;
		struct pyrandom r;
		pyrandom_seed(&r, o->seed);
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
		if (end == p || v < 1 || v != (double)(long long)v || v > 1000000000 || *n == STATS_MAX_JOBS) {
			fprintf(stderr, _("procsim homework: -l %s: procsim runs whole ticks: give 1 to %d run times, whole numbers of at least 1\n"),
				o->jlist, STATS_MAX_JOBS);
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

static void sched_question(FILE *out, const struct sched_hw *o, const long long *len, int n)
{
	fprintf(out, "ARG policy %s\n", o->policy);
	if (!o->jlist[0])
		fprintf(out, "ARG jobs %lld\nARG maxlen %lld\nARG seed %lld\n", o->jobs, o->maxlen, o->seed);
	else
		fprintf(out, "ARG jlist %s\n", o->jlist);
	fprintf(out, "\nHere is the job list, with the run time of each job: \n");
	for (int i = 0; i < n; i++) /* -l lengths are Python floats: "8.0" */
		fprintf(out, "  Job %d ( length = %lld%s )\n", i, len[i], o->jlist[0] ? ".0" : "");
	fprintf(out, "\n\n");
}

static void sched_ask(FILE *out)
{
	fprintf(out, "Compute the turnaround time, response time, and wait time for each job.\n"
		     "When you are done, run this program again, with the same arguments,\n"
		     "but with -c, which will thus provide you with the answers. You can use\n"
		     "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
		     "to generate different problems for yourself.\n\n");
}

/* One line of the execution trace. */
struct run_line {
	int64_t t, ran;
	int job;
	bool done;
};

/* The execution trace as scheduler.py prints it: under RR one line per time
 * slice (a job alone on the CPU runs on past its quantum in the kernel, in
 * one stretch; the tool prints each slice), under FIFO and SJF one per job.
 * Returns the lines (malloc'd; NULL when memory runs out), *n their count. */
static struct run_line *sched_lines(const struct trace *tr, bool rr, long long quantum, int *n)
{
	int cap = 16;
	struct run_line *l = malloc(sizeof *l * (size_t)cap);
	*n = 0;
	for (int i = 0; l && i < tr->n; i++) {
		const struct slice *s = &tr->s[i];
		for (int64_t t = s->start; l && t < s->end;) {
			int64_t ran = rr && s->end - t > quantum ? quantum : s->end - t;
			if (*n == cap) {
				struct run_line *m = realloc(l, sizeof *l * (size_t)(cap *= 2));
				if (!m)
					free(l);
				l = m;
				if (!l)
					break;
			}
			l[(*n)++] = (struct run_line){t, ran, s->job, s->done && t + ran == s->end};
			t += ran;
		}
	}
	return l;
}

/* The jobs' measured times, in the order the tool lists them: FIFO and SJF
 * in the order they ran, RR by number. Returns how many it found. */
static int sched_stats(const struct trace *tr, const struct stats *st, int n, bool rr, int *job,
		       const struct proc_metrics **m)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		int j = rr || i >= tr->n ? i : tr->s[i].job;
		char name[32];
		snprintf(name, sizeof name, "job%d", j);
		if ((m[k] = stats_find(st, name)))
			job[k++] = j;
	}
	return k;
}

static void sched_answers(FILE *out, const struct run_line *l, int nl, const int *job,
			  const struct proc_metrics *const *m, int n, bool rr)
{
	fprintf(out, "Execution trace:\n");
	for (int i = 0; i < nl; i++) {
		if (rr)
			fprintf(out, "  [ time %3lld ] Run job %3d for %.2f secs", (long long)l[i].t, l[i].job, (double)l[i].ran);
		else
			fprintf(out, "  [ time %3lld ] Run job %d for %.2f secs", (long long)l[i].t, l[i].job, (double)l[i].ran);
		if (l[i].done || !rr)
			fprintf(out, " ( DONE at %.2f )", (double)(l[i].t + l[i].ran));
		fputc('\n', out);
	}
	fprintf(out, "\nFinal statistics:\n");
	double sum_r = 0, sum_t = 0, sum_w = 0;
	for (int i = 0; i < n; i++) {
		double r = (double)m[i]->response, t = (double)m[i]->turnaround, w = (double)m[i]->wait;
		fprintf(out, "  Job %3d -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n", job[i], r, t, w);
		sum_r += r;
		sum_t += t;
		sum_w += w;
	}
	fprintf(out, "\n  Average -- Response: %3.2f  Turnaround %3.2f  Wait %3.2f\n\n", sum_r / n, sum_t / n, sum_w / n);
}

/* --json: the question, and with -c the answers, as one JSON object for
 * scripts that make problem sets (issue 9, item 3). Times are in ticks. */
static void sched_json(FILE *out, const struct sched_hw *o, const long long *len, int njobs, const struct run_line *l,
		       int nl, const int *job, const struct proc_metrics *const *m, int n)
{
	fprintf(out, "{\"tool\":\"scheduler.py\",\"policy\":");
	text_json_string(out, o->policy);
	fprintf(out, ",\"quantum\":%lld,", o->quantum);
	if (!o->jlist[0])
		fprintf(out, "\"seed\":%lld,\"maxlen\":%lld,", o->seed, o->maxlen);
	fprintf(out, "\"jobs\":[");
	for (int i = 0; i < njobs; i++)
		fprintf(out, "%s{\"job\":%d,\"length\":%lld}", i ? "," : "", i, len[i]);
	fputc(']', out);
	if (l) {
		fprintf(out, ",\"trace\":[");
		for (int i = 0; i < nl; i++)
			fprintf(out, "%s{\"time\":%lld,\"job\":%d,\"ran\":%lld,\"done\":%s}", i ? "," : "",
				(long long)l[i].t, l[i].job, (long long)l[i].ran, l[i].done ? "true" : "false");
		fprintf(out, "],\"jobs_answers\":[");
		double sum_r = 0, sum_t = 0, sum_w = 0;
		for (int i = 0; i < n; i++) {
			fprintf(out, "%s{\"job\":%d,\"response\":%lld,\"turnaround\":%lld,\"wait\":%lld}", i ? "," : "",
				job[i], (long long)m[i]->response, (long long)m[i]->turnaround, (long long)m[i]->wait);
			sum_r += (double)m[i]->response;
			sum_t += (double)m[i]->turnaround;
			sum_w += (double)m[i]->wait;
		}
		fprintf(out, "],\"average\":{\"response\":%.2f,\"turnaround\":%.2f,\"wait\":%.2f}", sum_r / n,
			sum_t / n, sum_w / n);
	}
	fprintf(out, "}\n");
}

static int sched_main(int argc, char **argv, FILE *out)
{
	struct sched_hw o = {.seed = 0, .jobs = 3, .maxlen = 10, .quantum = 1, .jlist = "", .policy = "FIFO"};
	bool help = false;
	int nopts = (int)(sizeof sched_options / sizeof sched_options[0]);
	int rc = hw_parse_options("scheduler.py", sched_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		hw_print_help(out, "scheduler.py", sched_options, nopts);
		return EXIT_OK;
	}
	int n;
	long long *len = sched_workload(&o, &n);
	if (!len)
		return EXIT_USAGE;
	static const struct { const char *tool, *procsim; } policies[] = {{"FIFO", "fifo"}, {"SJF", "sjf"}, {"RR", "rr"}};
	const char *policy = NULL;
	for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++)
		if (strcmp(o.policy, policies[i].tool) == 0)
			policy = policies[i].procsim;
	if (!o.json)
		sched_question(out, &o, len, n);
	if (!o.solve) {
		if (o.json)
			sched_json(out, &o, len, n, NULL, 0, NULL, NULL, 0);
		else
			sched_ask(out);
		free(len);
		return EXIT_OK;
	}
	if (!o.json)
		fprintf(out, "** Solutions **\n\n");
	if (!policy || o.quantum < 1) {
		/* the tool's own words, then procsim's usage error */
		if (!o.json)
			fprintf(out, "Error: Policy %s is not available.\n", o.policy);
		fprintf(stderr, _("procsim homework: scheduler.py knows the policies FIFO, SJF and RR, with a quantum of at least 1\n"));
		free(len);
		return EXIT_USAGE;
	}
	struct trace tr = {0};
	struct stats st = {0};
	bool rr = strcmp(policy, "rr") == 0;
	rc = run_jobs(len, n, policy, o.quantum, &tr, &st);
	int nl = 0, *job = malloc(sizeof *job * (size_t)n);
	const struct proc_metrics **m = malloc(sizeof *m * (size_t)n);
	struct run_line *l = rc == EXIT_OK ? sched_lines(&tr, rr, o.quantum, &nl) : NULL;
	if (rc == EXIT_OK && (!l || !job || !m))
		rc = EXIT_SCENARIO;
	if (rc == EXIT_OK) {
		int k = sched_stats(&tr, &st, n, rr, job, m);
		if (o.json)
			sched_json(out, &o, len, n, l, nl, job, m, k);
		else
			sched_answers(out, l, nl, job, m, k, rr);
	}
	free(l);
	free(job);
	free(m);
	stats_free(&st);
	free(tr.s);
	free(tr.since);
	free(len);
	return rc;
}

/* ---- the tools ---------------------------------------------------------------------- */

static const struct {
	const char *name, *file;
	int (*main)(int argc, char **argv, FILE *out);
} tools[] = {
	{"scheduler", "scheduler.py", sched_main},
	{"lottery", "lottery.py", hw_lottery_main},
	{"mlfq", "mlfq.py", hw_mlfq_main},
};

int homework_main(int argc, char **argv, FILE *out)
{
	for (size_t i = 0; argc > 0 && i < sizeof tools / sizeof tools[0]; i++)
		if (strcmp(argv[0], tools[i].name) == 0 || strcmp(argv[0], tools[i].file) == 0)
			return tools[i].main(argc, argv, out);
	return cmd_usage_error(_("homework: give a tool: %s (the OSTEP homework simulator of the same name)"),
			       "scheduler, lottery, mlfq");
}
