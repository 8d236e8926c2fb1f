/* bench_policies.c: how the cost of scheduling grows with the number of jobs,
 * policy by policy, through the public sim API.
 *
 *   bench_policies [--jobs N,M,...] [--policy P,Q,...] [--cpus N] [--runs N]
 *
 * For each policy and each N (default 10000 and 100000), N textbook jobs
 * (bursts of 1 to 50 ticks, nice -5 to 5) arrive at random over a period
 * half as long as their total work, so the run queue holds thousands of
 * jobs at once. The scenario is parsed once with 50 job templates, then its
 * timeline is replaced by N arrivals of those templates (the parser allows
 * at most 1,000 programs). Every job is a child of init, which reaps it.
 *
 * Prints, per run: the simulated ticks, the scheduling events (spawn,
 * dispatch, preempt, sleep, wake, exit, reap), the median wall time of RUNS
 * runs, nanoseconds per scheduling event, and the most zombies waiting for
 * init at once (init is an ordinary process in the run queue); then, per
 * policy, the ratio of ns/event between the largest and the smallest N. A
 * linear policy keeps that ratio near 1; the heaps' log n and cache misses
 * (100,000 processes do not fit in the cache) account for up to about 2x
 * from 10,000 to 100,000 jobs; a cost that grows with the number of waiting
 * processes shows as 5x and more. Above 3x the policy is reported
 * SUPER-LINEAR.
 *
 * Exit status 0 when every run finished every job, 1 otherwise. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang/program.h"
#include "metrics.h"
#include "parse.h"
#include "sim.h"

#define TEMPLATES 50
#define MAX_LIST 16

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long rng;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng >> 33) % n;
}

struct counts {
	long long sched, dispatch, exits;
};

static void count(void *ctx, const struct sim_event *ev)
{
	struct counts *c = ctx;
	switch (ev->kind) {
	case EV_DISPATCH: c->dispatch++; c->sched++; break;
	case EV_EXIT: c->exits++; c->sched++; break;
	case EV_SPAWN: case EV_PREEMPT: case EV_SLEEP: case EV_WAKE: case EV_REAP: c->sched++; break;
	default: break;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int cmp_tl(const void *a, const void *b)
{
	const struct timeline_event *x = a, *y = b;
	return x->at_ticks < y->at_ticks ? -1 : x->at_ticks > y->at_ticks;
}

struct result {
	double secs, ns_per_event;
	long long ticks, events;
	int peak_zombies;
	bool ok;
};

/* One policy, n jobs: the median of `runs` runs. */
static struct result bench(const char *policy, long n, int cpus, int runs)
{
	struct result res = {0};
	char src[8192];
	size_t len = (size_t)snprintf(src, sizeof src, "pid_max 4194304\n");
	for (int k = 1; k <= TEMPLATES; k++)
		len += (size_t)snprintf(src + len, sizeof src - len, "job T%d arrives 0, runs %d\n", k, k);
	struct diags d;
	struct scenario *sc = parse_scenario("bench.psim", src, len, &d);
	if (!sc) {
		fprintf(stderr, "bench_policies: the template does not parse\n");
		return res;
	}
	/* N arrivals of random templates: total work about n * 25.5 ticks,
	 * arriving over half of that. */
	struct timeline_event *tl = calloc((size_t)n, sizeof *tl);
	if (!tl) {
		scenario_free(sc);
		return res;
	}
	rng = 12345;
	long long span = (long long)n * 255 / 20;
	for (long i = 0; i < n; i++) {
		int k = (int)rnd(TEMPLATES);
		tl[i] = sc->timeline[0];
		tl[i].program = sc->timeline[0].program + k; /* the templates are consecutive programs */
		tl[i].at_ticks = (long long)rnd((unsigned)span);
		tl[i].nice = (int)rnd(11) - 5;
	}
	qsort(tl, (size_t)n, sizeof *tl, cmp_tl);
	struct timeline_event *orig = sc->timeline;
	int norig = sc->ntimeline;
	sc->timeline = tl;
	sc->ntimeline = (int)n;

	double secs[16];
	res.ok = true;
	for (int r = 0; r < runs; r++) {
		struct sim_options o = {.cpus = cpus, .policy = policy, .max_ticks = 1000000000000LL};
		struct sim *s = sim_new(sc, &o);
		struct counts c = {0};
		sim_set_sink(s, count, &c);
		double t0 = now_sec();
		enum sim_status st = sim_run(s, -1);
		secs[r] = now_sec() - t0;
		if (st != SIM_DONE || c.exits != n) {
			fprintf(stderr, "bench_policies: %s with %ld jobs ended with status %d after %lld exits\n", policy, n,
				st, c.exits);
			res.ok = false;
		}
		res.ticks = sim_now(s);
		res.events = c.sched;
		struct sys_metrics m;
		sim_sys_metrics(s, &m);
		res.peak_zombies = m.peak_zombies;
		sim_free(s);
	}
	qsort(secs, (size_t)runs, sizeof secs[0], cmp_double);
	res.secs = secs[runs / 2];
	res.ns_per_event = res.events ? res.secs * 1e9 / (double)res.events : 0;
	sc->timeline = orig;
	sc->ntimeline = norig;
	free(tl);
	scenario_free(sc);
	return res;
}

static int split(char *s, char **out, int max)
{
	int n = 0;
	for (char *save = NULL, *t = strtok_r(s, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save))
		out[n++] = t;
	return n;
}

int main(int argc, char **argv)
{
	char jobs_buf[256] = "10000,100000", pol_buf[256] = "rr,fifo,sjf,stcf,prio,mlfq,cfs";
	int cpus = 1, runs = 3;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
			snprintf(jobs_buf, sizeof jobs_buf, "%s", argv[++i]);
		else if (strcmp(argv[i], "--policy") == 0 && i + 1 < argc)
			snprintf(pol_buf, sizeof pol_buf, "%s", argv[++i]);
		else if (strcmp(argv[i], "--cpus") == 0 && i + 1 < argc)
			cpus = atoi(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: bench_policies [--jobs N,M] [--policy P,Q] [--cpus N] [--runs N]\n");
			return 2;
		}
	}
	if (runs < 1 || runs > 16 || cpus < 1 || cpus > 64) {
		fprintf(stderr, "bench_policies: --runs 1..16, --cpus 1..64\n");
		return 2;
	}
	char *jobs_s[MAX_LIST], *pols[MAX_LIST];
	int nj = split(jobs_buf, jobs_s, MAX_LIST), np = split(pol_buf, pols, MAX_LIST);
	long jobs[MAX_LIST];
	for (int j = 0; j < nj; j++) {
		jobs[j] = atol(jobs_s[j]);
		if (jobs[j] < 1 || jobs[j] > 2000000) {
			fprintf(stderr, "bench_policies: --jobs from 1 to 2000000\n");
			return 2;
		}
	}
	printf("%d CPU(s), median of %d runs; scheduling events: spawn, dispatch, preempt, sleep, wake, exit, reap\n", cpus,
	       runs);
	printf("%-6s %8s %12s %12s %10s %12s %13s\n", "policy", "jobs", "ticks", "events", "seconds", "ns/event",
	       "peak zombies");
	bool ok = true;
	for (int p = 0; p < np; p++) {
		double first = 0, last = 0;
		for (int j = 0; j < nj; j++) {
			struct result r = bench(pols[p], jobs[j], cpus, runs);
			ok &= r.ok;
			printf("%-6s %8ld %12lld %12lld %10.3f %12.1f %13d\n", pols[p], jobs[j], r.ticks, r.events, r.secs,
			       r.ns_per_event, r.peak_zombies);
			fflush(stdout);
			if (j == 0)
				first = r.ns_per_event;
			last = r.ns_per_event;
		}
		if (nj > 1)
			printf("%-6s growth of ns/event from %ld to %ld jobs: %.2fx (%s)\n", pols[p], jobs[0], jobs[nj - 1],
			       first > 0 ? last / first : 0, first > 0 && last / first < 3.0 ? "near linear" : "SUPER-LINEAR");
	}
	return ok ? 0 : 1;
}
