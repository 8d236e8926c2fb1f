/* vm_queues.c: the queues pane: each CPU and the run queue in order, the
 * sleep queues, then one line per shared object (vm_objects.c). */
#include "view_model_int.h"

#include <stdlib.h>

#include "i18n.h"

void vm_queue_line(const struct vm *vm, int i, struct vm_line *out)
{
	vm_line_clear(out);
	if (i >= 2) {
		vmi_object_line(vm, i - 2, out);
		return;
	}
	if (i == 0) {
		/* Each CPU as the strip's newest column says (history.c), not
		 * from the snapshot: a process that ran for no time is gone
		 * from the CPU by now, yet the log says it ran. */
		int n = sim_cpus(vm->s);
		for (int c = 0; c < n && c < 64; c++) {
			if (c > 0)
				vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
			vm_line_addf(out, ROLE_LABEL, "CPU%d: ", c);
			struct history_cpu x;
			if (!history_cpu_at(vm->h, vmi_now(vm), c, &x) || !x.pid)
				vm_line_add(out, ROLE_IDLE, _("idle"));
			else if (history_cpu_instant(&x))
				vm_line_addf(out, (enum vm_role)(ROLE_GANTT1 + x.pid % 6), _("%1$d %2$s ran for no time"), x.pid,
					     vmi_proc_name(vm, x.pid));
			else
				vm_line_addf(out, ROLE_STATE_RUN, "%d %s", x.pid, vmi_proc_name(vm, x.pid));
		}
		vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
		int len = vm->counts.runnable;
		int *rq = malloc(sizeof *rq * (size_t)(len > 0 ? len : 1));
		int m = rq ? snapshot_runqueue(vm->s, rq, len) : 0;
		if (m > len)
			m = len;
		vm_line_addf(out, ROLE_LABEL, _("Run queue (%d): "), m);
		if (m == 0)
			vm_line_add(out, ROLE_IDLE, _("empty"));
		for (int k = 0; k < m && out->len < VM_LINE_BYTES - 64; k++) {
			if (k > 0)
				vm_line_add(out, ROLE_LABEL, vmi_glyph(G_ARROW));
			vm_line_addf(out, ROLE_STATE_R, "%d", rq[k]);
		}
		free(rq);
		return;
	}
	/* Sleep queues: one per wait channel (the child waits gathered in one). */
	static const struct { enum wchan w; const char *name; } chans[] = {
		{WCHAN_TIMER, N_("timer")}, {WCHAN_DISK, N_("disk")}, {WCHAN_TTY, N_("terminal input")},
		{WCHAN_CHILD, N_("child exit")}, {WCHAN_PAUSE, N_("a signal")},
	};
	vm_line_add(out, ROLE_LABEL, _("Sleeping on: "));
	bool any = false;
	for (size_t q = 0; q < sizeof chans / sizeof chans[0]; q++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			const struct proc_info *p = &vm->procs[k];
			if (p->state != 'S' && p->state != 'D')
				continue;
			enum wchan w = p->wchan == WCHAN_CHILD_PID || p->wchan == WCHAN_CHILD_POLL || p->wchan == WCHAN_JOIN_ALL ? WCHAN_CHILD : p->wchan;
			if (w != chans[q].w)
				continue;
			if (count == 0) {
				if (any)
					vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
				vm_line_addf(out, ROLE_LABEL, "%s: ", _(chans[q].name));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, p->state == 'D' ? ROLE_STATE_D : ROLE_STATE_S, "%d", p->pid);
			count++;
			any = true;
		}
	}
	/* the shared objects' queues: locks, queues, pipes, pools */
	int nobj = snapshot_objects(vm->s);
	for (int o = 0; o < nobj && out->len < VM_LINE_BYTES - 64; o++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			const struct proc_info *p = &vm->procs[k];
			if ((p->state != 'S' && p->state != 'D') || p->obj != o)
				continue;
			if (count++ == 0) {
				if (any)
					vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
				vm_line_addf(out, ROLE_LABEL, "%s: ", vmi_object_name(vm->s, o));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, ROLE_STATE_S, "%d", p->pid);
			any = true;
		}
	}
	if (!any)
		vm_line_add(out, ROLE_IDLE, _("nobody"));
	/* Not queues, but where the rest are: stopped and zombies. */
	static const struct { char state; const char *name; enum vm_role role; } rest[] = {
		{'T', N_("Stopped: "), ROLE_STATE_T}, {'t', N_("Traced: "), ROLE_STATE_T}, {'Z', N_("Zombies: "), ROLE_STATE_Z},
	};
	for (size_t q = 0; q < sizeof rest / sizeof rest[0]; q++) {
		int count = 0;
		for (int k = 0; k < vm->nprocs; k++) {
			if (vm->procs[k].state != rest[q].state)
				continue;
			if (count++ == 0) {
				vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
				vm_line_add(out, ROLE_LABEL, _(rest[q].name));
			} else {
				vm_line_add(out, ROLE_LABEL, " ");
			}
			if (out->len < VM_LINE_BYTES - 64)
				vm_line_addf(out, rest[q].role, "%d", vm->procs[k].pid);
		}
	}
}
