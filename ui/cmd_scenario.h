/* cmd_scenario.h: what the commands that run a scenario share: the scenario
 * from FILE (the classroom demo without one), --jobs or --jobs-file, a run
 * to the end with metrics collected, and the report of an end that is an
 * error. */
#ifndef PROCSIM_CMD_SCENARIO_H
#define PROCSIM_CMD_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd.h"
#include "sim.h"

struct loaded {
	const char *name;
	char *src;
	size_t len;
	struct scenario *sc;
	bool recorded;                /* a recording (procsim record): src is the scenario made from it */
};

/* FILE ("-": standard input; NULL: the classroom demo), parsed; a parse
 * error is reported. Returns the exit status. */
int cmd_scenario_load(const char *file, struct loaded *L);
struct jobs;
/* Textbook jobs: their scenario is generated (jobs_source, `list` for
 * its title), then parsed like a file. */
int cmd_scenario_load_jobs(const struct jobs *j, const char *list, struct loaded *L);
/* Did the command line give jobs (--jobs or --jobs-file)? */
bool cmd_has_jobs(const struct opts *o);
/* The jobs of --jobs or --jobs-file (one of them), loaded as above; a
 * mistake in the list or the file is reported, at its line in the file. */
int cmd_scenario_load_workload(const struct opts *o, struct loaded *L);
/* A scenario made by a command (src: malloc'd, now L's), parsed like a file. */
int cmd_scenario_load_source(const char *name, char *src, struct loaded *L);
/* A recording (procsim record), read; errors reported. Returns the exit status. */
struct recording;
int cmd_recording_load(const char *file, struct recording **out);
/* Does FILE start as a recording does? */
bool cmd_is_recording(const char *file);
/* The scenario of a run-like command: FILE (the demo without one) or
 * --jobs; then --policy, --quantum, --cpus and --switch-cost (one value each)
 * into o->sim and --at into o->at, the durations in this scenario's ticks.
 * A mistake in the options is told before one in the file. */
int cmd_scenario_input(struct opts *o, struct loaded *L);
void cmd_scenario_free(struct loaded *L);

/* Reports how a simulation ended when that is an error; returns the exit status. */
int cmd_scenario_report_end(const struct loaded *L, struct sim *s);

/* Runs a loaded scenario to its end with metrics collected; `fn` (may be
 * NULL) sees every event, after `before` (may be NULL) has seen the new
 * simulation. Returns the simulation, or NULL with an error
 * reported (rc set). */
struct sim *cmd_scenario_run(const struct loaded *L, const struct sim_options *opt, sim_sink_fn *fn, void *ctx,
			     void (*before)(void *ctx, const struct sim *s), int *rc);

/* ---- --policy, --quantum and --cpus as lists (compare, plot) -------------------- */

/* One combination of the lists: the options to run it with and its label. */
struct cmd_variant {
	struct sim_options opt;
	char label[512];              /* "fifo", "rr q=2 cpus=2", "serial-sleep rr" */
};

/* The file's label: "scenarios/join/serial-sleep.psim" -> "serial-sleep". */
void cmd_file_label(char *buf, size_t n, const char *file);
/* The variants of the sweep w (cmd_parse_sweep) for the loaded scenario, in
 * o->sim's options: the cross product, the policy varying slowest. A policy
 * that never reads the quantum (fifo, sjf, stcf, mlfq, cfs) would give the
 * same run for every quantum: it gets one variant, without "q=". The label
 * starts with the file's when `with_file`, and is the file's alone when
 * nothing varies. Into *out (free() it) and *n; returns the exit status, a
 * usage error (a duration out of range in this scenario's ticks) reported. */
int cmd_sweep_variants(const struct opts *o, const struct sweep *w, const struct loaded *L, bool with_file,
		       struct cmd_variant **out, int *n);

#endif
