/*
 * fetch: the crawler's HTTP layer over one libcurl multi handle.
 *
 * A slot is one easy handle, kept per host so that its connection is reused
 * (keep-alive) and so that the caller, which owns the per-host queues and the
 * politeness clock, decides when each request starts: fetcher_start() hands
 * curl a transfer at once, and curl never queues anything itself.
 * Redirects are not followed (except for robots.txt, by request): the crawl
 * checks every hop against scope and robots.  Bodies are capped in the write
 * callback (CURLOPT_MAXFILESIZE only checks a declared length).  No curl type
 * leaves this module.
 *
 * In replay mode (fetcher_opts.replay_dir) no network is used: a request is
 * answered from the snapshot folder (replay.h) and completes immediately.
 */
#ifndef MUNISCAN_FETCH_H
#define MUNISCAN_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

struct fetcher_opts {
	const char *user_agent;
	const char *proxy;           /* NULL: libcurl's *_proxy variables */
	const char *const *resolve;  /* NULL-terminated, may be NULL */
	double timeout;              /* s, whole request */
	size_t max_body;
	const char *replay_dir;
	bool guard_private;          /* refuse connections to private addresses
				      * (addr.h) unless the request allows them;
				      * the proxy's own address is always allowed */
};

enum fetch_result {
	FETCH_OK = 0,      /* an HTTP response (any status) */
	FETCH_TIMEOUT = 1, /* no complete response in time */
	FETCH_NETWORK = 2, /* DNS, connect, TLS, reset... (reason says which) */
	FETCH_PRIVATE = 3  /* every address of the host was private: no
			    * connection was opened (reason "private_address") */
};

struct fetch_resp {
	enum fetch_result result;
	char reason[64];      /* "timeout", "network:connect", ... when not FETCH_OK */
	long status;          /* HTTP status, 0 without a response */
	struct buf head;      /* status line and headers of the last response, CRLF, blank line */
	struct buf req_head;  /* the request as sent */
	struct buf body;      /* decoded body (content-encoding removed), capped */
	bool truncated;       /* body cut at max_body */
	bool type_refused;    /* body not read: 2xx of a type the request did not want */
	bool head_too_large;  /* the header block passed its cap: transfer stopped */
	bool private_refused; /* a connection to a private address was refused */
	char private_addr[48]; /* that address, as text */
	char *content_type;   /* header values or NULL */
	char *location;
	char *etag;
	char *last_modified;
	char *retry_after;
	char *url;            /* the URL requested */
	double elapsed;       /* s */
	double sent_at;       /* util_monotonic() when the request went out
			       * (after DNS, connect, TLS), 0 if it never did:
			       * politeness counts from the sending */
};

struct fetch_req {
	const char *url;
	const char *if_none_match;     /* conditional GET (--since), may be NULL */
	const char *if_modified_since;
	bool follow_redirects;         /* robots.txt only */
	bool docs_only;                /* read bodies of HTML/PDF only */
	bool allow_private;            /* this host may be at a private address */
};

struct fetcher;
struct fetch_slot;

/* fetcher_new: MS_ERROR if curl cannot be set up.  Free with fetcher_free(). */
int fetcher_new(struct fetcher **out, const struct fetcher_opts *opts);
void fetcher_free(struct fetcher *f);

/* fetch_slot_new: an easy handle for one host; free with fetch_slot_free()
 * when no transfer is running on it. */
struct fetch_slot *fetch_slot_new(struct fetcher *f);
void fetch_slot_free(struct fetch_slot *s);
/* fetch_slot_resp: the last response of the slot (borrowed until the next
 * fetcher_start() on it). */
struct fetch_resp *fetch_slot_resp(struct fetch_slot *s);

/* fetcher_start: starts req on slot (which must be idle); ctx comes back from
 * fetcher_next_done().  Strings in req are copied. */
int fetcher_start(struct fetcher *f, struct fetch_slot *s, const struct fetch_req *req,
	void *ctx);
/* fetcher_poll: runs transfers, waiting at most timeout_ms for activity. */
int fetcher_poll(struct fetcher *f, int timeout_ms);
/* fetcher_next_done: a finished transfer (its slot is idle again), or false. */
bool fetcher_next_done(struct fetcher *f, struct fetch_slot **slot_out, void **ctx_out);
size_t fetcher_running(const struct fetcher *f);
/* fetcher_abort_all: drops every running transfer (interrupt). */
void fetcher_abort_all(struct fetcher *f);

/* fetch_retry_after: seconds to wait from a Retry-After value (seconds or an
 * HTTP date) at now; -1 when unparsable. */
double fetch_retry_after(const char *value, time_t now);
/* fetch_is_doc_type: text/html, application/xhtml+xml or application/pdf. */
bool fetch_is_doc_type(const char *content_type);
/* fetch_resp_reset: empties a response for reuse. */
void fetch_resp_reset(struct fetch_resp *r);
void fetch_resp_free(struct fetch_resp *r);

#endif
