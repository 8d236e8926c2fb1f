/* homework_mlfq.c: `procsim homework mlfq`, OSTEP's mlfq.py
 * (cpu-sched-mlfq): its options, its question and, with -c, its execution
 * trace and statistics, line for line. The jobs (drawn as mlfq.py draws
 * them, or from -l) become `job` lines (`io I every E` for their I/O), run
 * on the kernel under the mlfq policy (sim/kernel/sched_mlfq.c) with the
 * tool's levels, slices, allotments, boost, -S and -I. Each "Run JOB" line
 * is the kernel's account of that tick (the CPU's sched_note); JOB BEGINS,
 * IO_START, IO_DONE and FINISHED are the jobs' spawn, sleep, wake and exit
 * events; the statistics are the run's metrics. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "homework_int.h"
#include "i18n.h"
#include "pyrandom.h"

struct mlfq_hw {
	long long seed, queues, quantum, allotment, jobs, maxlen, maxio, boost, iotime;
	const char *qlist, *alist, *jlist;
	bool stay, iobump, solve;
};

static const struct hw_option mlfq_options[] = {
	{'s', "seed", "SEED", HW_SEED, offsetof(struct mlfq_hw, seed), "the random seed"},
	{'n', "numQueues", "NUMQUEUES", HW_INT, offsetof(struct mlfq_hw, queues),
	 "number of queues in MLFQ (if not using -Q)"},
	{'q', "quantum", "QUANTUM", HW_INT, offsetof(struct mlfq_hw, quantum), "length of time slice (if not using -Q)"},
	{'a', "allotment", "ALLOTMENT", HW_INT, offsetof(struct mlfq_hw, allotment),
	 "length of allotment (if not using -A)"},
	{'Q', "quantumList", "QUANTUMLIST", HW_STRING, offsetof(struct mlfq_hw, qlist),
	 "length of time slice per queue level, specified as x,y,z,... where x is the quantum length for the highest "
	 "priority queue, y the next highest, and so forth"},
	{'A', "allotmentList", "ALLOTMENTLIST", HW_STRING, offsetof(struct mlfq_hw, alist),
	 "length of time allotment per queue level, specified as x,y,z,... where x is the # of time slices for the "
	 "highest priority queue, y the next highest, and so forth"},
	{'j', "numJobs", "NUMJOBS", HW_INT, offsetof(struct mlfq_hw, jobs), "number of jobs in the system"},
	{'m', "maxlen", "MAXLEN", HW_INT, offsetof(struct mlfq_hw, maxlen), "max run-time of a job (if randomly generating)"},
	{'M', "maxio", "MAXIO", HW_INT, offsetof(struct mlfq_hw, maxio),
	 "max I/O frequency of a job (if randomly generating)"},
	{'B', "boost", "BOOST", HW_INT, offsetof(struct mlfq_hw, boost),
	 "how often to boost the priority of all jobs back to high priority"},
	{'i', "iotime", "IOTIME", HW_INT, offsetof(struct mlfq_hw, iotime), "how long an I/O should last (fixed constant)"},
	{'S', "stay", NULL, HW_FLAG, offsetof(struct mlfq_hw, stay), "reset and stay at same priority level when issuing I/O"},
	{'I', "iobump", NULL, HW_FLAG, offsetof(struct mlfq_hw, iobump),
	 "if specified, jobs that finished I/O move immediately to front of current queue"},
	{'l', "jlist", "JLIST", HW_STRING, offsetof(struct mlfq_hw, jlist),
	 "a comma-separated list of jobs to run, in the form x1,y1,z1:x2,y2,z2:... where x is start time, y is run "
	 "time, and z is how often the job issues an I/O request"},
	{'c', NULL, NULL, HW_FLAG, offsetof(struct mlfq_hw, solve), "compute answers for me"},
};

/* procsim's bounds: its levels, slices and allotments (sched.h, the
 * scenario's settings) and how long a run may be. */
#define MLFQ_MAX_TICK_VALUE 1000000
#define MLFQ_MAX_ALLOTMENT 1000000000LL
/* At most this many jobs, as the messages say: mlfq.py's classroom workloads
 * (scheduler.py's -j goes to JOBS_MAX). */
#define MLFQ_MAX_JOBS 1000

struct mlfq_job { long long start, run, io_freq; };

/* The levels, top first (mlfq.py numbers its queues the other way: its
 * queue n-1 is the top). */
struct mlfq_levels {
	int n;
	long long quantum[SCHED_MAX_LEVELS], allot[SCHED_MAX_LEVELS];
};

/* A comma-separated list of whole numbers (Python's int() of each). */
static int int_list(const char *s, long long *v, int max)
{
	int n = 0;
	for (const char *p = s;;) {
		char *end;
		long long x = strtoll(p, &end, 10);
		if (end == p || (*end != ',' && *end != '\0'))
			return -1;
		if (n < max)
			v[n] = x;
		n++;
		if (*end == '\0')
			return n;
		p = end + 1;
	}
}

/* The tool's own words and status 1 where it stops, then procsim's message. */
static int refuse(FILE *out, const char *tool_words, const char *why)
{
	if (tool_words)
		fputs(tool_words, out);
	fprintf(stderr, "procsim homework: %s\n", why);
	return EXIT_USAGE;
}

static int mlfq_levels(FILE *out, const struct mlfq_hw *o, struct mlfq_levels *L)
{
	long long v[SCHED_MAX_LEVELS];
	L->n = (int)(o->queues > 0 && o->queues <= SCHED_MAX_LEVELS ? o->queues : 0);
	if (o->qlist[0]) {
		int n = int_list(o->qlist, v, SCHED_MAX_LEVELS);
		L->n = n > 0 && n <= SCHED_MAX_LEVELS ? n : 0;
		for (int i = 0; i < L->n; i++)
			L->quantum[i] = v[i];
	} else {
		for (int i = 0; i < L->n; i++)
			L->quantum[i] = o->quantum;
	}
	if (L->n == 0)
		return refuse(out, NULL, _("procsim's mlfq has 1 to 8 queues (-n, or the length of -Q)"));
	for (int i = 0; i < L->n; i++)
		if (L->quantum[i] < 1 || L->quantum[i] > MLFQ_MAX_TICK_VALUE)
			return refuse(out, NULL, _("a quantum (-q, -Q) must be 1 to 1000000"));
	if (o->alist[0]) {
		int n = int_list(o->alist, v, SCHED_MAX_LEVELS);
		if (n < 0)
			return refuse(out, NULL, _("-A: a comma-separated list of whole numbers"));
		if (n != L->n)
			return refuse(out, "number of allotments specified must match number of quantums\n",
				      _("-A needs one allotment per queue"));
		for (int i = 0; i < L->n; i++) {
			if (v[i] <= 0 && i != L->n - 1)
				return refuse(out, "allotment must be positive integer\n", _("an allotment must be at least 1"));
			L->allot[i] = v[i];
		}
	} else {
		for (int i = 0; i < L->n; i++)
			L->allot[i] = o->allotment;
	}
	for (int i = 0; i < L->n; i++)
		if (L->allot[i] < 1 || L->allot[i] > MLFQ_MAX_ALLOTMENT / L->quantum[i])
			return refuse(out, NULL, _("an allotment (-a, -A) must be at least 1 slice, and at most 1000000000 ticks"));
	return EXIT_OK;
}

/* The jobs: -l "start,run,io:..." or drawn as mlfq.py draws them. */
static struct mlfq_job *mlfq_jobs(FILE *out, const struct mlfq_hw *o, int *n)
{
	struct mlfq_job *j;
	*n = 0;
	if (!o->jlist[0]) {
		if (o->jobs < 1 || o->jobs > MLFQ_MAX_JOBS || o->maxlen < 1 || o->maxlen > MLFQ_MAX_TICK_VALUE) {
			refuse(out, NULL, _("-j must be 1 to 1000 and -m 1 to 1000000"));
			return NULL;
		}
		if (!(j = malloc((size_t)o->jobs * sizeof *j)))
			return NULL;
		struct pyrandom r;
		pyrandom_seed(&r, o->seed);
		for (int i = 0; i < o->jobs; i++) {
			j[i].start = 0;
			j[i].run = (long long)(pyrandom_random(&r) * (double)(o->maxlen - 1) + 1);
			j[i].io_freq = (long long)(pyrandom_random(&r) * (double)(o->maxio - 1) + 1);
		}
		*n = (int)o->jobs;
		return j;
	}
	if (!(j = malloc((strlen(o->jlist) / 6 + 1) * sizeof *j)))
		return NULL;
	for (const char *p = o->jlist;;) {
		size_t len = strcspn(p, ":");
		char item[96];
		long long v[3];
		snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), p);
		int commas = 0;
		for (size_t i = 0; i < len; i++)
			commas += p[i] == ',';
		int k = len < sizeof item ? int_list(item, v, 3) : -1;
		if (commas != 2) {
			free(j);
			refuse(out, "Badly formatted job string. Should be x1,y1,z1:x2,y2,z2:...\n"
				    "where x is the startTime, y is the runTime, and z is the I/O frequency.\n",
			       _("-l: each job is START,RUN,IOFREQ, jobs separated by colons"));
			return NULL;
		}
		if (k != 3 || v[0] < 0 || v[0] > MLFQ_MAX_TICK_VALUE || v[1] < 1 || v[1] > MLFQ_MAX_TICK_VALUE ||
		    *n == MLFQ_MAX_JOBS) {
			free(j);
			refuse(out, NULL, _("-l: each job is START,RUN,IOFREQ in whole ticks, START 0 or more and RUN at least 1; at most 1000 jobs"));
			return NULL;
		}
		j[(*n)++] = (struct mlfq_job){v[0], v[1], v[2]};
		if (p[len] == '\0')
			return j;
		p += len + 1;
	}
}

static void mlfq_question(FILE *out, const struct mlfq_hw *o, const struct mlfq_levels *L, const struct mlfq_job *j,
			  int n)
{
	fprintf(out, "Here is the list of inputs:\nOPTIONS jobs %d\nOPTIONS queues %d\n", n, L->n);
	for (int q = L->n - 1; q >= 0; q--) { /* mlfq.py's queue q is procsim's level n-1-q */
		fprintf(out, "OPTIONS allotments for queue %2d is %3lld\n", q, L->allot[L->n - 1 - q]);
		fprintf(out, "OPTIONS quantum length for queue %2d is %3lld\n", q, L->quantum[L->n - 1 - q]);
	}
	fprintf(out, "OPTIONS boost %lld\nOPTIONS ioTime %lld\nOPTIONS stayAfterIO %s\nOPTIONS iobump %s\n\n\n", o->boost,
		o->iotime, o->stay ? "True" : "False", o->iobump ? "True" : "False");
	fprintf(out, "For each job, three defining characteristics are given:\n"
		     "  startTime : at what time does the job enter the system\n"
		     "  runTime   : the total CPU time needed by the job to finish\n"
		     "  ioFreq    : every ioFreq time units, the job issues an I/O\n"
		     "              (the I/O takes ioTime units to complete)\n\n"
		     "Job List:\n");
	for (int i = 0; i < n; i++)
		fprintf(out, "  Job %2d: startTime %3lld - runTime %3lld - ioFreq %3lld\n", i, j[i].start, j[i].run,
			j[i].io_freq);
	fprintf(out, "\n");
}

/* ---- the answers: a run on the kernel ---------------------------------------- */

enum mark_kind { MARK_BEGINS, MARK_IO_DONE, MARK_IO_START, MARK_FINISHED };

struct mark { int64_t t; enum mark_kind kind; int job; };

struct tick_run { int job, level; int64_t slice_left, allot_left, cpu; };

struct mlfq_run {
	int n;
	int *pid;                /* per job, from its spawn */
	struct mark *marks;
	int nmarks, capmarks;
	struct tick_run *ticks;  /* per tick: what ran, job -1: nothing */
	int64_t nticks, capticks;
	int64_t end;             /* the last job's exit */
	bool oom;
};

static void mlfq_event(void *ctx, const struct sim_event *e)
{
	struct mlfq_run *r = ctx;
	int k = homework_job_number(e->name);
	if (k < 0 || k >= r->n)
		return;
	enum mark_kind kind;
	switch (e->kind) {
	case EV_SPAWN: kind = MARK_BEGINS; r->pid[k] = e->pid; break;
	case EV_WAKE: kind = MARK_IO_DONE; break;
	case EV_SLEEP: kind = MARK_IO_START; break;
	case EV_EXIT: kind = MARK_FINISHED; r->end = e->t; break;
	default: return;
	}
	if (r->nmarks == r->capmarks) {
		int cap = r->capmarks ? r->capmarks * 2 : 64;
		struct mark *m = realloc(r->marks, (size_t)cap * sizeof *m);
		if (!m) {
			r->oom = true;
			return;
		}
		r->marks = m;
		r->capmarks = cap;
	}
	r->marks[r->nmarks++] = (struct mark){e->t, kind, k};
}

/* At t, tick t-1 has been charged: the CPU's note tells who ran it, how. */
static void mlfq_each(void *ctx, const struct sim *s, int64_t t)
{
	struct mlfq_run *r = ctx;
	if (t == 0)
		return;
	if (r->nticks == r->capticks) {
		int64_t cap = r->capticks ? r->capticks * 2 : 256;
		struct tick_run *m = realloc(r->ticks, (size_t)cap * sizeof *m);
		if (!m) {
			r->oom = true;
			return;
		}
		r->ticks = m;
		r->capticks = cap;
	}
	struct tick_run *run = &r->ticks[r->nticks++];
	*run = (struct tick_run){.job = -1};
	struct sched_note note;
	if (snapshot_sched_note(s, 0, &note) && note.tick == t - 1)
		for (int k = 0; k < r->n; k++)
			if (r->pid[k] == note.pid)
				*run = (struct tick_run){k, note.level, note.slice_left, note.allot_left, note.cpu_ticks};
}

static char *mlfq_source(const struct mlfq_hw *o, const struct mlfq_levels *L, const struct mlfq_job *j, int n)
{
	size_t cap = 512 + (size_t)n * 96, used = 0;
	char *src = malloc(cap);
	if (!src)
		return NULL;
	used += (size_t)snprintf(src, cap, "policy mlfq\nlevels %d\nlevel_quantum ", L->n);
	for (int i = 0; i < L->n; i++)
		used += (size_t)snprintf(src + used, cap - used, "%s%lld", i ? ", " : "", L->quantum[i]);
	used += (size_t)snprintf(src + used, cap - used, "\nallotment ");
	for (int i = 0; i < L->n; i++) /* mlfq.py counts an allotment in slices */
		used += (size_t)snprintf(src + used, cap - used, "%s%lld", i ? ", " : "", L->allot[i] * L->quantum[i]);
	used += (size_t)snprintf(src + used, cap - used, "\nboost %lld\nstay_after_io %s\nio_bump %s\n",
				 o->boost > 0 ? o->boost : 0, o->stay ? "yes" : "no", o->iobump ? "yes" : "no");
	for (int i = 0; i < n; i++) {
		used += (size_t)snprintf(src + used, cap - used, "job job%d arrives %lld, runs %lld", i, j[i].start, j[i].run);
		if (j[i].io_freq > 0)
			used += (size_t)snprintf(src + used, cap - used, ", io %lld every %lld", o->iotime, j[i].io_freq);
		used += (size_t)snprintf(src + used, cap - used, "\n");
	}
	return src;
}

static void print_marks(FILE *out, const struct mlfq_run *r, int *m, int64_t t, bool ends)
{
	static const char *const what[] = {
		[MARK_BEGINS] = "JOB BEGINS", [MARK_IO_DONE] = "IO_DONE",
	};
	for (; *m < r->nmarks && r->marks[*m].t == t; ++*m) {
		const struct mark *k = &r->marks[*m];
		bool is_end = k->kind == MARK_IO_START || k->kind == MARK_FINISHED;
		if (is_end != ends)
			return;
		if (k->kind == MARK_FINISHED)
			fprintf(out, "[ time %lld ] FINISHED JOB %d\n", (long long)t, k->job);
		else if (k->kind == MARK_IO_START)
			fprintf(out, "[ time %lld ] IO_START by JOB %d\nIO DONE\n", (long long)t, k->job);
		else
			fprintf(out, "[ time %lld ] %s by JOB %d\n", (long long)t, what[k->kind], k->job);
	}
}

/* The trace in mlfq.py's order for each time t: what tick t-1 ended with
 * (FINISHED, IO_START), the boost, the arrivals and I/O completions, then
 * what ran in tick t. */
static void mlfq_trace(FILE *out, const struct mlfq_hw *o, const struct mlfq_levels *L, const struct mlfq_job *j,
		       const struct mlfq_run *r)
{
	fprintf(out, "\nExecution Trace:\n\n");
	int m = 0;
	for (int64_t t = 0;; t++) {
		print_marks(out, r, &m, t, true);
		if (t >= r->end)
			break;
		if (o->boost > 0 && t > 0 && t % o->boost == 0)
			fprintf(out, "[ time %lld ] BOOST ( every %lld )\n", (long long)t, o->boost);
		print_marks(out, r, &m, t, false);
		const struct tick_run *k = t < r->nticks ? &r->ticks[t] : NULL;
		if (!k || k->job < 0) {
			fprintf(out, "[ time %lld ] IDLE\n", (long long)t);
			continue;
		}
		fprintf(out, "[ time %lld ] Run JOB %d at PRIORITY %d [ TICKS %lld ALLOT %lld TIME %lld (of %lld) ]\n",
			(long long)t, k->job, L->n - 1 - k->level, (long long)k->slice_left, (long long)k->allot_left,
			j[k->job].run - (long long)k->cpu, j[k->job].run);
	}
}

static void mlfq_statistics(FILE *out, const struct mlfq_job *j, int n, const struct stats *st)
{
	fprintf(out, "\nFinal statistics:\n");
	long long sum_r = 0, sum_t = 0;
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "job%d", i);
		const struct proc_metrics *m = stats_find(st, name);
		long long resp = m ? (long long)m->response : 0, turn = m ? (long long)m->turnaround : 0;
		fprintf(out, "  Job %2d: startTime %3lld - response %3lld - turnaround %3lld\n", i, j[i].start, resp, turn);
		sum_r += resp;
		sum_t += turn;
	}
	fprintf(out, "\n  Avg %2d: startTime n/a - response %.2f - turnaround %.2f\n\n\n", n - 1, (double)sum_r / n,
		(double)sum_t / n);
}

static int mlfq_answers(FILE *out, const struct mlfq_hw *o, const struct mlfq_levels *L, const struct mlfq_job *j,
			int n)
{
	struct mlfq_run r = {.n = n, .end = -1, .pid = calloc((size_t)n, sizeof *r.pid)};
	struct stats st = {0};
	char *src = r.pid ? mlfq_source(o, L, j, n) : NULL;
	int rc = src ? homework_run_ticks(src, 0, 0, mlfq_event, mlfq_each, &r, &st) : EXIT_SCENARIO;
	if (rc == EXIT_OK && (r.oom || r.end < 0))
		rc = EXIT_SCENARIO;
	if (rc == EXIT_OK) {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		if (mem) {
			mlfq_trace(mem, o, L, j, &r);
			mlfq_statistics(mem, j, n, &st);
			fclose(mem);
			fwrite(buf, 1, len, out);
		} else {
			rc = EXIT_SCENARIO;
		}
		free(buf);
	}
	stats_free(&st);
	free(r.pid);
	free(r.marks);
	free(r.ticks);
	return rc;
}

int homework_mlfq(int argc, char **argv, FILE *out)
{
	struct mlfq_hw o = {.seed = 0, .queues = 3, .quantum = 10, .allotment = 1, .jobs = 3, .maxlen = 100,
			    .maxio = 10, .boost = 0, .iotime = 5, .qlist = "", .alist = "", .jlist = ""};
	bool help = false;
	int nopts = (int)(sizeof mlfq_options / sizeof mlfq_options[0]);
	int rc = homework_parse_options("mlfq.py", mlfq_options, nopts, argc, argv, &o, &help);
	if (rc)
		return rc;
	if (help) {
		homework_print_help(out, "mlfq.py", mlfq_options, nopts);
		return EXIT_OK;
	}
	struct mlfq_levels L;
	if ((rc = mlfq_levels(out, &o, &L)))
		return rc;
	int n;
	struct mlfq_job *j = mlfq_jobs(out, &o, &n);
	if (!j)
		return EXIT_USAGE;
	for (int i = 0; i < n; i++)
		if (j[i].io_freq > 0 && j[i].io_freq < j[i].run && (o.iotime < 1 || o.iotime > MLFQ_MAX_TICK_VALUE)) {
			free(j);
			return refuse(out, NULL, _("an I/O (-i) lasts 1 to 1000000 ticks in procsim"));
		}
	if (o.boost > MLFQ_MAX_ALLOTMENT) {
		free(j);
		return refuse(out, NULL, _("-B must be at most 1000000000"));
	}
	mlfq_question(out, &o, &L, j, n);
	if (!o.solve) {
		fprintf(out, "Compute the execution trace for the given workloads.\n"
			     "If you would like, also compute the response and turnaround\n"
			     "times for each of the jobs.\n\n"
			     "Use the -c flag to get the exact results when you are finished.\n\n");
		free(j);
		return EXIT_OK;
	}
	rc = mlfq_answers(out, &o, &L, j, n);
	free(j);
	return rc;
}
