/* demo.h: the built-in classroom demo (scenarios/demo.psim, embedded). */
#ifndef PROCSIM_DEMO_H
#define PROCSIM_DEMO_H

extern const char demo_scenario[];
extern const unsigned long demo_scenario_len;

#endif
