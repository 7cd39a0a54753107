/*
 * What Aura Video Studio's API serves and how it fails: the endpoint
 * table, request paths, exception causes and .NET stack traces.
 */
#ifndef AURA_LOGGEN_CONTENT_H
#define AURA_LOGGEN_CONTENT_H

#include "gen.h"

#define PATH_TEXT	256
#define EXCEPTION_TEXT	8192

/* Areas of the code an endpoint runs through; a cause names the areas it
 * can happen in. */
enum area {
	AREA_DATA = 1,
	AREA_MEDIA = 2,
	AREA_RENDER = 4,
	AREA_UPLOAD = 8,
	AREA_AUTH = 16,
	AREA_AI = 32,
};

/* What else a successful request of an endpoint leads to. */
enum effect {
	FX_NONE,
	FX_RENDER,		/* queues a render job */
	FX_UPLOAD,		/* finishes an upload: thumbnails follow */
	FX_LOGIN,		/* audit: user signed in */
	FX_EXPORT,		/* audit: project exported */
	FX_CREATE,		/* audit: project created */
	FX_DELETE,		/* audit: asset deleted */
};

struct endpoint {
	const char	*method;
	const char	*path;		/* pattern, see expand_path() */
	double		 weight;	/* relative share of requests */
	double		 median_ms;
	double		 sigma;		/* log-normal shape */
	int		 ok_status;
	unsigned	 areas;
	enum effect	 effect;
	const char	*controller;	/* class in Aura.Api.Controllers */
	const char	*action;	/* method and parameters */
	int		 line;		/* source line of the action */
};

struct cause;

const struct endpoint *pick_endpoint(struct rng *r);

/* Expands an endpoint's path pattern with ids from r and the project. */
void	expand_path(struct rng *r, const struct endpoint *ep,
	    const char *project, char *out, size_t cap);

/* Picks why a request failed; during an incident the dominant cause. */
const struct cause *pick_cause(struct rng *r, const struct endpoint *ep,
	    bool incident);
int	cause_status(const struct cause *c);
/* A failing request's duration: the cause's own wait (a pool or queue
 * timeout), or 0 when the cause fails at the endpoint's usual speed. */
double	cause_wait_ms(const struct cause *c);

/* Writes the exception text (.NET Exception.ToString(), lines joined by
 * '\n') of cause c thrown while serving ep. */
void	build_exception(const struct cause *c, const struct endpoint *ep,
	    const char *project, char *out, size_t cap);

/* The exception a failed render job logs. */
void	build_render_exception(struct rng *r, char *out, size_t cap);

/* A user name for audit events. */
const char *pick_user(struct rng *r);

#endif
