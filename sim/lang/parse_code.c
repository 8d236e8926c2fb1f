/* parse_code.c: the compile-to-instructions step, as Lua's lcode.c is to
 * lparser.c. Programs are flat arrays of instructions with jumps (no AST):
 * instructions are emitted here, loops' jumps patched, try/with regions and
 * calls to programs not yet read (fixups) recorded, and a finished program
 * copied into the arena. A `job` line becomes a program here too. */
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "parse_int.h"

struct insn *parse_emit(struct parser *p, enum opcode op, const struct token *at)
{
	static struct insn scratch; /* where instructions past the limit go */
	struct insn *i;
	if (p->ninsns >= PARSE_MAX_INSNS) {
		if (!p->too_long)
			diag_add(p->diags, at->line, at->col, 1, NULL,
				 _("program too long (the limit is %d instructions)"), PARSE_MAX_INSNS);
		p->too_long = true;
		i = &scratch;
	} else {
		if (p->ninsns == p->capinsns) {
			int cap = p->capinsns ? p->capinsns * 2 : 32;
			struct insn *n = realloc(p->insns, sizeof *n * (size_t)cap);
			if (!n)
				abort();
			p->insns = n;
			p->capinsns = cap;
		}
		i = &p->insns[p->ninsns++];
	}
	memset(i, 0, sizeof *i);
	i->op = (uint8_t)op;
	i->line = at->line;
	i->col = at->col;
	i->a = i->b = i->target = -1;
	return i;
}

void parse_loop_begin(struct parser *p, struct loop_ctx *l)
{
	memset(l, 0, sizeof *l);
	l->outer = p->loop;
	l->try_depth = p->ntry_open;
	p->loop = l;
}

void parse_loop_end(struct parser *p, struct loop_ctx *l, int continue_pc, int exit_pc)
{
	for (int i = 0; i < l->nbreaks; i++)
		p->insns[l->breaks[i]].target = exit_pc;
	for (int i = 0; i < l->nconts; i++)
		p->insns[l->conts[i]].target = continue_pc;
	p->loop = l->outer;
}

/* A region of code that an exception leaving it runs a handler for: a try
 * block's, or a with block's (see parse_with). */
void parse_add_region(struct parser *p, struct try_region r)
{
	if (p->ntries == p->captries) {
		p->captries = p->captries ? p->captries * 2 : 8;
		p->tries = realloc(p->tries, sizeof *p->tries * (size_t)p->captries);
		if (!p->tries)
			abort();
	}
	p->tries[p->ntries++] = r;
}

void parse_add_fixup(struct parser *p, const struct token *name)
{
	if (p->nfix == p->capfix) {
		p->capfix = p->capfix ? p->capfix * 2 : 16;
		p->fix = realloc(p->fix, sizeof *p->fix * (size_t)p->capfix);
		if (!p->fix)
			abort();
	}
	p->fix[p->nfix++] = (struct fixup){p->nprogs, p->ninsns - 1, *name, NULL, false};
}

void parse_fixup_keywords(struct parser *p, const struct token *keywords, int nargs)
{
	struct token *k = arena_alloc(p->A, sizeof *k * (size_t)nargs);
	memcpy(k, keywords, sizeof *k * (size_t)nargs);
	p->fix[p->nfix - 1].keywords = k;
}

void parse_begin_program(struct parser *p, const char *name, int line)
{
	p->prog = arena_alloc(p->A, sizeof *p->prog);
	p->prog->name = name;
	p->prog->line = line;
	p->ninsns = 0;
	p->nlocals = 0;
	p->nunknown = 0;
	p->ntries = 0;
	p->too_long = false;
	p->atexit_var = -1;
}

void parse_end_program(struct parser *p, const struct token *at)
{
	parse_emit(p, OP_CODE_END, at);
	struct program *g = p->prog;
	g->ninsns = p->ninsns;
	g->insns = arena_alloc(p->A, sizeof(struct insn) * (size_t)p->ninsns);
	memcpy(g->insns, p->insns, sizeof(struct insn) * (size_t)p->ninsns);
	g->ntries = p->ntries;
	g->tries = arena_alloc(p->A, sizeof(struct try_region) * (size_t)(p->ntries ? p->ntries : 1));
	if (p->ntries)
		memcpy(g->tries, p->tries, sizeof(struct try_region) * (size_t)p->ntries);
	p->ntries = 0;
	g->atexit_var = p->atexit_var;
	g->natexit = 0;
	for (int i = 0; i < p->ninsns; i++)
		g->natexit += p->insns[i].op == OP_ATEXIT;
	g->nlocals = p->nlocals;
	g->local_names = arena_alloc(p->A, sizeof(char *) * (size_t)(p->nlocals ? p->nlocals : 1));
	memcpy(g->local_names, p->locals, sizeof(char *) * (size_t)p->nlocals);
	if (p->nprogs == p->capprogs) {
		p->capprogs = p->capprogs ? p->capprogs * 2 : 8;
		p->progs = realloc(p->progs, sizeof *p->progs * (size_t)p->capprogs);
		if (!p->progs)
			abort();
	}
	p->progs[p->nprogs++] = g;
	p->prog = NULL;
	if (p->main_line && g->line == p->main_line)
		p->main_prog = g;
	else
		parse_index_put(&p->program_index, g->name, strlen(g->name), p->nprogs - 1);
}

/* A job's bursts, in ticks, checked: the CPU ones at least 1 tick (a job
 * runs at least 1 tick in all), the I/O ones too. Returns the CPU ticks in
 * all, or -1 after a diagnostic. */
static int64_t job_ticks(struct parser *p, const struct job_spec *j, int64_t *ticks)
{
	int64_t runs = 0;
	for (int k = 0; k < j->nbursts; k++) {
		const struct job_burst *b = &j->bursts[k];
		ticks[k] = resolve(&b->d, p->sc->tick_us);
		if (ticks[k] < 1 || ticks[k] > 1000000000LL || runs + ticks[k] > 1000000000LL) {
			diag_add(p->diags, b->d.line, b->d.col, 1, NULL, "%s",
				 b->io ? _("a job's I/O lasts at least 1 tick") : _("a job runs at least 1 tick"));
			return -1;
		}
		if (!b->io)
			runs += ticks[k];
	}
	return runs;
}

static void emit_burst(struct parser *p, const struct token *at, enum opcode op, int64_t ticks)
{
	parse_emit(p, op, at)->dur.amount = (struct operand){.kind = OPD_INT, .num = ticks * 1000000};
}

/* Each job becomes a program: its bursts in order (compute B, io I, ...),
 * or (compute E, io I) repeated and then the rest of its CPU time; and a
 * timeline event that starts it on arrival. */
void parse_build_jobs(struct parser *p)
{
	struct scenario *sc = p->sc;
	parse_index_reserve(&p->program_index, (size_t)p->njobs);
	for (int i = 0; i < p->njobs; i++) {
		struct job_spec *j = &p->jobs[i];
		/* One look-up in the index of programs, which the job joins: a
		 * million jobs are read in linear time (issue 9). A program of the
		 * same name is replaced, as before; a job is not. */
		int prior = parse_index_find(&p->program_index, j->name.start, j->name.len);
		if (prior >= 0 && p->progs[prior]->is_job) {
			parse_error_at(p, &j->name, NULL, _("job '%s' is declared twice"), tok_str(p, &j->name));
			continue;
		}
		int64_t *ticks = malloc(sizeof *ticks * (size_t)j->nbursts);
		if (!ticks)
			abort();
		int64_t runs = job_ticks(p, j, ticks);
		int64_t every = j->every.set ? resolve(&j->every, sc->tick_us) : 0;
		int64_t io = j->io.set ? resolve(&j->io, sc->tick_us) : 0;
		if (runs < 0) {
			free(ticks);
			continue;
		}
		if (j->io.set && (every < 1 || io < 1)) {
			const struct pending_dur *bad = io < 1 ? &j->io : &j->every;
			diag_add(p->diags, bad->line, bad->col, 1, NULL, "%s",
				 _("'io I every E' needs I and E of at least 1 tick"));
			free(ticks);
			continue;
		}
		struct token at = {.line = j->line, .col = j->col};
		parse_begin_program(p, tok_str(p, &j->name), j->line);
		int64_t bursts = every ? (runs + every - 1) / every - 1 : 0;
		if (bursts > 0) {
			int counter = parse_local_add(p, NULL), limit = parse_local_add(p, NULL);
			struct insn *r = parse_emit(p, OP_REPEAT, &at);
			r->opd = (struct operand){.kind = OPD_INT, .num = bursts};
			r->a = counter;
			r->b = limit;
			int test = p->ninsns;
			struct insn *t = parse_emit(p, OP_REPEAT_TEST, &at);
			t->a = counter;
			t->b = limit;
			emit_burst(p, &at, OP_COMPUTE, every);
			emit_burst(p, &at, OP_IO, io);
			struct insn *jmp = parse_emit(p, OP_JUMP, &at);
			jmp->target = test;
			jmp->b = counter;
			p->insns[test].target = p->ninsns;
		}
		sc->job_work += runs + bursts * io;
		if (every)
			emit_burst(p, &at, OP_COMPUTE, runs - bursts * every);
		else
			for (int k = 0; k < j->nbursts; k++) {
				emit_burst(p, &at, j->bursts[k].io ? OP_IO : OP_COMPUTE, ticks[k]);
				sc->job_work += j->bursts[k].io ? ticks[k] : 0;
			}
		free(ticks);
		parse_end_program(p, &at);
		struct program *g = p->progs[p->nprogs - 1];
		g->demand = runs;
		g->is_job = true;
		struct timeline_event e = {.kind = TL_JOB, .line = j->line, .col = j->col, .program = p->nprogs - 1,
					   .nice = j->nice, .working_set = j->working_set, .affinity = j->affinity,
					   .tickets = j->tickets};
		if (p->sc->cpus < 64 && j->affinity >> p->sc->cpus)
			diag_add(p->diags, j->affinity_at.line, j->affinity_at.col, tok_span(&j->affinity_at), NULL,
				 _("the affinity names a CPU the machine does not have (cpus %d: 0 to %d)"), p->sc->cpus,
				 p->sc->cpus - 1);
		e.at_us = j->arrives.set ? j->arrives.micro : 0;
		e.at_ticks = j->arrives.set ? j->arrives.unit_us : 0; /* the unit, until resolved below */
		parse_add_timeline(p, &e);
	}
}

/* The declared CPU demand of a program (sjf, stcf): its literal compute
 * durations, each counted once. */
void parse_compute_demands(struct parser *p)
{
	for (int i = 0; i < p->nprogs; i++) {
		struct program *g = p->progs[i];
		if (g->is_job)
			continue;
		int64_t sum = 0;
		for (int k = 0; k < g->ninsns; k++) {
			const struct insn *in = &g->insns[k];
			if (in->op == OP_COMPUTE && in->dur.amount.kind == OPD_INT) {
				struct pending_dur d = {in->dur.amount.num, in->dur.unit_us, 0, 0, true};
				sum += resolve(&d, p->sc->tick_us);
			}
		}
		g->demand = sum;
	}
}
