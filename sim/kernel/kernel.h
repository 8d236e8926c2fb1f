/* kernel.h: what the kernel exports to the programs that run on it. User
 * space (sim/user/) includes this header and no other of the kernel's.
 *
 * Calls go one way. A program asks the kernel for something through
 * ksyscall() with a number from the system-call table (syscall.c, as xv6's
 * kernel/syscall.c and gVisor's syscall table); the small wrappers below are
 * its C library. The kernel enters user space through one door only: the
 * user_ops.run function, "run this process's next instruction", called by a
 * CPU (cpu.c), as a CPU returns to user mode. The other user_ops function,
 * release, is memory management (exit_mm: the kernel freeing a process's
 * address space), never user code. User space also reports what its
 * programs do (kernel_emit), as a tracer's probes would.
 *
 * A call that must wait puts the caller to sleep and returns K_RESTART
 * (Linux's -ERESTARTSYS): the program gives up the CPU, and when it is woken
 * it runs the same instruction again, which makes the call again. */
#ifndef PROCSIM_KERNEL_H
#define PROCSIM_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "sig.h"

struct sim;
struct proc;

/* errno values, as Linux numbers them; calls return -errno. */
enum { K_EPERM = 1, K_ESRCH = 3, K_EINTR = 4, K_EIO = 5, K_EBADF = 9, K_ECHILD = 10, K_EAGAIN = 11, K_ENOMEM = 12, K_EFAULT = 14,
       K_EINVAL = 22, K_EMFILE = 24, K_EPIPE = 32, K_ECONNREFUSED = 111 };
#define K_RESTART (-512)   /* the caller sleeps; the call runs again once it wakes */

/* ---- the door into user space ---------------------------------------------- */

/* What the next instruction did with the CPU. */
enum run_result {
	RUN_NEXT = -1,     /* done at once: the CPU goes on with the next instruction */
	RUN_SPENT,         /* computing: it holds the CPU for this tick */
	RUN_BLOCKED,       /* asleep in a system call */
	RUN_GONE,          /* exited or stopped */
};

/* (RUN_BLOCKED also after sched_yield: off the CPU, runnable.) */

/* Why the kernel enters user space: to go on (sig 0), or, on the way back
 * to user mode, to run a signal handler (setup_rt_frame): the kernel has
 * blocked sig; the handler ends with sigreturn. cpu_ticks: ticks of CPU the
 * process had since it last ran an instruction (a compute in progress),
 * which it counts before anything else. */
struct upcall {
	int sig;
	int32_t handler;
	int64_t cpu_ticks;
	void *image;        /* the process's user memory */
	int64_t burst;      /* out, with RUN_SPENT: ticks of computing that follow */
};

struct user_ops {
	size_t image_size;  /* bytes of each process's user memory (its image) */
	enum run_result (*run)(void *ctx, struct proc *t, struct upcall *u);
	/* exit_mm: the process's memory goes (its image, not the kernel's record). */
	void (*release)(void *ctx, struct proc *t, void *image);
};
void kernel_set_user(struct sim *k, const struct user_ops *ops, void *ctx);

/* ---- system calls ------------------------------------------------------------ */

enum sysno {
	SYS_FORK, SYS_EXIT, SYS_WAIT4, SYS_KILL, SYS_SIGACTION, SYS_SIGRETURN, SYS_PAUSE,
	SYS_NANOSLEEP, SYS_READ_DISK, SYS_NICE, SYS_PRCTL_SUBREAPER, SYS_SETPGID, SYS_TCSETPGRP,
	SYS_READ_TTY, SYS_WRITE_TTY, SYS_FUTEX_WAIT, SYS_FUTEX_WAKE,
	SYS_PIPE, SYS_SOCKETPAIR, SYS_READ, SYS_WRITE, SYS_CLOSE, SYS_BRK, SYS_TOUCH, SYS_SCHED_YIELD,
	SYS_SETSID, SYS_SETUID, SYS_EXECVE, SYS_ALARM, SYS_SIGPROCMASK, SYS_CLONE_THREAD, SYS_EXIT_THREAD,
	SYS_LISTEN, SYS_CONNECT, SYS_ACCEPT, SYS_POLL,
	SYS_VFORK, SYS_VFORK_WAIT,
	SYS_COUNT
};

/* The arguments of any call; each call documents which it reads. */
struct sysargs {
	int64_t a[4];
	const void *in;
	void *out;
	const char *str;
};

/* Makes system call nr for t. Returns the call's result. */
int64_t ksyscall(struct sim *k, struct proc *t, enum sysno nr, struct sysargs *args);
/* "fork", "wait4", ... as strace names them. */
const char *syscall_name(enum sysno nr);

/* How a process may come to life in fork. */
struct fork_args {
	const char *comm;      /* the command name ps shows */
	int64_t demand;        /* declared CPU ticks (sjf, stcf), -1 if unknown */
	int nice;              /* with set_nice; otherwise the parent's */
	bool set_nice;
	int tickets;           /* lottery: its tickets; 0: the parent's (SCHED_DEFAULT_TICKETS
				  under init or the shell, which hold none) */
	bool builtin;          /* init or the shell, not part of the scenario */
	bool job;              /* a textbook job */
	int32_t working_set;   /* a job's: the cache it needs (policy multi) */
	uint64_t affinity;     /* a job's: bit c set if it may run on CPU c; 0: any CPU */
	/* A new program (execve) instead of a copy of the parent's memory, when
	 * exe is set: its file (for the page cache), its size and what of it
	 * is resident, in pages of 4 KiB. */
	const char *exe;
	int32_t vm_pages, file_pages, anon_pages;
};

/* wait4's options and the status it reports. */
#define K_WNOHANG    1
#define K_WUNTRACED  2
#define K_WCONTINUED 8
/* procsim's init: without any child, sleep until one is adopted or made and
 * ends (a real init sleeps until SIGCHLD), instead of ECHILD. */
#define K_WSTAYCHILDLESS 0x100
struct wait_status {
	int pid;
	int code;      /* exited: its code */
	int sig;       /* killed: the signal; stopped: the stopping signal */
	char how;      /* 'x' exited, 'k' killed, 's' stopped, 'c' continued */
	bool core;     /* killed: WCOREDUMP, its signal's default action is Core */
};

/* sigaction's dispositions; a handler is a program address >= 0. */
#define K_SIG_DFL (-1)
#define K_SIG_IGN (-2)

/* A message through a pipe: what a program pickles into bytes, opaque here. */
struct pipe_msg {
	uint64_t w[3];
};

/* The C library: one wrapper per call. */
static inline struct proc *sys_fork(struct sim *k, struct proc *t, const struct fork_args *fa, int *err)
{
	struct proc *child = NULL;
	struct sysargs a = {.in = fa, .out = &child};
	int64_t r = ksyscall(k, t, SYS_FORK, &a);
	*err = r < 0 ? (int)-r : 0;
	return r < 0 ? NULL : child;
}
/* vfork (CLONE_VM | CLONE_VFORK), as CPython's subprocess makes its child
 * (_posixsubprocess; strace: tests/truth/subprocess_run.sh): the child as
 * sys_fork makes it, the call named vfork. Once the caller has set the
 * child up and woken it (kernel_wake_new_task), sys_vfork_wait is the rest
 * of the call, wait_for_vfork_done: the caller sleeps uninterruptibly (D,
 * ps's WCHAN kernel_clone) until that child has exec'd or exited; 0 then,
 * else K_RESTART. */
static inline struct proc *sys_vfork(struct sim *k, struct proc *t, const struct fork_args *fa, int *err)
{
	struct proc *child = NULL;
	struct sysargs a = {.in = fa, .out = &child};
	int64_t r = ksyscall(k, t, SYS_VFORK, &a);
	*err = r < 0 ? (int)-r : 0;
	return r < 0 ? NULL : child;
}
static inline int sys_vfork_wait(struct sim *k, struct proc *t, int pid)
{
	struct sysargs a = {.a = {pid}};
	return (int)ksyscall(k, t, SYS_VFORK_WAIT, &a);
}
/* 0, or -K_ENOMEM when the new program does not fit in RAM. */
static inline int sys_execve(struct sim *k, struct proc *t, const struct fork_args *fa)
{
	struct sysargs a = {.in = fa};
	return (int)ksyscall(k, t, SYS_EXECVE, &a);
}
/* A new thread in t's process (pthread_create): user space sets up its
 * image, then kernel_wake_new_task. NULL with *err = EAGAIN. */
static inline struct proc *sys_clone_thread(struct sim *k, struct proc *t, int *err)
{
	struct proc *thread = NULL;
	struct sysargs a = {.out = &thread};
	int64_t r = ksyscall(k, t, SYS_CLONE_THREAD, &a);
	*err = r < 0 ? (int)-r : 0;
	return r < 0 ? NULL : thread;
}
/* The calling thread ends; the process goes on (its last thread: it exits 0). */
static inline void sys_exit_thread(struct sim *k, struct proc *t)
{
	struct sysargs a = {0};
	ksyscall(k, t, SYS_EXIT_THREAD, &a);
}
static inline void sys_exit(struct sim *k, struct proc *t, int code)
{
	struct sysargs a = {.a = {code}};
	ksyscall(k, t, SYS_EXIT, &a);
}
/* fork's second half (wake_up_new_task), once the caller has set up the
 * child's image: the child is announced and becomes runnable. */
void kernel_wake_new_task(struct sim *k, struct proc *child);
/* pid > 0: that child; -1: any. deadline >= 0: a timed wait (gives 0 at it).
 * Returns the pid reported, 0 (WNOHANG, or the deadline passed), -ECHILD, K_RESTART. */
static inline int sys_wait4(struct sim *k, struct proc *t, int pid, int options, int64_t deadline,
			    struct wait_status *st)
{
	struct sysargs a = {.a = {pid, options, deadline}, .out = st};
	return (int)ksyscall(k, t, SYS_WAIT4, &a);
}
/* pid > 0: a process; pid < 0: the process group -pid. Returns enum sig_outcome. */
static inline enum sig_outcome sys_kill(struct sim *k, struct proc *t, int pid, int sig)
{
	struct sysargs a = {.a = {pid, sig}};
	return (enum sig_outcome)ksyscall(k, t, SYS_KILL, &a);
}
static inline void sys_sigaction(struct sim *k, struct proc *t, int sig, int32_t action)
{
	struct sysargs a = {.a = {sig, action}};
	ksyscall(k, t, SYS_SIGACTION, &a);
}
static inline void sys_sigreturn(struct sim *k, struct proc *t, int sig)
{
	struct sysargs a = {.a = {sig}};
	ksyscall(k, t, SYS_SIGRETURN, &a);
}
static inline int sys_pause(struct sim *k, struct proc *t)
{
	struct sysargs a = {.in = NULL};
	return (int)ksyscall(k, t, SYS_PAUSE, &a);
}
/* Sleeps until the tick `until` (S, or D for a disk read); 0 once it has come. */
static inline int sys_nanosleep(struct sim *k, struct proc *t, int64_t until)
{
	struct sysargs a = {.a = {until}};
	return (int)ksyscall(k, t, SYS_NANOSLEEP, &a);
}
static inline int sys_read_disk(struct sim *k, struct proc *t, int64_t until)
{
	struct sysargs a = {.a = {until}};
	return (int)ksyscall(k, t, SYS_READ_DISK, &a);
}
static inline void sys_nice(struct sim *k, struct proc *t, int inc)
{
	struct sysargs a = {.a = {inc}};
	ksyscall(k, t, SYS_NICE, &a);
}
static inline void sys_prctl_subreaper(struct sim *k, struct proc *t)
{
	struct sysargs a = {.in = NULL};
	ksyscall(k, t, SYS_PRCTL_SUBREAPER, &a);
}
static inline void sys_setpgid(struct sim *k, struct proc *t, int pid, int pgid)
{
	struct sysargs a = {.a = {pid, pgid}};
	ksyscall(k, t, SYS_SETPGID, &a);
}
static inline void sys_tcsetpgrp(struct sim *k, struct proc *t, int pgid)
{
	struct sysargs a = {.a = {pgid}};
	ksyscall(k, t, SYS_TCSETPGRP, &a);
}
/* A line from the terminal: 0 and *line, K_RESTART (asleep, or stopped by
 * SIGTTIN in the background), or -EIO (a background read that can never be
 * continued). */
static inline int sys_read_tty(struct sim *k, struct proc *t, const char **line)
{
	struct sysargs a = {.out = line};
	return (int)ksyscall(k, t, SYS_READ_TTY, &a);
}
static inline void sys_write_tty(struct sim *k, struct proc *t, const char *text, bool to_stderr)
{
	struct sysargs a = {.a = {to_stderr}, .str = text};
	ksyscall(k, t, SYS_WRITE_TTY, &a);
}
/* futex(FUTEX_WAIT): sleeps on futex `key` until woken (K_RESTART), or
 * returns -ETIMEDOUT at once when the deadline (>= 0) has come. The caller
 * checks its condition again each time it runs, as around sem_wait. */
#define K_ETIMEDOUT 110
static inline int sys_futex_wait(struct sim *k, struct proc *t, int key, int64_t deadline)
{
	struct sysargs a = {.a = {key, deadline}};
	return (int)ksyscall(k, t, SYS_FUTEX_WAIT, &a);
}
/* poll(2) on what futex `key` stands for (a Pool's change notifier and its
 * workers' sentinels): the same sleep, named poll. */
static inline int sys_poll_wait(struct sim *k, struct proc *t, int key, int64_t deadline)
{
	struct sysargs a = {.a = {key, deadline}};
	return (int)ksyscall(k, t, SYS_POLL, &a);
}
/* futex(FUTEX_WAKE): wakes up to n sleepers, first come first; returns how many. */
static inline int sys_futex_wake(struct sim *k, struct proc *t, int key, int n)
{
	struct sysargs a = {.a = {key, n}};
	return (int)ksyscall(k, t, SYS_FUTEX_WAKE, &a);
}
/* pipe2: a new pipe; fds[0] reads, fds[1] writes. Returns 0 or -EMFILE. */
static inline int sys_pipe(struct sim *k, struct proc *t, int fds[2])
{
	struct sysargs a = {.out = fds};
	return (int)ksyscall(k, t, SYS_PIPE, &a);
}
/* socketpair: two connected ends, each reading what the other writes
 * (multiprocessing.Pipe(duplex=True)). */
/* A listening Unix stream socket (socket + bind + listen): its descriptor. */
static inline int sys_listen(struct sim *k, struct proc *t)
{
	struct sysargs a = {0};
	return (int)ksyscall(k, t, SYS_LISTEN, &a);
}
/* connect to the listening socket that is open file `listener` (its
 * address): the caller's end of the new connection, or -errno. */
static inline int sys_connect(struct sim *k, struct proc *t, int listener)
{
	struct sysargs a = {.a = {listener}};
	return (int)ksyscall(k, t, SYS_CONNECT, &a);
}
/* accept on listening descriptor fd: the connection's descriptor, or
 * K_RESTART asleep until one comes. */
static inline int sys_accept(struct sim *k, struct proc *t, int fd)
{
	struct sysargs a = {.a = {fd}};
	return (int)ksyscall(k, t, SYS_ACCEPT, &a);
}
static inline int sys_socketpair(struct sim *k, struct proc *t, int fds[2])
{
	struct sysargs a = {.out = fds};
	return (int)ksyscall(k, t, SYS_SOCKETPAIR, &a);
}
/* One message: 1 read, 0 at end of file (no writer left), -EAGAIN when
 * nonblocking and empty, K_RESTART asleep, -EBADF. deadline as for wait4. */
static inline int sys_read(struct sim *k, struct proc *t, int fd, struct pipe_msg *m, bool nonblock,
			   int64_t deadline)
{
	struct sysargs a = {.a = {fd, nonblock, deadline}, .out = m};
	return (int)ksyscall(k, t, SYS_READ, &a);
}
/* 1 written, -EPIPE (and SIGPIPE) when no reader is left, -EBADF. */
static inline int sys_write(struct sim *k, struct proc *t, int fd, const struct pipe_msg *m)
{
	struct sysargs a = {.a = {fd}, .in = m};
	return (int)ksyscall(k, t, SYS_WRITE, &a);
}
/* A write of `bytes` (what the message stands for: a pickle and its
 * header), which waits for room (K_RESTART) while the pipe is full. */
static inline int sys_write_bytes(struct sim *k, struct proc *t, int fd, const struct pipe_msg *m, int32_t bytes)
{
	struct sysargs a = {.a = {fd, bytes}, .in = m};
	return (int)ksyscall(k, t, SYS_WRITE, &a);
}
static inline int sys_close(struct sim *k, struct proc *t, int fd)
{
	struct sysargs a = {.a = {fd}};
	return (int)ksyscall(k, t, SYS_CLOSE, &a);
}
/* brk/mmap: the process's memory grows by `pages` (resident at once when
 * touched). 0, or -ENOMEM when RAM is full (procsim does not swap). */
static inline int sys_brk(struct sim *k, struct proc *t, int64_t pages, bool touch)
{
	struct sysargs a = {.a = {pages, touch}};
	return (int)ksyscall(k, t, SYS_BRK, &a);
}
/* A write to `pages` of its memory: each page still shared copy-on-write
 * with another process gets a private copy (a write fault). */
static inline void sys_touch(struct sim *k, struct proc *t, int64_t pages)
{
	struct sysargs a = {.a = {pages}};
	ksyscall(k, t, SYS_TOUCH, &a);
}

/* A write through a pointer into no mapping: SIGSEGV (force_sig_fault). */
static inline void sys_bad_access(struct sim *k, struct proc *t)
{
	struct sysargs a = {.a = {0, 1}};
	ksyscall(k, t, SYS_TOUCH, &a);
}

/* sched_yield: the caller goes to the back of the run queue; other
 * runnable processes run first. The caller is off its CPU when it returns
 * (its instruction ends there: RUN_BLOCKED). */
static inline void sys_sched_yield(struct sim *k, struct proc *t)
{
	struct sysargs a = {.in = NULL};
	ksyscall(k, t, SYS_SCHED_YIELD, &a);
}

/* setsid: the caller leads a new session and a new process group, without
 * a terminal (ksys_setsid). Returns the new session's ID, or -EPERM for a
 * process-group leader. */
static inline int sys_setsid(struct sim *k, struct proc *t)
{
	struct sysargs a = {.in = NULL};
	return (int)ksyscall(k, t, SYS_SETSID, &a);
}
/* alarm: SIGALRM to the caller after `ticks` (0: cancel), replacing its
 * alarm; returns the ticks its old alarm had left (0: none). */
static inline int64_t sys_alarm(struct sim *k, struct proc *t, int64_t ticks)
{
	struct sysargs a = {.a = {ticks}};
	return ksyscall(k, t, SYS_ALARM, &a);
}
/* rt_sigprocmask: SIG_BLOCK or SIG_UNBLOCK one signal. A blocked signal
 * stays pending until it is unblocked; SIGKILL and SIGSTOP are never
 * blocked. */
#define K_SIG_BLOCK   0
#define K_SIG_UNBLOCK 1
static inline void sys_sigprocmask(struct sim *k, struct proc *t, int how, int sig)
{
	struct sysargs a = {.a = {how, sig}};
	ksyscall(k, t, SYS_SIGPROCMASK, &a);
}
/* setuid: the caller's user ID (root may become anyone). */
static inline void sys_setuid(struct sim *k, struct proc *t, int uid)
{
	struct sysargs a = {.a = {uid}};
	ksyscall(k, t, SYS_SETUID, &a);
}

/* ---- what /proc would tell ----------------------------------------------------- */

int task_pid(const struct proc *t);
int task_ppid(const struct sim *k, const struct proc *t);
int task_pgid(const struct proc *t);
const char *task_comm(const struct proc *t);
char task_state(const struct proc *t);
int64_t task_start(const struct proc *t);
bool task_has_zombies(const struct proc *t);
/* sig_fatal: signal sig is pending and will kill t (its default action,
 * Term or Core) before its next instruction, as on the way back from a
 * system call: the program never sees the call's result. */
bool task_signal_fatal(const struct proc *t, int sig);
void *task_image(const struct sim *k, const struct proc *t);
/* /proc/PID/fd and fdinfo: is descriptor fd open, and the open file it
 * refers to (-1 if none). */
bool task_fd_open(const struct proc *t, int fd);
int task_fd_file(const struct proc *t, int fd);
/* An open file: the messages waiting in the pipe it reads. */
int kernel_file_queued(const struct sim *k, int file);
/* Processes asleep reading the pipe that an open file reads. */
int kernel_file_readers_waiting(const struct sim *k, int file);
/* Names the pipe an open file reads after a program's object, for what a
 * reader asleep on it shows (its index and name). */
void kernel_file_label(struct sim *k, int file, enum wchan w, int obj, const char *object);
/* The i-th message waiting in the pipe an open file reads (0: the oldest). */
bool kernel_file_peek(const struct sim *k, int file, int i, struct pipe_msg *m);
/* Has the pipe an open file writes to still a reader (else: EPIPE)? */
bool kernel_file_readable_by_peer(const struct sim *k, int file);
/* The live (not free) process with that PID, or NULL. */
struct proc *kernel_task(const struct sim *k, int pid);
int64_t kernel_clock(const struct sim *k);
/* The CPUs online (/sys/devices/system/cpu/online: what os.cpu_count() reads). */
int kernel_cpus(const struct sim *k);
/* What steps cost on this machine (cost.h): the kernel charges the system
 * calls', user space reads CPython's. */
const struct costs *kernel_costs(const struct sim *k);
int kernel_fg_pgrp(const struct sim *k);

/* futexes live in the memory that the objects of a program share; here a
 * futex is a number that user space asks for once, with what a sleeper on it
 * shows (its wait channel, the object's index and name). */
int kernel_futex_new(struct sim *k, enum wchan w, int obj, const char *object);
int kernel_futex_waiters(const struct sim *k, int key);

/* ---- tracing and faults ------------------------------------------------------ */

/* Reports an event (stamped with the time, and with the system call being
 * made, if any). */
void kernel_emit(struct sim *k, struct sim_event *ev);
/* A program is running away (a loop without end in zero time, or strings
 * without end): the run stops. The program says where, once it knows. */
enum fault_kind { FAULT_STEPS, FAULT_EVENTS, FAULT_MEMORY, FAULT_FLOOD };
void kernel_runaway(struct sim *k, struct proc *t, enum fault_kind why);
/* Where the runaway is in the scenario, once user space knows. */
void kernel_fault_place(struct sim *k, int line, int col);
/* Out of memory on the host: the run stops with SIM_ERROR. */
void kernel_host_oom(struct sim *k);
bool kernel_running(const struct sim *k);

#endif
