/* arena.h: a bump allocator. Everything a parsed scenario owns lives in one
 * arena and is freed at once; a simulation keeps its runtime strings in another. */
#ifndef PROCSIM_ARENA_H
#define PROCSIM_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed memory aligned for any type; NULL only when memory is exhausted. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
size_t arena_bytes(const struct arena *a);

#endif
