#include "readers/html_metadata.h"

#include "readers/article_fields.h"
#include "readers/html_markup.h"
#include "readers/html_reader.h"
#include "readers/html_tree.h"
#include "util/ascii.h"
#include "util/charset.h"
#include "util/date_parse.h"
#include "util/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace depeche::html {

using markup::TextBuilder;
using markup::is_absolute_url;
using nlohmann::json;
using util::iequals;
using util::trim_copy;

namespace {

constexpr std::size_t kCharsetPrescan = 16 << 10;
constexpr int kJsonMaxDepth = 24;
constexpr std::size_t kMaxJsonLdBytes = 4 << 20;

}  // namespace

std::string clean_inline(std::string_view s, std::size_t max_bytes) {
  std::string out;
  if (s.find('&') != std::string_view::npos || s.find('<') != std::string_view::npos) {
    out = html_to_text(s, 32, max_bytes);
    for (char& c : out)
      if (c == '\n') c = ' ';
    // collapse the blank lines html_to_text may have put between blocks
    std::string collapsed;
    for (char c : out)
      if (!(c == ' ' && !collapsed.empty() && collapsed.back() == ' ')) collapsed += c;
    out = trim_copy(collapsed);
  } else {
    TextBuilder b(max_bytes);
    b.text(s);
    out = b.take();
  }
  return std::string(util::utf8_prefix(out, max_bytes));
}

namespace {

std::string charset_from_content_type(std::string_view content) {
  for (std::size_t i = 0; i + 7 <= content.size(); ++i) {
    if (!iequals(content.substr(i, 7), "charset")) continue;
    std::string_view rest = content.substr(i + 7);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '=')) rest.remove_prefix(1);
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ';' && rest[end] != ' ' && rest[end] != '"' && rest[end] != '\'') ++end;
    return std::string(rest.substr(0, end));
  }
  return {};
}

}  // namespace

PageScan scan_page(xmlDoc* doc, std::size_t max_depth) {
  PageScan scan;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return scan;
  if (is_element(root, "html")) scan.html = root;
  walk_elements(root, max_depth, scan.too_deep, [&](xmlNode* n, std::size_t) {
    const char* name = cname(n);
    if (iequals(name, "svg") || iequals(name, "math")) return false;
    if (iequals(name, "body") && !scan.body) scan.body = n;
    else if (iequals(name, "meta")) {
      std::string content = attr(n, "content");
      for (const char* key_attr : {"property", "name", "itemprop"}) {
        std::string key = attr(n, key_attr);
        if (key.empty()) continue;
        for (char& c : key)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (!content.empty()) scan.meta.emplace(key, content);
        if (key == "article:tag") scan.tags.push_back(content);
      }
      const std::string equiv = attr(n, "http-equiv");
      if (iequals(equiv, "content-type") && scan.charset.empty()) scan.charset = charset_from_content_type(content);
      if (iequals(equiv, "content-language") && !content.empty()) scan.meta.emplace("content-language", content);
      if (const std::string cs = attr(n, "charset"); !cs.empty() && scan.charset.empty()) scan.charset = cs;
    } else if (iequals(name, "link")) {
      if (scan.canonical.empty()) {
        for (const std::string& rel : split_tokens(attr(n, "rel")))
          if (iequals(rel, "canonical")) scan.canonical = trim_copy(attr(n, "href"));
      }
    } else if (iequals(name, "title")) {
      if (scan.title.empty()) scan.title = clean_inline(subtree_text(n, 8, kMaxTitleBytes));
      return false;
    } else if (iequals(name, "h1")) {
      if (!scan.h1) scan.h1 = n;
    } else if (iequals(name, "time")) {
      if (scan.times.size() < 64 && has_attr(n, "datetime")) scan.times.push_back(n);
    } else if (iequals(name, "script")) {
      const std::string type = attr(n, "type");
      if (iequals(trim_copy(type), "application/ld+json") && scan.json_ld.size() < 32)
        scan.json_ld.push_back(raw_text(n, kMaxJsonLdBytes));
      return false;
    } else if (iequals(name, "style")) {
      return false;
    } else if (iequals(name, "article")) {
      if (scan.articles.size() < 256) scan.articles.push_back(n);
    } else if (iequals(name, "main")) {
      if (scan.mains.size() < 256) scan.mains.push_back(n);
    }
    if (has_attr(n, "itemprop")) {
      for (const std::string& prop : split_tokens(attr(n, "itemprop")))
        if (iequals(prop, "articleBody") && !iequals(name, "meta") && scan.article_bodies.size() < 256)
          scan.article_bodies.push_back(n);
    }
    if (iequals(attr(n, "role"), "main") && !iequals(name, "main") && scan.mains.size() < 256) scan.mains.push_back(n);
    return true;
  });
  return scan;
}

std::string declared_html_charset(std::string_view bytes, std::size_t max_attributes) {
  if (std::string xml = util::xml_declared_encoding(bytes.substr(0, 512)); !xml.empty()) return xml;
  DocPtr head = parse_html(bytes.substr(0, kCharsetPrescan), "ISO-8859-1", kFlattenDepth, max_attributes);
  if (!head) return {};
  return scan_page(head.get(), 64).charset;
}

// ---- JSON-LD ----

namespace {

bool is_article_type(const json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  auto matches = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s.find("Posting") != std::string::npos ||
           s.find("Report") != std::string::npos;
  };
  if (it->is_array()) return std::any_of(it->begin(), it->end(), matches);
  return matches(*it);
}

void collect_objects(const json& j, std::vector<const json*>& out) {
  if (out.size() >= 256) return;
  if (j.is_array()) {
    for (const json& e : j) collect_objects(e, out);
  } else if (j.is_object()) {
    out.push_back(&j);
    if (auto g = j.find("@graph"); g != j.end()) collect_objects(*g, out);
  }
}

std::string json_string(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
  if (it->is_object()) {  // mainEntityOfPage: {"@id": url}
    if (auto id = it->find("@id"); id != it->end() && id->is_string()) return id->get<std::string>();
    if (auto name = it->find("name"); name != it->end() && name->is_string()) return name->get<std::string>();
  }
  return {};
}

std::string json_names(const json& value) {  // author: "X", {"name": "X"}, [{"name": "X"}, "Y"]
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    auto n = value.find("name");
    return n != value.end() && n->is_string() ? n->get<std::string>() : std::string();
  }
  std::string names;
  if (value.is_array()) {
    for (const json& e : value) {
      const std::string n = e.is_array() ? std::string() : json_names(e);
      if (n.empty()) continue;
      if (!names.empty()) names += ", ";
      names += n;
    }
  }
  return names;
}

}  // namespace

LinkedData read_linked_data(const std::vector<std::string>& blocks) {
  LinkedData ld;
  const json::parser_callback_t bounded = [](int depth, json::parse_event_t, json&) { return depth <= kJsonMaxDepth; };
  for (const std::string& block : blocks) {
    const json j = json::parse(block.begin(), block.end(), bounded, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    std::vector<const json*> objects;
    collect_objects(j, objects);
    const json* best = nullptr;
    for (const json* o : objects)
      if (o->contains("headline") && is_article_type(*o)) { best = o; break; }
    if (!best)
      for (const json* o : objects)
        if (o->contains("headline") || (o->contains("datePublished") && is_article_type(*o))) { best = o; break; }
    if (!best) continue;
    const json& o = *best;
    ld.headline = json_string(o, "headline");
    ld.date_published = json_string(o, "datePublished");
    if (auto a = o.find("author"); a != o.end()) ld.author = json_names(*a);
    if (auto p = o.find("publisher"); p != o.end()) ld.publisher = json_names(*p);
    ld.section = json_string(o, "articleSection");
    ld.lang = json_string(o, "inLanguage");
    ld.url = json_string(o, "url");
    if (!is_absolute_url(ld.url)) ld.url = json_string(o, "mainEntityOfPage");
    ld.body = json_string(o, "articleBody");
    if (auto k = o.find("keywords"); k != o.end() && k->is_string()) {
      add_comma_separated(k->get<std::string>(), ld.keywords);
    } else if (k != o.end() && k->is_array()) {
      for (const json& keyword : *k)
        if (keyword.is_string()) ld.keywords.push_back(keyword.get<std::string>());
    }
    return ld;
  }
  return ld;
}

namespace {

std::string first_meta(const PageScan& scan, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (auto it = scan.meta.find(k); it != scan.meta.end() && !trim_copy(it->second).empty()) return trim_copy(it->second);
  return {};
}

// What sites put between a headline and their name in <title> ("Titre - Le Monde").
constexpr std::string_view kTitleSeparators[] = {" - ", " | ", " – ", " — ", " · "};

}  // namespace

std::string without_site_suffix(const std::string& title, std::initializer_list<std::string_view> confirming,
                                std::initializer_list<std::string_view> site_names) {
  for (std::size_t end = title.size(); end > 0;) {
    std::size_t at = std::string::npos, length = 0;
    for (std::string_view sep : kTitleSeparators) {  // the rightmost separator before `end`
      const std::size_t p = end >= sep.size() ? title.rfind(sep, end - sep.size()) : std::string::npos;
      if (p != std::string::npos && (at == std::string::npos || p > at)) {
        at = p;
        length = sep.size();
      }
    }
    if (at == std::string::npos || at == 0) break;
    const std::string_view head = std::string_view(title).substr(0, at);
    const std::string_view tail = std::string_view(title).substr(at + length);
    const bool head_is_site = std::any_of(site_names.begin(), site_names.end(),
                                          [&](std::string_view site) { return !site.empty() && iequals(site, head); });
    if (!head_is_site && std::find(confirming.begin(), confirming.end(), head) != confirming.end())
      return std::string(head);
    for (std::string_view site : site_names)
      if (!site.empty() && iequals(site, tail)) return std::string(head);
    end = at;
  }
  return title;
}

namespace {

// Title: og:title, JSON-LD headline, <title>, <h1>; without the site's name after it.
std::optional<std::string> page_title(const PageScan& scan, const LinkedData& ld, std::size_t max_depth) {
  const std::string og_title = clean_inline(first_meta(scan, {"og:title", "twitter:title"}));
  const std::string headline = clean_inline(ld.headline);
  const std::string h1 = scan.h1 ? clean_inline(subtree_text(scan.h1, max_depth, kMaxTitleBytes)) : std::string();
  const std::string site_name = clean_inline(first_meta(scan, {"og:site_name"}));
  std::string title = og_title;
  if (title.empty()) title = headline;
  if (title.empty()) title = scan.title;
  if (title.empty()) title = h1;
  title = without_site_suffix(title, {og_title, headline, h1}, {site_name, clean_inline(ld.publisher)});
  if (title.empty()) return std::nullopt;
  return title;
}

std::string page_url(const PageScan& scan, const LinkedData& ld) {
  if (is_absolute_url(scan.canonical)) return scan.canonical;
  if (const std::string og = first_meta(scan, {"og:url"}); is_absolute_url(og)) return og;
  if (is_absolute_url(ld.url)) return trim_copy(ld.url);
  return {};
}

std::string page_language(const PageScan& scan, const LinkedData& ld) {
  std::string lang;
  if (scan.html) {
    lang = markup::language_code(attr(scan.html, "lang"));
    if (lang.empty()) lang = markup::language_code(attr(scan.html, "xml:lang"));
  }
  if (lang.empty()) lang = markup::language_code(ld.lang);
  if (lang.empty()) lang = markup::language_code(first_meta(scan, {"og:locale", "content-language", "language", "dc.language"}));
  return lang;
}

bool is_ancestor(const xmlNode* ancestor, const xmlNode* n) {
  for (; n; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

// <time> elements of the article first, then any; a pubdate or itemprop marks the publication.
std::vector<std::string> time_elements_dates(const PageScan& scan, const xmlNode* content) {
  std::vector<xmlNode*> times = scan.times;
  std::stable_sort(times.begin(), times.end(), [&](xmlNode* x, xmlNode* y) {
    auto rank = [&](xmlNode* t) {
      int r = 0;
      if (content && is_ancestor(content, t)) r -= 1;
      if (has_attr(t, "pubdate") || iequals(attr(t, "itemprop"), "datePublished")) r -= 2;
      return r;
    };
    return rank(x) < rank(y);
  });
  std::vector<std::string> dates;
  for (xmlNode* t : times) dates.push_back(trim_copy(attr(t, "datetime")));
  return dates;
}

}  // namespace

void read_page_metadata(const PageScan& scan, const LinkedData& ld, std::size_t max_depth, Article& a) {
  a.title = page_title(scan, ld, max_depth);
  // Twice the standfirst's bound, so that settle_standfirst_and_tags reports one it cuts.
  a.standfirst = clean_inline(first_meta(scan, {"og:description", "description"}), 2 * kMaxStandfirstBytes);
  a.url = page_url(scan, ld);
  // One site is one source: its host, never its display name (og:site_name, which would make
  // "Le Monde" and lemonde.fr two sources). A page without URL has only the display name.
  a.source = host_of(a.url);
  const std::string site_name = clean_inline(first_meta(scan, {"og:site_name"}));
  if (a.source.empty()) a.source = site_name;
  a.source_name = site_name.empty() ? clean_inline(ld.publisher) : site_name;
  a.section = clean_inline(first_meta(scan, {"article:section"}));
  if (a.section.empty()) a.section = clean_inline(ld.section);
  std::string author = first_meta(scan, {"author", "article:author", "dc.creator", "byl"});
  if (is_absolute_url(author)) author.clear();  // article:author is often a profile URL
  if (author.empty()) author = ld.author;
  a.author = clean_inline(author);
  a.lang = page_language(scan, ld);
  for (const std::vector<std::string>* tags : {&scan.tags, &ld.keywords})
    for (const std::string& tag : *tags) a.tags.push_back(clean_inline(tag));
}

util::Date page_date(const PageScan& scan, const LinkedData& ld, const xmlNode* content, std::size_t max_depth,
                     std::size_t max_bytes, std::string& unreadable) {
  std::vector<std::string> strong;
  if (std::string d = first_meta(scan, {"article:published_time"}); !d.empty()) strong.push_back(d);
  if (!trim_copy(ld.date_published).empty()) strong.push_back(trim_copy(ld.date_published));
  if (std::string d = first_meta(scan, {"datepublished"}); !d.empty()) strong.push_back(d);
  std::vector<std::string> weak = time_elements_dates(scan, content);
  for (const char* key : {"og:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                          "dcterms.issued", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
                          "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date"})
    if (std::string d = first_meta(scan, {key}); !d.empty()) weak.push_back(d);
  util::Date date;
  bool dated = false;
  for (const std::vector<std::string>* list : {&strong, &weak}) {
    for (const std::string& d : *list) {
      if (auto parsed = util::parse_date(d)) {
        date = *parsed;
        dated = true;
        break;
      }
    }
    if (dated) break;
  }
  // No day in the metadata: a dateline the page shows, perhaps outside the article's text
  // ("Publié le 31 janvier 2023" in a header); the article's own text is tried when it is read.
  if (xmlNode* page = scan.body ? scan.body : scan.html; date.precision != util::DatePrecision::kDay && page) {
    if (auto day = util::find_dateline(subtree_text(page, max_depth, max_bytes), date)) {
      date = *day;
      dated = true;
    }
  }
  if (!dated && !strong.empty()) unreadable = strong.front();
  return date;
}

}  // namespace depeche::html
