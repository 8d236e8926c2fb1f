/* parse_int.h: what the parser's files share, and no one else sees (the
 * public interface is parse.h). The parser is split as Lua's lparser.c and
 * lcode.c are, one stage a file, from the top-level line down:
 *   parse.c       parse_scenario(): reading tokens, reporting errors, finishing
 *   parse_decl.c  top-level lines: programs, settings, timeline, jobs, var, objects
 *   parse_stmt.c  statements: instruction lines and blocks
 *   parse_obj.c   instructions on locks, queues, pipes and pools
 *   parse_expr.c  expressions, strings, durations, signals
 *   parse_name.c  names: variables, globals, shared objects, programs
 *   parse_code.c  emitting instructions: programs, jumps, regions, fixups, jobs
 *   parse_hint.c  hints for Python habits and near misses
 * What one file defines for the others carries the module's prefix parse_
 * and is declared below, under its file; what a file keeps to itself stays
 * static. */
#ifndef PROCSIM_PARSE_INT_H
#define PROCSIM_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../arena.h"
#include "sched.h"
#include "diag.h"
#include "lex.h"
#include "parse.h"
#include "program.h"

struct fixup {            /* a start/fork whose program is resolved at the end */
	int prog, insn;
	struct token name;
	struct token *keywords;  /* per argument: NAME of NAME=VALUE, or kind 0; NULL: none */
	bool command;            /* subprocess.run "COMMAND": a program without parameters, or none */
};

struct pending_dur {      /* a top-level duration resolved once `tick` is known */
	int64_t micro, unit_us;
	int line, col;
	bool set;
};

enum { DS_TICK, DS_QUANTUM, DS_LIMIT, DS_BOOST, DS_LATENCY, DS_MIN_GRAN, DS_SWITCH_COST, DS_MINUTE, DS_PEEK, DS_WARMUP,
       DS_COUNT };
enum { LS_LEVEL_QUANTUM, LS_ALLOTMENT, LS_COUNT };

/* Names to indices, hashed: a file may declare a thousand names and use
 * them hundreds of thousands of times. Open addressing, linear probing; the
 * names are the arena's, so the index owns only its slots. */
struct name_slot {
	const char *s;            /* NULL: free */
	uint32_t n;
	uint32_t hash;            /* compared first: a probe reads no other name */
	int value;
};
struct name_index {
	struct name_slot *slots;
	size_t cap, count;        /* cap: 0 or a power of two */
};

/* One burst of a job, in order: `runs B` on the CPU, or `io I` in D. */
struct job_burst {
	struct pending_dur d;
	bool io;
};

struct job_spec {         /* job NAME arrives T runs B [io I every E | io I, runs B...] [nice N] [tickets N] */
	struct token name;
	struct pending_dur arrives, io, every; /* io I every E: periodic I/O (one `runs`) */
	struct job_burst *bursts; /* malloc'd: the runs and single io's, in order */
	int nbursts, capbursts;
	int nice;
	int tickets;              /* 0: the default */
	int32_t working_set;      /* working_set W (policy multi) */
	uint64_t affinity;        /* affinity C C...: bit c for CPU c; 0: any */
	struct token affinity_at; /* where the affinity is written, for its check against cpus */
	int line, col;
};

struct cron_line {        /* cron "SCHEDULE" PROGRAM: the program is resolved at the end */
	struct cron_entry e;
	struct token name;
};

struct parser {
	const char *file, *src;
	size_t len;
	struct lexer *lx;
	struct token tok;
	struct diags *diags;
	struct scenario *sc;
	struct arena *A;
	/* the program being compiled */
	struct program *prog;
	struct insn *insns;
	int ninsns, capinsns;
	const char *locals[PARSE_MAX_LOCALS];
	int nlocals;
	bool too_many, too_long;
	/* Unknown names already reported in this program: each is reported
	 * once, as Python stops at the first NameError (no cascade). */
	const char *unknown[8];
	int nunknown;
	const struct token *assign_target; /* NAME of `NAME = EXPR` while EXPR is read */
	char hint_buf[DIAG_MSG_LEN];       /* a hint being built for an error */
	/* scenario-wide */
	struct program **progs;
	int nprogs, capprogs;
	struct fixup *fix;
	int nfix, capfix;
	struct timeline_event *tl;
	int ntl, captl;
	struct pending_dur durs[DS_COUNT];
	int costs_mode;                   /* `costs`: 0 not set (linux with a main, none for jobs), 1 linux, 2 none */
	struct pending_dur cost[COST_COUNT]; /* `cost NAME DURATION` lines */
	struct pending_dur lists[LS_COUNT][SCHED_MAX_LEVELS];
	int nlist[LS_COUNT];
	struct job_spec *jobs;
	int njobs, capjobs;
	bool lex_diag[DIAG_MAX];  /* diagnostic i came from the lexer */
	int quiet_line, quiet_col; /* a line rejected whole from here on: see parse_reject_line */
	const char **globals;     /* `var NAME = EXPR` */
	const struct expr **global_init;
	int nglobals, capglobals;
	struct obj_decl *objects; /* lock, queue, pipe, shared */
	int nobjects, capobjects;
	struct loop_ctx *loop;    /* the innermost loop, for break and continue */
	struct with_ctx { int acquire; struct loop_ctx *loop; } with[32]; /* open `with` blocks */
	int nwith;
	int ntry_open;            /* try blocks being compiled (break in one goes through its finally) */
	int atexit_var;           /* the program's program.atexit_var, once it has an atexit block */
	struct try_region *tries;
	int ntries, captries;
	int main_line;
	bool pid_max_set;         /* the file says `pid_max N` */
	struct name_index global_index, object_index; /* globals and objects by name */
	struct name_index program_index; /* programs and jobs by name, main aside; the last one wins */
	struct program *main_prog;
	int expr_nest;            /* parentheses and unary operators open in the expression being read */
	int nuser_progs;          /* `program` blocks read (main aside) */
	bool too_many_progs, too_many_jobs, too_many_globals, too_many_objects;
	bool names_lost;          /* declarations past a limit were dropped: see parse_unknown_name */
	struct cron_line *cron;   /* `cron` lines */
	int ncron, capcron;
};

/* ---- tokens ---------------------------------------------------------------- */

/* Number of characters (code points) in a byte range. */
static inline int chars(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static inline int tok_span(const struct token *t) { return t->len ? chars(t->start, t->len) : 1; }

static inline bool is_word(const struct token *t, const char *w)
{
	return t->kind == TOK_IDENT && t->len == strlen(w) && memcmp(t->start, w, t->len) == 0;
}

static inline char *tok_str(struct parser *p, const struct token *t)
{
	return arena_strndup(p->A, t->start, t->len);
}

/* A setting, a top-level line `NAME VALUE`: a row of parse_settings. */
enum setting_kind { SET_STRING, SET_INT, SET_DURATION, SET_DURATIONS, SET_POLICY, SET_SIZE, SET_PID1, SET_COSTS, SET_COST,
		    SET_WORD };
struct setting {
	const char *name;
	enum setting_kind kind;
	int slot;             /* SET_DURATION(S): index in p->durs / p->lists; SET_INT, SET_SIZE, SET_WORD: which */
	long long lo, hi;     /* allowed values (ticks for durations) */
	const char *const *words; /* SET_WORD: the words it takes, NULL-terminated; the value is the index */
};

/* A top-level duration in ticks, once the tick length is known. */
static inline int64_t resolve(const struct pending_dur *d, int64_t tick_us)
{
	return duration_ticks(d->micro, d->unit_us, tick_us);
}

/* ---- compiling ------------------------------------------------------------- */

/* The loop being compiled, for break and continue (p->loop). */
struct loop_ctx {
	struct loop_ctx *outer;
	int breaks[64], nbreaks;       /* jumps to patch with the loop's exit */
	int conts[64], nconts;         /* jumps to patch with the continue target */
	int try_depth;                 /* p->ntry_open where the loop starts */
};

/* What a name in a program stands for: see parse_name_lookup. */
enum name_kind { NAME_NONE, NAME_LOCAL, NAME_GLOBAL, NAME_OBJECT };

/* An instruction's parser: kw is its word, p->tok the token after it. Emits
 * its instructions; *spends_time: it may spend time (see instr_info). False
 * after an error (reported; the caller skips the line). */
typedef bool parse_fn(struct parser *p, const struct token *kw, bool *spends_time);

/* ---- parse.c: reading and reporting ------------------------------------- */

/* The next token; the lexer's errors on the way are reported. */
void parse_next(struct parser *p);
/* The rest of the line from `at` on is lost: see the definition. */
void parse_reject_line(struct parser *p, const struct token *at);
/* A token in words, for messages: 'word', end of line... */
const char *parse_tok_desc(const struct token *t, char *buf, size_t n);
/* An error at the current token, Lua style: "message near 'token'". */
void parse_error_near(struct parser *p, const char *hint, const char *msg);
void parse_error_at(struct parser *p, const struct token *t, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reads on within the line, never past its end. */
void parse_next_on_line(struct parser *p);
/* Skips to the next line, and a block that follows it. */
void parse_skip_line(struct parser *p);
/* The end of an instruction's line; false (reported, skipped) if more follows. */
bool parse_expect_line_end(struct parser *p);

/* ---- parse_decl.c: top-level lines --------------------------------------- */

/* Every top-level line up to the end of the file. */
void parse_top(struct parser *p);
extern const struct setting parse_settings[];
extern const size_t parse_nsettings;
bool parse_int_setting(struct parser *p, const char *what, int lo, int hi, int *out);
void parse_add_timeline(struct parser *p, struct timeline_event *e);
/* A name not yet declared as a global, a shared object or a program. */
bool parse_declare_name(struct parser *p, const struct token *t);
/* Room for `more` shared objects, counting this one: a pipe is two. */
bool parse_room_for_object(struct parser *p, const struct token *name, int more);
struct obj_decl *parse_add_object(struct parser *p, enum obj_kind kind, const struct token *name);

/* ---- parse_cron.c: the crontab ------------------------------------------ */

/* cron "SCHEDULE" PROGRAM */
void parse_cron(struct parser *p);
/* The programs of the cron lines, and the limit they need; into the scenario. */
void parse_finish_cron(struct parser *p);

/* ---- parse_stmt.c: statements -------------------------------------------- */

/* INDENT statement+ DEDENT */
bool parse_block(struct parser *p, bool *spends_time);
/* '(' VALUE, VALUE ... ')' : the arguments of a program call. */
/* keywords (may be NULL: none allowed): per argument, the NAME of a
 * NAME=VALUE argument, or a token of kind 0 for a positional one. */
bool parse_args(struct parser *p, struct operand *args, struct token *keywords, int max, const char *too_many,
		int *nargs);

/* ---- parse_obj.c: instructions on shared objects ------------------------- */

parse_fn parse_acquire, parse_with, parse_put, parse_get, parse_task_done, parse_send, parse_recv, parse_close;
parse_fn parse_pool, parse_apply;
/* The pool named by the current token (not consumed), or -1. */
int parse_pool_ref(struct parser *p);
/* close, join or terminate on a pool (op: OP_POOL_...). */
bool parse_pool_op(struct parser *p, const struct token *kw, enum opcode op, bool *spends);

/* ---- parse_expr.c: expressions and values -------------------------------- */

/* A string literal's body: text, or text and placeholders. */
struct operand parse_compile_string(struct parser *p, const struct token *t);
struct expr *parse_expr(struct parser *p);
/* A name or `{name}` (kept for durations such as `sleep {secs}s`). */
bool parse_var_ref(struct parser *p, struct operand *o);
/* A value where only a number will do: anything but a string literal. */
bool parse_number(struct parser *p, struct operand *o);
/* A value: any expression (a number, a string, a name, arithmetic...). */
bool parse_value(struct parser *p, struct operand *o);
/* DURATION := (NUMBER | {VAR} | VAR) [UNIT]; literal_only: NUMBER [UNIT]. */
bool parse_duration(struct parser *p, struct duration *d, bool literal_only);
/* SIZE: a number and a unit (B, KB, MB, GB, KiB, MiB, GiB), in pages of 4
 * KiB rounded up; also `memory` and `swap` settings. */
bool parse_size(struct parser *p, int64_t *pages);
int parse_signal(struct parser *p); /* 0 after an error */

/* ---- parse_name.c: names ------------------------------------------------- */

/* A variable of the program being compiled: its index, or -1. */
int parse_local_find(struct parser *p, const char *s, size_t n);
/* The variable named by t, added if new; t NULL: a hidden one (a loop's counter). */
int parse_local_add(struct parser *p, const struct token *t);
/* What `{name}` in a string may name besides variables, NULL-terminated. */
extern const char *const parse_builtin_placeholders[];
void parse_unknown_name(struct parser *p, const char *s, size_t n, int line, int col);
/* The same with a hint of the caller's (NULL: "did you mean"). */
void parse_unknown_name_hint(struct parser *p, const char *s, size_t n, int line, int col, const char *hint);
/* `q.get()`, `lock.acquire()`: the procsim line for a Python method call on
 * obj (p->tok is the token after the method's name); false if the method is
 * not one of multiprocessing's. Reads on within the line. */
bool parse_method_hint(struct parser *p, const struct token *obj, const struct token *method, char *hint, size_t n);
/* `x in (1, 2)`, p->tok being `in`: the comparisons to write instead.
 * Reads on within the line. */
void parse_in_hint(struct parser *p, char *hint, size_t n);
int parse_index_find(const struct name_index *x, const char *s, size_t n);
/* Adds or replaces the name `s` (which must outlive the index). */
void parse_index_put(struct name_index *x, const char *s, size_t n, int value);
/* Makes room for n more names at once (a million jobs are added in one go). */
void parse_index_reserve(struct name_index *x, size_t n);
int parse_global_find(const struct parser *p, const char *s, size_t n);
int parse_object_find(const struct parser *p, const char *s, size_t n);
/* A name in a program: its own variable first, then a global, then a shared object. */
enum name_kind parse_name_lookup(struct parser *p, const char *s, size_t n, int *index);
struct program *parse_find_program(struct parser *p, const char *s, size_t n);
/* `at T run PROGRAM [&]`: the command line typed, once every program is known. */
void parse_resolve_runs(struct parser *p);

/* ---- parse_code.c: compiling to instructions ----------------------------- */

/* A new instruction at the end of the program; past PARSE_MAX_INSNS, a
 * scratch one (the error is reported once). */
struct insn *parse_emit(struct parser *p, enum opcode op, const struct token *at);
void parse_loop_begin(struct parser *p, struct loop_ctx *l);
void parse_loop_end(struct parser *p, struct loop_ctx *l, int continue_pc, int exit_pc);
void parse_add_region(struct parser *p, struct try_region r);
/* The last instruction emitted starts or calls the program `name`: resolved in finish(). */
void parse_add_fixup(struct parser *p, const struct token *name);
/* The keyword arguments of the last fixup's call (copied), to be matched
 * with the program's parameters at the end. */
void parse_fixup_keywords(struct parser *p, const struct token *keywords, int nargs);
void parse_begin_program(struct parser *p, const char *name, int line);
void parse_end_program(struct parser *p, const struct token *at);
/* Each job becomes a program, and a timeline event that starts it. */
void parse_build_jobs(struct parser *p);
void parse_compute_demands(struct parser *p);

/* ---- parse_hint.c: Python habits and near misses ------------------------- */

/* `print("hi")`, `sleep(1)`: p->tok is the '('. Reports it with the line to write. */
void parse_call_parens(struct parser *p, const struct token *kw, bool string, const char *msg, const char *example);
void parse_unknown_instruction(struct parser *p, const struct token *kw);
/* A top-level `def`: reported, with the `program` header to write instead. */
void parse_def(struct parser *p);

#endif
