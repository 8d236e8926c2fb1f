/* i18n_columns.c: a filter for the i18n tests. Copies standard input with
 * every non-ASCII character replaced by as many '#' as the terminal columns it
 * takes (2 for a Chinese character, 0 for a combining mark), ASCII unchanged.
 * Byte offsets in the output are display columns, so the shell tests can check
 * with awk that columns line up in the terminal, not merely in bytes.
 *
 * Widths are the C library's wcwidth() in a UTF-8 locale, which is what curses
 * uses to place characters, so the check does not trust procsim's own
 * text_width(); without a UTF-8 locale, text_width() is the fallback. */
#ifndef _XOPEN_SOURCE /* (ncursesw's flags may define it) */
#define _XOPEN_SOURCE 700
#endif
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

static bool libc_widths;

static int width_of(const char *s, size_t k)
{
	if (libc_widths) {
		wchar_t wc;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t r = mbrtowc(&wc, s, k, &st);
		if (r == k) {
			int w = wcwidth(wc);
			return w < 0 ? 1 : w;
		}
		return 1; /* an invalid sequence: one column, as a replacement character */
	}
	return text_width_n(s, k);
}

int main(void)
{
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0] && !libc_widths; i++)
		libc_widths = setlocale(LC_CTYPE, utf8[i]) != NULL;
	static char line[1 << 16];
	while (fgets(line, sizeof line, stdin)) {
		for (size_t i = 0; line[i];) {
			unsigned char c = (unsigned char)line[i];
			if (c < 0x80) {
				putchar(c);
				i++;
				continue;
			}
			size_t k = 1;
			while (k < 4 && line[i + k] && ((unsigned char)line[i + k] & 0xC0) == 0x80)
				k++;
			for (int w = width_of(line + i, k); w > 0; w--)
				putchar('#');
			i += k;
		}
	}
	return ferror(stdout) ? 1 : 0;
}
