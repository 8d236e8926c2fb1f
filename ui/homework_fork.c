/* homework_fork.c: `procsim homework fork`, OSTEP's cpu-api/fork.py: a
 * process tree grown by fork and shrunk by exit, printed after each action.
 *
 * The actions are drawn (or read from -A) as the tool does, and then each
 * is made by the right process on procsim's kernel: every process of the
 * tree runs `proc` below, which forks on SIGUSR1 and exits on SIGUSR2; the
 * homework sends the signal from the teacher's keyboard (sim_send_signal)
 * and runs the kernel until every process waits again. The tree is the
 * kernel's, read from its events: who forked whom (spawn), who exited
 * (exit), who adopted the orphans (reparent), children in the kernel's
 * order (fork appends to the parent's list, re-parenting to the reaper's).
 *
 * Re-parenting. With -R (fork.py's local_reparent) every process is a child
 * subreaper (PR_SET_CHILD_SUBREAPER), so Linux's find_new_reaper gives an
 * orphan to its parent's parent: that is the tool's rule, and the kernel
 * makes it alone. Without -R only the root is a subreaper, so it adopts the
 * orphans as init would; the kernel (forget_original_parent) moves the
 * direct children of the exiting process, and the homework checks that it
 * moved them to the root. fork.py moves ALL the descendants to the root
 * (collect_children), which no Linux rule does: the homework hangs the
 * grandchildren on the root itself, as the tool does, and docs/homework.md
 * says so. */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_scenario.h"
#include "homework_int.h"
#include "i18n.h"
#include "pyrandom.h"
#include "sig.h"
#include "sim.h"

/* A guard against a runaway, far above any exercise: the tool itself slows
 * down quadratically long before it. */
#define FORK_MAX_ACTIONS 1000000

struct fork_hw {
	long long seed, actions;
	double forks;
	const char *action_list, *print_style;
	bool show_tree, just_final, leaf_only, local_reparent, solve;
};

static const struct hw_option fork_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct fork_hw, seed), "the random seed"},
	{'f', "forks", "FORK_PERCENTAGE", HW_FLOAT, offsetof(struct fork_hw, forks),
	 "percent of actions that are forks (not exits)"},
	{'A', "action_list", "ACTION_LIST", HW_STRING, offsetof(struct fork_hw, action_list),
	 "action list, instead of randomly generated ones (format: a+b,b+c,b- means a fork b, b fork c, b exit)"},
	{'a', "actions", "ACTIONS", HW_INT, offsetof(struct fork_hw, actions), "number of forks/exits to do"},
	{'t', "show_tree", NULL, HW_FLAG, offsetof(struct fork_hw, show_tree), "show tree (not actions)"},
	{'P', "print_style", "PRINT_STYLE", HW_STRING, offsetof(struct fork_hw, print_style),
	 "tree print style (basic, line1, line2, fancy)"},
	{'F', "final_only", NULL, HW_FLAG, offsetof(struct fork_hw, just_final), "just show final state"},
	{'L', "leaf_only", NULL, HW_FLAG, offsetof(struct fork_hw, leaf_only), "only leaf processes exit"},
	{'R', "local_reparent", NULL, HW_FLAG, offsetof(struct fork_hw, local_reparent), "reparent to local parent"},
	{'c', "compute", NULL, HW_FLAG, offsetof(struct fork_hw, solve), "compute answers for me"},
};

/* ---- the actions ------------------------------------------------------------------ */

/* "x+y": x forks y; "x-": x exits (y NULL); text is the action as written. */
struct action {
	char *text, *x, *y;
	bool bad;                 /* not X+Y nor X-: the tool's "bad action" when it is reached */
};

/* fork.py's names: a, b, ..., Z, then aa, ab, ... ZZ, then aaa...: the
 * index in base 52, as many letters as the current length. */
struct namer {
	long long index, count;   /* count: 52^len */
	int len;
};

static const char name_letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

static char *next_name(struct namer *nm)
{
	if (nm->index == nm->count) { /* grow_names */
		nm->len++;
		nm->count *= 52;
		nm->index = 0;
	}
	char *s = malloc((size_t)nm->len + 1);
	if (!s)
		return NULL;
	for (long long i = nm->index++, k = nm->len - 1; k >= 0; k--, i /= 52)
		s[k] = name_letters[i % 52];
	s[nm->len] = '\0';
	return s;
}

static char *dup_text(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* check_legal, without exiting: "a+b" splits at '+' into two, "b-" at '-'
 * into two (the second ignored); anything else is a bad action. */
static bool read_action(const char *s, size_t n, struct action *a)
{
	memset(a, 0, sizeof *a);
	if (!(a->text = dup_text(s, n)))
		return false;
	char sep = memchr(s, '+', n) ? '+' : memchr(s, '-', n) ? '-' : 0;
	const char *at = sep ? memchr(s, sep, n) : NULL;
	if (!at || memchr(at + 1, sep, n - (size_t)(at + 1 - s))) {
		a->bad = true;
		return true;
	}
	a->x = dup_text(s, (size_t)(at - s));
	a->y = sep == '+' ? dup_text(at + 1, n - (size_t)(at + 1 - s)) : NULL;
	return a->x && (sep == '-' || a->y);
}

static void free_actions(struct action *a, int n)
{
	for (int i = 0; a && i < n; i++) {
		free(a[i].text);
		free(a[i].x);
		free(a[i].y);
	}
	free(a);
}

/* -A: split at commas, as str.split(','). */
static struct action *parse_action_list(const char *list, int *n)
{
	int cap = 1;
	for (const char *p = list; *p; p++)
		cap += *p == ',';
	struct action *a = calloc((size_t)cap, sizeof *a);
	*n = 0;
	for (const char *p = list; a;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (!read_action(p, len, &a[(*n)++])) {
			free_actions(a, *n);
			return NULL;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	return a;
}

/* The tool's drawing: each action is a fork with probability -f, by a
 * process chosen among those forked so far and not drawn to exit (the
 * root never exits: such a draw is drawn again). */
static struct action *draw_actions(const struct fork_hw *o, int *n)
{
	struct pyrandom r;
	/* No -s: the tool is unseeded and differs on every run; procsim stays
	 * deterministic and draws as random.seed(-1) would (that is seed 1). */
	pyrandom_seed(&r, o->seed);
	long long want = o->actions > 0 ? o->actions : 0;
	struct action *a = calloc((size_t)want + 1, sizeof *a);
	const char **live = malloc(((size_t)want + 1) * sizeof *live);
	struct namer nm = {.index = 1, .count = 52, .len = 1};
	*n = 0;
	bool ok = a && live;
	int nlive = 0;
	if (ok)
		live[nlive++] = "a";
	while (ok && *n < want) {
		struct action *x = &a[*n];
		if (pyrandom_random(&r) < o->forks) {
			const char *parent = live[(int)(pyrandom_random(&r) * nlive)];
			char *child = next_name(&nm);
			x->x = dup_text(parent, strlen(parent));
			x->y = child;
			live[nlive++] = child;
			ok = child != NULL;
		} else {
			int k = (int)(pyrandom_random(&r) * nlive);
			if (k == 0) /* the root: "no killing root process, sorry" */
				continue;
			x->x = dup_text(live[k], strlen(live[k]));
			memmove(&live[k], &live[k + 1], (size_t)(nlive - k - 1) * sizeof *live);
			nlive--;
		}
		(*n)++;
		ok = ok && x->x;
	}
	free(live);
	if (!ok) {
		free_actions(a, *n);
		return NULL;
	}
	return a;
}

/* ---- the tree, as the kernel made it ------------------------------------------------ */

struct fnode {
	const char *name;         /* the action's string */
	int pid;
	int parent;               /* node index, -1 for the root */
	int *kids, nkids, capkids;
	int next_same_hash;       /* the live-name table's chain */
	bool alive;
};

/* What the kernel reported while one action ran. */
struct kev {
	enum sim_event_kind kind;
	int pid, from, to;
};

struct forker {
	struct fnode *node;
	int n, cap;
	int *bucket;              /* live names: heads of chains, -1 empty */
	unsigned nbucket;
	int *by_pid;              /* pid -> node, -1 */
	int npid;
	int root;
	bool local;               /* -R */
	struct kev *ev;
	int nev, capev;
	bool oom;
	struct sim *s;
};

static unsigned hash_name(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The live process called name, or -1 (the tool's process_list). */
static int find_live(const struct forker *f, const char *name)
{
	for (int i = f->bucket[hash_name(name) & (f->nbucket - 1)]; i >= 0; i = f->node[i].next_same_hash)
		if (strcmp(f->node[i].name, name) == 0)
			return i;
	return -1;
}

static void forget_name(struct forker *f, int k)
{
	int *at = &f->bucket[hash_name(f->node[k].name) & (f->nbucket - 1)];
	while (*at != k)
		at = &f->node[*at].next_same_hash;
	*at = f->node[k].next_same_hash;
	f->node[k].alive = false;
}

static bool push_int(int **v, int *n, int *cap, int x)
{
	if (*n == *cap) {
		int c = *cap ? *cap * 2 : 4;
		int *m = realloc(*v, (size_t)c * sizeof *m);
		if (!m)
			return false;
		*v = m;
		*cap = c;
	}
	(*v)[(*n)++] = x;
	return true;
}

static void remove_kid(struct fnode *p, int k)
{
	for (int i = 0; i < p->nkids; i++)
		if (p->kids[i] == k) {
			memmove(&p->kids[i], &p->kids[i + 1], (size_t)(p->nkids - i - 1) * sizeof *p->kids);
			p->nkids--;
			return;
		}
}

static bool adopt(struct forker *f, int parent, int k)
{
	f->node[k].parent = parent;
	struct fnode *p = &f->node[parent];
	if (!push_int(&p->kids, &p->nkids, &p->capkids, k))
		return f->oom = true, false;
	return true;
}

/* A process the kernel made: node `name` for pid, a child of parent. */
static int add_node(struct forker *f, const char *name, int pid, int parent)
{
	if (f->n == f->cap) {
		int c = f->cap * 2;
		struct fnode *m = realloc(f->node, (size_t)c * sizeof *m);
		if (!m)
			return f->oom = true, -1;
		f->node = m;
		f->cap = c;
	}
	if (pid >= f->npid) {
		int c = pid * 2 + 16;
		int *m = realloc(f->by_pid, (size_t)c * sizeof *m);
		if (!m)
			return f->oom = true, -1;
		for (int i = f->npid; i < c; i++)
			m[i] = -1;
		f->by_pid = m;
		f->npid = c;
	}
	int k = f->n++;
	unsigned h = hash_name(name) & (f->nbucket - 1);
	f->node[k] = (struct fnode){.name = name, .pid = pid, .parent = -1, .next_same_hash = f->bucket[h], .alive = true};
	f->bucket[h] = k;
	f->by_pid[pid] = k;
	if (parent >= 0 && !adopt(f, parent, k))
		return -1;
	return k;
}

static int node_of_pid(const struct forker *f, int pid)
{
	return pid > 0 && pid < f->npid ? f->by_pid[pid] : -1;
}

static void on_kernel_event(void *ctx, const struct sim_event *e)
{
	struct forker *f = ctx;
	struct kev k = {.kind = e->kind, .pid = e->pid};
	switch (e->kind) {
	case EV_SPAWN:
		if (f->root < 0 && e->name && strcmp(e->name, "a") == 0) {
			f->root = add_node(f, "a", e->pid, -1);
			return;
		}
		k.from = e->ppid;
		break;
	case EV_EXIT:
	case EV_FORK_FAILED:
		break;
	case EV_REPARENT:
		k.from = e->other;
		k.to = e->to;
		break;
	default:
		return;
	}
	if (f->nev == f->capev) {
		int c = f->capev ? f->capev * 2 : 16;
		struct kev *m = realloc(f->ev, (size_t)c * sizeof *m);
		if (!m) {
			f->oom = true;
			return;
		}
		f->ev = m;
		f->capev = c;
	}
	f->ev[f->nev++] = k;
}

/* Every process runs this: it forks on SIGUSR1 and exits on SIGUSR2, and
 * ignores SIGCHLD, so that the kernel reaps an exiting child at once (no
 * zombie: fork.py's tree has none). A child is forked in its parent's
 * SIGUSR1 handler, where SIGUSR1 is blocked, and the mask survives fork and
 * exec (proc.c, as on Linux): each child unblocks it first. With -R every
 * process is a subreaper; without, only the root. */
static char *fork_scenario(bool local)
{
	const char *head = "title \"fork.py\"\n"
			   "pid_max 4194304\n"
			   "program proc\n"
			   "    unblock USR1\n"
			   "    ignore CHLD\n";
	const char *rest = "    on USR1\n"
			   "        fork proc\n"
			   "    on USR2\n"
			   "        exit 0\n"
			   "    loop\n"
			   "        pause\n"
			   "main \"a\"\n"
			   "    ignore CHLD\n"
			   "    subreaper\n"
			   "    on USR1\n"
			   "        fork proc\n"
			   "    loop\n"
			   "        pause\n";
	const char *sub = local ? "    subreaper\n" : "";
	size_t n = strlen(head) + strlen(sub) + strlen(rest) + 1;
	char *src = malloc(n);
	if (src)
		snprintf(src, n, "%s%s%s", head, sub, rest);
	return src;
}

/* Runs the kernel until every process waits for a signal again. */
static bool settle(struct forker *f)
{
	f->nev = 0;
	return sim_run(f->s, -1) == SIM_STUCK && !f->oom;
}

static bool kernel_broke(const char *what)
{
	fprintf(stderr, _("procsim homework fork: the kernel did not do what fork.py does: %s\n"), what);
	return false;
}

/* x forks a child named y: SIGUSR1 to x, which forks. */
static bool do_fork(struct forker *f, int x, const char *y)
{
	sim_send_signal(f->s, f->node[x].pid, SIG_USR1);
	if (!settle(f))
		return kernel_broke("fork");
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].kind == EV_SPAWN && f->ev[i].from == f->node[x].pid)
			return add_node(f, y, f->ev[i].pid, x) >= 0;
	return kernel_broke(_("no child was forked (no PID free?)"));
}

/* fork.py's default: ALL the descendants of the exiting process go to the
 * root, flat, in preorder (collect_children). */
static bool lift_descendants(struct forker *f, int x)
{
	int *stack = NULL, n = 0, cap = 0;
	for (int i = f->node[x].nkids - 1; i >= 0; i--)
		if (!push_int(&stack, &n, &cap, f->node[x].kids[i]))
			return free(stack), f->oom = true, false;
	f->node[x].nkids = 0;
	while (n > 0) {
		int d = stack[--n];
		struct fnode *dn = &f->node[d];
		for (int i = dn->nkids - 1; i >= 0; i--)
			if (!push_int(&stack, &n, &cap, dn->kids[i]))
				return free(stack), f->oom = true, false;
		dn->nkids = 0;
		if (!adopt(f, f->root, d))
			return free(stack), false;
	}
	free(stack);
	return true;
}

/* x exits: SIGUSR2 to x, which calls exit(0). */
static bool do_exit(struct forker *f, int x)
{
	sim_send_signal(f->s, f->node[x].pid, SIG_USR2);
	if (!settle(f))
		return kernel_broke("exit");
	bool exited = false;
	for (int i = 0; i < f->nev; i++)
		exited |= f->ev[i].kind == EV_EXIT && f->ev[i].pid == f->node[x].pid;
	if (!exited)
		return kernel_broke(_("the process did not exit"));
	int parent = f->node[x].parent;
	if (!f->local && !lift_descendants(f, x))
		return false;
	for (int i = 0; i < f->nev; i++) {
		if (f->ev[i].kind != EV_REPARENT)
			continue;
		int c = node_of_pid(f, f->ev[i].pid), to = node_of_pid(f, f->ev[i].to);
		if (f->local) {
			/* the kernel's rule is the tool's: the orphan goes to its
			 * grandparent, at the end of its children */
			if (c < 0 || f->node[c].parent != x || to != parent)
				return kernel_broke(_("an orphan was not adopted by its grandparent"));
			remove_kid(&f->node[x], c);
			if (!adopt(f, to, c))
				return false;
		} else if (c < 0 || to != f->root || f->node[c].parent != f->root) {
			return kernel_broke(_("an orphan was not adopted by the root"));
		}
	}
	if (f->node[x].nkids)
		return kernel_broke(_("an orphan was left with its dead parent"));
	remove_kid(&f->node[parent], x);
	forget_name(f, x);
	f->by_pid[f->node[x].pid] = -1;
	return true;
}

/* ---- printing the tree -------------------------------------------------------------- */

/* walk(): 31 spaces, then the style's branches and the name. Iterative
 * (a chain of forks may be deeper than C's stack), in the same preorder
 * and with the same column marks (pmask) as the tool's recursion. */
static bool print_tree(FILE *out, const struct forker *f, const char *style)
{
	const char *const *ch;
	static const char *const line1[] = {"|", "-", "+", "|"}, *const line2[] = {"|", "_", "|", "|"},
				 *const fancy[] = {"\u2502", "\u2500", "\u251c", "\u2514"};
	bool basic = strcmp(style, "basic") == 0;
	ch = strcmp(style, "line1") == 0 ? line1 : strcmp(style, "line2") == 0 ? line2 : fancy;
	struct frame {
		int node, level, next;
		bool last;
	};
	struct frame *st = malloc(sizeof *st * (size_t)(f->n + 1));
	bool *pmask = calloc((size_t)f->n + 2, sizeof *pmask);
	if (!st || !pmask) {
		free(st);
		free(pmask);
		return false;
	}
	int top = 0;
	st[top++] = (struct frame){f->root, 0, -1, false};
	while (top > 0) {
		struct frame *fr = &st[top - 1];
		const struct fnode *p = &f->node[fr->node];
		if (fr->next < 0) { /* first visit: print the node */
			fputs("                               ", out);
			if (basic) {
				for (int i = 0; i < fr->level; i++)
					fputs("   ", out);
				fprintf(out, "%2s\n", p->name);
			} else {
				if (fr->level > 0) {
					for (int i = 0; i < fr->level - 1; i++)
						fprintf(out, pmask[i] ? "%s   " : "    ", ch[0]);
					if (pmask[fr->level - 1])
						fprintf(out, "%s%s%s ", fr->last ? ch[3] : ch[2], ch[1], ch[1]);
					else
						fprintf(out, " %s%s%s ", ch[1], ch[1], ch[1]);
				}
				fprintf(out, "%s\n", p->name);
				if (fr->last)
					pmask[fr->level - 1] = false;
				pmask[fr->level] = true;
			}
			fr->next = 0;
		}
		if (fr->next == p->nkids) {
			top--;
			continue;
		}
		int k = p->kids[fr->next++];
		st[top] = (struct frame){k, fr->level + 1, -1, fr->next == p->nkids};
		top++;
	}
	free(st);
	free(pmask);
	return true;
}

/* ---- fork.py -------------------------------------------------------------------------- */

static void print_args(FILE *out, const struct fork_hw *o)
{
	char f[40];
	fprintf(out, "\nARG seed %lld\nARG fork_percentage %s\nARG actions %lld\nARG action_list %s\n", o->seed,
		homework_float_repr(o->forks, f, sizeof f), o->actions, o->action_list);
	fprintf(out, "ARG show_tree %s\nARG just_final %s\nARG leaf_only %s\nARG local_reparent %s\n", homework_bool(o->show_tree),
		homework_bool(o->just_final), homework_bool(o->leaf_only), homework_bool(o->local_reparent));
	fprintf(out, "ARG print_style %s\nARG solve %s\n\n", o->print_style, homework_bool(o->solve));
}

/* The tool's words for a bad action, then procsim's message. */
static int bad_action(FILE *out, const char *text)
{
	fprintf(out, "bad action (%s), must be X+Y or X- where X and Y are processes\n", text);
	fprintf(stderr, _("procsim homework fork: bad action '%s': write X+Y (X forks Y) or X- (X exits), X a living process\n"),
		text);
	return EXIT_USAGE;
}

/* One action on the kernel; the line the tool prints for it in *said. */
static int act(FILE *out, struct forker *f, const struct fork_hw *o, const struct action *a, char **said)
{
	int x = a->bad ? -1 : find_live(f, a->x);
	if (x < 0)
		return bad_action(out, a->text);
	size_t n = strlen(a->x) + (a->y ? strlen(a->y) : 0) + 40;
	if (!(*said = malloc(n)))
		return EXIT_SCENARIO;
	if (a->y) {
		if (find_live(f, a->y) >= 0) {
			fprintf(stderr, _("procsim homework fork: '%s': there is already a living process %s; give each its own name\n"),
				a->text, a->y);
			return EXIT_USAGE;
		}
		snprintf(*said, n, "%s forks %s", a->x, a->y);
		return do_fork(f, x, a->y) ? EXIT_OK : EXIT_SCENARIO;
	}
	if (o->leaf_only && f->node[x].nkids > 0) {
		snprintf(*said, n, "%s EXITS (failed: has children)", a->x);
		return EXIT_OK;
	}
	if (x == f->root) {
		fprintf(out, "root process: cannot exit\n");
		fprintf(stderr, _("procsim homework fork: '%s': the root process a cannot exit\n"), a->text);
		return EXIT_USAGE;
	}
	snprintf(*said, n, "%s EXITS", a->x);
	return do_exit(f, x) ? EXIT_OK : EXIT_SCENARIO;
}

static void show_step(FILE *out, const struct forker *f, const struct fork_hw *o, const char *said)
{
	if (o->show_tree) {
		if (o->solve)
			fprintf(out, "Action: %s\n", said);
		else
			fputs("Action?\n", out);
		if (!o->just_final)
			print_tree(out, f, o->print_style);
	} else {
		fprintf(out, "Action: %s\n", said);
		if (!o->just_final) {
			if (o->solve)
				print_tree(out, f, o->print_style);
			else
				fputs("Process Tree?\n", out);
		}
	}
}

static int run_actions(FILE *out, const struct fork_hw *o, struct action *a, int na)
{
	struct forker f = {.root = -1, .local = o->local_reparent, .cap = 64};
	f.nbucket = 64;
	while (f.nbucket < 2u * (unsigned)na + 2)
		f.nbucket *= 2;
	f.node = malloc(sizeof *f.node * (size_t)f.cap);
	f.bucket = malloc(sizeof *f.bucket * f.nbucket);
	struct loaded L;
	char *src = fork_scenario(f.local);
	int rc = !f.node || !f.bucket || !src ? EXIT_SCENARIO : cmd_scenario_load_source("fork.py", src, &L);
	if (rc) {
		if (!f.node || !f.bucket)
			free(src); /* never handed over (a load that fails frees it) */
		free(f.node);
		free(f.bucket);
		return rc;
	}
	memset(f.bucket, -1, sizeof *f.bucket * f.nbucket);
	/* a tick or two per action; more is a runaway */
	struct sim_options opt = {.max_ticks = 4 * (int64_t)na + 64};
	f.s = sim_new(L.sc, &opt);
	if (!f.s)
		rc = EXIT_SCENARIO;
	else
		sim_set_sink(f.s, on_kernel_event, &f);
	if (!rc && (!settle(&f) || f.root < 0)) {
		kernel_broke(_("the root process did not start"));
		rc = EXIT_SCENARIO;
	}
	for (int i = 0; !rc && i < na; i++) {
		char *said = NULL;
		rc = act(out, &f, o, &a[i], &said);
		if (!rc && f.oom)
			rc = EXIT_SCENARIO;
		if (!rc)
			show_step(out, &f, o, said);
		free(said);
	}
	if (!rc && o->just_final) {
		if (o->show_tree || o->solve) {
			fputs("\n                        Final Process Tree:\n", out);
			print_tree(out, &f, o->print_style);
			fputc('\n', out);
		} else {
			fputs("\n                        Final Process Tree?\n\n", out);
		}
	}
	if (f.oom)
		fprintf(stderr, "%s\n", _("procsim homework fork: out of memory"));
	if (f.s)
		sim_free(f.s);
	cmd_scenario_free(&L);
	for (int i = 0; i < f.n; i++)
		free(f.node[i].kids);
	free(f.node);
	free(f.bucket);
	free(f.by_pid);
	free(f.ev);
	return rc;
}

int homework_fork(int argc, char **argv, FILE *out)
{
	struct fork_hw o = {.seed = -1, .forks = 0.7, .actions = 5, .action_list = "", .print_style = "fancy"};
	bool help = false;
	int nopts = (int)(sizeof fork_options / sizeof fork_options[0]);
	int rc = homework_parse_options("fork.py", fork_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, "fork.py", fork_options, nopts);
		return EXIT_OK;
	}
	if (o.forks <= 0.001) {
		fputs("fork_percentage must be > 0.001\n", out);
		fprintf(stderr, "%s\n", _("procsim homework fork: -f must be more than 0.001"));
		return EXIT_USAGE;
	}
	if (isnan(o.forks) && !o.action_list[0]) {
		/* nan passes the tool's check, and then no action is ever a fork:
		 * fork.py draws for ever once only the root is left */
		fprintf(stderr, "%s\n", _("procsim homework fork: -f nan: no action would ever be a fork, and fork.py never ends"));
		return EXIT_USAGE;
	}
	if (o.actions > FORK_MAX_ACTIONS) {
		fprintf(stderr, _("procsim homework fork: -a: at most %d actions\n"), FORK_MAX_ACTIONS);
		return EXIT_USAGE;
	}
	print_args(out, &o);
	fputs("                           Process Tree:\n", out);
	static const char *const styles[] = {"basic", "line1", "line2", "fancy"};
	bool known = false;
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
		known |= strcmp(o.print_style, styles[i]) == 0;
	if (!known) { /* the tool's words, from its first walk() */
		fprintf(out, "                               bad style %s\n", o.print_style);
		fprintf(stderr, _("procsim homework fork: -P %s: the styles are basic, line1, line2 and fancy\n"), o.print_style);
		return EXIT_USAGE;
	}
	fprintf(out, "                               %s\n\n", strcmp(o.print_style, "basic") == 0 ? " a" : "a");
	int na = 0;
	struct action *a = o.action_list[0] ? parse_action_list(o.action_list, &na) : draw_actions(&o, &na);
	if (!a) {
		fprintf(stderr, "%s\n", _("procsim homework fork: out of memory"));
		return EXIT_SCENARIO;
	}
	rc = run_actions(out, &o, a, na);
	free_actions(a, na);
	return rc;
}
