/* recorder.c: `procsim record` (see recorder.h): the program is started
 * stopped, seized with ptrace, and followed through its forks, execs,
 * signals, stops, system calls and exits; each is one line of the recording
 * (recording.h writes them). strace does the same with the same calls
 * (strace's startup_child and trace loop); this is the small part of it a
 * process-state view needs. */
#define _GNU_SOURCE
#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "output.h"
#include "recording.h"

/* ---- the system calls recorded ------------------------------------------------- */

/* Each is recorded at entry (with the arguments that say what it does) and at
 * return (with its result). The rest are not recorded: their time counts as
 * running. */
static const struct traced_call {
	long nr;
	const char *name;
	int nargs;                    /* arguments written at entry */
} traced_calls[] = {
	{SYS_wait4, "wait4", 3},
	{SYS_waitid, "waitid", 4},
	{SYS_kill, "kill", 2},
	{SYS_tgkill, "tgkill", 3},
	{SYS_tkill, "tkill", 2},
	{SYS_futex, "futex", 3},
	{SYS_read, "read", 3},
	{SYS_write, "write", 3},
#ifdef SYS_poll
	{SYS_poll, "poll", 3},
#endif
	{SYS_ppoll, "ppoll", 2},
#ifdef SYS_select
	{SYS_select, "select", 1},
#endif
	{SYS_pselect6, "pselect6", 1},
#ifdef SYS_epoll_wait
	{SYS_epoll_wait, "epoll_wait", 4},
#endif
	{SYS_epoll_pwait, "epoll_pwait", 4},
	{SYS_nanosleep, "nanosleep", 0},
	{SYS_clock_nanosleep, "clock_nanosleep", 2},
#ifdef SYS_pause
	{SYS_pause, "pause", 0},
#endif
	{SYS_rt_sigsuspend, "rt_sigsuspend", 0},
	/* a sleep interrupted by a ptrace stop goes on here (ERESTART_RESTARTBLOCK) */
	{SYS_restart_syscall, "restart_syscall", 0},
#ifdef SYS_pipe
	{SYS_pipe, "pipe", 0},
#endif
	{SYS_pipe2, "pipe2", 0},
	{SYS_close, "close", 1},
};

static const struct traced_call *traced_call(long nr)
{
	for (size_t i = 0; i < sizeof traced_calls / sizeof traced_calls[0]; i++)
		if (traced_calls[i].nr == nr)
			return &traced_calls[i];
	return NULL;
}

/* ---- the tasks followed ---------------------------------------------------------- */

struct task {
	pid_t tid, tgid;
	bool started;                 /* the root: from its first exec on (before, it is the recorder's code) */
	bool stopped;                 /* in a group-stop (PTRACE_LISTEN) */
	bool exited;                  /* its exit was recorded (PTRACE_EVENT_EXIT) */
	const struct traced_call *call; /* the call it is inside, if recorded */
	uint64_t args[6];
	size_t output;                /* bytes of fds 1 and 2 recorded (the process's, in its leader) */
};

struct recorder {
	struct task *tasks;
	size_t n, cap;
	FILE *f;
	struct timespec t0;
	long long events;
	pid_t root;
	int root_status;
	bool root_reaped;
};

static struct task *task_find(struct recorder *r, pid_t tid)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->tasks[i].tid == tid)
			return &r->tasks[i];
	return NULL;
}

static struct task *task_add(struct recorder *r, pid_t tid, pid_t tgid)
{
	struct task *t = task_find(r, tid);
	if (t)
		return t;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct task *n = realloc(r->tasks, cap * sizeof *n);
		if (!n)
			return NULL;
		r->tasks = n;
		r->cap = cap;
	}
	t = &r->tasks[r->n++];
	memset(t, 0, sizeof *t);
	t->tid = tid;
	t->tgid = tgid;
	t->started = true;
	return t;
}

static void task_remove(struct recorder *r, pid_t tid)
{
	struct task *t = task_find(r, tid);
	if (t)
		*t = r->tasks[--r->n];
}

/* ---- what /proc tells -------------------------------------------------------------- */

/* The thread group of a task: /proc/TID/status's Tgid (the task itself if unreadable). */
static pid_t proc_tgid(pid_t tid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "r");
	pid_t tgid = tid;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "Tgid:", 5) == 0) {
			tgid = (pid_t)atoi(line + 5);
			break;
		}
	if (f)
		fclose(f);
	return tgid;
}

/* A small /proc file into buf (NUL-terminated); its length, or -1. */
static ssize_t proc_read(pid_t tid, const char *name, char *buf, size_t n)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)tid, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t len = read(fd, buf, n - 1);
	close(fd);
	if (len < 0)
		return -1;
	buf[len] = '\0';
	return len;
}

/* ---- writing lines --------------------------------------------------------------- */

static long long now_ns(const struct recorder *r)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec - r->t0.tv_sec) * 1000000000LL + (ts.tv_nsec - r->t0.tv_nsec);
}

/* Starts a line: {"t":NS,"ev":"EV","pid":TGID,"tid":TID */
static void line_start(struct recorder *r, const char *ev, const struct task *t)
{
	fprintf(r->f, "{\"t\":%lld,\"ev\":\"%s\",\"pid\":%d,\"tid\":%d", now_ns(r), ev, (int)t->tgid, (int)t->tid);
	r->events++;
}

static void line_end(struct recorder *r)
{
	fputs("}\n", r->f);
}

/* The exec'd program: its comm and command line, as ps would show them. */
static void write_exec(struct recorder *r, const struct task *t)
{
	char comm[64], cmdline[4096];
	ssize_t n = proc_read(t->tid, "comm", comm, sizeof comm);
	if (n > 0 && comm[n - 1] == '\n')
		comm[--n] = '\0';
	line_start(r, "exec", t);
	fputs(",\"comm\":", r->f);
	rec_json_string(r->f, n > 0 ? comm : "?", n > 0 ? (size_t)n : 1);
	fputs(",\"argv\":[", r->f);
	n = proc_read(t->tid, "cmdline", cmdline, sizeof cmdline);
	for (ssize_t i = 0, k = 0; n > 0 && i < n; k++) {
		size_t len = strnlen(cmdline + i, (size_t)(n - i));
		fputs(k ? "," : "", r->f);
		rec_json_string(r->f, cmdline + i, len);
		i += (ssize_t)len + 1;
	}
	fputc(']', r->f);
	line_end(r);
}

static void write_signal_name(FILE *f, const char *key, int sig)
{
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		fprintf(f, ",\"%s\":\"SIG%s\"", key, abbrev);
	else
		fprintf(f, ",\"%s\":\"SIG%d\"", key, sig);
}

/* A wait status as the recording says it: "code" or "signal" (and "core"). */
static void write_status(FILE *f, int status)
{
	fprintf(f, ",\"status\":%d", status);
	if (WIFEXITED(status))
		fprintf(f, ",\"code\":%d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status)) {
		write_signal_name(f, "signal", WTERMSIG(status));
		fprintf(f, ",\"core\":%s", WCOREDUMP(status) ? "true" : "false");
	} else if (WIFSTOPPED(status))
		write_signal_name(f, "stopped", WSTOPSIG(status));
	else if (WIFCONTINUED(status))
		fputs(",\"continued\":true", f);
}

static void write_exit(struct recorder *r, struct task *t, int status)
{
	char stat[128];
	long long run = -1, wait = -1, slices = -1;
	if (proc_read(t->tid, "schedstat", stat, sizeof stat) > 0)
		sscanf(stat, "%lld %lld %lld", &run, &wait, &slices);
	line_start(r, "exit", t);
	write_status(r->f, status);
	if (run >= 0)
		fprintf(r->f, ",\"run_ns\":%lld,\"wait_ns\":%lld,\"slices\":%lld", run, wait, slices);
	line_end(r);
	t->exited = true;
}

/* Memory of the tracee, for write()'s bytes and wait4()'s status. */
static ssize_t peek(pid_t tid, uint64_t addr, void *buf, size_t n)
{
	struct iovec local = {buf, n}, remote = {(void *)(uintptr_t)addr, n};
	return process_vm_readv(tid, &local, 1, &remote, 1, 0);
}

static void write_output(struct recorder *r, struct task *t, int fd, uint64_t addr, long long len)
{
	struct task *leader = task_find(r, t->tgid);
	struct task *acct = leader ? leader : t;
	if (len <= 0 || acct->output >= RECORDER_OUTPUT_CAP + 1)
		return;
	size_t room = RECORDER_OUTPUT_CAP - (acct->output < RECORDER_OUTPUT_CAP ? acct->output : RECORDER_OUTPUT_CAP);
	size_t want = (size_t)len < room ? (size_t)len : room;
	char *buf = want ? malloc(want) : NULL;
	ssize_t got = buf ? peek(t->tid, addr, buf, want) : 0;
	line_start(r, "output", t);
	fprintf(r->f, ",\"fd\":%d,\"data\":", fd);
	rec_json_string(r->f, buf ? buf : "", got > 0 ? (size_t)got : 0);
	if (got < len) /* the cap reached: said once, then nothing more */
		fputs(",\"truncated\":true", r->f);
	line_end(r);
	free(buf);
	acct->output += got > 0 ? (size_t)got : 0;
	if (got < len)
		acct->output = RECORDER_OUTPUT_CAP + 1;
}

/* ---- the stops ---------------------------------------------------------------------- */

static void on_syscall(struct recorder *r, struct task *t)
{
	struct __ptrace_syscall_info info;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof info, &info) <= 0)
		return;
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		t->call = traced_call((long)info.entry.nr);
		memcpy(t->args, info.entry.args, sizeof t->args);
		if (!t->call || !t->started)
			return;
		line_start(r, "enter", t);
		fprintf(r->f, ",\"call\":\"%s\",\"args\":[", t->call->name);
		for (int i = 0; i < t->call->nargs; i++)
			fprintf(r->f, "%s%lld", i ? "," : "", (long long)t->args[i]);
		fputc(']', r->f);
		line_end(r);
		return;
	}
	if (info.op != PTRACE_SYSCALL_INFO_EXIT || !t->call || !t->started)
		return;
	const struct traced_call *c = t->call;
	long long ret = info.exit.rval;
	t->call = NULL;
	line_start(r, "return", t);
	fprintf(r->f, ",\"call\":\"%s\",\"ret\":%lld", c->name, ret);
	int status = 0;
	bool reaped = false;
	pid_t child = 0;
	if (c->nr == SYS_wait4 && ret > 0 && t->args[1] && peek(t->tid, t->args[1], &status, sizeof status) == sizeof status) {
		write_status(r->f, status);
		reaped = WIFEXITED(status) || WIFSIGNALED(status);
		child = (pid_t)ret;
	} else if (c->nr == SYS_wait4 && ret > 0) {
		reaped = true; /* wait4(pid, NULL, ...): the status was not asked for */
		child = (pid_t)ret;
	} else if (c->nr == SYS_waitid && ret == 0 && t->args[2]) {
		siginfo_t si;
		if (peek(t->tid, t->args[2], &si, sizeof si) == sizeof si && si.si_pid) {
			child = si.si_pid;
			status = si.si_code == CLD_EXITED ? (si.si_status & 0xff) << 8 : si.si_status & 0x7f;
			reaped = (si.si_code == CLD_EXITED || si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED) &&
				 !(t->args[3] & WNOWAIT);
			fprintf(r->f, ",\"child\":%d", (int)child);
			write_status(r->f, status);
		}
	}
	line_end(r);
	if (reaped) {
		line_start(r, "reap", t);
		fprintf(r->f, ",\"child\":%d", (int)child);
		write_status(r->f, status);
		line_end(r);
	}
	if (c->nr == SYS_write && (t->args[0] == 1 || t->args[0] == 2))
		write_output(r, t, (int)t->args[0], t->args[1], ret);
}

static void on_new_task(struct recorder *r, struct task *parent, int event)
{
	unsigned long msg = 0;
	ptrace(PTRACE_GETEVENTMSG, parent->tid, NULL, &msg);
	pid_t child = (pid_t)msg;
	pid_t tgid = event == PTRACE_EVENT_CLONE ? proc_tgid(child) : child;
	struct task *c = task_add(r, child, tgid);
	if (!c)
		return;
	/* the stop of a new task may come before its parent's event */
	c->tgid = tgid;
	if (!parent->started) {
		c->started = false;
		return;
	}
	const char *kind = event == PTRACE_EVENT_FORK ? "fork" : event == PTRACE_EVENT_VFORK ? "vfork"
							: tgid == parent->tgid ? "thread" : "clone";
	line_start(r, "fork", parent);
	fprintf(r->f, ",\"child\":%d,\"kind\":\"%s\"", (int)child, kind);
	line_end(r);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* One stop of a tracee; returns the signal to deliver when it goes on, or -1
 * to leave it stopped (PTRACE_LISTEN). */
static int on_stop(struct recorder *r, struct task *t, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall(r, t);
		return 0;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_task(r, t, event);
		return 0;
	case PTRACE_EVENT_EXEC: {
		/* A thread that execs takes over its leader's PID (execve(2)). */
		unsigned long former = 0;
		ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &former);
		if ((pid_t)former != t->tid)
			task_remove(r, (pid_t)former);
		if (!t->started && t->tid == r->root) {
			t->started = true;
			clock_gettime(CLOCK_MONOTONIC, &r->t0); /* time 0: the program's own code begins */
			line_start(r, "start", t);
			line_end(r);
		}
		t->call = NULL;
		if (t->started)
			write_exec(r, t);
		return 0;
	}
	case PTRACE_EVENT_EXIT: {
		unsigned long st = 0;
		ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &st);
		if (t->started)
			write_exit(r, t, (int)st);
		t->exited = true;
		return 0;
	}
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig)) { /* a group-stop: it stays stopped until SIGCONT */
			if (t->started && !t->stopped) {
				line_start(r, "stop", t);
				write_signal_name(r->f, "sig", sig);
				line_end(r);
			}
			t->stopped = true;
			return -1;
		}
		if (t->stopped && t->started) { /* SIGCONT ended the group-stop */
			line_start(r, "cont", t);
			line_end(r);
		}
		t->stopped = false;
		return 0;
	default:
		break;
	}
	/* a signal about to be delivered */
	siginfo_t si;
	bool has_info = ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) == 0;
	if (t->started) {
		line_start(r, "signal", t);
		write_signal_name(r->f, "sig", sig);
		if (has_info && si.si_code <= 0) /* sent by a process (SI_USER, SI_TKILL, SI_QUEUE) */
			fprintf(r->f, ",\"from\":%d", (int)si.si_pid);
		else if (has_info && sig == SIGCHLD)
			fprintf(r->f, ",\"child\":%d", (int)si.si_pid);
		line_end(r);
	}
	return sig;
}

/* ---- starting the program ------------------------------------------------------------ */

/* Where execvp would find `name`: false if nowhere (the command is not found). */
static bool command_exists(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char full[4096];
		if ((size_t)snprintf(full, sizeof full, "%.*s/%s", (int)len, len ? p : ".", name) < sizeof full) {
			struct stat st;
			if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
				return true;
		}
		if (!end)
			return false;
		p = end;
	}
}

/* Why ptrace was refused, in words. */
static void explain_ptrace_error(int err)
{
	char scope[32] = "";
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "r");
	if (f) {
		if (!fgets(scope, sizeof scope, f))
			scope[0] = '\0';
		fclose(f);
		scope[strcspn(scope, "\n")] = '\0';
	}
	if (scope[0] == '3')
		fprintf(stderr, "procsim: %s\n", _("ptrace is not permitted: kernel.yama.ptrace_scope is 3 (no process may trace another; only a reboot lowers it)"));
	else if (scope[0] && scope[0] != '0' && geteuid() != 0)
		fprintf(stderr, _("procsim: ptrace is not permitted (%1$s): kernel.yama.ptrace_scope is %2$s; `sudo sysctl kernel.yama.ptrace_scope=0` allows it\n"),
			strerror(err), scope);
	else
		fprintf(stderr, _("procsim: ptrace is not permitted (%s): a container or sandbox forbids it (seccomp, or a missing CAP_SYS_PTRACE)\n"),
			strerror(err));
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Forks the program, stopped before its exec, and seizes it. Returns its
 * PID, or -1 with the reason told (nothing of the program has run). */
static pid_t start_program(char **argv)
{
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "procsim: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		raise(SIGSTOP); /* wait to be seized */
		execvp(argv[0], argv);
		fprintf(stderr, "procsim: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, WSTOPPED) != pid || !WIFSTOPPED(status)) {
		fprintf(stderr, "procsim: %s\n", _("the program did not start"));
		return -1;
	}
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)opts) != 0) {
		int err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		explain_ptrace_error(err);
		return -1;
	}
	kill(pid, SIGCONT);
	return pid;
}

/* ---- the loop ----------------------------------------------------------------------- */

static void write_header(struct recorder *r, char **argv)
{
	struct utsname u;
	uname(&u);
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(r->f, "{\"format\":\"%s\",\"version\":%d,\"clock\":\"CLOCK_MONOTONIC\",\"unit\":\"ns\",\"argv\":[",
		RECORDING_FORMAT, RECORDING_VERSION);
	for (int i = 0; argv[i]; i++) {
		fputs(i ? "," : "", r->f);
		rec_json_string(r->f, argv[i], strlen(argv[i]));
	}
	fprintf(r->f, "],\"cpus\":%ld,\"kernel\":", sysconf(_SC_NPROCESSORS_ONLN));
	rec_json_string(r->f, u.release, strlen(u.release));
	fprintf(r->f, ",\"output_cap\":%d}\n", RECORDER_OUTPUT_CAP);
}

/* Follows every tracee until none is left, or SIGINT. */
static void trace_loop(struct recorder *r)
{
	while (r->n > 0 && !interrupted) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nothing left */
		}
		struct task *t = task_find(r, tid);
		if (!t) /* a new task's first stop before its parent's event */
			t = task_add(r, tid, proc_tgid(tid));
		if (!t)
			break;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (!t->exited && t->started)
				write_exit(r, t, status);
			if (tid == r->root) {
				r->root_status = status;
				r->root_reaped = true;
			}
			task_remove(r, tid);
			continue;
		}
		int sig = on_stop(r, t, status);
		if (sig < 0)
			ptrace(PTRACE_LISTEN, tid, NULL, NULL);
		else
			ptrace(PTRACE_SYSCALL, tid, NULL, (void *)(long)sig);
	}
}

/* After SIGINT: the processes still running are killed (they would run on
 * untraced, children of nobody the user knows), and waited for. */
static void kill_the_rest(struct recorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		kill(r->tasks[i].tid, SIGKILL);
	for (;;) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break;
		if (WIFSTOPPED(status)) /* its PTRACE_EVENT_EXIT stop, or one before it: let it die */
			ptrace(PTRACE_CONT, tid, NULL, NULL);
		if (tid == r->root && (WIFEXITED(status) || WIFSIGNALED(status))) {
			r->root_status = status;
			r->root_reaped = true;
		}
	}
}

int recorder_run(const char *output, char **argv)
{
	if (!argv[0]) {
		fprintf(stderr, "procsim: %s\n", _("record needs a command: procsim record -o FILE -- COMMAND [ARGS...]"));
		return 2;
	}
	if (!command_exists(argv[0])) {
		fprintf(stderr, "procsim: %s: %s\n", argv[0], _("command not found"));
		return 2;
	}
	struct output out;
	if (!output_open(&out, output)) /* a folder that does not exist: refused here, before the program starts */
		return 1;
	struct recorder r = {.f = out.f};
	fflush(stdout);
	fflush(stderr);
	/* Ctrl+C reaches the recorder (and the program, in the same process
	 * group): the recording stops there and is kept. */
	struct sigaction sa, old_int;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	pid_t pid = start_program(argv);
	if (pid < 0) {
		sigaction(SIGINT, &old_int, NULL);
		output_close(&out, false);
		return 1;
	}
	r.root = pid;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	write_header(&r, argv);
	struct task *root = task_add(&r, pid, pid);
	if (root)
		root->started = false; /* until its exec: the recorder's own code */
	trace_loop(&r);
	bool stopped = interrupted;
	long long end = now_ns(&r);
	if (stopped)
		kill_the_rest(&r);
	fprintf(r.f, "{\"t\":%lld,\"ev\":\"end\",\"reason\":\"%s\"", end, stopped ? "interrupted" : "finished");
	if (r.root_reaped)
		write_status(r.f, r.root_status);
	fprintf(r.f, ",\"events\":%lld}\n", r.events);
	free(r.tasks);
	sigaction(SIGINT, &old_int, NULL);
	if (!output_close(&out, true))
		return 1;
	if (stopped)
		fprintf(stderr, _("procsim: recording stopped by Ctrl+C after %.3f s; the processes still running were killed; %s is complete\n"),
			(double)end / 1e9, output);
	return 0;
}
