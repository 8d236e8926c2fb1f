/* test_lex.c: the scenario lexer: tokens, Python-style INDENT/DEDENT, comments
 * and blank lines, CRLF, a UTF-8 BOM, tabs, hyphenated words, glued units and
 * numbers with fractions. Positions are lines and columns in characters. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "testlib.h"

enum { MAXTOK = 4096 };

struct toks {
	int n;
	struct token t[MAXTOK];
};

/* Every token up to and including EOF; fails if the lexer never ends. */
static struct toks *lex_all_n(const char *src, size_t len)
{
	static struct toks all;
	all.n = 0;
	struct lexer *lx = lex_open(src, len);
	ck_assert_ptr_nonnull(lx);
	for (;;) {
		ck_assert_msg(all.n < MAXTOK, "the lexer does not reach EOF");
		struct token t = lex_next(lx);
		all.t[all.n++] = t;
		if (t.kind == TOK_EOF)
			break;
	}
	/* EOF is sticky. */
	ck_assert_int_eq(lex_next(lx).kind, TOK_EOF);
	lex_close(lx);
	return &all;
}

static struct toks *lex_all(const char *src) { return lex_all_n(src, strlen(src)); }

/* A compact picture of the token stream: `main NL > sleep 3 NL < EOF`.
 * Strings keep their quotes, numbers show their micro-units divided back
 * (3, 0.25), errors show as ERR. */
static const char *shape(const char *src)
{
	static char out[8192];
	struct toks *ts = lex_all(src);
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < ts->n; i++) {
		const struct token *t = &ts->t[i];
		char one[256];
		switch (t->kind) {
		case TOK_EOF: snprintf(one, sizeof one, "EOF"); break;
		case TOK_NEWLINE: snprintf(one, sizeof one, "NL"); break;
		case TOK_INDENT: snprintf(one, sizeof one, ">"); break;
		case TOK_DEDENT: snprintf(one, sizeof one, "<"); break;
		case TOK_ERROR: snprintf(one, sizeof one, "ERR"); break;
		case TOK_NUMBER:
			if (t->fraction)
				snprintf(one, sizeof one, "%lld.%06lld", (long long)(t->micro / 1000000),
					 (long long)(t->micro % 1000000));
			else
				snprintf(one, sizeof one, "%lld", (long long)(t->micro / 1000000));
			break;
		default: snprintf(one, sizeof one, "%.*s", (int)t->len, t->start); break;
		}
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", i ? " " : "", one);
	}
	return out;
}

/* The i-th token that is not NEWLINE/INDENT/DEDENT. */
static const struct token *word(const struct toks *ts, int i)
{
	for (int k = 0; k < ts->n; k++) {
		enum tok_kind kd = ts->t[k].kind;
		if (kd == TOK_NEWLINE || kd == TOK_INDENT || kd == TOK_DEDENT)
			continue;
		if (i-- == 0)
			return &ts->t[k];
	}
	ck_abort_msg("no token %d", i);
	return NULL;
}

#define ASSERT_AT(tok, l, c)                                                                          \
	ck_assert_msg((tok)->line == (l) && (tok)->col == (c), "'%.*s' at %d:%d, expected %d:%d",    \
		      (int)(tok)->len, (tok)->start, (tok)->line, (tok)->col, (l), (c))

/* ---- tokens -------------------------------------------------------------------- */

START_TEST(a_program_becomes_names_numbers_strings_and_punctuation)
{
	ck_assert_str_eq(shape("program task(label, secs)\n    print \"{label}\"\n    sleep {secs}s\n"),
			 "program task ( label , secs ) NL > print \"{label}\" NL sleep { secs } s NL < EOF");
	ck_assert_str_eq(shape("at 2s kill -KILL 3 = x\n"), "at 2 s kill - KILL 3 = x NL EOF");
}
END_TEST

START_TEST(tokens_know_their_line_and_column)
{
	struct toks *ts = lex_all("main\n    sleep 3\n\n    print \"x\"\n");
	ASSERT_AT(word(ts, 0), 1, 1);
	ASSERT_AT(word(ts, 1), 2, 5);
	ASSERT_AT(word(ts, 2), 2, 11);
	ASSERT_AT(word(ts, 3), 4, 5);
	ASSERT_AT(word(ts, 4), 4, 11);
	ck_assert_int_eq(word(ts, 4)->kind, TOK_STRING);
}
END_TEST

START_TEST(columns_count_characters_not_bytes)
{
	struct toks *ts = lex_all("program 生产者(食物, x)\n    print \"你好\" 3\n");
	ck_assert_int_eq(word(ts, 1)->kind, TOK_IDENT);
	ck_assert_int_eq((int)word(ts, 1)->len, 9); /* bytes */
	ASSERT_AT(word(ts, 2), 1, 12);               /* ( */
	ASSERT_AT(word(ts, 3), 1, 13);               /* 食物 */
	ASSERT_AT(word(ts, 5), 1, 17);               /* x */
	ASSERT_AT(word(ts, 8), 2, 11);               /* "你好" */
	ASSERT_AT(word(ts, 9), 2, 16);               /* 3 after it */
}
END_TEST

START_TEST(names_may_hold_chinese_letters_digits_and_underscores)
{
	ck_assert_str_eq(shape("生产者2 _x9 a_b\n"), "生产者2 _x9 a_b NL EOF");
	ck_assert_int_eq(word(lex_all("生产者2\n"), 0)->kind, TOK_IDENT);
	/* A digit does not start a name: 2x is a number and a glued name. */
	ck_assert_str_eq(shape("2x\n"), "2 x NL EOF");
}
END_TEST

START_TEST(ctrl_z_is_one_word_but_a_minus_before_a_number_is_not_part_of_it)
{
	ck_assert_str_eq(shape("at 1 ctrl-z\nat 2 ctrl-c\n"), "at 1 ctrl-z NL at 2 ctrl-c NL EOF");
	ck_assert_str_eq(shape("x-1 a- -b\n"), "x - 1 a - - b NL EOF");
	struct toks *ts = lex_all("kill -KILL p\n");
	ck_assert_int_eq(word(ts, 1)->kind, TOK_MINUS);
	ck_assert_int_eq(word(ts, 2)->kind, TOK_IDENT);
	ck_assert(word(ts, 2)->glued);
	ck_assert(!word(ts, 1)->glued);
}
END_TEST

START_TEST(units_glued_to_numbers_and_placeholders_are_separate_tokens)
{
	struct toks *ts = lex_all("sleep 10ms\nsleep {x}s\nsleep 10 ms\n");
	/* 10ms */
	ck_assert_int_eq(word(ts, 1)->kind, TOK_NUMBER);
	ck_assert(!word(ts, 1)->glued);
	ck_assert_int_eq(word(ts, 2)->kind, TOK_IDENT);
	ck_assert(word(ts, 2)->glued);
	ASSERT_AT(word(ts, 2), 1, 9);
	/* {x}s */
	ck_assert_int_eq(word(ts, 4)->kind, TOK_LBRACE);
	ck_assert_int_eq(word(ts, 6)->kind, TOK_RBRACE);
	ck_assert(word(ts, 6)->glued);
	ck_assert_int_eq(word(ts, 7)->kind, TOK_IDENT);
	ck_assert(word(ts, 7)->glued);
	ASSERT_AT(word(ts, 7), 2, 10);
	/* 10 ms */
	ck_assert_int_eq(word(ts, 10)->kind, TOK_IDENT);
	ck_assert(!word(ts, 10)->glued);
}
END_TEST

START_TEST(numbers_may_have_a_fraction)
{
	struct toks *ts = lex_all("3 0.25 1.5 0.000001 12.0 1000000\n");
	int64_t want[] = {3000000, 250000, 1500000, 1, 12000000, 1000000000000LL};
	bool frac[] = {false, true, true, true, true, false};
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(word(ts, i)->kind, TOK_NUMBER);
		ck_assert_int_eq(word(ts, i)->micro, want[i]);
		ck_assert_int_eq(word(ts, i)->fraction, frac[i]);
	}
	/* A point must be followed by a digit to start a fraction. */
	ck_assert_str_eq(shape("1.\n"), "1 . NL EOF");
}
END_TEST

/* LEX_NUMBER_MAX is 1e12: anything up to it is a number (pid_max 4194304,
 * sleep 2000000 are valid scenarios), anything beyond is an error. */
START_TEST(numbers_up_to_the_maximum_are_numbers)
{
	struct toks *ts = lex_all("4194304 999999999999 1000000000000\n");
	ck_assert_msg(word(ts, 0)->kind == TOK_NUMBER, "4194304 is an error: %s", word(ts, 0)->error);
	ck_assert_int_eq(word(ts, 0)->micro, 4194304000000LL);
	ck_assert_msg(word(ts, 1)->kind == TOK_NUMBER, "999999999999 is an error: %s", word(ts, 1)->error);
	ck_assert_msg(word(ts, 2)->kind == TOK_NUMBER, "1e12 is an error: %s", word(ts, 2)->error);
}
END_TEST

START_TEST(a_number_beyond_the_maximum_is_an_error)
{
	struct toks *ts = lex_all("sleep 10000000000000\n");
	ck_assert_int_eq(word(ts, 1)->kind, TOK_ERROR);
	ck_assert_str_eq(word(ts, 1)->error, "number too large");
	ASSERT_AT(word(ts, 1), 1, 7);
}
END_TEST

/* ---- strings -------------------------------------------------------------------- */

START_TEST(strings_keep_their_escapes_until_unescaped)
{
	struct toks *ts = lex_all("print \"a\\nb\\t\\\"q\\\" \\\\ 你好\"\n");
	const struct token *s = word(ts, 1);
	ck_assert_int_eq(s->kind, TOK_STRING);
	ck_assert_int_eq(s->start[0], '"');
	ck_assert_int_eq(s->start[s->len - 1], '"');
	char *v = lex_string_value(s);
	ck_assert_str_eq(v, "a\nb\t\"q\" \\ 你好");
	free(v);
	/* The string is 19 characters from column 7: the newline is at column 26. */
	ck_assert_int_eq(ts->t[2].kind, TOK_NEWLINE);
	ASSERT_AT(&ts->t[2], 1, 26);
}
END_TEST

START_TEST(string_errors_are_tokens_with_a_message_and_a_position)
{
	struct toks *ts = lex_all("print \"abc\nprint \"a\\qb\"\nprint \"中\xff\"\n");
	ck_assert_int_eq(word(ts, 1)->kind, TOK_ERROR);
	ck_assert_ptr_nonnull(strstr(word(ts, 1)->error, "unterminated string"));
	ASSERT_AT(word(ts, 1), 1, 7);
	ck_assert_int_eq(word(ts, 3)->kind, TOK_ERROR);
	ck_assert_ptr_nonnull(strstr(word(ts, 3)->error, "unknown escape"));
	ASSERT_AT(word(ts, 3), 2, 9);
	ck_assert_int_eq(word(ts, 5)->kind, TOK_ERROR);
	ck_assert_ptr_nonnull(strstr(word(ts, 5)->error, "invalid UTF-8"));
	ASSERT_AT(word(ts, 5), 3, 9);
	/* After an error the lexer goes on with the next line. */
	ck_assert_int_eq(word(ts, 6)->kind, TOK_EOF);
}
END_TEST

START_TEST(invalid_utf8_outside_strings_is_an_error)
{
	static const char *const bad[] = {
		"\xff", "\x80", "\xc0\x80" /* overlong */, "\xed\xa0\x80" /* surrogate */,
		"\xf4\x90\x80\x80" /* past U+10FFFF */, "\xe4\xb8" /* truncated */,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char src[32];
		snprintf(src, sizeof src, "x %s y\n", bad[i]);
		struct toks *ts = lex_all(src);
		ck_assert_msg(word(ts, 1)->kind == TOK_ERROR, "case %zu lexes", i);
		ck_assert_str_eq(word(ts, 1)->error, "invalid UTF-8 byte");
		ASSERT_AT(word(ts, 1), 1, 3);
	}
}
END_TEST

START_TEST(full_width_punctuation_is_an_error_with_a_hint_at_ascii)
{
	struct toks *ts = lex_all("program 生产者（食物）\n");
	ck_assert_int_eq(word(ts, 2)->kind, TOK_ERROR);
	ck_assert_ptr_nonnull(strstr(word(ts, 2)->error, "full-width punctuation"));
	ASSERT_AT(word(ts, 2), 1, 12);
	/* CJK punctuation does not glue onto a name either. */
	ts = lex_all("a，b\n");
	ck_assert_int_eq(ts->t[0].kind, TOK_IDENT);
	ck_assert_int_eq((int)ts->t[0].len, 1);
	ck_assert_int_eq(ts->t[1].kind, TOK_ERROR);
}
END_TEST

/* ---- blocks ----------------------------------------------------------------------- */

START_TEST(indentation_opens_and_closes_blocks)
{
	ck_assert_str_eq(shape("main\n    repeat 2\n        sleep 1\n    sleep 2\nat 1 jobs\n"),
			 "main NL > repeat 2 NL > sleep 1 NL < sleep 2 NL < at 1 jobs NL EOF");
	/* Two blocks closed by one line: two DEDENTs. */
	ck_assert_str_eq(shape("main\n    loop\n        sleep 1\nat 1 jobs\n"),
			 "main NL > loop NL > sleep 1 NL < < at 1 jobs NL EOF");
}
END_TEST

START_TEST(the_end_of_the_file_closes_every_open_block)
{
	ck_assert_str_eq(shape("main\n    loop\n        sleep 1"), "main NL > loop NL > sleep 1 NL < < EOF");
	ck_assert_str_eq(shape("main\n    loop\n        sleep 1\n\n   \n# end\n"),
			 "main NL > loop NL > sleep 1 NL < < EOF");
}
END_TEST

START_TEST(comments_and_blank_lines_inside_a_block_do_not_end_it)
{
	ck_assert_str_eq(shape("main\n"
			       "    sleep 1\n"
			       "\n"
			       "# a comment at column 1\n"
			       "  # a comment shallower than the block\n"
			       "            # and one deeper\n"
			       "    \t  \n"
			       "    sleep 2   # a trailing comment\n"),
			 "main NL > sleep 1 NL sleep 2 NL < EOF");
	struct toks *ts = lex_all("main\n    sleep 1\n\n# c\n    sleep 2\n");
	ASSERT_AT(word(ts, 3), 5, 5);
}
END_TEST

START_TEST(a_line_between_two_levels_is_an_error)
{
	struct toks *ts = lex_all("main\n    repeat 2\n        sleep 1\n      sleep 2\n");
	bool found = false;
	for (int i = 0; i < ts->n; i++)
		if (ts->t[i].kind == TOK_ERROR) {
			ck_assert_ptr_nonnull(strstr(ts->t[i].error, "matches no enclosing block"));
			ASSERT_AT(&ts->t[i], 4, 7);
			found = true;
		}
	ck_assert(found);
}
END_TEST

START_TEST(a_tab_indents_to_the_next_multiple_of_eight)
{
	/* 4 spaces + a tab and 7 spaces + a tab are both width 8, and agree
	 * when a tab counts as one column too (5 and 8 are both deeper than 0). */
	ck_assert_str_eq(shape("main\n    \tsleep 1\n    \tsleep 2\n"), "main NL > sleep 1 NL sleep 2 NL < EOF");
	ck_assert_str_eq(shape("main\n       \tsleep 1\n"), "main NL > sleep 1 NL < EOF");
	/* A tab then 4 spaces is deeper than a tab both ways: consistent. */
	ck_assert_str_eq(shape("main\n\trepeat 2\n\t    sleep 1\n\tsleep 2\n"),
			 "main NL > repeat 2 NL > sleep 1 NL < sleep 2 NL < EOF");
	/* Two tabs are 16: one level deeper than one tab. */
	ck_assert_str_eq(shape("main\n\tloop\n\t\tsleep 1\n"), "main NL > loop NL > sleep 1 NL < < EOF");
	/* A tab is one column. */
	struct toks *ts = lex_all("main\n\tsleep\t3\n");
	ASSERT_AT(word(ts, 1), 2, 2);
	ASSERT_AT(word(ts, 2), 2, 8);
}
END_TEST

/* CPython's tokenizer: a line whose indentation compares differently with
 * tabs as 8 columns and as 1 is a TabError. The blocks follow the 8-column
 * reading, so the rest of the file still lexes. */
START_TEST(inconsistent_tabs_and_spaces_are_a_tab_error)
{
	static const struct { const char *src, *shape; int line, col; } cases[] = {
		/* a tab, then 8 spaces: equal at 8 columns, 1 against 8 at 1 */
		{"main\n\tsleep 1\n        sleep 2\n", "main NL > sleep 1 NL ERR sleep 2 NL < EOF", 3, 9},
		/* 4 spaces + a tab (8 / 5), then a tab (8 / 1) */
		{"main\n    \tsleep 1\n\tsleep 2\n", "main NL > sleep 1 NL ERR sleep 2 NL < EOF", 3, 2},
		/* deeper at 8 columns (4 -> 8), shallower at 1 (4 -> 1) */
		{"main\n    loop\n\tsleep 1\n", "main NL > loop NL ERR > sleep 1 NL < < EOF", 3, 2},
		/* back to a block that was opened with spaces, with a tab */
		{"main\n        loop\n            sleep 1\n\tsleep 2\n",
		 "main NL > loop NL > sleep 1 NL ERR < sleep 2 NL < EOF", 4, 2},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		ck_assert_str_eq(shape(cases[c].src), cases[c].shape);
		struct toks *ts = lex_all(cases[c].src);
		int errors = 0;
		for (int i = 0; i < ts->n; i++)
			if (ts->t[i].kind == TOK_ERROR) {
				ck_assert_ptr_nonnull(strstr(ts->t[i].error, "TabError"));
				ASSERT_AT(&ts->t[i], cases[c].line, cases[c].col);
				errors++;
			}
		ck_assert_int_eq(errors, 1);
	}
}
END_TEST

START_TEST(crlf_line_endings_lex_like_lf)
{
	const char *lf = "main\n    repeat 2\n        sleep 1\n\n    # c\n    print \"x\"\n";
	const char *crlf = "main\r\n    repeat 2\r\n        sleep 1\r\n\r\n    # c\r\n    print \"x\"\r\n";
	char a[1024];
	snprintf(a, sizeof a, "%s", shape(lf));
	ck_assert_str_eq(shape(crlf), a);
	struct toks *ts = lex_all(crlf);
	ASSERT_AT(word(ts, 6), 6, 11);
	char *v = lex_string_value(word(ts, 6));
	ck_assert_str_eq(v, "x");
	free(v);
	size_t n;
	const char *line = lex_line_text(crlf, strlen(crlf), 2, &n);
	ck_assert_int_eq((int)n, 12);
	ck_assert(strncmp(line, "    repeat 2", n) == 0);
}
END_TEST

START_TEST(a_utf8_byte_order_mark_is_skipped)
{
	const char *src = "\xEF\xBB\xBF" "main\n    sleep 1\n";
	ck_assert_str_eq(shape(src), "main NL > sleep 1 NL < EOF");
	struct toks *ts = lex_all(src);
	ASSERT_AT(word(ts, 0), 1, 1);
	ck_assert_int_eq((int)word(ts, 0)->len, 4);
	ck_assert_int_eq(word(ts, 0)->start[0], 'm');
}
END_TEST

START_TEST(blocks_nest_up_to_the_maximum_depth)
{
	char src[8192] = "";
	size_t used = 0;
	for (int level = 0; level <= LEX_MAX_INDENT_DEPTH; level++)
		used += (size_t)snprintf(src + used, sizeof src - used, "%*sx\n", level * 2, "");
	struct toks *ts = lex_all(src);
	int indents = 0, dedents = 0, errors = 0;
	for (int i = 0; i < ts->n; i++) {
		indents += ts->t[i].kind == TOK_INDENT;
		dedents += ts->t[i].kind == TOK_DEDENT;
		errors += ts->t[i].kind == TOK_ERROR;
	}
	ck_assert_int_eq(indents, LEX_MAX_INDENT_DEPTH);
	ck_assert_int_eq(dedents, LEX_MAX_INDENT_DEPTH);
	ck_assert_int_eq(errors, 0);
	/* One level more is an error, and the blocks still balance. */
	used += (size_t)snprintf(src + used, sizeof src - used, "%*sy\n", (LEX_MAX_INDENT_DEPTH + 1) * 2, "");
	ts = lex_all(src);
	indents = dedents = errors = 0;
	for (int i = 0; i < ts->n; i++) {
		indents += ts->t[i].kind == TOK_INDENT;
		dedents += ts->t[i].kind == TOK_DEDENT;
		if (ts->t[i].kind == TOK_ERROR) {
			errors++;
			ck_assert_ptr_nonnull(strstr(ts->t[i].error, "nested too deeply"));
		}
	}
	ck_assert_int_eq(errors, 1);
	ck_assert_int_eq(indents, dedents);
}
END_TEST

START_TEST(the_source_need_not_end_with_a_newline_or_a_nul)
{
	/* The lexer must stop at len, not at a NUL: lex "main" out of "mainXYZ". */
	ck_assert_str_eq(shape("x"), "x NL EOF");
	struct toks *ts = lex_all_n("main\n    sleep 12345", 18);
	ck_assert_int_eq(word(ts, 2)->kind, TOK_NUMBER);
	ck_assert_int_eq(word(ts, 2)->micro, 123000000);
	ts = lex_all_n("print \"abc\"", 8);
	ck_assert_int_eq(word(ts, 1)->kind, TOK_ERROR);
	ts = lex_all_n("", 0);
	ck_assert_int_eq(ts->n, 1);
	ck_assert_int_eq(ts->t[0].kind, TOK_EOF);
}
END_TEST

START_TEST(lex_line_text_finds_any_line)
{
	const char *src = "a\nbb\r\n\nccc";
	size_t n;
	const char *l = lex_line_text(src, strlen(src), 1, &n);
	ck_assert(n == 1 && l[0] == 'a');
	l = lex_line_text(src, strlen(src), 2, &n);
	ck_assert(n == 2 && strncmp(l, "bb", 2) == 0);
	lex_line_text(src, strlen(src), 3, &n);
	ck_assert_int_eq((int)n, 0);
	l = lex_line_text(src, strlen(src), 4, &n);
	ck_assert(n == 3 && strncmp(l, "ccc", 3) == 0);
	lex_line_text(src, strlen(src), 9, &n); /* past the end: empty */
	ck_assert_int_eq((int)n, 0);
}
END_TEST

Suite *lex_suite(void);
Suite *lex_suite(void)
{
	Suite *s = suite_create("lex");
	TCase *tk = tcase_create("tokens");
	tcase_add_test(tk, a_program_becomes_names_numbers_strings_and_punctuation);
	tcase_add_test(tk, tokens_know_their_line_and_column);
	tcase_add_test(tk, columns_count_characters_not_bytes);
	tcase_add_test(tk, names_may_hold_chinese_letters_digits_and_underscores);
	tcase_add_test(tk, ctrl_z_is_one_word_but_a_minus_before_a_number_is_not_part_of_it);
	tcase_add_test(tk, units_glued_to_numbers_and_placeholders_are_separate_tokens);
	tcase_add_test(tk, numbers_may_have_a_fraction);
	tcase_add_test(tk, numbers_up_to_the_maximum_are_numbers);
	tcase_add_test(tk, a_number_beyond_the_maximum_is_an_error);
	tcase_add_test(tk, strings_keep_their_escapes_until_unescaped);
	tcase_add_test(tk, string_errors_are_tokens_with_a_message_and_a_position);
	tcase_add_test(tk, invalid_utf8_outside_strings_is_an_error);
	tcase_add_test(tk, full_width_punctuation_is_an_error_with_a_hint_at_ascii);
	tcase_add_test(tk, the_source_need_not_end_with_a_newline_or_a_nul);
	tcase_add_test(tk, lex_line_text_finds_any_line);
	suite_add_tcase(s, tk);
	TCase *bl = tcase_create("blocks");
	tcase_add_test(bl, indentation_opens_and_closes_blocks);
	tcase_add_test(bl, the_end_of_the_file_closes_every_open_block);
	tcase_add_test(bl, comments_and_blank_lines_inside_a_block_do_not_end_it);
	tcase_add_test(bl, a_line_between_two_levels_is_an_error);
	tcase_add_test(bl, a_tab_indents_to_the_next_multiple_of_eight);
	tcase_add_test(bl, inconsistent_tabs_and_spaces_are_a_tab_error);
	tcase_add_test(bl, crlf_line_endings_lex_like_lf);
	tcase_add_test(bl, a_utf8_byte_order_mark_is_skipped);
	tcase_add_test(bl, blocks_nest_up_to_the_maximum_depth);
	suite_add_tcase(s, bl);
	return s;
}

TEST_MAIN(lex_suite)
