/* snapshot.h: read-only views of the kernel's state for ps, top and the screen. */
#ifndef PROCSIM_SNAPSHOT_H
#define PROCSIM_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "sched.h"

struct sim;

struct proc_info {
	int pid, ppid, pgid;   /* pid: a thread's row (snapshot_tasks) has its TID here */
	int tgid;              /* its process's PID (ps's PID beside LWP) */
	int nlwp;              /* threads in its process (ps's NLWP; STAT's l when above 1) */
	int64_t threads_cpu_ticks; /* a process's row: its other threads' CPU time (TIME adds it) */
	char state;            /* R S D T Z */
	bool on_cpu;
	int cpu;               /* when on_cpu */
	const char *name;      /* the program it runs (procsim's default names) */
	const char *cmdline;   /* the real command line: its parent's after a fork, set by exec */
	enum wchan wchan;
	int64_t until;         /* sleep end tick, or -1 */
	int wait_pid;          /* WCHAN_CHILD_PID */
	int64_t cpu_ticks;
	int64_t start_tick;
	int64_t exit_tick;     /* zombies */
	int exit_code, exit_sig;
	bool daemon;
	bool started;          /* by `start` or a pool: a multiprocessing child, with an exitcode */
	bool code_ended;       /* ran past its last line (joining its children), not exited yet */
	int pool_of;           /* a pool worker: the pool's object index, else -1 */
	int nice;
	int level;             /* mlfq: its queue level */
	int tickets;           /* lottery: its tickets (0: outside the draw) */
	int obj;               /* sleeping on a shared object: its index, else -1 */
	uint64_t pipes_open;   /* bit i: it holds pipe end i open */
	int job;               /* shell job number, 0 if none */
	/* memory, in KiB, as top shows it (zombies: none) */
	int64_t virt_kib;      /* VIRT */
	int64_t res_kib;       /* RES: file pages, private pages, pages shared copy-on-write */
	int64_t shr_kib;       /* SHR: the file pages */
	int64_t cow_kib;       /* of RES, the pages still shared copy-on-write since a fork */
	int nfds;              /* open descriptors beyond 0, 1 and 2 */
	const char *syscall;   /* asleep: the system call it sleeps in */
	/* what ps's session columns need (see session_info in machine.c) */
	int sid;               /* its session: the leader's PID */
	bool tty;              /* it has a controlling terminal (pts/0) */
	int tpgid;             /* that terminal's foreground process group, -1 without one */
	int uid;               /* 0 root, 1000 the logged-in user */
	int flags;             /* ps's F: 1 forked but not exec'd, 4 used super-user privileges */
	/* signal masks, bit N-1 for signal N, as /proc/PID/status's SigPnd,
	 * SigBlk, SigIgn and SigCgt (ps's PENDING, BLOCKED, IGNORED, CAUGHT) */
	uint64_t sig_pending, sig_blocked, sig_ignored, sig_caught;
};

struct sim_counts {
	int total, running, sleeping, stopped, zombie; /* processes, by their main thread's state */
	int on_cpu, runnable;  /* running = on_cpu + runnable */
	int threads, threads_running, threads_sleeping, threads_stopped; /* every task (top's H) */
};

/* Fills up to `max` entries sorted by PID; returns the number of processes. */
int snapshot_procs(const struct sim *s, struct proc_info *out, int max);
/* Every task, each process's main thread followed by its other threads (ps -L), up to max; returns how many. */
int snapshot_tasks(const struct sim *s, struct proc_info *out, int max);
/* The process (thread group) of the task pid: pid itself for a process's
 * main thread, another for a thread; 0 when there is no such task. */
int snapshot_tgid(const struct sim *s, int pid);
/* A process, or a thread by its TID. */
bool snapshot_proc(const struct sim *s, int pid, struct proc_info *out);
void snapshot_counts(const struct sim *s, struct sim_counts *c);
/* The process on each CPU (0 when idle); returns the number of CPUs. */
int snapshot_cpus(const struct sim *s, int *pids, int max);
/* The run queue, head first; returns its length. */
int snapshot_runqueue(const struct sim *s, int *pids, int max);
/* What the policy last decided on `cpu` (sched.h: a lottery's draw, an
 * mlfq's account of the tick it charged); false if cpu is out of range. */
bool snapshot_sched_note(const struct sim *s, int cpu, struct sched_note *out);

/* A shared object (lock, queue, pipe end, shared value) as the views show it. */
struct obj_info {
	const char *name;
	int kind;              /* enum obj_kind */
	int holder;            /* lock: PID holding it, 0 if free */
	int count;             /* queue: items; pipe end: messages waiting */
	long long maxsize;     /* queue: 0 = unbounded */
	long long unfinished;  /* joinable queue: tasks put but not done */
	int open;              /* pipe end: processes holding it open */
	int peer;              /* pipe end: the other end's index */
	int waiters, putters, joiners; /* sleeping on it */
	int rlock;             /* queue: the getter holding its reader lock, 0 if none */
	int fd;                /* pipe end: its descriptor in the processes that hold it, -1 none */
	char value[128];       /* shared: its value; queue: its items, oldest first */
};
/* The machine's memory, in KiB, as top's "MiB Mem" and "MiB Swap" lines
 * and free(1) show it. */
struct mem_info {
	int64_t total, free, used, buff_cache, avail;
	int64_t swap_total, swap_free, swap_used;
};
void snapshot_memory(const struct sim *s, struct mem_info *m);

int snapshot_objects(const struct sim *s);
bool snapshot_object(const struct sim *s, int index, struct obj_info *out);

#endif
