/* plist.c: O(1) push, pop and removal on intrusive process lists. */
#include "plist.h"

#include "kernel_int.h"

void plist_init(struct plist *l)
{
	l->head = l->tail = NIL;
	l->count = 0;
}

void plist_insert_before(struct sim *s, struct plist *l, slot_t before, slot_t x)
{
	struct proc *p = P(s, x);
	if (before == NIL) {
		p->prev = l->tail;
		p->next = NIL;
		if (l->tail != NIL)
			P(s, l->tail)->next = x;
		else
			l->head = x;
		l->tail = x;
	} else {
		struct proc *b = P(s, before);
		p->next = before;
		p->prev = b->prev;
		if (b->prev != NIL)
			P(s, b->prev)->next = x;
		else
			l->head = x;
		b->prev = x;
	}
	l->count++;
}

void plist_push_tail(struct sim *s, struct plist *l, slot_t x) { plist_insert_before(s, l, NIL, x); }

void plist_remove(struct sim *s, struct plist *l, slot_t x)
{
	struct proc *p = P(s, x);
	if (p->prev != NIL)
		P(s, p->prev)->next = p->next;
	else
		l->head = p->next;
	if (p->next != NIL)
		P(s, p->next)->prev = p->prev;
	else
		l->tail = p->prev;
	p->prev = p->next = NIL;
	l->count--;
}

slot_t plist_pop_head(struct sim *s, struct plist *l)
{
	slot_t x = l->head;
	if (x != NIL)
		plist_remove(s, l, x);
	return x;
}

void plist_splice(struct sim *s, struct plist *dst, struct plist *src)
{
	if (src->head == NIL)
		return;
	if (dst->tail != NIL) {
		P(s, dst->tail)->next = src->head;
		P(s, src->head)->prev = dst->tail;
	} else {
		dst->head = src->head;
	}
	dst->tail = src->tail;
	dst->count += src->count;
	plist_init(src);
}
