/* screen.c: curses. The view model gives lines of text with roles; this file
 * gives each role a colour pair and, on monochrome terminals or under
 * NO_COLOR, an attribute, and puts the lines where the layout says. Text is
 * always cut to display widths (view_model.c), so wide characters never spill
 * into the next column. */
#include "screen.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "i18n.h"
#include "keys.h"

struct style {
	short fg, bg;
	attr_t attr;     /* with colours */
	attr_t mono;     /* without */
};

#define DEF (-1)
static const struct style styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {DEF, DEF, A_NORMAL, A_NORMAL},
	[ROLE_LABEL] = {COLOR_CYAN, DEF, A_NORMAL, A_NORMAL},
	[ROLE_VALUE] = {DEF, DEF, A_BOLD, A_BOLD},
	[ROLE_TITLE] = {DEF, DEF, A_BOLD, A_BOLD},
	[ROLE_TABLE_HEAD] = {COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE},
	[ROLE_SORTED_HEAD] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD | A_UNDERLINE},
	[ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[ROLE_CHANGED] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_BOLD | A_UNDERLINE},
	[ROLE_STATE_RUN] = {COLOR_GREEN, DEF, A_BOLD, A_BOLD},
	[ROLE_STATE_R] = {COLOR_GREEN, DEF, A_NORMAL, A_BOLD},
	[ROLE_STATE_S] = {DEF, DEF, A_NORMAL, A_NORMAL},
	[ROLE_STATE_D] = {COLOR_YELLOW, DEF, A_NORMAL, A_UNDERLINE},
	[ROLE_STATE_T] = {COLOR_MAGENTA, DEF, A_BOLD, A_DIM},
	[ROLE_STATE_Z] = {COLOR_RED, DEF, A_BOLD, A_BOLD | A_UNDERLINE},
	[ROLE_RUNNING] = {COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_PAUSED] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE},
	[ROLE_ENDED] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[ROLE_LOG_TIME] = {COLOR_CYAN, DEF, A_NORMAL, A_DIM},
	[ROLE_LOG] = {DEF, DEF, A_NORMAL, A_NORMAL},
	[ROLE_LOG_PRINT] = {COLOR_GREEN, DEF, A_BOLD, A_BOLD},
	[ROLE_LOG_SIGNAL] = {COLOR_YELLOW, DEF, A_NORMAL, A_UNDERLINE},
	[ROLE_KEY] = {DEF, DEF, A_BOLD, A_BOLD},
	[ROLE_KEY_LABEL] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[ROLE_MESSAGE] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_DIALOG] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
	[ROLE_DIALOG_SELECTED] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_BOLD},
	[ROLE_IDLE] = {COLOR_BLUE, DEF, A_BOLD, A_DIM},
	[ROLE_GANTT1] = {COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE},
	[ROLE_GANTT2] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_BOLD | A_UNDERLINE},
	[ROLE_GANTT3] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
	[ROLE_GANTT4] = {COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, A_BOLD | A_UNDERLINE},
	[ROLE_GANTT5] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
	[ROLE_GANTT6] = {COLOR_WHITE, COLOR_RED, A_NORMAL, A_BOLD | A_UNDERLINE},
	[ROLE_TAGGED] = {COLOR_YELLOW, DEF, A_BOLD, A_BOLD | A_UNDERLINE}, /* htop's tags are yellow */
};

static SCREEN *scr;
static bool is_open, mono_scheme;
static attr_t role_attr[ROLE_COUNT];

static void setup_roles(bool mono)
{
	mono_scheme = mono || !has_colors();
	if (!mono_scheme) {
		start_color();
		if (use_default_colors() == ERR)
			mono_scheme = COLORS < 8;
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (mono_scheme) {
			role_attr[r] = styles[r].mono;
			continue;
		}
		short fg = styles[r].fg, bg = styles[r].bg;
		if (fg == DEF && bg == DEF) {
			role_attr[r] = styles[r].attr;
			continue;
		}
		init_pair((short)(r + 1), fg, bg);
		role_attr[r] = COLOR_PAIR(r + 1) | styles[r].attr;
	}
}

static void setup_input(void)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(200);
}

bool screen_open(bool mono)
{
	if (is_open)
		return true;
	scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return false;
	set_term(scr);
	is_open = true;
	setup_input();
	setup_roles(mono);
	return true;
}

bool screen_open_on(FILE *out, FILE *in, const char *term, int cols, int lines, bool mono)
{
	scr = newterm(term, out, in);
	if (!scr)
		return false;
	set_term(scr);
	is_open = true;
	resize_term(lines, cols);
	setup_roles(mono);
	return true;
}

void screen_close(void)
{
	if (!is_open)
		return;
	is_open = false;
	endwin();
}

bool screen_is_open(void) { return is_open; }

void screen_size(int *cols, int *lines)
{
	*cols = COLS;
	*lines = LINES;
}

void screen_resized(void)
{
	/* ncurses has already taken the new size (its SIGWINCH handler); redraw
	 * everything rather than trust what is on the terminal. */
	clearok(curscr, TRUE);
}

int screen_key(int timeout_ms, struct screen_mouse *m)
{
	timeout(timeout_ms);
	int key = getch();
	if (key == KEY_MOUSE && m) {
		MEVENT ev;
		memset(m, 0, sizeof *m);
		if (getmouse(&ev) != OK)
			return ERR;
		m->x = ev.x;
		m->y = ev.y;
		m->click = (ev.bstate & BUTTON1_CLICKED) != 0;
		m->double_click = (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0;
		m->wheel_up = (ev.bstate & BUTTON4_PRESSED) != 0;
#ifdef BUTTON5_PRESSED
		m->wheel_down = (ev.bstate & BUTTON5_PRESSED) != 0;
#endif
	}
	return key;
}

/* ---- drawing ------------------------------------------------------------------------ */

/* Puts a line at (y, x) over `width` columns: its spans in their roles (or all
 * in `over` when over >= 0), then spaces. */
static void put_line(int y, int x, const struct vm_line *l, int width, int over)
{
	char buf[VM_LINE_BYTES];
	int used = 0;
	move(y, x);
	for (int i = 0; i < l->nspans && used < width; i++) {
		const struct vm_span *sp = &l->spans[i];
		char part[VM_LINE_BYTES];
		memcpy(part, l->text + sp->off, (size_t)sp->len);
		part[sp->len] = '\0';
		int w = vm_width(part);
		if (w > width - used)
			w = width - used;
		vm_fit(buf, sizeof buf, part, w, false);
		attrset(role_attr[over >= 0 ? over : (int)sp->role]);
		addstr(buf);
		used += w;
	}
	attrset(role_attr[over >= 0 ? over : ROLE_NORMAL]);
	for (; used < width; used++)
		addch(' ');
	attrset(A_NORMAL);
}

static void put_text(int y, int x, const char *s, int width, enum vm_role role)
{
	struct vm_line l;
	vm_line_clear(&l);
	vm_line_add(&l, role, s);
	put_line(y, x, &l, width, -1);
}

void screen_draw(const struct vm *vm, const struct vm_layout *lay, const struct screen_view *v)
{
	static struct vm_line line, *log;
	static int log_cap;
	int W = lay->cols;
	erase();
	for (int i = 0; i < lay->header_h; i++) {
		vm_header_line(vm, i, &line);
		put_line(lay->header_y + i, 0, &line, W, -1);
	}
	/* the table */
	if (lay->table_h > 0) {
		vm_table_head(vm, &line);
		put_line(lay->table_y, 0, &line, W, -1);
		for (int i = 0; i + 1 < lay->table_h; i++) {
			int row = v->top + i;
			if (row >= vm->nrows)
				break;
			vm_row_line(vm, row, &line);
			const struct proc_info *p = vm_row_proc(vm, row);
			int over = row == v->selected ? ROLE_SELECTED
				 : v->flash && p && history_changed(vm->h, p->pid) ? ROLE_CHANGED : -1;
			put_line(lay->table_y + 1 + i, 0, &line, W, over);
		}
	}
	for (int i = 0; i < lay->queues_h; i++) {
		vm_queue_line(vm, i, &line);
		put_line(lay->queues_y + i, 0, &line, W, -1);
	}
	if (lay->gantt_h > 0) {
		for (int c = 0; c < lay->gantt_cpus; c++) {
			vm_gantt_line(vm, c, &line);
			put_line(lay->gantt_y + c, 0, &line, W, -1);
		}
		vm_gantt_axis(vm, &line);
		put_line(lay->gantt_y + lay->gantt_cpus, 0, &line, W, -1);
	}
	if (lay->log_h > 0) {
		if (lay->log_h > log_cap) {
			struct vm_line *n = realloc(log, sizeof *n * (size_t)lay->log_h);
			if (n) {
				log = n;
				log_cap = lay->log_h;
			}
		}
		int h = lay->log_h < log_cap ? lay->log_h : log_cap;
		int n = vm_log_lines(vm, log, h);
		for (int i = 0; i < n; i++)
			put_line(lay->log_y + h - n + i, 0, &log[i], W, -1);
	}
	/* the footer: a prompt, a message, or the keys */
	if (v->prompt) {
		put_text(lay->footer_y, 0, v->prompt, W, ROLE_MESSAGE);
	} else if (v->message) {
		put_text(lay->footer_y, 0, v->message, W, ROLE_MESSAGE);
	} else {
		keys_footer(&line, W);
		put_line(lay->footer_y, 0, &line, W, -1);
	}
}

void screen_draw_text(const struct vm_text *t, int scroll, const char *hint)
{
	erase();
	int H = LINES - 1;
	for (int i = 0; i < H && scroll + i < t->n; i++)
		put_line(i, 0, &t->lines[scroll + i], COLS, -1);
	put_text(LINES - 1, 0, hint, COLS, ROLE_KEY_LABEL);
}

void screen_draw_menu(const char *title, const char *const *items, int n, int selected)
{
	int w = vm_width(title) + 4;
	for (int i = 0; i < n; i++)
		if (vm_width(items[i]) + 6 > w)
			w = vm_width(items[i]) + 6;
	if (w > COLS - 2)
		w = COLS - 2;
	/* Taller than the screen: the rows around the selection. */
	int shown = n, first = 0;
	if (shown + 4 > LINES)
		shown = LINES - 4 > 1 ? LINES - 4 : 1;
	if (shown < n) {
		first = selected - shown / 2;
		if (first > n - shown)
			first = n - shown;
		if (first < 0)
			first = 0;
	}
	int h = shown + 4;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	if (y0 < 0)
		y0 = 0;
	if (x0 < 0)
		x0 = 0;
	for (int y = 0; y < h; y++)
		put_text(y0 + y, x0, "", w, ROLE_DIALOG);
	put_text(y0 + 1, x0 + 2, title, w - 4, ROLE_DIALOG);
	for (int i = first; i < first + shown; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, " %s ", items[i]);
		put_text(y0 + 3 + i - first, x0 + 2, buf, w - 4, i == selected ? ROLE_DIALOG_SELECTED : ROLE_DIALOG);
	}
}

void screen_draw_too_small(int cols, int lines)
{
	char msg[512];
	vm_too_small(cols, lines, msg, sizeof msg);
	erase();
	/* wrapped over the rows there are, centred vertically */
	const char *starts[64];
	size_t lens[64];
	int nlines = vm_wrap(msg, cols, starts, lens, 64);
	int y0 = (lines - nlines) / 2;
	if (y0 < 0)
		y0 = 0;
	for (int i = 0; i < nlines && y0 + i < lines; i++) {
		char part[512];
		memcpy(part, starts[i], lens[i]);
		part[lens[i]] = '\0';
		put_text(y0 + i, 0, part, cols, ROLE_MESSAGE);
	}
}

void screen_flush(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

/* <term.h> defines macros named `lines` and `columns`: it comes last. */
#include <term.h>

bool screen_terminal_ok(char *why, size_t n)
{
	const char *term = getenv("TERM");
	int err = 0;
	if (setupterm(NULL, 1, &err) != OK) {
		snprintf(why, n, _("the terminal type '%s' is unknown"), term ? term : "");
		return false;
	}
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	cur_term = NULL;
	if (!ok)
		snprintf(why, n, _("the terminal type '%s' cannot move the cursor"), term ? term : "");
	return ok;
}
