#ifndef IDX_SCHEMA_H
#define IDX_SCHEMA_H

/* CREATE statements of every table and index, and the meta rows other
 * than schema_version. */
extern const char idx_schema_sql[];

#endif
