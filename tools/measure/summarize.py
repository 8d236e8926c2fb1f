"""summarize.py: several outputs of run.sh, one line per cost across them.

Usage: python3 tools/measure/summarize.py RUN1.txt RUN2.txt ...
Prints `NAME median p10 p90 low high runs samples`: the median over the runs
of each run's median, p10 and p90 (microseconds), the lowest and highest of
the runs' medians, the number of runs and of samples in each.  Costs keep the
order of the first file; '#' lines are skipped.
"""
import statistics
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: summarize.py RUN.txt...")
    costs = {}
    for path in sys.argv[1:]:
        with open(path) as f:
            for line in f:
                fields = line.split()
                if not fields or fields[0].startswith("#"):
                    continue
                if len(fields) != 5:
                    sys.exit("%s: not NAME median p10 p90 runs: %s" % (path, line.strip()))
                costs.setdefault(fields[0], []).append(
                    (float(fields[1]), float(fields[2]), float(fields[3]), fields[4]))
    for name, runs in costs.items():
        medians = [r[0] for r in runs]
        print("%s %.3f %.3f %.3f %.3f %.3f %d %s" % (
            name, statistics.median(medians),
            statistics.median(r[1] for r in runs),
            statistics.median(r[2] for r in runs),
            min(medians), max(medians), len(runs), runs[0][3]))


if __name__ == "__main__":
    main()
