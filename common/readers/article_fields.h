// What readers and writers of articles share: the Article <-> JSON field table, the cleaning of
// control characters, and the ids of articles that have none of their own.
#ifndef DEPECHE_INCLUDED_READERS_ARTICLE_FIELDS_H
#define DEPECHE_INCLUDED_READERS_ARTICLE_FIELDS_H

#include "article.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

// Article <-> JSON: one row per field, which every reader and writer of an article's JSON loops
// over (JSON Lines input, the stored fields, --export, hits). Rows are in the order --export
// writes them; the stored fields are a sorted JSON object, and hits list theirs in
// hit_field_names()'s order.
enum class ArticleFieldKind {
  kText,   // a string member; absent when empty
  kTitle,  // the optional title; absent when there is none (an empty one is written)
  kDate,   // ISO 8601 at its precision; absent when undated
  kBody,   // the text; written even when empty
  kTags,   // the list of tags, a JSON array of strings; absent when empty
};
struct ArticleField {
  const char* key;
  ArticleFieldKind kind;
  std::string Article::*text;  // the member of kText and kBody rows (nullptr for the others)
  bool always;                 // written even when empty (the id and the body)
  bool of_the_article;         // false for "origin": where it was read, stored but not exported or read from input
};
const std::vector<ArticleField>& article_fields();
// The row of a JSON key; null when no field has it.
const ArticleField* find_article_field(std::string_view key);
// A field's JSON string value; nothing when the field is absent or is not a string (the tags).
std::optional<std::string> field_value(const Article& a, const ArticleField& f);
// Sets a field from a JSON string value: a date must be ISO 8601 (else the article stays undated);
// for the tags, adds one tag.
void set_field_value(Article& a, const ArticleField& f, std::string value);
// Writes the field into the JSON object `j` (nlohmann's json or ordered_json) when the article has it:
// a string, or the tags' array.
template <class Json>
void put_field(Json& j, const Article& a, const ArticleField& f) {
  if (f.kind == ArticleFieldKind::kTags) {
    if (!a.tags.empty()) j[f.key] = a.tags;
  } else if (auto value = field_value(a, f)) {
    j[f.key] = std::move(*value);
  }
}

// The bounds every reader holds tags and standfirsts to.
inline constexpr std::size_t kMaxTags = 100;         // more are dropped (reported)
inline constexpr std::size_t kMaxTagBytes = 200;     // a longer tag is cut (whole UTF-8 characters)
inline constexpr std::size_t kMaxStandfirstBytes = 64 << 10;  // a longer standfirst is cut (reported)

// Bounds and cleans the standfirst and tags a reader collected, and returns what the reader must
// report at the article's line: each tag's control characters and runs of white space made one
// space, trimmed, cut to kMaxTagBytes, empty tags and repeats dropped, at most kMaxTags kept; the
// standfirst cut to kMaxStandfirstBytes, and dropped when the body already holds it (white space
// folded): one text is not stored, nor weighed, twice.
std::vector<std::string> settle_standfirst_and_tags(Article& a);
// Adds each item of a comma-separated keyword list ("économie, social") to `tags`.
void add_comma_separated(std::string_view list, std::vector<std::string>& tags);

// Takes out the control characters (C0, DEL, C1) an input may hide in an article, which would
// otherwise reach a terminal from every printout: each becomes a space in the one-line fields
// (title, standfirst, source, source name, section, author, lang, tags: then trimmed, and a title
// left empty is no title); the
// body keeps its line breaks and tabs, reads a carriage return (or CR LF) as a line break and
// has a space for each other. The id and URL are kept verbatim (docs/robustness.md).
void remove_control_characters(Article& a);

// The URL's host without "www.", the default source; empty when `url` has none.
std::string host_of(const std::string& url);

// The id of an article that has no id or URL of its own, nor a name that is its alone (a feed
// item, a page or text read from stdin): `name`, '#' and a hash of its title, date and text. Its
// position or the name alone would give the same id to another article, which would replace it.
std::string id_from_content(const std::string& name, const Article& a);

// The id of a page or text file without a URL: its name (docs/output-format.md, `id`), or for stdin ("-"),
// which names every such input alike, id_from_content.
std::string id_of_unlinked(const std::string& name, const Article& a);

}  // namespace depeche

#endif
