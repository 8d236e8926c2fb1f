/* clone.c: kernel_clone, a deep copy of a running kernel, with its
 * processes' user memory copied byte for byte (user space then copies what
 * that memory points to: machine.c). The views use it for exact time travel:
 * keep copies every so many ticks, and to go back to tick T, copy the
 * nearest earlier one and replay (the model is deterministic). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

/* A wait queue pointer of the original, in the copy. */
static struct waitq *relocate(const struct sim *from, struct sim *to, struct waitq *q)
{
	if (!q)
		return NULL;
	const char *base = (const char *)from;
	if ((const char *)q >= base && (const char *)q < base + sizeof *from)
		return (struct waitq *)((char *)to + ((const char *)q - base));
	base = (const char *)from->futexes;
	if (from->nfutexes && (const char *)q >= base && (const char *)q < base + sizeof *from->futexes * (size_t)from->nfutexes)
		return (struct waitq *)((char *)to->futexes + ((const char *)q - base));
	base = (const char *)from->pipes;
	if (from->npipes && (const char *)q >= base && (const char *)q < base + sizeof *from->pipes * (size_t)from->npipes)
		return (struct waitq *)((char *)to->pipes + ((const char *)q - base));
	/* Otherwise it is some process's child_wait queue. */
	const struct proc *owner = (const struct proc *)((const char *)q - offsetof(struct proc, child_wait));
	return &P(to, owner->self)->child_wait;
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

static bool copy_proc(const struct sim *from, struct sim *to, const struct proc *p, struct proc *q)
{
	if (p->place == PL_FREE)
		return true;
	q->chan = relocate(from, to, p->chan);
	if (p->zheap && !(q->zheap = dup_mem(p->zheap, sizeof *q->zheap * (size_t)p->capzheap)))
		return false;
	if (p->handler && !(q->handler = dup_mem(p->handler, sizeof *q->handler * SIG_MAX)))
		return false;
	if (p->files && !proc_is_thread(p) && !(q->files = dup_mem(p->files, sizeof *p->files + sizeof p->files->fd[0] * (size_t)p->files->nfds)))
		return false;
	if (p->mm.nmaps > MM_INLINE) {
		int extra = p->mm.nmaps - MM_INLINE, cap = 1;
		while (cap < extra)
			cap *= 2;
		if (!(q->mm.more = malloc(sizeof *q->mm.more * (size_t)cap)))
			return false;
		memcpy(q->mm.more, p->mm.more, sizeof *q->mm.more * (size_t)extra);
	}
	return true;
}

struct sim *kernel_clone(const struct sim *s)
{
	struct sim *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	*c = *s;
	memset(c->chunks, 0, sizeof c->chunks);
	c->sink = NULL;
	c->sink_ctx = NULL;
	c->pid_slot = dup_mem(s->pid_slot, sizeof *s->pid_slot * (size_t)s->cfg.pid_max);
	c->heap = dup_mem(s->heap, sizeof *s->heap * (size_t)s->capheap);
	c->alarms = dup_mem(s->alarms, sizeof *s->alarms * (size_t)s->capalarms);
	c->sched.heap = dup_mem(s->sched.heap, sizeof *s->sched.heap * (size_t)s->sched.capheap);
	c->tty_lines = dup_mem(s->tty_lines, sizeof *s->tty_lines * (size_t)s->tty_cap);
	c->reaped = dup_mem(s->reaped, sizeof *s->reaped * (size_t)s->capreaped);
	c->sched.multi = NULL;
	bool ok = futex_clone(s, c) & file_clone(s, c) & mm_clone(s, c);
	if (s->sched.policy->clone)
		ok &= s->sched.policy->clone(s, c);
	ok = ok && c->pid_slot && (c->heap || !s->capheap) && (c->alarms || !s->capalarms) && (c->sched.heap || !s->sched.capheap) &&
	     (c->tty_lines || !s->tty_cap) && (c->reaped || !s->capreaped);
	/* The waitq heads inside struct sim were copied with it; chunk by chunk
	 * copy the processes and their user memory (byte for byte: user space
	 * copies what an image points to, user_clone). */
	uint32_t usable = 0; /* slots that lie in allocated chunks */
	for (int k = 0; ok && k < MAX_CHUNKS && s->chunks[k]; k++) {
		if (!(c->chunks[k] = dup_mem(s->chunks[k], PROC_CHUNK * s->stride))) {
			ok = false;
			break;
		}
		usable += PROC_CHUNK;
	}
	/* First no slot of the copy owns anything, so that a failure half-way
	 * frees only what the copy made. */
	for (uint32_t x = 0; ok && x < s->nslots; x++) {
		struct proc *q = P(c, x);
		q->zheap = NULL;
		q->handler = NULL;
		q->files = NULL;
		q->mm.more = NULL;
	}
	for (uint32_t x = 0; ok && x < s->nslots; x++)
		ok = copy_proc(s, c, P(s, x), P(c, x));
	for (uint32_t x = 0; ok && x < s->nslots; x++) /* a thread's table is its process's */
		if (P(c, x)->place != PL_FREE && proc_is_thread(P(c, x)))
			P(c, x)->files = proc_leader(c, P(c, x))->files;
	if (!ok) {
		if (c->nslots > usable)
			c->nslots = usable; /* proc_free_all must stay inside allocated chunks */
		/* The images are byte copies whose pointers are the original's:
		 * free none of what they point to. */
		c->uops = NULL;
		kernel_free(c);
		return NULL;
	}
	return c;
}
