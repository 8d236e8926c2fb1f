/* history.c: time travel by checkpoints and deterministic replay.
 *
 * One step to tick t is always the same sequence of calls, live or replayed:
 *   sim_run(t)          the end of tick t-1 (phase 4: charge, preempt)
 *   sim_advance_to(t)   phases 1-3 of tick t
 *   sim_send_signal()   the keyboard's signals recorded at t, in order
 * Replaying the very same calls matters: sim_advance_to(T) straight from far
 * away takes another path through idle stretches (it skips their load-average
 * samples), so the view never jumps, it always steps.
 *
 * A checkpoint at tick c is a clone of the model fully at c (after its
 * keyboard signals), taken when the view leaves c forward, every K ticks.
 * Checkpoint 0 is the model before boot. Going back to T replays from a
 * checkpoint at least HISTORY_TICKS_MAX ticks and HISTORY_LOG_MAX events
 * before T, so the windows the screen shows (log, CPU strip) come out whole:
 * the same as when T was reached going forward. */
#include "history.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "i18n.h"
#include "lang/program.h"
#include "metrics.h"
#include "narrate.h"
#include "sig.h"
#include "snapshot.h"
#include "timefmt.h"

#define FIRST_INTERVAL 64
#define NARRATE_BYTES 2048

struct checkpoint {
	int64_t tick;             /* the model fully at this tick; -1: before boot */
	int64_t events;           /* events up to the end of that tick */
	struct sim *sim;
	size_t bytes;             /* what the copy costs */
};

struct history {
	const struct scenario *sc;
	struct sim_options opt;
	struct sim *cur;          /* the model at `now` */
	int64_t now;
	int64_t events;           /* events up to now */
	int ncpus;
	bool collect;             /* narrate and record the windows (off when fast-forwarding) */
	bool keyboard;            /* sending the keyboard's signals */
	bool oom;
	/* the keyboard's signals, by tick, then in the order they were sent */
	struct history_signal *sigs;
	int nsigs, capsigs;
	/* checkpoints by tick */
	struct checkpoint *cps;
	int ncps, capcps;
	int64_t interval;
	size_t cp_bytes, budget;
	/* the log: a ring of the newest lines */
	struct history_line log[HISTORY_LOG_MAX];
	int log_first, log_count;
	/* CPU use: a ring of ticks, slot = tick % HISTORY_TICKS_MAX */
	int64_t tick_of[HISTORY_TICKS_MAX];
	struct history_cpu *cpu;  /* [HISTORY_TICKS_MAX][ncpus] */
	int64_t prev_user[64], prev_sys[64], prev_nice[64], prev_iowait[64];
	/* the dispatch events of tick ran_t: the last PID dispatched on each CPU */
	int64_t ran_t;
	int *ran;                 /* [ncpus] */
	/* the PIDs of the current tick's events */
	int *changed;
	int nchanged, capchanged;
	/* narration into memory */
	char narr[NARRATE_BYTES];
	FILE *narr_f;
};

/* ---- narration ------------------------------------------------------------------ */

/* narrate_event's sentence, without its "t=12    1.2s  " prefix and newline. */
static const char *narrate_to(FILE *f, char *buf, const struct sim *s, const struct sim_event *ev)
{
	if (!f)
		return "";
	rewind(f);
	narrate_event(f, s, ev);
	fflush(f);
	long len = ftell(f);
	if (len < 0)
		len = 0;
	if (len >= NARRATE_BYTES)
		len = NARRATE_BYTES - 1;
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	char t[32], d[32], prefix[80];
	snprintf(t, sizeof t, "t=%lld", (long long)ev->t);
	timefmt_ticks(ev->t, sim_scenario(s)->tick_us, d, sizeof d);
	int n = snprintf(prefix, sizeof prefix, "%-7s %8s  ", t, d);
	if (n > 0 && strncmp(buf, prefix, (size_t)n) == 0)
		return buf + n;
	return buf;
}

/* The keyboard's signals are narrated as such: sim_send_signal gives them
 * sender -2, which narrate_event calls "the keyboard". */
static const char *sentence(bool keyboard, FILE *f, char *buf, const struct sim *s, const struct sim_event *ev)
{
	(void)keyboard;
	return narrate_to(f, buf, s, ev);
}

/* ---- memory --------------------------------------------------------------------- */

static size_t heap_bytes(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
#else
	return 0;
#endif
}

static size_t default_budget(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	size_t b = pages > 0 && size > 0 ? (size_t)pages * (size_t)size / 16 : (size_t)256 << 20;
	if (b < (size_t)64 << 20)
		b = (size_t)64 << 20;
	if (b > (size_t)256 << 20)
		b = (size_t)256 << 20;
	return b;
}

/* ---- checkpoints ---------------------------------------------------------------- */

/* The index of the last checkpoint at or before tick t (0: the one before boot). */
static int cp_at_or_before(const struct history *h, int64_t t)
{
	int lo = 0, hi = h->ncps - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (h->cps[mid].tick <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void cp_drop(struct history *h, int i)
{
	sim_free(h->cps[i].sim);
	h->cp_bytes -= h->cps[i].bytes;
	memmove(&h->cps[i], &h->cps[i + 1], sizeof *h->cps * (size_t)(h->ncps - i - 1));
	h->ncps--;
}

/* Over budget: keep every other checkpoint, twice as far apart. */
static void cp_thin(struct history *h)
{
	h->interval *= 2;
	for (int i = h->ncps - 1; i > 0; i--)
		if (h->cps[i].tick % h->interval != 0)
			cp_drop(h, i);
}

static void cp_take(struct history *h)
{
	int i = cp_at_or_before(h, h->now);
	if (h->cps[i].tick == h->now)
		return;
	if (h->ncps == h->capcps) {
		int cap = h->capcps * 2;
		struct checkpoint *n = realloc(h->cps, sizeof *n * (size_t)cap);
		if (!n)
			return; /* fewer checkpoints: slower, still exact */
		h->cps = n;
		h->capcps = cap;
	}
	size_t before = heap_bytes();
	struct sim *c = sim_clone(h->cur);
	if (!c)
		return;
	size_t after = heap_bytes();
	size_t bytes = after > before ? after - before : (size_t)2 << 20;
	memmove(&h->cps[i + 2], &h->cps[i + 1], sizeof *h->cps * (size_t)(h->ncps - i - 1));
	h->cps[i + 1] = (struct checkpoint){h->now, h->events, c, bytes};
	h->ncps++;
	h->cp_bytes += bytes;
	while (h->cp_bytes > h->budget && h->ncps > 2)
		cp_thin(h);
}

/* ---- windows ---------------------------------------------------------------------- */

static void changed_add(struct history *h, int pid)
{
	if (pid <= 0)
		return;
	for (int i = 0; i < h->nchanged; i++)
		if (h->changed[i] == pid)
			return;
	if (h->nchanged == h->capchanged) {
		int cap = h->capchanged ? h->capchanged * 2 : 64;
		int *n = realloc(h->changed, sizeof *n * (size_t)cap);
		if (!n)
			return;
		h->changed = n;
		h->capchanged = cap;
	}
	h->changed[h->nchanged++] = pid;
}

static void log_push(struct history *h, const struct sim_event *ev, const char *text)
{
	int slot;
	if (h->log_count < HISTORY_LOG_MAX) {
		slot = (h->log_first + h->log_count++) % HISTORY_LOG_MAX;
	} else {
		slot = h->log_first;
		h->log_first = (h->log_first + 1) % HISTORY_LOG_MAX;
		free(h->log[slot].text);
	}
	char *copy = strdup(text);
	if (!copy)
		h->oom = true;
	h->log[slot] = (struct history_line){ev->t, ev->pid, ev->kind, ev->kind == EV_PRINT && ev->code, copy};
}

static void log_clear(struct history *h)
{
	for (int i = 0; i < h->log_count; i++)
		free(h->log[(h->log_first + i) % HISTORY_LOG_MAX].text);
	h->log_first = h->log_count = 0;
}

/* A dispatch, as the log narrates it ("CPU1 runs PID 4"). The strip needs
 * it when the process sleeps or exits at the same instant: after the tick's
 * scheduling it is no longer on the CPU, and no time is charged to it. */
static void ran_add(struct history *h, const struct sim_event *ev)
{
	if (ev->cpu < 0 || ev->cpu >= h->ncpus)
		return;
	if (h->ran_t != ev->t) {
		memset(h->ran, 0, sizeof *h->ran * (size_t)h->ncpus);
		h->ran_t = ev->t;
	}
	h->ran[ev->cpu] = ev->pid; /* the last one: the log's last "CPUn runs" line */
}

static void sink(void *ctx, const struct sim_event *ev)
{
	struct history *h = ctx;
	h->events++;
	if (!h->collect)
		return;
	changed_add(h, ev->pid);
	if (ev->kind == EV_REAP)
		changed_add(h, ev->other);
	if (ev->kind == EV_DISPATCH)
		ran_add(h, ev);
	log_push(h, ev, sentence(h->keyboard, h->narr_f, h->narr, h->cur, ev));
}

static void cpu_reset(struct history *h)
{
	for (int i = 0; i < HISTORY_TICKS_MAX; i++)
		h->tick_of[i] = INT64_MIN;
	h->ran_t = INT64_MIN;
	struct sys_metrics m;
	sim_sys_metrics(h->cur, &m);
	for (int c = 0; c < h->ncpus; c++) {
		h->prev_user[c] = m.cpu[c].user;
		h->prev_sys[c] = m.cpu[c].system;
		h->prev_nice[c] = m.cpu[c].nice;
		h->prev_iowait[c] = m.cpu[c].iowait;
	}
}

/* Tick t has just been charged (phase 4): was each CPU's tick user, system or idle? */
static void cpu_finish(struct history *h, int64_t t)
{
	struct sys_metrics m;
	sim_sys_metrics(h->cur, &m);
	int slot = t >= 0 ? (int)(t % HISTORY_TICKS_MAX) : -1;
	for (int c = 0; c < h->ncpus; c++) {
		bool user = m.cpu[c].user > h->prev_user[c], sys = m.cpu[c].system > h->prev_sys[c];
		bool nice = m.cpu[c].nice > h->prev_nice[c], iowait = m.cpu[c].iowait > h->prev_iowait[c];
		h->prev_user[c] = m.cpu[c].user;
		h->prev_sys[c] = m.cpu[c].system;
		h->prev_nice[c] = m.cpu[c].nice;
		h->prev_iowait[c] = m.cpu[c].iowait;
		if (slot >= 0 && h->tick_of[slot] == t) {
			struct history_cpu *x = &h->cpu[slot * h->ncpus + c];
			bool instant = x->use == CPU_INSTANT;
			x->use = user ? (nice ? CPU_NICE : CPU_USER) : sys ? CPU_SYSTEM : iowait ? CPU_IOWAIT : CPU_IDLE;
			/* A run that took no time stays one; with iowait charged
			 * too, the use says iowait (top's wa) and the PID stays. */
			if (instant && x->use == CPU_IDLE)
				x->use = CPU_INSTANT;
			else if (!instant && !cpu_use_busy(x->use))
				x->pid = 0;
		}
	}
}

/* Who holds each CPU for tick t (phases 1-3 done), or else who ran on it
 * for no time in t. */
static void cpu_record(struct history *h, int64_t t)
{
	int pids[64];
	int n = snapshot_cpus(h->cur, pids, 64);
	int slot = (int)(t % HISTORY_TICKS_MAX);
	h->tick_of[slot] = t;
	for (int c = 0; c < h->ncpus; c++) {
		int pid = c < n ? pids[c] : 0;
		struct history_cpu x = {pid, pid, pid ? CPU_CURRENT : CPU_IDLE};
		if (!pid && h->ran_t == t && h->ran[c])
			x = (struct history_cpu){h->ran[c], h->ran[c], CPU_INSTANT};
		/* a thread's tick is its process's too (top's %CPU without H) */
		int tgid = x.pid ? snapshot_tgid(h->cur, x.pid) : 0;
		if (tgid)
			x.tgid = tgid;
		h->cpu[slot * h->ncpus + c] = x;
	}
}

/* ---- stepping ------------------------------------------------------------------- */

static int first_signal_at(const struct history *h, int64_t t)
{
	int lo = 0, hi = h->nsigs;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (h->sigs[mid].tick < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Re-sends the keyboard's signals of tick t; *keyboard is set meanwhile, so
 * that the sink narrates them as the keyboard's. */
static void send_recorded(const struct history *h, struct sim *s, int64_t t, bool *keyboard)
{
	*keyboard = true;
	for (int i = first_signal_at(h, t); i < h->nsigs && h->sigs[i].tick == t; i++)
		if (h->sigs[i].sig)
			sim_send_signal(s, h->sigs[i].pid, h->sigs[i].sig);
		else
			sim_renice(s, h->sigs[i].pid, h->sigs[i].nice);
	*keyboard = false;
}

bool history_running(const struct history *h) { return h->now < 0 || sim_status(h->cur) == SIM_RUNNING; }

/* One tick forward, live or replayed: the same calls either way. */
static void step(struct history *h)
{
	int64_t t = h->now + 1;
	if (h->now >= 0 && h->now % h->interval == 0)
		cp_take(h);
	if (h->collect)
		h->nchanged = 0;
	sim_run(h->cur, t);
	if (h->collect)
		cpu_finish(h, t - 1);
	sim_advance_to(h->cur, t);
	h->now = t;
	send_recorded(h, h->cur, t, &h->keyboard);
	if (h->collect)
		cpu_record(h, t);
}

/* The model at T with whole windows: replay from a checkpoint far enough back. */
static bool rebuild(struct history *h, int64_t T)
{
	int k = cp_at_or_before(h, T);
	int64_t known = T >= h->now ? h->events : h->cps[k].events;
	int i = cp_at_or_before(h, T - HISTORY_TICKS_MAX);
	while (i > 0 && known - h->cps[i].events < HISTORY_LOG_MAX)
		i--;
	struct sim *c = sim_clone(h->cps[i].sim);
	if (!c)
		return false;
	sim_free(h->cur);
	h->cur = c;
	sim_set_sink(c, sink, h);
	h->now = h->cps[i].tick;
	h->events = h->cps[i].events;
	log_clear(h);
	h->nchanged = 0;
	cpu_reset(h);
	h->collect = true;
	while (h->now < T && history_running(h))
		step(h);
	return !h->oom;
}

bool history_goto(struct history *h, int64_t t)
{
	if (t < 0)
		t = 0;
	if (t == h->now)
		return true;
	if (t < h->now)
		return rebuild(h, t);
	if (!history_running(h))
		return true;
	if (t - h->now <= HISTORY_TICKS_MAX + h->interval) {
		h->collect = true;
		while (h->now < t && history_running(h))
			step(h);
		return !h->oom;
	}
	/* Far ahead: only the last stretch needs narrating. */
	h->collect = false;
	while (h->now < t && history_running(h))
		step(h);
	h->collect = true;
	return rebuild(h, h->now);
}

bool history_next_event(struct history *h, int64_t max)
{
	h->collect = true;
	int64_t before = h->events;
	for (int64_t i = 0; i < max && h->events == before && history_running(h); i++)
		step(h);
	return !h->oom;
}

bool history_prev_event(struct history *h)
{
	if (h->now <= 0)
		return true;
	for (int i = h->log_count - 1; i >= 0; i--) {
		const struct history_line *l = history_line(h, i);
		if (l->t < h->now)
			return history_goto(h, l->t);
	}
	if (!history_goto(h, h->now - 1))
		return false;
	if (h->log_count && history_line(h, h->log_count - 1)->t < h->now)
		return history_goto(h, history_line(h, h->log_count - 1)->t);
	return true;
}

/* Records what the keyboard did now; the checkpoints from now on were taken
 * without it, so they go. */
static bool record_keyboard(struct history *h, struct history_signal k)
{
	if (h->now < 0 || sim_status(h->cur) != SIM_RUNNING)
		return false;
	if (h->nsigs == h->capsigs) {
		int cap = h->capsigs ? h->capsigs * 2 : 16;
		struct history_signal *n = realloc(h->sigs, sizeof *n * (size_t)cap);
		if (!n)
			return false;
		h->sigs = n;
		h->capsigs = cap;
	}
	int at = first_signal_at(h, h->now + 1);
	memmove(&h->sigs[at + 1], &h->sigs[at], sizeof *h->sigs * (size_t)(h->nsigs - at));
	h->sigs[at] = k;
	h->nsigs++;
	while (h->ncps > 1 && h->cps[h->ncps - 1].tick >= h->now)
		cp_drop(h, h->ncps - 1);
	h->collect = true;
	return true;
}

enum sig_outcome history_send_signal(struct history *h, int pid, int sig)
{
	if (!record_keyboard(h, (struct history_signal){h->now, pid, sig, 0}))
		return SIGOUT_NO_PROCESS;
	h->keyboard = true;
	enum sig_outcome o = sim_send_signal(h->cur, pid, sig);
	h->keyboard = false;
	cpu_record(h, h->now);
	return o;
}

bool history_renice(struct history *h, int pid, int by)
{
	if (!record_keyboard(h, (struct history_signal){h->now, pid, 0, by}))
		return false;
	h->keyboard = true;
	bool ok = sim_renice(h->cur, pid, by);
	h->keyboard = false;
	cpu_record(h, h->now);
	return ok;
}

int history_signals(const struct history *h, const struct history_signal **out)
{
	*out = h->sigs;
	return h->nsigs;
}

/* ---- reading ---------------------------------------------------------------------- */

const struct sim *history_sim(const struct history *h) { return h->cur; }
int64_t history_now(const struct history *h) { return h->now; }
int history_lines(const struct history *h) { return h->log_count; }
int64_t history_event_count(const struct history *h) { return h->events; }

const struct history_line *history_line(const struct history *h, int i)
{
	return &h->log[(h->log_first + i) % HISTORY_LOG_MAX];
}

bool history_cpu_at(const struct history *h, int64_t tick, int cpu, struct history_cpu *out)
{
	if (tick < 0 || tick > h->now || tick <= h->now - HISTORY_TICKS_MAX || cpu < 0 || cpu >= h->ncpus)
		return false;
	int slot = (int)(tick % HISTORY_TICKS_MAX);
	if (h->tick_of[slot] != tick)
		return false;
	*out = h->cpu[slot * h->ncpus + cpu];
	return true;
}

bool history_changed(const struct history *h, int pid)
{
	for (int i = 0; i < h->nchanged; i++)
		if (h->changed[i] == pid)
			return true;
	return false;
}

/* ---- a process's story ------------------------------------------------------------- */

struct story {
	bool keyboard;
	int pid;
	int64_t since;
	history_story_fn *fn;
	void *ctx;
	struct sim *s;
	FILE *f;
	char buf[NARRATE_BYTES];
};

static void story_sink(void *ctx, const struct sim_event *ev)
{
	struct story *st = ctx;
	if (ev->t < st->since)
		return;
	bool about = ev->pid == st->pid || (ev->kind == EV_SPAWN && ev->ppid == st->pid) ||
		     (ev->kind == EV_REAP && ev->other == st->pid) || (ev->kind == EV_REPARENT && ev->to == st->pid) ||
		     (ev->kind == EV_SIGNAL && ev->other == st->pid) ||
		     ((ev->kind == EV_THREAD || ev->kind == EV_THREAD_EXIT) && ev->ppid == st->pid); /* its threads */
	if (about)
		st->fn(st->ctx, ev, sentence(st->keyboard, st->f, st->buf, st->s, ev));
}

bool history_story(const struct history *h, int pid, int64_t since, history_story_fn *fn, void *ctx)
{
	struct story *st = calloc(1, sizeof *st);
	if (!st)
		return false;
	st->f = fmemopen(st->buf, sizeof st->buf, "w");
	int i = cp_at_or_before(h, since - 1);
	st->s = sim_clone(h->cps[i].sim);
	if (!st->f || !st->s) {
		if (st->f)
			fclose(st->f);
		sim_free(st->s);
		free(st);
		return false;
	}
	st->pid = pid;
	st->since = since;
	st->fn = fn;
	st->ctx = ctx;
	sim_set_sink(st->s, story_sink, st);
	for (int64_t t = h->cps[i].tick + 1; t <= h->now && (t == 0 || sim_status(st->s) == SIM_RUNNING); t++) {
		sim_run(st->s, t);
		sim_advance_to(st->s, t);
		send_recorded(h, st->s, t, &st->keyboard);
	}
	fclose(st->f);
	sim_free(st->s);
	free(st);
	return true;
}

/* ---- the record ------------------------------------------------------------------ */

bool history_write_record(const struct history *h, FILE *out, const char *src, size_t len)
{
	fwrite(src, 1, len, out);
	if (len && src[len - 1] != '\n')
		fputc('\n', out);
	if (h->nsigs) {
		fprintf(out, "\n# %s\n# %s\n", _("Signals sent from the keyboard in procsim's interactive view (--record)."),
			_("Each one was sent after the scheduling of a tick, so it acts from the next tick."));
		for (int i = 0; i < h->nsigs; i++) {
			const char *name = sig_name(h->sigs[i].sig);
			/* The timeline has no renice yet: the line says what was done. */
			if (!h->sigs[i].sig)
				fprintf(out, "# at %lld renice %+d %d (%s)\n", (long long)h->sigs[i].tick + 1, h->sigs[i].nice,
					h->sigs[i].pid, _("not replayed: the timeline has no renice"));
			else if (name && strncmp(name, "SIG", 3) == 0)
				fprintf(out, "at %lld kill -%s %d\n", (long long)h->sigs[i].tick + 1, name + 3, h->sigs[i].pid);
			else
				fprintf(out, "at %lld kill -%d %d\n", (long long)h->sigs[i].tick + 1, h->sigs[i].sig, h->sigs[i].pid);
		}
	}
	return !ferror(out);
}

/* ---- life ------------------------------------------------------------------------- */

struct history *history_new(const struct scenario *sc, const struct sim_options *opt)
{
	struct history *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->sc = sc;
	if (opt)
		h->opt = *opt;
	h->now = -1;
	h->interval = FIRST_INTERVAL;
	h->budget = default_budget();
	h->collect = true;
	h->cur = sim_new(sc, &h->opt);
	struct sim *pristine = h->cur ? sim_new(sc, &h->opt) : NULL;
	h->capcps = 64;
	h->cps = malloc(sizeof *h->cps * (size_t)h->capcps);
	h->narr_f = fmemopen(h->narr, sizeof h->narr, "w");
	if (!h->cur || !pristine || !h->cps || !h->narr_f) {
		sim_free(pristine);
		h->ncps = 0;
		history_free(h);
		return NULL;
	}
	h->ncpus = sim_cpus(h->cur);
	h->cpu = calloc((size_t)HISTORY_TICKS_MAX * (size_t)h->ncpus, sizeof *h->cpu);
	h->ran = calloc((size_t)h->ncpus, sizeof *h->ran);
	if (!h->cpu || !h->ran) {
		sim_free(pristine);
		history_free(h);
		return NULL;
	}
	h->cps[0] = (struct checkpoint){-1, 0, pristine, 0};
	h->ncps = 1;
	sim_set_sink(h->cur, sink, h);
	cpu_reset(h);
	return h;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	for (int i = 0; i < h->ncps; i++)
		sim_free(h->cps[i].sim);
	free(h->cps);
	sim_free(h->cur);
	log_clear(h);
	free(h->sigs);
	free(h->changed);
	free(h->cpu);
	free(h->ran);
	if (h->narr_f)
		fclose(h->narr_f);
	free(h);
}

void history_set_budget(struct history *h, size_t bytes)
{
	h->budget = bytes;
	while (h->cp_bytes > h->budget && h->ncps > 2)
		cp_thin(h);
}

int64_t history_interval(const struct history *h) { return h->interval; }
int history_checkpoints(const struct history *h) { return h->ncps; }
size_t history_checkpoint_bytes(const struct history *h) { return h->cp_bytes; }
