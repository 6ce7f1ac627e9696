// What the HTML and feed readers share to turn markup into text: a text builder that knows which
// elements break lines and paragraphs, and small helpers for URLs and language tags. No libxml2
// types here.
#ifndef DEPECHE_INCLUDED_READERS_HTML_MARKUP_H
#define DEPECHE_INCLUDED_READERS_HTML_MARKUP_H

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace depeche::markup {

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

// Whether `name` is one of `list`, ignoring ASCII case.
bool in_list(std::string_view name, std::initializer_list<const char*> list);
// HTML's white space (and \v).
bool is_ascii_space(unsigned char c);

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

}  // namespace depeche::markup

#endif
