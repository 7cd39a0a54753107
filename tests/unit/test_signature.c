/* Unit tests for lt_signature(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "signature.h"

struct sig_case {
	const char	*message;
	const char	*signature;
};

static const struct sig_case cases[] = {
	{ "Job 4711 failed", "Job <n> failed" },
	{ "took 3.25 s at 14:05:00", "took <n> s at <n>" },
	{ "user42 logged in", "user<n> logged in" },
	{ "Render 7d0f3c2e-1b2a-4c5d-9e8f-0a1b2c3d4e5f stopped",
	  "Render <guid> stopped" },
	{ "Request failed: GET /api/jobs/17?x=1 after 12ms",
	  "Request failed: GET <path> after <n>ms" },
	{ "Cannot open C:\\Users\\dev\\a.mp4.", "Cannot open <path>." },
	{ "File 'clip 1.mp4' not found", "File '<v>' not found" },
	{ "Key \"abc\" missing", "Key \"<v>\" missing" },
	{ "can't read 'x'", "can't read '<v>'" },
	{ "hash 9f86d081884c7d65 bad", "hash <hex> bad" },
	{ "addr 0x7ffd1234", "addr <hex>" },
	{ "request 0HMVD3K2L8R1Q:00000002 aborted",
	  "request <id>:<n> aborted" },
	{ "see https://example.com/a?b=1 now", "see <url> now" },
	{ "  two   spaces\r\nand lines  ", "two spaces and lines" },
	{ "deadbeef is a word", "deadbeef is a word" },
	{ "", "" },
};

static void
test_signature_cases(void **state)
{
	struct lt_buf out = LT_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *m = cases[i].message;

		assert_int_equal(lt_signature(m, strlen(m), &out), 0);
		assert_string_equal(out.data, cases[i].signature);
	}
	lt_buf_free(&out);
}

static void
test_signature_same_for_variants(void **state)
{
	struct lt_buf a = LT_BUF_INIT, b = LT_BUF_INIT;
	const char *m1 = "Export 12 of 'x.mp4' failed after 250ms";
	const char *m2 = "Export 9031 of 'other clip.mov' failed after 3ms";

	(void)state;
	assert_int_equal(lt_signature(m1, strlen(m1), &a), 0);
	assert_int_equal(lt_signature(m2, strlen(m2), &b), 0);
	assert_string_equal(a.data, b.data);
	lt_buf_free(&a);
	lt_buf_free(&b);
}

static void
test_signature_length_capped(void **state)
{
	struct lt_buf out = LT_BUF_INIT;
	char big[2000];

	(void)state;
	memset(big, 'a', sizeof(big));
	assert_int_equal(lt_signature(big, sizeof(big), &out), 0);
	assert_int_equal(out.len, LT_SIGNATURE_MAX);
	assert_int_equal(strlen(out.data), LT_SIGNATURE_MAX);
	lt_buf_free(&out);
}

static void
test_signature_unclosed_quote(void **state)
{
	struct lt_buf out = LT_BUF_INIT;
	const char *m = "bad 'value 3";

	(void)state;
	assert_int_equal(lt_signature(m, strlen(m), &out), 0);
	assert_string_equal(out.data, "bad 'value <n>");
	lt_buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signature_cases),
		cmocka_unit_test(test_signature_same_for_variants),
		cmocka_unit_test(test_signature_length_capped),
		cmocka_unit_test(test_signature_unclosed_quote),
	};

	return cmocka_run_group_tests_name("signature", tests, NULL, NULL);
}
