/* test_parse_errors.c: every error the lexer and the parser can report, each
 * from a broken scenario with one mistake in it: where it points (line, column
 * in characters), what it says and what it hints. Then recovery: several
 * mistakes in one file are all reported, in source order. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "report.h"
#include "testlib.h"

/* ---- generated sources -------------------------------------------------------- */

#define M "main\n    sleep 1t\n" /* a valid main, for errors outside it */

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

static void repeat_(struct buf *b, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		puts_(b, s);
}

/* main, then 32 nested `repeat` blocks (the deepest allowed), then a line one
 * level deeper still: line 34, column 133. */
static char *gen_too_deep(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "main\n");
	for (int level = 1; level <= 32; level++) {
		repeat_(&b, "    ", level);
		puts_(&b, "repeat 1\n");
	}
	repeat_(&b, "    ", 33);
	puts_(&b, "sleep 1t\n");
	*len = b.len;
	return b.s;
}

/* 257 variables in main: the 257th (line 258) is one too many. */
static char *gen_too_many_variables(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "main\n");
	for (int i = 0; i < 257; i++) {
		char line[64];
		snprintf(line, sizeof line, "    input as v%d\n", i);
		puts_(&b, line);
	}
	*len = b.len;
	return b.s;
}

/* start with 65 arguments; the 65th starts at column 13 + 64 * 2 = 141. */
static char *gen_too_many_arguments(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "program a\n    sleep 1t\nmain\n    start a(");
	for (int i = 0; i < 65; i++)
		puts_(&b, i ? ",1" : "1");
	puts_(&b, ")\n");
	*len = b.len;
	return b.s;
}

/* 70 placeholders back to back: 62 fit in a string (64 pieces, one kept for
 * the text after the last), the 63rd '{' is at column 12 + 62 * 5 = 322. */
static char *gen_too_many_placeholders(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "main\n    print \"");
	repeat_(&b, "{pid}", 70);
	puts_(&b, "\"\n");
	*len = b.len;
	return b.s;
}

/* 100,001 timeline events: the last one (line 100003) is one too many. */
static char *gen_too_many_events(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "main\n    sleep 1t\n");
	repeat_(&b, "at 1 jobs\n", 100001);
	*len = b.len;
	return b.s;
}

/* ---- expressions nested too deeply: 200 levels (PARSE_MAX_EXPR_DEPTH) ---- */

static char *gen_expr(const char *before, const char *head, int n, const char *middle, const char *tail, int m,
		      const char *after, size_t *len)
{
	struct buf b = {0};
	puts_(&b, before);
	repeat_(&b, head, n);
	puts_(&b, middle);
	repeat_(&b, tail, m);
	puts_(&b, after);
	*len = b.len;
	return b.s;
}

/* 20,000 parentheses: the 201st '(' is at column 13 + 200. */
static char *gen_deep_parentheses(size_t *len)
{
	return gen_expr("main\n    let x = ", "(", 20000, "1", ")", 20000, "\n", len);
}

/* 1 + 1 + ... with 50,000 terms: no recursion to read, but a tree 50,000
 * deep; the 200th '+' would make it 201 levels: column 15 + 199 * 4. */
static char *gen_long_sum(size_t *len)
{
	return gen_expr("main\n    let x = ", "1 + ", 50000, "1", "", 0, "\n", len);
}

/* 50,000 minus signs: the 201st is at column 13 + 200 * 2. */
static char *gen_many_minus_signs(size_t *len)
{
	return gen_expr("main\n    let x = 1\n    let y = ", "- ", 50000, "x", "", 0, "\n", len);
}

/* 50,000 `not`: the 201st is at column 13 + 200 * 4. */
static char *gen_many_nots(size_t *len)
{
	return gen_expr("main\n    let x = 1\n    let y = ", "not ", 50000, "x", "", 0, "\n", len);
}

/* 200 `not` read fine, but with x under them the tree has 201 levels: the
 * node that crosses the limit is the outermost, the first `not`. */
static char *gen_200_nots(size_t *len)
{
	return gen_expr("main\n    let x = 1\n    let y = ", "not ", 200, "x", "", 0, "\n", len);
}

/* 1 + (1 + (1 + ... (1))): 200 parentheses read fine; the 200 sums make
 * 201 levels at the outermost '+', column 15. */
static char *gen_nested_sums(size_t *len)
{
	return gen_expr("main\n    let x = ", "1 + (", 200, "1", ")", 200, "\n", len);
}

/* A global's initial value: the 200th '+' is at column 11 + 199 * 4. */
static char *gen_long_global(size_t *len)
{
	return gen_expr("var g = ", "1 + ", 250, "1", "", 0, "\nmain\n    sleep 1t\n", len);
}

/* ---- too many declarations ---- */

__attribute__((format(printf, 2, 3)))
static void putf(struct buf *b, const char *fmt, ...)
{
	char line[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	puts_(b, line);
}

/* 65 locks: the 65th (line 65, column 6) is one too many for the kernel's
 * 64 shared objects. main uses it: that is no second error. */
static char *gen_too_many_objects(size_t *len)
{
	struct buf b = {0};
	for (int i = 0; i <= PARSE_MAX_OBJECTS; i++)
		putf(&b, "lock l%d\n", i);
	puts_(&b, "main\n    acquire l64\n    release l64\n");
	*len = b.len;
	return b.s;
}

/* 63 locks and a pipe: its second end (line 64, column 9) is the 65th object. */
static char *gen_pipe_past_the_objects(size_t *len)
{
	struct buf b = {0};
	for (int i = 0; i < PARSE_MAX_OBJECTS - 1; i++)
		putf(&b, "lock l%d\n", i);
	puts_(&b, "pipe a, b\n" M);
	*len = b.len;
	return b.s;
}

/* 64 locks, then a pool in main (line 66, column 10): a pool is an object too. */
static char *gen_pool_past_the_objects(size_t *len)
{
	struct buf b = {0};
	for (int i = 0; i < PARSE_MAX_OBJECTS; i++)
		putf(&b, "lock l%d\n", i);
	puts_(&b, "main\n    pool po size 2\n    sleep 1t\n");
	*len = b.len;
	return b.s;
}

/* 1001 globals: the last one (line 1001, column 5) is one too many; the
 * placeholder that uses it is no second error. */
static char *gen_too_many_globals(size_t *len)
{
	struct buf b = {0};
	for (int i = 0; i <= PARSE_MAX_GLOBALS; i++)
		putf(&b, "var v%d = 0\n", i);
	puts_(&b, "main\n    print \"{v1000}\"\n");
	*len = b.len;
	return b.s;
}

/* main, which starts p1000, then 1001 programs: p1000 (line 3 + 2 * 1000,
 * column 9) is one too many, and starting it is no second error. */
static char *gen_too_many_programs(size_t *len)
{
	struct buf b = {0};
	puts_(&b, "main\n    start p1000\n");
	for (int i = 0; i <= PARSE_MAX_PROGRAMS; i++)
		putf(&b, "program p%d\n    sleep 1t\n", i);
	*len = b.len;
	return b.s;
}

/* 1000001 jobs: the last one (line 1000001, column 5) is one too many. */
static char *gen_too_many_jobs(size_t *len)
{
	struct buf b = {0};
	for (int i = 0; i <= PARSE_MAX_JOBS; i++)
		putf(&b, "job j%d runs 1\n", i);
	*len = b.len;
	return b.s;
}

static char *gen_too_large(size_t *len)
{
	*len = PARSE_MAX_SOURCE + 1;
	char *s = malloc(*len + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, '#', *len);
	s[*len] = '\0';
	return s;
}

static char *gen_nul_byte(size_t *len)
{
	static const char src[] = "main\n    sleep 1\0\n";
	*len = sizeof src - 1;
	char *s = malloc(sizeof src);
	ck_assert_ptr_nonnull(s);
	memcpy(s, src, sizeof src);
	return s;
}

/* ---- the table ---------------------------------------------------------------- */

struct bad {
	const char *what;         /* the mistake, for failure messages */
	const char *src;          /* NULL: made by gen */
	char *(*gen)(size_t *len);
	int line, col;            /* line 0: about the whole file */
	const char *msg;          /* a substring of the message */
	const char *hint;         /* a substring of the hint; NULL: no hint at all; ANY: not checked */
	int span;                 /* characters to underline; 0: not checked */
};

static const char ANY[] = "(any hint)";

static const struct bad table[] = {
	/* ---- lexer ---- */
	{"number too large", "main\n    sleep 10000000000000t\n", NULL, 2, 11, "number too large", NULL, 0},
	{"unterminated string", "main\n    print \"abc\n", NULL, 2, 11, "unterminated string", NULL, 0},
	{"unterminated string at the end of the file", "main\n    print \"abc", NULL, 2, 11, "unterminated string", NULL, 0},
	{"unknown escape", "main\n    print \"a\\qb\"\n", NULL, 2, 13, "unknown escape in string", NULL, 0},
	{"invalid UTF-8 in a string", "main\n    print \"a\xff" "b\"\n", NULL, 2, 13, "invalid UTF-8 in string", NULL, 0},
	{"invalid UTF-8 outside strings", "main\n    sleep 1t \xff\n", NULL, 2, 14, "invalid UTF-8 byte", NULL, 0},
	{"an overlong UTF-8 form", "main\n    sleep 1t \xc0\x80\n", NULL, 2, 14, "invalid UTF-8 byte", NULL, 0},
	{"full-width parenthesis", "program 生产者（食物）\n    sleep 1t\n" M, NULL, 1, 12, "full-width punctuation", NULL, 1},
	{"full-width comma", "program a(x，y)\n    sleep 1t\n" M, NULL, 1, 12, "full-width punctuation", NULL, 0},
	{"curly quotes", "main\n    print “hi”\n", NULL, 2, 11, "full-width punctuation", NULL, 0},
	{"unexpected character", "main\n    sleep 1t @\n", NULL, 2, 14, "unexpected character", NULL, 0},
	{"a dedent to no enclosing block", "main\n    sleep 1t\n  sleep 2t\n", NULL, 3, 3, "indentation matches no enclosing block", NULL, 0},
	{"tabs and spaces mixed", "main\n\tsleep 1t\n        sleep 2t\n", NULL, 3, 9, "inconsistent use of tabs and spaces in indentation (Python's TabError)", NULL, 0},
	{"blocks nested too deeply", NULL, gen_too_deep, 34, 133, "nested too deeply", NULL, 0},

	/* ---- instructions ---- */
	{"unknown instruction, a typo", "main\n    sleeep 3\n", NULL, 2, 5, "unknown instruction 'sleeep'", "did you mean 'sleep'?", 6},
	{"unknown instruction, a plural", "main\n    sleeps 3\n", NULL, 2, 5, "unknown instruction 'sleeps'", "did you mean 'sleep'?", 0},
	{"unknown instruction, capitalised", "main\n    Compute 3\n", NULL, 2, 5, "unknown instruction 'Compute'", "did you mean 'compute'?", 0},
	{"unknown instruction, nothing close", "main\n    frobnicate\n", NULL, 2, 5, "unknown instruction 'frobnicate'", "procsim help", 0},
	{"reserved word", "main\n    global x\n", NULL, 2, 5, "'global' is not an instruction yet", "reserved", 6},
	{"Python's for over a range", "main\n    for i in range(3):\n        sleep 1t\n", NULL, 2, 5, "'for' is not an instruction yet", "repeat 3 as i", 3},
	{"Python's for without the colon", "main\n    for i in range(n)\n        sleep 1t\n", NULL, 2, 5, "'for' is not an instruction yet", "repeat n as i", 3},
	{"Python's for over a list", "main\n    for x in items:\n        sleep 1t\n", NULL, 2, 5, "'for' is not an instruction yet", "while COND", 0},
	{"Python's def in a program", "main\n    def f():\n        sleep 1t\n", NULL, 2, 5, "'def' is not an instruction yet", "program NAME(PARAMS)", 3},
	{"a reserved word right before a colon", "main\n    lambda: 0\n", NULL, 2, 5, "'lambda' is not an instruction yet", "reserved", 6},
	{"Python's for on a line with a TabError", "main\n\tsleep 1t\n        for i in range(3):\n", NULL, 3, 9, "(Python's TabError)", NULL, 0},
	{"Python's print()", "main\n    print(\"hi\")\n", NULL, 2, 10, "expected a string near '('", "without parentheses: print \"hi\"", 1},
	{"Python's print() of several values", "main\n    print(\"x =\", x)\n", NULL, 2, 10, "expected a string near '('", "print \"x = {x}\"", 0},
	{"Python's time.sleep() without time.", "main\n    sleep(1)\n", NULL, 2, 10, "expected a duration near '('", "without parentheses: sleep 1s", 1},
	{"compute() called like a function", "main\n    compute(500ms)\n", NULL, 2, 12, "expected a duration near '('", "without parentheses: compute 500ms", 0},
	{"not an instruction", "main\n    42\n", NULL, 2, 5, "expected an instruction near '42'", NULL, 0},
	{"unexpected text after an instruction", "main\n    sleep 1t 2\n", NULL, 2, 14, "unexpected text after the end of the instruction near '2'", NULL, 0},
	{"print without a string", "main\n    print 3\n", NULL, 2, 11, "expected a string near '3'", "double quotes", 0},
	{"print at the end of the file", "main\n    print", NULL, 2, 10, "expected a string", "double quotes", 0},
	{"a fraction where a whole number goes", "main\n    exit 1.5\n", NULL, 2, 10, "expected a whole number near '1.5'", "whole numbers", 0},
	{"repeat with a fraction", "main\n    repeat 1.5\n        sleep 1t\n", NULL, 2, 12, "expected a whole number", "whole numbers", 0},
	{"not a value", "program a(x)\n    sleep 1t\nmain\n    start a(,)\n", NULL, 4, 13, "expected a number, a string or a name near ','", NULL, 0},
	{"a minus before a string", "program a(x)\n    sleep 1t\nmain\n    start a(-\"x\")\n", NULL, 4, 13, "a string cannot be negative", NULL, 0},
	{"expected a name after as", "main\n    input as 3\n", NULL, 2, 14, "expected a name after 'as' near '3'", NULL, 0},
	{"repeat as without a name", "main\n    repeat 2 as 5\n        sleep 1t\n", NULL, 2, 17, "expected a name after 'as'", NULL, 0},
	{"start without a program", "main\n    start 3\n", NULL, 2, 11, "expected the name of a program near '3'", NULL, 0},
	{"arguments without a comma", "program a(x, y)\n    sleep 1t\nmain\n    start a(1 2)\n", NULL, 4, 15, "expected ',' or ')' near '2'", NULL, 0},
	{"too many arguments", NULL, gen_too_many_arguments, 4, 141, "too many arguments", NULL, 0},
	{"named without a string", "program a\n    sleep 1t\nmain\n    start a named 3\n", NULL, 4, 19, "expected a string after 'named'", NULL, 0},
	{"fork is never daemonic", "program a\n    sleep 1t\nmain\n    fork a daemon\n", NULL, 4, 12, "unexpected word near 'daemon'", "as HANDLE, named", 0},
	{"an unknown word after start", "program a\n    sleep 1t\nmain\n    start a foo\n", NULL, 4, 13, "unexpected word near 'foo'", "daemon", 0},
	{"join timeout without a duration", "program a\n    sleep 1t\nmain\n    start a as p\n    join p timeout\n", NULL, 5, 19, "expected a duration", "500ms", 0},
	{"loop without time", "main\n    loop\n        print \"x\"\n", NULL, 2, 5, "never spends time", "add compute", 4},
	{"loop that sleeps 0", "main\n    loop\n        sleep 0t\n", NULL, 2, 5, "never spends time", "add compute", 4},
	{"loop that computes 0s", "main\n    loop\n        print \"x\"\n        compute 0s\n", NULL, 2, 5, "never spends time", "add compute", 4},
	{"exit with a string", "main\n    exit \"x\"\n", NULL, 2, 10, "expected", ANY, 0},
	{"repeat a string", "main\n    repeat \"x\"\n        sleep 1t\n", NULL, 2, 12, "expected", ANY, 0},
	{"wait for a string", "main\n    wait \"x\"\n", NULL, 2, 10, "expected", ANY, 0},
	{"join a string", "main\n    join \"x\"\n", NULL, 2, 10, "expected", ANY, 0},
	{"terminate a string", "main\n    terminate \"x\"\n", NULL, 2, 15, "expected", ANY, 0},
	{"kill a string", "main\n    kill -KILL \"x\"\n", NULL, 2, 16, "expected", ANY, 0},
	{"a block that is not indented", "main\n    repeat 3\n    sleep 1t\n", NULL, 3, 5, "expected an indented block", "indent the lines", 0},
	{"a line indented for no block", "main\n    sleep 1t\n        sleep 2t\n", NULL, 3, 9, "unexpected indentation", "opens a block", 0},

	/* ---- durations ---- */
	{"not a duration", "main\n    sleep ,\n", NULL, 2, 11, "expected a duration near ','", "for example 3 (ticks), 500ms or 2s", 0},
	{"unknown unit", "main\n    sleep 3hr\n", NULL, 2, 12, "unknown time unit 'hr'", "units are", 2},
	{"unknown unit, a typo", "main\n    sleep 3mss\n", NULL, 2, 12, "unknown time unit 'mss'", "did you mean 'ms'?", 0},
	/* issue 11, item 5: Python's methods, each told as the procsim line, with the student's names */
	{"raise of an unknown exception", "main\n    raise ValuError \"x\"\n", NULL, 2, 11, "expected the name of an exception", "did you mean 'ValueError'?", 9},
	{"sys.something else", "main\n    sys.path(1)\n", NULL, 2, 9, "unknown function", "sys.exit(CODE)", 4},
	{"subprocess.run with Python's list", "main\n    subprocess.run([\"sleep\", \"1\"])\n", NULL, 2, 19, "not a list", "subprocess.run sleeper(3) named", 1},
	{"subprocess.run as a value", "main\n    r = subprocess.run([\"sleep\"])\n", NULL, 2, 9, "unknown name 'subprocess'", "subprocess.run is an instruction", 10},
	{"subprocess.something else", "main\n    subprocess.Popen(1)\n", NULL, 2, 16, "unknown function", "subprocess.run PROGRAM(ARGS)", 5},
	{"subprocess.run of a command line naming a program with parameters", "program w(n)\n    sleep 1t\nmain\n    subprocess.run \"w 1\"\n", NULL, 4, 21, "program 'w' takes arguments", "subprocess.run w(...) named", 1},
	{"subprocess.run of an empty command line", "main\n    subprocess.run \"\"\n", NULL, 2, 20, "expected the command's name", "subprocess.run \"sleep 1\"", 0},
	{"subprocess.run with daemon", "program w\n    sleep 1t\nmain\n    subprocess.run w daemon\n", NULL, 4, 22, "unexpected word", "check, as VAR", 6},
	{"check after start", "program w\n    sleep 1t\nmain\n    start w check\n", NULL, 4, 13, "unexpected word", "daemon", 5},
	{"sys.exit without parentheses", "main\n    sys.exit 3\n", NULL, 2, 14, "expected '('", "sys.exit(3)", 1},
	{"an unknown keyword argument", "program w(name, n)\n    sleep 1t\nmain\n    start w(\"a\", m=1)\n", NULL, 4, 18, "program 'w' has no parameter 'm'", NULL, 1},
	{"a positional argument after a keyword one", "program w(name, n)\n    sleep 1t\nmain\n    start w(n=1, \"a\")\n", NULL, 4, 18, "positional argument follows keyword argument", "f(1, n=2)", 3},
	{"a parameter given twice", "program w(name, n)\n    sleep 1t\nmain\n    start w(\"a\", name=\"b\")\n", NULL, 4, 18, "got two values for 'name'", NULL, 4},
	{"a keyword call that misses a parameter", "program w(name, n)\n    sleep 1t\nmain\n    start w(n=1)\n", NULL, 4, 11, "is missing the argument 'name'", NULL, 1},
	{"active_children() as a list", "main\n    let k = active_children()\n", NULL, 2, 13, "procsim has no lists", "len(active_children())", 15},
	{"len of something else", "main\n    let k = len(x)\n", NULL, 2, 17, "procsim has no lists", "len(active_children())", 1},
	{"a Process object without a name", "program w\n    sleep 1t\nmain\n    process w()\n", NULL, 4, 5, "a Process object needs a name", "process worker(1) as p", 7},
	{"p.daemon on an unknown name", "main\n    p.daemon = True\n", NULL, 2, 5, "unknown name 'p'", ANY, 1},
	{"res = q.get(), a method as a value", "queue q\nmain\n    res = q.get()\n    print \"{res}\"\n    put q res\n", NULL, 3, 13, "q.get() is not a value: it is an instruction", "write it as: get q as res", 3},
	{"q.put(x) as a statement", "queue q\nmain\n    let x = 1\n    q.put(x)\n", NULL, 4, 5, "unknown instruction 'q'", "write it as: put q x", 1},
	{"lock.acquire() as a statement", "lock lk\nmain\n    lk.acquire()\n", NULL, 3, 5, "unknown instruction 'lk'", "write it as: acquire lk", 2},
	{"p.join() as a statement", "program f\n    sleep 1t\nmain\n    start f() as p\n    p.join()\n", NULL, 5, 5, "unknown instruction 'p'", "write it as: join p", 1},
	{"a.recv() as a value", "pipe a, b\nmain\n    let m = a.recv()\n", NULL, 3, 15, "a.recv() is not a value", "write it as: recv a as m", 4},
	{"x in a tuple", "main\n    let res = 1\n    if res in (1, \"two\")\n        print \"y\"\n", NULL, 3, 12, "'in' is not an operator in procsim", "compare one by one: res == 1 or res == \"two\"", 2},
	{"a queue used before it is declared", "main\n    get q as x\n", NULL, 2, 9, "unknown name 'q'", "declare it at the top of the file: queue q", 1},
	{"a lock used before it is declared, twice", "main\n    acquire l\n    release l\n", NULL, 2, 13, "unknown name 'l'", "declare it at the top of the file: lock l", 1},
	{"one unknown name, used three times", "main\n    print \"{n}\"\n    let m = n + 1\n    print \"{n}\"\n", NULL, 2, 13, "unknown name 'n'", NULL, 1},
	{"Python's sleep(2) habit: a bare number", "main\n    sleep 2\n", NULL, 2, 11, "a duration in a program needs a unit", "write 2s (seconds, as Python's time.sleep(2)) or 2 ticks", 1},
	{"a bare number in a timeout", "lock l\nmain\n    acquire l timeout 3\n", NULL, 3, 23, "a duration in a program needs a unit", "3s", 1},
	{"a bare parameter as a duration", "program w(n)\n    compute {n}\nmain\n    start w(2)\n", NULL, 2, 13, "a duration in a program needs a unit", "{n} ticks", 1},
	{"fractional ticks", "main\n    sleep 0.5 ticks\n", NULL, 2, 11, "a number of ticks must be whole", "give a unit", 3},
	{"a brace without a name", "main\n    sleep {3}s\n", NULL, 2, 12, "expected a name near '3'", NULL, 0},
	{"a brace not closed", "main\n    repeat 2 as x\n        sleep {x y}\n", NULL, 3, 18, "expected '}' near 'y'", NULL, 0},
	{"a duration from an unknown variable", "main\n    sleep {secs}s\n", NULL, 2, 12, "unknown name 'secs'", NULL, 4},

	/* ---- names and placeholders ---- */
	{"unknown placeholder, a typo", "main\n    print \"{nmae}\"\n", NULL, 2, 13, "unknown name 'nmae'", "did you mean 'name'?", 4},
	{"unknown placeholder, a parameter typo", "program t(label)\n    print \"{lable}\"\n" M, NULL, 2, 13, "unknown name 'lable'", "did you mean 'label'?", 0},
	{"unknown handle", "main\n    join foo\n", NULL, 2, 10, "unknown name 'foo'", NULL, 3},
	{"a closing brace alone", "main\n    print \"a}b\"\n", NULL, 2, 13, "'}' without a matching '{'", "write '}}'", 0},
	{"an opening brace alone", "main\n    print \"a{b\"\n", NULL, 2, 13, "'{' without a closing '}'", "write '{{'", 0},
	{"too many placeholders", NULL, gen_too_many_placeholders, 2, 322, "too many placeholders", NULL, 0},
	{"too many variables", NULL, gen_too_many_variables, 258, 14, "too many variables in one program (the limit is 256)", NULL, 0},

	/* ---- expressions nested too deeply ---- */
	{"parentheses nested too deeply", NULL, gen_deep_parentheses, 2, 213, "expression nested too deeply (at most 200 levels)", NULL, 1},
	{"a sum of 50,000 terms", NULL, gen_long_sum, 2, 811, "expression nested too deeply (at most 200 levels)", NULL, 1},
	{"50,000 minus signs", NULL, gen_many_minus_signs, 3, 413, "expression nested too deeply (at most 200 levels)", NULL, 1},
	{"50,000 nots", NULL, gen_many_nots, 3, 813, "expression nested too deeply (at most 200 levels)", NULL, 3},
	{"200 nots over a name", NULL, gen_200_nots, 3, 13, "expression nested too deeply (at most 200 levels)", NULL, 3},
	{"sums nested in parentheses", NULL, gen_nested_sums, 2, 15, "expression nested too deeply (at most 200 levels)", NULL, 1},
	{"a global's value nested too deeply", NULL, gen_long_global, 1, 807, "expression nested too deeply (at most 200 levels)", NULL, 1},

	/* ---- too many declarations ---- */
	{"too many shared objects", NULL, gen_too_many_objects, 65, 6, "too many shared objects (the limit is 64)", NULL, 3},
	{"a pipe past the shared objects", NULL, gen_pipe_past_the_objects, 64, 9, "too many shared objects (the limit is 64)", NULL, 1},
	{"a pool past the shared objects", NULL, gen_pool_past_the_objects, 66, 10, "too many shared objects (the limit is 64)", NULL, 2},
	{"too many globals", NULL, gen_too_many_globals, 1001, 5, "too many global variables (the limit is 1000)", NULL, 5},
	{"too many programs", NULL, gen_too_many_programs, 2003, 9, "too many programs (the limit is 1000)", NULL, 5},
	{"too many jobs", NULL, gen_too_many_jobs, 1000001, 5, "too many jobs (the limit is 1000000)", NULL, 8},

	/* ---- signals ---- */
	{"a signal that is not a name", "main\n    ignore \"x\"\n", NULL, 2, 12, "expected a signal near '\"x\"'", "for example TERM", 0},
	{"a space after the minus", "main\n    kill - KILL 3\n", NULL, 2, 12, "expected a signal", "right after '-'", 0},
	{"unknown signal, a typo", "main\n    kill -SIGTREM 3\n", NULL, 2, 11, "unknown signal 'SIGTREM'", "did you mean 'SIGTERM'?", 7},
	{"unknown short signal, a typo", "main\n    ignore TREM\n", NULL, 2, 12, "unknown signal 'TREM'", "did you mean 'TERM'?", 0},
	{"unknown signal, no such signal", "main\n    kill -FOO 3\n", NULL, 2, 11, "unknown signal 'FOO'", "procsim knows the signals 1 to 31", 0},
	{"unknown signal number", "main\n    kill -32 3\n", NULL, 2, 11, "unknown signal '32'", "procsim knows", 0},
	{"a real-time signal", "main\n    kill -34 3\n", NULL, 2, 11, "unknown signal '34'", "procsim knows the signals 1 to 31", 0},
	{"ignoring SIGKILL", "main\n    ignore KILL\n", NULL, 2, 12, "SIGKILL cannot be caught or ignored", "always act", 4},
	{"a handler for SIGSTOP", "main\n    on STOP\n        reap\n", NULL, 2, 8, "SIGSTOP cannot be caught or ignored", "always act", 0},
	{"a handler for signal 9", "main\n    on 9\n        reap\n", NULL, 2, 8, "SIGKILL cannot be caught or ignored", "always act", 0},

	/* ---- os functions ---- */
	{"an os function procsim does not know", "main\n    let x = os.getcwd()\n", NULL, 2, 16, "unknown function 'getcwd'",
	 "procsim knows os.cpu_count(), os.getpid() and os.getppid()", 6},
	{"os.cpu_count without its ()", "main\n    let x = os.cpu_count\n", NULL, 2, 25, "expected '('", "add ()", 0},

	/* ---- programs ---- */
	{"an instruction at the top level", "sleep 3t\n" M, NULL, 1, 1, "unknown setting 'sleep'", "indent it under 'main'", 5},
	{"unknown program, a typo", "program worker\n    sleep 1t\nmain\n    start wroker\n", NULL, 4, 11, "unknown program 'wroker'", "did you mean 'worker'?", 6},
	{"unknown program, nothing close", "main\n    start foo\n", NULL, 2, 11, "unknown program 'foo'", "define it with: program NAME(PARAMS)", 3},
	{"main cannot be started", "main\n    start main\n", NULL, 2, 11, "unknown program 'main'", "define it with", 0},
	{"too many arguments for the program", "program a(x)\n    sleep 1t\nmain\n    start a(1, 2)\n", NULL, 4, 11, "program 'a' takes 1 argument(s), not 2", "defined at line 1", 1},
	{"too few arguments for a program defined later", "main\n    fork b\nprogram b(x, y)\n    sleep 1t\n", NULL, 2, 10, "program 'b' takes 2 argument(s), not 0", "defined at line 3", 0},
	{"a second main", M "main\n    sleep 1t\n", NULL, 3, 1, "a second main program (the first is at line 1)", NULL, 4},
	{"no main", "program x\n    sleep 1t\n", NULL, 0, 0, "the scenario has no main program", "add a 'main' block", 0},
	{"an empty file", "", NULL, 0, 0, "the scenario has no main program", "add a 'main' block", 0},
	{"a program without a name", "program 3\n    sleep 1t\n" M, NULL, 1, 9, "expected the program's name near '3'", NULL, 0},
	{"a program defined twice", "program x\n    sleep 1t\nprogram x\n    sleep 1t\n" M, NULL, 3, 9, "program 'x' is defined twice", NULL, 1},
	{"a program named main", M "program main\n    sleep 1t\n", NULL, 3, 9, "'main'", "main", 4},
	{"Python's def at the top level", "def f():\n    sleep 1t\n" M, NULL, 1, 1, "not 'def'", "program f", 3},
	{"Python's def with parameters", "def worker(n, q):\n    sleep 1t\n" M, NULL, 1, 1, "not 'def'", "program worker(n, q)", 0},
	{"Python's def main", "def main():\n    sleep 1t\n", NULL, 1, 1, "not 'def'", "just: main", 0},
	{"a program named like an instruction", "program sleep\n    sleep 1t\n" M, NULL, 1, 9, "'sleep' is an instruction, not a program name", "choose another name", 5},
	{"a parameter twice", "program a(x, x)\n    sleep 1t\n" M, NULL, 1, 14, "parameter 'x' appears twice", NULL, 0},
	{"a parameter that is not a name", "program a(x, 3)\n    sleep 1t\n" M, NULL, 1, 14, "expected a parameter name or ')' near '3'", NULL, 0},
	{"text after a program header", "program a(x) y\n    sleep 1t\n" M, NULL, 1, 14, "unexpected text after the program header near 'y'", NULL, 0},
	{"text after the main header", "main \"m\" y\n    sleep 1t\n", NULL, 1, 10, "unexpected text after the program header near 'y'", NULL, 0},
	{"a program without instructions", "program a\n" M, NULL, 1, 1, "'a' has no instructions", "indent its instructions", 0},
	{"main without instructions", "main\nprogram a\n    sleep 1t\n", NULL, 1, 1, "'main' has no instructions", "indent its instructions", 0},

	/* ---- cron ---- */
#define CRON_PROG "program backup\n    sleep 1t\n"
	{"a schedule of four fields", "limit 1min\ncron \"*/5 * * *\" backup\n" CRON_PROG, NULL, 2, 16, "the schedule has 4 field(s), not 5", "for example: \"*/5 * * * *\"", 0},
	{"a minute out of range", "limit 1min\ncron \"60 * * * *\" backup\n" CRON_PROG, NULL, 2, 7, "60 is out of range for the minute field (0-59)", NULL, 2},
	{"a range that goes down", "limit 1min\ncron \"* 5-2 * * *\" backup\n" CRON_PROG, NULL, 2, 9, "the range 5-2 goes down", "from the smaller to the larger", 3},
	{"an unknown month name", "limit 1min\ncron \"0 0 * foo *\" backup\n" CRON_PROG, NULL, 2, 13, "unknown name 'foo' in the month field", "the months: jan", 3},
	{"a step of zero", "limit 1min\ncron \"*/0 * * * *\" backup\n" CRON_PROG, NULL, 2, 9, "the step must be from 1 to 59 in the minute field", NULL, 1},
	{"a step after a single number", "limit 1min\ncron \"5/10 * * * *\" backup\n" CRON_PROG, NULL, 2, 8, "a step follows '*' or a range", "*/5 or 0-30/10", 1},
	{"an unknown special string", "limit 1min\ncron \"@fortnightly\" backup\n" CRON_PROG, NULL, 2, 7, "unknown special string '@fortnightly'", "@reboot", 12},
	{"a schedule not in quotes", "limit 1min\ncron */5 * * * * backup\n" CRON_PROG, NULL, 2, 6, "expected the schedule in double quotes", "cron \"*/5 * * * *\" backup", 0},
	{"a cron line without its program", "limit 1min\ncron \"*/5 * * * *\"\n" CRON_PROG, NULL, 2, 19, "expected the program to run", "for example: cron", 0},
	{"a cron line with an unknown program", "limit 1min\ncron \"*/5 * * * *\" bakup\n" CRON_PROG, NULL, 2, 20, "unknown program 'bakup'", "define it with", 5},
	{"a cron program that takes arguments", "limit 1min\ncron \"* * * * *\" b\nprogram b(x)\n    sleep 1t\n", NULL, 2, 18, "program 'b' takes 1 argument(s), not 0", "defined at line 3", 1},
	{"cron lines without a limit", "tick 1s\ncron \"*/5 * * * *\" backup\ncron \"@hourly\" backup\n" CRON_PROG, NULL, 2, 1, "cron never ends by itself: a scenario with cron lines needs a limit", "limit 16min", 4},
#undef CRON_PROG

	/* ---- settings ---- */
	{"unknown setting, a typo", "tcik 100ms\n" M, NULL, 1, 1, "unknown setting 'tcik'", "did you mean 'tick'?", 4},
	{"unknown setting, nothing close", "colour red\n" M, NULL, 1, 1, "unknown setting 'colour'", NULL, 0},
	{"not a setting", "42\n" M, NULL, 1, 1, "expected a setting, 'program', 'main' or 'at' near '42'", NULL, 0},
	{"an indented top-level line", "  title \"x\"\n" M, NULL, 1, 3, "unexpected indentation", "only the lines of a program are indented", 0},
	{"cpus 0", "cpus 0\n" M, NULL, 1, 6, "must be between 1 and 64", NULL, 1},
	{"cpus 65", "cpus 65\n" M, NULL, 1, 6, "must be between 1 and 64", NULL, 2},
	{"cpus with a fraction", "cpus 1.5\n" M, NULL, 1, 6, "expected a whole number near '1.5'", NULL, 0},
	{"cpus with a word", "cpus two\n" M, NULL, 1, 6, "expected a whole number near 'two'", NULL, 0},
	{"pid_max 3", "pid_max 3\n" M, NULL, 1, 9, "must be between 8 and 4194304", NULL, 0},
	{"pid_max too large", "pid_max 5000000\n" M, NULL, 1, 9, "must be between 8 and 4194304", NULL, 0},
	{"tick without a unit", "tick 100\n" M, NULL, 1, 6, "the tick length needs a unit", "tick 100ms", 0},
	{"tick too short", "tick 5us\n" M, NULL, 1, 6, "the tick length must be between 10us and 1 hour", NULL, 0},
	{"tick too long", "tick 61min\n" M, NULL, 1, 6, "the tick length must be between 10us and 1 hour", NULL, 0},
	{"tick from a variable", "tick x\n" M, NULL, 1, 6, "expected a duration near 'x'", "500ms", 0},
	{"quantum 0", "quantum 0\n" M, NULL, 1, 9, "quantum must be between 1 and 1000000 ticks", NULL, 0},
	{"quantum with fractional ticks", "quantum 1.5\n" M, NULL, 1, 9, "a number of ticks must be whole", "give a unit", 0},
	{"limit 0", "limit 0\n" M, NULL, 1, 7, "limit must be between 1 and", NULL, 0},
	{"limit one tick too long", "limit 100000001\n" M, NULL, 1, 7, "limit must be between 1 and 100000000 ticks", NULL, 0},
	{"limit of days of simulation", "limit 1000000000000\n" M, NULL, 1, 7, "limit must be between 1 and 100000000 ticks", NULL, 0},
	{"limit too long once in ticks", "tick 1ms\nlimit 1667min\n" M, NULL, 2, 7, "limit must be between 1 and 100000000 ticks", NULL, 0},
	{"title without a string", "title 3\n" M, NULL, 1, 7, "expected a string near '3'", NULL, 0},
	{"shell without a name", "shell 3\n" M, NULL, 1, 7, "expected a string near '3'", NULL, 0},
	{"unknown policy, a typo", "policy fifi\n" M, NULL, 1, 8, "unknown scheduling policy 'fifi'", "did you mean 'fifo'?", 4},
	{"unknown policy, nothing close", "policy stride\n" M, NULL, 1, 8, "unknown scheduling policy 'stride'", "the policies: rr fifo sjf stcf prio mlfq cfs cyclic multi lottery", 0},
	{"policy without a name", "policy\n" M, NULL, 1, 7, "policy", "the policies", 0},
	{"levels 9", "levels 9\n" M, NULL, 1, 8, "must be between 1 and 8", NULL, 0},
	{"a level quantum per level at most", "level_quantum 1, 2, 3, 4, 5, 6, 7, 8, 9\n" M, NULL, 1, 39, "too many values: at most one per level near '9'", NULL, 0},
	{"a level quantum of 0", "level_quantum 1, 0\n" M, NULL, 1, 18, "level_quantum must be between 1 and 1000000 ticks", NULL, 0},
	{"a level quantum list without commas", "level_quantum 1 2\n" M, NULL, 1, 17, "unexpected text after the end of the instruction near '2'", NULL, 0},
	{"an allotment that is not a duration", "allotment x\n" M, NULL, 1, 11, "expected a duration", "500ms", 0},
	{"a level quantum list with a bad value", "level_quantum 2, x\n" M, NULL, 1, 18, "expected a duration", "500ms", 0},
	{"switch_cost too large", "switch_cost 2000\n" M, NULL, 1, 13, "switch_cost must be between 0 and 1000 ticks", NULL, 0},
	{"a load-average minute too short", "minute 5\n" M, NULL, 1, 8, "minute must be between 12 and 1000000000 ticks", NULL, 0},
	{"latency 0", "latency 0\n" M, NULL, 1, 9, "latency must be between 1 and 1000000 ticks", NULL, 0},
	{"text after a setting", "cpus 2 3\n" M, NULL, 1, 8, "unexpected text after the end of the instruction near '3'", NULL, 0},
	{"switch_on with a typo", "switch_on edn\n" M, NULL, 1, 11, "unexpected 'edn': switch_on takes io or end", "did you mean 'end'?", 3},
	{"io_done with an unknown word", "io_done never\n" M, NULL, 1, 9, "unexpected 'never': io_done takes later or immediate", NULL, 5},
	{"switch_on without a word", "switch_on\n" M, NULL, 1, 10, "switch_on takes io or end", NULL, 0},

	/* ---- jobs ---- */
	{"an affinity past the machine's CPUs", "cpus 2\njob A runs 3, affinity 0 2\n", NULL, 2, 15,
	 "the affinity names a CPU the machine does not have (cpus 2: 0 to 1)", NULL, 0},
	{"an affinity without CPUs", "job A runs 3, affinity\n", NULL, 1, 23, "expected the numbers of the CPUs the job may run on",
	 "affinity 0 2", 0},
	{"an affinity of CPU 64", "job A runs 3, affinity 64\n", NULL, 1, 24, "a CPU number must be between 0 and 63", NULL, 0},
	{"a negative working set", "job A runs 3, working_set -2\n", NULL, 1, 15, "working_set is a whole number from 0 to 1000000000", NULL, 0},
	{"a warm rate of 0", "warm_rate 0\n" M, NULL, 1, 11, "warm_rate must be between 1 and 1000000", NULL, 0},
	{"queues of a wrong word", "queues percpu\n" M, NULL, 1, 8, "unexpected 'percpu': queues takes single or per_cpu", "did you mean 'per_cpu'?", 0},
	{"a job without a name", "job 3 runs 2\n" M, NULL, 1, 5, "expected the job's name near '3'", "job A arrives 0, runs 8", 0},
	{"a job declared twice", "job A runs 3\njob A runs 4\n" M, NULL, 2, 5, "job 'A' is declared twice", NULL, 1},
	{"a job's every without a duration", "job A runs 3 io 2 every\n" M, NULL, 1, 24, "expected a duration", "for example 3 (ticks)", 0},
	{"a job with both periodic I/O and bursts", "job A runs 3 io 2 runs 4 io 1 every 2\n" M, NULL, 1, 26,
	 "'io I every E' repeats one 'runs'", NULL, 2},
	{"a job's single I/O of 0 ticks", "job A runs 3, io 0, runs 1\n" M, NULL, 1, 18, "a job's I/O lasts at least 1 tick", NULL, 0},
	{"a job with only I/O", "job A io 3\n" M, NULL, 1, 1, "a job needs 'runs'", "job A arrives 0, runs 8", 3},
	{"a job's nice out of range", "job A runs 3 nice 40\n" M, NULL, 1, 14, "nice is a number from -20 to 19", NULL, 0},
	{"a job's nice that is not a number", "job A runs 3 nice \"x\"\n" M, NULL, 1, 14, "nice is a number from -20 to 19", NULL, 0},
	{"a job's tickets out of range", "job A runs 3 tickets 0\n" M, NULL, 1, 14, "tickets is a number from 1 to 1000000", NULL, 0},
	{"a yes-or-no setting given something else", "io_bump maybe\n" M, NULL, 1, 9, "unexpected 'maybe': io_bump takes no or yes", NULL, 5},
	{"a yes-or-no setting with a typo", "stay_after_io yse\n" M, NULL, 1, 15, "unexpected 'yse': stay_after_io takes no or yes", "did you mean 'yes'?", 3},
	{"a seed out of range", "seed 2147483648\n" M, NULL, 1, 6, "seed must be between 0 and 2147483647", NULL, 0},
	{"an unknown word in a job, a typo", "job A rnus 3\n" M, NULL, 1, 7, "unexpected 'rnus' in a job", "did you mean 'runs'?", 4},
	{"an unknown word in a job", "job A runs 3 colour 2\n" M, NULL, 1, 14, "unexpected 'colour' in a job", "a job has: arrives T, runs B", 0},
	{"a job without runs", "job A arrives 2\n" M, NULL, 1, 1, "a job needs 'runs'", "job A arrives 0, runs 8", 3},
	{"a job that runs 0 ticks", "job A runs 0\n" M, NULL, 1, 12, "a job runs at least 1 tick", NULL, 0},
	{"a job that does 0 ticks of I/O", "job A runs 3 io 0 every 1\n" M, NULL, 1, 17, "'io I every E' needs I and E of at least 1 tick", NULL, 0},
	{"a job that does I/O every 0 ticks", "job A runs 3 io 1 every 0\n" M, NULL, 1, 25, "'io I every E' needs I and E of at least 1 tick", NULL, 0},
	{"a job's runs in fractional ticks", "job A runs 2.5\n" M, NULL, 1, 12, "a number of ticks must be whole", "give a unit", 0},

	/* ---- timeline ---- */
	{"unknown timeline action, a typo", "at 1 ctrl-x\n" M, NULL, 1, 6, "unknown timeline action 'ctrl-x'", "did you mean 'ctrl-z'?", 6},
	{"unknown timeline action, nothing close", "at 1 reboot\n" M, NULL, 1, 6, "unknown timeline action 'reboot'", "the timeline knows: kill, pkill, killall, type", 0},
	{"an instruction in the timeline", "at 1 sleep 3t\n" M, NULL, 1, 6, "unknown timeline action 'sleep'", "the timeline knows", 0},
	{"a timeline time that is not a duration", "at x ctrl-z\n" M, NULL, 1, 4, "expected a duration near 'x'", "500ms", 0},
	{"a timeline time in fractional ticks", "at 1.5 jobs\n" M, NULL, 1, 4, "a number of ticks must be whole", "give a unit", 0},
	{"a timeline time with an unknown unit", "at 1h jobs\n" M, NULL, 1, 5, "unknown time unit 'h'", "did you mean 's'?", 0},
	{"kill PID 0", "at 1 kill 0\n" M, NULL, 1, 11, "a PID is 1 or more", NULL, 0},
	{"kill without a target", "at 1 kill -KILL\n" M, NULL, 1, 16, "expected a target", "a PID, or a command name", 0},
	{"kill with an unknown signal", "at 1 kill -BOOM 3\n" M, NULL, 1, 12, "unknown signal 'BOOM'", "procsim knows", 0},
	{"type without a string", "at 1 type hello\n" M, NULL, 1, 11, "expected the typed text in double quotes near 'hello'", NULL, 0},
	{"text after a timeline action", "at 1 jobs now\n" M, NULL, 1, 11, "unexpected text after the end of the instruction near 'now'", NULL, 0},
	{"too many timeline events", NULL, gen_too_many_events, 100003, 1, "too many timeline events (the limit is 100000)", NULL, 0},

	/* ---- the whole file ---- */
	{"a file over 128 MiB", NULL, gen_too_large, 0, 0, "the file is too large (the limit is 134217728 bytes)", NULL, 0},
	{"a NUL byte", NULL, gen_nul_byte, 0, 0, "the file contains a NUL byte", NULL, 0},

	/* ---- columns count characters: Chinese text, tabs, CRLF, a BOM ---- */
	{"an unknown placeholder after Chinese text", "main\n    print \"你好{nmae}\"\n", NULL, 2, 15, "unknown name 'nmae'", "did you mean 'name'?", 4},
	{"text after a Chinese string", "main\n    print \"你好\" 3\n", NULL, 2, 16, "unexpected text after the end of the instruction", NULL, 0},
	{"an unknown escape after Chinese text", "main\n    print \"中文\\q\"\n", NULL, 2, 14, "unknown escape in string", NULL, 0},
	{"an unterminated Chinese string", "main\n    print \"中文\n", NULL, 2, 11, "unterminated string", NULL, 0},
	{"a unit after a Chinese parameter", "program 任务(秒数)\n    sleep {秒数}x\n" M, NULL, 2, 15, "unknown time unit 'x'", "did you mean 's'?", 1},
	{"text after a Chinese title", "title \"标题\" x\n" M, NULL, 1, 12, "unexpected text after the end of the instruction near 'x'", NULL, 0},
	{"a timeline target after a Chinese name", "at 1 kill 生产者 3\n" M, NULL, 1, 15, "unexpected text after the end of the instruction near '3'", NULL, 0},
	{"a Chinese program name with a typo", "program 生产者\n    sleep 1t\nmain\n    start 生产着\n", NULL, 4, 11, "unknown program '生产着'", "did you mean '生产者'?", 3},
	{"a Chinese placeholder with a typo", "program 任务(食物)\n    print \"{食务}\"\n" M, NULL, 2, 13, "unknown name '食务'", "did you mean '食物'?", 2},
	{"a tab counts as one column", "main\n\tsleep\t3hr\n", NULL, 2, 9, "unknown time unit 'hr'", "units are", 0},
	{"CRLF line endings", "main\r\n    sleep 1t\r\n    sleep 3hr\r\n", NULL, 3, 12, "unknown time unit 'hr'", "units are", 0},
	{"a byte order mark is not a column", "\xEF\xBB\xBF" "tcik 100ms\n" M, NULL, 1, 1, "unknown setting 'tcik'", "did you mean 'tick'?", 0},
};

enum { NROWS = sizeof table / sizeof table[0] };

static void describe(char *out, size_t n, const struct diags *d)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < d->count && used + 1 < n; i++)
		used += (size_t)snprintf(out + used, n - used, " | %d:%d span %d: %s [hint: %s]", d->items[i].line,
					 d->items[i].col, d->items[i].span, d->items[i].msg, d->items[i].hint);
}

/* One mistake, one message: exactly one diagnostic, at the right place, saying
 * the right thing, with the right hint (or none). */
START_TEST(each_broken_scenario_reports_its_one_error_at_the_right_place)
{
	const struct bad *b = &table[_i];
	size_t len;
	char *gen = NULL;
	const char *src = b->src;
	if (!src)
		src = gen = b->gen(&len);
	else
		len = strlen(src);
	struct diags d;
	struct scenario *sc = parse_scenario("bad.psim", src, len, &d);
	char all[4096];
	describe(all, sizeof all, &d);
	ck_assert_msg(sc == NULL, "row %d (%s): the broken scenario parsed", _i, b->what);
	ck_assert_msg(d.count == 1, "row %d (%s): %d diagnostics instead of 1:%s", _i, b->what, d.count, all);
	const struct diag *g = &d.items[0];
	ck_assert_msg(g->line == b->line && g->col == b->col, "row %d (%s): at %d:%d, expected %d:%d:%s", _i, b->what,
		      g->line, g->col, b->line, b->col, all);
	ck_assert_msg(strstr(g->msg, b->msg) != NULL, "row %d (%s): message '%s' lacks '%s'", _i, b->what, g->msg, b->msg);
	if (b->hint == ANY)
		;
	else if (b->hint)
		ck_assert_msg(strstr(g->hint, b->hint) != NULL, "row %d (%s): hint '%s' lacks '%s'", _i, b->what, g->hint,
			      b->hint);
	else
		ck_assert_msg(g->hint[0] == '\0', "row %d (%s): unexpected hint '%s'", _i, b->what, g->hint);
	if (b->span)
		ck_assert_msg(g->span == b->span, "row %d (%s): span %d, expected %d", _i, b->what, g->span, b->span);
	ck_assert_int_eq(d.dropped, 0);
	free(gen);
}
END_TEST

/* ---- recovery ----------------------------------------------------------------- */

START_TEST(several_errors_in_one_file_are_all_reported_in_source_order)
{
	const char *src =
		"tcik 100ms\n"                 /* 1: unknown setting */
		"program worker(n)\n"
		"    sleeep 1\n"                 /* 3: unknown instruction */
		"    print \"{m}\"\n"            /* 4: unknown name */
		"main\n"
		"    start worker(1, 2)\n"       /* 6: wrong argument count (found at the end) */
		"    kill -FOO 3\n"              /* 7: unknown signal */
		"    sleep 3hr\n"                /* 8: unknown unit */
		"    loop\n"                     /* 9: a loop without time */
		"        print \"x\"\n"
		"    start nobody\n"             /* 11: unknown program (found at the end) */
		"at 1 reboot\n"                  /* 12: unknown timeline action */
		"cpus 0\n";                      /* 13: out of range */
	const struct diags *d = parse_errors(src);
	static const struct { int line, col; const char *msg; } want[] = {
		{1, 1, "unknown setting 'tcik'"},
		{3, 5, "unknown instruction 'sleeep'"},
		{4, 13, "unknown name 'm'"},
		{6, 11, "takes 1 argument(s), not 2"},
		{7, 11, "unknown signal 'FOO'"},
		{8, 12, "unknown time unit 'hr'"},
		{9, 5, "never spends time"},
		{11, 11, "unknown program 'nobody'"},
		{12, 6, "unknown timeline action 'reboot'"},
		{13, 6, "must be between 1 and 64"},
	};
	char all[4096];
	describe(all, sizeof all, d);
	int n = (int)(sizeof want / sizeof want[0]);
	ck_assert_msg(d->count == n, "%d diagnostics instead of %d:%s", d->count, n, all);
	for (int i = 0; i < n; i++) {
		const struct diag *g = &d->items[i];
		ck_assert_msg(g->line == want[i].line && g->col == want[i].col && strstr(g->msg, want[i].msg),
			      "diagnostic %d: expected %d:%d '%s':%s", i, want[i].line, want[i].col, want[i].msg, all);
	}
}
END_TEST

START_TEST(errors_past_the_limit_are_counted_as_dropped)
{
	char src[4096] = "main\n";
	for (int i = 0; i < DIAG_MAX + 5; i++)
		strcat(src, "    frobnicate\n");
	const struct diags *d = parse_errors(src);
	ck_assert_int_eq(d->count, DIAG_MAX);
	ck_assert_int_eq(d->dropped, 5);
	for (int i = 0; i < d->count; i++)
		ck_assert_int_eq(d->items[i].line, i + 2);
}
END_TEST

/* A line whose indentation matches no block is one mistake: the program that
 * follows it must still be read as a program, not as instructions of the
 * block above. */
START_TEST(a_misindented_line_does_not_swallow_the_program_after_it)
{
	const struct diags *d = parse_errors(
		"program a\n"
		"    sleep 1t\n"
		"  sleep 2t\n"
		"main\n"
		"    sleep 1t\n");
	char all[4096];
	describe(all, sizeof all, d);
	ck_assert_msg(d->count >= 1 && d->items[0].line == 3 && strstr(d->items[0].msg, "indentation"),
		      "first error:%s", all);
	for (int i = 0; i < d->count; i++) {
		ck_assert_msg(!strstr(d->items[i].msg, "'main'"), "main was not recognised as a program:%s", all);
		ck_assert_msg(!strstr(d->items[i].msg, "no main program"), "main was not recognised as a program:%s", all);
	}
}
END_TEST

/* `program main` when the file has no other main is not a duplicate. */
START_TEST(a_program_named_main_is_not_called_a_duplicate)
{
	const struct diags *d = parse_errors("program main\n    sleep 1t\n");
	char all[4096];
	describe(all, sizeof all, d);
	ck_assert_msg(d->count >= 1, "no diagnostic");
	for (int i = 0; i < d->count; i++)
		ck_assert_msg(!strstr(d->items[i].msg, "defined twice"), "misleading message:%s", all);
	bool about_main = false;
	for (int i = 0; i < d->count; i++)
		about_main |= d->items[i].line == 1 && d->items[i].col == 9 && strstr(d->items[i].msg, "main") != NULL;
	ck_assert_msg(about_main, "no error at the name 'main':%s", all);
}
END_TEST

/* `loop` on the last line: the error belongs on a line of the file, not on a
 * line after its end, and does not talk of "the end of the block". */
START_TEST(a_block_missing_at_the_end_of_the_file_is_reported_on_a_real_line)
{
	const struct diags *d = parse_errors("main\n    sleep 1t\n    loop\n");
	char all[4096];
	describe(all, sizeof all, d);
	ck_assert_msg(d->count == 1, "%d diagnostics:%s", d->count, all);
	ck_assert_msg(d->items[0].line == 3, "reported at line %d, the file has 3 lines:%s", d->items[0].line, all);
	ck_assert_msg(strstr(d->items[0].msg, "expected an indented block"), "%s", all);
}
END_TEST

static char *reaps(int n)
{
	struct buf b = {0};
	puts_(&b, "main\n");
	repeat_(&b, "    reap\n", n);
	return b.s;
}

/* language.md: "programs over 100,000 instructions ... are errors". */
START_TEST(a_program_over_100000_instructions_is_rejected)
{
	char *ok = reaps(99999);
	struct diags d;
	struct scenario *sc = parse_scenario("long.psim", ok, strlen(ok), &d);
	ck_assert_msg(sc != NULL, "99,999 instructions are within the limit");
	scenario_free(sc);
	free(ok);

	char *bad = reaps(100001);
	sc = parse_scenario("long.psim", bad, strlen(bad), &d);
	ck_assert_msg(sc == NULL, "100,001 instructions parsed: the limit is 100,000");
	ck_assert_int_eq(d.count, 1);
	ck_assert_msg(strstr(d.items[0].msg, "program too long"), "%s", d.items[0].msg);
	ck_assert_msg(d.items[0].line >= 100001 && d.items[0].line <= 100002, "at line %d", d.items[0].line);
	free(bad);
}
END_TEST

/* 32 placeholders with text between them and after them: the parser must
 * either print them all or report "too many placeholders"; it must never
 * write past its buffers (this crashes, or fails under ASan). */
START_TEST(many_placeholders_with_text_between_never_overflow)
{
	for (int n = 30; n <= 40; n++) {
		struct buf b = {0}, want = {0};
		puts_(&b, "main\n    print \"");
		for (int i = 0; i < n; i++) {
			puts_(&b, "a{pid}");
			puts_(&want, "a3");
		}
		puts_(&b, "z\"\n");
		puts_(&want, "z\n");
		struct diags d;
		struct scenario *sc = parse_scenario("ph.psim", b.s, b.len, &d);
		if (sc) {
			scenario_free(sc);
			struct run *r = run_new(b.s);
			ck_assert_int_eq(run_until(r, -1), SIM_DONE);
			ck_assert_str_eq(run_console(r), want.s);
			run_free(r);
		} else {
			ck_assert_int_eq(d.count, 1);
			ck_assert_msg(strstr(d.items[0].msg, "too many placeholders"), "n=%d: %s", n, d.items[0].msg);
		}
		free(b.s);
		free(want.s);
	}
}
END_TEST

/* ---- the limits themselves are allowed -------------------------------------------- */

/* 200 levels, the most an expression may have, read and evaluate. */
START_TEST(expressions_as_deep_as_the_limit_parse_and_run)
{
	static const struct { const char *head; int n; const char *middle; const char *tail; int m; const char *out; } cases[] = {
		{"1 + ", PARSE_MAX_EXPR_DEPTH - 1, "1", "", 0, "200\n"},            /* a tree 200 deep */
		{"(", PARSE_MAX_EXPR_DEPTH, "7", ")", PARSE_MAX_EXPR_DEPTH, "7\n"}, /* 200 parentheses */
		{"1 + (", PARSE_MAX_EXPR_DEPTH - 1, "1", ")", PARSE_MAX_EXPR_DEPTH - 1, "200\n"},
		{"not ", PARSE_MAX_EXPR_DEPTH - 1, "True", "", 0, "False\n"},
		{"- ", PARSE_MAX_EXPR_DEPTH, "1", "", 0, "1\n"},                  /* folded: -(-(...1)) is a number */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *src = gen_expr("main\n    let x = ", cases[i].head, cases[i].n, cases[i].middle, cases[i].tail,
				     cases[i].m, "\n    print \"{x}\"\n", &len);
		struct run *r = run_new(src);
		ck_assert_int_eq(run_until(r, -1), SIM_DONE);
		ck_assert_msg(strcmp(run_console(r), cases[i].out) == 0, "case %zu printed %s", i, run_console(r));
		run_free(r);
		free(src);
	}
}
END_TEST

/* 64 shared objects, 1000 globals and 1000 programs; 1000 jobs. */
START_TEST(declarations_up_to_their_limits_are_accepted)
{
	struct buf b = {0};
	for (int i = 0; i < PARSE_MAX_OBJECTS - 3; i++)
		putf(&b, "lock l%d\n", i);
	puts_(&b, "pipe a, b\n");
	for (int i = 0; i < PARSE_MAX_GLOBALS; i++)
		putf(&b, "var v%d = %d\n", i, i);
	for (int i = 0; i < PARSE_MAX_PROGRAMS; i++)
		putf(&b, "program p%d\n    print \"{v%d}\"\n", i, i);
	puts_(&b, "main\n    pool po size 2\n    acquire l60\n    start p999\n    release l60\n    wait\n");
	struct run *r = run_new(b.s);
	ck_assert_int_eq(r->sc->nobjects, PARSE_MAX_OBJECTS);
	ck_assert_int_eq(r->sc->nglobals, PARSE_MAX_GLOBALS);
	ck_assert_int_eq(r->sc->nprograms, PARSE_MAX_PROGRAMS + 1);
	ck_assert_int_eq(run_until(r, -1), SIM_DONE);
	ck_assert_str_eq(run_console(r), "999\n");
	run_free(r);
	free(b.s);

	struct buf j = {0};
	for (int i = 0; i < PARSE_MAX_JOBS; i++)
		putf(&j, "job j%d runs 1\n", i);
	struct diags d;
	struct scenario *sc = parse_scenario("jobs.psim", j.s, j.len, &d);
	ck_assert_msg(sc != NULL, "%d jobs: %s", PARSE_MAX_JOBS, d.count ? d.items[0].msg : "");
	scenario_free(sc);
	free(j.s);
}
END_TEST

START_TEST(the_longest_limit_is_accepted)
{
	static const struct { const char *src; long long ticks; } cases[] = {
		{"limit 100000000\n" M, PARSE_MAX_TICKS},
		{"tick 1ms\nlimit 1666min\n" M, 99960000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diags d;
		struct scenario *sc = parse_scenario("limit.psim", cases[i].src, strlen(cases[i].src), &d);
		ck_assert_msg(sc != NULL, "case %zu: %s", i, d.count ? d.items[0].msg : "");
		ck_assert_int_eq(sc->limit, cases[i].ticks);
		scenario_free(sc);
	}
}
END_TEST

/* ---- how a person sees them ---------------------------------------------------- */

static char *report(const char *src)
{
	struct diags d;
	struct scenario *sc = parse_scenario("bad.psim", src, strlen(src), &d);
	ck_assert_ptr_null(sc);
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	ck_assert_ptr_nonnull(f);
	report_diags(f, "bad.psim", src, strlen(src), &d);
	fclose(f);
	return out;
}

START_TEST(the_caret_sits_under_the_error_after_chinese_text)
{
	char *out = report("main\n    print \"你好{nmae}\"\n");
	/* 4 spaces + `print "` (7) + 你好 (2 characters, 4 columns) + `{` = 16 columns. */
	ck_assert_str_eq(out,
		"bad.psim:2:15: error: unknown name 'nmae'\n"
		"    2 |     print \"你好{nmae}\"\n"
		"      |                 ^~~~\n"
		"      = hint: did you mean 'name'?\n");
	free(out);
}
END_TEST

START_TEST(the_caret_underlines_a_wide_character_with_its_width)
{
	char *out = report("program 生产者（食物）\n    sleep 1t\nmain\n    sleep 1t\n");
	ck_assert_str_eq(out,
		"bad.psim:1:12: error: full-width punctuation: use ASCII ( ) , and \" outside strings\n"
		"    1 | program 生产者（食物）\n"
		"      |               ^~\n");
	free(out);
}
END_TEST

START_TEST(the_caret_keeps_tabs_as_tabs)
{
	char *out = report("main\n\tsleep\t3hr\n");
	ck_assert_str_eq(out,
		"bad.psim:2:9: error: unknown time unit 'hr'\n"
		"    2 | \tsleep\t3hr\n"
		"      | \t     \t ^~\n"
		"      = hint: units are ticks, us, ms, s (or sec) and min\n");
	free(out);
}
END_TEST

START_TEST(an_error_about_the_whole_file_has_no_source_line)
{
	char *out = report("program x\n    sleep 1t\n");
	/* Two lines: `file: error: message` and the hint; no line number, no caret. */
	const char *head = "bad.psim: error: the scenario has no main program";
	ck_assert_msg(strncmp(out, head, strlen(head)) == 0, "report: %s", out);
	const char *second = strchr(out, '\n');
	ck_assert_ptr_nonnull(second);
	second++;
	ck_assert_msg(strncmp(second, "      = hint: add a 'main' block", 32) == 0, "report: %s", out);
	const char *end = strchr(second, '\n');
	ck_assert_ptr_nonnull(end);
	ck_assert_str_eq(end, "\n");
	ck_assert_ptr_null(strstr(out, " | "));
	free(out);
}
END_TEST

/* A broken job line is one mistake: the scenario is not also said to have
 * no jobs at all. */
START_TEST(a_broken_job_is_not_also_reported_as_no_jobs)
{
	const struct diags *d = parse_errors("job A runs 3 io 2 every\njob B runs 2\n");
	char all[4096];
	describe(all, sizeof all, d);
	ck_assert_msg(d->count == 1 && d->items[0].line == 1 && strstr(d->items[0].msg, "expected a duration"), "%s", all);
	d = parse_errors("job A runs 3 io 2 every\n");
	describe(all, sizeof all, d);
	for (int i = 0; i < d->count; i++)
		ck_assert_msg(!strstr(d->items[i].msg, "no jobs"), "a job line exists:%s", all);
}
END_TEST

START_TEST(dropped_errors_are_counted_at_the_end)
{
	char src[4096] = "main\n";
	for (int i = 0; i < DIAG_MAX + 3; i++)
		strcat(src, "    frobnicate\n");
	char *out = report(src);
	const char *tail = "3 more errors not shown\n";
	size_t n = strlen(out), t = strlen(tail);
	ck_assert_msg(n >= t && strcmp(out + n - t, tail) == 0, "report ends with: %s", n > 200 ? out + n - 200 : out);
	free(out);
}
END_TEST

Suite *parse_errors_suite(void);
Suite *parse_errors_suite(void)
{
	Suite *s = suite_create("parse_errors");
	TCase *tc = tcase_create("table");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, each_broken_scenario_reports_its_one_error_at_the_right_place, 0, NROWS);
	suite_add_tcase(s, tc);
	TCase *rec = tcase_create("recovery");
	tcase_set_timeout(rec, 60);
	tcase_add_test(rec, several_errors_in_one_file_are_all_reported_in_source_order);
	tcase_add_test(rec, errors_past_the_limit_are_counted_as_dropped);
	tcase_add_test(rec, a_misindented_line_does_not_swallow_the_program_after_it);
	tcase_add_test(rec, a_program_named_main_is_not_called_a_duplicate);
	tcase_add_test(rec, a_broken_job_is_not_also_reported_as_no_jobs);
	tcase_add_test(rec, a_block_missing_at_the_end_of_the_file_is_reported_on_a_real_line);
	tcase_add_test(rec, a_program_over_100000_instructions_is_rejected);
	tcase_add_test(rec, many_placeholders_with_text_between_never_overflow);
	suite_add_tcase(s, rec);
	TCase *lim = tcase_create("limits");
	tcase_set_timeout(lim, 60);
	tcase_add_test(lim, expressions_as_deep_as_the_limit_parse_and_run);
	tcase_add_test(lim, declarations_up_to_their_limits_are_accepted);
	tcase_add_test(lim, the_longest_limit_is_accepted);
	suite_add_tcase(s, lim);
	TCase *rep = tcase_create("report");
	tcase_add_test(rep, the_caret_sits_under_the_error_after_chinese_text);
	tcase_add_test(rep, the_caret_underlines_a_wide_character_with_its_width);
	tcase_add_test(rep, the_caret_keeps_tabs_as_tabs);
	tcase_add_test(rep, an_error_about_the_whole_file_has_no_source_line);
	tcase_add_test(rep, dropped_errors_are_counted_at_the_end);
	suite_add_tcase(s, rep);
	return s;
}

TEST_MAIN(parse_errors_suite)
