#include "readers/html_reader.h"

#include "readers/article_fields.h"
#include "readers/html_markup.h"
#include "readers/html_metadata.h"
#include "readers/html_tree.h"
#include "readers/input_charset.h"
#include "readers/markup_scan.h"
#include "readers/problems.h"
#include "util/ascii.h"
#include "util/input_file.h"
#include "util/utf8.h"

#include <cstdint>

namespace depeche {
namespace {

using namespace html;
using markup::TextBuilder;
using util::iequals;

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
      : root_(root), max_depth_(max_depth), keep_header_(is_element(root, "article")), builder_(max_bytes),
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

// `body` without its first paragraph when that paragraph is `title`: the <h1> that the page shows
// above the article is the title, already stored as such. A body that is nothing but the title stays.
void drop_leading_title(std::string& body, const std::string& title) {
  const std::size_t end = body.find("\n\n");
  if (title.empty() || end == std::string::npos || end > 2 * kMaxTitleBytes) return;
  if (clean_inline(std::string_view(body).substr(0, end)) == title) body.erase(0, end + 2);
}

// The page's tree, its markup cut to the limits (reported); null when there is none (reported).
DocPtr parse_page(const std::string& text, std::size_t flatten, bool& flattened, const InputName& name,
                  const ReadLimits& limits, ArticleSink& sink) {
  std::size_t attributes_line = 0;
  DocPtr doc = parse_html(text, "UTF-8", flatten, limits.max_attributes, &attributes_line, &flattened);
  if (attributes_line) sink.problem(name.display, attributes_line, markup::excess_attributes_message(limits.max_attributes));
  if (!doc || !xmlDocGetRootElement(doc.get())) {
    sink.problem(name.display, 1, "no HTML content; skipped");
    return nullptr;
  }
  return doc;
}

// The article's text: the content element's without the page's furniture, else JSON-LD's
// articleBody; without the title at its start. Reports what was cut.
std::string page_body(const PageScan& scan, const LinkedData& ld, xmlNode* content, std::size_t flatten, bool flattened,
                      const std::optional<std::string>& title, const InputName& name, const ReadLimits& limits,
                      ArticleSink& sink) {
  const std::size_t max_depth = flatten + kImpliedDepth;
  std::string body;
  bool too_deep = scan.too_deep, cut = false;
  if (content) {
    BodyExtractor extractor(content, max_depth, limits.max_article_bytes);
    body = extractor.run(too_deep, cut);
  }
  if (body.empty() && !ld.body.empty()) {
    body = html_to_text(ld.body, flatten, limits.max_article_bytes);
    cut = cut || body.size() >= limits.max_article_bytes;
  }
  body = std::string(util::utf8_prefix(body, limits.max_article_bytes));
  if (title) drop_leading_title(body, *title);
  if (too_deep)
    sink.problem(name.display, 1,
                 "markup nested deeper than " + std::to_string(max_depth) + " elements; the deeper content ignored");
  else if (flattened)
    sink.problem(name.display, 1, markup::flattened_message(flatten));
  if (cut)
    sink.problem(name.display, 1, longer_than("article", limits.max_article_bytes, kIndexedItsBeginning));
  return body;
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
  return std::string(util::utf8_prefix(subtree_text(root, flatten + kImpliedDepth, max_bytes), max_bytes));
}

void read_html_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink) {
  const std::string text = document_utf8(
      bytes, limits, [&](std::string_view page) { return declared_html_charset(page, limits.max_attributes); }, name, sink);
  const std::size_t flatten = flatten_depth(limits.max_markup_depth);
  bool flattened = false;
  const DocPtr doc = parse_page(text, flatten, flattened, name, limits, sink);
  if (!doc) return;
  const std::size_t max_depth = flatten + kImpliedDepth;
  const PageScan scan = scan_page(doc.get(), max_depth);
  const LinkedData ld = read_linked_data(scan.json_ld);

  Article a;
  a.origin = name.display;
  read_page_metadata(scan, ld, max_depth, a);
  xmlNode* content = content_root(scan, max_depth);
  a.body = page_body(scan, ld, content, flatten, flattened, a.title, name, limits, sink);
  std::string unreadable_date;
  a.date = page_date(scan, ld, content, max_depth, limits.max_article_bytes, unreadable_date);
  if (!unreadable_date.empty()) sink.problem(name.display, 1, unreadable_date_message(unreadable_date));

  for (const std::string& problem : settle_standfirst_and_tags(a)) sink.problem(name.display, 1, problem);
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
    sink.problem(name.display, 1, longer_than("page", limits.max_document_bytes, kReadItsBeginning));
  read_html_bytes(bytes, name, limits, sink);
}

}  // namespace depeche
