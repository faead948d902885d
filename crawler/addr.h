/*
 * addr: the hosts and addresses the crawler must not reach on its own
 * (server-side request forgery): loopback, private networks, link-local
 * and cloud metadata addresses, and names that only mean something inside
 * one network ("http://intranet/", "*.local").
 *
 * Two checks, because a public-looking name may resolve to a private
 * address: addr_host_private() judges a URL's host by its text before any
 * request, and addr_sockaddr_private() judges the address a connection is
 * about to be opened to (fetch.c calls it from curl's open-socket
 * callback).  The crawler skips both for the hosts the seeds name and
 * under --allow-private (docs/CRAWLER.md).
 */
#ifndef MUNISCAN_ADDR_H
#define MUNISCAN_ADDR_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

/* addr_sockaddr_private: true for an IPv4 or IPv6 address in a range the
 * crawler must not reach: 0/8, 10/8, 100.64/10, 127/8, 169.254/16,
 * 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, 224/4 and above; ::, ::1,
 * fc00::/7, fe80::/10, fec0::/10, ff00::/8, and the IPv4 ranges above when
 * embedded (::ffff:a.b.c.d, 64:ff9b::a.b.c.d, ::a.b.c.d).  Other families
 * are private (the crawler only speaks TCP over IP). */
bool addr_sockaddr_private(const struct sockaddr *sa);
/* addr_ip_private: the same for an address written as text ("10.0.0.1",
 * "::1", "[fe80::1]"); *is_ip_out (may be NULL) says whether text was an
 * address at all.  False when it is not one. */
bool addr_ip_private(const char *text, bool *is_ip_out);
/* addr_host_private: true when a URL's host (lower-case, as url_host()
 * gives it) is a private address literal, or a name that cannot be a
 * public site: one label ("intranet", "localhost"), or under localhost,
 * local, internal, home.arpa, localdomain. */
bool addr_host_private(const char *host);
/* addr_format: the address of sa as text into out (at least 48 bytes). */
void addr_format(char *out, size_t n, const struct sockaddr *sa);

#endif
