/* kill.c: what kill(2) costs, and how long until the handler runs.
 *
 * kill_sig0: kill(getpid(), 0), which finds the task and checks permission
 *   but sends nothing: the bare system call.  Timed in batches of 100 calls
 *   (one sample = batch / 100), -n N samples (default 2000).
 * kill_to_sleeper: the parent's kill(child, SIGUSR1) alone, the child asleep
 *   in sigsuspend() with a handler: queueing the signal and waking the child.
 * kill_to_handler_self: clock before kill(getpid(), SIGUSR1) to the clock
 *   taken first thing in the handler (delivered on the way out of kill:
 *   syscall, signal frame, handler entry).
 * kill_to_handler_other: the parent's clock before kill(child, SIGUSR1) to
 *   the child's clock first thing in its handler, the child asleep in
 *   sigsuspend() (wakeup, the child scheduled, possibly on the other CPU, the
 *   signal frame).  The child leaves its time on a shared page and answers
 *   through a pipe; the parent then waits 1 ms so that the child is back
 *   asleep before the next kill.
 * The handler stores a 64-bit time, one aligned store on x86-64. */
#define _GNU_SOURCE
#include "measure.h"

#include <stdlib.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { BATCH = 100 };

static volatile long long *shared;

static void stamp_handler(int sig)
{
	(void)sig;
	shared[0] = measure_now_ns();
}

static void install_handler(void)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = stamp_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		measure_die("sigaction");
}

static void block_usr1(sigset_t *old)
{
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &usr1, old) != 0)
		measure_die("sigprocmask");
}

/* The child: asleep in sigsuspend() with SIGUSR1 blocked outside it (from
 * before the fork), so a signal arriving early waits for the next
 * sigsuspend() instead of being lost; one byte on the pipe after each
 * handler.  SIGTERM ends it. */
static _Noreturn void sleeper(int answer_fd, sigset_t unblocked)
{
	sigdelset(&unblocked, SIGUSR1);
	for (;;) {
		sigsuspend(&unblocked);
		if (write(answer_fd, "x", 1) != 1)
			_exit(1);
	}
}

int main(int argc, char **argv)
{
	size_t reps = measure_reps(argc, argv, 2000, NULL);
	long long *samples = measure_samples(reps);
	long long *latency = measure_samples(reps);
	shared = measure_shared_page();
	install_handler();

	pid_t self = getpid();
	for (size_t i = 0; i < reps; i++) {
		long long before = measure_now_ns();
		for (int k = 0; k < BATCH; k++)
			kill(self, 0);
		samples[i] = (measure_now_ns() - before) / BATCH;
	}
	measure_report("kill_sig0", samples, reps);

	int answer[2];
	if (pipe(answer) != 0)
		measure_die("pipe");
	sigset_t unblocked;
	block_usr1(&unblocked);
	pid_t child = fork();
	if (child < 0)
		measure_die("fork");
	if (child == 0) {
		close(answer[0]);
		sleeper(answer[1], unblocked);
	}
	sigprocmask(SIG_SETMASK, &unblocked, NULL);
	close(answer[1]);
	const struct timespec one_ms = { 0, 1000000 };
	for (size_t i = 0; i < reps; i++) {
		nanosleep(&one_ms, NULL);
		long long before = measure_now_ns();
		if (kill(child, SIGUSR1) != 0)
			measure_die("kill");
		samples[i] = measure_now_ns() - before;
		char byte;
		if (read(answer[0], &byte, 1) != 1)
			measure_die("read");
		latency[i] = shared[0] - before;
	}
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	measure_report("kill_to_sleeper", samples, reps);
	measure_report("kill_to_handler_other", latency, reps);

	for (size_t i = 0; i < reps; i++) {
		long long before = measure_now_ns();
		kill(self, SIGUSR1);
		samples[i] = shared[0] - before;
	}
	measure_report("kill_to_handler_self", samples, reps);
	free(samples);
	free(latency);
	return 0;
}
