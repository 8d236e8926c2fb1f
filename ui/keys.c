/* keys.c: the key table. Keys follow htop where it has the key (F1 to F10,
 * /, \\, Space, c, U, k, [ ], <, >, M, P, T, N, I, u, H, t, h, q), then top
 * (1); p is htop's key for how a command is shown (its program path). Where one of procsim's own keys was htop's, htop's won and ours moved
 * (issue 11, item 6): the help's last group, htop_differences, says where. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define CTRL(c) ((c) & 0x1f)

const struct key_binding key_bindings[] = {
	{ACT_RUN_PAUSE, KG_TIME, {'z', 'Z'}, "z Z", "z Z", N_("run or pause the clock"), N_("Run")},
	{ACT_STEP, KG_TIME, {KEY_RIGHT, 'n'}, "→ n", "Right n", N_("one tick forward"), N_("Step")},
	{ACT_BACK, KG_TIME, {KEY_LEFT, 'b'}, "← b", "Left b", N_("one tick back (exactly the screen shown then)"), N_("Back")},
	{ACT_NEXT_EVENT, KG_TIME, {'}'}, "}", "}", N_("forward to the next tick where something happens"), N_("Event")},
	{ACT_PREV_EVENT, KG_TIME, {'{'}, "{", "{", N_("back to the previous tick where something happened"), NULL},
	{ACT_FASTER, KG_TIME, {'+', '='}, "+", "+", N_("run faster"), NULL},
	{ACT_SLOWER, KG_TIME, {'-', '_'}, "-", "-", N_("run slower"), NULL},
	{ACT_GOTO, KG_TIME, {'g'}, "g", "g", N_("go to a tick (or a time such as 2.5s)"), N_("Go")},
	{ACT_UP, KG_SELECT, {KEY_UP}, "↑", "Up", N_("select the process above"), NULL},
	{ACT_DOWN, KG_SELECT, {KEY_DOWN}, "↓", "Down", N_("select the process below"), NULL},
	{ACT_PAGE_UP, KG_SELECT, {KEY_PPAGE}, "PgUp", "PgUp", N_("one page up"), NULL},
	{ACT_PAGE_DOWN, KG_SELECT, {KEY_NPAGE}, "PgDn", "PgDn", N_("one page down"), NULL},
	{ACT_HOME, KG_SELECT, {KEY_HOME}, "Home", "Home", N_("the first process"), NULL},
	{ACT_END, KG_SELECT, {KEY_END}, "End", "End", N_("the last process"), NULL},
	{ACT_SEARCH, KG_SELECT, {'/', KEY_F(3)}, "/ F3", "/ F3", N_("search a command: the selection jumps to the next match as you type; F3 the next one; Enter or Esc ends"), N_("Search")},
	{ACT_FILTER, KG_SELECT, {'\\', KEY_F(4)}, "\\ F4", "\\ F4", N_("filter: only the commands that contain the text; Esc or an empty filter shows all again"), N_("Filter")},
	{ACT_TAG, KG_SELECT, {' '}, "Space", "Space", N_("tag or untag the selected process, then select the next"), NULL},
	{ACT_TAG_TREE, KG_SELECT, {'c'}, "c", "c", N_("tag the selected process and all its children"), NULL},
	{ACT_UNTAG_ALL, KG_SELECT, {'U'}, "U", "U", N_("untag all"), NULL},
	{ACT_SIGNAL, KG_PROCESS, {'k', KEY_F(9)}, "k F9", "k F9", N_("send a signal to the selected process, or to the tagged ones (TERM, KILL, INT, USR1... as kill -l)"), N_("Signal")},
	{ACT_NICE_DOWN, KG_PROCESS, {']', KEY_F(7)}, "] F7", "] F7", N_("renice by -1 (more CPU under prio and cfs): the selected or the tagged processes"), NULL},
	{ACT_NICE_UP, KG_PROCESS, {'[', KEY_F(8)}, "[ F8", "[ F8", N_("renice by +1 (less CPU under prio and cfs)"), NULL},
	{ACT_EXPLAIN, KG_PROCESS, {'e', '\n', '\r', KEY_ENTER}, "e Enter", "e Enter", N_("explain the selected process: its state now and its whole history"), N_("Explain")},
	{ACT_TREE, KG_VIEW, {'t', KEY_F(5), 'V'}, "t F5 V", "t F5 V", N_("tree view: parents above their children"), N_("Tree")},
	{ACT_SORT_MENU, KG_VIEW, {KEY_F(6), '<', '>'}, "F6 < >", "F6 < >", N_("choose the column to sort by"), N_("Sort")},
	{ACT_SORT_CPU, KG_VIEW, {'P'}, "P", "P", N_("sort by %CPU"), NULL},
	{ACT_SORT_MEM, KG_VIEW, {'M'}, "M", "M", N_("sort by memory (%MEM, RES)"), NULL},
	{ACT_SORT_TIME, KG_VIEW, {'T'}, "T", "T", N_("sort by TIME+"), NULL},
	{ACT_SORT_PID, KG_VIEW, {'N'}, "N", "N", N_("sort by PID"), NULL},
	{ACT_SORT_REVERSE, KG_VIEW, {'I', 'R'}, "I R", "I R", N_("invert the sort order"), NULL},
	{ACT_USER, KG_VIEW, {'u'}, "u", "u", N_("show only the processes of one user (root or student)"), NULL},
	{ACT_THREADS, KG_VIEW, {'H'}, "H", "H", N_("threads: a row per thread (PID shows its TID) and the Threads line, as top -H; again: a row per process"), NULL},
	{ACT_NAMES, KG_VIEW, {'p'}, "p", "p", N_("names: a child's program, or its real command line as Linux keeps it (a forked child's is its parent's: python3 app.py)"), NULL},
	{ACT_PER_CPU, KG_VIEW, {'1'}, "1", "1", N_("one %Cpu line per CPU, or all together"), NULL},
	{ACT_LOG, KG_VIEW, {'l'}, "l", "l", N_("a larger or smaller log pane"), N_("Log")},
	{ACT_SETUP, KG_VIEW, {KEY_F(2), 'S'}, "F2 S", "F2 S", N_("setup: show or hide the columns and the meters"), N_("Setup")},
	{ACT_HELP, KG_OTHER, {'h', '?', KEY_F(1)}, "h ? F1", "h ? F1", N_("this help"), N_("Help")},
	{ACT_REDRAW, KG_OTHER, {CTRL('l')}, "Ctrl+L", "Ctrl+L", N_("redraw the screen"), NULL},
	{ACT_QUIT, KG_OTHER, {'q', KEY_F(10)}, "q F10", "q F10", N_("quit (Ctrl+C too)"), N_("Quit")},
};
const int key_nbindings = sizeof key_bindings / sizeof key_bindings[0];
_Static_assert(sizeof key_bindings / sizeof key_bindings[0] == ACT_COUNT, "one binding per action");

/* Where procsim's keys are not htop's: said in the help (issue 11, item 6). */
static const char *const htop_differences[] = {
	N_("z runs or pauses the clock: Space tags, as in htop (htop's Z pauses its updates)."),
	N_("} and { go to the next or previous event: ] and [ renice, as in htop."),
	N_("→ or n steps a tick, ← or b goes back; F3 finds the next match of the last search (htop has no n)."),
	N_("+ and - change the speed (in htop they expand and collapse the tree)."),
	N_("e explains the selected process (htop: its environment); l sizes the log (htop: lsof)."),
	N_("R inverts the sort as I does; u offers the only two users, root and student."),
	N_("H shows threads as top's H does, each a row of its own (htop shows them under their process in its tree). Renicing needs no root here."),
};

static const char *const group_titles[KG_COUNT] = {
	[KG_TIME] = N_("Time"), [KG_SELECT] = N_("Selection (the mouse selects too)"),
	[KG_PROCESS] = N_("The selected process"), [KG_VIEW] = N_("View"), [KG_OTHER] = N_("Other"),
};

enum action keys_lookup(int key)
{
	for (int i = 0; i < key_nbindings; i++)
		for (int k = 0; k < 4 && key_bindings[i].keys[k]; k++)
			if (key_bindings[i].keys[k] == key)
				return key_bindings[i].action;
	return ACT_COUNT;
}

static const char *names_of(const struct key_binding *b) { return vm_ascii() ? b->names_ascii : b->names; }

void keys_help(struct vm_text *out)
{
	struct vm_line *l;
	int name_w = 0;
	for (int i = 0; i < key_nbindings; i++)
		if (vm_width(names_of(&key_bindings[i])) > name_w)
			name_w = vm_width(names_of(&key_bindings[i]));
	if ((l = vm_text_add(out)))
		vm_line_add(l, ROLE_TITLE, _("procsim: the keys of the interactive view (any key closes this help)"));
	for (int g = 0; g < KG_COUNT; g++) {
		if ((l = vm_text_add(out)) && (l = vm_text_add(out)))
			vm_line_add(l, ROLE_TABLE_HEAD, _(group_titles[g]));
		for (int i = 0; i < key_nbindings; i++) {
			if (key_bindings[i].group != (enum key_group)g || !(l = vm_text_add(out)))
				continue;
			l->indent = name_w + 4;
			vm_line_add(l, ROLE_NORMAL, "  ");
			vm_line_addfit(l, ROLE_KEY, names_of(&key_bindings[i]), name_w, false);
			vm_line_add(l, ROLE_NORMAL, "  ");
			vm_line_add(l, ROLE_NORMAL, _(key_bindings[i].help));
		}
	}
	/* The states and their colours (or attributes on a monochrome terminal). */
	static const struct { enum vm_role role; const char *letter, *text; } states[] = {
		{ROLE_STATE_RUN, "R", N_("running: on a CPU now")},
		{ROLE_STATE_R, "R", N_("runnable: in the run queue, waiting for a CPU")},
		{ROLE_STATE_S, "S", N_("sleeping: waits for a timer, a child, input or a signal; a signal wakes it")},
		{ROLE_STATE_D, "D", N_("uninterruptible sleep: waits for the disk; signals wait too")},
		{ROLE_STATE_T, "T", N_("stopped: by SIGSTOP or Ctrl+Z, until SIGCONT")},
		{ROLE_STATE_Z, "Z", N_("zombie: has exited; waits for its parent's wait()")},
	};
	if ((l = vm_text_add(out)) && (l = vm_text_add(out)))
		vm_line_add(l, ROLE_TABLE_HEAD, _("States"));
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		if (!(l = vm_text_add(out)))
			break;
		l->indent = name_w + 4;
		vm_line_add(l, ROLE_NORMAL, "  ");
		vm_line_addfit(l, states[i].role, states[i].letter, name_w, false);
		vm_line_add(l, ROLE_NORMAL, "  ");
		vm_line_add(l, states[i].role, _(states[i].text));
	}
	vm_gantt_legend(out, name_w);
	/* last, where End takes a reader who knows htop */
	if ((l = vm_text_add(out)) && (l = vm_text_add(out)))
		vm_line_add(l, ROLE_TABLE_HEAD, _("What differs from htop"));
	for (size_t i = 0; i < sizeof htop_differences / sizeof htop_differences[0]; i++)
		if ((l = vm_text_add(out))) {
			l->indent = 4;
			vm_line_add(l, ROLE_NORMAL, "  ");
			vm_line_add(l, ROLE_NORMAL, _(htop_differences[i]));
		}
	if ((l = vm_text_add(out)) && (l = vm_text_add(out)))
		vm_line_add(l, ROLE_LABEL, _("Rows that changed in the last tick flash; the log below the table says why."));
}

/* The footer's entry for binding b: its first key name and its word. */
static int footer_entry(const struct key_binding *b, char *key, size_t n, const char **word)
{
	const char *names = names_of(b);
	size_t k = strcspn(names, " ");
	if (k >= n)
		k = n - 1;
	memcpy(key, names, k);
	key[k] = '\0';
	*word = _(b->footer);
	return vm_width(key) + 1 + vm_width(*word);
}

void keys_footer(struct vm_line *out, int width)
{
	vm_line_clear(out);
	/* help and quit always show, at the end, as in htop */
	int reserved = 0;
	for (int i = 0; i < key_nbindings; i++) {
		const struct key_binding *b = &key_bindings[i];
		char key[32];
		const char *word;
		if (b->footer && (b->action == ACT_HELP || b->action == ACT_QUIT))
			reserved += footer_entry(b, key, sizeof key, &word) + 2;
	}
	int used = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < key_nbindings; i++) {
			const struct key_binding *b = &key_bindings[i];
			bool last = b->action == ACT_HELP || b->action == ACT_QUIT;
			if (!b->footer || last != (pass == 1))
				continue;
			char key[32];
			const char *word;
			int w = footer_entry(b, key, sizeof key, &word);
			if (used + w + (pass == 0 ? reserved : 0) > width)
				continue;
			if (used > 0)
				vm_line_add(out, ROLE_NORMAL, "  ");
			vm_line_add(out, ROLE_KEY, key);
			vm_line_add(out, ROLE_NORMAL, " ");
			vm_line_add(out, ROLE_KEY_LABEL, word);
			used += w + 2;
		}
}
