/*
 * The content of the generated logs: Aura's endpoints with their share of
 * the traffic and their latency, and the exceptions behind 5xx responses.
 */
#include <stdio.h>
#include <string.h>

#include "content.h"

#define SRC	"C:\\build\\Aura\\src\\"

struct cause {
	const char	*type;
	const char	*message;	/* "{project}" is replaced */
	const char	*inner_type;	/* NULL when there is no inner */
	const char	*inner_message;
	const char	*const *inner_frames;
	const char	*const *frames;	/* library frames, innermost first */
	const char	*service_frame;	/* Aura frame below the controller */
	unsigned	 areas;
	int		 status;
	double		 weight;	/* share among ordinary failures */
	double		 wait_ms;	/* fixed wait before failing, or 0 */
};

/*
 * Path patterns: {project} is the request's project GUID, {guid} a new
 * GUID, {id} an asset number, {page} a page number, {file} a media file
 * name (some with spaces), {chunk} an upload chunk and {sec} a time in
 * seconds.
 */
static const struct endpoint endpoints[] = {
	{ "GET", "/api/projects?page={page}&size=50", 9, 38, 0.5, 200,
	    AREA_DATA, FX_NONE, "ProjectsController",
	    "List(Int32 page, Int32 size, CancellationToken ct)", 41 },
	{ "GET", "/api/projects/{project}", 10, 22, 0.5, 200, AREA_DATA,
	    FX_NONE, "ProjectsController",
	    "Get(Guid id, CancellationToken ct)", 58 },
	{ "GET", "/api/projects/{project}/timeline", 14, 41, 0.6, 200,
	    AREA_DATA, FX_NONE, "TimelineController",
	    "GetTimeline(Guid projectId, CancellationToken ct)", 37 },
	{ "PUT", "/api/projects/{project}/timeline", 7, 85, 0.6, 204,
	    AREA_DATA, FX_NONE, "TimelineController",
	    "SaveTimeline(Guid projectId, TimelineDto timeline, "
	    "CancellationToken ct)", 64 },
	{ "POST", "/api/projects", 1, 64, 0.5, 201, AREA_DATA, FX_CREATE,
	    "ProjectsController",
	    "Create(CreateProjectRequest request, CancellationToken ct)", 82 },
	{ "GET", "/api/assets/{id}", 9, 18, 0.6, 200, AREA_DATA | AREA_MEDIA,
	    FX_NONE, "AssetsController", "Get(Int32 id, CancellationToken ct)",
	    45 },
	{ "GET", "/api/assets?projectId={project}&type=video&page={page}", 5,
	    35, 0.5, 200, AREA_DATA, FX_NONE, "AssetsController",
	    "List(Guid projectId, String type, Int32 page, "
	    "CancellationToken ct)", 29 },
	{ "GET", "/api/assets/{file}", 2, 55, 0.7, 200, AREA_MEDIA, FX_NONE,
	    "AssetsController", "Download(String name, CancellationToken ct)",
	    103 },
	{ "DELETE", "/api/assets/{id}", 0.6, 42, 0.5, 204, AREA_DATA,
	    FX_DELETE, "AssetsController",
	    "Delete(Int32 id, CancellationToken ct)", 121 },
	{ "POST", "/api/uploads", 1.2, 180, 0.5, 201, AREA_UPLOAD, FX_NONE,
	    "UploadsController",
	    "Begin(BeginUploadRequest request, CancellationToken ct)", 33 },
	{ "PUT", "/api/uploads/{guid}/chunks/{chunk}", 4, 420, 0.6, 204,
	    AREA_UPLOAD, FX_NONE, "UploadsController",
	    "PutChunk(Guid uploadId, Int32 index, CancellationToken ct)", 58 },
	{ "POST", "/api/uploads/{guid}/complete", 1, 2300, 0.6, 200,
	    AREA_UPLOAD | AREA_MEDIA, FX_UPLOAD, "UploadsController",
	    "Complete(Guid uploadId, CancellationToken ct)", 91 },
	{ "POST", "/api/render/jobs", 1.5, 650, 0.7, 202,
	    AREA_RENDER | AREA_DATA, FX_RENDER, "RenderController",
	    "Submit(RenderJobRequest request, CancellationToken ct)", 47 },
	{ "GET", "/api/render/jobs/{guid}", 3, 14, 0.5, 200, AREA_DATA,
	    FX_NONE, "RenderController",
	    "GetJob(Guid jobId, CancellationToken ct)", 76 },
	{ "GET", "/api/render/jobs/{guid}/progress", 8, 9, 0.5, 200,
	    AREA_RENDER, FX_NONE, "RenderController",
	    "GetProgress(Guid jobId, CancellationToken ct)", 88 },
	{ "GET", "/api/thumbnails/{project}?t={sec}&w=320", 8, 60, 0.8, 200,
	    AREA_MEDIA, FX_NONE, "ThumbnailsController",
	    "Get(Guid projectId, Double t, Int32 w, CancellationToken ct)",
	    39 },
	{ "POST", "/api/projects/{project}/export", 0.5, 1900, 0.5, 200,
	    AREA_RENDER | AREA_DATA, FX_EXPORT, "ExportController",
	    "Export(Guid projectId, ExportRequest request, "
	    "CancellationToken ct)", 52 },
	{ "POST", "/api/auth/login", 1.2, 140, 0.4, 200, AREA_AUTH | AREA_DATA,
	    FX_LOGIN, "AuthController",
	    "Login(LoginRequest request, CancellationToken ct)", 44 },
	{ "POST", "/api/auth/refresh", 3, 28, 0.4, 200, AREA_AUTH, FX_NONE,
	    "AuthController", "Refresh(RefreshRequest request)", 71 },
	{ "GET", "/api/users/me", 4, 12, 0.4, 200, AREA_AUTH | AREA_DATA,
	    FX_NONE, "UsersController", "Me(CancellationToken ct)", 25 },
	{ "GET", "/api/templates?category=social&page={page}", 2, 24, 0.5, 200,
	    AREA_DATA, FX_NONE, "TemplatesController",
	    "List(String category, Int32 page, CancellationToken ct)", 30 },
	{ "POST", "/api/ai/script/generate", 0.6, 4200, 0.5, 200,
	    AREA_AI, FX_NONE, "ScriptController",
	    "Generate(ScriptRequest request, CancellationToken ct)", 57 },
	{ "GET", "/api/ffmpeg/capabilities", 0.3, 8, 0.4, 200, AREA_RENDER,
	    FX_NONE, "SystemController", "FfmpegCapabilities()", 66 },
};

#define NENDPOINTS	(sizeof(endpoints) / sizeof(endpoints[0]))

static const char *const files[] = {
	"My Video.mp4", "intro_v2.mov", "Holiday 2025 final.mp4", "logo.png",
	"voiceover take 3.wav", "b-roll_0042.mp4", "music-bed.mp3",
	"Client Review (cut 2).mp4",
};

static const char *const users[] = {
	"maria.keller", "j.tanaka", "alex.moreau", "priya.n", "tom.b",
	"svenja.h", "lucas.ferreira", "admin", "editor-bot", "nadia.r",
};

static const char *const npgsql_frames[] = {
	"Npgsql.PoolingDataSource.<Get>g__RentAsync|34_0(NpgsqlConnection "
	    "conn, NpgsqlTimeout timeout, Boolean async, CancellationToken "
	    "cancellationToken)",
	"Npgsql.NpgsqlConnection.<Open>g__OpenAsync|42_0(Boolean async, "
	    "CancellationToken cancellationToken)",
	"Microsoft.EntityFrameworkCore.Storage.RelationalConnection."
	    "OpenInternalAsync(Boolean errorsExpected, CancellationToken "
	    "cancellationToken)",
	"Microsoft.EntityFrameworkCore.Storage.RelationalConnection."
	    "OpenAsync(CancellationToken cancellationToken, Boolean "
	    "errorsExpected)",
	"Microsoft.EntityFrameworkCore.Query.Internal.SplitQueryingEnumerable"
	    "`1.AsyncEnumerator.InitializeReaderAsync(AsyncEnumerator "
	    "enumerator, CancellationToken cancellationToken)",
	NULL,
};

static const char *const npgsql_inner_frames[] = {
	"Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, "
	    "Boolean async, CancellationToken cancellationToken)",
	"Npgsql.PoolingDataSource.OpenNewConnector(NpgsqlConnection conn, "
	    "NpgsqlTimeout timeout, Boolean async, CancellationToken "
	    "cancellationToken)",
	NULL,
};

static const char *const queue_frames[] = {
	"System.Threading.SemaphoreSlim.WaitAsync(TimeSpan timeout, "
	    "CancellationToken cancellationToken)",
	"Aura.Core.Rendering.RenderQueue.EnqueueAsync(RenderJob job, "
	    "CancellationToken ct) in " SRC "Aura.Core\\Rendering\\"
	    "RenderQueue.cs:line 118",
	NULL,
};

static const char *const io_frames[] = {
	"System.IO.FileSystem.CopyFile(String sourceFullPath, String "
	    "destFullPath, Boolean overwrite)",
	"System.IO.File.Copy(String sourceFileName, String destFileName, "
	    "Boolean overwrite)",
	NULL,
};

static const char *const ffmpeg_frames[] = {
	"Aura.Core.Media.FFmpegRunner.RunAsync(FFmpegCommand command, "
	    "CancellationToken ct) in " SRC "Aura.Core\\Media\\"
	    "FFmpegRunner.cs:line 212",
	"Aura.Core.Media.FFmpegRunner.ProbeAsync(String path, "
	    "CancellationToken ct) in " SRC "Aura.Core\\Media\\"
	    "FFmpegRunner.cs:line 97",
	NULL,
};

static const char *const linq_frames[] = {
	"System.Linq.ThrowHelper.ThrowNoElementsException()",
	"System.Linq.Enumerable.First[TSource](IEnumerable`1 source)",
	NULL,
};

static const char *const http_frames[] = {
	"System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()",
	"Aura.Core.Ai.OpenAiClient.CompleteAsync(ChatRequest request, "
	    "CancellationToken ct) in " SRC "Aura.Core\\Ai\\OpenAiClient.cs:"
	    "line 88",
	NULL,
};

static const char *const no_frames[] = { NULL };

/* causes[0] is the dominant cause of incidents. */
static const struct cause causes[] = {
	{ "Npgsql.NpgsqlException (0x80004005)",
	    "The connection pool has been exhausted, either raise 'Max Pool "
	    "Size' (currently 100) or 'Timeout' (currently 15 seconds) in "
	    "your connection string.",
	    "System.TimeoutException", "The operation has timed out.",
	    npgsql_inner_frames, npgsql_frames,
	    "Aura.Api.Data.ProjectRepository.GetAsync(Guid id, "
	    "CancellationToken ct) in " SRC "Aura.Api\\Data\\"
	    "ProjectRepository.cs:line 54",
	    AREA_DATA | AREA_MEDIA | AREA_RENDER | AREA_UPLOAD | AREA_AUTH |
	    AREA_AI, 500, 1.0, 15000 },
	{ "System.TimeoutException",
	    "Timed out after 30000ms waiting for a free slot in the FFmpeg "
	    "render queue.", NULL, NULL, NULL, queue_frames,
	    "Aura.Api.Services.RenderService.SubmitAsync(RenderJobRequest "
	    "request, CancellationToken ct) in " SRC "Aura.Api\\Services\\"
	    "RenderService.cs:line 71",
	    AREA_RENDER, 503, 3.0, 30000 },
	{ "System.IO.IOException",
	    "The process cannot access the file 'D:\\AuraData\\cache\\"
	    "{project}\\thumbs.db' because it is being used by another "
	    "process.", NULL, NULL, NULL, io_frames,
	    "Aura.Api.Services.MediaCache.StoreAsync(String key, Stream data, "
	    "CancellationToken ct) in " SRC "Aura.Api\\Services\\"
	    "MediaCache.cs:line 143",
	    AREA_MEDIA | AREA_UPLOAD, 500, 2.0, 0 },
	{ "Aura.Core.Media.FFmpegException",
	    "FFmpeg exited with code 1: Invalid data found when processing "
	    "input", NULL, NULL, NULL, ffmpeg_frames,
	    "Aura.Api.Services.MediaService.InspectAsync(String path, "
	    "CancellationToken ct) in " SRC "Aura.Api\\Services\\"
	    "MediaService.cs:line 62",
	    AREA_MEDIA | AREA_RENDER, 500, 2.0, 0 },
	{ "System.NullReferenceException",
	    "Object reference not set to an instance of an object.",
	    NULL, NULL, NULL, no_frames,
	    "Aura.Api.Mapping.TimelineMapper.ToDto(Timeline timeline) in "
	    SRC "Aura.Api\\Mapping\\TimelineMapper.cs:line 29",
	    AREA_DATA, 500, 2.0, 0 },
	{ "System.InvalidOperationException", "Sequence contains no elements.",
	    NULL, NULL, NULL, linq_frames,
	    "Aura.Api.Services.ProjectService.GetDefaultTrack(Guid projectId) "
	    "in " SRC "Aura.Api\\Services\\ProjectService.cs:line 188",
	    AREA_DATA, 500, 1.5, 0 },
	{ "System.Net.Http.HttpRequestException",
	    "Response status code does not indicate success: 429 (Too Many "
	    "Requests).", NULL, NULL, NULL, http_frames,
	    "Aura.Api.Services.ScriptService.GenerateAsync(ScriptRequest "
	    "request, CancellationToken ct) in " SRC "Aura.Api\\Services\\"
	    "ScriptService.cs:line 49",
	    AREA_AI, 502, 3.0, 0 },
};

#define NCAUSES	(sizeof(causes) / sizeof(causes[0]))

/* ASP.NET Core frames between the controller and Aura's middleware. */
static const char *const pipeline_frames[] = {
	"   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor."
	    "TaskOfIActionResultExecutor.Execute(ActionContext actionContext, "
	    "IActionResultTypeMapper mapper, ObjectMethodExecutor executor, "
	    "Object controller, Object[] arguments)",
	"   at Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker."
	    "<InvokeActionMethodAsync>g__Awaited|12_0(ControllerActionInvoker "
	    "invoker, ValueTask`1 actionResultValueTask)",
	"--- End of stack trace from previous location ---",
	"   at Microsoft.AspNetCore.Mvc.Infrastructure.ResourceInvoker."
	    "<InvokeFilterPipelineAsync>g__Awaited|20_0(ResourceInvoker "
	    "invoker, Task lastTask, State next, Scope scope, Object state, "
	    "Boolean isCompleted)",
	"   at Microsoft.AspNetCore.Routing.EndpointMiddleware."
	    "<Invoke>g__AwaitRequestTask|6_0(Endpoint endpoint, Task "
	    "requestTask, ILogger logger)",
	"   at Aura.Api.Middleware.CorrelationIdMiddleware.InvokeAsync("
	    "HttpContext context) in " SRC "Aura.Api\\Middleware\\"
	    "CorrelationIdMiddleware.cs:line 34",
	"   at Aura.Api.Middleware.RequestLoggingMiddleware.InvokeAsync("
	    "HttpContext context) in " SRC "Aura.Api\\Middleware\\"
	    "RequestLoggingMiddleware.cs:line 41",
	NULL,
};

const struct endpoint *
pick_endpoint(struct rng *r)
{
	double total = 0, x;
	size_t i;

	for (i = 0; i < NENDPOINTS; i++)
		total += endpoints[i].weight;
	x = rng_unit(r) * total;
	for (i = 0; i < NENDPOINTS - 1; i++) {
		if (x < endpoints[i].weight)
			break;
		x -= endpoints[i].weight;
	}
	return &endpoints[i];
}

static bool
is_name(const char *name, size_t len, const char *expected)
{
	return strlen(expected) == len && strncmp(name, expected, len) == 0;
}

/* Writes the value of path placeholder name (without braces). */
static int
expand_placeholder(struct rng *r, const char *name, size_t len,
    const char *project, char *out, size_t cap)
{
	char guid[37];
	int whole, tenths;

	if (is_name(name, len, "project"))
		return snprintf(out, cap, "%s", project);
	if (is_name(name, len, "guid")) {
		rng_guid(r, guid);
		return snprintf(out, cap, "%s", guid);
	}
	if (is_name(name, len, "id"))
		return snprintf(out, cap, "%d",
		    1000 + (int)rng_below(r, 90000));
	if (is_name(name, len, "page"))
		return snprintf(out, cap, "%d", 1 + (int)rng_below(r, 12));
	if (is_name(name, len, "chunk"))
		return snprintf(out, cap, "%d", (int)rng_below(r, 64));
	if (is_name(name, len, "sec")) {
		whole = (int)rng_below(r, 600);
		tenths = (int)rng_below(r, 10);
		return snprintf(out, cap, "%d.%d", whole, tenths);
	}
	return snprintf(out, cap, "%s",
	    files[rng_below(r, sizeof(files) / sizeof(files[0]))]);
}

void
expand_path(struct rng *r, const struct endpoint *ep, const char *project,
    char *out, size_t cap)
{
	const char *p = ep->path, *end;
	size_t n = 0;
	int w;

	while (*p != '\0' && n + 1 < cap) {
		if (*p != '{') {
			out[n++] = *p++;
			continue;
		}
		end = strchr(p, '}');
		w = expand_placeholder(r, p + 1, (size_t)(end - p - 1),
		    project, out + n, cap - n);
		if (w > 0)
			n += (size_t)w < cap - n ? (size_t)w : cap - n - 1;
		p = end + 1;
	}
	out[n] = '\0';
}

const struct cause *
pick_cause(struct rng *r, const struct endpoint *ep, bool incident)
{
	double total = 0, x;
	size_t i;

	if (incident && rng_chance(r, 0.88))
		return &causes[0];
	for (i = 1; i < NCAUSES; i++)
		if (causes[i].areas & ep->areas)
			total += causes[i].weight;
	if (total == 0)
		return &causes[0];
	x = rng_unit(r) * total;
	for (i = 1; i < NCAUSES; i++) {
		if ((causes[i].areas & ep->areas) == 0)
			continue;
		if (x < causes[i].weight)
			return &causes[i];
		x -= causes[i].weight;
	}
	return &causes[0];
}

int
cause_status(const struct cause *c)
{
	return c->status;
}

double
cause_wait_ms(const struct cause *c)
{
	return c->wait_ms;
}

/* Appends text to out at *n, keeping a NUL and never passing cap. */
static void
append(char *out, size_t cap, size_t *n, const char *text)
{
	size_t len = strlen(text);

	if (len > cap - 1 - *n)
		len = cap - 1 - *n;
	memcpy(out + *n, text, len);
	*n += len;
	out[*n] = '\0';
}

/* Appends a message with {project} replaced by the project id. */
static void
append_message(char *out, size_t cap, size_t *n, const char *msg,
    const char *project)
{
	const char *hole = strstr(msg, "{project}");
	char head[512];

	if (hole == NULL) {
		append(out, cap, n, msg);
		return;
	}
	snprintf(head, sizeof(head), "%.*s", (int)(hole - msg), msg);
	append(out, cap, n, head);
	append(out, cap, n, project);
	append(out, cap, n, hole + strlen("{project}"));
}

static void
append_frames(char *out, size_t cap, size_t *n, const char *const *frames)
{
	for (; *frames != NULL; frames++) {
		append(out, cap, n, "\n   at ");
		append(out, cap, n, *frames);
	}
}

void
build_exception(const struct cause *c, const struct endpoint *ep,
    const char *project, char *out, size_t cap)
{
	char frame[512];
	size_t n = 0;
	int i;

	out[0] = '\0';
	append(out, cap, &n, c->type);
	append(out, cap, &n, ": ");
	append_message(out, cap, &n, c->message, project);
	if (c->inner_type != NULL) {
		append(out, cap, &n, "\n ---> ");
		append(out, cap, &n, c->inner_type);
		append(out, cap, &n, ": ");
		append(out, cap, &n, c->inner_message);
		append_frames(out, cap, &n, c->inner_frames);
		append(out, cap, &n,
		    "\n   --- End of inner exception stack trace ---");
	}
	append_frames(out, cap, &n, c->frames);
	append(out, cap, &n, "\n   at ");
	append(out, cap, &n, c->service_frame);
	snprintf(frame, sizeof(frame), "\n   at Aura.Api.Controllers.%s.%s "
	    "in " SRC "Aura.Api\\Controllers\\%s.cs:line %d", ep->controller,
	    ep->action, ep->controller, ep->line);
	append(out, cap, &n, frame);
	for (i = 0; pipeline_frames[i] != NULL; i++) {
		append(out, cap, &n, "\n");
		append(out, cap, &n, pipeline_frames[i]);
	}
}

void
build_render_exception(struct rng *r, char *out, size_t cap)
{
	static const char *const reasons[] = {
		"FFmpeg exited with code 1: Error while opening encoder for "
		    "output stream #0:0 - maybe incorrect parameters such as "
		    "bit_rate, rate, width or height",
		"FFmpeg exited with code 137: process killed (out of memory)",
		"FFmpeg exited with code 1: Conversion failed!",
	};
	size_t n = 0;

	out[0] = '\0';
	append(out, cap, &n, "Aura.Core.Media.FFmpegException: ");
	append(out, cap, &n, reasons[rng_below(r, 3)]);
	append_frames(out, cap, &n, ffmpeg_frames);
	append(out, cap, &n, "\n   at Aura.Core.Rendering.RenderWorker."
	    "RenderAsync(RenderJob job, CancellationToken ct) in " SRC
	    "Aura.Core\\Rendering\\RenderWorker.cs:line 156");
	append(out, cap, &n, "\n   at Aura.Core.Rendering.RenderWorker."
	    "ExecuteAsync(CancellationToken stoppingToken) in " SRC
	    "Aura.Core\\Rendering\\RenderWorker.cs:line 74");
}

const char *
pick_user(struct rng *r)
{
	return users[rng_below(r, sizeof(users) / sizeof(users[0]))];
}
