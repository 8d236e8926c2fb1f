/* bench_lifecycle.c: how fast and how small the model is, through the public
 * sim API only (no event sink: no formatting cost).
 *
 *   bench_lifecycle lifecycles [--cpus N] [--runs N] [--batches N] [--batch N]
 *                              [--compute TICKS] [--tick-us US]
 *       main forks BATCH workers (`compute 5`) and waits for all of them,
 *       BATCHES times: BATCHES * BATCH process lifecycles (spawn, 5 ticks on a
 *       CPU, exit, reaped by the parent). Prints the median of RUNS runs in
 *       lifecycles per second and its ratio to the target, 1,000,000
 *       lifecycles in one second, and the peak RSS; beside each run, the
 *       simulated time it took (the computing, and the forks' and waits'
 *       costs: with --compute 0 and a fine tick, only the costs).
 *
 *   bench_lifecycle alive [--count N]
 *       main forks N children that sleep for a long time, 100,000 per tick
 *       (more events than 1,000,000 in one tick is a runaway, with or without
 *       a trace); the simulation runs only until they are all forked and
 *       asleep. Prints the peak RSS and the bytes per live process.
 *
 * Exit status 0 when the simulation did what was asked (the speed is
 * reported, not enforced), 1 when it did not. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "parse.h"
#include "sim.h"
#include "snapshot.h"

#define TARGET_PER_SEC 1000000.0
#define COMPUTE_TICKS 5
#define ALIVE_PER_TICK 100000

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set size so far, in bytes, as getrusage reports it (Linux:
 * KiB). Beware: ru_maxrss survives execve, so under a runner that forks
 * itself (meson is a Python process of ~30 MiB) it starts at the runner's
 * size; VmHWM below does not. */
static long long maxrss_bytes(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (long long)ru.ru_maxrss * 1024;
}

/* A "Vm...:   N kB" line of /proc/self/status, in bytes; -1 if unknown.
 * VmRSS: resident now; VmHWM: peak resident of this program image. */
static long long proc_status_bytes(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long long kb = -1;
	size_t n = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			kb = strtoll(line + n + 1, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return kb < 0 ? -1 : kb * 1024;
}

static double mib(long long bytes) { return (double)bytes / (1 << 20); }

static struct scenario *parse_or_die(const char *src)
{
	struct diags d;
	struct scenario *sc = parse_scenario("bench.psim", src, strlen(src), &d);
	if (!sc) {
		for (int i = 0; i < d.count; i++)
			fprintf(stderr, "bench.psim:%d:%d: error: %s\n", d.items[i].line, d.items[i].col,
				d.items[i].msg);
		exit(1);
	}
	return sc;
}

static const char *status_name(enum sim_status st)
{
	static const char *const names[] = {"running", "done", "limit", "stuck", "runaway", "error"};
	return (unsigned)st < sizeof names / sizeof names[0] ? names[st] : "?";
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static long arg_long(int argc, char **argv, const char *name, long dflt)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return strtol(argv[i + 1], NULL, 10);
	return dflt;
}

static int bench_lifecycles(int argc, char **argv)
{
	long cpus = arg_long(argc, argv, "--cpus", 1);
	long runs = arg_long(argc, argv, "--runs", 5);
	long batches = arg_long(argc, argv, "--batches", 1000);
	long batch = arg_long(argc, argv, "--batch", 1000);
	long compute = arg_long(argc, argv, "--compute", COMPUTE_TICKS);
	long tick_us = arg_long(argc, argv, "--tick-us", 100000);
	if (runs < 1 || runs > 99 || cpus < 1 || cpus > 64 || batches < 1 || batch < 1 || compute < 0 ||
	    tick_us < 10 || tick_us > 1000000) {
		fprintf(stderr, "bench_lifecycle: bad arguments\n");
		return 2;
	}
	long long total = (long long)batches * batch;
	char src[1024];
	snprintf(src, sizeof src,
		 "title \"lifecycle benchmark\"\n"
		 "pid_max 4194304\n"
		 "cpus %ld\n"
		 "tick %ldus\n"
		 "program worker\n"
		 "    compute %ldt\n"
		 "main \"bench\"\n"
		 "    repeat %ld\n"
		 "        repeat %ld\n"
		 "            fork worker\n"
		 "        repeat %ld\n"
		 "            wait\n",
		 cpus, tick_us, compute, batches, batch, batch);
	/* Every worker is on a CPU for 5 ticks; the CPUs are never idle while
	 * one is runnable, so the run lasts at least total * 5 / cpus ticks. */
	int64_t min_ticks = total * compute / cpus;
	/* and the costs: a lifecycle takes well under a millisecond of them */
	struct sim_options opt = {.max_ticks = min_ticks * 4 + total * (1000 / tick_us + 1) + 1000};

	printf("lifecycles: %lld per run (%ld batches of %ld: fork, compute %ld ticks, exit, wait), "
	       "%ld CPU(s), tick %ld us, the measured costs, no event sink\n",
	       total, batches, batch, compute, cpus, tick_us);
	double secs[99];
	long long first_hwm = -1;
	for (long r = 0; r < runs; r++) {
		struct scenario *sc = parse_or_die(src);
		double t0 = now_sec();
		struct sim *s = sim_new(sc, &opt);
		if (!s) {
			fprintf(stderr, "bench_lifecycle: out of memory\n");
			return 1;
		}
		enum sim_status st = sim_run(s, -1);
		int64_t ticks = sim_last_event_tick(s);
		sim_free(s);
		secs[r] = now_sec() - t0;
		scenario_free(sc);
		if (st != SIM_DONE || ticks < min_ticks) {
			fprintf(stderr, "bench_lifecycle: run %ld ended %s at tick %lld (expected done after >= %lld ticks)\n",
				r + 1, status_name(st), (long long)ticks, (long long)min_ticks);
			return 1;
		}
		if (r == 0)
			first_hwm = proc_status_bytes("VmHWM");
		/* The simulated time beside the wall-clock time: with the
		 * costs, the forks and waits themselves take time, as on Linux
		 * (a C fork+_exit+waitpid lifecycle: docs/semantics.md, 15). */
		double sim_secs = (double)ticks * (double)tick_us / 1e6;
		printf("  run %ld: %.3f s, %.0f lifecycles/s, %lld simulated ticks (%.3f simulated s, %.1f us per lifecycle)\n",
		       r + 1, secs[r], (double)total / secs[r], (long long)ticks, sim_secs, sim_secs * 1e6 / (double)total);
	}
	qsort(secs, (size_t)runs, sizeof secs[0], cmp_double);
	double median = runs % 2 ? secs[runs / 2] : (secs[runs / 2 - 1] + secs[runs / 2]) / 2;
	double rate = (double)total / median;
	printf("median: %.3f s per run, %.0f lifecycles/s\n", median, rate);
	printf("target: 1000000 lifecycles/s; ratio to target: %.2fx (%s)\n", rate / TARGET_PER_SEC,
	       rate >= TARGET_PER_SEC ? "meets it" : "SLOWER than the target");
	/* After the first run, glibc's dynamic mmap threshold serves the next
	 * runs' 16 MiB PID map (pid_max 4194304) from the heap, where calloc
	 * must zero it all: the later peak is the allocator's, not the model's. */
	printf("peak RSS: %.1f MiB after the first run, %.1f MiB after %ld runs (VmHWM); ru_maxrss %.1f MiB\n",
	       mib(first_hwm), mib(proc_status_bytes("VmHWM")), runs, mib(maxrss_bytes()));
	return 0;
}

static int bench_alive(int argc, char **argv)
{
	long count = arg_long(argc, argv, "--count", 1000000);
	if (count < 1 || count > 4000000) {
		fprintf(stderr, "bench_lifecycle: bad --count\n");
		return 2;
	}
	char src[1024];
	snprintf(src, sizeof src,
		 "title \"a million live processes\"\n"
		 "pid_max 4194304\n"
		 "costs none\n" /* memory, not time: 100,000 forks a tick */
		 "cpus 1\n"
		 "program sleeper\n"
		 "    sleep 1000000t\n"
		 "main \"bench\"\n"
		 "    repeat %ld\n"
		 "        repeat %ld\n"
		 "            fork sleeper\n"
		 "        sleep 1t\n"
		 "    repeat %ld\n"
		 "        fork sleeper\n"
		 "    wait\n",
		 count / ALIVE_PER_TICK, (long)ALIVE_PER_TICK, count % ALIVE_PER_TICK);
	struct scenario *sc = parse_or_die(src);
	long long rss0 = proc_status_bytes("VmRSS"), hwm0 = proc_status_bytes("VmHWM");
	long long maxrss0 = maxrss_bytes();
	struct sim_options opt = {.cpus = 1, .max_ticks = 10000000};
	double t0 = now_sec();
	struct sim *s = sim_new(sc, &opt);
	if (!s) {
		fprintf(stderr, "bench_lifecycle: out of memory\n");
		return 1;
	}
	/* Each tick main forks a batch (zero-time instructions), then each child
	 * runs on the one CPU until it goes to sleep; stop as soon as every
	 * child is asleep. */
	struct sim_counts c;
	int want = (int)count + 3; /* init, the shell, main */
	enum sim_status st;
	do {
		st = sim_step(s);
		snapshot_counts(s, &c);
	} while (st == SIM_RUNNING && c.sleeping < want && sim_now(s) < 100);
	double elapsed = now_sec() - t0;
	long long rss1 = proc_status_bytes("VmRSS"), hwm1 = proc_status_bytes("VmHWM");
	long long maxrss1 = maxrss_bytes();
	printf("alive: %d processes in the table (%d asleep) at tick %lld after %.3f s (%s)\n", c.total,
	       c.sleeping, (long long)sim_now(s), elapsed, status_name(st));
	printf("peak RSS: %.1f MiB (VmHWM; %.1f MiB before the simulation); ru_maxrss %.1f MiB (%.1f before)\n",
	       mib(hwm1), mib(hwm0), mib(maxrss1), mib(maxrss0));
	printf("RSS now: %.1f MiB (%.1f MiB before)\n", mib(rss1), mib(rss0));
	printf("bytes per live process: %.0f (RSS growth / %ld processes)\n",
	       (double)(rss1 - rss0) / (double)count, count);
	int ok = c.total == want && c.sleeping == want && st == SIM_RUNNING;
	sim_free(s);
	scenario_free(sc);
	if (!ok) {
		fprintf(stderr, "bench_lifecycle: expected %d processes asleep, got %d of %d\n", want, c.sleeping,
			c.total);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && strcmp(argv[1], "lifecycles") == 0)
		return bench_lifecycles(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "alive") == 0)
		return bench_alive(argc, argv);
	fprintf(stderr, "usage: bench_lifecycle lifecycles [--cpus N] [--runs N] [--batches N] [--batch N]\n"
			"       bench_lifecycle alive [--count N]\n");
	return 2;
}
