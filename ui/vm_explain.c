/* vm_explain.c: the explanation of one process: what it is now, in words,
 * and its story, each event with the state it left the process in. */
#include "view_model_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "timefmt.h"

/* The story is collected in a ring of the newest EXPLAIN_MAX_STORY lines. */
struct explain_ctx {
	struct vm_line *ring;
	int first, count;
	int pid;
	int64_t skipped;
};

#define EXPLAIN_MAX_STORY 2000

static const char *state_after(const struct sim_event *ev, int pid, char *buf, size_t n)
{
	if (ev->pid != pid)
		return "";
	switch (ev->kind) {
	case EV_SPAWN: return "R";
	case EV_DISPATCH: snprintf(buf, n, "R CPU%d", ev->cpu); return buf;
	case EV_PREEMPT: return "R";
	case EV_SLEEP: snprintf(buf, n, "%c", ev->state); return buf;
	case EV_WAKE: return "R";
	case EV_STOP: return ev->traced ? "t" : "T";
	case EV_CONT: return "R";
	case EV_EXIT: return ev->zombie ? "Z" : _("gone");
	case EV_REAP: return _("gone");
	default: return "";
	}
}

static void explain_event(void *ctx, const struct sim_event *ev, const char *sentence)
{
	struct explain_ctx *x = ctx;
	struct vm_line *l;
	if (x->count < EXPLAIN_MAX_STORY) {
		l = &x->ring[(x->first + x->count++) % EXPLAIN_MAX_STORY];
	} else {
		l = &x->ring[x->first];
		x->first = (x->first + 1) % EXPLAIN_MAX_STORY;
		x->skipped++;
	}
	vm_line_clear(l);
	l->indent = 18;
	char t[32], st[32];
	snprintf(t, sizeof t, "t=%lld", (long long)ev->t);
	vm_line_addfit(l, ROLE_LOG_TIME, t, 10, false);
	const char *after = state_after(ev, x->pid, st, sizeof st);
	struct proc_info fake = {.state = after[0], .on_cpu = after[1] == ' '};
	vm_line_addfit(l, after[0] ? vm_state_role(&fake) : ROLE_NORMAL, after, 8, false);
	vm_line_add(l, ev->kind == EV_PRINT ? ROLE_LOG_PRINT : ev->pid == x->pid ? ROLE_LOG : ROLE_LABEL, sentence);
}

static void now_sentence(const struct vm *vm, const struct proc_info *p, char *buf, size_t n)
{
	char w[128], parent[160];
	vm_wchan_text(vm->s, p, w, sizeof w);
	int pi = vmi_index_of_pid(vm, p->ppid);
	if (pi >= 0)
		snprintf(parent, sizeof parent, "PID %d (%s)", p->ppid, vm->procs[pi].name);
	else
		snprintf(parent, sizeof parent, "PID %d", p->ppid);
	switch (p->state) {
	case 'R':
		if (p->on_cpu) {
			snprintf(buf, n, _("R: running on CPU%d."), p->cpu);
		} else {
			int len = vm->counts.runnable, pos = 0;
			int *rq = malloc(sizeof *rq * (size_t)(len > 0 ? len : 1));
			int m = rq ? snapshot_runqueue(vm->s, rq, len) : 0;
			for (int k = 0; k < m && k < len; k++)
				if (rq[k] == p->pid)
					pos = k + 1;
			free(rq);
			snprintf(buf, n, _("R: runnable, number %1$d of %2$d in the run queue, waiting for a CPU."), pos, m);
		}
		break;
	case 'S': snprintf(buf, n, _("S: sleeping (interruptible, a signal wakes it): %s."), w); break;
	case 'D': snprintf(buf, n, _("D: uninterruptible sleep (%s): signals wait until the I/O completes."), w); break;
	case 'T': snprintf(buf, n, "%s", _("T: stopped; SIGCONT (bg, fg) resumes it, SIGKILL kills it.")); break;
	case 't': snprintf(buf, n, "%s", _("t: stopped by a debugger (ptrace_stop); it goes on when the debugger detaches; SIGCONT does not resume it, SIGKILL kills it.")); break;
	case 'Z': {
		char pw[128] = "?";
		if (pi >= 0)
			vm_wchan_text(vm->s, &vm->procs[pi], pw, sizeof pw);
		snprintf(buf, n,
			 _("Z: a zombie since t=%1$lld (%2$s): it has exited, and its parent %3$s has not reaped it with wait() yet; the parent is now: %4$s."),
			 (long long)p->exit_tick, w, parent, pw);
		break;
	}
	default: snprintf(buf, n, "%c", p->state);
	}
}

bool vm_explain(const struct vm *vm, int pid, struct vm_text *out)
{
	int i = vmi_index_of_pid(vm, pid);
	if (i < 0)
		return false;
	const struct proc_info *p = &vm->procs[i];
	struct vm_line *l;
	char buf[VM_LINE_BYTES], parent[160];
	int pi = vmi_index_of_pid(vm, p->ppid);
	if (pi >= 0)
		snprintf(parent, sizeof parent, "PID %d (%s)", p->ppid, vm->procs[pi].name);
	else
		snprintf(parent, sizeof parent, "PID %d", p->ppid);
	if (!(l = vm_text_add(out)))
		return false;
	snprintf(buf, sizeof buf, _("PID %1$d (%2$s): its parent is %3$s; process group %4$d."), p->pid, p->name, parent, p->pgid);
	vm_line_add(l, ROLE_TITLE, buf);
	if (!(l = vm_text_add(out)))
		return false;
	now_sentence(vm, p, buf, sizeof buf);
	vm_line_add(l, ROLE_LABEL, _("Now: "));
	l->indent = vm_width(_("Now: "));
	vm_line_add(l, vm_state_role(p), buf);
	if (!(l = vm_text_add(out)))
		return false;
	char cpu[32], start[32];
	timefmt_cpu(p->cpu_ticks, vmi_tick_us(vm), cpu, sizeof cpu);
	timefmt_ticks(p->start_tick, vmi_tick_us(vm), start, sizeof start);
	int children = 0;
	for (int k = 0; k < vm->nprocs; k++)
		children += vm->procs[k].ppid == pid && vm->procs[k].pid != pid;
	snprintf(buf, sizeof buf, _("Created at t=%1$lld (%2$s); CPU time %3$s (%4$lld ticks); %5$d children now."),
		 (long long)p->start_tick, start, cpu, (long long)p->cpu_ticks, children);
	vm_line_add(l, ROLE_NORMAL, buf);
	/* What the kernel holds for it: memory, descriptors, the call it sleeps in. */
	if (p->state != 'Z') {
		if (!(l = vm_text_add(out)))
			return false;
		snprintf(buf, sizeof buf,
			 _("Memory: VIRT %1$lld KiB, RES %2$lld KiB (%3$lld KiB of it shared copy-on-write), SHR %4$lld KiB; %5$d open file descriptors (0, 1, 2 and %6$d more)."),
			 (long long)p->virt_kib, (long long)p->res_kib, (long long)p->cow_kib, (long long)p->shr_kib,
			 p->nfds + 3, p->nfds);
		vm_line_add(l, ROLE_NORMAL, buf);
		if (p->syscall && (l = vm_text_add(out))) {
			snprintf(buf, sizeof buf, _("Asleep in the system call %s."), p->syscall);
			vm_line_add(l, ROLE_NORMAL, buf);
		}
	}
	if (!(l = vm_text_add(out)))
		return false;
	if (!(l = vm_text_add(out)))
		return false;
	vm_line_add(l, ROLE_TABLE_HEAD, _("Its history: each event, the state it left the process in, and why"));
	struct explain_ctx x = {malloc(sizeof *x.ring * EXPLAIN_MAX_STORY), 0, 0, pid, 0};
	if (!x.ring || !history_story(vm->h, pid, p->start_tick, explain_event, &x)) {
		free(x.ring);
		return false;
	}
	if (x.skipped && (l = vm_text_add(out))) {
		snprintf(buf, sizeof buf, NG_("(%lld earlier event is not shown)", "(%lld earlier events are not shown)", x.skipped),
			 (long long)x.skipped);
		vm_line_add(l, ROLE_LABEL, buf);
	}
	for (int k = 0; k < x.count; k++) {
		if (!(l = vm_text_add(out)))
			break;
		*l = x.ring[(x.first + k) % EXPLAIN_MAX_STORY];
	}
	free(x.ring);
	return true;
}
