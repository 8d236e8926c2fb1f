/* sim.h: the discrete-time kernel. Create it from a parsed scenario, attach an
 * event sink, and step it tick by tick. Same scenario and options, same events. */
#ifndef PROCSIM_SIM_H
#define PROCSIM_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "sched.h"

struct scenario;
struct sim;

struct sim_options {
	int cpus;             /* 0: the scenario's */
	const char *policy;   /* NULL: the scenario's */
	int64_t quantum;      /* 0: the scenario's */
	int64_t switch_cost;  /* with switch_cost_set */
	bool switch_cost_set;
	int costs;            /* 0: the scenario's; 1: every cost measured (linux); 2: none (--costs) */
	int64_t max_ticks;    /* runaway guard when the scenario has no limit; 0: default */
	bool check;           /* run sim_check() after every tick (tests, debug) */
};

#define SIM_DEFAULT_MAX_TICKS 1000000
/* The wall clock at the run's start: 10:00:00 on Monday 1 September 2025
 * (UTC). ps tells STIME and START from it; cron, its minutes. */
#define SIM_WALL_EPOCH 1756720800LL
/* Instructions one tick may execute, and times it may report the same event
 * from the same instruction, before the scenario counts as runaway. */
#define SIM_STEP_LIMIT 20000000
#define SIM_EVENT_LIMIT 15000
/* Events of any kind made by processes in one tick before it counts as
 * runaway: SIM_TICK_EVENTS_MAX, and past it SIM_TICK_EVENTS_PER_PROC more for
 * each process there is then (init may reap a million zombies at once). */
#define SIM_TICK_EVENTS_MAX 1000000
#define SIM_TICK_EVENTS_PER_PROC 8
/* The longest string a process may build (longer raises MemoryError), and
 * all the strings a run may build, before it counts as runaway. Python has
 * no such limits; a classroom machine does. */
#define SIM_STRING_MAX (1 << 20)
#define SIM_STRINGS_TOTAL_MAX ((size_t)256 << 20)

enum sim_status {
	SIM_RUNNING,          /* more to come */
	SIM_DONE,             /* every process of the scenario has ended and been reaped */
	SIM_LIMIT,            /* the scenario's own `limit` was reached */
	SIM_STUCK,            /* nothing can ever run again: see sim_stuck_report */
	SIM_RUNAWAY,          /* max_ticks reached without a limit, or time stopped advancing */
	SIM_ERROR,            /* out of memory */
};

struct sim *sim_new(const struct scenario *sc, const struct sim_options *opt);
void sim_free(struct sim *s);
/* A deep copy that runs on independently (without the sink): the same steps
 * from here give the same events. For time travel in the views. */
struct sim *sim_clone(const struct sim *s);
void sim_set_sink(struct sim *s, sim_sink_fn *fn, void *ctx);

/* Boots the system (init, the shell, main) on the first call; then simulates
 * one tick, skipping idle stretches in one step. */
enum sim_status sim_step(struct sim *s);
/* Steps until the status is no longer SIM_RUNNING or the clock reaches `until`
 * (-1: no bound). */
enum sim_status sim_run(struct sim *s, int64_t until);

/* Brings the model to time t: every event stamped t or earlier has happened,
 * nothing later has. The state a `ps` at time t would see. */
enum sim_status sim_advance_to(struct sim *s, int64_t t);

/* A signal from the teacher's keyboard. It acts at the start of the next
 * tick, sim_signal_tick(), right after that tick's timeline events, which is
 * where a timeline line `at TICK kill -SIG PID` appended to the scenario acts:
 * record (sim_signal_tick(), pid, sig) to replay it exactly. The signal
 * event's sender is -2. Returns SIGOUT_PENDING, or SIGOUT_NO_PROCESS when
 * the simulation has ended. */
enum sig_outcome sim_send_signal(struct sim *s, int pid, int sig);
int64_t sim_signal_tick(const struct sim *s);
/* renice(1) from the teacher's keyboard: adds `by` to pid's nice (kept in
 * -20..19) at the same moment a keyboard signal sent now would act, with an
 * EV_NICE event (other -2); the prio and cfs policies order their run queue
 * by it. Record (sim_signal_tick(), pid, by) to replay it. Returns false when
 * the simulation has ended. */
bool sim_renice(struct sim *s, int pid, int by);

int64_t sim_now(const struct sim *s);
enum sim_status sim_status(const struct sim *s);
/* The tick of the latest event: when a finished simulation really ended. */
int64_t sim_last_event_tick(const struct sim *s);
/* When the run ended, for every view: its last event when it ended by itself
 * (done, stuck), where it was stopped otherwise (limit, runaway); sim_now
 * while it runs. After a finished run's last tick the clock already shows
 * the next one, which no view should report. */
int64_t sim_end_tick(const struct sim *s);
const struct scenario *sim_scenario(const struct sim *s);
int sim_cpus(const struct sim *s);
int64_t sim_quantum(const struct sim *s);
const struct sched_params *sim_sched_params(const struct sim *s);

/* For SIM_RUNAWAY from a zero-time loop: where it happened. */
struct sim_fault {
	int pid;
	int line, col;
	bool events;          /* the event limit was hit, not the step limit */
	bool memory;          /* the strings limit was hit */
	bool flood;           /* SIM_TICK_EVENTS_MAX events in one tick */
};
const struct sim_fault *sim_fault(const struct sim *s);

/* Checks every invariant of the model; returns NULL or a description of the
 * first broken one. O(processes): for tests and debug runs. */
const char *sim_check(const struct sim *s);

#endif
