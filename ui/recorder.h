/* recorder.h: `procsim record`: a real program run under ptrace, the lives
 * of its processes written as a recording (recording.h; the format is
 * docs/recording.md). Linux only: ptrace(2) with PTRACE_SEIZE, the
 * PTRACE_O_TRACE* events and PTRACE_GET_SYSCALL_INFO (Linux 5.3). */
#ifndef PROCSIM_RECORDER_H
#define PROCSIM_RECORDER_H

#include <stddef.h>

/* The bytes of standard output and standard error kept per process. */
#define RECORDER_OUTPUT_CAP 65536

/* Runs argv[0] (searched in PATH) with its arguments under ptrace and
 * writes the recording to `output`, whole or not at all. Refused before the
 * program starts: an output that cannot be written, a command not found,
 * ptrace not permitted (the message names why). SIGINT stops the recording:
 * the file ends there, complete, and the processes still running are
 * killed. Returns the exit status: 0, 1 (the recording failed), 2 (usage). */
int recorder_run(const char *output, char **argv);

#endif
