/* hz_slices.c: where does Linux end a CPU hog's time slice? Two processes
 * spin on CPU 0 (sched_setaffinity) for 0.4 s, each noting when it was off
 * the CPU (a gap of more than 50 us between two clock readings): how long
 * each run on the CPU lasted, and where in a 4 ms period (from the same
 * instant for both) each run ended.
 * Build and run: cc -O2 -o /tmp/hz hz_slices.c && /tmp/hz
 * The kernel: CONFIG_HZ=250, CONFIG_SCHED_HRTICK=y (and the HRTICK feature
 * off, the default), NO_HZ_IDLE (zcat /proc/config.gz); getconf CLK_TCK
 * says 100, which is USER_HZ (times(2)'s unit), not the tick.
 * Ran on Linux 6.18.44 (EEVDF), 2 CPUs, a shared machine, 2026-12-07:
 *   child 1: 64 runs; 0.0-0.5ms:6 0.5-1.0ms:5 1.0-1.5ms:3 1.5-2.0ms:3 2.0-2.5ms:8 2.5-3.0ms:4 3.0-3.5ms:5 3.5-4.0ms:27 4.5-5.0ms:1 5.0-5.5ms:1
 *   child 1: switch phase mod 4 ms: 3 0 0 0 39 2 4 0 2 2 0 0 1 5 4 1
 *   child 0: 70 runs; 0.0-0.5ms:8 0.5-1.0ms:5 1.0-1.5ms:7 1.5-2.0ms:10 2.0-2.5ms:4 2.5-3.0ms:3 3.0-3.5ms:2 3.5-4.0ms:26 4.0-4.5ms:1 5.0-5.5ms:1 5.5-6.0ms:1 6.0-6.5ms:1
 *   child 0: switch phase mod 4 ms: 2 0 1 0 48 1 1 2 2 0 3 3 5 1 0 0
 * (in a second run 43 and 42 of the ends fell in one 0.25 ms bin; in a
 * third, on a busier machine, 13 of 17 and 14 of 20 in one bin.)
 * A run lasts 4 ms: EEVDF's base slice (0.75 ms times 1 + log2 of the
 * CPUs, 1.5 ms here) is used up before the next tick, and the slice ends
 * at that tick; both processes' runs end in the same quarter of a
 * millisecond of the 4 ms period: at the timer interrupt. The shorter runs
 * are the other processes of the busy machine taking CPU 0. procsim: the setting hz (default 250),
 * sim/kernel/kernel.c (timer_interrupt, slice_check). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void hog(int k, long long t0)
{
	static long long runs[4096], ends[4096];
	int n = 0;
	long long end = t0 + 400000000LL, last = now_ns(), run_start = last;
	for (;;) {
		long long t = now_ns();
		if (t - last > 50000) { /* it was off the CPU: a run ended at `last` */
			if (n < 4096) {
				ends[n] = last;
				runs[n++] = last - run_start;
			}
			run_start = t;
		}
		last = t;
		if (t > end)
			break;
	}
	int hist[40] = {0}, phase[16] = {0};
	for (int i = 1; i < n; i++) { /* the first run started at the fork */
		long long b = runs[i] / 500000, d = (ends[i] - t0) % 4000000;
		hist[b > 39 ? 39 : b]++;
		phase[d / 250000]++;
	}
	printf("child %d: %d runs;", k, n);
	for (int b = 0; b < 40; b++)
		if (hist[b])
			printf(" %.1f-%.1fms:%d", b * 0.5, b * 0.5 + 0.5, hist[b]);
	printf("\nchild %d: switch phase mod 4 ms:", k);
	for (int b = 0; b < 16; b++)
		printf(" %d", phase[b]);
	printf("\n");
}

int main(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof set, &set);
	long long t0 = now_ns();
	for (int k = 0; k < 2; k++)
		if (fork() == 0) {
			hog(k, t0);
			exit(0);
		}
	while (wait(NULL) > 0)
		continue;
	return 0;
}
