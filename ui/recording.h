/* recording.h: a recording of a real run (`procsim record`), read and
 * written. The format is JSON Lines, documented in docs/recording.md: a
 * header line naming the format and its version, one line per event (its
 * time in ns since the program's exec, CLOCK_MONOTONIC), and an "end" line
 * last; a file without its end line is refused. */
#ifndef PROCSIM_RECORDING_H
#define PROCSIM_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define RECORDING_FORMAT "procsim-recording"
#define RECORDING_VERSION 1

enum rec_kind {
	REC_START,    /* the program's first exec: time 0 */
	REC_EXEC,     /* comm, cmdline */
	REC_FORK,     /* child, fork_kind */
	REC_ENTER,    /* call, args */
	REC_RETURN,   /* call, ret (wait4: status) */
	REC_REAP,     /* child, status: pid reaped child */
	REC_OUTPUT,   /* fd, text: what the process wrote to fd 1 or 2 */
	REC_SIGNAL,   /* sig, from: a signal about to be delivered */
	REC_STOP,     /* sig: a group-stop began */
	REC_CONT,     /* the group-stop ended (SIGCONT) */
	REC_EXIT,     /* status, run_ns, wait_ns */
	REC_END,      /* the last line */
	REC_KIND_COUNT
};

enum rec_fork_kind { REC_FORK_FORK, REC_FORK_VFORK, REC_FORK_CLONE, REC_FORK_THREAD };

struct rec_event {
	long long t;                  /* ns since the program's exec */
	enum rec_kind kind;
	int pid, tid;                 /* thread group and thread */
	int child;                    /* fork, reap */
	enum rec_fork_kind fork_kind;
	const char *call;             /* enter, return: the system call's name */
	long long args[4];
	int nargs;
	long long ret;
	int status;                   /* reap, exit, return of wait4: the wait status */
	bool has_status;
	int sig;                      /* signal, stop */
	int from;                     /* signal: the sender's PID, 0 if not a process */
	int fd;                       /* output */
	const char *text;             /* output: the bytes (UTF-8); exec: comm */
	size_t text_len;
	const char *cmdline;          /* exec: the arguments joined by spaces */
	long long run_ns, wait_ns;    /* exit: /proc/PID/schedstat, -1 if unreadable */
	bool truncated;               /* output: the cap was reached here */
};

struct recording {
	int version;
	const char *cmdline;          /* the command recorded */
	int cpus;                     /* of the machine */
	const char *kernel;           /* uname -r */
	struct rec_event *ev;         /* in file order, which is time order */
	size_t n;
	long long end_t;              /* the end line's time */
	bool interrupted;             /* stopped by Ctrl+C */
	char **strings;               /* every string above, to free */
	size_t nstrings, capstrings;
};

/* Does this source start like a recording (its header's first key)? */
bool recording_detect(const char *src, size_t len);
/* Reads a recording; NULL with a message in err and the line in *line
 * (0 when the message is about the whole file). */
struct recording *recording_parse(const char *src, size_t len, char *err, size_t errn, int *line);
void recording_free(struct recording *r);

/* Writes bytes as a JSON string: quotes, escapes, and U+FFFD for each byte
 * that is not part of valid UTF-8. */
void rec_json_string(FILE *f, const char *s, size_t n);

/* "SIGTERM" -> 15, or 0. */
int rec_signal_number(const char *name);

#endif
