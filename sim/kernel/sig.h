/* sig.h: the signals procsim models, with Linux's numbers and default actions. */
#ifndef PROCSIM_SIG_H
#define PROCSIM_SIG_H

#include <stdbool.h>

enum { SIG_HUP = 1, SIG_INT = 2, SIG_KILL = 9, SIG_TERM = 15, SIG_CHLD = 17,
       SIG_CONT = 18, SIG_STOP = 19, SIG_TSTP = 20, SIG_TTIN = 21, SIG_MAX = 32 };

enum sig_default { SIGDFL_TERMINATE, SIGDFL_IGNORE, SIGDFL_STOP, SIGDFL_CONTINUE };

/* "TERM", "SIGTERM", "term" or "15" -> 15; 0 when unknown or unmodelled. */
int sig_from_name(const char *name, int len);
/* "SIGTERM"; NULL for a number procsim does not model. */
const char *sig_name(int sig);
enum sig_default sig_default_action(int sig);
/* SIGKILL and SIGSTOP cannot be caught, ignored or blocked. */
bool sig_catchable(int sig);
/* The names, for "did you mean" and for documentation; NULL-terminated. */
const char *const *sig_all_names(void);

#endif
