/* exec.c: what starting a program costs, from the parent's point of view.
 *
 * With no command: /bin/true three ways, each from the parent's clock before
 * the call to its clock when waitpid() returns (the child's exec, the dynamic
 * loader, main, exit, reap):
 *   exec_fork_true        fork() then execv() in the child
 *   exec_vfork_true       vfork() then execv() (the parent sleeps until exec)
 *   exec_posix_spawn_true posix_spawn() (glibc: clone(CLONE_VM|CLONE_VFORK))
 * With "NAME PROGRAM [ARGS...]": PROGRAM ARGS by fork()+execv(), as one line
 * NAME (run.sh times python3 -c pass this way).  The child's stdout goes to
 * /dev/null.  Medians over -n N repetitions (default 500).
 * Each NAME line is followed by NAME_cpu: the child's own CPU time, user +
 * system, from wait4()'s rusage.  On a busy machine the wall time grows with
 * the time spent waiting for a CPU; the CPU time hardly does. */
#define _GNU_SOURCE
#include "measure.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum method { BY_FORK, BY_VFORK, BY_POSIX_SPAWN };

static void quiet_stdout(void)
{
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, 1);
		close(null);
	}
}

static pid_t start(enum method how, char **cmd)
{
	pid_t pid;
	switch (how) {
	case BY_FORK:
		pid = fork();
		if (pid == 0) {
			quiet_stdout();
			execv(cmd[0], cmd);
			_exit(127);
		}
		return pid;
	case BY_VFORK:
		pid = vfork();
		if (pid == 0) {
			execv(cmd[0], cmd);
			_exit(127);
		}
		return pid;
	case BY_POSIX_SPAWN:
		if (posix_spawn(&pid, cmd[0], NULL, NULL, cmd, environ) != 0)
			return -1;
		return pid;
	}
	return -1;
}

static long long cpu_ns(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000LL +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000LL;
}

static void time_command(const char *name, enum method how, char **cmd, size_t reps)
{
	long long *samples = measure_samples(reps), *cpu = measure_samples(reps);
	for (size_t i = 0; i < reps; i++) {
		long long before = measure_now_ns();
		pid_t pid = start(how, cmd);
		if (pid < 0)
			measure_die("start");
		int status;
		struct rusage ru;
		if (wait4(pid, &status, 0, &ru) != pid)
			measure_die("wait4");
		samples[i] = measure_now_ns() - before;
		cpu[i] = cpu_ns(&ru);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s: %s did not exit 0\n", name, cmd[0]);
			exit(1);
		}
	}
	measure_report(name, samples, reps);
	char cpu_name[256];
	snprintf(cpu_name, sizeof cpu_name, "%s_cpu", name);
	measure_report(cpu_name, cpu, reps);
	free(samples);
	free(cpu);
}

int main(int argc, char **argv)
{
	int rest;
	size_t reps = measure_reps(argc, argv, 500, &rest);
	if (rest == argc) {
		char *true_cmd[] = { "/bin/true", NULL };
		time_command("exec_fork_true", BY_FORK, true_cmd, reps);
		time_command("exec_vfork_true", BY_VFORK, true_cmd, reps);
		time_command("exec_posix_spawn_true", BY_POSIX_SPAWN, true_cmd, reps);
		return 0;
	}
	if (argc - rest < 2) {
		fprintf(stderr, "usage: %s [-n N] [NAME PROGRAM [ARGS...]]\n", argv[0]);
		return 2;
	}
	time_command(argv[rest], BY_FORK, argv + rest + 1, reps);
	return 0;
}
