/*
 * url: normalising and resolving URLs before they enter the frontier.
 *
 * Normal form: lower-case scheme and host, default port removed, fragment
 * removed, percent-encoding hex upper-cased and unreserved characters decoded,
 * dot segments resolved, empty path as "/", session ids removed (";jsessionid=",
 * PHPSESSID, sessionid, a long sid token, s= with a long hex token).  Built on
 * curl's URL API with the fixes it needs (see docs/ARCHITECTURE.md).  Only http and https
 * are accepted.
 */
#ifndef MUNISCAN_URL_H
#define MUNISCAN_URL_H

#include <stdbool.h>
#include <stddef.h>

/* url_normalize: href resolved against base (base may be NULL for an
 * absolute href); caller frees *out.  MS_EINVAL for unparsable or non-http(s)
 * URLs (mailto:, javascript:, ...). */
int url_normalize(char **out, const char *base, const char *href);
/* url_host: lower-case host of a normalised URL (caller frees), or NULL. */
char *url_host(const char *url);
/* url_origin: "scheme://host[:port]" (caller frees), or NULL. */
char *url_origin(const char *url);
/* url_path_query: "/path?query" of a URL (caller frees), or NULL. */
char *url_path_query(const char *url);
/* url_is_trap: true when a URL looks like a crawler trap: longer than the
 * cap, a path segment repeated 3+ times, too many segments. */
bool url_is_trap(const char *url);

/* The parts of a URL as written, without parsing or allocating: for hot
 * paths and for strings that may not be URLs at all (a local file name).
 * They agree with the functions above on normalised URLs. */

/* url_authority: where the authority starts, just after "scheme://"; NULL
 * when url does not start with a scheme and "://". */
const char *url_authority(const char *url);
/* url_host_span: the host (the authority up to ':', '/', '?' or '#'; case
 * as written) and its length in *len; NULL when url has no authority. */
const char *url_host_span(const char *url, size_t *len);
/* url_path: where the path starts (the first '/', '?' or '#' after the
 * authority, or the end of url); NULL when url has no authority. */
const char *url_path(const char *url);
/* url_same_host: a and b have the same host, ignoring case. */
bool url_same_host(const char *a, const char *b);

#endif
