/* stats.c: see stats.h. The numbers come from the kernel's own counters
 * (sim_proc_metrics, sim_sys_metrics); this module only derives averages and
 * utilisation and lays them out. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lang/program.h"
#include "sig.h"
#include "table.h"
#include "text.h"
#include "timefmt.h"

static int64_t run_length(const struct sim *s) { return sim_end_tick(s); }

bool stats_collect(const struct sim *s, struct stats *st)
{
	memset(st, 0, sizeof *st);
	const struct scenario *sc = sim_scenario(s);
	st->title = strdup(sc->title ? sc->title : "");
	st->tick_us = sc->tick_us;
	st->sched = *sim_sched_params(s);
	st->cpus = sim_cpus(s);
	st->status = sim_status(s);
	st->elapsed = run_length(s);
	sim_sys_metrics(s, &st->sys);
	st->sys.total.idle = 0;
	for (int c = 0; c < st->sys.ncpus; c++) {
		struct cpu_metrics *m = &st->sys.cpu[c];
		m->idle = st->elapsed - m->user - m->system;
		if (m->idle < 0)
			m->idle = 0;
		st->sys.total.idle += m->idle;
	}
	int64_t busy = st->sys.total.user + st->sys.total.system;
	st->util = st->elapsed > 0 && st->cpus > 0 ? (double)busy / ((double)st->elapsed * st->cpus) : 0;

	struct proc_metrics *all;
	int64_t n = sim_proc_metrics(s, &all);
	if (!all || !st->title) {
		free(all);
		stats_free(st);
		return false;
	}
	/* The records stay where sim_proc_metrics made them (a copy of a
	 * million of them was 144 MB more): the built-ins (init, the shell) are
	 * dropped in place, and each name is copied, as it outlives the run. */
	st->procs = all;
	double sum_t = 0, sum_r = 0, sum_w = 0;
	for (int64_t i = 0; i < n; i++) {
		if (all[i].builtin)
			continue;
		struct proc_metrics *m = &st->procs[st->nprocs];
		*m = all[i];
		m->name = strdup(m->name ? m->name : "");
		if (!m->name) {
			stats_free(st);
			return false;
		}
		st->nprocs++;
		if (m->turnaround >= 0) {
			sum_t += (double)m->turnaround;
			st->n_turnaround++;
		}
		if (m->response >= 0) {
			sum_r += (double)m->response;
			st->n_response++;
		}
		sum_w += (double)m->wait;
		st->n_wait++;
	}
	st->avg_turnaround = st->n_turnaround ? sum_t / st->n_turnaround : 0;
	st->avg_response = st->n_response ? sum_r / st->n_response : 0;
	st->avg_wait = st->n_wait ? sum_w / st->n_wait : 0;
	return true;
}

void stats_free(struct stats *st)
{
	for (int i = 0; i < st->nprocs; i++)
		free((char *)st->procs[i].name);
	free(st->procs);
	free(st->title);
	memset(st, 0, sizeof *st);
}

const struct proc_metrics *stats_find(const struct stats *st, const char *name)
{
	for (int i = 0; i < st->nprocs; i++)
		if (strcmp(st->procs[i].name, name) == 0)
			return &st->procs[i];
	return NULL;
}

void stats_status_text(const struct proc_metrics *m, char *buf, size_t n)
{
	if (m->exit < 0)
		snprintf(buf, n, "-");
	else if (m->exit_signal) {
		const char *sig = sig_name(m->exit_signal);
		snprintf(buf, n, _("killed by %s"), sig ? sig : "?");
	} else
		snprintf(buf, n, _("exit %d"), m->exit_code);
}

/* ---- text ------------------------------------------------------------------- */

static void cell_tick(struct table *t, int r, int c, int64_t v)
{
	if (v < 0)
		table_set(t, r, c, "-");
	else
		table_set(t, r, c, "%lld", (long long)v);
}

static double pct(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * (double)part / (double)whole : 0; }

static const char *status_word(enum sim_status st)
{
	switch (st) {
	case SIM_DONE: return "done";
	case SIM_LIMIT: return "limit";
	case SIM_STUCK: return "stuck";
	case SIM_RUNAWAY: return "runaway";
	case SIM_ERROR: return "error";
	default: return "running";
	}
}

/* How the run ended, in words, for the text table (JSON keeps status_word). */
static const char *status_phrase(enum sim_status st)
{
	switch (st) {
	case SIM_DONE: return _("ran to the end");
	case SIM_LIMIT: return _("stopped at its limit");
	case SIM_STUCK: return _("stuck: nothing can run again");
	case SIM_RUNAWAY: return _("stopped as a runaway");
	case SIM_ERROR: return _("stopped by an error");
	default: return _("still running");
	}
}

/* GCC 12 with -fsanitize=address,undefined at -O2 reads the dgettext()
 * format below as possibly null once header() is inlined (a false positive
 * of -Wformat-overflow); the plain build checks the format as usual. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
static void header(FILE *out, const struct stats *st)
{
	char tick[32];
	timefmt_ticks(1, st->tick_us, tick, sizeof tick);
	fprintf(out, "# %s\n", st->title);
	fprintf(out, _("# policy %1$s, %2$d CPU(s), quantum %3$lld ticks, context switch %4$lld ticks; one tick = %5$s; times in ticks\n"),
		st->sched.policy, st->cpus, (long long)st->sched.quantum, (long long)st->sched.switch_cost, tick);
}
#pragma GCC diagnostic pop

static void process_table(FILE *out, const struct stats *st)
{
	const char *head[] = {
		_("PID"), _("NAME"), _("ARRIVAL"), _("FIRST RUN"), _("EXIT"), _("REAP"),
		_("TURNAROUND"), _("RESPONSE"), _("WAITING"), _("CPU"), _("SLEEP"), _("STOPPED"),
		_("VOL CS"), _("INVOL CS"), _("ZOMBIE"), _("STATUS"),
	};
	struct table t;
	table_init(&t, 16, head);
	t.left[1] = t.left[15] = true;
	for (int i = 0; i < st->nprocs; i++) {
		const struct proc_metrics *m = &st->procs[i];
		int r = table_add_row(&t);
		table_set(&t, r, 0, "%d", m->pid);
		table_set(&t, r, 1, "%s", m->name);
		cell_tick(&t, r, 2, m->arrival);
		cell_tick(&t, r, 3, m->first_run);
		cell_tick(&t, r, 4, m->exit);
		cell_tick(&t, r, 5, m->reap);
		cell_tick(&t, r, 6, m->turnaround);
		cell_tick(&t, r, 7, m->response);
		cell_tick(&t, r, 8, m->wait);
		cell_tick(&t, r, 9, m->cpu);
		cell_tick(&t, r, 10, m->sleep);
		cell_tick(&t, r, 11, m->stopped);
		cell_tick(&t, r, 12, m->voluntary);
		cell_tick(&t, r, 13, m->involuntary);
		cell_tick(&t, r, 14, m->zombie);
		char status[64];
		stats_status_text(m, status, sizeof status);
		table_set(&t, r, 15, "%s", status);
	}
	int r = table_add_row(&t);
	table_set(&t, r, 1, "%s", _("average"));
	if (st->n_turnaround)
		table_set(&t, r, 6, "%.2f", st->avg_turnaround);
	if (st->n_response)
		table_set(&t, r, 7, "%.2f", st->avg_response);
	if (st->n_wait)
		table_set(&t, r, 8, "%.2f", st->avg_wait);
	table_print_text(out, &t, 0);
	table_free(&t);
}

static void cpu_table(FILE *out, const struct stats *st)
{
	const char *head[] = {_("CPU"), _("USER"), _("SYSTEM"), _("IDLE"), _("USER %"), _("SYSTEM %"), _("IDLE %")};
	struct table t;
	table_init(&t, 7, head);
	t.left[0] = true;
	for (int c = 0; c <= st->sys.ncpus; c++) {
		const struct cpu_metrics *m = c < st->sys.ncpus ? &st->sys.cpu[c] : &st->sys.total;
		int64_t whole = c < st->sys.ncpus ? st->elapsed : st->elapsed * st->sys.ncpus;
		int r = table_add_row(&t);
		if (c < st->sys.ncpus)
			table_set(&t, r, 0, "CPU%d", c);
		else
			table_set(&t, r, 0, "%s", _("all"));
		table_set(&t, r, 1, "%lld", (long long)m->user);
		table_set(&t, r, 2, "%lld", (long long)m->system);
		table_set(&t, r, 3, "%lld", (long long)m->idle);
		table_set(&t, r, 4, "%.1f", pct(m->user, whole));
		table_set(&t, r, 5, "%.1f", pct(m->system, whole));
		table_set(&t, r, 6, "%.1f", pct(m->idle, whole));
	}
	table_print_text(out, &t, 2);
	table_free(&t);
}

static void system_table(FILE *out, const struct stats *st)
{
	const struct sys_metrics *m = &st->sys;
	const char *head[] = {_("SYSTEM"), _("VALUE")};
	struct table t;
	table_init(&t, 2, head);
	t.left[0] = t.left[1] = true;
	char d[32], d2[32];
	int r;

	r = table_add_row(&t);
	timefmt_ticks(st->elapsed, st->tick_us, d, sizeof d);
	table_set(&t, r, 0, "%s", _("elapsed"));
	table_set(&t, r, 1, _("%1$lld ticks (%2$s), %3$s"), (long long)st->elapsed, d, status_phrase(st->status));

	r = table_add_row(&t);
	timefmt_ticks(m->makespan, st->tick_us, d, sizeof d);
	table_set(&t, r, 0, "%s", _("makespan"));
	if (m->completed)
		table_set(&t, r, 1, _("%1$lld ticks (%2$s), first arrival to last exit"), (long long)m->makespan, d);
	else
		table_set(&t, r, 1, "%s", _("- (no process has exited)"));

	r = table_add_row(&t);
	table_set(&t, r, 0, "%s", _("CPU utilisation"));
	table_set(&t, r, 1, _("%1$.1f%% busy (user %2$.1f%%, system %3$.1f%%, idle %4$.1f%%)"), 100 * st->util,
		  pct(m->total.user, st->elapsed * st->cpus), pct(m->total.system, st->elapsed * st->cpus),
		  pct(m->total.idle, st->elapsed * st->cpus));

	r = table_add_row(&t);
	double per_s = m->makespan > 0 ? (double)m->completed * 1e6 / ((double)m->makespan * (double)st->tick_us) : 0;
	table_set(&t, r, 0, "%s", _("throughput"));
	table_set(&t, r, 1, _("%1$.3f per 100 ticks (%2$.3f per second): %3$lld exited"), m->throughput, per_s,
		  (long long)m->completed);

	r = table_add_row(&t);
	table_set(&t, r, 0, "%s", _("context switches"));
	table_set(&t, r, 1, "%lld", (long long)m->context_switches);

	r = table_add_row(&t);
	table_set(&t, r, 0, "%s", _("peak zombies"));
	table_set(&t, r, 1, "%d", m->peak_zombies);

	r = table_add_row(&t);
	table_set(&t, r, 0, "%s", _("orphans adopted"));
	table_set(&t, r, 1, "%lld", (long long)m->orphans_adopted);

	r = table_add_row(&t);
	table_set(&t, r, 0, "%s", _("PIDs in use"));
	table_set(&t, r, 1, _("%1$d at the end, %2$d at most"), m->pids_in_use, m->peak_pids);

	r = table_add_row(&t);
	timefmt_ticks(m->minute, st->tick_us, d2, sizeof d2);
	table_set(&t, r, 0, "%s", _("load average"));
	table_set(&t, r, 1, _("%1$.2f, %2$.2f, %3$.2f (1, 5, 15 minutes of %4$lld ticks = %5$s)"), m->load[0], m->load[1],
		  m->load[2], (long long)m->minute, d2);

	table_print_text(out, &t, 0);
	table_free(&t);
}

void stats_print_text(FILE *out, const struct stats *st)
{
	header(out, st);
	fputc('\n', out);
	process_table(out, st);
	fputc('\n', out);
	system_table(out, st);
	fputc('\n', out);
	cpu_table(out, st);
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_tick(FILE *out, const char *key, int64_t v, bool first)
{
	if (v < 0)
		fprintf(out, "%s\"%s\":null", first ? "" : ",", key);
	else
		fprintf(out, "%s\"%s\":%lld", first ? "" : ",", key, (long long)v);
}

static void json_avg(FILE *out, const char *key, double v, int n)
{
	if (n)
		fprintf(out, ",\"%s\":%.4f", key, v);
	else
		fprintf(out, ",\"%s\":null", key);
}

static void json_cpu(FILE *out, const struct cpu_metrics *m, int64_t whole)
{
	fprintf(out, "\"user\":%lld,\"system\":%lld,\"idle\":%lld,\"utilisation\":%.4f", (long long)m->user,
		(long long)m->system, (long long)m->idle, whole > 0 ? (double)(m->user + m->system) / (double)whole : 0.0);
}

void stats_print_json(FILE *out, const struct stats *st)
{
	const struct sys_metrics *m = &st->sys;
	fputs("{\"title\":", out);
	text_json_string(out, st->title);
	fprintf(out, ",\"status\":\"%s\",\"tick_us\":%lld,\"policy\":", status_word(st->status), (long long)st->tick_us);
	text_json_string(out, st->sched.policy);
	fprintf(out, ",\"quantum\":%lld,\"cpus\":%d,\"switch_cost\":%lld", (long long)st->sched.quantum, st->cpus,
		(long long)st->sched.switch_cost);
	fputs(",\"processes\":[", out);
	for (int i = 0; i < st->nprocs; i++) {
		const struct proc_metrics *p = &st->procs[i];
		fprintf(out, "%s{\"pid\":%d,\"name\":", i ? "," : "", p->pid);
		text_json_string(out, p->name);
		fprintf(out, ",\"job\":%s,\"nice\":%d", p->job ? "true" : "false", p->nice);
		json_tick(out, "demand", p->demand, false);
		json_tick(out, "arrival", p->arrival, false);
		json_tick(out, "first_run", p->first_run, false);
		json_tick(out, "exit", p->exit, false);
		json_tick(out, "reap", p->reap, false);
		json_tick(out, "turnaround", p->turnaround, false);
		json_tick(out, "response", p->response, false);
		json_tick(out, "wait", p->wait, false);
		json_tick(out, "cpu", p->cpu, false);
		json_tick(out, "sleep", p->sleep, false);
		json_tick(out, "stopped", p->stopped, false);
		json_tick(out, "voluntary_switches", p->voluntary, false);
		json_tick(out, "involuntary_switches", p->involuntary, false);
		json_tick(out, "zombie", p->zombie, false);
		if (p->exit < 0)
			fputs(",\"exit_code\":null,\"exit_signal\":null", out);
		else if (p->exit_signal) {
			const char *sig = sig_name(p->exit_signal);
			fputs(",\"exit_code\":null,\"exit_signal\":", out);
			text_json_string(out, sig ? sig : "?");
		} else
			fprintf(out, ",\"exit_code\":%d,\"exit_signal\":null", p->exit_code);
		fputc('}', out);
	}
	fputs("],\"averages\":{\"processes\":", out);
	fprintf(out, "%d", st->nprocs);
	json_avg(out, "turnaround", st->avg_turnaround, st->n_turnaround);
	json_avg(out, "response", st->avg_response, st->n_response);
	json_avg(out, "wait", st->avg_wait, st->n_wait);
	fputs("},\"system\":{", out);
	json_tick(out, "elapsed", st->elapsed, true);
	json_tick(out, "makespan", m->completed ? m->makespan : -1, false);
	fprintf(out, ",\"completed\":%lld,\"throughput\":%.4f", (long long)m->completed, m->throughput);
	fputs(",\"cpu\":[", out);
	for (int c = 0; c < m->ncpus; c++) {
		fprintf(out, "%s{\"cpu\":%d,", c ? "," : "", c);
		json_cpu(out, &m->cpu[c], st->elapsed);
		fputc('}', out);
	}
	fputs("],\"cpu_total\":{", out);
	json_cpu(out, &m->total, st->elapsed * m->ncpus);
	fprintf(out, "},\"context_switches\":%lld,\"peak_zombies\":%d,\"orphans_adopted\":%lld",
		(long long)m->context_switches, m->peak_zombies, (long long)m->orphans_adopted);
	fprintf(out, ",\"pids_in_use\":%d,\"peak_pids\":%d", m->pids_in_use, m->peak_pids);
	fprintf(out, ",\"load\":[%.2f,%.2f,%.2f],\"minute\":%lld}}\n", m->load[0], m->load[1], m->load[2],
		(long long)m->minute);
}

/* ---- CSV -------------------------------------------------------------------- */

void stats_print_csv(FILE *out, const struct stats *st)
{
	static const char *const head[] = {
		"pid", "name", "job", "nice", "demand", "arrival", "first_run", "exit", "reap", "turnaround",
		"response", "wait", "cpu", "sleep", "stopped", "voluntary_switches", "involuntary_switches",
		"zombie", "exit_code", "exit_signal",
	};
	struct table t;
	table_init(&t, 20, head);
	for (int i = 0; i < st->nprocs; i++) {
		const struct proc_metrics *p = &st->procs[i];
		int r = table_add_row(&t);
		int64_t v[] = {p->demand, p->arrival, p->first_run, p->exit, p->reap, p->turnaround, p->response,
			       p->wait, p->cpu, p->sleep, p->stopped, p->voluntary, p->involuntary, p->zombie};
		table_set(&t, r, 0, "%d", p->pid);
		table_set(&t, r, 1, "%s", p->name);
		table_set(&t, r, 2, "%d", p->job ? 1 : 0);
		table_set(&t, r, 3, "%d", p->nice);
		for (int k = 0; k < 14; k++)
			if (v[k] >= 0)
				table_set(&t, r, 4 + k, "%lld", (long long)v[k]);
		if (p->exit >= 0 && !p->exit_signal)
			table_set(&t, r, 18, "%d", p->exit_code);
		if (p->exit >= 0 && p->exit_signal) {
			const char *sig = sig_name(p->exit_signal);
			table_set(&t, r, 19, "%s", sig ? sig : "?");
		}
	}
	table_print_csv(out, &t);
	table_free(&t);
}
