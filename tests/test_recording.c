/* test_recording.c: the recording format (docs/recording.md) read and
 * refused, JSON strings written and read back, and recordings turned into
 * scenarios (rec_scenario.c) whose simulation shows what the real run did:
 * the zombie Z until its parent's waitpid, the orphan adopted by init, the
 * stopped child T, a child killed by its parent's signal, printed lines. */
#define _GNU_SOURCE /* open_memstream */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_real.h"
#include "rec_scenario.h"
#include "recording.h"
#include "snapshot.h"
#include "testlib.h"

#define HEADER "{\"format\":\"procsim-recording\",\"version\":1,\"clock\":\"CLOCK_MONOTONIC\",\"unit\":\"ns\",\"argv\":[\"/usr/bin/python3\",\"x.py\"],\"cpus\":2,\"kernel\":\"6.1\",\"output_cap\":65536}\n"
#define MS "000000"

static struct recording *parse_ok(const char *src)
{
	char err[256];
	int line;
	struct recording *r = recording_parse(src, strlen(src), err, sizeof err, &line);
	ck_assert_msg(r != NULL, "line %d: %s", line, err);
	return r;
}

static void parse_fails(const char *src, int want_line, const char *want)
{
	char err[256];
	int line;
	struct recording *r = recording_parse(src, strlen(src), err, sizeof err, &line);
	ck_assert_msg(r == NULL, "accepted: %s", src);
	ck_assert_msg(line == want_line, "error on line %d, want %d (%s)", line, want_line, err);
	ck_assert_msg(strstr(err, want), "message '%s' lacks '%s'", err, want);
}

/* ---- the format ----------------------------------------------------------------- */

START_TEST(header_events_and_end_are_read)
{
	struct recording *r = parse_ok(HEADER
		"{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n"
		"{\"t\":5,\"ev\":\"exec\",\"pid\":100,\"tid\":100,\"comm\":\"python3\",\"argv\":[\"/usr/bin/python3\",\"x.py\"]}\n"
		"{\"t\":7,\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":101,\"kind\":\"fork\"}\n"
		"{\"t\":8,\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"kill\",\"args\":[101,19]}\n"
		"{\"t\":9,\"ev\":\"signal\",\"pid\":101,\"tid\":101,\"sig\":\"SIGSTOP\",\"from\":100}\n"
		"{\"t\":10,\"ev\":\"exit\",\"pid\":101,\"tid\":101,\"status\":9,\"signal\":\"SIGKILL\",\"core\":false,\"future_key\":[1,\"x\"]}\n"
		"{\"t\":20,\"ev\":\"end\",\"reason\":\"interrupted\",\"events\":6}\n");
	ck_assert_str_eq(r->cmdline, "/usr/bin/python3 x.py");
	ck_assert_int_eq(r->cpus, 2);
	ck_assert_uint_eq(r->n, 7);
	ck_assert_str_eq(r->ev[1].cmdline, "/usr/bin/python3 x.py");
	ck_assert_str_eq(r->ev[1].text, "python3");
	ck_assert_int_eq(r->ev[2].child, 101);
	ck_assert_int_eq(r->ev[2].fork_kind, REC_FORK_FORK);
	ck_assert_str_eq(r->ev[3].call, "kill");
	ck_assert_int_eq(r->ev[3].nargs, 2);
	ck_assert_int_eq(r->ev[3].args[1], 19);
	ck_assert_int_eq(r->ev[4].sig, SIGSTOP);
	ck_assert_int_eq(r->ev[4].from, 100);
	ck_assert_int_eq(r->ev[5].status, 9);
	ck_assert_int_eq(r->end_t, 20);
	ck_assert(r->interrupted);
	recording_free(r);
}
END_TEST

START_TEST(a_file_without_its_end_line_is_incomplete)
{
	parse_fails(HEADER "{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n", 0, "incomplete");
}
END_TEST

START_TEST(another_version_is_refused_on_line_1)
{
	parse_fails("{\"format\":\"procsim-recording\",\"version\":2,\"argv\":[]}\n{\"t\":0,\"ev\":\"end\"}\n", 1, "version");
}
END_TEST

START_TEST(bad_lines_are_refused_with_their_line)
{
	parse_fails(HEADER "{\"t\":5,\"ev\":\"start\",\"pid\":1}\n{\"t\":4,\"ev\":\"end\"}\n", 3, "earlier");
	parse_fails(HEADER "{\"t\":5,\"ev\":\"start\",\"pid\":1}\n{\"t\":6,\"ev\":\"fork\",\"pid\":1,\"child\":2,\"kind\":\"spoon\"}\n", 3, "kind");
	parse_fails(HEADER "{\"t\":5,\"ev\":\"nap\",\"pid\":1}\n", 2, "unknown event");
	parse_fails(HEADER "{\"t\":5,\"ev\":\"start\",\"pid\":1\n", 2, "not closed");
	parse_fails(HEADER "{\"t\":5,\"ev\":\"output\",\"pid\":1,\"fd\":1,\"data\":\"a\\q\"}\n", 2, "escape");
	parse_fails(HEADER "{\"t\":0,\"ev\":\"end\"}\n{\"t\":1,\"ev\":\"end\"}\n", 3, "follows the end");
	parse_fails("{\"format\":\"something-else\",\"version\":1}\n", 1, "not a procsim recording");
}
END_TEST

START_TEST(json_strings_round_trip)
{
	static const char text[] = "say \"hi\"\\ {x}\n\t生产了包子 \x01";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fputs(HEADER "{\"t\":0,\"ev\":\"start\",\"pid\":1}\n{\"t\":1,\"ev\":\"output\",\"pid\":1,\"fd\":1,\"data\":", f);
	rec_json_string(f, text, sizeof text - 1);
	fputs("}\n{\"t\":2,\"ev\":\"output\",\"pid\":1,\"fd\":2,\"data\":", f);
	rec_json_string(f, "a\xff" "b\xe5\x8c", 5); /* a stray byte, a character cut short */
	fputs("}\n{\"t\":3,\"ev\":\"end\"}\n", f);
	fclose(f);
	struct recording *r = parse_ok(buf);
	ck_assert_uint_eq(r->ev[1].text_len, sizeof text - 1);
	ck_assert_mem_eq(r->ev[1].text, text, sizeof text - 1);
	ck_assert_str_eq(r->ev[2].text, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
	recording_free(r);
	free(buf);
}
END_TEST

START_TEST(signal_names_and_numbers)
{
	ck_assert_int_eq(rec_signal_number("SIGTERM"), SIGTERM);
	ck_assert_int_eq(rec_signal_number("SIGSTOP"), SIGSTOP);
	ck_assert_int_eq(rec_signal_number("SIG40"), 40);
	ck_assert_int_eq(rec_signal_number("TERM"), 0);
	ck_assert_int_eq(rec_signal_number("SIGNOPE"), 0);
}
END_TEST

/* ---- as a scenario ----------------------------------------------------------------- */

/* The run of a recording's scenario, the scenario text kept for messages. */
static struct run *run_recording(const char *src, char **text)
{
	struct recording *r = parse_ok(src);
	char err[256];
	*text = rec_scenario_source(r, "test.psimrec", err, sizeof err);
	ck_assert_msg(*text != NULL, "%s", err);
	recording_free(r);
	return run_new(*text);
}

static char state_at(struct run *r, long long t, int pid)
{
	sim_advance_to(r->sim, t);
	struct proc_info p;
	return snapshot_proc(r->sim, pid, &p) ? p.state : '-';
}

/* The program: main forks A (exits 3 at 200 ms, a zombie until main's
 * waitpid at 500 ms), B (which forks G and exits: G is an orphan) and C (stopped
 * by main at 100 ms, continued at 300 ms, killed with SIGTERM at 400 ms). */
static const char family[] = HEADER
	"{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n"
	"{\"t\":1,\"ev\":\"exec\",\"pid\":100,\"tid\":100,\"comm\":\"python3\",\"argv\":[\"/usr/bin/python3\",\"x.py\"]}\n"
	"{\"t\":10" MS ",\"ev\":\"output\",\"pid\":100,\"tid\":100,\"fd\":1,\"data\":\"par\"}\n"
	"{\"t\":11" MS ",\"ev\":\"output\",\"pid\":100,\"tid\":100,\"fd\":1,\"data\":\"ent {pid}\\n\"}\n"
	"{\"t\":20" MS ",\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":101,\"kind\":\"fork\"}\n"
	"{\"t\":21" MS ",\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":102,\"kind\":\"fork\"}\n"
	"{\"t\":22" MS ",\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":103,\"kind\":\"fork\"}\n"
	"{\"t\":23" MS ",\"ev\":\"enter\",\"pid\":101,\"tid\":101,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":24" MS ",\"ev\":\"fork\",\"pid\":102,\"tid\":102,\"child\":104,\"kind\":\"fork\"}\n"
	"{\"t\":25" MS ",\"ev\":\"exit\",\"pid\":102,\"tid\":102,\"status\":0,\"code\":0}\n"
	"{\"t\":25" MS ",\"ev\":\"enter\",\"pid\":104,\"tid\":104,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":26" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"wait4\",\"args\":[102,1,0]}\n"
	"{\"t\":26" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"wait4\",\"ret\":102,\"status\":0,\"code\":0}\n"
	"{\"t\":26" MS ",\"ev\":\"reap\",\"pid\":100,\"tid\":100,\"child\":102,\"status\":0,\"code\":0}\n"
	"{\"t\":27" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":100" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":100" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"kill\",\"args\":[103,19]}\n"
	"{\"t\":100" MS ",\"ev\":\"signal\",\"pid\":103,\"tid\":103,\"sig\":\"SIGSTOP\",\"from\":100}\n"
	"{\"t\":100" MS ",\"ev\":\"stop\",\"pid\":103,\"tid\":103,\"sig\":\"SIGSTOP\"}\n"
	"{\"t\":101" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":200" MS ",\"ev\":\"return\",\"pid\":101,\"tid\":101,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":200" MS ",\"ev\":\"exit\",\"pid\":101,\"tid\":101,\"status\":768,\"code\":3}\n"
	"{\"t\":300" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":300" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"kill\",\"args\":[103,18]}\n"
	"{\"t\":300" MS ",\"ev\":\"cont\",\"pid\":103,\"tid\":103}\n"
	"{\"t\":301" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":350" MS ",\"ev\":\"return\",\"pid\":104,\"tid\":104,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":351" MS ",\"ev\":\"exit\",\"pid\":104,\"tid\":104,\"status\":0,\"code\":0}\n"
	"{\"t\":400" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":400" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"kill\",\"args\":[103,15]}\n"
	"{\"t\":400" MS ",\"ev\":\"exit\",\"pid\":103,\"tid\":103,\"status\":15,\"signal\":\"SIGTERM\"}\n"
	"{\"t\":401" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"wait4\",\"args\":[103,1,0]}\n"
	"{\"t\":401" MS ",\"ev\":\"reap\",\"pid\":100,\"tid\":100,\"child\":103,\"status\":15}\n"
	"{\"t\":402" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"args\":[1,0]}\n"
	"{\"t\":500" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"clock_nanosleep\",\"ret\":0}\n"
	"{\"t\":500" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"wait4\",\"args\":[101,1,0]}\n"
	"{\"t\":500" MS ",\"ev\":\"return\",\"pid\":100,\"tid\":100,\"call\":\"wait4\",\"ret\":101,\"status\":768}\n"
	"{\"t\":500" MS ",\"ev\":\"reap\",\"pid\":100,\"tid\":100,\"child\":101,\"status\":768}\n"
	"{\"t\":510" MS ",\"ev\":\"exit\",\"pid\":100,\"tid\":100,\"status\":0,\"code\":0}\n"
	"{\"t\":511" MS ",\"ev\":\"end\",\"reason\":\"finished\",\"status\":0,\"code\":0,\"events\":38}\n";

/* PIDs in the simulation: main is 3, then A 4, B 5, C 6, G 7 (fork order). */
enum { MAIN = 3, A = 4, B = 5, C = 6, G = 7 };

START_TEST(the_tree_is_by_position)
{
	struct recording *r = parse_ok(family);
	struct rec_tree t;
	ck_assert(rec_tree_build(r, &t));
	ck_assert_int_eq(t.n, 5);
	ck_assert_str_eq(t.p[0].name, "python3 x.py");
	ck_assert_str_eq(t.p[rec_tree_find(&t, 104)].pos, "1.2.1");
	ck_assert_str_eq(t.p[rec_tree_find(&t, 103)].pos, "1.3");
	ck_assert_int_eq(t.p[rec_tree_find(&t, 101)].reaper, 0);
	ck_assert_int_eq(t.p[rec_tree_find(&t, 104)].reaper, -1); /* init reaped it, out of sight */
	rec_tree_free(&t);
	recording_free(r);
}
END_TEST

START_TEST(a_wrappers_helpers_are_numbered_apart)
{
	/* pyenv's shim: bash forks readlink, then execs python3, which forks */
	struct recording *r = parse_ok(HEADER
		"{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n"
		"{\"t\":1,\"ev\":\"exec\",\"pid\":100,\"tid\":100,\"comm\":\"bash\",\"argv\":[\"bash\",\"shim\"]}\n"
		"{\"t\":2,\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":101,\"kind\":\"fork\"}\n"
		"{\"t\":3,\"ev\":\"exec\",\"pid\":100,\"tid\":100,\"comm\":\"python3\",\"argv\":[\"python3\",\"x.py\"]}\n"
		"{\"t\":4,\"ev\":\"fork\",\"pid\":100,\"tid\":100,\"child\":102,\"kind\":\"fork\"}\n"
		"{\"t\":5,\"ev\":\"end\",\"reason\":\"interrupted\"}\n");
	struct rec_tree t;
	ck_assert(rec_tree_build(r, &t));
	ck_assert_str_eq(t.p[rec_tree_find(&t, 101)].pos, "0.1");
	ck_assert_str_eq(t.p[rec_tree_find(&t, 102)].pos, "1.1");
	ck_assert_str_eq(t.p[0].name, "python3 x.py");
	rec_tree_free(&t);
	struct real_side side;
	ck_assert(compare_real_from_recording(r, &side));
	ck_assert_int_eq(side.n, 1); /* the helper is not compared */
	ck_assert_str_eq(side.ev[0].pos, "1.1");
	compare_real_free(&side);
	recording_free(r);
}
END_TEST

START_TEST(a_zombie_is_Z_until_its_parent_waits)
{
	char *text;
	struct run *r = run_recording(family, &text);
	ck_assert_msg(state_at(r, 150, A) == 'S', "%s", text);
	ck_assert_int_eq(state_at(r, 250, A), 'Z');
	ck_assert_int_eq(state_at(r, 250, MAIN), 'S'); /* asleep while its child is a zombie */
	ck_assert_int_eq(state_at(r, 499, A), 'Z');
	ck_assert_int_eq(state_at(r, 501, A), '-'); /* reaped by waitpid: gone */
	run_until(r, -1);
	ck_assert_int_eq(run_when(r, EV_EXIT, A), 200);
	ck_assert_int_eq(run_find(r, EV_EXIT, A, 0)->code, 3);
	ck_assert_int_eq(run_when(r, EV_REAP, A), 500);
	free(text);
	run_free(r);
}
END_TEST

START_TEST(an_orphan_is_adopted_by_init)
{
	char *text;
	struct run *r = run_recording(family, &text);
	run_until(r, -1);
	ck_assert_int_eq(run_when(r, EV_REPARENT, G), 25);
	ck_assert_int_eq(run_when(r, EV_EXIT, G), 351);
	const struct sim_event *reap = run_find(r, EV_REAP, G, 0);
	ck_assert_msg(reap && reap->other == 1, "init reaps the orphan\n%s", text);
	free(text);
	run_free(r);
}
END_TEST

START_TEST(a_stopped_child_is_T_then_killed_by_its_parent)
{
	char *text;
	struct run *r = run_recording(family, &text);
	ck_assert_msg(state_at(r, 50, C) != 'T', "%s", text);
	ck_assert_int_eq(state_at(r, 150, C), 'T');
	ck_assert_int_eq(state_at(r, 299, C), 'T');
	ck_assert_int_ne(state_at(r, 350, C), 'T');
	run_until(r, -1);
	const struct sim_event *x = run_find(r, EV_EXIT, C, 0);
	ck_assert_msg(x != NULL, "%s", text);
	ck_assert_int_eq(x->t, 400);
	ck_assert_int_eq(x->sig, SIGTERM);
	ck_assert_msg(strstr(text, "kill -TERM c2"), "the parent's own kill kills it:\n%s", text);
	free(text);
	run_free(r);
}
END_TEST

START_TEST(output_becomes_whole_lines_with_braces_kept)
{
	char *text;
	struct run *r = run_recording(family, &text);
	run_until(r, -1);
	ck_assert_str_eq(run_console(r), "parent {pid}\n");
	ck_assert_int_eq(run_when(r, EV_PRINT, MAIN), 11);
	free(text);
	run_free(r);
}
END_TEST

START_TEST(a_signal_from_outside_kills_where_it_was_recorded)
{
	char *text;
	struct run *r = run_recording(HEADER
		"{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n"
		"{\"t\":70" MS ",\"ev\":\"signal\",\"pid\":100,\"tid\":100,\"sig\":\"SIGKILL\",\"from\":1}\n"
		"{\"t\":70" MS ",\"ev\":\"exit\",\"pid\":100,\"tid\":100,\"status\":9,\"signal\":\"SIGKILL\"}\n"
		"{\"t\":71" MS ",\"ev\":\"end\",\"reason\":\"finished\",\"status\":9}\n", &text);
	run_until(r, -1);
	const struct sim_event *x = run_find(r, EV_EXIT, MAIN, 0);
	ck_assert_msg(x && x->t == 70 && x->sig == SIGKILL, "%s", text);
	free(text);
	run_free(r);
}
END_TEST

START_TEST(an_interrupted_recording_keeps_the_living_alive_to_its_end)
{
	char *text;
	struct run *r = run_recording(HEADER
		"{\"t\":0,\"ev\":\"start\",\"pid\":100,\"tid\":100}\n"
		"{\"t\":5" MS ",\"ev\":\"enter\",\"pid\":100,\"tid\":100,\"call\":\"read\",\"args\":[0,1,1]}\n"
		"{\"t\":900" MS ",\"ev\":\"end\",\"reason\":\"interrupted\"}\n", &text);
	ck_assert_msg(state_at(r, 800, MAIN) == 'S', "inside read, never returned:\n%s", text);
	ck_assert_int_eq(run_until(r, -1), SIM_LIMIT);
	free(text);
	run_free(r);
}
END_TEST

/* Issue 15's "done when", on the stored recording of tests/fidelity/family.py:
 * the zombie A is Z while its parent sleeps and gone after the parent's
 * waitpid, at the times the real run had; C is T while stopped. */
START_TEST(the_recorded_family_shows_its_zombie_and_stopped_child)
{
	char path[4096];
	const char *root = getenv("PROCSIM_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/tests/fidelity/family.psimrec", root ? root : "..");
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s", path);
	static char src[1 << 20];
	size_t len = fread(src, 1, sizeof src - 1, f);
	fclose(f);
	src[len] = '\0';
	struct recording *r = parse_ok(src);
	struct rec_tree t;
	ck_assert(rec_tree_build(r, &t));
	int a = -1, c = -1;
	for (int i = 0; i < t.n; i++) {
		a = strcmp(t.p[i].pos, "1.1") == 0 ? i : a;
		c = strcmp(t.p[i].pos, "1.3") == 0 ? i : c;
	}
	ck_assert(a > 0 && c > 0);
	long long exit_ms = t.p[a].exit_t / 1000000, reap_ms = t.p[a].reap_t / 1000000;
	ck_assert_int_eq(t.p[a].reaper, 0);
	ck_assert_int_gt(reap_ms - exit_ms, 100); /* a zombie for most of half a second */
	long long stop_ms = -1;
	for (size_t i = 0; i < r->n; i++)
		if (r->ev[i].kind == REC_STOP && r->ev[i].pid == t.p[c].pid)
			stop_ms = r->ev[i].t / 1000000;
	ck_assert_int_ge(stop_ms, 0);
	char err[256];
	char *text = rec_scenario_source(r, "family.psimrec", err, sizeof err);
	ck_assert_msg(text != NULL, "%s", err);
	struct run *run = run_new(text);
	/* PIDs in the simulation: main 3, A 4, B 5, C 6, G 7 */
	long long mid = (exit_ms + reap_ms) / 2;
	ck_assert_msg(state_at(run, mid, A) == 'Z', "A at %lld ms (exit %lld, reap %lld)\n%s", mid, exit_ms, reap_ms, text);
	ck_assert_int_eq(state_at(run, mid, MAIN), 'S');
	ck_assert_int_eq(state_at(run, stop_ms + 20, C), 'T');
	ck_assert_int_eq(state_at(run, reap_ms + 5, A), '-');
	run_free(run);
	free(text);
	rec_tree_free(&t);
	recording_free(r);
}
END_TEST

/* ---- beside a scenario ------------------------------------------------------------ */

/* The family as a scenario, `change` applied to it (a line replaced). */
static const char family_psim[] =
	"tick 10ms\n"
	"program a\n    sleep 0.2s\n    exit 3\n"
	"program g\n    sleep 0.33s\n    exit 0\n"
	"program b\n    fork g\n    exit 0\n"
	"program c\n    loop\n        sleep 0.05s\n"
	"main \"python3 x.py\"\n"
	"    fork a as pa\n    fork b as pb\n    fork c as pc\n"
	"    wait pb\n    sleep 0.08s\n    kill -STOP pc\n    sleep 0.2s\n    kill -CONT pc\n"
	"    sleep 0.1s\n    kill -TERM pc\n    wait pc\n    sleep 0.1s\n    wait pa\n";

static bool parts(const char *psim, struct real_parting *p, struct real_side *real, struct real_side *sim)
{
	struct recording *r = parse_ok(family);
	ck_assert(compare_real_from_recording(r, real));
	recording_free(r);
	memset(sim, 0, sizeof *sim);
	struct run *run = run_new(psim);
	run_until(run, -1);
	for (int i = 0; i < run->count; i++)
		compare_real_sink(sim, &run->events[i].ev);
	ck_assert(compare_real_finish_sim(sim, 10000));
	run_free(run);
	compare_real_align(real);
	compare_real_align(sim);
	return compare_real_parting(real, sim, 100000, p);
}

static char *replaced(const char *from, const char *to)
{
	const char *at = strstr(family_psim, from);
	ck_assert(at);
	char *s = malloc(sizeof family_psim + strlen(to));
	sprintf(s, "%.*s%s%s", (int)(at - family_psim), family_psim, to, at + strlen(from));
	return s;
}

START_TEST(the_family_and_its_scenario_agree)
{
	struct real_side real, sim;
	struct real_parting p;
	bool parted = parts(family_psim, &p, &real, &sim);
	ck_assert_msg(!parted, "parted at %d/%d: %s", p.real, p.sim, p.why);
	ck_assert_int_eq(real.n, sim.n);
	compare_real_free(&real);
	compare_real_free(&sim);
}
END_TEST

START_TEST(another_exit_code_is_where_they_part)
{
	struct real_side real, sim;
	struct real_parting p;
	char *psim = replaced("exit 3", "exit 4");
	ck_assert(parts(psim, &p, &real, &sim));
	ck_assert_int_ge(p.real, 0);
	ck_assert_str_eq(real.ev[p.real].pos, "1.1");
	ck_assert_int_eq(real.ev[p.real].kind, RK_EXIT);
	ck_assert_str_eq(p.why, "the processes end differently");
	free(psim);
	compare_real_free(&real);
	compare_real_free(&sim);
}
END_TEST

START_TEST(a_missing_orphan_and_a_late_exit_are_named)
{
	struct real_side real, sim;
	struct real_parting p;
	char *psim = replaced("    fork g\n", "");
	ck_assert(parts(psim, &p, &real, &sim));
	ck_assert_int_eq(p.sim, -1);
	ck_assert_str_eq(real.ev[p.real].pos, "1.2.1");
	ck_assert_int_eq(real.ev[p.real].kind, RK_FORK);
	free(psim);
	compare_real_free(&real);
	compare_real_free(&sim);
	psim = replaced("sleep 0.2s\n    exit 3", "sleep 0.5s\n    exit 3");
	ck_assert(parts(psim, &p, &real, &sim));
	ck_assert_str_eq(real.ev[p.real].pos, "1.1");
	ck_assert_str_eq(p.why, "the times differ by more than the tolerance");
	ck_assert_int_eq(real.ev[p.real].us, 180000); /* from the first fork, at 20 ms */
	ck_assert_int_eq(sim.ev[p.sim].us, 500000);
	free(psim);
	compare_real_free(&real);
	compare_real_free(&sim);
}
END_TEST

static Suite *recording_suite(void)
{
	Suite *s = suite_create("recording");
	TCase *f = tcase_create("format");
	tcase_add_test(f, header_events_and_end_are_read);
	tcase_add_test(f, a_file_without_its_end_line_is_incomplete);
	tcase_add_test(f, another_version_is_refused_on_line_1);
	tcase_add_test(f, bad_lines_are_refused_with_their_line);
	tcase_add_test(f, json_strings_round_trip);
	tcase_add_test(f, signal_names_and_numbers);
	suite_add_tcase(s, f);
	TCase *c = tcase_create("scenario");
	tcase_add_test(c, the_tree_is_by_position);
	tcase_add_test(c, a_wrappers_helpers_are_numbered_apart);
	tcase_add_test(c, a_zombie_is_Z_until_its_parent_waits);
	tcase_add_test(c, an_orphan_is_adopted_by_init);
	tcase_add_test(c, a_stopped_child_is_T_then_killed_by_its_parent);
	tcase_add_test(c, output_becomes_whole_lines_with_braces_kept);
	tcase_add_test(c, a_signal_from_outside_kills_where_it_was_recorded);
	tcase_add_test(c, an_interrupted_recording_keeps_the_living_alive_to_its_end);
	tcase_add_test(c, the_recorded_family_shows_its_zombie_and_stopped_child);
	suite_add_tcase(s, c);
	TCase *b = tcase_create("compare");
	tcase_add_test(b, the_family_and_its_scenario_agree);
	tcase_add_test(b, another_exit_code_is_where_they_part);
	tcase_add_test(b, a_missing_orphan_and_a_late_exit_are_named);
	suite_add_tcase(s, b);
	return s;
}

TEST_MAIN(recording_suite)
