/* test_multi.c: the `multi` policy (sim/kernel/sched_multi.c) runs OSTEP's
 * multi.py workloads as the tool does. For each case of
 * tests/golden/homework/multi-kernel/cases.txt the tool's own output
 * (recorded by tests/truth/ostep-multi.sh with -c -t -T -C) gives the jobs;
 * the same jobs run on procsim's kernel, and every tick the job on each CPU
 * and each CPU's cache (warm or not, per job), each job's completion, the
 * finish time and the per-CPU stats must be the tool's. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyrandom.h"
#include "sched_multi.h"
#include "testlib.h"

#define MAX_JOBS 64
#define MAX_TICKS 4000
#define MAX_CPUS 8

/* multi.py's options, as the case gives them (its defaults otherwise). */
struct options {
	long long seed, jobs, max_run, max_wset, cpus, quantum, peek, warmup, rate, cache;
	bool per_cpu, random_order;
	char affinity[256];
};

/* What the tool printed. */
struct truth {
	int njobs;
	char name[MAX_JOBS][16];
	long long run_time[MAX_JOBS], wset[MAX_JOBS];
	int nticks;
	int on[MAX_TICKS][MAX_CPUS];          /* job index, -1 idle */
	char cache[MAX_TICKS][MAX_CPUS][MAX_JOBS + 1];
	long long done[MAX_JOBS];             /* completion: the tick after its time left reached 0 */
	long long finished;
	char stats[MAX_CPUS][80];             /* "  CPU 0  utilization ..." */
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strdup(buf);
}

static void parse_args(const char *args, struct options *o)
{
	*o = (struct options){.jobs = 3, .max_run = 100, .max_wset = 200, .cpus = 2, .quantum = 10, .peek = 30,
			      .warmup = 10, .rate = 2, .cache = 100};
	char copy[512];
	snprintf(copy, sizeof copy, "%s", args);
	for (char *save, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strcmp(w, "-p") == 0) { o->per_cpu = true; continue; }
		if (strcmp(w, "-o") == 0) { o->random_order = true; continue; }
		if (w[0] != '-' || strchr("ctTCS", w[1]))
			continue;
		char *v = strtok_r(NULL, " ", &save);
		ck_assert_ptr_nonnull(v);
		long long n = atoll(v);
		switch (w[1]) {
		case 's': o->seed = n; break;
		case 'j': o->jobs = n; break;
		case 'R': o->max_run = n; break;
		case 'W': o->max_wset = n; break;
		case 'n': o->cpus = n; break;
		case 'q': o->quantum = n; break;
		case 'P': o->peek = n; break;
		case 'w': o->warmup = n; break;
		case 'r': o->rate = n; break;
		case 'M': o->cache = n; break;
		case 'A': snprintf(o->affinity, sizeof o->affinity, "%s", v); break;
		case 'L': o->jobs = -1; break; /* the jobs are the printed ones; no draws */
		default: ck_abort_msg("option %s", w);
		}
	}
}

/* One CPU's column of a trace row: "NAME [ 12] cache[w w]     ". */
static const char *parse_column(const char *p, struct truth *t, int tick, int cpu)
{
	while (*p == ' ')
		p++;
	const char *end = strchr(p, ' ');
	ck_assert_ptr_nonnull(end);
	t->on[tick][cpu] = -1;
	for (int k = 0; k < t->njobs; k++)
		if (strlen(t->name[k]) == (size_t)(end - p) && strncmp(t->name[k], p, (size_t)(end - p)) == 0)
			t->on[tick][cpu] = k;
	ck_assert_msg(t->on[tick][cpu] >= 0 || (end - p == 1 && *p == '-'), "tick %d: %.10s", tick, p);
	p = strchr(end, ']') + 1;           /* -T: [%3d] */
	int k = t->on[tick][cpu];
	if (k >= 0 && strncmp(strchr(end, '[') + 1, "  0", 3) == 0 && t->done[k] < 0)
		t->done[k] = tick + 1;
	p = strstr(p, "cache[") + 6;         /* -C */
	memcpy(t->cache[tick][cpu], p, (size_t)t->njobs);
	t->cache[tick][cpu][t->njobs] = '\0';
	return p + t->njobs + 1;
}

static void parse_truth(char *out, int cpus, struct truth *t)
{
	memset(t, 0, sizeof *t);
	for (int k = 0; k < MAX_JOBS; k++)
		t->done[k] = -1;
	for (char *save, *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[16];
		long long rt, ws;
		int tick, cpu;
		if (sscanf(line, "Job name:%15[^ ] run_time:%lld working_set_size:%lld", name, &rt, &ws) == 3) {
			ck_assert_int_lt(t->njobs, MAX_JOBS);
			snprintf(t->name[t->njobs], sizeof t->name[0], "%s", name);
			t->run_time[t->njobs] = rt;
			t->wset[t->njobs++] = ws;
		} else if (sscanf(line, "Finished time %lld", &t->finished) == 1) {
			continue;
		} else if (sscanf(line, "  CPU %d", &cpu) == 1) {
			snprintf(t->stats[cpu], sizeof t->stats[0], "%s", line);
		} else if (line[0] == ' ' && sscanf(line, " %d", &tick) == 1 && isdigit((unsigned char)line[3])) {
			ck_assert_int_eq(tick, t->nticks);
			ck_assert_int_lt(tick, MAX_TICKS);
			const char *p = line + 7;
			for (int c = 0; c < cpus; c++)
				p = parse_column(p, t, tick, c);
			t->nticks++;
		}
	}
}

/* The scenario: the policy with the tool's settings, a job per job. */
static char *scenario(const struct options *o, const struct truth *t)
{
	size_t cap = 4096 + 128 * (size_t)t->njobs, len = 0;
	char *src = malloc(cap);
	len += (size_t)snprintf(src + len, cap - len,
				"cpus %lld\npolicy multi\nquantum %lld\nqueues %s\npeek %lld\nwarmup %lld\nwarm_rate %lld\n"
				"cache_size %lld\ncpu_order %s\nseed %lld\nskip_draws %lld\n",
				o->cpus, o->quantum, o->per_cpu ? "per_cpu" : "single", o->peek, o->warmup, o->rate,
				o->cache, o->random_order ? "random" : "fixed", o->seed, o->jobs < 0 ? 0 : 2 * o->jobs);
	for (int k = 0; k < t->njobs; k++) {
		/* a job of run time 0 still takes its CPU for a tick */
		len += (size_t)snprintf(src + len, cap - len, "job j%d runs %lld, working_set %lld", k,
					t->run_time[k] > 0 ? t->run_time[k] : 1, t->wset[k]);
		/* -A NAME:C.C,NAME:C */
		for (const char *a = o->affinity; *a;) {
			size_t n = strcspn(a, ":");
			if (n == strlen(t->name[k]) && strncmp(a, t->name[k], n) == 0) {
				len += (size_t)snprintf(src + len, cap - len, ", affinity");
				for (const char *c = a + n + 1; *c && *c != ','; c += *c == '.')
					len += (size_t)snprintf(src + len, cap - len, " %ld", strtol(c, (char **)&c, 10));
			}
			a += strcspn(a, ",");
			a += *a == ',';
		}
		len += (size_t)snprintf(src + len, cap - len, "\n");
	}
	return src;
}

/* Each job's pid, from its spawn event. */
static int pid_of(const struct run *r, int k)
{
	char name[16];
	snprintf(name, sizeof name, "j%d", k);
	for (int i = 0; i < r->count; i++)
		if (r->events[i].ev.kind == EV_SPAWN && strcmp(r->events[i].name, name) == 0)
			return r->events[i].ev.pid;
	return -1;
}

static int job_of(const int *pids, int n, int pid)
{
	for (int k = 0; k < n; k++)
		if (pids[k] == pid)
			return k;
	return -1;
}

static void run_case(const char *name, const char *args)
{
	char path[1024];
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/tests/golden/homework/multi-kernel/%s.txt", root ? root : ".", name);
	char *out = slurp(path);
	struct options o;
	parse_args(args, &o);
	ck_assert_int_le(o.cpus, MAX_CPUS);
	static struct truth t;
	parse_truth(out, (int)o.cpus, &t);
	free(out);
	ck_assert_msg(t.njobs > 0 && t.nticks > 0, "%s: nothing recorded", name);
	if (o.jobs > 0) { /* the jobs the tool drew are pyrandom's too, in the same draws */
		struct pyrandom r;
		pyrandom_seed(&r, o.seed);
		for (int k = 0; k < t.njobs; k++) {
			long long rt = (long long)(pyrandom_random(&r) * (double)o.max_run / 10.0) * 10;
			long long ws = (long long)(pyrandom_random(&r) * (double)o.max_wset / 10.0) * 10;
			ck_assert_msg(rt == t.run_time[k] && ws == t.wset[k], "%s: job %d drawn %lld:%lld", name, k, rt, ws);
		}
	}
	char *src = scenario(&o, &t);
	struct run *r = run_new(src);
	free(src);
	int pids[MAX_JOBS];
	int on[MAX_CPUS];
	for (int c = 0; c < MAX_CPUS; c++)
		on[c] = -1;
	int seen = 0;
	for (int tick = 0; tick < t.nticks; tick++) {
		run_until(r, tick + 1);
		if (tick == 0)
			for (int k = 0; k < t.njobs; k++)
				ck_assert_int_gt(pids[k] = pid_of(r, k), 0);
		/* who held each CPU in this tick: the last dispatch of a job, until it left */
		for (; seen < r->count && r->events[seen].ev.t <= tick; seen++) {
			const struct sim_event *e = &r->events[seen].ev;
			int k = job_of(pids, t.njobs, e->pid);
			if (k < 0)
				continue;
			if (e->kind == EV_DISPATCH)
				on[e->cpu] = k;
			else if (e->kind == EV_PREEMPT || e->kind == EV_EXIT)
				for (int c = 0; c < o.cpus; c++)
					if (on[c] == k)
						on[c] = -1;
		}
		for (int c = 0; c < o.cpus; c++) {
			ck_assert_msg(on[c] == t.on[tick][c], "%s: tick %d CPU %d runs %s, multi.py %s", name, tick, c,
				      on[c] < 0 ? "-" : t.name[on[c]], t.on[tick][c] < 0 ? "-" : t.name[t.on[tick][c]]);
			for (int k = 0; k < t.njobs; k++)
				ck_assert_msg(sim_multi_warm(r->sim, c, pids[k]) == (t.cache[tick][c][k] == 'w'),
					      "%s: after tick %d, CPU %d's cache: job %s is %s in procsim, cache[%s] in multi.py",
					      name, tick, c, t.name[k], sim_multi_warm(r->sim, c, pids[k]) ? "warm" : "cold",
					      t.cache[tick][c]);
		}
	}
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	long long last = 0;
	for (int k = 0; k < t.njobs; k++) {
		long long exit = run_when(r, EV_EXIT, pids[k]);
		ck_assert_msg(exit == t.done[k], "%s: job %s ends at %lld, in multi.py at %lld", name, t.name[k], exit,
			      t.done[k]);
		last = exit > last ? exit : last;
	}
	ck_assert_int_eq(last, t.finished);
	for (int c = 0; c < o.cpus; c++) {
		int64_t ran, warm;
		ck_assert(sim_multi_ticks(r->sim, c, &ran, &warm));
		char line[80];
		snprintf(line, sizeof line, "  CPU %d  utilization %3.2f [ warm %3.2f ]", c,
			 100.0 * (double)ran / (double)last, 100.0 * (double)warm / (double)last);
		ck_assert_str_eq(line, t.stats[c]);
	}
	run_free(r);
}

START_TEST(every_recorded_case_runs_as_multi_py)
{
	char path[1024];
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/tests/golden/homework/multi-kernel/cases.txt", root ? root : ".");
	char *cases = slurp(path);
	int n = 0;
	for (char *save, *line = strtok_r(cases, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *colon = strchr(line, ':');
		ck_assert_ptr_nonnull(colon);
		*colon = '\0';
		run_case(line, colon + 1);
		n++;
	}
	free(cases);
	ck_assert_int_ge(n, 10);
}
END_TEST

/* multi.py -s 22 -j 5 -R 300 -W 50 -n 4 -p -A 0:3,2:1.2 never ends: its
 * steal_jobs moves job 2 (working set 0) to CPU 0, which its affinity
 * forbids, as it tests `cpu in self.jobs[job_name]` (the whole record).
 * procsim tests the affinity: the jobs (the tool's, drawn from seed 22) all
 * end, each having run only where it may. */
START_TEST(stealing_respects_affinity_where_multi_py_hangs)
{
	struct run *r = run_new("cpus 4\npolicy multi\nquantum 10\nqueues per_cpu\nseed 22\nskip_draws 10\n"
				"job j0 runs 280, working_set 0, affinity 3\n"
				"job j1 runs 1, working_set 40\n"
				"job j2 runs 50, working_set 0, affinity 1 2\n"
				"job j3 runs 190, working_set 10\n"
				"job j4 runs 260, working_set 10\n");
	ck_assert_int_eq(run_until(r, 10000), SIM_DONE);
	int j0 = pid_of(r, 0), j2 = pid_of(r, 2);
	for (int i = 0; i < r->count; i++) {
		const struct sim_event *e = &r->events[i].ev;
		if (e->kind != EV_DISPATCH)
			continue;
		if (e->pid == j0)
			ck_assert_int_eq(e->cpu, 3);
		if (e->pid == j2)
			ck_assert(e->cpu == 1 || e->cpu == 2);
	}
	ck_assert_int_ge(run_count(r, EV_EXIT, 0), 5);
	run_free(r);
}
END_TEST

Suite *multi_suite(void);
Suite *multi_suite(void)
{
	Suite *s = suite_create("multi");
	TCase *t = tcase_create("multi_py");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, every_recorded_case_runs_as_multi_py);
	tcase_add_test(t, stealing_respects_affinity_where_multi_py_hangs);
	suite_add_tcase(s, t);
	return s;
}

TEST_MAIN(multi_suite)
