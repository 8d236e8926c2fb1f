/* timefmt.c: formatting simulated durations. */
#include "timefmt.h"

#include <stdio.h>

void timefmt_ticks(int64_t ticks, int64_t tick_us, char *buf, size_t n)
{
	int64_t us = ticks * tick_us;
	int decimals = 1; /* as many as the tick needs: 0.1s ticks, one; 10us ticks, five */
	for (int64_t step = 100000; step > 1 && tick_us % step != 0; step /= 10)
		decimals++;
	int64_t scale = 1;
	for (int i = 0; i < 6 - decimals; i++)
		scale *= 10;
	int64_t frac = (us % 1000000) / scale;
	snprintf(buf, n, "%lld.%0*llds", (long long)(us / 1000000), decimals, (long long)frac);
}

void timefmt_cpu(int64_t ticks, int64_t tick_us, char *buf, size_t n)
{
	int64_t cs = ticks * tick_us / 10000; /* hundredths of a second */
	snprintf(buf, n, "%lld:%02lld.%02lld", (long long)(cs / 6000), (long long)(cs / 100 % 60), (long long)(cs % 100));
}
