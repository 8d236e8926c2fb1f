/* view_model.c: the interactive view's model, without curses: a snapshot of
 * the processes and the process table built from it (columns, %CPU over the
 * window, rows sorted or as a tree, cells). The other panes are in vm_*.c:
 * vm_header.c, vm_queues.c, vm_objects.c, vm_gantt.c, vm_log.c, vm_explain.c,
 * vm_layout.c; display widths and lines of text in vm_text.c. Every width is
 * a display width (wcwidth: a CJK character takes two columns), never a byte
 * count, so Chinese names and translations line up. */
#include "view_model_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "ps.h"
#include "sig.h"
#include "timefmt.h"

/* ---- the table ----------------------------------------------------------------------- */

const struct vm_column vm_columns[COL_COUNT] = {
	[COL_PID] = {N_("PID"), 5, true, 0, false, N_("process ID")},
	[COL_PPID] = {N_("PPID"), 5, true, 0, false, N_("the parent's process ID")},
	[COL_USER] = {N_("USER"), 7, false, 0, false, N_("the user it runs as: root, or the logged-in student"), true},
	[COL_PR] = {N_("PR"), 3, true, 0, false, N_("priority as top shows it: 20 + nice (mlfq: the queue level)")},
	[COL_NI] = {N_("NI"), 3, true, 0, false, N_("nice value")},
	[COL_VIRT] = {N_("VIRT"), 7, true, 0, true, N_("virtual memory in KiB: everything the process has mapped"), true},
	[COL_RES] = {N_("RES"), 6, true, 0, true, N_("resident memory in KiB: its pages in RAM, those it shares copy-on-write included"), true},
	[COL_SHR] = {N_("SHR"), 6, true, 0, true, N_("shared memory in KiB: its program file's pages (copy-on-write pages are not counted here)"), true},
	[COL_S] = {N_("S"), 1, false, 0, false, N_("state: R running or runnable, S sleeping, D disk sleep, T stopped, Z zombie")},
	[COL_CPU] = {N_("%CPU"), 5, true, 0, true, N_("share of one CPU over the last second")},
	[COL_MEM] = {N_("%MEM"), 4, true, 0, true, N_("RES as a share of the machine's memory"), true},
	[COL_TIME] = {N_("TIME+"), 9, true, 0, true, N_("CPU time used: minutes:seconds.hundredths")},
	[COL_WCHAN] = {N_("WCHAN"), 18, false, 1, false, N_("what the process waits for, in words")},
	[COL_COMMAND] = {N_("COMMAND"), 12, false, 4, false, N_("command name; [name] <defunct> for a zombie")},
};
_Static_assert(sizeof vm_columns / sizeof vm_columns[0] == COL_COUNT, "one entry per column");

#define WCHAN_MAX_WIDTH 26

void vm_init(struct vm *vm) { memset(vm, 0, sizeof *vm); }

void vm_fini(struct vm *vm)
{
	free(vm->procs);
	free(vm->rows);
	free(vm->cpu_pid);
	free(vm->cpu_ticks);
	free(vm->order);
	free(vm->kids);
	free(vm->kid_start);
	free(vm->tags);
	memset(vm, 0, sizeof *vm);
}

enum vm_role vm_state_role(const struct proc_info *p)
{
	switch (p->state) {
	case 'R': return p->on_cpu ? ROLE_STATE_RUN : ROLE_STATE_R;
	case 'S': return ROLE_STATE_S;
	case 'D': return ROLE_STATE_D;
	case 'T':
	case 't': return ROLE_STATE_T;
	case 'Z': return ROLE_STATE_Z;
	default: return ROLE_NORMAL;
	}
}

void vm_wchan_text(const struct sim *s, const struct proc_info *p, char *buf, size_t n)
{
	switch (p->state) {
	case 'R':
		if (p->on_cpu)
			snprintf(buf, n, _("on CPU%d"), p->cpu);
		else
			snprintf(buf, n, "%s", _("run queue"));
		return;
	case 'T': snprintf(buf, n, "%s", _("stopped")); return;
	case 't': snprintf(buf, n, "%s", _("tracing stop")); return;
	case 'Z':
		if (p->exit_sig) {
			const char *name = sig_name(p->exit_sig);
			snprintf(buf, n, _("killed by %s"), name ? name : "?");
		} else {
			snprintf(buf, n, _("exit code %d"), p->exit_code);
		}
		return;
	default: break;
	}
	switch (p->wchan) {
	case WCHAN_TIMER: snprintf(buf, n, _("sleep until t=%lld"), (long long)p->until); break;
	case WCHAN_DISK:
		if (p->until >= 0)
			snprintf(buf, n, _("disk until t=%lld"), (long long)p->until);
		else
			snprintf(buf, n, "%s", _("disk"));
		break;
	case WCHAN_TTY: snprintf(buf, n, "%s", _("input")); break;
	case WCHAN_CHILD: snprintf(buf, n, "%s", _("wait any child")); break;
	case WCHAN_CHILD_PID:
	case WCHAN_CHILD_POLL:
		if (p->until >= 0)
			snprintf(buf, n, _("wait PID %1$d until t=%2$lld"), p->wait_pid, (long long)p->until);
		else
			snprintf(buf, n, _("wait PID %d"), p->wait_pid);
		break;
	case WCHAN_JOIN_ALL: snprintf(buf, n, "%s", _("code ended: joins children")); break;
	case WCHAN_PAUSE: snprintf(buf, n, "%s", _("wait for a signal")); break;
	case WCHAN_VFORK: snprintf(buf, n, _("vfork: PID %d to exec"), p->wait_pid); break;
	case WCHAN_LOCK: snprintf(buf, n, _("lock %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_QUEUE_GET: snprintf(buf, n, _("get from %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_QUEUE_RLOCK: snprintf(buf, n, _("%s's read lock"), vmi_object_name(s, p->obj)); break;
	case WCHAN_QUEUE_PUT: snprintf(buf, n, _("put into full %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_QUEUE_JOIN: snprintf(buf, n, _("%s.join()"), vmi_object_name(s, p->obj)); break;
	case WCHAN_PIPE_RECV:
	case WCHAN_SOCKET_RECV: snprintf(buf, n, _("recv from %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POOL_TASK:
	case WCHAN_POOL_RLOCK: snprintf(buf, n, _("pool %s: a task"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POOL_RESULT: snprintf(buf, n, _("pool %s: results"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POOL_JOIN: snprintf(buf, n, _("pool %s: join"), vmi_object_name(s, p->obj)); break;
	/* CPython's threads (sim/user/thread.c): a Queue's feeder, Pool's handlers */
	case WCHAN_QUEUE_FEED: snprintf(buf, n, _("feeder: items of %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_THREAD_START: snprintf(buf, n, _("start %s's thread"), vmi_object_name(s, p->obj)); break;
	case WCHAN_THREAD_JOIN: snprintf(buf, n, _("join %s's thread"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POLL: snprintf(buf, n, _("pool %s: poll workers"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POOL_TASKQ: snprintf(buf, n, _("pool %s: task queue"), vmi_object_name(s, p->obj)); break;
	case WCHAN_POOL_OUTQ: snprintf(buf, n, _("pool %s: result pipe"), vmi_object_name(s, p->obj)); break;
	/* a Manager's server (sim/user/manager.c) and its clients */
	case WCHAN_PIPE_WRITE: snprintf(buf, n, _("full pipe of %s"), vmi_object_name(s, p->obj)); break;
	case WCHAN_ACCEPT: snprintf(buf, n, "%s", _("Manager: accept")); break;
	case WCHAN_MANAGER_STOP: snprintf(buf, n, "%s", _("Manager: until shutdown")); break;
	case WCHAN_MANAGER_GET: snprintf(buf, n, "%s", _("Manager: queue get")); break;
	case WCHAN_MANAGER_START: snprintf(buf, n, "%s", _("Manager: its address")); break;
	case WCHAN_MANAGER_REPLY: snprintf(buf, n, "%s", _("Manager: reply")); break;
	case WCHAN_MANAGER_REQUEST: snprintf(buf, n, "%s", _("Manager: a request")); break;
	default: snprintf(buf, n, "%s", wchan_name(p->wchan)); break;
	}
}

/* ---- %CPU: ticks on a CPU in the window, by PID ------------------------------------ */

static int window_ticks(const struct vm *vm)
{
	int64_t per_sec = 1000000 / (vmi_tick_us(vm) > 0 ? vmi_tick_us(vm) : 1);
	if (per_sec < 1)
		per_sec = 1;
	if (per_sec > HISTORY_TICKS_MAX - 1)
		per_sec = HISTORY_TICKS_MAX - 1;
	int64_t now = vmi_now(vm);
	return (int)(now < per_sec ? (now > 0 ? now : 0) : per_sec);
}

static bool cpu_map_add(struct vm *vm, int pid)
{
	unsigned mask = (unsigned)vm->cpu_cap - 1, i = ((unsigned)pid * 2654435761u) & mask;
	while (vm->cpu_pid[i] && vm->cpu_pid[i] != pid)
		i = (i + 1) & mask;
	vm->cpu_pid[i] = pid;
	vm->cpu_ticks[i]++;
	return true;
}

static int cpu_map_get(const struct vm *vm, int pid)
{
	if (!vm->cpu_cap)
		return 0;
	unsigned mask = (unsigned)vm->cpu_cap - 1, i = ((unsigned)pid * 2654435761u) & mask;
	while (vm->cpu_pid[i]) {
		if (vm->cpu_pid[i] == pid)
			return vm->cpu_ticks[i];
		i = (i + 1) & mask;
	}
	return 0;
}

static bool cpu_window_build(struct vm *vm)
{
	int ncpus = sim_cpus(vm->s);
	vm->cpu_window = window_ticks(vm);
	int need = 16;
	while (need < 2 * vm->cpu_window * ncpus + 16)
		need *= 2;
	if (need > vm->cpu_cap) {
		free(vm->cpu_pid);
		free(vm->cpu_ticks);
		vm->cpu_pid = calloc((size_t)need, sizeof *vm->cpu_pid);
		vm->cpu_ticks = calloc((size_t)need, sizeof *vm->cpu_ticks);
		vm->cpu_cap = vm->cpu_pid && vm->cpu_ticks ? need : 0;
		if (!vm->cpu_cap)
			return false;
	} else {
		memset(vm->cpu_pid, 0, sizeof *vm->cpu_pid * (size_t)vm->cpu_cap);
		memset(vm->cpu_ticks, 0, sizeof *vm->cpu_ticks * (size_t)vm->cpu_cap);
	}
	int64_t now = vmi_now(vm);
	for (int64_t t = now - vm->cpu_window; t < now; t++)
		for (int c = 0; c < ncpus; c++) {
			struct history_cpu x;
			if (history_cpu_at(vm->h, t, c, &x) && x.pid && cpu_use_busy(x.use)) {
				/* the process's row counts every thread's ticks, and so
				 * does its main thread's row under H, as top reads it
				 * from /proc/PID/stat (ps_time_ticks); another thread's
				 * row its own */
				cpu_map_add(vm, x.tgid);
				if (x.pid != x.tgid)
					cpu_map_add(vm, x.pid);
			}
		}
	return true;
}

double vm_cpu_percent(const struct vm *vm, int pid)
{
	if (vm->cpu_window <= 0)
		return 0.0;
	return 100.0 * cpu_map_get(vm, pid) / vm->cpu_window;
}

/* ---- ordering ------------------------------------------------------------------------ */

static const struct vm *sort_vm; /* qsort has no context argument in C11 */

/* top's PR: 20 + nice; under mlfq the queue level says more. */
static int pr_value(const struct vm *vm, const struct proc_info *p)
{
	return strcmp(sim_sched_params(vm->s)->policy, "mlfq") == 0 ? p->level : 20 + p->nice;
}

static int state_rank(const struct proc_info *p)
{
	if (p->state == 'R')
		return p->on_cpu ? 0 : 1;
	const char *order = "DSTZ", *at = strchr(order, p->state);
	return at ? 2 + (int)(at - order) : 9;
}

static int cmp_procs(const struct vm *vm, int a, int b)
{
	const struct proc_info *x = &vm->procs[a], *y = &vm->procs[b];
	int64_t d = 0;
	switch (vm->set.sort) {
	case COL_PID: d = x->pid - y->pid; break;
	case COL_PPID: d = x->ppid - y->ppid; break;
	case COL_PR: d = pr_value(vm, x) - pr_value(vm, y); break;
	case COL_NI: d = x->nice - y->nice; break;
	case COL_USER: d = strcmp(ps_user(x), ps_user(y)); break;
	case COL_VIRT: d = x->virt_kib < y->virt_kib ? -1 : x->virt_kib > y->virt_kib; break;
	case COL_RES:
	case COL_MEM: d = x->res_kib < y->res_kib ? -1 : x->res_kib > y->res_kib; break;
	case COL_SHR: d = x->shr_kib < y->shr_kib ? -1 : x->shr_kib > y->shr_kib; break;
	case COL_S: d = state_rank(x) - state_rank(y); break;
	case COL_CPU: d = cpu_map_get(vm, x->pid) - cpu_map_get(vm, y->pid); break;
	case COL_TIME: d = ps_time_ticks(x) - ps_time_ticks(y); break;
	case COL_WCHAN: {
		char wa[128], wb[128];
		vm_wchan_text(vm->s, x, wa, sizeof wa);
		vm_wchan_text(vm->s, y, wb, sizeof wb);
		d = strcmp(wa, wb);
		break;
	}
	case COL_COMMAND: d = strcmp(x->name, y->name); break;
	default: break;
	}
	bool desc = vm_columns[vm->set.sort].desc != vm->set.reverse;
	if (d != 0)
		return (d < 0) != desc ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid; /* ties: by PID, always ascending */
}

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_index(const void *a, const void *b) { return cmp_procs(sort_vm, *(const int *)a, *(const int *)b); }

int vmi_index_of_pid(const struct vm *vm, int pid)
{
	int lo = 0, hi = vm->nprocs - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (vm->procs[mid].pid == pid)
			return mid;
		if (vm->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

const char *vmi_proc_name(const struct vm *vm, int pid)
{
	int i = vmi_index_of_pid(vm, pid);
	if (i < 0 && !vm->set.threads) /* a thread on a CPU without H: its process's name */
		i = vmi_index_of_pid(vm, snapshot_tgid(vm->s, pid));
	return i >= 0 ? vm->procs[i].name : "?";
}

static bool grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return true;
	int cap2 = *cap ? *cap : 64;
	while (cap2 < need)
		cap2 *= 2;
	void *n = realloc(*p, size * (size_t)cap2);
	if (!n)
		return false;
	*p = n;
	*cap = cap2;
	return true;
}

/* Parents above their children, as ps -ejH and htop's tree: depth-first from
 * the processes without a parent in the table (init), siblings in sort order. */
static void order_tree(struct vm *vm)
{
	int n = vm->nprocs;
	int *parent = vm->order; /* reused: parent index of each process */
	for (int i = 0; i < n; i++) {
		const struct proc_info *q = &vm->procs[i];
		int up = q->tgid != q->pid ? q->tgid : q->ppid; /* a thread under its process, as htop's tree */
		parent[i] = up != q->pid ? vmi_index_of_pid(vm, up) : -1;
	}
	/* children lists by counting: kid_start[p]..kid_start[p+1]; roots under n */
	for (int i = 0; i <= n + 1; i++)
		vm->kid_start[i] = 0;
	for (int i = 0; i < n; i++)
		vm->kid_start[(parent[i] < 0 ? n : parent[i]) + 1]++;
	for (int i = 0; i <= n; i++)
		vm->kid_start[i + 1] += vm->kid_start[i];
	/* place children: use rows[].proc as a cursor array temporarily */
	for (int i = 0; i <= n; i++)
		vm->rows[i].depth = vm->kid_start[i];
	for (int i = 0; i < n; i++) {
		int p = parent[i] < 0 ? n : parent[i];
		vm->kids[vm->rows[p].depth++] = i;
	}
	sort_vm = vm;
	for (int p = 0; p <= n; p++) {
		int a = vm->kid_start[p], b = vm->kid_start[p + 1];
		if (b - a > 1)
			qsort(vm->kids + a, (size_t)(b - a), sizeof *vm->kids, cmp_index);
	}
	/* depth-first, with an explicit stack of (parent, next child position) */
	int *stack_p = parent; /* parent[] is no longer needed: reuse as the stack */
	int *stack_at = malloc(sizeof *stack_at * (size_t)(n + 1));
	if (!stack_at) {
		for (int i = 0; i < n; i++)
			vm->rows[i] = (struct vm_row){i, 0, 0, false};
		vm->nrows = n;
		return;
	}
	int sp = 0, out = 0;
	uint64_t more = 0;
	stack_p[sp] = n;
	stack_at[sp] = vm->kid_start[n];
	sp++;
	while (sp > 0 && out < n) {
		int p = stack_p[sp - 1];
		if (stack_at[sp - 1] == vm->kid_start[p + 1]) {
			sp--;
			continue;
		}
		int at = stack_at[sp - 1]++;
		int child = vm->kids[at];
		bool last = at + 1 == vm->kid_start[p + 1];
		int depth = sp - 1;
		if (depth >= 1 && depth < 64) {
			if (last)
				more &= ~(UINT64_C(1) << depth);
			else
				more |= UINT64_C(1) << depth;
		}
		vm->rows[out++] = (struct vm_row){child, depth, more, last};
		if (vm->kid_start[child] != vm->kid_start[child + 1] && sp <= n) {
			stack_p[sp] = child;
			stack_at[sp] = vm->kid_start[child];
			sp++;
		}
	}
	vm->nrows = out;
	free(stack_at);
}

bool vm_col_hideable(enum vm_col c) { return c != COL_COMMAND; }

/* Tags of processes that are gone (reaped) go with them. */
static void prune_tags(struct vm *vm)
{
	for (int i = 0; i < vm->ntags;)
		if (vmi_index_of_pid(vm, vm->tags[i]) < 0)
			vm->tags[i] = vm->tags[--vm->ntags];
		else
			i++;
}

/* Is pid `root` or one of its ancestors? (init is its own root) */
static bool descends(const struct vm *vm, int pid, int root)
{
	for (int depth = 0; depth < 4096; depth++) {
		if (pid == root)
			return true;
		int i = vmi_index_of_pid(vm, pid);
		if (i < 0)
			return false;
		const struct proc_info *q = &vm->procs[i];
		int up = q->tgid != q->pid ? q->tgid : q->ppid; /* a thread: its process */
		if (up == pid || up <= 0)
			return false;
		pid = up;
	}
	return false;
}

static bool shown(const struct vm *vm, const struct proc_info *p);

static void compute_columns(struct vm *vm)
{
	int pid_digits = 1;
	for (int m = sim_scenario(vm->s)->pid_max - 1; m >= 10; m /= 10)
		pid_digits++;
	int total = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		int w = vm_columns[c].min;
		int tw = vm_width(_(vm_columns[c].title));
		if (tw > w)
			w = tw;
		if ((c == COL_PID || c == COL_PPID) && pid_digits > w)
			w = pid_digits;
		if ((vm_columns[c].wide && vm->width < VM_WIDE_COLUMNS) || (vm->set.hidden >> c & 1 && vm_col_hideable(c)))
			w = 0; /* hidden, with its separator */
		vm->col_w[c] = w;
		total += w + (c > 0 && w > 0);
	}
	int extra = vm->width - total;
	if (extra > 0) {
		int wchan_more = WCHAN_MAX_WIDTH - vm->col_w[COL_WCHAN];
		int give = extra / 5;
		if (give > wchan_more)
			give = wchan_more > 0 ? wchan_more : 0;
		if (!vm->col_w[COL_WCHAN])
			give = 0; /* hidden by F2 */
		vm->col_w[COL_WCHAN] += give;
		vm->col_w[COL_COMMAND] += extra - give;
	} else if (extra < 0) {
		vm->col_w[COL_COMMAND] += extra; /* narrower than the minimum: cut COMMAND */
		if (vm->col_w[COL_COMMAND] < 1)
			vm->col_w[COL_COMMAND] = 1;
	}
	int x = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		vm->col_x[c] = x;
		x += vm->col_w[c] + (vm->col_w[c] > 0);
	}
}

bool vm_build(struct vm *vm, const struct history *h, const struct vm_settings *set, int width)
{
	vm->h = h;
	vm->s = history_sim(h);
	vm->set = *set;
	vm->width = width;
	snapshot_counts(vm->s, &vm->counts);
	snapshot_memory(vm->s, &vm->mem);
	int n = set->threads ? vm->counts.threads : vm->counts.total;
	if (!grow((void **)&vm->procs, &vm->capprocs, n + 1, sizeof *vm->procs))
		return false;
	int cap = vm->capprocs;
	/* rows, order, kids and kid_start all hold up to n + 2 entries */
	if (cap > (int)vm->tree_scratch_cap) {
		struct vm_row *r = realloc(vm->rows, sizeof *r * (size_t)(cap + 2));
		if (r)
			vm->rows = r;
		int *o = realloc(vm->order, sizeof *o * (size_t)(cap + 2));
		if (o)
			vm->order = o;
		int *k = realloc(vm->kids, sizeof *k * (size_t)(cap + 2));
		if (k)
			vm->kids = k;
		int *ks = realloc(vm->kid_start, sizeof *ks * (size_t)(cap + 2));
		if (ks)
			vm->kid_start = ks;
		if (!r || !o || !k || !ks)
			return false;
		vm->tree_scratch_cap = cap;
	}
	vm->nprocs = set->threads ? snapshot_tasks(vm->s, vm->procs, n) : snapshot_procs(vm->s, vm->procs, n);
	if (vm->nprocs > n)
		vm->nprocs = n;
	if (set->threads) /* by process, then thread: by PID (TID) for vmi_index_of_pid */
		qsort(vm->procs, (size_t)vm->nprocs, sizeof *vm->procs, by_pid);
	ps_apply_names(vm->procs, vm->nprocs, set->real_names ? PS_NAMES_REAL : PS_NAMES_PROGRAM);
	if (!cpu_window_build(vm))
		return false;
	compute_columns(vm);
	prune_tags(vm);
	if (vm->set.tree) {
		order_tree(vm);
	} else {
		for (int i = 0; i < vm->nprocs; i++)
			vm->order[i] = i;
		if (vm->set.sort != COL_PID || vm->set.reverse) {
			sort_vm = vm;
			qsort(vm->order, (size_t)vm->nprocs, sizeof *vm->order, cmp_index);
		}
		for (int i = 0; i < vm->nprocs; i++)
			vm->rows[i] = (struct vm_row){vm->order[i], 0, 0, false};
		vm->nrows = vm->nprocs;
	}
	/* htop's filter (F4) and user (u) keep the order and drop the others;
	 * the tree keeps its shape, as htop's does. */
	int out = 0;
	for (int r = 0; r < vm->nrows; r++)
		if (shown(vm, &vm->procs[vm->rows[r].proc]))
			vm->rows[out++] = vm->rows[r];
	vm->nrows = out;
	return true;
}

/* ---- search, filter and tags (htop's /, \, Space, c, U) ------------------------- */

bool vm_name_matches(const char *name, const char *text)
{
	size_t n = strlen(text);
	if (!n)
		return true;
	for (const char *s = name; *s; s++)
		if (strncasecmp(s, text, n) == 0)
			return true;
	return false;
}

static bool shown(const struct vm *vm, const struct proc_info *p)
{
	return vm_name_matches(p->name, vm->set.filter) && (!vm->set.only_user || p->uid == vm->set.uid);
}

int vm_search(const struct vm *vm, int from, const char *text)
{
	if (!*text || vm->nrows == 0)
		return -1;
	if (from < 0 || from >= vm->nrows)
		from = 0;
	for (int k = 0; k < vm->nrows; k++) {
		int r = (from + k) % vm->nrows;
		if (vm_name_matches(vm_row_proc(vm, r)->name, text))
			return r;
	}
	return -1;
}

bool vm_tagged(const struct vm *vm, int pid)
{
	for (int i = 0; i < vm->ntags; i++)
		if (vm->tags[i] == pid)
			return true;
	return false;
}

bool vm_tag(struct vm *vm, int pid, bool on)
{
	for (int i = 0; i < vm->ntags; i++)
		if (vm->tags[i] == pid) {
			if (!on)
				vm->tags[i] = vm->tags[--vm->ntags];
			return true;
		}
	if (!on)
		return true;
	if (!grow((void **)&vm->tags, &vm->captags, vm->ntags + 1, sizeof *vm->tags))
		return false;
	vm->tags[vm->ntags++] = pid;
	return true;
}

/* htop's c: the process and every descendant, found by parent PID over the
 * whole snapshot (hidden rows too, as htop tags a collapsed subtree). */
int vm_tag_tree(struct vm *vm, int pid)
{
	int n = 0;
	if (vmi_index_of_pid(vm, pid) < 0 || !vm_tag(vm, pid, true))
		return 0;
	n++;
	for (int i = 0; i < vm->nprocs; i++) {
		int q = vm->procs[i].pid;
		if (q != pid && descends(vm, q, pid) && !vm_tagged(vm, q)) {
			if (!vm_tag(vm, q, true))
				break;
			n++;
		}
	}
	return n;
}

void vm_untag_all(struct vm *vm) { vm->ntags = 0; }

int vm_find_pid(const struct vm *vm, int pid)
{
	for (int i = 0; i < vm->nrows; i++)
		if (vm->procs[vm->rows[i].proc].pid == pid)
			return i;
	return -1;
}

const struct proc_info *vm_row_proc(const struct vm *vm, int row)
{
	return row >= 0 && row < vm->nrows ? &vm->procs[vm->rows[row].proc] : NULL;
}

static void tree_prefix(const struct vm_row *r, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int d = 1; d < r->depth && d < 64; d++) {
		const char *g = (r->more >> d) & 1 ? vmi_glyph(G_VBAR) : "   ";
		size_t k = strlen(g);
		if (at + k >= n)
			break;
		memcpy(buf + at, g, k + 1);
		at += k;
	}
	if (r->depth > 0) {
		const char *g = r->last ? vmi_glyph(G_CORNER) : vmi_glyph(G_TEE);
		size_t k = strlen(g);
		if (at + k < n)
			memcpy(buf + at, g, k + 1);
	}
}

void vm_cell(const struct vm *vm, int row, enum vm_col col, char *buf, size_t n)
{
	const struct proc_info *p = vm_row_proc(vm, row);
	if (!p) {
		buf[0] = '\0';
		return;
	}
	switch (col) {
	case COL_PID: snprintf(buf, n, "%d", p->pid); break;
	case COL_PPID: snprintf(buf, n, "%d", p->ppid); break;
	case COL_PR: snprintf(buf, n, "%d", pr_value(vm, p)); break;
	case COL_NI: snprintf(buf, n, "%d", p->nice); break;
	case COL_USER: snprintf(buf, n, "%s", ps_user(p)); break;
	case COL_VIRT: snprintf(buf, n, "%lld", (long long)p->virt_kib); break;
	case COL_RES: snprintf(buf, n, "%lld", (long long)p->res_kib); break;
	case COL_SHR: snprintf(buf, n, "%lld", (long long)p->shr_kib); break;
	case COL_MEM: snprintf(buf, n, "%.1f", vm->mem.total ? 100.0 * (double)p->res_kib / (double)vm->mem.total : 0.0); break;
	case COL_S: snprintf(buf, n, "%c", p->state); break;
	case COL_CPU: snprintf(buf, n, "%.1f", vm_cpu_percent(vm, p->pid)); break;
	case COL_TIME: timefmt_cpu(ps_time_ticks(p), vmi_tick_us(vm), buf, n); break;
	case COL_WCHAN: vm_wchan_text(vm->s, p, buf, n); break;
	case COL_COMMAND: {
		char prefix[256] = "";
		if (vm->set.tree)
			tree_prefix(&vm->rows[row], prefix, sizeof prefix);
		char comm[32];
		if (p->state == 'Z' && vm->set.real_names) { /* no command line left: [comm], as procps prints it */
			ps_comm(p->name, comm, sizeof comm);
			snprintf(buf, n, "%s[%s] <defunct>", prefix, comm);
		} else if (p->state == 'Z') {
			snprintf(buf, n, "%s[%s] <defunct>", prefix, p->name);
		} else {
			snprintf(buf, n, "%s%s", prefix, p->name);
		}
		break;
	}
	default: buf[0] = '\0';
	}
}

void vm_row_line(const struct vm *vm, int row, struct vm_line *out)
{
	vm_line_clear(out);
	const struct proc_info *p = vm_row_proc(vm, row);
	enum vm_role role = !p ? ROLE_NORMAL : vm_tagged(vm, p->pid) ? ROLE_TAGGED : vm_state_role(p);
	char cell[1024], fitted[VM_LINE_BYTES];
	size_t at = 0;
	fitted[0] = '\0';
	for (int c = 0; c < COL_COUNT; c++) {
		if (!vm->col_w[c])
			continue;
		vm_cell(vm, row, (enum vm_col)c, cell, sizeof cell);
		if (c > 0)
			vmi_put_spaces(fitted, sizeof fitted, &at, 1);
		int w = c == COL_COUNT - 1 ? vm->width - vm->col_x[c] : vm->col_w[c];
		at += vm_fit(fitted + at, sizeof fitted - at, cell, w, vm_columns[c].right);
	}
	vm_line_add(out, role, fitted);
}

void vm_table_head(const struct vm *vm, struct vm_line *out)
{
	vm_line_clear(out);
	for (int c = 0; c < COL_COUNT; c++) {
		if (!vm->col_w[c])
			continue;
		if (c > 0)
			vm_line_add(out, ROLE_TABLE_HEAD, " ");
		int w = c == COL_COUNT - 1 ? vm->width - vm->col_x[c] : vm->col_w[c];
		vm_line_addfit(out, c == (int)vm->set.sort ? ROLE_SORTED_HEAD : ROLE_TABLE_HEAD, _(vm_columns[c].title), w,
			       vm_columns[c].right);
	}
}

int vm_col_at(const struct vm *vm, int x)
{
	for (int c = COL_COUNT - 1; c >= 0; c--)
		if (x >= vm->col_x[c])
			return c;
	return -1;
}
