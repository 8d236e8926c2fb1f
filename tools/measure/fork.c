/* fork.c: what fork() costs.
 *
 * fork_parent: the parent's clock before fork() to its clock when fork()
 *   returns in the parent (copying the page tables of this small process,
 *   the new task, waking it; the parent side only).
 * fork_child_start: the parent's clock before fork() to the child's clock at
 *   its first instruction after fork() (latency until the child runs: on 2
 *   CPUs the child may start on the other CPU before the parent returns).
 *   The child leaves its time on a shared page and _exit()s; the parent
 *   reaps it before the next repetition, outside the timed part.
 * Each repetition is one sample; medians over -n N repetitions (default 2000).
 * The parent touches 1 MiB of heap first so the page tables are not
 * trivially empty (a CPython parent has ~10 MiB resident; see exit.c's
 * note on lifecycle cost). */
#define _GNU_SOURCE
#include "measure.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t reps = measure_reps(argc, argv, 2000, NULL);
	long long *parent = measure_samples(reps), *child = measure_samples(reps);
	volatile long long *shared = measure_shared_page();
	char *heap = malloc(1 << 20);
	if (heap == NULL)
		measure_die("malloc");
	memset(heap, 1, 1 << 20);

	for (size_t i = 0; i < reps; i++) {
		long long before = measure_now_ns();
		pid_t pid = fork();
		if (pid == 0) {
			shared[0] = measure_now_ns();
			_exit(0);
		}
		long long returned = measure_now_ns();
		if (pid < 0)
			measure_die("fork");
		if (waitpid(pid, NULL, 0) != pid)
			measure_die("waitpid");
		parent[i] = returned - before;
		child[i] = shared[0] - before;
	}
	measure_report("fork_parent", parent, reps);
	measure_report("fork_child_start", child, reps);
	free(heap);
	free(parent);
	free(child);
	return 0;
}
