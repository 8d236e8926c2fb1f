/* cmd_scenario.c: the scenario a command runs, from FILE, the classroom demo
 * or --jobs; a run to its end; how it ended, reported when that is an error. */
#include "cmd_scenario.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "demo.h"
#include "i18n.h"
#include "jobs.h"
#include "lang/program.h"
#include "parse.h"
#include "rec_scenario.h"
#include "recording.h"
#include "report.h"
#include "stats.h"

/* ---- loading ---------------------------------------------------------------- */

static int load_source(struct loaded *L);

/* The whole of FILE ("-": standard input) into *buf and *len; past `max`
 * bytes it stops, leaving more than `max` (the caller reports "too large").
 * Returns the exit status, an error reported. */
static int read_whole(const char *file, size_t max, char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	struct stat st;
	if (!f || (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))) {
		fprintf(stderr, "procsim: %s: %s\n", file, f ? _("is a directory") : strerror(errno));
		if (f && f != stdin)
			fclose(f);
		return EXIT_USAGE;
	}
	size_t cap = 65536;
	char *src = malloc(cap);
	while (src) {
		size_t got = fread(src + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
		if (*len == cap) {
			if (cap > max)
				break;
			char *n = realloc(src, cap * 2);
			if (!n)
				free(src);
			src = n;
			cap *= 2;
		}
	}
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (!src || bad) {
		fprintf(stderr, "procsim: %s: %s\n", file, _("cannot read the file"));
		free(src);
		return EXIT_USAGE;
	}
	*buf = src;
	return EXIT_OK;
}

int cmd_scenario_load_jobs(const struct jobs *j, const char *list, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	L->name = "jobs";
	L->src = jobs_source(j, list, &L->len);
	if (!L->src) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		return EXIT_SCENARIO;
	}
	return load_source(L);
}

/* --jobs-file F: one job a line, read whole, then the same as --jobs. A
 * mistake in it is one in an input file, as a scenario's (status 1). */
static int load_jobs_file(const char *file, struct jobs *j)
{
	char *text;
	size_t len;
	int rc = read_whole(file, PARSE_MAX_SOURCE, &text, &len);
	if (rc)
		return rc;
	char err[256];
	int line, col;
	if (len > PARSE_MAX_SOURCE) {
		snprintf(err, sizeof err, _("the file is too large (the limit is %u bytes)"), PARSE_MAX_SOURCE);
		report_error(stderr, file, NULL, 0, 0, 0, err);
		rc = EXIT_SCENARIO;
	} else if (memchr(text, '\0', len)) {
		report_error(stderr, file, NULL, 0, 0, 0, _("the file contains a NUL byte: it is not a text file"));
		rc = EXIT_SCENARIO;
	} else if (!jobs_from_text(j, text, len, err, sizeof err, &line, &col)) {
		report_error(stderr, file, text, len, line, col, err);
		rc = EXIT_SCENARIO;
	}
	free(text);
	return rc;
}

bool cmd_has_jobs(const struct opts *o) { return o->jobs || o->jobs_file; }

int cmd_scenario_load_workload(const struct opts *o, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	if (o->jobs && o->jobs_file)
		return cmd_usage_error("%s", _("give --jobs or --jobs-file, not both"));
	struct jobs j = {0};
	int rc = EXIT_OK;
	if (o->jobs_file)
		rc = load_jobs_file(o->jobs_file, &j);
	else {
		char err[512];
		if (!jobs_from_list(&j, o->jobs, err, sizeof err))
			rc = cmd_usage_error("%s", err);
	}
	if (rc == EXIT_OK)
		rc = cmd_scenario_load_jobs(&j, o->jobs, L);
	jobs_free(&j);
	return rc;
}

int cmd_scenario_load_source(const char *name, char *src, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	L->name = name;
	L->src = src;
	L->len = strlen(src);
	return load_source(L);
}

/* The bytes of FILE (or the demo's) into L->src. */
static int read_source(const char *file, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	if (!file) {
		L->name = "demo.psim";
		L->len = demo_scenario_len;
		L->src = malloc(L->len + 1);
		if (!L->src)
			return EXIT_SCENARIO;
		memcpy(L->src, demo_scenario, L->len);
	} else {
		L->name = file;
		int rc = read_whole(file, PARSE_MAX_SOURCE, &L->src, &L->len);
		if (rc)
			return rc;
	}
	return EXIT_OK;
}

int cmd_scenario_load(const char *file, struct loaded *L)
{
	int rc = read_source(file, L);
	return rc ? rc : load_source(L);
}

int cmd_recording_load(const char *file, struct recording **out)
{
	struct loaded L;
	*out = NULL;
	int rc = read_source(file, &L);
	if (rc)
		return rc;
	char err[256];
	int line = 0;
	if (!recording_detect(L.src, L.len)) {
		report_error(stderr, file, NULL, 0, 0, 0, _("not a procsim recording: the first line must name the format and its version"));
		rc = EXIT_SCENARIO;
	} else if (!(*out = recording_parse(L.src, L.len, err, sizeof err, &line))) {
		report_error(stderr, file, line ? L.src : NULL, line ? L.len : 0, line, line ? 1 : 0, err);
		rc = EXIT_SCENARIO;
	}
	free(L.src);
	return rc;
}

bool cmd_is_recording(const char *file)
{
	char head[64];
	FILE *f = strcmp(file, "-") == 0 ? NULL : fopen(file, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	return recording_detect(head, n);
}



/* A recording (`procsim record`) becomes the text of its scenario
 * (rec_scenario.c), parsed like a file. */
static int load_recording(struct loaded *L)
{
	char err[256];
	int line;
	struct recording *r = recording_parse(L->src, L->len, err, sizeof err, &line);
	char *text = r ? rec_scenario_source(r, L->name, err, sizeof err) : NULL;
	recording_free(r);
	if (!text) {
		report_error(stderr, L->name, line ? L->src : NULL, line ? L->len : 0, line, line ? 1 : 0, err);
		free(L->src);
		return EXIT_SCENARIO;
	}
	free(L->src);
	L->src = text;
	L->len = strlen(text);
	L->recorded = true;
	return EXIT_OK;
}

static int load_source(struct loaded *L)
{
	struct diags d;
	if (recording_detect(L->src, L->len)) {
		int rc = load_recording(L);
		if (rc)
			return rc;
	}
	L->sc = parse_scenario(L->name, L->src, L->len, &d);
	if (!L->sc) {
		report_diags(stderr, L->name, L->src, L->len, &d);
		free(L->src);
		return EXIT_SCENARIO;
	}
	return EXIT_OK;
}

void cmd_scenario_free(struct loaded *L)
{
	scenario_free(L->sc);
	free(L->src);
}

int cmd_scenario_input(struct opts *o, struct loaded *L)
{
	struct sweep w; /* the options' mistakes are told before the file's */
	int rc = cmd_parse_sweep(o, &w, false);
	if (rc)
		return rc;
	if (cmd_has_jobs(o) && o->file)
		return cmd_usage_error("%s", _("give a scenario FILE or --jobs, not both"));
	rc = cmd_has_jobs(o) ? cmd_scenario_load_workload(o, L) : cmd_scenario_load(o->file, L);
	if (rc == EXIT_OK && (rc = cmd_apply_overrides(o, L->sc->tick_us))) /* durations in this scenario's ticks */
		cmd_scenario_free(L);
	return rc;
}

/* ---- running ---------------------------------------------------------------- */

int cmd_scenario_report_end(const struct loaded *L, struct sim *s)
{
	enum sim_status st = sim_status(s);
	char msg[512];
	if (st == SIM_RUNAWAY) {
		const struct sim_fault *f = sim_fault(s);
		if (f->flood) {
			snprintf(msg, sizeof msg,
				 _("more than %1$d events at t=%2$lld with no process computing or sleeping (PID %3$d was running): processes that keep forking, exiting or passing values back and forth, and never wait"),
				 SIM_TICK_EVENTS_MAX, (long long)sim_now(s), f->pid);
			report_error(stderr, L->name, f->line ? L->src : NULL, f->line ? L->len : 0, f->line, f->col, msg);
		} else if (f->line && f->memory) {
			snprintf(msg, sizeof msg,
				 _("the strings built by the scenario reached %1$d MiB at t=%2$lld (PID %3$d was building one): a loop that keeps building strings"),
				 (int)(SIM_STRINGS_TOTAL_MAX >> 20), (long long)sim_now(s), f->pid);
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else if (f->line && f->events) {
			snprintf(msg, sizeof msg,
				 _("PID %1$d repeated the same step %2$d times at t=%3$lld with no process computing or sleeping: a loop that never waits (add compute or sleep)"),
				 f->pid, SIM_EVENT_LIMIT, (long long)sim_now(s));
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else if (f->line) {
			snprintf(msg, sizeof msg,
				 _("PID %1$d ran %2$d instructions at t=%3$lld with no process computing or sleeping: a loop that never waits (add compute or sleep)"),
				 f->pid, SIM_STEP_LIMIT, (long long)sim_now(s));
			report_error(stderr, L->name, L->src, L->len, f->line, f->col, msg);
		} else {
			snprintf(msg, sizeof msg,
				 _("still running after %lld ticks and the scenario sets no limit: a runaway? Add `limit DURATION` or use --max-ticks"),
				 (long long)sim_now(s));
			report_error(stderr, L->name, NULL, 0, 0, 0, msg);
		}
		return EXIT_SCENARIO;
	}
	if (st == SIM_ERROR) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		return EXIT_SCENARIO;
	}
	return EXIT_OK;
}

struct sim *cmd_scenario_run(const struct loaded *L, const struct sim_options *opt, sim_sink_fn *fn, void *ctx,
			     void (*before)(void *ctx, const struct sim *s), int *rc)
{
	struct sim *s = sim_new(L->sc, opt);
	if (!s) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		*rc = EXIT_SCENARIO;
		return NULL;
	}
	sim_collect_metrics(s, true);
	if (before)
		before(ctx, s);
	if (fn)
		sim_set_sink(s, fn, ctx);
	sim_run(s, -1);
	*rc = cmd_scenario_report_end(L, s);
	if (*rc) {
		sim_free(s);
		return NULL;
	}
	return s;
}

/* ---- --policy, --quantum and --cpus as lists -------------------------------------- */

void cmd_file_label(char *buf, size_t n, const char *file)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	size_t len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".psim") == 0)
		len -= 5;
	else if (len > 8 && strcmp(base + len - 8, ".psimrec") == 0)
		len -= 8;
	snprintf(buf, n, "%.*s", (int)len, base);
}

/* Does the policy that will run (the command line's, else the scenario's)
 * read the quantum? */
static bool policy_uses_quantum(const char *name, const struct scenario *sc)
{
	const struct sched_policy *p = sched_find(name ? name : sc->sched.policy);
	return !p || p->uses_quantum;
}

int cmd_sweep_variants(const struct opts *o, const struct sweep *w, const struct loaded *L, bool with_file,
		       struct cmd_variant **out, int *n)
{
	int np = w->npolicy ? w->npolicy : 1, nq = w->nquantum ? w->nquantum : 1, nc = w->ncpus ? w->ncpus : 1;
	struct cmd_variant *v = calloc((size_t)np * (size_t)nq * (size_t)nc, sizeof *v);
	*out = NULL;
	*n = 0;
	if (!v) {
		report_error(stderr, L->name, NULL, 0, 0, 0, _("out of memory"));
		return EXIT_SCENARIO;
	}
	char flabel[256];
	cmd_file_label(flabel, sizeof flabel, L->name);
	int k = 0, rc = EXIT_OK;
	for (int pi = 0; pi < np && rc == EXIT_OK; pi++) {
		bool quantum_matters = policy_uses_quantum(w->npolicy ? w->policy[pi] : o->sim.policy, L->sc);
		for (int qi = 0; qi < (quantum_matters ? nq : 1) && rc == EXIT_OK; qi++)
			for (int ci = 0; ci < nc && rc == EXIT_OK; ci++) {
				struct sim_options opt = o->sim;
				char *label = v[k].label;
				size_t size = sizeof v[k].label, used = 0;
				label[0] = '\0';
				if (with_file || (np == 1 && nq == 1 && nc == 1))
					used += (size_t)snprintf(label + used, size - used, "%s", flabel);
				if (w->npolicy)
					opt.policy = w->policy[pi];
				long long q = 0;
				if (w->nquantum &&
				    (rc = cmd_duration_ticks("--quantum", &w->quantum[qi], L->sc->tick_us, 1, CMD_QUANTUM_MAX, &q)))
					break;
				if (w->nquantum)
					opt.quantum = q;
				if (opt.switch_cost_set &&
				    (rc = cmd_duration_ticks("--switch-cost", &o->switch_cost, L->sc->tick_us, 0, CMD_SWITCH_COST_MAX, &q)))
					break;
				if (opt.switch_cost_set)
					opt.switch_cost = q;
				if (w->ncpus)
					opt.cpus = (int)w->cpus[ci];
				if (np > 1 && used < size)
					used += (size_t)snprintf(label + used, size - used, "%s%s", used ? " " : "", w->policy[pi]);
				if (nq > 1 && quantum_matters && used < size)
					used += (size_t)snprintf(label + used, size - used, "%sq=%lld", used ? " " : "",
								 (long long)opt.quantum);
				if (nc > 1 && used < size)
					used += (size_t)snprintf(label + used, size - used, "%scpus=%lld", used ? " " : "", w->cpus[ci]);
				if (used == 0)
					snprintf(label, size, "%s", flabel);
				v[k++].opt = opt;
			}
	}
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return EXIT_OK;
}
