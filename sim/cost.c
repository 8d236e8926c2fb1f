/* cost.c: see cost.h. One row per cost; the figures are the medians of
 * tools/measure/run.sh on the machine docs/semantics.md (section 15) names:
 * fork_parent, wait4_zombie, kill_to_sleeper, a pipe's share of
 * queue_pipe_roundtrip, futex from lock_handoff; python_startup_cpu (this
 * installation's site imports included: a plain CPython starts in 15-20
 * ms); process_start_parent less the fork; process_start_to_target less
 * process_start_parent; queue_put_get split between put and get;
 * interpreter_shutdown_mp_child; interpreter_shutdown_main; exec from
 * exec_vfork_true (vfork + execve + a tiny program); traceback from
 * tests/truth/traceback_cost.py (median of 30 in a Process child). */
#include "cost.h"

#include <string.h>

#include "i18n.h"

static const struct cost_info table[COST_COUNT] = {
	[COST_FORK] = {"fork", 65, N_("fork: the parent's time in the system call (copying page tables, the new task)")},
	[COST_WAIT4] = {"wait4", 2, N_("wait4 returning: reaping a zombie, or finding none")},
	[COST_KILL] = {"kill", 8, N_("kill: sending a signal")},
	[COST_PIPE] = {"pipe", 4, N_("a read or write of a pipe")},
	[COST_FUTEX] = {"futex", 2, N_("a futex wait or wake (a Lock, a Queue's locks)")},
	[COST_EXIT] = {"exit", 64, N_("exit: the process's own end (do_exit: its memory and files torn down) before it is a zombie")},
	[COST_EXEC] = {"exec", 700, N_("execve: a new program in the same process (its memory, its loading)")},
	[COST_PY_STARTUP] = {"python_startup", 45000, N_("python3 starting, before the program's first line")},
	[COST_PROCESS_START] = {"process_start", 740, N_("Process.start() in the parent, besides the fork")},
	[COST_BOOTSTRAP] = {"bootstrap", 2000, N_("a Process child from the fork to its target's first line (_bootstrap)")},
	[COST_QUEUE_PUT] = {"queue_put", 20, N_("Queue.put: pickling and the feeder thread's write")},
	[COST_QUEUE_GET] = {"queue_get", 25, N_("Queue.get: the read and unpickling")},
	[COST_TRACEBACK] = {"traceback", 5000, N_("printing an uncaught exception's traceback (traceback.print_exc: importing it, reading the source)")},
	[COST_PROCESS_EXIT] = {"process_exit", 4000, N_("a Process child from its target's end to multiprocessing's exit handler, which joins its children")},
	[COST_PY_SHUTDOWN] = {"python_shutdown", 44000, N_("python3 from its exit handler's last join to its exit (Py_FinalizeEx)")},
	[COST_APPLY_ASYNC] = {"apply_async", 4, N_("Pool.apply_async(), each task of map(): an ApplyResult, the task into the pool's task queue")},
	[COST_THREAD_START] = {"thread_start", 50, N_("threading.Thread.start(): a new thread (clone3), until it runs (a Queue's feeder, a Pool's handlers)")},
};

const struct cost_info *cost_info(enum cost_kind k) { return &table[k]; }

int cost_find(const char *name, size_t len)
{
	for (int k = 0; k < COST_COUNT; k++)
		if (strlen(table[k].name) == len && memcmp(table[k].name, name, len) == 0)
			return k;
	return -1;
}

void costs_linux(struct costs *c)
{
	for (int k = 0; k < COST_COUNT; k++)
		c->us[k] = table[k].linux_us;
}

void costs_none(struct costs *c) { memset(c, 0, sizeof *c); }
