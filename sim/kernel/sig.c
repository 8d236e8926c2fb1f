/* sig.c: one table of the standard signals (numbers as on Linux x86-64,
 * default actions as signal(7) gives them, descriptions as glibc's
 * strsignal words them). */
#include "sig.h"

#include "i18n.h" /* N_: the descriptions are translated where they are printed */

#include <stddef.h>
#include <string.h>
#include <strings.h>

static const struct sig_info {
	const char *name;          /* with the SIG prefix */
	enum sig_default action;
	const char *description;
} sig_table[SIG_MAX] = {
	[SIG_HUP]    = {"SIGHUP",    SIGDFL_TERMINATE, N_("Hangup")},
	[SIG_INT]    = {"SIGINT",    SIGDFL_TERMINATE, N_("Interrupt")},
	[SIG_QUIT]   = {"SIGQUIT",   SIGDFL_CORE,      N_("Quit")},
	[SIG_ILL]    = {"SIGILL",    SIGDFL_CORE,      N_("Illegal instruction")},
	[SIG_TRAP]   = {"SIGTRAP",   SIGDFL_CORE,      N_("Trace/breakpoint trap")},
	[SIG_ABRT]   = {"SIGABRT",   SIGDFL_CORE,      N_("Aborted")},
	[SIG_BUS]    = {"SIGBUS",    SIGDFL_CORE,      N_("Bus error")},
	[SIG_FPE]    = {"SIGFPE",    SIGDFL_CORE,      N_("Floating point exception")},
	[SIG_KILL]   = {"SIGKILL",   SIGDFL_TERMINATE, N_("Killed")},
	[SIG_USR1]   = {"SIGUSR1",   SIGDFL_TERMINATE, N_("User defined signal 1")},
	[SIG_SEGV]   = {"SIGSEGV",   SIGDFL_CORE,      N_("Segmentation fault")},
	[SIG_USR2]   = {"SIGUSR2",   SIGDFL_TERMINATE, N_("User defined signal 2")},
	[SIG_PIPE]   = {"SIGPIPE",   SIGDFL_TERMINATE, N_("Broken pipe")},
	[SIG_ALRM]   = {"SIGALRM",   SIGDFL_TERMINATE, N_("Alarm clock")},
	[SIG_TERM]   = {"SIGTERM",   SIGDFL_TERMINATE, N_("Terminated")},
	[SIG_STKFLT] = {"SIGSTKFLT", SIGDFL_TERMINATE, N_("Stack fault")},
	[SIG_CHLD]   = {"SIGCHLD",   SIGDFL_IGNORE,    N_("Child exited")},
	[SIG_CONT]   = {"SIGCONT",   SIGDFL_CONTINUE,  N_("Continued")},
	[SIG_STOP]   = {"SIGSTOP",   SIGDFL_STOP,      N_("Stopped (signal)")},
	[SIG_TSTP]   = {"SIGTSTP",   SIGDFL_STOP,      N_("Stopped")},
	[SIG_TTIN]   = {"SIGTTIN",   SIGDFL_STOP,      N_("Stopped (tty input)")},
	[SIG_TTOU]   = {"SIGTTOU",   SIGDFL_STOP,      N_("Stopped (tty output)")},
	[SIG_URG]    = {"SIGURG",    SIGDFL_IGNORE,    N_("Urgent I/O condition")},
	[SIG_XCPU]   = {"SIGXCPU",   SIGDFL_CORE,      N_("CPU time limit exceeded")},
	[SIG_XFSZ]   = {"SIGXFSZ",   SIGDFL_CORE,      N_("File size limit exceeded")},
	[SIG_VTALRM] = {"SIGVTALRM", SIGDFL_TERMINATE, N_("Virtual timer expired")},
	[SIG_PROF]   = {"SIGPROF",   SIGDFL_TERMINATE, N_("Profiling timer expired")},
	[SIG_WINCH]  = {"SIGWINCH",  SIGDFL_IGNORE,    N_("Window changed")},
	[SIG_IO]     = {"SIGIO",     SIGDFL_TERMINATE, N_("I/O possible")},
	[SIG_PWR]    = {"SIGPWR",    SIGDFL_TERMINATE, N_("Power failure")},
	[SIG_SYS]    = {"SIGSYS",    SIGDFL_CORE,      N_("Bad system call")},
};

static bool known(int sig) { return sig > 0 && sig < SIG_MAX; }

int sig_from_name(const char *name, int len)
{
	if (len > 0 && name[0] >= '0' && name[0] <= '9') {
		int n = 0;
		for (int i = 0; i < len; i++) {
			if (name[i] < '0' || name[i] > '9' || n > SIG_MAX)
				return 0;
			n = n * 10 + (name[i] - '0');
		}
		return known(n) ? n : 0;
	}
	if (len > 3 && strncasecmp(name, "SIG", 3) == 0) {
		name += 3;
		len -= 3;
	}
	for (int s = 1; s < SIG_MAX; s++)
		if ((int)strlen(sig_table[s].name + 3) == len && strncasecmp(sig_table[s].name + 3, name, (size_t)len) == 0)
			return s;
	return 0;
}

const char *sig_name(int sig) { return known(sig) ? sig_table[sig].name : NULL; }

const char *sig_description(int sig) { return known(sig) ? sig_table[sig].description : NULL; }

enum sig_default sig_default_action(int sig) { return known(sig) ? sig_table[sig].action : SIGDFL_IGNORE; }

bool sig_dumps_core(int sig) { return sig_default_action(sig) == SIGDFL_CORE; }

bool sig_catchable(int sig) { return sig != SIG_KILL && sig != SIG_STOP; }

static const char *const all_names[] = {
	"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
	"ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
	"VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
	"SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
	"SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", NULL,
};

/* Without SIG, then with it: for "did you mean". */
const char *const *sig_all_names(void) { return all_names; }
