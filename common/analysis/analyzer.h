// One analyzer for indexing and for queries, so both sides always agree on what a word is.
#ifndef DEPECHE_INCLUDED_ANALYSIS_ANALYZER_H
#define DEPECHE_INCLUDED_ANALYSIS_ANALYZER_H

#include "analysis/tokenizer.h"

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace depeche::analysis {

// Tokenizer + Snowball stemming of folded words + stop words, for one language.
// Stems are cached (news vocabulary is Zipfian, so most lookups hit). Not thread-safe:
// one Analyzer per thread.
class Analyzer {
 public:
  // `lang` is an ISO 639-1 code; languages without a stemmer here are analysed as French.
  explicit Analyzer(std::string_view lang = "fr");

  void tokenize(std::string_view text, TokenList& out) { tokenizer_.tokenize(text, out); }
  // The stem of an already folded word. The reference stays valid until the next call.
  const std::string& stem(std::string_view folded);
  bool is_stopword(std::string_view folded) const { return stopwords_.count(std::string(folded)) != 0; }
  std::string fold(std::string_view text) { return tokenizer_.folder().fold(text); }
  const std::string& lang() const { return lang_; }

  // A capital inside a sentence marks a name ("le Mali"), the evidence for keeping it unstemmed.
  static bool is_name_occurrence(const Token& t) {
    return t.has(Token::kCapitalised) && !t.has(Token::kSentenceStart);
  }
  // A capital at a sentence start ("Mali : ...", "Malades, ils...") says nothing: the archive
  // as a whole decides whether the word is a name.
  static bool is_sentence_initial_capital(const Token& t) {
    return t.has(Token::kCapitalised) && t.has(Token::kSentenceStart);
  }

 private:
  std::string lang_;
  Tokenizer tokenizer_;
  Xapian::Stem stemmer_;
  std::unordered_set<std::string> stopwords_;
  std::unordered_map<std::string, std::string> stem_cache_;
  std::string key_;  // reused lookup key, to avoid an allocation per word
};

// Codes with their own stemmer and stop words; anything else is analysed as French.
bool is_supported_language(std::string_view lang);

}  // namespace depeche::analysis

#endif
