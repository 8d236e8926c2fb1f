/* keys.h: the interactive view's keys, as one table from key to action. The
 * help screen and the footer are generated from it; top.c maps each action to
 * a function that returns what must happen next (reaction flags), never draws. */
#ifndef PROCSIM_KEYS_H
#define PROCSIM_KEYS_H

#include "view_model.h"

enum action {
	ACT_RUN_PAUSE, ACT_STEP, ACT_BACK, ACT_NEXT_EVENT, ACT_PREV_EVENT, ACT_FASTER, ACT_SLOWER, ACT_GOTO,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_SEARCH, ACT_FILTER, ACT_TAG, ACT_TAG_TREE, ACT_UNTAG_ALL,
	ACT_SIGNAL, ACT_NICE_DOWN, ACT_NICE_UP, ACT_EXPLAIN,
	ACT_TREE, ACT_SORT_MENU, ACT_SORT_CPU, ACT_SORT_MEM, ACT_SORT_TIME, ACT_SORT_PID, ACT_SORT_REVERSE,
	ACT_USER, ACT_THREADS, ACT_NAMES, ACT_PER_CPU, ACT_LOG, ACT_SETUP, ACT_HELP, ACT_REDRAW, ACT_QUIT,
	ACT_COUNT
};

/* What an action needs done next. */
enum reaction {
	REACT_NONE = 0,
	REACT_REDRAW = 1,    /* draw again */
	REACT_REBUILD = 2,   /* the model or the settings changed: rebuild the view model */
	REACT_QUIT = 4,
};

enum key_group { KG_TIME, KG_SELECT, KG_PROCESS, KG_VIEW, KG_OTHER, KG_COUNT };

struct key_binding {
	enum action action;
	enum key_group group;
	int keys[4];              /* curses key codes; 0 ends the list */
	const char *names;        /* how the help shows them */
	const char *names_ascii;  /* the same without UTF-8 arrows */
	const char *help;         /* msgid: what the key does */
	const char *footer;       /* msgid: one word for the footer, or NULL */
};

extern const struct key_binding key_bindings[];
extern const int key_nbindings;

/* The action of a key, or ACT_COUNT when the key does nothing. */
enum action keys_lookup(int key);
/* The help screen: every binding by group, then the colours of the states. */
void keys_help(struct vm_text *out);
/* The footer: the main keys and their words, as many as fit in `width`. */
void keys_footer(struct vm_line *out, int width);

#endif
