/* kernel_int.h: the kernel's insides, shared by the sim/ modules only.
 *
 * The invariant everything rests on (checked by sim_check):
 *   every process is in exactly one place: on one CPU, in the run queue, on
 *   one wait queue (with its wait channel), on the stopped list, or on its
 *   parent's zombie list; and its state letter agrees with that place.
 *
 * Processes live in fixed chunks so a `struct proc *` stays valid while
 * others are forked; lists link processes by slot index, not by pointer. */
#ifndef PROCSIM_KERNEL_INT_H
#define PROCSIM_KERNEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "lang/program.h"
#include "plist.h"
#include "sched.h"
#include "sim.h"
#include "metrics.h"

#define PROC_CHUNK_BITS 12
#define PROC_CHUNK (1u << PROC_CHUNK_BITS)
#define MAX_CHUNKS 1024               /* 4M process slots */
#define PROGRESS_NONE INT64_MIN       /* the current instruction has not started */

struct waitq {                        /* a sleep queue: who sleeps on one channel */
	struct plist members;
	enum wchan wchan;
	int32_t obj;                      /* the shared object it belongs to, or -1 */
};



enum place { PL_FREE, PL_CPU, PL_RUNQ, PL_WAITQ, PL_STOPPED, PL_ZOMBIE, PL_NEW };

enum value_kind { VAL_NONE, VAL_INT, VAL_STR, VAL_HANDLE, VAL_BOOL, VAL_OBJ };
struct value {
	uint8_t kind;
	uint8_t reaped;                  /* VAL_HANDLE: the child has been reaped */
	int32_t status;                  /* VAL_HANDLE, once reaped: code, or -signal */
	int64_t i;                       /* VAL_INT, VAL_BOOL; VAL_HANDLE: the child's PID; VAL_OBJ: object index */
	const char *s;                   /* VAL_STR; VAL_OBJ: its name */
};

/* A shared object at run time: a wait channel with a state. */
struct ipc {
	const struct obj_decl *decl;
	int32_t holder;                   /* lock: the PID holding it, 0 if free */
	struct value *items;              /* queue items, or messages waiting at a pipe end */
	int32_t head, count, cap;
	int64_t unfinished;               /* joinable queue: put minus task_done */
	int32_t open;                     /* pipe end: processes holding it open */
	struct value shared;              /* OBJ_SHARED: the value */
	struct waitq waiters;             /* lock: acquirers; queue: getters; pipe end: readers */
	struct waitq putters;             /* queue: waiting for room */
	struct waitq joiners;             /* joinable queue: in join(); pool: in join() */
	struct waitq rwaiters;            /* queue: getters waiting for the reader lock */
	int32_t rlock;                    /* queue: the getter holding the reader lock (_rlock), 0 if none */
	/* pool: tasks waiting for a worker, its workers */
	struct pool_task *tasks;
	int32_t thead, tcount, tcap;
	int32_t workers;                  /* workers alive */
	bool closed, created;
	struct program *worker_prog;
};
#define MAX_OBJECTS 64

struct frame {                       /* code interrupted by a signal handler, or a pool task's caller */
	int32_t pc;
	int64_t progress;
	int sig;
	bool call;                        /* a pool worker running a task: restore prog and locals */
	const struct program *prog;
	struct value *locals;
	int32_t pool, submitter;          /* call: the pool, and who waits for the task (0: nobody) */
	int8_t exc;                       /* call: the exception the task raised, or -1 */
	const char *exc_msg;
	struct frame *next;
};

struct pool_task {
	int32_t prog;                     /* the program to run */
	int32_t nargs;
	int32_t submitter;                /* PID blocked in apply/map until it is done, or 0 */
	struct value args[8];
};

#define PF_DAEMON     0x01           /* Process.daemon */
#define PF_MP_CHILD   0x02           /* created by `start`: joined at the parent's code end */
#define PF_SUBREAPER  0x04
#define PF_BUILTIN    0x08           /* init or the shell: not part of the scenario */
#define PF_CODE_ENDED 0x10           /* ran past its last instruction (joining children) */
#define PF_PYTHON     0x20           /* a Python interpreter: main "python3 ..." and its descendants */
#define PF_PY_INT     0x40           /* SIGINT goes to Python's default_int_handler: KeyboardInterrupt */
#define PF_SIGINT_EXIT 0x80          /* ends killed by SIGINT after its exit handling (Python >= 3.8) */

struct proc {
	/* identity: set at fork, changed only by re-parenting */
	slot_t self;                      /* this process's slot */
	int32_t pid, pgid;
	slot_t parent;
	slot_t first_child, last_child;   /* children in creation (and adoption) order */
	slot_t sib_next, sib_prev;
	uint64_t child_seq;               /* position among the parent's children */
	const char *name;
	const struct program *prog;
	/* where it is: exactly one place */
	uint8_t state;                    /* 'R' 'S' 'D' 'T' 'Z' */
	uint8_t place;
	int8_t cpu;                       /* PL_CPU: which; else the last one, or -1 */
	uint8_t flags;
	slot_t prev, next;                /* links of the list it is on */
	struct waitq *chan;               /* PL_WAITQ: the queue it sleeps on */
	int32_t timer;                    /* index in the timer heap, or -1 */
	int32_t wait_pid;                 /* sleeping in waitpid/join: the child */
	int64_t until;                    /* sleeping with a timer: the tick it fires */
	struct waitq child_wait;          /* the parent sleeps here in wait() */
	slot_t *zheap;                    /* its zombie children: a min-heap on child_seq, so */
	int32_t nzheap, capzheap;         /* wait() reaps the first in child order, in O(log n) */
	/* execution */
	struct value *globals;            /* its own copy of the scenario's `var`s */
	uint64_t pipes_open;              /* bit i: it holds pipe end i open */
	int8_t exc;                       /* an exception being raised (enum exc_kind), or -1 */
	const char *exc_msg;
	int32_t pc;
	int64_t progress;                 /* state of the current instruction */
	struct value *locals;
	struct frame *frames;
	int32_t exit_code;                /* code used when the code ends */
	/* signals */
	uint32_t sig_pending, sig_ignored, sig_handled, sig_blocked;
	int32_t *handler_pc;              /* [SIG_MAX] once a handler is installed */
	/* scheduling: owned by the policy */
	int8_t nice;
	int8_t level;                     /* mlfq: queue level, 0 = top */
	int32_t rq_index;                 /* position in an ordered run queue, or -1 */
	uint64_t rq_seq;                  /* when it was queued: round robin inside a level */
	int64_t demand;                   /* declared CPU ticks (sjf, stcf); -1 unknown */
	int64_t vruntime;                 /* cfs: weighted CPU time, 2^30 per tick at nice 0 */
	int64_t level_used;               /* mlfq: ticks used at this level */
	int64_t boost_epoch;              /* mlfq: the boost it has seen */
	/* accounting */
	int64_t start_tick, exit_tick, cpu_ticks, slice_used;
	int64_t first_run;                /* first dispatch, or -1 */
	int64_t since;                    /* when it entered its current place */
	int64_t wait_ticks, sleep_ticks, stopped_ticks; /* R but not running; S or D; T */
	int64_t nvcsw, nivcsw;            /* voluntary and involuntary context switches */
	int32_t exit_status;              /* >= 0: exit code; < 0: -signal */
	int32_t nchildren;                /* live and zombie children */
	int32_t mp_children;              /* children started with `start` not yet reaped */
	int32_t pool_pending;             /* tasks it submitted with apply/map, not done yet */
	int16_t pool_of;                  /* a pool worker: the pool's object index; else -1 */
	int8_t pool_exc;                  /* an exception a pool task raised for its apply/map, or -1 */
	const char *pool_exc_msg;
	int32_t job;                      /* shell job number of a job leader */
};

struct timer_entry { int64_t tick; uint64_t seq; slot_t slot; };

struct job {
	int pgid, leader_pid;
	const char *cmd;
	bool stopped, stop_reported, background, done;
};

struct cpu {
	slot_t curr;                      /* NIL when idle */
	bool claimed;                     /* curr holds this tick (computing) */
	bool in_switch;                   /* this tick is context-switch (system) time */
	bool need_resched;                /* a more important process became runnable */
	int32_t last_pid;                 /* the process it ran before, 0 if none */
	int64_t switch_left;              /* ticks of context switch still to spend */
	int64_t user_ticks, system_ticks;
};

struct sim {
	const struct scenario *sc;
	struct sim_options opt;
	int ncpus;
	int64_t now;                      /* the current tick */
	int64_t clock;                    /* time stamped on events (now, or now+1 at the end of a tick) */
	int64_t last_event;               /* when the latest event happened */
	bool booted;
	bool half_done;                   /* phases 1-3 of tick `now` have run */
	enum sim_status status;
	struct sim_fault fault;
	sim_sink_fn *sink;
	void *sink_ctx;
	/* process table */
	struct proc *chunks[MAX_CHUNKS];
	uint32_t nslots;                  /* slots ever created */
	slot_t free_slots;                /* free list through `next` */
	int32_t *pid_slot;                /* pid -> slot+1, 0 if free; size pid_max */
	int32_t last_pid;
	int nprocs;                       /* in the table, zombies included */
	int nuser;                        /* of them, not init or the shell */
	int nzombies;
	uint64_t child_seq;
	slot_t init, shell;
	/* places */
	struct cpu cpus[64];
	struct sched sched;
	struct plist stopped;
	struct waitq timer_q, disk_q, tty_q, pause_q;
	/* timers: a binary min-heap on (tick, seq) */
	struct timer_entry *heap;
	int32_t nheap, capheap;
	uint64_t timer_seq;
	/* timeline, terminal, shell */
	int next_timeline;
	struct { int pid, sig; } ext[64];   /* the keyboard's signals for the next tick */
	int next_ext;
	char **tty_lines;                 /* typed lines not yet read, FIFO */
	int tty_head, tty_count, tty_cap;
	int tty_fg_pgid;
	struct job jobs[16];
	int njobs;
	/* shared objects (locks, queues, pipe ends, shared values) */
	struct ipc *objs;
	int nobjs;
	int pool_workers_named;            /* CPython's ForkPoolWorker-N counter */
	/* runtime strings (formatted arguments) */
	struct arena *strings;
	int *strings_refs;                /* sims sharing `strings` (clones) */
	size_t string_bytes;              /* runtime strings this run has made (its own, unlike the shared arena's total) */
	char fmtbuf[4096];
	uint64_t steps;                   /* instructions executed in this tick */
	uint64_t tick_events;             /* the same event repeated in this tick */
	uint64_t tick_total_events;       /* every event of this tick */
	uint64_t last_sig;                /* what that event was */
	struct proc *running;             /* the process exec_run is executing, or NULL */
	struct program *builtin_init, *builtin_shell;
	/* system accounting (sim_metrics) */
	int64_t context_switches;
	int peak_zombies, peak_procs;
	int64_t orphans_adopted, completed;
	int64_t first_arrival, last_exit;
	uint64_t loadavg[3];              /* fixed point, FSHIFT 11, as avenrun[] */
	int64_t load_freq;                /* ticks between samples: a minute / 12 */
	struct proc_metrics *reaped;      /* records of reaped processes, when collecting */
	int64_t nreaped, capreaped;
};

static inline struct proc *P(const struct sim *s, slot_t slot)
{
	return &s->chunks[slot >> PROC_CHUNK_BITS][slot & (PROC_CHUNK - 1)];
}

/* sched.c: helpers for the policies */
typedef bool rq_less_fn(const struct sim *s, const struct proc *a, const struct proc *b);
void rq_heap_push(struct sim *s, struct proc *p, rq_less_fn *less);
void rq_heap_remove(struct sim *s, struct proc *p, rq_less_fn *less);
struct proc *rq_heap_pop(struct sim *s, rq_less_fn *less);
struct proc *rq_heap_peek(const struct sim *s);
int rq_heap_count(const struct sim *s);
int rq_heap_list(const struct sim *s, int *pids, int max, rq_less_fn *less);
bool rq_tie(const struct proc *a, const struct proc *b);
int plist_pids(const struct sim *s, const struct plist *l, int *pids, int max, int n);

/* kernel.c */
void kernel_emit(struct sim *s, struct sim_event *ev);
void kernel_fault(struct sim *s, struct proc *p, int line, int col);
/* Room for a runtime string of len bytes and its NUL, or NULL: too long
 * (MemoryError raised on p), too many (a runaway) or out of memory. */
char *eval_new_string(struct sim *s, struct proc *p, size_t len);

/* proc.c: the table, fork, exit, reaping */
struct proc *proc_by_pid(const struct sim *s, int pid);
struct proc *proc_parent(const struct sim *s, const struct proc *p);
int proc_ppid(const struct sim *s, const struct proc *p);
struct proc *proc_alloc(struct sim *s, const struct program *prog, struct proc *parent, int *err);
void proc_make_runnable(struct sim *s, struct proc *p);
void proc_sleep(struct sim *s, struct proc *p, struct waitq *q, char state, int64_t until, int wait_pid);
void proc_wake(struct sim *s, struct proc *p, enum wake_reason why);
void proc_waitq_wake_all(struct sim *s, struct waitq *q, enum wake_reason why);
void proc_leave_cpu(struct sim *s, struct proc *p);
void proc_exit(struct sim *s, struct proc *p, int code, int sig);
void proc_reap(struct sim *s, struct proc *parent, struct proc *z);
struct proc *proc_first_zombie(const struct sim *s, const struct proc *parent);
/* Reaps, in child order, every zombie child for which match() is true. */
void proc_reap_matching(struct sim *s, struct proc *parent, bool (*match)(const struct proc *z, const void *arg),
			const void *arg);
void proc_stop(struct sim *s, struct proc *p, int sig);
void proc_continue(struct sim *s, struct proc *p);
void proc_free_all(struct sim *s);
void proc_record(struct sim *s, const struct proc *p, struct proc_metrics *m, bool reaped);
/* Accounting when a process leaves its place (run queue, sleep, stopped). */
void proc_acct_leave(struct sim *s, struct proc *p);

/* metrics.c: nsamples load-average samples with `active` processes R or D. */
void metrics_load_sample(struct sim *s, int64_t nsamples, uint64_t active);

/* kernel.c: a more important process p became runnable: mark a CPU to preempt. */
void kernel_check_preempt(struct sim *s, struct proc *p);

/* ksignal.c */
enum sig_outcome ksignal_send(struct sim *s, int sender, struct proc *p, int sig);
/* Acts on one pending signal; returns false when the process can no longer run. */
bool ksignal_deliver(struct sim *s, struct proc *p);
bool ksignal_has_deliverable(const struct proc *p);

/* timer.c */
void timer_arm(struct sim *s, struct proc *p, int64_t tick);
void timer_cancel(struct sim *s, struct proc *p);
int64_t timer_next(const struct sim *s);       /* INT64_MAX when none */
struct proc *timer_pop_due(struct sim *s, int64_t now);

/* exec.c: running a process's instructions */
enum run_result { RUN_SPENT, RUN_BLOCKED, RUN_GONE, RUN_YIELD };
enum run_result exec_run(struct sim *s, struct proc *p);

/* eval.c: values and expressions */
void value_text(const struct value *v, char *buf, size_t n);
int64_t value_int(const struct value *v);
bool value_truth(const struct value *v);
struct value eval_expr(struct sim *s, struct proc *p, const struct expr *e);
struct value eval_operand(struct sim *s, struct proc *p, const struct operand *o);
void eval_format(struct sim *s, struct proc *p, const struct operand *o, char *buf, size_t n);

/* ipc.c: shared objects */
bool ipc_init(struct sim *s);
void ipc_fini(struct sim *s);
bool ipc_clone(const struct sim *from, struct sim *to);
void ipc_fork(struct sim *s, struct proc *parent, struct proc *child);
void ipc_exit(struct sim *s, struct proc *p);
/* p leaves the call it was blocked in by an exception: what a `with` or a
 * `finally` of CPython's would give back (a queue's reader lock), and the
 * pool results it no longer waits for. */
void ipc_abandon(struct sim *s, struct proc *p);
/* p releases lock o, which it holds: the first waiter gets it. */
void ipc_release_held(struct sim *s, struct proc *p, struct ipc *o);
enum run_result ipc_exec(struct sim *s, struct proc *p, const struct insn *in);
enum run_result pool_exec(struct sim *s, struct proc *p, const struct insn *in);
/* A task program ran to its end in a pool worker: back to the worker loop. */
void pool_task_return(struct sim *s, struct proc *p);
/* Raises exception k in p: to its `except` block, or, uncaught, ends it. */
int exec_raise(struct sim *s, struct proc *p, enum exc_kind k, const char *message);
/* p prints a line on the terminal (stderr: the last line of a traceback). */
void exec_print(struct sim *s, struct proc *p, const char *text, bool to_stderr);
int64_t exec_ticks(struct sim *s, struct proc *p, const struct duration *d);

/* shell.c: init, the login shell, the terminal and job control */
void shell_build_programs(struct sim *s);
enum run_result shell_exec_init(struct sim *s, struct proc *p);
enum run_result shell_exec_shell(struct sim *s, struct proc *p);
void shell_timeline(struct sim *s, const struct timeline_event *e);
/* The login shell is exiting, killed by sig: its jobs get SIGHUP. */
void shell_hangup(struct sim *s, struct proc *sh, int sig);
void shell_tty_type(struct sim *s, const char *line);
bool shell_tty_take(struct sim *s, struct proc *reader, char **line);

#endif
