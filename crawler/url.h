/*
 * url: normalising and resolving URLs before they enter the frontier.
 *
 * Normal form: lower-case scheme and host, default port removed, fragment
 * removed, percent-encoding hex upper-cased and unreserved characters decoded,
 * dot segments resolved, empty path as "/", session ids removed (";jsessionid=",
 * PHPSESSID, sessionid, a long sid token, s= with a long hex token).  Built on
 * curl's URL API with the fixes it needs (see STYLE.md).  Only http and https
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

#endif
