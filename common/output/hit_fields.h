// The printable fields of a hit, shared by the JSON, table and text printers.
#ifndef DEPECHE_INCLUDED_OUTPUT_HIT_FIELDS_H
#define DEPECHE_INCLUDED_OUTPUT_HIT_FIELDS_H

#include "query/searcher.h"

#include <nlohmann/json.hpp>

namespace depeche {

using ojson = nlohmann::ordered_json;

// The article's fields as JSON (the shape of --show and of each hit, without hit-only fields),
// alone or added to an object.
ojson article_json(const Article& a);
void add_article_fields(ojson& j, const Article& a);
// A hit: rank, score, percent, then the article's fields, then snippet and its highlights.
ojson hit_json(const Hit& hit);
// The title, or for an untitled article its first twelve words (then " …" when the body goes on).
std::string title_or_first_words(const Article& a);
// The article's tags as one line, "économie, social" (empty when it has none).
std::string joined_tags(const Article& a);
// One field of a hit as plain text (empty for null), for tables.
std::string hit_field_text(const Hit& hit, const std::string& field);
// `j` on one line, every control character escaped: nlohmann escapes U+0000-U+001F but writes
// DEL and the C1 controls (U+0080-U+009F, CSI among them) as they are, which a terminal obeys.
std::string json_text(const ojson& j);

}  // namespace depeche

#endif
