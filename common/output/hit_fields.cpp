#include "output/hit_fields.h"

#include "output/printer.h"
#include "readers/article_fields.h"
#include "util/error.h"
#include "util/printable.h"

#include <algorithm>
#include <cstdio>

namespace depeche {

const std::vector<std::string>& hit_field_names() {
  static const std::vector<std::string> kNames{
      "rank",   "id",    "score",      "percent", "date", "date_precision", "source", "source_name",
      "section", "tags", "lang",       "author",  "title", "standfirst",    "url",    "snippet"};
  return kNames;
}

void check_fields(const std::vector<std::string>& fields) {
  const auto& names = hit_field_names();
  for (const std::string& f : fields)
    if (std::find(names.begin(), names.end(), f) == names.end()) {
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      throw Error("unknown field '" + f + "' in --fields (known: " + known + ")");
    }
}

namespace {
ojson text_or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }
}  // namespace

// The article's fields in the order hit_field_names() lists them; the others (rank, score,
// percent, snippet) are the hit's own.
void add_article_fields(ojson& j, const Article& a) {
  for (const std::string& name : hit_field_names()) {
    if (name == "date_precision") {
      j[name] = a.date.valid() ? ojson(util::precision_name(a.date.precision)) : ojson(nullptr);
    } else if (name == "tags") {
      j[name] = a.tags;  // [] when there is none
    } else if (const ArticleField* f = find_article_field(name)) {
      auto value = field_value(a, *f);
      j[name] = value ? ojson(std::move(*value)) : ojson(nullptr);
    }
  }
}

ojson article_json(const Article& a) {
  ojson j;
  add_article_fields(j, a);
  return j;
}

ojson hit_json(const Hit& hit) {
  // An ordered object is a vector of pairs with const keys, copied whole each time it grows:
  // room for every key from the start.
  ojson j = ojson::object();
  j.get_ref<ojson::object_t&>().reserve(20);
  j["rank"] = hit.rank;
  j["score"] = hit.score;
  j["percent"] = hit.percent;
  add_article_fields(j, hit.article);
  j["snippet"] = hit.snippet.text;
  ojson marks = ojson::array();
  for (const auto& [from, to] : hit.snippet.marks) marks.push_back({from, to});
  j["highlights"] = marks;
  j["cluster"] = text_or_null(hit.cluster);
  j["copy_count"] = hit.copy_count;
  ojson copies = ojson::array();
  for (const CopyRef& c : hit.copies) copies.push_back({{"id", c.id}, {"source", text_or_null(c.source)}});
  j["copies"] = copies;
  if (hit.update) j["update"] = *hit.update;
  if (hit.explanation) {
    ojson explain = ojson::array();
    for (const TermContribution& c : *hit.explanation) {
      ojson where = ojson::array();
      if (c.in_title) where.push_back("title");
      if (c.in_standfirst) where.push_back("standfirst");
      if (c.in_body) where.push_back("body");
      explain.push_back({{"term", c.term}, {"kind", c.kind}, {"where", where}, {"weight", c.weight}});
    }
    j["explain"] = explain;
  }
  return j;
}

std::string joined_tags(const Article& a) {
  std::string tags;
  for (const std::string& tag : a.tags) tags.append(tags.empty() ? "" : ", ").append(tag);
  return tags;
}

std::string hit_field_text(const Hit& hit, const std::string& field) {
  if (field == "rank") return std::to_string(hit.rank);
  if (field == "percent") return std::to_string(hit.percent);
  if (field == "score") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", hit.score);
    return buf;
  }
  if (field == "snippet") return hit.snippet.text;
  if (field == "tags") return joined_tags(hit.article);
  const ojson j = article_json(hit.article);
  const auto it = j.find(field);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

std::string json_text(const ojson& j) {
  const std::string dumped = j.dump(-1, ' ', false, ojson::error_handler_t::replace);
  std::string out;
  out.reserve(dumped.size());
  char escape[8];
  for (std::size_t i = 0; i < dumped.size(); ++i) {
    // Outside strings JSON is ASCII without controls, so what is found is inside a string.
    const std::size_t control = util::control_character_length(dumped, i);
    if (control == 0) {
      out += dumped[i];
      continue;
    }
    i += control - 1;  // the last byte is the code point (C1 in UTF-8: 0xC2 then 0x80-0x9F)
    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(dumped[i]));
    out += escape;
  }
  return out;
}

std::string title_or_first_words(const Article& a) {
  constexpr std::size_t kUntitledWords = 12;
  if (a.title) return *a.title;
  std::string out;
  std::size_t words = 0;
  bool in_word = false;
  auto without_last_space = [&out] {
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  for (char c : a.body) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    // Words are counted as they begin: the ellipsis says a word was left out, not that text ended.
    if (!space && !in_word && words++ == kUntitledWords) return without_last_space() + " …";
    in_word = !space;
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return without_last_space();
}

}  // namespace depeche
