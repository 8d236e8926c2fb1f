/* homework_processrun.c: OSTEP's cpu-intro/process-run.py. The processes
 * are lists of instructions (cpu, io and the io_done that follows each io),
 * drawn as the tool draws them (-l X:Y: X instructions, each the CPU with
 * chance Y%) or given (-P c3,i,c2). The question is the lists; the answer
 * (-c) is the tick-by-tick table of who runs, is ready, blocked or done,
 * measured: each process becomes a `job` of CPU and I/O bursts in order
 * (the io's own tick is CPU, then -L ticks of disk I/O), the jobs run on
 * procsim's kernel under the `cyclic` policy (sched_cyclic.c: the tool's
 * scheduler, with -S and -I as its settings switch_on and io_done), and
 * each row is read from the dispatch, sleep, wake-up and exit events. */
#include "homework_int.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_scenario.h"
#include "i18n.h"
#include "parse.h"
#include "pyrandom.h"

#define PR_TOOL "process-run.py"
#define PR_MAX_PROCS 1000           /* the columns of the table */
#define PR_MAX_INSNS 50000          /* in all: a job's bursts are a program's instructions */
#define PR_MAX_TICKS 10000000LL     /* the rows of the table, at most */

struct pr_hw {
	long long seed, io_length;
	const char *program, *plist, *switch_on, *io_done;
	bool solve, stats, json;
};

static const struct hw_option pr_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct pr_hw, seed), "the random seed"},
	{'P', "program", "PROGRAM", HW_STRING, offsetof(struct pr_hw, program), "more specific controls over programs"},
	{'l', "processlist", "PROCESS_LIST", HW_STRING, offsetof(struct pr_hw, plist),
	 "a comma-separated list of processes to run, in the form X1:Y1,X2:Y2,... where X is the number of "
	 "instructions that process should run, and Y the chances (from 0 to 100) that an instruction will use the "
	 "CPU or issue an IO (i.e., if Y is 100, a process will ONLY use the CPU and issue no I/Os; if Y is 0, a "
	 "process will only issue I/Os)"},
	{'L', "iolength", "IO_LENGTH", HW_INT, offsetof(struct pr_hw, io_length), "how long an IO takes"},
	{'S', "switch", "PROCESS_SWITCH_BEHAVIOR", HW_STRING, offsetof(struct pr_hw, switch_on),
	 "when to switch between processes: SWITCH_ON_IO, SWITCH_ON_END"},
	{'I', "iodone", "IO_DONE_BEHAVIOR", HW_STRING, offsetof(struct pr_hw, io_done),
	 "type of behavior when IO ends: IO_RUN_LATER, IO_RUN_IMMEDIATE"},
	{'c', NULL, NULL, HW_FLAG, offsetof(struct pr_hw, solve), "compute answers for me"},
	{'p', "printstats", NULL, HW_FLAG, offsetof(struct pr_hw, stats),
	 "print statistics at end; only useful with -c flag (otherwise stats are not printed)"},
	/* procsim's own: not in the tool's help, which stays the tool's */
	{0, "json", NULL, HW_FLAG, offsetof(struct pr_hw, json), NULL},
};

/* ---- the workload ------------------------------------------------------------------ */

enum pr_insn { PR_CPU, PR_IO, PR_IO_DONE };
static const char *const insn_names[] = {[PR_CPU] = "cpu", [PR_IO] = "io", [PR_IO_DONE] = "io_done"};

struct pr_proc {
	unsigned char *code;
	int n, cap;
};

struct workload {
	struct pr_proc *p;
	int n, cap;
	long long total;            /* instructions in all */
};

static void workload_free(struct workload *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->p[i].code);
	free(w->p);
}

static struct pr_proc *new_process(struct workload *w)
{
	if (w->n == PR_MAX_PROCS) {
		fprintf(stderr, _("procsim homework: process-run: at most %d processes\n"), PR_MAX_PROCS);
		return NULL;
	}
	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 8;
		struct pr_proc *p = realloc(w->p, sizeof *p * (size_t)cap);
		if (!p)
			return NULL;
		w->p = p;
		w->cap = cap;
	}
	w->p[w->n] = (struct pr_proc){0};
	return &w->p[w->n++];
}

static bool add_insn(struct workload *w, struct pr_proc *p, enum pr_insn in)
{
	if (w->total == PR_MAX_INSNS) {
		fprintf(stderr, _("procsim homework: process-run: at most %d instructions in all\n"), PR_MAX_INSNS);
		return false;
	}
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 16;
		unsigned char *c = realloc(p->code, (size_t)cap);
		if (!c)
			return false;
		p->code = c;
		p->cap = cap;
	}
	p->code[p->n++] = (unsigned char)in;
	w->total++;
	return true;
}

/* An io, and the io_done that handles its completion. */
static bool add_io(struct workload *w, struct pr_proc *p) { return add_insn(w, p, PR_IO) && add_insn(w, p, PR_IO_DONE); }

/* A whole number of digits, as a count: *v. */
static bool count_of(const char *s, size_t len, long long *v)
{
	if (len == 0 || len > 9 || strspn(s, "0123456789") < len)
		return false;
	*v = 0;
	for (size_t i = 0; i < len; i++)
		*v = *v * 10 + (s[i] - '0');
	return true;
}

/* -P c7,i,c1,i:c3: programs separated by ':', instructions by ','. */
static bool load_programs(struct workload *w, const char *spec)
{
	for (const char *prog = spec;;) {
		size_t plen = strcspn(prog, ":");
		struct pr_proc *p = new_process(w);
		if (!p)
			return false;
		for (const char *in = prog; in <= prog + plen;) {
			size_t len = strcspn(in, ",:");
			long long k;
			if (len > (size_t)(prog + plen - in))
				len = (size_t)(prog + plen - in);
			if (len >= 1 && in[0] == 'c' && count_of(in + 1, len - 1, &k)) {
				while (k-- > 0)
					if (!add_insn(w, p, PR_CPU))
						return false;
			} else if (len == 1 && in[0] == 'i') {
				if (!add_io(w, p))
					return false;
			} else {
				fprintf(stderr,
					_("procsim homework: process-run: -P %s: '%.*s' is not an instruction: cN (N instructions on the CPU) or i (an I/O); programs are separated by ':', for example -P c3,i,c2:c4\n"),
					spec, (int)len, in);
				return false;
			}
			in += len + 1;
		}
		if (prog[plen] == '\0')
			return true;
		prog += plen + 1;
	}
}

/* A chance in percent, as Python's float() reads "50" or "33.3". */
static bool chance_of(const char *s, size_t len, double *v)
{
	char buf[64];
	if (len == 0 || len >= sizeof buf || strcspn(s, "xXpP") < len)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	*v = strtod(buf, &end);
	return end == buf + len;
}

/* -l X1:Y1,X2:Y2: X instructions each, each the CPU when random.random()
 * is below Y/100, else an io (and its io_done), drawn in that order after
 * random.seed(seed), as the tool's load() draws them. */
static bool load_list(struct workload *w, const char *spec, long long seed)
{
	struct pyrandom r;
	pyrandom_seed(&r, seed);
	for (const char *d = spec;;) {
		size_t len = strcspn(d, ","), xlen = strcspn(d, ":");
		long long x;
		double y;
		if (xlen >= len || memchr(d + xlen + 1, ':', len - xlen - 1) || !count_of(d, xlen, &x) ||
		    !chance_of(d + xlen + 1, len - xlen - 1, &y)) {
			fprintf(stderr,
				_("procsim homework: process-run: -l %s: each process is X:Y, X instructions and Y the chance (0 to 100) that one uses the CPU, for example -l 5:100,5:50\n"),
				spec);
			return false;
		}
		struct pr_proc *p = new_process(w);
		if (!p)
			return false;
		double chance = y / 100.0;
		for (long long i = 0; i < x; i++)
			if (!(pyrandom_random(&r) < chance ? add_insn(w, p, PR_CPU) : add_io(w, p)))
				return false;
		if (d[len] == '\0')
			return true;
		d += len + 1;
	}
}

/* The workload, checked for what procsim cannot run as the tool does. */
static bool pr_workload(const struct pr_hw *o, struct workload *w)
{
	if (!o->program[0] && !o->plist[0]) {
		fprintf(stderr, "%s", _("procsim homework: process-run: give the processes: -l X:Y,... (for example -l 5:100,5:50) or -P PROGRAMS (for example -P c3,i,c2:c4)\n"));
		return false;
	}
	if (!(o->program[0] ? load_programs(w, o->program) : load_list(w, o->plist, o->seed)))
		return false;
	for (int i = 0; i < w->n; i++)
		if (w->p[i].n == 0) {
			/* The tool shows an empty process RUNNING for a tick with
			 * the CPU idle; a process with nothing to run exits at once. */
			fprintf(stderr, _("procsim homework: process-run: process %d has no instructions: give each process at least one\n"), i);
			return false;
		}
	return true;
}

/* ---- the question ------------------------------------------------------------------ */

static void pr_question(FILE *out, const struct workload *w, bool switch_on_end, bool io_immediate)
{
	fprintf(out, "Produce a trace of what would happen when you run these processes:\n");
	for (int i = 0; i < w->n; i++) {
		fprintf(out, "Process %d\n", i);
		for (int k = 0; k < w->p[i].n; k++)
			fprintf(out, "  %s\n", insn_names[w->p[i].code[k]]);
		fprintf(out, "\n");
	}
	fprintf(out, "Important behaviors:\n  System will switch when %s\n", switch_on_end
		? "the current process is FINISHED" : "the current process is FINISHED or ISSUES AN IO");
	fprintf(out, "  After IOs, the process issuing the IO will %s\n\n",
		io_immediate ? "run IMMEDIATELY" : "run LATER (when it is its turn)");
}

/* --json: the question as the start of one object (see pr_json_*). */
static void pr_json_question(FILE *out, const struct pr_hw *o, const struct workload *w, bool switch_on_end,
			     bool io_immediate)
{
	fprintf(out, "{\"tool\":\"process-run.py\",");
	if (!o->program[0])
		fprintf(out, "\"seed\":%lld,", o->seed);
	fprintf(out, "\"switch\":\"%s\",\"iodone\":\"%s\",\"io_length\":%lld,\"processes\":[",
		switch_on_end ? "SWITCH_ON_END" : "SWITCH_ON_IO", io_immediate ? "IO_RUN_IMMEDIATE" : "IO_RUN_LATER",
		o->io_length);
	for (int i = 0; i < w->n; i++) {
		fprintf(out, "%s{\"process\":%d,\"instructions\":[", i ? "," : "", i);
		for (int k = 0; k < w->p[i].n; k++)
			fprintf(out, "%s\"%s\"", k ? "," : "", insn_names[w->p[i].code[k]]);
		fputs("]}", out);
	}
	fputc(']', out);
}

/* ---- the run on the kernel --------------------------------------------------------- */

/* The scenario: the policy and its settings, and a job per process, its
 * bursts in order. A run of cpu and io_done instructions, with the tick
 * that issues an io, is one CPU burst; then the io's -L ticks in D. */
static char *pr_source(const struct workload *w, long long io_length, bool switch_on_end, bool io_immediate)
{
	size_t cap = 256 + (size_t)w->n * 32 + (size_t)w->total * 24, len = 0;
	char *src = malloc(cap);
	if (!src)
		return NULL;
	len += (size_t)snprintf(src + len, cap - len, "title \"process-run\"\npolicy cyclic\nswitch_on %s\nio_done %s\n",
				switch_on_end ? "end" : "io", io_immediate ? "immediate" : "later");
	for (int i = 0; i < w->n; i++) {
		const struct pr_proc *p = &w->p[i];
		len += (size_t)snprintf(src + len, cap - len, "job p%d", i);
		long long run = 0;
		for (int k = 0; k < p->n; k++) {
			run++;
			if (p->code[k] == PR_IO) {
				len += (size_t)snprintf(src + len, cap - len, " runs %lld, io %lld,", run, io_length);
				run = 0;
			}
		}
		if (run)
			len += (size_t)snprintf(src + len, cap - len, " runs %lld", run);
		len += (size_t)snprintf(src + len, cap - len, "\n");
	}
	return src;
}

/* What a process does in a tick, as the table says it. */
enum pr_state { ST_READY, ST_RUN, ST_BLOCKED, ST_DONE };

struct change {
	int64_t t;
	unsigned char state;
};

/* Each job's changes of state, in time order, from the events. */
struct pr_trace {
	struct change **c;
	int *n, *cap;
	int njobs;
	int64_t end;                /* the last exit */
	int64_t *io_done;           /* ticks at which some I/O completed, in order */
	int ndone, capdone;
	bool oom;
};

static bool grow(void **a, int *cap, int n, size_t size)
{
	if (n < *cap)
		return true;
	int c = *cap ? *cap * 2 : 16;
	void *m = realloc(*a, size * (size_t)c);
	if (!m)
		return false;
	*a = m;
	*cap = c;
	return true;
}

static void pr_on_event(void *ctx, const struct sim_event *e)
{
	struct pr_trace *tr = ctx;
	if (!e->name || e->name[0] != 'p' || e->name[1] < '0' || e->name[1] > '9')
		return;
	int k = atoi(e->name + 1);
	if (k < 0 || k >= tr->njobs)
		return;
	int st;
	switch (e->kind) {
	case EV_DISPATCH: st = ST_RUN; break;
	case EV_PREEMPT: st = ST_READY; break;
	case EV_SLEEP: st = ST_BLOCKED; break;
	case EV_WAKE: st = ST_READY; break;
	case EV_EXIT: st = ST_DONE; break;
	default: return;
	}
	if (e->kind == EV_WAKE && e->reason == WAKE_IO_DONE) {
		if (!grow((void **)&tr->io_done, &tr->capdone, tr->ndone, sizeof *tr->io_done)) {
			tr->oom = true;
			return;
		}
		tr->io_done[tr->ndone++] = e->t;
	}
	if (e->kind == EV_EXIT && e->t > tr->end)
		tr->end = e->t;
	if (!grow((void **)&tr->c[k], &tr->cap[k], tr->n[k], sizeof **tr->c)) {
		tr->oom = true;
		return;
	}
	tr->c[k][tr->n[k]++] = (struct change){e->t, (unsigned char)st};
}

static void trace_free(struct pr_trace *tr)
{
	for (int i = 0; tr->c && i < tr->njobs; i++)
		free(tr->c[i]);
	free(tr->c);
	free(tr->n);
	free(tr->cap);
	free(tr->io_done);
}

/* Runs the workload's jobs to their end; fills the trace. */
static int pr_run(const struct workload *w, long long io_length, bool switch_on_end, bool io_immediate,
		  struct pr_trace *tr)
{
	tr->njobs = w->n;
	tr->c = calloc((size_t)w->n, sizeof *tr->c);
	tr->n = calloc((size_t)w->n, sizeof *tr->n);
	tr->cap = calloc((size_t)w->n, sizeof *tr->cap);
	char *src = pr_source(w, io_length, switch_on_end, io_immediate);
	if (!tr->c || !tr->n || !tr->cap || !src) {
		free(src);
		return EXIT_SCENARIO;
	}
	struct loaded L;
	int rc = cmd_scenario_load_source(PR_TOOL, src, &L);
	if (rc)
		return rc;
	/* Every tick the CPU runs or an I/O is in flight: this bounds the run. */
	struct sim_options opt = {.max_ticks = w->total * (io_length + 1) + 16};
	struct sim *s = cmd_scenario_run(&L, &opt, pr_on_event, tr, NULL, &rc);
	if (s) {
		if (tr->oom)
			rc = EXIT_SCENARIO;
		sim_free(s);
	}
	cmd_scenario_free(&L);
	return rc;
}

/* ---- the answer --------------------------------------------------------------------- */

static const char *const state_names[] = {[ST_READY] = "READY", [ST_BLOCKED] = "BLOCKED", [ST_DONE] = "DONE"};

/* One row of the table: the tool's tick t (from 1), whether an I/O
 * completed, each process's cell, whether the CPU ran and the I/Os in
 * flight. */
struct pr_row {
	long long t;
	bool io_done, ran;
	int in_flight, n;
	char (*cell)[16];
};

/* How the answer is written: the tool's text, or --json. */
struct pr_format {
	void (*head)(FILE *out, int n);
	void (*row)(FILE *out, const struct pr_row *r);
	void (*stats)(FILE *out, long long total, long long cpu_busy, long long io_busy, bool asked);
};

static void text_head(FILE *out, int n)
{
	fprintf(out, "Time");
	for (int i = 0; i < n; i++) {
		char head[16];
		snprintf(head, sizeof head, "PID:%2d", i);
		fprintf(out, "%14s", head);
	}
	fprintf(out, "%14s%14s\n", "CPU", "IOs");
}

static void text_row(FILE *out, const struct pr_row *r)
{
	fprintf(out, "%3lld%c", r->t, r->io_done ? '*' : ' ');
	for (int i = 0; i < r->n; i++)
		fprintf(out, "%14s", r->cell[i]);
	fprintf(out, "%14s", r->ran ? "1" : " ");
	if (r->in_flight)
		fprintf(out, "%14d", r->in_flight);
	else
		fprintf(out, "%10s", " ");
	fputc('\n', out);
}

/* -p: the tool's totals */
static void text_stats(FILE *out, long long total, long long cpu_busy, long long io_busy, bool asked)
{
	if (!asked)
		return;
	fprintf(out, "\nStats: Total Time %lld\n", total);
	fprintf(out, "Stats: CPU Busy %lld (%.2f%%)\n", cpu_busy, 100.0 * (double)cpu_busy / (double)total);
	fprintf(out, "Stats: IO Busy  %lld (%.2f%%)\n\n", io_busy, 100.0 * (double)io_busy / (double)total);
}

static void json_head(FILE *out, int n)
{
	(void)n;
	fputs(",\"trace\":[", out);
}

static void json_row(FILE *out, const struct pr_row *r)
{
	fprintf(out, "%s{\"time\":%lld,\"io_done\":%s,\"states\":[", r->t > 1 ? "," : "", r->t,
		r->io_done ? "true" : "false");
	for (int i = 0; i < r->n; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", r->cell[i]);
	fprintf(out, "],\"cpu\":%d,\"ios\":%d}", r->ran, r->in_flight);
}

/* The totals are part of the JSON answer, -p or not. */
static void json_stats(FILE *out, long long total, long long cpu_busy, long long io_busy, bool asked)
{
	(void)asked;
	fprintf(out, "],\"stats\":{\"total_time\":%lld,\"cpu_busy\":%lld,\"cpu_busy_percent\":%.2f,"
		"\"io_busy\":%lld,\"io_busy_percent\":%.2f}}\n",
		total, cpu_busy, 100.0 * (double)cpu_busy / (double)total, io_busy, 100.0 * (double)io_busy / (double)total);
}

static const struct pr_format text_format = {text_head, text_row, text_stats};
static const struct pr_format json_format = {json_head, json_row, json_stats};

/* The table, tick by tick: the tool's tick T is the kernel's [T-1, T); a
 * job's state in it is the one its last change at or before T-1 left. The
 * instruction a running job runs is the next of its code, and the code must
 * agree with the run (an io ends a CPU burst, every instruction runs once):
 * a disagreement is procsim's bug, reported, never printed as an answer. */
static int pr_answer(FILE *final, const struct workload *w, const struct pr_trace *tr, bool stats,
		     const struct pr_format *fmt, const char *question, size_t qlen)
{
	int n = w->n;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size); /* printed once it is all known to be right */
	if (!out)
		return EXIT_SCENARIO;
	int *at = calloc((size_t)n, sizeof *at), *pc = calloc((size_t)n, sizeof *pc);
	unsigned char *state = calloc((size_t)n, 1);
	char(*cell)[16] = calloc((size_t)n, sizeof *cell);
	bool ok = at && pc && state && cell;
	long long cpu_busy = 0, io_busy = 0;
	int done_at = 0;
	fwrite(question, 1, qlen, out);
	fmt->head(out, n);
	for (int64_t t = 0; ok && t < tr->end; t++) {
		struct pr_row r = {.t = (long long)t + 1, .n = n, .cell = cell};
		while (done_at < tr->ndone && tr->io_done[done_at] <= t)
			r.io_done |= tr->io_done[done_at++] == t;
		for (int i = 0; i < n; i++) {
			unsigned char before = state[i];
			while (at[i] < tr->n[i] && tr->c[i][at[i]].t <= t)
				state[i] = tr->c[i][at[i]++].state;
			/* a burst that ends blocked ended on an io */
			if (before == ST_RUN && state[i] == ST_BLOCKED && (pc[i] == 0 || w->p[i].code[pc[i] - 1] != PR_IO))
				ok = false;
			if (state[i] == ST_RUN && pc[i] >= w->p[i].n)
				ok = false;
			if (!ok)
				break;
			if (state[i] == ST_RUN) {
				snprintf(cell[i], sizeof cell[i], "RUN:%s", insn_names[w->p[i].code[pc[i]++]]);
				r.ran = true;
			} else {
				snprintf(cell[i], sizeof cell[i], "%s", state_names[state[i]]);
				r.in_flight += state[i] == ST_BLOCKED;
			}
		}
		if (!ok)
			break;
		cpu_busy += r.ran;
		io_busy += r.in_flight > 0;
		fmt->row(out, &r);
	}
	for (int i = 0; ok && i < n; i++)
		ok = pc[i] == w->p[i].n;
	free(at);
	free(pc);
	free(state);
	free(cell);
	if (ok && tr->end > 0)
		fmt->stats(out, (long long)tr->end, cpu_busy, io_busy, stats);
	bool written = fclose(out) == 0 && buf;
	if (!ok || tr->end < 1 || !written) {
		if (written)
			fprintf(stderr, "%s", _("procsim homework: process-run: internal error: the kernel's run does not match the processes' instructions\n"));
		free(buf);
		return EXIT_SCENARIO;
	}
	fwrite(buf, 1, size, final);
	free(buf);
	return EXIT_OK;
}

/* ---- the tool ----------------------------------------------------------------------- */

/* -S and -I: the tool's words, or NULL after a message. */
static bool pr_behaviours(const struct pr_hw *o, bool *switch_on_end, bool *io_immediate)
{
	*switch_on_end = strcmp(o->switch_on, "SWITCH_ON_END") == 0;
	*io_immediate = strcmp(o->io_done, "IO_RUN_IMMEDIATE") == 0;
	if (!*switch_on_end && strcmp(o->switch_on, "SWITCH_ON_IO") != 0) {
		fprintf(stderr, _("procsim homework: process-run: -S is SWITCH_ON_IO or SWITCH_ON_END, not '%s'\n"), o->switch_on);
		return false;
	}
	if (!*io_immediate && strcmp(o->io_done, "IO_RUN_LATER") != 0) {
		fprintf(stderr, _("procsim homework: process-run: -I is IO_RUN_LATER or IO_RUN_IMMEDIATE, not '%s'\n"), o->io_done);
		return false;
	}
	return true;
}

int homework_process_run(int argc, char **argv, FILE *out)
{
	struct pr_hw o = {.io_length = 5, .program = "", .plist = "", .switch_on = "SWITCH_ON_IO",
			  .io_done = "IO_RUN_LATER"};
	bool help = false, switch_on_end, io_immediate;
	int nopts = (int)(sizeof pr_options / sizeof pr_options[0]);
	int rc = homework_parse_options(PR_TOOL, pr_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, PR_TOOL, pr_options, nopts);
		return EXIT_OK;
	}
	if (!pr_behaviours(&o, &switch_on_end, &io_immediate))
		return EXIT_USAGE;
	struct workload w = {0};
	if (!pr_workload(&o, &w)) {
		workload_free(&w);
		return EXIT_USAGE;
	}
	if (o.io_length < 1) {
		/* The tool's I/O of 0 ticks still blocks for the tick that follows. */
		fprintf(stderr, "%s", _("procsim homework: process-run: -L must be at least 1: in procsim's kernel an I/O of 0 ticks does not block\n"));
		workload_free(&w);
		return EXIT_USAGE;
	}
	if (w.total * (o.io_length + 1) > PR_MAX_TICKS) {
		fprintf(stderr, _("procsim homework: process-run: the run could last more than %lld ticks: give fewer instructions or a shorter -L\n"),
			PR_MAX_TICKS);
		workload_free(&w);
		return EXIT_USAGE;
	}
	/* --json: the question, then with -c the answer, in one object */
	char *question = NULL;
	size_t qlen = 0;
	FILE *q = o.json ? open_memstream(&question, &qlen) : NULL;
	if (q) {
		pr_json_question(q, &o, &w, switch_on_end, io_immediate);
		if (!o.solve)
			fputs("}\n", q);
		if (fclose(q) != 0)
			qlen = 0;
	} else if (o.json) {
		workload_free(&w);
		return EXIT_SCENARIO;
	}
	if (!o.solve) {
		if (o.json)
			fwrite(question, 1, qlen, out);
		else
			pr_question(out, &w, switch_on_end, io_immediate);
		free(question);
		workload_free(&w);
		return EXIT_OK;
	}
	struct pr_trace tr = {0};
	rc = pr_run(&w, o.io_length, switch_on_end, io_immediate, &tr);
	if (rc == EXIT_OK)
		rc = pr_answer(out, &w, &tr, o.stats, o.json ? &json_format : &text_format, question ? question : "", qlen);
	free(question);
	trace_free(&tr);
	workload_free(&w);
	return rc;
}
