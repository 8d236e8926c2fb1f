/* machine.c: a run, assembled. The machine makes a kernel from the
 * scenario's settings and user space from its programs, boots them (init,
 * the login shell and main, already in their loops at time 0), and is the
 * world outside the kernel: the timeline's keyboard and terminal (Ctrl+C,
 * typed lines, `kill` from another terminal) and textbook jobs arriving. It
 * answers the views' questions (snapshot.h) from both layers.
 *
 *      ui/ ──▶ sim.h, snapshot.h ──▶ machine.c ──▶ user/ ──syscalls──▶ kernel/
 *                                         └──────────────────────────▶ kernel/
 * The kernel calls back into user space only through user_ops.run. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"
#include "lang/program.h"
#include "snapshot.h"
#include "user/user.h"

struct machine {
	const struct scenario *sc;
	struct user *u;
	int next_timeline;
	int init_pid, shell_pid, main_pid; /* as booted (main_pid 0: none) */
};

static struct machine *M(const struct sim *k) { return k->machine; }

/* A scenario with a crontab: the cron daemon, a child of init started at
 * boot as systemd starts cron.service, in a session of its own without a
 * terminal, asleep until its first minute. */
static struct proc *boot_cron(struct machine *m, struct sim *k, struct proc *init)
{
	int err;
	struct fork_args ca = user_cron_args(m->u);
	struct proc *cron = proc_fork(k, init, &ca, &err);
	user_boot_cron(m->u, cron);
	proc_make_runnable(k, cron);
	return cron;
}

static void boot(void *ctx, struct sim *k)
{
	struct machine *m = ctx;
	int err;
	struct fork_args ia = user_boot_args(m->u, 0), sa = user_boot_args(m->u, 1);
	ia.builtin = sa.builtin = true;
	struct proc *init = proc_fork(k, NULL, &ia, &err);
	struct proc *sh = proc_fork(k, init, &sa, &err);
	k->init = init->self;
	k->shell = sh->self;
	sh->pgid = sh->pid;
	struct proc *main = NULL, *tini = NULL;
	if (m->sc->main_index >= 0) {
		struct fork_args ma = user_boot_args(m->u, 2);
		if (m->sc->pid1 == PID1_TINI) {
			struct fork_args ta = user_tini_args(m->u);
			tini = proc_fork(k, sh, &ta, &err);
			tini->flags |= PF_PIDNS;
		}
		main = proc_fork(k, tini ? tini : sh, &ma, &err);
		/* A container: its PID namespace's PID 1 is main or tini
		 * (clone(CLONE_NEWPID)); ps shows the machine's PIDs. */
		if (m->sc->pid1 != PID1_INIT) {
			main->flags |= PF_PIDNS;
			k->ns_init = (tini ? tini : main)->self;
		}
	}
	user_boot(m->u, init, sh, main, tini);
	m->init_pid = init->pid;
	m->shell_pid = sh->pid;
	m->main_pid = main ? main->pid : 0;
	k->tty_session = sh->pid;
	bool fg_main = main && !m->sc->main_background;
	if (!fg_main)
		k->tty_fg_pgid = sh->pgid;
	struct proc *all[] = {init, sh, tini ? tini : main, tini ? main : NULL, NULL, NULL};
	if (m->sc->ncron)
		all[2 + (main != NULL) + (tini != NULL)] = boot_cron(m, k, init);
	for (int i = 0; i < 5 && all[i]; i++) {
		struct sim_event ev = {.kind = EV_SPAWN, .pid = all[i]->pid, .ppid = proc_ppid(k, all[i]),
				       .name = all[i]->name};
		mm_event_figures(k, all[i], &ev);
		kernel_emit(k, &ev);
	}
	user_boot_announce(m->u, m->main_pid);
	/* Where the story begins: init asleep in wait(), the shell waiting for
	 * its foreground job (or at its prompt), main about to run. */
	init->state = 'S';
	init->place = PL_WAITQ;
	init->chan = &init->child_wait;
	plist_push_tail(k, &init->child_wait.members, init->self);
	sh->state = 'S';
	sh->place = PL_WAITQ;
	if (fg_main) {
		sh->chan = &sh->child_wait;
		sh->wait_pid = tini ? tini->pid : main->pid;
		plist_push_tail(k, &sh->child_wait.members, sh->self);
	} else {
		sh->chan = &k->tty_q;
		plist_push_tail(k, &k->tty_q.members, sh->self);
	}
	if (tini)
		proc_make_runnable(k, tini);
	if (main)
		proc_make_runnable(k, main);
}

typedef void target_fn(struct sim *k, struct proc *q, const struct timeline_event *e);

/* What a timeline kill, attach or detach does to each process it names: its
 * PID, or every process of its name, in PID order. Returns how many. */
static int for_each_target(struct sim *k, const struct timeline_event *e, target_fn *fn)
{
	if (!e->target_name) {
		struct proc *q = proc_by_pid(k, e->target_pid);
		if (q)
			fn(k, q, e);
		return q != NULL;
	}
	int n = 0;
	for (int pid = 1; pid < k->cfg.pid_max; pid++) {
		struct proc *q = proc_by_pid(k, pid);
		if (q && strcmp(q->name, e->target_name) == 0) {
			fn(k, q, e);
			n++;
		}
	}
	return n;
}

static void send_sig(struct sim *k, struct proc *q, const struct timeline_event *e) { ksignal_send(k, -1, q, e->sig); }

static void kill_from_timeline(struct sim *k, const struct timeline_event *e)
{
	if (for_each_target(k, e, send_sig) == 0) {
		struct sim_event ev = {.kind = EV_SIGNAL, .pid = e->target_name ? 0 : e->target_pid, .sig = e->sig,
				       .other = -1, .outcome = SIGOUT_NO_PROCESS, .text = e->target_name};
		kernel_emit(k, &ev);
	}
}

/* A debugger in another terminal attaches to (gdb -p PID) or detaches
 * from each process the event names. */
static void ptrace_one(struct sim *k, struct proc *q, const struct timeline_event *e)
{
	if (e->kind == TL_ATTACH)
		proc_ptrace_attach(k, q);
	else
		proc_ptrace_detach(k, q);
}

/* pkill and killall, run in another terminal: they read /proc in PID
 * order and signal every match, zombies included (kill succeeds and does
 * nothing); never themselves, for they are not processes of the machine.
 * comm is a process's name up to its first space (main's name is its
 * command line, "python3 app.py"; comm is "python3"); pkill's PATTERN
 * matches comm, or with -f the whole name; killall's NAME equals comm.
 * Nothing matched: pkill exits 1 and says nothing, killall says
 * "NAME: no process found". */
static void pkill_from_timeline(struct sim *k, const struct timeline_event *e)
{
	regex_t re;
	bool pkill = e->kind == TL_PKILL;
	if (pkill && regcomp(&re, e->target_name, REG_EXTENDED | REG_NOSUB) != 0)
		return; /* checked by the parser */
	bool any = false;
	for (int pid = 1; pid < k->cfg.pid_max; pid++) {
		struct proc *q = proc_by_pid(k, pid);
		if (!q)
			continue;
		const char *name = q->name ? q->name : "";
		size_t len = strcspn(name, " ");
		char comm[64];
		snprintf(comm, sizeof comm, "%.*s", (int)(len < sizeof comm ? len : sizeof comm - 1), name);
		bool match = pkill ? regexec(&re, e->full ? name : comm, 0, NULL, 0) == 0
				   : strcmp(comm, e->target_name) == 0;
		if (match) {
			ksignal_send(k, -1, q, e->sig);
			any = true;
		}
	}
	if (pkill)
		regfree(&re);
	else if (!any) {
		struct sim_event ev = {.kind = EV_SIGNAL, .sig = e->sig, .other = -1, .outcome = SIGOUT_NOT_FOUND,
				       .text = e->target_name};
		kernel_emit(k, &ev);
	}
}

/* Phase 1 of a tick: what the timeline says happens now, in file order. */
static void interrupt(void *ctx, struct sim *k)
{
	struct machine *m = ctx;
	const struct scenario *sc = m->sc;
	while (m->next_timeline < sc->ntimeline && sc->timeline[m->next_timeline].at_ticks <= k->now) {
		const struct timeline_event *e = &sc->timeline[m->next_timeline++];
		switch (e->kind) {
		case TL_KILL: kill_from_timeline(k, e); break;
		case TL_PKILL:
		case TL_KILLALL: pkill_from_timeline(k, e); break;
		case TL_CTRL_Z: tty_keyboard_signal(k, SIG_TSTP); break;
		case TL_CTRL_C: tty_keyboard_signal(k, SIG_INT); break;
		case TL_TYPE:
		case TL_BG:
		case TL_FG:
		case TL_JOBS: tty_type(k, e->text); break;
		case TL_JOB: user_job_arrives(m->u, P(k, k->init), e); break;
		case TL_ATTACH:
		case TL_DETACH: for_each_target(k, e, ptrace_one); break;
		}
	}
}

static int64_t next_device_tick(void *ctx, const struct sim *k)
{
	(void)k;
	struct machine *m = ctx;
	return m->next_timeline < m->sc->ntimeline ? m->sc->timeline[m->next_timeline].at_ticks : INT64_MAX;
}

static const struct device_ops devices = {
	.boot = boot, .interrupt = interrupt, .next = next_device_tick,
};

#define MIB_PAGES(n) ((int64_t)(n) * 256)

/* The runaway guard of a run without `limit`: --max-ticks, else the
 * default. A scenario of jobs alone (every program a job, no cron) cannot
 * run away: it ends after its last timeline event (an arrival, a kill) and
 * its jobs' work done one after another, each tick of it behind a context
 * switch, plus the system time of their calls (cost.h): its guard is twice
 * their work and a tick per job, after that event, and the default beyond,
 * so that a million jobs run to their end and a kernel that stops making
 * progress is still caught. */
static int64_t max_ticks(const struct scenario *sc, const struct sim_options *o, int64_t switch_cost)
{
	if (o->max_ticks > 0)
		return o->max_ticks;
	bool jobs_alone = sc->ncron == 0 && sc->job_work > 0;
	for (int i = 0; jobs_alone && i < sc->nprograms; i++)
		jobs_alone = sc->programs[i]->is_job;
	if (!jobs_alone)
		return SIM_DEFAULT_MAX_TICKS;
	int64_t last = sc->ntimeline ? sc->timeline[sc->ntimeline - 1].at_ticks : 0;
	return last + 2 * (sc->job_work + sc->nprograms) * (1 + switch_cost) + SIM_DEFAULT_MAX_TICKS;
}

/* The machine's RAM when the scenario does not set `memory`: 8 GiB, or for
 * a workload of more textbook jobs than that holds alive at once, the
 * smallest power of two that holds them (as pid_max grows for them): a
 * machine meant for that many processes has the memory for them, and the
 * homework's answers stay the jobs' own. A scenario that sets `memory`
 * keeps it: its forks fail with ENOMEM, which is its lesson. */
static int64_t default_memory(const struct scenario *sc)
{
	int64_t mem = MIB_PAGES(8192), need = user_jobs_pages(sc);
	while (mem < need)
		mem *= 2;
	return mem;
}

struct sim *sim_new(const struct scenario *sc, const struct sim_options *opt)
{
	struct sim_options o = opt ? *opt : (struct sim_options){0};
	struct kernel_config cfg = {
		.ncpus = o.cpus > 0 ? o.cpus : sc->cpus,
		.pid_max = sc->pid_max,
		.limit = sc->limit,
		.load_freq = sc->minute / 12 > 0 ? sc->minute / 12 : 1,
		.sched = sc->sched,
		.mem_pages = sc->mem_pages > 0 ? sc->mem_pages : default_memory(sc),
		.swap_pages = sc->swap_pages >= 0 ? sc->swap_pages : MIB_PAGES(2048),
		.tick_us = sc->tick_us,
		.hz = sc->hz,
		.costs = sc->costs,
		.core_dumps = sc->core_dumps,
		.check = o.check,
	};
	if (o.policy && sched_find(o.policy))
		snprintf(cfg.sched.policy, sizeof cfg.sched.policy, "%s", o.policy);
	if (o.quantum > 0)
		cfg.sched.quantum = o.quantum;
	if (o.switch_cost >= 0 && o.switch_cost_set)
		cfg.sched.switch_cost = o.switch_cost;
	if (o.costs == 1)
		costs_linux(&cfg.costs);
	else if (o.costs == 2)
		costs_none(&cfg.costs);
	cfg.max_ticks = max_ticks(sc, &o, cfg.sched.switch_cost);
	struct machine *m = calloc(1, sizeof *m);
	struct sim *k = m ? kernel_new(&cfg) : NULL;
	if (!k) {
		free(m);
		return NULL;
	}
	m->sc = sc;
	k->machine = m;
	kernel_set_devices(k, &devices, m);
	m->u = user_new(k, sc);
	if (!m->u) {
		sim_free(k);
		return NULL;
	}
	return k;
}

void sim_free(struct sim *k)
{
	if (!k)
		return;
	struct machine *m = M(k);
	kernel_free(k);
	if (m)
		user_free(m->u);
	free(m);
}

struct sim *sim_clone(const struct sim *k)
{
	struct machine *m = malloc(sizeof *m);
	struct sim *c = m ? kernel_clone(k) : NULL;
	if (!c) {
		free(m);
		return NULL;
	}
	*m = *M(k);
	c->machine = m;
	kernel_set_devices(c, &devices, m);
	m->u = user_clone(M(k)->u, k, c);
	if (!m->u) {
		/* The images are the original's bytes: free none of what they
		 * point to (user_clone has cleared what it could not copy). */
		c->uops = NULL;
		sim_free(c);
		return NULL;
	}
	return c;
}

const struct scenario *sim_scenario(const struct sim *k) { return M(k)->sc; }

/* The runaway's place in the scenario is user space's to say: asked for the
 * first time here, once the run has stopped. */
const struct sim_fault *sim_fault(const struct sim *k)
{
	if (k->status == SIM_RUNAWAY && !k->fault_placed && k->fault.pid)
		user_place_fault(M(k)->u);
	return &k->fault;
}

/* ---- snapshots ------------------------------------------------------------------ */

/* What ps reads from /proc/PID/stat about sessions, users and flags.
 * procsim has no setsid(): the login shell leads the session of the
 * terminal (login made it, setsid and TIOCSCTTY) and every process group
 * bash makes (setpgid) is in it; init's session, with no terminal, holds
 * init and what init forks (textbook jobs, still in init's group). When the
 * leader has gone the terminal has no session (disassociate_ctty): nobody
 * has it any more. The user is root in init's session, and the logged-in
 * user (uid 1000) in the shell's. F is PF_FORKNOEXEC >> 6 for a process
 * forked and not exec'd (multiprocessing and os.fork children) and
 * PF_SUPERPRIV >> 6 for init, as in the task's flags. */
static void session_info(const struct sim *s, const struct proc *p, struct proc_info *o)
{
	const struct machine *m = M(s);
	o->sid = p->pgid == m->init_pid ? m->init_pid : m->shell_pid;
	o->uid = o->sid == m->init_pid ? 0 : 1000;
	if (p->sid) { /* a session made with setsid() (cron's), and setuid()'s user */
		o->sid = p->sid;
		o->uid = p->uid;
	}
	o->tty = s->tty_session != 0 && o->sid == s->tty_session;
	o->tpgid = o->tty ? s->tty_fg_pgid : -1;
	o->flags = p->pid == m->init_pid ? 4 : (p->flags & PF_FORKNOEXEC) ? 1 : 0;
}

/* What is a task's own (each thread's row in ps -L): its state, where it
 * sleeps, its CPU and time, its scheduling and its mask. */
static void fill_task(const struct sim *s, const struct proc *p, struct proc_info *o)
{
	o->pid = p->pid;
	o->state = (char)p->state;
	o->on_cpu = p->place == PL_CPU;
	o->cpu = p->cpu;
	o->until = -1;
	o->obj = -1;
	o->wchan = WCHAN_NONE;
	o->wait_pid = 0;
	o->syscall = NULL;
	if (p->place == PL_WAITQ) {
		o->wchan = p->chan->wchan;
		if (p->chan == &p->child_wait)
			o->wchan = !p->wait_pid ? WCHAN_CHILD : p->timer >= 0 ? WCHAN_CHILD_POLL : WCHAN_CHILD_PID;
		o->until = p->timer >= 0 ? p->until : -1;
		o->wait_pid = p->wait_pid;
		o->obj = p->chan->obj;
		o->syscall = p->sleep_call >= 0 ? syscall_name((enum sysno)p->sleep_call) : NULL;
	}
	o->cpu_ticks = p->cpu_ticks;
	o->start_tick = p->start_tick;
	o->nice = p->nice;
	o->sig_blocked = p->sig_blocked >> 1;
	o->level = p->level;
	o->tickets = p->tickets;
}

static void fill_info(const struct sim *s, const struct proc *p, struct proc_info *o)
{
	memset(o, 0, sizeof *o);
	if (proc_is_thread(p)) { /* a thread: its process's row, with what is its own */
		fill_info(s, proc_leader(s, p), o);
		fill_task(s, p, o);
		o->threads_cpu_ticks = 0;
		/* F is the task's own: copy_process sets PF_FORKNOEXEC on every
		 * new task, a thread too, and a thread never execs (ps -eLl: 0
		 * for python3's main thread, 1 for its feeder;
		 * tests/truth/ps_threads.sh) */
		o->flags = (o->flags & ~1) | ((p->flags & PF_FORKNOEXEC) ? 1 : 0);
		return;
	}
	o->tgid = p->pid;
	o->nlwp = 1;
	o->threads_cpu_ticks = p->dead_threads_cpu;
	for (slot_t x = p->thread_next; x != NIL; x = P(s, x)->thread_next) {
		o->nlwp++;
		o->threads_cpu_ticks += P(s, x)->cpu_ticks;
	}
	fill_task(s, p, o);
	o->ppid = proc_ppid(s, p);
	o->pgid = p->pgid;
	o->name = p->name;
	o->cmdline = p->cmdline;
	o->exit_tick = p->exit_tick;
	if (p->state == 'Z') {
		o->exit_code = p->exit_status >= 0 ? p->exit_status : 0;
		o->exit_sig = p->exit_status < 0 ? -p->exit_status : 0;
	}
	o->sig_pending = p->sig_pending >> 1; /* procsim's bit N is signal N; Linux's sigset_t bit N-1 */
	o->sig_ignored = p->sig_ignored >> 1;
	o->sig_caught = p->sig_handled >> 1;
	o->virt_kib = (int64_t)p->mm.vm * PAGE_KIB;
	int64_t mapped = 0;
	for (int i = 0; i < p->mm.nmaps; i++)
		mapped += i < MM_INLINE ? p->mm.map[i].pages : p->mm.more[i - MM_INLINE].pages;
	o->cow_kib = mm_shared_pages(s, p) * PAGE_KIB;
	o->shr_kib = (int64_t)p->mm.file * PAGE_KIB;
	o->res_kib = o->shr_kib + ((int64_t)p->mm.anon + mapped) * PAGE_KIB;
	for (int32_t i = 0; p->files && i < p->files->nfds; i++)
		o->nfds += p->files->fd[i] >= 0;
	session_info(s, p, o);
	user_proc_info(M(s)->u, p, o);
}

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int snapshot_procs(const struct sim *s, struct proc_info *out, int max)
{
	int n = 0;
	if (max >= s->nprocs) {
		/* Every process: walk the table and sort, O(n log n) whatever the PIDs. */
		for (uint32_t x = 0; x < s->nslots; x++)
			if (P(s, x)->place != PL_FREE && !proc_is_thread(P(s, x)))
				fill_info(s, P(s, x), &out[n++]);
		qsort(out, (size_t)n, sizeof *out, by_pid);
		return n;
	}
	for (int pid = 1; pid < s->cfg.pid_max && n < s->nprocs; pid++) {
		const struct proc *p = proc_by_pid(s, pid);
		if (!p || proc_is_thread(p))
			continue;
		if (n < max)
			fill_info(s, p, &out[n]);
		n++;
	}
	return n;
}

int snapshot_tasks(const struct sim *s, struct proc_info *out, int max)
{
	int n = 0;
	for (int pid = 1; pid < s->cfg.pid_max && n < s->nprocs + s->nthreads; pid++) {
		const struct proc *p = proc_by_pid(s, pid);
		if (!p || proc_is_thread(p))
			continue;
		for (slot_t x = p->self; x != NIL; x = P(s, x)->thread_next, n++)
			if (n < max)
				fill_info(s, P(s, x), &out[n]);
	}
	return n;
}

int snapshot_tgid(const struct sim *s, int pid)
{
	const struct proc *p = proc_by_pid(s, pid);
	return p ? proc_leader(s, p)->pid : 0;
}

bool snapshot_proc(const struct sim *s, int pid, struct proc_info *out)
{
	const struct proc *p = proc_by_pid(s, pid);
	if (p)
		fill_info(s, p, out);
	return p != NULL;
}

void snapshot_counts(const struct sim *s, struct sim_counts *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < s->ncpus; i++)
		c->on_cpu += s->cpus[i].curr != NIL;
	c->runnable = s->sched.policy->count(s);
	c->total = s->nprocs;
	c->running = c->on_cpu + c->runnable;
	c->stopped = (int)s->stopped.count;
	c->zombie = s->nzombies;
	c->sleeping = c->total - c->running - c->stopped - c->zombie;
	c->threads = s->nprocs + s->nthreads;
	if (s->nthreads == 0) { /* one task per process: the same counts */
		c->threads_running = c->running;
		c->threads_sleeping = c->sleeping;
		c->threads_stopped = c->stopped;
		return;
	}
	/* top counts a process by its main thread's state (/proc/PID/stat),
	 * and with H each thread by its own */
	c->threads_running = c->running;
	c->threads_stopped = c->stopped;
	c->threads_sleeping = c->threads - c->running - c->stopped - c->zombie;
	c->on_cpu = c->runnable = c->stopped = c->sleeping = 0;
	for (uint32_t x = 0; x < s->nslots; x++) {
		const struct proc *p = P(s, x);
		if (p->place == PL_FREE || proc_is_thread(p))
			continue;
		c->on_cpu += p->place == PL_CPU;
		c->runnable += p->place == PL_RUNQ;
		c->stopped += p->state == 'T' || p->state == 't';
		c->sleeping += p->state == 'S' || p->state == 'D';
	}
	c->running = c->on_cpu + c->runnable;
}

int snapshot_cpus(const struct sim *s, int *pids, int max)
{
	for (int i = 0; i < s->ncpus && i < max; i++)
		pids[i] = s->cpus[i].curr == NIL ? 0 : P(s, s->cpus[i].curr)->pid;
	return s->ncpus;
}

int snapshot_runqueue(const struct sim *s, int *pids, int max) { return s->sched.policy->list(s, pids, max); }

bool snapshot_sched_note(const struct sim *s, int cpu, struct sched_note *out)
{
	if (cpu < 0 || cpu >= s->ncpus)
		return false;
	*out = s->cpus[cpu].note;
	return true;
}

int snapshot_objects(const struct sim *s) { return user_objects(M(s)->u); }

bool snapshot_object(const struct sim *s, int index, struct obj_info *o) { return user_object(M(s)->u, index, o); }

/* meminfo as free(1) and top read it: used is what processes hold in RAM
 * (their private pages, and the pages they share copy-on-write, once);
 * buff/cache is the program files in the page cache; nothing is swapped
 * out (procsim has no memory pressure). */
void snapshot_memory(const struct sim *s, struct mem_info *m)
{
	int64_t cache = 0;
	for (int i = 0; i < s->nexes; i++)
		if (s->exes[i].users > 0)
			cache += s->exes[i].pages;
	m->total = s->cfg.mem_pages * PAGE_KIB;
	m->used = (s->anon_pages + s->cow_pages) * PAGE_KIB;
	m->buff_cache = cache * PAGE_KIB;
	m->free = m->total - m->used - m->buff_cache;
	m->avail = m->free + m->buff_cache;
	m->swap_total = m->swap_free = s->cfg.swap_pages * PAGE_KIB;
	m->swap_used = 0;
}
