/* test_text.c: text_wrap, which `procsim help` wraps its paragraphs with:
 * lines within the width in display columns, breaks at spaces and between
 * Chinese characters, never a line that starts with "，" or "。". */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "text.h"

static char *wrap(const char *s, int col, int indent, int width, int *end)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	*end = text_wrap(f, s, col, indent, width);
	fclose(f);
	return buf;
}

/* Every line of `out` fits in `width` columns; returns how many lines. */
static int lines_within(char *out, int width)
{
	int lines = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		ck_assert_msg(text_width(line) <= width, "'%s' is %d columns, wider than %d", line, text_width(line), width);
		lines++;
	}
	return lines;
}

START_TEST(ascii_breaks_at_spaces_within_the_width)
{
	int end;
	char *out = wrap("the quick brown fox jumps over the lazy dog", 0, 2, 16, &end);
	ck_assert_str_eq(out, "the quick brown\n  fox jumps over\n  the lazy dog");
	ck_assert_int_eq(end, 14);
	free(out);
}
END_TEST

START_TEST(a_word_wider_than_the_line_stands_alone)
{
	int end;
	char *out = wrap("a multiprocessing.Process(...).start() b", 0, 0, 10, &end);
	ck_assert_str_eq(out, "a\nmultiprocessing.Process(...).start()\nb");
	free(out);
}
END_TEST

START_TEST(chinese_breaks_between_characters_by_columns)
{
	int end;
	/* 12 characters, 24 columns, on lines of 10: five characters a line. */
	char *out = wrap("进程的状态有运行睡眠停止", 0, 0, 10, &end);
	ck_assert_str_eq(out, "进程的状态\n有运行睡眠\n停止");
	ck_assert_int_eq(end, 4);
	free(out);
}
END_TEST

START_TEST(closing_punctuation_stays_with_what_it_closes)
{
	int end;
	/* "态，" must not split: the comma would start the second line. */
	char *out = wrap("进程的状态，有运行", 0, 0, 10, &end);
	ck_assert_str_eq(out, "进程的状\n态，有运行");
	free(out);
}
END_TEST

START_TEST(mixed_text_starts_at_the_given_column)
{
	int end;
	char *out = wrap("启动一个运行 PROGRAM 的子进程，就像 multiprocessing.Process(...).start()。", 34, 34, 80, &end);
	char *copy = strdup(out);
	ck_assert_ptr_nonnull(strstr(out, "\n"));
	/* The first line has 80 - 34 columns to itself. */
	char *nl = strchr(copy, '\n');
	*nl = '\0';
	ck_assert_int_le(text_width(copy), 80 - 34);
	ck_assert_ptr_null(strstr(out, "\n" "                                  。"));
	int n = lines_within(nl + 1, 80);
	ck_assert_int_eq(n, 1);
	free(copy);
	free(out);
}
END_TEST

START_TEST(an_opening_bracket_stays_with_what_it_opens)
{
	int end;
	/* "（" fits on the first line, but must not end it. */
	char *out = wrap("时睡眠（S）。", 0, 0, 8, &end);
	ck_assert_str_eq(out, "时睡眠\n（S）。");
	free(out);
}
END_TEST

Suite *text_suite(void);
Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *w = tcase_create("wrap");
	tcase_add_test(w, ascii_breaks_at_spaces_within_the_width);
	tcase_add_test(w, a_word_wider_than_the_line_stands_alone);
	tcase_add_test(w, chinese_breaks_between_characters_by_columns);
	tcase_add_test(w, closing_punctuation_stays_with_what_it_closes);
	tcase_add_test(w, mixed_text_starts_at_the_given_column);
	tcase_add_test(w, an_opening_bracket_stays_with_what_it_opens);
	suite_add_tcase(s, w);
	return s;
}

TEST_MAIN(text_suite)
