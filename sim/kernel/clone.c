/* clone.c: sim_clone, a deep copy of a running simulation. The views use it
 * for exact time travel: keep copies every so many ticks, and to go back to
 * tick T, copy the nearest earlier one and replay (the model is
 * deterministic). Runtime strings are immutable and append-only, so a clone
 * shares them with its original (reference-counted) instead of copying. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"
#include "sig.h"

/* A wait queue pointer of the original, in the copy. */
static struct waitq *relocate(const struct sim *from, struct sim *to, struct waitq *q)
{
	if (!q)
		return NULL;
	const char *base = (const char *)from;
	if ((const char *)q >= base && (const char *)q < base + sizeof *from)
		return (struct waitq *)((char *)to + ((const char *)q - base));
	base = (const char *)from->objs;
	if (from->nobjs && (const char *)q >= base && (const char *)q < base + sizeof *from->objs * (size_t)from->nobjs)
		return (struct waitq *)((char *)to->objs + ((const char *)q - base));
	/* Otherwise it is some process's child_wait queue. */
	const struct proc *owner = (const struct proc *)((const char *)q - offsetof(struct proc, child_wait));
	return &P(to, owner->self)->child_wait;
}

static bool copy_proc(const struct sim *from, struct sim *to, const struct proc *p, struct proc *q)
{
	*q = *p;
	q->locals = NULL;
	q->globals = NULL;
	q->zheap = NULL;
	q->frames = NULL;
	q->handler_pc = NULL;
	if (p->place == PL_FREE)
		return true;
	q->chan = relocate(from, to, p->chan);
	if (p->locals) {
		size_t n = (size_t)p->prog->nlocals;
		if (!(q->locals = malloc(sizeof *q->locals * n)))
			return false;
		memcpy(q->locals, p->locals, sizeof *q->locals * n);
	}
	if (p->zheap) {
		if (!(q->zheap = malloc(sizeof *q->zheap * (size_t)p->capzheap)))
			return false;
		memcpy(q->zheap, p->zheap, sizeof *q->zheap * (size_t)p->nzheap);
	}
	if (p->globals) {
		size_t n = (size_t)from->sc->nglobals;
		if (!(q->globals = malloc(sizeof *q->globals * n)))
			return false;
		memcpy(q->globals, p->globals, sizeof *q->globals * n);
	}
	if (p->handler_pc) {
		if (!(q->handler_pc = malloc(sizeof *q->handler_pc * SIG_MAX)))
			return false;
		memcpy(q->handler_pc, p->handler_pc, sizeof *q->handler_pc * SIG_MAX);
	}
	struct frame **tail = &q->frames;
	for (const struct frame *f = p->frames; f; f = f->next) {
		struct frame *g = malloc(sizeof *g);
		if (!g)
			return false;
		*g = *f;
		g->next = NULL;
		if (f->call && f->locals) { /* the worker loop's locals under a running task */
			size_t n = (size_t)f->prog->nlocals;
			if (!(g->locals = malloc(sizeof *g->locals * n)))
				return false;
			memcpy(g->locals, f->locals, sizeof *g->locals * n);
		}
		*tail = g;
		tail = &g->next;
	}
	return true;
}

static void *dup_mem(const void *src, size_t n)
{
	if (!src || !n)
		return NULL;
	void *d = malloc(n);
	if (d)
		memcpy(d, src, n);
	return d;
}

struct sim *sim_clone(const struct sim *s)
{
	struct sim *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	*c = *s;
	memset(c->chunks, 0, sizeof c->chunks);
	c->sink = NULL;
	c->sink_ctx = NULL;
	c->pid_slot = dup_mem(s->pid_slot, sizeof *s->pid_slot * (size_t)s->sc->pid_max);
	c->heap = dup_mem(s->heap, sizeof *s->heap * (size_t)s->capheap);
	c->sched.heap = dup_mem(s->sched.heap, sizeof *s->sched.heap * (size_t)s->sched.capheap);
	c->tty_lines = dup_mem(s->tty_lines, sizeof *s->tty_lines * (size_t)s->tty_cap);
	c->reaped = dup_mem(s->reaped, sizeof *s->reaped * (size_t)s->capreaped);
	c->objs = NULL;
	bool ok = ipc_clone(s, c) && c->pid_slot && (c->heap || !s->capheap) && (c->sched.heap || !s->sched.capheap) &&
		  (c->tty_lines || !s->tty_cap) && (c->reaped || !s->capreaped);
	/* The waitq heads inside struct sim were copied with it; chunk by chunk
	 * copy the processes. */
	uint32_t usable = 0; /* slots that lie in allocated chunks */
	for (int k = 0; ok && k < MAX_CHUNKS && s->chunks[k]; k++) {
		if (!(c->chunks[k] = calloc(PROC_CHUNK, sizeof(struct proc)))) {
			ok = false;
			break;
		}
		usable += PROC_CHUNK;
	}
	for (uint32_t x = 0; ok && x < s->nslots; x++)
		ok = copy_proc(s, c, P(s, x), P(c, x));
	if (!ok) {
		if (c->nslots > usable)
			c->nslots = usable; /* proc_free_all must stay inside allocated chunks */
		c->strings_refs = NULL; /* not shared yet */
		c->strings = NULL;
		sim_free(c);
		return NULL;
	}
	(*c->strings_refs)++;
	return c;
}
