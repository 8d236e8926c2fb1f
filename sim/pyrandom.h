/* pyrandom.h: CPython's `random` module, as far as the OSTEP homework tools
 * use it: random.seed(n) for an integer n, random.random(), getrandbits,
 * and what random.py builds on them (choice, shuffle), bit for bit
 * (Modules/_randommodule.c: MT19937, init_by_array on the 32-bit words of
 * |n|, and random_random's 53-bit double from two outputs). So a workload
 * drawn here with seed n is the one `scheduler.py -s n` draws. */
#ifndef PROCSIM_PYRANDOM_H
#define PROCSIM_PYRANDOM_H

#include <stdint.h>

struct pyrandom {
	uint32_t state[624];
	int index;
};

/* random.seed(seed) for an int (version 1 and 2 are the same for ints). */
void pyrandom_seed(struct pyrandom *r, int64_t seed);
/* random.random(): a double in [0, 1). */
double pyrandom_random(struct pyrandom *r);
/* random.getrandbits(k), 0 <= k <= 64: none drawn for 0; 32-bit words,
 * least significant first, the last one cut to its top bits
 * (_random_Random_getrandbits). */
uint64_t pyrandom_getrandbits(struct pyrandom *r, int k);
/* random._randbelow(n) for 1 <= n < 2^32 (_randbelow_with_getrandbits: k =
 * n.bit_length() bits, drawn again while >= n). random.choice(seq) is
 * seq[pyrandom_randbelow(r, len(seq))]. */
uint32_t pyrandom_randbelow(struct pyrandom *r, uint32_t n);
/* random.shuffle(x) of n ints, in place (Fisher-Yates from the end). */
void pyrandom_shuffle(struct pyrandom *r, int *x, int n);
/* random.randint(a, b) for a <= b: a + _randbelow(b - a + 1), by
 * getrandbits(n.bit_length()) drawn again while it is >= n. */
int64_t pyrandom_randint(struct pyrandom *r, int64_t a, int64_t b);
/* random.uniform(a, b): a + (b - a) * random(). */
double pyrandom_uniform(struct pyrandom *r, double a, double b);

#endif
