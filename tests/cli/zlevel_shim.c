/* zlevel_shim.c - a library preloaded by library_change.sh (LD_PRELOAD):
 * it makes the minizip that libxlsxwriter calls deflate every workbook part
 * at zlib's level 1 instead of the level asked for, so that the workbooks
 * come out other bytes, as under another version of zlib or libxlsxwriter. */
#define _GNU_SOURCE
#include <dlfcn.h>

typedef void *zip_file;
typedef int (*open_fn)(zip_file, const char *, const void *, const void *, unsigned, const void *,
                       unsigned, const char *, int, int, int, int, int, int, const char *,
                       unsigned long, unsigned long, unsigned long, int);

int zipOpenNewFileInZip4_64(zip_file file, const char *name, const void *info,
                            const void *extra_local, unsigned extra_local_size,
                            const void *extra_global, unsigned extra_global_size,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password, unsigned long crc,
                            unsigned long version, unsigned long flags, int zip64);

int zipOpenNewFileInZip4_64(zip_file file, const char *name, const void *info,
                            const void *extra_local, unsigned extra_local_size,
                            const void *extra_global, unsigned extra_global_size,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password, unsigned long crc,
                            unsigned long version, unsigned long flags, int zip64)
{
	open_fn real = (open_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
	(void)level;
	return real(file, name, info, extra_local, extra_local_size, extra_global,
	            extra_global_size, comment, method, 1, raw, window_bits, mem_level, strategy,
	            password, crc, version, flags, zip64);
}
