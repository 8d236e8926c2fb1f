/* ps.c: the process table at one moment, as `ps -el` and top show it.
 * WCHAN is the kernel function a sleeper waits in, as ps prints it; a zombie's
 * CMD is "[name] <defunct>", as in the teaching material's ps output. PRI and
 * NI are ps -l's (80 + nice); VIRT, RES and SHR are top's, in KiB, and %MEM
 * is RES over the machine's memory, which top's MiB Mem line gives. */
#include "ps.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lang/program.h"
#include "sim.h"
#include "snapshot.h"
#include "text.h"
#include "timefmt.h"

static void summary_text(FILE *out, const struct sim_counts *c, bool threads)
{
	if (threads) /* top -H: every task by its own state; a zombie is a process's */
		fprintf(out, _("Threads: %1$d total, %2$d running, %3$d sleeping, %4$d stopped, %5$d zombie\n"),
			c->threads, c->threads_running, c->threads_sleeping, c->threads_stopped, c->zombie);
	else
		fprintf(out, _("Tasks: %1$d total, %2$d running, %3$d sleeping, %4$d stopped, %5$d zombie\n"),
			c->total, c->running, c->sleeping, c->stopped, c->zombie);
}

static void memory_text(FILE *out, const struct mem_info *m)
{
	fprintf(out, _("MiB Mem : %1$8.1f total, %2$8.1f free, %3$8.1f used, %4$8.1f buff/cache\n"),
		m->total / 1024.0, m->free / 1024.0, m->used / 1024.0, m->buff_cache / 1024.0);
	fprintf(out, _("MiB Swap: %1$8.1f total, %2$8.1f free, %3$8.1f used. %4$8.1f avail Mem\n"),
		m->swap_total / 1024.0, m->swap_free / 1024.0, m->swap_used / 1024.0, m->avail / 1024.0);
}

static double mem_percent(const struct proc_info *p, const struct mem_info *m)
{
	return m->total ? 100.0 * (double)p->res_kib / (double)m->total : 0.0;
}

const char *ps_wchan(const struct proc_info *p)
{
	return p->state == 'S' || p->state == 'D' ? wchan_kernel_name(p->wchan) : p->state == 'T' ? "do_signal_stop" : p->state == 't' ? "ptrace_stop" : "-";
}

bool ps_names_parse(const char *value, enum ps_names *out)
{
	if (strcmp(value, "program") == 0)
		*out = PS_NAMES_PROGRAM;
	else if (strcmp(value, "real") == 0)
		*out = PS_NAMES_REAL;
	else
		return false;
	return true;
}

void ps_apply_names(struct proc_info *ps, int n, enum ps_names names)
{
	if (names == PS_NAMES_REAL)
		for (int i = 0; i < n; i++)
			if (ps[i].cmdline)
				ps[i].name = ps[i].cmdline;
}

void ps_comm(const char *cmdline, char *out, size_t n)
{
	size_t len = strcspn(cmdline, " ");
	const char *base = cmdline;
	for (size_t i = 0; i < len; i++)
		if (cmdline[i] == '/')
			base = cmdline + i + 1;
	len -= (size_t)(base - cmdline);
	if (len > 15)
		len = 15;
	snprintf(out, n, "%.*s", (int)len, base);
}

struct proc_info *ps_table(const struct sim *s, bool threads, struct sim_counts *c, int *n, struct mem_info *mem)
{
	snapshot_counts(s, c);
	int max = threads ? c->threads : c->total;
	struct proc_info *ps = malloc(sizeof *ps * (size_t)(max ? max : 1));
	if (!ps)
		return NULL;
	*n = threads ? snapshot_tasks(s, ps, max) : snapshot_procs(s, ps, max);
	if (*n > max)
		*n = max;
	snapshot_memory(s, mem);
	return ps;
}

/* procps reads a thread group's leader from /proc/PID, not from
 * /proc/PID/task/PID (readeither: "to avoid loss of some thread group
 * leader data"), and /proc/PID/stat's utime and stime are the whole
 * group's (thread_group_cputime_adjusted): so the main thread's row of
 * ps -L and top -H shows the process's time, its other threads' rows their
 * own (measured: tests/truth/ps_threads.sh). */
int64_t ps_time_ticks(const struct proc_info *p) { return p->cpu_ticks + p->threads_cpu_ticks; }

int ps_stat(const struct proc_info *p, char *buf)
{
	int k = 0;
	buf[k++] = p->state;
	if (p->nice < 0)
		buf[k++] = '<';
	if (p->nice > 0)
		buf[k++] = 'N';
	if (p->sid == p->tgid)
		buf[k++] = 's'; /* session leader: each of its threads too (the tgid is compared) */
	if (p->nlwp > 1)
		buf[k++] = 'l'; /* multi-threaded */
	if (p->pgid == p->tpgid)
		buf[k++] = '+'; /* in the foreground process group of its terminal */
	buf[k] = '\0';
	return k;
}

bool ps_print(FILE *out, const struct sim *s, bool json, bool threads, enum ps_names names)
{
	const struct scenario *sc = sim_scenario(s);
	struct sim_counts c;
	struct mem_info mem;
	int n;
	struct proc_info *ps = ps_table(s, threads, &c, &n, &mem);
	if (!ps)
		return false;
	ps_apply_names(ps, n, names);
	char at[32];
	long long now = (long long)sim_end_tick(s); /* asked for a time past the end: the end */
	timefmt_ticks(now, sc->tick_us, at, sizeof at);
	if (json) {
		fprintf(out, "{\"t\":%lld,\"title\":", now);
		text_json_string(out, sc->title);
		fprintf(out, ",\"summary\":{\"total\":%d,\"running\":%d,\"sleeping\":%d,\"stopped\":%d,\"zombie\":%d},",
			c.total, c.running, c.sleeping, c.stopped, c.zombie);
		fprintf(out, "\"threads\":{\"total\":%d,\"running\":%d,\"sleeping\":%d,\"stopped\":%d,\"zombie\":%d},",
			c.threads, c.threads_running, c.threads_sleeping, c.threads_stopped, c.zombie);
		fprintf(out, "\"memory_kib\":{\"total\":%lld,\"free\":%lld,\"used\":%lld,\"buff_cache\":%lld,\"avail\":%lld,"
			     "\"swap_total\":%lld,\"swap_free\":%lld,\"swap_used\":%lld},\"processes\":[",
			(long long)mem.total, (long long)mem.free, (long long)mem.used, (long long)mem.buff_cache,
			(long long)mem.avail, (long long)mem.swap_total, (long long)mem.swap_free, (long long)mem.swap_used);
		for (int i = 0; i < n; i++) {
			const struct proc_info *p = &ps[i];
			/* as ps -L: pid is the process, lwp the task (the main thread's is the PID) */
			fprintf(out, "%s{\"pid\":%d,\"ppid\":%d,\"pgid\":%d,\"state\":\"%c\",\"pri\":%d,\"ni\":%d,\"cpu_ticks\":%lld,",
				i ? "," : "", p->tgid, p->ppid, p->pgid, p->state, 80 + p->nice, p->nice, (long long)ps_time_ticks(p));
			fprintf(out, "\"tgid\":%d,\"lwp\":%d,\"nlwp\":%d,", p->tgid, p->pid, p->nlwp);
			fprintf(out, "\"virt\":%lld,\"res\":%lld,\"shr\":%lld,\"cow\":%lld,\"mem\":%.1f,\"fds\":%d,\"wchan\":",
				(long long)p->virt_kib, (long long)p->res_kib, (long long)p->shr_kib, (long long)p->cow_kib,
				mem_percent(p, &mem), p->state == 'Z' ? 0 : p->nfds + 3); /* 0, 1, 2 and its own; a zombie has none */
			text_json_string(out, ps_wchan(p));
			fputs(",\"cmd\":", out);
			text_json_string(out, p->name);
			if (p->on_cpu)
				fprintf(out, ",\"cpu\":%d", p->cpu);
			if (p->state == 'Z') {
				if (p->exit_sig)
					fprintf(out, ",\"exit_signal\":%d", p->exit_sig);
				else
					fprintf(out, ",\"exit_code\":%d", p->exit_code);
			}
			fputc('}', out);
		}
		fputs("]}\n", out);
		free(ps);
		return true;
	}
	fprintf(out, "# %s — t=%lld (%s)\n", sc->title, now, at);
	if (sim_status(s) == SIM_DONE || sim_status(s) == SIM_STUCK || sim_status(s) == SIM_LIMIT)
		fprintf(out, _("# the run ended at t=%lld (%s): this is its last state\n"), now,
			sim_status(s) == SIM_DONE ? _("everything ended") : sim_status(s) == SIM_STUCK ? _("nothing could run any more") : _("its limit"));
	summary_text(out, &c, threads);
	memory_text(out, &mem);
	/* -L: LWP after PPID, where ps -eLl has it */
	fprintf(out, "S   PID  PPID %sPRI  NI    VIRT    RES    SHR %%MEM WCHAN                  TIME CMD\n",
		threads ? "  LWP " : "");
	for (int i = 0; i < n; i++) {
		const struct proc_info *p = &ps[i];
		char t[32], lwp[16] = "";
		timefmt_cpu(ps_time_ticks(p), sc->tick_us, t, sizeof t);
		if (threads)
			snprintf(lwp, sizeof lwp, "%5d ", p->pid);
		fprintf(out, "%c %5d %5d %s%3d %3d %7lld %6lld %6lld %4.1f %-17s %9s ", p->state, p->tgid, p->ppid, lwp,
			80 + p->nice, p->nice, (long long)p->virt_kib, (long long)p->res_kib, (long long)p->shr_kib,
			mem_percent(p, &mem), ps_wchan(p), t);
		if (p->state == 'Z' && names == PS_NAMES_REAL) { /* no command line left: [comm], as procps prints it */
			char comm[32];
			ps_comm(p->name, comm, sizeof comm);
			fprintf(out, "[%s] <defunct>\n", comm);
		} else if (p->state == 'Z') {
			fprintf(out, "[%s] <defunct>\n", p->name);
		} else {
			fprintf(out, "%s\n", p->name);
		}
	}
	free(ps);
	return true;
}

const char *ps_user(const struct proc_info *p) { return p->uid == 0 ? "root" : "student"; }
