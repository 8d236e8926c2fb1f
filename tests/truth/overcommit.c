/* overcommit.c: what Linux's default overcommit heuristic
 * (vm.overcommit_memory = 0, __vm_enough_memory in mm/util.c) refuses:
 * one private writable mapping larger than RAM + swap, and nothing below
 * it, whatever is free; memory is taken when pages are written, and when
 * none is left the OOM killer acts (not tried here: it would end processes
 * of this machine). Build: cc -O2 -o overcommit overcommit.c; run it.
 *
 * What it showed (Linux 6.x, this project's machine: 24105 MiB of RAM, no swap,
 * overcommit_memory 0):
 *   mmap of RAM + swap + 1 GiB: ENOMEM (Cannot allocate memory)
 *   mmap of RAM + swap - 1 GiB: ok (untouched: nothing used)
 *   fork of a process holding that mapping: ok (the child's copy is
 *     accounted as one more mapping of that size, checked alone)
 * procsim follows none of the heuristic's leniency: it neither swaps nor
 * reclaims, so what does not fit in free RAM fails at once (docs/semantics.md,
 * section 12). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static void *try_map(unsigned long long bytes, const char *what)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap of %s (%llu MiB): %s\n", what, bytes >> 20, p == MAP_FAILED ? strerror(errno) : "ok");
	return p == MAP_FAILED ? NULL : p;
}

int main(void)
{
	struct sysinfo si;
	sysinfo(&si);
	unsigned long long ram = (unsigned long long)si.totalram * si.mem_unit;
	unsigned long long swap = (unsigned long long)si.totalswap * si.mem_unit, gib = 1ULL << 30;
	FILE *f = fopen("/proc/sys/vm/overcommit_memory", "r");
	int mode = -1;
	if (f && fscanf(f, "%d", &mode) != 1)
		mode = -1;
	if (f)
		fclose(f);
	printf("RAM %llu MiB, swap %llu MiB, overcommit_memory %d\n", ram >> 20, swap >> 20, mode);
	void *big = try_map(ram + swap + gib, "RAM + swap + 1 GiB");
	if (big)
		munmap(big, ram + swap + gib);
	void *p = try_map(ram + swap - gib, "RAM + swap - 1 GiB");
	if (p) {
		pid_t c = fork();
		if (c == 0)
			_exit(0);
		printf("fork holding it: %s\n", c < 0 ? strerror(errno) : "ok");
		if (c > 0)
			waitpid(c, NULL, 0);
	}
	return 0;
}
