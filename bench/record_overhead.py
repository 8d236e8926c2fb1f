"""record_overhead.py [PROCSIM] [RUNS] [FORKS]: the cost of `procsim record`.

A fork-heavy program (bench/forky.py: FORKS forks, default 500, each child
exiting at once and reaped before the next fork) is run plain and under
`procsim record`, interleaved, RUNS times each (default 11). Prints the
median wall time and the median CPU time (user + system, of the program and,
recorded, of the recorder too) of each, and their ratios. Needs ptrace.
docs/recording.md keeps the figures measured.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
procsim = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "ui", "procsim")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 11
forks = sys.argv[3] if len(sys.argv) > 3 else "500"
program = [sys.executable, os.path.join(here, "forky.py"), forks]


def measure(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "r.psimrec")
    plain, recorded = [], []
    for _ in range(runs):
        plain.append(measure(program))
        recorded.append(measure([procsim, "record", "-o", out, "--"] + program))
    lines = sum(1 for _ in open(out))
    size = os.path.getsize(out)

for name, data in (("plain", plain), ("recorded", recorded)):
    print("%-9s wall %6.3f s  cpu %6.3f s  (medians of %d runs)"
          % (name, statistics.median(w for w, _ in data), statistics.median(c for _, c in data), runs))
print("ratio     wall %.2fx  cpu %.2fx" % (
    statistics.median(w for w, _ in recorded) / statistics.median(w for w, _ in plain),
    statistics.median(c for _, c in recorded) / statistics.median(c for _, c in plain)))
print("recording: %d lines, %d bytes, for %s forks" % (lines, size, forks))
