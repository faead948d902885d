/*
 * store_internal: the SQLite connection behind a store, for the stage
 * modules that own tables (crawler: hosts, frontier, pages; classify:
 * programs; report: reads).  Only .c files include this header; no SQLite
 * type appears in any other public header.
 */
#ifndef MUNISCAN_STORE_INTERNAL_H
#define MUNISCAN_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store.h"

/* store_db: the connection (borrowed for the life of the store). */
sqlite3 *store_db(struct store *st);
/* store_fail: sets the error message from SQLite ("FILE: what: errmsg")
 * and returns MS_EDB. */
int store_fail(struct store *st, const char *what);
/* store_prepare: prepares sql or fails with store_fail(). */
int store_prepare(struct store *st, sqlite3_stmt **out, const char *sql);
/* store_step: steps s once and resets it; a row or done is 0, anything
 * else store_fail(st, what). */
int store_step(struct store *st, sqlite3_stmt *s, const char *what);
/* store_has_table: whether the database has table name (a folder from an
 * older muniscan opened read-only may lack the newer tables). */
int store_has_table(struct store *st, const char *name, bool *out);
/* store_text: column text as a C string ("" for NULL; borrowed until the
 * next step). */
const char *store_text(sqlite3_stmt *stmt, int col);

#endif
