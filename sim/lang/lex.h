/* lex.h: the scenario lexer. Turns UTF-8 source into tokens, with Python-style
 * INDENT/DEDENT tokens for blocks. Positions are 1-based lines and columns
 * counted in characters (code points), so a caret can be placed under CJK text. */
#ifndef PROCSIM_LEX_H
#define PROCSIM_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tok_kind {
	TOK_EOF, TOK_NEWLINE, TOK_INDENT, TOK_DEDENT,
	TOK_IDENT, TOK_STRING, TOK_NUMBER,
	TOK_LPAREN, TOK_RPAREN, TOK_COMMA, TOK_LBRACE, TOK_RBRACE, TOK_MINUS, TOK_EQUALS,
	TOK_PLUS, TOK_STAR, TOK_SLASH, TOK_PERCENT, TOK_LT, TOK_GT, TOK_LE, TOK_GE, TOK_EQEQ, TOK_NE,
	TOK_DOT, TOK_LBRACKET, TOK_RBRACKET, TOK_AMP,
	TOK_ERROR,
};

struct token {
	enum tok_kind kind;
	int line, col;          /* where the token starts */
	const char *start;      /* into the source */
	size_t len;             /* bytes */
	int64_t micro;          /* TOK_NUMBER: value * 1e6 */
	bool fraction;          /* TOK_NUMBER had a decimal point */
	bool glued;             /* no space between this token and the previous one */
	const char *error;      /* TOK_ERROR: what is wrong (an untranslated msgid, N_()) */
};

struct lexer;

/* The source must stay alive while tokens are used. */
struct lexer *lex_open(const char *src, size_t len);
void lex_close(struct lexer *lx);
struct token lex_next(struct lexer *lx);

/* Unescape a TOK_STRING's body into a new malloc'd string (\n, \t, \", {{, }}):
 * for strings that take no placeholders. */
char *lex_string_value(const struct token *t);

/* The text of source line `line` (1-based), without its newline. */
const char *lex_line_text(const char *src, size_t len, int line, size_t *out_len);

#define LEX_MAX_INDENT_DEPTH 32
#define LEX_NUMBER_MAX 1000000000000LL /* 1e12: beyond this a number is an error (micro-units fit int64) */

#endif
