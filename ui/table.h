/* table.h: aligned text tables, CSV and Markdown from one grid of cells.
 * Widths are display columns (text_width), so Chinese names line up. */
#ifndef PROCSIM_TABLE_H
#define PROCSIM_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#define TABLE_MAX_COLS 24

struct table {
	int ncols, nrows, caprows;
	const char *head[TABLE_MAX_COLS];
	bool left[TABLE_MAX_COLS];   /* left-aligned (text); numbers are right-aligned */
	char **cells;                /* nrows * ncols strings, malloc'd */
	bool oom;
};

void table_init(struct table *t, int ncols, const char *const *head);
void table_free(struct table *t);
/* Appends a row of empty cells; returns its index, or -1 when memory runs out. */
int table_add_row(struct table *t);
/* Sets a cell (printf-style); a NULL or failed cell prints as empty. */
__attribute__((format(printf, 4, 5)))
void table_set(struct table *t, int row, int col, const char *fmt, ...);
const char *table_get(const struct table *t, int row, int col);

/* Columns separated by two spaces, each as wide as its widest cell; `indent`
 * spaces before each line. */
void table_print_text(FILE *out, const struct table *t, int indent);
/* RFC 4180 quoting (fields with a comma, quote or line break), LF line ends. */
void table_print_csv(FILE *out, const struct table *t);
/* A GitHub-flavoured Markdown table; '|' in cells is escaped. */
void table_print_markdown(FILE *out, const struct table *t);

#endif
