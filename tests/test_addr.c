/*
 * test_addr: which hosts and addresses the crawler refuses as private
 * (loopback, private networks, link-local, metadata, one-label names):
 * addr_host_private() over tests/data/addr/cases.tsv, and the same ranges
 * through addr_sockaddr_private(), as fetch.c's open-socket callback sees
 * them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "addr.h"
#include "table.h"

/* sockaddr_private: the text as a socket address, through the callback's
 * check; -1 when it is not an address */
static int
sockaddr_private(const char *text)
{
	struct sockaddr_storage ss;
	char tmp[64];
	size_t n = strlen(text);

	memset(&ss, 0, sizeof(ss));
	if (n >= 2 && text[0] == '[') {
		text++;
		n -= 2;
	}
	snprintf(tmp, sizeof(tmp), "%.*s", (int)n, text);
	if (inet_pton(AF_INET, tmp, &((struct sockaddr_in *)&ss)->sin_addr) == 1)
		ss.ss_family = AF_INET;
	else if (inet_pton(AF_INET6, tmp, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1)
		ss.ss_family = AF_INET6;
	else
		return -1;
	return addr_sockaddr_private((struct sockaddr *)&ss) ? 1 : 0;
}

/* check_case: one row of cases.tsv (host, private or public) */
static size_t
check_case(void *ctx, char **f, size_t line)
{
	size_t nfail = 0;
	bool want;
	int sp;

	(void)ctx;
	assert_true(strcmp(f[1], "private") == 0 || strcmp(f[1], "public") == 0);
	want = strcmp(f[1], "private") == 0;
	if (addr_host_private(f[0]) != want) {
		fprintf(stderr, "cases.tsv:%zu: %s: expected %s\n", line, f[0], f[1]);
		nfail++;
	}
	/* an address literal gets the same answer at connect time */
	sp = sockaddr_private(f[0]);
	if (sp >= 0 && (sp == 1) != want) {
		fprintf(stderr, "cases.tsv:%zu: %s as a socket address: expected %s\n",
		    line, f[0], f[1]);
		nfail++;
	}
	return nfail;
}

static void
test_cases(void **state)
{
	(void)state;
	table_run("addr/cases.tsv", 2, 50, check_case, NULL);
}

static void
test_literals(void **state)
{
	bool is_ip;
	char out[64];
	struct sockaddr_in6 in6;

	(void)state;
	assert_true(addr_ip_private("10.1.2.3", &is_ip));
	assert_true(is_ip);
	assert_false(addr_ip_private("8.8.4.4", &is_ip));
	assert_true(is_ip);
	assert_false(addr_ip_private("intranet", &is_ip));
	assert_false(is_ip);
	assert_false(addr_ip_private("", NULL));
	assert_false(addr_ip_private(NULL, NULL));
	assert_true(addr_host_private(""));
	assert_true(addr_host_private(NULL));
	/* other families are never connected to */
	{
		struct sockaddr sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_family = AF_UNIX;
		assert_true(addr_sockaddr_private(&sa));
	}
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr), 1);
	addr_format(out, sizeof(out), (struct sockaddr *)&in6);
	assert_string_equal(out, "fe80::1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_literals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
