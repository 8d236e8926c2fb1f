/* manager.c: multiprocessing's Manager (Lib/multiprocessing/managers.py),
 * for the queues a scenario declares `queue NAME manager`
 * (Manager().Queue()): the queue lives in the Manager's server process,
 * and a proxy's put or get is a request to it over a Unix socket.
 *
 *  Manager()   main starts the server, a Process child (SyncManager-1),
 *              and waits for its address (reader.recv: anon_pipe_read);
 *              the server listens, starts its accepter thread, and its main
 *              thread waits for the shutdown (stop_event.wait:
 *              futex_do_wait);
 *  Queue()     three short connections (create, incref, decref), each
 *              served by a thread of its own that ends with it;
 *  a child     a Process child increfs its proxies at its start
 *              (_run_after_forkers) and decrefs them at its exit, each
 *              on a short connection;
 *  a proxy     each process's first call connects (a connection kept for
 *              its life, served by its own thread); a call sends the
 *              request and waits for the reply (unix_stream_read_generic);
 *              the serving thread does it on the server's queue.Queue, a
 *              get on an empty queue waiting there (futex_do_wait);
 *  the end     main's exit handler (_finalize_manager, exit priority 0)
 *              sends shutdown and joins the server (do_wait).
 * tests/truth/manager_threads.py and manager_requests.py measured it (the
 * same requests in the same order). Not modelled: authentication. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "user_int.h"

enum { REQ_CREATE = 1, REQ_INCREF, REQ_DECREF, REQ_PUT, REQ_PUT_NOWAIT, REQ_GET, REQ_GET_NOWAIT, REQ_SHUTDOWN };
enum { REPLY_OK = 1, REPLY_EMPTY, REPLY_FULL };

static const struct program *server_program(struct user *u)
{
	if (!u->mgr.server_prog) /* the loop, then sys.exit(0): the end of its Process */
		u->mgr.server_prog = user_loop_program(u, "SyncManager", OP_MANAGER, 0, OP_CODE_END);
	return u->mgr.server_prog;
}

/* A request: its kind, the queue, a deadline; a value follows for a put. */
static void send_request(struct user *u, struct uproc *p, int fd, int kind, int obj, int64_t deadline, const struct value *v)
{
	struct pipe_msg m = {{(uint64_t)kind | (uint64_t)(uint32_t)obj << 8, (uint64_t)deadline}};
	sys_write(u->k, p->task, fd, &m);
	if (v) {
		struct pipe_msg val = {{0}};
		memcpy(&val, v, sizeof *v);
		sys_write(u->k, p->task, fd, &val);
	}
}

/* The Process start of the server (SyncManager.start: ctx.Process(target=
 * _run_server)), a child of main's. */
static int fork_server(struct user *u, struct uproc *p)
{
	/* a Process of main's: its number from main's _process_counter */
	char name[32];
	snprintf(name, sizeof name, "SyncManager-%u", (unsigned)++p->mp_made);
	struct fork_args fa = {.comm = arena_strdup(u->strings, name), .demand = -1};
	int err = 0;
	struct proc *t = sys_fork(u->k, p->task, &fa, &err);
	if (!t) {
		exec_fork_failed(u, p->pid, err, "SyncManager");
		return exec_raise(u, p, EXC_BLOCKING_IO, "BlockingIOError: [Errno 11] Resource temporarily unavailable");
	}
	struct uproc *s = U(u, t);
	user_image_init(u, s, t, server_program(u));
	s->flags |= UF_MP_CHILD | (p->flags & UF_PYTHON);
	s->mp_number = (uint16_t)(p->mp_made | MP_NAMED); /* its name, SyncManager-N, in a traceback's header */
	/* _run_server: signal.signal(SIGINT, SIG_IGN) (bpo-36368): a Ctrl+C
	 * for the foreground group does not kill the server */
	sys_sigaction(u->k, t, SIG_INT, K_SIG_IGN);
	user_copy_globals(u, p, s);
	exec_note_exit_function(p);
	exec_pid_push(&p->children, &p->nchildren, &p->capchildren, s->pid);
	exec_spend(u, p, COST_PROCESS_START);
	exec_spend(u, s, COST_BOOTSTRAP);
	u->mgr.pid = s->pid;
	kernel_wake_new_task(u->k, t);
	return STEP_NEXT;
}

enum { MGR_INCREFED = 1, MGR_DECREFED = 2 };

/* p's connections to the server (made on first need). */
static struct mgr_conn *conn_of(struct user *u, const struct uproc *p)
{
	struct manager *m = &u->mgr;
	for (int32_t i = 0; i < m->nconns; i++)
		if (m->conns[i].pid == p->pid)
			return &m->conns[i];
	if (m->nconns == m->capconns) {
		int32_t cap = m->capconns ? m->capconns * 2 : 8;
		struct mgr_conn *n = realloc(m->conns, sizeof *n * (size_t)cap);
		if (!n)
			abort();
		m->conns = n;
		m->capconns = cap;
	}
	m->conns[m->nconns] = (struct mgr_conn){.pid = p->pid, .fd = -1, .temp = -1};
	return &m->conns[m->nconns++];
}

static int connect_to(struct user *u, struct uproc *p)
{
	int fd = sys_connect(u->k, p->task, u->mgr.listener);
	if (fd >= 0)
		kernel_file_label(u->k, task_fd_file(p->task, fd), WCHAN_MANAGER_REPLY, -1, "Manager");
	return fd;
}

/* A short connection: connect, one request, its reply, close (the
 * Manager's _create, a proxy's incref and decref, shutdown). */
static int short_call(struct user *u, struct uproc *p, int kind)
{
	struct mgr_conn *c = conn_of(u, p);
	if (c->temp < 0) {
		int fd = connect_to(u, p);
		if (fd < 0)
			return exec_raise(u, p, EXC_OS, "ConnectionRefusedError: [Errno 111] Connection refused");
		c = conn_of(u, p);
		c->temp = fd;
		send_request(u, p, fd, kind, 0, -1, NULL);
	}
	struct pipe_msg reply;
	int r = sys_read(u->k, p->task, c->temp, &reply, false, -1);
	if (r == K_RESTART)
		return exec_restart(p);
	sys_close(u->k, p->task, c->temp);
	c->temp = -1;
	return STEP_NEXT;
}

int manager_after_fork(struct user *u, struct uproc *p)
{
	if (p->pid == u->mgr.pid)
		return STEP_NEXT; /* the server itself */
	struct mgr_conn *c = conn_of(u, p);
	if (c->done & MGR_INCREFED)
		return STEP_NEXT;
	int r = short_call(u, p, REQ_INCREF);
	if (r == STEP_NEXT)
		conn_of(u, p)->done |= MGR_INCREFED;
	return r;
}

int manager_decref(struct user *u, struct uproc *p)
{
	if (u->mgr.pid <= 0 || p->pid == u->mgr.pid || p->thread)
		return STEP_NEXT;
	struct mgr_conn *c = conn_of(u, p);
	if (c->done & MGR_DECREFED)
		return STEP_NEXT;
	int r = short_call(u, p, REQ_DECREF);
	if (r == STEP_NEXT)
		conn_of(u, p)->done |= MGR_DECREFED;
	return r;
}

int manager_start(struct user *u, struct uproc *p)
{
	struct manager *m = &u->mgr;
	if (m->pid == 0) { /* a managed queue exists (mp_boot) */
		int r = fork_server(u, p);
		if (r != STEP_NEXT)
			return r;
		m->creating = 3; /* Queue(): create, the proxy's incref, decref */
	}
	if (m->pid < 0 || m->creating == 0)
		return STEP_NEXT;
	if (m->listener < 0) { /* self._address = reader.recv() */
		sys_futex_wait(u->k, p->task, m->fx_ready, -1);
		return exec_restart(p);
	}
	static const int kinds[] = {0, REQ_DECREF, REQ_INCREF, REQ_CREATE};
	while (m->creating > 0) {
		int r = short_call(u, p, kinds[m->creating]);
		if (r != STEP_NEXT)
			return r;
		m->creating--;
	}
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

/* The server's main thread (Server.serve_forever): listen, start the
 * accepter, wait for the shutdown, then end as a Process child does. */
enum run_result manager_server_step(struct user *u, struct uproc *p)
{
	struct manager *m = &u->mgr;
	if (m->listener < 0) {
		m->lfd = sys_listen(u->k, p->task);
		m->listener = task_fd_file(p->task, m->lfd);
		kernel_file_label(u->k, m->listener, WCHAN_ACCEPT, -1, "Manager");
		sys_futex_wake(u->k, p->task, m->fx_ready, INT_MAX); /* writer.send(self.address) */
	}
	int r = thread_start(u, p, UT_MGR_ACCEPTER, 0);
	if (r != STEP_NEXT)
		return (enum run_result)r;
	if (!m->stopping) {
		sys_futex_wait(u->k, p->task, m->fx_stop, -1);
		return (enum run_result)exec_restart(p);
	}
	p->pc = 2; /* sys.exit(0): the end of its Process */
	p->progress = PROGRESS_NONE;
	return RUN_NEXT;
}

static void store(struct uobj *o, const struct value *v)
{
	if (o->mcount == o->mcap) {
		int32_t cap = o->mcap ? o->mcap * 2 : 8;
		struct value *n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int32_t i = 0; i < o->mcount; i++)
			n[i] = o->mitems[(o->mhead + i) % o->mcap];
		free(o->mitems);
		o->mitems = n;
		o->mhead = 0;
		o->mcap = cap;
	}
	o->mitems[(o->mhead + o->mcount++) % o->mcap] = *v;
}

/* Server.serve_client: read a request, do it on the server's queue, reply;
 * the end of the connection ends the thread. A get on an empty queue (a
 * put on a full one) waits in the server (queue.Queue's Condition). */
static int serve(struct user *u, struct uproc *p, struct uthread *th)
{
	struct manager *m = &u->mgr;
	int fd = th->obj;
	if (p->progress == PROGRESS_NONE) {
		int r = sys_read(u->k, p->task, fd, &th->req, false, -1);
		if (r == K_RESTART)
			return exec_restart(p);
		if (r <= 0) { /* the client closed it */
			sys_close(u->k, p->task, fd);
			return thread_exit(u, p);
		}
		int kind = (int)(th->req.w[0] & 0xff);
		if ((kind == REQ_PUT || kind == REQ_PUT_NOWAIT) && sys_read(u->k, p->task, fd, &th->val, true, -1) <= 0)
			return thread_exit(u, p);
		p->progress = 0;
	}
	int kind = (int)(th->req.w[0] & 0xff), obj = (int)(uint32_t)(th->req.w[0] >> 8);
	int64_t deadline = (int64_t)th->req.w[1];
	struct uobj *o = obj >= 0 && obj < u->nobjs ? &u->objs[obj] : NULL;
	struct pipe_msg reply = {{REPLY_OK}};
	bool with_value = false;
	struct pipe_msg out = {{0}};
	switch (kind) {
	case REQ_PUT:
	case REQ_PUT_NOWAIT:
		if (o->decl->maxsize > 0 && o->mcount >= o->decl->maxsize) {
			if (kind == REQ_PUT_NOWAIT) {
				reply.w[0] = REPLY_FULL;
				break;
			}
			if (sys_futex_wait(u->k, p->task, m->fx_items, deadline) == -K_ETIMEDOUT) {
				reply.w[0] = REPLY_FULL;
				break;
			}
			return exec_restart(p);
		}
		struct value v;
		memcpy(&v, &th->val, sizeof v);
		store(o, &v);
		sys_futex_wake(u->k, p->task, m->fx_items, INT_MAX); /* not_empty.notify() */
		break;
	case REQ_GET:
	case REQ_GET_NOWAIT:
		if (o->mcount == 0) {
			if (kind == REQ_GET_NOWAIT) {
				reply.w[0] = REPLY_EMPTY;
				break;
			}
			if (sys_futex_wait(u->k, p->task, m->fx_items, deadline) == -K_ETIMEDOUT) {
				reply.w[0] = REPLY_EMPTY;
				break;
			}
			return exec_restart(p);
		}
		memcpy(&out, &o->mitems[o->mhead], sizeof o->mitems[0]);
		o->mhead = (o->mhead + 1) % o->mcap;
		o->mcount--;
		with_value = true;
		sys_futex_wake(u->k, p->task, m->fx_items, INT_MAX); /* not_full.notify() */
		break;
	case REQ_SHUTDOWN:
		m->stopping = true;
		sys_futex_wake(u->k, p->task, m->fx_stop, INT_MAX);
		break;
	default: /* create, incref, decref */
		break;
	}
	sys_write(u->k, p->task, fd, &reply);
	if (with_value)
		sys_write(u->k, p->task, fd, &out);
	p->progress = PROGRESS_NONE;
	exec_advance(p);
	return STEP_NEXT;
}

/* Server.accepter: accept a connection, start a thread to serve it. */
static int accepter(struct user *u, struct uproc *p, struct uthread *th)
{
	if (th->conn < 0) {
		int fd = sys_accept(u->k, p->task, u->mgr.lfd);
		if (fd == K_RESTART)
			return exec_restart(p);
		if (fd < 0)
			return thread_exit(u, p);
		th->conn = fd;
		kernel_file_label(u->k, task_fd_file(p->task, fd), WCHAN_MANAGER_REQUEST, -1, "Manager");
	}
	int r = thread_start(u, p, UT_MGR_CONN, th->conn);
	if (r != STEP_NEXT)
		return r;
	th = thread_find(u, p, UT_MGR_ACCEPTER, 0); /* thread_start may have moved the entries */
	th->conn = -1;
	exec_advance(p);
	return STEP_NEXT;
}

int manager_thread_step(struct user *u, struct uproc *p, struct uthread *th)
{
	return th->kind == UT_MGR_ACCEPTER ? accepter(u, p, th) : serve(u, p, th);
}

/* A proxy's own connection (BaseProxy._connect: accept_connection). */
static int connection(struct user *u, struct uproc *p)
{
	struct mgr_conn *c = conn_of(u, p);
	if (c->fd >= 0)
		return c->fd;
	int fd = connect_to(u, p);
	if (fd >= 0)
		conn_of(u, p)->fd = fd;
	return fd;
}

int manager_call(struct user *u, struct uproc *p, const struct insn *in, struct uobj *o, bool put, struct value *v)
{
	struct manager *m = &u->mgr;
	if (m->listener < 0)
		return exec_raise(u, p, EXC_OS, "ConnectionRefusedError: [Errno 111] Connection refused");
	int fd = connection(u, p);
	if (fd < 0)
		return exec_raise(u, p, EXC_OS, "ConnectionRefusedError: [Errno 111] Connection refused");
	if (p->progress == PROGRESS_NONE) { /* BaseProxy._callmethod: conn.send((self._id, methodname, args, kwds)) */
		bool nowait = in->flags & INSN_NOWAIT;
		int64_t deadline = in->flags & INSN_HAS_TIMEOUT ? kernel_clock(u->k) + exec_ticks(u, p, &in->dur) : -1;
		int kind = put ? (nowait ? REQ_PUT_NOWAIT : REQ_PUT) : (nowait ? REQ_GET_NOWAIT : REQ_GET);
		send_request(u, p, fd, kind, (int)(o - u->objs), deadline, put ? v : NULL);
		exec_spend(u, p, put ? COST_QUEUE_PUT : COST_QUEUE_GET); /* pickling, unpickling */
		p->progress = -1;
	}
	struct pipe_msg reply; /* kind, result = conn.recv() */
	int r = sys_read(u->k, p->task, fd, &reply, false, -1);
	if (r == K_RESTART)
		return exec_restart(p);
	p->progress = PROGRESS_NONE;
	if (r <= 0)
		return exec_raise(u, p, EXC_EOF, "EOFError");
	if (reply.w[0] == REPLY_EMPTY)
		return exec_raise(u, p, EXC_EMPTY, "_queue.Empty");
	if (reply.w[0] == REPLY_FULL)
		return exec_raise(u, p, EXC_FULL, "queue.Full");
	if (!put) {
		struct pipe_msg val;
		if (sys_read(u->k, p->task, fd, &val, true, -1) <= 0)
			return exec_raise(u, p, EXC_EOF, "EOFError");
		memcpy(v, &val, sizeof *v);
	}
	return STEP_NEXT;
}

int manager_finalize(struct user *u, struct uproc *p)
{
	struct manager *m = &u->mgr;
	if (m->pid <= 0 || p->pid != u->main_pid)
		return STEP_NEXT;
	if (m->final_phase == 0) { /* _finalize_manager: dispatch(conn, None, 'shutdown') */
		int r = short_call(u, p, REQ_SHUTDOWN);
		if (r != STEP_NEXT)
			return r;
		m->final_phase = 1;
	}
	struct wait_status st; /* process.join(timeout=1.0) */
	if (m->final_phase == 1) {
		int64_t second = 1000000 / (u->sc->tick_us > 0 ? u->sc->tick_us : 1);
		m->final_deadline = kernel_clock(u->k) + (second > 0 ? second : 1);
		m->final_phase = 2;
	}
	int r = sys_wait4(u->k, p->task, m->pid, 0, m->final_deadline, &st);
	if (r == K_RESTART)
		return exec_restart(p);
	if (r > 0)
		exec_reaped(p, &st);
	exec_forget_child(p, m->pid);
	m->pid = -1;
	p->progress = PROGRESS_NONE;
	return STEP_NEXT;
}

void manager_forget(struct user *u, int pid)
{
	struct manager *m = &u->mgr;
	for (int32_t i = 0; i < m->nconns; i++)
		if (m->conns[i].pid == pid) {
			m->conns[i] = m->conns[--m->nconns];
			return;
		}
}

bool manager_clone(const struct user *from, struct user *to)
{
	to->mgr.conns = NULL;
	to->mgr.capconns = to->mgr.nconns = 0;
	if (!from->mgr.capconns)
		return true;
	to->mgr.conns = malloc(sizeof *to->mgr.conns * (size_t)from->mgr.capconns);
	if (!to->mgr.conns)
		return false;
	memcpy(to->mgr.conns, from->mgr.conns, sizeof *to->mgr.conns * (size_t)from->mgr.nconns);
	to->mgr.nconns = from->mgr.nconns;
	to->mgr.capconns = from->mgr.capconns;
	return true;
}

void manager_fini(struct user *u)
{
	free(u->mgr.conns);
	u->mgr.conns = NULL;
}
