/* parse_name.c: what a name in a scenario stands for. A program's own
 * variables, then the globals (`var`), then the shared objects, and the
 * programs; the last three through hashed indexes, since a file may declare
 * a thousand names and use them hundreds of thousands of times. An unknown
 * name is reported here, with its "did you mean". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "parse_int.h"

int parse_local_find(struct parser *p, const char *s, size_t n)
{
	for (int i = p->nlocals - 1; i >= 0; i--)
		if (p->locals[i] && strlen(p->locals[i]) == n && memcmp(p->locals[i], s, n) == 0)
			return i;
	return -1;
}

int parse_local_add(struct parser *p, const struct token *t)
{
	int i = t ? parse_local_find(p, t->start, t->len) : -1;
	if (i >= 0)
		return i;
	if (p->nlocals == PARSE_MAX_LOCALS) {
		if (!p->too_many)
			diag_add(p->diags, t ? t->line : 0, t ? t->col : 0, 1, NULL,
				 _("too many variables in one program (the limit is %d)"), PARSE_MAX_LOCALS);
		p->too_many = true;
		return 0;
	}
	p->locals[p->nlocals] = t ? tok_str(p, t) : NULL;
	return p->nlocals++;
}

const char *const parse_builtin_placeholders[] = {"name", "pid", "ppid", "tick", "time", "elapsed", NULL};

/* Whether `s` was reported unknown before in this program; remembers it. */
static bool reported_before(struct parser *p, const char *s, size_t n)
{
	for (int i = 0; i < p->nunknown; i++)
		if (strlen(p->unknown[i]) == n && memcmp(p->unknown[i], s, n) == 0)
			return true;
	if (p->nunknown < (int)(sizeof p->unknown / sizeof p->unknown[0]))
		p->unknown[p->nunknown++] = arena_strndup(p->A, s, n);
	return false;
}

void parse_unknown_name_hint(struct parser *p, const char *s, size_t n, int line, int col, const char *hint)
{
	if (p->names_lost) /* most likely one of the names dropped past a limit: that is reported */
		return;
	if (reported_before(p, s, n))
		return;
	char near_hint[DIAG_MSG_LEN] = "";
	if (!hint) {
		const char *cands[PARSE_MAX_LOCALS + 8];
		int k = 0;
		for (int i = 0; i < p->nlocals; i++)
			if (p->locals[i])
				cands[k++] = p->locals[i];
		for (int i = 0; parse_builtin_placeholders[i]; i++)
			cands[k++] = parse_builtin_placeholders[i];
		cands[k] = NULL;
		const char *near = diag_suggest(s, (int)n, cands);
		if (near)
			snprintf(near_hint, sizeof near_hint, _("did you mean '%s'?"), near);
		hint = near_hint;
	}
	diag_add(p->diags, line, col, chars(s, n), hint, _("unknown name '%.*s'"), (int)n, s);
}

void parse_unknown_name(struct parser *p, const char *s, size_t n, int line, int col)
{
	if (n == 10 && memcmp(s, "subprocess", 10) == 0) { /* r = subprocess.run([...]) */
		parse_unknown_name_hint(p, s, n, line, col,
					_("subprocess.run is an instruction: subprocess.run sleeper(3) named \"sleep 1\" as r"));
		return;
	}
	parse_unknown_name_hint(p, s, n, line, col, NULL);
}

static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	/* then MurmurHash3's fmix32: FNV's low bits, which pick the slot, depend
	 * only on the names' low bits, and job0 ... job999999 cluster */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* The slot of `s` (whose hash is h), or the free slot where it would go.
 * x->cap > 0. */
static struct name_slot *index_slot(const struct name_index *x, const char *s, size_t n, uint32_t h)
{
	size_t mask = x->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct name_slot *sl = &x->slots[i];
		if (!sl->s || (sl->hash == h && sl->n == n && memcmp(sl->s, s, n) == 0))
			return sl;
	}
}

int parse_index_find(const struct name_index *x, const char *s, size_t n)
{
	if (!x->cap)
		return -1;
	const struct name_slot *sl = index_slot(x, s, n, name_hash(s, n));
	return sl->s ? sl->value : -1;
}

void parse_index_reserve(struct name_index *x, size_t n)
{
	size_t cap = x->cap ? x->cap : 64;
	while (2 * (x->count + n) > cap) /* at most half full */
		cap *= 2;
	if (cap == x->cap)
		return;
	struct name_index y = {calloc(cap, sizeof *y.slots), cap, 0};
	if (!y.slots)
		abort();
	for (size_t i = 0; i < x->cap; i++)
		if (x->slots[i].s) {
			const struct name_slot *o = &x->slots[i];
			*index_slot(&y, o->s, o->n, o->hash) = *o;
			y.count++;
		}
	free(x->slots);
	*x = y;
}

/* Adds or replaces the name `s` (which must outlive the index). */
void parse_index_put(struct name_index *x, const char *s, size_t n, int value)
{
	if (2 * (x->count + 1) > x->cap)
		parse_index_reserve(x, 1);
	uint32_t h = name_hash(s, n);
	struct name_slot *sl = index_slot(x, s, n, h);
	if (!sl->s)
		x->count++;
	*sl = (struct name_slot){s, (uint32_t)n, h, value};
}

int parse_global_find(const struct parser *p, const char *s, size_t n)
{
	return parse_index_find(&p->global_index, s, n);
}

int parse_object_find(const struct parser *p, const char *s, size_t n)
{
	return parse_index_find(&p->object_index, s, n);
}

/* A name in a program: its own variable first, then a global, then a shared object. */
enum name_kind parse_name_lookup(struct parser *p, const char *s, size_t n, int *index)
{
	if ((*index = parse_local_find(p, s, n)) >= 0)
		return NAME_LOCAL;
	if ((*index = parse_global_find(p, s, n)) >= 0)
		return NAME_GLOBAL;
	if ((*index = parse_object_find(p, s, n)) >= 0)
		return NAME_OBJECT;
	return NAME_NONE;
}

struct program *parse_find_program(struct parser *p, const char *s, size_t n)
{
	int i = parse_index_find(&p->program_index, s, n);
	if (i >= 0)
		return p->progs[i];
	const struct program *m = p->main_prog;
	if (m && strlen(m->name) == n && memcmp(m->name, s, n) == 0)
		return p->main_prog;
	return NULL;
}
