/* escape.h - the escaping of each output format: Markdown, HTML/XML, CSV, JSON, GitHub annotations. */
#ifndef REKAP_ESCAPE_H
#define REKAP_ESCAPE_H

#include "util.h"

/* Each function appends the escaped form of the n bytes at s to out (they
 * need not be NUL-terminated) and cannot fail: the buffer aborts when memory
 * runs out. Each is driven by a table of what it does with every byte; the
 * tables in escape.c say why each byte is there. */

/* {{name}} in Markdown templates: characters Markdown would interpret are
 * backslash-escaped (a "|" too, so values are safe in table cells; "#", "+",
 * "-", "=", "!" only at the start of a value), CR is dropped and LF becomes a
 * space. */
void esc_markdown(buf *out, const char *s, size_t n);

/* Text and attribute values in HTML and XML (the HTML pages, the SVG
 * charts, the sitemap): & < > " ' as entities, the last as &#39; as the
 * Mustache spec expects. */
void esc_html(buf *out, const char *s, size_t n);

/* One field of an RFC 4180 CSV file: unchanged unless it holds a comma, a
 * quotation mark, CR or LF; then quoted, with quotation marks doubled. */
void esc_csv(buf *out, const char *s, size_t n);

/* The inside of a JSON string (without its quotation marks): quotation
 * marks, backslashes and control characters escaped, and each byte that does
 * not start a well-formed UTF-8 sequence written as U+FFFD, so that the
 * document always parses. */
void esc_json(buf *out, const char *s, size_t n);

/* The message of a GitHub workflow command ("::error file=F::message"):
 * "%", CR and LF percent-encoded. */
void esc_github_message(buf *out, const char *s, size_t n);

/* A property value of a GitHub workflow command (file=F): as a message,
 * and ":" and "," percent-encoded as well. */
void esc_github_property(buf *out, const char *s, size_t n);

#endif
