/* vm_layout.c: where each pane goes on a terminal of a given size. */
#include "view_model_int.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

void vm_layout(const struct vm *vm, int cols, int lines, struct vm_layout *o)
{
	memset(o, 0, sizeof *o);
	o->cols = cols;
	o->lines = lines;
	if (cols < VM_MIN_COLS || lines < VM_MIN_LINES) {
		o->too_small = true;
		return;
	}
	int ncpus = sim_cpus(vm->s);
	o->header_y = 0;
	o->header_h = vm_header_lines(vm);
	o->footer_y = lines - 1;
	/* Two lines of queues, then one per shared object, as room allows. */
	int nobj = snapshot_objects(vm->s), max_obj = lines / 6;
	o->queues_h = 2 + (nobj < max_obj ? nobj : max_obj);
	int max_gantt = lines / 8 > 2 ? lines / 8 : 2;
	o->gantt_cpus = ncpus < max_gantt ? ncpus : max_gantt;
	o->gantt_h = o->gantt_cpus + 1;
	int avail = lines - o->header_h - o->queues_h - o->gantt_h - 1;
	if (avail < 8) { /* many header lines: give up the strip first */
		avail += o->gantt_h;
		o->gantt_h = o->gantt_cpus = 0;
	}
	int log_h = avail * 2 / 5;
	if (log_h < 2)
		log_h = 2;
	int table_h = avail - log_h;
	/* Use the room: a short table leaves its rows to the log. */
	int want = vm->nrows + 1 > 6 ? vm->nrows + 1 : 6;
	if (table_h > want) {
		log_h += table_h - want;
		table_h = want;
	}
	if (vm->set.big_log) { /* the log takes the room of the strip and of most rows */
		int small = want < 5 ? want : 5;
		log_h += table_h - small + o->gantt_h;
		table_h = small;
		o->gantt_h = o->gantt_cpus = 0;
	}
	o->table_y = o->header_h;
	o->table_h = table_h;
	o->queues_y = o->table_y + table_h;
	o->gantt_y = o->queues_y + o->queues_h;
	o->log_y = o->gantt_y + o->gantt_h;
	o->log_h = o->footer_y - o->log_y;
}

void vm_too_small(int cols, int lines, char *buf, size_t n)
{
	snprintf(buf, n, _("The terminal is %1$dx%2$d; procsim needs at least %3$dx%4$d. Make the window larger (q quits)."),
		 cols, lines, VM_MIN_COLS, VM_MIN_LINES);
}
