/* top.c: the interactive view's loop. Keys go through the table of keys.c to
 * actions, which change the state and return reaction flags; one place reads
 * KEY_RESIZE; the terminal is restored on every way out (q, Ctrl+C and other
 * quitting signals, atexit, and a crash's signal handler). */
#include "top.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "i18n.h"
#include "keys.h"
#include "output.h"
#include "lang/program.h"
#include "narrate.h"
#include "screen.h"
#include "sig.h"
#include "snapshot.h"
#include "view_model.h"

#define FLASH_SEC 0.8
#define MESSAGE_SEC 4.0
#define FRAME_SEC (1.0 / 30)
#define NEXT_EVENT_MAX 10000000

static const double speeds[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000, 10000, 100000};
#define NSPEEDS ((int)(sizeof speeds / sizeof speeds[0]))
#define SPEED_1X 3

/* The signals the k key offers: the five a lesson needs most, with a key
 * each, then every other standard signal in number order, as htop lists
 * them all (Up, Down, Enter). */
static const struct { int sig; char key; const char *help; } menu_signals[] = {
	{SIG_TERM, 't', N_("TERM: ask it to terminate (the default of kill)")},
	{SIG_KILL, 'k', N_("KILL: terminate it at once; it cannot be caught")},
	{SIG_INT, 'i', N_("INT: as Ctrl+C")},
	{SIG_STOP, 's', N_("STOP: stop it (T); it cannot be caught")},
	{SIG_CONT, 'c', N_("CONT: continue it if it is stopped")},
};
#define NFIRST ((int)(sizeof menu_signals / sizeof menu_signals[0]))
#define NMENU (SIG_MAX - 1)

/* The signal of menu row i: the five first, then the others by number. */
static int menu_sig(int i)
{
	if (i < NFIRST)
		return menu_signals[i].sig;
	for (int sig = 1, row = NFIRST; sig < SIG_MAX; sig++) {
		bool first = false;
		for (int j = 0; j < NFIRST; j++)
			first |= menu_signals[j].sig == sig;
		if (!first && row++ == i)
			return sig;
	}
	return SIG_TERM;
}

static void menu_item(int i, char *buf, size_t n)
{
	if (i < NFIRST) {
		snprintf(buf, n, "%d %s", i + 1, _(menu_signals[i].help));
		return;
	}
	static const char *const actions[] = {
		[SIGDFL_TERMINATE] = N_("by default it terminates"),
		[SIGDFL_CORE] = N_("by default it terminates and dumps core"),
		[SIGDFL_IGNORE] = N_("by default it is ignored"),
		[SIGDFL_STOP] = N_("by default it stops (T)"),
		[SIGDFL_CONTINUE] = N_("by default it continues"),
	};
	int sig = menu_sig(i);
	snprintf(buf, n, "  %s (%d): %s", sig_name(sig) + 3, sig, _(actions[sig_default_action(sig)]));
}

enum mode { MODE_MAIN, MODE_HELP, MODE_EXPLAIN, MODE_GOTO, MODE_SIGNAL, MODE_SEARCH, MODE_FILTER, MODE_SORT, MODE_USER,
	    MODE_SETUP };

/* u's menu: htop lists the system's users; procsim has two. */
static const struct { const char *label; bool only; int uid; } menu_users[] = {
	{N_("All users"), false, 0},
	{"root", true, 0},
	{"student", true, 1000},
};
#define NUSERS ((int)(sizeof menu_users / sizeof menu_users[0]))

/* F2's meters after the columns: the header's and the panes' switches. */
enum setup_meter { SETUP_PER_CPU, SETUP_BIG_LOG, SETUP_METERS };
#define NSETUP (COL_COUNT + SETUP_METERS)

struct top {
	const struct top_args *args;
	struct history *h;
	struct vm vm;
	struct vm_settings set;
	struct vm_layout lay;
	enum mode mode;
	int speed;                /* index into speeds */
	bool running;
	double run_wall;          /* when the clock (re)started, wall time ... */
	int64_t run_tick;         /* ... and at which tick */
	int selected_pid, selected_row, top_row;
	double flash_until, message_until;
	char message[512];
	struct vm_text text;      /* help or explain */
	struct vm_text wrapped;   /* the same, wrapped to the screen's width */
	int wrapped_width;
	int scroll;
	char input[64];           /* go to */
	char search[64];          /* the last search (/, F3) */
	int menu;                 /* the open menu's selection */
	int last_key;             /* the key being handled */
};

static volatile sig_atomic_t quit_signal;

static double wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double ticks_per_sec(const struct top *t)
{
	int64_t us = t->args->sc->tick_us > 0 ? t->args->sc->tick_us : 100000;
	return speeds[t->speed] * 1e6 / (double)us;
}

__attribute__((format(printf, 2, 3)))
static void say(struct top *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_until = wall() + MESSAGE_SEC;
}

/* ---- moving through time ---------------------------------------------------------- */

static void moved(struct top *t)
{
	t->flash_until = wall() + FLASH_SEC;
	if (!history_running(t->h) && t->running) {
		t->running = false;
		say(t, "%s", _("The simulation has ended: see the header and the log. ← and [ go back."));
	}
}

static int go(struct top *t, int64_t tick)
{
	if (!history_goto(t->h, tick))
		say(t, "%s", _("Out of memory: the view may be incomplete."));
	moved(t);
	return REACT_REBUILD;
}

static void pause_clock(struct top *t) { t->running = false; }

static void start_clock(struct top *t)
{
	t->running = true;
	t->run_wall = wall();
	t->run_tick = history_now(t->h);
}

/* ---- actions ---------------------------------------------------------------------- */

typedef int action_fn(struct top *t);

static int act_run_pause(struct top *t)
{
	if (t->running)
		pause_clock(t);
	else if (history_running(t->h))
		start_clock(t);
	else
		say(t, "%s", _("The simulation has ended; ← and [ go back, g goes to a tick."));
	return REACT_REBUILD;
}

static int act_step(struct top *t)
{
	pause_clock(t);
	if (!history_running(t->h)) {
		say(t, "%s", _("The simulation has ended: there is no next tick."));
		return REACT_REDRAW;
	}
	return go(t, history_now(t->h) + 1);
}

static int act_back(struct top *t)
{
	pause_clock(t);
	if (history_now(t->h) <= 0) {
		say(t, "%s", _("This is tick 0, the beginning."));
		return REACT_REDRAW;
	}
	return go(t, history_now(t->h) - 1);
}

static int act_next_event(struct top *t)
{
	pause_clock(t);
	if (!history_next_event(t->h, NEXT_EVENT_MAX))
		say(t, "%s", _("Out of memory: the view may be incomplete."));
	moved(t);
	return REACT_REBUILD;
}

static int act_prev_event(struct top *t)
{
	pause_clock(t);
	if (!history_prev_event(t->h))
		say(t, "%s", _("Out of memory: the view may be incomplete."));
	moved(t);
	return REACT_REBUILD;
}

static int change_speed(struct top *t, int d)
{
	int s = t->speed + d;
	if (s < 0 || s >= NSPEEDS)
		return REACT_NONE;
	t->speed = s;
	if (t->running)
		start_clock(t);
	return REACT_REBUILD;
}
static int act_faster(struct top *t) { return change_speed(t, 1); }
static int act_slower(struct top *t) { return change_speed(t, -1); }

static int act_goto(struct top *t)
{
	pause_clock(t);
	t->mode = MODE_GOTO;
	t->input[0] = '\0';
	return REACT_REDRAW;
}

static int visible_rows(const struct top *t) { return t->lay.table_h > 1 ? t->lay.table_h - 1 : 1; }

static int select_row(struct top *t, int row)
{
	if (t->vm.nrows == 0)
		return REACT_NONE;
	if (row < 0)
		row = 0;
	if (row >= t->vm.nrows)
		row = t->vm.nrows - 1;
	t->selected_row = row;
	t->selected_pid = vm_row_proc(&t->vm, row)->pid;
	return REACT_REDRAW;
}
static int act_up(struct top *t) { return select_row(t, t->selected_row - 1); }
static int act_down(struct top *t) { return select_row(t, t->selected_row + 1); }
static int act_page_up(struct top *t) { return select_row(t, t->selected_row - visible_rows(t)); }
static int act_page_down(struct top *t) { return select_row(t, t->selected_row + visible_rows(t)); }
static int act_home(struct top *t) { return select_row(t, 0); }
static int act_end(struct top *t) { return select_row(t, t->vm.nrows - 1); }

static int act_signal(struct top *t)
{
	if (!vm_row_proc(&t->vm, t->selected_row) && !t->vm.ntags)
		return REACT_NONE;
	if (!history_running(t->h)) {
		say(t, "%s", _("The simulation has ended: go back (← or g) to send a signal."));
		return REACT_REDRAW;
	}
	pause_clock(t);
	t->mode = MODE_SIGNAL;
	t->menu = 0;
	return REACT_REDRAW;
}

static int act_explain(struct top *t)
{
	const struct proc_info *p = vm_row_proc(&t->vm, t->selected_row);
	if (!p)
		return REACT_NONE;
	pause_clock(t);
	vm_text_free(&t->text);
	if (!vm_explain(&t->vm, p->pid, &t->text)) {
		say(t, "%s", _("Out of memory: cannot explain this process."));
		return REACT_REDRAW;
	}
	t->mode = MODE_EXPLAIN;
	t->wrapped_width = 0;
	t->scroll = 0;
	return REACT_REDRAW;
}

/* What k, F7 and F8 act on, as in htop: the tagged processes when any are
 * tagged, else the selected one. Returns how many PIDs are in pids. */
static int targets(const struct top *t, int *pids, int max)
{
	int n = 0;
	for (int i = 0; i < t->vm.ntags && n < max; i++)
		pids[n++] = t->vm.tags[i];
	const struct proc_info *p = vm_row_proc(&t->vm, t->selected_row);
	if (!n && p && max > 0)
		pids[n++] = p->pid;
	return n;
}

static int renice(struct top *t, int by)
{
	int pids[256], n = targets(t, pids, 256);
	if (!n)
		return REACT_NONE;
	if (!history_running(t->h)) {
		say(t, "%s", _("The simulation has ended: go back (← or g) to renice."));
		return REACT_REDRAW;
	}
	for (int i = 0; i < n; i++)
		history_renice(t->h, pids[i], by);
	const char *policy = sim_sched_params(history_sim(t->h))->policy;
	bool weighs = strcmp(policy, "prio") == 0 || strcmp(policy, "cfs") == 0;
	if (n == 1)
		say(t, _("renice %1$+d for PID %2$d: it acts at the next tick, t=%3$lld; %4$s"), by, pids[0],
		    (long long)history_now(t->h) + 1,
		    weighs ? _("the scheduler weighs nice under this policy.") : _("only prio and cfs look at nice."));
	else
		say(t, NG_("renice %1$+d for %2$d tagged process: it acts at the next tick, t=%3$lld.",
			   "renice %1$+d for %2$d tagged processes: it acts at the next tick, t=%3$lld.", n),
		    by, n, (long long)history_now(t->h) + 1);
	t->flash_until = wall() + FLASH_SEC;
	return REACT_REBUILD;
}
static int act_nice_down(struct top *t) { return renice(t, -1); }
static int act_nice_up(struct top *t) { return renice(t, +1); }

/* The selection goes to the first match from `skip` rows below it on. */
static void search_next(struct top *t, int skip)
{
	int r = vm_search(&t->vm, t->selected_row + skip, t->search);
	if (r >= 0)
		select_row(t, r);
}

static int act_search(struct top *t)
{
	/* / starts a new search; F3 goes on with the last one, to its next match */
	t->mode = MODE_SEARCH;
	if (t->last_key == '/')
		t->search[0] = '\0';
	else if (t->search[0])
		search_next(t, 1);
	return REACT_REDRAW;
}

static int act_filter(struct top *t)
{
	t->mode = MODE_FILTER;
	return REACT_REDRAW;
}

static int act_tag(struct top *t)
{
	const struct proc_info *p = vm_row_proc(&t->vm, t->selected_row);
	if (!p)
		return REACT_NONE;
	if (!vm_tag(&t->vm, p->pid, !vm_tagged(&t->vm, p->pid)))
		say(t, "%s", _("Out of memory: the view may be incomplete."));
	select_row(t, t->selected_row + 1);
	return REACT_REBUILD;
}

static int act_tag_tree(struct top *t)
{
	const struct proc_info *p = vm_row_proc(&t->vm, t->selected_row);
	if (!p)
		return REACT_NONE;
	vm_tag_tree(&t->vm, p->pid);
	return REACT_REBUILD;
}

static int act_untag_all(struct top *t)
{
	vm_untag_all(&t->vm);
	return REACT_REBUILD;
}

static int act_sort_menu(struct top *t)
{
	t->mode = MODE_SORT;
	t->menu = (int)t->set.sort;
	return REACT_REDRAW;
}

static int act_user(struct top *t)
{
	t->mode = MODE_USER;
	t->menu = 0;
	for (int i = 0; i < NUSERS; i++)
		if (menu_users[i].only == t->set.only_user && (!t->set.only_user || menu_users[i].uid == t->set.uid))
			t->menu = i;
	return REACT_REDRAW;
}

/* top's H: a row per thread, its TID in the PID column, and the Threads
 * line; off again, a selected thread's process stays selected. */
static int act_threads(struct top *t)
{
	t->set.threads = !t->set.threads;
	if (!t->set.threads) {
		int tgid = snapshot_tgid(history_sim(t->h), t->selected_pid);
		if (tgid)
			t->selected_pid = tgid;
	}
	say(t, "%s", t->set.threads ? _("Show threads On: a row per thread (PID is its TID), and the Threads line")
				    : _("Show threads Off: a row per process, and the Tasks line"));
	return REACT_REBUILD;
}

/* --names: the log's sentences from now on, and the table at once. */
static int act_names(struct top *t)
{
	t->set.real_names = !t->set.real_names;
	narrate_real_names(t->set.real_names);
	say(t, "%s", t->set.real_names ? _("Names: the real command lines (a forked child keeps its parent's)")
					: _("Names: each child's program"));
	return REACT_REBUILD;
}

static int act_setup(struct top *t)
{
	t->mode = MODE_SETUP;
	t->menu = 0;
	return REACT_REDRAW;
}

static int act_tree(struct top *t)
{
	t->set.tree = !t->set.tree;
	return REACT_REBUILD;
}

static int sort_by(struct top *t, enum vm_col c)
{
	if (t->set.sort == c)
		t->set.reverse = !t->set.reverse;
	else
		t->set.reverse = false;
	t->set.sort = c;
	return REACT_REBUILD;
}
static int act_sort_cpu(struct top *t) { return sort_by(t, COL_CPU); }
static int act_sort_mem(struct top *t) { return sort_by(t, COL_MEM); }
static int act_sort_time(struct top *t) { return sort_by(t, COL_TIME); }
static int act_sort_pid(struct top *t) { return sort_by(t, COL_PID); }
static int act_sort_reverse(struct top *t)
{
	t->set.reverse = !t->set.reverse;
	return REACT_REBUILD;
}
static int act_per_cpu(struct top *t)
{
	t->set.per_cpu = !t->set.per_cpu;
	return REACT_REBUILD;
}
static int act_log(struct top *t)
{
	t->set.big_log = !t->set.big_log;
	return REACT_REBUILD;
}

static int act_help(struct top *t)
{
	vm_text_free(&t->text);
	keys_help(&t->text);
	t->wrapped_width = 0;
	t->mode = MODE_HELP;
	t->scroll = 0;
	return REACT_REDRAW;
}

static int act_redraw(struct top *t)
{
	screen_resized();
	return REACT_REBUILD;
}

static int act_quit(struct top *t) { return REACT_QUIT; }

static action_fn *const actions[ACT_COUNT] = {
	[ACT_RUN_PAUSE] = act_run_pause, [ACT_STEP] = act_step, [ACT_BACK] = act_back,
	[ACT_NEXT_EVENT] = act_next_event, [ACT_PREV_EVENT] = act_prev_event,
	[ACT_FASTER] = act_faster, [ACT_SLOWER] = act_slower, [ACT_GOTO] = act_goto,
	[ACT_UP] = act_up, [ACT_DOWN] = act_down, [ACT_PAGE_UP] = act_page_up,
	[ACT_PAGE_DOWN] = act_page_down, [ACT_HOME] = act_home, [ACT_END] = act_end,
	[ACT_SEARCH] = act_search, [ACT_FILTER] = act_filter, [ACT_TAG] = act_tag, [ACT_TAG_TREE] = act_tag_tree,
	[ACT_UNTAG_ALL] = act_untag_all, [ACT_SIGNAL] = act_signal, [ACT_NICE_DOWN] = act_nice_down,
	[ACT_NICE_UP] = act_nice_up, [ACT_EXPLAIN] = act_explain, [ACT_TREE] = act_tree,
	[ACT_SORT_MENU] = act_sort_menu, [ACT_SORT_CPU] = act_sort_cpu, [ACT_SORT_MEM] = act_sort_mem,
	[ACT_SORT_TIME] = act_sort_time, [ACT_SORT_PID] = act_sort_pid, [ACT_SORT_REVERSE] = act_sort_reverse,
	[ACT_USER] = act_user, [ACT_THREADS] = act_threads, [ACT_NAMES] = act_names, [ACT_PER_CPU] = act_per_cpu, [ACT_LOG] = act_log,
	[ACT_SETUP] = act_setup, [ACT_HELP] = act_help, [ACT_REDRAW] = act_redraw,
	[ACT_QUIT] = act_quit,
};
_Static_assert(sizeof actions / sizeof actions[0] == ACT_COUNT, "one function per action");

/* ---- modal input ---------------------------------------------------------------- */

/* "120" (ticks), "120t", "2.5s", "500ms", "1min", "300us" -> ticks; -1 if not one. */
static int64_t parse_time(const char *s, int64_t tick_us)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return -1;
	while (*end == ' ')
		end++;
	double us;
	if (!*end || strcmp(end, "t") == 0 || strcmp(end, "ticks") == 0 || strcmp(end, "tick") == 0)
		return (int64_t)v;
	else if (strcmp(end, "us") == 0)
		us = v;
	else if (strcmp(end, "ms") == 0)
		us = v * 1e3;
	else if (strcmp(end, "s") == 0 || strcmp(end, "sec") == 0)
		us = v * 1e6;
	else if (strcmp(end, "min") == 0)
		us = v * 60e6;
	else
		return -1;
	return (int64_t)ceil(us / (double)(tick_us > 0 ? tick_us : 1) - 1e-9);
}

static int key_goto(struct top *t, int key)
{
	size_t n = strlen(t->input);
	if (key == 27) {
		t->mode = MODE_MAIN;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		t->mode = MODE_MAIN;
		int64_t tick = parse_time(t->input, t->args->sc->tick_us);
		if (tick < 0) {
			if (n)
				say(t, _("'%s' is not a tick or a time (for example 120, 2.5s or 500ms)."), t->input);
			return REACT_REDRAW;
		}
		return go(t, tick);
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n)
			t->input[n - 1] = '\0';
	} else if (key > 0 && key < 128 && (isalnum(key) || key == '.') && n + 1 < sizeof t->input) {
		t->input[n] = (char)key;
		t->input[n + 1] = '\0';
	}
	return REACT_REDRAW;
}

static int send_menu_signal(struct top *t, int i)
{
	t->mode = MODE_MAIN;
	int pids[256], n = targets(t, pids, 256), sig = menu_sig(i);
	if (!n)
		return REACT_REDRAW;
	for (int k = 0; k < n; k++)
		history_send_signal(t->h, pids[k], sig);
	const char *name = sig_name(sig);
	if (n == 1)
		say(t, _("%1$s for PID %2$d: it acts at the start of the next tick, t=%3$lld; step to see what it does (--record saves it)."),
		    name ? name : "?", pids[0], (long long)history_now(t->h) + 1);
	else
		say(t, NG_("%1$s for %2$d tagged process: it acts at the start of the next tick, t=%3$lld.",
			   "%1$s for %2$d tagged processes: they act at the start of the next tick, t=%3$lld.", n),
		    name ? name : "?", n, (long long)history_now(t->h) + 1);
	t->flash_until = wall() + FLASH_SEC;
	return REACT_REBUILD;
}

static int key_signal(struct top *t, int key)
{
	if (key == 27 || key == 'q') {
		t->mode = MODE_MAIN;
		return REACT_REDRAW;
	}
	if (key == KEY_UP && t->menu > 0)
		t->menu--;
	else if (key == KEY_DOWN && t->menu + 1 < NMENU)
		t->menu++;
	else if (key == '\n' || key == '\r' || key == KEY_ENTER)
		return send_menu_signal(t, t->menu);
	for (int i = 0; i < NFIRST; i++)
		if (key == '1' + i || key == menu_signals[i].key)
			return send_menu_signal(t, i);
	return REACT_REDRAW;
}

/* Adds a typed byte to a line of input (UTF-8 comes byte by byte from
 * getch), or takes the last character away; false for other keys. */
static bool edit_line(char *s, size_t cap, int key)
{
	size_t n = strlen(s);
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
			n--;
		s[n ? n - 1 : 0] = '\0';
		return true;
	}
	if (key >= ' ' && key < 256 && key != 127 && n + 1 < cap) {
		s[n] = (char)key;
		s[n + 1] = '\0';
		return true;
	}
	return false;
}

/* htop's incremental search: each key moves the selection to the first
 * match from where it is; F3 to the next; Enter or Esc ends the search. */
static int key_search(struct top *t, int key)
{
	if (key == 27 || key == '\n' || key == '\r' || key == KEY_ENTER) {
		t->mode = MODE_MAIN;
		return REACT_REDRAW;
	}
	if (key == KEY_F(3)) {
		search_next(t, 1);
		return REACT_REDRAW;
	}
	if (key == KEY_UP || key == KEY_DOWN) {
		t->mode = MODE_MAIN;
		return actions[keys_lookup(key)](t);
	}
	if (edit_line(t->search, sizeof t->search, key))
		search_next(t, 0);
	return REACT_REDRAW;
}

/* htop's filter: the table follows each key; Esc clears it, Enter keeps it. */
static int key_filter(struct top *t, int key)
{
	if (key == 27) {
		t->set.filter[0] = '\0';
		t->mode = MODE_MAIN;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER || key == KEY_F(4)) {
		t->mode = MODE_MAIN;
	} else {
		edit_line(t->set.filter, sizeof t->set.filter, key);
	}
	return REACT_REBUILD;
}

/* Up, Down, Home, End in a menu of n items; true when the key was one. */
static bool menu_move(struct top *t, int key, int n)
{
	switch (key) {
	case KEY_UP: if (t->menu > 0) t->menu--; return true;
	case KEY_DOWN: if (t->menu + 1 < n) t->menu++; return true;
	case KEY_HOME: t->menu = 0; return true;
	case KEY_END: t->menu = n - 1; return true;
	default: return false;
	}
}

static bool menu_close_key(int key) { return key == 27 || key == 'q' || key == KEY_F(10); }
static bool menu_enter_key(int key) { return key == '\n' || key == '\r' || key == KEY_ENTER; }

static int key_sort(struct top *t, int key)
{
	if (menu_move(t, key, COL_COUNT))
		return REACT_REDRAW;
	if (menu_enter_key(key)) {
		t->set.sort = (enum vm_col)t->menu;
		t->set.reverse = false;
	} else if (!menu_close_key(key) && key != KEY_F(6)) {
		return REACT_REDRAW;
	}
	t->mode = MODE_MAIN;
	return REACT_REBUILD;
}

static int key_user(struct top *t, int key)
{
	if (menu_move(t, key, NUSERS))
		return REACT_REDRAW;
	if (menu_enter_key(key)) {
		t->set.only_user = menu_users[t->menu].only;
		t->set.uid = menu_users[t->menu].uid;
	} else if (!menu_close_key(key)) {
		return REACT_REDRAW;
	}
	t->mode = MODE_MAIN;
	return REACT_REBUILD;
}

/* F2: Space or Enter turns the selected column or meter on or off. */
static int key_setup(struct top *t, int key)
{
	if (menu_move(t, key, NSETUP))
		return REACT_REDRAW;
	if (menu_close_key(key) || key == KEY_F(2)) {
		t->mode = MODE_MAIN;
		return REACT_REBUILD;
	}
	if (key != ' ' && !menu_enter_key(key))
		return REACT_REDRAW;
	if (t->menu < COL_COUNT) {
		if (vm_col_hideable((enum vm_col)t->menu))
			t->set.hidden ^= 1u << t->menu;
		else
			say(t, "%s", _("COMMAND always shows: it takes the rest of the line."));
	} else if (t->menu - COL_COUNT == SETUP_PER_CPU) {
		t->set.per_cpu = !t->set.per_cpu;
	} else {
		t->set.big_log = !t->set.big_log;
	}
	return REACT_REBUILD;
}

static void setup_item(const struct top *t, int i, char *buf, size_t n)
{
	if (i < COL_COUNT) {
		bool on = !(t->set.hidden >> i & 1) || !vm_col_hideable((enum vm_col)i);
		char title[64];
		vm_fit(title, sizeof title, _(vm_columns[i].title), 8, false);
		snprintf(buf, n, "[%c] %s %s%s", on ? 'x' : ' ', title, _(vm_columns[i].help),
			 vm_columns[i].wide && t->vm.width < VM_WIDE_COLUMNS ? _(" (needs a wider terminal)") : "");
		return;
	}
	bool on = i - COL_COUNT == SETUP_PER_CPU ? t->set.per_cpu : t->set.big_log;
	snprintf(buf, n, "[%c] %s", on ? 'x' : ' ',
		 i - COL_COUNT == SETUP_PER_CPU ? _("meter: one %Cpu line per CPU") : _("meter: a larger log pane"));
}

static int key_text(struct top *t, int key)
{
	int page = LINES - 2 > 1 ? LINES - 2 : 1, max = t->wrapped.n - (LINES - 1);
	if (max < 0)
		max = 0;
	switch (key) {
	case KEY_UP: t->scroll--; break;
	case KEY_DOWN: t->scroll++; break;
	case KEY_PPAGE: t->scroll -= page; break;
	case KEY_NPAGE: case ' ': t->scroll += page; break;
	case KEY_HOME: t->scroll = 0; break;
	case KEY_END: t->scroll = max; break;
	default:
		/* the help closes on any other key; the explanation on Esc, q, Enter or e */
		if (t->mode == MODE_HELP || key == 27 || key == 'q' || key == 'e' || key == '\n' || key == '\r' ||
		    key == KEY_ENTER || key == KEY_LEFT)
			t->mode = MODE_MAIN;
		return REACT_REBUILD;
	}
	if (t->scroll > max)
		t->scroll = max;
	if (t->scroll < 0)
		t->scroll = 0;
	return REACT_REDRAW;
}

static int mouse(struct top *t, const struct screen_mouse *m)
{
	if (t->mode != MODE_MAIN || t->lay.too_small)
		return REACT_NONE;
	if (m->wheel_up)
		return select_row(t, t->selected_row - 3);
	if (m->wheel_down)
		return select_row(t, t->selected_row + 3);
	if (m->y == t->lay.table_y && (m->click || m->double_click)) {
		int c = vm_col_at(&t->vm, m->x);
		return c >= 0 ? sort_by(t, (enum vm_col)c) : REACT_NONE;
	}
	int row = t->top_row + m->y - t->lay.table_y - 1;
	if (m->y > t->lay.table_y && m->y < t->lay.table_y + t->lay.table_h && row < t->vm.nrows) {
		select_row(t, row);
		return m->double_click ? act_explain(t) : REACT_REDRAW;
	}
	return REACT_NONE;
}

/* ---- the loop ------------------------------------------------------------------------ */

static bool build(struct top *t)
{
	int cols, lines;
	screen_size(&cols, &lines);
	t->set.running = t->running;
	t->set.speed = speeds[t->speed];
	t->set.ticks_per_sec = ticks_per_sec(t);
	if (!vm_build(&t->vm, t->h, &t->set, cols))
		return false;
	vm_layout(&t->vm, cols, lines, &t->lay);
	/* the selection follows its process; if it is gone, the row below takes it */
	int row = vm_find_pid(&t->vm, t->selected_pid);
	if (row < 0)
		row = t->selected_row < t->vm.nrows ? t->selected_row : t->vm.nrows - 1;
	t->selected_row = row;
	const struct proc_info *p = vm_row_proc(&t->vm, row);
	t->selected_pid = p ? p->pid : 0;
	return true;
}

static void draw(struct top *t)
{
	if (t->lay.too_small) {
		screen_draw_too_small(t->lay.cols, t->lay.lines);
		screen_flush();
		return;
	}
	if (t->mode == MODE_HELP || t->mode == MODE_EXPLAIN) {
		if (t->wrapped_width != t->lay.cols) {
			vm_text_free(&t->wrapped);
			vm_text_wrap(&t->text, t->lay.cols, &t->wrapped);
			/* an explanation opens at its end: the newest events */
			if (t->mode == MODE_EXPLAIN && t->wrapped_width == 0)
				t->scroll = t->wrapped.n;
			t->wrapped_width = t->lay.cols;
		}
		int max = t->wrapped.n - (t->lay.lines - 1);
		if (t->scroll > max)
			t->scroll = max;
		if (t->scroll < 0)
			t->scroll = 0;
		screen_draw_text(&t->wrapped, t->scroll,
				 t->mode == MODE_HELP ? _(" ↑ ↓ PgUp PgDn scroll   any other key closes the help")
						      : _(" ↑ ↓ PgUp PgDn Home End scroll   Esc, q or Enter closes"));
		screen_flush();
		return;
	}
	int vis = visible_rows(t);
	if (t->selected_row < t->top_row)
		t->top_row = t->selected_row;
	if (t->selected_row >= t->top_row + vis)
		t->top_row = t->selected_row - vis + 1;
	if (t->top_row > t->vm.nrows - vis)
		t->top_row = t->vm.nrows - vis;
	if (t->top_row < 0)
		t->top_row = 0;
	double now = wall();
	char prompt[512];
	struct screen_view v = {t->selected_row, t->top_row, now < t->flash_until,
				now < t->message_until ? t->message : NULL, NULL};
	if (t->mode == MODE_GOTO) {
		snprintf(prompt, sizeof prompt, _("Go to tick (or a time such as 2.5s), Enter to go, Esc to cancel: %s_"),
			 t->input);
		v.prompt = prompt;
	} else if (t->mode == MODE_SEARCH) {
		bool found = !t->search[0] || vm_search(&t->vm, t->selected_row, t->search) >= 0;
		snprintf(prompt, sizeof prompt, _("Search: %1$s_   %2$sF3 next, Enter or Esc ends"), t->search,
			 found ? "" : _("(not found) "));
		v.prompt = prompt;
	} else if (t->mode == MODE_FILTER) {
		snprintf(prompt, sizeof prompt, _("Filter: %s_   Enter keeps it, Esc clears it"), t->set.filter);
		v.prompt = prompt;
	}
	screen_draw(&t->vm, &t->lay, &v);
	if (t->mode == MODE_SIGNAL) {
		const struct proc_info *p = vm_row_proc(&t->vm, t->selected_row);
		char title[256], items[NMENU][160];
		const char *ptrs[NMENU];
		if (t->vm.ntags)
			snprintf(title, sizeof title,
				 NG_("Send a signal to the %d tagged process:", "Send a signal to the %d tagged processes:",
				     t->vm.ntags),
				 t->vm.ntags);
		else
			snprintf(title, sizeof title, _("Send a signal to PID %1$d (%2$s):"), p ? p->pid : 0, p ? p->name : "?");
		for (int i = 0; i < NMENU; i++) {
			menu_item(i, items[i], sizeof items[i]);
			ptrs[i] = items[i];
		}
		screen_draw_menu(title, ptrs, NMENU, t->menu);
	} else if (t->mode == MODE_SORT || t->mode == MODE_USER || t->mode == MODE_SETUP) {
		char items[NSETUP][256];
		const char *ptrs[NSETUP];
		int n = t->mode == MODE_SORT ? COL_COUNT : t->mode == MODE_USER ? NUSERS : NSETUP;
		for (int i = 0; i < n; i++) {
			if (t->mode == MODE_SORT) {
				char title[64];
				vm_fit(title, sizeof title, _(vm_columns[i].title), 8, false);
				snprintf(items[i], sizeof items[i], "%s %s", title, _(vm_columns[i].help));
			}
			else if (t->mode == MODE_USER)
				snprintf(items[i], sizeof items[i], "%s", menu_users[i].only ? menu_users[i].label : _(menu_users[i].label));
			else
				setup_item(t, i, items[i], sizeof items[i]);
			ptrs[i] = items[i];
		}
		screen_draw_menu(t->mode == MODE_SORT	? _("Sort by (Enter chooses, Esc cancels):")
				 : t->mode == MODE_USER ? _("Show the processes of (Enter chooses):")
							: _("Setup: Space shows or hides, Esc closes"),
				 ptrs, n, t->menu);
	}
	screen_flush();
}

/* How long getch may wait: until the next tick is due, the flash or the
 * message ends, and never long, so a quitting signal is seen at once. */
static int wait_ms(const struct top *t)
{
	double now = wall(), until = now + 0.25;
	if (t->running) {
		double next = t->run_wall + (double)(history_now(t->h) + 1 - t->run_tick) / ticks_per_sec(t);
		if (next < until)
			until = next;
	}
	if (t->flash_until > now && t->flash_until < until)
		until = t->flash_until;
	if (t->message_until > now && t->message_until < until)
		until = t->message_until;
	int ms = (int)((until - now) * 1000 + 0.999);
	return ms < 0 ? 0 : ms;
}

/* The clock is running: catch up with the ticks due, a frame's worth at most. */
static int run_clock(struct top *t)
{
	if (!t->running)
		return REACT_NONE;
	double now = wall(), tps = ticks_per_sec(t);
	int64_t due = t->run_tick + (int64_t)((now - t->run_wall) * tps);
	if (due <= history_now(t->h))
		return REACT_NONE;
	int64_t frame_max = (int64_t)(tps * FRAME_SEC * 4) + 1;
	if (due - history_now(t->h) > frame_max) {
		/* too slow to keep up: go on from here rather than rush */
		due = history_now(t->h) + frame_max;
		t->run_tick = due;
		t->run_wall = now;
	}
	return go(t, due);
}

static void on_quit_signal(int sig) { quit_signal = sig; }

static void on_fatal_signal(int sig)
{
	/* Not async-signal-safe, but a crash must not leave the terminal raw. */
	screen_close();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	int quits[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	for (size_t i = 0; i < sizeof quits / sizeof quits[0]; i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
}

bool top_terminal_usable(char *why, size_t n)
{
	const char *term = getenv("TERM");
	if (!isatty(STDOUT_FILENO)) {
		snprintf(why, n, "%s", _("standard output is not a terminal"));
		return false;
	}
	if (!isatty(STDIN_FILENO)) {
		snprintf(why, n, "%s", _("standard input is not a terminal"));
		return false;
	}
	if (!term || !*term) {
		snprintf(why, n, "%s", _("TERM is not set"));
		return false;
	}
	if (strcmp(term, "dumb") == 0) {
		snprintf(why, n, "%s", _("the terminal is dumb (TERM=dumb)"));
		return false;
	}
	if (!screen_terminal_ok(why, n))
		return false;
	return true;
}

/* --record: the source and the keyboard's signals, written as -o writes
 * (output.c): whole or not at all, and with the mode any tool's output has
 * (0666 & ~umask, or the mode of the file it replaces). Its own mkstemp left
 * the recording 0600, unreadable to the class it was made for (issue 11,
 * item 8). */
static bool write_record(const struct top *t)
{
	struct output out;
	if (!output_open(&out, t->args->record))
		return false;
	history_write_record(t->h, out.f, t->args->src, t->args->len);
	return output_close(&out, true); /* a write error is found and told here */
}

static void at_exit_close(void) { screen_close(); }

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int top_run(const struct top_args *a)
{
	struct top t;
	memset(&t, 0, sizeof t);
	t.args = a;
	t.speed = SPEED_1X;
	t.set.sort = COL_PID;
	t.set.real_names = a->real_names;
	t.set.threads = a->threads;
	narrate_real_names(a->real_names);
	t.selected_row = 0;
	vm_init(&t.vm);
	vm_set_ascii(!utf8_locale());
	t.h = history_new(a->sc, &a->opt);
	if (!t.h) {
		fprintf(stderr, "procsim: %s\n", _("out of memory"));
		return 1;
	}
	const char *no_color = getenv("NO_COLOR");
	install_signals();
	atexit(at_exit_close);
	if (!screen_open(no_color && *no_color)) {
		fprintf(stderr, "procsim: %s\n", _("cannot start the terminal view; try procsim run FILE"));
		history_free(t.h);
		return 1;
	}
	history_goto(t.h, a->at_set ? (int64_t)a->at : 0);
	moved(&t);
	if (!a->at_set && history_running(t.h))
		start_clock(&t);
	int flags = REACT_REBUILD;
	for (;;) {
		if (quit_signal)
			break;
		if (flags & REACT_REBUILD) {
			if (!build(&t)) {
				screen_close();
				fprintf(stderr, "procsim: %s\n", _("out of memory"));
				break;
			}
		}
		draw(&t);
		struct screen_mouse m;
		int key = screen_key(wait_ms(&t), &m);
		flags = REACT_REDRAW;
		if (quit_signal)
			break;
		if (key == ERR) {
			flags |= run_clock(&t);
			continue;
		}
		if (key == KEY_RESIZE) {
			/* the one place that handles a new size */
			screen_resized();
			flags |= REACT_REBUILD;
			continue;
		}
		if (key == KEY_MOUSE) {
			flags |= mouse(&t, &m);
			continue;
		}
		if (t.lay.too_small) {
			if (key == 'q' || key == KEY_F(10))
				break;
			continue;
		}
		t.message_until = 0;
		t.last_key = key;
		switch (t.mode) {
		case MODE_GOTO: flags |= key_goto(&t, key); break;
		case MODE_SIGNAL: flags |= key_signal(&t, key); break;
		case MODE_SEARCH: flags |= key_search(&t, key); break;
		case MODE_FILTER: flags |= key_filter(&t, key); break;
		case MODE_SORT: flags |= key_sort(&t, key); break;
		case MODE_USER: flags |= key_user(&t, key); break;
		case MODE_SETUP: flags |= key_setup(&t, key); break;
		case MODE_HELP:
		case MODE_EXPLAIN: flags |= key_text(&t, key); break;
		default: {
			enum action act = keys_lookup(key);
			if (act != ACT_COUNT)
				flags |= actions[act](&t);
		}
		}
		if (flags & REACT_QUIT)
			break;
		flags |= run_clock(&t);
	}
	screen_close();
	int rc = quit_signal ? 128 + quit_signal : 0;
	if (a->record) {
		const struct history_signal *sigs;
		int n = history_signals(t.h, &sigs);
		if (write_record(&t))
			fprintf(stderr, NG_("procsim: %2$s: the scenario with %1$d signal sent from the keyboard\n",
					    "procsim: %2$s: the scenario with %1$d signals sent from the keyboard\n", n),
				n, a->record);
		else
			rc = rc ? rc : 1;
	}
	vm_text_free(&t.text);
	vm_text_free(&t.wrapped);
	vm_fini(&t.vm);
	history_free(t.h);
	return rc;
}
