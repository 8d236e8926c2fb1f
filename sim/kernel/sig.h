/* sig.h: the standard Linux signals, 1 to 31, with their x86-64 numbers and
 * default actions (signal(7)). A mask is a uint32_t with bit = number. */
#ifndef PROCSIM_SIG_H
#define PROCSIM_SIG_H

#include <stdbool.h>

enum {
	SIG_HUP = 1, SIG_INT, SIG_QUIT, SIG_ILL, SIG_TRAP, SIG_ABRT, SIG_BUS, SIG_FPE, SIG_KILL, SIG_USR1,
	SIG_SEGV, SIG_USR2, SIG_PIPE, SIG_ALRM, SIG_TERM, SIG_STKFLT, SIG_CHLD, SIG_CONT, SIG_STOP, SIG_TSTP,
	SIG_TTIN, SIG_TTOU, SIG_URG, SIG_XCPU, SIG_XFSZ, SIG_VTALRM, SIG_PROF, SIG_WINCH, SIG_IO, SIG_PWR,
	SIG_SYS, SIG_MAX
};
_Static_assert(SIG_MAX == 32, "x86-64 numbers the standard signals 1 to 31");

/* signal(7)'s actions: Term, Core (Term, and the wait status says the core
 * was dumped), Ign, Stop, Cont. */
enum sig_default { SIGDFL_TERMINATE, SIGDFL_CORE, SIGDFL_IGNORE, SIGDFL_STOP, SIGDFL_CONTINUE };

/* "TERM", "SIGTERM", "term" or "15" -> 15; 0 when unknown. */
int sig_from_name(const char *name, int len);
/* "SIGTERM"; NULL for a number that is not a standard signal. */
const char *sig_name(int sig);
/* strsignal(3) as glibc words it ("Terminated", "Quit"): what bash prints. */
const char *sig_description(int sig);
enum sig_default sig_default_action(int sig);
/* Killed by it, the process dumps core (WCOREDUMP). */
bool sig_dumps_core(int sig);
/* SIGKILL and SIGSTOP cannot be caught, ignored or blocked (sig_kernel_only). */
bool sig_catchable(int sig);
/* The names, with and without SIG, for "did you mean"; NULL-terminated. */
const char *const *sig_all_names(void);

#endif
