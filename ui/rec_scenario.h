/* rec_scenario.h: a recording (recording.h) turned into a scenario, so that
 * every view reads it as it reads a simulated run. Each recorded process
 * becomes a program: `compute` for the time it ran between the calls that
 * matter, `sleep` for a call that blocked, `fork` at the recorded moment,
 * `wait` for the child it reaped, `kill` for a signal it sent, `print` for
 * what it wrote, `exit` with its status. The tick is fine (1ms, the language's
 * finest; coarser for long runs) and there are enough CPUs that the simulation adds no
 * queueing of its own. docs/recording.md says what is kept and what is not. */
#ifndef PROCSIM_REC_SCENARIO_H
#define PROCSIM_REC_SCENARIO_H

#include <stddef.h>

#include "recording.h"

/* One recorded process, by its place in the process tree: "1" is the
 * command, "1.2" its second child (in fork order), and so on. The
 * command's children from before its last exec (a wrapper's helpers, such as
 * pyenv's shim) are "0.1", "0.2"... instead: not part of the program. */
struct rec_proc {
	int pid;                      /* the real PID */
	int parent;                   /* index of the parent in the table, -1 for the command */
	char pos[64];                 /* tree position */
	char *name;                   /* basename(argv[0]) and the arguments of its last exec */
	long long start_t, exit_t;    /* ns; exit_t -1 if it never exited while recorded */
	int status;                   /* its wait status, if it exited */
	int reaper;                   /* index of the process that reaped it, -1 if none recorded */
	long long reap_t;
	int nchildren;
};

struct rec_tree {
	struct rec_proc *p;           /* in order of creation; [0] is the command */
	int n;
};

/* The processes of a recording (threads are not processes). False only
 * when memory runs out or the recording has no start. */
bool rec_tree_build(const struct recording *r, struct rec_tree *t);
void rec_tree_free(struct rec_tree *t);
/* The process of a real PID, or -1. */
int rec_tree_find(const struct rec_tree *t, int pid);

/* The scenario text (malloc'd), or NULL with a message in err. `file` names
 * the recording in the title. */
char *rec_scenario_source(const struct recording *r, const char *file, char *err, size_t errn);

/* The tick the scenario of a recording uses, in ns: 1ms, or coarser so
 * that the run fits in 200,000 ticks. */
long long rec_scenario_tick_ns(const struct recording *r);

#endif
