/* cpu.c: a CPU running a process. The only place where the kernel enters
 * user space: before each of the program's instructions the CPU is on its
 * way back to user mode, where pending signals act (get_signal, in
 * exit_to_user_mode_loop); then it runs the next instruction through
 * user_ops.run, which says whether it goes on, holds the CPU computing,
 * sleeps in a system call, or is gone.
 *
 * A program that computes says for how many ticks (upcall.burst): the CPU
 * then runs it without entering it again until they are over, and tells it
 * the ticks it had (upcall.cpu_ticks) when it next enters. A program whose
 * system calls have cost a tick or more (kernel_charge) does not go on
 * until the CPU has paid them, as system time. */
#include "kernel_int.h"

enum run_result cpu_run(struct sim *s, struct proc *p, bool burst_over)
{
	struct upcall u = {.image = proc_image(s, p)};
	enum run_result r = RUN_NEXT;
	s->running = p;
	if (burst_over) {
		/* The compute's last tick: it ends, and the next instructions
		 * run at once. */
		u.cpu_ticks = p->charged;
		p->charged = 0;
		r = s->uops->run(s->uctx, p, &u);
	}
	/* A system call's time owed (kernel_charge) is paid before the next
	 * instruction: the CPU stays in the kernel for it (run_cpu). */
	while (r == RUN_NEXT && !kernel_owes_tick(s, p)) {
		if (++s->steps > SIM_STEP_LIMIT)
			kernel_runaway(s, p, FAULT_STEPS);
		if (s->status != SIM_RUNNING) {
			r = RUN_SPENT; /* a runaway: stop here */
			u.burst = 0;
			break;
		}
		u.sig = 0;
		if (ksignal_has_deliverable(p) && !ksignal_deliver(s, p, &u)) {
			r = RUN_GONE;
			break;
		}
		/* The ticks it had are told with the next entry: a signal that
		 * stops or kills it first leaves them for later. */
		u.cpu_ticks = p->charged;
		p->charged = 0;
		r = s->uops->run(s->uctx, p, &u);
	}
	if (r == RUN_GONE && proc_exit_pending(p))
		r = RUN_NEXT; /* in exit_group, paying do_exit's time: it holds the CPU */
	if (r == RUN_NEXT) { /* it owes a tick or more of system time: it holds the CPU */
		r = RUN_SPENT;
		u.burst = 0;
	}
	p->burst = r == RUN_SPENT ? (int32_t)(u.burst > INT32_MAX ? INT32_MAX : u.burst) : 0;
	s->running = NULL;
	return r;
}
