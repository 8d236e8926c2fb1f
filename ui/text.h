/* text.h: display width of UTF-8 text, independent of the locale, so headless
 * output is the same on every machine: CJK characters take two columns. */
#ifndef PROCSIM_TEXT_H
#define PROCSIM_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Columns one code point takes: 0 for combining marks, 2 for wide ones. */
int text_cp_width(unsigned cp);
/* Columns a UTF-8 string takes (invalid bytes count as one column). */
int text_width(const char *s);
int text_width_n(const char *s, size_t bytes);
/* Writes s padded with spaces to `cols` columns (left-aligned, or right-aligned
 * when cols < 0), cutting it with "…" when it is wider. */
void text_pad(FILE *out, const char *s, int cols);
/* Writes s wrapped to `width` columns, the cursor being at column `col`;
 * every further line starts with `indent` spaces. Lines break at spaces and
 * between wide (CJK) characters, never before closing punctuation such as
 * "，" or "。" nor after an opening "（". Writes no final newline; returns
 * the column it ends at. */
int text_wrap(FILE *out, const char *s, int col, int indent, int width);
/* Appends a JSON string literal for s to out. */
void text_json_string(FILE *out, const char *s);

#endif
