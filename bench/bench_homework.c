/* bench_homework.c: how `procsim homework scheduler` grows with the number
 * of jobs, as whole processes writing their full output to a file.
 *
 *   bench_homework PROCSIM [--jobs N,M,...] [--runs N] [--scheduler-py PATH]
 *
 * For each N (default 1000, 10000, 100000, 1000000) runs
 *   PROCSIM homework scheduler -p RR -q 1 -j N -m 100 -s 0 -c > FILE
 * RUNS times (default 3) and prints the median wall time, the output's size,
 * the child's peak RSS, and the ratio of the time to the first N's (the
 * 1,000-job run): linear time keeps "ratio / size" near 1. RR with a quantum
 * of 1 on jobs of 1 to 100 ticks is the costliest homework: a trace line and
 * a context switch for every tick of work, about 50 per job.
 *
 * With --scheduler-py PATH (OSTEP's cpu-sched/scheduler.py, which procsim
 * does not ship), the same command runs under python3 at every N up to
 * 10,000 (its RR pops the head of a list: quadratic), and the speed-up of
 * procsim is printed. docs/homework.md records a measurement.
 *
 * Exit status 0 when every run exited 0 and wrote its answers, 1 otherwise. */
#define _DEFAULT_SOURCE /* wait4: the child's own peak RSS */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIZES 16
#define PYTHON_MAX_JOBS 10000

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct result {
	double seconds;     /* median */
	long long bytes;    /* of the output */
	long long rss_kib;  /* the child's peak */
	bool ok;
};

/* Runs argv with its output in a new file `out`; the wall time, or < 0. */
static double run_once(char *const argv[], const char *out, long long *rss_kib)
{
	double t0 = now_sec();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(127);
		close(fd);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	double t = now_sec() - t0;
	*rss_kib = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t : -1;
}

/* Does the file end with the tool's averages? */
static bool answered(const char *out, long long *bytes)
{
	FILE *f = fopen(out, "r");
	if (!f)
		return false;
	char tail[256] = "";
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	*bytes = size;
	fseek(f, size > 200 ? size - 200 : 0, SEEK_SET);
	size_t n = fread(tail, 1, sizeof tail - 1, f);
	tail[n] = '\0';
	fclose(f);
	return strstr(tail, "  Average -- Response: ") != NULL;
}

static struct result measure(char *const argv[], int runs, const char *out, long jobs)
{
	struct result r = {.ok = true};
	double t[64];
	for (int i = 0; i < runs; i++) {
		long long rss = 0;
		t[i] = run_once(argv, out, &rss);
		if (rss > r.rss_kib)
			r.rss_kib = rss;
		if (t[i] < 0 || !answered(out, &r.bytes)) {
			r.ok = false;
			fprintf(stderr, "bench_homework: %s with %ld jobs failed\n", argv[0], jobs);
			break;
		}
	}
	unlink(out);
	if (r.ok) {
		qsort(t, (size_t)runs, sizeof *t, cmp_double);
		r.seconds = t[runs / 2];
	}
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_homework PROCSIM [--jobs N,M,...] [--runs N] [--scheduler-py PATH]\n");
		return 2;
	}
	const char *procsim = argv[1], *jobs = "1000,10000,100000,1000000", *python = NULL;
	int runs = 3;
	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--jobs") == 0)
			jobs = argv[i + 1];
		else if (strcmp(argv[i], "--runs") == 0)
			runs = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--scheduler-py") == 0)
			python = argv[i + 1];
	}
	if (runs < 1 || runs > 64)
		runs = 3;
	long sizes[MAX_SIZES];
	int nsizes = 0;
	for (const char *p = jobs; *p && nsizes < MAX_SIZES;) {
		sizes[nsizes++] = strtol(p, (char **)&p, 10);
		if (*p == ',')
			p++;
		else
			break;
	}
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char out[4096];
	snprintf(out, sizeof out, "%s/bench_homework.%ld.out", tmpdir, (long)getpid());

	printf("RR q=1, jobs of 1 to 100 ticks (-m 100 -s 0), the output written to a file; median of %d runs\n\n", runs);
	printf("%10s  %10s  %12s  %9s  %9s  %12s\n", "jobs", "seconds", "output MB", "RSS MiB", "ratio", "ratio/size");
	int status = 0;
	double first = 0;
	for (int i = 0; i < nsizes; i++) {
		char n[32];
		snprintf(n, sizeof n, "%ld", sizes[i]);
		char *args[] = {(char *)procsim, "homework", "scheduler", "-p", "RR", "-q", "1", "-m", "100", "-j", n,
				"-s", "0", "-c", NULL};
		struct result r = measure(args, runs, out, sizes[i]);
		if (!r.ok) {
			status = 1;
			continue;
		}
		if (i == 0)
			first = r.seconds;
		double ratio = r.seconds / first, size = (double)sizes[i] / (double)sizes[0];
		printf("%10ld  %10.4f  %12.1f  %9.1f  %9.2f  %12.2f\n", sizes[i], r.seconds, (double)r.bytes / 1e6,
		       (double)r.rss_kib / 1024, ratio, ratio / size);
		fflush(stdout);
		if (python && sizes[i] <= PYTHON_MAX_JOBS) {
			char *py[] = {"python3", (char *)python, "-p", "RR", "-q", "1", "-m", "100", "-j", n, "-s", "0", "-c", NULL};
			struct result q = measure(py, runs, out, sizes[i]);
			if (q.ok)
				printf("%10s  %10.4f  scheduler.py: procsim is %.1f times faster\n", "", q.seconds,
				       q.seconds / r.seconds);
			else
				status = 1;
			fflush(stdout);
		}
	}
	return status;
}
