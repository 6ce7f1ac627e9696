// A cheap look at markup bytes before libxml2 parses them, shared by the HTML and feed readers:
// libxml2 (HTML and XML parsers alike) compares each attribute of an element with every one
// before it, so an element with 100,000 attributes costs minutes before any callback sees it.
#ifndef DEPECHE_INCLUDED_READERS_MARKUP_SCAN_H
#define DEPECHE_INCLUDED_READERS_MARKUP_SCAN_H

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche::markup {

// One start tag read a character at a time after its '<': its name, then attributes, each
// `name`, `name=value` or `name="quoted value"`.
class TagLexer {
 public:
  enum class Char { kOther, kAttribute, kEnd };  // kAttribute: the first character of one
  Char next(char c);
  bool after_slash() const { return slash_; }  // the last character was a '/' outside quotes ("/>")

 private:
  bool in_name_ = true, in_token_ = false, slash_ = false;
  char quote_ = 0;
};

// Where the start tag opening at markup[lt] ('<') ends: its '>' outside quoted values, or the end.
std::size_t start_tag_end(std::string_view markup, std::size_t lt);

// Drops the attributes past `max_attributes` from every start tag of a text given a piece at a
// time (a tag may straddle pieces). Quoted values are skipped; a quote left open hides the rest
// of the text, which only means nothing is dropped.
class AttributeLimiter {
 public:
  explicit AttributeLimiter(std::size_t max_attributes) : max_(max_attributes) {}
  // The next piece without the excess attributes: `piece` itself when nothing of it is dropped,
  // else a view of `storage`.
  std::string_view filter(std::string_view piece, std::string& storage);
  bool dropped() const { return first_line_ != 0; }
  // The line (counted from 1 over every piece) of the first start tag cut; 0 when none was.
  std::size_t first_line() const { return first_line_; }

 private:
  enum class State { kText, kLess, kTag };
  std::size_t max_;
  State state_ = State::kText;
  TagLexer tag_;
  std::size_t attributes_ = 0;
  bool dropping_ = false;
  std::size_t line_ = 1, tag_line_ = 0, first_line_ = 0;
};

// What the readers report for an element cut to `max_attributes`, and for markup whose tags past
// `depth` were dropped.
std::string excess_attributes_message(std::size_t max_attributes);
std::string flattened_message(std::size_t depth);

}  // namespace depeche::markup

#endif
