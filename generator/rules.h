/* rules.h - the Lua rules: elements, quantities, indicators and the assessment of posts, run sandboxed. */
#ifndef REKAP_RULES_H
#define REKAP_RULES_H

#include "diag.h"
#include "node_kind.h"
#include "util.h"

typedef struct lua_State lua_State;

typedef enum { AGG_SUM, AGG_LAST, AGG_MAX, AGG_AVERAGE } agg_kind;

/* What a cell of an element may hold (tipe in Lua). */
typedef enum {
	TYPE_WHOLE,   /* "bulat": whole numbers (the default) */
	TYPE_DECIMAL, /* "desimal": any number */
	TYPE_YES_NO   /* "ya_tidak": 0 or 1 */
} element_type;

/* A data element: one column of laporan.csv, or two (_l and _p) when split
 * by sex. */
typedef struct element {
	const char *id, *label, *description;
	const char *label_en, *description_en; /* label_en, arti_en: for English sites, or NULL */
	int by_sex;
	int optional; /* opsional: a laporan.csv without its columns is not warned about */
	agg_kind agg; /* how months add up to a quarter */
	element_type type;
	double min, max; /* bounds checked on every cell */
	const char *source; /* sumber: document, year, section; NULL when none */
	int local; /* lokal = true: a local proposal, no published source */
	const char *file;
	int line;
} element;

/* One column of laporan.csv after the fixed periode and tanggal_lapor. */
typedef struct column {
	const char *name; /* "sakit_l", "hari_buka" */
	size_t element; /* index into rules.elements */
	int sex; /* 0 none, 'l' or 'p' */
} column;

/* Quantities known for every post and quarter. The first ones are fixed
 * (computed by the engine from the records); then come element totals and
 * their _l/_p parts; then those defined in Lua (besaran). */
enum {
	Q_POS_ADA,            /* 1 when the post exists in the quarter and is not dissolved */
	Q_BULAN_ADA,          /* months of the quarter in which it exists */
	Q_LAPORAN_DIHARAPKAN, /* monthly reports expected (= bulan_ada) */
	Q_LAPORAN_DITERIMA,   /* monthly reports received (a quarter row counts as all months) */
	Q_LAPORAN_TEPAT_WAKTU,/* reports received by the deadline */
	Q_BULAN_AKTIF,        /* months with hari_buka >= 1 */
	Q_KADER,              /* cadres registered */
	Q_KADER_AKTIF,        /* active cadres */
	Q_KADER_TERLATIH,     /* active cadres who were trained */
	Q_FIXED_COUNT
};

typedef struct quantity {
	const char *id, *label;
	int lua_ref; /* LUA_NOREF unless defined by a Lua function */
	size_t element; /* for element quantities */
	int sex; /* for element quantities: 0 total, 'l', 'p' */
	int is_element;
	const char *file;
	int line;
} quantity;

typedef struct target_year {
	int year; /* 0 = every year without its own entry */
	double value;
} target_year;

typedef enum {
	IND_RATIO,   /* pembilang / penyebut: sums of quantities */
	IND_COUNT,   /* pembilang only */
	IND_SHARE,   /* persen_pos: posts for which a quantity is true / posts that exist */
	IND_FUNCTION /* rumus: a Lua function of a node and a period */
} indicator_kind;

/* Levels an indicator applies to (berlaku), as bits of node_kind. */
#define LEVEL_BIT(kind) (1u << (kind))
#define LEVELS_ALL 0xffffu

typedef struct indicator {
	const char *id, *label, *definition, *unit;
	const char *label_en, *definition_en; /* label_en, arti_en: for English sites, or NULL */
	indicator_kind kind;
	size_t *num_terms, nnum; /* quantities summed in the numerator */
	size_t *den_terms, nden; /* ... and in the denominator (ratio only) */
	int by_month; /* a ratio of elements added up over the months: each side
	                 counts only the reports that give the other (compute.c) */
	const char *num_text, *den_text; /* as written in Lua, for explanations */
	double factor;
	target_year *targets;
	size_t ntargets;
	const char *source; /* sumber: document, year, section; NULL when none */
	int local; /* lokal = true: a local proposal, no published source */
	const char *target_source; /* target_sumber, NULL when none */
	int target_local; /* target_lokal = true */
	int higher_is_better;
	int key; /* utama = true: shown in overview tables */
	unsigned levels; /* LEVEL_BIT of each node kind it applies to */
	int lua_ref; /* IND_FUNCTION: the rumus function */
	const char *file;
	int line;
} indicator;

/* Whether an indicator is shown for nodes of a kind. */
int indicator_applies(const indicator *ind, node_kind kind);

typedef enum { OP_LT, OP_LE, OP_EQ, OP_NE, OP_GE, OP_GT } compare_op;

/* What a validation rule does when a side has values that were not reported
 * (DHIS2's missing value strategy). */
typedef enum {
	MISSING_SKIP_IF_ANY, /* skip when any value is missing (default) */
	MISSING_SKIP_IF_ALL, /* skip only when every value is missing; others count as 0 */
	MISSING_NEVER_SKIP   /* missing values count as 0 */
} missing_strategy;

/* One side of a validation rule: a sum of quantities, or a constant. */
typedef struct rule_side {
	size_t *terms;
	size_t nterms;
	double constant; /* used when nterms is 0 */
	const char *text; /* as written, for messages */
} rule_side;

typedef struct validation {
	const char *id, *message;
	const char *message_en; /* pesan_en: the message in English, or NULL to use message */
	rule_side left, right;
	compare_op op;
	int importance; /* 0 tinggi (high), 1 sedang (medium), 2 rendah (low) */
	missing_strategy missing;
	int monthly; /* evaluated on every report row (only elements involved) */
	int per_quarter; /* periode = "triwulan": checked once per quarter even so */
	const char *file;
	int line;
} validation;

const char *compare_op_text(compare_op op);

typedef struct vocab {
	const char *id, *label;
	const char *label_en; /* for English sites, or NULL */
} vocab;

/* A rules file as it was run: rules_clone runs the same text again. */
typedef struct rules_source {
	const char *path, *data;
	size_t len;
} rules_source;

typedef struct rules rules;
struct rules {
	arena *arena;
	lua_State *L; /* sandboxed (sandbox.h) */
	element *elements;
	size_t nelements;
	column *columns;
	size_t ncolumns;
	quantity *quantities;
	size_t nquantities;
	indicator *indicators;
	size_t nindicators;
	validation *validations;
	size_t nvalidations;
	vocab *facilities, *funding, *levels;
	size_t nfacilities, nfunding, nlevels;
	/* isian_kabupaten: year fields of kabupaten.md/kota.md */
	vocab *district_fields;
	size_t ndistrict_fields;
	int deadline_day; /* a month's report is on time when it arrives by this day of the next month */
	double completeness_min; /* percent of expected reports below which the published quarter is warned about */
	const char *completeness_file; /* where ambang_kelengkapan was called, NULL when not */
	int completeness_line;
	int assess_ref; /* Lua function assessing a post, LUA_NOREF when absent */
	const char *assess_file;
	int assess_line;
	size_t hari_buka_col; /* column index of hari_buka, or (size_t)-1 */
	size_t pekerja_quantity; /* quantity index of pekerja (registered workers), or (size_t)-1 */
	const char *dir_name; /* last component of the rules folder */
	const char *dir; /* the rules folder as given */
	rules_source *sources; /* every file run, in order */
	size_t nsources, capsources;
	lang site_lang; /* the language rules_set_language was given */
	/* pribadi { ... }: front matter fields and kader.csv columns holding
	 * personal data; records may hold them, nothing publishes them */
	const char **private_fields;
	size_t nprivate;
};

/* A hash of the rules as they were run: the folder's last component and
 * each file's name and bytes (never read again from disk). */
uint64_t rules_sources_hash(const rules *r);

/* Load every *.lua file of dir in name order into a sandboxed Lua state (no
 * io, os, require, load, dofile; bounded instructions and memory). Returns a
 * rules object (free with rules_free) or NULL after recording diagnostics
 * that name file:line. */
rules *rules_load(const char *dir, diag_list *diags);
void rules_free(rules *r);
/* A second rules object running the same files' text in a Lua state of its
 * own, in the same language, for another thread; NULL when that fails
 * (nothing is reported: the caller goes on without it). */
rules *rules_clone(const rules *r);
/* Use the English labels and meanings (label_en, arti_en) where the rules
 * give them, when the site is in English (bahasa: en); also sets the Lua
 * global "bahasa" ("id" or "en") for functions that write text. */
void rules_set_language(rules *r, lang l);

/* A rule's file as pages show it: the rules folder's own name and the file
 * name ("lua/03-indikator.lua"), the same wherever the folder lives. */
void rules_display_file(const rules *r, const char *file, buf *out);

/* Whether the rules mark a front matter field or kader.csv column private
 * (pribadi). r may be NULL (nothing is private then). */
int rules_is_private(const rules *r, const char *name);

size_t rules_find_quantity(const rules *r, const char *id);
/* The same for the string at stack index idx of the rules' Lua state L:
 * one table lookup, for functions Lua calls often. */
size_t rules_quantity_at(const rules *r, lua_State *L, int idx);
size_t rules_find_indicator(const rules *r, const char *id);
const vocab *rules_find_vocab(const vocab *v, size_t n, const char *id);
/* The target of an indicator for a year; returns 0 when it has none. */
int rules_target(const indicator *ind, int year, double *target);

/* Evaluate the Lua-defined quantities of one post and quarter: q holds
 * rules->nquantities values (NAN = not reported); entries of Lua quantities
 * are filled in. Errors name the post's file and the quarter (year * 4 +
 * quarter - 1). */
int rules_eval_quantities(rules *r, double *q, const char *post_file, int quarter,
                          diag_list *diags);

/* Call the function below nargs arguments on the Lua stack with a fresh CPU
 * budget; 0 on success (nresults pushed), else the error message is left
 * on the stack for rules_report_error. */
int rules_pcall(rules *r, int nargs, int nresults);
/* Pop a Lua error message and record it at the file:line it names (else
 * fallback_file:fallback_line), prefixed with context. */
void rules_report_error(rules *r, const char *fallback_file, int fallback_line,
                        const char *context, diag_list *diags);
/* Record that a rumus gave v, a nan or an infinity, as its value (part
 * NULL) or as its "pembilang" or "penyebut": rekap's "not reported" is
 * nil, and an infinity cannot be published, so neither is taken. */
void rules_report_nonfinite(const char *file, int line, const char *context, const char *part,
                            double v, diag_list *diags);
/* The language rule errors are raised in (diags->lang of rules_load). */
lang rules_lang(const rules *r);

/* The result of assessing one post. Strings live in the rules' arena. */
typedef struct criterion_result {
	const char *id, *label, *advice;
	int met;
} criterion_result;

typedef struct assessment {
	const char *level; /* one of rules->levels */
	size_t level_index;
	double score; /* 0..100 */
	criterion_result *criteria;
	size_t ncriteria;
	int valid;
} assessment;

/* Input to the assessment, prepared by compute. */
typedef struct assess_input {
	const char *name, *status, *trade;
	const char **facilities;
	size_t nfacilities;
	const char **funding;
	size_t nfunding;
	double workers, cadres, cadres_active, cadres_trained;
	double months_existing, months_active, months_reported, months_counselling;
	double counselling_sessions;
} assess_input;

/* Assess one post in a quarter; errors name the post's file and the quarter. */
int rules_assess(rules *r, const assess_input *in, assessment *out, const char *post_file,
                 int quarter, diag_list *diags);

#endif
