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

Suite *pyrandom_suite(void);
Suite *pyrandom_suite(void)
{
	Suite *s = suite_create("pyrandom");
	TCase *t = tcase_create("cpython");
	tcase_add_test(t, seeded_draws_are_cpythons);
	tcase_add_test(t, the_state_regenerates_as_cpythons);
	suite_add_tcase(s, t);
	return s;
}

TEST_MAIN(pyrandom_suite)
