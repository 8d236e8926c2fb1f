/* rec_scenario.c: a recording as a scenario (see rec_scenario.h). The
 * scenario is written as text and parsed like any other, so that every check
 * of the language applies to it too and the views need nothing new. */
#define _GNU_SOURCE /* sigabbrev_np */
#include "rec_scenario.h"

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "i18n.h"
#include "parse.h"

/* ---- PIDs to processes ---------------------------------------------------------- */

/* A real PID is reused once its process is gone: the map says which process
 * a PID is *now*, as the events are read in order. Open addressing, linear
 * probing; it never shrinks. */
struct pidmap {
	int *pid, *idx;
	size_t cap;
};

static bool pidmap_init(struct pidmap *m, size_t n)
{
	m->cap = 64;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->pid = calloc(m->cap, sizeof *m->pid);
	m->idx = calloc(m->cap, sizeof *m->idx);
	return m->pid && m->idx;
}

static size_t pidmap_slot(const struct pidmap *m, int pid)
{
	size_t h = ((size_t)(unsigned)pid * 2654435761u) & (m->cap - 1);
	while (m->pid[h] && m->pid[h] != pid)
		h = (h + 1) & (m->cap - 1);
	return h;
}

static void pidmap_set(struct pidmap *m, int pid, int idx)
{
	size_t h = pidmap_slot(m, pid);
	m->pid[h] = pid;
	m->idx[h] = idx;
}

static int pidmap_get(const struct pidmap *m, int pid)
{
	if (pid <= 0)
		return -1;
	size_t h = pidmap_slot(m, pid);
	return m->pid[h] ? m->idx[h] : -1;
}

static void pidmap_free(struct pidmap *m)
{
	free(m->pid);
	free(m->idx);
}

/* ---- the tree ----------------------------------------------------------------------- */

/* "python3 app.py" from "/usr/bin/python3 app.py": what a user calls the command. */
static char *command_name(const char *cmdline)
{
	size_t first = strcspn(cmdline, " ");
	const char *base = cmdline;
	for (const char *p = cmdline; p < cmdline + first; p++)
		if (*p == '/')
			base = p + 1;
	size_t len = strlen(base);
	char *s = malloc(len + 1);
	if (s)
		memcpy(s, base, len + 1);
	return s;
}

/* Which process each event belongs to (owner) and, for a fork, a reap or a
 * signal sent, which process it names (target); both -1 when none. */
struct rec_index {
	int *owner, *target;
};

static bool tree_scan(const struct recording *r, struct rec_tree *t, struct rec_index *x)
{
	size_t nforks = 1;
	for (size_t i = 0; i < r->n; i++)
		nforks += r->ev[i].kind == REC_FORK && r->ev[i].fork_kind != REC_FORK_THREAD;
	/* The command's last exec: a wrapper (pyenv's shim, `env`, a shell
	 * script's last command) forks helpers before it execs the program
	 * itself. Its children from before are numbered apart, 0.1, 0.2...,
	 * so that the program's own children are 1.1, 1.2... as in its
	 * scenario. */
	long long last_exec = -1;
	int root_pid = 0, before_exec = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->ev[i].kind == REC_START && !root_pid)
			root_pid = r->ev[i].pid;
		if (r->ev[i].kind == REC_EXEC && r->ev[i].pid == root_pid && root_pid)
			last_exec = r->ev[i].t;
	}
	t->p = calloc(nforks, sizeof *t->p);
	t->n = 0;
	x->owner = malloc((r->n + 1) * sizeof *x->owner);
	x->target = malloc((r->n + 1) * sizeof *x->target);
	struct pidmap m;
	bool ok = pidmap_init(&m, nforks) && t->p && x->owner && x->target;
	for (size_t i = 0; ok && i < r->n; i++) {
		const struct rec_event *e = &r->ev[i];
		x->owner[i] = x->target[i] = -1;
		if (e->kind == REC_START && t->n == 0) {
			struct rec_proc *p = &t->p[t->n];
			p->pid = e->pid;
			p->parent = -1;
			snprintf(p->pos, sizeof p->pos, "1");
			p->exit_t = p->reaper = -1;
			p->name = command_name(r->cmdline);
			ok = p->name != NULL;
			pidmap_set(&m, e->pid, t->n++);
		}
		int owner = pidmap_get(&m, e->pid);
		x->owner[i] = owner;
		if (owner < 0)
			continue;
		struct rec_proc *p = &t->p[owner];
		switch (e->kind) {
		case REC_FORK: {
			if (e->fork_kind == REC_FORK_THREAD)
				break;
			struct rec_proc *c = &t->p[t->n];
			p = &t->p[owner]; /* t->p does not move: sized for every fork */
			c->pid = e->child;
			c->parent = owner;
			char parent_pos[sizeof p->pos];
			memcpy(parent_pos, p->pos, sizeof parent_pos);
			if (owner == 0 && e->t < last_exec)
				snprintf(c->pos, sizeof c->pos, "0.%d", ++before_exec);
			else
				snprintf(c->pos, sizeof c->pos, "%.50s.%d", parent_pos, ++p->nchildren);
			c->start_t = e->t;
			c->exit_t = c->reaper = -1;
			c->name = strdup(p->name);
			ok = c->name != NULL;
			x->target[i] = t->n;
			pidmap_set(&m, e->child, t->n++);
			break;
		}
		case REC_EXEC:
			if (e->cmdline && *e->cmdline) {
				free(p->name);
				ok = (p->name = command_name(e->cmdline)) != NULL;
			}
			break;
		case REC_EXIT:
			if (e->tid == e->pid) {
				p->exit_t = e->t;
				p->status = e->status;
			}
			break;
		case REC_REAP: {
			int c = pidmap_get(&m, e->child);
			x->target[i] = c;
			if (c >= 0) {
				t->p[c].reaper = owner;
				t->p[c].reap_t = e->t;
			}
			break;
		}
		case REC_ENTER:
			if ((strcmp(e->call, "kill") == 0 || strcmp(e->call, "tkill") == 0) && e->nargs >= 2)
				x->target[i] = pidmap_get(&m, (int)e->args[0]);
			else if (strcmp(e->call, "tgkill") == 0 && e->nargs >= 3)
				x->target[i] = pidmap_get(&m, (int)e->args[0]);
			break;
		default:
			break;
		}
	}
	pidmap_free(&m);
	return ok && t->n > 0;
}

bool rec_tree_build(const struct recording *r, struct rec_tree *t)
{
	struct rec_index x;
	bool ok = tree_scan(r, t, &x);
	free(x.owner);
	free(x.target);
	if (!ok)
		rec_tree_free(t);
	return ok;
}

void rec_tree_free(struct rec_tree *t)
{
	for (int i = 0; t->p && i < t->n; i++)
		free(t->p[i].name);
	free(t->p);
	t->p = NULL;
	t->n = 0;
}

int rec_tree_find(const struct rec_tree *t, int pid)
{
	for (int i = t->n - 1; i >= 0; i--) /* the latest process with that PID */
		if (t->p[i].pid == pid)
			return i;
	return -1;
}

/* ---- text ------------------------------------------------------------------------------ */

struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

__attribute__((format(printf, 2, 3)))
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	for (int tries = 0; tries < 2 && !b->oom; tries++) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = b->cap ? b->cap : 4096;
		while (cap <= b->len + (size_t)n)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
}

/* A string of the scenario language: quotes, escapes, and braces doubled
 * (a placeholder would otherwise be read). At most `max` bytes of text,
 * cut at a character's start. */
static void sb_quote(struct sbuf *b, const char *s, size_t n, size_t max)
{
	sb_printf(b, "\"");
	size_t i = 0;
	for (; i < n && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", c);
		else if (c == '{' || c == '}')
			sb_printf(b, "%c%c", c, c);
		else if (c == '\t')
			sb_printf(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sb_printf(b, "?");
		else
			sb_printf(b, "%c", c);
	}
	while (i < n && i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) { /* do not cut a character */
		b->len--;
		i--;
	}
	if (i < n)
		sb_printf(b, "...");
	sb_printf(b, "\"");
}

/* The program of the process at tree position "1.2.1": proc_1_2_1. */
static void sb_program_name(struct sbuf *b, const char *pos)
{
	sb_printf(b, "proc_");
	for (const char *c = pos; *c; c++)
		sb_printf(b, "%c", *c == '.' ? '_' : *c);
}

/* ---- one program ------------------------------------------------------------------ */

long long rec_scenario_tick_ns(const struct recording *r)
{
	static const long long ticks[] = {1000000, 10000000, 100000000, 1000000000}; /* 1ms: the language's finest */
	for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++)
		if (r->end_t / ticks[i] <= 200000)
			return ticks[i];
	return 1000000000;
}

#define MAX_HANDLES 200               /* locals of a program: PARSE_MAX_LOCALS is 256 */
#define PRINT_MAX 400                 /* bytes of one printed line kept */

/* What the writer of one program knows. */
struct gen {
	const struct recording *r;
	const struct rec_tree *t;
	const struct rec_index *x;
	struct sbuf *b;
	long long tick_ns;
	int self;                     /* the process written */
	long long cursor;             /* the tick its program has reached */
	long long stopped_ticks;      /* ticks stopped by a signal of the recording since the cursor */
	long long stopped_since;      /* -1: not stopped (or not by the recording's own kill) */
	bool stop_modeled;            /* the next stop comes from a kill this scenario makes */
	int *handle;                  /* per process: its handle slot in this program, or -1 */
	bool used[MAX_HANDLES];
	char *line;                   /* output not yet ending in a newline */
	size_t line_len, line_cap;
};

static long long tick_of(const struct gen *g, long long t_ns)
{
	return (t_ns + g->tick_ns / 2) / g->tick_ns;
}

/* The program runs (R) until t: `compute`, less the time it was stopped by
 * a kill of the scenario, which the simulation will stop it for. */
static void advance(struct gen *g, long long t_ns)
{
	long long to = tick_of(g, t_ns), n = to - g->cursor - g->stopped_ticks;
	if (n > 0)
		sb_printf(g->b, "    compute %lld ticks\n", n);
	if (to > g->cursor)
		g->cursor = to;
	g->stopped_ticks = 0;
}

static void emit_lines(struct gen *g, const char *s, size_t n, bool flush_partial)
{
	if (g->line_len + n > g->line_cap) {
		size_t cap = g->line_cap ? g->line_cap : 256;
		while (cap < g->line_len + n)
			cap *= 2;
		char *l = realloc(g->line, cap);
		if (!l) {
			g->b->oom = true;
			return;
		}
		g->line = l;
		g->line_cap = cap;
	}
	if (n == 0 && g->line_len == 0)
		return; /* nothing new, nothing held */
	if (n)
		memcpy(g->line + g->line_len, s, n);
	g->line_len += n;
	size_t start = 0;
	for (size_t i = 0; i < g->line_len; i++)
		if (g->line[i] == '\n') {
			sb_printf(g->b, "    print ");
			sb_quote(g->b, g->line + start, i - start, PRINT_MAX);
			sb_printf(g->b, "\n");
			start = i + 1;
		}
	if (flush_partial && start < g->line_len) {
		sb_printf(g->b, "    print ");
		sb_quote(g->b, g->line + start, g->line_len - start, PRINT_MAX);
		sb_printf(g->b, "\n");
		start = g->line_len;
	}
	memmove(g->line, g->line + start, g->line_len - start);
	g->line_len -= start;
}

static bool is_stop_sig(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Is a signal sent from one process of the recording to another made by the
 * scenario? Only when the simulation's default action does what the real
 * signal did: it stops or continues, it is ignored by default, or the target
 * died of it. A signal the target caught is not sent: the scenario does not
 * know the handler, and the target ends as it was recorded. */
static bool kill_is_modeled(const struct rec_tree *t, int target, int sig)
{
	if (target < 0 || sig <= 0 || sig >= 32)
		return false;
	if (sig == SIGSTOP || sig == SIGCONT || sig == SIGKILL || is_stop_sig(sig))
		return true;
	if (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH)
		return true;
	const struct rec_proc *p = &t->p[target];
	return p->exit_t >= 0 && WIFSIGNALED(p->status) && WTERMSIG(p->status) == sig;
}

static const char *sig_abbrev(int sig)
{
	static char buf[16];
	const char *a = sigabbrev_np(sig);
	if (a)
		return a;
	snprintf(buf, sizeof buf, "%d", sig);
	return buf;
}

/* How the program names process k: a handle, self, parent, or the PID the
 * simulation gives it (PIDs are handed out in order: main is 3). */
static void target_name(struct gen *g, int k, char *buf, size_t n)
{
	if (k == g->self)
		snprintf(buf, n, "self");
	else if (k == g->t->p[g->self].parent)
		snprintf(buf, n, "parent");
	else if (g->handle[k] >= 0)
		snprintf(buf, n, "c%d", g->handle[k]);
	else
		snprintf(buf, n, "%d", 3 + k);
}

static int new_handle(struct gen *g)
{
	for (int i = 0; i < MAX_HANDLES; i++)
		if (!g->used[i]) {
			g->used[i] = true;
			return i;
		}
	return -1;
}

/* The program of process `self`, from its events `ev` (indices, in order). */
static void write_program(struct gen *g, const size_t *ev, size_t nev)
{
	const struct recording *r = g->r;
	const struct rec_proc *me = &g->t->p[g->self];
	g->cursor = tick_of(g, me->start_t);
	g->stopped_ticks = 0;
	g->stopped_since = -1;
	g->stop_modeled = false;
	g->line_len = 0;
	memset(g->used, 0, sizeof g->used);
	long long wait_enter = -1, block_enter = -1;
	bool restarting = false; /* the last blocking call returned -ERESTART*: the kernel makes it again */
	bool ended = false, dies_of_kill = false;
	for (size_t k = 0; k < nev && !ended; k++) {
		size_t i = ev[k];
		const struct rec_event *e = &r->ev[i];
		int target = g->x->target[i];
		bool leader = e->tid == e->pid;
		switch (e->kind) {
		case REC_FORK:
			if (e->fork_kind == REC_FORK_THREAD || target < 0)
				break;
			advance(g, e->t);
			g->handle[target] = new_handle(g);
			sb_printf(g->b, "    fork ");
			sb_program_name(g->b, g->t->p[target].pos);
			if (g->handle[target] >= 0)
				sb_printf(g->b, " as c%d", g->handle[target]);
			sb_printf(g->b, " named ");
			sb_quote(g->b, g->t->p[target].name, strlen(g->t->p[target].name), PRINT_MAX);
			sb_printf(g->b, "\n");
			break;
		case REC_ENTER:
			if (!leader)
				break;
			if (strcmp(e->call, "wait4") == 0 || strcmp(e->call, "waitid") == 0)
				{
				if (!restarting || wait_enter < 0)
					wait_enter = e->t;
			}
			else if (strcmp(e->call, "kill") == 0 || strcmp(e->call, "tkill") == 0 || strcmp(e->call, "tgkill") == 0) {
				int sig = (int)e->args[strcmp(e->call, "tgkill") == 0 ? 2 : 1];
				if (!kill_is_modeled(g->t, target, sig))
					break;
				char name[32];
				advance(g, e->t);
				target_name(g, target, name, sizeof name);
				sb_printf(g->b, "    kill -%s %s\n", sig_abbrev(sig), name);
			} else if (strcmp(e->call, "write") != 0 && strcmp(e->call, "close") != 0 &&
				   strncmp(e->call, "pipe", 4) != 0 && !strstr(e->call, "kill"))
				if (!restarting || block_enter < 0)
					block_enter = e->t; /* read, poll, select, futex, nanosleep, pause...: may block */
			break;
		case REC_RETURN:
			if (!leader)
				break;
			/* -ERESTARTSYS (512) to -ERESTART_RESTARTBLOCK (516): a signal (under
			 * ptrace, any signal) interrupted the call and the kernel restarts
			 * it: one sleep, not two */
			restarting = e->ret <= -512 && e->ret >= -516;
			if (restarting && (block_enter >= 0 || wait_enter >= 0))
				break;
			if (block_enter >= 0 || (wait_enter >= 0 && (strcmp(e->call, "wait4") == 0 || strcmp(e->call, "waitid") == 0))) {
				long long from = block_enter >= 0 ? block_enter : wait_enter;
				/* a call that blocked a tick or more: asleep (a reap is written by its own event) */
				bool reaps = k + 1 < nev && r->ev[ev[k + 1]].kind == REC_REAP && r->ev[ev[k + 1]].tid == e->tid;
				if (!reaps && tick_of(g, e->t) - tick_of(g, from) >= 1) {
					advance(g, from);
					sb_printf(g->b, "    sleep %lld ticks\n", tick_of(g, e->t) - g->cursor);
					g->cursor = tick_of(g, e->t);
				}
				if (!reaps)
					wait_enter = -1;
				block_enter = -1;
			}
			break;
		case REC_REAP:
			if (target < 0 || g->t->p[target].parent != g->self)
				break; /* an adopted orphan: in the simulation init adopts it */
			advance(g, wait_enter >= 0 ? wait_enter : e->t);
			if (g->handle[target] >= 0) {
				sb_printf(g->b, "    wait c%d\n", g->handle[target]);
				g->used[g->handle[target]] = false;
			} else
				sb_printf(g->b, "    wait\n");
			g->handle[target] = -1;
			if (tick_of(g, e->t) > g->cursor)
				g->cursor = tick_of(g, e->t);
			wait_enter = -1;
			break;
		case REC_OUTPUT:
			advance(g, e->t);
			emit_lines(g, e->text, e->text_len, false);
			break;
		case REC_SIGNAL:
			if (leader && is_stop_sig(e->sig))
				g->stop_modeled = e->from > 0 && rec_tree_find(g->t, e->from) >= 0;
			break;
		case REC_STOP:
			if (leader && g->stop_modeled && g->stopped_since < 0)
				g->stopped_since = e->t;
			g->stop_modeled = false;
			break;
		case REC_CONT:
			if (leader && g->stopped_since >= 0) {
				g->stopped_ticks += tick_of(g, e->t) - tick_of(g, g->stopped_since);
				g->stopped_since = -1;
			}
			break;
		case REC_EXIT:
			if (!leader)
				break;
			advance(g, e->t);
			emit_lines(g, "", 0, true);
			if (WIFEXITED(e->status))
				sb_printf(g->b, "    exit %d\n", WEXITSTATUS(e->status));
			else if (WIFSIGNALED(e->status)) {
				int sig = WTERMSIG(e->status);
				/* killed by a kill of the scenario: wait for it; else it dies here */
				for (size_t j = 0; j < r->n && !dies_of_kill; j++)
					if (r->ev[j].kind == REC_ENTER && g->x->target[j] == g->self && g->x->owner[j] >= 0 &&
					    g->x->owner[j] != g->self && strstr(r->ev[j].call, "kill") &&
					    r->ev[j].args[strcmp(r->ev[j].call, "tgkill") == 0 ? 2 : 1] == sig)
						dies_of_kill = true;
				if (!dies_of_kill)
					sb_printf(g->b, "    kill -%s self\n", sig_abbrev(sig));
			}
			ended = !dies_of_kill;
			break;
		default:
			break;
		}
	}
	emit_lines(g, "", 0, true);
	if (!ended && !dies_of_kill) {
		/* Alive when the recording ended: as it was then, a tick past the
		 * end, where the scenario's limit stops the run. */
		long long from = block_enter >= 0 ? block_enter : wait_enter;
		long long end = tick_of(g, r->end_t) + 1;
		if (from >= 0) {
			advance(g, from);
			sb_printf(g->b, "    sleep %lld ticks\n", end > g->cursor ? end - g->cursor : 1);
		} else {
			advance(g, r->end_t);
			sb_printf(g->b, "    compute %lld ticks\n", end > g->cursor ? end - g->cursor : 1);
		}
	}
	if (!ended)
		sb_printf(g->b, "    loop\n        pause\n");
}

/* ---- the scenario ------------------------------------------------------------------ */

/* The most processes alive (not yet exited) at once. */
static int max_alive(const struct rec_tree *t)
{
	int best = 1;
	for (int i = 0; i < t->n; i++) {
		int alive = 0;
		for (int j = 0; j < t->n; j++)
			alive += t->p[j].start_t <= t->p[i].start_t && (t->p[j].exit_t < 0 || t->p[j].exit_t > t->p[i].start_t);
		if (alive > best)
			best = alive;
	}
	return best;
}

char *rec_scenario_source(const struct recording *r, const char *file, char *err, size_t errn)
{
	struct rec_tree t = {0};
	struct rec_index x = {0};
	struct sbuf b = {0};
	size_t *order = NULL, *first = NULL;
	struct gen g = {.r = r, .t = &t, .x = &x, .b = &b, .tick_ns = rec_scenario_tick_ns(r)};
	err[0] = '\0';
	if (!tree_scan(r, &t, &x)) {
		snprintf(err, errn, "%s", t.p && x.owner ? _("the recording has no start event") : _("out of memory"));
		goto done;
	}
	if (t.n > PARSE_MAX_PROGRAMS) {
		snprintf(err, errn, _("the recording has %1$d processes; procsim shows at most %2$d"), t.n, PARSE_MAX_PROGRAMS);
		goto done;
	}
	/* each process's events, in order: a counting sort by owner */
	order = malloc((r->n + 1) * sizeof *order);
	first = calloc((size_t)t.n + 1, sizeof *first);
	g.handle = malloc((size_t)t.n * sizeof *g.handle);
	if (!order || !first || !g.handle) {
		snprintf(err, errn, "%s", _("out of memory"));
		goto done;
	}
	for (size_t i = 0; i < r->n; i++)
		if (x.owner[i] >= 0)
			first[x.owner[i] + 1]++;
	for (int i = 0; i < t.n; i++)
		first[i + 1] += first[i];
	{
		size_t *fill = calloc((size_t)t.n, sizeof *fill);
		if (!fill) {
			snprintf(err, errn, "%s", _("out of memory"));
			goto done;
		}
		for (size_t i = 0; i < r->n; i++)
			if (x.owner[i] >= 0)
				order[first[x.owner[i]] + fill[x.owner[i]]++] = i;
		free(fill);
	}
	long long end_tick = (r->end_t + g.tick_ns - 1) / g.tick_ns;
	int cpus = max_alive(&t) + 1; /* +1: bash and init, when they wake */
	const char *base = strrchr(file, '/');
	sb_printf(&b, "# The recording %s of `%s`, as a scenario (procsim record; docs/recording.md).\n",
		  base ? base + 1 : file, r->cmdline);
	sb_printf(&b, "# One tick is %lld ms; %d CPUs, so that no process waits for one here:\n", g.tick_ns / 1000000,
		  cpus > PARSE_MAX_CPUS ? PARSE_MAX_CPUS : cpus);
	sb_printf(&b, "# the time a process waited for a CPU on the real machine counts as running (R).\n");
	sb_printf(&b, "# costs none: the recorded times already hold what each call and CPython's own steps cost.\n");
	sb_printf(&b, "title ");
	char title[512];
	snprintf(title, sizeof title, "%s (recorded)", r->cmdline);
	sb_quote(&b, title, strlen(title), 200);
	/* The run ends where the recording did when a process was still alive
	 * then; else a little later, for the simulation's drift (a tick here
	 * and there) */
	bool alive_at_end = false;
	for (int i = 0; i < t.n; i++)
		alive_at_end |= t.p[i].exit_t < 0;
	sb_printf(&b, "\ntick %lldms\ncpus %d\npolicy fifo\ncosts none\nlimit %lld ticks\n", g.tick_ns / 1000000,
		  cpus > PARSE_MAX_CPUS ? PARSE_MAX_CPUS : cpus, alive_at_end ? end_tick : end_tick + end_tick / 10 + 100);
	for (int i = 0; i < t.n && !b.oom; i++) {
		g.self = i;
		for (int j = 0; j < t.n; j++)
			g.handle[j] = -1;
		sb_printf(&b, "\n# PID %d, tree position %s\n", t.p[i].pid, t.p[i].pos);
		if (i == 0) {
			sb_printf(&b, "main ");
			sb_quote(&b, t.p[i].name, strlen(t.p[i].name), PRINT_MAX);
			sb_printf(&b, "\n");
		} else {
			sb_printf(&b, "program ");
			sb_program_name(&b, t.p[i].pos);
			sb_printf(&b, "\n");
		}
		size_t before = b.len;
		write_program(&g, order + first[i], first[i + 1] - first[i]);
		if (b.len == before)
			sb_printf(&b, "    exit 0\n");
	}
	if (b.oom)
		snprintf(err, errn, "%s", _("out of memory"));
done:
	free(g.line);
	free(g.handle);
	free(order);
	free(first);
	free(x.owner);
	free(x.target);
	rec_tree_free(&t);
	if (err[0] || b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
