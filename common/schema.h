// The one place that names depeche's Xapian term prefixes, value slots and metadata keys.
// Indexing, query parsing and docs/schema.md all derive from the tables below; no other file
// spells out a prefix or a slot number. Prefix letters follow omega's conventions where one fits
// (Q id, S title, U URL, L language, A author, Y/M/D dates, Z stemmed), X... for our own.
#ifndef DEPECHE_INCLUDED_SCHEMA_H
#define DEPECHE_INCLUDED_SCHEMA_H

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace depeche::schema {

// Raised with every change that makes an existing database unreadable or wrongly analysed.
// 2: the body moved from the document data to kSlotBody; 3: the body is LZ4, no longer zlib;
// 4: the fields moved from the document data to kSlotArticle, in front of the body.
// 5: articles without id or URL named anew (decisions.md 1): a file's by its input folder's name and
// the path below it, a JSON Lines record's or feed item's by its content, never its line.
inline constexpr int kSchemaVersion = 5;
// The last version whose articles without URL --rebuild renames (index/rebuild.cpp).
inline constexpr int kLastSchemaWithRelativeIds = 4;
// Raised when the same text gives other terms or other stored facts.
// 2: a month's day is read only from a dateline, never from a date the body talks about; datelines
// date undated and year-dated articles too (util::find_dateline); a text header may give a year.
// 3: an HTML page's source is its URL's host, not its og:site_name; its title loses a site suffix
// the page confirms, and its body the title repeated above the text (readers/html_reader.cpp).
inline constexpr int kAnalysisVersion = 3;

inline constexpr const char* kMetaSchemaVersion = "depeche.schema_version";
inline constexpr const char* kMetaAnalysisVersion = "depeche.analysis_version";
// A sharded database is a folder whose stub file (Xapian's name for it) lists its shards.
inline constexpr const char* kShardStubName = "XAPIANDB";
inline constexpr const char* kShardControlName = "control";  // a sharded database's lock, layout and file records
inline constexpr const char* kMetaShardBy = "depeche.shard_by";  // "year" or "month", in a sharded database's control
inline constexpr const char* kMetaLastRun = "depeche.last_run";  // JSON: when, added, updated, unchanged, deleted, failed

// Value slots, each with its encoding.
enum Slot : Xapian::valueno {
  kSlotDate = 0,       // "YYYYMMDD", "00" for the parts the article does not state; empty if undated
  kSlotSource = 1,     // source name as stored (e.g. "lemonde.fr")
  kSlotSection = 2,    // section name, as the article gives it
  kSlotLang = 3,       // ISO 639-1 code
  kSlotYear = 4,       // "YYYY"; empty if undated
  kSlotMonth = 5,      // "YYYY-MM"; empty below month precision
  kSlotCountries = 6,  // country names mentioned, each followed by '\n' (multi-valued)
  kSlotCluster = 7,    // near-duplicate cluster key (16 hex digits), the collapse key; every article has one
  kSlotIndexedAt = 8,  // Xapian::sortable_serialise(seconds since the epoch, UTC, with microseconds)
  kSlotContentHash = 9,  // 16 hex digits of the stored article's hash: unchanged articles are not rewritten
  kSlotSignature = 10,   // dedup::encode(MinHash signature), 32 little-endian uint64; absent for very short texts
  kSlotArticle = 11,     // the article's fields (JSON) then its body, LZ4-compressed (stored_article.h)
};

enum class FieldKind {
  kFreeText,  // analysed words, positional: matched by the query's words
  kBoolean,   // exact value, a filter that never changes the score
  kDate,      // parsed date or range, filtered through value kSlotDate (day terms D are kept for exact filters)
};

struct Field {
  std::string_view name;    // what users type before ':' and what JSON calls it
  std::string_view prefix;  // Xapian term prefix
  FieldKind kind;
  std::optional<Xapian::valueno> facet_slot;  // slot counted by --facet NAME
  std::string_view description;
};

// One row per user-facing field, in the order docs and completions list them.
inline constexpr std::array<Field, 11> kFields{{
    {"title", "S", FieldKind::kFreeText, std::nullopt, "words of the title"},
    {"author", "A", FieldKind::kFreeText, std::nullopt, "words of the author's name"},
    {"source", "XSRC", FieldKind::kBoolean, kSlotSource, "publisher, given or the URL's host"},
    {"section", "XSEC", FieldKind::kBoolean, kSlotSection, "section of the publication"},
    {"lang", "L", FieldKind::kBoolean, kSlotLang, "language code of the article"},
    {"country", "XCTRY", FieldKind::kBoolean, kSlotCountries, "a country the article mentions"},
    {"url", "U", FieldKind::kBoolean, std::nullopt, "the article's URL"},
    {"id", "Q", FieldKind::kBoolean, std::nullopt, "the article's id"},
    {"year", "Y", FieldKind::kBoolean, kSlotYear, "year of publication"},
    {"month", "M", FieldKind::kBoolean, kSlotMonth, "month of publication, YYYY-MM"},
    {"date", "D", FieldKind::kDate, std::nullopt, "day, month, year or range of publication"},
}};

// Looks a field up by its user-facing name; nullptr when there is none.
const Field* find_field(std::string_view name);
// The row named `name`, which must exist (a programming error otherwise).
const Field& field(std::string_view name);

// Terms that are not user-facing fields.
// Positions of the unprefixed words: the title's from 1, then this many left empty, so that no
// phrase spans title and body, then the body's: its first word is at title words + kTitleBodyGap + 1.
inline constexpr Xapian::termpos kTitleBodyGap = 100;
inline constexpr std::string_view kPrefixStem = "Z";        // stemmed word, no positions
inline constexpr std::string_view kPrefixTitleStem = "ZS";  // stemmed title word
inline constexpr std::string_view kPrefixName = "XN";  // word seen capitalised inside a sentence
inline constexpr std::string_view kPrefixCluster = "XCL";  // near-duplicate cluster key
inline constexpr std::string_view kUndatedTerm = "XUNDATED";
// On every article whose cluster has another article: an article without it is alone in the
// cluster named after its id (own_cluster), which a search then knows without reading a value.
inline constexpr std::string_view kHasCopiesTerm = "XCOPIES";
inline constexpr std::string_view kPrefixOriginFile = "XF";  // hash of an input file that gave the article
inline constexpr std::string_view kPrefixBand = "XB";  // MinHash LSH band: articles sharing one are compared

// Metadata: one key per input file indexed (its size, mtime, hash), so reruns skip what is unchanged.
inline constexpr std::string_view kMetaFilePrefix = "depeche.file:";

// Facet columns (index/facet_columns.h), so --facet counts by docid without reading value streams.
// Per single-valued facet slot: a dictionary of its distinct values, each written as
// "<byte length>:<bytes>", code = position + 1, 0 = no value, append-only; and blocks of
// kFacetBlockDocs docids (block b holds docids b*kFacetBlockDocs+1 onwards), one uint16
// little-endian code each, cut short after the last docid with a value. A dictionary that reaches
// 65,536 values is full: that column is no longer kept and searches count the value slot.
inline constexpr std::string_view kMetaFacetDictPrefix = "depeche.facet_dict:";    // + slot number
inline constexpr std::string_view kMetaFacetBlockPrefix = "depeche.facet_block:";  // + slot ":" block number
inline constexpr const char* kMetaFacetDocids = "depeche.facet_docids";  // last docid the columns cover, decimal
inline constexpr Xapian::docid kFacetBlockDocs = 16384;  // 32 KB a block: a commit rewrites few bytes

// Xapian's limit on a term is 245 bytes; longer boolean values are cut and hashed to fit,
// as omega's hashterm does, so long URLs and ids stay unique and searchable.
std::string boolean_term(std::string_view prefix, std::string_view value);
inline std::string id_term(std::string_view id) { return boolean_term(field("id").prefix, id); }

// Why this database cannot be used by this depeche (schema or analysis version differs),
// or nullopt when it can. A new, empty database has no versions yet and is fine.
std::optional<std::string> version_mismatch(const Xapian::Database& db);

// The date slot's encoding, shared by indexing and the range filter.
std::string encode_date(int year, int month, int day);

}  // namespace depeche::schema

#endif
