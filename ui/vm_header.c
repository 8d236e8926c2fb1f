/* vm_header.c: the header in top's style: the clock and load, Tasks, %Cpu
 * (for all CPUs or one line per CPU), the MiB Mem and MiB Swap lines, then
 * the clock's state and the scheduler's settings. */
#include "view_model_int.h"

#include <stdio.h>

#include "i18n.h"
#include "metrics.h"
#include "timefmt.h"

#define CPU_CELL_COLS 81 /* top's per-CPU line: 80 columns and a space */

static int cpu_lines(const struct vm *vm)
{
	if (!vm->set.per_cpu)
		return 1;
	int ncpus = sim_cpus(vm->s);
	int per_line = vm->width / CPU_CELL_COLS > 0 ? vm->width / CPU_CELL_COLS : 1;
	int lines = (ncpus + per_line - 1) / per_line;
	return lines > 8 ? 8 : lines;
}

/* the clock, Tasks, the %Cpu lines, MiB Mem, MiB Swap, the status line */
int vm_header_lines(const struct vm *vm) { return 5 + cpu_lines(vm); }

/* top's memory lines, from /proc/meminfo: MiB with one decimal. */
static void mem_line(const struct vm *vm, bool swap, char *buf, size_t n)
{
	const struct mem_info *m = &vm->mem;
	if (!swap)
		snprintf(buf, n, _("MiB Mem : %1$8.1f total, %2$8.1f free, %3$8.1f used, %4$8.1f buff/cache"),
			 m->total / 1024.0, m->free / 1024.0, m->used / 1024.0, m->buff_cache / 1024.0);
	else
		snprintf(buf, n, _("MiB Swap: %1$8.1f total, %2$8.1f free, %3$8.1f used. %4$8.1f avail Mem"),
			 m->swap_total / 1024.0, m->swap_free / 1024.0, m->swap_used / 1024.0, m->avail / 1024.0);
}

/* top's eight fields, over the window: us, ni, sy, id, wa; hi, si and st
 * (interrupts, soft interrupts, a hypervisor's steal) are always 0 here. */
struct cpu_split { double us, ni, sy, id, wa; };

static void cpu_use(const struct vm *vm, int cpu, struct cpu_split *out)
{
	int user = 0, sys = 0, nice = 0, iowait = 0, n = vm->cpu_window;
	int64_t now = vmi_now(vm);
	int ncpus = sim_cpus(vm->s);
	for (int64_t t = now - n; t < now; t++)
		for (int c = 0; c < ncpus; c++) {
			if (cpu >= 0 && c != cpu)
				continue;
			struct history_cpu x;
			if (history_cpu_at(vm->h, t, c, &x)) {
				user += x.use == CPU_USER, sys += x.use == CPU_SYSTEM;
				nice += x.use == CPU_NICE, iowait += x.use == CPU_IOWAIT;
			}
		}
	int total = n * (cpu >= 0 ? 1 : ncpus);
	double k = total ? 100.0 / total : 0.0;
	out->us = k * user;
	out->ni = k * nice;
	out->sy = k * sys;
	out->wa = k * iowait;
	out->id = total ? 100.0 - out->us - out->ni - out->sy - out->wa : 100.0;
}

static void status_words(const struct vm *vm, enum vm_role *role, const char **text)
{
	switch (sim_status(vm->s)) {
	case SIM_RUNNING:
		*role = vm->set.running ? ROLE_RUNNING : ROLE_PAUSED;
		*text = vm->set.running ? _("RUNNING") : _("PAUSED");
		return;
	case SIM_DONE: *text = _("ENDED: every process has been reaped"); break;
	case SIM_LIMIT: *text = _("ENDED: the scenario's time limit"); break;
	case SIM_STUCK: *text = _("STUCK: nothing can ever run again"); break;
	case SIM_RUNAWAY: *text = _("STOPPED: a runaway (see the trace)"); break;
	default: *text = _("STOPPED: out of memory"); break;
	}
	*role = ROLE_ENDED;
}

/* The status line after the clock's state, as parts in the order shown. At
 * 80 columns "ENDED: every process has been reaped" and the settings did not
 * fit, and the line was cut wherever the screen ended (issue 11, item 8): now
 * whole parts go, the least needed first (drop_order), by display width, so
 * that Chinese fits as English does. The speed's rate follows the speed
 * without a comma. */
enum status_part { SP_FILTER, SP_USER, SP_TAGGED, SP_POLICY, SP_SLICE, SP_CPUS, SP_TICK, SP_SPEED, SP_RATE, SP_COUNT };
/* The tick and the CPUs show elsewhere (the clock's line, the CPU strip); the
 * speed is what the keys change, the policy what the lesson is about. The
 * filter, the user and the tags (htop's F4, u, Space) come first and go last:
 * a table that hides processes must say so. They show only when set. */
static const enum status_part drop_order[] = {SP_TICK, SP_CPUS, SP_RATE, SP_SLICE, SP_SPEED, SP_POLICY, SP_TAGGED, SP_USER, SP_FILTER};
_Static_assert(sizeof drop_order / sizeof drop_order[0] == SP_COUNT, "every part has its turn to go");

static void status_settings(const struct vm *vm, int room, struct vm_line *out)
{
	const struct sched_params *sp = sim_sched_params(vm->s);
	char part[SP_COUNT][96], tick[32];
	bool shown[SP_COUNT];
	timefmt_ticks(1, vmi_tick_us(vm), tick, sizeof tick);
	long long slice = (long long)sim_quantum(vm->s);
	part[SP_FILTER][0] = part[SP_USER][0] = part[SP_TAGGED][0] = '\0';
	if (vm->set.filter[0])
		snprintf(part[SP_FILTER], sizeof part[0], _("Filter: %s"), vm->set.filter);
	if (vm->set.only_user)
		snprintf(part[SP_USER], sizeof part[0], _("User: %s"), vm->set.uid == 0 ? "root" : "student");
	if (vm->ntags)
		snprintf(part[SP_TAGGED], sizeof part[0], NG_("%d tagged", "%d tagged", vm->ntags), vm->ntags);
	snprintf(part[SP_POLICY], sizeof part[0], _("Policy %s"), sp->policy);
	snprintf(part[SP_SLICE], sizeof part[0], NG_("slice %lld tick", "slice %lld ticks", slice), slice);
	snprintf(part[SP_CPUS], sizeof part[0], NG_("%d CPU", "%d CPUs", sim_cpus(vm->s)), sim_cpus(vm->s));
	snprintf(part[SP_TICK], sizeof part[0], _("tick %s"), tick);
	snprintf(part[SP_SPEED], sizeof part[0], _("speed %gx"), vm->set.speed);
	snprintf(part[SP_RATE], sizeof part[0], _("(%g ticks/s)"), vm->set.ticks_per_sec);
	/* " " or ", " before every part but the first shown */
	for (int k = 0; k < SP_COUNT; k++)
		shown[k] = part[k][0] != '\0';
	for (int d = 0; d < SP_COUNT; d++) {
		int width = 0, nshown = 0;
		for (int k = 0; k < SP_COUNT; k++)
			if (shown[k])
				width += vm_width(part[k]) + (nshown++ == 0 ? 0 : k == SP_RATE ? 1 : 2);
		if (width <= room)
			break;
		shown[drop_order[d]] = false;
	}
	bool first = true;
	for (int k = 0; k < SP_COUNT; k++) {
		if (!shown[k])
			continue;
		if (!first)
			vm_line_add(out, ROLE_NORMAL, k == SP_RATE ? " " : ", ");
		vm_line_add(out, ROLE_NORMAL, part[k]);
		first = false;
	}
}

void vm_header_line(const struct vm *vm, int i, struct vm_line *out)
{
	vm_line_clear(out);
	int64_t now = vmi_now(vm);
	char d[32], buf[VM_LINE_BYTES];
	timefmt_ticks(now > 0 ? now : 0, vmi_tick_us(vm), d, sizeof d);
	int last = vm_header_lines(vm) - 1;
	if (i == 0) {
		double load[3];
		sim_loadavg(vm->s, load);
		/* top counts the logged-in users (utmp): here, the login shell's
		 * session, while the shell lives. */
		int users = 0;
		for (int k = 0; k < vm->nprocs; k++)
			users += vm->procs[k].pid == 2 && vm->procs[k].state != 'Z';
		snprintf(buf, sizeof buf,
			 NG_("procsim - t=%1$lld (%2$s) up %3$s, %4$2d user,  load average: %5$.2f, %6$.2f, %7$.2f",
			     "procsim - t=%1$lld (%2$s) up %3$s, %4$2d users,  load average: %5$.2f, %6$.2f, %7$.2f", users),
			 (long long)now, d, d, users, load[0], load[1], load[2]);
		vm_line_add(out, ROLE_NORMAL, buf);
		/* the scenario's title at the right, if it has room */
		const char *title = sim_scenario(vm->s)->title;
		int room = vm->width - vm_width(buf) - 3;
		if (title && *title && room > 8) {
			int tw = vm_width(title) < room ? vm_width(title) : room;
			vm_line_addf(out, ROLE_NORMAL, "%*s", room - tw + 3, "");
			vm_line_addfit(out, ROLE_TITLE, title, tw, false);
		}
	} else if (i == 1) {
		const struct sim_counts *c = &vm->counts;
		if (vm->set.threads) /* top -H: every task by its own state */
			snprintf(buf, sizeof buf,
				 _("Threads: %1$3d total, %2$3d running, %3$3d sleeping, %4$3d stopped, %5$3d zombie"),
				 c->threads, c->threads_running, c->threads_sleeping, c->threads_stopped, c->zombie);
		else
			snprintf(buf, sizeof buf,
				 _("Tasks: %1$3d total, %2$3d running, %3$3d sleeping, %4$3d stopped, %5$3d zombie"),
				 c->total, c->running, c->sleeping, c->stopped, c->zombie);
		vm_line_add(out, ROLE_NORMAL, buf);
	} else if (i == last - 2 || i == last - 1) {
		mem_line(vm, i == last - 1, buf, sizeof buf);
		vm_line_add(out, ROLE_NORMAL, buf);
	} else if (i < last) {
		struct cpu_split u;
		if (!vm->set.per_cpu) {
			cpu_use(vm, -1, &u);
			snprintf(buf, sizeof buf,
				 _("%%Cpu(s):%1$5.1f us,%2$5.1f sy,%3$5.1f ni,%4$5.1f id,%5$5.1f wa,  0.0 hi,  0.0 si,  0.0 st"),
				 u.us, u.sy, u.ni, u.id, u.wa);
			vm_line_add(out, ROLE_NORMAL, buf);
			vm_line_add(out, ROLE_LABEL, "   ");
			snprintf(buf, sizeof buf, NG_("(over the last tick)", "(over the last %d ticks)", vm->cpu_window),
				 vm->cpu_window);
			vm_line_add(out, ROLE_LABEL, buf);
			return;
		}
		int ncpus = sim_cpus(vm->s);
		int per_line = vm->width / CPU_CELL_COLS > 0 ? vm->width / CPU_CELL_COLS : 1;
		for (int k = 0; k < per_line; k++) {
			int c = (i - 2) * per_line + k;
			if (c >= ncpus)
				break;
			cpu_use(vm, c, &u);
			snprintf(buf, sizeof buf, _("%%Cpu%1$-3d:%2$5.1f us,%3$5.1f sy,%4$5.1f ni,%5$5.1f id,%6$5.1f wa,  0.0 hi,  0.0 si,  0.0 st"),
				 c, u.us, u.sy, u.ni, u.id, u.wa);
			vm_line_addfit(out, ROLE_NORMAL, buf, CPU_CELL_COLS, false);
		}
	} else {
		/* the clock's state first, so that it is never cut off */
		enum vm_role role;
		const char *words;
		status_words(vm, &role, &words);
		char state[VM_LINE_BYTES];
		snprintf(state, sizeof state, " %s ", words);
		int w = vm_width(state);
		if (w > vm->width)
			w = vm->width;
		vm_line_addfit(out, role, state, w, false);
		if (vm->width - w > 2) {
			vm_line_add(out, ROLE_NORMAL, "  ");
			status_settings(vm, vm->width - w - 2, out);
		}
	}
}
