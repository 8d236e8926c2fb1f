/* test_fuzz.c: a deterministic robustness test. Every .psim file in
 * scenarios/ (found through $PROCSIM_SOURCE_ROOT, else a built-in list)
 * is mutated a few thousand times with a seeded generator: bytes flipped,
 * ranges deleted, lines duplicated or swapped, the file truncated, keywords
 * and arguments inserted, UTF-8 (valid, full-width, broken) inserted. Each
 * mutant is parsed; a parse failure must come with diagnostics that point
 * into the file, and the report of them must print; a mutant that parses is
 * run for at most 2000 ticks with the kernel's invariants checked after every
 * tick, with the narrated and JSON Lines views formatting every event.
 * Nothing may crash, hang or trip a sanitizer (the CI runs this under ASan and
 * UBSan).
 *
 * PROCSIM_FUZZ_ONLY=N runs only mutant N and prints it on stderr, to
 * reproduce a failure; PROCSIM_FUZZ_ITERATIONS=N changes how many are run. */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "instr.h"
#include "jsonl.h"
#include "narrate.h"
#include "parse.h"
#include "report.h"
#include "sim.h"
#include "testlib.h"

enum { DEFAULT_ITERATIONS = 5000, MAX_TICKS = 2000, MAX_FILES = 64, MAX_FORMATTED_EVENTS = 20000 };

/* ---- the corpus ------------------------------------------------------------------ */

static const char *const builtin_corpus[] = {
	"title \"Start all, then join\"\n"
	"tick 100ms\n"
	"program task(label, secs)\n"
	"    print \"{label} running\"\n"
	"    sleep {secs}s\n"
	"    print \"{label} done\"\n"
	"main \"python3 main.py\"\n"
	"    start task(\"子进程1\", 1) as p1\n"
	"    start task(\"子进程2\", 2) as p2\n"
	"    join p1\n"
	"    join p2 timeout 500ms\n"
	"    print \"耗时：{elapsed}\"\n",

	"title \"A SIGCHLD handler reaps the children\"\n"
	"cpus 2\n"
	"limit 5s\n"
	"program run_proc\n"
	"    print \"子进程运行中,pid={pid}...\"\n"
	"    sleep 1.5s\n"
	"main \"python3 server.py\"\n"
	"    on CHLD\n"
	"        reap\n"
	"        print \"SIGCHLD: reaped\"\n"
	"    repeat 3 as i\n"
	"        start run_proc\n"
	"        compute 1s\n"
	"    loop\n"
	"        compute 1s\n"
	"at 2s kill -TERM 3\n",

	"title \"ctrl-z, jobs, bg, fg\"\n"
	"limit 9s\n"
	"program child\n"
	"    sleep 3s\n"
	"    print \"im child {pid} {ppid}\"\n"
	"main \"python main.py\"\n"
	"    fork child as c\n"
	"    subreaper\n"
	"    ignore INT\n"
	"    input as line\n"
	"    print \"got {line}\"\n"
	"    loop\n"
	"        print \"----1----\"\n"
	"        compute 1s\n"
	"        io 0.5s\n"
	"        wait\n"
	"at 1s type \"hello\"\n"
	"at 2s ctrl-z\n"
	"at 3s jobs\n"
	"at 4s bg\n"
	"at 7s fg\n"
	"at 8s ctrl-c\n",

	"policy mlfq\n"
	"levels 3\n"
	"level_quantum 1, 2, 4\n"
	"boost 50\n"
	"job A arrives 0, runs 8\n"
	"job B arrives 1, runs 4, io 2 every 1\n"
	"job C arrives 2, runs 6, nice 5\n",
};

struct corpus {
	int n;
	char *name[MAX_FILES];
	char *src[MAX_FILES];
	size_t len[MAX_FILES];
};

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void corpus_load(struct corpus *c)
{
	memset(c, 0, sizeof *c);
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	if (root && *root) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/scenarios", root);
		DIR *d = opendir(dir);
		ck_assert_msg(d != NULL, "PROCSIM_SOURCE_ROOT is set but %s cannot be opened", dir);
		struct dirent *e;
		while ((e = readdir(d)) && c->n < MAX_FILES) {
			size_t l = strlen(e->d_name);
			if (l > 5 && strcmp(e->d_name + l - 5, ".psim") == 0)
				c->name[c->n++] = strdup(e->d_name);
		}
		closedir(d);
		qsort(c->name, (size_t)c->n, sizeof c->name[0], by_name); /* readdir order is not stable */
		for (int i = 0; i < c->n; i++) {
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, c->name[i]);
			FILE *f = fopen(path, "rb");
			ck_assert_msg(f != NULL, "cannot open %s", path);
			size_t cap = 1 << 16;
			c->src[i] = malloc(cap);
			c->len[i] = fread(c->src[i], 1, cap - 1, f);
			fclose(f);
		}
		ck_assert_msg(c->n > 0, "no scenarios in %s", dir);
		return;
	}
	for (size_t i = 0; i < sizeof builtin_corpus / sizeof builtin_corpus[0]; i++) {
		c->name[c->n] = strdup("builtin");
		c->src[c->n] = strdup(builtin_corpus[i]);
		c->len[c->n] = strlen(builtin_corpus[i]);
		c->n++;
	}
}

static void corpus_free(struct corpus *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->name[i]);
		free(c->src[i]);
	}
}

/* ---- a seeded generator ---------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64: fine statistics, trivially reproducible. */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

static const char *pick(const char *const *list, size_t n) { return list[below(n)]; }
#define PICK(a) pick((a), sizeof(a) / sizeof((a)[0]))

/* ---- the mutant ------------------------------------------------------------------- */

struct text {
	char *s;
	size_t len, cap;
};

static void text_reserve(struct text *t, size_t more)
{
	if (t->len + more + 1 > t->cap) {
		t->cap = (t->len + more + 1) * 2;
		t->s = realloc(t->s, t->cap);
		ck_assert_ptr_nonnull(t->s);
	}
}

static void insert_at(struct text *t, size_t at, const char *s, size_t n)
{
	text_reserve(t, n);
	memmove(t->s + at + n, t->s + at, t->len - at);
	memcpy(t->s + at, s, n);
	t->len += n;
}

static void delete_at(struct text *t, size_t at, size_t n)
{
	if (at + n > t->len)
		n = t->len - at;
	memmove(t->s + at, t->s + at + n, t->len - at - n);
	t->len -= n;
}

/* Start of a random line, and the byte after its end (past its '\n'). */
static void random_line(const struct text *t, size_t *start, size_t *end)
{
	size_t at = below(t->len + 1);
	while (at > 0 && t->s[at - 1] != '\n')
		at--;
	size_t e = at;
	while (e < t->len && t->s[e] != '\n')
		e++;
	if (e < t->len)
		e++;
	*start = at;
	*end = e;
}

static const char *const extra_words[] = {
	"title", "tick", "cpus", "quantum", "policy", "pid_max", "limit", "shell", "program", "main", "at", "job",
	"levels", "level_quantum", "allotment", "boost", "latency", "min_granularity", "switch_cost", "minute",
	"kill", "type", "ctrl-z", "ctrl-c", "bg", "fg", "jobs", "as", "daemon", "named", "timeout", "self", "parent",
	"arrives", "runs", "io", "every", "nice", "tickets", "working_set", "affinity", "rr", "fifo", "sjf", "stcf", "prio",
	"mlfq", "cfs", "cyclic", "multi", "lottery", "seed", "skip_draws", "queues", "per_cpu", "switch_on", "io_done",
	"stay_after_io", "io_bump", "yes", "no", "if", "while",
};

static const char *const arguments[] = {
	"", " 3", " 0", " 1", " -1", " 1.5", " 0.25s", " 10ms", " 2min", " 7us", " {x}", " {secs}s", " \"s {pid}\"",
	" \"{{x}} {name} {ppid}\"", " p1", " p2", " c", " self", " parent", " task(\"a\", 1)", " task(1, 2) as h",
	" child as c", " worker daemon", " -KILL 3", " -9 1", " -TERM p1", " CHLD", " STOP", " TSTP", " 99999999999",
	" 1000000000001", " 2 as i", " as line", " A arrives 0, runs 3", " B runs 2 io 1t every 1", " \"x\"", " 4s kill 3",
	" 1s ctrl-z", " 0 type \"hi\"", " run_proc", " father as f", " -STOP 3", " 2, 4, 8", " 1s bg",
};

static const char *const indents[] = {"", "", "    ", "    ", "        ", "\t", "  ", "            "};

static const char *const utf8_bits[] = {
	"生产者", "子进程", "耗时：", "（", "）", "，", "“", "”", "\xe3\x80\x80" /* ideographic space */,
	"\xef\xbb\xbf" /* BOM */, "\xff", "\x80", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8",
	"\xf0\x9f\x98\x80" /* emoji */, "\xc2\xa0" /* nbsp */, "é",
};

static const char *const snippets[] = {
	"{", "}", "{{", "}}", "\"", "\\", "\\q", "\t", "\r", "\r\n", "\n", "(", ")", ",", "-", "=", "#", "0.5",
	"99999999999999", "    ", "\n    ", "\n        ", ".", "@", ";", "s", "ms",
};

static void mutate(struct text *t)
{
	switch (below(9)) {
	case 0: /* flip a byte */
		if (t->len) {
			size_t at = below(t->len);
			t->s[at] = below(2) ? (char)(1 + below(255)) : (char)(t->s[at] ^ (1 << below(8)));
			if (t->s[at] == '\0')
				t->s[at] = '\x7f';
		}
		break;
	case 1: /* delete a range */
		if (t->len)
			delete_at(t, below(t->len), 1 + below(16));
		break;
	case 2: { /* duplicate a line */
		size_t a, e;
		random_line(t, &a, &e);
		char *copy = malloc(e - a + 2);
		memcpy(copy, t->s + a, e - a);
		size_t n = e - a;
		if (n == 0 || copy[n - 1] != '\n')
			copy[n++] = '\n';
		insert_at(t, a, copy, n);
		free(copy);
		break;
	}
	case 3: /* truncate */
		t->len = below(t->len + 1);
		break;
	case 4:
	case 5: { /* insert a line with a keyword */
		int count;
		const char *kw;
		if (below(3)) {
			instr_all(&count);
			kw = instr_names()[below((size_t)count)];
		} else {
			kw = PICK(extra_words);
		}
		char line[256];
		int n = snprintf(line, sizeof line, "%s%s%s\n", PICK(indents), kw, PICK(arguments));
		size_t a, e;
		random_line(t, &a, &e);
		insert_at(t, below(2) ? a : e, line, (size_t)n);
		break;
	}
	case 6: { /* insert UTF-8, valid or not */
		const char *u = PICK(utf8_bits);
		insert_at(t, below(t->len + 1), u, strlen(u));
		break;
	}
	case 7: { /* insert punctuation */
		const char *u = PICK(snippets);
		insert_at(t, below(t->len + 1), u, strlen(u));
		break;
	}
	case 8: { /* swap two lines */
		size_t a1, e1, a2, e2;
		random_line(t, &a1, &e1);
		random_line(t, &a2, &e2);
		if (a2 < a1) {
			size_t x = a1, y = e1;
			a1 = a2, e1 = e2, a2 = x, e2 = y;
		}
		if (e1 <= a2 && e1 > a1 && e2 > a2) {
			size_t n1 = e1 - a1, n2 = e2 - a2;
			char *l1 = malloc(n1), *l2 = malloc(n2);
			memcpy(l1, t->s + a1, n1);
			memcpy(l2, t->s + a2, n2);
			delete_at(t, a2, n2);
			insert_at(t, a2, l1, n1);
			delete_at(t, a1, n1);
			insert_at(t, a1, l2, n2);
			free(l1);
			free(l2);
		}
		break;
	}
	}
}

/* ---- checking one mutant --------------------------------------------------------- */

struct views {
	FILE *sink;
	struct sim *sim;
	long events;
};

/* The views format the first events of each run: enough to exercise them,
 * while a runaway loop (millions of events in one tick) stays cheap. */
static void view_event(void *ctx, const struct sim_event *ev)
{
	struct views *v = ctx;
	if (v->events++ < MAX_FORMATTED_EVENTS) {
		narrate_event(v->sink, v->sim, ev);
		jsonl_event(v->sink, ev, true);
	}
}

static int count_lines(const char *s, size_t n)
{
	int lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

struct stats {
	int parsed, rejected, runaway_loops;
};

static void check_mutant(int iter, const char *file, const char *src, size_t len, FILE *sink, struct stats *st)
{
	struct diags d;
	struct scenario *sc = parse_scenario(file, src, len, &d);
	if (!sc) {
		st->rejected++;
		ck_assert_msg(d.count >= 1, "mutant %d (%s): rejected without a diagnostic", iter, file);
		int lines = count_lines(src, len);
		for (int i = 0; i < d.count; i++) {
			const struct diag *g = &d.items[i];
			ck_assert_msg(g->line >= 0 && g->col >= 0 && g->span >= 1, "mutant %d (%s): diagnostic at %d:%d span %d",
				      iter, file, g->line, g->col, g->span);
			ck_assert_msg(g->line <= lines, "mutant %d (%s): diagnostic at line %d of %d: %s", iter, file, g->line,
				      lines, g->msg);
			ck_assert_msg((g->line == 0) == (g->col == 0), "mutant %d (%s): diagnostic at %d:%d", iter, file,
				      g->line, g->col);
			ck_assert_msg(g->msg[0] != '\0', "mutant %d (%s): an empty message at %d:%d", iter, file, g->line,
				      g->col);
		}
		report_diags(sink, file, src, len, &d);
		return;
	}
	st->parsed++;
	struct sim_options opt = {.max_ticks = MAX_TICKS, .check = true};
	struct sim *s = sim_new(sc, &opt);
	ck_assert_msg(s != NULL, "mutant %d (%s): sim_new failed", iter, file);
	struct views v = {sink, s, 0};
	sim_set_sink(s, view_event, &v);
	narrate_header(sink, s);
	enum sim_status status = sim_run(s, MAX_TICKS);
	narrate_end(sink, s);
	jsonl_end(sink, s);
	ck_assert_msg(status != SIM_ERROR, "mutant %d (%s): out of memory", iter, file);
	ck_assert_msg(sim_now(s) <= MAX_TICKS, "mutant %d (%s): ran to tick %lld", iter, file, (long long)sim_now(s));
	const char *bad = sim_check(s);
	ck_assert_msg(bad == NULL, "mutant %d (%s): %s", iter, file, bad);
	if (status == SIM_RUNAWAY && sim_fault(s)->line) {
		st->runaway_loops++;
		fprintf(stderr, "fuzz: mutant %d of %s: a loop without time at %d:%d (PID %d)\n", iter, file,
			sim_fault(s)->line, sim_fault(s)->col, sim_fault(s)->pid);
	}
	sim_free(s);
	scenario_free(sc);
}

START_TEST(mutated_scenarios_never_crash_hang_or_lose_their_errors)
{
	struct corpus c;
	corpus_load(&c);
	int iterations = DEFAULT_ITERATIONS, only = -1;
	if (getenv("PROCSIM_FUZZ_ITERATIONS"))
		iterations = atoi(getenv("PROCSIM_FUZZ_ITERATIONS"));
	if (getenv("PROCSIM_FUZZ_ONLY"))
		only = atoi(getenv("PROCSIM_FUZZ_ONLY"));
	FILE *sink = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(sink);
	struct stats st = {0};
	struct text t = {0};
	clock_t t0 = clock();
	for (int iter = 0; iter < iterations; iter++) {
		if (only >= 0 && iter != only)
			continue;
		rng_state = 0x5eed0000ULL + (uint64_t)iter * 7919; /* each mutant reproducible alone */
		int f = iter % c.n;
		t.len = 0;
		text_reserve(&t, c.len[f]);
		memcpy(t.s, c.src[f], c.len[f]);
		t.len = c.len[f];
		int rounds = below(2) ? 1 : 2 + (int)below(3); /* half the mutants with one mutation: they parse more often */
		for (int r = 0; r < rounds; r++)
			mutate(&t);
		if (only >= 0)
			fprintf(stderr, "--- mutant %d of %s (%zu bytes) ---\n%.*s\n--- end ---\n", iter, c.name[f], t.len,
				(int)t.len, t.s);
		check_mutant(iter, c.name[f], t.s, t.len, sink, &st);
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	fprintf(stderr, "fuzz: %d mutants of %d files: %d parsed and ran, %d rejected, %d zero-time loops; %.1f s\n",
		iterations, c.n, st.parsed, st.rejected, st.runaway_loops, secs);
	/* A corpus whose mutants never parse, or never fail, tests little. */
	if (only < 0 && iterations >= 500) {
		ck_assert_msg(st.parsed >= iterations / 20, "only %d mutants parsed", st.parsed);
		ck_assert_msg(st.rejected >= iterations / 20, "only %d mutants were rejected", st.rejected);
	}
	fclose(sink);
	free(t.s);
	corpus_free(&c);
}
END_TEST

/* The scenarios themselves, unmutated: they parse and run (to their end or
 * their limit) with every invariant holding. */
START_TEST(every_corpus_scenario_parses_and_runs)
{
	struct corpus c;
	corpus_load(&c);
	FILE *sink = fopen("/dev/null", "w");
	struct stats st = {0};
	for (int i = 0; i < c.n; i++) {
		struct diags d;
		struct scenario *sc = parse_scenario(c.name[i], c.src[i], c.len[i], &d);
		ck_assert_msg(sc != NULL, "%s: %s at %d:%d", c.name[i], d.count ? d.items[0].msg : "?",
			      d.count ? d.items[0].line : 0, d.count ? d.items[0].col : 0);
		scenario_free(sc);
		check_mutant(-1, c.name[i], c.src[i], c.len[i], sink, &st);
	}
	ck_assert_int_eq(st.parsed, c.n);
	fclose(sink);
	corpus_free(&c);
}
END_TEST

Suite *fuzz_suite(void);
Suite *fuzz_suite(void)
{
	Suite *s = suite_create("fuzz");
	TCase *tc = tcase_create("mutations");
	tcase_set_timeout(tc, 600); /* meson's own timeout (120 s) is the real bound */
	tcase_add_test(tc, every_corpus_scenario_parses_and_runs);
	tcase_add_test(tc, mutated_scenarios_never_crash_hang_or_lose_their_errors);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(fuzz_suite)
