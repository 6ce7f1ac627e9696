#include "readers/html_tree.h"

#include "readers/html_markup.h"
#include "readers/html_prefilter.h"
#include "readers/markup_scan.h"
#include "util/ascii.h"

#include <climits>

namespace depeche::html {

using markup::TextBuilder;
using util::iequals;

namespace {

constexpr int kHtmlOptions =
    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;

}  // namespace

DocPtr parse_html(std::string_view html, const char* encoding, std::size_t max_depth, std::size_t max_attributes,
                  std::size_t* attributes_line, bool* nesting_flattened) {
  markup::init_libxml();
  std::string storage, flat_storage;
  bool flattened = false;
  markup::AttributeLimiter limiter(max_attributes);
  html = limiter.filter(html, storage);
  html = markup::with_nesting_bounded(html, max_depth, flat_storage, flattened);
  if (attributes_line) *attributes_line = limiter.first_line();
  if (nesting_flattened) *nesting_flattened = flattened;
  const int size = static_cast<int>(std::min<std::size_t>(html.size(), INT_MAX));
  return DocPtr(htmlReadMemory(html.data(), size, nullptr, encoding, kHtmlOptions));
}

const char* cname(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool is_element(const xmlNode* n, const char* name) { return n && n->type == XML_ELEMENT_NODE && iequals(cname(n), name); }

namespace {

const xmlAttr* find_attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    std::string_view an = a->name ? reinterpret_cast<const char*>(a->name) : "";
    if (a->ns && a->ns->prefix) {  // xml:lang
      const std::string full = std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":" + std::string(an);
      if (iequals(full, name)) return a;
      continue;
    }
    if (iequals(an, name)) return a;
  }
  return nullptr;
}

}  // namespace

bool has_attr(const xmlNode* n, std::string_view name) { return find_attr(n, name) != nullptr; }

std::string attr(const xmlNode* n, std::string_view name) {
  const xmlAttr* a = find_attr(n, name);
  if (!a) return {};
  std::string value;
  for (const xmlNode* c = a->children; c; c = c->next)
    if (c->content && value.size() < (1 << 16)) value += reinterpret_cast<const char*>(c->content);
  return value;
}

std::vector<std::string> split_tokens(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && static_cast<unsigned char>(s[i]) <= ' ') ++i;
    std::size_t end = i;
    while (end < s.size() && static_cast<unsigned char>(s[end]) > ' ') ++end;
    if (end > i) out.emplace_back(s, i, end - i);
    i = end;
  }
  return out;
}

bool is_inline(std::string_view e) {
  return markup::in_list(e, {"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em",
                             "font", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
                             "sub", "sup", "time", "tt", "u", "var", "wbr", "label"});
}

namespace {

// The text a builder makes of a subtree, skipping never_text elements.
struct TextVisitor {
  TextBuilder& b;
  int pre = 0;
  bool enter(xmlNode* n) {
    const char* name = cname(n);
    if (markup::never_text(name)) {
      b.space();
      return false;
    }
    if (iequals(name, "pre")) ++pre;
    b.open_element(name);
    return true;
  }
  void leave(xmlNode* n) {
    const char* name = cname(n);
    if (iequals(name, "pre")) --pre;
    b.close_element(name);
  }
  void text(std::string_view s) { b.text(s, pre > 0); }
};

}  // namespace

std::string subtree_text(xmlNode* n, std::size_t max_depth, std::size_t max_bytes) {
  TextBuilder b(max_bytes);
  TextVisitor v{b};
  bool ignored = false;
  walk(n, max_depth, ignored, v);
  return b.take();
}

std::size_t text_length(xmlNode* n, std::size_t max_depth, std::size_t limit) {
  struct Visitor {
    std::size_t total = 0, limit;
    bool enter(xmlNode* e) { return total < limit && !markup::never_text(cname(e)); }
    void leave(xmlNode*) {}
    void text(std::string_view s) {
      for (char c : s)
        if (!markup::is_ascii_space(static_cast<unsigned char>(c))) ++total;
    }
  } v{0, limit};
  bool ignored = false;
  walk(n, max_depth, ignored, v);
  return v.total;
}

std::string raw_text(const xmlNode* n, std::size_t max_bytes) {
  std::string out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content && out.size() < max_bytes)
      out += reinterpret_cast<const char*>(c->content);
  return out;
}

}  // namespace depeche::html
