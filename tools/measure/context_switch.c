/* context_switch.c: a pipe ping-pong between two processes.
 *
 * Parent and child pass one byte back and forth over two pipes, 1000 round
 * trips per sample; one sample = batch time / 2000, the time of one hand-over
 * (write, the reader woken, a switch to it, its read returning).  Run under
 * `taskset -c 0` (run.sh does; the child inherits the mask) both share one
 * CPU, so every hand-over is a context switch: NAME context_switch_pinned.
 * Unpinned on 2 CPUs each side wakes the other across CPUs (a cross-CPU
 * wakeup, and each CPU idles in between): NAME given as the first argument.
 * -n N samples (default 200).  Usage: context_switch [-n N] NAME */
#define _GNU_SOURCE
#include "measure.h"

#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ROUND_TRIPS = 1000 };

static void echo_forever(int in, int out)
{
	char byte;
	while (read(in, &byte, 1) == 1)
		if (write(out, &byte, 1) != 1)
			break;
	_exit(0);
}

int main(int argc, char **argv)
{
	int rest;
	size_t reps = measure_reps(argc, argv, 200, &rest);
	if (argc - rest != 1) {
		fprintf(stderr, "usage: %s [-n N] NAME\n", argv[0]);
		return 2;
	}
	int ping[2], pong[2];
	if (pipe(ping) != 0 || pipe(pong) != 0)
		measure_die("pipe");
	pid_t child = fork();
	if (child < 0)
		measure_die("fork");
	if (child == 0) {
		close(ping[1]);
		close(pong[0]);
		echo_forever(ping[0], pong[1]);
	}
	close(ping[0]);
	close(pong[1]);

	long long *samples = measure_samples(reps);
	for (size_t i = 0; i < reps; i++) {
		long long before = measure_now_ns();
		for (int k = 0; k < ROUND_TRIPS; k++) {
			char byte = 'x';
			if (write(ping[1], &byte, 1) != 1 || read(pong[0], &byte, 1) != 1)
				measure_die("ping-pong");
		}
		samples[i] = (measure_now_ns() - before) / (2 * ROUND_TRIPS);
	}
	close(ping[1]);
	waitpid(child, NULL, 0);
	measure_report(argv[rest], samples, reps);
	free(samples);
	return 0;
}
