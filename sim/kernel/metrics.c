/* metrics.c: per-process and system measurements, and the load average.
 * Counters are kept as things happen (O(1) per event); this module only
 * reads them out. */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

/* kernel/sched/loadavg.c: avenrun[] in fixed point with FSHIFT bits, decayed
 * every LOAD_FREQ (5 s of a 60 s minute) by e^(-5/60), e^(-5/300), e^(-5/900). */
#define FSHIFT 11
#define FIXED_1 (1UL << FSHIFT)
static const uint64_t load_exp[3] = {1884, 2014, 2037}; /* EXP_1, EXP_5, EXP_15 */

static uint64_t calc_load(uint64_t load, uint64_t exp, uint64_t active)
{
	uint64_t newload = load * exp + active * (FIXED_1 - exp);
	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* fixed_power_int: x^n in fixed point, as calc_load_n uses for the samples a
 * tickless idle stretch skipped. */
static uint64_t fixed_power(uint64_t x, unsigned frac_bits, int64_t n)
{
	uint64_t result = 1UL << frac_bits;
	while (n) {
		if (n & 1) {
			result *= x;
			result += 1UL << (frac_bits - 1);
			result >>= frac_bits;
		}
		n >>= 1;
		if (!n)
			break;
		x *= x;
		x += 1UL << (frac_bits - 1);
		x >>= frac_bits;
	}
	return result;
}

void metrics_load_sample(struct sim *s, int64_t nsamples, uint64_t active)
{
	active *= FIXED_1;
	for (int i = 0; i < 3; i++) {
		if (nsamples == 1)
			s->loadavg[i] = calc_load(s->loadavg[i], load_exp[i], active);
		else if (nsamples > 1)
			s->loadavg[i] = calc_load(s->loadavg[i], fixed_power(load_exp[i], FSHIFT, nsamples), active);
	}
}

void sim_loadavg(const struct sim *s, double load[3])
{
	for (int i = 0; i < 3; i++)
		load[i] = (double)s->loadavg[i] / (double)FIXED_1;
}

void sim_collect_metrics(struct sim *s, bool on)
{
	if (on && !s->reaped) {
		s->capreaped = 64;
		s->reaped = malloc(sizeof *s->reaped * (size_t)s->capreaped);
		if (!s->reaped)
			s->capreaped = 0;
	}
}

static int by_arrival(const void *a, const void *b)
{
	const struct proc_metrics *x = a, *y = b;
	if (x->arrival != y->arrival)
		return x->arrival < y->arrival ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

int64_t sim_proc_metrics(const struct sim *s, struct proc_metrics **out)
{
	int64_t n = s->nreaped + s->nprocs;
	struct proc_metrics *m = malloc(sizeof *m * (size_t)(n ? n : 1));
	if (!m) {
		*out = NULL;
		return 0;
	}
	if (s->nreaped)
		memcpy(m, s->reaped, sizeof *m * (size_t)s->nreaped);
	int64_t k = s->nreaped;
	for (uint32_t x = 0; x < s->nslots; x++) {
		const struct proc *p = P(s, x);
		if (p->place != PL_FREE && !proc_is_thread(p)) /* a thread is its process's */
			proc_record((struct sim *)s, p, &m[k++], false);
	}
	qsort(m, (size_t)k, sizeof *m, by_arrival);
	*out = m;
	return k;
}

void sim_sys_metrics(const struct sim *s, struct sys_metrics *m)
{
	memset(m, 0, sizeof *m);
	/* A finished run ended with its last event, not at the tick after it. */
	m->elapsed = s->status == SIM_DONE || s->status == SIM_STUCK ? s->last_event : s->now;
	m->ncpus = s->ncpus;
	for (int c = 0; c < s->ncpus; c++) {
		m->cpu[c].user = s->cpus[c].user_ticks;
		m->cpu[c].system = s->cpus[c].system_ticks;
		m->cpu[c].nice = s->cpus[c].nice_ticks;
		m->cpu[c].iowait = s->cpus[c].iowait_ticks;
		m->cpu[c].idle = m->elapsed - m->cpu[c].user - m->cpu[c].system;
		if (m->cpu[c].idle < 0)
			m->cpu[c].idle = 0;
		m->total.user += m->cpu[c].user;
		m->total.system += m->cpu[c].system;
		m->total.idle += m->cpu[c].idle;
		m->total.nice += m->cpu[c].nice;
		m->total.iowait += m->cpu[c].iowait;
	}
	m->makespan = s->completed ? s->last_exit - s->first_arrival : 0;
	m->completed = s->completed;
	m->throughput = m->makespan > 0 ? 100.0 * (double)s->completed / (double)m->makespan : 0;
	m->context_switches = s->context_switches;
	m->peak_zombies = s->peak_zombies;
	m->orphans_adopted = s->orphans_adopted;
	m->peak_pids = s->peak_procs;
	m->pids_in_use = s->nprocs + s->nthreads; /* TIDs are PIDs */
	sim_loadavg(s, m->load);
	m->minute = s->load_freq * 12;
}
