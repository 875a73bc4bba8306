/* util.c - memory wrappers, string buffer, arena and small string helpers. */
#define _GNU_SOURCE /* d_type of readdir, dl_iterate_phdr */
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
	fputs("rekap: kehabisan memori (out of memory)\n", stderr);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void memory_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void grow_array(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t n;
	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*items = xrealloc(*items, n * elem);
	*cap = n;
}

void buf_init(buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_release(buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_grow(buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t n;
	if (need <= b->cap)
		return;
	n = b->cap ? b->cap : 64;
	while (n < need)
		n *= 2;
	b->data = xrealloc(b->data, n);
	b->cap = n;
}

void buf_put(buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	/* Format once into the spare room; only a longer result formats again. */
	buf_grow(b, 64);
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

int fmt_fixed(char *dst, size_t size, double v, int decimals)
{
	static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
	char digits[32], *p = digits + sizeof digits;
	double scaled, whole, frac;
	uint64_t n;
	size_t len;
	int i;
	if (decimals < 0 || decimals > 9)
		return snprintf(dst, size, "%.*f", decimals, v);
	/* The product is within 2^-22 of the exact value below 2^31, and floor
	 * and the subtraction are exact: unless the value is that close to a
	 * tie, it rounds as printf rounds the exact value. Ties, NaN, infinities
	 * and large values are left to printf. */
	scaled = fabs(v) * scale[decimals];
	if (!(scaled < 2147483648.0))
		return snprintf(dst, size, "%.*f", decimals, v);
	whole = floor(scaled);
	frac = scaled - whole;
	if (fabs(frac - 0.5) < 1e-6)
		return snprintf(dst, size, "%.*f", decimals, v);
	n = (uint64_t)whole + (frac > 0.5);
	for (i = 0; i < decimals; i++) {
		*--p = (char)('0' + n % 10);
		n /= 10;
	}
	if (decimals)
		*--p = '.';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	if (signbit(v))
		*--p = '-'; /* as printf writes -0.0 and -0.04 ("-0.0") */
	len = (size_t)(digits + sizeof digits - p);
	if (size) {
		size_t k = len < size ? len : size - 1;
		memcpy(dst, p, k);
		dst[k] = '\0';
	}
	return (int)len;
}

void buf_put_int(buf *b, long long n)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long long u = n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(digits + sizeof digits - p));
}

void buf_put_fixed(buf *b, double v, int decimals)
{
	char digits[64];
	int n = fmt_fixed(digits, sizeof digits, v, decimals);
	if (n >= 0 && (size_t)n < sizeof digits)
		buf_put(b, digits, (size_t)n);
	else
		buf_printf(b, "%.*f", decimals, v);
}

char *buf_detach(buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	buf_init(b);
	return p;
}

const char *buf_cstr(const buf *b)
{
	return b->data ? b->data : "";
}

/* Arena: a list of blocks; large requests get a block of their own. An
 * arena never hands out the same bytes twice, so a block that comes from
 * calloc is zero all through and its allocations need no memset. The first
 * blocks of an arena are small and come from malloc, zeroed as they are
 * handed out: most arenas (one per CSV table) are small, and calloc would
 * clear a whole reused heap block. Once an arena holds ARENA_GROWN bytes,
 * its blocks are large and calloc'd, which the C library serves by mmap,
 * zero without a pass over them: the records' arena fills hundreds of MB at
 * national scale, and clearing it took a sixth of `rekap check`. Blocks of
 * ARENA_MAPPED bytes or more are mapped by the arena itself, their pages
 * populated in the one call: faulting them in one at a time as they are
 * first written cost a fault each (a costly trap in a virtual machine),
 * a quarter of the records stage of a warm `rekap check`. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	int zeroed; /* from calloc or mmap: the bytes after used are zero */
	size_t mapped; /* bytes mapped for the block (munmap), 0 when from malloc */
	max_align_t data[];
};

/* Bytes mapped by another module that hold what the arena's allocations
 * point to (arena_keep_map). */
struct arena_map {
	struct arena_map *next;
	void *p;
	size_t len;
};

struct arena {
	struct arena_block *head;
	size_t held; /* bytes in its blocks */
	struct arena_map *maps;
};

#define ARENA_BLOCK (64 * 1024)
#define ARENA_BIG_BLOCK (1024 * 1024)
#define ARENA_GROWN (256 * 1024)
#define ARENA_MAPPED (256 * 1024)

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	struct arena_block *b, *next;
	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		if (b->mapped)
			munmap(b, b->mapped);
		else
			free(b);
	}
	while (a->maps) {
		struct arena_map *m = a->maps;
		a->maps = m->next;
		munmap(m->p, m->len);
		free(m);
	}
	free(a);
}

void arena_keep_map(arena *a, void *p, size_t len)
{
	struct arena_map *m = xmalloc(sizeof *m);
	m->p = p;
	m->len = len;
	m->next = a->maps;
	a->maps = m;
}

void arena_adopt(arena *a, arena *from)
{
	struct arena_block *last;
	if (from->head) {
		/* behind a's current block, which keeps serving small requests */
		for (last = from->head; last->next; last = last->next)
			;
		if (a->head) {
			last->next = a->head->next;
			a->head->next = from->head;
		} else {
			a->head = from->head;
		}
	}
	a->held += from->held;
	while (from->maps) {
		struct arena_map *m = from->maps;
		from->maps = m->next;
		m->next = a->maps;
		a->maps = m;
	}
	free(from);
}

/* A zeroed block of total bytes, mapped with its pages in place (see
 * struct arena_block); from calloc where mmap fails. */
static struct arena_block *block_map(size_t total)
{
	struct arena_block *b;
#ifdef MAP_POPULATE
	void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
	               -1, 0);
	if (p != MAP_FAILED) {
		b = p;
		b->mapped = total;
		return b;
	}
#endif
	b = xcalloc(1, total);
	b->mapped = 0;
	return b;
}

/* A block with room for n bytes (a multiple of the alignment): a request
 * of more than a quarter of a block gets one of its own, placed behind the
 * current block, which keeps serving small requests. */
static struct arena_block *arena_block_new(arena *a, size_t n)
{
	size_t block = a->held >= ARENA_GROWN ? ARENA_BIG_BLOCK : ARENA_BLOCK;
	int own = n > block / 4;
	size_t size = own ? n : block;
	/* a block of one's own is filled by its one request: calloc clears
	 * it no more than a memset would */
	int zeroed = own || block == ARENA_BIG_BLOCK;
	struct arena_block *b = size >= ARENA_MAPPED ? block_map(sizeof *b + size)
	                        : zeroed             ? xcalloc(1, sizeof *b + size)
	                                             : xmalloc(sizeof *b + size);
	if (size < ARENA_MAPPED)
		b->mapped = 0;
	b->size = size;
	b->used = 0;
	b->zeroed = zeroed || size >= ARENA_MAPPED;
	a->held += size;
	if (a->head && own) {
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	return b;
}

void *arena_alloc(arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;
	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n)
		b = arena_block_new(a, n);
	p = (char *)b->data + b->used;
	b->used += n;
	if (!b->zeroed)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	buf b = BUF_INIT;
	char *p;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, buf_cstr(&b), b.len);
	buf_release(&b);
	return p;
}

uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

void wide_hash_init(wide_hash *h)
{
	size_t i;
	for (i = 0; i < 4; i++)
		h->lane[i] = HASH_INIT + i;
	h->nrest = 0;
}

/* One step of a lane. */
static uint64_t lane_step(uint64_t lane, const unsigned char *data)
{
	uint64_t w;
	memcpy(&w, data, sizeof w);
	lane = (lane ^ w) * UINT64_C(0x100000001b3);
	return lane ^ lane >> 29;
}

/* Whole steps of data, n bytes (a multiple of 32), the lanes held in
 * registers meanwhile. */
static void wide_hash_steps(wide_hash *h, const unsigned char *data, size_t n)
{
	uint64_t l0 = h->lane[0], l1 = h->lane[1], l2 = h->lane[2], l3 = h->lane[3];
	for (; n >= 32; data += 32, n -= 32) {
		l0 = lane_step(l0, data);
		l1 = lane_step(l1, data + 8);
		l2 = lane_step(l2, data + 16);
		l3 = lane_step(l3, data + 24);
	}
	h->lane[0] = l0;
	h->lane[1] = l1;
	h->lane[2] = l2;
	h->lane[3] = l3;
}

uint64_t hash_text(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	unsigned char len[8];
	uint64_t v = n;
	memcpy(len, &v, sizeof len);
	h = lane_step(h, len);
	for (; n >= 8; p += 8, n -= 8)
		h = lane_step(h, p);
	return hash_bytes(h, p, n);
}

uint64_t hash_cstr(uint64_t h, const char *s)
{
	h = hash_bytes(h, s ? "s" : "n", 1);
	return s ? hash_text(h, s, strlen(s)) : h;
}

void wide_hash_add(wide_hash *h, const void *bytes, size_t n)
{
	const unsigned char *data = bytes;
	size_t step = sizeof h->rest, whole;
	if (h->nrest) {
		size_t k = step - h->nrest < n ? step - h->nrest : n;
		memcpy(h->rest + h->nrest, data, k);
		h->nrest += k;
		data += k;
		n -= k;
		if (h->nrest < step)
			return;
		wide_hash_steps(h, h->rest, step);
		h->nrest = 0;
	}
	whole = n - n % step;
	wide_hash_steps(h, data, whole);
	memcpy(h->rest, data + whole, n - whole);
	h->nrest = n - whole;
}

uint64_t wide_hash_end(const wide_hash *h)
{
	return hash_bytes(hash_bytes(HASH_INIT, h->lane, sizeof h->lane), h->rest, h->nrest);
}

uint64_t hash_wide(const void *data, size_t n)
{
	wide_hash h;
	wide_hash_init(&h);
	wide_hash_add(&h, data, n);
	return wide_hash_end(&h);
}

char *cache_dir(void)
{
	const char *env = getenv("REKAP_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg)
		return xasprintf("%s/rekap", xdg);
	if (home && *home)
		return xasprintf("%s/.cache/rekap", home);
	return NULL;
}

/* The files rekap keeps in the cache folder: <prefix><16 hex digits><suffix>,
 * each owned by one records or output folder, and how many days each may
 * go unwritten. The records and results caches serve only the day they
 * were written (another day leaves them unused), so a week is already
 * generous; a build record keeps an output folder's next build from
 * rewriting every file, and is small, so it waits half a year. */
static const struct cache_name {
	const char *prefix, *suffix;
	int days;
} cache_names[] = {
	{"sidik-", ".txt", 180}, {"rekaman-", ".bin", 7}, {"rekaman-", "-ubahan.bin", 7},
	{"hasil-", ".bin", 7},   {"hasil-", ".img", 7},
};

/* Whether p starts with the 16 lowercase hexadecimal digits of a hash as
 * the cache files print it (%016llx). */
static int starts_with_hash(const char *p)
{
	size_t i;
	for (i = 0; i < 16; i++)
		if (!isdigit((unsigned char)p[i]) && (p[i] < 'a' || p[i] > 'f'))
			return 0;
	return 1;
}

/* The days the file called name may stay unwritten, or -1 when rekap does
 * not name its files so. What an interrupted save left (the name, a dot
 * and the saving process's id, see file_replace) waits as long. */
static int cache_keep_days(const char *name)
{
	size_t k;
	for (k = 0; k < sizeof cache_names / sizeof cache_names[0]; k++) {
		const struct cache_name *c = &cache_names[k];
		size_t plen = strlen(c->prefix), slen = strlen(c->suffix);
		const char *p = name + plen;
		if (strncmp(name, c->prefix, plen) != 0 || !starts_with_hash(p) ||
		    strncmp(p + 16, c->suffix, slen) != 0)
			continue;
		p += 16 + slen;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			p += 1 + strspn(p + 1, "0123456789");
		if (*p == '\0')
			return c->days;
	}
	return -1;
}

size_t cache_prune(time_t now)
{
	char *dir = cache_dir();
	dir_entry *list = NULL;
	size_t n = 0, i, removed = 0;
	if (dir)
		list = dir_list(dir, 0, &n);
	for (i = 0; list && i < n; i++) {
		int days = cache_keep_days(list[i].name);
		struct stat st;
		char *path;
		if (days < 0)
			continue;
		path = path_join(dir, list[i].name);
		/* a folder or a link of that name is not ours to remove */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    difftime(now, st.st_mtime) > days * 86400.0 && unlink(path) == 0)
			removed++;
		free(path);
	}
	if (list)
		dir_list_free(list, n);
	free(dir);
	return removed;
}

/* The bytes of the file at path into *h; 0, or -1 when it cannot be read. */
static int hash_file_into(const char *path, uint64_t *h)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		*h = hash_bytes(*h, chunk, n);
	fclose(f);
	return 0;
}

/* x rounded up to a multiple of align, a power of two. */
static size_t align_up(size_t x, size_t align)
{
	return (x + align - 1) & ~(align - 1);
}

/* The GNU build ID of a loaded object into *h: the linker's hash of its
 * contents, in a note of a PT_NOTE segment. A note is its header, its name
 * and its descriptor, the last two starting at the segment's alignment (4,
 * or 8 for the GNU property notes of x86-64). Returns 0, or -1 when it has
 * none. */
static int hash_build_id(const struct dl_phdr_info *info, uint64_t *h)
{
	int k;
	for (k = 0; k < info->dlpi_phnum; k++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[k];
		const unsigned char *base = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		size_t len = ph->p_memsz, align = ph->p_align == 8 ? 8 : 4, at = 0;
		if (ph->p_type != PT_NOTE)
			continue;
		while (at <= len && len - at >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)(const void *)(base + at);
			size_t name = at + sizeof *note;
			size_t desc = align_up(name + note->n_namesz, align);
			if (desc > len || note->n_descsz > len - desc)
				break;
			if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
			    memcmp(base + name, "GNU", 4) == 0 && note->n_descsz > 0) {
				*h = hash_bytes(*h, base + desc, note->n_descsz);
				return 0;
			}
			at = align_up(desc + note->n_descsz, align);
		}
	}
	return -1;
}

/* dl_iterate_phdr's callback: each shared object loaded from a file (the
 * program, whose name is empty, is hashed whole; the kernel's vDSO has no
 * path and changes with the kernel, which shapes no output). */
static int hash_loaded_object(struct dl_phdr_info *info, size_t size, void *data)
{
	uint64_t *h = data, mark = 0x6c6962; /* "lib" */
	(void)size;
	if (!info->dlpi_name || !strchr(info->dlpi_name, '/'))
		return 0;
	*h = hash_bytes(*h, &mark, sizeof mark);
	if (hash_build_id(info, h) != 0 && hash_file_into(info->dlpi_name, h) != 0)
		*h = hash_cstr(*h, info->dlpi_name);
	return 0;
}

uint64_t program_hash(void)
{
	static uint64_t h;
	static int done;
	uint64_t end = 1;
	if (done)
		return h;
	h = HASH_INIT;
	if (hash_file_into("/proc/self/exe", &h) != 0)
		end = 0x6e6f6e65; /* "none" */
	h = hash_bytes(h, &end, sizeof end);
	/* the libraries shape the output too (cmark-gfm the pages, libxlsxwriter
	 * and zlib the workbooks, Lua the rules): another version of one, or
	 * one preloaded, is another program */
	dl_iterate_phdr(hash_loaded_object, &h);
	done = 1;
	return h;
}

int file_read(const char *path, char **data, size_t *len)
{
	return file_read_max(path, (size_t)-1, data, len);
}

int file_read_max(const char *path, size_t max, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	struct stat st;
	size_t cap, used = 0;
	char *p = NULL;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0)
		goto fail;
	/* the size first, so that a huge file is never read in at all; the
	 * reading below stops too should the file grow meanwhile */
	if (st.st_size > 0 && (unsigned long long)st.st_size > max) {
		used = (size_t)st.st_size;
		goto too_big;
	}
	/* one read of the whole file into one block: record files are small
	 * and there are many. Once a regular file's size is read, that is
	 * its end: the bytes as they were when its size was taken (another
	 * read to see the end would cost a system call a file, and a block
	 * twice the size). A file of no size (a pipe, /proc) is read to its
	 * end. */
	cap = (st.st_size > 0 ? (size_t)st.st_size : 4096) + 1;
	p = xmalloc(cap);
	for (;;) {
		ssize_t n;
		if (S_ISREG(st.st_mode) && st.st_size > 0 && used == (size_t)st.st_size)
			break;
		if (used + 1 >= cap) {
			cap *= 2;
			p = xrealloc(p, cap);
		}
		n = read(fd, p + used, cap - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		if ((size_t)n > max - used) {
			used += (size_t)n;
			goto too_big;
		}
		used += (size_t)n;
	}
	close(fd);
	p[used] = '\0';
	*len = used;
	*data = p;
	return 0;
too_big:
	*len = used;
	errno = EFBIG;
fail:
	e = errno;
	close(fd);
	free(p);
	errno = e;
	return -1;
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* The kind a listing's d_type (DT_REG, DT_DIR, ...) names. */
static dir_kind kind_of_type(unsigned char type)
{
	switch (type) {
	case DT_UNKNOWN:
		return DIR_KIND_UNKNOWN;
	case DT_REG:
		return DIR_KIND_FILE;
	case DT_DIR:
		return DIR_KIND_DIR;
	case DT_LNK:
		return DIR_KIND_LINK;
	default:
		return DIR_KIND_OTHER;
	}
}

/* What the entry is, as lstat would say it; DIR_KIND_UNKNOWN where the
 * file system does not tell. */
static dir_kind kind_of(const struct dirent *ent)
{
#ifdef _DIRENT_HAVE_D_TYPE
	return kind_of_type(ent->d_type);
#else
	(void)ent;
	return DIR_KIND_UNKNOWN;
#endif
}

/* Whether a listing keeps name: never "." and "..", other hidden names
 * only when asked. */
static int listed(const char *name, int hidden)
{
	return hidden ? strcmp(name, ".") != 0 && strcmp(name, "..") != 0 : name[0] != '.';
}

/* The n entries gathered, sorted; an empty folder is not a failure. */
static dir_entry *sorted_list(dir_entry *list, size_t n)
{
	if (!list)
		list = xmalloc(sizeof *list);
	if (n > 1)
		qsort(list, n, sizeof *list, compare_entries);
	return list;
}

dir_entry *dir_list(const char *dir, int hidden, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	dir_entry *list = NULL;
	size_t cap = 0;
	*n = 0;
	if (!d)
		return NULL;
	while ((ent = readdir(d)) != NULL)
		if (listed(ent->d_name, hidden)) {
			dir_entry e;
			e.name = xstrdup(ent->d_name);
			e.kind = kind_of(ent);
			ARRAY_PUSH(list, *n, cap, e);
		}
	closedir(d);
	return sorted_list(list, *n);
}

/* A record of getdents64, as the kernel writes it. */
struct kernel_dirent {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

dir_entry *dir_list_fd(int fd, int hidden, size_t *n)
{
	char block[32768] __attribute__((aligned(8)));
	dir_entry *list = NULL;
	size_t cap = 0;
	long got, at;
	*n = 0;
	while ((got = syscall(SYS_getdents64, fd, block, sizeof block)) > 0)
		for (at = 0; at < got;) {
			const struct kernel_dirent *ent = (const void *)(block + at);
			at += ent->reclen;
			if (listed(ent->name, hidden)) {
				dir_entry e;
				e.name = xstrdup(ent->name);
				e.kind = kind_of_type(ent->type);
				ARRAY_PUSH(list, *n, cap, e);
			}
		}
	if (got < 0) {
		dir_list_free(list, *n);
		*n = 0;
		return NULL;
	}
	return sorted_list(list, *n);
}

void dir_list_free(dir_entry *list, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}

dir_kind dir_kind_of_mode(mode_t mode)
{
	return S_ISREG(mode)   ? DIR_KIND_FILE
	       : S_ISDIR(mode) ? DIR_KIND_DIR
	       : S_ISLNK(mode) ? DIR_KIND_LINK
	                       : DIR_KIND_OTHER;
}

static char **list_names(const char *dir, int hidden, size_t *n)
{
	dir_entry *list = dir_list(dir, hidden, n);
	char **names;
	size_t i;
	if (!list)
		return NULL;
	names = xmalloc((*n ? *n : 1) * sizeof *names);
	for (i = 0; i < *n; i++)
		names[i] = list[i].name;
	free(list);
	return names;
}

char **dir_names(const char *dir, size_t *n)
{
	return list_names(dir, 0, n);
}

char **dir_names_all(const char *dir, size_t *n)
{
	return list_names(dir, 1, n);
}

void names_free(char **names, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int make_dirs(const char *path)
{
	char *copy = xstrdup(path), *p;
	int rc = 0;
	for (p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(copy, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(copy);
	return rc;
}

char *path_base(const char *path)
{
	size_t len = strlen(path), start;
	while (len > 1 && path[len - 1] == '/')
		len--;
	start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return xstrndup(path + start, len - start);
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (la == 0)
		return xstrdup(b);
	if (*b == '\0')
		return xstrdup(a);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

int str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int word_index(const char *s, size_t len, const char *const *words, size_t n)
{
	size_t i;
	for (i = 0; i < n && len > 0; i++)
		if (strlen(words[i]) == len && strncasecmp(s, words[i], len) == 0)
			return (int)i;
	return -1;
}

int str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int str_ends(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

int looks_utf16(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len < 2)
		return 0;
	if ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))
		return 1;
	return (p[0] == 0 && p[1] > 0 && p[1] < 0x80) || (p[1] == 0 && p[0] > 0 && p[0] < 0x80);
}

size_t utf8_check(const char *str, size_t len, unsigned *line, unsigned *column)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;
	uint32_t cp;
	*line = 1;
	*column = 1;
	while (i < len) {
		if (s[i] < 0x80) { /* most bytes of a record: no call */
			if (s[i] == 0)
				return i;
			if (s[i] == '\n') {
				(*line)++;
				*column = 1;
			} else {
				(*column)++;
			}
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return i;
		(*column)++;
		i += k;
	}
	return len;
}

size_t utf8_bom_len(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t crlf_to_lf(char *s, size_t len)
{
	char *cr = memchr(s, '\r', len), *to;
	size_t i;
	if (!cr)
		return len;
	to = cr;
	for (i = (size_t)(cr - s); i < len; i++)
		if (s[i] != '\r' || i + 1 >= len || s[i + 1] != '\n')
			*to++ = s[i];
	if (to < s + len)
		*to = '\0';
	return (size_t)(to - s);
}

size_t utf8_chars(const char *s, size_t bytes)
{
	size_t i, c = 0;
	for (i = 0; i < bytes; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

unsigned text_column(const char *text, const char *at)
{
	const char *start = at;
	while (start > text && start[-1] != '\n')
		start--;
	return (unsigned)utf8_chars(start, (size_t)(at - start)) + 1;
}

size_t str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row = xmalloc((lb + 1) * sizeof *row);
	size_t result;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

void str_near_init(str_near *n, const char *word)
{
	n->word = word;
	n->best = NULL;
	n->dist = (size_t)-1;
}

void str_near_try(str_near *n, const char *candidate)
{
	size_t d = str_distance(n->word, candidate);
	if (d < n->dist) {
		n->dist = d;
		n->best = candidate;
	}
}

const char *str_near_best(const str_near *n, size_t max_edits, size_t *dist)
{
	if (dist)
		*dist = n->dist;
	return n->dist <= max_edits ? n->best : NULL;
}

const char *str_nearest(const char *word, const char *const *candidates, size_t max_edits,
                        size_t *dist)
{
	str_near n;
	size_t i;
	str_near_init(&n, word);
	for (i = 0; candidates[i]; i++)
		str_near_try(&n, candidates[i]);
	return str_near_best(&n, max_edits, dist);
}

/* Whether a cell names a spreadsheet's summary row, "Jumlah", "Total",
 * "Jml.", "Sub total", "Rata-rata" or "Jumlah TW I": its first word is
 * one of those, in any case. */
int str_is_total_label(const char *s)
{
	static const char *const words[] = {"jumlah",    "jml",       "total",
	                                    "subtotal",  "sub total", "grand total",
	                                    "rata-rata", "rerata",    NULL};
	size_t i, n;
	while (*s == ' ' || *s == '\t')
		s++;
	for (i = 0; words[i]; i++) {
		n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) == 0 && !isalnum((unsigned char)s[n]))
			return 1;
	}
	return 0;
}

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *out)
{
	size_t need, k;
	uint32_t cp;
	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1;
		cp = s[0] & 0x1Fu;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		cp = s[0] & 0x0Fu;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (need >= n)
		return 0;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3Fu);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*out = cp;
	return need + 1;
}

int unicode_space(uint32_t cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200D) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

/* Whether cp shows as nothing, or as a plain space, where a message
 * quotes it: the spaces above, C1 controls, the soft hyphen, direction
 * marks and other format characters. */
static int invisible(uint32_t cp)
{
	return unicode_space(cp) || (cp >= 0x80 && cp <= 0x9F) || cp == 0xAD || cp == 0x180E ||
	       cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2061 && cp <= 0x206F) || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

void buf_put_shown(buf *b, const char *str, size_t n, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		uint32_t cp = 0;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (i + (k ? k : 1) > max) {
			buf_puts(b, "…");
			return;
		}
		if (k == 0 || s[i] < 0x20 || s[i] == 0x7F)
			buf_printf(b, "\\x%02X", (unsigned)s[i]);
		else if (invisible(cp))
			buf_printf(b, "\\u%04X", (unsigned)cp);
		else
			buf_put(b, str + i, k);
		i += k ? k : 1;
	}
}

/* The length of the space at s[0..n) that str_trim_spaces drops, or 0. */
static size_t space_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t k;
	if (*s == ' ' || *s == '\t')
		return 1;
	k = utf8_decode((const unsigned char *)s, n, &cp);
	return k > 1 && unicode_space(cp) ? k : 0;
}

size_t str_trim_spaces_at_ends(const char *s, size_t *len)
{
	size_t start = 0, k, end = *len;
	while (start < end && (k = space_len(s + start, end - start)) > 0)
		start += k;
	while (end > start) {
		size_t back = 1;
		/* the last character's first byte: at most three continuation bytes back */
		while (back < 4 && back < end - start &&
		       ((unsigned char)s[end - back] & 0xC0) == 0x80)
			back++;
		k = space_len(s + end - back, back);
		if (k != back)
			break;
		end -= back;
	}
	*len = end - start;
	return start;
}

/* Whether line [p, end) is seven of c, then its end or a space. */
static int conflict_marker(const char *p, const char *end, char c)
{
	int i;
	if (end - p < 7)
		return 0;
	for (i = 0; i < 7; i++)
		if (p[i] != c)
			return 0;
	return p + 7 == end || p[7] == ' ' || p[7] == '\r';
}

int text_conflict_next(const char *s, size_t len, size_t *pos, unsigned *line, unsigned *first,
                       unsigned *last)
{
	const char *p = s + *pos, *end = s + len;
	unsigned open = 0, middle = 0;
	if (*pos == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a byte-order mark before the first line */
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (conflict_marker(p, eol, '<')) {
			open = *line;
			middle = 0;
		} else if (open && conflict_marker(p, eol, '=')) {
			middle = *line;
		} else if (middle && conflict_marker(p, eol, '>')) {
			*first = open;
			*last = *line;
			*pos = eol < end ? (size_t)(eol + 1 - s) : len;
			(*line)++;
			return 1;
		}
		if (eol == end)
			break;
		p = eol + 1;
		(*line)++;
	}
	*pos = len;
	return 0;
}

int text_long_line(const char *s, size_t len, size_t max, unsigned *line, size_t *line_len)
{
	size_t start = 0, i;
	unsigned number = 1;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		{
			size_t n = i - start;
			if (n > 0 && s[i - 1] == '\r')
				n--;
			if (n > max) {
				*line = number;
				*line_len = n;
				return 1;
			}
		}
		number++;
		start = i + 1;
	}
	return 0;
}

void timing_mark(const char *stage)
{
	static int enabled = -1;
	static double last;
	struct timespec ts;
	double now;
	if (enabled < 0) {
		const char *env = getenv("REKAP_TIMINGS");
		enabled = env && *env && strcmp(env, "0") != 0;
	}
	if (!enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	if (stage)
		fprintf(stderr, "rekap: time: %-24s %8.3f s\n", stage, now - last);
	last = now;
}

/* Remove what file_replace left in dir beside the file named base when a
 * process writing it was killed: "base.<pid>" of a process that no longer
 * runs (one still running may be writing it). */
static void remove_leftovers(const char *dir, const char *base)
{
	size_t n, i, len = strlen(base);
	dir_entry *list = dir_list(dir, 0, &n);
	for (i = 0; list && i < n; i++) {
		const char *name = list[i].name, *digits = name + len + 1;
		char *end;
		long pid;
		if (strncmp(name, base, len) != 0 || name[len] != '.' || !isdigit((unsigned char)*digits))
			continue;
		pid = strtol(digits, &end, 10);
		if (*end == '\0' && pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
		    errno == ESRCH) {
			char *path = path_join(dir, name);
			remove(path);
			free(path);
		}
	}
	if (list)
		dir_list_free(list, n);
}

int file_replace(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx)
{
	const char *slash = strrchr(path, '/');
	char *tmp, *dir = !slash ? xstrdup(".") : slash > path ? xstrndup(path, (size_t)(slash - path))
	                                                       : xstrdup("/");
	FILE *f;
	int rc;
	make_dirs(dir);
	remove_leftovers(dir, slash ? slash + 1 : path);
	free(dir);
	tmp = xasprintf("%s.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	rc = f ? 0 : -1;
	if (f) {
		rc = fill(f, ctx) != 0;
		rc = rc | ferror(f) | fclose(f) ? -1 : 0;
	}
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		int saved = errno; /* for the caller's message */
		remove(tmp);
		errno = saved;
	}
	free(tmp);
	return rc;
}

typedef struct bytes {
	const void *data;
	size_t len;
} bytes;

static int put_bytes(FILE *f, void *ctx)
{
	const bytes *b = ctx;
	return b->len && fwrite(b->data, 1, b->len, f) != b->len ? -1 : 0;
}

int file_replace_bytes(const char *path, const void *data, size_t len)
{
	bytes b;
	b.data = data;
	b.len = len;
	return file_replace(path, put_bytes, &b);
}

int parse_number(const char *s, double *out)
{
	char tmp[64];
	size_t n = strlen(s), i;
	char *end;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',')
			c = '.';
		if (!(isdigit((unsigned char)c) || c == '.' || (c == '-' && i == 0)))
			return -1;
		if (i < sizeof tmp - 1)
			tmp[i] = c;
	}
	if (n >= sizeof tmp)
		return -2;
	if (n <= 15 && s[0] != '-') {
		/* most cells: digits only, exact in a double, so no strtod */
		double v = 0;
		for (i = 0; i < n && tmp[i] != '.'; i++)
			v = v * 10 + (tmp[i] - '0');
		if (i == n) {
			*out = v;
			return 0;
		}
	}
	tmp[n] = '\0';
	*out = strtod(tmp, &end);
	if (*end != '\0')
		return -1;
	if (!isfinite(*out))
		return -2;
	if (*out == 0)
		*out = 0; /* "-0" is 0: never shown as "-0" */
	return 0;
}

int str_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

const char *arena_shown(arena *a, const char *s, size_t max)
{
	buf b = BUF_INIT;
	const char *out;
	if (!s)
		return "";
	buf_put_shown(&b, s, strlen(s), max);
	out = arena_strndup(a, buf_cstr(&b), b.len);
	buf_release(&b);
	return out;
}

int str_all_digits(const char *s, size_t n)
{
	size_t i;
	if (strlen(s) < n)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int digits_grouped(const char *s, char *sep_out, char *out, size_t outsize)
{
	size_t n = 0, lead = 0, group = 0;
	int groups = 0;
	char sep;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '0') /* 0.500 is a fraction: no thousand starts with 0 */
		return 0;
	for (; isdigit((unsigned char)*s) && lead < 4; s++, lead++)
		if (n + 1 < outsize)
			out[n++] = *s;
	if (lead < 1 || lead > 3 || (*s != '.' && *s != ','))
		return 0;
	for (sep = *s; *s == sep;) {
		for (s++, group = 0; isdigit((unsigned char)*s) && group < 4; s++, group++)
			if (n + 1 < outsize)
				out[n++] = *s;
		if (group != 3)
			return 0;
		groups++;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	out[n] = '\0';
	*sep_out = sep;
	return groups > 0 && *s == '\0' && n + 1 < outsize;
}
