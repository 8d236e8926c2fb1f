/* vm_gantt.c: the Gantt strip: one line per CPU over the last ticks, now at
 * the right, the time axis under it, and what its glyphs mean (for the help). */
#include "view_model_int.h"

#include "i18n.h"

#include <stdio.h>
#include <string.h>

#define GANTT_LABEL 7 /* "CPU12 " and a bar */

static int gantt_ticks(const struct vm *vm)
{
	int w = vm->width - GANTT_LABEL;
	return w < HISTORY_TICKS_MAX ? (w > 0 ? w : 0) : HISTORY_TICKS_MAX;
}

void vm_gantt_line(const struct vm *vm, int cpu, struct vm_line *out)
{
	vm_line_clear(out);
	char label[32];
	snprintf(label, sizeof label, "CPU%d", cpu);
	vm_line_addfit(out, ROLE_LABEL, label, GANTT_LABEL - 1, false);
	vm_line_add(out, ROLE_LABEL, vm_ascii() ? "|" : "▕");
	int n = gantt_ticks(vm);
	int64_t now = vmi_now(vm), first = now - n + 1;
	for (int64_t t = first; t <= now;) {
		struct history_cpu x;
		if (!history_cpu_at(vm->h, t, cpu, &x)) {
			vm_line_add(out, ROLE_NORMAL, " ");
			t++;
			continue;
		}
		/* A run that took no time: one column of its own, in the
		 * process's colour, so the strip shows what the log narrates. */
		if (history_cpu_instant(&x)) {
			vm_line_add(out, (enum vm_role)(ROLE_GANTT1 + x.pid % 6), vmi_glyph(G_INSTANT));
			t++;
			continue;
		}
		/* A segment: the same process (or idleness) for consecutive ticks. */
		bool busy = x.pid && cpu_use_busy(x.use);
		int64_t end = t + 1;
		struct history_cpu y;
		while (end <= now && history_cpu_at(vm->h, end, cpu, &y) && y.pid == x.pid &&
		       (y.pid && cpu_use_busy(y.use)) == busy && !history_cpu_instant(&y))
			end++;
		int len = (int)(end - t);
		if (!busy) {
			for (int k = 0; k < len; k++)
				vm_line_add(out, ROLE_IDLE, vmi_glyph(G_IDLE));
		} else {
			char pid[16];
			int digits = snprintf(pid, sizeof pid, "%d", x.pid);
			enum vm_role role = (enum vm_role)(ROLE_GANTT1 + x.pid % 6);
			int k = 0;
			if (len >= digits) {
				vm_line_add(out, role, pid);
				k = digits;
			}
			for (; k < len; k++) {
				struct history_cpu z;
				history_cpu_at(vm->h, t + k, cpu, &z);
				vm_line_add(out, role, z.use == CPU_SYSTEM ? vmi_glyph(G_SYS) : vmi_glyph(G_RUN));
			}
		}
		t = end;
	}
}

void vm_gantt_axis(const struct vm *vm, struct vm_line *out)
{
	vm_line_clear(out);
	int n = gantt_ticks(vm);
	int64_t now = vmi_now(vm), first = now - n + 1;
	char buf[VM_LINE_BYTES];
	memset(buf, ' ', (size_t)(GANTT_LABEL + n));
	buf[GANTT_LABEL + n] = '\0';
	/* the current tick at the right end, under the newest column */
	char mark[32];
	int nowlen = snprintf(mark, sizeof mark, "t=%lld|", (long long)now);
	int nowx = GANTT_LABEL + n - nowlen;
	if (nowx >= 0)
		memcpy(buf + nowx, mark, (size_t)nowlen);
	int step = nowlen > 9 ? 20 : 10;
	for (int64_t t = first > 0 ? first : 0; t <= now; t++) {
		if (t % step != 0)
			continue;
		int x = GANTT_LABEL + (int)(t - first);
		int len = snprintf(mark, sizeof mark, "|%lld", (long long)t);
		if (x + len < nowx)
			memcpy(buf + x, mark, (size_t)len);
	}
	vm_line_add(out, ROLE_LABEL, buf);
}

void vm_gantt_legend(struct vm_text *out, int indent)
{
	static const struct { enum vmi_glyph g; enum vm_role role; const char *text; } items[] = {
		{G_RUN, ROLE_GANTT1, N_("a process runs (its PID where the run starts, one colour per process)")},
		{G_SYS, ROLE_GANTT1, N_("system time: a context switch before the process runs")},
		{G_INSTANT, ROLE_GANTT1, N_("it ran for no time: dispatched, then slept or exited at the same instant")},
		{G_IDLE, ROLE_IDLE, N_("the CPU is idle")},
	};
	struct vm_line *l;
	if ((l = vm_text_add(out)) && (l = vm_text_add(out)))
		vm_line_add(l, ROLE_TABLE_HEAD, _("The CPU strip"));
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		if (!(l = vm_text_add(out)))
			break;
		l->indent = indent + 4;
		vm_line_add(l, ROLE_NORMAL, "  ");
		vm_line_addfit(l, items[i].role, vmi_glyph(items[i].g), indent, false);
		vm_line_add(l, ROLE_NORMAL, "  ");
		vm_line_add(l, ROLE_NORMAL, _(items[i].text));
	}
}
