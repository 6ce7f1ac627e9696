// Splits text into words the way French news needs: elisions (l’, d’, qu’...) dropped,
// "aujourd’hui" kept whole, hyphenated and glued words ("diplomatieLe", "malienne.La") split,
// every word folded (see folding.h). Scripts written without spaces (Chinese, Japanese, Thai...)
// are segmented with ICU's word break iterator.
#ifndef DEPECHE_INCLUDED_ANALYSIS_TOKENIZER_H
#define DEPECHE_INCLUDED_ANALYSIS_TOKENIZER_H

#include "analysis/folding.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace depeche::analysis {

struct Token {
  enum Flags : std::uint8_t {
    kCapitalised = 1,    // written with an upper-case first letter
    kSentenceStart = 2,  // first word of a text, sentence, paragraph or quotation
    kJoinedToNext = 4,   // the next token continues the same written word (hyphen, glued case change)
  };
  std::uint32_t fold_begin = 0, fold_size = 0;  // the folded form, in TokenList::folded_text
  std::uint32_t src_begin = 0, src_end = 0;     // byte offsets of the word in the source text
  std::uint8_t flags = 0;
  bool has(Flags f) const { return (flags & f) != 0; }
};

// Tokens of one text; reused between calls to avoid allocations.
struct TokenList {
  std::string folded_text;
  std::vector<Token> tokens;
  std::string_view folded(const Token& t) const { return {folded_text.data() + t.fold_begin, t.fold_size}; }
  void clear() {
    folded_text.clear();
    tokens.clear();
  }
};

class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Appends the tokens of `text` (UTF-8; invalid bytes separate words) to `out`.
  void tokenize(std::string_view text, TokenList& out);
  Folder& folder() { return folder_; }

  // Words longer than this (in folded bytes) are dropped: they are not words but noise.
  static constexpr std::size_t kMaxWordBytes = 64;

 private:
  std::int32_t read_word(const std::uint8_t* s, std::int32_t start, std::int32_t n, bool& sentence_start,
                         TokenList& out);
  std::int32_t segment_run(const std::uint8_t* s, std::int32_t start, std::int32_t n, TokenList& out);
  void push(Token t, TokenList& out);

  Folder folder_;
  std::unique_ptr<icu::BreakIterator> word_breaker_;  // created on the first unspaced script
};

bool is_elision(std::string_view folded);

// Where the `n`th word of `text` (from 0) begins, words counted loosely: runs of letters, digits
// and marks, split where a capital follows a lower-case letter and after each character of an
// unspaced script, without folding anything. Elisions, inner apostrophes and over-long words make
// it count at least as many words as Tokenizer gives tokens, so the offset is at or before that
// of the `n`th token. text.size() when there are fewer.
std::size_t loose_word_start(std::string_view text, std::size_t n);

}  // namespace depeche::analysis

#endif
