"""random_draws.py: CPython's random numbers for a seed, as procsim's
`seed N`, `random(LO, HI)` durations and `random.randint(A, B)` draw them
(sim/pyrandom.c, scenarios/random-sleeps.psim, tests/test_pyrandom.c).

Run: python3 tests/truth/random_draws.py
What it showed (CPython 3.11.7, 2026-12-07):
    [6, 1, 1, 6, 3] [1.489784, 1.279076, 1.20499] 191320892468 466392613993
    round 0: slept 0.986 s, until 1.0 s
    round 1: slept 0.726 s, until 1.7 s
    round 2: slept 1.476 s, until 3.2 s
    dice 1
(procsim, tick 10ms: until 0.99s, 1.72s, 3.20s, dice 1: the same draws,
each sleep rounded up to whole ticks.)
"""
import random
import time

random.seed(42)
print([random.randint(1, 6) for _ in range(5)], [round(random.uniform(1, 3), 6) for _ in range(3)],
      random.randint(0, 2**40), random.getrandbits(40))

# scenarios/random-sleeps.psim, line for line: main alone draws, in order
random.seed(7)
t0 = time.monotonic()
for i in range(3):
    d = random.uniform(0.5, 2)
    time.sleep(d)
    print(f"round {i}: slept {d:.3f} s, until {time.monotonic() - t0:.1f} s", flush=True)
n = random.randint(1, 6)
print(f"dice {n}")
