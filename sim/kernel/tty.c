/* tty.c: the terminal. It holds the lines typed and not yet read, knows its
 * foreground process group (tcsetpgrp) and its session, turns Ctrl+C and
 * Ctrl+Z into signals to the foreground group (n_tty's isig), stops or
 * refuses a background reader (__tty_check_change), and hangs up when its
 * session leader goes (disassociate_ctty). Job control's bookkeeping, which
 * job is which, is bash's, in user space (sim/user/bash.c). */
#include <stdlib.h>

#include "kernel_int.h"

void tty_type(struct sim *s, const char *line)
{
	if (s->tty_count == s->tty_cap) {
		int cap = s->tty_cap ? s->tty_cap * 2 : 8;
		const char **n = malloc(sizeof *n * (size_t)cap);
		if (!n)
			abort();
		for (int i = 0; i < s->tty_count; i++)
			n[i] = s->tty_lines[(s->tty_head + i) % s->tty_cap];
		free(s->tty_lines);
		s->tty_lines = n;
		s->tty_head = 0;
		s->tty_cap = cap;
	}
	s->tty_lines[(s->tty_head + s->tty_count++) % s->tty_cap] = line;
	proc_waitq_wake_all(s, &s->tty_q, WAKE_INPUT);
}

/* n_tty_receive_signal_char → isig → kill_pgrp: the terminal's line
 * discipline, in the kernel, signals the foreground group (sender -3). */
void tty_keyboard_signal(struct sim *s, int sig)
{
	ksignal_group(s, -3, s->tty_fg_pgid, sig);
}

/* is_current_pgrp_orphaned: no member has a parent in another group of the
 * same session (here: a parent other than init, in another group). */
static bool pgrp_orphaned(struct sim *s, int pgid)
{
	for (uint32_t x = 0; x < s->nslots; x++) {
		struct proc *q = P(s, x);
		if (q->place == PL_FREE || q->state == 'Z' || q->pgid != pgid)
			continue;
		struct proc *parent = proc_parent(s, q);
		if (parent && parent->self != s->init && parent->pgid != pgid)
			return false;
	}
	return true;
}

int tty_read(struct sim *s, struct proc *p, const char **line)
{
	if (p->pgid != s->tty_fg_pgid) {
		/* __tty_check_change: a background job that reads the terminal is
		 * stopped by SIGTTIN, sent to its whole process group; but when
		 * SIGTTIN is ignored, or the group is orphaned (nobody could ever
		 * continue it), the read fails with EIO. */
		if ((p->sig_ignored & (1u << SIG_TTIN)) || pgrp_orphaned(s, p->pgid))
			return -K_EIO;
		for (uint32_t x = 0; x < s->nslots; x++) {
			struct proc *q = P(s, x);
			if (q->place != PL_FREE && q->state != 'Z' && q->pgid == p->pgid && !proc_is_thread(q))
				ksignal_send(s, 0, q, SIG_TTIN);
		}
		return K_RESTART; /* the read is made again once continued */
	}
	if (s->tty_count) {
		*line = s->tty_lines[s->tty_head];
		s->tty_head = (s->tty_head + 1) % s->tty_cap;
		s->tty_count--;
		struct sim_event ev = {.kind = EV_INPUT, .pid = p->pid, .text = *line};
		kernel_emit(s, &ev);
		return 0;
	}
	proc_sleep(s, p, &s->tty_q, 'S', -1, 0);
	return K_RESTART;
}

/* The session leader (the login shell) exits. For a pseudo-terminal,
 * disassociate_ctty(1) sends SIGHUP to the foreground process group, when
 * that is not the leader's own; the terminal then has no session. */
void tty_leader_exit(struct sim *s, struct proc *p)
{
	if (s->tty_fg_pgid && s->tty_fg_pgid != p->pgid)
		ksignal_group(s, 0, s->tty_fg_pgid, SIG_HUP);
	s->tty_fg_pgid = 0;
	s->tty_session = 0;
}

int kernel_fg_pgrp(const struct sim *s) { return s->tty_fg_pgid; }
