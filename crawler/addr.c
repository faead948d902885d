/*
 * addr: private hosts and addresses (see addr.h).
 *
 * The ranges are those of RFC 6890 that are not globally reachable, plus
 * multicast and the reserved 240/4: a municipal site is never there, and
 * each of them reaches something on the crawler's own machine or network
 * (0.0.0.0 connects to the local host on Linux; 169.254.169.254 and
 * fd00:ec2::254 are cloud metadata services; 100.100.100.200 is one in the
 * shared 100.64/10).
 */
#include "addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static bool
addr_v4_private(const unsigned char a[4])
{
	uint32_t v = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
	static const struct {
		uint32_t net;
		int bits;
	} ranges[] = {
		{ 0x00000000u, 8 },  /* "this network"; 0.0.0.0 is the local host */
		{ 0x0A000000u, 8 },  /* 10/8 */
		{ 0x64400000u, 10 }, /* 100.64/10 shared (carrier NAT, metadata) */
		{ 0x7F000000u, 8 },  /* loopback */
		{ 0xA9FE0000u, 16 }, /* link-local, metadata 169.254.169.254 */
		{ 0xAC100000u, 12 }, /* 172.16/12 */
		{ 0xC0000000u, 24 }, /* IETF protocol assignments */
		{ 0xC0A80000u, 16 }, /* 192.168/16 */
		{ 0xC6120000u, 15 }, /* benchmarking */
		{ 0xE0000000u, 3 },  /* multicast 224/4, reserved 240/4, broadcast */
	};

	for (size_t i = 0; i < sizeof(ranges) / sizeof(*ranges); i++) {
		uint32_t mask = ranges[i].bits ? ~0u << (32 - ranges[i].bits) : 0;

		if ((v & mask) == ranges[i].net)
			return true;
	}
	return false;
}

static bool
addr_v6_private(const unsigned char a[16])
{
	static const unsigned char zero[12] = { 0 };
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	/* ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d */
	if (memcmp(a, zero, 12) == 0)
		return true;
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return addr_v4_private(a + 12);
	if ((a[0] & 0xfe) == 0xfc)                    /* fc00::/7 unique local */
		return true;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)    /* fe80::/10 link-local */
		return true;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)    /* fec0::/10 site-local */
		return true;
	if (a[0] == 0xff)                             /* multicast */
		return true;
	return false;
}

bool
addr_sockaddr_private(const struct sockaddr *sa)
{
	if (sa == NULL)
		return true;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;

		return addr_v4_private((const unsigned char *)&in->sin_addr);
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;

		return addr_v6_private(in6->sin6_addr.s6_addr);
	}
	return true;
}

bool
addr_ip_private(const char *text, bool *is_ip_out)
{
	unsigned char a[16];
	char tmp[64];
	size_t n;

	if (is_ip_out)
		*is_ip_out = false;
	if (text == NULL)
		return false;
	n = strlen(text);
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']') {
		text++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, text, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, a) == 1) {
		if (is_ip_out)
			*is_ip_out = true;
		return addr_v4_private(a);
	}
	if (inet_pton(AF_INET6, tmp, a) == 1) {
		if (is_ip_out)
			*is_ip_out = true;
		return addr_v6_private(a);
	}
	return false;
}

static bool
addr_ends_with_label(const char *host, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	if (n == k)
		return memcmp(host, suffix, k) == 0;
	return n > k && host[n - k - 1] == '.' && memcmp(host + n - k, suffix, k) == 0;
}

bool
addr_host_private(const char *host)
{
	static const char *const names[] = {
		"localhost", "local", "internal", "home.arpa", "localdomain",
	};
	bool is_ip, priv;
	size_t n;

	if (host == NULL || *host == '\0')
		return true;
	priv = addr_ip_private(host, &is_ip);
	if (is_ip)
		return priv;
	n = strlen(host);
	while (n > 0 && host[n - 1] == '.')
		n--;
	/* one label: resolved through the local search domains, if at all */
	if (memchr(host, '.', n) == NULL)
		return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (addr_ends_with_label(host, n, names[i]))
			return true;
	return false;
}

void
addr_format(char *out, size_t n, const struct sockaddr *sa)
{
	const void *src = NULL;

	if (n == 0)
		return;
	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		src = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa && sa->sa_family == AF_INET6)
		src = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (src == NULL || inet_ntop(sa->sa_family, src, out, (socklen_t)n) == NULL)
		snprintf(out, n, "(family %d)", sa ? sa->sa_family : -1);
}
