/*
 * Serilog rolling file names.
 *
 * Grammar of a name this module accepts:
 *
 *   name    = family "-" date [ "_" seq ] ".log" [ ".gz" | ".zst" ]
 *   family  = 1*( ALPHA / DIGIT / "-" / "_" / "." ), at most 63 bytes
 *   date    = 8DIGIT                  ; YYYYMMDD, a valid calendar date
 *   seq     = 3*DIGIT                 ; 001, 002, ... (size rolls),
 *                                     ; at most INT_MAX
 *
 * Example: "aura-api-20251203_002.log" is family "aura-api", 2025-12-03,
 * sequence 2. The base file of a day ("aura-api-20251203.log") has
 * sequence 0. The date is the writer's local date.
 */
#ifndef LT_LOGNAME_H
#define LT_LOGNAME_H

#include <stdbool.h>

#define LT_FAMILY_MAX 64

struct lt_logname {
	char	family[LT_FAMILY_MAX];
	int	year;
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
	int	seq;		/* 0 for the base file of a day */
	bool	compressed;	/* name ends in .gz or .zst */
};

/* Parses a base name (no directory part); returns false if it does not
 * match the grammar above. */
bool	lt_logname_parse(const char *basename, struct lt_logname *out);

/* The families written by Aura's Serilog configuration. */
extern const char *const lt_default_families[];

#endif
