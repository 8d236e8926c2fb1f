/* homework_multi_run.c: multi.py's answers, measured on the kernel (see
 * homework_multi_run.h). The scenario is the policy multi with the tool's
 * settings and a job per job (jobK for the tool's K-th); the run advances
 * one tick at a time, and after tick t has been charged (sim_run to t+1):
 *   - who held each CPU in tick t: the job of the CPU's last dispatch at or
 *     before t, unless it was preempted or exited since;
 *   - each job's time left: sim_multi_work_left (0 once it has ended);
 *   - each CPU's cache: sim_multi_warm for each job, in the tool's order.
 * The rows are kept until the run ends, then printed up to the finish time
 * (the last job's exit), as the tool prints none after it. The statistics
 * are each CPU's ticks of the run (sim_multi_ticks) over that time. Each
 * tick's stealing is checked against multi.py's own test (check_steals):
 * where the tool would act on its bug, or fail, nothing of the answer is
 * printed and the run is refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_scenario.h"
#include "homework_int.h"
#include "homework_multi_run.h"
#include "i18n.h"
#include "lang/program.h"
#include "sched_multi.h"

struct multi_event {
	enum sim_event_kind kind;
	int64_t t;
	int job, cpu;
};

struct multi_watch {
	int n;
	int *pid;                    /* per job, from its spawn */
	int *job_of;                 /* per PID below npid: its job + 1, or 0 */
	int npid;
	int64_t *exit;               /* per job, its exit's tick, -1 before */
	struct multi_event *ev;      /* dispatches, preemptions and exits of the jobs */
	size_t nev, capev;
	bool oom;
	/* Where the tool's answer cannot be procsim's (check_steals): the tick
	 * (-1: nowhere), why, the stealing CPU and the job. */
	int64_t tool_t;
	enum { TOOL_OK, TOOL_FAILS, TOOL_STRANDS, TOOL_RUN_TIME } tool_why;
	int tool_cpu, tool_job;
};

static int job_of(const struct multi_watch *w, int pid)
{
	return pid >= 0 && pid < w->npid ? w->job_of[pid] - 1 : -1;
}

static bool note_pid(struct multi_watch *w, int k, int pid)
{
	if (pid >= w->npid) {
		int n = w->npid ? w->npid : 64;
		while (n <= pid)
			n *= 2;
		int *v = realloc(w->job_of, sizeof *v * (size_t)n);
		if (!v)
			return false;
		memset(v + w->npid, 0, sizeof *v * (size_t)(n - w->npid));
		w->job_of = v;
		w->npid = n;
	}
	w->pid[k] = pid;
	w->job_of[pid] = k + 1;
	return true;
}

static void watch_event(void *ctx, const struct sim_event *e)
{
	struct multi_watch *w = ctx;
	if (e->kind == EV_SPAWN) {
		int k = homework_job_number(e->name);
		if (k >= 0 && k < w->n && !note_pid(w, k, e->pid))
			w->oom = true;
		return;
	}
	if (e->kind != EV_DISPATCH && e->kind != EV_PREEMPT && e->kind != EV_EXIT)
		return;
	int k = job_of(w, e->pid);
	if (k < 0)
		return;
	if (e->kind == EV_EXIT)
		w->exit[k] = e->t;
	if (w->nev == w->capev) {
		size_t cap = w->capev ? w->capev * 2 : 256;
		struct multi_event *v = realloc(w->ev, cap * sizeof *v);
		if (!v) {
			w->oom = true;
			return;
		}
		w->ev = v;
		w->capev = cap;
	}
	w->ev[w->nev++] = (struct multi_event){e->kind, e->t, k, e->cpu};
}

static char *multi_source(const struct multi_machine *m, const struct multi_job *j, int n)
{
	size_t cap = 512, used = 0;
	for (int k = 0; k < n; k++)
		cap += 96 + 12 * (size_t)j[k].naffinity;
	char *src = malloc(cap);
	if (!src)
		return NULL;
	used += (size_t)snprintf(src, cap,
				 "cpus %lld\npolicy multi\nquantum %lld\nqueues %s\npeek %lld\nwarmup %lld\nwarm_rate %lld\n"
				 "cache_size %lld\ncpu_order %s\n",
				 m->num_cpus, m->quantum, m->per_cpu ? "per_cpu" : "single", m->peek, m->warmup, m->warm_rate,
				 m->cache_size, m->rand_order ? "random" : "fixed");
	for (int k = 0; k < n; k++) {
		/* a job of run time 0 (or less) still takes its CPU for a tick */
		used += (size_t)snprintf(src + used, cap - used, "job job%d runs %lld, working_set %lld", k,
					 j[k].run_time > 0 ? j[k].run_time : 1, j[k].wset);
		if (j[k].naffinity)
			used += (size_t)snprintf(src + used, cap - used, ", affinity");
		for (int i = 0; i < j[k].naffinity; i++)
			used += (size_t)snprintf(src + used, cap - used, " %d", j[k].affinity[i]);
		used += (size_t)snprintf(src + used, cap - used, "\n");
	}
	return src;
}

/* multi.py's print_sched_queues (-S): each queue as the tool holds it
 * after its CPUs took their jobs of tick t. The kernel's queues are read
 * after the tick, when the jobs preempted at its end (those on[], the
 * tool's next interrupt) have gone to their tails: they are left out. */
static void print_queues(FILE *out, const struct sim *s, const struct multi_machine *m, const struct multi_job *j,
			 const struct multi_watch *w, const int *on, int *pids)
{
	int nq = m->per_cpu ? (int)m->num_cpus : 1;
	for (int c = 0; c < nq; c++) {
		if (m->per_cpu)
			fprintf(out, "Q%d: ", c);
		else
			fputs("Q: ", out);
		int len = sim_multi_queue(s, c, pids, w->n);
		for (int i = 0; i < len && i < w->n; i++) {
			int k = job_of(w, pids[i]);
			bool running = false;
			for (int cpu = 0; k >= 0 && cpu < m->num_cpus; cpu++)
				running |= on[cpu] == k;
			if (k >= 0 && !running)
				fprintf(out, "%s ", j[k].name);
		}
		if (m->per_cpu)
			fputs("  ", out);
	}
	fputs("    ", out);
}

/* One row of the trace: tick t, each CPU's job (its time left) and cache,
 * then the queues. */
static void print_row(FILE *out, const struct sim *s, const struct multi_machine *m, const struct multi_job *j,
		      const struct multi_watch *w, const int *on, int *pids, int64_t t, const struct multi_show *show)
{
	int n = w->n;
	if (t > 0 && t % m->quantum == 0) { /* the tool's rule above the slice's first row */
		long long width = 8 + 7 * m->num_cpus - 5;
		if (show->time_left)
			width += 6 * m->num_cpus;
		if (show->cache)
			width += 8 * m->num_cpus + (long long)n * m->num_cpus;
		for (long long i = 0; i < width; i++)
			fputc('-', out);
		fputc('\n', out);
	}
	fprintf(out, " %3lld   ", (long long)t);
	for (int c = 0; c < m->num_cpus; c++) {
		if (on[c] >= 0) {
			fprintf(out, "%s ", j[on[c]].name);
			if (show->time_left)
				fprintf(out, "[%3lld] ", (long long)sim_multi_work_left(s, w->pid[on[c]]));
		} else {
			fputs("- ", out);
			if (show->time_left)
				fputs("[   ] ", out);
		}
		if (show->cache) {
			fputs("cache[", out);
			for (int k = 0; k < n; k++)
				fputc(sim_multi_warm(s, c, w->pid[k]) ? 'w' : ' ', out);
			fputc(']', out);
		}
		fputs("     ", out);
	}
	if (show->queues)
		print_queues(out, s, m, j, w, on, pids);
	fputc('\n', out);
}

static bool may_run_on(const struct multi_job *j, int cpu)
{
	for (int i = 0; i < j->naffinity; i++)
		if (j->affinity[i] == cpu)
			return true;
	return !j->naffinity;
}

/* multi.py's steal_jobs takes the first job of the queue looked at for
 * which `len(affinity) == 0 or cpu in self.jobs[job_name]`: the latter is
 * the job's whole record, true when the CPU's number is its run time or
 * working set, not its affinity (a bug of the tool). The kernel steals so
 * too (multi_steal_record), and the answer is the tool's, as long as no
 * job is moved to a CPU outside its affinity: there it can never run, and
 * the tool may never end. Each look of tick t is checked: the jobs the
 * kernel examined, each against the tool's test with the job's own run time
 * (the kernel runs a run time of 0 or less as 1 tick), and the one it took
 * against the affinity. With one CPU the tool has no other CPU to draw and
 * fails. Only ticks the tool runs count: some job has not ended before t. */
static void check_steals(const struct sim *s, const struct multi_machine *m, const struct multi_job *j,
			 struct multi_watch *w, int64_t t, int *pids)
{
	int ended = 0;
	for (int k = 0; k < w->n; k++)
		ended += w->exit[k] >= 0 && w->exit[k] <= t;
	if (w->tool_t >= 0 || ended == w->n)
		return;
	for (int c = 0; c < m->num_cpus; c++) {
		int64_t when;
		int from;
		bool took;
		int n = sim_multi_steal(s, c, &when, &from, &took, pids, w->n);
		if (n < 0 || when != t)
			continue;
		w->tool_cpu = c;
		w->tool_why = from < 0 ? TOOL_FAILS : TOOL_OK;
		for (int i = 0; from >= 0 && i < n && i < w->n && w->tool_why == TOOL_OK; i++) {
			int k = job_of(w, pids[i]);
			if (k < 0)
				continue;
			w->tool_job = k;
			bool tool = !j[k].naffinity || c == j[k].run_time || c == j[k].wset, kernel = took && i == n - 1;
			if (tool != kernel)
				w->tool_why = TOOL_RUN_TIME;
			else if (kernel && !may_run_on(&j[k], c))
				w->tool_why = TOOL_STRANDS;
		}
		if (w->tool_why != TOOL_OK) {
			w->tool_t = t;
			return;
		}
	}
}

/* Runs to the end, the rows in `rows` (row t ends at row_end[t]); the
 * finish time in *finish. */
static int run_rows(struct sim *s, const struct multi_machine *m, const struct multi_job *j, struct multi_watch *w,
		    const struct multi_show *show, FILE *rows, long *row_end, int64_t max_ticks, int64_t *finish)
{
	int on[64];
	int *pids = malloc(sizeof *pids * (size_t)(w->n + 1));
	if (!pids)
		return EXIT_SCENARIO;
	for (int c = 0; c < 64; c++)
		on[c] = -1;
	size_t seen = 0;
	enum sim_status status = SIM_RUNNING;
	int64_t t;
	for (t = 0; status == SIM_RUNNING && t < max_ticks && w->tool_t < 0; t++) {
		status = sim_run(s, t + 1);
		for (; seen < w->nev && w->ev[seen].t <= t; seen++) {
			const struct multi_event *e = &w->ev[seen];
			if (e->kind == EV_DISPATCH && e->cpu >= 0 && e->cpu < 64)
				on[e->cpu] = e->job;
			else if (e->kind != EV_DISPATCH)
				for (int c = 0; c < m->num_cpus; c++)
					if (on[c] == e->job)
						on[c] = -1;
		}
		if (show->trace)
			print_row(rows, s, m, j, w, on, pids, t, show);
		row_end[t] = ftell(rows);
		if (m->per_cpu && m->peek > 0)
			check_steals(s, m, j, w, t, pids);
	}
	free(pids);
	if (w->tool_t >= 0)
		return EXIT_USAGE;
	*finish = 0;
	for (int k = 0; k < w->n; k++) {
		if (w->exit[k] < 0) /* never ended: the guard, or a run gone wrong */
			return EXIT_SCENARIO;
		*finish = w->exit[k] > *finish ? w->exit[k] : *finish;
	}
	return *finish <= t ? EXIT_OK : EXIT_SCENARIO;
}

static void print_stats(FILE *out, const struct sim *s, const struct multi_machine *m, int64_t finish)
{
	fprintf(out, "\nFinished time %lld\n\nPer-CPU stats\n", (long long)finish);
	for (int c = 0; c < m->num_cpus; c++) {
		int64_t ran = 0, warm = 0;
		sim_multi_ticks(s, c, &ran, &warm);
		fprintf(out, "  CPU %d  utilization %3.2f [ warm %3.2f ]\n", c, 100.0 * (double)ran / (double)finish,
			100.0 * (double)warm / (double)finish);
	}
	fputc('\n', out);
}

int homework_multi_run(FILE *out, const struct multi_machine *m, const struct multi_job *jobs, int n,
		       const struct multi_show *show)
{
	/* Each tick, a CPU with a job to run runs one: the jobs end within the
	 * sum of their run times; a few more for the run's own end. */
	int64_t max_ticks = 16;
	for (int k = 0; k < n; k++)
		max_ticks += jobs[k].run_time > 0 ? jobs[k].run_time : 1;
	struct multi_watch w = {.n = n, .pid = calloc((size_t)n, sizeof *w.pid), .exit = malloc((size_t)n * sizeof *w.exit)};
	long *row_end = malloc(sizeof *row_end * (size_t)max_ticks);
	char *src = w.pid && w.exit && row_end ? multi_source(m, jobs, n) : NULL;
	struct loaded L = {0};
	int rc = src ? cmd_scenario_load_source("homework", src, &L) : EXIT_SCENARIO;
	struct sim *s = NULL;
	if (rc == EXIT_OK) {
		/* As the `seed` setting does, but any int, as random.seed takes */
		L.sc->seed = L.sc->sched.seed = m->seed;
		L.sc->sched.skip_draws = m->skip_draws;
		L.sc->sched.multi_steal_record = true; /* the tool's test, checked by check_steals */
		struct sim_options opt = {0};
		if (!(s = sim_new(L.sc, &opt)))
			rc = EXIT_SCENARIO;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *rows = rc == EXIT_OK ? open_memstream(&buf, &len) : NULL;
	if (rc == EXIT_OK && !rows)
		rc = EXIT_SCENARIO;
	int64_t finish = 0;
	bool ran = false;
	if (rc == EXIT_OK) {
		w.tool_t = -1;
		for (int k = 0; k < n; k++)
			w.exit[k] = -1;
		sim_set_sink(s, watch_event, &w);
		rc = run_rows(s, m, jobs, &w, show, rows, row_end, max_ticks, &finish);
		ran = true;
		if (rc == EXIT_OK && w.oom)
			rc = EXIT_SCENARIO;
		if (rc == EXIT_OK)
			rc = cmd_scenario_report_end(&L, s);
		fclose(rows);
	}
	if (rc == EXIT_OK) {
		fwrite(buf, 1, finish > 0 ? (size_t)row_end[finish - 1] : 0, out);
		if (show->stats)
			print_stats(out, s, m, finish);
	} else if (w.tool_why == TOOL_FAILS) {
		fprintf(stderr, _("procsim homework multi: at t=%lld the queue of CPU %d is empty at a peek and multi.py "
				  "has no other CPU to steal from: with one CPU, -p and -P above 0 the tool fails there "
				  "(random.choice of an empty list); give -P 0 or leave out -p\n"),
			(long long)w.tool_t, w.tool_cpu);
	} else if (w.tool_why == TOOL_STRANDS) {
		fprintf(stderr, _("procsim homework multi: at t=%lld multi.py's stealing moves job %s to CPU %d, outside "
				  "its affinity (the tool tests the CPU against the job's run time and working set, a bug): "
				  "the job cannot run there, and the tool may never end; give -P 0 or leave out -p\n"),
			(long long)w.tool_t, jobs[w.tool_job].name, w.tool_cpu);
	} else if (w.tool_why == TOOL_RUN_TIME) {
		fprintf(stderr, _("procsim homework multi: at t=%lld multi.py's stealing tests CPU %d against job %s's "
				  "run time of %lld, which the kernel runs as 1 tick: its answer from there on is not "
				  "procsim's; give -P 0 or leave out -p\n"),
			(long long)w.tool_t, w.tool_cpu, jobs[w.tool_job].name, jobs[w.tool_job].run_time);
	} else if (rc == EXIT_SCENARIO && ran) {
		fprintf(stderr, "%s\n", _("procsim homework multi: the run on the kernel did not finish its jobs"));
	}
	free(buf);
	if (s)
		sim_free(s);
	if (L.sc)
		cmd_scenario_free(&L);
	free(row_end);
	free(w.pid);
	free(w.exit);
	free(w.job_of);
	free(w.ev);
	return rc;
}
