/* exit.c: what a process's end costs its parent.
 *
 * exit_to_reap: the child's clock just before _exit(0) to the parent's clock
 *   when waitpid() returns (exit_group: tearing down the mm and files,
 *   becoming a zombie, SIGCHLD and the wakeup of the parent sleeping in
 *   wait4, the parent running again, the reap).  The child first sleeps
 *   1 ms so that the parent is surely asleep in waitpid() when it exits.
 * exit_lifecycle: one whole fork() + child _exit(0) + waitpid(), timed in the
 *   parent; medians over -n N repetitions (default 2000).
 * exit_lifecycle_x20000: 20,000 such lifecycles back to back, timed as one
 *   sample, 3 samples (with -n below 2000: -n lifecycles per sample); the
 *   issue quoted 3.9-5.3 s for 20,000 on a 2-CPU container. */
#define _GNU_SOURCE
#include "measure.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t fork_or_die(void)
{
	pid_t pid = fork();
	if (pid < 0)
		measure_die("fork");
	return pid;
}

static void reap_or_die(pid_t pid)
{
	if (waitpid(pid, NULL, 0) != pid)
		measure_die("waitpid");
}

static long long one_lifecycle_ns(void)
{
	long long before = measure_now_ns();
	pid_t pid = fork_or_die();
	if (pid == 0)
		_exit(0);
	reap_or_die(pid);
	return measure_now_ns() - before;
}

int main(int argc, char **argv)
{
	size_t reps = measure_reps(argc, argv, 2000, NULL);
	long long *samples = measure_samples(reps);
	volatile long long *shared = measure_shared_page();
	const struct timespec one_ms = { 0, 1000000 };

	for (size_t i = 0; i < reps; i++) {
		pid_t pid = fork_or_die();
		if (pid == 0) {
			nanosleep(&one_ms, NULL);
			shared[0] = measure_now_ns();
			_exit(0);
		}
		reap_or_die(pid);
		samples[i] = measure_now_ns() - shared[0];
	}
	measure_report("exit_to_reap", samples, reps);

	for (size_t i = 0; i < reps; i++)
		samples[i] = one_lifecycle_ns();
	measure_report("exit_lifecycle", samples, reps);

	size_t batch = reps >= 2000 ? 20000 : reps;
	long long batches[3];
	for (size_t b = 0; b < 3; b++) {
		long long before = measure_now_ns();
		for (size_t i = 0; i < batch; i++)
			one_lifecycle_ns();
		batches[b] = measure_now_ns() - before;
	}
	measure_report(batch == 20000 ? "exit_lifecycle_x20000" : "exit_lifecycle_batch",
	               batches, 3);
	free(samples);
	return 0;
}
