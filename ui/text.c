/* text.c: UTF-8 widths and escaping. The wide ranges are those of Unicode's
 * East Asian Width W and F classes that matter here (CJK, Hangul, full-width
 * forms, emoji), the same ones glibc's wcwidth reports as 2. */
#include "text.h"

#include <stdbool.h>
#include <string.h>

static const struct { unsigned lo, hi; } wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
	{0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
	{0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
	{0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
	{0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
	{0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
	{0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int text_cp_width(unsigned cp)
{
	if (cp == 0)
		return 0;
	if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	unsigned lo = 0, hi = sizeof wide / sizeof wide[0];
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (cp < wide[mid].lo)
			hi = mid;
		else if (cp > wide[mid].hi)
			lo = mid + 1;
		else
			return 2;
	}
	return 1;
}

/* Decodes one code point; returns bytes used (1 for an invalid byte). */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80 || n < 2) {
		*cp = s[0];
		return 1;
	}
	size_t len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
	if (len > n)
		len = 1;
	unsigned c = len == 2 ? s[0] & 0x1F : len == 3 ? s[0] & 0x0F : s[0] & 0x07;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = s[0];
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = len == 1 ? s[0] : c;
	return len;
}

int text_width_n(const char *s, size_t bytes)
{
	const unsigned char *u = (const unsigned char *)s;
	int w = 0;
	for (size_t i = 0; i < bytes;) {
		unsigned cp;
		i += decode(u + i, bytes - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

int text_width(const char *s) { return text_width_n(s, strlen(s)); }

void text_pad(FILE *out, const char *s, int cols)
{
	bool right = cols < 0;
	if (right)
		cols = -cols;
	int w = text_width(s);
	if (w <= cols) {
		if (right)
			fprintf(out, "%*s", cols - w, "");
		fputs(s, out);
		if (!right)
			fprintf(out, "%*s", cols - w, "");
		return;
	}
	/* Cut at a character boundary, leaving a column for the ellipsis. */
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int used = 0;
	while (i < n) {
		unsigned cp;
		size_t k = decode(u + i, n - i, &cp);
		int cw = text_cp_width(cp);
		if (used + cw > cols - 1)
			break;
		used += cw;
		i += k;
	}
	fwrite(s, 1, i, out);
	fputs("…", out);
	fprintf(out, "%*s", cols - 1 - used, "");
}

/* Closing punctuation that must stay on the line of what it closes. */
static bool closes(unsigned cp)
{
	static const unsigned marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09, 0x300D, 0x300F};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (cp == marks[i])
			return true;
	return false;
}

/* Opening punctuation that must stay on the line of what it opens. */
static bool opens(unsigned cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x201C;
}

/* The next unbreakable piece of s: a run of narrow characters without a
 * space, or one wide character, with the opening marks before it and the
 * closing marks after it. */
static size_t next_piece(const unsigned char *s, size_t n, int *cols)
{
	size_t i = 0;
	bool glued = false;
	*cols = 0;
	while (i < n && s[i] != ' ') {
		unsigned cp;
		size_t k = decode(s + i, n - i, &cp);
		int w = text_cp_width(cp);
		if (w == 2 && i > 0 && !closes(cp) && !glued)
			break;
		glued = false;
		i += k;
		*cols += w;
		if (w == 2 && opens(cp)) {
			glued = true;
		} else if (w == 2 && !closes(cp)) {
			/* A wide character ends the piece, closing marks aside. */
			while (i < n) {
				size_t k2 = decode(s + i, n - i, &cp);
				if (!closes(cp))
					break;
				i += k2;
				*cols += text_cp_width(cp);
			}
			break;
		}
	}
	return i;
}

int text_wrap(FILE *out, const char *s, int col, int indent, int width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	bool pending_space = false, line_empty = true;
	while (i < n) {
		if (u[i] == ' ') {
			pending_space = !line_empty;
			i++;
			continue;
		}
		int w;
		size_t len = next_piece(u + i, n - i, &w);
		int need = w + (pending_space ? 1 : 0);
		if (!line_empty && col + need > width) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
			pending_space = false;
		}
		if (pending_space) {
			fputc(' ', out);
			col++;
		}
		fwrite(u + i, 1, len, out);
		col += w;
		i += len;
		pending_space = false;
		line_empty = false;
	}
	return col;
}

void text_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}
