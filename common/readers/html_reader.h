// HTML article pages, parsed with libxml2's HTML parser: one page, one article. Metadata from
// Open Graph / article: meta tags, JSON-LD and the page's own elements; the body is the article's
// text without navigation, scripts, menus, footers and share widgets.
#ifndef DEPECHE_INCLUDED_READERS_HTML_READER_H
#define DEPECHE_INCLUDED_READERS_HTML_READER_H

#include "readers/reader.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche {

// The text of an HTML fragment (a feed item's description) or page, UTF-8 in and out: entities
// decoded, scripts and styles dropped, whitespace collapsed, paragraphs (block elements) separated
// by a blank line. The tags of elements nested deeper than `max_depth` (or 200) are ignored, their
// text kept; `flattened_at` is then set to that depth. At most `max_bytes` of text.
std::string html_to_text(std::string_view html, std::size_t max_depth = 256,
                         std::size_t max_bytes = std::size_t{16} << 20, std::size_t* flattened_at = nullptr);

// One page's raw bytes (any charset: see util::to_utf8 and ReadLimits::encoding) into one article,
// reported to `sink`; nothing when the page has neither title nor text (reported). Never throws on
// content: malformed markup is recovered by the parser.
void read_html_bytes(std::string_view bytes, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

// Reads the page (at most limits.max_document_bytes of it) and calls read_html_bytes.
void read_html_input(util::InputFile& in, const InputName& name, const ReadLimits& limits, ArticleSink& sink);

// What the HTML and feed readers share to turn markup into text.
namespace markup {

// libxml2's one-time initialisation (thread-safe).
void init_libxml();

// http:// or https://, in any case.
bool is_absolute_url(std::string_view s);
// `link` (trimmed) made absolute against `base`, as a browser would ("/a/b" on https://site.fr/x
// gives https://site.fr/a/b); empty when neither gives an absolute http(s) URL.
std::string absolute_url(std::string_view link, std::string_view base);

// A language tag's primary language in lower case ("fr-FR", "fr_FR", "FR" -> "fr"); empty when
// the tag does not start with two letters.
std::string language_code(std::string_view tag);

// Elements whose content is never article text (script, style, nav, form, ...).
bool never_text(std::string_view element);

// What an element's start or end tag puts between the words around it: <p> a paragraph break,
// <br> a line break, <td> a space, <b> nothing.
enum class Gap { kNone, kSpace, kLine, kParagraph };
Gap gap_before(std::string_view element);
Gap gap_after(std::string_view element);

// Builds text from pieces: runs of whitespace become one space, block boundaries a blank line,
// nothing leading or trailing; stops growing at `max_bytes`.
class TextBuilder {
 public:
  explicit TextBuilder(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  // `pre`: newlines are kept (as line breaks) instead of collapsed.
  void text(std::string_view s, bool pre = false);
  void space();
  void line_break();
  void paragraph_break();
  void gap(Gap g);
  void open_element(std::string_view element) { gap(gap_before(element)); }
  void close_element(std::string_view element) { gap(gap_after(element)); }
  bool full() const { return full_; }
  std::size_t size() const { return out_.size(); }
  std::string take();  // valid UTF-8 when the pieces were

 private:
  void flush_pending();
  std::string out_;
  std::size_t max_bytes_;
  int pending_break_ = 0;  // 0 none, 1 line, 2 paragraph
  bool pending_space_ = false;
  bool full_ = false;
};

}  // namespace markup
}  // namespace depeche

#endif
