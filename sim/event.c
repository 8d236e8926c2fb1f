/* event.c: the names of events, wait channels, wake reasons and outcomes. */
#include "event.h"

static const char *const event_names[EV_COUNT] = {
	[EV_SPAWN] = "spawn", [EV_DISPATCH] = "dispatch", [EV_PREEMPT] = "preempt",
	[EV_SLEEP] = "sleep", [EV_WAKE] = "wake", [EV_STOP] = "stop", [EV_CONT] = "cont",
	[EV_EXIT] = "exit", [EV_REAP] = "reap", [EV_REPARENT] = "reparent",
	[EV_SIGNAL] = "signal", [EV_PRINT] = "print", [EV_FORK_FAILED] = "fork-failed",
	[EV_WAIT_FAILED] = "wait-failed", [EV_CODE_END] = "code-end", [EV_HANDLER] = "handler",
	[EV_INPUT] = "input", [EV_IPC] = "ipc", [EV_RAISE] = "raise", [EV_MEMORY] = "memory", [EV_NICE] = "nice",
	[EV_EXEC] = "exec", [EV_THREAD] = "thread", [EV_THREAD_EXIT] = "thread-exit",
};
_Static_assert(sizeof event_names / sizeof event_names[0] == EV_COUNT, "one name per event");

/* The names of wait channels as /proc/PID/wchan and ps's WCHAN show them on
 * Linux 6.18, measured (tests/truth/README.md), and as older kernels named
 * them (4.x and 5.x; docs/semantics.md lists both). */
static const struct { const char *name, *kernel, *older; } wchans[WCHAN_COUNT] = {
	[WCHAN_NONE] = {"", "-", "-"},
	[WCHAN_TIMER] = {"timer", "hrtimer_nanosleep", "hrtimer_nanosleep"},
	[WCHAN_DISK] = {"disk", "io_schedule", "io_schedule"},
	[WCHAN_TTY] = {"tty", "wait_woken", "n_tty_read"},
	[WCHAN_CHILD] = {"child", "do_wait", "do_wait"},
	[WCHAN_CHILD_PID] = {"child-pid", "do_wait", "do_wait"},
	[WCHAN_JOIN_ALL] = {"children", "do_wait", "do_wait"},
	[WCHAN_PAUSE] = {"pause", "__do_sys_pause", "sys_pause"},
	/* multiprocessing's Lock, a full Queue's semaphore and JoinableQueue.join
	 * wait in futexes; Queue.get and a one-way Connection.recv read a pipe,
	 * a duplex Connection.recv a Unix socket. */
	[WCHAN_LOCK] = {"lock", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_QUEUE_GET] = {"queue-get", "anon_pipe_read", "pipe_read"},
	[WCHAN_QUEUE_PUT] = {"queue-put", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_QUEUE_JOIN] = {"queue-join", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_PIPE_RECV] = {"pipe-recv", "anon_pipe_read", "pipe_read"},
	/* a Pool's workers read its task queue; apply and map wait for results;
	 * Pool.join waits for the workers to exit. */
	[WCHAN_POOL_TASK] = {"pool-task", "anon_pipe_read", "pipe_read"},
	[WCHAN_POOL_RESULT] = {"pool-result", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_POOL_JOIN] = {"pool-join", "do_wait", "do_wait"},
	/* an idle worker behind the one reading the task queue: its reader lock */
	[WCHAN_POOL_RLOCK] = {"pool-rlock", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_QUEUE_RLOCK] = {"queue-rlock", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_SOCKET_RECV] = {"socket-recv", "unix_stream_read_generic", "unix_stream_read_generic"},
	/* CPython's own threads (tests/truth/threads.py): a Queue's feeder
	 * waits for items (a Condition); Thread.join and Thread.start wait on
	 * a lock; Pool's worker handler polls its workers' sentinels, its task
	 * handler waits on the task queue (queue.SimpleQueue), its result
	 * handler reads the result pipe. */
	[WCHAN_QUEUE_FEED] = {"queue-feed", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_THREAD_JOIN] = {"thread-join", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_POLL] = {"poll", "poll_schedule_timeout.constprop.0", "poll_schedule_timeout"},
	[WCHAN_POOL_TASKQ] = {"pool-taskq", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_POOL_OUTQ] = {"pool-outq", "anon_pipe_read", "pipe_read"},
	[WCHAN_THREAD_START] = {"thread-start", "futex_do_wait", "futex_wait_queue_me"},
	/* a Manager's server (tests/truth/manager_threads.py): its accepter,
	 * its main thread's stop_event.wait(), a serve_client thread in a
	 * queue.Queue.get() of the managed queue */
	[WCHAN_ACCEPT] = {"accept", "__skb_wait_for_more_packets", "__skb_wait_for_more_packets"},
	[WCHAN_MANAGER_STOP] = {"manager-stop", "futex_do_wait", "futex_wait_queue_me"},
	[WCHAN_MANAGER_GET] = {"manager-get", "futex_do_wait", "futex_wait_queue_me"},
	/* Manager(): main reads the server's address from a pipe; a proxy's
	 * call waits for the reply, a serve_client thread for a request */
	[WCHAN_MANAGER_START] = {"manager-start", "anon_pipe_read", "pipe_read"},
	[WCHAN_MANAGER_REPLY] = {"manager-reply", "unix_stream_read_generic", "unix_stream_read_generic"},
	[WCHAN_MANAGER_REQUEST] = {"manager-request", "unix_stream_read_generic", "unix_stream_read_generic"},
	/* join(timeout): popen_fork's wait polls the child's sentinel first
	 * (connection.wait), then reaps it */
	/* a write to a full pipe (tests/truth/queue_deadlock.py) */
	[WCHAN_PIPE_WRITE] = {"pipe-write", "anon_pipe_write", "pipe_write"},
	[WCHAN_CHILD_POLL] = {"child-poll", "poll_schedule_timeout.constprop.0", "poll_schedule_timeout"},
	/* vfork's parent until its child execs or exits: wait_for_vfork_done,
	 * inlined in kernel_clone (_do_fork before 5.10) */
	[WCHAN_VFORK] = {"vfork", "kernel_clone", "_do_fork"},
};

static const char *const wake_names[WAKE_COUNT] = {
	[WAKE_NONE] = "", [WAKE_TIMER] = "timer", [WAKE_IO_DONE] = "io",
	[WAKE_CHILD] = "child", [WAKE_INPUT] = "input", [WAKE_SIGNAL] = "signal",
	[WAKE_TIMEOUT] = "timeout", [WAKE_IPC] = "object",
};

static const char *const outcome_names[SIGOUT_COUNT] = {
	[SIGOUT_PENDING] = "pending", [SIGOUT_IGNORED] = "ignored", [SIGOUT_ZOMBIE] = "zombie",
	[SIGOUT_BLOCKED_D] = "pending-io", [SIGOUT_STOPPED] = "pending-stopped",
	[SIGOUT_CONTINUED] = "continued", [SIGOUT_NO_PROCESS] = "no-process",
	[SIGOUT_INIT_PROTECTED] = "init-protected",
	[SIGOUT_NOT_FOUND] = "no-process-found", [SIGOUT_NS_INIT_PROTECTED] = "ns-init-protected",
	[SIGOUT_BLOCKED] = "pending-blocked",
};

static const char *const ipc_names[IPC_COUNT] = {
	[IPC_ACQUIRE] = "acquire", [IPC_RELEASE] = "release", [IPC_PUT] = "put", [IPC_GET] = "get",
	[IPC_TASK_DONE] = "task_done", [IPC_QJOIN] = "join", [IPC_SEND] = "send", [IPC_RECV] = "recv",
	[IPC_CLOSE] = "close", [IPC_WRITE] = "write", [IPC_SUBMIT] = "submit", [IPC_TAKE] = "take", [IPC_FEED] = "feed",
};

const char *ipc_op_name(enum ipc_op op) { return op < IPC_COUNT ? ipc_names[op] : "?"; }

const char *event_name(enum sim_event_kind k) { return k < EV_COUNT ? event_names[k] : "?"; }
const char *wchan_name(enum wchan w) { return w < WCHAN_COUNT ? wchans[w].name : "?"; }
const char *wchan_older_name(enum wchan w) { return w < WCHAN_COUNT ? wchans[w].older : "?"; }

const char *wchan_kernel_name(enum wchan w) { return w < WCHAN_COUNT ? wchans[w].kernel : "?"; }
const char *wake_reason_name(enum wake_reason r) { return r < WAKE_COUNT ? wake_names[r] : "?"; }
const char *sig_outcome_name(enum sig_outcome o) { return o < SIGOUT_COUNT ? outcome_names[o] : "?"; }
