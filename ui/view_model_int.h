/* view_model_int.h: what the pieces of the view model share, and nobody
 * else: view_model.c (the snapshot and the process table), vm_text.c,
 * vm_header.c, vm_queues.c, vm_objects.c, vm_gantt.c, vm_log.c, vm_explain.c
 * and vm_layout.c. Callers include view_model.h. */
#ifndef PROCSIM_VIEW_MODEL_INT_H
#define PROCSIM_VIEW_MODEL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "history.h"
#include "lang/program.h"
#include "sim.h"
#include "view_model.h"

/* vm_text.c: the glyphs of the tree, the queues and the strip, in UTF-8 or,
 * in ASCII mode, their fallback. */
enum vmi_glyph { G_VBAR, G_TEE, G_CORNER, G_SEP, G_ARROW, G_IDLE, G_RUN, G_SYS, G_INSTANT, G_NONE, G_COUNT };
const char *vmi_glyph(enum vmi_glyph g);
/* Appends `count` spaces to buf at *at (kept terminated). */
void vmi_put_spaces(char *buf, size_t n, size_t *at, int count);

/* view_model.c: the snapshot's processes are sorted by PID. */
int vmi_index_of_pid(const struct vm *vm, int pid);
/* The name of process pid in the snapshot, or "?". */
const char *vmi_proc_name(const struct vm *vm, int pid);

/* vm_objects.c */
const char *vmi_object_name(const struct sim *s, int obj);
/* Shared object o's state and who waits on it, added to out. */
void vmi_object_line(const struct vm *vm, int o, struct vm_line *out);

static inline int64_t vmi_tick_us(const struct vm *vm) { return sim_scenario(vm->s)->tick_us; }
static inline int64_t vmi_now(const struct vm *vm) { return history_now(vm->h); }

#endif
