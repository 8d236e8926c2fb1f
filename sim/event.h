/* event.h: what the kernel reports. Every view (trace, JSON Lines, screen) is
 * built from these events and from snapshots; the kernel never prints. */
#ifndef PROCSIM_EVENT_H
#define PROCSIM_EVENT_H

#include <stdbool.h>
#include <stdint.h>

/* The errno values an event's err carries that the views tell apart. */
enum { SIM_ERR_EAGAIN = 11, SIM_ERR_ENOMEM = 12 };

enum sim_event_kind {
	EV_SPAWN, EV_DISPATCH, EV_PREEMPT, EV_SLEEP, EV_WAKE, EV_STOP, EV_CONT, EV_EXIT,
	EV_REAP, EV_REPARENT, EV_SIGNAL, EV_PRINT, EV_FORK_FAILED, EV_WAIT_FAILED,
	EV_CODE_END, EV_HANDLER, EV_INPUT, EV_IPC, EV_RAISE, EV_MEMORY, EV_NICE, EV_EXEC,
	EV_THREAD, EV_THREAD_EXIT,
	EV_COUNT
};

/* What a sleeping process waits for (its wait channel). */
enum wchan {
	WCHAN_NONE, WCHAN_TIMER, WCHAN_DISK, WCHAN_TTY, WCHAN_CHILD, WCHAN_CHILD_PID,
	WCHAN_JOIN_ALL, WCHAN_PAUSE,
	WCHAN_LOCK, WCHAN_QUEUE_GET, WCHAN_QUEUE_PUT, WCHAN_QUEUE_JOIN, WCHAN_PIPE_RECV,
	WCHAN_POOL_TASK, WCHAN_POOL_RESULT, WCHAN_POOL_JOIN, WCHAN_QUEUE_RLOCK, WCHAN_POOL_RLOCK,
	WCHAN_SOCKET_RECV,
	WCHAN_QUEUE_FEED, WCHAN_THREAD_JOIN, WCHAN_POLL, WCHAN_POOL_TASKQ, WCHAN_POOL_OUTQ, WCHAN_THREAD_START,
	WCHAN_ACCEPT, WCHAN_MANAGER_STOP, WCHAN_MANAGER_GET, WCHAN_MANAGER_START, WCHAN_MANAGER_REPLY,
	WCHAN_MANAGER_REQUEST, WCHAN_CHILD_POLL, WCHAN_PIPE_WRITE, WCHAN_VFORK,
	WCHAN_COUNT
};

enum wake_reason {
	WAKE_NONE, WAKE_TIMER, WAKE_IO_DONE, WAKE_CHILD, WAKE_INPUT, WAKE_SIGNAL, WAKE_TIMEOUT, WAKE_IPC,
	WAKE_COUNT
};

/* What became of a signal at the moment it was sent. */
enum sig_outcome {
	SIGOUT_PENDING,      /* will act when the target next runs */
	SIGOUT_IGNORED,      /* dropped: ignored by disposition */
	SIGOUT_ZOMBIE,       /* target is a zombie: nothing happens */
	SIGOUT_BLOCKED_D,    /* target in D: waits until its I/O completes */
	SIGOUT_STOPPED,      /* target stopped: waits until SIGCONT */
	SIGOUT_CONTINUED,    /* SIGCONT resumed a stopped target */
	SIGOUT_NO_PROCESS,   /* ESRCH */
	SIGOUT_INIT_PROTECTED, /* PID 1 ignores signals it has no handler for */
	SIGOUT_NOT_FOUND,    /* killall: no process of that name (text) */
	SIGOUT_NS_INIT_PROTECTED, /* a container's PID 1 ignores signals it has no handler for */
	SIGOUT_BLOCKED,      /* the target blocks it: pending until it unblocks it */
	SIGOUT_COUNT
};

enum ipc_op {
	IPC_ACQUIRE, IPC_RELEASE, IPC_PUT, IPC_GET, IPC_TASK_DONE, IPC_QJOIN, IPC_SEND, IPC_RECV,
	IPC_CLOSE, IPC_WRITE, IPC_SUBMIT, IPC_TAKE, IPC_FEED, IPC_COUNT
};

struct sim_event {
	enum sim_event_kind kind;
	int64_t t;           /* tick */
	int pid;
	int ppid;            /* spawn: parent; exit: parent at exit; thread, thread-exit: its process */
	const char *name;    /* command name of pid */
	const char *cmdline; /* its real command line (fork keeps the parent's; exec sets it) */
	int cpu;             /* dispatch, preempt: which CPU */
	int other;           /* reap: by; reparent: from; signal: sender (0 = kernel, -1 = timeline,
	                        -2 = the teacher's keyboard, -3 = the terminal: Ctrl+C, Ctrl+Z) */
	int to;              /* reparent: new parent */
	int code;            /* exit, reap: exit code when sig == 0; print: 1 for stderr; nice: the new nice */
	int sig;             /* exit, reap: killing signal; signal, stop, handler: the signal */
	bool zombie;         /* exit: stays a zombie (false: reaped at once) */
	char state;          /* sleep: 'S' or 'D' */
	enum wchan wchan;    /* sleep */
	int64_t until;       /* sleep: wake-up tick, or -1 */
	int wait_pid;        /* sleep on WCHAN_CHILD_PID */
	enum wake_reason reason; /* wake */
	enum sig_outcome outcome; /* signal */
	int err;             /* fork-failed: EAGAIN (no PID) or ENOMEM (no RAM for a new program);
				wait-failed: ECHILD; nice: ESRCH (no such process): Linux's numbers */
	int count;           /* code-end: children still to join; ipc: items now in the queue; nice: the old nice */
	const char *text;    /* print, input: the line; ipc: the value; raise: the message;
	                        fork-failed: the program it tried to start */
	const char *object;  /* ipc, sleep on an object: its name */
	enum ipc_op op;      /* ipc */
	bool caught;         /* raise: an `except` block catches it */
	bool in_pool;        /* raise: a pool task's exception, for its caller */
	bool in_finally;     /* raise: a finally block runs first, then it goes on */
	bool in_atexit;      /* raise: out of an atexit handler, which atexit reports and goes on */
	bool yielded;        /* preempt: it gave up the CPU itself (sched_yield) */
	bool traced;         /* stop, cont: a debugger attached (t, ptrace_stop) or detached */
	bool core;           /* exit: killed by a Core signal, and a core file was written */
	const char *syscall; /* the system call being made when it happened, or NULL */
	bool has_fd;         /* that call's file descriptor, if it takes one */
	int fd;
	/* memory: pages allocated (alloc) or copied (copy-on-write), and the
	 * process's figures after it, in KiB; spawn: its figures at birth */
	int64_t pages;
	bool cow;            /* memory: a write that copied shared pages */
	int64_t virt_kib, res_kib, shared_kib, used_kib;
};


typedef void sim_sink_fn(void *ctx, const struct sim_event *ev);

/* Stable names used in JSON Lines ("spawn", "fork-failed", ...). */
const char *event_name(enum sim_event_kind k);
/* "timer", "disk", "tty", "child", ... and ps's WCHAN ("hrtimer_nanosleep"). */
const char *wchan_name(enum wchan w);
const char *wchan_kernel_name(enum wchan w);
/* The name older kernels (4.x, 5.x) gave it. */
const char *wchan_older_name(enum wchan w);
const char *wake_reason_name(enum wake_reason r);
const char *sig_outcome_name(enum sig_outcome o);
const char *ipc_op_name(enum ipc_op op);

#endif
