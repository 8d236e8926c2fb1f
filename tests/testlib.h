/* testlib.h: helpers for the Check suites: parse a scenario from a string,
 * run it, and look through the events it produced. */
#ifndef PROCSIM_TESTLIB_H
#define PROCSIM_TESTLIB_H

#include <stdbool.h>

#include "event.h"
#include "parse.h"
#include "sim.h"

struct recorded {
	struct sim_event ev;
	char text[256];          /* copy of ev.text */
	char name[64];           /* copy of ev.name */
	char cmdline[64];        /* copy of ev.cmdline */
};

struct run {
	struct scenario *sc;
	struct sim *sim;
	struct diags diags;
	struct recorded *events;
	int count, cap;
};

/* Parses `src` (aborting the test on a parse error) and creates the sim with
 * invariant checks on. */
struct run *run_new(const char *src);
struct run *run_new_opts(const char *src, const struct sim_options *opt);
/* Runs to the end (or `until` when >= 0); returns the final status. */
enum sim_status run_until(struct run *r, long long until);
void run_free(struct run *r);

/* The n-th (0-based) event of a kind about pid (pid 0: any), or NULL. */
const struct sim_event *run_find(const struct run *r, enum sim_event_kind kind, int pid, int nth);
int run_count(const struct run *r, enum sim_event_kind kind, int pid);
/* The tick of the first event of that kind about pid, or -1. */
long long run_when(const struct run *r, enum sim_event_kind kind, int pid);
/* Concatenation of every printed line, each followed by '\n'. */
const char *run_console(const struct run *r);

/* Parse only: the diagnostics of a broken scenario (NULL result expected). */
const struct diags *parse_errors(const char *src);

/* main() for a suite: CK_VERBOSITY and CK_TAP_LOG_FILE_NAME come from Meson. */
#define TEST_MAIN(suite_fn)                                   \
	int main(void)                                        \
	{                                                     \
		SRunner *sr = srunner_create(suite_fn());     \
		srunner_run_all(sr, CK_ENV);                  \
		int failed = srunner_ntests_failed(sr);       \
		srunner_free(sr);                             \
		return failed ? 1 : 0;                        \
	}

#endif
