/* homework.h: `procsim homework TOOL [OPTIONS]`: the OSTEP homework
 * simulators (ostep-homework), with their own options and their own output,
 * line for line, so an exercise set for one runs here unchanged; but the
 * answers (-c) come from running the workload on procsim's kernel, not from
 * the tool's formulas, and the workload from a seed is the one the tool
 * draws (sim/pyrandom.c is CPython's random). The tools: scheduler.py
 * (cpu-sched) and process-run.py (cpu-intro, homework_processrun.c). */
#ifndef PROCSIM_HOMEWORK_H
#define PROCSIM_HOMEWORK_H

#include <stdio.h>

/* argv[0] is the tool ("scheduler.py" or "scheduler", "process-run.py" or "process-run"), the rest its
 * options. Writes the tool's output to out, errors to stderr; returns the
 * exit status (0, 1 when the simulation fails, 2 for a usage error). */
int homework_main(int argc, char **argv, FILE *out);

#endif
