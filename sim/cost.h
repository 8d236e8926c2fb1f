/* cost.h: what the steps that take time on a real machine cost, in
 * microseconds. System calls are charged by the kernel, as system time, to
 * the process that makes them; CPython's own work (start-up, a Process's
 * bootstrap, pickling for a Queue, shutdown) by the interpreter, as user
 * time. A cost shorter than a tick is carried over: a process pays whole
 * ticks once its costs add up to one, so with the default 100 ms tick only
 * many calls (a thousand forks) show, while with `tick 1ms` or finer each
 * start-up and bootstrap takes its place in time.
 * The defaults are medians measured on a real machine (docs/semantics.md,
 * section 15, and the programs in tools/measure/). */
#ifndef PROCSIM_COST_H
#define PROCSIM_COST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cost_kind {
	/* the kernel's: system calls */
	COST_FORK,          /* fork/clone, the parent's side */
	COST_WAIT4,         /* a wait4 that returns (reaped, or nothing) */
	COST_KILL,          /* kill */
	COST_PIPE,          /* a read or write on a pipe */
	COST_FUTEX,         /* a futex wait or wake */
	COST_EXEC,          /* execve of a small program, to its first instruction */
	COST_EXIT,          /* exit_group: do_exit's teardown (memory, files) before the zombie */
	COST_KERNEL_END,
	/* user space's: CPython */
	COST_PY_STARTUP = COST_KERNEL_END, /* python3 up to the program's first line */
	COST_PROCESS_START, /* Process.start(), the parent's side (besides the fork) */
	COST_BOOTSTRAP,     /* a Process child, from the fork to its target's first line */
	COST_QUEUE_PUT,     /* Queue.put: pickling, the feeder thread's write */
	COST_QUEUE_GET,     /* Queue.get: the read, unpickling */
	COST_TRACEBACK,     /* printing an uncaught exception's traceback (traceback.print_exc) */
	COST_PROCESS_EXIT,  /* a Process child, from its target's end to _exit_function (_bootstrap) */
	COST_PY_SHUTDOWN,   /* python3, after _exit_function's joins, to the exit: Py_FinalizeEx's teardown */
	COST_THREAD_START,  /* threading.Thread.start(): clone3, and the new thread's start-up */
	COST_APPLY_ASYNC,   /* Pool.apply_async() (and each task of map): an ApplyResult into the task queue */
	COST_COUNT
};

struct costs {
	int32_t us[COST_COUNT];
};

struct cost_info {
	const char *name;   /* as a scenario's `cost NAME DURATION` writes it */
	int32_t linux_us;   /* the measured default */
	const char *what;   /* for `procsim help costs` (translatable) */
};

const struct cost_info *cost_info(enum cost_kind k);
/* The kind called name (len bytes), or -1. */
int cost_find(const char *name, size_t len);
/* Every cost at its measured default ("linux"), or zero ("none"). */
void costs_linux(struct costs *c);
void costs_none(struct costs *c);

#endif
