/* table.c: see table.h. */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void table_init(struct table *t, int ncols, const char *const *head)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols > TABLE_MAX_COLS ? TABLE_MAX_COLS : ncols;
	for (int c = 0; c < t->ncols; c++)
		t->head[c] = head[c];
}

void table_free(struct table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->caprows = 0;
}

int table_add_row(struct table *t)
{
	if (t->nrows == t->caprows) {
		int cap = t->caprows ? t->caprows * 2 : 16;
		char **c = realloc(t->cells, sizeof *c * (size_t)cap * (size_t)t->ncols);
		if (!c) {
			t->oom = true;
			return -1;
		}
		t->cells = c;
		t->caprows = cap;
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = NULL;
	return t->nrows++;
}

void table_set(struct table *t, int row, int col, const char *fmt, ...)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char **cell = &t->cells[row * t->ncols + col];
	free(*cell);
	*cell = strdup(buf);
	if (!*cell)
		t->oom = true;
}

const char *table_get(const struct table *t, int row, int col)
{
	const char *s = row >= 0 && row < t->nrows && col >= 0 && col < t->ncols ? t->cells[row * t->ncols + col] : NULL;
	return s ? s : "";
}

void table_print_text(FILE *out, const struct table *t, int indent)
{
	int w[TABLE_MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->head[c]);
		for (int r = 0; r < t->nrows; r++) {
			int k = text_width(table_get(t, r, c));
			if (k > w[c])
				w[c] = k;
		}
	}
	for (int r = -1; r < t->nrows; r++) {
		/* Each line is built in memory so that trailing blanks can be cut. */
		char *line = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&line, &len);
		if (!m)
			return;
		fprintf(m, "%*s", indent, "");
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputs("  ", m);
			text_pad(m, r < 0 ? t->head[c] : table_get(t, r, c), t->left[c] ? w[c] : -w[c]);
		}
		fclose(m);
		while (len > 0 && line[len - 1] == ' ')
			len--;
		fwrite(line, 1, len, out);
		fputc('\n', out);
		free(line);
	}
}

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void table_print_csv(FILE *out, const struct table *t)
{
	for (int r = -1; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, r < 0 ? t->head[c] : table_get(t, r, c));
		}
		fputc('\n', out);
	}
}

static void md_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

void table_print_markdown(FILE *out, const struct table *t)
{
	for (int r = -2; r < t->nrows; r++) {
		fputc('|', out);
		for (int c = 0; c < t->ncols; c++) {
			fputc(' ', out);
			if (r == -2)
				md_cell(out, t->head[c]);
			else if (r == -1)
				fputs(t->left[c] ? ":--" : "--:", out);
			else
				md_cell(out, table_get(t, r, c));
			fputs(" |", out);
		}
		fputc('\n', out);
	}
}
