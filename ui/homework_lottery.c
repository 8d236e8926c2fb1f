/* homework_lottery.c: `procsim homework lottery`, OSTEP's lottery.py
 * (cpu-sched-lottery): its options, its question and, with -c, its
 * answers, line for line. The jobs (drawn as lottery.py draws them, or from
 * -l) become `job` lines with their tickets, run on the kernel under the
 * lottery policy (sim/kernel/sched_lottery.c), whose generator is the
 * tool's: random.seed(seed), past the draws the workload took. Each
 * "Random ... -> Run J" line is a draw the kernel made (the CPU's
 * sched_note), the job list what the kernel held at that moment, and each
 * "DONE at" a job's exit. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "homework_int.h"
#include "i18n.h"
#include "pyrandom.h"

struct lottery_hw {
	long long seed, jobs, maxlen, maxticket, quantum;
	const char *jlist;
	bool solve;
};

static const struct hw_option lottery_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct lottery_hw, seed), "the random seed"},
	{'j', "jobs", "JOBS", HW_INT, offsetof(struct lottery_hw, jobs), "number of jobs in the system"},
	{'l', "jlist", "JLIST", HW_STRING, offsetof(struct lottery_hw, jlist),
	 "instead of random jobs, provide a comma-separated list of run times and ticket values (e.g., 10:100,20:100 "
	 "would have two jobs with run-times of 10 and 20, each with 100 tickets)"},
	{'m', "maxlen", "MAXLEN", HW_INT, offsetof(struct lottery_hw, maxlen), "max length of job"},
	{'T', "maxticket", "MAXTICKET", HW_INT, offsetof(struct lottery_hw, maxticket),
	 "maximum ticket value, if randomly assigned"},
	{'q', "quantum", "QUANTUM", HW_INT, offsetof(struct lottery_hw, quantum), "length of time slice"},
	{'c', "compute", NULL, HW_FLAG, offsetof(struct lottery_hw, solve), "compute answers for me"},
};

struct lottery_job { long long len, tickets; };

/* procsim runs at most this many ticks (SIM_DEFAULT_MAX_TICKS). */
#define LOTTERY_MAX_TICKS 1000000
/* The tool prints every job at every slice and each draw walks them all:
 * a classroom's thousand, not scheduler.py's million (JOBS_MAX). */
#define LOTTERY_MAX_JOBS 1000

/* A whole number as Python's int() reads one, without its rarer forms. */
static bool whole(const char *s, size_t n, long long *v)
{
	char buf[24];
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	char *end;
	*v = strtoll(buf, &end, 10);
	return *end == '\0';
}

/* -l "10:100,20:100": run times and tickets. */
static struct lottery_job *parse_jlist(const char *jlist, int *n)
{
	struct lottery_job *j = malloc((strlen(jlist) / 2 + 1) * sizeof *j);
	*n = 0;
	for (const char *p = jlist; j;) {
		size_t len = strcspn(p, ",");
		const char *colon = memchr(p, ':', len);
		long long run, tix;
		if (!colon || !whole(p, (size_t)(colon - p), &run) || !whole(colon + 1, len - (size_t)(colon - p) - 1, &tix) ||
		    run < 1 || run > 1000000000 || tix < 1 || tix > 1000000 || *n == LOTTERY_MAX_JOBS) {
			fprintf(stderr, _("procsim homework: -l %s: give RUN:TICKETS pairs, separated by commas: 1 to %d jobs, each running at least 1 tick with 1 to 1000000 tickets\n"),
				jlist, LOTTERY_MAX_JOBS);
			free(j);
			return NULL;
		}
		j[(*n)++] = (struct lottery_job){run, tix};
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return j;
}

/* The jobs as lottery.py draws them after random.seed(seed): for each, a
 * run time int(maxlen * random()) and tickets int(maxticket * random()),
 * each drawn again while it is 0. *draws counts the random() calls. */
static struct lottery_job *draw_jobs(const struct lottery_hw *o, struct pyrandom *r, long long *draws, int *n)
{
	if (o->jobs < 1 || o->jobs > LOTTERY_MAX_JOBS || o->maxlen < 2 || o->maxlen > LOTTERY_MAX_TICKS || o->maxticket < 2 ||
	    o->maxticket > 1000001) {
		/* maxlen or maxticket 1 would make lottery.py draw 0 forever */
		fprintf(stderr, _("procsim homework: -j must be 1 to %d, -m 2 to %d and -T 2 to 1000001\n"), LOTTERY_MAX_JOBS,
			LOTTERY_MAX_TICKS);
		return NULL;
	}
	struct lottery_job *j = malloc((size_t)o->jobs * sizeof *j);
	for (int i = 0; j && i < o->jobs; i++) {
		j[i] = (struct lottery_job){0, 0};
		while (j[i].len == 0 && ++*draws)
			j[i].len = (long long)((double)o->maxlen * pyrandom_random(r));
		while (j[i].tickets == 0 && ++*draws)
			j[i].tickets = (long long)((double)o->maxticket * pyrandom_random(r));
	}
	*n = (int)o->jobs;
	return j;
}

static void lottery_question(FILE *out, const struct lottery_hw *o, const struct lottery_job *j, int n)
{
	fprintf(out, "ARG jlist %s\nARG jobs %lld\nARG maxlen %lld\nARG maxticket %lld\nARG quantum %lld\nARG seed %lld\n\n",
		o->jlist, o->jobs, o->maxlen, o->maxticket, o->quantum, o->seed);
	fprintf(out, "Here is the job list, with the run time of each job: \n");
	for (int i = 0; i < n; i++)
		fprintf(out, "  Job %d ( length = %lld, tickets = %lld )\n", i, j[i].len, j[i].tickets);
	fprintf(out, "\n\n");
}

/* ---- the answers: a run on the kernel ---------------------------------------- */

struct lottery_run {
	FILE *out;
	const struct lottery_job *jobs;
	int n;
	int *pid;               /* per job, from its spawn; 0 before */
	int64_t *exited;        /* per job, when it exited; -1 while alive */
	int last_winner;        /* the job of the latest draw, -1 before the first */
	int done;               /* jobs whose end has been told */
};

static void lottery_event(void *ctx, const struct sim_event *e)
{
	struct lottery_run *r = ctx;
	int k = homework_job_number(e->name);
	if (k < 0 || k >= r->n)
		return;
	if (e->kind == EV_SPAWN)
		r->pid[k] = e->pid;
	else if (e->kind == EV_EXIT)
		r->exited[k] = e->t;
}

/* "--> JOB 1 DONE at time 2", once the winner of the last draw has exited. */
static void tell_done(struct lottery_run *r)
{
	int w = r->last_winner;
	if (w < 0 || r->exited[w] < 0)
		return;
	fprintf(r->out, "--> JOB %d DONE at time %lld\n", w, (long long)r->exited[w]);
	r->last_winner = -1;
	if (++r->done == r->n)
		fprintf(r->out, "\n");
}

static void lottery_each(void *ctx, const struct sim *s, int64_t t)
{
	struct lottery_run *r = ctx;
	tell_done(r);
	struct sched_note note;
	if (!snapshot_sched_note(s, 0, &note) || note.tick != t)
		return;
	int w = -1;
	for (int i = 0; i < r->n; i++)
		if (r->pid[i] == note.pid)
			w = i;
	if (w < 0)
		return; /* not a job's draw */
	fprintf(r->out, "Random %lld -> Winning ticket %lld (of %lld) -> Run %d\n  Jobs:\n", (long long)note.draw,
		(long long)note.ticket, (long long)note.tickets, w);
	for (int i = 0; i < r->n; i++) {
		struct proc_info p;
		bool alive = r->exited[i] < 0 && snapshot_proc(s, r->pid[i], &p);
		/* what the job still needs: the kernel's job holds the CPU for
		 * whole slices, its length rounded up (see lottery_main) */
		long long left = alive ? r->jobs[i].len - (long long)p.cpu_ticks : 0;
		char tix[24] = "---";
		if (alive)
			snprintf(tix, sizeof tix, "%d", p.tickets);
		fprintf(r->out, " (%s job:%d timeleft:%lld tix:%s ) ", i == w ? "*" : " ", i, left > 0 ? left : 0, tix);
	}
	fprintf(r->out, "\n");
	r->last_winner = w;
}

/* lottery.py counts every slice whole: its clock moves by the quantum even
 * when the winner needed less of it, and the job is done at the slice's
 * end. So each kernel job runs its length rounded up to whole slices; the
 * job list shows what the job itself still needs. */
static char *lottery_source(const struct lottery_hw *o, const struct lottery_job *j, int n)
{
	size_t cap = 64 + (size_t)n * 64, used = 0;
	char *src = malloc(cap);
	if (!src)
		return NULL;
	used += (size_t)snprintf(src, cap, "policy lottery\nquantum %lld\n", o->quantum);
	for (int i = 0; i < n; i++) {
		long long runs = (j[i].len + o->quantum - 1) / o->quantum * o->quantum;
		used += (size_t)snprintf(src + used, cap - used, "job job%d runs %lld, tickets %lld\n", i, runs, j[i].tickets);
	}
	return src;
}

static int lottery_answers(FILE *out, const struct lottery_hw *o, const struct lottery_job *j, int n, long long draws)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct lottery_run r = {.out = mem, .jobs = j, .n = n, .last_winner = -1,
				.pid = calloc((size_t)n, sizeof *r.pid), .exited = malloc((size_t)n * sizeof *r.exited)};
	char *src = lottery_source(o, j, n);
	int rc = EXIT_SCENARIO;
	if (mem && r.pid && r.exited && src) {
		for (int i = 0; i < n; i++)
			r.exited[i] = -1;
		struct stats st = {0};
		rc = homework_run_ticks(src, o->seed, draws, lottery_event, lottery_each, &r, &st);
		src = NULL;
		tell_done(&r);
		stats_free(&st);
	}
	free(src);
	if (mem)
		fclose(mem);
	if (rc == EXIT_OK)
		fwrite(buf, 1, len, out);
	free(buf);
	free(r.pid);
	free(r.exited);
	return rc;
}

int homework_lottery(int argc, char **argv, FILE *out)
{
	struct lottery_hw o = {.seed = 0, .jobs = 3, .maxlen = 10, .maxticket = 100, .quantum = 1, .jlist = ""};
	bool help = false;
	int nopts = (int)(sizeof lottery_options / sizeof lottery_options[0]);
	int rc = homework_parse_options("lottery.py", lottery_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, "lottery.py", lottery_options, nopts);
		return EXIT_OK;
	}
	if (o.quantum < 1 || o.quantum > 1000000) {
		fprintf(stderr, "%s", _("procsim homework: -q must be 1 to 1000000\n"));
		return EXIT_USAGE;
	}
	struct pyrandom rnd;
	pyrandom_seed(&rnd, o.seed);
	long long draws = 0;
	int n = 0;
	struct lottery_job *j = o.jlist[0] ? parse_jlist(o.jlist, &n) : draw_jobs(&o, &rnd, &draws, &n);
	if (!j)
		return EXIT_USAGE;
	long long slices = 0, run_total = 0;
	for (int i = 0; i < n; i++) {
		run_total += j[i].len;
		slices += (j[i].len + o.quantum - 1) / o.quantum;
	}
	if (slices * o.quantum > LOTTERY_MAX_TICKS) {
		fprintf(stderr, _("procsim homework: the jobs would run more than %d ticks\n"), LOTTERY_MAX_TICKS);
		free(j);
		return EXIT_USAGE;
	}
	lottery_question(out, &o, j, n);
	if (!o.solve) {
		fprintf(out, "Here is the set of random numbers you will need (at most):\n");
		for (long long i = 0; i < run_total; i++)
			fprintf(out, "Random %lld\n", (long long)(pyrandom_random(&rnd) * 1000001));
		free(j);
		return EXIT_OK;
	}
	fprintf(out, "** Solutions **\n\n");
	rc = lottery_answers(out, &o, j, n, draws);
	free(j);
	return rc;
}
