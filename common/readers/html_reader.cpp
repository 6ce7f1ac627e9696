#include "readers/html_reader.h"

#include "readers/markup_scan.h"
#include "util/ascii.h"
#include "util/charset.h"
#include "util/date_parse.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace depeche {
namespace markup {

using util::iequals;

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

namespace {

bool in_list(std::string_view name, std::initializer_list<const char*> list) {
  for (const char* s : list)
    if (iequals(name, s)) return true;
  return false;
}

bool is_ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

bool never_text(std::string_view element) {
  return in_list(element, {"head", "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
                           "iframe", "svg", "math", "select", "option", "textarea", "input", "object", "embed", "canvas",
                           "video", "audio", "map", "dialog", "menu", "title", "link", "meta"});
}

void TextBuilder::flush_pending() {
  if (!out_.empty()) {
    if (pending_break_ == 2) out_ += "\n\n";
    else if (pending_break_ == 1) out_ += '\n';
    else if (pending_space_) out_ += ' ';
  }
  pending_break_ = 0;
  pending_space_ = false;
}

void TextBuilder::text(std::string_view s, bool pre) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_ascii_space(c)) {
      if (pre && c == '\n') line_break();
      else space();
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // no-break space
      space();
      i += 2;
      continue;
    }
    std::size_t end = i + 1;
    while (end < s.size() && !is_ascii_space(static_cast<unsigned char>(s[end])) &&
           !(static_cast<unsigned char>(s[end]) == 0xC2 && end + 1 < s.size() &&
             static_cast<unsigned char>(s[end + 1]) == 0xA0))
      ++end;
    if (full_) return;
    flush_pending();
    const std::size_t room = max_bytes_ > out_.size() ? max_bytes_ - out_.size() : 0;
    if (end - i > room) {
      out_.append(util::utf8_prefix(s.substr(i, end - i), room));
      full_ = true;
      return;
    }
    out_.append(s, i, end - i);
    i = end;
  }
}

void TextBuilder::space() {
  if (!out_.empty()) pending_space_ = true;
}
void TextBuilder::line_break() {
  if (!out_.empty()) pending_break_ = std::max(pending_break_, 1);
}
void TextBuilder::paragraph_break() {
  if (!out_.empty()) pending_break_ = 2;
}

namespace {
bool is_block(std::string_view e) {
  return in_list(e, {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div",
                     "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
                     "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section",
                     "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "entry", "content", "item"});
}
}  // namespace

Gap gap_before(std::string_view e) {
  if (is_block(e)) return Gap::kParagraph;
  if (iequals(e, "br")) return Gap::kLine;
  if (iequals(e, "td") || iequals(e, "th") || iequals(e, "img")) return Gap::kSpace;
  return Gap::kNone;
}

Gap gap_after(std::string_view e) {
  if (is_block(e)) return Gap::kParagraph;
  if (iequals(e, "td") || iequals(e, "th")) return Gap::kSpace;
  return Gap::kNone;
}

void TextBuilder::gap(Gap g) {
  switch (g) {
    case Gap::kParagraph: paragraph_break(); break;
    case Gap::kLine: line_break(); break;
    case Gap::kSpace: space(); break;
    case Gap::kNone: break;
  }
}

std::string language_code(std::string_view tag) {
  while (!tag.empty() && static_cast<unsigned char>(tag.front()) <= ' ') tag.remove_prefix(1);
  const std::string_view s = tag;
  if (s.size() < 2) return {};
  std::string code;
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') code += static_cast<char>(c + 32);
    else if (c >= 'a' && c <= 'z') code += c;
    else return {};
  }
  if (s.size() > 2 && s[2] != '-' && s[2] != '_' && static_cast<unsigned char>(s[2]) > ' ') return {};
  return code;
}

std::string TextBuilder::take() {
  pending_break_ = 0;
  pending_space_ = false;
  std::string out;
  out.swap(out_);
  return out;
}

bool is_absolute_url(std::string_view s) { return util::starts_with_ci(s, "http://") || util::starts_with_ci(s, "https://"); }

std::string absolute_url(std::string_view link, std::string_view base) {
  const std::string trimmed = util::trim_copy(link);
  if (trimmed.empty() || is_absolute_url(trimmed)) return trimmed;
  if (!is_absolute_url(base)) return "";
  const std::string base_url(base);
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(trimmed.c_str()),
                               reinterpret_cast<const xmlChar*>(base_url.c_str()));
  std::string out = built ? reinterpret_cast<const char*>(built) : "";
  xmlFree(built);
  return is_absolute_url(out) ? out : "";
}

}  // namespace markup

namespace {

using nlohmann::json;
using markup::TextBuilder;
using markup::is_absolute_url;
using util::iequals;
using util::trim_copy;

// ---- libxml2 tree helpers ----

const char* cname(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool is(const xmlNode* n, const char* name) { return n && n->type == XML_ELEMENT_NODE && iequals(cname(n), name); }

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

// Visits the subtree under `root` depth first, without recursion (the tree may be deep): each
// element gets `v.enter(node)` (false: skip its content) and, once its content is done,
// `v.leave(node)`; text and CDATA get `v.text(content)`. Elements deeper than `max_depth` below
// root are not entered; `too_deep` says some were there.
template <class Visitor>
void walk(xmlNode* root, std::size_t max_depth, bool& too_deep, Visitor& v) {
  if (!root) return;
  xmlNode* n = root->children;
  std::size_t depth = 1;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      if (depth > max_depth) {
        too_deep = true;
      } else if (v.enter(n)) {
        if (n->children) {
          n = n->children;
          ++depth;
          continue;
        }
        v.leave(n);
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
      v.text(std::string_view(reinterpret_cast<const char*>(n->content)));
    }
    while (!n->next) {
      n = n->parent;
      --depth;
      if (!n || n == root || depth == 0) return;
      v.leave(n);
    }
    n = n->next;
  }
}

// Elements only, with their depth; `f(node, depth)` returns whether to look inside.
template <class F>
void walk_elements(xmlNode* root, std::size_t max_depth, bool& too_deep, F f) {
  struct Visitor {
    F& f;
    std::size_t depth = 0;
    bool enter(xmlNode* n) {
      if (!f(n, depth + 1)) return false;
      ++depth;
      return true;
    }
    void leave(xmlNode*) { --depth; }
    void text(std::string_view) {}
  } v{f};
  walk(root, max_depth, too_deep, v);
}

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

std::string subtree_text(xmlNode* n, std::size_t max_depth, std::size_t max_bytes) {
  TextBuilder b(max_bytes);
  TextVisitor v{b};
  bool ignored = false;
  walk(n, max_depth, ignored, v);
  return b.take();
}

// Text bytes under `n` (never_text elements excluded), counting stopped at `limit`.
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

// A <script>'s content as written.
std::string raw_text(const xmlNode* n, std::size_t max_bytes) {
  std::string out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content && out.size() < max_bytes)
      out += reinterpret_cast<const char*>(c->content);
  return out;
}

constexpr int kHtmlOptions =
    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;
constexpr std::size_t kCharsetPrescan = 16 << 10;
constexpr int kJsonMaxDepth = 24;
constexpr std::size_t kMaxJsonLdBytes = 4 << 20;
constexpr std::size_t kMaxTitleBytes = 2000;

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// libxml2's HTML parser halts at its depth limit, and everything after the deep part of the page
// was lost with what was inside it. Start tags that would open an element deeper than this (or
// than ReadLimits::max_markup_depth) are dropped before parsing, with their end tags: their text
// stays, inside the last element kept.
constexpr std::size_t kFlattenDepth = 200;
// Levels the parser adds above what the page says (<html>, <body>, a <p> around bare text):
// walks of a flattened page go this much deeper than it was flattened to.
constexpr std::size_t kImpliedDepth = 3;

// libxml2's HTML parser stops at 255 (its hard limit without HTML_PARSE_HUGE).
static_assert(kFlattenDepth + kImpliedDepth < 255, "a flattened page is never cut by the parser");

std::size_t flatten_depth(std::size_t max_markup_depth) { return std::clamp<std::size_t>(max_markup_depth, 1, kFlattenDepth); }

// What stands for a dropped tag, so that the words on either side of a <p> or <td> stay apart.
const char* gap_markup(markup::Gap gap) {
  switch (gap) {
    case markup::Gap::kParagraph:
    case markup::Gap::kLine: return "<br>";
    case markup::Gap::kSpace: return " ";
    case markup::Gap::kNone: break;
  }
  return "";
}

bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img",
                                              "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

bool is_raw_text_element(std::string_view name) {
  static constexpr std::string_view kRaw[] = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes"};
  return std::find(std::begin(kRaw), std::end(kRaw), name) != std::end(kRaw);
}

// Whether a start tag `name` closes an open element `open` that a sibling implies the end of
// (<p>a<p>b, <li>a<li>b): the parser nests them no deeper, nor does the depth counted here.
bool closes_sibling(std::string_view name, std::string_view open) {
  auto either = [](std::string_view n, std::string_view a, std::string_view b) { return n == a || n == b; };
  if (either(name, "td", "th")) return either(open, "td", "th");
  if (either(name, "dt", "dd")) return either(open, "dt", "dd");
  if (name == "p" || name == "li" || name == "option" || name == "tr") return open == name;
  return false;
}

std::size_t tag_name_end(std::string_view html, std::size_t from) {
  while (from < html.size() && (std::isalnum(static_cast<unsigned char>(html[from])) || html[from] == '-' || html[from] == ':'))
    ++from;
  return from;
}

std::string lower_name(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = util::ascii_lower(c);
  return out;
}

// `html` without the start tags, and their end tags, of elements that would open deeper than
// `max_depth`, each replaced by the gap it made; unchanged (and not copied) when none would.
std::string_view with_nesting_bounded(std::string_view html, std::size_t max_depth, std::string& storage, bool& flattened) {
  flattened = false;
  struct Open {
    std::string name;
    bool dropped;
  };
  std::vector<Open> open;
  // How many of each name are open: an end tag that matches none is skipped at once. Searching the
  // stack for it took 13 s on 100,000 open <div> and as many stray </span>.
  std::unordered_map<std::string, std::size_t> open_names;
  std::size_t kept = 0, copied = 0;
  auto drop = [&](std::size_t from, std::size_t to, markup::Gap gap) {
    // Tags dropped one after the other need one gap between their words, not one each: 100,000
    // nested <div> made as many <br> for the parser (four times the time, twice the memory).
    const std::string_view gap_text = gap_markup(gap);
    const bool same_gap = from == copied && storage.size() >= gap_text.size() &&
                          storage.compare(storage.size() - gap_text.size(), gap_text.size(), gap_text) == 0;
    storage.append(html.substr(copied, from - copied));
    if (!same_gap) storage += gap_text;
    copied = to;
    flattened = true;
  };
  auto close_from = [&](std::size_t index) {
    for (std::size_t i = index; i < open.size(); ++i) {
      kept -= open[i].dropped ? 0 : 1;
      --open_names[open[i].name];
    }
    open.resize(index);
  };
  for (std::size_t lt = html.find('<'); lt != std::string_view::npos && lt + 1 < html.size(); lt = html.find('<', lt + 1)) {
    const char next = html[lt + 1];
    if (next == '!' || next == '?') {  // comment, doctype, CDATA, processing instruction
      const bool comment = html.compare(lt, 4, "<!--") == 0;
      const std::size_t end = comment ? html.find("-->", lt + 4) : html.find('>', lt);
      if (end == std::string_view::npos) break;
      lt = end;
      continue;
    }
    const bool end_tag = next == '/';
    const std::size_t name_start = lt + (end_tag ? 2 : 1);
    if (name_start >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_start]))) continue;
    const std::string name = lower_name(html.substr(name_start, tag_name_end(html, name_start) - name_start));
    const std::size_t gt = end_tag ? html.find('>', name_start) : markup::start_tag_end(html, lt);
    const std::size_t tag_end = gt == std::string_view::npos || gt >= html.size() ? html.size() : gt + 1;
    if (end_tag) {
      // Found, the search pops what it passes: each open element is passed once.
      const auto any = open_names.find(name);
      auto match = any == open_names.end() || any->second == 0
                       ? open.rend()
                       : std::find_if(open.rbegin(), open.rend(), [&](const Open& o) { return o.name == name; });
      if (match != open.rend()) {
        if (match->dropped) drop(lt, tag_end, markup::gap_after(name));
        close_from(static_cast<std::size_t>(open.rend() - match) - 1);
      }
    } else if (is_raw_text_element(name)) {
      // Their text is not markup: "<b>" inside a script opens nothing.
      std::size_t close = tag_end;
      while ((close = html.find("</", close)) != std::string_view::npos && !util::starts_with_ci(html.substr(close + 2), name))
        close += 2;
      if (close == std::string_view::npos) break;
      lt = close;
      continue;
    } else if (!is_void_element(name) && html[tag_end - 2] != '/') {
      if (!open.empty() && closes_sibling(name, open.back().name)) close_from(open.size() - 1);
      const bool too_deep = kept >= max_depth;
      if (too_deep) drop(lt, tag_end, markup::gap_before(name));
      open.push_back({name, too_deep});
      ++open_names[name];
      kept += too_deep ? 0 : 1;
    }
    if (tag_end >= html.size()) break;
    lt = tag_end - 1;
  }
  if (!flattened) return html;
  storage.append(html.substr(std::min(copied, html.size())));
  return storage;
}

// `attributes_line`: where the first element cut to `max_attributes` is (0: none was).
DocPtr parse_html(std::string_view html, const char* encoding, std::size_t max_depth, std::size_t max_attributes,
                  std::size_t* attributes_line = nullptr, bool* nesting_flattened = nullptr) {
  markup::init_libxml();
  std::string storage, flat_storage;
  bool flattened = false;
  markup::AttributeLimiter limiter(max_attributes);
  html = limiter.filter(html, storage);
  html = with_nesting_bounded(html, max_depth, flat_storage, flattened);
  if (attributes_line) *attributes_line = limiter.first_line();
  if (nesting_flattened) *nesting_flattened = flattened;
  const int size = static_cast<int>(std::min<std::size_t>(html.size(), INT_MAX));
  return DocPtr(htmlReadMemory(html.data(), size, nullptr, encoding, kHtmlOptions));
}

// A short inline value (a title, an author): whitespace collapsed, entities left in meta content
// by careless templates ("&#039;", "&amp;eacute;") decoded.
std::string clean_inline(std::string_view s, std::size_t max_bytes = kMaxTitleBytes) {
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

// Everything one pass over the page collects.
struct PageScan {
  xmlNode* html = nullptr;
  xmlNode* body = nullptr;
  std::map<std::string, std::string> meta;  // lower-cased property / name / itemprop -> content (first one)
  std::string canonical;
  std::string title;
  xmlNode* h1 = nullptr;
  std::vector<xmlNode*> times;            // <time datetime=...>
  std::vector<std::string> json_ld;       // <script type="application/ld+json"> texts
  std::vector<xmlNode*> article_bodies;   // [itemprop~=articleBody]
  std::vector<xmlNode*> articles;         // <article>
  std::vector<xmlNode*> mains;            // <main>, [role=main]
  std::string charset;                    // <meta charset> or http-equiv Content-Type's
  bool too_deep = false;
};

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

PageScan scan_page(xmlDoc* doc, std::size_t max_depth) {
  PageScan scan;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return scan;
  if (is(root, "html")) scan.html = root;
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

// The charset a page declares (XML declaration, <meta charset>, http-equiv), read from its first
// bytes parsed as Latin-1 (every byte is a character there, so nothing is lost before we know).
std::string declared_html_charset(std::string_view bytes, std::size_t max_attributes) {
  if (std::string xml = util::xml_declared_encoding(bytes.substr(0, 512)); !xml.empty()) return xml;
  DocPtr head = parse_html(bytes.substr(0, kCharsetPrescan), "ISO-8859-1", kFlattenDepth, max_attributes);
  if (!head) return {};
  return scan_page(head.get(), 64).charset;
}

// ---- JSON-LD ----

struct LinkedData {
  std::string headline, date_published, author, publisher, section, lang, url, body;
};

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
    return ld;
  }
  return ld;
}

// ---- the article's text ----

// Words in a class or id that mark page furniture rather than the article.
constexpr const char* kBoilerplateWords[] = {"share", "social", "menu", "nav", "breadcrumb", "cookie", "newsletter", "comment"};

bool boilerplate_name(std::string_view value) {
  if (value.empty()) return false;
  std::string lower(value);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  for (const char* w : kBoilerplateWords)
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

bool boilerplate_role(std::string_view role) {
  for (const char* r : {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
                        "alertdialog"})
    if (iequals(role, r)) return true;
  return false;
}

class BodyExtractor {
 public:
  BodyExtractor(xmlNode* root, std::size_t max_depth, std::size_t max_bytes)
      : root_(root), max_depth_(max_depth), keep_header_(is(root, "article")), builder_(max_bytes),
        root_text_(text_length(root, max_depth, SIZE_MAX)) {}

  std::string run(bool& too_deep, bool& cut) {
    walk(root_, max_depth_, too_deep, *this);
    cut = builder_.full();
    return builder_.take();
  }

  // walk()'s visitor
  bool enter(xmlNode* n) {
    const char* name = cname(n);
    if (markup::never_text(name) || (!keep_header_ && iequals(name, "header")) || furniture(n, name)) {
      builder_.space();
      return false;
    }
    if (iequals(name, "pre")) ++pre_;
    builder_.open_element(name);
    return true;
  }
  void leave(xmlNode* n) {
    const char* name = cname(n);
    if (iequals(name, "pre")) --pre_;
    builder_.close_element(name);
  }
  void text(std::string_view s) { builder_.text(s, pre_ > 0); }

 private:
  bool furniture(xmlNode* n, const char* name) const {
    if (has_attr(n, "hidden") || iequals(attr(n, "aria-hidden"), "true")) return true;
    if (boilerplate_role(attr(n, "role"))) return true;
    if (is_inline(name)) return false;  // <span class="guimenu">Fichier</span> is text
    if (!boilerplate_name(attr(n, "class")) && !boilerplate_name(attr(n, "id"))) return false;
    // A wrapper named after its menu ("page with-nav") that holds most of the page is not furniture.
    return text_length(n, max_depth_, root_text_ / 2 + 1) <= root_text_ / 2;
  }

  xmlNode* root_;
  std::size_t max_depth_;
  bool keep_header_;
  TextBuilder builder_;
  std::size_t root_text_;
  int pre_ = 0;
};

xmlNode* content_root(const PageScan& scan, std::size_t max_depth) {
  auto length = [&](xmlNode* n) { return text_length(n, max_depth, SIZE_MAX); };
  xmlNode* page = scan.body ? scan.body : scan.html;
  const std::size_t page_text = page ? length(page) : 0;
  auto best_of = [&](const std::vector<xmlNode*>& nodes) -> xmlNode* {
    xmlNode* best = nullptr;
    std::size_t best_len = 0;
    for (xmlNode* n : nodes) {
      const std::size_t len = length(n);
      if (!best || len > best_len) {
        best = n;
        best_len = len;
      }
    }
    // A teaser card or a comment in an <article> is not the page's article.
    if (best && best_len * 4 < page_text && best_len < 500) return nullptr;
    return best;
  };
  if (xmlNode* n = best_of(scan.article_bodies)) return n;
  if (xmlNode* n = best_of(scan.articles)) return n;
  if (xmlNode* n = best_of(scan.mains)) return n;
  return page;
}

bool is_ancestor(const xmlNode* ancestor, const xmlNode* n) {
  for (; n; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

std::string first_meta(const PageScan& scan, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (auto it = scan.meta.find(k); it != scan.meta.end() && !trim_copy(it->second).empty()) return trim_copy(it->second);
  return {};
}

// What sites put between a headline and their name in <title> ("Titre - Le Monde").
constexpr std::string_view kTitleSeparators[] = {" - ", " | ", " – ", " — ", " · "};

// `title` (whitespace already collapsed) without a site suffix: cut at a separator when another
// title of the page (`confirming`: og:title, headline, <h1>) is exactly the part before it, or when
// the part after it is the site's name. Nothing else cuts: in "Brest - Lorient : le derby" the dash
// belongs to the headline. The site's name is never what is left (an <h1> that is the logo, in
// "Le Monde - Titre").
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

// `body` without its first paragraph when that paragraph is `title`: the <h1> that the page shows
// above the article is the title, already stored as such. A body that is nothing but the title stays.
void drop_leading_title(std::string& body, const std::string& title) {
  const std::size_t end = body.find("\n\n");
  if (title.empty() || end == std::string::npos || end > 2 * kMaxTitleBytes) return;
  if (clean_inline(std::string_view(body).substr(0, end)) == title) body.erase(0, end + 2);
}

}  // namespace

std::string html_to_text(std::string_view html, std::size_t max_depth, std::size_t max_bytes, std::size_t* flattened_at) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    TextBuilder b(max_bytes);
    b.text(html);
    return std::string(util::utf8_prefix(b.take(), max_bytes));
  }
  const std::size_t flatten = flatten_depth(max_depth);
  bool flattened = false;
  DocPtr doc = parse_html(html, "UTF-8", flatten, ReadLimits{}.max_attributes, nullptr, &flattened);
  if (flattened && flattened_at) *flattened_at = flatten;
  if (!doc) return {};
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return {};
  TextBuilder builder(max_bytes);
  TextVisitor visitor{builder};
  bool too_deep = false;
  walk(root, flatten + kImpliedDepth, too_deep, visitor);
  return std::string(util::utf8_prefix(builder.take(), max_bytes));
}

void read_html_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  // Charset: --encoding, else a BOM, else valid UTF-8 as it is, else what the page declares, else ICU.
  // --encoding UTF-8 (or an unknown label) leaves bad bytes to the repair below, which reports them.
  std::string text;
  const std::string forced = limits.encoding.empty() ? std::string() : util::canonical_charset(limits.encoding);
  if (!util::bom_charset(bytes).empty() || (!forced.empty() && forced != "UTF-8")) {
    std::string used;
    util::Utf8Repair changes;
    text = util::to_utf8(bytes, forced, &used, &changes);
    report_conversion(changes, used, name, sink);
  } else if (!forced.empty() || util::is_valid_utf8(bytes)) {
    text.assign(bytes);
  } else {
    const std::string declared = declared_html_charset(bytes, limits.max_attributes);
    std::string used;
    text = util::to_utf8(bytes, declared, &used);
    if (declared.empty() || util::canonical_charset(declared).empty() || util::canonical_charset(declared) == "UTF-8")
      sink.problem(name.display, 1,
                   "not valid UTF-8" + std::string(declared.empty() ? "" : " (declared " + declared + ")") +
                       ", read as " + used);
  }
  const util::Utf8Repair repair = util::repair_utf8(text);
  if (repair.recoded_bytes) sink.problem(name.display, 1, "invalid UTF-8, read as Windows-1252");
  else if (repair.dropped_nuls) sink.problem(name.display, 1, "NUL bytes dropped");

  const std::size_t flatten = flatten_depth(limits.max_markup_depth);
  std::size_t attributes_line = 0;
  bool nesting_flattened = false;
  DocPtr doc = parse_html(text, "UTF-8", flatten, limits.max_attributes, &attributes_line, &nesting_flattened);
  if (attributes_line) sink.problem(name.display, attributes_line, markup::excess_attributes_message(limits.max_attributes));
  if (!doc || !xmlDocGetRootElement(doc.get())) {
    sink.problem(name.display, 1, "no HTML content; skipped");
    return;
  }
  const std::size_t max_depth = flatten + kImpliedDepth;
  PageScan scan = scan_page(doc.get(), max_depth);
  const LinkedData ld = read_linked_data(scan.json_ld);

  Article a;
  a.origin = name.display;

  // Title: og:title, JSON-LD headline, <title>, <h1>; without the site's name after it.
  const std::string og_title = clean_inline(first_meta(scan, {"og:title", "twitter:title"}));
  const std::string headline = clean_inline(ld.headline);
  const std::string h1 = scan.h1 ? clean_inline(subtree_text(scan.h1, max_depth, kMaxTitleBytes)) : std::string();
  const std::string site_name = clean_inline(first_meta(scan, {"og:site_name"}));
  std::string title = og_title;
  if (title.empty()) title = headline;
  if (title.empty()) title = scan.title;
  if (title.empty()) title = h1;
  title = without_site_suffix(title, {og_title, headline, h1}, {site_name, clean_inline(ld.publisher)});
  if (!title.empty()) a.title = title;

  // URL and source.
  if (is_absolute_url(scan.canonical)) a.url = scan.canonical;
  if (a.url.empty()) {
    const std::string og = first_meta(scan, {"og:url"});
    if (is_absolute_url(og)) a.url = og;
  }
  if (a.url.empty() && is_absolute_url(ld.url)) a.url = trim_copy(ld.url);
  // One site is one source: its host, never its display name (og:site_name, which would make
  // "Le Monde" and lemonde.fr two sources). A page without URL has only the display name.
  a.source = host_of(a.url);
  if (a.source.empty()) a.source = site_name;

  a.section = clean_inline(first_meta(scan, {"article:section"}));
  if (a.section.empty()) a.section = clean_inline(ld.section);
  std::string author = first_meta(scan, {"author", "article:author", "dc.creator", "byl"});
  if (is_absolute_url(author)) author.clear();  // article:author is often a profile URL
  if (author.empty()) author = ld.author;
  a.author = clean_inline(author);

  // Language.
  if (scan.html) {
    a.lang = markup::language_code(attr(scan.html, "lang"));
    if (a.lang.empty()) a.lang = markup::language_code(attr(scan.html, "xml:lang"));
  }
  if (a.lang.empty()) a.lang = markup::language_code(ld.lang);
  if (a.lang.empty()) a.lang = markup::language_code(first_meta(scan, {"og:locale", "content-language", "language", "dc.language"}));

  // Body.
  xmlNode* root = content_root(scan, max_depth);
  bool too_deep = scan.too_deep, cut = false;
  if (root) {
    BodyExtractor extractor(root, max_depth, limits.max_article_bytes);
    a.body = extractor.run(too_deep, cut);
  }
  if (a.body.empty() && !ld.body.empty()) {
    a.body = html_to_text(ld.body, flatten, limits.max_article_bytes);
    cut = cut || a.body.size() >= limits.max_article_bytes;
  }
  a.body = std::string(util::utf8_prefix(a.body, limits.max_article_bytes));
  if (a.title) drop_leading_title(a.body, *a.title);
  if (too_deep)
    sink.problem(name.display, 1,
                 "markup nested deeper than " + std::to_string(max_depth) + " elements; the deeper content ignored");
  else if (nesting_flattened)
    sink.problem(name.display, 1, markup::flattened_message(flatten));
  if (cut)
    sink.problem(name.display, 1,
                 "article longer than " + std::to_string(limits.max_article_bytes) + " bytes; indexed its beginning");

  // Date: article:published_time, JSON-LD datePublished, <time datetime>, date meta tags.
  std::vector<std::string> strong;
  if (std::string d = first_meta(scan, {"article:published_time"}); !d.empty()) strong.push_back(d);
  if (!trim_copy(ld.date_published).empty()) strong.push_back(trim_copy(ld.date_published));
  if (std::string d = first_meta(scan, {"datepublished"}); !d.empty()) strong.push_back(d);
  std::vector<std::string> weak;
  // <time> elements of the article first, then any; a pubdate or itemprop marks the publication.
  std::vector<xmlNode*> times = scan.times;
  std::stable_sort(times.begin(), times.end(), [&](xmlNode* x, xmlNode* y) {
    auto rank = [&](xmlNode* t) {
      int r = 0;
      if (root && is_ancestor(root, t)) r -= 1;
      if (has_attr(t, "pubdate") || iequals(attr(t, "itemprop"), "datePublished")) r -= 2;
      return r;
    };
    return rank(x) < rank(y);
  });
  for (xmlNode* t : times) weak.push_back(trim_copy(attr(t, "datetime")));
  for (const char* key : {"og:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                          "dcterms.issued", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
                          "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date"})
    if (std::string d = first_meta(scan, {key}); !d.empty()) weak.push_back(d);
  bool dated = false;
  for (const std::vector<std::string>* list : {&strong, &weak}) {
    for (const std::string& d : *list) {
      if (auto date = util::parse_date(d)) {
        a.date = *date;
        dated = true;
        break;
      }
    }
    if (dated) break;
  }
  // No day in the metadata: a dateline the page shows, perhaps outside the article's text
  // ("Publié le 31 janvier 2023" in a header); the article's own text is tried when it is read.
  if (xmlNode* page = scan.body ? scan.body : scan.html; a.date.precision != util::DatePrecision::kDay && page) {
    if (auto day = util::find_dateline(subtree_text(page, max_depth, limits.max_article_bytes), a.date)) {
      a.date = *day;
      dated = true;
    }
  }
  if (!dated && !strong.empty())
    sink.problem(name.display, 1, "invalid date '" + std::string(util::utf8_prefix(strong.front(), 80)) + "'; indexed undated");

  a.id = a.url.empty() ? id_of_unlinked(name.display, a) : a.url;
  if (!a.title && a.body.empty()) {
    sink.problem(name.display, 1, "page has neither title nor text; skipped");
    return;
  }
  sink.article(std::move(a));
}

void read_html_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  std::string bytes;
  if (in.read_all(bytes, limits.max_document_bytes))
    sink.problem(name.display, 1,
                 "page longer than " + std::to_string(limits.max_document_bytes) + " bytes; read its beginning");
  read_html_bytes(bytes, name, limits, sink);
}

}  // namespace depeche
