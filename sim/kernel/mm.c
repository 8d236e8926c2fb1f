/* mm.c: each process's memory, in pages, as top and ps count it (mm/).
 *
 *  VIRT  everything it has mapped (vm);
 *  RES   what of it is in RAM: its program file's pages, its private
 *        anonymous pages, and the anonymous pages it still shares
 *        copy-on-write with its relatives since a fork;
 *  SHR   the file pages (RssFile; top adds RssShmem, which procsim has none
 *        of). Copy-on-write pages are in RES and not in SHR.
 *
 * fork (dup_mmap, copy_pte_range) maps the parent's anonymous pages into the
 * child read-only, shared: both count them in RES, the RAM holds them once.
 * A write to such a page (do_wp_page) gives the writer a private copy: its
 * RES does not change, but the system's used memory grows by a page, and the
 * page it copied is shared by one process fewer. Exit frees what only it
 * maps; a zombie holds no memory. A program file's pages are in the page
 * cache once, whoever maps them (buff/cache in top and free).
 *
 * Which pages a write touches is not tracked one by one: `touch n` writes
 * the first n pages of the data a process inherited (oldest region first),
 * so writing them again copies nothing more, and writing a global writes its
 * first page. A region's pages stay while two processes map some of it;
 * once only one does, they are its own: a write copies nothing, and what it
 * no longer maps is freed. Of a page two processes both write, each makes a
 * copy (procsim cannot tell that the second writer was its last user). What
 * a process shares is what another one still maps: at most the others' sum. */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

static struct cow_map *map_at(struct mm *m, int i) { return i < MM_INLINE ? &m->map[i] : &m->more[i - MM_INLINE]; }

static const struct cow_map *cmap_at(const struct mm *m, int i)
{
	return i < MM_INLINE ? &m->map[i] : &m->more[i - MM_INLINE];
}

static void add_map(struct mm *m, int32_t region, int32_t pages)
{
	if (m->nmaps >= MM_INLINE) {
		int extra = m->nmaps - MM_INLINE + 1;
		/* Grows by doubling: a process that forks, writes, forks again
		 * many times collects regions. */
		if ((extra & (extra - 1)) == 0) {
			struct cow_map *n = realloc(m->more, sizeof *n * (size_t)(extra * 2));
			if (!n)
				abort();
			m->more = n;
		}
	}
	*map_at(m, m->nmaps++) = (struct cow_map){.region = region, .pages = pages, .total = pages};
}

static void remove_map(struct mm *m, int i)
{
	for (int j = i; j + 1 < m->nmaps; j++)
		*map_at(m, j) = *map_at(m, j + 1);
	m->nmaps--;
}

static int32_t new_region(struct sim *s, int64_t pages)
{
	int32_t r = s->free_region;
	if (r >= 0) {
		s->free_region = s->regions[r].next_free;
	} else {
		if (s->nregions == s->capregions) {
			int32_t cap = s->capregions ? s->capregions * 2 : 8;
			struct cow_region *n = realloc(s->regions, sizeof *n * (size_t)cap);
			if (!n)
				abort();
			s->regions = n;
			s->capregions = cap;
		}
		r = s->nregions++;
	}
	s->regions[r] = (struct cow_region){.pages = pages, .next_free = -1};
	s->cow_pages += pages;
	return r;
}

/* One process fewer maps region r, or maps less of it. */
static void region_settle(struct sim *s, int32_t r)
{
	struct cow_region *g = &s->regions[r];
	int64_t keep = g->refs == 0 ? 0 : g->refs == 1 ? g->mapped : g->pages;
	s->cow_pages -= g->pages - keep;
	g->pages = keep;
	if (g->refs == 0) {
		g->next_free = s->free_region;
		s->free_region = r;
	}
}

/* The RAM no page holds: what neither the processes' anonymous pages
 * (private, and shared copy-on-write, once) nor the page cache (each
 * program file in use, once) take. Every allocation below is checked
 * against it, so it is never negative (docs/semantics.md, section 12). */
int64_t mm_free_pages(const struct sim *s)
{
	int64_t cache = 0;
	for (int i = 0; i < s->nexes; i++)
		if (s->exes[i].users > 0)
			cache += s->exes[i].pages;
	return s->cfg.mem_pages - s->anon_pages - s->cow_pages - cache;
}

/* Does a new program's image fit: its private pages, and its file's pages
 * unless the page cache holds them already? p (execve) gives back its own
 * private pages first. Linux's fork and execve fail with ENOMEM when the
 * pages they need cannot be had; procsim neither swaps nor reclaims. */
_Static_assert((int)K_ENOMEM == (int)SIM_ERR_ENOMEM && (int)K_EAGAIN == (int)SIM_ERR_EAGAIN, "the events carry Linux's errno");

bool mm_image_fits(const struct sim *s, const struct proc *p, const struct fork_args *fa)
{
	int64_t need = fa->anon_pages, cached = 0;
	for (int i = 0; fa->exe && i < s->nexes; i++)
		if (strcmp(s->exes[i].name, fa->exe) == 0 && s->exes[i].users > 0)
			cached = 1;
	if (!cached)
		need += fa->file_pages;
	return need <= mm_free_pages(s) + (p ? p->mm.anon : 0);
}

static int16_t exe_find(struct sim *s, const char *name, int64_t pages)
{
	for (int i = 0; i < s->nexes; i++)
		if (strcmp(s->exes[i].name, name) == 0)
			return (int16_t)i;
	if (s->nexes == (int)(sizeof s->exes / sizeof s->exes[0]))
		return -1;
	s->exes[s->nexes] = (struct exe){.name = name, .pages = pages};
	return (int16_t)s->nexes++;
}

void mm_exit(struct sim *s, struct proc *p)
{
	struct mm *m = &p->mm;
	for (int i = 0; i < m->nmaps; i++) {
		struct cow_map *c = map_at(m, i);
		s->regions[c->region].refs--;
		s->regions[c->region].mapped -= c->pages;
		region_settle(s, c->region);
	}
	s->anon_pages -= m->anon;
	if (m->exe >= 0)
		s->exes[m->exe].users--;
	free(m->more);
	*m = (struct mm){.exe = -1};
}

void mm_exec(struct sim *s, struct proc *p, const struct fork_args *fa)
{
	mm_exit(s, p);
	struct mm *m = &p->mm;
	m->vm = fa->vm_pages;
	m->file = fa->file_pages;
	m->anon = fa->anon_pages;
	m->exe = exe_find(s, fa->exe, fa->file_pages);
	if (m->exe >= 0)
		s->exes[m->exe].users++;
	s->anon_pages += m->anon;
}

bool mm_fork(struct sim *s, struct proc *parent, struct proc *child)
{
	struct mm *pm = &parent->mm, *cm = &child->mm;
	/* dup_mmap copies no page-table entries for file mappings without
	 * anonymous pages: the child faults the program's pages in again as
	 * it runs. 0.2 s after start() a child held 3480 of its parent's 7096
	 * KiB (tests/truth): procsim gives it half. */
	*cm = (struct mm){.vm = pm->vm, .file = pm->file / 2, .exe = pm->exe};
	if (cm->exe >= 0)
		s->exes[cm->exe].users++;
	/* What the parent had to itself is now shared by the two. */
	if (pm->anon > 0) {
		int32_t r = new_region(s, pm->anon);
		s->anon_pages -= pm->anon;
		s->regions[r].refs = 1;
		s->regions[r].mapped = pm->anon;
		add_map(pm, r, pm->anon);
		pm->anon = 0;
	}
	for (int i = 0; i < pm->nmaps; i++) {
		const struct cow_map *c = cmap_at(pm, i);
		s->regions[c->region].refs++;
		s->regions[c->region].mapped += c->pages;
		add_map(cm, c->region, c->pages);
		map_at(cm, cm->nmaps - 1)->total = c->total; /* what it wrote, the child has written too */
	}
	return true;
}

/* A process's figures, as the views show them, on an event. */
void mm_event_figures(const struct sim *s, const struct proc *p, struct sim_event *ev)
{
	int64_t mapped = 0;
	for (int i = 0; i < p->mm.nmaps; i++)
		mapped += cmap_at(&p->mm, i)->pages;
	ev->virt_kib = (int64_t)p->mm.vm * PAGE_KIB;
	ev->res_kib = ((int64_t)p->mm.file + p->mm.anon + mapped) * PAGE_KIB;
	ev->shared_kib = mm_shared_pages(s, p) * PAGE_KIB;
	ev->used_kib = (s->anon_pages + s->cow_pages) * PAGE_KIB;
}

static void memory_event(struct sim *s, struct proc *p, int64_t pages, bool cow)
{
	struct sim_event ev = {.kind = EV_MEMORY, .pid = p->pid, .pages = pages, .cow = cow};
	if (s->sink)
		mm_event_figures(s, p, &ev);
	kernel_emit(s, &ev);
}

int mm_grow(struct sim *s, struct proc *p, int64_t pages, bool touch)
{
	if (pages <= 0)
		return 0;
	/* procsim does not swap: what does not fit in free RAM is refused, as
	 * with overcommit off (mmap fails with ENOMEM, Python raises
	 * MemoryError). */
	if (touch && pages > mm_free_pages(s))
		return -K_ENOMEM;
	int64_t vm = p->mm.vm + pages;
	p->mm.vm = (int32_t)(vm > INT32_MAX ? INT32_MAX : vm);
	if (touch) {
		int64_t anon = p->mm.anon + pages;
		if (anon > INT32_MAX)
			anon = INT32_MAX;
		s->anon_pages += anon - p->mm.anon;
		p->mm.anon = (int32_t)anon;
	}
	memory_event(s, p, pages, false);
	return 0;
}

bool mm_touch(struct sim *s, struct proc *p, int64_t pages)
{
	struct mm *m = &p->mm;
	int64_t copied = 0, room = mm_free_pages(s);
	bool out_of_memory = false;
	for (int i = 0; i < m->nmaps && pages > 0;) {
		struct cow_map *c = map_at(m, i);
		struct cow_region *g = &s->regions[c->region];
		int64_t extent = c->total, written = c->total - c->pages;
		int64_t want = pages < extent ? pages : extent;
		pages -= extent;
		if (want <= written || g->refs < 2) { /* written already, or its own */
			i++;
			continue;
		}
		int32_t k = (int32_t)(want - written);
		if (k > room) { /* the copies that fit; the fault that finds no page fails */
			k = (int32_t)room;
			out_of_memory = true;
			pages = 0;
		}
		room -= k;
		if (k == 0)
			break;
		c->pages -= k;
		m->anon += k;
		s->anon_pages += k;
		copied += k;
		g->mapped -= k;
		if (c->pages == 0) {
			g->refs--;
			int32_t r = c->region;
			remove_map(m, i);
			region_settle(s, r);
		} else {
			region_settle(s, c->region);
			i++;
		}
	}
	/* Writes to its own pages copy nothing: nothing to tell. */
	if (copied > 0)
		memory_event(s, p, copied, true);
	return !out_of_memory;
}

/* The pages p still shares with another process (Shared_Dirty in smaps):
 * of each region, no more than the others map of it; a region left to one
 * process is its own. */
int64_t mm_shared_pages(const struct sim *s, const struct proc *p)
{
	int64_t n = 0;
	for (int i = 0; i < p->mm.nmaps; i++) {
		const struct cow_map *c = cmap_at(&p->mm, i);
		int64_t others = s->regions[c->region].mapped - c->pages;
		n += c->pages < others ? c->pages : others;
	}
	return n;
}

bool mm_clone(const struct sim *from, struct sim *to)
{
	to->regions = NULL;
	if (!from->capregions)
		return true;
	to->regions = malloc(sizeof *to->regions * (size_t)from->capregions);
	if (!to->regions)
		return false;
	memcpy(to->regions, from->regions, sizeof *to->regions * (size_t)from->nregions);
	return true;
}

void mm_free(struct sim *s) { free(s->regions); }

/* Each region is mapped by as many processes as it counts, for as many
 * pages as it counts, no more than it holds; the totals are the sums. */
const char *mm_check(const struct sim *s)
{
	int64_t anon = 0, cow = 0;
	int64_t *mapped = s->nregions ? calloc((size_t)s->nregions, sizeof *mapped) : NULL;
	int32_t *refs = s->nregions ? calloc((size_t)s->nregions, sizeof *refs) : NULL;
	const char *bad = NULL;
	if (s->nregions && (!mapped || !refs))
		goto out;
	for (uint32_t x = 0; x < s->nslots; x++) {
		const struct proc *p = P(s, x);
		if (p->place == PL_FREE)
			continue;
		if (p->state == 'Z' && (p->mm.vm || p->mm.anon || p->mm.nmaps)) {
			bad = "a zombie holds memory";
			goto out;
		}
		if (p->mm.anon < 0) {
			bad = "a page count is below zero";
			goto out;
		}
		anon += p->mm.anon;
		for (int i = 0; i < p->mm.nmaps; i++) {
			const struct cow_map *c = cmap_at(&p->mm, i);
			if (c->region < 0 || c->region >= s->nregions || c->pages <= 0 || c->pages > c->total ||
			    c->pages > s->regions[c->region].pages) {
				bad = "a process maps more of a copy-on-write region than it holds";
				goto out;
			}
			mapped[c->region] += c->pages;
			refs[c->region]++;
		}
	}
	for (int32_t r = 0; r < s->nregions; r++) {
		const struct cow_region *g = &s->regions[r];
		if (g->refs != refs[r] || g->mapped != mapped[r]) {
			bad = "a copy-on-write region's counts are not what maps it";
			goto out;
		}
		cow += g->refs ? g->pages : 0;
	}
	if (anon != s->anon_pages || cow != s->cow_pages)
		bad = "the memory totals are not the sums of their parts";
out:
	free(mapped);
	free(refs);
	return bad;
}
