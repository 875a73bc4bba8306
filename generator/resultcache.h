/* resultcache.h - each post's computed results and each node's rumus values, kept between runs so that only what changed is computed again. */
#ifndef REKAP_RESULTCACHE_H
#define REKAP_RESULTCACHE_H

#include "diag.h"
#include "results.h"

/* The file, kept in cache_dir() as hasil-<hash of the records folder's
 * absolute path>.bin beside the records cache: a header (magic, format,
 * rekap's version, the program's, rules' and rekap.yaml's hashes, the
 * records folder, the language of diagnostics, today, the quarters
 * computed and the sizes of the rules), one entry per post, the texts of
 * assessments (each once; posts refer to them), the state of every rumus
 * indicator, one entry per node that is not a post or that a cached rumus
 * applies to, and last a hash of every byte before it.
 *
 * A post's entry holds its quantities for every quarter (unless the image
 * held them as they were when the entry was written), its assessment and
 * its violations, under a key hashing its record files as read
 * (node->source_hash) and the fields computing reads. A node's entry holds
 * the values (every quarter) and keterangan of each rumus indicator, under
 * a hash of the node's subtree: its own record files and fields, then its
 * children's subtree hashes in order; a node above the posts also keeps
 * there the sums of every other indicator (num and den, every quarter)
 * and which of them are inexact (results.inexact), unless the image held
 * them. A rumus indicator that used a node
 * outside the subtree of the node it was evaluated for (its induk, or a
 * node kept from another evaluation), or read the nilai of such an
 * indicator, is not local: it is marked so, nothing of it is kept, and it
 * is computed for every node on every run. */
typedef struct resultcache resultcache;

/* Open the cache for res, whose rules, records and quarters are set, with
 * diagnostics in language l. NULL when there is no cache folder. A file
 * damaged, cut short or written for another records folder is ignored with
 * a note on stderr; one of another version, program, rules, settings,
 * language, day or span of quarters is ignored silently. */
resultcache *resultcache_open(const results *res, lang l);
void resultcache_free(resultcache *rc);

/* Lay res->values, res->post_q and res->inexact over the cache's image of
 * them (hasil-<hash>.img, see resultcache.c), mapped copy-on-write, when it
 * is whole and made for this run's rules, sizes and tree: 1 then (res owns
 * the mapping), else 0: allocate them. An image damaged, cut short or
 * written for another records folder is ignored with a note on stderr. */
int resultcache_map_image(resultcache *rc, results *res);
/* Whether the image's block of the node at index (its values and inexact
 * flags) is right for this run as it lies: its subtree did not change. */
int resultcache_image_node(const resultcache *rc, size_t index);
/* Whether the image's quantities of post p are right as they lie. */
int resultcache_image_post(const resultcache *rc, size_t p);

/* Take post p's (position in recs->posts) quantities and assessment from
 * the cache into res when its entry matches the post. Returns 1 then, 0
 * when it must be computed. Its violations follow with
 * resultcache_violations. */
int resultcache_restore_post(resultcache *rc, results *res, size_t p);
/* Append the violations kept for post p, restored before; returns 0 when
 * it was not restored (then validate it). */
int resultcache_violations(resultcache *rc, results *res, size_t p);

/* Take the sums of node n (not a post) of every indicator but the rumus
 * ones (num and den, every quarter) and its inexact flags (rules->
 * nindicators entries) from the cache when n's subtree did not change; 1
 * then, else 0 (then compute them: what was taken may be partial). */
int resultcache_restore_sums(resultcache *rc, results *res, const node *n,
                             unsigned char *inexact);
/* How many nodes' sums were restored and computed, from the children or
 * over the posts, for REKAP_CACHE_STATS. */
void resultcache_sums_done(resultcache *rc, size_t restored, size_t from_children,
                           size_t from_posts);

/* Whether the values of rumus indicator ind may come from the cache this
 * run: it was local, and no rumus indicator whose nilai it read is
 * computed again everywhere (nonlocal, by indicator, of this run). */
int resultcache_formula_usable(const resultcache *rc, size_t ind, const unsigned char *nonlocal);
/* Take node n's values and keterangan of rumus indicator ind from the
 * cache into res when n's subtree did not change; 1 then, else 0. */
int resultcache_restore_formula(resultcache *rc, results *res, const node *n, size_t ind);
/* What evaluating ind this run found: whether it reached outside the
 * subtree evaluated, and the rumus indicators whose nilai it read (reads,
 * by indicator); usable as resultcache_formula_usable said, computed the
 * number of nodes evaluated. Sets nonlocal[ind] for the indicators after. */
void resultcache_formula_done(resultcache *rc, size_t ind, int usable, int outside,
                              const unsigned char *reads, size_t computed,
                              unsigned char *nonlocal);

/* Print the counts when REKAP_CACHE_STATS is set; then, when ok (the
 * results are complete, no error was found), replace the stored cache
 * (temporary file, then rename) unless nothing changed, and its image when
 * it was not used or had too many stale blocks. A failure is a note on
 * stderr. */
void resultcache_save(resultcache *rc, const results *res, int ok);

#endif
