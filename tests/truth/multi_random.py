#!/usr/bin/env python3
"""multi_random.py MULTI_PY PROCSIM SEED COUNT: COUNT runs of OSTEP's
cpu-sched-multi/multi.py drawn at random (random.seed(SEED)): seeds 0-49,
one to four CPUs, -p, -P, -o, -q, -w, -r, -M, -R, -W, -A, and any of -c,
-t, -T, -C, -S. Where the tool ends (within 10 s) with status 0, `PROCSIM
homework multi` must print the same, byte for byte, or refuse with status 2
and a message (counted apart, by message: docs/homework.md says which runs
procsim refuses). A tool that crashes or runs on must be refused by procsim,
unless only the question was asked (multi.py runs the jobs all the same):
then procsim prints the question the tool printed before it failed.
Prints each difference and the counts; exits 1 if any differs. What it
showed is in ostep-record.sh."""
import collections, random, re, subprocess, sys

TOOL, PROCSIM = sys.argv[1], sys.argv[2]
random.seed(int(sys.argv[3]))
count = int(sys.argv[4])


def draw():
    n = random.randint(1, 4)
    args = ['-s', str(random.randint(0, 49)), '-n', str(n)]
    jobs = random.randint(1, 6)
    if random.random() < 0.3:  # a list, with small run times and sets that equal CPU numbers
        names = 'abcdef'[:jobs]
        args += ['-L', ','.join('%s:%d:%d' % (x, random.choice([0, 1, 2, 3, 10, 20, 40, 70]),
                                              random.choice([0, 1, 2, 3, 20, 50, 100, 150])) for x in names)]
    else:
        names = [str(j) for j in range(jobs)]
        args += ['-j', str(jobs)]
        if random.random() < 0.4:
            args += ['-R', str(random.choice([20, 50, 100, 200, 300]))]
        if random.random() < 0.4:
            args += ['-W', str(random.choice([10, 30, 50, 100, 300]))]
    if random.random() < 0.6:
        args.append('-p')
    if random.random() < 0.6:
        args += ['-P', str(random.choice([0, 1, 3, 5, 7, 10, 12, 30]))]
    if random.random() < 0.3:
        args.append('-o')
    for opt, values in (('-q', [1, 3, 5, 7, 10, 20]), ('-w', [0, 1, 3, 5, 10]), ('-r', [1, 2, 3]),
                        ('-M', [0, 50, 100, 200, 300])):
        if random.random() < 0.3:
            args += [opt, str(random.choice(values))]
    if random.random() < 0.35:
        entries = []
        for x in random.sample(names, random.randint(1, len(names))):
            entries.append(x + ':' + '.'.join(str(c) for c in sorted(random.sample(range(n), random.randint(1, n)))))
        args += ['-A', ','.join(entries)]
    for flag in ('-c', '-t', '-T', '-C', '-S'):
        if random.random() < 0.5:
            args.append(flag)
    return args


same = bad = 0
refused = collections.Counter()
for _ in range(count):
    args = draw()
    try:
        py = subprocess.run(['python3', TOOL] + args, capture_output=True, timeout=10)
        tool_ok = py.returncode == 0
    except subprocess.TimeoutExpired:
        py, tool_ok = None, False
    ps = subprocess.run([PROCSIM, 'homework', 'multi'] + args, capture_output=True)
    if ps.returncode == 2 and ps.stderr:
        refused[re.sub(r'(t=|CPU |job )[^ ]+', r'\1N', ps.stderr.decode().strip())[:90] + ('' if tool_ok else ' [tool fails]')] += 1
    elif not tool_ok and not set(args) & {'-c', '-t', '-T', '-C', '-S'} and ps.returncode == 0 \
            and py is not None and ps.stdout == py.stdout:
        refused['(not refused) the question alone, then the tool fails'] += 1
    elif not tool_ok:
        bad += 1
        print('ACCEPTED, the tool fails:', ' '.join(args))
    elif ps.returncode == 0 and ps.stdout == py.stdout:
        same += 1
    else:
        bad += 1
        print('DIFF:', ' '.join(args), ps.stderr.decode()[-200:])
print('%d runs the same as multi.py, %d differ' % (same, bad))
for why, k in sorted(refused.items()):
    print('%d refused: %s' % (k, why))
sys.exit(1 if bad else 0)
