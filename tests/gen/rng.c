/*
 * Pseudo-random numbers: xoshiro256** seeded through splitmix64 (both by
 * Blackman and Vigna, public domain), so that a seed gives the same
 * sequence on every platform.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "gen.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z;

	z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result, t;

	result = rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* The high 64 bits of the 128-bit product a * b, from 32-bit halves so
 * that it needs no __int128, which 32-bit targets lack. */
static uint64_t
mul_high(uint64_t a, uint64_t b)
{
	uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
	uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
	uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo;
	uint64_t lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
	uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;

	return hi_hi + (hi_lo >> 32) + (cross >> 32);
}

/* Lemire's multiply-and-shift; the tiny bias is irrelevant here. */
uint64_t
rng_below(struct rng *r, uint64_t n)
{
	return mul_high(rng_next(r), n);
}

bool
rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/*
 * exp and log from +, * and / only, so that results do not depend on the
 * C library's libm. IEEE 754 defines the result of each of those
 * operations to the last bit, and C11 mode keeps GCC from fusing them into
 * multiply-adds. Measured against glibc, the results are within 10 units
 * in the last place for arguments from -10 to 10, far more than a latency
 * needs.
 * NOTE: this holds where doubles are evaluated in double precision
 * (FLT_EVAL_METHOD 0, as on x86-64 and AArch64); x87 code for i386 keeps
 * extra precision and may give other bytes.
 */
static double
det_exp(double x)
{
	double k, r, term, sum;
	int i;

	if (x > 700)
		x = 700;
	if (x < -700)
		return 0;
	k = (double)(int64_t)(x / M_LN2 + (x < 0 ? -0.5 : 0.5));
	r = x - k * M_LN2;
	term = 1;
	sum = 1;
	for (i = 1; i < 18; i++) {
		term = term * r / i;
		sum += term;
	}
	return ldexp(sum, (int)k);
}

/* log(x) for x > 0 by the series 2 atanh(s) with s = (m - 1) / (m + 1). */
static double
det_log(double x)
{
	double m, s, s2, term, sum;
	int e, i;

	m = frexp(x, &e);
	if (m < M_SQRT1_2) {
		m *= 2;
		e--;
	}
	s = (m - 1) / (m + 1);
	s2 = s * s;
	term = s;
	sum = 0;
	for (i = 1; i < 40; i += 2) {
		sum += term / i;
		term *= s2;
	}
	return 2 * sum + e * M_LN2;
}

/* Standard normal by Marsaglia's polar method (one of the pair kept). */
double
rng_normal(struct rng *r)
{
	double u, v, q;

	do {
		u = 2 * rng_unit(r) - 1;
		v = 2 * rng_unit(r) - 1;
		q = u * u + v * v;
	} while (q >= 1 || q == 0);
	return u * sqrt(-2 * det_log(q) / q);
}

double
rng_lognormal(struct rng *r, double median, double sigma)
{
	return median * det_exp(sigma * rng_normal(r));
}

double
rng_exponential(struct rng *r, double mean)
{
	return -mean * det_log(1.0 - rng_unit(r));
}

void
rng_hex(struct rng *r, char *out, int n)
{
	static const char digits[] = "0123456789abcdef";
	uint64_t bits = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			bits = rng_next(r);
		out[i] = digits[bits & 15];
		bits >>= 4;
	}
	out[n] = '\0';
}

/* A version 4 GUID as .NET prints it: 8-4-4-4-12 lowercase hex digits. */
void
rng_guid(struct rng *r, char out[37])
{
	char hex[33];

	rng_hex(r, hex, 32);
	hex[12] = '4';
	hex[16] = "89ab"[rng_below(r, 4)];
	memcpy(out, hex, 8);
	out[8] = '-';
	memcpy(out + 9, hex + 8, 4);
	out[13] = '-';
	memcpy(out + 14, hex + 12, 4);
	out[18] = '-';
	memcpy(out + 19, hex + 16, 4);
	out[23] = '-';
	memcpy(out + 24, hex + 20, 12);
	out[36] = '\0';
}
