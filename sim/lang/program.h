/* program.h: a parsed scenario, ready to run. Produced by parse.c, read by
 * the kernel; immutable once parsed. */
#ifndef PROCSIM_PROGRAM_H
#define PROCSIM_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "cost.h"
#include "sched.h"

/* Opcodes. The first group are scenario instructions (see instr.c for their
 * names and docs); the rest are compiled control flow and built-in programs. */
enum opcode {
	OP_COMPUTE, OP_SLEEP, OP_IO, OP_INPUT, OP_START, OP_PROCESS, OP_FORK, OP_WAIT, OP_JOIN,
	OP_REAP, OP_EXIT, OP_KILL, OP_TERMINATE, OP_IGNORE, OP_DEFAULT, OP_ON, OP_BLOCK, OP_UNBLOCK, OP_PAUSE, OP_ALARM,
	OP_SUBREAPER, OP_ATEXIT, OP_PRINT, OP_REPEAT, OP_LOOP, OP_NICE, OP_ALLOC, OP_TOUCH, OP_CRASH,
	OP_LET, OP_IF, OP_WHILE, OP_BREAK, OP_CONTINUE, OP_TRY, OP_RAISE,
	OP_ACQUIRE, OP_RELEASE, OP_WITH, OP_PUT, OP_GET, OP_TASK_DONE, OP_SEND, OP_RECV, OP_CLOSE,
	OP_POOL, OP_APPLY_ASYNC, OP_APPLY, OP_MAP, OP_EXEC, OP_SUBPROCESS,
	OP_NUM_INSTRUCTIONS,
	/* internal */
	OP_REPEAT_TEST = OP_NUM_INSTRUCTIONS, /* a: counter, b: limit; leaves to target */
	OP_JUMP,          /* to target; b: a counter to increment first, or -1 */
	OP_RETURN,        /* end of a signal handler */
	OP_CODE_END,      /* end of a program: CPython's _exit_function, then exit(0) */
	OP_INIT_REAP,     /* init's loop body: reap a zombie child or sleep */
	OP_JUMP_IF_NOT,   /* to target when opd is false */
	OP_QJOIN,         /* JoinableQueue.join(): `join Q` on a queue */
	OP_POOL_CLOSE,    /* `close P` on a pool */
	OP_POOL_JOIN,     /* `join P` on a pool */
	OP_POOL_TERMINATE,/* `terminate P` on a pool */
	OP_POOL_WORK,     /* a pool worker's loop body (a: the pool) */
	OP_SHELL,         /* the login shell's loop body */
	OP_CRON,          /* cron's loop body: sleep to the next minute due, fork its jobs, reap */
	OP_CRON_CHILD,    /* cron's child for one job (do_command): fork the job, wait for it (a: the entry) */
	OP_SET_DAEMON,    /* `p.daemon = EXPR` (a: the handle variable) */
	OP_SYS_EXIT,      /* `sys.exit(EXPR)` (opd: the argument, or none) */
	OP_END_FINALLY,   /* the end of a finally block: what was pending goes on (a: its variable) */
	OP_JUMP_OUT,      /* break/continue inside a try: to target, through the finally blocks it leaves */
	OP_TINI,          /* tini's loop body: reap a child; main's end is its own */
	OP_THREAD,        /* one of CPython's threads: its loop body (thread.c) */
	OP_MANAGER,       /* a Manager's server process: its main thread (manager.c) */
	OP_ATEXIT_DONE,   /* the end of an atexit block: back to the code's end */
	OP_COUNT
};

enum operand_kind { OPD_NONE, OPD_INT, OPD_STR, OPD_VAR, OPD_FMT, OPD_SELF, OPD_PARENT, OPD_EXPR };

/* One piece of a string with placeholders. */
enum fmt_piece_kind { FMT_TEXT, FMT_VAR, FMT_NAME, FMT_PID, FMT_PPID, FMT_TICK, FMT_TIME, FMT_ELAPSED, FMT_EXPR };
struct expr;
struct fmt_piece {
	enum fmt_piece_kind kind;
	const char *text;     /* FMT_TEXT */
	int len;              /* FMT_TEXT: bytes */
	int var;              /* FMT_VAR */
	const struct expr *expr; /* FMT_EXPR: a global, an object, p.attr */
};
struct fmt {
	int npieces;
	struct fmt_piece *pieces;
};

struct operand {
	enum operand_kind kind;
	int64_t num;          /* OPD_INT: the value (durations: value * 1e6) */
	int var;              /* OPD_VAR: local variable index */
	const char *str;      /* OPD_STR */
	const struct fmt *fmt;/* OPD_FMT */
	const struct expr *expr; /* OPD_EXPR */
};

/* Expressions, evaluated when the instruction runs. */
enum expr_op {
	EX_INT, EX_STR, EX_FMT, EX_LOCAL, EX_GLOBAL, EX_OBJ, EX_NONE, EX_BOOL,
	EX_NEG, EX_NOT, EX_ADD, EX_SUB, EX_MUL, EX_DIV, EX_MOD,
	EX_EQ, EX_NE, EX_LT, EX_LE, EX_GT, EX_GE, EX_AND, EX_OR,
	EX_ATTR,              /* a.attr or a.method() */
	EX_CPU_COUNT,         /* os.cpu_count(), multiprocessing.cpu_count() */
	EX_GETPID,            /* os.getpid() */
	EX_GETPPID,           /* os.getppid() */
	EX_ACTIVE_CHILDREN,   /* len(multiprocessing.active_children()) */
	EX_RANDINT,           /* random.randint(a, b) */
};
enum expr_attr {
	ATTR_PID, ATTR_EXITCODE, ATTR_NAME, ATTR_IS_ALIVE, ATTR_DAEMON,  /* a Process handle */
	ATTR_EMPTY, ATTR_FULL, ATTR_QSIZE,                               /* a queue */
	ATTR_COUNT
};
struct expr {
	uint8_t op;
	uint8_t attr;         /* EX_ATTR */
	int index;            /* EX_LOCAL, EX_GLOBAL: variable; EX_OBJ: object */
	int line, col;
	int64_t num;          /* EX_INT, EX_BOOL */
	const char *str;      /* EX_STR */
	const struct fmt *fmt;/* EX_FMT */
	const struct expr *a, *b;
};

/* Shared objects, declared at the top level: multiprocessing's Lock, Queue,
 * JoinableQueue and Pipe, and a shared file for races. */
enum obj_kind { OBJ_LOCK, OBJ_QUEUE, OBJ_JQUEUE, OBJ_PIPE_END, OBJ_SHARED, OBJ_POOL };
struct obj_decl {
	enum obj_kind kind;
	const char *name;
	int64_t maxsize;      /* queues: 0 = unbounded */
	int peer;             /* OBJ_PIPE_END: the other end */
	bool can_send, can_recv; /* OBJ_PIPE_END: Pipe(duplex=False) gives one of each */
	bool managed;         /* OBJ_QUEUE: Manager().Queue(), in the Manager's server process */
	const struct expr *init; /* OBJ_SHARED: its first value */
	int line, col;
};

/* try ... except: instructions [start, end) raise to `handler` for the
 * exceptions in `mask` (1 << enum exc_kind). A `with` block is a region too.
 * A `finally` block is a region of its own: [start, end) is the try block
 * and its except blocks, `handler` the finally block, which every way out of
 * the region goes through (falling off its end, an exception, break,
 * continue, sys.exit); `var` is the hidden variable that keeps what was
 * going on meanwhile (see OP_END_FINALLY). */
enum exc_kind { EXC_EMPTY, EXC_FULL, EXC_EOF, EXC_VALUE, EXC_TYPE, EXC_ZERO_DIVISION, EXC_OS,
	EXC_ASSERTION, EXC_BLOCKING_IO, EXC_MEMORY, EXC_KEYBOARD_INTERRUPT,
	EXC_OVERFLOW, EXC_CHILD_PROCESS, EXC_RUNTIME, EXC_CALLED_PROCESS, EXC_FILE_NOT_FOUND, EXC_COUNT };
/* "ValueError": the name `except` and `raise` take (parse_stmt.c). */
const char *exception_name(enum exc_kind k);
struct try_region {
	int start, end, handler;
	uint32_t mask;
	bool with;            /* a `with` block: handler is its acquire; the lock is released on the way out */
	bool finally;         /* a finally block (mask: every exception) */
	int var;              /* finally: its hidden variable */
};

/* A duration: an amount and its unit. unit_us == 0 means ticks. Or, when
 * random, random.uniform(lo, hi) of two amounts in units (micro: the
 * amount times 1e6, as an OPD_INT amount), drawn when it runs. */
struct duration {
	struct operand amount;
	int64_t unit_us;
	bool random;
	int64_t lo_micro, lo_unit_us, hi_micro, hi_unit_us;
};

/* micro (an amount times 1e6) of a unit, in ticks of tick_us, rounded up as
 * Linux rounds a sleep up to whole jiffies. Integer arithmetic only, so 1s at
 * 100ms is exactly 10 ticks; huge values saturate. */
static inline int64_t duration_ticks(int64_t micro, int64_t unit_us, int64_t tick_us)
{
	const int64_t big = INT64_MAX / 4;
	if (micro <= 0)
		return 0;
	if (unit_us == 0)
		return micro / 1000000;
	if (unit_us >= 1000000) {
		int64_t k = unit_us / 1000000;
		if (micro > big / k)
			return big / tick_us;
		int64_t n = micro * k;
		return n / tick_us + (n % tick_us != 0);
	}
	int64_t d = 1000000 / unit_us; /* 1000 for ms, 1e6 for us */
	if (tick_us > big / d)
		return 1;
	int64_t den = d * tick_us;
	return micro / den + (micro % den != 0);
}

#define INSN_DAEMON      0x1  /* start ... daemon */
#define INSN_HAS_TIMEOUT 0x2  /* join ... timeout D */
#define INSN_HAS_VAR     0x4  /* input as VAR, start ... as H, repeat ... as VAR */
#define INSN_NOWAIT      0x8  /* put/get ... nowait (block=False) */
#define INSN_GLOBAL      0x10 /* let: the variable is a global */
#define INSN_FROM_HANDLE 0x20 /* start HANDLE: a Process made by `process` */
#define INSN_CHECK       0x40 /* subprocess.run ... check (check=True) */

struct insn {
	uint8_t op;
	uint8_t sig;          /* KILL/IGNORE/DEFAULT/ON: signal number */
	uint16_t flags;
	int line, col;        /* source position, for runtime errors */
	int a, b;             /* START/FORK: a = program, b = handle variable; SUBPROCESS: a = program
	                         (-1: a command that is no program), b = returncode variable;
	                         INPUT: a = variable; REPEAT, REPEAT_TEST: a = counter, b = limit;
	                         JUMP: b = counter to increment first, or -1 */
	int target;           /* JUMP, REPEAT_TEST (loop exit), ON (handler start): a pc */
	struct duration dur;  /* COMPUTE/SLEEP/IO: how long; JOIN: the timeout */
	struct operand opd;   /* PRINT: text; EXIT: code; KILL: target; REPEAT: count; WAIT/JOIN: handle;
	                         ALLOC/TOUCH: pages of 4 KiB */
	struct operand name;  /* START/FORK: `named` */
	int nargs;
	struct operand *args; /* START/FORK */
};

struct program {
	const char *name;     /* program name (the command name of its processes) */
	int nparams;          /* the first nparams locals are the parameters */
	int nlocals;
	const char **local_names;
	int ninsns;
	struct insn *insns;
	int ntries;
	struct try_region *tries;
	int line;             /* where it is defined (0 for built-ins) */
	int64_t demand;       /* declared CPU ticks: a job's `runs`, else its literal computes */
	bool is_job;
	int natexit;          /* its atexit blocks (OP_ATEXIT: a, its hidden variable, holds
	                         when it was registered; target..b, its block) */
	int atexit_var;       /* with atexit blocks: when multiprocessing's _exit_function was
	                         registered (the first start), a hidden variable; else -1 */
};

enum tl_kind { TL_KILL, TL_PKILL, TL_KILLALL, TL_CTRL_Z, TL_CTRL_C, TL_TYPE, TL_BG, TL_FG, TL_JOBS, TL_JOB, TL_ATTACH, TL_DETACH };
struct timeline_event {
	enum tl_kind kind;
	int64_t at_us;        /* when, in microseconds or ... */
	int64_t at_ticks;     /* ... resolved to ticks after parsing */
	int sig;
	int target_pid;       /* TL_KILL, TL_ATTACH, TL_DETACH: a PID, or 0 when target_name is set */
	const char *target_name; /* TL_KILL, TL_KILLALL: a name; TL_PKILL: an extended regex */
	bool full;            /* TL_PKILL -f: the regex matches the whole command line */
	const char *text;     /* TL_TYPE, TL_BG, TL_FG, TL_JOBS: the line typed on the terminal */
	int program;          /* TL_JOB: the job's program */
	int nice;             /* TL_JOB */
	int tickets;          /* TL_JOB: lottery tickets, 0: the default */
	int32_t working_set;  /* TL_JOB: the cache it needs (policy multi) */
	uint64_t affinity;    /* TL_JOB: bit c: it may run on CPU c; 0: any */
	int line, col;
};

/* A crontab(5) schedule (crontab.c): the minutes, hours, days of the month,
 * months and days of the week it matches, one bit each. */
#define CRON_DOM_STAR 0x1     /* the day-of-month field starts with '*' */
#define CRON_DOW_STAR 0x2     /* the day-of-week field starts with '*' */
#define CRON_REBOOT   0x4     /* @reboot: once, when cron starts */
struct cron_sched {
	uint64_t minute;      /* bits 0-59 */
	uint32_t hour;        /* bits 0-23 */
	uint32_t dom;         /* bits 1-31 */
	uint16_t month;       /* bits 1-12 */
	uint8_t dow;          /* bits 0-7: 0 and 7 are Sunday */
	uint8_t flags;
};

/* `cron "SCHEDULE" PROGRAM`: a line of the user's crontab. */
struct cron_entry {
	struct cron_sched when;
	const char *schedule; /* as written, for crontab -l */
	int program;          /* what it runs */
	int line, col;
};

/* Who is PID 1 where main runs (`pid1`): the machine's init, a classic
 * init that reaps every orphan at once; main itself as the PID 1 of a
 * container's PID namespace, which reaps only what it waits for (docker
 * run without --init); tini as that PID 1, main its child (docker run
 * --init): it reaps every zombie and forwards the signals it gets. */
enum pid1_kind { PID1_INIT, PID1_MAIN, PID1_TINI };

struct scenario {
	const char *file;     /* the name used in messages */
	char *title;
	int64_t tick_us;      /* display length of a tick */
	int hz;               /* timer interrupts a second (`hz`, CONFIG_HZ): where slices can end */
	int cpus;
	struct sched_params sched; /* policy and its settings */
	struct costs costs;   /* what system calls and CPython's steps cost (cost.h) */
	bool core_dumps;      /* `core_dumps yes`: ulimit -c unlimited (default no: ulimit -c 0) */
	int64_t minute;       /* ticks in a load-average minute */
	int pid_max;
	int64_t seed;         /* random.seed(seed) of the run's generator (`seed`, default 0) */
	int64_t mem_pages, swap_pages; /* the machine's RAM and swap, in pages of 4 KiB */
	int64_t limit;        /* tick limit from the file; -1 if none */
	char *shell_name;
	int nprograms;
	struct program **programs;
	int main_index;       /* index of main in programs; -1 when there are only jobs */
	bool main_background; /* main "CMD &": the shell starts main as a background job */
	uint8_t pid1;         /* enum pid1_kind */
	int ntimeline;
	struct timeline_event *timeline; /* sorted by tick, then file order */
	int nglobals;
	const char **global_names;
	const struct expr **global_init;  /* each process has its own copy, from its parent */
	int nobjects;
	struct obj_decl *objects;
	int ncron;
	struct cron_entry *cron; /* the crontab, in file order: a cron daemon is booted when there is one */
	int64_t job_work;     /* the ticks of CPU and disk all the `job` lines ask for, added up */
	struct arena *arena;  /* owns every string and array above */
};

/* A textbook workload: `job` lines and no main. Its numbers are ticks (the
 * textbooks' time units), so the views count its time in ticks, not seconds. */
static inline bool scenario_is_job_workload(const struct scenario *sc)
{
	if (sc->main_index >= 0)
		return false;
	for (int i = 0; i < sc->nprograms; i++)
		if (sc->programs[i]->is_job)
			return true;
	return false;
}

#endif
