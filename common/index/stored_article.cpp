#include "index/stored_article.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

namespace depeche {

using nlohmann::json;

std::string store_article(const Article& a) {
  json j = {{"id", a.id}, {"body", a.body}};
  if (a.title) j["title"] = *a.title;
  if (a.date.valid()) j["date"] = a.date.iso();
  for (const auto& [key, value] : {std::pair{"url", &a.url}, {"source", &a.source}, {"section", &a.section},
                                   {"lang", &a.lang}, {"author", &a.author}, {"origin", &a.origin}})
    if (!value->empty()) j[key] = *value;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Article load_article(const std::string& data) {
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) throw Error("stored article is not a JSON object");
  Article a;
  auto text = [&](const char* key) { return j.value(key, std::string{}); };
  a.id = text("id");
  a.url = text("url");
  a.source = text("source");
  a.section = text("section");
  a.lang = text("lang");
  a.author = text("author");
  a.origin = text("origin");
  a.body = text("body");
  if (j.contains("title")) a.title = text("title");
  if (auto d = util::parse_iso_date(text("date"))) a.date = *d;
  return a;
}

}  // namespace depeche
