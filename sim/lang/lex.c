/* lex.c: the scenario lexer (see lex.h).
 * Indentation works like Python's tokenizer: a stack of indentation widths,
 * INDENT when a line is deeper, one DEDENT per level popped when shallower.
 * Like CPython's tokenizer (tok_get), it measures each indentation twice,
 * with tabs to the next multiple of 8 and with tabs as one column, and calls
 * the mix of tabs and spaces inconsistent (TabError) when the two disagree.
 * Blank and comment-only lines produce no tokens at all. */
#include "lex.h"

#include "../i18n.h"

#include <stdlib.h>
#include <string.h>

struct lexer {
	const char *src, *end, *p;
	int line, col;
	int indents[LEX_MAX_INDENT_DEPTH];
	int alt_indents[LEX_MAX_INDENT_DEPTH]; /* the same, a tab counted as 1 column */
	int depth;
	int alt_width;                  /* this line's indentation, a tab as 1 column */
	int tab_error_line;             /* the line whose TabError was reported */
	int pending_dedents;
	bool at_line_start;
	bool emitted_any_on_line;
	bool prev_was_space;
	bool done_eof;
	int last_line, last_end_col;   /* where the last real token ended */
};

struct lexer *lex_open(const char *src, size_t len)
{
	struct lexer *lx = calloc(1, sizeof *lx);
	if (!lx)
		return NULL;
	lx->src = lx->p = src;
	lx->end = src + len;
	lx->line = 1;
	lx->col = 1;
	lx->at_line_start = true;
	/* Skip a UTF-8 byte order mark: some editors on Windows write one. */
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		lx->p += 3;
	return lx;
}

void lex_close(struct lexer *lx) { free(lx); }

/* Decode one UTF-8 code point; returns its byte length, 0 if invalid. */
static int utf8_decode(const char *s, const char *end, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t avail = (size_t)(end - s);
	if (avail == 0)
		return 0;
	if (u[0] < 0x80) { *cp = u[0]; return 1; }
	int n;
	uint32_t c;
	if ((u[0] & 0xE0) == 0xC0) { n = 2; c = u[0] & 0x1F; }
	else if ((u[0] & 0xF0) == 0xE0) { n = 3; c = u[0] & 0x0F; }
	else if ((u[0] & 0xF8) == 0xF0) { n = 4; c = u[0] & 0x07; }
	else return 0;
	if (avail < (size_t)n)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

/* CJK and full-width punctuation is not part of a name: a teacher typing with
 * an input method often produces '（' or '，' where '(' or ',' was meant. */
static bool is_wide_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	       (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x2000 && c <= 0x206F) ||
	       (c >= 0x00A0 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7;
}

static bool is_name_start(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (c >= 0x80 && !is_wide_punct(c));
}

static bool is_name_char(uint32_t c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

static uint32_t peek_cp(const struct lexer *lx, const char *at, int *n)
{
	uint32_t c = 0;
	*n = utf8_decode(at, lx->end, &c);
	return *n ? c : 0xFFFFFFFF;
}

static void advance(struct lexer *lx, int bytes)
{
	lx->p += bytes;
	lx->col++;
}

static struct token make(struct lexer *lx, enum tok_kind k, const char *start, int line, int col)
{
	struct token t = {0};
	t.kind = k;
	t.start = start;
	t.len = (size_t)(lx->p - start);
	t.line = line;
	t.col = col;
	t.glued = !lx->prev_was_space;
	return t;
}

static struct token error_at(struct lexer *lx, const char *msg, int line, int col)
{
	struct token t = make(lx, TOK_ERROR, lx->p, line, col);
	t.error = msg;
	t.len = 1;
	/* Skip to the end of the line so the parser can recover on the next one. */
	while (lx->p < lx->end && *lx->p != '\n')
		lx->p++;
	return t;
}

/* Measure the indentation of the line starting at lx->p; skip blank lines and
 * comment-only lines. Returns -1 at end of input. */
static int measure_indent(struct lexer *lx)
{
	for (;;) {
		int width = 0, alt = 0;
		const char *q = lx->p;
		while (q < lx->end && (*q == ' ' || *q == '\t' || *q == '\r')) {
			if (*q == ' ') width++;
			else if (*q == '\t') width = (width / 8 + 1) * 8;
			if (*q != '\r') alt++;
			q++;
		}
		lx->alt_width = alt;
		if (q >= lx->end) {
			lx->p = q;
			return -1;
		}
		if (*q == '\n' || *q == '#') {
			while (q < lx->end && *q != '\n')
				q++;
			if (q < lx->end)
				q++;
			lx->p = q;
			lx->line++;
			lx->col = 1;
			continue;
		}
		lx->col = 1 + (int)(q - lx->p);
		lx->p = q;
		return width;
	}
}

static struct token lex_number(struct lexer *lx, int line, int col)
{
	const char *start = lx->p;
	int64_t whole = 0, frac = 0, scale = 1000000;
	bool fraction = false, overflow = false;
	while (lx->p < lx->end && *lx->p >= '0' && *lx->p <= '9') {
		whole = whole * 10 + (*lx->p - '0');
		if (whole > LEX_NUMBER_MAX)
			overflow = true, whole = 0;
		advance(lx, 1);
	}
	if (lx->p + 1 < lx->end && *lx->p == '.' && lx->p[1] >= '0' && lx->p[1] <= '9') {
		fraction = true;
		advance(lx, 1);
		bool beyond = false; /* digits past the sixth: round up, as durations do */
		while (lx->p < lx->end && *lx->p >= '0' && *lx->p <= '9') {
			if (scale > 1) {
				scale /= 10;
				frac += (*lx->p - '0') * scale;
			} else if (*lx->p != '0') {
				beyond = true;
			}
			advance(lx, 1);
		}
		if (beyond)
			frac++;
	}
	struct token t = make(lx, TOK_NUMBER, start, line, col);
	if (overflow) {
		t.kind = TOK_ERROR;
		t.error = N_("number too large");
		return t;
	}
	t.micro = whole * 1000000 + frac;
	t.fraction = fraction;
	return t;
}

static struct token lex_string(struct lexer *lx, int line, int col)
{
	const char *start = lx->p;
	advance(lx, 1);
	while (lx->p < lx->end && *lx->p != '"') {
		if (*lx->p == '\n')
			return error_at(lx, N_("unterminated string: a string must end on the line it starts"), line, col);
		int n = 1;
		if (*lx->p == '\\') {
			if (lx->p + 1 >= lx->end || !strchr("\"\\nt{}", lx->p[1]))
				return error_at(lx, N_("unknown escape in string: use \\\", \\\\, \\n or \\t"), lx->line, lx->col);
			n = 2;
			lx->col++;
		} else {
			uint32_t c;
			n = utf8_decode(lx->p, lx->end, &c);
			if (!n)
				return error_at(lx, N_("invalid UTF-8 in string"), lx->line, lx->col);
		}
		advance(lx, n);
	}
	if (lx->p >= lx->end)
		return error_at(lx, N_("unterminated string: a string must end on the line it starts"), line, col);
	advance(lx, 1);
	return make(lx, TOK_STRING, start, line, col);
}

/* Does the line's indentation compare with the open blocks' the same way
 * whatever a tab is worth? (CPython: the col/altcol checks in tok_get.) */
static bool indent_consistent(const struct lexer *lx, int width, int alt)
{
	int d = lx->depth;
	while (d > 0 && lx->indents[d - 1] > width)
		d--; /* the block this line returns to, if it dedents */
	int cur = d ? lx->indents[d - 1] : 0, alt_cur = d ? lx->alt_indents[d - 1] : 0;
	if (width > cur)
		return alt > alt_cur;
	return width != cur || alt == alt_cur; /* a mismatch is reported as such */
}

struct token lex_next(struct lexer *lx)
{
	if (lx->pending_dedents > 0) {
		lx->pending_dedents--;
		struct token t = make(lx, TOK_DEDENT, lx->p, lx->line, lx->col);
		t.len = 0;
		return t;
	}
	if (lx->at_line_start) {
		int width = measure_indent(lx);
		if (width < 0) {
			/* End of input: close the open blocks, then EOF. */
			/* At the end of input, point at the end of the last line that
			 * has text, not at a line that does not exist. */
			int line = lx->last_line ? lx->last_line : 1, col = lx->last_line ? lx->last_end_col : 1;
			if (lx->depth > 0) {
				lx->depth--;
				struct token t = make(lx, TOK_DEDENT, lx->p, line, col);
				t.len = 0;
				return t;
			}
			lx->done_eof = true;
			struct token t = make(lx, TOK_EOF, lx->p, line, col);
			t.len = 0;
			return t;
		}
		if (!indent_consistent(lx, width, lx->alt_width) && lx->tab_error_line != lx->line) {
			/* Report it, then measure the line again on the next call: the
			 * blocks follow the 8-column reading, so the parse goes on. */
			lx->tab_error_line = lx->line;
			struct token t = make(lx, TOK_ERROR, lx->p, lx->line, lx->col);
			t.error = N_("inconsistent use of tabs and spaces in indentation (Python's TabError): indent with spaces only");
			t.len = 1;
			lx->p -= lx->col - 1;
			lx->col = 1;
			return t;
		}
		lx->at_line_start = false;
		lx->prev_was_space = true;
		int cur = lx->depth ? lx->indents[lx->depth - 1] : 0;
		if (width > cur) {
			if (lx->depth == LEX_MAX_INDENT_DEPTH)
				return error_at(lx, N_("blocks nested too deeply"), lx->line, lx->col);
			lx->alt_indents[lx->depth] = lx->alt_width;
			lx->indents[lx->depth++] = width;
			struct token t = make(lx, TOK_INDENT, lx->p, lx->line, lx->col);
			t.len = 0;
			return t;
		}
		if (width < cur) {
			int pops = 0;
			while (lx->depth > 0 && lx->indents[lx->depth - 1] > width) {
				lx->depth--;
				pops++;
			}
			int now = lx->depth ? lx->indents[lx->depth - 1] : 0;
			if (now != width) {
				/* Close the blocks anyway, so what follows parses normally. */
				lx->pending_dedents = pops;
				return error_at(lx, N_("this line's indentation matches no enclosing block"), lx->line, lx->col);
			}
			lx->pending_dedents = pops - 1;
			struct token t = make(lx, TOK_DEDENT, lx->p, lx->line, lx->col);
			t.len = 0;
			return t;
		}
	}
	/* Skip spaces and a trailing comment. */
	bool spaced = false;
	while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r')) {
		advance(lx, 1);
		spaced = true;
	}
	if (lx->p < lx->end && *lx->p == '#')
		while (lx->p < lx->end && *lx->p != '\n')
			lx->p++;
	if (spaced)
		lx->prev_was_space = true;
	int line = lx->line, col = lx->col;
	if (lx->p >= lx->end || *lx->p == '\n') {
		const char *start = lx->p;
		if (lx->p < lx->end) {
			lx->p++;
			lx->line++;
			lx->col = 1;
		}
		lx->at_line_start = true;
		struct token t = make(lx, TOK_NEWLINE, start, line, col);
		t.len = 0;
		lx->prev_was_space = true;
		return t;
	}
	struct token t;
	const char *start = lx->p;
	char c = *lx->p;
	int n;
	uint32_t cp = peek_cp(lx, lx->p, &n);
	if (!n)
		return error_at(lx, N_("invalid UTF-8 byte"), line, col);
	if (c >= '0' && c <= '9') {
		t = lex_number(lx, line, col);
	} else if (c == '"') {
		t = lex_string(lx, line, col);
	} else if (is_name_start(cp)) {
		/* A name may contain '-' between letters, so `ctrl-z` is one word. */
		for (;;) {
			unsigned char a = lx->p < lx->end ? (unsigned char)*lx->p : 0;
			if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9') || a == '_') {
				advance(lx, 1); /* ASCII, the common case (a million `job` lines) */
				continue;
			}
			uint32_t d = peek_cp(lx, lx->p, &n);
			if (n && is_name_char(d)) {
				advance(lx, n);
				continue;
			}
			/* `ctrl-z` and `ctrl-c` are one word; elsewhere '-' is minus. */
			int m;
			if (n == 1 && d == '-' && lx->p - start == 4 && memcmp(start, "ctrl", 4) == 0 &&
			    is_name_start(peek_cp(lx, lx->p + 1, &m)) && m > 0) {
				advance(lx, 1);
				continue;
			}
			break;
		}
		t = make(lx, TOK_IDENT, start, line, col);
	} else {
		/* Two-character operators first, then one-character punctuation. */
		static const struct { const char *text; enum tok_kind kind; } punct[] = {
			{"==", TOK_EQEQ}, {"!=", TOK_NE}, {"<=", TOK_LE}, {">=", TOK_GE},
			{"(", TOK_LPAREN}, {")", TOK_RPAREN}, {",", TOK_COMMA}, {"{", TOK_LBRACE},
			{"}", TOK_RBRACE}, {"-", TOK_MINUS}, {"=", TOK_EQUALS}, {"+", TOK_PLUS},
			{"*", TOK_STAR}, {"/", TOK_SLASH}, {"%", TOK_PERCENT}, {"<", TOK_LT},
			{">", TOK_GT}, {".", TOK_DOT}, {"[", TOK_LBRACKET}, {"]", TOK_RBRACKET},
			{"&", TOK_AMP}, /* a timeline job started in the background: run worker & */
		};
		for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
			if (punct[i].text[0] != c)
				continue;
			size_t k = strlen(punct[i].text);
			if ((size_t)(lx->end - lx->p) >= k && memcmp(lx->p, punct[i].text, k) == 0) {
				for (size_t j = 0; j < k; j++)
					advance(lx, 1);
				t = make(lx, punct[i].kind, start, line, col);
				goto done;
			}
		}
		if (c == ':')
			return error_at(lx, N_("no ':' here: a block is opened by indenting the lines under its first line"), line, col);
		if (c == '\'')
			return error_at(lx, N_("strings are written in double quotes: \"text\""), line, col);
		if (cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C || cp == 0x201C || cp == 0x201D)
			return error_at(lx, N_("full-width punctuation: use ASCII ( ) , and \" outside strings"), line, col);
		return error_at(lx, N_("unexpected character"), line, col);
	}
done:
	t.glued = !lx->prev_was_space;
	lx->prev_was_space = false;
	lx->last_line = t.line;
	lx->last_end_col = lx->col;
	return t;
}

char *lex_string_value(const struct token *t)
{
	char *out = malloc(t->len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 1; i + 1 < t->len; i++) {
		char c = t->start[i];
		if (c == '\\' && i + 2 < t->len) {
			char e = t->start[++i];
			c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
		} else if ((c == '{' || c == '}') && i + 2 < t->len && t->start[i + 1] == c) {
			i++; /* {{ and }} stand for one brace, as in placeholders */
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

const char *lex_line_text(const char *src, size_t len, int line, size_t *out_len)
{
	const char *p = src, *end = src + len;
	for (int l = 1; l < line && p < end; p++)
		if (*p == '\n')
			l++;
	const char *q = p;
	while (q < end && *q != '\n' && *q != '\r')
		q++;
	*out_len = (size_t)(q - p);
	return p;
}
