/* test_pyrandom.c: sim/pyrandom.c draws what CPython's random draws. The
 * expected values were printed by CPython 3.11.7 on 2026-12-07:
 *   random.seed(s, version=1); random.random(), random.random()
 * (repr, which round-trips: compared exactly). */
#include <check.h>
#include <stdint.h>

#include "pyrandom.h"
#include "testlib.h"

/* random.seed(0); [random.random() for _ in range(400)][-1] */
#define LAST_OF_400 0.8513166074810679

static const struct {
	int64_t seed;
	double first, second;
} cpython[] = {
	{0, 0.8444218515250481, 0.7579544029403025},
	{1, 0.13436424411240122, 0.8474337369372327},
	{42, 0.6394267984578837, 0.025010755222666936},
	{-7, 0.32383276483316237, 0.15084917392450192},      /* |seed| */
	{4294967296LL, 0.11299430095636409, 0.41782886486292836}, /* two 32-bit words */
};

START_TEST(seeded_draws_are_cpythons)
{
	for (size_t i = 0; i < sizeof cpython / sizeof cpython[0]; i++) {
		struct pyrandom r;
		pyrandom_seed(&r, cpython[i].seed);
		double a = pyrandom_random(&r), b = pyrandom_random(&r);
		ck_assert_msg(a == cpython[i].first && b == cpython[i].second, "seed %lld: %.17g %.17g, CPython %.17g %.17g",
			      (long long)cpython[i].seed, a, b, cpython[i].first, cpython[i].second);
	}
}
END_TEST

/* Past the first 624 outputs the state is regenerated: still CPython's
 * (400 draws are 800 outputs). */
/* CPython 3.11.7: random.seed(42); [randint(1, 6) for _ in range(5)],
 * [uniform(1, 3) for _ in range(3)], randint(0, 2**40), getrandbits(40)
 * printed [6, 1, 1, 6, 3] [1.489784, 1.279076, 1.20499] 191320892468
 * 466392613993 (tests/truth/random_draws.py). */
START_TEST(randint_uniform_and_getrandbits_are_cpythons)
{
	struct pyrandom r;
	pyrandom_seed(&r, 42);
	const int64_t dice[] = {6, 1, 1, 6, 3};
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(pyrandom_randint(&r, 1, 6), dice[i]);
	const double u[] = {1.489784, 1.279076, 1.20499};
	for (int i = 0; i < 3; i++)
		ck_assert_double_eq_tol(pyrandom_uniform(&r, 1, 3), u[i], 1e-6);
	ck_assert_int_eq(pyrandom_randint(&r, 0, (int64_t)1 << 40), 191320892468LL);
	ck_assert_uint_eq(pyrandom_getrandbits(&r, 40), 466392613993ULL);
}
END_TEST

START_TEST(the_state_regenerates_as_cpythons)
{
	struct pyrandom r;
	pyrandom_seed(&r, 0);
	double last = 0;
	for (int i = 0; i < 400; i++)
		last = pyrandom_random(&r);
	ck_assert_msg(last == LAST_OF_400, "%.17g", last);
}
END_TEST

/* random.seed(5, version=1), then in order (CPython 3.11.7):
 *   [random.getrandbits(k) for k in (1, 3, 7, 32, 0, 17)]
 *   [random.choice(range(n)) for n in (1, 2, 3, 5, 7, 100, 1000)]
 *   x = list(range(8)); random.shuffle(x)
 *   x = list(range(2)); random.shuffle(x)
 *   random.random()
 * choice(range(1)) still draws (getrandbits(1) until 0), getrandbits(0)
 * draws nothing: the last random() shows the stream stayed in step. */
START_TEST(getrandbits_choice_and_shuffle_are_cpythons)
{
	struct pyrandom r;
	pyrandom_seed(&r, 5);
	static const int bits[] = {1, 3, 7, 32, 0, 17};
	static const uint32_t want_bits[] = {1, 2, 94, 1539898300, 0, 104227};
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(pyrandom_getrandbits(&r, bits[i]), want_bits[i]);
	static const uint32_t n[] = {1, 2, 3, 5, 7, 100, 1000}, want_choice[] = {0, 1, 0, 0, 1, 14, 380};
	for (int i = 0; i < 7; i++)
		ck_assert_uint_eq(pyrandom_randbelow(&r, n[i]), want_choice[i]);
	int x[8] = {0, 1, 2, 3, 4, 5, 6, 7}, want8[8] = {5, 4, 2, 0, 3, 1, 6, 7};
	pyrandom_shuffle(&r, x, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(x[i], want8[i]);
	int y[2] = {0, 1};
	pyrandom_shuffle(&r, y, 2);
	ck_assert_int_eq(y[0], 1);
	ck_assert_int_eq(y[1], 0);
	double last = pyrandom_random(&r);
	ck_assert_msg(last == 0.7311837167794242, "%.17g", last);
}
END_TEST

Suite *pyrandom_suite(void);
Suite *pyrandom_suite(void)
{
	Suite *s = suite_create("pyrandom");
	TCase *t = tcase_create("cpython");
	tcase_add_test(t, seeded_draws_are_cpythons);
	tcase_add_test(t, the_state_regenerates_as_cpythons);
	tcase_add_test(t, getrandbits_choice_and_shuffle_are_cpythons);
	tcase_add_test(t, randint_uniform_and_getrandbits_are_cpythons);
	suite_add_tcase(s, t);
	return s;
}

TEST_MAIN(pyrandom_suite)
