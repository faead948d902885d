/*
 * test_frontier: the per-host queue order (priority, then discovery order)
 * that makes a resumed crawl pop entries exactly as an uninterrupted one,
 * the string map behind the host, scope and query-variant tables, and the
 * frontier module (frontier.h): the URL set, the decisions on discovered
 * links, and rows written then reloaded from a real store as a resumed
 * crawl reloads them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crawl.h"
#include "frontier.h"
#include "log.h"
#include "pqueue.h"
#include "priority.h"
#include "seeds.h"
#include "store.h"
#include "strmap.h"
#include "tmpdir.h"
#include "util.h"
#include "xalloc.h"

static void
test_pqueue_order(void **state)
{
	struct pqueue q = PQUEUE_INIT;
	struct pq_item it, prev;
	unsigned seed = 7;
	size_t n = 0;

	(void)state;
	assert_false(pqueue_pop(&q, &it));
	assert_null(pqueue_peek(&q));
	for (int64_t id = 1; id <= 5000; id++) {
		struct pq_item x;

		seed = seed * 1103515245u + 12345u;
		x.prio = (double)((seed >> 16) % 21) - 10; /* many ties */
		x.id = id;
		x.gov = (uint32_t)(id % 3);
		pqueue_push(&q, x);
	}
	assert_non_null(pqueue_peek(&q));
	while (pqueue_pop(&q, &it)) {
		if (n > 0) {
			assert_true(it.prio <= prev.prio);
			if (it.prio == prev.prio)
				assert_true(it.id > prev.id);
		}
		prev = it;
		n++;
	}
	assert_int_equal(n, 5000);
	pqueue_free(&q);
}

static void
test_pqueue_resume_equivalence(void **state)
{
	/* popping half, then rebuilding from the rest in another insertion
	 * order (as a resume does from the database) continues identically */
	struct pqueue a = PQUEUE_INIT, b = PQUEUE_INIT;
	struct pq_item all[200], x, y;
	size_t k;

	(void)state;
	for (k = 0; k < 200; k++) {
		all[k].prio = (double)(k * 37 % 11);
		all[k].id = (int64_t)k + 1;
		all[k].gov = 0;
		pqueue_push(&a, all[k]);
	}
	for (k = 0; k < 100; k++)
		assert_true(pqueue_pop(&a, &x));
	/* b: the remaining entries pushed in reverse */
	{
		struct pq_item rest[200];
		size_t nrest = 0;

		while (pqueue_pop(&a, &x))
			rest[nrest++] = x;
		for (k = nrest; k > 0; k--)
			pqueue_push(&b, rest[k - 1]);
		for (k = 0; k < nrest; k++)
			pqueue_push(&a, rest[k]);
	}
	while (pqueue_pop(&a, &x)) {
		assert_true(pqueue_pop(&b, &y));
		assert_int_equal(x.id, y.id);
	}
	assert_false(pqueue_pop(&b, &y));
	pqueue_free(&a);
	pqueue_free(&b);
}

static void
count_cb(const char *key, void *val, void *ctx)
{
	(void)key;
	(void)val;
	(*(size_t *)ctx)++;
}

static void
test_strmap(void **state)
{
	struct strmap *m = strmap_new();
	char key[32];
	size_t seen = 0;

	(void)state;
	assert_null(strmap_get(m, "www.city.a.lg.jp"));
	for (uintptr_t i = 1; i <= 3000; i++) {
		snprintf(key, sizeof(key), "host%lu.test", (unsigned long)i);
		strmap_put(m, key, (void *)i);
	}
	assert_int_equal(strmap_count(m), 3000);
	for (uintptr_t i = 1; i <= 3000; i++) {
		snprintf(key, sizeof(key), "host%lu.test", (unsigned long)i);
		assert_true(strmap_get(m, key) == (void *)i);
	}
	strmap_put(m, "host5.test", (void *)7);
	assert_true(strmap_get(m, "host5.test") == (void *)7);
	assert_int_equal(strmap_count(m), 3000);
	strmap_each(m, count_cb, &seen);
	assert_int_equal(seen, 3000);
	strmap_free(m);
	strmap_free(NULL);
}

/* ------------------------------------------------------------ urlset */

static void
test_urlset(void **state)
{
	struct urlset u = URLSET_INIT;
	char url[64];

	(void)state;
	assert_int_equal(urlset_get(&u, "http://a.test/"), -1);
	urlset_put(&u, "http://a.test/", false);
	urlset_put(&u, "http://a.test/far", true);
	assert_int_equal(urlset_get(&u, "http://a.test/"), 0);
	assert_int_equal(urlset_get(&u, "http://a.test/far"), 1);
	assert_int_equal(urlset_get(&u, "http://a.test/other"), -1);
	/* the flag changes in place: a revived row is known for good */
	urlset_put(&u, "http://a.test/far", false);
	assert_int_equal(urlset_get(&u, "http://a.test/far"), 0);
	assert_int_equal(u.n, 2);
	/* growth past the first table (4096 slots, half used) keeps all */
	for (int i = 0; i < 20000; i++) {
		snprintf(url, sizeof(url), "http://h%d.test/p/%d", i % 97, i);
		urlset_put(&u, url, i % 3 == 0);
	}
	assert_int_equal(u.n, 20002);
	assert_true(u.cap >= 2 * u.n);
	for (int i = 0; i < 20000; i++) {
		snprintf(url, sizeof(url), "http://h%d.test/p/%d", i % 97, i);
		assert_int_equal(urlset_get(&u, url), i % 3 == 0 ? 1 : 0);
	}
	assert_int_equal(urlset_get(&u, "http://a.test/"), 0);
	assert_int_equal(urlset_get(&u, "http://h1.test/p/20001"), -1);
	urlset_free(&u);
	assert_int_equal(urlset_get(&u, "http://a.test/"), -1);
	urlset_free(&u);
}

/* ---------------------------------------------- frontier on a real store */

static const char fr_prio[] =
	"term\tweight\toffsite\n"
	"商工会議所\t8\tyes\n"
	"産業\t6\tno\n"
	"観光\t-4\tno\n";

struct fr {
	char *dir;
	struct store *st;
	struct seeds *seeds;
	struct priority *prio;
	struct frontier *f;
	struct crawl_stats stats;
};

static void
fr_open(struct fr *t, int max_depth, int max_offsite_hosts)
{
	struct frontier_opts o = { max_depth, max_offsite_hosts, false };

	assert_int_equal(store_open(&t->st, t->dir, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(t->st, t->seeds), 0);
	assert_int_equal(frontier_new(&t->f, t->st, t->seeds, t->prio, &o, &t->stats), 0);
}

static void
fr_close(struct fr *t)
{
	frontier_free(t->f);
	t->f = NULL;
	store_close(t->st);
	t->st = NULL;
}

static int
fr_setup(void **state)
{
	struct fr *t = xcalloc(1, sizeof(*t));
	char *path;
	static const char seeds[] =
	    "code\tname\tprefecture\tcategory\turl\tstart_urls\n"
	    "392014\tA市\t山辺県\tcapital\thttp://www.city.a.test/\thttp://a2.city.a.test/top/\n"
	    "394025\tB町\t山辺県\ttown\thttp://www.town.b.test/\n";

	log_set_level(LOG_WARN);
	t->dir = tmpdir_new("frontier");
	path = util_path_join(t->dir, "seeds.tsv");
	assert_int_equal(util_write_atomic(path, seeds, strlen(seeds)), 0);
	assert_int_equal(seeds_load(&t->seeds, path, NULL), 0);
	free(path);
	assert_int_equal(priority_load_mem(&t->prio, "test", fr_prio, strlen(fr_prio)), 0);
	*state = t;
	return 0;
}

static int
fr_teardown(void **state)
{
	struct fr *t = *state;

	fr_close(t);
	tmpdir_remove(t->dir);
	free(t->dir);
	seeds_free(t->seeds);
	priority_free(t->prio);
	free(t);
	return 0;
}

/* judge: the verdict and reason for a link of government gov at depth */
static enum frontier_verdict
judge(struct fr *t, uint32_t gov, const char *url, const char *anchor, int depth,
	bool *offsite, const char **reason)
{
	return frontier_judge(t->f, gov, url, anchor, depth, offsite, reason);
}

static void
expect(struct fr *t, uint32_t gov, const char *url, const char *anchor, int depth,
	enum frontier_verdict want, const char *want_reason, bool want_offsite)
{
	bool offsite;
	const char *reason;
	enum frontier_verdict v = judge(t, gov, url, anchor, depth, &offsite, &reason);

	if (v != want)
		fail_msg("%s: verdict %d, expected %d (reason %s)", url, v, want,
		    reason ? reason : "none");
	if (want_reason)
		assert_string_equal(reason, want_reason);
	else
		assert_null(reason);
	assert_int_equal(offsite, want_offsite);
}

static void
test_judge(void **state)
{
	struct fr *t = *state;
	char url[128];

	fr_open(t, 2, 2);
	assert_int_equal(frontier_seed(t->f), 0);
	/* scope: the seed's and the start URL's hosts, first government owns */
	assert_int_equal(frontier_owner(t->f, "www.city.a.test"), 0);
	assert_int_equal(frontier_owner(t->f, "a2.city.a.test"), 0);
	assert_int_equal(frontier_owner(t->f, "www.town.b.test"), 1);
	assert_int_equal(frontier_owner(t->f, "elsewhere.test"), -1);
	assert_int_equal(frontier_owner(t->f, NULL), -1);

	expect(t, 0, "http://www.city.a.test/sangyo/", "産業", 1, FRONTIER_QUEUE, NULL, false);
	/* the seed rows are known: nothing new */
	expect(t, 0, "http://www.city.a.test/", NULL, 1, FRONTIER_IGNORE, NULL, false);
	/* another government's site is that government's */
	expect(t, 0, "http://www.town.b.test/x.html", NULL, 1, FRONTIER_IGNORE, NULL, false);
	/* depth cap */
	expect(t, 0, "http://www.city.a.test/deep.html", NULL, 2, FRONTIER_QUEUE, NULL, false);
	expect(t, 0, "http://www.city.a.test/deeper.html", NULL, 3, FRONTIER_SKIP,
	    "max_depth", false);
	/* extensions that are not HTML or PDF, whatever the case */
	expect(t, 0, "http://www.city.a.test/map.PNG", NULL, 1, FRONTIER_SKIP, "type", false);
	expect(t, 0, "http://www.city.a.test/list.xlsx?v=2", NULL, 1, FRONTIER_SKIP, "type",
	    false);
	expect(t, 0, "http://www.city.a.test/doc.pdf", NULL, 1, FRONTIER_QUEUE, NULL, false);
	expect(t, 0, "http://www.city.a.test/v1.0/", NULL, 1, FRONTIER_QUEUE, NULL, false);
	/* traps: a repeated segment, then the eleventh query variant */
	expect(t, 0, "http://www.city.a.test/a/a/a/a.html", NULL, 1, FRONTIER_REFUSE, "trap",
	    false);
	for (int i = 1; i <= 10; i++) {
		snprintf(url, sizeof(url), "http://www.city.a.test/cal.html?ym=%d", i);
		expect(t, 0, url, NULL, 1, FRONTIER_QUEUE, NULL, false);
	}
	expect(t, 0, "http://www.city.a.test/cal.html?ym=11", NULL, 1, FRONTIER_REFUSE, "trap",
	    false);
	/* off-site: followed only for an off-site term, to at most 2 hosts */
	expect(t, 0, "http://www.elsewhere.test/", "どこか", 1, FRONTIER_REFUSE, "offsite", true);
	expect(t, 0, "http://www.x-cci.test/", "X商工会議所", 1, FRONTIER_QUEUE, NULL, true);
	expect(t, 0, "http://www.y-cci.test/", "Y商工会議所", 1, FRONTIER_QUEUE, NULL, true);
	expect(t, 0, "http://www.z-cci.test/", "Z商工会議所", 1, FRONTIER_REFUSE,
	    "offsite_hosts", true);
	/* a host already reached stays open; the cap is per government */
	expect(t, 0, "http://www.x-cci.test/more.html", "商工会議所", 1, FRONTIER_QUEUE, NULL,
	    true);
	expect(t, 1, "http://www.z-cci.test/", "Z商工会議所", 1, FRONTIER_QUEUE, NULL, true);
	/* private addresses and one-label names, unless a seed's own */
	expect(t, 0, "http://192.168.0.1/", "商工会議所", 1, FRONTIER_REFUSE, "private_address",
	    true);
	expect(t, 0, "http://intranet/", NULL, 1, FRONTIER_REFUSE, "private_address", true);
	assert_false(frontier_may_be_private(t->f, "intranet"));
	assert_true(frontier_may_be_private(t->f, "www.city.a.test"));
	/* a name seen resolving to a private address leaves the scope */
	assert_false(frontier_private_host(t->f, "a2.city.a.test"));
	assert_int_equal(frontier_host_private(t->f, "www.x-cci.test"), 0);
	assert_true(frontier_private_host(t->f, "www.x-cci.test"));
	expect(t, 0, "http://www.x-cci.test/other.html", "商工会議所", 1, FRONTIER_REFUSE,
	    "private_address", true);
	/* a link that does not parse is ignored */
	expect(t, 0, "not a url", NULL, 1, FRONTIER_IGNORE, NULL, false);
	fr_close(t);
}

struct pushed {
	int64_t id[64];
	char *url[64];
	uint32_t gov[64];
	size_t n;
};

static void
push_cb(void *ctx, int64_t id, const char *url, double prio, uint32_t gov)
{
	struct pushed *p = ctx;

	(void)prio;
	assert_true(p->n < 64);
	p->id[p->n] = id;
	p->url[p->n] = xstrdup(url);
	p->gov[p->n] = gov;
	p->n++;
}

static bool
pushed_has(const struct pushed *p, const char *url, uint32_t gov)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->url[i], url) == 0 && p->gov[i] == gov)
			return true;
	return false;
}

static void
pushed_free(struct pushed *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->url[i]);
	p->n = 0;
}

static void
test_upsert_load(void **state)
{
	struct fr *t = *state;
	struct frontier_pendings pend = FRONTIER_PENDINGS_INIT;
	struct pushed got;
	long used[2] = { -1, -1 };
	char url[128];

	memset(&got, 0, sizeof(got));
	fr_open(t, 6, 1);
	assert_int_equal(frontier_seed(t->f), 0);
	assert_int_equal(store_begin(t->st), 0);
	/* the links of the seed page (frontier id 1) */
	assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0, "/sangyo/", "産業"), 0);
	assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0,
	    "http://www.city.a.test/img.png", NULL), 0);
	assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0,
	    "http://www.city.a.test/sangyo/#top", "産業"), 0);
	assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0,
	    "http://www.elsewhere.test/", "どこか"), 0);
	assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0,
	    "http://www.x-cci.test/", "商工会議所"), 0);
	for (int i = 1; i <= 3; i++) {
		snprintf(url, sizeof(url), "http://www.city.a.test/ev.html?d=%d", i);
		assert_int_equal(frontier_add_link(t->f, &pend, 0, 1, 0, 10.0, url, "観光"), 0);
	}
	/* a page of another government, fetched: counts against its budget */
	assert_int_equal(frontier_upsert(t->f, NULL, "http://www.town.b.test/done.html", 1, 1,
	    0, 0, NULL, false, "queued", NULL), 0);
	assert_int_equal(store_exec(t->st, "UPDATE frontier SET state='fetched', attempts=1"
	    " WHERE url='http://www.town.b.test/done.html'"), 0);
	/* a row cut by an earlier budget is queued again at load */
	assert_int_equal(frontier_upsert(t->f, NULL, "http://www.town.b.test/later.html", 1, 1,
	    0, 0, NULL, false, "skipped", "max_pages"), 0);
	assert_int_equal(store_commit(t->st), 0);
	/* queued: /sangyo/ (once: the fragment is dropped), the cci site, 3
	 * variants; skipped: the image; refused: elsewhere */
	assert_int_equal(pend.n, 5);
	assert_string_equal(pend.v[0].url, "http://www.city.a.test/sangyo/");
	assert_true(pend.v[0].prio > pend.v[4].prio);
	assert_int_equal(t->stats.refused, 3);
	frontier_pendings_clear(&pend);
	assert_int_equal(pend.n, 0);
	fr_close(t);

	/* a resumed crawl: a new frontier on the same folder */
	memset(&t->stats, 0, sizeof(t->stats));
	fr_open(t, 6, 1);
	assert_int_equal(frontier_seed(t->f), 0);
	assert_int_equal(frontier_load(t->f, used, push_cb, &got), 0);
	assert_int_equal(used[0], 0);
	assert_int_equal(used[1], 1);
	/* seeds (3 rows), 5 links, the row queued again */
	assert_int_equal(got.n, 9);
	assert_true(pushed_has(&got, "http://www.city.a.test/", 0));
	assert_true(pushed_has(&got, "http://a2.city.a.test/top/", 0));
	assert_true(pushed_has(&got, "http://www.town.b.test/", 1));
	assert_true(pushed_has(&got, "http://www.city.a.test/sangyo/", 0));
	assert_true(pushed_has(&got, "http://www.x-cci.test/", 0));
	assert_true(pushed_has(&got, "http://www.town.b.test/later.html", 1));
	assert_false(pushed_has(&got, "http://www.town.b.test/done.html", 1));
	/* what the store holds is known; the refused off-site row revivable
	 * (not by a link without an off-site term: refused again, no change) */
	expect(t, 0, "http://www.city.a.test/sangyo/", "産業", 1, FRONTIER_IGNORE, NULL, false);
	expect(t, 0, "http://www.city.a.test/img.png", NULL, 1, FRONTIER_IGNORE, NULL, false);
	expect(t, 0, "http://www.elsewhere.test/", "どこか", 1, FRONTIER_REFUSE, "offsite", true);
	/* the off-site host reached before counts against the cap of 1 */
	expect(t, 0, "http://www.y-cci.test/", "商工会議所", 1, FRONTIER_REFUSE,
	    "offsite_hosts", true);
	expect(t, 0, "http://www.x-cci.test/b.html", "商工会議所", 1, FRONTIER_QUEUE, NULL, true);
	/* the query variants seen: 3 of 10, 7 more pass */
	for (int i = 4; i <= 10; i++) {
		snprintf(url, sizeof(url), "http://www.city.a.test/ev.html?d=%d", i);
		expect(t, 0, url, NULL, 1, FRONTIER_QUEUE, NULL, false);
	}
	expect(t, 0, "http://www.city.a.test/ev.html?d=11", NULL, 1, FRONTIER_REFUSE, "trap",
	    false);
	/* a revival: the refused off-site row queued by a government that may
	 * follow it (an off-site term) */
	assert_int_equal(store_begin(t->st), 0);
	assert_int_equal(frontier_upsert(t->f, &pend, "http://www.elsewhere.test/", 0, 1, 1.0,
	    1, "商工会議所", true, "queued", NULL), 0);
	assert_int_equal(store_commit(t->st), 0);
	assert_int_equal(pend.n, 1);
	frontier_pendings_clear(&pend);
	expect(t, 0, "http://www.elsewhere.test/", "商工会議所", 1, FRONTIER_IGNORE, NULL, false);
	pushed_free(&got);
	fr_close(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pqueue_order),
		cmocka_unit_test(test_pqueue_resume_equivalence),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_urlset),
		cmocka_unit_test_setup_teardown(test_judge, fr_setup, fr_teardown),
		cmocka_unit_test_setup_teardown(test_upsert_load, fr_setup, fr_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
