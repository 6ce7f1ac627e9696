#include "readers/html_markup.h"

#include "util/ascii.h"
#include "util/utf8.h"

#include <libxml/parser.h>
#include <libxml/uri.h>

#include <algorithm>
#include <mutex>

namespace depeche::markup {

using util::iequals;

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

bool in_list(std::string_view name, std::initializer_list<const char*> list) {
  for (const char* s : list)
    if (iequals(name, s)) return true;
  return false;
}

bool is_ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

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


}  // namespace depeche::markup
