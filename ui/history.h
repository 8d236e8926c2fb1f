/* history.h: time travel over a simulation, for the interactive view.
 *
 * The view is always at one tick T, and what it shows there is a function of
 * T alone: the model after sim_advance_to(T) with the keyboard's signals up to
 * T re-sent, the last HISTORY_LOG_MAX narrated events, the CPUs' last
 * HISTORY_TICKS_MAX ticks, and the processes that took part in T's events.
 * Going forward steps the model tick by tick; going back clones the nearest
 * suitable checkpoint (sim_clone every K ticks, K doubling when the copies use
 * up their memory budget) and replays, re-sending keyboard signals with
 * sim_send_signal at their recorded tick. So the screen after going back to T
 * is the screen first shown at T. No curses here. */
#ifndef PROCSIM_HISTORY_H
#define PROCSIM_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"
#include "sim.h"

#define HISTORY_LOG_MAX 500    /* narrated events kept for the log pane */
#define HISTORY_TICKS_MAX 256  /* ticks of CPU use kept for the Gantt strip and %CPU */

struct history;
struct scenario;

/* A signal sent from the keyboard: part of the history, replayed on the way back. */
struct history_signal {
	int64_t tick;
	int pid, sig;
	int nice;                 /* sig 0: a renice by this much */
};

/* One narrated event of the log. */
struct history_line {
	int64_t t;
	int pid;
	enum sim_event_kind kind;
	bool to_stderr;           /* a print to stderr */
	char *text;               /* the sentence of narrate_event, without the time */
};

/* What one CPU did during one tick. */
/* As top's %Cpu line splits it: user, nice (user time at nice > 0), system,
 * idle, iowait (idle while a process waits in D); and CPU_INSTANT: pid was
 * dispatched, then slept or exited at the same instant, so it ran for no
 * time and nothing was charged (issue 11, item 8.1: the log said "CPU1 runs
 * PID 4" while the strip showed CPU1 idle). Not busy: it counts as idle. */
enum cpu_use { CPU_IDLE, CPU_USER, CPU_SYSTEM, CPU_CURRENT /* tick now: not charged yet */, CPU_NICE, CPU_IOWAIT,
	       CPU_INSTANT };
static inline bool cpu_use_busy(enum cpu_use u) { return u != CPU_IDLE && u != CPU_IOWAIT && u != CPU_INSTANT; }
struct history_cpu {
	int pid;                  /* 0: nobody; with an idle use: the last process that ran for no time */
	int tgid;                 /* pid's process: pid itself, or for a thread (its TID) its process */
	enum cpu_use use;
};
/* Did a process run on the CPU in that tick for no time? (With iowait
 * charged too, the use says iowait and the pid stays.) */
static inline bool history_cpu_instant(const struct history_cpu *x) { return x->pid && !cpu_use_busy(x->use); }

/* The scenario must outlive the history. Returns NULL when memory runs out. */
struct history *history_new(const struct scenario *sc, const struct sim_options *opt);
void history_free(struct history *h);

/* The model at the current tick (read only: step it through this module). */
const struct sim *history_sim(const struct history *h);
/* The current tick; -1 before the first step. */
int64_t history_now(const struct history *h);
/* Whether a step forward can change anything (the simulation is still running). */
bool history_running(const struct history *h);

/* Moves to tick t: forward by stepping (stopping where the simulation ends),
 * back by replaying from a checkpoint. Returns false when memory runs out. */
bool history_goto(struct history *h, int64_t t);
/* Steps until a tick with at least one event, at most `max` ticks. */
bool history_next_event(struct history *h, int64_t max);
/* Goes back to the latest earlier tick with an event (one tick when unknown). */
bool history_prev_event(struct history *h);

/* Sends a signal now, as the keyboard does, and records it; the checkpoints
 * after now are dropped, since the future may differ. */
enum sig_outcome history_send_signal(struct history *h, int pid, int sig);
/* renice from the keyboard (sim_renice), recorded and replayed as the
 * keyboard's signals are, in the same list with sig 0. False when the
 * simulation has ended. */
bool history_renice(struct history *h, int pid, int by);
/* The keyboard's signals and renices, in the order they act. */
int history_signals(const struct history *h, const struct history_signal **out);

/* The log: lines 0 (oldest) .. history_lines()-1 (newest). */
int history_lines(const struct history *h);
const struct history_line *history_line(const struct history *h, int i);
/* CPU `cpu` during `tick` (now - HISTORY_TICKS_MAX < tick <= now); false when unknown.
 * Built from the same dispatch events as the log, so the two agree. */
bool history_cpu_at(const struct history *h, int64_t tick, int cpu, struct history_cpu *out);
/* Did pid take part in an event of the current tick (the last step)? */
bool history_changed(const struct history *h, int pid);
/* Events narrated since the beginning, up to now. */
int64_t history_event_count(const struct history *h);

/* The story of a process: every event about pid (and those it caused) from
 * tick `since` (its creation) to now, replayed from a checkpoint; `sentence`
 * is the narrated text. Returns false when memory runs out. */
typedef void history_story_fn(void *ctx, const struct sim_event *ev, const char *sentence);
bool history_story(const struct history *h, int pid, int64_t since, history_story_fn *fn, void *ctx);

/* Writes the scenario source followed by one `at TICK kill -SIG PID` line per
 * keyboard signal: the lesson as a scenario that replays it. */
bool history_write_record(const struct history *h, FILE *out, const char *src, size_t len);

/* Checkpoint memory budget in bytes (default: a sixteenth of RAM, 64..256 MiB). */
void history_set_budget(struct history *h, size_t bytes);
int64_t history_interval(const struct history *h);   /* K: ticks between checkpoints */
int history_checkpoints(const struct history *h);
size_t history_checkpoint_bytes(const struct history *h);

#endif
