/*
 * What each task logs: requests (completion lines in four shapes, the
 * "[CorrelationId: ...]" copy, exceptions, audit and slow-request lines),
 * health probes, render jobs, thumbnails, cache cleanup and start-ups.
 *
 * Shares of the completion shapes: 62% Aura's own middleware ("Request
 * completed", 30% of them followed by the copy), 20% Serilog request
 * logging ("HTTP ... responded"), 18% the older "Response:" line. Half of
 * the failed requests of Aura's middleware are logged as "Request failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define BASE_FAILURE	0.005	/* failing share of requests outside
				   incidents */
#define SLOW_REQUEST_MS	1000
#define LEVEL_API	(1u << FAM_API)

#define SRC_REQUEST	"Aura.Api.Middleware.RequestLoggingMiddleware"
#define SRC_RESPONSE	"Aura.Api.Middleware.ResponseLoggingMiddleware"
#define SRC_SERILOG	"Serilog.AspNetCore.RequestLoggingMiddleware"
#define SRC_LIFETIME	"Microsoft.Hosting.Lifetime"
#define SRC_RENDER	"Aura.Core.Rendering.RenderWorker"

static const char *const health_paths[] = {
	"/health", "/healthz", "/api/health/ready",
};

static const char *const render_presets[] = {
	"youtube-1080p", "tiktok-vertical", "instagram-square", "prores-master",
	"web-720p",
};

static const char *const slow_queries[] = {
	"SELECT p.\"Id\", p.\"Name\", p.\"UpdatedAt\" FROM \"Projects\" AS p "
	    "WHERE p.\"OwnerId\" = @__userId_0 ORDER BY p.\"UpdatedAt\" DESC "
	    "LIMIT @__p_1 OFFSET @__p_2",
	"SELECT t.\"Id\", t.\"Clips\", t.\"Version\" FROM \"Timelines\" AS t "
	    "WHERE t.\"ProjectId\" = @__projectId_0",
	"UPDATE \"Timelines\" SET \"Clips\" = @p0, \"Version\" = @p1 "
	    "WHERE \"Id\" = @p2 AND \"Version\" = @p3",
	"SELECT a.\"Id\", a.\"FileName\", a.\"SizeBytes\" FROM \"Assets\" AS a "
	    "WHERE a.\"ProjectId\" = @__projectId_0 AND a.\"Kind\" = @__kind_1",
};

/* Start-up lines, in order, with their delay after the start. */
static const struct startup_line {
	int64_t		 delay_ms;
	const char	*tmpl;
	const char	*source;
	const char	*name1, *value1;	/* a number */
	const char	*name2, *value2;	/* a string */
} startup_lines[] = {
	{ 0, "Starting Aura Video Studio API {Version}",
	    "Aura.Api.Program", NULL, NULL, "Version", "1.8.3 (.NET 8.0.11)" },
	{ 412, "Database migrations are up to date ({MigrationCount} applied)",
	    "Aura.Api.Data.MigrationRunner", "MigrationCount", "47", NULL,
	    NULL },
	{ 655, "FFmpeg found at {FFmpegPath}",
	    "Aura.Core.Media.FFmpegLocator", NULL, NULL,
	    "FFmpegPath", "C:\\Program Files\\Aura\\ffmpeg\\bin\\ffmpeg.exe" },
	{ 1210, "Render worker started with {WorkerCount} slots", SRC_RENDER,
	    "WorkerCount", "4", NULL, NULL },
	{ 1388, "Now listening on: {address}", SRC_LIFETIME, NULL, NULL,
	    "address", "http://[::]:5005" },
	{ 1390, "Application started. Press Ctrl+C to shut down.",
	    SRC_LIFETIME, NULL, NULL, NULL, NULL },
	{ 1391, "Hosting environment: {EnvName}", SRC_LIFETIME, NULL, NULL,
	    "EnvName", "Production" },
	{ 1392, "Content root path: {ContentRoot}", SRC_LIFETIME, NULL, NULL,
	    "ContentRoot", "C:\\Program Files\\Aura\\api\\" },
};

/* The exception of the crash before some restarts. */
static const char crash_exception[] =
    "System.OutOfMemoryException: Insufficient memory to continue the "
    "execution of the program.\n"
    "   at System.Buffers.TlsOverPerCoreLockedStacksArrayPool`1.Rent(Int32 "
    "minimumLength)\n"
    "   at Aura.Core.Rendering.FrameCompositor.Compose(TimelineFrame frame, "
    "RenderSettings settings) in C:\\build\\Aura\\src\\Aura.Core\\"
    "Rendering\\FrameCompositor.cs:line 203\n"
    "   at Aura.Core.Rendering.RenderWorker.ExecuteAsync(CancellationToken "
    "stoppingToken) in C:\\build\\Aura\\src\\Aura.Core\\Rendering\\"
    "RenderWorker.cs:line 74\n"
    "   at Microsoft.Extensions.Hosting.Internal.Host."
    "TryExecuteBackgroundServiceAsync(BackgroundService "
    "backgroundService)";

#define NSTARTUP	(sizeof(startup_lines) / sizeof(startup_lines[0]))

static int64_t
end_of(const struct task *t)
{
	int64_t us = (int64_t)(t->ms * US_PER_MS);

	return t->start + (us > 0 ? us : 1);
}

/* A status for a request that did not fail. */
static int
pick_status(struct gen *g, const struct endpoint *ep)
{
	double x = rng_unit(&g->rng);
	bool get = strcmp(ep->method, "GET") == 0;

	if (x < 0.020)
		return 404;
	if ((x -= 0.020) < 0.012)
		return get ? 404 : 400;
	if ((x -= 0.012) < 0.008)
		return 401;
	if ((x -= 0.008) < 0.002)
		return 403;
	if ((x -= 0.002) < 0.003)
		return get ? 429 : 409;
	if ((x -= 0.003) < 0.06 && get && (ep->areas & AREA_MEDIA))
		return 304;
	return ep->ok_status;
}

static enum shape
pick_shape(struct gen *g, bool failed)
{
	double x = rng_unit(&g->rng);

	if (x < 0.62)
		return failed && rng_chance(&g->rng, 0.5) ? SHAPE_FAILED :
		    SHAPE_AURA;
	return x < 0.82 ? SHAPE_SERILOG : SHAPE_RESPONSE;
}

static bool
has_domain_line(struct gen *g, const struct task *t)
{
	switch (t->ep->effect) {
	case FX_RENDER:
	case FX_UPLOAD:
	case FX_EXPORT:
		return true;
	default:
		return (t->ep->areas & AREA_DATA) &&
		    rng_chance(&g->rng, 0.05);
	}
}

static bool
has_audit_line(const struct task *t)
{
	switch (t->ep->effect) {
	case FX_LOGIN:
	case FX_EXPORT:
	case FX_CREATE:
	case FX_DELETE:
		return t->status < 300;
	default:
		return false;
	}
}

static void
schedule_request(struct gen *g, uint32_t i, bool incident)
{
	struct task *t = &g->tasks[i];
	int64_t end = end_of(t), dur = end - t->start;

	if (!t->failed && has_domain_line(g, t))
		heap_push(g, t->start + dur / 2, i, STEP_DOMAIN);
	if ((t->ep->areas & AREA_DATA) &&
	    rng_chance(&g->rng, incident ? 0.12 : 0.01))
		heap_push(g, t->start + dur * 7 / 10, i, STEP_SLOW_QUERY);
	if (!t->failed && has_audit_line(t))
		heap_push(g, end - (dur / 4 < US_PER_MS ? dur / 4 : US_PER_MS),
		    i, STEP_AUDIT);
	heap_push(g, end, i, STEP_COMPLETE);
	if (t->failed)
		heap_push(g, end + 300 + (int64_t)rng_below(&g->rng, 2700), i,
		    STEP_UNHANDLED);
}

void
start_request(struct gen *g, int64_t us)
{
	uint32_t i = task_new(g, TASK_REQUEST);
	struct task *t = &g->tasks[i];
	double percent = 0, fail = BASE_FAILURE, wait;
	bool incident = in_incident(g, us, &percent);

	if (incident && percent / 100 > fail)
		fail = percent / 100;
	t->ep = pick_endpoint(&g->rng);
	t->project = g->projects[rng_below(&g->rng, NPROJECTS)];
	expand_path(&g->rng, t->ep, t->project, t->path, sizeof(t->path));
	t->start = us;
	t->user = pick_user(&g->rng);
	t->ms = rng_lognormal(&g->rng, t->ep->median_ms, t->ep->sigma);
	if (incident)
		t->ms *= rng_lognormal(&g->rng, 3, 0.6);
	t->failed = rng_chance(&g->rng, fail);
	if (t->failed) {
		t->cause = pick_cause(&g->rng, t->ep, incident);
		t->status = cause_status(t->cause);
		wait = cause_wait_ms(t->cause);
		t->ms = wait > 0 ? wait + rng_lognormal(&g->rng, 30, 0.5) :
		    t->ms * rng_lognormal(&g->rng, 1.5, 0.4);
	} else {
		t->status = pick_status(g, t->ep);
	}
	t->shape = pick_shape(g, t->failed);
	t->dup = t->shape == SHAPE_AURA && rng_chance(&g->rng, 0.3);
	if (t->ep->effect == FX_RENDER || t->ep->effect == FX_UPLOAD)
		rng_guid(&g->rng, t->job);
	t->preset = render_presets[rng_below(&g->rng, 5)];
	schedule_request(g, i, incident);
}

void
start_health_probes(struct gen *g, int64_t us)
{
	static const int64_t offsets[] = { 0, 2100, 5300 };
	uint32_t i, p;
	struct task *t;

	for (p = 0; p < 3; p++) {
		i = task_new(g, TASK_HEALTH);
		t = &g->tasks[i];
		snprintf(t->path, sizeof(t->path), "%s", health_paths[p]);
		t->start = us + offsets[p];
		t->ms = rng_lognormal(&g->rng, 0.7, 0.5);
		t->status = 200;
		t->shape = SHAPE_AURA;
		heap_push(g, end_of(t), i, STEP_COMPLETE);
	}
}

void
start_cleanup(struct gen *g, int64_t us)
{
	uint32_t i = task_new(g, TASK_SYSTEM);

	heap_push(g, us, i, STEP_CLEANUP);
}

void
start_startup(struct gen *g, int64_t us, enum start_kind kind)
{
	uint32_t i = task_new(g, TASK_SYSTEM);
	size_t k;

	if (kind != START_FIRST) {
		g->tasks[i].failed = kind == START_CRASH;
		heap_push(g, us, i, STEP_SHUTDOWN);
		us += 4 * US_PER_SEC;
	}
	for (k = 0; k < NSTARTUP; k++)
		heap_push(g, us + startup_lines[k].delay_ms * US_PER_MS +
		    (int64_t)rng_below(&g->rng, 900), i,
		    STEP_STARTUP + (uint32_t)k);
}

/* Queues the render job that a successful POST /api/render/jobs made. */
static void
start_render_job(struct gen *g, const struct task *req, int64_t after)
{
	char job[37];
	const char *project = req->project, *preset = req->preset;
	uint32_t i;
	struct task *t;
	int64_t dur;

	memcpy(job, req->job, sizeof(job));
	i = task_new(g, TASK_RENDER);
	t = &g->tasks[i];
	memcpy(t->job, job, sizeof(job));
	t->project = project;
	t->preset = preset;
	t->start = after + (int64_t)(rng_lognormal(&g->rng, 1500, 0.8) *
	    US_PER_MS);
	t->ms = rng_lognormal(&g->rng, 45000, 0.7);
	t->failed = rng_chance(&g->rng, 0.02);
	dur = end_of(t) - t->start;
	heap_push(g, t->start, i, STEP_JOB_START);
	if (rng_chance(&g->rng, 0.06))
		heap_push(g, t->start + dur * 3 / 10, i, STEP_JOB_RETRY);
	heap_push(g, end_of(t), i, STEP_JOB_END);
}

static void
start_thumbnails(struct gen *g, int64_t after)
{
	uint32_t i = task_new(g, TASK_THUMBS);
	struct task *t = &g->tasks[i];

	t->asset = 1000 + (int)rng_below(&g->rng, 90000);
	t->start = after + (int64_t)(rng_lognormal(&g->rng, 300, 0.5) *
	    US_PER_MS);
	t->ms = rng_lognormal(&g->rng, 900, 0.6);
	heap_push(g, end_of(t), i, STEP_JOB_END);
}

static enum level
completion_level(const struct task *t)
{
	if (t->shape == SHAPE_FAILED || t->status >= 500)
		return LVL_ERR;
	if (t->status >= 400 && t->shape == SHAPE_AURA)
		return LVL_WRN;
	return LVL_INF;
}

/* Writes the completion line; returns the duration that it shows. */
static double
write_completion(struct gen *g, struct task *t, int64_t us)
{
	static const char *const tmpl[] = {
		[SHAPE_AURA] = "Request completed: {Method} {Path} - "
		    "{StatusCode} in {ElapsedMs}ms",
		[SHAPE_SERILOG] = "HTTP {RequestMethod} {RequestPath} "
		    "responded {StatusCode} in {Elapsed:0.0000} ms",
		[SHAPE_RESPONSE] = "Response: {Method} {Path} {StatusCode} in "
		    "{ElapsedMs}ms",
		[SHAPE_FAILED] = "Request failed: {Method} {Path} after "
		    "{ElapsedMs}ms",
	};
	static const char *const source[] = {
		SRC_REQUEST, SRC_SERILOG, SRC_RESPONSE, SRC_REQUEST,
	};
	bool serilog = t->shape == SHAPE_SERILOG;
	const char *method = t->kind == TASK_HEALTH ? "GET" : t->ep->method;
	enum level level = completion_level(t);
	char status[8], ms[32];
	struct event e;

	format_int(status, sizeof(status), t->status);
	if (serilog)
		format_fixed(ms, sizeof(ms), t->ms, 4, false);
	else if (t->shape == SHAPE_AURA)
		format_fixed(ms, sizeof(ms), t->ms, 1, true);
	else
		format_int(ms, sizeof(ms), (long long)(t->ms + 0.5));
	event_init(&e, us, level, tmpl[t->shape], t);
	event_add(&e, serilog ? "RequestMethod" : "Method", method, false);
	event_add(&e, serilog ? "RequestPath" : "Path", t->path, false);
	if (t->shape != SHAPE_FAILED)
		event_add(&e, "StatusCode", status, true);
	event_add(&e, serilog ? "Elapsed" : "ElapsedMs", ms, true);
	if (level == LVL_ERR) {
		build_exception(t->cause, t->ep, t->project, g->exception,
		    sizeof(g->exception));
		e.exception = g->exception;
	}
	emit(g, &e, source[t->shape], level_families(level));
	return strtod(ms, NULL);
}

/* Aura's middleware logs a second completion line that names the
 * correlation id; it is the same request, not a new one. */
static void
write_completion_copy(struct gen *g, struct task *t, int64_t us)
{
	char status[8], ms[32];
	struct event e;

	format_int(status, sizeof(status), t->status);
	format_fixed(ms, sizeof(ms), t->ms, 1, true);
	event_init(&e, us, LVL_INF, "Request completed: {Method} {Path} - "
	    "{StatusCode} in {ElapsedMs}ms [CorrelationId: {CorrelationId}]",
	    t);
	event_add(&e, "Method", t->kind == TASK_HEALTH ? "GET" :
	    t->ep->method, false);
	event_add(&e, "Path", t->path, false);
	event_add(&e, "StatusCode", status, true);
	event_add(&e, "ElapsedMs", ms, true);
	event_add(&e, "CorrelationId", t->corr, false);
	emit(g, &e, SRC_REQUEST, LEVEL_API);
}

/* The performance family's line for a request over SLOW_REQUEST_MS. */
static void
write_slow_request(struct gen *g, struct task *t, int64_t us)
{
	char ms[32], limit[8];
	struct event e;

	format_int(ms, sizeof(ms), (long long)(t->ms + 0.5));
	format_int(limit, sizeof(limit), SLOW_REQUEST_MS);
	event_init(&e, us, LVL_WRN, "Slow request: {Method} {Path} took "
	    "{ElapsedMs}ms (threshold {ThresholdMs}ms)", t);
	event_add(&e, "Method", t->ep->method, false);
	event_add(&e, "Path", t->path, false);
	event_add(&e, "ElapsedMs", ms, true);
	event_add(&e, "ThresholdMs", limit, true);
	emit(g, &e, "Aura.Api.Middleware.PerformanceMiddleware",
	    1u << FAM_PERFORMANCE);
}

static void
write_complete_step(struct gen *g, uint32_t i, int64_t us)
{
	struct task *t = &g->tasks[i];
	bool health = t->kind == TASK_HEALTH;
	double shown_ms;

	shown_ms = write_completion(g, t, us);
	if (t->dup)
		write_completion_copy(g, t, us);
	g->stats->requests++;
	g->stats->failed += t->failed;
	sink_count_request(g->sink, us, t->failed, health, shown_ms);
	if (health)
		return;
	if (t->ms > SLOW_REQUEST_MS)
		write_slow_request(g, t, us);
	if (!t->failed && t->status < 300 && t->ep->effect == FX_RENDER)
		start_render_job(g, t, us);
	else if (!t->failed && t->status < 300 &&
	    t->ep->effect == FX_UPLOAD)
		start_thumbnails(g, us);
}

static void
write_unhandled(struct gen *g, struct task *t, int64_t us)
{
	struct event e;

	event_init(&e, us, LVL_ERR,
	    "An unhandled exception has occurred while executing the request.",
	    t);
	build_exception(t->cause, t->ep, t->project, g->exception,
	    sizeof(g->exception));
	e.exception = g->exception;
	emit(g, &e, "Microsoft.AspNetCore.Diagnostics."
	    "ExceptionHandlerMiddleware", level_families(LVL_ERR));
}

static void
write_domain(struct gen *g, struct task *t, int64_t us)
{
	char size[24], chunks[8], key[64];
	struct event e;

	switch (t->ep->effect) {
	case FX_RENDER:
		event_init(&e, us, LVL_INF, "Render job {JobId} queued for "
		    "project {ProjectId} with preset {Preset}", t);
		event_add(&e, "JobId", t->job, false);
		event_add(&e, "ProjectId", t->project, false);
		event_add(&e, "Preset", t->preset, false);
		emit(g, &e, "Aura.Api.Services.RenderService", LEVEL_API);
		break;
	case FX_UPLOAD:
		format_int(size, sizeof(size), 1048576 +
		    (long long)rng_below(&g->rng, 2000000000));
		format_int(chunks, sizeof(chunks), 1 +
		    (long long)rng_below(&g->rng, 64));
		event_init(&e, us, LVL_INF, "Upload {UploadId} assembled: "
		    "{SizeBytes} bytes in {ChunkCount} chunks", t);
		event_add(&e, "UploadId", t->job, false);
		event_add(&e, "SizeBytes", size, true);
		event_add(&e, "ChunkCount", chunks, true);
		emit(g, &e, "Aura.Api.Services.UploadService", LEVEL_API);
		break;
	case FX_EXPORT:
		event_init(&e, us, LVL_INF, "Exporting project {ProjectId} as "
		    "{Format}", t);
		event_add(&e, "ProjectId", t->project, false);
		event_add(&e, "Format", "mp4/h264", false);
		emit(g, &e, "Aura.Api.Services.ExportService", LEVEL_API);
		break;
	default:
		snprintf(key, sizeof(key), "timeline:%s", t->project);
		event_init(&e, us, LVL_DBG, "Cache miss for {CacheKey}", t);
		event_add(&e, "CacheKey", key, false);
		emit(g, &e, "Aura.Api.Services.CacheService", LEVEL_API);
	}
}

static void
write_slow_query(struct gen *g, struct task *t, int64_t us)
{
	char ms[16];
	struct event e;

	format_int(ms, sizeof(ms), 500 + (long long)rng_lognormal(&g->rng,
	    900, 0.7));
	event_init(&e, us, LVL_WRN, "Slow query {Elapsed}ms: {CommandText}", t);
	event_add(&e, "Elapsed", ms, true);
	event_add(&e, "CommandText", slow_queries[rng_below(&g->rng, 4)],
	    false);
	emit(g, &e, "Aura.Api.Data.SlowQueryInterceptor",
	    level_families(LVL_WRN));
}

static void
write_audit(struct gen *g, struct task *t, int64_t us)
{
	char ip[24];
	const char *asset;
	struct event e;
	int subnet, host;

	switch (t->ep->effect) {
	case FX_LOGIN:
		subnet = (int)rng_below(&g->rng, 8);
		host = 2 + (int)rng_below(&g->rng, 250);
		snprintf(ip, sizeof(ip), "10.20.%d.%d", subnet, host);
		event_init(&e, us, LVL_INF, "User {User} signed in from "
		    "{ClientIp}", t);
		event_add(&e, "User", t->user, false);
		event_add(&e, "ClientIp", ip, false);
		break;
	case FX_DELETE:
		asset = strrchr(t->path, '/') + 1;
		event_init(&e, us, LVL_INF, "Asset {AssetId} deleted by {User}",
		    t);
		event_add(&e, "AssetId", asset, true);
		event_add(&e, "User", t->user, false);
		break;
	default:
		event_init(&e, us, LVL_INF, t->ep->effect == FX_EXPORT ?
		    "Project {ProjectId} exported by {User}" :
		    "Project {ProjectId} created by {User}", t);
		event_add(&e, "ProjectId", t->project, false);
		event_add(&e, "User", t->user, false);
	}
	emit(g, &e, "Aura.Api.Audit.AuditLog",
	    LEVEL_API | (1u << FAM_AUDIT));
}

static void
write_job_start(struct gen *g, struct task *t, int64_t us)
{
	struct event e;

	event_init(&e, us, LVL_INF, "Render job {JobId} started for project "
	    "{ProjectId} ({Preset})", t);
	event_add(&e, "JobId", t->job, false);
	event_add(&e, "ProjectId", t->project, false);
	event_add(&e, "Preset", t->preset, false);
	emit(g, &e, SRC_RENDER, LEVEL_API);
}

static void
write_job_retry(struct gen *g, struct task *t, int64_t us)
{
	char attempt[4];
	struct event e;

	format_int(attempt, sizeof(attempt), 1 + (long long)rng_below(&g->rng,
	    2));
	event_init(&e, us, LVL_WRN, "Retrying FFmpeg invocation {Attempt}/3 "
	    "for job {JobId} after exit code {ExitCode}", t);
	event_add(&e, "Attempt", attempt, true);
	event_add(&e, "JobId", t->job, false);
	event_add(&e, "ExitCode", "-22", true);
	emit(g, &e, "Aura.Core.Media.FFmpegRunner", level_families(LVL_WRN));
}

static void
write_job_end(struct gen *g, struct task *t, int64_t us)
{
	char ms[24], count[24], asset[16];
	struct event e;

	format_int(ms, sizeof(ms), (long long)(t->ms + 0.5));
	if (t->kind == TASK_THUMBS) {
		format_int(count, sizeof(count), 1 +
		    (long long)rng_below(&g->rng, 12));
		event_init(&e, us, LVL_INF, "Generated {Count} thumbnails for "
		    "asset {AssetId} in {ElapsedMs}ms", t);
		event_add(&e, "Count", count, true);
		format_int(asset, sizeof(asset), t->asset);
		event_add(&e, "AssetId", asset, true);
		event_add(&e, "ElapsedMs", ms, true);
		emit(g, &e, "Aura.Core.Media.ThumbnailGenerator", LEVEL_API);
		return;
	}
	if (t->failed) {
		event_init(&e, us, LVL_ERR, "Render job {JobId} failed after "
		    "{ElapsedMs}ms", t);
		build_render_exception(&g->rng, g->exception,
		    sizeof(g->exception));
		e.exception = g->exception;
	} else {
		event_init(&e, us, LVL_INF, "Render job {JobId} completed in "
		    "{ElapsedMs}ms, output {OutputMb} MB", t);
	}
	event_add(&e, "JobId", t->job, false);
	event_add(&e, "ElapsedMs", ms, true);
	if (!t->failed) {
		format_fixed(count, sizeof(count), rng_lognormal(&g->rng, 180,
		    0.8), 1, false);
		event_add(&e, "OutputMb", count, true);
	}
	emit(g, &e, SRC_RENDER, level_families(e.level));
}

static void
write_cleanup(struct gen *g, struct task *t, int64_t us)
{
	char count[16], freed[24], ms[16];
	struct event e;

	format_int(count, sizeof(count), (long long)rng_below(&g->rng, 400));
	format_fixed(freed, sizeof(freed), rng_lognormal(&g->rng, 120, 1.0),
	    1, false);
	format_int(ms, sizeof(ms), 5 + (long long)rng_below(&g->rng, 300));
	event_init(&e, us, LVL_INF, "Cache cleanup removed {Count} expired "
	    "entries and freed {FreedMb} MB in {ElapsedMs}ms", t);
	event_add(&e, "Count", count, true);
	event_add(&e, "FreedMb", freed, true);
	event_add(&e, "ElapsedMs", ms, true);
	emit(g, &e, "Aura.Api.Services.CacheCleanupService", LEVEL_API);
}

static void
write_lifetime(struct gen *g, struct task *t, int64_t us, uint32_t step)
{
	const struct startup_line *l;
	struct event e;

	if (step == STEP_SHUTDOWN && t->failed) {
		event_init(&e, us, LVL_FTL, "Host terminated unexpectedly", t);
		e.exception = crash_exception;
		emit(g, &e, "Aura.Api.Program", level_families(LVL_FTL));
		return;
	}
	if (step == STEP_SHUTDOWN) {
		event_init(&e, us, LVL_INF, "Application is shutting down...",
		    t);
		emit(g, &e, SRC_LIFETIME, LEVEL_API);
		return;
	}
	l = &startup_lines[step - STEP_STARTUP];
	event_init(&e, us, LVL_INF, l->tmpl, t);
	if (l->name1 != NULL)
		event_add(&e, l->name1, l->value1, true);
	if (l->name2 != NULL)
		event_add(&e, l->name2, l->value2, false);
	emit(g, &e, l->source, LEVEL_API);
}

void
write_step(struct gen *g, uint32_t i, uint32_t step, int64_t us)
{
	struct task *t = &g->tasks[i];

	switch (step) {
	case STEP_DOMAIN:
		write_domain(g, t, us);
		break;
	case STEP_SLOW_QUERY:
		write_slow_query(g, t, us);
		break;
	case STEP_AUDIT:
		write_audit(g, t, us);
		break;
	case STEP_COMPLETE:
		write_complete_step(g, i, us);
		break;
	case STEP_UNHANDLED:
		write_unhandled(g, t, us);
		break;
	case STEP_JOB_START:
		write_job_start(g, t, us);
		break;
	case STEP_JOB_RETRY:
		write_job_retry(g, t, us);
		break;
	case STEP_JOB_END:
		write_job_end(g, t, us);
		break;
	case STEP_CLEANUP:
		write_cleanup(g, t, us);
		break;
	default:
		write_lifetime(g, t, us, step);
	}
}
