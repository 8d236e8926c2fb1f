/* vm_text.c: text for the terminal without curses: display widths (wcwidth:
 * a CJK character takes two columns), never byte counts, so that Chinese
 * names and translations line up; lines of text with roles; wrapping; the
 * glyphs of the tree and the strip, or their ASCII fallback. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif
#include "view_model_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

/* ---- display width ------------------------------------------------------------- */

static bool ascii_mode;

void vm_set_ascii(bool ascii) { ascii_mode = ascii; }
bool vm_ascii(void) { return ascii_mode; }

/* Decodes one UTF-8 code point; an invalid byte decodes as itself. */
static size_t decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
	unsigned c = len == 2 ? s[0] & 0x1Fu : len == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	*cp = len == 1 ? 0xFFFD : c;
	return len;
}

/* ASCII stand-ins for the punctuation the narration uses; NULL: '?'. */
static const char *ascii_for(unsigned cp)
{
	switch (cp) {
	case 0x2192: return "->";
	case 0x2190: return "<-";
	case 0x2026: return "...";
	case 0x2014: case 0x2013: case 0x2500: case 0x2501: return "-";
	case 0x2502: return "|";
	case 0x201C: case 0x201D: return "\"";
	case 0x2018: case 0x2019: return "'";
	case 0xFF1A: return ":";
	case 0xFF0C: case 0x3001: return ",";
	case 0x3002: return ".";
	case 0xFF08: return "(";
	case 0xFF09: return ")";
	default: return NULL;
	}
}

static int cp_width(unsigned cp)
{
	if (cp >= 0x80 && ascii_mode) {
		const char *a = ascii_for(cp);
		return a ? (int)strlen(a) : 1;
	}
	if (cp < 0x7F || ascii_mode)
		return 1; /* control characters are shown as a space, others as '?' */
	int w = wcwidth((wchar_t)cp);
	return w >= 0 ? w : text_cp_width(cp);
}

int vm_width(const char *s)
{
	int w = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; u[i];) {
		unsigned cp;
		i += decode(u + i, &cp);
		w += cp_width(cp);
	}
	return w;
}

size_t vm_prefix(const char *s, int cols, int *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int w = 0;
	while (u[i]) {
		unsigned cp;
		size_t k = decode(u + i, &cp);
		int cw = cp_width(cp);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

/* Copies `bytes` of s into buf at *at, as the terminal should get them. */
static void put_text(char *buf, size_t n, size_t *at, const char *s, size_t bytes)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < bytes;) {
		unsigned cp;
		size_t k = decode(u + i, &cp);
		if (cp < 0x20 || cp == 0x7F) {
			if (*at + 1 < n)
				buf[(*at)++] = ' ';
		} else if (cp >= 0x80 && (ascii_mode || cp == 0xFFFD)) {
			const char *a = ascii_mode ? ascii_for(cp) : NULL;
			if (!a)
				a = "?";
			size_t len = strlen(a);
			if (*at + len < n) {
				memcpy(buf + *at, a, len);
				*at += len;
			}
		} else if (*at + k < n) {
			memcpy(buf + *at, s + i, k);
			*at += k;
		}
		i += k;
	}
	buf[*at < n ? *at : n - 1] = '\0';
}

void vmi_put_spaces(char *buf, size_t n, size_t *at, int count)
{
	while (count-- > 0 && *at + 1 < n)
		buf[(*at)++] = ' ';
	buf[*at < n ? *at : n - 1] = '\0';
}

size_t vm_fit(char *buf, size_t n, const char *s, int cols, bool right)
{
	size_t at = 0;
	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (cols <= 0)
		return 0;
	int w = vm_width(s);
	if (w <= cols) {
		if (right)
			vmi_put_spaces(buf, n, &at, cols - w);
		put_text(buf, n, &at, s, strlen(s));
		if (!right)
			vmi_put_spaces(buf, n, &at, cols - w);
		return at;
	}
	int used;
	size_t keep = vm_prefix(s, cols - 1, &used);
	put_text(buf, n, &at, s, keep);
	const char *ell = ascii_mode ? "~" : "…";
	if (at + strlen(ell) < n) {
		memcpy(buf + at, ell, strlen(ell));
		at += strlen(ell);
	}
	vmi_put_spaces(buf, n, &at, cols - 1 - used);
	buf[at] = '\0';
	return at;
}

/* ---- lines ------------------------------------------------------------------------ */

void vm_line_clear(struct vm_line *l)
{
	l->len = 0;
	l->indent = 0;
	l->nspans = 0;
	l->text[0] = '\0';
}

static void line_append(struct vm_line *l, enum vm_role role, const char *s, size_t bytes)
{
	size_t room = (size_t)(VM_LINE_BYTES - 1 - l->len);
	if (bytes > room) { /* cut at a character boundary */
		bytes = room;
		while (bytes > 0 && ((unsigned char)s[bytes] & 0xC0) == 0x80)
			bytes--;
	}
	if (bytes == 0)
		return;
	if (l->nspans > 0 && l->spans[l->nspans - 1].role == role) {
		l->spans[l->nspans - 1].len += (int)bytes;
	} else if (l->nspans < VM_LINE_SPANS) {
		l->spans[l->nspans++] = (struct vm_span){role, l->len, (int)bytes};
	} else {
		l->spans[l->nspans - 1].len += (int)bytes;
	}
	memcpy(l->text + l->len, s, bytes);
	l->len += (int)bytes;
	l->text[l->len] = '\0';
}

void vm_line_add(struct vm_line *l, enum vm_role role, const char *s) { line_append(l, role, s, strlen(s)); }

void vm_line_addf(struct vm_line *l, enum vm_role role, const char *fmt, ...)
{
	char buf[VM_LINE_BYTES];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	vm_line_add(l, role, buf);
}

void vm_line_addfit(struct vm_line *l, enum vm_role role, const char *s, int cols, bool right)
{
	char buf[VM_LINE_BYTES];
	vm_fit(buf, sizeof buf, s, cols, right);
	vm_line_add(l, role, buf);
}

struct vm_line *vm_text_add(struct vm_text *t)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 32;
		struct vm_line *n = realloc(t->lines, sizeof *n * (size_t)cap);
		if (!n)
			return NULL;
		t->lines = n;
		t->cap = cap;
	}
	struct vm_line *l = &t->lines[t->n++];
	vm_line_clear(l);
	return l;
}

void vm_text_free(struct vm_text *t)
{
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* Adds bytes [a, b) of `from` to `to`, each piece in its span's role. */
static void copy_range(struct vm_line *to, const struct vm_line *from, int a, int b)
{
	for (int i = 0; i < from->nspans; i++) {
		const struct vm_span *sp = &from->spans[i];
		int lo = sp->off > a ? sp->off : a, hi = sp->off + sp->len < b ? sp->off + sp->len : b;
		if (lo < hi)
			line_append(to, sp->role, from->text + lo, (size_t)(hi - lo));
	}
}

bool vm_text_wrap(const struct vm_text *in, int width, struct vm_text *out)
{
	for (int i = 0; i < in->n; i++) {
		const struct vm_line *l = &in->lines[i];
		int indent = l->indent < width / 2 ? l->indent : 0;
		int pos = 0;
		bool first = true;
		do {
			struct vm_line *o = vm_text_add(out);
			if (!o)
				return false;
			int avail = first ? width : width - indent;
			if (!first)
				vm_line_addf(o, ROLE_NORMAL, "%*s", indent, "");
			const char *s = l->text + pos;
			size_t k = vm_prefix(s, avail, NULL);
			if (k == 0 && *s)
				k = strlen(s) < 4 ? strlen(s) : 1;
			if (s[k]) { /* break at the last space, if it is not too far back */
				size_t sp = k;
				while (sp > 0 && s[sp] != ' ')
					sp--;
				if (sp > k / 2)
					k = sp;
			}
			copy_range(o, l, pos, pos + (int)k);
			pos += (int)k;
			while (pos < l->len && l->text[pos] == ' ')
				pos++;
			first = false;
		} while (pos < l->len);
	}
	return true;
}

/* Splits s into lines of at most `cols` columns, breaking at a space when it can. */
int vm_wrap(const char *s, int cols, const char **starts, size_t *lens, int max)
{
	int n = 0;
	while (*s && n < max) {
		int used;
		size_t k = vm_prefix(s, cols, &used);
		if (k == 0)
			k = 1;
		if (s[k]) {
			size_t sp = k;
			while (sp > 0 && s[sp] != ' ')
				sp--;
			if (sp > k / 2)
				k = sp;
		}
		starts[n] = s;
		lens[n++] = k;
		s += k;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* ---- glyphs ----------------------------------------------------------------------- */

static const char *const glyphs[G_COUNT][2] = {
	[G_VBAR] = {"│  ", "|  "}, [G_TEE] = {"├─ ", "|- "}, [G_CORNER] = {"└─ ", "`- "},
	[G_SEP] = {" │ ", " | "}, [G_ARROW] = {" → ", " > "}, [G_IDLE] = {"·", "."},
	[G_RUN] = {"─", "="}, [G_SYS] = {"~", "~"}, [G_INSTANT] = {"▏", "'"}, [G_NONE] = {"—", "-"},
};
_Static_assert(sizeof glyphs / sizeof glyphs[0] == G_COUNT, "a glyph for each vmi_glyph");
const char *vmi_glyph(enum vmi_glyph g) { return glyphs[g][ascii_mode]; }
