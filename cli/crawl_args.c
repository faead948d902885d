/*
 * crawl_args: parsing of the shared crawl options (see crawl_args.h).
 */
#include "crawl_args.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crawl.h"
#include "util.h"
#include "xalloc.h"

enum {
	OPT_ONLY = CRAWL_OPT_BASE,
	OPT_MAX_PAGES,
	OPT_MAX_DEPTH,
	OPT_DELAY,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_USER_AGENT,
	OPT_PROXY,
	OPT_RESOLVE,
	OPT_SINCE,
	OPT_REPLAY_DIR,
	OPT_MAX_BODY,
	OPT_PARALLEL,
	OPT_NO_PROGRESS,
	OPT_NO_SITEMAPS,
	OPT_ALLOW_PRIVATE,
	OPT_MAX_OFFSITE_HOSTS,
	OPT_END
};

const struct option crawl_long_options[] = {
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "max-pages", required_argument, NULL, OPT_MAX_PAGES },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "user-agent", required_argument, NULL, OPT_USER_AGENT },
	{ "proxy", required_argument, NULL, OPT_PROXY },
	{ "resolve", required_argument, NULL, OPT_RESOLVE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "replay-dir", required_argument, NULL, OPT_REPLAY_DIR },
	{ "max-body", required_argument, NULL, OPT_MAX_BODY },
	{ "parallel", required_argument, NULL, OPT_PARALLEL },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "no-sitemaps", no_argument, NULL, OPT_NO_SITEMAPS },
	{ "allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE },
	{ "max-offsite-hosts", required_argument, NULL, OPT_MAX_OFFSITE_HOSTS },
	{ NULL, 0, NULL, 0 },
};

const char crawl_args_help[] =
	"crawl options:\n"
	"  --only CODE[,CODE...]   crawl only these local governments\n"
	"  --max-pages N           pages per local government, off-site ones included (300)\n"
	"  --max-depth N           links followed from a seed or start URL (6)\n"
	"  --max-offsite-hosts N   other sites one local government's links may reach (30);\n"
	"                          their robots.txt requests count as pages\n"
	"  --delay SECONDS         minimum gap between requests to one host (1; fractions allowed;\n"
	"                          a robots.txt Crawl-delay raises it, up to 30)\n"
	"  --timeout SECONDS       whole-request timeout (30)\n"
	"  --retries N             retries after 429, 503 and network errors (3)\n"
	"  --user-agent STRING     User-Agent header (muniscan/VERSION (+https://github.com/muniscan/muniscan))\n"
	"  --proxy URL             HTTP proxy; http_proxy, https_proxy and no_proxy are also honoured\n"
	"  --resolve HOST:PORT:ADDR  connect HOST:PORT to ADDR, as in curl (repeatable)\n"
	"  --since OLD_DIR         conditional re-crawl against an older output folder (read-only)\n"
	"  --replay-dir DIR        serve DIR/<host>/<path> instead of the network (see docs/CRAWLER.md)\n"
	"  --max-body BYTES        bytes kept of one response; more is recorded as truncated (5242880)\n"
	"  --parallel N            transfers in flight over all hosts (256)\n"
	"  --no-progress           no progress lines on stderr\n"
	"  --no-sitemaps           do not seed the frontier from robots.txt Sitemap lines\n"
	"  --allow-private         also fetch links and redirects to loopback, private and\n"
	"                          link-local addresses and one-label hosts (refused by default\n"
	"                          as private_address; the seeds' own hosts are always allowed)\n"
	"There is no option to ignore robots.txt.\n";

int
crawl_args_nlong(void)
{
	return OPT_END - CRAWL_OPT_BASE;
}

int
crawl_args_is_crawl_opt(int opt)
{
	return opt >= CRAWL_OPT_BASE && opt < OPT_END;
}

static int
crawl_args_long(const char *cmd, const char *name, const char *arg, long min, long max,
	long *out)
{
	if (!util_parse_long(arg, out) || *out < min || *out > max)
		return cli_usage(cmd, "--%s: expected a whole number from %ld to %ld, not '%s'",
		    name, min, max, arg);
	return 0;
}

static int
crawl_args_secs(const char *cmd, const char *name, const char *arg, double min, double max,
	double *out)
{
	if (!util_parse_double(arg, out) || !(*out >= min) || *out > max)
		return cli_usage(cmd, "--%s: expected seconds from %g to %g, not '%s'",
		    name, min, max, arg);
	return 0;
}

int
crawl_args_apply_cmd(struct crawl_args *a, const char *cmd, int opt, const char *arg)
{
	struct crawl_opts *o = &a->crawl;
	long n;
	int rc = 0;

	switch (opt) {
	case OPT_ONLY:
		if (arg[0] == '\0')
			return cli_usage(cmd, "--only: expected CODE[,CODE...]");
		a->only = arg;
		break;
	case OPT_MAX_PAGES:
		if ((rc = crawl_args_long(cmd, "max-pages", arg, 1, 10000000, &n)) == 0)
			o->max_pages = (int)n;
		break;
	case OPT_MAX_DEPTH:
		if ((rc = crawl_args_long(cmd, "max-depth", arg, 0, 1000, &n)) == 0)
			o->max_depth = (int)n;
		break;
	case OPT_DELAY:
		rc = crawl_args_secs(cmd, "delay", arg, 0, 3600, &o->delay);
		break;
	case OPT_TIMEOUT:
		rc = crawl_args_secs(cmd, "timeout", arg, 0.001, 3600, &o->timeout);
		break;
	case OPT_RETRIES:
		if ((rc = crawl_args_long(cmd, "retries", arg, 0, 100, &n)) == 0)
			o->retries = (int)n;
		break;
	case OPT_USER_AGENT:
		if (arg[0] == '\0')
			return cli_usage(cmd, "--user-agent: expected a non-empty string");
		o->user_agent = arg;
		break;
	case OPT_PROXY:
		o->proxy = arg;
		break;
	case OPT_RESOLVE: {
		const char **v = (const char **)o->resolve;
		size_t k = 0;
		const char *c1 = strchr(arg, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (c1 == NULL || c2 == NULL || c1 == arg || c2 == c1 + 1 || c2[1] == '\0')
			return cli_usage(cmd, "--resolve: expected HOST:PORT:ADDR, not '%s'", arg);
		while (v && v[k])
			k++;
		v = xreallocarray(v, k + 2, sizeof(*v));
		v[k] = arg;
		v[k + 1] = NULL;
		o->resolve = v;
		break;
	}
	case OPT_SINCE:
		o->since_dir = arg;
		break;
	case OPT_REPLAY_DIR:
		if (!util_is_dir(arg))
			return cli_usage(cmd, "--replay-dir: '%s' is not a folder", arg);
		o->replay_dir = arg;
		break;
	case OPT_MAX_BODY:
		if ((rc = crawl_args_long(cmd, "max-body", arg, 1024, 1L << 30, &n)) == 0)
			o->max_body = (size_t)n;
		break;
	case OPT_PARALLEL:
		if ((rc = crawl_args_long(cmd, "parallel", arg, 1, 4096, &n)) == 0)
			o->max_parallel = (int)n;
		break;
	case OPT_NO_PROGRESS:
		o->progress = false;
		break;
	case OPT_NO_SITEMAPS:
		o->sitemaps = false;
		break;
	case OPT_ALLOW_PRIVATE:
		o->allow_private = true;
		break;
	case OPT_MAX_OFFSITE_HOSTS:
		if ((rc = crawl_args_long(cmd, "max-offsite-hosts", arg, 0, 100000, &n)) == 0)
			o->max_offsite_hosts = (int)n;
		break;
	default:
		return cli_usage(cmd, "unknown crawl option");
	}
	return rc;
}

struct option *
crawl_args_longopts(const struct option *own, size_t nown)
{
	size_t ncrawl = (size_t)crawl_args_nlong();
	struct option *v = xcalloc(nown + ncrawl + 1, sizeof(*v));

	memcpy(v, own, nown * sizeof(*v));
	memcpy(v + nown, crawl_long_options, ncrawl * sizeof(*v));
	return v;
}

int
crawl_args_other(struct crawl_args *a, const char *cmd, int opt, const char *arg,
	char *const *argv)
{
	if (crawl_args_is_crawl_opt(opt))
		return crawl_args_apply_cmd(a, cmd, opt, arg);
	return cli_bad_option(cmd, argv);
}

int
crawl_args_apply(struct crawl_args *a, int opt, const char *arg)
{
	return crawl_args_apply_cmd(a, "crawl", opt, arg);
}

void
crawl_args_free(struct crawl_args *a)
{
	free((void *)a->crawl.resolve);
	a->crawl.resolve = NULL;
}
