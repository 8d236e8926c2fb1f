/* cpu.c: a CPU running a process. The only place where the kernel enters
 * user space: before each of the program's instructions the CPU is on its
 * way back to user mode, where pending signals act (get_signal, in
 * exit_to_user_mode_loop); then it runs the next instruction through
 * user_ops.run, which says whether it goes on, holds the CPU computing,
 * sleeps in a system call, or is gone. */
#include "kernel_int.h"

enum run_result cpu_run(struct sim *s, struct proc *p, int64_t cpu_ticks)
{
	struct upcall u = {.cpu_ticks = cpu_ticks};
	enum run_result r = RUN_NEXT;
	s->running = p;
	if (cpu_ticks > 0) {
		/* The tick just charged: a compute in progress goes on, or ends
		 * and the instructions after it run at once. */
		r = s->uops->run(s->uctx, p, &u);
		u.cpu_ticks = 0;
	}
	while (r == RUN_NEXT) {
		if (++s->steps > SIM_STEP_LIMIT)
			kernel_runaway(s, p, FAULT_STEPS);
		if (s->status != SIM_RUNNING) {
			r = RUN_SPENT; /* a runaway: stop here */
			break;
		}
		u.sig = 0;
		if (ksignal_has_deliverable(p) && !ksignal_deliver(s, p, &u)) {
			r = RUN_GONE;
			break;
		}
		r = s->uops->run(s->uctx, p, &u);
	}
	s->running = NULL;
	return r;
}
