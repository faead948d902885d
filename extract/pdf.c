/*
 * pdf: extract_pdf(), the text of a PDF through pdftotext (see extract.h).
 *
 * pdftotext runs as a child process, not poppler as a library: poppler-glib
 * is C++ under a GObject layer, and a PDF that crashes or stalls the parser
 * must not take the crawler down.  The child gets the PDF through a
 * temporary file, an address-space limit (RLIMIT_AS) and a CPU limit; the
 * parent reads its output through a pipe with a byte cap and kills it at a
 * wall-clock deadline.
 *
 * Output: one EXTRACT_PDF_PAGE section per page (form feeds), and heading
 * sections for lines that look like headings (【...】, ■ ●, numbered, 第N).
 * Byte ranges refer to the pdftotext text, not to the PDF bytes.  This file
 * turns the text into lines; lines.c cuts them into sections as it does
 * for HTML.
 */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "extract_internal.h"
#include "util.h"
#include "xalloc.h"

#define PDF_TIMEOUT_S 20.0
#define PDF_MEMORY (1024UL * 1024 * 1024)
#define PDF_TEXT_MAX (16u * 1024 * 1024)
#define PDF_ERR_MAX 4096
/* A heading line is short: a title, not a sentence that wraps. */
#define PDF_HEADING_MAX 40

/* find_pdftotext: the program's path, looked up in the parent because only
 * async-signal-safe calls may run in the child between fork and exec. */
static char *
find_pdftotext(void)
{
	const char *env = getenv("MUNISCAN_PDFTOTEXT");
	const char *path = getenv("PATH");
	char *dirs, *save = NULL, *res = NULL;

	if (env && *env)
		return xstrdup(env);
	dirs = xstrdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char *p = util_path_join(d, "pdftotext");

		if (access(p, X_OK) == 0) {
			res = p;
			break;
		}
		free(p);
	}
	free(dirs);
	return res;
}

/* run_pdftotext: the text of the PDF in file, or an error naming what. */
static int
run_pdftotext(struct buf *text, struct buf *errs, const char *prog,
	const char *file, const char *what)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	pid_t pid = -1;
	int status = 0, rc = 0;
	double deadline;
	bool out_open = true, err_open = true, killed = false, toobig = false;

	if (pipe(outp) != 0 || pipe(errp) != 0) {
		rc = ex_err(MS_ERROR, what, "pipe: %s", strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		rc = ex_err(MS_ERROR, what, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		struct rlimit as = { PDF_MEMORY, PDF_MEMORY };
		struct rlimit cpu = { (rlim_t)PDF_TIMEOUT_S, (rlim_t)PDF_TIMEOUT_S + 1 };
		int devnull = open("/dev/null", O_RDONLY);

		setrlimit(RLIMIT_AS, &as);
		setrlimit(RLIMIT_CPU, &cpu);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(outp[1], 1);
		dup2(errp[1], 2);
		close(outp[0]);
		close(errp[0]);
		execl(prog, "pdftotext", "-layout", "-enc", "UTF-8", file, "-",
		    (char *)NULL);
		_exit(127);
	}
	close(outp[1]);
	close(errp[1]);
	outp[1] = errp[1] = -1;
	deadline = util_monotonic() + PDF_TIMEOUT_S;
	while (out_open || err_open) {
		struct pollfd pf[2];
		nfds_t np = 0;
		double left = deadline - util_monotonic();
		char chunk[16384];

		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		if (out_open) {
			pf[np].fd = outp[0];
			pf[np].events = POLLIN;
			np++;
		}
		if (err_open) {
			pf[np].fd = errp[0];
			pf[np].events = POLLIN;
			np++;
		}
		if (poll(pf, np, (int)(left * 1000) + 1) < 0) {
			if (errno == EINTR)
				continue;
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		for (nfds_t i = 0; i < np; i++) {
			ssize_t n;

			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pf[i].fd, chunk, sizeof(chunk));
			if (n <= 0) {
				if (n < 0 && errno == EINTR)
					continue;
				if (pf[i].fd == outp[0])
					out_open = false;
				else
					err_open = false;
				continue;
			}
			if (pf[i].fd == outp[0]) {
				if (buf_add(text, chunk, (size_t)n) != 0) {
					/* over the cap: the brochure is not worth more */
					toobig = true;
					kill(pid, SIGKILL);
					out_open = err_open = false;
					break;
				}
			} else if (errs->len < PDF_ERR_MAX) {
				buf_add(errs, chunk, (size_t)n);
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	pid = -1;
	if (killed) {
		rc = ex_err(MS_ELIMIT, what, "pdftotext took longer than %.0f s",
		    PDF_TIMEOUT_S);
		goto out;
	}
	if (toobig) {
		rc = ex_err(MS_ELIMIT, what, "pdf text over %u bytes", PDF_TEXT_MAX);
		goto out;
	}
	if (WIFSIGNALED(status)) {
		rc = ex_err(MS_EINVAL, what, "pdftotext died on signal %d (damaged pdf or memory cap)", WTERMSIG(status));
		goto out;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		rc = ex_err(MS_ERROR, what, "cannot run %s", prog);
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* name poppler's last complaint: "Couldn't read xref table" */
		const char *last = "";
		char *e = (char *)buf_cstr(errs);
		size_t l = strlen(e);

		while (l && (e[l - 1] == '\n' || e[l - 1] == '\r'))
			e[--l] = '\0';
		last = strrchr(e, '\n') ? strrchr(e, '\n') + 1 : e;
		rc = ex_err(MS_EINVAL, what, "damaged pdf (pdftotext exit %d%s%s)",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1, *last ? ": " : "", last);
		goto out;
	}
out:
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	for (int i = 0; i < 2; i++) {
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	return rc;
}

/* heading_like: a short line that opens a part of a brochure. */
static bool
heading_like(const char *s, size_t len)
{
	size_t cps = util_utf8_chars(s, len);

	if (cps == 0 || cps > PDF_HEADING_MAX)
		return false;
	if (ex_words_prefix(EXW_PDF_HEADING_MARK, s, len))
		return true; /* 【対象者】 */
	if (len >= 3 && memcmp(s, "第", 3) == 0 && len > 3 &&
	    ((s[3] >= '0' && s[3] <= '9') || (unsigned char)s[3] >= 0xe3))
		return strstr(s, "条") == NULL; /* 第1条 is a clause of rules, not a part */
	return ex_marker_len(s, len) > 0;
}

static void
text_to_lines(struct ex_lines *lines, const char *t, size_t len)
{
	size_t i = 0;
	int page = 1;
	bool page_open = false;

	while (i < len) {
		size_t e = i;
		char *line;
		size_t ll;

		while (e < len && t[e] != '\n' && t[e] != '\f')
			e++;
		if (!page_open) {
			/* the page section has no heading: its number is its level */
			ex_lines_push(lines, NULL, 0, i, i, EXL_PAGE, page);
			page_open = true;
		}
		line = ex_collapse(t + i, e - i);
		ll = strlen(line);
		if (ll == 0) {
			free(line);
		} else {
			enum ex_kind k = heading_like(line, ll) ? EXL_HEADING : EXL_TEXT;

			ex_lines_push(lines, line, ll, i, e, k, k == EXL_HEADING ? 6 : 0);
		}
		if (e < len && t[e] == '\f') {
			page++;
			page_open = false;
		}
		i = e + 1;
	}
}

int
extract_pdf(struct extract_page **out, const char *data, size_t len,
	const struct extract_opts *opts)
{
	const char *what = opts && opts->url ? opts->url : NULL;
	char tmpl[] = "/tmp/muniscan-pdf-XXXXXX";
	const char *tmpdir = getenv("TMPDIR");
	char *path = NULL, *prog = NULL;
	struct buf text, errs;
	struct ex_lines lines = { 0 };
	struct extract_page *page = NULL;
	int fd = -1, rc = 0;
	size_t off = 0, visible = 0;

	*out = NULL;
	buf_init(&text, PDF_TEXT_MAX);
	buf_init(&errs, 0);
	if ((rc = ex_dict_ready()) != 0)
		goto out;
	if (len < 5 || memcmp(data, "%PDF", 4) != 0) {
		/* extract_bytes accepts a little junk before the header; pdftotext
		 * does too, so only a missing header is refused here */
		bool found = false;

		for (size_t i = 0; i + 5 <= len && i < 1024; i++)
			if (memcmp(data + i, "%PDF-", 5) == 0)
				found = true;
		if (!found) {
			rc = ex_err(MS_EINVAL, what, "not a pdf (no %%PDF header)");
			goto out;
		}
	}
	if (!(prog = find_pdftotext())) {
		rc = ex_err(MS_ERROR, what, "pdftotext not found (install poppler-utils)");
		goto out;
	}
	if (tmpdir && *tmpdir)
		path = util_path_join(tmpdir, "muniscan-pdf-XXXXXX");
	else
		path = xstrdup(tmpl);
	if ((fd = mkstemp(path)) < 0) {
		rc = ex_err(MS_EIO, what, "temporary file %s: %s", path, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = ex_err(MS_EIO, what, "writing %s: %s", path, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	close(fd);
	fd = -1;
	if ((rc = run_pdftotext(&text, &errs, prog, path, what)) != 0)
		goto out;
	for (size_t i = 0; i < text.len; i++)
		if (text.ptr[i] != ' ' && text.ptr[i] != '\n' && text.ptr[i] != '\f' &&
		    text.ptr[i] != '\r' && text.ptr[i] != '\t')
			visible++;
	if (visible == 0) {
		rc = ex_err(MS_EINVAL, what, "no text in pdf (damaged, or scanned images only)");
		goto out;
	}
	if (!util_utf8_valid(text.ptr, text.len)) {
		rc = ex_err(MS_EINVAL, what, "pdftotext output is not utf-8");
		goto out;
	}
	text_to_lines(&lines, text.ptr, text.len);
	page = ex_page_new(opts);
	page->is_pdf = true;
	free(page->charset);
	free(page->charset_reason);
	page->charset = xstrdup("pdf");
	page->charset_reason = xstrdup("pdftotext");
	if ((rc = ex_build_sections(page, &lines)) != 0)
		goto out;
	/* title: the first heading-like line, else the first line */
	for (size_t i = 0; i < page->nsections; i++) {
		const struct extract_section *s = &page->sections[i];

		if (s->kind == EXTRACT_HEADING && s->heading[0]) {
			free(page->title);
			page->title = xstrdup(s->heading);
			break;
		}
	}
	if (!page->title[0] && page->nsections) {
		const char *t = page->sections[0].text;
		size_t n = strcspn(t, "\n");

		free(page->title);
		page->title = xstrndup(t, util_utf8_prefix(t, n, 200));
	}
	*out = page;
	page = NULL;
out:
	if (fd >= 0)
		close(fd);
	if (path)
		unlink(path);
	extract_page_free(page);
	ex_lines_free(&lines);
	buf_free(&text);
	buf_free(&errs);
	free(path);
	free(prog);
	return rc;
}
