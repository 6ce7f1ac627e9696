// The one place that names depeche's Xapian term prefixes, value slots and metadata keys.
// Indexing, query parsing and docs/schema.md all derive from the tables below; no other file
// spells out a prefix or a slot number. Prefix letters follow omega's conventions where one fits
// (Q id, S title, U URL, L language, A author, K keywords, Y/M/D dates, Z stemmed), X... for our own.
#ifndef DEPECHE_INCLUDED_SCHEMA_H
#define DEPECHE_INCLUDED_SCHEMA_H

#include <xapian.h>

#include "util/date.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace depeche {
struct Article;  // article.h: plain data, read by the field rows below
}  // namespace depeche

namespace depeche::schema {

// Raised with every change that makes an existing database unreadable or wrongly analysed.
// 2: the body moved from the document data to kSlotBody; 3: the body is LZ4, no longer zlib;
// 4: the fields moved from the document data to kSlotArticle, in front of the body.
// 5: articles without id or URL named anew (docs/robustness.md): a file's by its input folder's name and
// the path below it, a JSON Lines record's or feed item's by its content, never its line.
// 6: the stored body is zstd-compressed, no longer LZ4 (index/stored_article.h).
inline constexpr int kSchemaVersion = 6;
// The last version whose articles without URL --rebuild renames (index/rebuild.cpp).
inline constexpr int kLastSchemaWithRelativeIds = 4;
// Raised when the same text gives other terms or other stored facts.
// 2: a month's day is read only from a dateline, never from a date the body talks about; datelines
// date undated and year-dated articles too (util::find_dateline); a text header may give a year.
// 3: an HTML page's source is its URL's host, not its og:site_name; its title loses a site suffix
// the page confirms, and its body the title repeated above the text (readers/html_reader.cpp).
// 4: countries by every name the press uses, each under one canonical name (analysis/country_names.inc),
// not inside another proper name (Météo-France, France Inter, Coupe de France, Maurice Ravel).
// 5: a word capitalised only at sentence starts has its stem under kPrefixInitialStem, not kPrefixStem;
// the standfirst (description, og:description, a feed item's summary beside its content) is indexed
// with the title and body and stored, with the tags and the site's display name; older databases never
// stored them, so --rebuild leaves them without; near-duplicate clusters from body shingles that are
// neither boilerplate nor code, each article compared with a cluster's first article
// (index/dedup.h, index/clusters.h).
// 6: a teaser-only page republished within a week under its title, its teaser reworded, is a copy
// (dedup::teaser_copies); shingle terms hold 48-bit hashes in 10 characters, and a long body keeps
// one in 2 of its first 60 words' shingles, not all (dedup::shingles).
// 7: the page a URL names (kPrefixSamePage) makes copies of less shared text, and two teaser-only
// pages more than a week apart copies only when they are one page (dedup::same_page_key).
inline constexpr int kAnalysisVersion = 7;

inline constexpr const char* kMetaSchemaVersion = "depeche.schema_version";
inline constexpr const char* kMetaAnalysisVersion = "depeche.analysis_version";
// A sharded database is a folder whose stub file (Xapian's name for it) lists its shards.
inline constexpr const char* kShardStubName = "XAPIANDB";
inline constexpr const char* kShardControlName = "control";  // a sharded database's lock, layout and file records
inline constexpr const char* kMetaShardBy = "depeche.shard_by";  // "year" or "month", in a sharded database's control
inline constexpr const char* kMetaLastRun = "depeche.last_run";  // JSON: when, added, updated, unchanged, deleted, failed
// The synonym table again, as JSON ({"word": ["other", ...]}): Xapian's remote backend serves
// metadata but not the synonym table, so a search over xapian-tcpsrv reads it from here.
inline constexpr const char* kMetaSynonyms = "depeche.synonyms";

// Value slots, each with its encoding: the helpers that write and read one are declared below the enum.
enum Slot : Xapian::valueno {
  kSlotDate = 0,       // encode_date: "YYYYMMDD", "00" for the parts the article does not state; empty if undated
  kSlotSource = 1,     // source name as stored (e.g. "lemonde.fr"), verbatim
  kSlotSection = 2,    // section name, as the article gives it, verbatim
  kSlotLang = 3,       // ISO 639-1 code, verbatim
  kSlotYear = 4,       // encode_year: "YYYY"; empty if undated
  kSlotMonth = 5,      // encode_month: "YYYY-MM"; empty below month precision
  kSlotCountries = 6,  // encode_countries: country names mentioned, each followed by '\n' (multi-valued)
  kSlotCluster = 7,    // own_cluster: near-duplicate cluster key (16 hex digits), the collapse key; every article has one
  kSlotIndexedAt = 8,  // encode_indexed_at: Xapian::sortable_serialise(seconds since the epoch, UTC, with microseconds)
  kSlotContentHash = 9,  // encode_hash: 16 hex digits of the stored article's hash: unchanged articles are not rewritten
  kSlotArticle = 11,     // the article's fields (JSON) then its body, LZ4-compressed (stored_article.h)
  kSlotTags = 12,        // encode_tags: the article's tags, each followed by '\n' (multi-valued)
  // encode_indexed_at: when the article's id first entered the archive, kept by its updates; absent
  // in databases written before it existed (kSlotIndexedAt stands in)
  kSlotFirstIndexedAt = 13,
};

// kSlotDate. decode_date gives the precision the zeros imply; a value that is no such date gives
// an undated Date (precision kNone).
std::string encode_date(int year, int month, int day);
std::string encode_date(const util::Date& date);  // empty when undated
util::Date decode_date(std::string_view value);
// kSlotYear and the year: terms: the date cut to its year; decoded at year precision.
std::string encode_year(const util::Date& date);
util::Date decode_year(std::string_view value);
// kSlotMonth and the month: terms: the date cut to its month, empty below month precision.
std::string encode_month(const util::Date& date);
util::Date decode_month(std::string_view value);
// The multi-valued slots (Values::kMulti) hold their values each followed by '\n' (which no value
// holds), so a facet counts each; encode_multi and decode_multi are what their pairs below share.
std::string encode_multi(const std::vector<std::string>& values);
std::vector<std::string> decode_multi(std::string_view value);
// kSlotCountries: sorted canonical names.
inline std::string encode_countries(const std::vector<std::string>& countries) { return encode_multi(countries); }
inline std::vector<std::string> decode_countries(std::string_view value) { return decode_multi(value); }
// kSlotTags: the tags in the article's order, one spelling of each folded tag.
inline std::string encode_tags(const std::vector<std::string>& tags) { return encode_multi(tags); }
inline std::vector<std::string> decode_tags(std::string_view value) { return decode_multi(value); }
// kSlotIndexedAt and kSlotFirstIndexedAt: sortable, so that --indexed-since and --new are value ranges.
std::string encode_indexed_at(double seconds_since_epoch);
double decode_indexed_at(std::string_view value);
// kSlotContentHash and kSlotCluster: a 64-bit hash as 16 lower-case hex digits; nullopt when
// the value is not that.
std::string encode_hash(std::uint64_t hash);
std::optional<std::uint64_t> decode_hash(std::string_view value);

// How a field's value is read from an article (article.h): the text its terms are made
// of, before folding, or a slot's value, encoded; empty when the article has none.
using ArticleText = std::string (*)(const Article&);

enum class FieldKind {
  kFreeText,  // analysed words, positional: matched by the query's words
  kBoolean,   // exact value, a filter that never changes the score
  kDate,      // parsed date or range, filtered through value kSlotDate (day terms D are kept for exact filters)
};
enum class Folding {
  kFolded,    // terms hold the value folded (lower case, no accents), as the query folds what is typed
  kVerbatim,  // terms hold the value exactly as written
};
enum class Values { kSingle, kMulti };
enum class FacetKind {
  kNone,
  kValue,       // --facet counts each value, largest counts first
  kTimeSeries,  // --facet counts periods, shown in time order
};

struct Field {
  std::string_view name;    // what users type before ':' and what JSON calls it
  std::string_view prefix;  // Xapian term prefix
  FieldKind kind;
  Folding folding;
  bool stemmed;  // its words' stems are indexed too, under kPrefixStem + prefix
  Values values;
  std::optional<Xapian::valueno> slot;  // the value slot indexing fills
  FacetKind facet;                      // how --facet NAME counts `slot`
  ArticleText read;                     // its terms' value; nullptr: found in the text by analysis
  ArticleText slot_value;               // `slot`'s encoded value; nullptr: from what analysis found
  std::string_view description;

  std::optional<Xapian::valueno> facet_slot() const {
    return facet == FacetKind::kNone ? std::nullopt : slot;
  }
};

// The fields' values in an article, for the rows' `read` and `slot_value`.
namespace article {
std::string title(const Article& a);
std::string standfirst(const Article& a);
std::string tags(const Article& a);  // encode_tags of its tags
std::string author(const Article& a);
std::string source(const Article& a);
std::string section(const Article& a);
std::string lang(const Article& a);
std::string url(const Article& a);
std::string id(const Article& a);
std::string year(const Article& a);   // encode_year of its date
std::string month(const Article& a);  // encode_month of its date
std::string day(const Article& a);    // its date, YYYY-MM-DD, at day precision only
std::string date(const Article& a);   // encode_date of its date
}  // namespace article

// One row per user-facing field, in the order docs, completions and error messages list them.
inline constexpr std::array<Field, 13> kFields{{
    {"title", "S", FieldKind::kFreeText, Folding::kFolded, true, Values::kSingle, std::nullopt, FacetKind::kNone,
     article::title, nullptr, "words of the title"},
    {"standfirst", "XSF", FieldKind::kFreeText, Folding::kFolded, true, Values::kSingle, std::nullopt,
     FacetKind::kNone, article::standfirst, nullptr, "words of the standfirst, the teaser above the text"},
    {"author", "A", FieldKind::kFreeText, Folding::kFolded, false, Values::kSingle, std::nullopt, FacetKind::kNone,
     article::author, nullptr, "words of the author's name"},
    {"source", "XSRC", FieldKind::kBoolean, Folding::kFolded, false, Values::kSingle, kSlotSource, FacetKind::kValue,
     article::source, article::source, "publisher, given or the URL's host"},
    {"section", "XSEC", FieldKind::kBoolean, Folding::kFolded, false, Values::kSingle, kSlotSection, FacetKind::kValue,
     article::section, article::section, "section of the publication"},
    {"lang", "L", FieldKind::kBoolean, Folding::kFolded, false, Values::kSingle, kSlotLang, FacetKind::kValue,
     article::lang, article::lang, "language code of the article"},
    {"country", "XCTRY", FieldKind::kBoolean, Folding::kFolded, false, Values::kMulti, kSlotCountries,
     FacetKind::kValue, nullptr, nullptr, "a country the article mentions"},
    {"tag", "K", FieldKind::kBoolean, Folding::kFolded, false, Values::kMulti, kSlotTags, FacetKind::kValue,
     article::tags, article::tags, "a keyword or category the publisher gave"},
    {"url", "U", FieldKind::kBoolean, Folding::kVerbatim, false, Values::kSingle, std::nullopt, FacetKind::kNone,
     article::url, nullptr, "the article's URL"},
    {"id", "Q", FieldKind::kBoolean, Folding::kVerbatim, false, Values::kSingle, std::nullopt, FacetKind::kNone,
     article::id, nullptr, "the article's id"},
    {"year", "Y", FieldKind::kBoolean, Folding::kVerbatim, false, Values::kSingle, kSlotYear, FacetKind::kTimeSeries,
     article::year, article::year, "year of publication"},
    {"month", "M", FieldKind::kBoolean, Folding::kVerbatim, false, Values::kSingle, kSlotMonth,
     FacetKind::kTimeSeries, article::month, article::month, "month of publication, YYYY-MM"},
    {"date", "D", FieldKind::kDate, Folding::kVerbatim, false, Values::kSingle, kSlotDate, FacetKind::kNone,
     article::day, article::date, "day, month, year or range of publication"},
}};

// The facets in the order --help, --facet's choices and the unknown-facet message list them.
inline constexpr std::array<std::string_view, 7> kFacetOrder{"source", "year", "month", "section",
                                                             "lang",   "country", "tag"};
// kFacetOrder joined by `separator`: "source, year, month, section, lang, country, tag".
std::string facet_names(std::string_view separator);

// Looks a field up by its user-facing name; nullptr when there is none.
const Field* find_field(std::string_view name);
// The row named `name`, which must exist (a programming error otherwise).
const Field& field(std::string_view name);

// Terms that are not user-facing fields.
// Positions of the unprefixed words: the title's from 1, then this many left empty, so that no
// phrase spans title and body, then the standfirst's when there is one, followed by the same gap,
// then the body's (first_body_position).
inline constexpr Xapian::termpos kTitleBodyGap = 100;
inline Xapian::termpos first_body_position(std::size_t title_words, std::size_t standfirst_words) {
  const std::size_t standfirst = standfirst_words ? standfirst_words + kTitleBodyGap : 0;
  return static_cast<Xapian::termpos>(title_words + kTitleBodyGap + standfirst + 1);
}
inline constexpr std::string_view kPrefixStem = "Z";        // stemmed word, no positions
inline constexpr std::string_view kPrefixTitleStem = "ZS";  // stemmed title word
inline constexpr std::string_view kPrefixName = "XN";  // word seen capitalised inside a sentence
// The stem of a word an article writes only capitalised at sentence starts ("Mali : ...", "Malades,
// ils..."): a name or not, as the archive decides at query time (query/names.h).
inline constexpr std::string_view kPrefixInitialStem = "XZ";
inline constexpr std::string_view kPrefixInitialTitleStem = "XZS";  // the same, of a title word
inline constexpr std::string_view kPrefixCluster = "XCL";  // near-duplicate cluster key
inline constexpr std::string_view kUndatedTerm = "XUNDATED";
// On every article whose cluster has another article: an article without it is alone in the
// cluster named after its id (own_cluster), which a search then knows without reading a value.
inline constexpr std::string_view kHasCopiesTerm = "XCOPIES";
inline constexpr std::string_view kPrefixOriginFile = "XF";  // hash of an input file that gave the article
inline constexpr std::string_view kPrefixShingle = "XSH";  // a body shingle (dedup::shingles): its term frequency counts the bodies with it
// On every article whose body's shingles are all kept (dedup::Shingles::whole): short bodies.
inline constexpr std::string_view kWholeBodyTerm = "XWHOLEBODY";
// The page its URL names as its publisher does (dedup::same_page_key): the copies found by their address.
inline constexpr std::string_view kPrefixSamePage = "XPG";

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
// The metadata a database of this depeche records: each version key with its value.
std::array<std::pair<const char*, std::string>, 2> version_metadata();
// Records version_metadata() in `db` (committed with the caller's next commit).
void stamp_versions(Xapian::WritableDatabase& db);

// Clusters (kSlotCluster, kPrefixCluster). The cluster an article starts in, named after its id,
// until it is found to copy another.
std::string own_cluster(std::string_view id);
std::string cluster_term(std::string_view cluster);
// The term that marks the articles an input file gave (kPrefixOriginFile), from the key that
// records the file; empty for an empty key (articles read from stdin come from no file).
std::string origin_file_term(std::string_view file_key);
// Puts the document in `cluster`, out of any it was in.
void set_cluster(Xapian::Document& doc, const std::string& cluster);
// The term of one body shingle's hash, a 48-bit value (dedup::kShingleBits): kPrefixShingle + 10
// characters of 0-9a-v, 5 bits each, so a term is 13 bytes, not 19 with 16 hex digits; and back,
// nullopt when the characters after the prefix are not that.
std::string shingle_term(std::uint64_t shingle);
std::optional<std::uint64_t> decode_shingle(std::string_view after_prefix);

}  // namespace depeche::schema

#endif
