/* file.c: pipes, open files and each process's table of file descriptors
 * (fs/pipe.c, fs/file.c).
 *
 * A descriptor refers to an open file; fork copies the table, so parent and
 * child refer to the same open files (dup_fd), and exit closes them all
 * (exit_files). An open file reads one pipe, writes one, or both (an end of
 * a socket pair, which is what a duplex multiprocessing.Pipe is). A pipe
 * counts the open files that read and write it: once its last writer is
 * closed, a reader gets end of file (pipe_read returns 0); once its last
 * reader is closed, a writer gets EPIPE and SIGPIPE (pipe_write). A pipe
 * carries whole messages here, where Linux carries bytes: what a program
 * pickles into it is its business. Descriptors 0, 1 and 2 are the terminal
 * in every process and are not in the table. */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

static int new_pipe(struct sim *s)
{
	if (s->npipes == s->cappipes) {
		int32_t cap = s->cappipes ? s->cappipes * 2 : 8;
		struct pipe *n = realloc(s->pipes, sizeof *n * (size_t)cap);
		if (!n)
			return -1;
		for (int32_t i = 0; i < s->npipes; i++) {
			for (slot_t x = n[i].readq.members.head; x != NIL; x = P(s, x)->next)
				P(s, x)->chan = &n[i].readq;
			for (slot_t x = n[i].writeq.members.head; x != NIL; x = P(s, x)->next)
				P(s, x)->chan = &n[i].writeq;
		}
		s->pipes = n;
		s->cappipes = cap;
	}
	struct pipe *pp = &s->pipes[s->npipes];
	memset(pp, 0, sizeof *pp);
	plist_init(&pp->readq.members);
	pp->readq.wchan = WCHAN_PIPE_RECV;
	pp->readq.obj = -1;
	plist_init(&pp->writeq.members);
	pp->writeq.wchan = WCHAN_PIPE_WRITE;
	pp->writeq.obj = -1;
	pp->used = true;
	return s->npipes++;
}

static int new_file(struct sim *s, int rpipe, int wpipe)
{
	if (s->nfiles == s->capfiles) {
		int32_t cap = s->capfiles ? s->capfiles * 2 : 8;
		struct file *n = realloc(s->files, sizeof *n * (size_t)cap);
		if (!n)
			return -1;
		s->files = n;
		s->capfiles = cap;
	}
	s->files[s->nfiles] = (struct file){.rpipe = rpipe, .wpipe = wpipe, .refs = 0};
	if (rpipe >= 0)
		s->pipes[rpipe].readers++;
	if (wpipe >= 0)
		s->pipes[wpipe].writers++;
	return s->nfiles++;
}

/* The lowest free descriptor, as Linux gives (alloc_fd), in p's table:
 * its process's, which all its threads share (a grown table is theirs). */
static int install(struct sim *s, struct proc *p, int file)
{
	p = proc_leader(s, p);
	int32_t n = p->files ? p->files->nfds : 0;
	int i = 0;
	while (i < n && p->files->fd[i] >= 0)
		i++;
	if (i >= FD_MAX - FD_STDIO)
		return -K_EMFILE;
	if (i == n) {
		int32_t cap = n ? n * 2 : 4;
		struct files *f = realloc(p->files, sizeof *f + sizeof f->fd[0] * (size_t)cap);
		if (!f)
			abort();
		for (int32_t j = n; j < cap; j++)
			f->fd[j] = -1;
		f->nfds = cap;
		for (slot_t x = p->self; x != NIL; x = P(s, x)->thread_next)
			P(s, x)->files = f;
	}
	p->files->fd[i] = file;
	s->files[file].refs++;
	return FD_STDIO + i;
}

static int file_of(const struct proc *p, int fd)
{
	int i = fd - FD_STDIO;
	if (!p->files || i < 0 || i >= p->files->nfds)
		return -1;
	return p->files->fd[i];
}

int file_pipe(struct sim *s, struct proc *p, int fds[2], bool duplex)
{
	int a = new_pipe(s), b = duplex ? new_pipe(s) : -1;
	if (a < 0 || (duplex && b < 0))
		return -K_EMFILE;
	/* pipe: [0] reads a, [1] writes a; socketpair: [0] reads a and
	 * writes b, [1] reads b and writes a. */
	int f0 = new_file(s, a, duplex ? b : -1);
	int f1 = new_file(s, duplex ? b : -1, a);
	if (f0 < 0 || f1 < 0)
		return -K_EMFILE;
	fds[0] = install(s, p, f0);
	fds[1] = install(s, p, f1);
	return fds[0] < 0 || fds[1] < 0 ? -K_EMFILE : 0;
}

static void put_file(struct sim *s, int file)
{
	struct file *f = &s->files[file];
	if (--f->refs > 0)
		return;
	/* The last descriptor of it is gone: it no longer reads or writes. */
	if (f->rpipe >= 0)
		s->pipes[f->rpipe].readers--;
	if (f->wpipe >= 0) {
		struct pipe *pp = &s->pipes[f->wpipe];
		/* pipe_release: the last writer gone, readers see end of file. */
		if (--pp->writers == 0)
			proc_waitq_wake_all(s, &pp->readq, WAKE_IPC);
	}
	/* the last reader gone, a writer waiting for room gets EPIPE */
	if (f->rpipe >= 0 && s->pipes[f->rpipe].readers == 0)
		proc_waitq_wake_all(s, &s->pipes[f->rpipe].writeq, WAKE_IPC);
}

int file_close(struct sim *s, struct proc *p, int fd)
{
	int file = file_of(p, fd);
	if (file < 0)
		return -K_EBADF;
	p->files->fd[fd - FD_STDIO] = -1;
	put_file(s, file);
	return 0;
}

int file_read(struct sim *s, struct proc *p, int fd, struct pipe_msg *m, bool nonblock, int64_t deadline)
{
	int file = file_of(p, fd);
	if (file < 0 || s->files[file].rpipe < 0)
		return -K_EBADF;
	struct pipe *pp = &s->pipes[s->files[file].rpipe];
	if (pp->count) {
		*m = pp->msgs[pp->head];
		pp->bytes -= pp->sizes[pp->head];
		pp->head = (pp->head + 1) % pp->cap;
		pp->count--;
		if (pp->writeq.members.count) /* room again: pipe_read wakes the writers */
			proc_waitq_wake_all(s, &pp->writeq, WAKE_IPC);
		return 1;
	}
	if (pp->writers == 0)
		return 0; /* end of file */
	if (nonblock)
		return -K_EAGAIN;
	if (deadline >= 0 && s->clock >= deadline)
		return -K_ETIMEDOUT;
	proc_sleep(s, p, &pp->readq, 'S', deadline, 0);
	return K_RESTART;
}

/* A message of `bytes` at the end of the pipe (its ring grows), and a
 * reader woken. */
static void pipe_push(struct sim *s, struct pipe *pp, const struct pipe_msg *m, int32_t bytes)
{
	if (pp->count == pp->cap) {
		int32_t cap = pp->cap ? pp->cap * 2 : 8;
		struct pipe_msg *n = malloc(sizeof *n * (size_t)cap);
		int32_t *z = malloc(sizeof *z * (size_t)cap);
		if (!n || !z)
			abort();
		for (int32_t i = 0; i < pp->count; i++) {
			n[i] = pp->msgs[(pp->head + i) % pp->cap];
			z[i] = pp->sizes[(pp->head + i) % pp->cap];
		}
		free(pp->msgs);
		free(pp->sizes);
		pp->msgs = n;
		pp->sizes = z;
		pp->head = 0;
		pp->cap = cap;
	}
	int32_t at = (pp->head + pp->count++) % pp->cap;
	pp->msgs[at] = *m;
	pp->sizes[at] = bytes;
	pp->bytes += bytes;
	proc_waitq_wake(s, &pp->readq, 1, WAKE_IPC);
}

/* pipe_write: a message of `bytes` (0: too small to count) waits for room
 * while the pipe holds PIPE_BYTES (a message alone in it always fits). */
int file_write(struct sim *s, struct proc *p, int fd, const struct pipe_msg *m, int32_t bytes)
{
	int file = file_of(p, fd);
	if (file < 0 || s->files[file].wpipe < 0)
		return -K_EBADF;
	struct pipe *pp = &s->pipes[s->files[file].wpipe];
	if (pp->readers == 0) {
		/* pipe_write: send_sig(SIGPIPE, current, 0), then -EPIPE. Its
		 * default kills the writer before it sees EPIPE; CPython ignores
		 * it from its start, and raises BrokenPipeError instead. */
		ksignal_send(s, 0, p, SIG_PIPE);
		return -K_EPIPE;
	}
	if (bytes > 0 && pp->bytes > 0 && pp->bytes + bytes > PIPE_BYTES) {
		proc_sleep(s, p, &pp->writeq, 'S', -1, 0);
		return K_RESTART;
	}
	pipe_push(s, pp, m, bytes);
	return 1;
}

/* A listening Unix stream socket (socket, bind, listen): an open file
 * reading and writing its backlog, a pipe whose messages are connections
 * not yet accepted (each the server's end, an open file of its own). */
int file_listen(struct sim *s, struct proc *p)
{
	int backlog = new_pipe(s);
	if (backlog < 0)
		return -K_EMFILE;
	s->pipes[backlog].readq.wchan = WCHAN_ACCEPT;
	int f = new_file(s, backlog, backlog);
	return f < 0 ? -K_EMFILE : install(s, p, f);
}

/* connect: a new connection, a socket pair; the caller gets its end, the
 * other end waits in the listener's backlog (and wakes its accept). */
int file_connect(struct sim *s, struct proc *p, int listener)
{
	if (listener < 0 || listener >= s->nfiles || s->files[listener].refs <= 0)
		return -K_ECONNREFUSED;
	int a = new_pipe(s), b = new_pipe(s);
	if (a < 0 || b < 0)
		return -K_EMFILE;
	s->pipes[a].readq.wchan = s->pipes[b].readq.wchan = WCHAN_SOCKET_RECV;
	int mine = new_file(s, a, b), theirs = new_file(s, b, a);
	if (mine < 0 || theirs < 0)
		return -K_EMFILE;
	int fd = install(s, p, mine);
	if (fd < 0)
		return fd;
	struct pipe *backlog = &s->pipes[s->files[listener].rpipe];
	struct pipe_msg m = {{(uint64_t)theirs}};
	s->files[theirs].queued = true;
	pipe_push(s, backlog, &m, 0);
	return fd;
}

/* accept: the first connection of the backlog, a descriptor of the
 * caller's; none yet: sleep (__skb_wait_for_more_packets). */
int file_accept(struct sim *s, struct proc *p, int fd)
{
	struct pipe_msg m;
	int r = file_read(s, p, fd, &m, false, -1);
	if (r <= 0)
		return r == 0 ? -K_EINVAL : r;
	s->files[m.w[0]].queued = false;
	return install(s, p, (int)m.w[0]);
}

/* dup_fd: the child refers to the same open files. */
bool file_fork(struct sim *s, struct proc *parent, struct proc *child)
{
	child->files = NULL;
	if (!parent->files)
		return true;
	size_t n = sizeof *parent->files + sizeof parent->files->fd[0] * (size_t)parent->files->nfds;
	child->files = malloc(n);
	if (!child->files)
		return false;
	memcpy(child->files, parent->files, n);
	for (int32_t i = 0; i < child->files->nfds; i++)
		if (child->files->fd[i] >= 0)
			s->files[child->files->fd[i]].refs++;
	return true;
}

/* exit_files: every descriptor closed, in order. */
void file_exit(struct sim *s, struct proc *p)
{
	if (!p->files)
		return;
	for (int32_t i = 0; i < p->files->nfds; i++)
		if (p->files->fd[i] >= 0)
			put_file(s, p->files->fd[i]);
	free(p->files);
	p->files = NULL;
}

bool file_clone(const struct sim *from, struct sim *to)
{
	to->files = NULL;
	to->pipes = NULL;
	if (from->capfiles && !(to->files = malloc(sizeof *to->files * (size_t)from->capfiles)))
		return false;
	if (from->nfiles)
		memcpy(to->files, from->files, sizeof *to->files * (size_t)from->nfiles);
	if (from->cappipes && !(to->pipes = calloc((size_t)from->cappipes, sizeof *to->pipes)))
		return false;
	for (int32_t i = 0; i < from->npipes; i++) {
		to->pipes[i] = from->pipes[i];
		to->pipes[i].msgs = NULL;
		to->pipes[i].sizes = NULL;
		if (from->pipes[i].cap) {
			size_t n = sizeof *from->pipes[i].msgs * (size_t)from->pipes[i].cap;
			size_t z = sizeof *from->pipes[i].sizes * (size_t)from->pipes[i].cap;
			if (!(to->pipes[i].msgs = malloc(n)) || !(to->pipes[i].sizes = malloc(z)))
				return false;
			memcpy(to->pipes[i].msgs, from->pipes[i].msgs, n);
			memcpy(to->pipes[i].sizes, from->pipes[i].sizes, z);
		}
	}
	return true;
}

void file_free(struct sim *s)
{
	for (int32_t i = 0; s->pipes && i < s->npipes; i++) {
		free(s->pipes[i].msgs);
		free(s->pipes[i].sizes);
	}
	free(s->pipes);
	free(s->files);
}

/* Every open file's count is the number of descriptors referring to it, and
 * every pipe's counts the number of open files reading and writing it. */
const char *file_check(const struct sim *s)
{
	if (!s->nfiles)
		return NULL;
	int32_t *refs = calloc((size_t)s->nfiles, sizeof *refs);
	int32_t *rd = calloc((size_t)s->npipes + 1, sizeof *rd);
	int32_t *wr = calloc((size_t)s->npipes + 1, sizeof *wr);
	const char *bad = NULL;
	if (!refs || !rd || !wr) {
		bad = NULL; /* no memory to check with: say nothing */
		goto out;
	}
	for (uint32_t x = 0; x < s->nslots; x++) {
		const struct proc *p = P(s, x);
		if (p->place == PL_FREE || !p->files || proc_is_thread(p))
			continue;
		for (int32_t i = 0; i < p->files->nfds; i++) {
			int f = p->files->fd[i];
			if (f >= s->nfiles) {
				bad = "a descriptor refers to no open file";
				goto out;
			}
			if (f >= 0)
				refs[f]++;
		}
	}
	for (int32_t f = 0; f < s->nfiles; f++) {
		if (refs[f] != s->files[f].refs) {
			bad = "an open file's count is not the number of descriptors referring to it";
			goto out;
		}
		if (s->files[f].refs > 0 || s->files[f].queued) {
			if (s->files[f].rpipe >= 0)
				rd[s->files[f].rpipe]++;
			if (s->files[f].wpipe >= 0)
				wr[s->files[f].wpipe]++;
		}
	}
	for (int32_t i = 0; i < s->npipes; i++)
		if (rd[i] != s->pipes[i].readers || wr[i] != s->pipes[i].writers || s->pipes[i].readers < 0 ||
		    s->pipes[i].writers < 0) {
			bad = "a pipe's reader or writer count is wrong";
			goto out;
		}
out:
	free(refs);
	free(rd);
	free(wr);
	return bad;
}

bool task_fd_open(const struct proc *t, int fd) { return file_of(t, fd) >= 0; }
int task_fd_file(const struct proc *t, int fd) { return file_of(t, fd); }

int kernel_file_queued(const struct sim *s, int file)
{
	if (file < 0 || file >= s->nfiles || s->files[file].rpipe < 0)
		return 0;
	return s->pipes[s->files[file].rpipe].count;
}

bool kernel_file_readable_by_peer(const struct sim *s, int file)
{
	if (file < 0 || file >= s->nfiles || s->files[file].wpipe < 0)
		return false;
	return s->pipes[s->files[file].wpipe].readers > 0;
}

int kernel_file_readers_waiting(const struct sim *s, int file)
{
	if (file < 0 || file >= s->nfiles || s->files[file].rpipe < 0)
		return 0;
	return (int)s->pipes[s->files[file].rpipe].readq.members.count;
}

void kernel_file_label(struct sim *s, int file, enum wchan w, int obj, const char *object)
{
	if (file < 0 || file >= s->nfiles || s->files[file].rpipe < 0)
		return;
	struct pipe *pp = &s->pipes[s->files[file].rpipe];
	pp->readq.wchan = w;
	pp->readq.obj = pp->writeq.obj = obj;
	pp->readq.object = pp->writeq.object = object; /* a writer waits for room in it too */
}

bool kernel_file_peek(const struct sim *s, int file, int i, struct pipe_msg *m)
{
	if (file < 0 || file >= s->nfiles || s->files[file].rpipe < 0)
		return false;
	const struct pipe *pp = &s->pipes[s->files[file].rpipe];
	if (i < 0 || i >= pp->count)
		return false;
	*m = pp->msgs[(pp->head + i) % pp->cap];
	return true;
}
