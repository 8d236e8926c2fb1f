"""measure_stats.py: what every Python measuring program in tools/measure/ shares.

Each program prints one line per cost, `NAME median_us p10_us p90_us runs`,
like the C programs (measure.c): nearest-rank percentiles of the samples,
runs = the number of samples.  Times are time.perf_counter_ns(), which on
Linux is clock_gettime(CLOCK_MONOTONIC): one clock for the whole machine, so
a parent's time and its child's can be subtracted.
"""
import sys
import time

now_ns = time.perf_counter_ns


def percentile(sorted_samples, pct):
    rank = (len(sorted_samples) * pct + 99) // 100
    return sorted_samples[max(rank, 1) - 1]


def report(name, samples_ns):
    s = sorted(samples_ns)
    print("%s %.3f %.3f %.3f %d" % (name, percentile(s, 50) / 1000,
                                    percentile(s, 10) / 1000,
                                    percentile(s, 90) / 1000, len(s)),
          flush=True)


def reps(default):
    """The repetition count: `-n N` as the only arguments, or default."""
    args = sys.argv[1:]
    if not args:
        return default
    if len(args) == 2 and args[0] == "-n" and args[1].isdigit() and int(args[1]) > 0:
        return int(args[1])
    sys.exit("usage: %s [-n REPETITIONS]" % sys.argv[0])
