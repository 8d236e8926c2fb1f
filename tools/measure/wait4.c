/* wait4.c: what reaping an already-dead child costs.
 *
 * wait4_zombie: the child _exit(0)s; the parent waits with
 *   waitid(P_PID, pid, WEXITED | WNOWAIT), which returns once the child is a
 *   zombie and leaves it one; then the parent times waitpid(pid, &status, 0)
 *   alone: a wait4 that finds the zombie at once, copies its status and
 *   frees its task (release_task).  Medians over -n N (default 5000). */
#define _GNU_SOURCE
#include "measure.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t reps = measure_reps(argc, argv, 5000, NULL);
	long long *samples = measure_samples(reps);

	for (size_t i = 0; i < reps; i++) {
		pid_t pid = fork();
		if (pid < 0)
			measure_die("fork");
		if (pid == 0)
			_exit(0);
		siginfo_t info;
		if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) != 0)
			measure_die("waitid");
		int status;
		long long before = measure_now_ns();
		pid_t reaped = waitpid(pid, &status, 0);
		samples[i] = measure_now_ns() - before;
		if (reaped != pid)
			measure_die("waitpid");
	}
	measure_report("wait4_zombie", samples, reps);
	free(samples);
	return 0;
}
