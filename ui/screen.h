/* screen.h: the curses side of the interactive view: colour roles (and a
 * monochrome scheme), drawing the view model's lines at the layout's places,
 * dialogs, keys and the mouse. Everything else is in view_model.c. */
#ifndef PROCSIM_SCREEN_H
#define PROCSIM_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "view_model.h"

/* Whether $TERM names a terminal that can move the cursor; if not, why. */
bool screen_terminal_ok(char *why, size_t n);
/* Opens the terminal (stdin/stdout). `mono`: attributes instead of colours
 * (NO_COLOR, or a terminal without colours). Returns false when curses fails. */
bool screen_open(bool mono);
/* The same on any stream, at a fixed size (benchmarks: /dev/null). */
bool screen_open_on(FILE *out, FILE *in, const char *term, int cols, int lines, bool mono);
/* Restores the terminal; safe to call more than once, and from atexit. */
void screen_close(void);
bool screen_is_open(void);
void screen_size(int *cols, int *lines);
/* Takes the new size after KEY_RESIZE. */
void screen_resized(void);

struct screen_mouse {
	int x, y;
	bool click, double_click, wheel_up, wheel_down;
};
/* A key, KEY_RESIZE, KEY_MOUSE (then *m says what), or ERR after timeout_ms
 * (-1: wait). */
int screen_key(int timeout_ms, struct screen_mouse *m);

/* What the main screen shows besides the view model. */
struct screen_view {
	int selected;             /* row index, or -1 */
	int top;                  /* first row shown */
	bool flash;               /* the rows changed in the last tick are highlighted now */
	const char *message;      /* in the footer for a while, or NULL */
	const char *prompt;       /* a line being typed (go to), or NULL */
};
void screen_draw(const struct vm *vm, const struct vm_layout *lay, const struct screen_view *v);
/* A full-screen text (help, explain) from line `scroll`, with a footer hint. */
void screen_draw_text(const struct vm_text *t, int scroll, const char *hint);
/* A menu box over the screen. */
void screen_draw_menu(const char *title, const char *const *items, int n, int selected);
void screen_draw_too_small(int cols, int lines);
/* Sends the frame to the terminal. */
void screen_flush(void);

#endif
