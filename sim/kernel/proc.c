/* proc.c: the process table, and the life of a process: fork, sleep and
 * wake-up, stop and continue, exit, re-parenting and reaping. The shape is
 * xv6's proc.c; the rules are Linux's (kernel/fork.c, kernel/exit.c). */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

struct proc *proc_by_pid(const struct sim *s, int pid)
{
	if (pid <= 0 || pid >= s->cfg.pid_max || !s->pid_slot[pid])
		return NULL;
	return P(s, (slot_t)(s->pid_slot[pid] - 1));
}

struct proc *proc_parent(const struct sim *s, const struct proc *p)
{
	return p->parent == NIL ? NULL : P(s, p->parent);
}

int proc_ppid(const struct sim *s, const struct proc *p)
{
	p = proc_leader(s, p); /* a thread's parent is its process's */
	return p->parent == NIL ? 0 : P(s, p->parent)->pid;
}

/* Like alloc_pid's idr_alloc_cyclic: the next free PID after the last one
 * given, wrapping at pid_max. Linux wraps to RESERVED_PIDS (300); procsim
 * wraps to 2 so that a small classroom pid_max can run out (docs/semantics.md). */
static int alloc_pid(struct sim *s)
{
	int max = s->cfg.pid_max;
	int pid = s->last_pid;
	for (int tries = 0; tries < max; tries++) {
		pid++;
		if (pid >= max)
			pid = s->nprocs == 0 ? 1 : 2;
		if (!s->pid_slot[pid]) {
			s->last_pid = pid;
			return pid;
		}
	}
	return -1;
}

static slot_t alloc_slot(struct sim *s)
{
	if (s->free_slots != NIL) {
		slot_t x = s->free_slots;
		s->free_slots = P(s, x)->next;
		return x;
	}
	slot_t x = s->nslots;
	uint32_t c = x >> PROC_CHUNK_BITS;
	if (c >= MAX_CHUNKS)
		return NIL;
	if (!s->chunks[c] && !(s->chunks[c] = calloc(PROC_CHUNK, s->stride)))
		return NIL;
	s->nslots++;
	return x;
}

static void link_child(struct sim *s, struct proc *parent, struct proc *c)
{
	c->parent = parent->self;
	c->sib_next = NIL;
	c->sib_prev = parent->last_child;
	if (parent->last_child != NIL)
		P(s, parent->last_child)->sib_next = c->self;
	else
		parent->first_child = c->self;
	parent->last_child = c->self;
	c->child_seq = ++s->child_seq;
	parent->nchildren++;
}

static void unlink_child(struct sim *s, struct proc *parent, struct proc *c)
{
	if (c->sib_prev != NIL)
		P(s, c->sib_prev)->sib_next = c->sib_next;
	else
		parent->first_child = c->sib_next;
	if (c->sib_next != NIL)
		P(s, c->sib_next)->sib_prev = c->sib_prev;
	else
		parent->last_child = c->sib_prev;
	c->sib_next = c->sib_prev = NIL;
	parent->nchildren--;
}

/* Handlers at addresses of the runtime (below K_SIG_IGN: C handlers in the
 * interpreter or the shell, code parent and child share) survive fork, as
 * every handler does on Linux; handlers in the parent's own program are
 * reset, as exec resets them (flush_signal_handlers), since the child runs
 * another function. */
static void inherit_handlers(const struct proc *parent, struct proc *p)
{
	if (!parent->handler)
		return;
	for (int sig = 1; sig < SIG_MAX; sig++)
		if ((parent->sig_handled & (1u << sig)) && parent->handler[sig] < K_SIG_IGN) {
			if (!p->handler && !(p->handler = calloc(SIG_MAX, sizeof *p->handler)))
				abort();
			p->handler[sig] = parent->handler[sig];
			p->sig_handled |= 1u << sig;
		}
}

/* copy_process: the kernel's half of fork. The child gets a PID, a place in
 * the family, its parent's process group, nice value and ignored signals,
 * a copy of its descriptor table and its memory shared copy-on-write, and
 * the handlers that are the runtime's (inherit_handlers); user space sets up
 * its image. */
struct proc *proc_fork(struct sim *s, struct proc *parent, const struct fork_args *fa, int *err)
{
	/* A new program's pages must fit (a fork alone shares its parent's). */
	if (fa->exe && !mm_image_fits(s, NULL, fa)) {
		*err = K_ENOMEM;
		return NULL;
	}
	int pid = alloc_pid(s);
	slot_t x = pid < 0 ? NIL : alloc_slot(s);
	if (x == NIL) {
		*err = K_EAGAIN;
		return NULL;
	}
	struct proc *p = P(s, x);
	memset(p, 0, sizeof *p);
	p->self = x;
	p->leader = x;
	p->thread_next = NIL;
	memset(proc_image(s, p), 0, s->uops->image_size);
	p->pid = pid;
	p->pgid = parent ? parent->pgid : pid;
	p->parent = NIL;
	p->first_child = p->last_child = p->sib_next = p->sib_prev = NIL;
	p->prev = p->next = NIL;
	p->name = fa->comm;
	/* fork without exec keeps the parent's command line (and so its comm:
	 * a multiprocessing child is `python3 app.py` in ps -ef); exec sets it */
	p->cmdline = fa->exe || !parent ? fa->comm : parent->cmdline;
	p->state = 'R';
	p->place = PL_NEW;
	p->sleep_call = s->in_syscall; /* fork or vfork, for the spawn event */
	p->cpu = -1;
	p->timer = -1;
	p->wait_pid = 0;
	p->until = -1;
	p->child_wait.wchan = WCHAN_CHILD;
	p->child_wait.obj = -1;
	plist_init(&p->child_wait.members);
	p->start_tick = s->clock;
	p->since = s->clock;
	p->first_run = -1;
	p->rq_index = -1;
	p->demand = fa->demand;
	p->mm.exe = -1;
	if (fa->builtin)
		p->flags |= PF_BUILTIN;
	if (fa->job)
		p->flags |= PF_JOB;
	if (!fa->exe)
		p->flags |= PF_FORKNOEXEC;
	if (parent) {
		p->flags |= parent->flags & PF_PIDNS; /* CLONE_NEWPID aside, a child is in its parent's namespace */
		p->sid = parent->sid;
		p->uid = parent->uid;
		p->nice = parent->nice;
		p->sig_ignored = parent->sig_ignored;
		p->sig_blocked = parent->sig_blocked; /* the signal mask survives fork and exec */
		inherit_handlers(parent, p);
		link_child(s, parent, p);
		if (!file_fork(s, parent, p) || !mm_fork(s, parent, p))
			abort();
	}
	if (fa->set_nice)
		p->nice = (int8_t)fa->nice;
	/* Lottery tickets: given, or the parent's; init and the shell hold
	 * none (they stand outside the draw), so what they start gets the
	 * default. */
	p->tickets = fa->builtin ? 0 : fa->tickets > 0 ? fa->tickets
		   : parent && parent->tickets > 0 ? parent->tickets : SCHED_DEFAULT_TICKETS;
	if (s->sched.policy->spawned)
		s->sched.policy->spawned(s, p, fa);
	if (fa->exe)
		mm_exec(s, p, fa);
	s->pid_slot[pid] = (int32_t)x + 1;
	s->nprocs++;
	if (!fa->builtin)
		s->nuser++;
	if (s->shell != NIL && s->first_arrival < 0)
		s->first_arrival = s->clock; /* the first process of the scenario */
	if (s->nprocs > s->peak_procs)
		s->peak_procs = s->nprocs;
	return p;
}

/* copy_process with CLONE_THREAD (pthread_create): a task with a TID from
 * the PID map, in caller's thread group: it shares the process's
 * descriptors (the same table: CLONE_FILES), memory (CLONE_VM: counted once,
 * in the leader) and signal handling (CLONE_SIGHAND: signals go to the
 * process, kernel/signal.c's complete_signal, and its handlers are the
 * leader's); it has its own state, wait channel, mask and CPU time. It is
 * not a child of anyone: wait4 never sees it. */
struct proc *proc_clone_thread(struct sim *s, struct proc *caller, int *err)
{
	int pid = alloc_pid(s);
	slot_t x = pid < 0 ? NIL : alloc_slot(s);
	if (x == NIL) {
		*err = K_EAGAIN;
		return NULL;
	}
	struct proc *leader = proc_leader(s, caller);
	struct proc *t = P(s, x);
	memset(t, 0, sizeof *t);
	memset(proc_image(s, t), 0, s->uops->image_size);
	t->self = x;
	t->leader = leader->self;
	t->thread_next = NIL;
	t->pid = pid;
	t->pgid = leader->pgid;
	t->sid = leader->sid;
	t->uid = leader->uid;
	t->parent = t->first_child = t->last_child = t->sib_next = t->sib_prev = NIL;
	t->prev = t->next = NIL;
	t->name = leader->name;
	t->cmdline = leader->cmdline;
	t->state = 'R';
	t->place = PL_NEW;
	t->cpu = -1;
	t->timer = -1;
	t->until = -1;
	t->child_wait.wchan = WCHAN_CHILD;
	t->child_wait.obj = -1;
	plist_init(&t->child_wait.members);
	t->start_tick = t->since = s->clock;
	t->first_run = -1;
	t->rq_index = -1;
	t->demand = -1;
	t->mm.exe = -1;
	t->flags = (leader->flags & (PF_BUILTIN | PF_PIDNS)) | PF_FORKNOEXEC; /* never exec'd: ps's F 1 */
	t->nice = caller->nice;
	t->sig_blocked = caller->sig_blocked; /* a new thread's mask is its creator's */
	t->files = leader->files;
	t->tickets = leader->tickets;
	struct fork_args fa = {.comm = t->name, .demand = -1};
	if (s->sched.policy->spawned)
		s->sched.policy->spawned(s, t, &fa);
	/* the newest thread last, as /proc/PID/task lists them by TID */
	slot_t *link = &leader->thread_next;
	while (*link != NIL)
		link = &P(s, *link)->thread_next;
	*link = x;
	s->pid_slot[pid] = (int32_t)x + 1;
	s->nthreads++;
	return t;
}

/* The threads of p's group other than p; visit may free the one it is given. */
static void for_each_other_thread(struct sim *s, struct proc *p, void (*visit)(struct sim *, struct proc *))
{
	for (slot_t x = proc_leader(s, p)->self; x != NIL;) {
		struct proc *t = P(s, x);
		x = t->thread_next;
		if (t != p)
			visit(s, t);
	}
}

static void unplace(struct sim *s, struct proc *p);

/* release_task for a thread: no zombie, nobody to tell (exit_signal -1). */
void proc_thread_exit(struct sim *s, struct proc *t)
{
	unplace(s, t);
	struct proc *leader = proc_leader(s, t);
	slot_t *link = &leader->thread_next;
	while (*link != t->self)
		link = &P(s, *link)->thread_next;
	*link = t->thread_next;
	if (!kernel_event_skip(s)) {
		struct sim_event ev = {.kind = EV_THREAD_EXIT, .pid = t->pid, .ppid = leader->pid, .name = t->name};
		kernel_emit(s, &ev);
	}
	/* its CPU time stays the process's (__exit_signal: sig->utime +=) */
	leader->dead_threads_cpu += t->cpu_ticks;
	s->uops->release(s->uctx, t, proc_image(s, t));
	s->pid_slot[t->pid] = 0;
	s->nthreads--;
	t->files = NULL;
	t->place = PL_FREE;
	t->state = 0;
	t->next = s->free_slots;
	s->free_slots = t->self;
}

/* fork's second half: told as part of the clone call that made it. */
void kernel_wake_new_task(struct sim *s, struct proc *p)
{
	if (proc_is_thread(p)) {
		if (!kernel_event_skip(s)) {
			struct sim_event ev = {.kind = EV_THREAD, .pid = p->pid, .ppid = proc_leader(s, p)->pid,
					       .name = p->name, .syscall = "clone3"};
			kernel_emit(s, &ev);
		}
		proc_make_runnable(s, p);
		return;
	}
	if (!kernel_event_skip(s)) {
		struct sim_event ev = {.kind = EV_SPAWN, .pid = p->pid, .ppid = proc_ppid(s, p), .name = p->name,
				       .syscall = syscall_name(p->sleep_call == SYS_VFORK ? SYS_VFORK : SYS_FORK)};
		if (s->sink) /* figures only someone will read */
			mm_event_figures(s, p, &ev);
		kernel_emit(s, &ev);
	}
	proc_make_runnable(s, p);
}

void proc_acct_leave(struct sim *s, struct proc *p)
{
	int64_t d = s->clock - p->since;
	switch (p->place) {
	case PL_RUNQ: p->wait_ticks += d; break;
	case PL_WAITQ: p->sleep_ticks += d; break;
	case PL_STOPPED: p->stopped_ticks += d; break;
	default: break;
	}
	p->since = s->clock;
}

void proc_make_runnable(struct sim *s, struct proc *p)
{
	enum enqueue_why why = p->place == PL_NEW && p->first_run < 0 ? ENQ_NEW
			     : p->place == PL_STOPPED ? ENQ_CONTINUED : ENQ_WAKEUP;
	proc_acct_leave(s, p);
	p->state = 'R';
	p->place = PL_RUNQ;
	s->sched.policy->enqueue(s, p, why);
	if (s->sched.policy->preemptive)
		kernel_check_preempt(s, p);
}

void proc_leave_cpu(struct sim *s, struct proc *p)
{
	if (p->place != PL_CPU)
		return;
	s->cpus[p->cpu].curr = NIL;
	s->cpus[p->cpu].claimed = false;
	p->place = PL_NEW; /* transient: the caller puts it somewhere */
}

/* Removes p from whatever list it is on (not from a CPU). */
/* do_coredump: a signal whose default action is Core writes a core file,
 * and the status says so (WCOREDUMP, bash's "(core dumped)"), only when
 * RLIMIT_CORE allows one; Debian's default `ulimit -c` is 0: no core
 * (measured: status 11, bash's "Segmentation fault", tests/truth/segfault.py). */
static bool dumps_core(const struct sim *s, int sig) { return sig > 0 && s->cfg.core_dumps && sig_dumps_core(sig); }

static void unplace(struct sim *s, struct proc *p)
{
	switch (p->place) {
	case PL_RUNQ: s->sched.policy->dequeue(s, p); break;
	case PL_WAITQ: plist_remove(s, &p->chan->members, p->self); p->chan = NULL; break;
	case PL_STOPPED: plist_remove(s, &s->stopped, p->self); break;
	case PL_CPU: proc_leave_cpu(s, p); break;
	default: break;
	}
	proc_acct_leave(s, p);
	timer_cancel(s, p);
	p->place = PL_NEW;
}

void proc_sleep(struct sim *s, struct proc *p, struct waitq *q, char state, int64_t until, int wait_pid)
{
	proc_leave_cpu(s, p);
	p->nvcsw++;
	p->since = s->clock;
	p->state = (uint8_t)state;
	p->place = PL_WAITQ;
	p->chan = q;
	p->wait_pid = wait_pid;
	p->until = until;
	p->sleep_call = s->in_syscall;
	plist_push_tail(s, &q->members, p->self);
	if (until >= 0)
		timer_arm(s, p, until);
	if (kernel_event_skip(s))
		return;
	struct sim_event ev = {.kind = EV_SLEEP, .pid = p->pid, .state = state, .wchan = q->wchan,
			       .until = until, .wait_pid = wait_pid, .object = q->object};
	if (q == &p->child_wait && wait_pid)
		ev.wchan = until >= 0 ? WCHAN_CHILD_POLL : WCHAN_CHILD_PID;
	kernel_emit(s, &ev);
}

void proc_wake(struct sim *s, struct proc *p, enum wake_reason why)
{
	if (p->place != PL_WAITQ)
		return;
	plist_remove(s, &p->chan->members, p->self);
	p->chan = NULL;
	timer_cancel(s, p);
	p->until = -1;
	p->wait_pid = 0;
	if (!kernel_event_skip(s)) {
		struct sim_event ev = {.kind = EV_WAKE, .pid = p->pid, .reason = why};
		kernel_emit(s, &ev);
	}
	proc_make_runnable(s, p);
}

void proc_waitq_wake_all(struct sim *s, struct waitq *q, enum wake_reason why)
{
	while (q->members.head != NIL)
		proc_wake(s, P(s, q->members.head), why);
}

int proc_waitq_wake(struct sim *s, struct waitq *q, int n, enum wake_reason why)
{
	int woken = 0;
	for (; woken < n && q->members.head != NIL; woken++)
		proc_wake(s, P(s, q->members.head), why);
	return woken;
}

/* __wake_up_parent with child_wait_callback: a parent in waitpid(pid) is
 * woken only by that child; one in wait() by any. */
static void wake_child_waiters(struct sim *s, struct proc *parent, const struct proc *child)
{
	slot_t x = parent->child_wait.members.head;
	while (x != NIL) {
		struct proc *w = P(s, x);
		x = w->next;
		if (w->wait_pid == 0 || w->wait_pid == child->pid)
			proc_wake(s, w, WAKE_CHILD);
	}
}

/* A group stop: every thread of the process stops with it (do_signal_stop),
 * and continues with it; a sleep it was in is restarted (-ERESTARTSYS). */
static void stop_thread(struct sim *s, struct proc *t)
{
	if (t->place == PL_STOPPED)
		return;
	unplace(s, t);
	t->nvcsw++;
	t->state = 'T';
	t->place = PL_STOPPED;
	plist_push_tail(s, &s->stopped, t->self);
}

static void continue_thread(struct sim *s, struct proc *t)
{
	if (t->place != PL_STOPPED || t->state == 't')
		return;
	plist_remove(s, &s->stopped, t->self);
	proc_make_runnable(s, t);
}

/* zap_other_threads: exit_group, a fatal signal or execve ends every other
 * thread of p's process at once; the process goes on as its leader. */
static struct proc *zap_other_threads(struct sim *s, struct proc *p)
{
	struct proc *leader = proc_leader(s, p);
	if (leader->thread_next != NIL)
		for_each_other_thread(s, leader, proc_thread_exit);
	return leader;
}

void proc_stop(struct sim *s, struct proc *p, int sig)
{
	p = proc_leader(s, p);
	for_each_other_thread(s, p, stop_thread);
	unplace(s, p);
	p->nvcsw++;
	p->state = 'T';
	p->place = PL_STOPPED;
	plist_push_tail(s, &s->stopped, p->self);
	p->stop_sig = (int8_t)sig;
	p->flags = (uint8_t)((p->flags & ~PF_CONT_NEWS) | PF_STOP_NEWS);
	struct sim_event ev = {.kind = EV_STOP, .pid = p->pid, .sig = sig};
	kernel_emit(s, &ev);
	/* do_notify_parent_cldstop: SIGCHLD to the parent, and a wake-up for a
	 * parent in waitpid(WUNTRACED), which is how the shell learns of Ctrl+Z. */
	struct proc *parent = proc_parent(s, p);
	if (parent) {
		wake_child_waiters(s, parent, p);
		ksignal_send(s, 0, parent, SIG_CHLD);
	}
}

/* wait_for_vfork_done: the parent of a vfork child sleeps (TASK_KILLABLE,
 * ps's D) until the child gives back the memory they share, by its exec or
 * its exit (complete_vfork_done, from mm_release). */
int proc_vfork_wait(struct sim *s, struct proc *p, int pid)
{
	struct proc *c = proc_by_pid(s, pid);
	if (!c || c->parent != p->self || c->state == 'Z' || !(c->flags & PF_FORKNOEXEC))
		return 0;
	proc_sleep(s, p, &s->vfork_q, 'D', -1, pid);
	return K_RESTART;
}

static void vfork_done(struct sim *s, const struct proc *c)
{
	struct proc *parent = proc_parent(s, c);
	if (parent && parent->place == PL_WAITQ && parent->chan == &s->vfork_q && parent->wait_pid == c->pid)
		proc_wake(s, parent, WAKE_CHILD);
}

/* execve: the same process, a new program: a new memory (exec_mmap), its
 * name and command line, the handlers back to their defaults while ignored
 * signals stay ignored (flush_signal_handlers), no descriptor but stdio
 * (CPython opens every other one O_CLOEXEC), and its PID, parent, children,
 * mask, pending signals and alarm kept. */
void proc_exec(struct sim *s, struct proc *p, const struct fork_args *fa)
{
	p = zap_other_threads(s, p); /* de_thread (a thread's execve: it takes the leader's PID; here the leader execs) */
	mm_exec(s, p, fa);
	file_exit(s, p);
	p->name = fa->comm;
	p->cmdline = fa->comm;
	p->flags &= (uint8_t)~PF_FORKNOEXEC;
	p->sig_handled = 0;
	free(p->handler);
	p->handler = NULL;
	struct sim_event ev = {.kind = EV_EXEC, .pid = p->pid, .name = fa->comm};
	kernel_emit(s, &ev);
	vfork_done(s, p);
}

/* ptrace_attach (gdb -p PID): the tracer's SIGSTOP puts the tracee in a
 * tracing stop, t, asleep in ptrace_stop; a sleep it was in is abandoned
 * and restarted at the detach (restart_syscall), a job-control stop (T)
 * is kept for then. Its parent is not told: the tracer is. SIGCONT does
 * not end a tracing stop; SIGKILL does. A process in D stops only once
 * its I/O is done: here the attach is refused (false). */
bool proc_ptrace_attach(struct sim *s, struct proc *p)
{
	if (p->state == 'Z' || p->state == 't' || p->state == 'D' || p->place == PL_NEW)
		return false;
	bool was_stopped = p->state == 'T';
	unplace(s, p);
	if (!was_stopped) {
		p->nvcsw++;
		p->stop_sig = 0;
	}
	p->state = 't';
	p->place = PL_STOPPED;
	plist_push_tail(s, &s->stopped, p->self);
	struct sim_event ev = {.kind = EV_STOP, .pid = p->pid, .sig = SIG_STOP, .traced = true};
	kernel_emit(s, &ev);
	return true;
}

/* ptrace_detach: back to the stop it was in (T), or running. */
bool proc_ptrace_detach(struct sim *s, struct proc *p)
{
	if (p->state != 't')
		return false;
	if (p->stop_sig) {
		p->state = 'T';
		return true;
	}
	plist_remove(s, &s->stopped, p->self);
	struct sim_event ev = {.kind = EV_CONT, .pid = p->pid, .traced = true};
	kernel_emit(s, &ev);
	proc_make_runnable(s, p);
	return true;
}

void proc_continue(struct sim *s, struct proc *p)
{
	p = proc_leader(s, p);
	if (p->place != PL_STOPPED)
		return;
	for_each_other_thread(s, p, continue_thread);
	plist_remove(s, &s->stopped, p->self);
	p->flags = (uint8_t)((p->flags & ~PF_STOP_NEWS) | PF_CONT_NEWS);
	struct sim_event ev = {.kind = EV_CONT, .pid = p->pid};
	kernel_emit(s, &ev);
	proc_make_runnable(s, p);
	/* do_notify_parent_cldstop(CLD_CONTINUED): SIGCHLD, and a wake-up for a
	 * parent in waitpid(WCONTINUED), such as the shell. */
	struct proc *parent = proc_parent(s, p);
	if (parent) {
		wake_child_waiters(s, parent, p);
		ksignal_send(s, 0, parent, SIG_CHLD);
	}
}

/* find_new_reaper: the nearest living ancestor that is a child subreaper,
 * else init: the init of the dying process's PID namespace (a container's
 * PID 1, whose namespace the search does not leave), or the machine's. */
static struct proc *find_new_reaper(struct sim *s, struct proc *dying)
{
	for (struct proc *a = proc_parent(s, dying); a; a = proc_parent(s, a)) {
		if (a->self == s->init || a->self == s->ns_init)
			return a;
		if ((a->flags & PF_SUBREAPER) && a->state != 'Z')
			return a;
	}
	return P(s, s->init);
}

/* The zombie heap, ordered by child_seq: wait() reaps the first zombie in
 * the children list, as Linux's do_wait scans it. A zombie is in no run
 * queue, so its rq_index holds its position in the heap. */
static void zset(struct sim *s, struct proc *parent, int32_t i, slot_t x)
{
	parent->zheap[i] = x;
	P(s, x)->rq_index = i;
}

static bool zless(const struct sim *s, slot_t a, slot_t b) { return P(s, a)->child_seq < P(s, b)->child_seq; }

static void zup(struct sim *s, struct proc *parent, int32_t i)
{
	slot_t x = parent->zheap[i];
	while (i > 0 && zless(s, x, parent->zheap[(i - 1) / 2])) {
		zset(s, parent, i, parent->zheap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	zset(s, parent, i, x);
}

static void zdown(struct sim *s, struct proc *parent, int32_t i)
{
	slot_t x = parent->zheap[i];
	for (;;) {
		int32_t c = 2 * i + 1;
		if (c >= parent->nzheap)
			break;
		if (c + 1 < parent->nzheap && zless(s, parent->zheap[c + 1], parent->zheap[c]))
			c++;
		if (!zless(s, parent->zheap[c], x))
			break;
		zset(s, parent, i, parent->zheap[c]);
		i = c;
	}
	zset(s, parent, i, x);
}

static void zombie_insert(struct sim *s, struct proc *parent, struct proc *z)
{
	if (parent->nzheap == parent->capzheap) {
		int32_t cap = parent->capzheap ? parent->capzheap * 2 : 4;
		slot_t *h = realloc(parent->zheap, sizeof *h * (size_t)cap);
		if (!h)
			abort();
		parent->zheap = h;
		parent->capzheap = cap;
	}
	z->place = PL_ZOMBIE;
	parent->zheap[parent->nzheap] = z->self;
	zup(s, parent, parent->nzheap++);
}

static void zombie_remove(struct sim *s, struct proc *parent, struct proc *z)
{
	int32_t i = z->rq_index;
	z->rq_index = -1;
	if (--parent->nzheap == i)
		return;
	zset(s, parent, i, parent->zheap[parent->nzheap]);
	if (i > 0 && zless(s, parent->zheap[i], parent->zheap[(i - 1) / 2]))
		zup(s, parent, i);
	else
		zdown(s, parent, i);
}

static void release(struct sim *s, struct proc *parent, struct proc *z, int by)
{
	if (!kernel_event_skip(s)) {
		struct sim_event ev = {.kind = EV_REAP, .pid = z->pid, .other = by,
				       .code = z->exit_status >= 0 ? z->exit_status : 0,
				       .sig = z->exit_status < 0 ? -z->exit_status : 0};
		kernel_emit(s, &ev);
	}
	if (parent)
		unlink_child(s, parent, z);
	s->pid_slot[z->pid] = 0;
	s->nprocs--;
	if (!(z->flags & PF_BUILTIN))
		s->nuser--;
	if (s->reaped) {
		if (s->nreaped == s->capreaped) {
			int64_t cap = s->capreaped * 2;
			struct proc_metrics *m = realloc(s->reaped, sizeof *m * (size_t)cap);
			if (!m)
				abort();
			s->reaped = m;
			s->capreaped = cap;
		}
		proc_record(s, z, &s->reaped[s->nreaped++], true);
	}
	free(z->zheap);
	z->zheap = NULL;
	z->nzheap = z->capzheap = 0;
	z->place = PL_FREE;
	z->next = s->free_slots;
	s->free_slots = z->self;
}

void proc_reap(struct sim *s, struct proc *parent, struct proc *z)
{
	zombie_remove(s, parent, z);
	s->nzombies--;
	release(s, parent, z, parent->pid);
}

struct proc *proc_first_zombie(const struct sim *s, const struct proc *parent)
{
	return parent->nzheap ? P(s, parent->zheap[0]) : NULL;
}

/* do_notify_parent: a zombie is announced to its (possibly new) parent. If
 * that parent ignores SIGCHLD, the kernel reaps the child itself (autoreap). */
static void notify_parent(struct sim *s, struct proc *parent, struct proc *z)
{
	if (parent->sig_ignored & (1u << SIG_CHLD)) {
		/* The waiter finds no child left and fails with ECHILD. */
		wake_child_waiters(s, parent, z);
		release(s, parent, z, 0);
		return;
	}
	zombie_insert(s, parent, z);
	if (++s->nzombies > s->peak_zombies)
		s->peak_zombies = s->nzombies;
	wake_child_waiters(s, parent, z);
	ksignal_send(s, 0, parent, SIG_CHLD);
}

/* zap_pid_ns_processes: a container's PID 1 exits, and its namespace goes
 * with it: the kernel sends SIGKILL to every other process in it, and the
 * dying init, which now ignores SIGCHLD, reaps its zombies at once (the
 * living ones die at their next return to user mode; procsim hands them
 * to the machine's init, which reaps them). */
static void zap_pid_ns_processes(struct sim *s, struct proc *ns_init)
{
	s->ns_init = NIL;
	for (int pid = 1; pid < s->cfg.pid_max; pid++) {
		struct proc *q = proc_by_pid(s, pid);
		if (q && q != ns_init && (q->flags & PF_PIDNS) && q->state != 'Z')
			ksignal_send(s, 0, q, SIG_KILL);
	}
	while (ns_init->nzheap) {
		struct proc *z = P(s, ns_init->zheap[0]);
		zombie_remove(s, ns_init, z);
		s->nzombies--;
		release(s, ns_init, z, 0);
	}
}

void proc_exit_begin(struct sim *s, struct proc *p, int code, int sig)
{
	kernel_charge(s, p, COST_EXIT);
	if (!kernel_owes_tick(s, p)) {
		proc_exit(s, p, code, sig);
		return;
	}
	p->exit_status = PROC_EXIT_PENDING | sig << 8 | code;
}

void proc_exit_finish(struct sim *s, struct proc *p)
{
	int code = p->exit_status & 0xFF, sig = (p->exit_status >> 8) & 0xFF;
	s->running = p;
	s->in_syscall = (int8_t)(sig ? -1 : SYS_EXIT); /* the trace names exit_group's end */
	proc_exit(s, p, code, sig);
	s->in_syscall = -1;
	s->running = NULL;
}

void proc_exit(struct sim *s, struct proc *p, int code, int sig)
{
	p = zap_other_threads(s, p); /* exit_group: the whole process goes */
	unplace(s, p);
	p->exit_status = sig ? -sig : code;
	p->exit_tick = s->clock;
	if (!(p->flags & PF_BUILTIN)) {
		s->completed++;
		s->last_exit = s->clock;
	}
	p->state = 'Z';
	p->place = PL_ZOMBIE;
	struct proc *parent = proc_parent(s, p);
	if (!kernel_event_skip(s)) {
		struct sim_event ev = {.kind = EV_EXIT, .pid = p->pid, .ppid = parent ? parent->pid : 0,
				       .code = code, .sig = sig, .core = dumps_core(s, sig),
				       .zombie = parent && !(parent->sig_ignored & (1u << SIG_CHLD))};
		kernel_emit(s, &ev);
	}
	/* do_exit: exit_mm releases the process's memory (its program's image
	 * too), exit_files closes its descriptors; only the process table entry
	 * (PID, status, times) stays until reaped. */
	s->uops->release(s->uctx, p, proc_image(s, p));
	mm_exit(s, p);
	vfork_done(s, p);
	file_exit(s, p);
	free(p->handler);
	p->handler = NULL;
	p->sig_pending = 0;
	if (p->flags & PF_ALARM)
		alarm_set(s, p, 0); /* exit_itimers */
	if (p->self == s->ns_init)
		zap_pid_ns_processes(s, p);
	if (p->pid == s->tty_session)
		tty_leader_exit(s, p); /* before exit_notify, as disassociate_ctty in do_exit */
	/* forget_original_parent: every child moves to the new reaper, in order;
	 * zombies among them are announced to it at once. */
	if (p->first_child != NIL) {
		struct proc *reaper = find_new_reaper(s, p);
		while (p->first_child != NIL) {
			struct proc *c = P(s, p->first_child);
			bool was_zombie = c->place == PL_ZOMBIE;
			if (was_zombie) {
				zombie_remove(s, p, c);
				s->nzombies--;
			}
			unlink_child(s, p, c);
			link_child(s, reaper, c);
			s->orphans_adopted++;
			struct sim_event rv = {.kind = EV_REPARENT, .pid = c->pid, .other = p->pid, .to = reaper->pid};
			kernel_emit(s, &rv);
			if (was_zombie)
				notify_parent(s, reaper, c);
		}
	}
	if (parent)
		notify_parent(s, parent, p);
}

void proc_record(struct sim *s, const struct proc *p, struct proc_metrics *m, bool reaped)
{
	memset(m, 0, sizeof *m);
	m->pid = p->pid;
	m->name = p->name;
	m->job = (p->flags & PF_JOB) != 0;
	m->builtin = (p->flags & PF_BUILTIN) != 0;
	m->nice = p->nice;
	m->demand = p->demand;
	m->arrival = p->start_tick;
	m->first_run = p->first_run;
	m->exit = p->state == 'Z' ? p->exit_tick : -1;
	m->reap = reaped ? s->clock : -1;
	m->cpu = p->cpu_ticks + p->dead_threads_cpu;
	m->thread_cpu = p->dead_threads_cpu;
	/* Time in the current place counts up to now. */
	int64_t open = s->clock - p->since;
	m->wait = p->wait_ticks + (p->place == PL_RUNQ ? open : 0);
	m->sleep = p->sleep_ticks + (p->place == PL_WAITQ ? open : 0);
	m->stopped = p->stopped_ticks + (p->place == PL_STOPPED ? open : 0);
	m->voluntary = p->nvcsw;
	m->involuntary = p->nivcsw;
	if (m->exit >= 0) {
		m->exit_code = p->exit_status >= 0 ? p->exit_status : 0;
		m->exit_signal = p->exit_status < 0 ? -p->exit_status : 0;
	}
	m->turnaround = m->exit >= 0 ? m->exit - m->arrival : -1;
	m->response = m->first_run >= 0 ? m->first_run - m->arrival : -1;
	m->zombie = m->reap >= 0 ? m->reap - m->exit : m->exit >= 0 ? s->clock - m->exit : -1;
}

/* wait4, as do_wait: the first zombie child (in child order) that matches,
 * reaped; or, with WUNTRACED/WCONTINUED, a child stopped or continued since
 * it was last reported; or nothing: ECHILD without such a child, 0 with
 * WNOHANG or past the deadline, else the caller sleeps on its child_wait
 * queue until a child changes state (__wake_up_parent). */
int proc_wait4(struct sim *s, struct proc *p, int pid, int options, int64_t deadline, struct wait_status *st)
{
	struct proc *c = NULL;
	if (pid > 0) {
		c = proc_by_pid(s, pid);
		if (!c || c->parent != p->self)
			return -K_ECHILD;
	} else if (p->nchildren == 0 && !(options & K_WSTAYCHILDLESS)) {
		return -K_ECHILD;
	}
	struct proc *z = pid > 0 ? (c->place == PL_ZOMBIE ? c : NULL) : proc_first_zombie(s, p);
	if (z) {
		*st = (struct wait_status){.pid = z->pid, .how = z->exit_status >= 0 ? 'x' : 'k',
					   .code = z->exit_status >= 0 ? z->exit_status : 0,
					   .sig = z->exit_status < 0 ? -z->exit_status : 0,
					   .core = z->exit_status < 0 && dumps_core(s, -z->exit_status)};
		proc_reap(s, p, z);
		return st->pid;
	}
	if (options & (K_WUNTRACED | K_WCONTINUED)) {
		uint8_t want = (uint8_t)(((options & K_WUNTRACED) ? PF_STOP_NEWS : 0) |
					 ((options & K_WCONTINUED) ? PF_CONT_NEWS : 0));
		for (slot_t x = pid > 0 ? c->self : p->first_child; x != NIL; x = pid > 0 ? NIL : P(s, x)->sib_next) {
			struct proc *k = P(s, x);
			if (!(k->flags & want))
				continue;
			bool stopped = (k->flags & want & PF_STOP_NEWS) != 0;
			*st = (struct wait_status){.pid = k->pid, .how = stopped ? 's' : 'c', .sig = stopped ? k->stop_sig : 0};
			k->flags &= (uint8_t)~(PF_STOP_NEWS | PF_CONT_NEWS);
			return k->pid;
		}
	}
	if ((options & K_WNOHANG) || (deadline >= 0 && s->clock >= deadline))
		return 0;
	proc_sleep(s, p, &p->child_wait, 'S', deadline, pid > 0 ? pid : 0);
	return K_RESTART;
}

void proc_free_all(struct sim *s)
{
	for (uint32_t x = 0; x < s->nslots; x++) {
		struct proc *p = P(s, x);
		if (p->place == PL_FREE)
			continue;
		if (p->state != 'Z' && s->uops)
			s->uops->release(s->uctx, p, proc_image(s, p));
		free(p->zheap);
		free(p->handler);
		if (!proc_is_thread(p)) /* a thread's table is its process's */
			free(p->files);
		free(p->mm.more);
	}
	for (int c = 0; c < MAX_CHUNKS && s->chunks[c]; c++)
		free(s->chunks[c]);
}

/* ---- what /proc would tell (kernel.h) ------------------------------------------ */

int task_pid(const struct proc *t) { return t->pid; }
int task_ppid(const struct sim *s, const struct proc *t) { return proc_ppid(s, t); }
int task_pgid(const struct proc *t) { return t->pgid; }
const char *task_comm(const struct proc *t) { return t->name; }
char task_state(const struct proc *t) { return (char)t->state; }
int64_t task_start(const struct proc *t) { return t->start_tick; }
bool task_has_zombies(const struct proc *t) { return t->nzheap > 0; }
void *task_image(const struct sim *s, const struct proc *t) { return proc_image(s, t); }
int64_t kernel_clock(const struct sim *s) { return s->clock; }
int kernel_cpus(const struct sim *s) { return s->ncpus; }

struct proc *kernel_task(const struct sim *s, int pid) { return proc_by_pid(s, pid); }
