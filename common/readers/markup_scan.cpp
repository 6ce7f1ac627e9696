#include "readers/markup_scan.h"

#include <algorithm>

namespace depeche::markup {
namespace {

bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

TagLexer::Char TagLexer::next(char c) {
  if (quote_) {
    if (c == quote_) quote_ = 0;
    slash_ = false;
    return Char::kOther;
  }
  if (c == '>') return Char::kEnd;
  slash_ = c == '/';
  if (in_name_) {  // quotes in a name are no quotes
    if (is_tag_space(c)) in_name_ = false;
    return Char::kOther;
  }
  if (c == '"' || c == '\'') {
    quote_ = c;
  } else if (is_tag_space(c)) {
    in_token_ = false;
  } else if (!in_token_ && c != '=' && c != '/') {
    in_token_ = true;
    return Char::kAttribute;
  }
  return Char::kOther;
}

std::size_t start_tag_end(std::string_view markup, std::size_t lt) {
  TagLexer tag;
  for (std::size_t i = lt + 1; i < markup.size(); ++i)
    if (tag.next(markup[i]) == TagLexer::Char::kEnd) return i;
  return markup.size();
}

std::string_view AttributeLimiter::filter(std::string_view piece, std::string& storage) {
  storage.clear();
  bool cut = dropping_;  // storage holds what is kept
  std::size_t copied = 0;  // where what is kept resumes, once not dropping
  for (std::size_t i = 0; i < piece.size(); ++i) {
    if (state_ == State::kText) {
      const std::size_t lt = std::min(piece.find('<', i), piece.size());
      line_ += static_cast<std::size_t>(std::count(piece.begin() + static_cast<std::ptrdiff_t>(i),
                                                   piece.begin() + static_cast<std::ptrdiff_t>(lt), '\n'));
      i = lt;
      if (lt < piece.size()) state_ = State::kLess;
      continue;
    }
    const char c = piece[i];
    if (c == '\n') ++line_;
    if (state_ == State::kLess) {  // only '<' and a letter open a start tag
      if (is_ascii_letter(c)) {
        state_ = State::kTag;
        tag_ = TagLexer{};
        attributes_ = 0;
        tag_line_ = line_;
      } else if (c != '<') {
        state_ = State::kText;
      }
      continue;
    }
    const bool slash = tag_.after_slash();
    switch (tag_.next(c)) {
      case TagLexer::Char::kAttribute:
        if (++attributes_ == max_ + 1) {
          storage.append(piece.substr(copied, i - copied));
          cut = dropping_ = true;
          if (!first_line_) first_line_ = tag_line_;
        }
        break;
      case TagLexer::Char::kEnd:
        state_ = State::kText;
        if (dropping_) {
          dropping_ = false;
          if (slash) storage += '/';  // <item a0="" ... />: still an empty element
          copied = i;
        }
        break;
      case TagLexer::Char::kOther:
        break;
    }
  }
  if (!cut) return piece;
  if (!dropping_) storage.append(piece.substr(copied));
  return storage;
}

std::string excess_attributes_message(std::size_t max_attributes) {
  return "an element with more than " + std::to_string(max_attributes) + " attributes; the rest of them ignored";
}

std::string flattened_message(std::size_t depth) {
  return "markup nested deeper than " + std::to_string(depth) + " elements; the deeper tags ignored, their text kept";
}

}  // namespace depeche::markup
