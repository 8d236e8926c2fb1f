/* vm_objects.c: the shared objects (locks, queues, pipes, shared values,
 * pools): their names, and one line each in the queues pane with their state
 * and who waits on them. */
#include "view_model_int.h"

#include "i18n.h"

const char *vmi_object_name(const struct sim *s, int obj)
{
	struct obj_info oi;
	return obj >= 0 && snapshot_object(s, obj, &oi) && oi.name ? oi.name : "?";
}

/* The pids of the processes sleeping on object o's queue `w`, after a label. */
static void object_sleepers(const struct vm *vm, int o, enum wchan w, const char *label, struct vm_line *out)
{
	bool first = true;
	for (int k = 0; k < vm->nprocs && out->len < VM_LINE_BYTES - 32; k++) {
		const struct proc_info *p = &vm->procs[k];
		bool idle_too = (w == WCHAN_POOL_TASK && p->wchan == WCHAN_POOL_RLOCK) ||
				(w == WCHAN_PIPE_RECV && p->wchan == WCHAN_SOCKET_RECV);
		if (p->obj != o || (p->wchan != w && !idle_too) || (p->state != 'S' && p->state != 'D'))
			continue;
		if (first) {
			vm_line_add(out, ROLE_LABEL, vmi_glyph(G_SEP));
			vm_line_add(out, ROLE_LABEL, label);
			first = false;
		}
		vm_line_addf(out, ROLE_STATE_S, " %d", p->pid);
	}
}

/* One shared object: its state and who waits on it (issue: every object
 * shows up in the view). */
void vmi_object_line(const struct vm *vm, int o, struct vm_line *out)
{
	struct obj_info oi;
	if (!snapshot_object(vm->s, o, &oi))
		return;
	switch (oi.kind) {
	case OBJ_LOCK:
		vm_line_addf(out, ROLE_LABEL, _("Lock %s: "), oi.name);
		if (oi.holder)
			vm_line_addf(out, ROLE_STATE_RUN, _("held by %1$d %2$s"), oi.holder, vmi_proc_name(vm, oi.holder));
		else
			vm_line_add(out, ROLE_IDLE, _("free"));
		object_sleepers(vm, o, WCHAN_LOCK, _("waiting:"), out);
		break;
	case OBJ_QUEUE:
	case OBJ_JQUEUE:
		vm_line_addf(out, ROLE_LABEL, oi.kind == OBJ_JQUEUE ? _("JoinableQueue %s: ") : _("Queue %s: "), oi.name);
		if (oi.maxsize)
			vm_line_addf(out, ROLE_LABEL, "%d/%lld [%s]", oi.count, oi.maxsize, oi.value);
		else
			vm_line_addf(out, ROLE_LABEL, "%d [%s]", oi.count, oi.value);
		if (oi.kind == OBJ_JQUEUE)
			vm_line_addf(out, ROLE_LABEL, _(" unfinished %lld"), oi.unfinished);
		object_sleepers(vm, o, WCHAN_QUEUE_GET, _("getters:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_RLOCK, _("waiting to read:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_PUT, _("putters:"), out);
		object_sleepers(vm, o, WCHAN_QUEUE_JOIN, _("in join():"), out);
		break;
	case OBJ_PIPE_END: {
		vm_line_addf(out, ROLE_LABEL, _("Pipe end %1$s: %2$d waiting, open in"), oi.name, oi.count);
		bool any = false;
		for (int k = 0; k < vm->nprocs && o < 64; k++)
			if ((vm->procs[k].pipes_open & (1ull << o)) && vm->procs[k].state != 'Z') {
				vm_line_addf(out, ROLE_LABEL, " %d", vm->procs[k].pid);
				any = true;
			}
		if (!any)
			vm_line_addf(out, ROLE_IDLE, " %s", _("nobody"));
		object_sleepers(vm, o, WCHAN_PIPE_RECV, _("readers:"), out);
		break;
	}
	case OBJ_SHARED:
		vm_line_addf(out, ROLE_LABEL, _("shared %1$s = %2$s"), oi.name, oi.value);
		break;
	case OBJ_POOL: {
		vm_line_addf(out, ROLE_LABEL, _("Pool %1$s: workers"), oi.name);
		bool any = false;
		for (int k = 0; k < vm->nprocs; k++)
			if (vm->procs[k].pool_of == o && vm->procs[k].state != 'Z') {
				vm_line_addf(out, ROLE_LABEL, " %d", vm->procs[k].pid);
				any = true;
			}
		if (!any)
			vm_line_addf(out, ROLE_IDLE, " %s", _("none"));
		object_sleepers(vm, o, WCHAN_POOL_TASK, _("idle:"), out); /* with those behind the reader lock */
		object_sleepers(vm, o, WCHAN_POOL_RESULT, _("waiting for results:"), out);
		object_sleepers(vm, o, WCHAN_POOL_JOIN, _("in join():"), out);
		break;
	}
	default:
		break;
	}
}
