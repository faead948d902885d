/*
 * store: schema, migrations, runs and seeds (see store.h).
 *
 * Invariants: user_version equals the number of migrations applied.  A
 * migration runs inside one transaction together with the user_version bump,
 * so a crash leaves the database at the old or the new version, never between.
 * A store open for writing holds the lock on DIR/crawl.lock for its whole
 * life; a read-only store holds one read transaction (its snapshot) for its
 * whole life.
 */
#include "store.h"
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "seeds.h"
#include "util.h"
#include "xalloc.h"

struct store {
	sqlite3 *db;
	char *dir;
	char *file;
	bool readonly;
	bool snapshot;  /* the read transaction of a read-only store is open */
	int version;
	int lock_fd;    /* DIR/crawl.lock, held while open for writing; -1 */
};

static const char *const store_migrations[] = {
	/* 1: the initial schema */
	"CREATE TABLE runs("
	"  id INTEGER PRIMARY KEY,"
	"  command TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  options TEXT NOT NULL DEFAULT '{}',"
	"  seeds_path TEXT, seeds_sha256 TEXT, rules_sha256 TEXT, dict_sha256 TEXT,"
	"  started_at TEXT NOT NULL,"
	"  ended_at TEXT,"
	"  status TEXT NOT NULL DEFAULT 'running'"
	"    CHECK (status IN ('running','done','failed','interrupted')));"
	"CREATE TABLE municipalities("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL, prefecture TEXT NOT NULL, category TEXT NOT NULL,"
	"  url TEXT NOT NULL, start_urls TEXT NOT NULL DEFAULT '',"
	"  status TEXT CHECK (status IN ('ok','partial','unreachable','robots_denied')),"
	"  crawled_at TEXT);"
	"CREATE TABLE hosts("
	"  origin TEXT PRIMARY KEY," /* scheme://host:port */
	"  robots_status INTEGER," /* HTTP status, or -1 for a network failure */
	"  robots_body BLOB,"
	"  crawl_delay REAL,"
	"  fetched_at TEXT);"
	"CREATE TABLE frontier("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE," /* normalised */
	"  municipality_code TEXT NOT NULL REFERENCES municipalities(code),"
	"  depth INTEGER NOT NULL,"
	"  priority REAL NOT NULL,"
	"  parent_id INTEGER REFERENCES frontier(id),"
	"  anchor TEXT,"
	"  offsite INTEGER NOT NULL DEFAULT 0,"
	"  state TEXT NOT NULL DEFAULT 'queued'"
	"    CHECK (state IN ('queued','fetched','failed','refused','skipped')),"
	"  reason TEXT,"
	"  http_status INTEGER,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  updated_at TEXT);"
	"CREATE INDEX frontier_queue ON frontier(municipality_code, state, priority DESC, id);"
	"CREATE TABLE pages("
	"  id INTEGER PRIMARY KEY,"
	"  frontier_id INTEGER UNIQUE REFERENCES frontier(id),"
	"  municipality_code TEXT NOT NULL REFERENCES municipalities(code),"
	"  url TEXT NOT NULL,"
	"  final_url TEXT NOT NULL,"
	"  http_status INTEGER NOT NULL,"
	"  content_type TEXT,"
	"  kind TEXT NOT NULL CHECK (kind IN ('html','pdf')),"
	"  headers TEXT,"
	"  charset TEXT, charset_reason TEXT,"
	"  etag TEXT, last_modified TEXT,"
	"  body_sha256 TEXT NOT NULL," /* of the body as stored (UTF-8 text, or PDF bytes) */
	"  body BLOB NOT NULL," /* zlib-compressed */
	"  body_len INTEGER NOT NULL,"
	"  truncated INTEGER NOT NULL DEFAULT 0,"
	"  revisit INTEGER NOT NULL DEFAULT 0," /* body reused after a 304 */
	"  fetched_at TEXT NOT NULL,"
	"  run_id INTEGER REFERENCES runs(id));"
	"CREATE INDEX pages_muni ON pages(municipality_code);"
	"CREATE TABLE programs("
	"  id INTEGER PRIMARY KEY,"
	"  municipality_code TEXT NOT NULL,"
	"  page_id INTEGER REFERENCES pages(id) ON DELETE CASCADE,"
	"  program TEXT NOT NULL,"
	"  url TEXT NOT NULL,"
	"  types TEXT NOT NULL,"
	"  it_security TEXT NOT NULL, expert_registry TEXT NOT NULL,"
	"  cost TEXT NOT NULL, max_visits INTEGER, continuity TEXT NOT NULL,"
	"  riss_fit INTEGER NOT NULL,"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  page_sha256 TEXT NOT NULL DEFAULT '',"
	"  fetched_at TEXT NOT NULL DEFAULT '',"
	"  extra_urls TEXT NOT NULL DEFAULT ''," /* other pages describing it */
	"  review TEXT," /* a reviewer's label carried forward */
	"  run_id INTEGER REFERENCES runs(id));"
	"CREATE INDEX programs_muni ON programs(municipality_code);",
	/* 2: the hosts each government's scope grew to (redirects of its top
	 * page); folders crawled before this migration may have it already */
	"CREATE TABLE IF NOT EXISTS crawl_scope("
	"  municipality_code TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  PRIMARY KEY (municipality_code, host));",
	/* 3: an off-site origin's robots.txt requests are charged to the
	 * page budget of the government whose link needed them */
	"ALTER TABLE hosts ADD COLUMN municipality_code TEXT;"
	"ALTER TABLE hosts ADD COLUMN charged INTEGER NOT NULL DEFAULT 0;",
	/* 4: the evidence of each program as the classifier found it, one row
	 * per decision (classify/program.h); programs.evidence keeps the cell
	 * programs.csv shows, which a reviewed row may carry alone */
	"CREATE TABLE evidence("
	"  program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"       /* order within the program */
	"  criterion TEXT NOT NULL,"    /* a type name or a criterion column */
	"  rule TEXT NOT NULL,"         /* the rule row: id, else file:line */
	"  passage TEXT NOT NULL,"      /* as written (program.h) */
	"  hit_start INTEGER NOT NULL," /* the matched words: bytes of passage */
	"  hit_end INTEGER NOT NULL,"
	"  PRIMARY KEY (program_id, seq));",
	/* 5: the stored pages classify could not read whole, so that
	 * failures.csv lists what was not (or only partly) looked at */
	"CREATE TABLE page_problems("
	"  page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,"
	"  problem TEXT NOT NULL," /* not_read, partly_read:CAP */
	"  detail TEXT NOT NULL DEFAULT '');",
};

#define STORE_NMIGRATIONS ((int)(sizeof(store_migrations) / sizeof(*store_migrations)))
_Static_assert(sizeof(store_migrations) / sizeof(*store_migrations) == STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION must count the migrations");

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

int
store_fail(struct store *st, const char *what)
{
	return err_set(MS_EDB, "%s: %s: %s", st->file, what,
	    st->db ? sqlite3_errmsg(st->db) : "cannot open");
}

int
store_has_table(struct store *st, const char *name, bool *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*out = false;
	if ((rc = store_prepare(st, &stmt,
	    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) != 0)
		return rc;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = sqlite3_column_int(stmt, 0) > 0;
	else
		rc = store_fail(st, "read the schema");
	sqlite3_finalize(stmt);
	return rc;
}

int
store_step(struct store *st, sqlite3_stmt *s, const char *what)
{
	int r = sqlite3_step(s);

	sqlite3_reset(s);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return store_fail(st, what);
	return 0;
}

int
store_prepare(struct store *st, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
		return store_fail(st, "prepare");
	return 0;
}

const char *
store_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? (const char *)t : "";
}

int
store_exec(struct store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, "exec");
	return 0;
}

int
store_begin(struct store *st)
{
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, "begin");
	return 0;
}

int
store_commit(struct store *st)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = store_fail(st, "commit");

		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
store_user_version(struct store *st, int *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = store_prepare(st, &stmt, "PRAGMA user_version")) != 0)
		return rc;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		rc = store_fail(st, "read schema version");
	} else {
		*out = sqlite3_column_int(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int
store_migrate(struct store *st)
{
	int v = st->version, rc = 0;

	while (v < STORE_NMIGRATIONS) {
		char pragma[64];

		if ((rc = store_begin(st)) != 0)
			return rc;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(st->db, store_migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];

			snprintf(what, sizeof(what), "migration to schema %d", v + 1);
			rc = store_fail(st, what);
			store_rollback(st);
			return rc;
		}
		if ((rc = store_commit(st)) != 0)
			return rc;
		v++;
	}
	st->version = v;
	return 0;
}

/* store_lock: the folder's writer lock (an fcntl lock, which the kernel
 * drops when the process dies, so a killed command never leaves a stale
 * one).  One command writes a folder at a time: crawl, run, classify. */
static int
store_lock(struct store *st)
{
	char *path = util_path_join(st->dir, "crawl.lock");
	struct flock fl;
	int fd, rc = 0;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = err_set(MS_EIO, "%s: cannot open: %s", path, strerror(errno));
		goto out;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) != 0) {
		close(fd);
		rc = err_set(MS_ERROR, "%s: another muniscan command (a crawl, run or classify) is"
		    " writing this folder; wait for it to end", st->dir);
		goto out;
	}
	st->lock_fd = fd;
out:
	free(path);
	return rc;
}

/* store_flatten: SQLite's multi-line messages on one line */
static void
store_flatten(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

/* store_check: PRAGMA quick_check, before a folder's data is read: a
 * damaged file is refused with one line rather than read as garbage */
static int
store_check(struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	char *what = NULL;
	int r;

	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK) {
		what = xstrdup(sqlite3_errmsg(st->db));
	} else if ((r = sqlite3_step(stmt)) != SQLITE_ROW) {
		what = xstrdup(sqlite3_errmsg(st->db));
	} else if (strcmp(store_text(stmt, 0), "ok") != 0) {
		what = xstrdup(store_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	if (what == NULL)
		return 0;
	store_flatten(what);
	err_set(MS_EDB, "%s: the database is damaged (%.200s); restore it from a copy or crawl"
	    " the folder again", st->file, what);
	free(what);
	return MS_EDB;
}

int
store_open(struct store **out, const char *dir, unsigned flags)
{
	struct store *st = xcalloc(1, sizeof(*st));
	bool create = (flags & STORE_CREATE) != 0;
	struct stat sb;
	int oflags, rc = 0;

	*out = NULL;
	st->lock_fd = -1;
	st->dir = xstrdup(dir);
	st->file = util_path_join(dir, "muniscan.db");
	st->readonly = (flags & STORE_READONLY) != 0;
	if (!util_is_file(st->file)) {
		if (st->readonly || !create) {
			rc = err_set(MS_ENOTFOUND, "%s: no such database", st->file);
			goto out;
		}
		if ((rc = util_mkdir_p(dir)) != 0)
			goto out;
	} else if (!create && stat(st->file, &sb) == 0 && sb.st_size == 0) {
		/* SQLite would take it for a new database and classify would
		 * fill it: an empty file is a lost database, not a new one */
		rc = err_set(MS_EDB, "%s: empty file, not a muniscan database", st->file);
		goto out;
	}
	if (!st->readonly && (rc = store_lock(st)) != 0)
		goto out;
	oflags = st->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(st->file, &st->db, oflags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		rc = store_fail(st, "open");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = store_user_version(st, &st->version)) != 0)
		goto out;
	if (st->version > STORE_NMIGRATIONS) {
		rc = err_set(MS_EDB, "%s: schema version %d is newer than this muniscan (%d)",
		    st->file, st->version, STORE_NMIGRATIONS);
		goto out;
	}
	if (!create && st->version == 0) {
		rc = err_set(MS_EDB, "%s: not a muniscan database", st->file);
		goto out;
	}
	if (st->readonly) {
		sqlite3_exec(st->db, "PRAGMA query_only=1", NULL, NULL, NULL);
		/* one read transaction for the life of the store: everything
		 * read comes from one snapshot, even while a crawl commits */
		if (sqlite3_exec(st->db, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL,
		    NULL) != SQLITE_OK) {
			rc = store_fail(st, "read");
			goto out;
		}
		st->snapshot = true;
		if ((rc = store_check(st)) != 0)
			goto out;
	} else {
		if (!create && (rc = store_check(st)) != 0)
			goto out;
		if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(st->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
			rc = store_fail(st, "set WAL mode");
			goto out;
		}
		if ((rc = store_migrate(st)) != 0)
			goto out;
	}
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_fail(st, "enable foreign keys");
		goto out;
	}
out:
	if (rc != 0) {
		if (st->db)
			sqlite3_close_v2(st->db);
		st->db = NULL;
		if (st->lock_fd >= 0)
			close(st->lock_fd);
		free(st->dir);
		free(st->file);
		free(st);
	} else {
		*out = st;
	}
	return rc;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->snapshot)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (!st->readonly)
		sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_close_v2(st->db);
	/* after the database is closed: the next writer finds it complete */
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->dir);
	free(st->file);
	free(st);
}

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

const char *
store_file(const struct store *st)
{
	return st->file;
}

int
store_schema_version(const struct store *st)
{
	return st->version;
}

int
store_run_begin(struct store *st, int64_t *id_out, const struct store_run_info *info)
{
	sqlite3_stmt *stmt = NULL;
	char now[32];
	int rc;

	util_now_iso(now);
	/* a run still 'running' was killed: one process writes a folder at a
	 * time (the crawler holds crawl.lock), so none of them is alive */
	if (strcmp(info->command, "crawl") == 0 || strcmp(info->command, "run") == 0) {
		if ((rc = store_exec(st, "UPDATE runs SET status='interrupted'"
		    " WHERE status='running'")) != 0)
			return rc;
	}
	if ((rc = store_prepare(st, &stmt,
	    "INSERT INTO runs(command, version, options, seeds_path, seeds_sha256,"
	    " rules_sha256, dict_sha256, started_at) VALUES (?,?,?,?,?,?,?,?)")) != 0)
		return rc;
	sqlite3_bind_text(stmt, 1, info->command, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, MUNISCAN_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, info->options_json ? info->options_json : "{}", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, info->seeds_path, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, info->seeds_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, info->rules_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, info->dict_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = store_fail(st, "record run");
	else
		*id_out = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(stmt);
	return rc;
}

int
store_run_end(struct store *st, int64_t id, const char *status)
{
	sqlite3_stmt *stmt = NULL;
	char now[32];
	int rc;

	util_now_iso(now);
	if ((rc = store_prepare(st, &stmt,
	    "UPDATE runs SET ended_at=?, status=? WHERE id=?")) != 0)
		return rc;
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = store_fail(st, "finish run");
	sqlite3_finalize(stmt);
	return rc;
}

int
store_put_seeds(struct store *st, const struct seeds *s)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = store_begin(st)) != 0)
		return rc;
	if ((rc = store_prepare(st, &stmt,
	    "INSERT INTO municipalities(code, name, prefecture, category, url, start_urls)"
	    " VALUES (?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET name=excluded.name,"
	    " prefecture=excluded.prefecture, category=excluded.category, url=excluded.url,"
	    " start_urls=excluded.start_urls")) != 0)
		goto out;
	for (size_t i = 0; i < s->n; i++) {
		const struct seed *sd = &s->v[i];
		char *starts = NULL;
		size_t len = 0;

		for (size_t j = 0; j < sd->nstart; j++) {
			size_t n = strlen(sd->start_urls[j]);

			starts = xrealloc(starts, len + n + 2);
			if (len)
				starts[len++] = ' ';
			memcpy(starts + len, sd->start_urls[j], n);
			len += n;
			starts[len] = '\0';
		}
		sqlite3_bind_text(stmt, 1, sd->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, sd->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, sd->prefecture, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, sd->category, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, sd->url, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, starts ? starts : "", -1, SQLITE_TRANSIENT);
		free(starts);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			rc = store_fail(st, "save seeds");
			goto out;
		}
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	rc = store_commit(st);
out:
	sqlite3_finalize(stmt);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

int
store_get_seeds(struct store *st, struct seeds **out)
{
	sqlite3_stmt *stmt = NULL;
	struct seeds *s = xcalloc(1, sizeof(*s));
	int rc, step;

	*out = NULL;
	if ((rc = store_prepare(st, &stmt,
	    "SELECT code, name, prefecture, category, url, start_urls"
	    " FROM municipalities ORDER BY code")) != 0) {
		free(s);
		return rc;
	}
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct seed *sd;
		const char *p = store_text(stmt, 5);

		s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
		sd = &s->v[s->n++];
		memset(sd, 0, sizeof(*sd));
		snprintf(sd->code, sizeof(sd->code), "%s", store_text(stmt, 0));
		sd->name = xstrdup(store_text(stmt, 1));
		sd->prefecture = xstrdup(store_text(stmt, 2));
		sd->category = xstrdup(store_text(stmt, 3));
		sd->url = xstrdup(store_text(stmt, 4));
		seeds_split_urls(sd, p);
	}
	if (step != SQLITE_DONE)
		rc = store_fail(st, "read municipalities");
	sqlite3_finalize(stmt);
	if (rc != 0)
		seeds_free(s);
	else
		*out = s;
	return rc;
}
