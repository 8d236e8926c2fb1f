/* kernel_int.h: the kernel's insides, shared by the files of sim/kernel/ and
 * by the machine that assembles a run (sim/machine.c). Never by user space,
 * which sees kernel.h only; and never including a user-space header (a build
 * check says so).
 *
 * The invariants everything rests on (checked by sim_check):
 *   every process is in exactly one place: on one CPU, in the run queue, on
 *   one wait queue (with its wait channel), on the stopped list, or on its
 *   parent's zombie list; and its state letter agrees with that place;
 *   every open file is referenced by exactly as many descriptors as its
 *   count says, and each pipe by as many open files as its reader and writer
 *   counts say;
 *   every copy-on-write region is mapped by exactly as many processes as its
 *   count says, and the memory totals are the sums of their parts.
 *   every alarm belongs to a live process flagged PF_ALARM, at most one each.
 *
 * Processes live in fixed chunks so a `struct proc *` stays valid while
 * others are forked; lists link processes by slot index, not by pointer.
 * Each slot has, beside the kernel's record, the process's user memory (its
 * image), whose size user space gives (kernel_set_user). */
#ifndef PROCSIM_KERNEL_INT_H
#define PROCSIM_KERNEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cost.h"
#include "event.h"
#include "kernel.h"
#include "metrics.h"
#include "plist.h"
#include "sched.h"
#include "sim.h"

#define PROC_CHUNK_BITS 12
#define PROC_CHUNK (1u << PROC_CHUNK_BITS)
#define MAX_CHUNKS 1024               /* 4M process slots */

struct waitq {                        /* a sleep queue: who sleeps on one channel */
	struct plist members;
	uint8_t wchan;                    /* enum wchan */
	int16_t obj;                      /* the user object it belongs to, or -1 */
	const char *object;               /* that object's name, for the trace */
};

enum place { PL_FREE, PL_CPU, PL_RUNQ, PL_WAITQ, PL_STOPPED, PL_ZOMBIE, PL_NEW };

/* ---- files (file.c) --------------------------------------------------------- */

/* A pipe: messages in order, and who can still read and write it. */
struct pipe {
	struct pipe_msg *msgs;
	int32_t *sizes;                   /* each message's bytes (0: not counted), beside msgs */
	int32_t head, count, cap;
	int64_t bytes;                    /* what it holds, of its PIPE_BYTES */
	int32_t readers, writers;         /* open files reading, writing it */
	struct waitq readq;               /* readers waiting for a message */
	struct waitq writeq;              /* writers waiting for room (pipe_write) */
	bool used;
};
#define PIPE_BYTES 65536              /* a pipe holds 16 pages (PIPE_DEF_BUFFERS) */

/* An open file: one end of a pipe, or of a socket pair (reads one pipe,
 * writes the other). Descriptors of several processes may share it (fork). */
struct file {
	int32_t rpipe, wpipe;             /* -1 where it does not read or write */
	int32_t refs;                     /* descriptors referring to it; 0: free */
	bool queued;                      /* a connection's end in a listener's backlog, not yet accepted */
};

#define FD_STDIO 3                    /* 0, 1, 2: the terminal, in every process */
#define FD_MAX 64

struct files {                        /* a process's descriptor table beyond stdio */
	int32_t nfds;                     /* slots in fd[] */
	int32_t fd[];                     /* fd[i] is descriptor FD_STDIO+i: a file index, or -1 */
};

/* ---- memory (mm.c) ---------------------------------------------------------- */

#define PAGE_KIB 4
#define MM_INLINE 1

/* Anonymous pages shared copy-on-write since a fork: the physical pages stay
 * while some process maps them. */
struct cow_region {
	int64_t pages;                    /* physical pages */
	int64_t mapped;                   /* the sum of what its processes map of it */
	int32_t refs;                     /* processes mapping some of it; 0: free */
	int32_t next_free;
};

/* What a process maps of a region: `pages` of the `total` it mapped at fork
 * (the rest it has written, and holds as private copies). */
struct cow_map { int32_t region, pages, total; };

struct mm {
	int32_t vm;                       /* VIRT, pages */
	int32_t file;                     /* resident pages of its program file and libraries: SHR */
	int32_t anon;                     /* resident anonymous pages only it maps (private) */
	int16_t exe;                      /* its program file in the page cache, -1 none */
	int16_t nmaps;
	struct cow_map map[MM_INLINE];    /* regions it shares, oldest first; then more[] */
	struct cow_map *more;
};

struct exe {                          /* a program file in the page cache */
	const char *name;
	int64_t pages;
	int32_t users;
};

/* ---- processes ---------------------------------------------------------------- */

#define PF_SUBREAPER  0x01           /* prctl(PR_SET_CHILD_SUBREAPER) */
#define PF_BUILTIN    0x02           /* init or the shell: not part of the scenario */
#define PF_JOB        0x04           /* a textbook job */
#define PF_STOP_NEWS  0x08           /* stopped, not yet reported to wait4(WUNTRACED) */
#define PF_CONT_NEWS  0x10           /* continued, not yet reported to wait4(WCONTINUED) */
#define PF_FORKNOEXEC 0x20           /* forked and not exec'd: a copy of its parent's program */
#define PF_ALARM      0x40           /* alarm(2) armed: its entry is in s->alarms (timer.c) */
#define PF_PIDNS      0x80           /* in the container's PID namespace: s->ns_init and its descendants */

struct proc {
	/* identity: set at fork, changed only by re-parenting */
	slot_t self;                      /* this process's slot */
	int32_t pid, pgid;
	int32_t sid;                      /* setsid's session, from the parent; 0: one of the sessions
					     the machine made at boot (init's, the login's) */
	int32_t uid;                      /* setuid's user, from the parent (0: root) */
	slot_t parent;
	slot_t first_child, last_child;   /* children in creation (and adoption) order */
	slot_t sib_next, sib_prev;
	uint64_t child_seq;               /* position among the parent's children */
	const char *name;                 /* comm: the program it runs, a teaching convenience */
	const char *cmdline;              /* the command line its last exec set, copied at fork as
					     Linux keeps the parent's comm and argv: `--names real` */
	/* where it is: exactly one place */
	uint8_t state;                    /* 'R' 'S' 'D' 'T' 'Z' */
	uint8_t place;
	int8_t cpu;                       /* PL_CPU: which; else the last one, or -1 */
	uint8_t flags;
	slot_t prev, next;                /* links of the list it is on */
	int8_t stop_sig;                  /* the signal that stopped it (wait4 reports it) */
	int8_t sleep_call;                /* PL_WAITQ: the system call it sleeps in (enum sysno), or -1;
					     still set as it wakes, for the policy's enqueue; PL_NEW: the
					     call that made it (fork or vfork), for its spawn event */
	int8_t nice;                      /* scheduling: owned by the policy */
	int8_t level;                     /* mlfq: queue level, 0 = top */
	struct waitq *chan;               /* PL_WAITQ: the queue it sleeps on */
	int32_t timer;                    /* index in the timer heap, or -1 */
	int32_t wait_pid;                 /* sleeping in wait4 for one child: its PID */
	int64_t until;                    /* sleeping with a timer: the tick it fires */
	struct waitq child_wait;          /* the parent sleeps here in wait4() */
	slot_t *zheap;                    /* its zombie children: a min-heap on child_seq, so */
	int32_t nzheap, capzheap;         /* wait4 reaps the first in child order, in O(log n) */
	/* signals */
	uint32_t sig_pending, sig_ignored, sig_handled, sig_blocked;
	int32_t *handler;                 /* [SIG_MAX] once a handler is installed: its address */
	/* files and memory */
	struct files *files;              /* NULL: only stdio */
	struct mm mm;
	/* scheduling: owned by the policy */
	int32_t rq_index;                 /* position in an ordered run queue, or -1 */
	int32_t burst;                    /* ticks of computing the program said follow, still to run */
	uint64_t rq_seq;                  /* when it was queued: round robin inside a level */
	int64_t demand;                   /* declared CPU ticks (sjf, stcf); -1 unknown */
	int64_t vruntime;                 /* cfs: weighted CPU time, 2^30 per tick at nice 0 */
	int32_t slice_left;               /* mlfq: ticks left of its slice at this level (0: ended) */
	int32_t allot_left;               /* mlfq: slices left of its allotment at this level */
	int32_t boost_epoch;              /* mlfq: the boost it has seen (a count that may wrap) */
	int32_t tickets;                  /* lottery: its tickets (0: init and the shell, outside the draw) */
	/* accounting */
	int64_t start_tick, exit_tick, cpu_ticks, slice_used;
	int64_t first_run;                /* first dispatch, or -1 */
	int64_t since;                    /* when it entered its current place */
	int64_t wait_ticks, sleep_ticks, stopped_ticks; /* R but not running; S or D; T */
	int64_t nvcsw, nivcsw;            /* voluntary and involuntary context switches */
	int32_t charged;                  /* ticks of CPU since the program last ran an instruction */
	int32_t exit_status;              /* >= 0: exit code; < 0: -signal; before the zombie,
					     PROC_EXIT_PENDING | code while do_exit's time is paid */
	int32_t nchildren;                /* live and zombie children */
	int32_t sys_debt_us;              /* system-call time owed: paid a tick at a time (cost.h) */
	/* threads (CLONE_THREAD): a thread is a task of its own (schedulable,
	 * with its state and wait channel, a TID from the PID map) that shares
	 * its process's descriptors (the same `files`), memory and signal
	 * handling, which are the group leader's: the leader is the process */
	slot_t leader;                    /* the thread group's leader: self for a process */
	slot_t thread_next;               /* the next thread of the group (from the leader), NIL */
	int64_t dead_threads_cpu;         /* a process: the CPU time of its threads that have ended
					     (signal->utime+stime: its TIME counts them) */
};

struct timer_entry { int64_t tick; uint64_t seq; slot_t slot; };

struct cpu {
	slot_t curr;                      /* NIL when idle */
	bool claimed;                     /* curr holds this tick (computing) */
	bool in_switch;                   /* this tick is context-switch (system) time */
	bool in_kernel;                   /* this tick pays curr's system-call time (sys_debt_us) */
	bool need_resched;                /* a more important process became runnable */
	int32_t last_pid;                 /* the process it ran before, 0 if none */
	int64_t switch_left;              /* ticks of context switch still to spend */
	int64_t user_ticks, system_ticks;
	int64_t nice_ticks;               /* of user_ticks, at nice > 0 (CPUTIME_NICE) */
	int64_t iowait_ticks;             /* idle while a process waited for disk I/O (CPUTIME_IOWAIT) */
	struct sched_note note;           /* the policy's latest decision here, for the views */
};

/* What the machine (the world outside the kernel: the timeline, the
 * teacher's keyboard) does at the start of a tick; see machine.c. */
struct device_ops {
	void (*boot)(void *ctx, struct sim *k);         /* before the first tick: init, the shell, main */
	void (*interrupt)(void *ctx, struct sim *k);   /* phase 1 of tick k->now */
	int64_t (*next)(void *ctx, const struct sim *k); /* its next tick, INT64_MAX: none */
};

/* The kernel's settings, from the scenario and the command line. */
struct kernel_config {
	int ncpus;
	int pid_max;
	int64_t limit;                    /* tick limit, -1 none */
	int64_t max_ticks;                /* runaway guard without a limit */
	int64_t load_freq;                /* ticks between load samples: a minute / 12 */
	struct sched_params sched;
	int64_t mem_pages, swap_pages;    /* the machine's RAM and swap */
	int64_t tick_us;                  /* how long a tick is: system calls cost microseconds */
	int hz;                           /* timer interrupts a second (CONFIG_HZ): a slice ends only at
					     one; 0: at every tick */
	struct costs costs;               /* of them, the kernel's (cost.h) */
	bool core_dumps;                  /* RLIMIT_CORE is not 0: a Core signal writes a core file */
	bool check;
};

struct sim {
	struct kernel_config cfg;
	int ncpus;
	int64_t now;                      /* the current tick */
	int64_t clock;                    /* time stamped on events (now, or now+1 at the end of a tick) */
	int64_t last_event;               /* when the latest event happened */
	bool booted;
	bool half_done;                   /* phases 1-3 of tick `now` have run */
	bool progressed;                  /* the last tick had user time, a timer, an event or an idle
					     stretch (not only system calls' time): the guards restart */
	enum sim_status status;
	struct sim_fault fault;
	bool fault_placed;
	sim_sink_fn *sink;
	void *sink_ctx;
	/* user space and the machine around the kernel */
	const struct user_ops *uops;
	void *uctx;
	const struct device_ops *dops;
	void *dctx;
	int64_t dev_next;                 /* the devices' next tick (dops->next), INT64_MAX: none */
	void *machine;                    /* the machine that owns this kernel (machine.c) */
	/* process table */
	unsigned char *chunks[MAX_CHUNKS];/* PROC_CHUNK slots of `stride` bytes: a struct proc, then
					     the process's user memory (uops->image_size bytes) */
	size_t stride;
	uint32_t nslots;                  /* slots ever created */
	slot_t free_slots;                /* free list through `next` */
	int32_t *pid_slot;                /* pid -> slot+1, 0 if free; size pid_max */
	int32_t last_pid;
	int nprocs;                       /* in the table, zombies included */
	int nuser;                        /* of them, not init or the shell */
	int nzombies;
	int nthreads;                     /* tasks that are not a group leader (threads beyond each main one) */
	uint64_t child_seq;
	slot_t init, shell;
	slot_t ns_init;                   /* a container's PID 1 (its PID namespace's child_reaper), NIL: none */
	/* places */
	struct cpu cpus[64];
	struct sched sched;
	struct plist stopped;
	struct waitq timer_q, disk_q, tty_q, pause_q, vfork_q;
	/* timers: a binary min-heap on (tick, seq) */
	struct timer_entry *heap;
	int32_t nheap, capheap;
	uint64_t timer_seq;
	/* alarm(2)'s timers (signal_struct.real_timer), at most one per process
	 * (PF_ALARM): few, so a plain array, kept out of struct proc */
	struct timer_entry *alarms;
	int32_t nalarms, capalarms;
	/* the terminal (tty.c) */
	struct { int pid, sig, nice; } ext[64]; /* the keyboard's signals (sig 0: a renice by nice) for the next tick */
	int next_ext;
	const char **tty_lines;           /* typed lines not yet read, FIFO */
	int tty_head, tty_count, tty_cap;
	int tty_fg_pgid;
	int tty_session;                  /* the session leader's PID, 0 once it has gone */
	/* futexes (futex.c) */
	struct waitq *futexes;
	int32_t nfutexes, capfutexes;
	/* files and pipes (file.c) */
	struct file *files;
	int32_t nfiles, capfiles;
	struct pipe *pipes;
	int32_t npipes, cappipes;
	/* memory (mm.c) */
	struct cow_region *regions;
	int32_t nregions, capregions, free_region;
	struct exe exes[8];
	int nexes;
	int64_t anon_pages, cow_pages;    /* resident anonymous pages: private, shared copy-on-write */
	/* system calls (syscall.c) */
	int8_t in_syscall;                /* the call being made (enum sysno), or -1 */
	int32_t syscall_fd;               /* its file descriptor, or -1 */
	uint64_t syscalls;                /* calls made */
	/* runaway guards */
	uint64_t steps;                   /* instructions executed in this tick */
	uint64_t tick_events;             /* the same event repeated in this tick */
	uint64_t tick_total_events;       /* every event of this tick made by a process running */
	int64_t flood_tick;               /* 1 + the tick whose events passed SIM_TICK_EVENTS_MAX, or 0 */
	uint64_t flood_at;                /* and how many it may have (kernel.c, flood()) */
	uint64_t last_sig;                /* what that event was */
	struct proc *running;             /* the process a CPU is running, or NULL */
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
	return (struct proc *)(void *)(s->chunks[slot >> PROC_CHUNK_BITS] + (size_t)(slot & (PROC_CHUNK - 1)) * s->stride);
}

#define PROC_EXIT_PENDING 0x40000000
static inline bool proc_exit_pending(const struct proc *p) { return p->state != 'Z' && (p->exit_status & PROC_EXIT_PENDING); }
/* do_exit, by exit_group or a fatal signal: a process on a CPU first pays
 * its teardown's time there (COST_EXIT, R in the kernel), then proc_exit
 * (run_cpu calls proc_exit_finish); elsewhere, or when it costs less than
 * a tick, at once. */
void proc_exit_begin(struct sim *s, struct proc *p, int code, int sig);
void proc_exit_finish(struct sim *s, struct proc *p);

/* The process a task belongs to (its thread group's leader), and whether
 * the task is a thread beside its process's main one. */
static inline struct proc *proc_leader(const struct sim *s, const struct proc *p) { return P(s, p->leader); }
static inline bool proc_is_thread(const struct proc *p) { return p->leader != p->self; }

/* Without a sink, an event of an ordinary tick needs only counting (the
 * runaway guards look at what the events are only once a tick has
 * SIM_EVENT_LIMIT of them): true when the caller may skip building it, as
 * kernel_emit would have done nothing more with it. */
static inline bool kernel_event_skip(struct sim *s)
{
	if (s->sink || s->tick_total_events >= SIM_EVENT_LIMIT)
		return false;
	s->tick_total_events += s->running != NULL; /* as kernel_emit counts */
	s->last_event = s->clock;
	return true;
}

/* kernel.c: the kernel as an object, and its tick */
struct sim *kernel_new(const struct kernel_config *cfg);
void kernel_free(struct sim *s);
struct sim *kernel_clone(const struct sim *s);
void kernel_set_devices(struct sim *s, const struct device_ops *ops, void *ctx);
void kernel_check_preempt(struct sim *s, struct proc *p);
/* p's system call of kind cost (cost.h) took its time: p owes it. */
void kernel_charge(struct sim *s, struct proc *p, int cost);
/* p owes a tick or more of system time: the CPU pays it before p goes on. */
bool kernel_owes_tick(const struct sim *s, const struct proc *p);
void kernel_yield(struct sim *s, struct proc *p);

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

/* proc.c: the table, fork, exit, reaping */
struct proc *proc_by_pid(const struct sim *s, int pid);
struct proc *proc_parent(const struct sim *s, const struct proc *p);
int proc_ppid(const struct sim *s, const struct proc *p);
/* copy_process: a new process, child of parent (NULL: the first), not yet
 * runnable; NULL with *err = EAGAIN when PIDs or slots have run out. */
struct proc *proc_fork(struct sim *s, struct proc *parent, const struct fork_args *fa, int *err);
/* clone(CLONE_THREAD): a new thread in caller's process, not yet runnable
 * (kernel_wake_new_task); NULL with *err = EAGAIN when PIDs have run out. */
struct proc *proc_clone_thread(struct sim *s, struct proc *caller, int *err);
/* A thread's exit(2): it is gone at once (a thread is reaped by nobody). */
void proc_thread_exit(struct sim *s, struct proc *t);
void proc_make_runnable(struct sim *s, struct proc *p);
void proc_sleep(struct sim *s, struct proc *p, struct waitq *q, char state, int64_t until, int wait_pid);
void proc_wake(struct sim *s, struct proc *p, enum wake_reason why);
/* vfork's wait_for_vfork_done for child pid: 0, or asleep (D) and K_RESTART. */
int proc_vfork_wait(struct sim *s, struct proc *p, int pid);
void proc_waitq_wake_all(struct sim *s, struct waitq *q, enum wake_reason why);
int proc_waitq_wake(struct sim *s, struct waitq *q, int n, enum wake_reason why);
void proc_leave_cpu(struct sim *s, struct proc *p);
void proc_exit(struct sim *s, struct proc *p, int code, int sig);
void proc_reap(struct sim *s, struct proc *parent, struct proc *z);
struct proc *proc_first_zombie(const struct sim *s, const struct proc *parent);
void proc_stop(struct sim *s, struct proc *p, int sig);
void proc_continue(struct sim *s, struct proc *p);
/* A debugger attaches (tracing stop, t) or detaches; false: nothing done. */
bool proc_ptrace_attach(struct sim *s, struct proc *p);
/* execve: p runs a new program (fa: its name and memory). */
void proc_exec(struct sim *s, struct proc *p, const struct fork_args *fa);
bool proc_ptrace_detach(struct sim *s, struct proc *p);
void proc_free_all(struct sim *s);
void proc_record(struct sim *s, const struct proc *p, struct proc_metrics *m, bool reaped);
/* Accounting when a process leaves its place (run queue, sleep, stopped). */
void proc_acct_leave(struct sim *s, struct proc *p);
/* wait4 (do_wait): see kernel.h. */
int proc_wait4(struct sim *s, struct proc *p, int pid, int options, int64_t deadline, struct wait_status *st);
static inline void *proc_image(const struct sim *s, const struct proc *p)
{
	(void)s;
	return (unsigned char *)(void *)p + sizeof *p; /* right after it, in the same slot */
}

/* metrics.c: nsamples load-average samples with `active` processes R or D. */
void metrics_load_sample(struct sim *s, int64_t nsamples, uint64_t active);

/* signal.c */
enum sig_outcome ksignal_send(struct sim *s, int sender, struct proc *p, int sig);
/* Acts on one pending signal; returns false when the process can no longer
 * run (killed, stopped). A handler is entered through user space's door. */
bool ksignal_deliver(struct sim *s, struct proc *p, struct upcall *u);
static inline bool ksignal_has_deliverable(const struct proc *p) { return (p->sig_pending & ~p->sig_blocked) != 0; }
void ksignal_action(struct sim *s, struct proc *p, int sig, int32_t action);
/* sigprocmask: K_SIG_BLOCK or K_SIG_UNBLOCK sig (never KILL or STOP). */
void ksignal_mask(struct sim *s, struct proc *p, int how, int sig);
/* kill_pgrp: every member of group pgid, in PID order. */
void ksignal_group(struct sim *s, int sender, int pgid, int sig);

/* timer.c */
void timer_arm(struct sim *s, struct proc *p, int64_t tick);
void timer_cancel(struct sim *s, struct proc *p);
int64_t timer_next(const struct sim *s);       /* INT64_MAX when none */
struct proc *timer_pop_due(struct sim *s, int64_t now);
/* alarm(2): SIGALRM to p at `tick` (0: none), replacing its alarm; returns
 * the ticks its old alarm had left, 0 if none. */
int64_t alarm_set(struct sim *s, struct proc *p, int64_t tick);
/* it_real_fn: the alarms due at now send SIGALRM, in (tick, arming) order. */
void alarm_fire_due(struct sim *s);
/* Each alarm belongs to a live process flagged PF_ALARM, once. */
const char *alarm_check(const struct sim *s);

/* cpu.c: running a process on a CPU: signals on the way to user mode, then
 * its next instructions. burst_over: its compute has had its last tick. */
enum run_result cpu_run(struct sim *s, struct proc *p, bool burst_over);

/* tty.c: the terminal, its foreground process group and its line discipline */
void tty_type(struct sim *s, const char *line);
/* The terminal driver (n_tty's isig) signals the foreground group: Ctrl+C, Ctrl+Z. */
void tty_keyboard_signal(struct sim *s, int sig);
int tty_read(struct sim *s, struct proc *p, const char **line);
/* The session leader exits: its terminal hangs up the foreground group
 * (disassociate_ctty). */
void tty_leader_exit(struct sim *s, struct proc *p);

/* futex.c */
int futex_wait(struct sim *s, struct proc *p, int key, int64_t deadline);
int futex_wake(struct sim *s, int key, int n);
bool futex_clone(const struct sim *from, struct sim *to);
void futex_free(struct sim *s);

/* file.c: pipes, open files and descriptor tables */
int file_pipe(struct sim *s, struct proc *p, int fds[2], bool duplex);
int file_read(struct sim *s, struct proc *p, int fd, struct pipe_msg *m, bool nonblock, int64_t deadline);
int file_write(struct sim *s, struct proc *p, int fd, const struct pipe_msg *m, int32_t bytes);
int file_close(struct sim *s, struct proc *p, int fd);
int file_listen(struct sim *s, struct proc *p);
int file_connect(struct sim *s, struct proc *p, int listener);
int file_accept(struct sim *s, struct proc *p, int fd);
bool file_fork(struct sim *s, struct proc *parent, struct proc *child);
void file_exit(struct sim *s, struct proc *p);
bool file_clone(const struct sim *from, struct sim *to);
void file_free(struct sim *s);
const char *file_check(const struct sim *s);

/* mm.c: pages, copy-on-write, the system's totals */
/* execve: p's memory is a new program's (fa's sizes). */
void mm_exec(struct sim *s, struct proc *p, const struct fork_args *fa);
bool mm_fork(struct sim *s, struct proc *parent, struct proc *child);
void mm_exit(struct sim *s, struct proc *p);
int mm_grow(struct sim *s, struct proc *p, int64_t pages, bool touch);
/* A write to pages of p's memory: false when a copy-on-write copy found no
 * free page (those that fit are made). */
bool mm_touch(struct sim *s, struct proc *p, int64_t pages);
int64_t mm_free_pages(const struct sim *s);
bool mm_image_fits(const struct sim *s, const struct proc *p, const struct fork_args *fa);
bool mm_clone(const struct sim *from, struct sim *to);
void mm_free(struct sim *s);
const char *mm_check(const struct sim *s);
int64_t mm_shared_pages(const struct sim *s, const struct proc *p);
void mm_event_figures(const struct sim *s, const struct proc *p, struct sim_event *ev);

#endif
