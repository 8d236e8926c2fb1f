/* pyrandom.c: the Mersenne Twister as CPython's _randommodule.c runs it
 * (itself the reference mt19937ar.c of Matsumoto and Nishimura). */
#include "pyrandom.h"

enum { N = 624, M = 397 };
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static void init_genrand(struct pyrandom *r, uint32_t s)
{
	uint32_t *mt = r->state;
	mt[0] = s;
	for (int i = 1; i < N; i++)
		mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
	r->index = N;
}

static void init_by_array(struct pyrandom *r, const uint32_t *key, int len)
{
	uint32_t *mt = r->state;
	init_genrand(r, 19650218U);
	int i = 1, j = 0;
	for (int k = N > len ? N : len; k; k--) {
		mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
		i++;
		j++;
		if (i >= N) {
			mt[0] = mt[N - 1];
			i = 1;
		}
		if (j >= len)
			j = 0;
	}
	for (int k = N - 1; k; k--) {
		mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
		i++;
		if (i >= N) {
			mt[0] = mt[N - 1];
			i = 1;
		}
	}
	mt[0] = 0x80000000U; /* MSB is 1, assuring a non-zero initial array */
}

static uint32_t genrand_uint32(struct pyrandom *r)
{
	static const uint32_t mag01[2] = {0, MATRIX_A};
	uint32_t *mt = r->state, y;
	if (r->index >= N) {
		int kk;
		for (kk = 0; kk < N - M; kk++) {
			y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
			mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 1];
		}
		for (; kk < N - 1; kk++) {
			y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
			mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1];
		}
		y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
		mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 1];
		r->index = 0;
	}
	y = mt[r->index++];
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680U;
	y ^= (y << 15) & 0xefc60000U;
	y ^= y >> 18;
	return y;
}

void pyrandom_seed(struct pyrandom *r, int64_t seed)
{
	/* random_seed: the absolute value, split into 32-bit words, least
	 * significant first; 0 is one word, 0. */
	uint64_t n = seed < 0 ? (uint64_t)0 - (uint64_t)seed : (uint64_t)seed;
	uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
	init_by_array(r, key, key[1] ? 2 : 1);
}

double pyrandom_random(struct pyrandom *r)
{
	uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
	return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

uint64_t pyrandom_getrandbits(struct pyrandom *r, int k)
{
	/* _random_Random_getrandbits_impl: k = 0 draws nothing; k <= 32 is one
	 * output, shifted; more, two, the low word first */
	if (k <= 0)
		return 0;
	if (k <= 32)
		return genrand_uint32(r) >> (32 - k);
	uint64_t lo = genrand_uint32(r), hi = genrand_uint32(r) >> (64 - k);
	return lo | hi << 32;
}

int64_t pyrandom_randint(struct pyrandom *r, int64_t a, int64_t b)
{
	uint64_t n = (uint64_t)b - (uint64_t)a + 1; /* 0: the whole 64-bit range */
	int k = 0;
	while (k < 64 && (n >> k) != 0)
		k++;
	if (n == 0)
		return (int64_t)((uint64_t)a + pyrandom_getrandbits(r, 64));
	uint64_t x;
	do
		x = pyrandom_getrandbits(r, k);
	while (x >= n);
	return (int64_t)((uint64_t)a + x);
}

double pyrandom_uniform(struct pyrandom *r, double a, double b) { return a + (b - a) * pyrandom_random(r); }

uint32_t pyrandom_randbelow(struct pyrandom *r, uint32_t n)
{
	int k = 0;
	for (uint32_t v = n; v; v >>= 1)
		k++; /* n.bit_length(): not of n-1, so that n = 1 draws too */
	uint32_t x = (uint32_t)pyrandom_getrandbits(r, k);
	while (x >= n)
		x = (uint32_t)pyrandom_getrandbits(r, k);
	return x;
}

void pyrandom_shuffle(struct pyrandom *r, int *x, int n)
{
	for (int i = n - 1; i >= 1; i--) {
		int j = (int)pyrandom_randbelow(r, (uint32_t)i + 1), t = x[i];
		x[i] = x[j];
		x[j] = t;
	}
}
