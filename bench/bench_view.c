/* bench_view.c: how fast the interactive view is.
 *
 *   bench_view frame [--procs N] [--cols C] [--lines L] [--runs R]
 *       N processes (10,000) alive; draws whole frames at CxL (200x50) into a
 *       curses screen on /dev/null: the view model built from a snapshot, the
 *       layout, every pane, and a full repaint. Target: under 2 ms.
 *
 *   bench_view back [--procs N] [--tick T] [--runs R]
 *       runs to tick T (100,000) with N busy processes (3), then steps back
 *       one tick, R times: clone the checkpoint, replay, rebuild the log and
 *       the CPU strip; and the same with the frame built and drawn. Target:
 *       under 50 ms.
 *
 * Prints medians. Exit status 0 when it ran (speed is reported, not
 * enforced), 1 when something failed. */
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "parse.h"
#include "screen.h"
#include "sim.h"
#include "snapshot.h"
#include "view_model.h"

#define FRAME_TARGET_MS 2.0
#define BACK_TARGET_MS 50.0

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* "VmHWM:   N kB" of /proc/self/status: the peak resident size, in MiB; -1 if unknown. */
static double peak_rss_mib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double mib = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			mib = strtod(line + 6, NULL) / 1024;
	if (f)
		fclose(f);
	return mib;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct scenario *parse_or_die(const char *src)
{
	struct diags d;
	struct scenario *sc = parse_scenario("bench.psim", src, strlen(src), &d);
	if (!sc) {
		for (int i = 0; i < d.count; i++)
			fprintf(stderr, "bench.psim:%d:%d: error: %s\n", d.items[i].line, d.items[i].col, d.items[i].msg);
		exit(1);
	}
	return sc;
}

/* N workers that compute and sleep in turns (R, S and the run queue all
 * busy), started by main, which then computes forever. */
static char *workers_scenario(int n, long long limit)
{
	char *src = malloc(1024);
	snprintf(src, 1024,
		 "title \"%d workers\"\n"
		 "tick 10ms\n"
		 "cpus 4\n"
		 "pid_max %d\n"
		 "limit %lld\n"
		 "program worker(k)\n"
		 "    loop\n"
		 "        compute {k} ticks\n"
		 "        sleep 7t\n"
		 "main \"bench\"\n"
		 "    repeat %d as i\n"
		 "        start worker(3) named \"工人{i}\"\n"
		 "    loop\n"
		 "        compute 5t\n"
		 "        sleep 1t\n",
		 n, n + 100 > 32768 ? n + 100 : 32768, limit, n);
	return src;
}

static void draw_frame(struct vm *vm, struct history *h, const struct vm_settings *set, int cols, int lines)
{
	vm_build(vm, h, set, cols);
	struct vm_layout lay;
	vm_layout(vm, cols, lines, &lay);
	struct screen_view v = {0, 0, true, NULL, NULL};
	screen_resized(); /* a full repaint, the worst case */
	screen_draw(vm, &lay, &v);
	screen_flush();
}

static int bench_frame(int procs, int cols, int lines, int runs)
{
	char *src = workers_scenario(procs, 1000000);
	struct scenario *sc = parse_or_die(src);
	struct history *h = history_new(sc, NULL);
	if (!h || !history_goto(h, 200))
		return 1;
	struct sim_counts c;
	snapshot_counts(history_sim(h), &c);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	if (!out || !in || !screen_open_on(out, in, "xterm-256color", cols, lines, false)) {
		fprintf(stderr, "bench_view: cannot open a curses screen on /dev/null\n");
		return 1;
	}
	struct vm vm;
	vm_init(&vm);
	struct vm_settings set = {.sort = COL_PID, .speed = 1, .ticks_per_sec = 100};
	double *t = malloc(sizeof *t * (size_t)runs), *t_cpu = malloc(sizeof *t_cpu * (size_t)runs);
	for (int i = 0; i < runs; i++) {
		double a = now_ms();
		draw_frame(&vm, h, &set, cols, lines);
		t[i] = now_ms() - a;
	}
	/* the costliest settings: tree view, sorted by %CPU */
	set.tree = true;
	for (int i = 0; i < runs; i++) {
		double a = now_ms();
		draw_frame(&vm, h, &set, cols, lines);
		t_cpu[i] = now_ms() - a;
	}
	screen_close();
	double m = median(t, runs), mt = median(t_cpu, runs);
	printf("frame: %d processes (%d in the table) at %dx%d, t=%lld: median %.3f ms per frame (target %.1f ms: %s)\n",
	       procs, c.total, cols, lines, (long long)history_now(h), m, FRAME_TARGET_MS, m < FRAME_TARGET_MS ? "met" : "missed");
	printf("frame, tree view: median %.3f ms per frame\n", mt);
	vm_fini(&vm);
	history_free(h);
	scenario_free(sc);
	free(src);
	free(t);
	free(t_cpu);
	return c.total >= procs ? 0 : 1;
}

static int bench_back(int procs, long long tick, int runs)
{
	char *src = workers_scenario(procs, tick + 1000);
	struct scenario *sc = parse_or_die(src);
	struct history *h = history_new(sc, NULL);
	double a = now_ms();
	if (!h || !history_goto(h, tick) || history_now(h) != tick) {
		fprintf(stderr, "bench_view: the run did not reach t=%lld\n", tick);
		return 1;
	}
	double forward = now_ms() - a;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	if (!out || !in || !screen_open_on(out, in, "xterm-256color", 200, 50, false))
		return 1;
	struct vm vm;
	vm_init(&vm);
	struct vm_settings set = {.sort = COL_PID, .speed = 1, .ticks_per_sec = 100};
	double *t = malloc(sizeof *t * (size_t)runs), *tf = malloc(sizeof *tf * (size_t)runs);
	for (int i = 0; i < runs; i++) {
		a = now_ms();
		history_goto(h, tick - 1);
		t[i] = now_ms() - a;
		history_goto(h, tick);
	}
	for (int i = 0; i < runs; i++) {
		a = now_ms();
		history_goto(h, tick - 1);
		draw_frame(&vm, h, &set, 200, 50);
		tf[i] = now_ms() - a;
		history_goto(h, tick);
	}
	screen_close();
	double m = median(t, runs), mf = median(tf, runs);
	printf("back: %d workers, from t=%lld (reached in %.0f ms), checkpoints every %lld ticks, %d kept, "
	       "%.1f MiB allocated (peak resident %.1f MiB)\n",
	       procs, tick, forward, (long long)history_interval(h), history_checkpoints(h),
	       (double)history_checkpoint_bytes(h) / (1 << 20), peak_rss_mib());
	printf("back: one tick back: median %.3f ms (target %.0f ms: %s); with the frame drawn: median %.3f ms\n", m,
	       BACK_TARGET_MS, m < BACK_TARGET_MS ? "met" : "missed", mf);
	vm_fini(&vm);
	history_free(h);
	scenario_free(sc);
	free(src);
	free(t);
	free(tf);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc < 2) {
		fprintf(stderr, "usage: bench_view frame|back [--procs N] [--cols C] [--lines L] [--tick T] [--runs R]\n");
		return 2;
	}
	bool frame = strcmp(argv[1], "frame") == 0;
	int procs = frame ? 10000 : 3, cols = 200, lines = 50, runs = frame ? 101 : 21;
	long long tick = 100000;
	for (int i = 2; i + 1 < argc; i += 2) {
		long long v = atoll(argv[i + 1]);
		if (strcmp(argv[i], "--procs") == 0) procs = (int)v;
		else if (strcmp(argv[i], "--cols") == 0) cols = (int)v;
		else if (strcmp(argv[i], "--lines") == 0) lines = (int)v;
		else if (strcmp(argv[i], "--tick") == 0) tick = v;
		else if (strcmp(argv[i], "--runs") == 0) runs = (int)v;
		else {
			fprintf(stderr, "bench_view: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	return frame ? bench_frame(procs, cols, lines, runs) : bench_back(procs, tick, runs);
}
