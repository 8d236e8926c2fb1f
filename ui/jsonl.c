/* jsonl.c: the machine-readable trace. Field names are documented in
 * procsim(1); every object has t, event and pid. */
#include "jsonl.h"

#include "sig.h"
#include "sim.h"
#include "text.h"

static void field_str(FILE *out, const char *key, const char *v)
{
	fprintf(out, ",\"%s\":", key);
	text_json_string(out, v ? v : "");
}

static void field_int(FILE *out, const char *key, long long v) { fprintf(out, ",\"%s\":%lld", key, v); }

static void field_sig(FILE *out, const char *key, int sig)
{
	const char *n = sig_name(sig);
	field_str(out, key, n ? n : "?");
}

void jsonl_event(FILE *out, const struct sim_event *ev, bool cmdline)
{
	fprintf(out, "{\"t\":%lld,\"event\":\"%s\",\"pid\":%d", (long long)ev->t, event_name(ev->kind), ev->pid);
	if (ev->name)
		field_str(out, "name", ev->name);
	if (cmdline && ev->cmdline)
		field_str(out, "cmdline", ev->cmdline);
	switch (ev->kind) {
	case EV_SPAWN: field_int(out, "ppid", ev->ppid); break;
	/* pid is the thread's TID; its process as /proc/TID/status's Tgid (a
	 * thread's PPid is its process's parent, not its process). Every later
	 * event with that pid is the thread's, until its thread-exit. */
	case EV_THREAD:
	case EV_THREAD_EXIT: field_int(out, "tgid", ev->ppid); break;
	case EV_DISPATCH:
	case EV_PREEMPT:
		field_int(out, "cpu", ev->cpu);
		if (ev->yielded)
			fprintf(out, ",\"yield\":true");
		break;
	case EV_SLEEP:
		fprintf(out, ",\"state\":\"%c\"", ev->state);
		field_str(out, "wchan", wchan_kernel_name(ev->wchan));
		field_str(out, "on", wchan_name(ev->wchan));
		if (ev->until >= 0)
			field_int(out, "until", ev->until);
		if (ev->wait_pid)
			field_int(out, "wait_pid", ev->wait_pid);
		if (ev->object)
			field_str(out, "object", ev->object);
		break;
	case EV_WAKE: field_str(out, "reason", wake_reason_name(ev->reason)); break;
	case EV_STOP:
		field_sig(out, "signal", ev->sig);
		if (ev->traced)
			fputs(",\"traced\":true", out);
		break;
	case EV_CONT:
		if (ev->traced)
			fputs(",\"traced\":true", out);
		break;
	case EV_EXIT:
		field_int(out, "ppid", ev->ppid);
		if (ev->sig)
			field_sig(out, "signal", ev->sig);
		else
			field_int(out, "code", ev->code);
		if (ev->sig && ev->core)
			fprintf(out, ",\"core_dumped\":true"); /* WCOREDUMP */
		fprintf(out, ",\"zombie\":%s", ev->zombie ? "true" : "false");
		break;
	case EV_REAP:
		field_int(out, "by", ev->other);
		if (ev->sig)
			field_sig(out, "signal", ev->sig);
		else
			field_int(out, "code", ev->code);
		break;
	case EV_REPARENT:
		field_int(out, "from", ev->other);
		field_int(out, "to", ev->to);
		break;
	case EV_SIGNAL:
		field_sig(out, "signal", ev->sig);
		field_int(out, "from", ev->other);
		field_str(out, "outcome", sig_outcome_name(ev->outcome));
		if (ev->text)
			field_str(out, "target", ev->text);
		break;
	case EV_PRINT:
		field_str(out, "text", ev->text);
		if (ev->code)
			field_str(out, "stream", "stderr");
		break;
	case EV_FORK_FAILED:
		field_str(out, "errno", "EAGAIN");
		if (ev->text) /* the program it tried to start */
			field_str(out, "program", ev->text);
		break;
	case EV_WAIT_FAILED:
		field_str(out, "errno", "ECHILD");
		if (ev->wait_pid)
			field_int(out, "wait_pid", ev->wait_pid);
		break;
	case EV_CODE_END: field_int(out, "joining", ev->count); break;
	case EV_HANDLER: field_sig(out, "signal", ev->sig); break;
	case EV_INPUT: field_str(out, "text", ev->text); break;
	case EV_IPC:
		field_str(out, "op", ipc_op_name(ev->op));
		field_str(out, "object", ev->object);
		if (ev->text)
			field_str(out, "value", ev->text);
		if (ev->op == IPC_PUT || ev->op == IPC_GET)
			field_int(out, "items", ev->count);
		break;
	case EV_RAISE:
		field_str(out, "exception", ev->text);
		fprintf(out, ",\"caught\":%s", ev->caught ? "true" : "false");
		if (ev->in_pool)
			fprintf(out, ",\"in_pool\":true");
		if (ev->in_finally)
			fprintf(out, ",\"finally\":true");
		if (ev->in_atexit)
			fprintf(out, ",\"atexit\":true");
		break;
	case EV_NICE:
		field_int(out, "from", ev->other);
		if (ev->err)
			field_str(out, "error", "ESRCH");
		else {
			field_int(out, "old", ev->count);
			field_int(out, "nice", ev->code);
		}
		break;
	case EV_MEMORY:
		field_int(out, "pages", ev->pages);
		fprintf(out, ",\"copy_on_write\":%s", ev->cow ? "true" : "false");
		break;
	default: break;
	}
	if (ev->kind == EV_MEMORY || ev->kind == EV_SPAWN) {
		field_int(out, "virt", ev->virt_kib);
		field_int(out, "res", ev->res_kib);
		field_int(out, "shared", ev->shared_kib);
		field_int(out, "used", ev->used_kib);
	}
	if (ev->syscall)
		field_str(out, "syscall", ev->syscall);
	if (ev->syscall && ev->has_fd)
		field_int(out, "fd", ev->fd);
	fputs("}\n", out);
}

void jsonl_end(FILE *out, const struct sim *s)
{
	static const char *const reasons[] = {
		[SIM_RUNNING] = "running", [SIM_DONE] = "done", [SIM_LIMIT] = "limit",
		[SIM_STUCK] = "stuck", [SIM_RUNAWAY] = "runaway", [SIM_ERROR] = "error",
	};
	fprintf(out, "{\"t\":%lld,\"event\":\"end\",\"pid\":0,\"reason\":\"%s\"}\n", (long long)sim_end_tick(s),
		reasons[sim_status(s)]);
}
