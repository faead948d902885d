/*
 * store: the output folder's SQLite database, muniscan.db.
 *
 * One database per output folder holds everything a run learns: the runs
 * themselves (tool version, options, input hashes), the seeds, the robots.txt
 * cache, the crawl frontier, the fetched pages (UTF-8 body, zlib-compressed)
 * and the programs.  Every other file in the folder is written from it.
 *
 * The schema lives here and only here (store.c), versioned with
 * PRAGMA user_version and upgraded by migrations when a folder is opened for
 * writing.  A folder opened read-only (an old year under --since or diff) is
 * never migrated.  WAL mode, foreign keys on, a busy timeout.  One command
 * writes a folder at a time (a store open for writing holds DIR/crawl.lock);
 * a read-only store reads one consistent snapshot, so `report` and `diff`
 * may run while a crawl writes the folder.  Each stage
 * keeps the queries on the tables it owns in its own module and reaches the
 * connection through store_internal.h.
 */
#ifndef MUNISCAN_STORE_H
#define MUNISCAN_STORE_H

#include <stdbool.h>
#include <stdint.h>

struct seeds;

struct store;

#define STORE_SCHEMA_VERSION 5

enum store_flags {
	STORE_READONLY = 1 << 0, /* open an existing folder, never write or migrate */
	STORE_CREATE = 1 << 1    /* create the folder and database if missing */
};

/* store_open: opens DIR/muniscan.db; caller frees with store_close().
 * Errors name the file: MS_ENOTFOUND when missing and not STORE_CREATE,
 * MS_EDB for SQLite failures, for a schema newer than this tool, and, when
 * not STORE_CREATE, for an empty file, a database that is not muniscan's and
 * one that fails PRAGMA quick_check; MS_ERROR when another command holds
 * the folder's writer lock (not STORE_READONLY).
 *  - Not STORE_READONLY: takes DIR/crawl.lock until store_close().
 *  - STORE_READONLY: opens one read transaction that lasts until
 *    store_close(): every query sees the database as it was at the open,
 *    whatever a crawl commits meanwhile. */
int store_open(struct store **out, const char *dir, unsigned flags);
/* store_close: ends the snapshot or checkpoints the WAL into the main file
 * (so muniscan.db stands alone), closes and drops the lock.  NULL is a
 * no-op. */
void store_close(struct store *st);
const char *store_dir(const struct store *st);
const char *store_file(const struct store *st);
int store_schema_version(const struct store *st);

int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* store_exec: runs SQL without results (for maintenance and tests). */
int store_exec(struct store *st, const char *sql);

/* store_run_begin: records an invocation; *id_out is its run id.
 * options_json is a JSON object of the effective options. */
struct store_run_info {
	const char *command;
	const char *options_json;
	const char *seeds_path;
	const char *seeds_sha256;
	const char *rules_sha256;
	const char *dict_sha256;
};
int store_run_begin(struct store *st, int64_t *id_out, const struct store_run_info *info);
/* store_run_end: status is "done", "failed" or "interrupted". */
int store_run_end(struct store *st, int64_t id, const char *status);

/* store_put_seeds: inserts or updates the municipalities of a seeds file. */
int store_put_seeds(struct store *st, const struct seeds *s);
/* store_get_seeds: the municipalities recorded in the database, in code order. */
int store_get_seeds(struct store *st, struct seeds **out);

#endif
