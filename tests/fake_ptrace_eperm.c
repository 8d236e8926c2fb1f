/* fake_ptrace_eperm.c: an LD_PRELOAD module whose ptrace() fails with EPERM,
 * as in a sandbox that forbids it: record.sh checks that `procsim record`
 * then refuses before the program runs, with one message saying why. */
#include <errno.h>
#include <sys/types.h>

long ptrace(int request, pid_t pid, void *addr, void *data);

long ptrace(int request, pid_t pid, void *addr, void *data)
{
	(void)request;
	(void)pid;
	(void)addr;
	(void)data;
	errno = EPERM;
	return -1;
}
