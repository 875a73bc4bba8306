/* serve.h - rekap serve: a preview on 127.0.0.1 that rebuilds the site when its inputs change. */
#ifndef REKAP_SERVE_H
#define REKAP_SERVE_H

#include "build.h"

typedef struct serve_options {
	build_options build; /* folders and quarter; build.out_dir is the folder served */
	unsigned port; /* TCP port on 127.0.0.1; 0 lets the system pick a free one */
	lang lang; /* language of messages (and diagnostics): --lang */
	int all_messages; /* --all-messages: repeated messages are not shortened */
} serve_options;

/* Build the site once, then serve opt->build.out_dir on 127.0.0.1 until
 * SIGINT or SIGTERM, rebuilding about 200 ms after the last change under the
 * records, rules or templates folders (inotify, recursive). Prints one line
 * with the address on stdout once listening; every other message goes to
 * stderr. While the last build failed, HTML requests get a page listing its
 * diagnostics instead of the stale site. HTML pages are served with a small
 * script that reloads them after each rebuild; the files of the site are
 * never changed by serving.
 * Returns the exit status: 0 after a clean stop, 1 when the server cannot
 * start (port taken, folders that cannot be watched). */
int serve_run(const serve_options *opt);

#endif
