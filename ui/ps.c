/* ps.c: the process table at one moment, as `ps -el` and top show it.
 * WCHAN is the kernel function a sleeper waits in, as ps prints it; a zombie's
 * CMD is "[name] <defunct>", as in the teaching material's ps output. */
#include "ps.h"

#include <stdlib.h>

#include "i18n.h"
#include "lang/program.h"
#include "sim.h"
#include "snapshot.h"
#include "text.h"
#include "timefmt.h"

static void summary_text(FILE *out, const struct sim_counts *c)
{
	fprintf(out, _("Tasks: %1$d total, %2$d running, %3$d sleeping, %4$d stopped, %5$d zombie\n"),
		c->total, c->running, c->sleeping, c->stopped, c->zombie);
}

static const char *wchan_of(const struct proc_info *p)
{
	return p->state == 'S' || p->state == 'D' ? wchan_kernel_name(p->wchan) : p->state == 'T' ? "do_signal_stop" : "-";
}

bool ps_print(FILE *out, const struct sim *s, bool json)
{
	const struct scenario *sc = sim_scenario(s);
	struct sim_counts c;
	snapshot_counts(s, &c);
	struct proc_info *ps = malloc(sizeof *ps * (size_t)(c.total ? c.total : 1));
	if (!ps)
		return false;
	int n = snapshot_procs(s, ps, c.total);
	if (n > c.total)
		n = c.total;
	char at[32];
	long long now = (long long)sim_end_tick(s); /* asked for a time past the end: the end */
	timefmt_ticks(now, sc->tick_us, at, sizeof at);
	if (json) {
		fprintf(out, "{\"t\":%lld,\"title\":", now);
		text_json_string(out, sc->title);
		fprintf(out, ",\"summary\":{\"total\":%d,\"running\":%d,\"sleeping\":%d,\"stopped\":%d,\"zombie\":%d},\"processes\":[",
			c.total, c.running, c.sleeping, c.stopped, c.zombie);
		for (int i = 0; i < n; i++) {
			const struct proc_info *p = &ps[i];
			fprintf(out, "%s{\"pid\":%d,\"ppid\":%d,\"pgid\":%d,\"state\":\"%c\",\"pri\":80,\"ni\":0,\"cpu_ticks\":%lld,\"wchan\":",
				i ? "," : "", p->pid, p->ppid, p->pgid, p->state, (long long)p->cpu_ticks);
			text_json_string(out, wchan_of(p));
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
	summary_text(out, &c);
	fprintf(out, "S   PID  PPID PRI  NI WCHAN                  TIME CMD\n");
	for (int i = 0; i < n; i++) {
		const struct proc_info *p = &ps[i];
		char t[32];
		timefmt_cpu(p->cpu_ticks, sc->tick_us, t, sizeof t);
		fprintf(out, "%c %5d %5d %3d %3d %-17s %9s ", p->state, p->pid, p->ppid, 80, 0, wchan_of(p), t);
		if (p->state == 'Z')
			fprintf(out, "[%s] <defunct>\n", p->name);
		else
			fprintf(out, "%s\n", p->name);
	}
	free(ps);
	return true;
}
