/*
 * fetch: libcurl multi wrapper (see fetch.h).
 *
 * Invariants: a slot is on the multi handle exactly while running is true;
 * a finished slot sits on the done list until fetcher_next_done() takes it.
 * CURLcode never leaves this file: it becomes a fetch_result and a short
 * reason token.
 */
#include "fetch.h"

#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "addr.h"
#include "err.h"
#include "log.h"
#include "replay.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

struct fetch_slot {
	struct fetcher *f;
	CURL *easy;
	struct curl_slist *req_headers;
	struct fetch_resp resp;
	bool docs_only;
	bool allow_private;
	bool running;
	double started;
	void *ctx;
	struct fetch_slot *next_done;
};

struct fetcher {
	CURLM *multi;
	struct fetcher_opts o;
	struct curl_slist *resolve;
	struct sockaddr_storage *proxies; /* where the proxies listen */
	size_t nproxies;
	size_t running;
	struct fetch_slot *done_head, *done_tail;
};

static bool fetch_global_done;

/* a slot keeps its buffers between requests, but not a large body: with
 * thousands of hosts, each holding on to its largest PDF would add up */
#define FETCH_KEEP_BODY (256u * 1024u)

void
fetch_resp_reset(struct fetch_resp *r)
{
	r->result = FETCH_OK;
	r->reason[0] = '\0';
	r->status = 0;
	buf_reset(&r->head);
	buf_reset(&r->req_head);
	if (r->body.cap > FETCH_KEEP_BODY) {
		size_t max = r->body.max;

		buf_free(&r->body);
		buf_init(&r->body, max);
	} else {
		buf_reset(&r->body);
	}
	r->truncated = false;
	r->type_refused = false;
	r->head_too_large = false;
	r->private_refused = false;
	r->private_addr[0] = '\0';
	free(r->content_type);
	free(r->location);
	free(r->etag);
	free(r->last_modified);
	free(r->retry_after);
	free(r->url);
	r->content_type = r->location = r->etag = r->last_modified = NULL;
	r->retry_after = r->url = NULL;
	r->elapsed = 0;
	r->sent_at = 0;
}

void
fetch_resp_free(struct fetch_resp *r)
{
	fetch_resp_reset(r);
	buf_free(&r->head);
	buf_free(&r->req_head);
	buf_free(&r->body);
}

bool
fetch_is_doc_type(const char *ct)
{
	size_t n;

	if (ct == NULL)
		return false;
	while (*ct == ' ')
		ct++;
	n = strcspn(ct, "; \t");
	return (n == 9 && strncasecmp(ct, "text/html", 9) == 0) ||
	    (n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0) ||
	    (n == 15 && strncasecmp(ct, "application/pdf", 15) == 0);
}

double
fetch_retry_after(const char *value, time_t now)
{
	double secs;
	time_t t;

	if (value == NULL)
		return -1;
	while (*value == ' ')
		value++;
	if (util_parse_double(value, &secs))
		return secs < 0 ? 0 : secs;
	t = curl_getdate(value, NULL);
	if (t == (time_t)-1)
		return -1;
	return t > now ? (double)(t - now) : 0;
}

static char *
fetch_header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static void
fetch_set(char **field, char *value)
{
	if (value) {
		free(*field);
		*field = value;
	}
}

static size_t
fetch_on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_slot *s = userdata;
	struct fetch_resp *r = &s->resp;
	size_t len = size * nmemb;

	/* a new status line: an earlier response (100 Continue, a proxy's
	 * CONNECT answer, a followed redirect) is forgotten */
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		buf_reset(&r->head);
		free(r->content_type);
		free(r->location);
		free(r->etag);
		free(r->last_modified);
		free(r->retry_after);
		r->content_type = r->location = r->etag = r->last_modified = NULL;
		r->retry_after = NULL;
	}
	/* the header block is capped too: a hostile server could stream
	 * headers forever */
	if (buf_add(&r->head, data, len) != 0) {
		r->head_too_large = true;
		return 0;
	}
	fetch_set(&r->content_type, fetch_header_value(data, len, "content-type"));
	fetch_set(&r->location, fetch_header_value(data, len, "location"));
	fetch_set(&r->etag, fetch_header_value(data, len, "etag"));
	fetch_set(&r->last_modified, fetch_header_value(data, len, "last-modified"));
	fetch_set(&r->retry_after, fetch_header_value(data, len, "retry-after"));
	return len;
}

static size_t
fetch_on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct fetch_slot *s = userdata;
	struct fetch_resp *r = &s->resp;
	size_t len = size * nmemb, room;

	if (s->docs_only && r->body.len == 0) {
		long status = 0;

		curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &status);
		/* an image or archive is not worth its bytes: stop at once and
		 * record the type */
		if (status >= 200 && status < 300 && r->content_type &&
		    !fetch_is_doc_type(r->content_type)) {
			r->type_refused = true;
			return 0;
		}
	}
	room = r->body.max - r->body.len;
	if (len > room) {
		buf_add(&r->body, data, room);
		r->truncated = true;
		return 0; /* aborts the transfer; the crawl keeps what it has */
	}
	if (buf_add(&r->body, data, len) != 0)
		return 0;
	return len;
}

static int
fetch_on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *userdata)
{
	struct fetch_slot *s = userdata;

	(void)easy;
	if (type == CURLINFO_HEADER_OUT) {
		if (s->resp.sent_at == 0)
			s->resp.sent_at = util_monotonic();
		/* a retried or redirected request replaces the earlier one */
		if (s->resp.req_head.len >= 4 &&
		    memcmp(s->resp.req_head.ptr + s->resp.req_head.len - 4, "\r\n\r\n", 4) == 0)
			buf_reset(&s->resp.req_head);
		buf_add(&s->resp.req_head, data, size);
	}
	return 0;
}

/* fetch_same_endpoint: the same address family, address and port */
static bool
fetch_same_endpoint(const struct sockaddr *a, const struct sockaddr_storage *b)
{
	if (a->sa_family != b->ss_family)
		return false;
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;

		return x->sin_port == y->sin_port &&
		    memcmp(&x->sin_addr, &y->sin_addr, sizeof(x->sin_addr)) == 0;
	}
	if (a->sa_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;

		return x->sin6_port == y->sin6_port &&
		    memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
	}
	return false;
}

/* fetch_open_socket: curl's open-socket callback: the one place that sees
 * the address a connection really goes to (after DNS, --resolve, happy
 * eyeballs), so a public name that resolves to a private address is caught
 * here.  Refusing makes curl try the host's next address, and fail with
 * CURLE_COULDNT_CONNECT when none is left. */
static curl_socket_t
fetch_open_socket(void *userdata, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct fetch_slot *s = userdata;
	struct fetcher *f = s->f;
	int type = a->socktype;

	(void)purpose;
	if (f->o.guard_private && !s->allow_private && addr_sockaddr_private(&a->addr)) {
		bool proxy = false;

		for (size_t i = 0; i < f->nproxies && !proxy; i++)
			proxy = fetch_same_endpoint(&a->addr, &f->proxies[i]);
		if (!proxy) {
			s->resp.private_refused = true;
			addr_format(s->resp.private_addr, sizeof(s->resp.private_addr), &a->addr);
			log_debug("%s: not connecting to private address %s", s->resp.url,
			    s->resp.private_addr);
			return CURL_SOCKET_BAD;
		}
	}
#ifdef SOCK_CLOEXEC
	type |= SOCK_CLOEXEC; /* pdftotext children need none of them */
#endif
	return socket(a->family, type, a->protocol);
}

/* fetch_add_proxy: the addresses of the proxy in url (or of a proxy
 * variable's value), which a connection may always reach: the user chose
 * it.  Through a proxy only the target's name can be checked. */
static void
fetch_add_proxy(struct fetcher *f, const char *value)
{
	CURLU *u;
	char *url, *host = NULL, *port = NULL, *scheme = NULL;
	struct addrinfo hints, *res = NULL;

	if (value == NULL || *value == '\0')
		return;
	url = url_authority(value) ? xstrdup(value) : xasprintf("http://%s", value);
	if ((u = curl_url()) == NULL)
		abort();
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		goto out;
	curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		port = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	{
		char *h = host, *e;

		/* "[::1]" as the URL API gives it */
		if (*h == '[' && (e = strchr(h, ']')) != NULL) {
			h++;
			*e = '\0';
		}
		if (getaddrinfo(h, port ? port :
		    (scheme && strcasecmp(scheme, "https") == 0 ? "443" : "1080"), &hints,
		    &res) != 0) {
			res = NULL;
			goto out;
		}
	}
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof(struct sockaddr_storage))
			continue;
		f->proxies = xreallocarray(f->proxies, f->nproxies + 1, sizeof(*f->proxies));
		memset(&f->proxies[f->nproxies], 0, sizeof(*f->proxies));
		memcpy(&f->proxies[f->nproxies], ai->ai_addr, ai->ai_addrlen);
		f->nproxies++;
	}
out:
	if (res)
		freeaddrinfo(res);
	curl_free(host);
	curl_free(port);
	curl_free(scheme);
	curl_url_cleanup(u);
	free(url);
}

int
fetcher_new(struct fetcher **out, const struct fetcher_opts *opts)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));

	*out = NULL;
	if (!fetch_global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			free(f);
			return err_set(MS_ERROR, "libcurl: global initialisation failed");
		}
		fetch_global_done = true;
	}
	f->o = *opts;
	if (opts->resolve) {
		for (const char *const *r = opts->resolve; *r; r++) {
			struct curl_slist *n = curl_slist_append(f->resolve, *r);

			if (n == NULL) {
				fetcher_free(f);
				return err_set(MS_ERROR, "libcurl: out of memory");
			}
			f->resolve = n;
		}
	}
	if (opts->replay_dir == NULL) {
		if ((f->multi = curl_multi_init()) == NULL) {
			fetcher_free(f);
			return err_set(MS_ERROR, "libcurl: cannot create a multi handle");
		}
		/* one connection per host is the crawl's own rule (one slot per
		 * host); the cache only needs room for every host's idle one */
		curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, 2048L);
		if (opts->guard_private) {
			/* the variables libcurl reads (it ignores HTTP_PROXY) */
			static const char *const vars[] = { "http_proxy", "https_proxy",
			    "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

			if (opts->proxy)
				fetch_add_proxy(f, opts->proxy);
			else
				for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++)
					fetch_add_proxy(f, getenv(vars[i]));
		}
	}
	*out = f;
	return 0;
}

void
fetcher_free(struct fetcher *f)
{
	if (f == NULL)
		return;
	if (f->multi)
		curl_multi_cleanup(f->multi);
	curl_slist_free_all(f->resolve);
	free(f->proxies);
	free(f);
}

struct fetch_slot *
fetch_slot_new(struct fetcher *f)
{
	struct fetch_slot *s = xcalloc(1, sizeof(*s));
	long timeout_ms = (long)(f->o.timeout * 1000);
	long connect_ms = timeout_ms < 10000 ? timeout_ms : 10000;
	long low_time = (long)(f->o.timeout / 2);

	s->f = f;
	buf_init(&s->resp.head, 256 * 1024);
	buf_init(&s->resp.req_head, 64 * 1024);
	buf_init(&s->resp.body, f->o.max_body);
	if (f->multi == NULL)
		return s;
	if ((s->easy = curl_easy_init()) == NULL) {
		log_err("libcurl: cannot create an easy handle");
		abort();
	}
	if (low_time < 1)
		low_time = 1;
	if (low_time > 15)
		low_time = 15;
	curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s);
	curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->easy, CURLOPT_USERAGENT, f->o.user_agent);
	curl_easy_setopt(s->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(s->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(s->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(s->easy, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(s->easy, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
	curl_easy_setopt(s->easy, CURLOPT_LOW_SPEED_LIMIT, 64L);
	curl_easy_setopt(s->easy, CURLOPT_LOW_SPEED_TIME, low_time);
	curl_easy_setopt(s->easy, CURLOPT_HEADERFUNCTION, fetch_on_header);
	curl_easy_setopt(s->easy, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, fetch_on_body);
	curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_DEBUGFUNCTION, fetch_on_debug);
	curl_easy_setopt(s->easy, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(s->easy, CURLOPT_OPENSOCKETFUNCTION, fetch_open_socket);
	curl_easy_setopt(s->easy, CURLOPT_OPENSOCKETDATA, s);
	if (f->o.proxy)
		curl_easy_setopt(s->easy, CURLOPT_PROXY, f->o.proxy);
	if (f->resolve)
		curl_easy_setopt(s->easy, CURLOPT_RESOLVE, f->resolve);
	return s;
}

void
fetch_slot_free(struct fetch_slot *s)
{
	if (s == NULL)
		return;
	if (s->running && s->f->multi) {
		curl_multi_remove_handle(s->f->multi, s->easy);
		s->f->running--;
	}
	if (s->easy)
		curl_easy_cleanup(s->easy);
	curl_slist_free_all(s->req_headers);
	fetch_resp_free(&s->resp);
	free(s);
}

struct fetch_resp *
fetch_slot_resp(struct fetch_slot *s)
{
	return &s->resp;
}

static void
fetch_push_done(struct fetcher *f, struct fetch_slot *s)
{
	s->next_done = NULL;
	if (f->done_tail)
		f->done_tail->next_done = s;
	else
		f->done_head = s;
	f->done_tail = s;
}

int
fetcher_start(struct fetcher *f, struct fetch_slot *s, const struct fetch_req *req, void *ctx)
{
	struct fetch_resp *r = &s->resp;
	CURLMcode mc;

	if (s->running)
		return err_set(MS_ERROR, "%s: slot busy (internal error)", req->url);
	fetch_resp_reset(r);
	r->url = xstrdup(req->url);
	s->ctx = ctx;
	s->docs_only = req->docs_only;
	s->allow_private = req->allow_private;
	s->started = util_monotonic();
	if (f->multi == NULL) {
		replay_fetch(r, f->o.replay_dir, req->url, f->o.max_body);
		r->sent_at = s->started;
		if (req->docs_only && r->status >= 200 && r->status < 300 && r->content_type &&
		    !fetch_is_doc_type(r->content_type)) {
			r->type_refused = true;
			buf_reset(&r->body);
		}
		s->running = true;
		f->running++;
		fetch_push_done(f, s);
		return 0;
	}
	curl_slist_free_all(s->req_headers);
	s->req_headers = NULL;
	if (req->if_none_match) {
		char *h = xasprintf("If-None-Match: %s", req->if_none_match);

		s->req_headers = curl_slist_append(s->req_headers, h);
		free(h);
	}
	if (req->if_modified_since) {
		char *h = xasprintf("If-Modified-Since: %s", req->if_modified_since);

		s->req_headers = curl_slist_append(s->req_headers, h);
		free(h);
	}
	curl_easy_setopt(s->easy, CURLOPT_HTTPHEADER, s->req_headers);
	curl_easy_setopt(s->easy, CURLOPT_URL, req->url);
	curl_easy_setopt(s->easy, CURLOPT_FOLLOWLOCATION, req->follow_redirects ? 1L : 0L);
	curl_easy_setopt(s->easy, CURLOPT_MAXREDIRS, 5L);
	if ((mc = curl_multi_add_handle(f->multi, s->easy)) != CURLM_OK)
		return err_set(MS_ERROR, "%s: libcurl: %s", req->url, curl_multi_strerror(mc));
	s->running = true;
	f->running++;
	return 0;
}

static void
fetch_reason(struct fetch_resp *r, CURLcode cc)
{
	const char *tok;

	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT:
		r->result = FETCH_TIMEOUT;
		snprintf(r->reason, sizeof(r->reason), "timeout");
		return;
	case CURLE_COULDNT_RESOLVE_HOST: tok = "dns"; break;
	case CURLE_COULDNT_RESOLVE_PROXY: tok = "proxy_dns"; break;
	case CURLE_COULDNT_CONNECT: tok = "connect"; break;
	case CURLE_SEND_ERROR: tok = "send"; break;
	case CURLE_RECV_ERROR: tok = "recv"; break;
	case CURLE_GOT_NOTHING: tok = "empty_reply"; break;
	case CURLE_PARTIAL_FILE: tok = "partial"; break;
	case CURLE_SSL_CONNECT_ERROR: tok = "tls"; break;
	case CURLE_PEER_FAILED_VERIFICATION: tok = "tls_verify"; break;
	case CURLE_BAD_CONTENT_ENCODING: tok = "content_encoding"; break;
	case CURLE_TOO_MANY_REDIRECTS: tok = "too_many_redirects"; break;
	case CURLE_WEIRD_SERVER_REPLY: tok = "bad_reply"; break;
	case CURLE_HTTP2: case CURLE_HTTP2_STREAM: tok = "http2"; break;
	case CURLE_UNSUPPORTED_PROTOCOL: tok = "not_http"; break; /* e.g. no status line */
	case CURLE_WRITE_ERROR:
		tok = r->head_too_large ? "header_too_large" : NULL;
		break;
	default: tok = NULL; break;
	}
	r->result = FETCH_NETWORK;
	if (tok)
		snprintf(r->reason, sizeof(r->reason), "network:%s", tok);
	else
		snprintf(r->reason, sizeof(r->reason), "network:curl_%d", (int)cc);
}

static void
fetch_finish(struct fetcher *f, struct fetch_slot *s, CURLcode cc)
{
	struct fetch_resp *r = &s->resp;

	curl_multi_remove_handle(f->multi, s->easy);
	curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &r->status);
	r->elapsed = util_monotonic() - s->started;

	if (cc == CURLE_OK || ((cc == CURLE_WRITE_ERROR) && (r->truncated || r->type_refused))) {
		r->result = FETCH_OK;
	} else if (r->private_refused && cc == CURLE_COULDNT_CONNECT) {
		r->result = FETCH_PRIVATE;
		snprintf(r->reason, sizeof(r->reason), "private_address");
	} else {
		fetch_reason(r, cc);
		log_debug("%s: %s (%s)", r->url, r->reason, curl_easy_strerror(cc));
	}
	fetch_push_done(f, s);
}

/* fetch_run: lets curl move every transfer on, then collects the ones
 * that ended. */
static int
fetch_run(struct fetcher *f)
{
	CURLMcode mc;
	CURLMsg *msg;
	int still, left;

	if ((mc = curl_multi_perform(f->multi, &still)) != CURLM_OK)
		return err_set(MS_ERROR, "libcurl: %s", curl_multi_strerror(mc));
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		struct fetch_slot *s = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
		fetch_finish(f, s, msg->data.result);
	}
	return 0;
}

int
fetcher_poll(struct fetcher *f, int timeout_ms)
{
	CURLMcode mc;
	int rc;

	if (f->multi == NULL)
		return 0;
	if ((rc = fetch_run(f)) != 0)
		return rc;
	if (f->done_head || timeout_ms <= 0)
		return 0;
	if ((mc = curl_multi_poll(f->multi, NULL, 0, timeout_ms, NULL)) != CURLM_OK)
		return err_set(MS_ERROR, "libcurl: %s", curl_multi_strerror(mc));
	return fetch_run(f);
}

bool
fetcher_next_done(struct fetcher *f, struct fetch_slot **slot_out, void **ctx_out)
{
	struct fetch_slot *s = f->done_head;

	if (s == NULL)
		return false;
	f->done_head = s->next_done;
	if (f->done_head == NULL)
		f->done_tail = NULL;
	s->next_done = NULL;
	s->running = false;
	f->running--;
	*slot_out = s;
	*ctx_out = s->ctx;
	return true;
}

size_t
fetcher_running(const struct fetcher *f)
{
	return f->running;
}

void
fetcher_abort_all(struct fetcher *f)
{
	struct fetch_slot *s;
	void *ctx;

	/* finished but not yet collected */
	while (fetcher_next_done(f, &s, &ctx))
		;
	/* the rest are removed by fetch_slot_free() */
}
