/* plist.h: intrusive FIFO lists of processes, linked by slot index through
 * each process's prev/next fields. A process is on at most one list. */
#ifndef PROCSIM_PLIST_H
#define PROCSIM_PLIST_H

#include <stdint.h>

typedef uint32_t slot_t;
#define NIL UINT32_MAX

struct plist {
	slot_t head, tail;
	uint32_t count;
};

struct sim;

void plist_init(struct plist *l);
void plist_push_tail(struct sim *s, struct plist *l, slot_t x);
/* Inserts x before `before` (NIL: at the tail). */
void plist_insert_before(struct sim *s, struct plist *l, slot_t before, slot_t x);
void plist_remove(struct sim *s, struct plist *l, slot_t x);
slot_t plist_pop_head(struct sim *s, struct plist *l);
/* Moves every member of src, in order, to the tail of dst: O(1). */
void plist_splice(struct sim *s, struct plist *dst, struct plist *src);

#endif
