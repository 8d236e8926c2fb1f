/* test_view_model.c: the interactive view without curses: display widths,
 * the rows and columns of the process table, the header, queues, Gantt strip
 * and log, the layout, the key table, and time travel (a step back gives
 * exactly the screen first shown at that tick). */
#include <check.h>
#include <curses.h> /* KEY_F: the key table speaks curses key codes */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "history.h"
#include "keys.h"
#include "parse.h"
#include "sig.h"
#include "snapshot.h"
#include "testlib.h"
#include "view_model.h"

/* ---- helpers ------------------------------------------------------------------------ */

struct fixture {
	struct scenario *sc;
	struct history *h;
	struct vm vm;
	struct vm_settings set;
};

static void fx_open(struct fixture *f, const char *src)
{
	memset(f, 0, sizeof *f);
	struct diags d;
	f->sc = parse_scenario("test.psim", src, strlen(src), &d);
	ck_assert_msg(f->sc != NULL, "the test scenario does not parse: %s", d.count ? d.items[0].msg : "?");
	struct sim_options opt = {.check = true};
	f->h = history_new(f->sc, &opt);
	ck_assert_ptr_nonnull(f->h);
	vm_init(&f->vm);
	f->set.sort = COL_PID;
	f->set.speed = 1;
	f->set.ticks_per_sec = 10;
}

static void fx_close(struct fixture *f)
{
	vm_fini(&f->vm);
	history_free(f->h);
	scenario_free(f->sc);
}

static void fx_build(struct fixture *f, int width)
{
	ck_assert(vm_build(&f->vm, f->h, &f->set, width));
}

static void fx_goto(struct fixture *f, long long t, int width)
{
	ck_assert(history_goto(f->h, t));
	fx_build(f, width);
}

/* Everything the main screen shows, as text, one line per screen line. */
static char *frame(struct fixture *f, int cols, int lines)
{
	fx_build(f, cols);
	struct vm_layout lay;
	vm_layout(&f->vm, cols, lines, &lay);
	ck_assert(!lay.too_small);
	size_t cap = (size_t)lines * VM_LINE_BYTES + 1;
	char *out = calloc(1, cap);
	struct vm_line *l = malloc(sizeof *l * (size_t)lines);
	ck_assert(out && l);
#define PUT(line) (strcat(out, (line)->text), strcat(out, "\n"))
	for (int i = 0; i < lay.header_h; i++) {
		vm_header_line(&f->vm, i, &l[0]);
		PUT(&l[0]);
	}
	vm_table_head(&f->vm, &l[0]);
	PUT(&l[0]);
	for (int r = 0; r + 1 < lay.table_h && r < f->vm.nrows; r++) {
		vm_row_line(&f->vm, r, &l[0]);
		PUT(&l[0]);
		if (history_changed(f->h, vm_row_proc(&f->vm, r)->pid))
			strcat(out, "  (changed)\n");
	}
	for (int i = 0; i < lay.queues_h; i++) {
		vm_queue_line(&f->vm, i, &l[0]);
		PUT(&l[0]);
	}
	for (int c = 0; c < lay.gantt_cpus; c++) {
		vm_gantt_line(&f->vm, c, &l[0]);
		PUT(&l[0]);
	}
	vm_gantt_axis(&f->vm, &l[0]);
	PUT(&l[0]);
	int n = vm_log_lines(&f->vm, l, lay.log_h);
	for (int i = 0; i < n; i++)
		PUT(&l[i]);
#undef PUT
	free(l);
	return out;
}

static int row_of(struct fixture *f, int pid)
{
	int r = vm_find_pid(&f->vm, pid);
	ck_assert_msg(r >= 0, "PID %d is not in the table", pid);
	return r;
}

static void cell(struct fixture *f, int pid, enum vm_col c, char *buf, size_t n)
{
	vm_cell(&f->vm, row_of(f, pid), c, buf, n);
}

/* main forks two children that outlive it when it is killed; one child does
 * disk I/O, one reads input; a zombie appears at t=3. */
static const char *family =
	"title \"家族\"\n"
	"tick 100ms\n"
	"cpus 2\n"
	"limit 20s\n"
	"program 子进程(n)\n"
	"    compute 2t\n"
	"    sleep 3s\n"
	"    print \"{n} done\"\n"
	"program quick\n"
	"    exit 0\n"
	"program disk\n"
	"    io 5s\n"
	"program reader\n"
	"    input as line\n"
	"main \"父进程\"\n"
	"    fork 子进程(\"一\") as a\n"
	"    fork 子进程(\"二\") as b\n"
	"    fork quick as q\n"
	"    fork disk as d\n"
	"    fork reader as r\n"
	"    compute 5t\n"
	"    sleep 10s\n"
	"    wait\n";

/* A busy scenario for long runs: workers forever computing and sleeping. */
static const char *busy =
	"tick 10ms\n"
	"cpus 2\n"
	"limit 100000\n"
	"program worker(n)\n"
	"    loop\n"
	"        compute {n} ticks\n"
	"        sleep 3t\n"
	"        print \"w{n}\"\n"
	"main\n"
	"    start worker(1) as a\n"
	"    start worker(2) as b\n"
	"    start worker(5) as c\n"
	"    loop\n"
	"        compute 7t\n"
	"        sleep 2t\n";

/* ---- widths ---------------------------------------------------------------------- */

START_TEST(cjk_characters_take_two_columns)
{
	ck_assert_int_eq(vm_width("abc"), 3);
	ck_assert_int_eq(vm_width("子进程1"), 7);
	ck_assert_int_eq(vm_width("耗时：3"), 7);
}
END_TEST

START_TEST(fit_cuts_at_a_character_and_pads_to_the_exact_width)
{
	char buf[64];
	vm_fit(buf, sizeof buf, "子进程1", 10, false);
	ck_assert_str_eq(buf, "子进程1   ");
	vm_fit(buf, sizeof buf, "子进程1", 10, true);
	ck_assert_str_eq(buf, "   子进程1");
	/* 4 columns: one wide character, the ellipsis, and a space where the
	 * second wide character would not fit */
	vm_fit(buf, sizeof buf, "子进程1", 4, false);
	ck_assert_str_eq(buf, "子… ");
	ck_assert_int_eq(vm_width(buf), 4);
	vm_fit(buf, sizeof buf, "abcdef", 4, false);
	ck_assert_str_eq(buf, "abc…");
	vm_fit(buf, sizeof buf, "a\tb", 3, false);
	ck_assert_str_eq(buf, "a b");
}
END_TEST

START_TEST(ascii_fallback_replaces_what_the_locale_cannot_show)
{
	vm_set_ascii(true);
	char buf[64];
	vm_fit(buf, sizeof buf, "子进程1", 6, false);
	ck_assert_str_eq(buf, "???1  ");
	vm_fit(buf, sizeof buf, "abcdef", 4, false);
	ck_assert_str_eq(buf, "abc~");
	vm_fit(buf, sizeof buf, "sleeps → S", 12, false);
	ck_assert_str_eq(buf, "sleeps -> S ");
	vm_set_ascii(false);
}
END_TEST

/* ---- the table ------------------------------------------------------------------- */

START_TEST(every_row_is_exactly_as_wide_as_the_screen)
{
	struct fixture f;
	fx_open(&f, family);
	int widths[] = {80, 81, 120, 200};
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		fx_goto(&f, 4, widths[w]);
		struct vm_line l;
		vm_table_head(&f.vm, &l);
		ck_assert_int_eq(vm_width(l.text), widths[w]);
		for (int r = 0; r < f.vm.nrows; r++) {
			vm_row_line(&f.vm, r, &l);
			ck_assert_msg(vm_width(l.text) == widths[w], "row %d is %d columns, not %d: '%s'", r,
				      vm_width(l.text), widths[w], l.text);
		}
		/* the columns line up: the same x for the same column in every row */
		int x = f.vm.col_x[COL_COMMAND];
		ck_assert_int_eq(x, f.vm.col_x[COL_WCHAN] + f.vm.col_w[COL_WCHAN] + 1);
	}
	fx_close(&f);
}
END_TEST

START_TEST(columns_are_top_s)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 0, 80);
	struct vm_line l;
	vm_table_head(&f.vm, &l);
	const char *titles[] = {"PID", "PPID", "PR", "NI", "S", "%CPU", "TIME+", "WCHAN", "COMMAND"};
	const char *at = l.text;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		const char *p = strstr(at, titles[i]);
		ck_assert_msg(p != NULL, "no %s after '%s'", titles[i], at);
		at = p + strlen(titles[i]);
	}
	fx_close(&f);
}
END_TEST

START_TEST(a_zombie_shows_defunct_and_its_exit_status)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 3, 80);
	char buf[256];
	cell(&f, 6, COL_S, buf, sizeof buf);
	ck_assert_str_eq(buf, "Z");
	cell(&f, 6, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "[quick] <defunct>");
	cell(&f, 6, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "exit code 0");
	ck_assert_int_eq(vm_state_role(vm_row_proc(&f.vm, row_of(&f, 6))), ROLE_STATE_Z);
	fx_close(&f);
}
END_TEST

/* --names real (the key p): a forked child is its parent's command line,
 * a zombie [comm] <defunct>, as tests/truth/child_names.py saw on Linux */
START_TEST(real_names_show_a_forked_child_under_its_parent_s_command_line)
{
	struct fixture f;
	fx_open(&f, family);
	f.set.real_names = true;
	fx_goto(&f, 3, 80);
	char buf[256];
	cell(&f, 4, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "父进程");
	cell(&f, 6, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "[父进程] <defunct>");
	f.set.real_names = false;
	fx_build(&f, 80);
	cell(&f, 4, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "子进程");
	fx_close(&f);
}
END_TEST

START_TEST(wchan_says_in_words_what_a_sleeper_waits_for)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 8, 80);
	char buf[256];
	cell(&f, 1, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "wait any child");
	cell(&f, 4, COL_WCHAN, buf, sizeof buf); /* computed 2 ticks from t=1 or so, then sleeps 3 s */
	ck_assert_msg(strncmp(buf, "sleep until t=", 14) == 0, "'%s'", buf);
	cell(&f, 7, COL_WCHAN, buf, sizeof buf);
	ck_assert_msg(strncmp(buf, "disk until t=", 13) == 0, "'%s'", buf);
	cell(&f, 7, COL_S, buf, sizeof buf);
	ck_assert_str_eq(buf, "D");
	cell(&f, 8, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "input");
	cell(&f, 3, COL_WCHAN, buf, sizeof buf);
	ck_assert_msg(strncmp(buf, "sleep until t=", 14) == 0 || strncmp(buf, "on CPU", 6) == 0, "'%s'", buf);
	fx_close(&f);
}
END_TEST

START_TEST(chinese_names_line_up_with_the_others)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	struct vm_line a, b;
	vm_row_line(&f.vm, row_of(&f, 3), &a); /* 父进程 */
	vm_row_line(&f.vm, row_of(&f, 1), &b); /* init */
	ck_assert_int_eq(vm_width(a.text), vm_width(b.text));
	ck_assert_ptr_nonnull(strstr(a.text, "父进程"));
	fx_close(&f);
}
END_TEST

START_TEST(the_header_counts_agree_with_the_model)
{
	struct fixture f;
	fx_open(&f, family);
	for (long long t = 0; t < 60; t += 7) {
		fx_goto(&f, t, 80);
		struct sim_counts c;
		snapshot_counts(history_sim(f.h), &c);
		char want[256];
		snprintf(want, sizeof want, "Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie",
			 c.total, c.running, c.sleeping, c.stopped, c.zombie);
		struct vm_line l;
		vm_header_line(&f.vm, 1, &l);
		ck_assert_str_eq(l.text, want);
		vm_header_line(&f.vm, 0, &l);
		char clock[64];
		snprintf(clock, sizeof clock, "procsim - t=%lld (", t);
		ck_assert_msg(strncmp(l.text, clock, strlen(clock)) == 0, "'%s'", l.text);
		ck_assert_ptr_nonnull(strstr(l.text, "load average: "));
		vm_header_line(&f.vm, 2, &l);
		ck_assert_msg(strncmp(l.text, "%Cpu(s): ", 9) == 0, "'%s'", l.text);
		/* top's memory lines, from the model's totals */
		struct mem_info m;
		snapshot_memory(history_sim(f.h), &m);
		vm_header_line(&f.vm, 3, &l);
		snprintf(want, sizeof want, "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache",
			 m.total / 1024.0, m.free / 1024.0, m.used / 1024.0, m.buff_cache / 1024.0);
		ck_assert_str_eq(l.text, want);
		ck_assert_int_gt(m.used, 0);
		ck_assert_int_eq(m.total, m.free + m.used + m.buff_cache);
		vm_header_line(&f.vm, 4, &l);
		ck_assert_msg(strncmp(l.text, "MiB Swap: ", 10) == 0, "'%s'", l.text);
		vm_header_line(&f.vm, 5, &l);
		ck_assert_ptr_nonnull(strstr(l.text, "Policy rr"));
		ck_assert_ptr_nonnull(strstr(l.text, "2 CPUs"));
		ck_assert_ptr_nonnull(strstr(l.text, "PAUSED"));
	}
	fx_close(&f);
}
END_TEST

START_TEST(per_cpu_lines_on_demand)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 10, 80);
	ck_assert_int_eq(vm_header_lines(&f.vm), 6);
	f.set.per_cpu = true;
	fx_build(&f, 80);
	ck_assert_int_eq(vm_header_lines(&f.vm), 7); /* at 80 columns, one CPU a line, as top */
	struct vm_line l;
	vm_header_line(&f.vm, 2, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "%Cpu0"));
	vm_header_line(&f.vm, 3, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "%Cpu1"));
	fx_build(&f, 170);
	ck_assert_int_eq(vm_header_lines(&f.vm), 6); /* wide enough: two CPUs side by side on one line */
	vm_header_line(&f.vm, 2, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "%Cpu0"));
	ck_assert_ptr_nonnull(strstr(l.text, "%Cpu1"));
	fx_close(&f);
}
END_TEST

/* top's ni (user time at nice > 0) and wa (idle while a process waits in
 * D), from the kernel's accounting (account_user_time, account_idle_time). */
START_TEST(the_cpu_line_tells_nice_and_iowait)
{
	struct fixture f;
	fx_open(&f, "main\n    nice 5\n    compute 30t\n");
	fx_goto(&f, 20, 120);
	struct vm_line l;
	vm_header_line(&f.vm, 2, &l);
	ck_assert_msg(strstr(l.text, "%Cpu(s):  0.0 us,  0.0 sy,100.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st"),
		      "'%s'", l.text);
	fx_close(&f);
	fx_open(&f, "main\n    io 30t\n");
	fx_goto(&f, 20, 120);
	vm_header_line(&f.vm, 2, &l);
	ck_assert_msg(strstr(l.text, "  0.0 us,  0.0 sy,  0.0 ni,  0.0 id,100.0 wa"), "'%s'", l.text);
	fx_close(&f);
	fx_open(&f, "main\n    sleep 30t\n");
	fx_goto(&f, 20, 120);
	vm_header_line(&f.vm, 2, &l);
	ck_assert_msg(strstr(l.text, "  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa"), "'%s'", l.text);
	fx_close(&f);
}
END_TEST

START_TEST(tree_puts_children_under_their_parent_and_orphans_under_init)
{
	struct fixture f;
	fx_open(&f, family);
	f.set.tree = true;
	fx_goto(&f, 4, 80);
	/* init, bash, main, then main's children */
	ck_assert_int_eq(vm_row_proc(&f.vm, 0)->pid, 1);
	ck_assert_int_eq(vm_row_proc(&f.vm, 1)->pid, 2);
	ck_assert_int_eq(vm_row_proc(&f.vm, 2)->pid, 3);
	ck_assert_int_eq(f.vm.rows[2].depth, 2);
	ck_assert_int_eq(vm_row_proc(&f.vm, 3)->pid, 4);
	ck_assert_int_eq(f.vm.rows[3].depth, 3);
	char buf[256];
	cell(&f, 4, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "      ├─ 子进程"); /* bash and main are last children: no bars */
	/* the keyboard kills main: its children move under init */
	history_send_signal(f.h, 3, SIG_KILL);
	fx_goto(&f, 8, 80);
	ck_assert_int_lt(vm_find_pid(&f.vm, 3), 0);
	for (int pid = 4; pid <= 8; pid++) {
		if (vm_find_pid(&f.vm, pid) < 0)
			continue;
		const struct proc_info *p = vm_row_proc(&f.vm, row_of(&f, pid));
		ck_assert_int_eq(p->ppid, 1);
		ck_assert_int_eq(f.vm.rows[row_of(&f, pid)].depth, 1);
	}
	/* init has reaped the zombie it was handed */
	ck_assert_int_lt(vm_find_pid(&f.vm, 6), 0);
	fx_close(&f);
}
END_TEST

START_TEST(sorting_follows_top_s_keys)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 12, 80);
	f.set.sort = COL_TIME;
	fx_build(&f, 80);
	for (int r = 1; r < f.vm.nrows; r++)
		ck_assert_int_ge(vm_row_proc(&f.vm, r - 1)->cpu_ticks, vm_row_proc(&f.vm, r)->cpu_ticks);
	f.set.reverse = true;
	fx_build(&f, 80);
	for (int r = 1; r < f.vm.nrows; r++)
		ck_assert_int_le(vm_row_proc(&f.vm, r - 1)->cpu_ticks, vm_row_proc(&f.vm, r)->cpu_ticks);
	f.set.sort = COL_PID;
	f.set.reverse = false;
	fx_build(&f, 80);
	for (int r = 1; r < f.vm.nrows; r++)
		ck_assert_int_lt(vm_row_proc(&f.vm, r - 1)->pid, vm_row_proc(&f.vm, r)->pid);
	f.set.sort = COL_CPU;
	fx_build(&f, 80);
	for (int r = 1; r < f.vm.nrows; r++)
		ck_assert(vm_cpu_percent(&f.vm, vm_row_proc(&f.vm, r - 1)->pid) >=
			  vm_cpu_percent(&f.vm, vm_row_proc(&f.vm, r)->pid));
	fx_close(&f);
}
END_TEST

START_TEST(cpu_percent_counts_the_last_second)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 30, 80);
	/* main computed 5 ticks then slept: nothing in the last 10 ticks */
	ck_assert(vm_cpu_percent(&f.vm, 3) == 0.0);
	fx_goto(&f, 5, 80);
	ck_assert(vm_cpu_percent(&f.vm, 3) > 50.0);
	fx_close(&f);
}
END_TEST

/* ---- threads (top's H) ---------------------------------------------------------- */

/* 写者 (PID 4) puts 300 items at 0.1 s: its first put starts the Queue's
 * feeder thread, TID 5, at t=1477, which pickles and writes them on the CPU
 * until t=1549 and lives, asleep, until 写者 ends. */
static const char *feeder =
	"title \"feeder\"\n"
	"tick 100us\n"
	"costs linux\n"
	"queue q\n"
	"program 写者(q)\n"
	"    sleep 100ms\n"
	"    repeat 300 as i\n"
	"        put q i\n"
	"    sleep 1s\n"
	"main \"python3 app.py\"\n"
	"    start 写者(q) as w\n"
	"    sleep 150ms\n"
	"    repeat 300 as i\n"
	"        get q as v\n"
	"    join w\n";
#define FEEDER_RUNS 1540

START_TEST(h_shows_a_row_per_thread_and_the_threads_line)
{
	struct fixture f;
	fx_open(&f, feeder);
	fx_goto(&f, FEEDER_RUNS, 100);
	ck_assert_int_lt(vm_find_pid(&f.vm, 5), 0); /* a thread is not a process */
	struct vm_line l;
	vm_header_line(&f.vm, 1, &l);
	ck_assert_msg(strncmp(l.text, "Tasks: ", 7) == 0, "'%s'", l.text);

	f.set.threads = true;
	fx_build(&f, 100);
	struct sim_counts c;
	snapshot_counts(history_sim(f.h), &c);
	ck_assert_int_eq(c.threads, c.total + 1);
	char want[256];
	snprintf(want, sizeof want, "Threads: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie", c.threads,
		 c.threads_running, c.threads_sleeping, c.threads_stopped, c.zombie);
	vm_header_line(&f.vm, 1, &l);
	ck_assert_str_eq(l.text, want);
	ck_assert_int_eq(f.vm.nrows, c.threads);
	/* top -H: the thread's TID in PID, its own state and wait; its process's
	 * PPID, name and memory */
	char buf[256];
	cell(&f, 5, COL_PID, buf, sizeof buf);
	ck_assert_str_eq(buf, "5");
	cell(&f, 5, COL_S, buf, sizeof buf);
	ck_assert_str_eq(buf, "R");
	cell(&f, 5, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "on CPU0");
	cell(&f, 4, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "sleep until t=11477"); /* its puts done at t=1477, then sleep 1s */
	cell(&f, 5, COL_PPID, buf, sizeof buf);
	ck_assert_str_eq(buf, "3");
	cell(&f, 5, COL_COMMAND, buf, sizeof buf);
	ck_assert_str_eq(buf, "写者");
	/* every row, the thread's with its Chinese name, exactly as wide */
	for (int r = 0; r < f.vm.nrows; r++) {
		vm_row_line(&f.vm, r, &l);
		ck_assert_int_eq(vm_width(l.text), 100);
	}
	/* later, asleep: the feeder waits for items */
	fx_goto(&f, 1600, 100);
	cell(&f, 5, COL_WCHAN, buf, sizeof buf);
	ck_assert_str_eq(buf, "feeder: items of q");
	/* H again: processes */
	f.set.threads = false;
	fx_build(&f, 100);
	ck_assert_int_lt(vm_find_pid(&f.vm, 5), 0);
	fx_close(&f);
}
END_TEST

/* top reads a process, and under H its main thread, from /proc/PID: the
 * whole group's CPU (tests/truth/ps_threads.sh); another thread's row its own. */
START_TEST(a_process_s_cpu_counts_its_threads)
{
	struct fixture f;
	fx_open(&f, feeder);
	fx_goto(&f, FEEDER_RUNS, 100);
	/* count the window's ticks ourselves, from the strip */
	int own = 0, thread = 0;
	for (int64_t t = FEEDER_RUNS - f.vm.cpu_window; t < FEEDER_RUNS; t++) {
		struct history_cpu x;
		if (history_cpu_at(f.h, t, 0, &x) && cpu_use_busy(x.use)) {
			own += x.pid == 4;
			thread += x.pid == 5;
		}
	}
	ck_assert_int_gt(thread, 0);
	double process = vm_cpu_percent(&f.vm, 4);
	ck_assert_msg(process == 100.0 * (own + thread) / f.vm.cpu_window, "%%CPU %.1f, ticks %d + %d", process, own, thread);
	struct proc_info writer, feeder_task;
	ck_assert(snapshot_proc(history_sim(f.h), 4, &writer));
	ck_assert(snapshot_proc(history_sim(f.h), 5, &feeder_task));
	ck_assert_int_gt(writer.threads_cpu_ticks, 0);
	ck_assert_int_eq(writer.threads_cpu_ticks, feeder_task.cpu_ticks);

	f.set.threads = true;
	fx_build(&f, 100);
	ck_assert(vm_cpu_percent(&f.vm, 5) == 100.0 * thread / f.vm.cpu_window);
	ck_assert(vm_cpu_percent(&f.vm, 4) == process); /* the main thread's row: the process's */
	/* TIME+ sorts by the same figure */
	f.set.sort = COL_TIME;
	fx_build(&f, 100);
	ck_assert_int_lt(row_of(&f, 4), row_of(&f, 5));
	fx_close(&f);
}
END_TEST

START_TEST(the_tree_puts_a_thread_under_its_process)
{
	struct fixture f;
	fx_open(&f, feeder);
	f.set.threads = true;
	f.set.tree = true;
	fx_goto(&f, FEEDER_RUNS, 100);
	int w = row_of(&f, 4), t = row_of(&f, 5);
	ck_assert_int_eq(t, w + 1);
	ck_assert_int_eq(f.vm.rows[t].depth, f.vm.rows[w].depth + 1);
	/* c tags the process and its thread */
	ck_assert_int_eq(vm_tag_tree(&f.vm, 4), 2);
	ck_assert(vm_tagged(&f.vm, 5));
	fx_close(&f);
}
END_TEST

/* ---- panes ----------------------------------------------------------------------- */

START_TEST(queues_show_cpus_the_run_queue_and_sleep_queues)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 1, 200);
	struct vm_line l;
	vm_queue_line(&f.vm, 0, &l);
	ck_assert_msg(strstr(l.text, "CPU0: ") && strstr(l.text, "CPU1: ") && strstr(l.text, "Run queue ("), "'%s'", l.text);
	fx_goto(&f, 8, 200);
	vm_queue_line(&f.vm, 1, &l);
	ck_assert_msg(strstr(l.text, "disk: 7") != NULL, "'%s'", l.text);
	ck_assert_msg(strstr(l.text, "terminal input: 8") != NULL, "'%s'", l.text);
	ck_assert_msg(strstr(l.text, "timer: 3 4 5") != NULL, "'%s'", l.text);
	ck_assert_msg(strstr(l.text, "Zombies: 6") != NULL, "'%s'", l.text);
	fx_close(&f);
}
END_TEST

START_TEST(the_gantt_strip_shows_who_ran_on_each_cpu)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 30, 80);
	struct vm_line l;
	vm_gantt_line(&f.vm, 0, &l);
	ck_assert_int_eq(vm_width(l.text), 80);
	ck_assert_msg(strstr(l.text, "3─") != NULL, "'%s'", l.text); /* main computed on CPU0 */
	ck_assert_msg(strstr(l.text, "·") != NULL, "'%s'", l.text);  /* and then CPU0 was idle */
	vm_gantt_axis(&f.vm, &l);
	ck_assert_msg(strstr(l.text, "|0") && strstr(l.text, "|20") && strstr(l.text, "t=30|"), "'%s'", l.text);
	fx_close(&f);
}
END_TEST

/* The newest column of CPU c's strip, as text (its last glyph). */
static const char *strip_now(const struct vm_line *l)
{
	const char *end = l->text + strlen(l->text), *p = end;
	while (p > l->text && ((unsigned char)p[-1] & 0xC0) == 0x80)
		p--;
	return p > l->text ? p - 1 : p;
}

/* The part of the CPU line about CPU c: from "CPUc: " to the next separator. */
static void cpu_part(const struct vm_line *l, int c, char *buf, size_t n)
{
	char label[24];
	snprintf(label, sizeof label, "CPU%d: ", c);
	const char *p = strstr(l->text, label);
	ck_assert_msg(p != NULL, "no %s in '%s'", label, l->text);
	p += strlen(label);
	size_t k = strcspn(p, "│");
	snprintf(buf, n, "%.*s", (int)k, p);
}

/* Issue 11, item 8.1: at t=10 of the demo, PID 4 wakes on CPU1, prints and
 * exits at the same instant. The log said "CPU1 runs PID 4" while the strip
 * and the line "CPU1: idle" said CPU1 was idle: they read who held the CPU
 * after the tick's scheduling, and whether time was charged. */
START_TEST(a_run_that_took_no_time_shows_on_the_strip_and_the_cpu_line)
{
	struct fixture f;
	fx_open(&f, demo_scenario);
	fx_goto(&f, 10, 80);
	bool narrated = false;
	for (int i = 0; i < history_lines(f.h); i++) {
		const struct history_line *hl = history_line(f.h, i);
		narrated |= hl->t == 10 && strstr(hl->text, "CPU1 runs PID 4") != NULL;
	}
	ck_assert(narrated);
	struct vm_line l;
	char part[256];
	vm_queue_line(&f.vm, 0, &l);
	cpu_part(&l, 1, part, sizeof part);
	ck_assert_msg(strstr(part, "4 task") != NULL, "CPU1: '%s'", part);
	vm_gantt_line(&f.vm, 1, &l);
	ck_assert_int_eq(vm_width(l.text), 80);
	ck_assert_msg(strcmp(strip_now(&l), "·") != 0, "CPU1's strip: '%s'", l.text);
	struct history_cpu x;
	ck_assert(history_cpu_at(f.h, 10, 1, &x));
	ck_assert_int_eq(x.pid, 4);
	ck_assert_int_eq(x.use, CPU_INSTANT);
	/* A tick later it has been charged: still a run that took no time,
	 * and still none of the CPU's use (%Cpu, %CPU). */
	fx_goto(&f, 11, 80);
	ck_assert(history_cpu_at(f.h, 10, 1, &x));
	ck_assert_int_eq(x.pid, 4);
	ck_assert_int_eq(x.use, CPU_INSTANT);
	ck_assert(!cpu_use_busy(x.use));
	vm_gantt_line(&f.vm, 1, &l);
	ck_assert_msg(strstr(l.text, "▏·") != NULL, "CPU1's strip: '%s'", l.text);
	/* At t=0 CPU1 ran PID 4, then PID 5, each for no time: the last one shows. */
	ck_assert(history_cpu_at(f.h, 0, 1, &x));
	ck_assert_int_eq(x.pid, 5);
	ck_assert_int_eq(x.use, CPU_INSTANT);
	fx_close(&f);
}
END_TEST

/* One source of truth: at every tick of the demo, each CPU's line says idle
 * exactly when its strip's newest column is idle. */
START_TEST(the_cpu_line_agrees_with_the_strip_at_every_tick)
{
	struct fixture f;
	fx_open(&f, demo_scenario);
	for (int t = 0; t <= 240 && history_running(f.h); t++) {
		fx_goto(&f, t, 120);
		struct vm_line q, g;
		vm_queue_line(&f.vm, 0, &q);
		for (int c = 0; c < 2; c++) {
			char part[256];
			cpu_part(&q, c, part, sizeof part);
			vm_gantt_line(&f.vm, c, &g);
			bool idle_line = strncmp(part, "idle", 4) == 0, idle_strip = strcmp(strip_now(&g), "·") == 0;
			ck_assert_msg(idle_line == idle_strip, "t=%d CPU%d: line '%s', strip '%s'", t, c, part, g.text);
		}
	}
	fx_close(&f);
}
END_TEST

START_TEST(the_log_narrates_newest_at_the_bottom)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 35, 80);
	struct vm_line l[6];
	int n = vm_log_lines(&f.vm, l, 6);
	ck_assert_int_gt(n, 0);
	ck_assert_int_le(n, 6);
	ck_assert(history_lines(f.h) > 0);
	const struct history_line *last = history_line(f.h, history_lines(f.h) - 1);
	for (int i = 0; i < history_lines(f.h); i++)
		ck_assert_int_le(history_line(f.h, i)->t, last->t);
	/* the processes' own lines are there too */
	bool printed = false;
	for (int i = 0; i < history_lines(f.h); i++)
		printed |= history_line(f.h, i)->kind == EV_PRINT && strstr(history_line(f.h, i)->text, "一 done");
	ck_assert(printed);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(vm_width(l[i].text), 80);
	fx_close(&f);
}
END_TEST

static bool text_has(const struct vm_text *t, const char *s)
{
	for (int i = 0; i < t->n; i++)
		if (strstr(t->lines[i].text, s))
			return true;
	return false;
}

START_TEST(explain_tells_a_process_s_whole_story)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 40, 80);
	struct vm_text t = {0};
	ck_assert(vm_explain(&f.vm, 4, &t));
	ck_assert(text_has(&t, "PID 4 (子进程)"));
	ck_assert(text_has(&t, "is created by PID 3"));
	ck_assert(text_has(&t, "sleeps until"));
	ck_assert(text_has(&t, "exits with code 0 → Z"));
	ck_assert(text_has(&t, "Now: "));
	struct vm_text w = {0};
	ck_assert(vm_text_wrap(&t, 80, &w));
	for (int i = 0; i < w.n; i++)
		ck_assert_int_le(vm_width(w.lines[i].text), 80);
	vm_text_free(&w);
	vm_text_free(&t);
	fx_close(&f);
}
END_TEST

/* ---- layout and keys --------------------------------------------------------------- */

START_TEST(the_layout_fills_80x24_and_refuses_less)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 5, 80);
	struct vm_layout lay;
	vm_layout(&f.vm, 80, 24, &lay);
	ck_assert(!lay.too_small);
	ck_assert_int_eq(lay.header_y + lay.header_h, lay.table_y);
	ck_assert_int_eq(lay.table_y + lay.table_h, lay.queues_y);
	ck_assert_int_eq(lay.queues_y + lay.queues_h, lay.gantt_y);
	ck_assert_int_eq(lay.gantt_y + lay.gantt_h, lay.log_y);
	ck_assert_int_eq(lay.log_y + lay.log_h, lay.footer_y);
	ck_assert_int_eq(lay.footer_y, 23);
	ck_assert_int_ge(lay.log_h, 3);
	ck_assert_int_ge(lay.table_h, f.vm.nrows + 1 < 6 ? f.vm.nrows + 1 : 6);
	vm_layout(&f.vm, 200, 50, &lay);
	ck_assert(!lay.too_small);
	ck_assert_int_eq(lay.footer_y, 49);
	ck_assert_int_ge(lay.log_h, 20); /* the room a short table leaves goes to the log */
	vm_layout(&f.vm, 79, 24, &lay);
	ck_assert(lay.too_small);
	vm_layout(&f.vm, 80, 23, &lay);
	ck_assert(lay.too_small);
	char msg[256];
	vm_too_small(60, 20, msg, sizeof msg);
	ck_assert_ptr_nonnull(strstr(msg, "60x20"));
	ck_assert_ptr_nonnull(strstr(msg, "80x24"));
	fx_close(&f);
}
END_TEST

START_TEST(every_action_has_a_key_and_the_help_lists_them_all)
{
	struct vm_text t = {0};
	keys_help(&t);
	for (int i = 0; i < key_nbindings; i++) {
		ck_assert_int_eq(key_bindings[i].action, i);
		ck_assert_int_ne(key_bindings[i].keys[0], 0);
		ck_assert_int_eq(keys_lookup(key_bindings[i].keys[0]), key_bindings[i].action);
		ck_assert_msg(text_has(&t, key_bindings[i].help), "the help lacks '%s'", key_bindings[i].help);
	}
	/* htop's conventions, then top's */
	ck_assert_int_eq(keys_lookup(' '), ACT_TAG);
	ck_assert_int_eq(keys_lookup('z'), ACT_RUN_PAUSE);
	ck_assert_int_eq(keys_lookup('/'), ACT_SEARCH);
	ck_assert_int_eq(keys_lookup(KEY_F(3)), ACT_SEARCH);
	ck_assert_int_eq(keys_lookup('\\'), ACT_FILTER);
	ck_assert_int_eq(keys_lookup(KEY_F(4)), ACT_FILTER);
	ck_assert_int_eq(keys_lookup(KEY_F(6)), ACT_SORT_MENU);
	ck_assert_int_eq(keys_lookup('<'), ACT_SORT_MENU);
	ck_assert_int_eq(keys_lookup('>'), ACT_SORT_MENU);
	ck_assert_int_eq(keys_lookup('M'), ACT_SORT_MEM);
	ck_assert_int_eq(keys_lookup('I'), ACT_SORT_REVERSE);
	ck_assert_int_eq(keys_lookup('c'), ACT_TAG_TREE);
	ck_assert_int_eq(keys_lookup('U'), ACT_UNTAG_ALL);
	ck_assert_int_eq(keys_lookup(KEY_F(7)), ACT_NICE_DOWN);
	ck_assert_int_eq(keys_lookup(']'), ACT_NICE_DOWN);
	ck_assert_int_eq(keys_lookup(KEY_F(8)), ACT_NICE_UP);
	ck_assert_int_eq(keys_lookup('['), ACT_NICE_UP);
	ck_assert_int_eq(keys_lookup('u'), ACT_USER);
	ck_assert_int_eq(keys_lookup('H'), ACT_THREADS);
	ck_assert_int_eq(keys_lookup(KEY_F(2)), ACT_SETUP);
	ck_assert(text_has(&t, "What differs from htop"));
	ck_assert_int_eq(keys_lookup('k'), ACT_SIGNAL);
	ck_assert_int_eq(keys_lookup('q'), ACT_QUIT);
	ck_assert_int_eq(keys_lookup('P'), ACT_SORT_CPU);
	ck_assert_int_eq(keys_lookup('T'), ACT_SORT_TIME);
	ck_assert_int_eq(keys_lookup('N'), ACT_SORT_PID);
	ck_assert_int_eq(keys_lookup('t'), ACT_TREE);
	ck_assert_int_eq(keys_lookup('x'), ACT_COUNT);
	struct vm_line l;
	keys_footer(&l, 80);
	ck_assert_int_le(vm_width(l.text), 80);
	ck_assert_ptr_nonnull(strstr(l.text, "z Run"));
	ck_assert_ptr_nonnull(strstr(l.text, "h Help"));
	ck_assert_ptr_nonnull(strstr(l.text, "q Quit"));
	vm_text_free(&t);
}
END_TEST

/* ---- htop's keys: search, filter, user, tags, columns (issue 11, item 6) ---------- */

START_TEST(search_finds_the_next_command_that_contains_the_text)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	int quick = row_of(&f, 6), first = vm_search(&f.vm, 0, "子进程");
	ck_assert_int_eq(vm_search(&f.vm, 0, "QUI"), quick); /* ASCII case ignored, as htop */
	ck_assert_int_ge(first, 0);
	int next = vm_search(&f.vm, first + 1, "子进程");
	ck_assert_int_gt(next, first);
	ck_assert_str_eq(vm_row_proc(&f.vm, next)->name, vm_row_proc(&f.vm, first)->name);
	ck_assert_int_eq(vm_search(&f.vm, next + 1, "子进程"), first); /* round to the top */
	ck_assert_int_eq(vm_search(&f.vm, 0, "nothing"), -1);
	ck_assert_int_eq(vm_search(&f.vm, 0, ""), -1);
	fx_close(&f);
}
END_TEST

START_TEST(filter_and_user_show_only_their_processes_and_say_so)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	int all = f.vm.nrows;
	snprintf(f.set.filter, sizeof f.set.filter, "%s", "子进");
	fx_build(&f, 80);
	ck_assert_int_eq(f.vm.nrows, 2);
	for (int r = 0; r < f.vm.nrows; r++)
		ck_assert_ptr_nonnull(strstr(vm_row_proc(&f.vm, r)->name, "子进"));
	ck_assert_int_eq(f.vm.counts.total, all); /* Tasks: counts them all, as htop */
	struct vm_line l;
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "Filter: 子进"));
	f.set.tree = true; /* the tree keeps only them too */
	fx_build(&f, 80);
	ck_assert_int_eq(f.vm.nrows, 2);
	f.set.tree = false;
	f.set.filter[0] = '\0';
	f.set.only_user = true;
	f.set.uid = 0;
	fx_build(&f, 80);
	ck_assert_int_ge(f.vm.nrows, 1);
	ck_assert_int_lt(f.vm.nrows, all);
	for (int r = 0; r < f.vm.nrows; r++)
		ck_assert_int_eq(vm_row_proc(&f.vm, r)->uid, 0);
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "User: root"));
	f.set.only_user = false;
	fx_build(&f, 80);
	ck_assert_int_eq(f.vm.nrows, all);
	fx_close(&f);
}
END_TEST

START_TEST(tags_mark_rows_and_c_tags_the_children_too)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	ck_assert(vm_tag(&f.vm, 6, true));
	ck_assert(vm_tagged(&f.vm, 6));
	fx_build(&f, 80); /* tags outlive a build */
	ck_assert(vm_tagged(&f.vm, 6));
	struct vm_line l;
	vm_row_line(&f.vm, row_of(&f, 6), &l);
	ck_assert_int_eq(l.spans[0].role, ROLE_TAGGED);
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "1 tagged"));
	ck_assert(vm_tag(&f.vm, 6, false));
	ck_assert(!vm_tagged(&f.vm, 6));
	/* main (PID 3) and all its children, not init nor the shell */
	int n = vm_tag_tree(&f.vm, 3);
	ck_assert_int_ge(n, 6);
	for (int r = 0; r < f.vm.nrows; r++) {
		const struct proc_info *p = vm_row_proc(&f.vm, r);
		ck_assert_int_eq(vm_tagged(&f.vm, p->pid), p->pid == 3 || p->ppid == 3);
	}
	vm_untag_all(&f.vm);
	ck_assert_int_eq(f.vm.ntags, 0);
	fx_close(&f);
}
END_TEST

START_TEST(setup_hides_columns_but_never_command)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	int wchan_w = f.vm.col_w[COL_WCHAN];
	ck_assert_int_gt(wchan_w, 0);
	f.set.hidden = 1u << COL_WCHAN | 1u << COL_PPID | 1u << COL_COMMAND;
	fx_build(&f, 80);
	ck_assert_int_eq(f.vm.col_w[COL_WCHAN], 0);
	ck_assert_int_eq(f.vm.col_w[COL_PPID], 0);
	ck_assert_int_gt(f.vm.col_w[COL_COMMAND], 0);
	ck_assert(!vm_col_hideable(COL_COMMAND));
	struct vm_line l;
	vm_table_head(&f.vm, &l);
	ck_assert_ptr_null(strstr(l.text, "WCHAN"));
	ck_assert_ptr_null(strstr(l.text, "PPID"));
	ck_assert_int_eq(vm_width(l.text), 80);
	for (int r = 0; r < f.vm.nrows; r++) {
		vm_row_line(&f.vm, r, &l);
		ck_assert_int_eq(vm_width(l.text), 80);
	}
	fx_close(&f);
}
END_TEST

START_TEST(sort_by_memory_puts_the_largest_res_first)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 4, 80);
	f.set.sort = COL_MEM;
	fx_build(&f, 80);
	for (int r = 1; r < f.vm.nrows; r++)
		ck_assert_int_ge(vm_row_proc(&f.vm, r - 1)->res_kib, vm_row_proc(&f.vm, r)->res_kib);
	fx_close(&f);
}
END_TEST

/* Two equal workers under cfs: renicing one by +5 from the keyboard gives it
 * less CPU from the next tick on, is narrated, and is replayed on the way
 * back as the keyboard's signals are. */
static const char *two_workers =
	"tick 10ms\n"
	"cpus 1\n"
	"policy cfs\n"
	"limit 400\n"
	"program worker\n"
	"    compute 300t\n"
	"main\n"
	"    start worker as a\n"
	"    start worker as b\n"
	"    join a\n"
	"    join b\n";

START_TEST(renice_from_the_keyboard_changes_nice_and_the_share_of_cpu)
{
	struct fixture f;
	fx_open(&f, two_workers);
	fx_goto(&f, 10, 120);
	ck_assert(history_renice(f.h, 4, 5));
	fx_goto(&f, 11, 120);
	char buf[64];
	cell(&f, 4, COL_NI, buf, sizeof buf);
	ck_assert_str_eq(buf, "5");
	cell(&f, 5, COL_NI, buf, sizeof buf);
	ck_assert_str_eq(buf, "0");
	char *at11 = frame(&f, 120, 40);
	ck_assert_ptr_nonnull(strstr(at11, "The keyboard renices PID 4"));
	ck_assert_ptr_nonnull(strstr(at11, "nice from 0 to 5"));
	fx_goto(&f, 200, 120);
	const struct proc_info *a = vm_row_proc(&f.vm, row_of(&f, 4)), *b = vm_row_proc(&f.vm, row_of(&f, 5));
	ck_assert_int_lt(a->cpu_ticks * 2, b->cpu_ticks); /* weight 335 against 1024 */
	/* back before it, then forward: the same screen */
	fx_goto(&f, 5, 120);
	cell(&f, 4, COL_NI, buf, sizeof buf);
	ck_assert_str_eq(buf, "0");
	fx_goto(&f, 11, 120);
	char *again = frame(&f, 120, 40);
	ck_assert_str_eq(at11, again);
	/* the range is -20..19 */
	ck_assert(history_renice(f.h, 4, 30));
	fx_goto(&f, 12, 120);
	cell(&f, 4, COL_NI, buf, sizeof buf);
	ck_assert_str_eq(buf, "19");
	free(at11);
	free(again);
	fx_close(&f);
}
END_TEST

/* ---- time travel ------------------------------------------------------------------ */

START_TEST(a_step_back_shows_exactly_the_earlier_screen)
{
	struct fixture f;
	fx_open(&f, busy);
	for (long long t = 0; t < 400; t++) {
		fx_goto(&f, t, 120);
		char *before = frame(&f, 120, 40);
		fx_goto(&f, t + 1, 120);
		fx_goto(&f, t, 120);
		char *after = frame(&f, 120, 40);
		ck_assert_msg(strcmp(before, after) == 0, "t=%lld differs:\n%s\n----\n%s", t, before, after);
		free(before);
		free(after);
	}
	fx_close(&f);
}
END_TEST

START_TEST(any_way_to_a_tick_gives_the_same_screen)
{
	struct fixture f, g;
	fx_open(&f, busy);
	fx_open(&g, busy);
	/* f steps there tick by tick; g jumps far ahead, then goes back */
	for (long long t = 0; t <= 3000; t++)
		ck_assert(history_goto(f.h, t));
	fx_goto(&g, 9000, 120);
	fx_goto(&g, 3000, 120);
	char *a = frame(&f, 120, 40), *b = frame(&g, 120, 40);
	ck_assert_msg(strcmp(a, b) == 0, "%s\n----\n%s", a, b);
	free(a);
	free(b);
	/* and a jump from the start */
	fx_close(&g);
	fx_open(&g, busy);
	fx_goto(&g, 3000, 120);
	a = frame(&f, 120, 40);
	b = frame(&g, 120, 40);
	ck_assert_msg(strcmp(a, b) == 0, "%s\n----\n%s", a, b);
	free(a);
	free(b);
	fx_close(&f);
	fx_close(&g);
}
END_TEST

START_TEST(keyboard_signals_are_part_of_the_history)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 6, 120);
	ck_assert_int_eq(history_send_signal(f.h, 3, SIG_KILL), SIGOUT_PENDING);
	/* It acts at the start of the next tick, where the recorded line will. */
	fx_goto(&f, 7, 120);
	char *at6 = frame(&f, 120, 40);
	ck_assert_ptr_nonnull(strstr(at6, "The keyboard sends SIGKILL to PID 3 (父进程)"));
	fx_goto(&f, 12, 120);
	char *at12 = frame(&f, 120, 40);
	/* back before the signal, then forward again: it is sent again */
	fx_goto(&f, 2, 120);
	fx_goto(&f, 7, 120);
	char *again6 = frame(&f, 120, 40);
	ck_assert_str_eq(at6, again6);
	fx_goto(&f, 12, 120);
	char *again12 = frame(&f, 120, 40);
	ck_assert_str_eq(at12, again12);
	const struct history_signal *sigs;
	ck_assert_int_eq(history_signals(f.h, &sigs), 1);
	ck_assert_int_eq(sigs[0].tick, 6);
	/* --record: the source, then the signal as a timeline line */
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	ck_assert(history_write_record(f.h, m, family, strlen(family)));
	fclose(m);
	ck_assert(strncmp(out, family, strlen(family)) == 0);
	ck_assert_ptr_nonnull(strstr(out, "\nat 7 kill -KILL 3\n"));
	struct diags d;
	struct scenario *sc = parse_scenario("recorded.psim", out, len, &d);
	ck_assert_msg(sc != NULL, "the record does not parse");
	scenario_free(sc);
	free(out);
	free(at6);
	free(at12);
	free(again6);
	free(again12);
	fx_close(&f);
}
END_TEST

START_TEST(checkpoints_thin_out_to_stay_within_their_budget)
{
	struct fixture f;
	fx_open(&f, busy);
	history_set_budget(f.h, 16u << 20);
	fx_goto(&f, 60000, 100);
	ck_assert_int_gt(history_interval(f.h), 64);
	ck_assert(history_checkpoint_bytes(f.h) <= (16u << 20) || history_checkpoints(f.h) <= 2);
	char *a = frame(&f, 100, 30);
	fx_goto(&f, 59999, 100);
	fx_goto(&f, 60000, 100);
	char *b = frame(&f, 100, 30);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	fx_close(&f);
}
END_TEST

START_TEST(next_and_previous_event_stop_where_something_happens)
{
	struct fixture f;
	fx_open(&f, family);
	fx_goto(&f, 10, 80);
	int64_t before = history_event_count(f.h);
	ck_assert(history_next_event(f.h, 1000));
	ck_assert_int_gt(history_event_count(f.h), before);
	int64_t t = history_now(f.h);
	ck_assert(history_lines(f.h) > 0);
	ck_assert_int_eq(history_line(f.h, history_lines(f.h) - 1)->t, t);
	ck_assert(history_prev_event(f.h));
	ck_assert_int_lt(history_now(f.h), t);
	ck_assert_int_eq(history_line(f.h, history_lines(f.h) - 1)->t, history_now(f.h));
	fx_close(&f);
}
END_TEST

START_TEST(the_view_stops_where_the_simulation_ends)
{
	struct fixture f;
	fx_open(&f, "main\n    compute 3t\n");
	fx_goto(&f, 1000, 80);
	ck_assert(!history_running(f.h));
	ck_assert_int_lt(history_now(f.h), 10);
	struct vm_line l;
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_ptr_nonnull(strstr(l.text, "ENDED"));
	fx_close(&f);
}
END_TEST

/* At 80 columns the status line was cut wherever the screen ended ("...,
 * speed 1x (10 tic"): issue 11, item 8. It fits by dropping whole parts, the
 * tick and the CPUs first, the policy last; the clock's state stays. */
START_TEST(the_status_line_fits_by_dropping_whole_parts)
{
	struct fixture f;
	fx_open(&f, "main\n    compute 3t\n");
	fx_goto(&f, 1000, 80);
	struct vm_line l;
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_str_eq(l.text, " ENDED: every process has been reaped   Policy rr, slice 3 ticks, speed 1x");
	fx_build(&f, 120);
	vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
	ck_assert_str_eq(l.text,
			 " ENDED: every process has been reaped   Policy rr, slice 3 ticks, 1 CPU, tick 0.1s, speed 1x (10 ticks/s)");
	for (int w = 40; w <= 120; w++) {
		fx_build(&f, w);
		vm_header_line(&f.vm, vm_header_lines(&f.vm) - 1, &l);
		ck_assert_msg(vm_width(l.text) <= w, "%d columns: '%s'", w, l.text);
		ck_assert_msg(strstr(l.text, "ENDED: every process has been reaped") != NULL, "%d columns: '%s'", w, l.text);
		size_t n = strlen(l.text);
		ck_assert_msg(n > 0 && l.text[n - 1] != ',' && strstr(l.text, "tic ") == NULL, "%d columns: '%s'", w, l.text);
	}
	fx_close(&f);
}
END_TEST

static Suite *view_model_suite(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "C", 1);
	Suite *s = suite_create("view_model");
	TCase *tc = tcase_create("width");
	tcase_add_test(tc, cjk_characters_take_two_columns);
	tcase_add_test(tc, fit_cuts_at_a_character_and_pads_to_the_exact_width);
	tcase_add_test(tc, ascii_fallback_replaces_what_the_locale_cannot_show);
	suite_add_tcase(s, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, every_row_is_exactly_as_wide_as_the_screen);
	tcase_add_test(tc, columns_are_top_s);
	tcase_add_test(tc, a_zombie_shows_defunct_and_its_exit_status);
	tcase_add_test(tc, real_names_show_a_forked_child_under_its_parent_s_command_line);
	tcase_add_test(tc, wchan_says_in_words_what_a_sleeper_waits_for);
	tcase_add_test(tc, chinese_names_line_up_with_the_others);
	tcase_add_test(tc, the_header_counts_agree_with_the_model);
	tcase_add_test(tc, the_status_line_fits_by_dropping_whole_parts);
	tcase_add_test(tc, per_cpu_lines_on_demand);
	tcase_add_test(tc, the_cpu_line_tells_nice_and_iowait);
	tcase_add_test(tc, tree_puts_children_under_their_parent_and_orphans_under_init);
	tcase_add_test(tc, sorting_follows_top_s_keys);
	tcase_add_test(tc, cpu_percent_counts_the_last_second);
	tcase_add_test(tc, h_shows_a_row_per_thread_and_the_threads_line);
	tcase_add_test(tc, a_process_s_cpu_counts_its_threads);
	tcase_add_test(tc, the_tree_puts_a_thread_under_its_process);
	suite_add_tcase(s, tc);
	tc = tcase_create("panes");
	tcase_add_test(tc, queues_show_cpus_the_run_queue_and_sleep_queues);
	tcase_add_test(tc, the_gantt_strip_shows_who_ran_on_each_cpu);
	tcase_add_test(tc, a_run_that_took_no_time_shows_on_the_strip_and_the_cpu_line);
	tcase_add_test(tc, the_cpu_line_agrees_with_the_strip_at_every_tick);
	tcase_add_test(tc, the_log_narrates_newest_at_the_bottom);
	tcase_add_test(tc, explain_tells_a_process_s_whole_story);
	tcase_add_test(tc, the_layout_fills_80x24_and_refuses_less);
	tcase_add_test(tc, every_action_has_a_key_and_the_help_lists_them_all);
	suite_add_tcase(s, tc);
	tc = tcase_create("htop-keys");
	tcase_add_test(tc, search_finds_the_next_command_that_contains_the_text);
	tcase_add_test(tc, filter_and_user_show_only_their_processes_and_say_so);
	tcase_add_test(tc, tags_mark_rows_and_c_tags_the_children_too);
	tcase_add_test(tc, setup_hides_columns_but_never_command);
	tcase_add_test(tc, sort_by_memory_puts_the_largest_res_first);
	tcase_add_test(tc, renice_from_the_keyboard_changes_nice_and_the_share_of_cpu);
	suite_add_tcase(s, tc);
	tc = tcase_create("history");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_step_back_shows_exactly_the_earlier_screen);
	tcase_add_test(tc, any_way_to_a_tick_gives_the_same_screen);
	tcase_add_test(tc, keyboard_signals_are_part_of_the_history);
	tcase_add_test(tc, checkpoints_thin_out_to_stay_within_their_budget);
	tcase_add_test(tc, next_and_previous_event_stop_where_something_happens);
	tcase_add_test(tc, the_view_stops_where_the_simulation_ends);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(view_model_suite)
