/* timefmt.h: simulated time in display units ("3.0s", "0.25s", "2min 5.0s"). */
#ifndef PROCSIM_TIMEFMT_H
#define PROCSIM_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* Seconds with as many decimals as the tick length needs (at least one). */
void timefmt_ticks(int64_t ticks, int64_t tick_us, char *buf, size_t n);
/* top's TIME+ : minutes:seconds.hundredths ("0:01.20"). */
void timefmt_cpu(int64_t ticks, int64_t tick_us, char *buf, size_t n);

#endif
