/* vm_log.c: the log pane: the newest lines of the history, wrapped, filling
 * the pane from the bottom. */
#include "view_model_int.h"

#include <stdio.h>
#include <string.h>

int vm_log_lines(const struct vm *vm, struct vm_line *out, int height)
{
	if (height <= 0)
		return 0;
	char stamp[32];
	int stamp_w = snprintf(stamp, sizeof stamp, "t=%lld ", (long long)vmi_now(vm));
	int text_w = vm->width - stamp_w;
	if (text_w < 10)
		text_w = 10;
	int filled = 0;
	/* newest first, each wrapped, filling the pane from the bottom */
	for (int i = history_lines(vm->h) - 1; i >= 0 && filled < height; i--) {
		const struct history_line *l = history_line(vm->h, i);
		const char *starts[32];
		size_t lens[32];
		int parts = vm_wrap(l->text ? l->text : "", text_w, starts, lens, 32);
		if (parts == 0)
			parts = 1, starts[0] = "", lens[0] = 0;
		enum vm_role role = l->kind == EV_PRINT ? ROLE_LOG_PRINT
				  : l->kind == EV_SIGNAL || l->kind == EV_EXIT || l->kind == EV_REPARENT || l->kind == EV_REAP
				      ? ROLE_LOG_SIGNAL
				      : ROLE_LOG;
		if (filled > 0 && filled + parts > height)
			break; /* only whole entries, except the newest */
		for (int k = parts - 1; k >= 0 && filled < height; k--) {
			struct vm_line *o = &out[height - 1 - filled++];
			vm_line_clear(o);
			if (k == 0) {
				snprintf(stamp, sizeof stamp, "t=%lld", (long long)l->t);
				vm_line_addfit(o, ROLE_LOG_TIME, stamp, stamp_w, false);
			} else {
				vm_line_addf(o, ROLE_LOG_TIME, "%*s", stamp_w, "");
			}
			char part[VM_LINE_BYTES];
			size_t len = lens[k] < sizeof part - 1 ? lens[k] : sizeof part - 1;
			memcpy(part, starts[k], len);
			part[len] = '\0';
			vm_line_addfit(o, role, part, text_w, false);
		}
	}
	/* move the lines to the top of out[] */
	if (filled < height)
		memmove(out, out + (height - filled), sizeof *out * (size_t)filled);
	return filled;
}
