/* Unit tests for the request completion line classifier (request.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "request.h"

/* The fields of a parsed line, with method and path as C strings. */
struct expected {
	const char	*message;
	const char	*method;
	const char	*path;
	int		 status;
	double		 duration_ms;
	bool		 failed;
};

static struct lt_span
span_of(const char *s)
{
	struct lt_span span = { s, strlen(s) };

	return span;
}

static void
check_request(const struct expected *e)
{
	struct lt_request req;

	assert_true(lt_request_parse(span_of(e->message), &req));
	assert_int_equal(req.method.len, strlen(e->method));
	assert_memory_equal(req.method.ptr, e->method, req.method.len);
	assert_int_equal(req.path.len, strlen(e->path));
	assert_memory_equal(req.path.ptr, e->path, req.path.len);
	assert_int_equal(req.status, e->status);
	assert_float_equal(req.duration_ms, e->duration_ms, 1e-9);
	assert_int_equal(req.failed, e->failed);
}

static void
check_table(const struct expected *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_request(&cases[i]);
}

static void
test_request__aura_completed(void **state)
{
	static const struct expected cases[] = {
		{ "Request completed: GET /api/projects - 200 in 41.2ms",
		    "GET", "/api/projects", 200, 41.2, false },
		{ "Request completed: POST /api/render?x=1 - 503 in 7ms",
		    "POST", "/api/render?x=1", 503, 7, true },
		{ "Request completed: GET /a - b - 404 in 0.5ms",
		    "GET", "/a - b", 404, 0.5, false },
	};

	(void)state;
	check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_request__aura_correlation_copy(void **state)
{
	struct lt_request req;

	(void)state;
	assert_false(lt_request_parse(span_of("Request completed: GET "
	    "/api/projects - 200 in 41.2ms [CorrelationId: 4f2a9c1e]"), &req));
	assert_false(lt_request_parse(span_of("Request completed: GET "
	    "/api/projects - 500 in 41.2ms [CorrelationId: ]"), &req));
}

static void
test_request__aura_failed(void **state)
{
	static const struct expected cases[] = {
		{ "Request failed: POST /api/render after 2318ms",
		    "POST", "/api/render", 0, 2318, true },
		{ "Request failed: DELETE /api/a b after 1.5ms",
		    "DELETE", "/api/a b", 0, 1.5, true },
	};

	(void)state;
	check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_request__aura_response(void **state)
{
	static const struct expected cases[] = {
		{ "Response: GET /api/health 200 in 47ms",
		    "GET", "/api/health", 200, 47, false },
		{ "Response: PUT /api/x y 500 in 3ms",
		    "PUT", "/api/x y", 500, 3, true },
	};

	(void)state;
	check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_request__serilog_request_logging(void **state)
{
	static const struct expected cases[] = {
		{ "HTTP GET /api/Students?PageNumber=1 responded 200 in "
		    "2761.2009 ms", "GET", "/api/Students?PageNumber=1", 200,
		    2761.2009, false },
		{ "HTTP POST /api/orders responded 500 in 12.3456 ms",
		    "POST", "/api/orders", 500, 12.3456, true },
		{ "HTTP PUT /api/v1/Orders/fill-order-form/ ipNX898649 "
		    "responded 404 in 26186.0630 ms", "PUT",
		    "/api/v1/Orders/fill-order-form/ ipNX898649", 404,
		    26186.063, false },
		{ "HTTP GET /api/v1/Orders/ready/  responded 400 in "
		    "154.6325 ms",
		    "GET", "/api/v1/Orders/ready/ ", 400, 154.6325, false },
	};

	(void)state;
	check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_request__aspnet_finished(void **state)
{
	static const struct expected cases[] = {
		{ "Request finished HTTP/2 GET https://localhost:44382/swagger "
		    "- - - 301 - - 40.4873ms", "GET", "/swagger", 301, 40.4873,
		    false },
		{ "Request finished HTTP/2 GET https://localhost:44382/api/app/"
		    "book?sorting=type%20asc application/json - - 200 - "
		    "application/json;+charset=utf-8 66.7198ms", "GET",
		    "/api/app/book?sorting=type%20asc", 200, 66.7198, false },
		{ "Request finished HTTP/2 GET https://localhost:44337/ - 200 "
		    "null text/html; charset=utf-8 8789.255ms", "GET", "/", 200,
		    8789.255, false },
		{ "Request finished HTTP/1.1 POST http://h:5000/api/x - 500 0 "
		    "- 12ms", "POST", "/api/x", 500, 12, true },
		{ "Request finished HTTP/1.1 POST http://h:5000 - 204 0 -",
		    "POST", "/", 204, -1, false },
		{ "Request finished HTTP/1.1 POST /api/x - 123 - 200 - - 3ms",
		    "POST", "/api/x", 200, 3, false },
	};

	(void)state;
	check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_request__not_requests(void **state)
{
	static const char *const messages[] = {
		"",
		"Request starting HTTP/2 GET https://localhost:44382/ - -",
		"Request completed: get /x - 200 in 1ms",
		"Request completed: GET - 200 in 1ms",
		"Request completed: GET /x - 200 in ms",
		"Request completed: GET /x - 20 in 1ms",
		"Request failed: POST /x after 12s",
		"HTTP GET /x responded 200 in 1.5ms",
		"HTTP GET /x responded in 1.5 ms",
		"HTTP/1.1 GET /x responded 200 in 1.5 ms",
		"Response: GET /x in 1ms",
		"Request finished HTTP/2 GET https://h/x",
		"Request finished in 12.3ms 200 application/json",
		"Hosting started",
		"Request failed: POST /x after 1.2.3ms",
	};
	struct lt_request req;

	(void)state;
	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		assert_false(lt_request_parse(span_of(messages[i]), &req));
}

/* Durations: digits with at most one '.', which needs a digit on each
 * side. The value is what v * 10 + digit steps in double give, divided
 * by a power of ten, which for 20 digits is not the nearest double. */
static void
test_request__duration_forms(void **state)
{
	static const struct {
		const char	*message;
		bool		 ok;
		double		 duration_ms;
	} cases[] = {
		{ "Response: GET /x 200 in 0.6ms", true, 0.6 },
		{ "Response: GET /x 200 in 12ms", true, 12 },
		{ "Response: GET /x 200 in 007.50ms", true, 7.5 },
		{ "Response: GET /x 200 in 2318.125ms", true, 2318.125 },
		{ "Response: GET /x 200 in 0.000001ms", true, 0.000001 },
		{ "Response: GET /x 200 in 12345678901234567890.5ms", true,
		    1.2345678901234569e19 },
		{ "Response: GET /x 200 in .5ms", false, 0 },
		{ "Response: GET /x 200 in 5.ms", false, 0 },
		{ "Response: GET /x 200 in 1.2.3ms", false, 0 },
		{ "Response: GET /x 200 in 1..3ms", false, 0 },
		{ "Response: GET /x 200 in -1ms", false, 0 },
	};
	struct lt_request req;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = lt_request_parse(span_of(cases[i].message), &req);

		if (ok != cases[i].ok)
			fail_msg("'%s' accepted: %d", cases[i].message, ok);
		if (ok && req.duration_ms != cases[i].duration_ms)
			fail_msg("'%s' gives %.17g", cases[i].message,
			    req.duration_ms);
	}
}

static void
test_request__span_not_terminated(void **state)
{
	static const char text[] = "Response: GET /x 200 in 47msXYZ";
	struct lt_span message = { text, sizeof(text) - 4 };
	struct lt_request req;

	(void)state;
	assert_true(lt_request_parse(message, &req));
	assert_int_equal(req.status, 200);
	assert_float_equal(req.duration_ms, 47, 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request__aura_completed),
		cmocka_unit_test(test_request__aura_correlation_copy),
		cmocka_unit_test(test_request__aura_failed),
		cmocka_unit_test(test_request__aura_response),
		cmocka_unit_test(test_request__serilog_request_logging),
		cmocka_unit_test(test_request__aspnet_finished),
		cmocka_unit_test(test_request__not_requests),
		cmocka_unit_test(test_request__span_not_terminated),
		cmocka_unit_test(test_request__duration_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
