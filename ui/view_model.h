/* view_model.h: what the interactive view shows, as rows, columns and texts
 * with display widths, built from a history (snapshots and events) without
 * curses. screen.c only places these lines and maps their roles to colours or
 * attributes; the unit tests read them directly. */
#ifndef PROCSIM_VIEW_MODEL_H
#define PROCSIM_VIEW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

struct history;

/* ---- display width ------------------------------------------------------------- */

/* UTF-8 glyphs (box drawing, arrows, CJK) or the ASCII fallback, for a locale
 * that is not UTF-8. Set once at start; UTF-8 by default. */
void vm_set_ascii(bool ascii);
bool vm_ascii(void);
/* Columns a UTF-8 string takes on the terminal (wcwidth; CJK takes two). */
int vm_width(const char *s);
/* Writes s into buf cut (with "…") or padded with spaces to exactly `cols`
 * columns, right-aligned when `right`; in ASCII mode other characters become
 * '?'. Returns the bytes written (buf is always terminated). */
size_t vm_fit(char *buf, size_t n, const char *s, int cols, bool right);
/* The prefix of s that fits in `cols` columns: its length in bytes. */
size_t vm_prefix(const char *s, int cols, int *used);
/* Splits s into lines of at most `cols` columns, at spaces where it can;
 * returns the number of lines (at most max). */
int vm_wrap(const char *s, int cols, const char **starts, size_t *lens, int max);

/* ---- lines of text with roles ------------------------------------------------------ */

/* What a piece of text is: screen.c gives each role a colour pair and, for
 * monochrome terminals and NO_COLOR, an attribute. */
enum vm_role {
	ROLE_NORMAL, ROLE_LABEL, ROLE_VALUE, ROLE_TITLE,
	ROLE_TABLE_HEAD, ROLE_SORTED_HEAD, ROLE_SELECTED, ROLE_CHANGED,
	ROLE_STATE_RUN,    /* R on a CPU */
	ROLE_STATE_R, ROLE_STATE_S, ROLE_STATE_D, ROLE_STATE_T, ROLE_STATE_Z,
	ROLE_RUNNING, ROLE_PAUSED, ROLE_ENDED,
	ROLE_LOG_TIME, ROLE_LOG, ROLE_LOG_PRINT, ROLE_LOG_SIGNAL,
	ROLE_KEY, ROLE_KEY_LABEL, ROLE_MESSAGE, ROLE_DIALOG, ROLE_DIALOG_SELECTED,
	ROLE_IDLE, ROLE_GANTT1, ROLE_GANTT2, ROLE_GANTT3, ROLE_GANTT4, ROLE_GANTT5, ROLE_GANTT6,
	ROLE_TAGGED,              /* a tagged row (htop's Space) */
	ROLE_COUNT
};

#define VM_LINE_BYTES 2048
#define VM_LINE_SPANS 320

struct vm_span {
	enum vm_role role;
	int off, len;             /* bytes of text */
};
struct vm_line {
	char text[VM_LINE_BYTES];
	int len;
	int indent;               /* columns before the continuation lines when wrapped */
	int nspans;
	struct vm_span spans[VM_LINE_SPANS];
};

void vm_line_clear(struct vm_line *l);
void vm_line_add(struct vm_line *l, enum vm_role role, const char *s);
__attribute__((format(printf, 3, 4)))
void vm_line_addf(struct vm_line *l, enum vm_role role, const char *fmt, ...);
/* Adds s cut or padded to `cols` columns. */
void vm_line_addfit(struct vm_line *l, enum vm_role role, const char *s, int cols, bool right);

/* A growing list of lines (help, explain). */
struct vm_text {
	struct vm_line *lines;
	int n, cap;
};
struct vm_line *vm_text_add(struct vm_text *t);
void vm_text_free(struct vm_text *t);
/* Wraps every line of `in` to `width` columns (at spaces when it can, the
 * continuation lines indented by the line's indent) into `out`. */
bool vm_text_wrap(const struct vm_text *in, int width, struct vm_text *out);

/* ---- the process table ------------------------------------------------------------- */

/* In top's order. VIRT, RES, SHR and %MEM need a wide terminal (hidden
 * below VM_WIDE_COLUMNS columns: their width is then 0). */
enum vm_col { COL_PID, COL_PPID, COL_USER, COL_PR, COL_NI, COL_VIRT, COL_RES, COL_SHR, COL_S, COL_CPU, COL_MEM,
	      COL_TIME, COL_WCHAN, COL_COMMAND, COL_COUNT };
#define VM_WIDE_COLUMNS 110

struct vm_column {
	const char *title;        /* msgid */
	int min;                  /* columns at least (the title may need more) */
	bool right;
	int grow;                 /* share of the extra width */
	bool desc;                /* sorted high to low first, as top does for %CPU */
	const char *help;         /* msgid */
	bool wide;                /* shown only on a wide terminal */
};
extern const struct vm_column vm_columns[COL_COUNT];

struct vm_settings {
	bool tree;                /* parents above their children */
	enum vm_col sort;
	bool reverse;
	bool per_cpu;             /* one %Cpu line per CPU */
	bool big_log;
	char filter[64];          /* htop's F4: only commands that contain it (ASCII case ignored); "" all */
	bool only_user;           /* htop's u: only the processes of uid ... */
	int uid;                  /* ... 0 root, 1000 the student */
	unsigned hidden;          /* F2: bit c set hides column c (COMMAND always shows) */
	bool real_names;          /* --names real, p: the kernel's command lines (a forked child's is its parent's) */
	bool threads;             /* top's H: a row per thread (its TID in PID) and the Threads line */
	bool running;             /* the clock is running (else paused) */
	double speed;             /* times real time */
	double ticks_per_sec;
};

struct vm_row {
	int proc;                 /* index into procs */
	int depth;                /* tree view */
	uint64_t more;            /* tree view: bit d set when level d has siblings below */
	bool last;                /* tree view: the last child of its parent */
};

struct vm {
	struct vm_settings set;
	const struct history *h;
	const struct sim *s;
	int width;
	struct sim_counts counts;
	struct mem_info mem;
	struct proc_info *procs;  /* sorted by PID; with set.threads every task, a thread's pid its TID */
	int nprocs, capprocs;
	struct vm_row *rows;
	int nrows;
	int col_x[COL_COUNT], col_w[COL_COUNT];
	/* %CPU: ticks on a CPU in the window, by PID (open addressing) */
	int *cpu_pid, *cpu_ticks;
	int cpu_cap;
	int cpu_window;           /* ticks in the window */
	int64_t tree_scratch_cap;
	int *order, *kids, *kid_start;
	/* htop's tags (Space, c, U): PIDs, kept across builds while they live */
	int *tags;
	int ntags, captags;
};

void vm_init(struct vm *vm);
void vm_fini(struct vm *vm);
/* Takes a snapshot of the history's model and orders the rows for `width`
 * columns. Returns false when memory runs out. */
bool vm_build(struct vm *vm, const struct history *h, const struct vm_settings *set, int width);
/* htop's incremental search (/, F3): the first row from `from` on, going
 * round, whose command contains `text` (ASCII case ignored), or -1. */
int vm_search(const struct vm *vm, int from, const char *text);
/* Does the command of a process contain `text`, ASCII case ignored? */
bool vm_name_matches(const char *name, const char *text);

/* Tags (htop's Space, c, U): what k and the renice keys act on when any. */
bool vm_tagged(const struct vm *vm, int pid);
/* Tags or untags pid; false when memory runs out. */
bool vm_tag(struct vm *vm, int pid, bool on);
/* Tags pid and all its descendants in the snapshot; returns how many. */
int vm_tag_tree(struct vm *vm, int pid);
void vm_untag_all(struct vm *vm);

/* The row showing pid, or -1. */
int vm_find_pid(const struct vm *vm, int pid);
const struct proc_info *vm_row_proc(const struct vm *vm, int row);
/* The text of one cell, not fitted. */
void vm_cell(const struct vm *vm, int row, enum vm_col col, char *buf, size_t n);
/* A whole row, exactly `width` columns, in the role of its state. */
void vm_row_line(const struct vm *vm, int row, struct vm_line *out);
void vm_table_head(const struct vm *vm, struct vm_line *out);
/* Whether column c can be hidden (COMMAND cannot: it takes the rest). */
bool vm_col_hideable(enum vm_col c);
/* The column under screen column x of the table, or -1. */
int vm_col_at(const struct vm *vm, int x);
enum vm_role vm_state_role(const struct proc_info *p);
/* What a process waits for, in words: "sleep until t=40", "wait any child". */
void vm_wchan_text(const struct sim *s, const struct proc_info *p, char *buf, size_t n);
/* %CPU of a process over the window, its threads' included; of a thread
 * (top -H) its own. */
double vm_cpu_percent(const struct vm *vm, int pid);

/* ---- the other panes ------------------------------------------------------------- */

/* The header in top's style: clock and load, Tasks, %Cpu, settings and state. */
int vm_header_lines(const struct vm *vm);
void vm_header_line(const struct vm *vm, int i, struct vm_line *out);
/* The queues: 0: each CPU and the run queue in order; 1: each sleep queue. */
void vm_queue_line(const struct vm *vm, int i, struct vm_line *out);
/* The Gantt strip of CPU c over the last ticks (a label, then one column per
 * tick, now at the right); i == ncpus gives the time axis. */
void vm_gantt_line(const struct vm *vm, int cpu, struct vm_line *out);
void vm_gantt_axis(const struct vm *vm, struct vm_line *out);
/* What the strip's glyphs mean, for the help: a title and a line each, the
 * glyph in a column `indent` wide. */
void vm_gantt_legend(struct vm_text *out, int indent);
/* The log pane's last `height` lines (wrapped), oldest first; returns how many. */
int vm_log_lines(const struct vm *vm, struct vm_line *out, int height);

/* The explanation of a process: what it is now, and its story. */
bool vm_explain(const struct vm *vm, int pid, struct vm_text *out);

/* ---- layout ------------------------------------------------------------------------- */

#define VM_MIN_COLS 80
#define VM_MIN_LINES 24

struct vm_layout {
	int cols, lines;
	bool too_small;
	int header_y, header_h;
	int table_y, table_h;     /* the column titles, then the rows */
	int queues_y, queues_h;
	int gantt_y, gantt_h, gantt_cpus;
	int log_y, log_h;
	int footer_y;
};
void vm_layout(const struct vm *vm, int cols, int lines, struct vm_layout *out);
/* "the terminal is 60x20; procsim needs at least 80x24" */
void vm_too_small(int cols, int lines, char *buf, size_t n);

#endif
