/* measure.h: what every C measuring program in tools/measure/ shares.
 *
 * Each program times one cost many times and prints one line per cost,
 *   NAME median_us p10_us p90_us runs
 * where runs is the number of samples.  Clocks are CLOCK_MONOTONIC, which is
 * one clock for the whole machine, so a time taken in a parent and one taken
 * in its child can be subtracted. */
#ifndef MEASURE_H
#define MEASURE_H

#include <stddef.h>

/* Nanoseconds on CLOCK_MONOTONIC. */
long long measure_now_ns(void);

/* Sorts samples_ns (n of them, n >= 1) and prints NAME's line. */
void measure_report(const char *name, long long *samples_ns, size_t n);

/* The repetition count: "-n N" at the start of argv, or fallback.  With rest
 * NULL no other argument is allowed; otherwise *rest is the index of the first
 * argument after them.  A bad N (below 1) or a stray argument: a message and
 * exit status 2. */
size_t measure_reps(int argc, char **argv, size_t fallback, int *rest);

/* A page shared by this process and every child it forks after the call
 * (MAP_SHARED | MAP_ANONYMOUS), for children to leave their timestamps in. */
volatile long long *measure_shared_page(void);

/* Room for n samples; exits on failure. */
long long *measure_samples(size_t n);

/* Prints "PROGRAM: WHAT: strerror(errno)" and exits with status 1. */
_Noreturn void measure_die(const char *what);

#endif
