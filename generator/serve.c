/* serve.c - the local preview: the site on 127.0.0.1 (libmicrohttpd), rebuilt on change (inotify). */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <microhttpd.h>

#include "escape.h"
#include "fingerprint.h"
#include "settings.h"
#include "locale.h"
#include "util.h"
#include "value.h"

enum {
	DEBOUNCE_MS = 100, /* quiet time after the last change before rebuilding */
	/* ... when the last change was a file closed after writing, or moved
	 * into place: its bytes are all there (a save's last step) */
	SETTLE_MS = 25,
	DEBOUNCE_MAX_MS = 2000, /* rebuild at the latest this long after a burst began */
	/* A served page asks whether the site moved on past its version; the
	 * answer is held until a build ends, at most this long, so that the page
	 * reloads as soon as the site it shows is replaced. */
	RELOAD_HOLD_MS = 20000,
	RELOAD_RETRY_MS = 1000, /* after a failed ask (the server stopped) */
	MAX_DEPTH = 64, /* folders deeper than this are not watched */
	MAX_INJECT_BYTES = 64 << 20, /* larger HTML files are served as they are */
	MAX_URL_BYTES = 4096,
	/* Connections at once: well above what browsers keep open (idle ones
	 * too, six or more per tab), since one more waits until another closes.
	 * libmicrohttpd's one thread polls them all (epoll), so idle ones cost
	 * nothing but a descriptor. */
	CONNECTION_LIMIT = 256,
	CONNECTION_TIMEOUT_S = 10 /* an idle or stalled connection is closed after this */
};

#define WATCH_MASK                                                                         \
	(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
	 IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK)

typedef struct watch {
	int wd;
	char *path; /* absolute path of the watched folder; owned */
	unsigned scan; /* the last scan that visited it */
} watch;

/* A request for the version held until the site moves on: its connection
 * is suspended until the main thread resumes it. */
typedef struct waiter {
	struct MHD_Connection *conn;
	long long until; /* when it is answered with the same version */
	int resumed; /* resumed, to be answered when handled again */
} waiter;

typedef struct server {
	const serve_options *opt;
	/* Shared with the HTTP thread: read and written under lock. */
	pthread_mutex_t lock;
	unsigned long version; /* increases after every build attempt */
	char *failure; /* the diagnostics page while the last build failed, else NULL */
	lang site_lang; /* language of the pages serve writes itself */
	waiter *waiters; /* held version requests */
	size_t nwaiters, capwaiters;
	int stopping; /* no more requests are held */
	/* Main thread only. */
	int inotify_fd;
	watch *watches;
	size_t nwatches, capwatches;
	unsigned scan; /* generation of the current folder scan */
	int published; /* the build under way has put its site in place */
	char *roots[3]; /* records, rules and templates, absolute */
	char *out_abs; /* the output folder, absolute: changes there are the build's own */
	int limit_warned;
} server;

/* ---- signals: the handler only writes a byte into a pipe the main loop polls ---- */

static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;
	ssize_t r = write(signal_pipe[1], &c, 1); /* a full pipe already holds a stop */
	(void)r;
	errno = saved;
}

static int set_fd_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- paths ---- */

/* path made absolute and canonical even when it does not exist yet (the
 * output folder before the first build): its parent is resolved instead.
 * Caller frees. */
static char *absolute_path(const char *path)
{
	char *r = realpath(path, NULL), *dir, *slash, *res;
	const char *base;
	size_t len;
	if (r)
		return r;
	dir = xstrdup(path);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	slash = strrchr(dir, '/');
	if (!slash) {
		base = dir;
		r = realpath(".", NULL);
	} else if (slash == dir) {
		base = slash + 1;
		r = xstrdup("/");
	} else {
		*slash = '\0';
		base = slash + 1;
		r = realpath(dir, NULL);
	}
	if (r)
		res = xasprintf("%s/%s", strcmp(r, "/") == 0 ? "" : r, base);
	else
		res = xstrdup(path); /* the parent is missing too: compared as given */
	free(r);
	free(dir);
	return res;
}

/* Inside root (a canonical folder), or root itself. */
static int path_inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (strcmp(root, "/") == 0)
		return path[0] == '/';
	return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The output folder, or one of the staging folders the build creates next to it. */
static int is_output(const server *s, const char *path)
{
	size_t n = strlen(s->out_abs);
	if (strncmp(path, s->out_abs, n) != 0)
		return 0;
	return path[n] == '\0' || path[n] == '/' || str_starts(path + n, ".baru-") ||
	       str_starts(path + n, ".lama-");
}

/* Names a change of which never needs a rebuild: rekap reads no hidden file,
 * and editors leave swap, backup and lock files next to the one edited. */
static int ignored_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return 0;
	if (name[0] == '.' || name[n - 1] == '~') /* .pos.md.swp, .#pos.md, pos.md~ */
		return 1;
	if (n > 1 && name[0] == '#' && name[n - 1] == '#') /* Emacs auto-save */
		return 1;
	if (str_ends(name, ".swp") || str_ends(name, ".swx") || str_ends(name, ".swo") ||
	    str_ends(name, ".tmp"))
		return 1;
	return strcmp(name, "4913") == 0; /* Vim's probe for a writable folder */
}

/* ---- watching the inputs ---- */

static watch *watch_find(server *s, int wd)
{
	size_t i;
	for (i = 0; i < s->nwatches; i++)
		if (s->watches[i].wd == wd)
			return &s->watches[i];
	return NULL;
}

static void watch_forget(server *s, int wd)
{
	watch *w = watch_find(s, wd);
	if (!w)
		return;
	free(w->path);
	*w = s->watches[--s->nwatches];
}

/* Watch dir and every folder below it. A folder already visited in this scan
 * (reached again through a symbolic link) is not descended into twice.
 * Returns 0, or -1 when dir itself cannot be watched. */
static int watch_tree(server *s, const char *dir, int depth)
{
	char **names;
	size_t n, i;
	watch *w;
	int wd;
	if (depth > MAX_DEPTH || is_output(s, dir))
		return 0;
	wd = inotify_add_watch(s->inotify_fd, dir, WATCH_MASK);
	if (wd < 0) {
		if (errno == ENOSPC && !s->limit_warned) {
			s->limit_warned = 1;
			fprintf(stderr, "%s",
			        TR(s->opt->lang,
			           "rekap: batas inotify tercapai; sebagian folder tidak dipantau "
			           "(naikkan sysctl fs.inotify.max_user_watches)\n",
			           "rekap: the inotify limit was reached; some folders are not "
			           "watched (raise sysctl fs.inotify.max_user_watches)\n"));
		}
		return -1;
	}
	w = watch_find(s, wd);
	if (w && w->scan == s->scan)
		return 0;
	if (w) {
		free(w->path); /* the folder was moved: same watch, new name */
		w->path = xstrdup(dir);
	} else {
		watch nw;
		nw.wd = wd;
		nw.path = xstrdup(dir);
		nw.scan = 0;
		ARRAY_PUSH(s->watches, s->nwatches, s->capwatches, nw);
		w = &s->watches[s->nwatches - 1];
	}
	w->scan = s->scan;
	names = dir_names(dir, &n);
	for (i = 0; i < n; i++) {
		struct stat st;
		char *child;
		if (ignored_name(names[i]))
			continue;
		child = path_join(dir, names[i]);
		if (stat(child, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(s, child, depth + 1);
		free(child);
	}
	names_free(names, n);
	return 0;
}

static int root_watched(server *s, const char *root)
{
	size_t i;
	for (i = 0; i < s->nwatches; i++)
		if (strcmp(s->watches[i].path, root) == 0)
			return 1;
	return 0;
}

/* Watch again the roots that are not watched (removed and created again), or
 * all of them after the event queue overflowed. */
static void watch_roots(server *s, int all)
{
	size_t i;
	s->scan++;
	for (i = 0; i < 3; i++)
		if (all || !root_watched(s, s->roots[i]))
			watch_tree(s, s->roots[i], 0);
}

/* What an event calls for. */
enum { EVENT_NONE, EVENT_CHANGE, EVENT_SAVED };

/* One event: EVENT_NONE, EVENT_CHANGE when it calls for a rebuild, or
 * EVENT_SAVED when it does because a file was written in full. */
static int watch_event(server *s, const struct inotify_event *ev)
{
	watch *w;
	char *path;
	int relevant;
	if (ev->mask & IN_Q_OVERFLOW) {
		watch_roots(s, 1);
		return EVENT_CHANGE;
	}
	if (ev->mask & IN_IGNORED) {
		watch_forget(s, ev->wd);
		return EVENT_NONE;
	}
	w = watch_find(s, ev->wd);
	if (!w)
		return EVENT_NONE;
	if (ev->len == 0 || ev->name[0] == '\0')
		return EVENT_CHANGE; /* the watched folder itself was removed or moved */
	if (ignored_name(ev->name))
		return EVENT_NONE;
	path = path_join(w->path, ev->name);
	relevant = !is_output(s, path);
	if (relevant && (ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
		/* files already in it (a copied tree, rekap new) are read by the rebuild */
		s->scan++;
		watch_tree(s, path, 0);
	}
	free(path);
	if (!relevant)
		return EVENT_NONE;
	return (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) && !(ev->mask & IN_ISDIR) ? EVENT_SAVED
	                                                                             : EVENT_CHANGE;
}

/* Read every pending event; returns what the last that called for a
 * rebuild called for (see watch_event), EVENT_NONE when none did. */
static int watch_read(server *s)
{
	_Alignas(struct inotify_event) char events[16384];
	int changed = EVENT_NONE;
	for (;;) {
		ssize_t len = read(s->inotify_fd, events, sizeof events);
		const char *p;
		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0)
			break; /* EAGAIN: nothing more */
		for (p = events; p < events + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)(const void *)p;
			int e = watch_event(s, ev);
			if (e != EVENT_NONE)
				changed = e;
			p += sizeof *ev + ev->len;
		}
	}
	return changed;
}

/* ---- version requests held until the site moves on ---- */

static waiter *waiter_find(server *s, const struct MHD_Connection *conn)
{
	size_t i;
	for (i = 0; i < s->nwaiters; i++)
		if (s->waiters[i].conn == conn)
			return &s->waiters[i];
	return NULL;
}

static void waiter_remove(server *s, const struct MHD_Connection *conn)
{
	waiter *w = waiter_find(s, conn);
	if (w)
		*w = s->waiters[--s->nwaiters];
}

/* Resume the held requests (all, or those held long enough), which are then
 * answered with the version. Main thread only: a suspended connection is not
 * closed, so it can be resumed after the lock is let go. */
static void release_waiters(server *s, int all)
{
	struct MHD_Connection **conns;
	long long now = now_ms();
	size_t i, n = 0;
	pthread_mutex_lock(&s->lock);
	conns = xmalloc((s->nwaiters + 1) * sizeof *conns);
	for (i = 0; i < s->nwaiters; i++) {
		waiter *w = &s->waiters[i];
		if (!w->resumed && (all || w->until <= now)) {
			w->resumed = 1;
			conns[n++] = w->conn;
		}
	}
	pthread_mutex_unlock(&s->lock);
	for (i = 0; i < n; i++)
		MHD_resume_connection(conns[i]);
	free(conns);
}

/* Milliseconds until the first held request is due, or -1 when none is held. */
static int next_release(server *s)
{
	long long first = -1, now = now_ms();
	size_t i;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nwaiters; i++)
		if (!s->waiters[i].resumed && (first < 0 || s->waiters[i].until < first))
			first = s->waiters[i].until;
	pthread_mutex_unlock(&s->lock);
	if (first < 0)
		return -1;
	return first <= now ? 0 : (int)(first - now);
}

/* ---- building ---- */

/* The site's language from records/rekap.yaml (bahasa), as the build reads
 * it; the language of messages when the file cannot be read. */
static lang site_lang(const server *s)
{
	char *path = path_join(s->opt->build.records_dir, "rekap.yaml");
	arena *a = arena_new();
	diag_list scratch; /* the build reports the file's problems */
	settings set;
	lang l = s->opt->lang;
	diag_list_init(&scratch);
	if (settings_load(&set, a, path, &scratch) == 0)
		l = set.bahasa;
	diag_list_release(&scratch);
	arena_free(a);
	free(path);
	return l;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The page shown instead of the site while the records do not build: the
 * diagnostics exactly as rekap check prints them. Caller frees. */
static char *failure_page(lang l, const char *diagnostics, size_t errors)
{
	buf b = BUF_INIT;
	const char *title = TR(l, "Situs belum dapat dibangun", "The site could not be built");
	buf_printf(&b,
	           "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	           "<title>%s · rekap serve</title>\n<style>\n"
	           "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
	           "padding:0 1rem;color:#222}\n"
	           "h1{color:#a00}\npre{white-space:pre-wrap;overflow-wrap:anywhere;"
	           "background:#fff4f4;border-left:4px solid #a00;padding:1rem}\n"
	           "</style>\n</head>\n<body>\n<main>\n<h1>%s</h1>\n<p>",
	           lang_code(l), title, title);
	if (l == LANG_EN)
		buf_printf(&b,
		           "rekap found %zu %s in the records, rules or templates. Fix the files "
		           "named below and save them: this page reloads by itself once the site "
		           "builds again.",
		           errors, plural(errors, "error", "errors"));
	else
		buf_printf(&b,
		           "rekap menemukan %zu galat pada rekaman, aturan atau templat. Perbaiki "
		           "berkas yang disebut di bawah lalu simpan: halaman ini dimuat ulang "
		           "sendiri setelah situs berhasil dibangun lagi.",
		           errors);
	buf_puts(&b, "</p>\n<pre>");
	esc_html(&b, diagnostics, strlen(diagnostics));
	buf_printf(&b, "</pre>\n<p>%s</p>\n</main>\n</body>\n</html>\n",
	           TR(l,
	              "Situs yang terakhir berhasil dibangun tidak ditampilkan selama "
	              "masih ada galat, agar tidak dikira sudah memuat perubahan terbaru.",
	              "The last site that was built is not shown while there are "
	              "errors, so that it is not taken for the current one."));
	return buf_detach(&b);
}

/* Build, report on stderr, and publish the outcome to the HTTP thread. */
/* The site moved on: the pages ask again and reload. */
static void new_version(server *s, char *failure, lang site)
{
	pthread_mutex_lock(&s->lock);
	s->version++;
	free(s->failure);
	s->failure = failure;
	s->site_lang = site;
	pthread_mutex_unlock(&s->lock);
	release_waiters(s, 1);
}

/* build_options.published: the new site is in place; the pages reload
 * while the build saves its record and lets go of its memory. */
static void site_published(void *ctx)
{
	server *s = ctx;
	s->published = 1;
	new_version(s, NULL, site_lang(s));
}

/* One build; returns build_stats.stale (see check_kept_after). */
static size_t build_once(server *s, int first, int check_kept_after)
{
	build_options opt = s->opt->build;
	diag_list diags;
	build_stats stats;
	char *text = NULL, *page = NULL;
	size_t text_len = 0;
	long long start = now_ms();
	FILE *mem;
	int rc;
	lang site;
	diag_list_init(&diags);
	diags.lang = s->opt->lang; /* after init, which zeroes the list */
	memset(&stats, 0, sizeof stats);
	opt.published = site_published;
	opt.published_ctx = s;
	opt.check_kept_after = check_kept_after;
	opt.more_follow = 1;
	s->published = 0;
	rc = build_run(&opt, &diags, &stats);
	mem = open_memstream(&text, &text_len);
	if (mem) {
		diag_list_print(&diags, mem, DIAG_FORMAT_TEXT, s->opt->lang, s->opt->all_messages);
		fclose(mem);
	}
	if (!text)
		text = xstrdup("");
	fputs(text, stderr);
	site = site_lang(s);
	if (rc != 0) {
		page = failure_page(site, text, diags.errors);
		if (s->opt->lang == LANG_EN)
			fprintf(stderr,
			        "rekap: %zu %s, %zu %s; the preview pages show the diagnostics until "
			        "they are fixed\n",
			        diags.errors, plural(diags.errors, "error", "errors"), diags.warnings,
			        plural(diags.warnings, "warning", "warnings"));
		else
			fprintf(stderr,
			        "rekap: %zu galat, %zu peringatan; halaman pratinjau menampilkan "
			        "diagnostiknya sampai diperbaiki\n",
			        diags.errors, diags.warnings);
	} else {
		if (s->opt->lang == LANG_EN)
			fprintf(stderr, "rekap: site %s: %zu %s, %zu %s, %lld ms\n",
			        first ? "built" : "rebuilt", stats.pages,
			        plural(stats.pages, "page", "pages"), diags.warnings,
			        plural(diags.warnings, "warning", "warnings"), now_ms() - start);
		else
			fprintf(stderr, "rekap: situs %s: %zu halaman, %zu peringatan, %lld ms\n",
			        first ? "dibangun" : "dibangun ulang", stats.pages, diags.warnings,
			        now_ms() - start);
	}
	fflush(stderr);
	if (!s->published || rc != 0)
		new_version(s, page, site);
	else
		free(page);
	free(text);
	diag_list_release(&diags);
	return rc == 0 ? stats.stale : 0;
}

/* Build, the files of unchanged places checked after the site is in place
 * (the preview moves on sooner); when some were found changed outside
 * rekap (edited in the site by hand), build once more, checking first,
 * which writes them again. */
static void rebuild(server *s, int first)
{
	size_t stale = build_once(s, first, 1);
	if (!stale)
		return;
	if (s->opt->lang == LANG_EN)
		fprintf(stderr,
		        "rekap: files of %zu %s in the site were changed outside rekap; "
		        "writing them again\n",
		        stale, plural(stale, "place", "places"));
	else
		fprintf(stderr,
		        "rekap: berkas %zu wilayah/pos di situs diubah di luar rekap; ditulis "
		        "ulang\n",
		        stale);
	build_once(s, 0, 0);
}

/* ---- HTTP (runs in libmicrohttpd's thread) ---- */

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{".html", "text/html; charset=utf-8"},
		{".htm", "text/html; charset=utf-8"},
		{".md", "text/markdown; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{".csv", "text/csv; charset=utf-8"},
		{".xml", "application/xml; charset=utf-8"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".jpeg", "image/jpeg"},
		{".ico", "image/x-icon"},
		{".js", "text/javascript; charset=utf-8"},
		{".json", "application/json"},
		{".txt", "text/plain; charset=utf-8"},
		{".woff2", "font/woff2"},
	};
	size_t i;
	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (str_ends(path, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

static int is_html(const char *path)
{
	return str_ends(path, ".html") || str_ends(path, ".htm");
}

/* A request for a page rather than an asset: a folder, an .html file, or a
 * name without an extension. */
static int wants_page(const char *url)
{
	const char *last = strrchr(url, '/');
	last = last ? last + 1 : url;
	return *last == '\0' || is_html(last) || strchr(last, '.') == NULL;
}

/* The decoded path may name only something under the site: no "." or ".."
 * segment (percent-encoded ones arrive decoded), nothing over-long. */
static int url_is_safe(const char *url)
{
	const char *p = url;
	if (url[0] != '/' || strlen(url) > MAX_URL_BYTES)
		return 0;
	while (*p) {
		const char *seg = ++p, *end;
		end = strchr(seg, '/');
		if (!end)
			end = seg + strlen(seg);
		if ((end - seg == 1 && seg[0] == '.') ||
		    (end - seg == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		p = end;
	}
	return 1;
}

/* The script that reloads a page once the site's version moves past the
 * one it was served at. It asks with ?sejak=, which the server holds until
 * a build ends; a tab in the background does not ask (browsers open only a
 * few connections to one server) and asks again when it is shown. */
static void put_reload_script(buf *b, unsigned long version)
{
	buf_printf(b,
	           "<script>/* rekap serve */(function(){var v=\"%lu\",busy=0;function p(){"
	           "if(busy||document.hidden)return;busy=1;"
	           "fetch(\"/__rekap/versi?sejak=\"+v,{cache:\"no-store\"})"
	           ".then(function(r){return r.text()})"
	           ".then(function(t){busy=0;if(t.trim()!==v)location.reload();else p()},"
	           "function(){busy=0;setTimeout(p,%d)})}"
	           "document.addEventListener(\"visibilitychange\",p);p()})();</script>\n",
	           version, RELOAD_RETRY_MS);
}

/* html with the reload script before its last </body> (at the end when it
 * has none). Caller frees. */
static char *inject_reload(const char *html, size_t len, unsigned long version, size_t *out_len)
{
	static const char tag[] = "</body";
	const size_t tn = sizeof tag - 1;
	size_t at = len, i;
	buf b = BUF_INIT;
	for (i = len >= tn ? len - tn + 1 : 0; i-- > 0;)
		if (strncasecmp(html + i, tag, tn) == 0) {
			at = i;
			break;
		}
	buf_grow(&b, len + 512);
	buf_put(&b, html, at);
	put_reload_script(&b, version);
	buf_put(&b, html + at, len - at);
	*out_len = b.len;
	return buf_detach(&b);
}

static enum MHD_Result queue(struct MHD_Connection *conn, unsigned status, struct MHD_Response *r,
                             const char *type)
{
	enum MHD_Result ret;
	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* a preview: always ask again, never guess a type */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Reply with body (malloc'd; ownership passes to this function). */
static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, char *body, size_t len,
                             const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r)
		free(body);
	return queue(conn, status, r, type);
}

static enum MHD_Result reply_text(struct MHD_Connection *conn, unsigned status, const char *text)
{
	return reply(conn, status, xstrdup(text), strlen(text), "text/plain; charset=utf-8");
}

static enum MHD_Result reply_page(server *s, struct MHD_Connection *conn, unsigned status,
                                  const char *html, size_t len)
{
	unsigned long version;
	size_t out_len;
	char *page;
	pthread_mutex_lock(&s->lock);
	version = s->version;
	pthread_mutex_unlock(&s->lock);
	page = inject_reload(html, len, version, &out_len);
	return reply(conn, status, page, out_len, "text/html; charset=utf-8");
}

/* Open root/rel when it is a regular file that resolves (symbolic links
 * followed) inside root. Returns the descriptor, or -1 with *status 404
 * (missing, not a file), 403 (outside the site) or 301 (a folder: *status
 * tells the caller to redirect to the name with a slash). */
static int open_in_site(const char *root, const char *rel, struct stat *st, unsigned *status)
{
	char *want = xasprintf("%s%s", root, rel), *real = realpath(want, NULL);
	int fd = -1;
	free(want);
	*status = MHD_HTTP_NOT_FOUND;
	if (!real)
		return -1;
	if (!path_inside(root, real))
		*status = MHD_HTTP_FORBIDDEN;
	else if (stat(real, st) == 0 && S_ISDIR(st->st_mode))
		*status = MHD_HTTP_MOVED_PERMANENTLY;
	else if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) >= 0 &&
	         (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
		close(fd);
		fd = -1;
	}
	free(real);
	return fd;
}

/* Send an open file: HTML with the reload script, anything else as it is. */
static enum MHD_Result reply_file(server *s, struct MHD_Connection *conn, unsigned status, int fd,
                                  const struct stat *st, const char *name)
{
	buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	enum MHD_Result ret;
	if (!is_html(name) || st->st_size > MAX_INJECT_BYTES)
		return queue(conn, status, MHD_create_response_from_fd((uint64_t)st->st_size, fd),
		             content_type(name)); /* libmicrohttpd closes fd */
	while ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			buf_put(&b, chunk, (size_t)n);
	close(fd);
	ret = reply_page(s, conn, status, buf_cstr(&b), b.len);
	buf_release(&b);
	return ret;
}

static enum MHD_Result reply_not_found(server *s, struct MHD_Connection *conn, const char *root)
{
	struct stat st;
	unsigned status;
	int fd = root ? open_in_site(root, "/404.html", &st, &status) : -1;
	lang l;
	if (fd >= 0)
		return reply_file(s, conn, MHD_HTTP_NOT_FOUND, fd, &st, "404.html");
	pthread_mutex_lock(&s->lock);
	l = s->site_lang;
	pthread_mutex_unlock(&s->lock);
	return reply_text(conn, MHD_HTTP_NOT_FOUND, TR(l, "404 Tidak ditemukan\n", "404 Not found\n"));
}

/* The url with a slash added, percent-encoded for the Location header. */
static char *folder_location(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	buf b = BUF_INIT;
	const unsigned char *p;
	for (p = (const unsigned char *)url; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			buf_putc(&b, (char)*p);
		} else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	buf_putc(&b, '/');
	return buf_detach(&b);
}

static enum MHD_Result serve_path(server *s, struct MHD_Connection *conn, const char *url)
{
	char *root = realpath(s->opt->build.out_dir, NULL), *rel;
	struct stat st;
	unsigned status;
	int fd;
	enum MHD_Result ret;
	if (!root)
		return reply_not_found(s, conn, NULL);
	rel = str_ends(url, "/") ? xasprintf("%sindex.html", url) : xstrdup(url);
	fd = open_in_site(root, rel, &st, &status);
	if (fd >= 0) {
		ret = reply_file(s, conn, MHD_HTTP_OK, fd, &st, rel);
	} else if (status == MHD_HTTP_MOVED_PERMANENTLY) {
		char *location = folder_location(url);
		struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
		free(location);
		ret = queue(conn, status, r, NULL);
	} else if (status == MHD_HTTP_FORBIDDEN) {
		ret = reply_text(conn, status, "403\n");
	} else {
		ret = reply_not_found(s, conn, root);
	}
	free(rel);
	free(root);
	return ret;
}

/* What note_uri returns, and libmicrohttpd hands to handle_request in
 * *con_cls, for a request whose path holds a percent-encoded NUL ("%00"):
 * libmicrohttpd decodes it and hands on the path cut short there, so that
 * "/index.html%00.css" would serve "/index.html". */
static char nul_in_path;

/* libmicrohttpd's URI log callback, given the URI as sent, before it is
 * decoded: returns &nul_in_path, or where the URI ends as a string. */
static void *note_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	size_t i, len = strcspn(uri, "?");
	(void)cls;
	(void)conn;
	for (i = 0; i + 3 <= len; i++)
		if (uri[i] == '%' && uri[i + 1] == '0' && uri[i + 2] == '0')
			return &nul_in_path;
	return (char *)uri + strlen(uri);
}

/* Whether the URI of a request holds a NUL, percent-encoded or sent as it
 * is. A raw NUL ends early the string note_uri was given: libmicrohttpd
 * (0.9) keeps the request line where it was read, the URI ending where the
 * space before the HTTP version was. */
static int uri_has_nul(const void *noted, const char *version)
{
	if (noted == &nul_in_path)
		return 1;
	return noted && *version && (const char *)noted != version - 1;
}

/* CONNECTION_LIMIT, or half the descriptors rekap may open when that is
 * less: the builds need the other half. */
static unsigned connection_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur / 2 >= CONNECTION_LIMIT)
		return CONNECTION_LIMIT;
	return rl.rlim_cur / 2 > 8 ? (unsigned)(rl.rlim_cur / 2) : 8;
}

/* Whether text is the decimal number v, as the reload script sends it. */
static int is_version(const char *text, unsigned long v)
{
	char *end;
	unsigned long n;
	if (!text || *text < '0' || *text > '9')
		return 0;
	errno = 0;
	n = strtoul(text, &end, 10);
	return errno == 0 && *end == '\0' && n == v;
}

/* /__rekap/versi: the site's version. With ?sejak=<the version>, the
 * answer waits until a build ends (or RELOAD_HOLD_MS passed): the
 * connection is suspended, and handled again once resumed. */
static enum MHD_Result reply_version(server *s, struct MHD_Connection *conn)
{
	const char *since = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "sejak");
	unsigned long v;
	char *body;
	waiter *w;
	pthread_mutex_lock(&s->lock);
	v = s->version;
	w = waiter_find(s, conn);
	if (w) {
		waiter_remove(s, conn); /* resumed: answer now */
	} else if (!s->stopping && is_version(since, v)) {
		waiter nw;
		nw.conn = conn;
		nw.until = now_ms() + RELOAD_HOLD_MS;
		nw.resumed = 0;
		ARRAY_PUSH(s->waiters, s->nwaiters, s->capwaiters, nw);
		MHD_suspend_connection(conn);
		pthread_mutex_unlock(&s->lock);
		return MHD_YES;
	}
	pthread_mutex_unlock(&s->lock);
	body = xasprintf("%lu\n", v);
	return reply(conn, MHD_HTTP_OK, body, strlen(body), "text/plain; charset=utf-8");
}

/* libmicrohttpd's note that a request ended (answered, or its connection
 * closed): a held request is forgotten. */
static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
	server *s = cls;
	(void)con_cls;
	(void)why;
	pthread_mutex_lock(&s->lock);
	waiter_remove(s, conn);
	pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result handle_request(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
	server *s = cls;
	char *failure = NULL;
	enum MHD_Result ret;
	(void)upload_data;
	(void)upload_data_size;
	if (uri_has_nul(*con_cls, version))
		return reply_text(conn, MHD_HTTP_BAD_REQUEST, "400\n");
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		return queue(conn, MHD_HTTP_METHOD_NOT_ALLOWED, r, NULL);
	}
	if (strcmp(url, "/__rekap/versi") == 0)
		return reply_version(s, conn);
	if (!url_is_safe(url))
		return reply_text(conn, MHD_HTTP_FORBIDDEN, "403\n");
	if (wants_page(url)) {
		pthread_mutex_lock(&s->lock);
		failure = s->failure ? xstrdup(s->failure) : NULL;
		pthread_mutex_unlock(&s->lock);
	}
	if (failure) {
		ret = reply_page(s, conn, MHD_HTTP_INTERNAL_SERVER_ERROR, failure, strlen(failure));
		free(failure);
		return ret;
	}
	return serve_path(s, conn, url);
}

/* ---- the command ---- */

static void server_release(server *s)
{
	size_t i;
	if (s->inotify_fd >= 0)
		close(s->inotify_fd);
	for (i = 0; i < s->nwatches; i++)
		free(s->watches[i].path);
	free(s->watches);
	for (i = 0; i < 3; i++)
		free(s->roots[i]);
	free(s->out_abs);
	free(s->failure);
	free(s->waiters);
	pthread_mutex_destroy(&s->lock);
}

/* Wait for changes and signals; returns when SIGINT or SIGTERM arrives. */
static void run_loop(server *s)
{
	long long first = 0, deadline = 0;
	int pending = 0;
	for (;;) {
		struct pollfd fds[2];
		int timeout = -1, held, n, changed;
		fds[0].fd = signal_pipe[0];
		fds[0].events = POLLIN;
		fds[1].fd = s->inotify_fd;
		fds[1].events = POLLIN;
		fds[0].revents = fds[1].revents = 0;
		if (pending) {
			long long left = deadline - now_ms();
			timeout = left < 0 ? 0 : (int)left;
		}
		/* a request held since this poll began is due within a quarter of
		 * its hold more than RELOAD_HOLD_MS */
		held = next_release(s);
		if (held < 0 || held > RELOAD_HOLD_MS / 4)
			held = RELOAD_HOLD_MS / 4;
		if (timeout < 0 || held < timeout)
			timeout = held;
		n = poll(fds, 2, timeout);
		if (n < 0 && errno != EINTR)
			return;
		if (n > 0 && (fds[0].revents & POLLIN))
			return;
		release_waiters(s, 0);
		if (n > 0 && (fds[1].revents & POLLIN) && (changed = watch_read(s)) != EVENT_NONE) {
			long long t = now_ms();
			int quiet = changed == EVENT_SAVED ? SETTLE_MS : DEBOUNCE_MS;
			if (!pending)
				first = t;
			pending = 1;
			deadline = t + quiet < first + DEBOUNCE_MAX_MS ? t + quiet : first + DEBOUNCE_MAX_MS;
		}
		if (pending && now_ms() >= deadline) {
			pending = 0;
			watch_roots(s, 0);
			rebuild(s, 0);
		}
	}
}

int serve_run(const serve_options *opt)
{
	static const int stop_signals[] = {SIGINT, SIGTERM};
	struct sigaction sa, old_action[2], old_pipe;
	struct sockaddr_in addr;
	struct MHD_Daemon *daemon = NULL;
	const union MHD_DaemonInfo *info;
	sigset_t block, saved_mask;
	const char *root_dirs[3];
	server s;
	size_t i;
	int rc = 1, handlers = 0;

	memset(&s, 0, sizeof s);
	s.opt = opt;
	s.inotify_fd = -1;
	s.site_lang = opt->lang;
	pthread_mutex_init(&s.lock, NULL);
	if (pipe(signal_pipe) != 0 || set_fd_flags(signal_pipe[0]) != 0 ||
	    set_fd_flags(signal_pipe[1]) != 0) {
		fprintf(stderr, "rekap: pipe: %s\n", strerror(errno));
		goto done;
	}
	/* A first Ctrl-C stops after the build under way; a second one, with the
	 * default action restored, ends rekap at once. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART | SA_RESETHAND;
	for (i = 0; i < 2; i++)
		sigaction(stop_signals[i], &sa, &old_action[i]);
	sa.sa_handler = SIG_IGN; /* a closed terminal or pipe must not kill the server */
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, &old_pipe);
	handlers = 1;

	s.out_abs = absolute_path(opt->build.out_dir);
	s.inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s.inotify_fd < 0) {
		fprintf(stderr, "rekap: inotify: %s\n", strerror(errno));
		goto done;
	}
	root_dirs[0] = opt->build.records_dir;
	root_dirs[1] = opt->build.rules_dir;
	root_dirs[2] = opt->build.templates_dir;
	s.scan++;
	for (i = 0; i < 3; i++) {
		s.roots[i] = absolute_path(root_dirs[i]);
		if (watch_tree(&s, s.roots[i], 0) != 0) {
			fprintf(stderr,
			        TR(s.opt->lang, "rekap: folder %s tidak dapat dipantau: %s\n",
			           "rekap: folder %s cannot be watched: %s\n"),
			        root_dirs[i], strerror(errno));
			goto done;
		}
	}

	/* Listen before the first build, so that a port already taken costs no
	 * build (which would replace the site another preview is serving).
	 * libmicrohttpd's thread inherits a mask that leaves the stop signals to
	 * this thread, whose poll() watches the pipe. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &saved_mask);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((in_port_t)opt->port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	daemon = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME,
	                          (uint16_t)opt->port, NULL, NULL, handle_request, &s,
	                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	                          MHD_OPTION_NOTIFY_COMPLETED, request_done, &s,
	                          MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
	                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
	                          MHD_OPTION_URI_LOG_CALLBACK, note_uri, NULL, MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
	if (!daemon) {
		fprintf(stderr,
		        TR(s.opt->lang,
		           "rekap: tidak dapat mendengarkan di 127.0.0.1:%u (port sudah dipakai? "
		           "coba --port 0)\n",
		           "rekap: cannot listen on 127.0.0.1:%u (port already in use? try "
		           "--port 0)\n"),
		        opt->port);
		goto done;
	}
	rebuild(&s, 1);
	cache_prune(time(NULL));
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	printf(TR(s.opt->lang, "Pratinjau: http://127.0.0.1:%u/ (Ctrl-C untuk berhenti)\n",
	          "Preview: http://127.0.0.1:%u/ (Ctrl-C to stop)\n"),
	       info ? (unsigned)info->port : opt->port);
	fflush(stdout);

	run_loop(&s);
	fprintf(stderr, "%s", TR(s.opt->lang, "rekap: pratinjau dihentikan\n", "rekap: preview stopped\n"));
	rc = 0;
done:
	if (daemon) {
		/* libmicrohttpd stops only with no connection suspended */
		pthread_mutex_lock(&s.lock);
		s.stopping = 1;
		pthread_mutex_unlock(&s.lock);
		release_waiters(&s, 1);
		MHD_stop_daemon(daemon);
	}
	if (handlers) {
		for (i = 0; i < 2; i++)
			sigaction(stop_signals[i], &old_action[i], NULL);
		sigaction(SIGPIPE, &old_pipe, NULL);
	}
	for (i = 0; i < 2; i++)
		if (signal_pipe[i] >= 0) {
			close(signal_pipe[i]);
			signal_pipe[i] = -1;
		}
	server_release(&s);
	manifest_forget_saved();
	return rc;
}
