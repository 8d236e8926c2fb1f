/* Q2 (C): copy-on-write at fork(), page-level and clean.
 * The parent mallocs 64 MiB (glibc uses mmap for this size) and writes every
 * byte, then fork()s.  The child prints its own /proc/self status/smaps_rollup
 * numbers: right after fork, after reading every page, after writing 4 MiB,
 * after writing all 64 MiB.  The parent prints its own numbers at the end
 * while the child is still alive, and after the child has been reaped.
 * Build & run:  cc -O0 -o /tmp/cow_fork tests/truth/cow_fork.c && /tmp/cow_fork
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MiB (1024UL * 1024UL)
#define SIZE (64 * MiB)

static long field(const char *file, const char *key)
{
    char line[256];
    size_t n = strlen(key);
    long v = -1;
    FILE *f = fopen(file, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

static void sample(const char *who, const char *label)
{
    const char *st = "/proc/self/status", *sr = "/proc/self/smaps_rollup";
    printf("[%s] %-44s VmRSS=%6ld RssAnon=%6ld Shared_Dirty=%6ld Private_Dirty=%6ld Pss=%6ld\n",
           who, label, field(st, "VmRSS"), field(st, "RssAnon"),
           field(sr, "Shared_Dirty"), field(sr, "Private_Dirty"), field(sr, "Pss"));
    fflush(stdout);
}

int main(void)
{
    int p2c[2], c2p[2];
    char b = 0;
    volatile char *buf;
    pipe(p2c); pipe(c2p);

    sample("parent", "before malloc");
    buf = malloc(SIZE);
    sample("parent", "after malloc(64 MiB), untouched");
    memset((char *)buf, 1, SIZE);
    sample("parent", "after memset (all pages touched)");

    pid_t pid = fork();
    if (pid == 0) {
        unsigned long sum = 0;
        sample("child", "right after fork()");
        for (size_t i = 0; i < SIZE; i += 4096) sum += buf[i];
        sample("child", "after reading one byte per page");
        for (size_t i = 0; i < 4 * MiB; i += 4096) buf[i] = 2;
        sample("child", "after writing 1 byte in each of 1024 pages");
        for (size_t i = 0; i < SIZE; i += 4096) buf[i] = 3;
        sample("child", "after writing 1 byte in every page");
        write(c2p[1], "x", 1);            /* tell parent we are done */
        read(p2c[0], &b, 1);              /* wait until parent sampled */
        _exit(sum == 0);
    }
    read(c2p[0], &b, 1);
    sample("parent", "child done writing, still alive");
    write(p2c[1], "x", 1);
    waitpid(pid, NULL, 0);
    sample("parent", "after child reaped");
    return 0;
}
