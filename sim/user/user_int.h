/* user_int.h: user space's insides, shared by the files of sim/user/: the
 * interpreter (exec.c, eval.c), CPython's multiprocessing (mp.c, pool.c),
 * bash and init (bash.c). They reach the kernel only through
 * kernel.h: system calls, and what /proc would show.
 *
 * Each process's user memory (its image, struct uproc) lives beside the
 * kernel's record of it; the kernel knows its size and nothing of its
 * contents. The objects a program shares with its children (locks, queues,
 * pipes' Connection objects, pools) are in struct user: they stand for the
 * shared memory and the inherited descriptors through which CPython's
 * objects are shared after fork. */
#ifndef PROCSIM_USER_INT_H
#define PROCSIM_USER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "kernel.h"
#include "lang/program.h"
#include "crontab.h"
#include "pyrandom.h"
#include "sim.h"

#define PROGRESS_NONE INT64_MIN       /* the current instruction has not started */
/* A rare path that the compiler should keep out of a hot function. */
#if defined(__GNUC__)
#define COLD __attribute__((cold, noinline))
#else
#define COLD
#endif
#define MAX_OBJECTS 64

enum value_kind { VAL_NONE, VAL_INT, VAL_STR, VAL_HANDLE, VAL_BOOL, VAL_OBJ };
struct value {
	uint8_t kind;
	uint8_t reaped;                  /* VAL_HANDLE: the child has been reaped (Popen.returncode is set) */
	uint8_t daemon;                  /* VAL_HANDLE: Process.daemon */
	int32_t status;                  /* VAL_HANDLE: once reaped, the code, or -signal; before, the
					    PID of the process that started it (Process._parent_pid) */
	int64_t i;                       /* VAL_INT, VAL_BOOL; VAL_HANDLE: the child's PID; VAL_OBJ: object index */
	const char *s;                   /* VAL_STR; VAL_OBJ: its name; VAL_HANDLE: Process.name */
};
_Static_assert(sizeof(struct value) <= sizeof(struct pipe_msg), "a value pickles into one pipe message");

/* A shared object at run time. */
struct uobj {
	const struct obj_decl *decl;
	int32_t holder;                   /* lock: the PID holding it, 0 if free (for the views) */
	int64_t unfinished;               /* joinable queue: put minus task_done */
	struct value shared;              /* OBJ_SHARED: the value */
	/* futexes (kernel_futex_new) */
	int fx_waiters;                   /* lock: acquirers; queue: the getter on the pipe; pool: idle workers */
	int fx_putters;                   /* queue: waiting for room (its semaphore); pool: apply/map callers */
	int fx_joiners;                   /* joinable queue: in join() */
	int fx_rwaiters;                  /* queue: getters waiting for the reader lock */
	int32_t rlock;                    /* queue: the getter holding the reader lock (_rlock), 0 if none */
	/* pipe end: its descriptor, the same in every process that inherited
	 * it; queue: its pipe's read end (fd) and write end (wfd) */
	int fd, wfd;
	int file;                         /* the open file fd refers to (for the views: what is left in
					     the pipe, even once every process has closed it), or -1 */
	/* pool: tasks waiting for a worker, its workers in order (Pool._pool) */
	struct pool_task *tasks;
	int32_t thead, tcount, tcap;
	int32_t *workers;
	int32_t nworkers, capworkers;
	int32_t unhanded;                 /* pool: tasks in its taskqueue, not yet handed to the workers' pipe */
	int32_t outstanding;              /* pool: its cache: tasks submitted whose result has not come back */
	int ofd, owfd, ofile;             /* pool: the result queue's pipe (_outqueue) */
	bool handlers_stop;               /* pool: the worker handler has ended: the task handler's sentinel */
	bool finalized;                   /* pool: joined, or terminated by its finalizer at exit */
	int8_t term_stage;                /* pool: how far _terminate_pool has gone (pool.c); above 0:
					     TERMINATE, the handlers stop at once */
	bool closed, created;
	struct program *worker_prog;
	/* a managed queue (Manager().Queue()): its items, in the server process */
	struct value *mitems;
	int32_t mhead, mcount, mcap;
};

struct frame {                       /* code interrupted by a signal handler, or a pool task's caller */
	int32_t pc;
	int64_t progress;
	int sig;
	bool call;                        /* a pool worker running a task: restore prog and locals */
	const struct program *prog;
	struct value *locals;
	int32_t pool, submitter;          /* call: the pool, and who waits for the task (0: nobody) */
	int8_t exc;                       /* call: the exception the task raised, or -1 */
	int32_t chunk_left;               /* call: a map chunk's items after this one */
	int64_t chunk_next;               /* ... and the next one's argument */
	const char *exc_msg;
	struct frame *next;
};

struct pool_task {
	int32_t prog;                     /* the program to run */
	int32_t nargs;
	int32_t submitter;                /* PID blocked in apply/map until it is done, or 0 */
	int32_t chunk;                    /* map: the items of this chunk (args[0] the first's); else 1 */
	struct value args[8];
};

#define UF_DAEMON      0x01          /* Process.daemon */
#define UF_MP_CHILD    0x02          /* started by multiprocessing: runs under _bootstrap() */
#define UF_CODE_ENDED  0x04          /* ran past its last instruction (joining children) */
#define UF_PYTHON      0x08          /* a Python interpreter: main "python3 ..." and its descendants */
#define UF_SIGINT_EXIT 0x10          /* ends killed by SIGINT after its exit handling (Python >= 3.8) */
#define UF_INT_TRIPPED 0x20          /* SIGINT arrived: KeyboardInterrupt before the next instruction */
#define UF_TERMINATED  0x40          /* code end: its daemonic children have been sent SIGTERM */
#define MP_NAMED       0x8000        /* uproc.mp_number: the Process was named (flags has no bit left) */
#define MP_NUMBER_MAX  0x7fff
#define UF_SHUTDOWN    0x80          /* code end: its children joined, python3 tears down (Py_FinalizeEx) */

/* Handler addresses that are not in the scenario's code: C handlers. */
#define ADDR_PY_SIGINT  (-3)         /* CPython's signal_handler for default_int_handler */
#define ADDR_BASH_SIGHUP (-4)        /* bash's termsig_sighandler for SIGHUP */
#define ADDR_BASH_SIGCHLD (-5)       /* bash's sigchld_handler */
#define ADDR_CRON_SIGCHLD (-6)       /* cron's sigchld_handler */
#define ADDR_TINI_SIGNAL (-7)        /* tini's forwarding of the signals it gets */

/* A process's user memory. (Fields by size, widest first: a million
 * processes' images are a good part of procsim's memory.) */
struct uproc {
	struct proc *task;                /* the kernel's record of it (getpid() and friends) */
	const struct program *prog;       /* the code it runs */
	int64_t progress;                 /* state of the current instruction */
	struct value *locals;
	struct value *globals;            /* its own copy of the scenario's `var`s */
	struct frame *frames;
	const char *exc_msg;
	int32_t *children;                /* multiprocessing's _children: PIDs it started, not reaped */
	const char *pool_exc_msg;
	int32_t pid;
	int32_t pc;
	int32_t nchildren, capchildren;
	int32_t pool_pending;             /* tasks it submitted with apply/map, not done yet */
	int16_t pool_of;                  /* a pool worker: the pool's object index; else -1 */
	int16_t exit_code;                /* code used when the code ends (0..255) */
	uint16_t mp_made;                 /* Process objects it made: process.py's _process_counter */
	uint16_t mp_number;               /* a Process child: its number in its parent's count (_identity),
					     | MP_NAMED when it was given a name (Process(name=...)) */
	int8_t job;                       /* bash's job number for a job leader (1..MAX_JOBS) */
	int8_t exc;                       /* an exception being raised (enum exc_kind), or -1 */
	uint8_t flags;
	int8_t pool_exc;                  /* an exception a pool task raised for its apply/map, or -1 */
	int32_t spend_ticks;              /* CPython's own work (cost.h) to do before the next instruction */
	int32_t spend_us;                 /* and less than a tick of it, carried over */
	int32_t thread;                   /* one of CPython's threads: 1 + its index in user.threads; else 0 */
};

#define MAX_JOBS 32                  /* bash's job table (bash grows it; 32 is plenty here) */
_Static_assert(MAX_JOBS < 128, "a job number fits uproc.job");
struct job {                          /* one slot of bash's job table (jobs.c's JOB) */
	int pgid, leader_pid;
	const char *cmd;                  /* the command as typed, without its '&' */
	bool stopped;                     /* JSTOPPED (else JRUNNING) */
	bool background;                  /* not J_FOREGROUND: `jobs` adds " &" while it runs */
	bool dead;                        /* JDEAD: it has ended (not yet reported) */
	struct wait_status end;           /* dead: how */
	bool done;                        /* deleted: dead, and reported; the slot is free */
};

/* One of the threads CPython starts for multiprocessing (thread.c). */
enum uthread_kind {
	UT_FEEDER,                        /* Queue's feeder: buffer -> pipe (queues.py _feed) */
	UT_WORKER_HANDLER,                /* Pool's _handle_workers: polls, keeps the pool */
	UT_TASK_HANDLER,                  /* Pool's _handle_tasks: task queue -> the workers' pipe */
	UT_RESULT_HANDLER,                /* Pool's _handle_results: results pipe -> the callers */
	UT_MGR_ACCEPTER,                  /* a Manager's server: accepts connections (Server.accepter) */
	UT_MGR_CONN,                      /* ... and serves one (Server.serve_client); obj: its descriptor */
	UT_COUNT
};
struct uthread {
	int32_t tgid, tid;                /* its process and itself; tid 0: a free entry, -1: ended
					     before its starter saw it start (kept for that starter) */
	int16_t obj;                      /* the queue or pool it serves */
	uint8_t kind;                     /* enum uthread_kind */
	bool started;                     /* Thread._started is set */
	bool acked;                       /* its starter has seen it start (Thread.start returned) */
	bool closing;                     /* the feeder's sentinel is in its buffer */
	int fx_started, fx_ended, fx_work;/* futexes: Thread.start's wait, join's, and its loop's */
	int32_t conn;                     /* the Manager's accepter: a connection accepted, not yet served (-1) */
	struct pipe_msg req, val;         /* a serve_client thread: the request it is serving, a put's value */
	struct pipe_msg *buf;             /* the feeder's buffer (collections.deque): put, not yet written */
	int32_t head, count, cap;
};

/* A Manager (Lib/multiprocessing/managers.py), once a scenario has a
 * managed queue: its server process and how the others reach it. */
struct manager {
	int32_t pid;                      /* its server process (SyncManager-1), 0: not started */
	int listener;                     /* the open file of its listening socket (its address), -1 */
	int lfd;                          /* that socket's descriptor in the server */
	bool stopping;                    /* shutdown was asked */
	int8_t creating;                  /* main's connections for making the queues, still to make */
	int8_t final_phase;               /* _finalize_manager's progress in main */
	int64_t final_deadline;           /* ... and its join's timeout (1 s) */
	int fx_ready, fx_stop, fx_items;  /* futexes: its address; stop_event; a get or put waiting */
	struct mgr_conn {                 /* a process's connections to it */
		int32_t pid;
		int fd;                       /* the proxy's own (thread-local, kept), -1 */
		int temp;                     /* a short one in use (incref, decref...), -1 */
		uint8_t done;                 /* MGR_INCREFED, MGR_DECREFED */
	} *conns;
	int32_t nconns, capconns;
	const struct program *server_prog;
};

/* The cron daemon's variables (cron.c: cron.c's statics). */
struct cron_daemon {
	int64_t next;                     /* the minute it sleeps until (since the Unix epoch), -1: none */
	bool got_sigchld;                 /* sigchld_handler ran: reap */
	bool started;                     /* the @reboot lines have run */
};

/* User space as a whole. */
struct user {
	struct sim *k;
	const struct scenario *sc;
	struct uobj *objs;
	int nobjs;
	int pool_workers_named;           /* CPython's ForkPoolWorker-N counter */
	struct job jobs[MAX_JOBS];        /* bash's job table */
	int njobs;                        /* slots up to the highest one in use */
	int cur_job, prev_job;            /* bash's js.j_current (+) and js.j_previous (-), or -1 */
	int fg_job;                       /* the job bash waits for in the foreground, or -1 */
	bool waiting;                     /* in the wait builtin */
	struct proc *init, *shell;
	struct program *builtin_init, *builtin_shell;
	struct program *builtin_cron, *builtin_cron_child; /* cron's loop, and its child's */
	struct cron_daemon cron;
	/* runtime strings (formatted arguments), shared with clones */
	struct arena *strings;
	int *strings_refs;
	size_t string_bytes;
	char fmtbuf[4096];
	struct pyrandom rng;              /* random's generator: random.seed(the scenario's seed) */
	struct manager mgr;               /* manager.c */
	int32_t main_pid;                 /* the scenario's main (mp_boot) */
	struct uthread *threads;          /* CPython's threads (thread.c), free entries kept for reuse */
	const struct program *thread_prog;
	int32_t nthreads, capthreads;
	const struct program *last_prog;  /* the last instruction run, for a runaway's place */
	int32_t last_pc;
};

static inline struct uproc *U(const struct user *u, const struct proc *t) { return task_image(u->k, t); }

/* exec.c: running a process's instructions */
enum { STEP_NEXT = RUN_NEXT };
enum run_result exec_run(void *ctx, struct proc *t, struct upcall *up);
/* Raises exception k in p: to its `except` block, or, uncaught, ends it. */
int exec_raise(struct user *u, struct uproc *p, enum exc_kind k, const char *message);
void exec_print(struct user *u, struct uproc *p, const char *text, bool to_stderr);
int64_t exec_ticks(struct user *u, struct uproc *p, const struct duration *d);
/* After a system call that returned K_RESTART: asleep (blocked), or go round
 * again (a signal to deliver first). */
int exec_restart(struct uproc *p);
void exec_advance(struct uproc *p);
/* CPython's own work of kind k (cost.h): user time p spends before its next
 * instruction, in whole ticks, the rest carried over. */
void exec_spend(struct user *u, struct uproc *p, enum cost_kind k);
/* A child p reaped: every handle to it in p's variables learns its status. */
void exec_reaped(struct uproc *p, const struct wait_status *st);
/* fork failed (EAGAIN): reported for the process pid, which tried to start `what`. */
void exec_fork_failed(struct user *u, int pid, int err, const char *what);
/* multiprocessing registers _exit_function with atexit (first start). */
void exec_note_exit_function(struct uproc *p);
/* A child p started with multiprocessing, removed from its _children. */
void exec_forget_child(struct uproc *p, int pid);
/* Lists of PIDs in order (_children, Pool._pool): append, remove one. */
void exec_pid_push(int32_t **pids, int32_t *n, int32_t *cap, int pid);
void exec_pid_remove(int32_t *pids, int32_t *n, int pid);
/* multiprocessing.process._cleanup: reap the children it started that have
 * exited (waitpid WNOHANG each, in the order they were started). */
void exec_cleanup_children(struct user *u, struct uproc *p);

/* eval.c: values and expressions */
void value_text(const struct value *v, char *buf, size_t n);
int64_t value_int(const struct value *v);
bool value_truth(const struct value *v);
struct value eval_expr(struct user *u, struct uproc *p, const struct expr *e);
struct value eval_operand(struct user *u, struct uproc *p, const struct operand *o);
void eval_format(struct user *u, struct uproc *p, const struct operand *o, char *buf, size_t n);
/* Room for a runtime string of len bytes and its NUL, or NULL: too long
 * (MemoryError raised on p), too many (a runaway) or out of memory. */
char *eval_new_string(struct user *u, struct uproc *p, size_t len);
/* Where a runaway happened: the loop around the last instruction run. */
void exec_place_fault(struct user *u);

/* mp.c: multiprocessing's Lock, Queue, JoinableQueue, Pipe and shared values */
bool mp_init(struct user *u);
void mp_fini(struct user *u);
bool mp_clone(const struct user *from, struct user *to);
/* main makes the objects at its start: the pipes' descriptors. */
void mp_boot(struct user *u, struct uproc *main);
/* p leaves the call it was blocked in by an exception: what a `with` or a
 * `finally` of CPython's would give back (a queue's reader lock), and the
 * pool results it no longer waits for. */
void mp_abandon(struct user *u, struct uproc *p);
/* p releases lock o, which it holds: a waiter is woken to compete for it. */
void mp_release_held(struct user *u, struct uproc *p, struct uobj *o);
enum run_result mp_exec(struct user *u, struct uproc *p, const struct insn *in);
/* At _exit_function: every Queue's feeder in p's process is told to end
 * (_finalize_close), then joined (_finalize_join: STEP_NEXT once done). */
void mp_close_feeders(struct user *u, struct uproc *p);
int mp_join_feeders(struct user *u, struct uproc *p);
/* The descriptors p holds open among the pipe ends (bit i: object i). */
uint64_t mp_pipes_open(const struct user *u, const struct proc *t);
/* Items in a queue (what its pipe holds), as p sees it: qsize(). */
int mp_queue_count(const struct user *u, const struct uproc *p, const struct uobj *o);
/* The open file of o's pipe (its read end), or -1: what the views show of
 * a queue or a pipe end, what is left in it once everyone has closed it. */
int mp_object_file(const struct user *u, const struct uobj *o);

/* pool.c: multiprocessing.Pool */
enum run_result pool_exec(struct user *u, struct uproc *p, const struct insn *in);
/* At _exit_function: the pools p made and never joined are terminated
 * (_terminate_pool); STEP_NEXT once done, a blocked result meanwhile. */
int pool_finalize(struct user *u, struct uproc *p);
/* A task program ran to its end in a pool worker: back to the worker loop. */
void pool_task_return(struct user *u, struct uproc *p);

/* bash.c: bash and init */
void bash_build_programs(struct user *u);
enum run_result init_step(struct user *u, struct uproc *p);
enum run_result bash_step(struct user *u, struct uproc *p);
/* bash's C handlers: SIGHUP (hangup_all_jobs, then die of it), SIGCHLD. */
void bash_signal(struct user *u, struct uproc *p, int sig);
/* main, started by the shell at boot: job 1, in the foreground or not. */
void bash_boot_job(struct user *u, struct uproc *sh, struct proc *m, bool background);
/* describe_pid: "[1] 4616" for the job whose process is pid. */
void bash_describe_job(struct user *u, int pid);

/* cron.c: the cron daemon and its children */
enum run_result cron_step(struct user *u, struct uproc *p);
enum run_result cron_child_step(struct user *u, struct uproc *p);
/* cron's C handler for SIGCHLD. */
void cron_signal(struct user *u, struct uproc *p, int sig);

/* tini.c: a container's minimal init */
enum run_result tini_step(struct user *u, struct uproc *p);
void tini_signal(struct user *u, struct uproc *p, int sig);

/* thread.c: CPython's threading as multiprocessing uses it. A Thread is a
 * kernel thread (clone3) of the process, running one of CPython's loops. */
/* The thread of kind for object obj in p's process, or NULL. */
struct uthread *thread_find(struct user *u, const struct uproc *p, enum uthread_kind kind, int obj);
/* Thread.start(): the thread of kind for obj, started if it is not yet;
 * the caller waits until it runs (Thread.start waits for _started). Returns
 * STEP_NEXT once it has started, a blocked result meanwhile; when clone
 * fails (EAGAIN), RuntimeError is raised in p. */
int thread_start(struct user *u, struct uproc *p, enum uthread_kind kind, int obj);
/* Thread.join(): STEP_NEXT once the thread of kind for obj has ended (or
 * there is none), a blocked result meanwhile. */
int thread_join(struct user *u, struct uproc *p, enum uthread_kind kind, int obj);
/* The calling thread's loop is over: joiners are woken, it exits. */
int thread_exit(struct user *u, struct uproc *p);
/* Wakes the thread's loop (its Condition's notify). */
void thread_notify(struct user *u, struct uproc *p, struct uthread *th);
enum run_result thread_step(struct user *u, struct uproc *p);
/* The kernel has let a thread go (its exit, or its process's): its entry is free. */
void thread_release(struct user *u, const struct uproc *p);
bool thread_clone(const struct user *from, struct user *to);
void thread_fini(struct user *u);
/* The thread kind's loop body, and its name for the views. */
int mp_feed(struct user *u, struct uproc *p, struct uthread *th);
int pool_handler_step(struct user *u, struct uproc *p, struct uthread *th);

/* manager.c: a Manager's server process and the proxies' requests */
/* main's first step, Manager(): the server started, the managed queues
 * made; STEP_NEXT once done (or when there is no managed queue). */
int manager_start(struct user *u, struct uproc *p);
enum run_result manager_server_step(struct user *u, struct uproc *p);
int manager_thread_step(struct user *u, struct uproc *p, struct uthread *th);
/* put, get on a managed queue: a request to the server, and its reply. */
int manager_call(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o, bool put, struct value *v);
/* _finalize_manager at main's exit: shutdown, then join the server. */
int manager_finalize(struct user *u, struct uproc *p);
/* A Process child's _run_after_forkers: its proxies' incref (STEP_NEXT
 * once done, or when there is nothing to do). */
int manager_after_fork(struct user *u, struct uproc *p);
/* At a process's exit (_run_finalizers, priority 10): its proxies' decref. */
int manager_decref(struct user *u, struct uproc *p);
void manager_forget(struct user *u, int pid);
bool manager_clone(const struct user *from, struct user *to);
void manager_fini(struct user *u);

/* user.c: a new process's image */
/* A built-in program: `body` (with a = arg) run round and round; `after`
 * (OP_COUNT: none) the instruction its loop can leave to (pc 2): bash's
 * OP_RETURN, a worker's or a server's OP_CODE_END. */
struct program *user_loop_program(struct user *u, const char *name, enum opcode body, int arg, enum opcode after);
void user_image_init(struct user *u, struct uproc *p, struct proc *t, const struct program *prog);
bool user_copy_globals(struct user *u, struct uproc *parent, struct uproc *child);
/* Fork arguments of an exec of the file exe (its size) under the name comm. */
struct fork_args user_exec_args(const char *comm, const char *exe, int64_t demand);
/* Fork arguments for a program exec'd under the command line comm: its
 * file (python3 for a command that starts with "python"), demand and memory. */
struct fork_args user_program_args(const struct user *u, const struct program *prog, const char *comm);
/* The new image of t, a child of the shell that execs prog: its code, the
 * default signal dispositions bash restores for a job, CPython's SIGINT
 * and SIGPIPE handling, and its globals. */
void user_exec(struct user *u, struct proc *t, const struct program *prog);
/* The image of a program t has just exec'd (execve kept its dispositions):
 * its code, its globals, and CPython's start-up and signal handling when
 * it is Python. */
void user_exec_image(struct user *u, struct proc *t, const struct program *prog);
/* execve: p's image freed and zeroed for user_exec_image. */
void user_image_reset(struct user *u, struct uproc *p);

#endif
