/* html.h - Markdown to HTML through cmark-gfm. */
#ifndef REKAP_HTML_H
#define REKAP_HTML_H

#include "util.h"

/* Render Markdown (GitHub tables, strikethrough, autolinks) to an HTML
 * fragment appended to out. Raw HTML is not passed through and unsafe URLs
 * (javascript:, vbscript:, file:, data: other than images) are dropped, as
 * cmark-gfm's safe mode does. Relative links to "*.md" pages are rewritten
 * to "*.html" so the HTML twin links to HTML pages. Each table is put in a
 * <div class="tabel" role="region" tabindex="0" aria-label="..."> named
 * after the nearest heading above it (its header row when there is none),
 * which scrolls it on a narrow screen; a column holding only source
 * locations (`records/...`, `lua/...lua:35`) is left out of the HTML. Each
 * level-2 heading gets an id (see html_heading_id), and a paragraph made
 * only of links is put in <div class="tautan"> (hidden on paper). */
void html_from_markdown(buf *out, const char *md, size_t len);

/* The same for a whole page: when the Markdown opens with a paragraph
 * followed by a level-1 heading, that paragraph (the breadcrumb trail the
 * page templates write above the title) is rendered to nav instead of out,
 * for the layout to put in a <nav>. nav may be NULL. */
void html_from_page_markdown(buf *nav, buf *out, const char *md, size_t len);

/* Append to out the id a level-2 heading of this text gets in the HTML
 * pages (as on GitHub: "Kualitas data" is "kualitas-data"). */
void html_heading_id(buf *out, const char *text);

/* Append the narrative of a record to out as Markdown that is as safe as
 * its HTML: rendered again through cmark-gfm's CommonMark renderer without
 * raw HTML, with links and images to unsafe URLs (see html_from_markdown)
 * reduced to their text, and every heading level raised by shift (at most
 * 6), so that a narrative cannot add a second page title. Appends nothing
 * when no text is left. */
void html_narrative(buf *out, const char *md, size_t len, int shift);

/* Release the memory kept for documents, after a build. cmark-gfm's
 * extension registry stays until the process exits, so that the next build
 * of the same process (rekap serve) finds the extensions. The functions above work on one document at a time
 * (their memory is shared and static): call them from one thread only. */
void html_shutdown(void);

/* What html_narrative_scan finds: a link or an image (image != 0) whose
 * URL is relative, at line and column (in characters, both 1-based) of the
 * Markdown. */
typedef void (*html_link_fn)(void *ctx, const char *url, int image, unsigned line, unsigned column);

/* What html_narrative_scan finds besides links: raw HTML other than a
 * comment, which html_narrative drops, at line and column as above: a
 * block (block != 0), whose whole text is dropped, or a tag inside a
 * paragraph, whose text around it stays; literal is its source text. */
typedef void (*html_raw_fn)(void *ctx, const char *literal, int block, unsigned line,
                            unsigned column);

/* Call fn for every link and image of the Markdown md[0..len) whose URL is
 * relative (no scheme, not starting with "/" or "#"), and raw (when not
 * NULL) for its raw HTML, in the order they appear. Unlike the functions
 * above, it keeps no memory between calls and may be called from several
 * threads at once. */
void html_narrative_scan(const char *md, size_t len, html_link_fn fn, html_raw_fn raw, void *ctx);

#endif
