/* parse.h: scenario source -> struct scenario. Never exits, never prints:
 * problems come back as diagnostics. */
#ifndef PROCSIM_PARSE_H
#define PROCSIM_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "program.h"

/* Limits that keep a hostile file from exhausting memory, the C stack or
 * time (here and in the run). */
#define PARSE_MAX_SOURCE   (128u << 20) /* 128 MiB: a million `job` lines of 128 characters */
#define PARSE_MAX_PROGRAMS 1000        /* `program` blocks (main aside) */
/* `job` lines (each becomes a program, and a process that may be alive with
 * all the others): a million, the largest workload of issue 9, far above any
 * exercise (scheduler.py's homework uses tens). A run holds about 1.5 KB per
 * job: 1.5 GB at the limit. */
#define PARSE_MAX_JOBS     1000000
/* pid_max: the default, as Linux's (PID_MAX_DEFAULT), and the most Linux
 * takes on 64-bit (PID_MAX_LIMIT, which systemd sets on boot). */
#define PARSE_PID_MAX_DEFAULT 32768
#define PARSE_PID_MAX_LIMIT   4194304
/* hz: the timer interrupts a second, Debian's CONFIG_HZ (and this machine's,
 * /proc/config.gz; tests/truth/hz_slices.c measured 4 ms). */
#define PARSE_HZ_DEFAULT   250
#define PARSE_MAX_GLOBALS  1000        /* `var` globals */
#define PARSE_MAX_OBJECTS  64          /* shared objects (a pipe is two): MAX_OBJECTS of the kernel */
#define PARSE_MAX_INSNS    100000      /* per program */
#define PARSE_MAX_LOCALS   256         /* per program */
#define PARSE_MAX_TIMELINE 100000
#define PARSE_MAX_CPUS     64
#define PARSE_MAX_CRON     64          /* `cron` lines */
/* Parentheses and unary operators open at once, and levels of the tree an
 * expression builds (a chain of 1000 `+` is 1000 levels): reading and
 * evaluating an expression are recursive. */
#define PARSE_MAX_EXPR_DEPTH 200
/* The longest `limit`, in ticks: a busy scenario runs tick by tick, a few
 * million ticks a second. */
#define PARSE_MAX_TICKS    100000000LL

/* Parses `src` (not necessarily NUL-terminated). `file` names it in messages.
 * Returns NULL and fills `diags` when the scenario has errors. */
struct scenario *parse_scenario(const char *file, const char *src, size_t len, struct diags *diags);
void scenario_free(struct scenario *s);

/* A duration written on the command line, in the units of the scenario
 * language ("2s", "500ms", "1.5min", "3t", "3 ticks"); a bare number is
 * ticks, which must be whole. Sets *micro (the amount times 1e6) and
 * *unit_us (0: ticks) for duration_ticks(); false if s is not a duration. */
bool parse_duration_text(const char *s, int64_t *micro, int64_t *unit_us);

/* Converts a duration in microseconds to ticks, rounding up. */
long long parse_us_to_ticks(long long us, long long tick_us);

#endif
