/* futex.c: fast user-space mutexes (kernel/futex/). The state of a lock, a
 * semaphore or a condition lives in user memory, where a program changes it
 * without the kernel; the kernel only keeps, for each futex, the queue of
 * processes sleeping until someone says it changed. FUTEX_WAIT sleeps,
 * FUTEX_WAKE wakes the first n sleepers (first come, first woken).
 *
 * On Linux a futex is an address in memory that the processes share (the
 * sem_open'd page of a multiprocessing.Lock); here user space asks for a
 * number once, when it makes the object, and says what a sleeper on it is
 * waiting for (its wait channel and the object's name), for ps and the trace. */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

int kernel_futex_new(struct sim *s, enum wchan w, int obj, const char *object)
{
	if (s->nfutexes == s->capfutexes) {
		int32_t cap = s->capfutexes ? s->capfutexes * 2 : 16;
		struct waitq *n = realloc(s->futexes, sizeof *n * (size_t)cap);
		if (!n)
			return -1;
		/* Sleepers point at their queue: move them with it. */
		for (int32_t i = 0; i < s->nfutexes; i++)
			for (slot_t x = n[i].members.head; x != NIL; x = P(s, x)->next)
				P(s, x)->chan = &n[i];
		s->futexes = n;
		s->capfutexes = cap;
	}
	struct waitq *q = &s->futexes[s->nfutexes];
	plist_init(&q->members);
	q->wchan = w;
	q->obj = obj;
	q->object = object;
	return s->nfutexes++;
}

int kernel_futex_waiters(const struct sim *s, int key)
{
	return key >= 0 && key < s->nfutexes ? (int)s->futexes[key].members.count : 0;
}

int futex_wait(struct sim *s, struct proc *p, int key, int64_t deadline)
{
	if (deadline >= 0 && s->clock >= deadline)
		return -K_ETIMEDOUT;
	proc_sleep(s, p, &s->futexes[key], 'S', deadline, 0);
	return K_RESTART;
}

int futex_wake(struct sim *s, int key, int n)
{
	return proc_waitq_wake(s, &s->futexes[key], n, WAKE_IPC);
}

bool futex_clone(const struct sim *from, struct sim *to)
{
	to->futexes = NULL;
	if (!from->capfutexes)
		return true;
	to->futexes = malloc(sizeof *to->futexes * (size_t)from->capfutexes);
	if (!to->futexes)
		return false;
	memcpy(to->futexes, from->futexes, sizeof *to->futexes * (size_t)from->nfutexes);
	return true;
}

void futex_free(struct sim *s) { free(s->futexes); }
