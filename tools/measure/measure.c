/* measure.c: clock, percentiles and arguments for tools/measure/. */
#define _GNU_SOURCE
#include "measure.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

long long measure_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int compare_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples. */
static long long percentile(const long long *sorted, size_t n, unsigned pct)
{
	size_t rank = (n * pct + 99) / 100;
	return sorted[rank > 0 ? rank - 1 : 0];
}

void measure_report(const char *name, long long *samples_ns, size_t n)
{
	qsort(samples_ns, n, sizeof *samples_ns, compare_ll);
	printf("%s %.3f %.3f %.3f %zu\n", name,
	       percentile(samples_ns, n, 50) / 1000.0,
	       percentile(samples_ns, n, 10) / 1000.0,
	       percentile(samples_ns, n, 90) / 1000.0, n);
	fflush(stdout);
}

size_t measure_reps(int argc, char **argv, size_t fallback, int *rest)
{
	size_t n = fallback;
	int next = 1;
	if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
		char *end;
		errno = 0;
		long parsed = strtol(argv[2], &end, 10);
		if (*end != '\0' || errno != 0 || parsed < 1) {
			fprintf(stderr, "%s: -n wants a positive count, not '%s'\n", argv[0], argv[2]);
			exit(2);
		}
		n = (size_t)parsed;
		next = 3;
	}
	if (rest != NULL)
		*rest = next;
	else if (next != argc) {
		fprintf(stderr, "usage: %s [-n REPETITIONS]\n", argv[0]);
		exit(2);
	}
	return n;
}

volatile long long *measure_shared_page(void)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		measure_die("mmap");
	return page;
}

long long *measure_samples(size_t n)
{
	long long *samples = calloc(n, sizeof *samples);
	if (samples == NULL)
		measure_die("calloc");
	return samples;
}

_Noreturn void measure_die(const char *what)
{
	fprintf(stderr, "measure: %s: %s\n", what, strerror(errno));
	exit(1);
}
