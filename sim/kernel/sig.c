/* sig.c: one table of the modelled signals (numbers as on Linux x86-64). */
#include "sig.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static const struct sig_info {
	const char *name;          /* without the SIG prefix */
	enum sig_default action;
} sig_table[SIG_MAX] = {
	[SIG_HUP]  = {"HUP",  SIGDFL_TERMINATE},
	[SIG_INT]  = {"INT",  SIGDFL_TERMINATE},
	[SIG_KILL] = {"KILL", SIGDFL_TERMINATE},
	[SIG_TERM] = {"TERM", SIGDFL_TERMINATE},
	[SIG_CHLD] = {"CHLD", SIGDFL_IGNORE},
	[SIG_CONT] = {"CONT", SIGDFL_CONTINUE},
	[SIG_STOP] = {"STOP", SIGDFL_STOP},
	[SIG_TSTP] = {"TSTP", SIGDFL_STOP},
	[SIG_TTIN] = {"TTIN", SIGDFL_STOP},
};

static const char *const full_names[] = {
	"TERM", "KILL", "INT", "HUP", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
	"SIGHUP", "SIGINT", "SIGKILL", "SIGTERM", "SIGCHLD", "SIGCONT", "SIGSTOP",
	"SIGTSTP", "SIGTTIN", NULL,
};

int sig_from_name(const char *name, int len)
{
	if (len > 0 && name[0] >= '0' && name[0] <= '9') {
		int n = 0;
		for (int i = 0; i < len; i++) {
			if (name[i] < '0' || name[i] > '9' || n > SIG_MAX)
				return 0;
			n = n * 10 + (name[i] - '0');
		}
		return n > 0 && n < SIG_MAX && sig_table[n].name ? n : 0;
	}
	if (len > 3 && strncasecmp(name, "SIG", 3) == 0) {
		name += 3;
		len -= 3;
	}
	for (int s = 1; s < SIG_MAX; s++)
		if (sig_table[s].name && (int)strlen(sig_table[s].name) == len &&
		    strncasecmp(sig_table[s].name, name, (size_t)len) == 0)
			return s;
	return 0;
}

const char *sig_name(int sig)
{
	static const char *const with_prefix[SIG_MAX] = {
		[SIG_HUP] = "SIGHUP", [SIG_INT] = "SIGINT", [SIG_KILL] = "SIGKILL",
		[SIG_TERM] = "SIGTERM", [SIG_CHLD] = "SIGCHLD", [SIG_CONT] = "SIGCONT",
		[SIG_STOP] = "SIGSTOP", [SIG_TSTP] = "SIGTSTP", [SIG_TTIN] = "SIGTTIN",
	};
	return sig > 0 && sig < SIG_MAX ? with_prefix[sig] : NULL;
}

enum sig_default sig_default_action(int sig)
{
	return sig > 0 && sig < SIG_MAX && sig_table[sig].name ? sig_table[sig].action : SIGDFL_IGNORE;
}

bool sig_catchable(int sig) { return sig != SIG_KILL && sig != SIG_STOP; }

const char *const *sig_all_names(void) { return full_names; }
