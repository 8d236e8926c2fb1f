/* report.c: printing diagnostics with the source line and a caret. The caret
 * is placed by display columns, so it sits under the right character even
 * after Chinese text or tabs. */
#include "report.h"

#include <string.h>

#include "i18n.h"
#include "lex.h"
#include "text.h"

static void show_line(FILE *out, const char *src, size_t len, int line, int col, int span)
{
	size_t n;
	const char *text = lex_line_text(src, len, line, &n);
	fprintf(out, "%5d | %.*s\n", line, (int)n, text);
	fprintf(out, "      | ");
	/* Walk col-1 characters, reproducing their widths (tabs as tabs). */
	size_t i = 0;
	for (int c = 1; c < col && i < n; c++) {
		size_t k = 1;
		while (i + k < n && ((unsigned char)text[i + k] & 0xC0) == 0x80)
			k++;
		if (text[i] == '\t')
			fputc('\t', out);
		else
			fprintf(out, "%*s", text_width_n(text + i, k), "");
		i += k;
	}
	/* Underline `span` characters with ^~~~ in their display width. */
	int width = 0;
	for (int c = 0; c < span && i < n; c++) {
		size_t k = 1;
		while (i + k < n && ((unsigned char)text[i + k] & 0xC0) == 0x80)
			k++;
		width += text_width_n(text + i, k);
		i += k;
	}
	fputc('^', out);
	for (int w = 1; w < width; w++)
		fputc('~', out);
	fputc('\n', out);
}

void report_error(FILE *out, const char *file, const char *src, size_t len, int line, int col, const char *msg)
{
	if (line > 0)
		fprintf(out, "%s:%d:%d: %s %s\n", file, line, col, _("error:"), msg);
	else
		fprintf(out, "%s: %s %s\n", file, _("error:"), msg);
	if (line > 0 && src)
		show_line(out, src, len, line, col, 1);
}

void report_diags(FILE *out, const char *file, const char *src, size_t len, const struct diags *d)
{
	for (int i = 0; i < d->count; i++) {
		const struct diag *g = &d->items[i];
		if (g->line > 0) {
			fprintf(out, "%s:%d:%d: %s %s\n", file, g->line, g->col, _("error:"), g->msg);
			show_line(out, src, len, g->line, g->col, g->span);
		} else {
			fprintf(out, "%s: %s %s\n", file, _("error:"), g->msg);
		}
		if (g->hint[0])
			fprintf(out, "      = %s %s\n", _("hint:"), g->hint);
	}
	if (d->dropped)
		fprintf(out, NG_("%d more error not shown\n", "%d more errors not shown\n", d->dropped), d->dropped);
}
