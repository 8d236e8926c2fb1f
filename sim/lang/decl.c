/* decl.c: the one list of what a scenario declares at its top level besides
 * instructions: declarations (programs, shared objects, jobs, the
 * timeline) and settings, and the Python habits a newcomer types, with the
 * procsim line for each. `procsim help NAME` reads it; a test checks that
 * every setting the parser knows is here. */
#include "decl.h"

#include <string.h>

#include "../i18n.h"

static const struct decl_info decls[] = {
	/* declarations */
	{"program", DECL_DECLARATION, "program NAME[(PARAMS)]",
	 N_("Define a program: the code that a child process runs, like a Python function."),
	 N_("Its indented block holds instructions; its parameters are filled by `start NAME(ARGS)` or `fork NAME(ARGS)`."),
	 "def NAME(PARAMS):"},
	{"main", DECL_DECLARATION, "main [\"COMMAND\"]",
	 N_("Define main: the program the login shell starts as its foreground job; COMMAND is its name in ps."),
	 N_("A COMMAND that starts with python is a Python interpreter: Ctrl+C raises KeyboardInterrupt, SIGPIPE is ignored, and the end of its code joins the children it started."),
	 "if __name__ == \"__main__\":"},
	{"var", DECL_DECLARATION, "var NAME = EXPR",
	 N_("Declare a global variable: each process has its own copy, copied at fork (copy-on-write)."), "",
	 "a module-level variable"},
	{"shared", DECL_DECLARATION, "shared NAME = EXPR",
	 N_("Declare a value that every process reads and writes, like a file: races show."), "",
	 "a file, multiprocessing.Value"},
	{"lock", DECL_DECLARATION, "lock NAME", N_("Declare a multiprocessing.Lock, a semaphore on a futex."), "",
	 "Lock()"},
	{"queue", DECL_DECLARATION, "queue NAME [maxsize N]",
	 N_("Declare a multiprocessing.Queue: a pipe, a reader lock and a bounded semaphore; maxsize 0 or below: unbounded."),
	 "", "Queue(N)"},
	{"joinable_queue", DECL_DECLARATION, "joinable_queue NAME [maxsize N]",
	 N_("Declare a multiprocessing.JoinableQueue: a queue that counts the tasks not yet done (task_done, join)."),
	 "", "JoinableQueue(N)"},
	{"pipe", DECL_DECLARATION, "pipe A, B [simplex]",
	 N_("Declare a multiprocessing.Pipe(): two connected ends, a socket pair; simplex: a pipe, A only receives and B only sends."),
	 "", "A, B = Pipe()"},
	{"job", DECL_DECLARATION,
	 "job NAME [arrives T] runs B [io I every E | , io I, runs B...] [nice N] [tickets N] [working_set W] [affinity CPU...]",
	 N_("Declare a textbook job: init starts it at T; it computes B, doing I of disk I/O after every E of CPU, or its CPU and I/O bursts one after another, in the order written; under lottery it holds N tickets (default 100)."),
	 N_("Scheduling exercises: `procsim stats` gives turnaround, response and waiting times. For policy multi: working_set W is the cache it needs, affinity 0 2 the CPUs it may run on."),
	 "taskset -c"},
	{"at", DECL_DECLARATION,
	 "at T kill [-SIG] PID|NAME|%JOB | pkill [-SIG] [-f] PATTERN | killall [-SIG] NAME | ctrl-c | ctrl-z | type \"LINE\" | run PROGRAM [&] | bg [%JOB] | fg [%JOB] | jobs | wait | attach PID|NAME | detach PID|NAME",
	 N_("The timeline: what happens at time T from outside the programs: a signal from another terminal, a key on the terminal, a line typed."),
	 N_("attach and detach are a debugger in another terminal (gdb -p PID, then its detach): the process stops in a tracing stop, t, asleep in ptrace_stop, until the detach; its parent is not told, SIGCONT does not resume it, SIGKILL kills it."),
	 "kill(1), pkill(1), killall(1), the keyboard, ptrace(2)"},
	{"cron", DECL_DECLARATION, "cron \"MIN HOUR DAY MONTH WEEKDAY\" PROGRAM",
	 N_("A crontab line: the cron daemon (started by init) runs PROGRAM whenever the clock matches the five crontab(5) fields, or @reboot, @hourly, @daily..."),
	 N_("A scenario with cron lines needs a limit, as cron never ends; one cron minute is 60s of simulated time whatever the tick. `procsim crontab FILE` prints the lines as crontab -l does."),
	 "crontab(5), cron(8)"},
	/* settings */
	{"title", DECL_SETTING, "title \"TEXT\"", N_("The scenario's title, shown by every view."), "", ""},
	{"shell", DECL_SETTING, "shell NAME", N_("The login shell's name in ps (default bash)."), "", ""},
	{"tick", DECL_SETTING, "tick DURATION",
	 N_("How long one tick is (default 100ms, at least 10us): the clock's step, and the timer interrupt that ends time slices."),
	 N_("Costs shorter than a tick add up until they make one: with `tick 1ms` or finer, python3's start-up and each Process's bootstrap take their place in time, as on Linux."),
	 "CONFIG_HZ"},
	{"cpus", DECL_SETTING, "cpus N", N_("How many CPUs the machine has (default 1); also os.cpu_count()."), "", "nproc"},
	{"pid_max", DECL_SETTING, "pid_max N",
	 N_("One more than the largest PID (default 32768): fork fails with EAGAIN when every PID is in use."), "",
	 "/proc/sys/kernel/pid_max"},
	{"limit", DECL_SETTING, "limit DURATION", N_("Stop the run at this time."), "", ""},
	{"pid1", DECL_SETTING, "pid1 init|main|tini",
	 N_("Who is PID 1 where main runs (default init): init, a classic init (systemd) that reaps every orphan at once; main, as in a container run without --init, where main is PID 1 of its PID namespace; tini, a minimal init that runs main as its child (docker run --init)."),
	 N_("With main, orphans are re-parented to main, which reaps only what it waits for: their zombies pile up until main exits; signals main has no handler for are dropped, except SIGKILL and SIGSTOP from outside the container (docker stop's SIGTERM does nothing); when main exits the kernel kills every other process of the container (zap_pid_ns_processes). With tini, tini reaps every zombie at once, forwards the signals it gets to main, and exits with main's status (128+N when a signal N killed it). ps shows the machine's PIDs."),
	 "PID namespaces, PR_SET_CHILD_SUBREAPER, tini"},
	{"seed", DECL_SETTING, "seed N",
	 N_("Seed the run's random numbers, like random.seed(N) (default 0): random(LO, HI) durations and random.randint(A, B) draw CPython's numbers for that seed."),
	 N_("One generator serves the whole run, drawn in the order the run executes the draws: what main alone draws is what the same calls draw in CPython after random.seed(N). (CPython reseeds a forked child from os.urandom, so its children's draws are never reproducible.) A policy that draws (multi: the CPU to steal from, the shuffled order; lottery: the winning tickets) has its own generator, seeded with the same N."),
	 "random.seed, random.uniform, random.randint"},
	{"policy", DECL_SETTING, "policy NAME",
	 N_("The scheduling policy: rr, fifo, sjf, stcf, prio, mlfq, cfs, cyclic, multi or lottery (default rr)."), "", ""},
	{"quantum", DECL_SETTING, "quantum DURATION", N_("The time slice of rr, prio and lottery (default 3 ticks)."), "", ""},
	{"levels", DECL_SETTING, "levels N", N_("mlfq: how many queues (default 3)."), "", ""},
	{"level_quantum", DECL_SETTING, "level_quantum D, D...", N_("mlfq: the time slice of each level, the top first."),
	 "", ""},
	{"allotment", DECL_SETTING, "allotment D, D...",
	 N_("mlfq: how long a process may run at a level before it moves down."), "", ""},
	{"boost", DECL_SETTING, "boost DURATION", N_("mlfq: every so long, every process goes back to the top (0: never)."),
	 "", ""},
	{"stay_after_io", DECL_SETTING, "stay_after_io yes|no",
	 N_("mlfq: a process that sleeps gets its slice and allotment afresh at its level (default no): OSTEP's gamed rule."),
	 "", "mlfq.py -S"},
	{"io_bump", DECL_SETTING, "io_bump yes|no",
	 N_("mlfq: a process that wakes goes to the front of its level's queue (default no)."), "", "mlfq.py -I"},
	{"latency", DECL_SETTING, "latency DURATION", N_("cfs: the target latency."), "", "sysctl_sched_latency"},
	{"min_granularity", DECL_SETTING, "min_granularity DURATION", N_("cfs: the shortest slice."), "",
	 "sysctl_sched_min_granularity"},
	{"switch_cost", DECL_SETTING, "switch_cost DURATION",
	 N_("System time a CPU spends switching to another process (default 0)."), "", ""},
	{"costs", DECL_SETTING, "costs linux|none",
	 N_("What system calls and CPython's steps cost: measured on Linux (the default with a main) or nothing (the default for job workloads, as textbooks count)."),
	 N_("The costs and their defaults: procsim help costs."), ""},
	{"cost", DECL_SETTING, "cost NAME DURATION",
	 N_("Set one cost, e.g. cost fork 150us or cost python_startup 30ms."), N_("The costs and their defaults: procsim help costs."),
	 ""},
	{"switch_on", DECL_SETTING, "switch_on io|end",
	 N_("cyclic: the CPU goes to another process when its process blocks or ends (io, the default), or only when it ends (end: idle while it waits for disk I/O)."),
	 "", ""},
	{"io_done", DECL_SETTING, "io_done later|immediate",
	 N_("cyclic: a process whose disk I/O completes waits its turn (later, the default) or takes the CPU at once (immediate)."),
	 "", ""},
	{"queues", DECL_SETTING, "queues single|per_cpu",
	 N_("multi: one run queue for all CPUs (single, the default) or one per CPU (per_cpu)."), "", "multi.py -p"},
	{"cpu_order", DECL_SETTING, "cpu_order fixed|random",
	 N_("multi: the idle CPUs take jobs in the order of their numbers (fixed, the default) or in an order shuffled each tick (random)."),
	 "", "multi.py -o"},
	{"peek", DECL_SETTING, "peek DURATION",
	 N_("multi, per_cpu: every so long, a CPU whose queue is empty takes a job from another CPU's queue, drawn at random (default 30 ticks; 0: never)."),
	 "", "multi.py -P"},
	{"warmup", DECL_SETTING, "warmup DURATION",
	 N_("multi: how long a job runs on a CPU before its working set is warm in that CPU's cache (default 10 ticks)."), "",
	 "multi.py -w"},
	{"warm_rate", DECL_SETTING, "warm_rate N",
	 N_("multi: a job warm in its CPU's cache does N ticks of work in one tick (default 2)."), "", "multi.py -r"},
	{"cache_size", DECL_SETTING, "cache_size N",
	 N_("multi: each CPU's cache holds working sets up to N in all (default 100)."), "", "multi.py -M"},
	{"skip_draws", DECL_SETTING, "skip_draws N",
	 N_("The policy's random draws start after N random.random() calls of the seeded stream: those a tool made first (multi.py draws two per random job)."),
	 "", ""},
	{"minute", DECL_SETTING, "minute DURATION", N_("How long a minute of the load average is (default 60s)."), "",
	 "calc_load"},
	{"memory", DECL_SETTING, "memory SIZE", N_("The machine's RAM (default 8GiB)."), "", "MemTotal"},
	{"swap", DECL_SETTING, "swap SIZE", N_("The machine's swap (default 2GiB); procsim does not swap."), "", "SwapTotal"},
	/* what a Python or shell user types first */
	{"for", DECL_HABIT, "repeat N as i", N_("Python's `for i in range(N):` is written `repeat N as i`, with an indented block."), "", ""},
	{"def", DECL_HABIT, "program f(x)", N_("Python's `def f(x):` is written `program f(x)`, at the top level."), "", ""},
	{"Process", DECL_HABIT, "start f(x) as p", N_("Python's `p = Process(target=f, args=(x,)); p.start()` is written `start f(x) as p`."),
	 N_("To make the Process first and start it later: `process f(x) as p`, then `start p`."), ""},
	{"import", DECL_HABIT, "lock, queue, pipe, pool", N_("There is nothing to import: declare locks, queues and pipes at the top, and make a pool with `pool NAME`."), "", ""},
	{"time.sleep", DECL_HABIT, "sleep 2s", N_("Python's `time.sleep(2)` is written `sleep 2s` (without a unit, a duration is in ticks)."), "", ""},
	{"os.fork", DECL_HABIT, "fork f as c", N_("`os.fork()` is written `fork f as c`: the child runs program f."), "", ""},
	{"sys.exit", DECL_HABIT, "sys.exit(3)", N_("`sys.exit(CODE)` and `sys.exit(\"MESSAGE\")` are written as in Python: the code's end still joins the children, a message goes to stderr with exit code 1."), "", ""},
	{"q.get", DECL_HABIT, "get q as x", N_("`x = q.get()` is written `get q as x`; `q.put(x)` is `put q x`."), "", ""},
	{"p.join", DECL_HABIT, "join p", N_("`p.join()` is written `join p`; `lock.acquire()` is `acquire lock`."), "", ""},
};

const struct decl_info *decl_all(int *count)
{
	*count = (int)(sizeof decls / sizeof decls[0]);
	return decls;
}

const struct decl_info *decl_find(const char *name)
{
	for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++)
		if (strcmp(decls[i].name, name) == 0)
			return &decls[i];
	return NULL;
}
