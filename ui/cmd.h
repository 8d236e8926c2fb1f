/* cmd.h: the procsim command line as a table of commands, as tmux's cmd.c.
 * Each command is a file cmd_NAME.c that defines a struct cmd_entry: its
 * name, the options it takes, its usage and one-line doc, and the function
 * that runs it; cmd.c lists them. The generic code here parses the options,
 * refuses those a command does not take and prints the usage errors.
 *
 * Adding a command: a new cmd_NAME.c defining cmd_NAME_entry, its line in the
 * table of cmd.c, and its declaration below. */
#ifndef PROCSIM_CMD_H
#define PROCSIM_CMD_H

#include <stdbool.h>

#include "sim.h"

/* Exit status: 0 success, 1 scenario error (or runaway), 2 usage error. */
enum { EXIT_OK = 0, EXIT_SCENARIO = 1, EXIT_USAGE = 2 };

/* The ranges of the duration options, in ticks. */
#define CMD_QUANTUM_MAX 1000000
#define CMD_SWITCH_COST_MAX 1000

/* A duration option (--quantum 2s, --switch-cost 1, --at 2.5s): written as
 * in the scenario language, a bare number being ticks; turned into ticks by
 * cmd_duration_ticks once the scenario, and its tick length, is known. */
struct cmd_duration {
	long long micro, unit_us;     /* parse_duration_text(); unit_us 0: ticks */
	char text[32];                /* as written, for messages */
};

/* The command line, parsed. */
struct opts {
	const char *file;             /* the first file argument */
	const char **files;           /* every file argument (compare) */
	int nfiles;
	const char *output;
	const char *format;           /* checked by each command */
	const char *format_list;      /* `--format o FIELDS`: the FIELDS (ps) */
	long long at;                 /* --at in ticks, once resolved */
	struct cmd_duration at_time;  /* --at as written */
	struct cmd_duration switch_cost; /* --switch-cost as written (with sim.switch_cost_set) */
	struct cmd_duration from, to; /* plot: --from and --to as written */
	bool at_set, from_set, to_set, json, csv, check;
	const char *help_format;
	/* run-like commands: --policy, --quantum and --cpus are lists for compare and plot */
	const char *policy, *quantum, *cpus, *jobs, *plot;
	const char *jobs_file;         /* --jobs-file F: one job a line */
	const char *record;           /* top: --record FILE */
	bool real_names;              /* --names real: the kernel's command lines, not program names */
	bool threads;                 /* -L, --threads: ps -L's row per thread; top: H on */
	struct sim_options sim;
};

/* ---- options ---------------------------------------------------------------- */

enum opt_kind {
	O_FORMAT, O_OUTPUT, O_MAX_TICKS, O_CPUS, O_QUANTUM, O_POLICY, O_SWITCH_COST, O_JOBS, O_AT, O_JSON, O_CSV,
	O_PLOT, O_LANG, O_CHECK, O_HELPFMT, O_RECORD, O_FROM, O_TO, O_NAMES, O_JOBS_FILE, O_COSTS, O_THREADS
};
#define OPT(kind) (1u << (kind))
/* Every command takes --lang; those that run a scenario take its overrides. */
#define OPTS_ANY OPT(O_LANG)
#define OPTS_SIM (OPTS_ANY | OPT(O_MAX_TICKS) | OPT(O_CPUS) | OPT(O_QUANTUM) | OPT(O_POLICY) | \
		  OPT(O_SWITCH_COST) | OPT(O_JOBS) | OPT(O_JOBS_FILE) | OPT(O_CHECK) | OPT(O_COSTS))
#define OPTS_RUN (OPTS_SIM | OPT(O_FORMAT) | OPT(O_OUTPUT) | OPT(O_NAMES))
#define OPTS_TOP (OPTS_SIM | OPT(O_AT) | OPT(O_RECORD) | OPT(O_NAMES) | OPT(O_THREADS))

/* ---- commands ------------------------------------------------------------------ */

struct cmd_entry {
	const char *name;
	int max_files;                /* file arguments it takes at most */
	unsigned options;             /* OPT() of each option it takes */
	const char *usage;            /* "run [FILE] [--format ...]" */
	const char *doc;              /* msgid: what it does, in one line */
	int (*exec)(struct opts *o);  /* returns the exit status */
	/* A command that reads its arguments itself (homework: the OSTEP
	 * tools' own options), argv[0] being the first after its name. */
	int (*exec_argv)(int argc, char **argv);
};

extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_ps_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_plot_entry;
extern const struct cmd_entry cmd_compare_entry;
extern const struct cmd_entry cmd_top_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_crontab_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_homework_entry;
extern const struct cmd_entry cmd_record_entry;

/* The command line after the language is chosen: --help, --version, then the
 * command argv[1] names; without one, `procsim [FILE]` is the interactive
 * view, or with --format or -o the trace. Returns the exit status. */
int cmd_main(int argc, char **argv);

/* "procsim: MESSAGE" and "Try 'procsim --help'." on stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 1, 2)))
int cmd_usage_error(const char *fmt, ...);

/* The position of --format's value in `names` (a command's formats, in the
 * order of its enum, NULL-terminated), or -1. */
int cmd_format_index(const char *value, const char *const *names);

/* ---- --policy, --quantum, --cpus ---------------------------------------------------- */

#define MAX_SWEEP 64

struct sweep {
	const char *policy[MAX_SWEEP];
	struct cmd_duration quantum[MAX_SWEEP];
	long long cpus[MAX_SWEEP];
	int npolicy, nquantum, ncpus;
	char buf[1024];               /* the policy names, split */
};

/* Splits the option values into lists; `lists` false: each must be one value.
 * Returns EXIT_OK, or a usage error already reported. */
int cmd_parse_sweep(const struct opts *o, struct sweep *w, bool lists);
/* The ticks of a duration option (`name`) in a scenario whose tick is
 * tick_us, into *out; a usage error, already reported, when they fall
 * outside [lo, hi]. */
int cmd_duration_ticks(const char *name, const struct cmd_duration *d, long long tick_us, long long lo, long long hi,
		       long long *out);
/* Each option with one value, into o->sim; the durations (--quantum,
 * --switch-cost, --at) in the ticks of a scenario whose tick is tick_us. */
int cmd_apply_overrides(struct opts *o, long long tick_us);

#endif
