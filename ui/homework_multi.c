/* homework_multi.c: `procsim homework multi`, OSTEP's
 * cpu-sched-multi/multi.py: jobs of a run time and a working set on several
 * CPUs, one central queue or one queue per CPU, caches that warm up.
 *
 * What is here: the tool's options and help, its workload drawn from a seed
 * (CPython's random, as the tool draws it), the job list and the affinity
 * read with the tool's checks and words, and the queues the jobs start in:
 * the question, byte for byte. The answers (-c) and the traces (-t, -T,
 * -C) are measured on the kernel, under its policy multi
 * (homework_multi_run.c), never worked out here; where the tool would act
 * on its bug (stealing against the job's record, not its affinity) or fail
 * (stealing with one CPU), the run finds it and refuses with a message. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "homework_int.h"
#include "i18n.h"
#include "homework_multi_run.h"
#include "pyrandom.h"

/* procsim's machine has at most 64 CPUs (the `cpus` setting). */
#define MULTI_MAX_CPUS 64
/* A guard against a runaway, far above any exercise. */
#define MULTI_MAX_JOBS 1000000
/* The kernel's bounds of the quantum and the warm rate */
#define MULTI_MAX_QUANTUM 1000000
/* What the answers run on the kernel at most */
#define MULTI_MAX_RUN_JOBS 1000
#define MULTI_MAX_TICKS 1000000

struct multi_hw {
	long long seed, job_num, max_run, max_wset, num_cpus, quantum, peek, warmup, warm_rate, cache_size;
	const char *job_list, *affinity;
	bool per_cpu, rand_order, trace, trace_time_left, trace_cache, trace_sched, solve;
};

static const struct hw_option multi_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct multi_hw, seed), "the random seed"},
	{'j', "job_num", "JOB_NUM", HW_INT, offsetof(struct multi_hw, job_num), "number of jobs in the system"},
	{'R', "max_run", "MAX_RUN", HW_INT, offsetof(struct multi_hw, max_run), "max run time of random-gen jobs"},
	{'W', "max_wset", "MAX_WSET", HW_INT, offsetof(struct multi_hw, max_wset), "max working set of random-gen jobs"},
	{'L', "job_list", "JOB_LIST", HW_STRING, offsetof(struct multi_hw, job_list),
	 "provide a comma-separated list of job_name:run_time:working_set_size (e.g., a:10:100,b:10:50 means 2 jobs "
	 "with run-times of 10, the first (a) with working set size=100, second (b) with working set size=50)"},
	{'p', "per_cpu_queues", NULL, HW_FLAG, offsetof(struct multi_hw, per_cpu), "per-CPU scheduling queues (not one)"},
	{'A', "affinity", "AFFINITY", HW_STRING, offsetof(struct multi_hw, affinity),
	 "a list of jobs and which CPUs they can run on (e.g., a:0.1.2,b:0.1 allows job a to run on CPUs 0,1,2 but b "
	 "only on CPUs 0 and 1"},
	{'n', "num_cpus", "NUM_CPUS", HW_INT, offsetof(struct multi_hw, num_cpus), "number of CPUs"},
	{'q', "quantum", "TIME_SLICE", HW_INT, offsetof(struct multi_hw, quantum), "length of time slice"},
	{'P', "peek_interval", "PEEK_INTERVAL", HW_INT, offsetof(struct multi_hw, peek),
	 "for per-cpu scheduling, how often to peek at other schedule queue; 0 turns this off"},
	{'w', "warmup_time", "WARMUP_TIME", HW_INT, offsetof(struct multi_hw, warmup), "time it takes to warm cache"},
	{'r', "warm_rate", "WARM_RATE", HW_INT, offsetof(struct multi_hw, warm_rate), "how much faster to run with warm cache"},
	{'M', "cache_size", "CACHE_SIZE", HW_INT, offsetof(struct multi_hw, cache_size), "cache size"},
	{'o', "rand_order", NULL, HW_FLAG, offsetof(struct multi_hw, rand_order), "has CPUs get jobs in random order"},
	{'t', "trace", NULL, HW_FLAG, offsetof(struct multi_hw, trace), "enable basic tracing (show which jobs got scheduled)"},
	{'T', "trace_time_left", NULL, HW_FLAG, offsetof(struct multi_hw, trace_time_left), "trace time left for each job"},
	{'C', "trace_cache", NULL, HW_FLAG, offsetof(struct multi_hw, trace_cache), "trace cache status (warm/cold) too"},
	{'S', "trace_sched", NULL, HW_FLAG, offsetof(struct multi_hw, trace_sched), "trace scheduler state"},
	{'c', "compute", NULL, HW_FLAG, offsetof(struct multi_hw, solve), "compute answers for me"},
};

struct mjobs {
	struct multi_job *j;
	int n;
};

static void free_jobs(struct mjobs *js)
{
	for (int i = 0; i < js->n; i++) {
		free(js->j[i].name);
		free(js->j[i].affinity);
	}
	free(js->j);
}

/* int() of a Python str: blanks around, a sign, digits with single '_'
 * between them. */
static bool py_int(const char *s, size_t n, long long *v)
{
	char buf[64];
	size_t k = 0;
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_' && i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9')
			continue;
		if (k + 1 == sizeof buf)
			return false;
		buf[k++] = s[i];
	}
	buf[k] = '\0';
	if (k == 0 || !strchr("+-0123456789", buf[0]) || (k == 1 && !strchr("0123456789", buf[0])))
		return false;
	char *end;
	errno = 0;
	*v = strtoll(buf, &end, 10);
	return *end == '\0' && errno == 0;
}

/* repr() of a Python str, as a list prints it: 'a', or "it's". */
static void py_repr(FILE *out, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	fputc(q, out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == (unsigned char)q)
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc(q, out);
}

/* A Python list of the names of jobs q[0..n), those with cpu_of[i] == cpu
 * when cpu_of is given. */
static void print_queue(FILE *out, const struct mjobs *js, const int *q, int n, const int *cpu_of, int cpu)
{
	bool any = false;
	fputc('[', out);
	for (int i = 0; i < n; i++) {
		if (cpu_of && cpu_of[i] != cpu)
			continue;
		if (any)
			fputs(", ", out);
		py_repr(out, js->j[q[i]].name);
		any = true;
	}
	fputc(']', out);
}

/* The tool's words for a mistake in its input, then procsim's message. */
static int refuse(FILE *out, const char *tool_words, const char *ours)
{
	if (tool_words)
		fprintf(out, "%s\n", tool_words);
	fprintf(stderr, "procsim homework multi: %s\n", ours);
	return EXIT_USAGE;
}

/* The jobs: drawn as the tool draws them (run time and working set, each
 * int(random() * max / 10.0) * 10, after random.seed(seed)), or read from
 * -L; each printed as it is read, as the tool does. */
static int read_jobs(FILE *out, const struct multi_hw *o, struct mjobs *js)
{
	char *list = NULL;
	const char *spec = o->job_list;
	if (!spec[0] && o->job_num > 0) {
		struct pyrandom r;
		pyrandom_seed(&r, o->seed);
		size_t cap = (size_t)o->job_num * 64 + 1, used = 0;
		if (!(list = malloc(cap)))
			return EXIT_SCENARIO;
		for (long long j = 0; j < o->job_num; j++) {
			long long run = (long long)(pyrandom_random(&r) * (double)o->max_run / 10.0) * 10;
			long long ws = (long long)(pyrandom_random(&r) * (double)o->max_wset / 10.0) * 10;
			used += (size_t)snprintf(list + used, cap - used, "%s%lld:%lld:%lld", j ? "," : "", j, run, ws);
		}
		spec = list;
	}
	int cap = 1;
	for (const char *p = spec; *p; p++)
		cap += *p == ',';
	js->j = calloc((size_t)cap, sizeof *js->j);
	js->n = 0;
	int rc = js->j ? EXIT_OK : EXIT_SCENARIO;
	for (const char *p = spec; !rc;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *c1 = memchr(p, ':', len), *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - p)) : NULL;
		if (!c2 || memchr(c2 + 1, ':', len - (size_t)(c2 + 1 - p))) {
			char words[256];
			snprintf(words, sizeof words, "bad job description [%.*s]: needs triple of name:runtime:working_set_size",
				 (int)(len > 150 ? 150 : len), p);
			rc = refuse(out, words, _("-L: each job is NAME:RUN_TIME:WORKING_SET"));
			break;
		}
		struct multi_job *j = &js->j[js->n];
		if (!py_int(c1 + 1, (size_t)(c2 - c1 - 1), &j->run_time) ||
		    !py_int(c2 + 1, len - (size_t)(c2 + 1 - p), &j->wset)) {
			rc = refuse(out, NULL, _("-L: a run time or a working set is not a whole number"));
			break;
		}
		if (!(j->name = malloc((size_t)(c1 - p) + 1))) {
			rc = EXIT_SCENARIO;
			break;
		}
		memcpy(j->name, p, (size_t)(c1 - p));
		j->name[c1 - p] = '\0';
		js->n++;
		fprintf(out, "Job name:%s run_time:%lld working_set_size:%lld\n", j->name, j->run_time, j->wset);
		for (int i = 0; i < js->n - 1; i++)
			if (strcmp(js->j[i].name, j->name) == 0) {
				char words[256];
				snprintf(words, sizeof words, "repeated job name %.200s", j->name);
				rc = refuse(out, words, _("-L: two jobs have the same name"));
			}
		if (!comma)
			break;
		p = comma + 1;
	}
	free(list);
	if (!rc)
		fputc('\n', out);
	return rc;
}

static int find_job(const struct mjobs *js, const char *name, size_t n)
{
	for (int i = 0; i < js->n; i++)
		if (strlen(js->j[i].name) == n && memcmp(js->j[i].name, name, n) == 0)
			return i;
	return -1;
}

/* -A: JOB:CPU.CPU..., comma-separated, with the tool's checks in its order. */
static int read_affinity(FILE *out, const struct multi_hw *o, struct mjobs *js)
{
	char words[512];
	if (!o->affinity[0])
		return EXIT_OK;
	for (const char *p = o->affinity;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *colon = memchr(p, ':', len);
		if (!colon || memchr(colon + 1, ':', len - (size_t)(colon + 1 - p))) {
			snprintf(words, sizeof words, "bad affinity spec %.400s", o->affinity);
			return refuse(out, words, _("-A: each entry is JOB:CPU.CPU..."));
		}
		int k = find_job(js, p, (size_t)(colon - p));
		if (k < 0) {
			snprintf(words, sizeof words, "job name %.*s in affinity list does not exist", (int)(colon - p > 200 ? 200 : colon - p), p);
			return refuse(out, words, _("-A names a job that is not in the list"));
		}
		struct multi_job *j = &js->j[k];
		for (const char *c = colon + 1;;) {
			const char *dot = memchr(c, '.', len - (size_t)(c - p));
			size_t clen = dot ? (size_t)(dot - c) : len - (size_t)(c - p);
			long long cpu;
			if (!py_int(c, clen, &cpu))
				return refuse(out, NULL, _("-A: a CPU is not a whole number"));
			int *a = realloc(j->affinity, sizeof *a * (size_t)(j->naffinity + 1));
			if (!a)
				return EXIT_SCENARIO;
			j->affinity = a;
			j->affinity[j->naffinity++] = (int)cpu;
			if (cpu < 0 || cpu >= o->num_cpus) {
				snprintf(words, sizeof words, "bad cpu %lld specified in affinity %.400s", cpu, o->affinity);
				return refuse(out, words, _("-A: a CPU is not one of the machine's"));
			}
			if (!dot)
				break;
			c = dot + 1;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	return EXIT_OK;
}

static bool may_run_on(const struct multi_job *j, int cpu)
{
	if (j->naffinity == 0)
		return true;
	for (int i = 0; i < j->naffinity; i++)
		if (j->affinity[i] == cpu)
			return true;
	return false;
}

/* The queues the jobs start in: the central one, or, with -p, one per CPU
 * dealt round the CPUs, each CPU taking the first job left that may run
 * on it. */
static int print_queues(FILE *out, const struct multi_hw *o, const struct mjobs *js)
{
	int n = js->n, ncpu = (int)o->num_cpus;
	int *seq = malloc(sizeof *seq * (size_t)(n + 1)), *cpu_of = malloc(sizeof *cpu_of * (size_t)(n + 1));
	int *left = malloc(sizeof *left * (size_t)(n + 1));
	if (!seq || !cpu_of || !left) {
		free(seq);
		free(cpu_of);
		free(left);
		return EXIT_SCENARIO;
	}
	for (int i = 0; i < n; i++)
		seq[i] = left[i] = i;
	if (!o->per_cpu) {
		fputs("Scheduler central queue: ", out);
		print_queue(out, js, seq, n, NULL, 0);
		fputs("\n\n", out);
	} else {
		int first = 0, nassigned = 0; /* left[first..n) are the jobs not assigned yet */
		while (first < n)
			for (int cpu = 0; cpu < ncpu; cpu++)
				for (int i = first; i < n; i++)
					if (may_run_on(&js->j[left[i]], cpu)) {
						seq[nassigned] = left[i];
						cpu_of[nassigned++] = cpu;
						memmove(&left[first + 1], &left[first], sizeof *left * (size_t)(i - first));
						first++;
						break;
					}
		for (int cpu = 0; cpu < ncpu; cpu++) {
			fprintf(out, "Scheduler CPU %d queue: ", cpu);
			print_queue(out, js, seq, n, cpu_of, cpu);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	free(seq);
	free(cpu_of);
	free(left);
	return EXIT_OK;
}

/* The answers and the traces, measured on the kernel, where procsim can
 * give the tool's. */
static int answer(FILE *out, const struct multi_hw *o, const struct mjobs *js)
{
	long long ticks = 0;
	bool negative = o->peek < 0 || o->warmup < 0 || o->cache_size < 0;
	for (int i = 0; i < js->n; i++) {
		ticks += js->j[i].run_time > 0 ? js->j[i].run_time : 1;
		negative |= js->j[i].wset < 0;
	}
	const char *why = NULL;
	if (negative)
		why = _("procsim homework multi: the answers need -P, -w, -M and the working sets at least 0");
	else if (o->quantum > MULTI_MAX_QUANTUM || o->warm_rate > MULTI_MAX_QUANTUM)
		why = _("procsim homework multi: the answers need -q and -r at most 1000000");
	else if (js->n > MULTI_MAX_RUN_JOBS || ticks > MULTI_MAX_TICKS)
		why = _("procsim homework multi: the answers take at most 1000 jobs and 1000000 ticks of run time in all");
	if (why) {
		fprintf(stderr, "%s\n", why);
		return EXIT_USAGE;
	}
	struct multi_machine m = {o->num_cpus, o->quantum, o->peek, o->warmup, o->warm_rate, o->cache_size, o->seed,
				  o->job_list[0] ? 0 : 2 * o->job_num, o->per_cpu, o->rand_order};
	/* -T, -C and -S trace too, in the tool */
	struct multi_show show = {o->trace || o->trace_time_left || o->trace_cache || o->trace_sched, o->trace_time_left,
				  o->trace_cache, o->trace_sched, o->solve};
	return homework_multi_run(out, &m, js->j, js->n, &show);
}

static void print_args(FILE *out, const struct multi_hw *o)
{
	fprintf(out, "ARG seed %lld\nARG job_num %lld\nARG max_run %lld\nARG max_wset %lld\n", o->seed, o->job_num,
		o->max_run, o->max_wset);
	fprintf(out, "ARG job_list %s\nARG affinity %s\nARG per_cpu_queues %s\nARG num_cpus %lld\n", o->job_list,
		o->affinity, homework_bool(o->per_cpu), o->num_cpus);
	fprintf(out, "ARG quantum %lld\nARG peek_interval %lld\nARG warmup_time %lld\nARG cache_size %lld\n", o->quantum,
		o->peek, o->warmup, o->cache_size);
	fprintf(out, "ARG random_order %s\nARG trace %s\nARG trace_time %s\nARG trace_cache %s\nARG trace_sched %s\n",
		homework_bool(o->rand_order), homework_bool(o->trace), homework_bool(o->trace_time_left), homework_bool(o->trace_cache),
		homework_bool(o->trace_sched));
	fprintf(out, "ARG compute %s\n\n", homework_bool(o->solve));
}

int homework_multi(int argc, char **argv, FILE *out)
{
	struct multi_hw o = {.seed = 0, .job_num = 3, .max_run = 100, .max_wset = 200, .job_list = "", .affinity = "",
			     .num_cpus = 2, .quantum = 10, .peek = 30, .warmup = 10, .warm_rate = 2, .cache_size = 100};
	bool help = false;
	int nopts = (int)(sizeof multi_options / sizeof multi_options[0]);
	int rc = homework_parse_options("multi.py", multi_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, "multi.py", multi_options, nopts);
		return EXIT_OK;
	}
	/* the tool would loop for ever (no CPU, no progress) or divide by zero */
	if (o.num_cpus < 1 || o.num_cpus > MULTI_MAX_CPUS || o.quantum < 1 || o.warm_rate < 1) {
		fprintf(stderr, _("procsim homework multi: -n must be 1 to %d, -q and -r at least 1\n"), MULTI_MAX_CPUS);
		return EXIT_USAGE;
	}
	if (o.job_num > MULTI_MAX_JOBS || strlen(o.job_list) / 6 > MULTI_MAX_JOBS) {
		fprintf(stderr, _("procsim homework multi: at most %d jobs\n"), MULTI_MAX_JOBS);
		return EXIT_USAGE;
	}
	print_args(out, &o);
	struct mjobs js = {0};
	rc = read_jobs(out, &o, &js);
	if (!rc)
		rc = read_affinity(out, &o, &js);
	if (!rc)
		rc = print_queues(out, &o, &js);
	if (rc == EXIT_SCENARIO)
		fprintf(stderr, "%s\n", _("procsim homework multi: out of memory"));
	if (!rc && (o.solve || o.trace || o.trace_time_left || o.trace_cache || o.trace_sched))
		rc = answer(out, &o, &js);
	free_jobs(&js);
	return rc;
}
