/* plot_ipc.h: the lanes of the shared objects under a timeline picture's
 * CPU strips (issue 11, item 2): each queue's length over time with its
 * puts and gets, each lock's holder, each pipe's sends and receives, read
 * from the run's ipc events, so that a producer/consumer picture shows the
 * traffic and not only blue S bars. */
#ifndef PROCSIM_PLOT_IPC_H
#define PROCSIM_PLOT_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"

enum plot_lane_kind { LANE_QUEUE, LANE_LOCK, LANE_PIPE, LANE_POOL };

struct plot_ipc_event {
	int64_t t;
	int pid, row;                /* the process, and its row in the trace */
	uint8_t op;                  /* enum ipc_op */
	int count;                   /* a queue: items in it after this */
	char *value;                 /* what was put, got, sent or received, or NULL */
};

struct plot_lane {
	char *name;
	uint8_t kind;                /* enum plot_lane_kind */
	int max_count;
	struct plot_ipc_event *ev;
	int n, cap;
};

struct plot_ipc {
	struct plot_lane *lanes;
	int nlanes, cap;
	bool oom;
};

/* Records an ipc event of the process drawn in row `row`. */
void plot_ipc_event(struct plot_ipc *ipc, const struct sim_event *ev, int row);
void plot_ipc_free(struct plot_ipc *ipc);

#endif
