/*
 * replay: answering requests from a snapshot folder instead of the network
 * (--replay-dir), for offline runs and tests of the bundled sample web.
 *
 * A URL http(s)://HOST[:PORT]/PATH?QUERY maps to DIR/HOST/PATH?QUERY (the
 * port is ignored, the path stays percent-encoded as in the normalised URL,
 * the '?' and query are kept literally in the file name); a path ending in
 * '/' maps to .../index.html; a folder without the trailing slash answers
 * 301 to the slash form; a missing file answers 404.  A sidecar FILE.headers
 * gives the response headers: an optional first line "Status: NNN", then
 * "Name: value" lines (Location, Content-Type with charset, Retry-After...).
 * Without a Content-Type header the type follows the file extension.
 */
#ifndef MUNISCAN_REPLAY_H
#define MUNISCAN_REPLAY_H

#include <stddef.h>

struct fetch_resp;

/* replay_fetch: fills r (already reset) with the snapshot's answer for url.
 * Never fails: an unreadable file is a 500 response with the reason in the
 * body, a path escaping DIR a 404. */
void replay_fetch(struct fetch_resp *r, const char *dir, const char *url, size_t max_body);

#endif
