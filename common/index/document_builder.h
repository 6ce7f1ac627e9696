// Article -> Xapian::Document, through schema.h only.
#ifndef DEPECHE_INCLUDED_INDEX_DOCUMENT_BUILDER_H
#define DEPECHE_INCLUDED_INDEX_DOCUMENT_BUILDER_H

#include "analysis/analyzer.h"
#include "analysis/countries.h"
#include "article.h"
#include "schema.h"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

// How the title and the lead count against the rest of the body, in the one field that holds
// them all (one field, which known-item search rewards; two fields summed per word fall far
// behind). Each title word also goes under the title prefix for title: searches. The defaults
// were chosen on the dev set by bench/ablation (bench/results.md).
struct IndexWeights {
  Xapian::termcount title_wdf = 3;  // wdf of a title word; a body word counts 1
  Xapian::termcount lead_wdf = 1;   // wdf of a word among the body's first lead_words
  std::size_t lead_words = 0;
  // wdf of a standfirst word, which also goes under the standfirst's prefix, between the title's
  // and a body word's: chosen on both dev sets (bench/results.md, "Standfirsts and tags").
  Xapian::termcount standfirst_wdf = 2;
};

// Builds documents; keeps one analyzer per language. Not thread-safe: one per thread.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(IndexWeights weights = {});
  Xapian::Document build(const Article& a);
  // The analyzer for an article's language code (French for unknown codes).
  analysis::Analyzer& analyzer_for(const std::string& lang);
  // The body's tokens from the last build(), for signatures computed by the caller.
  const analysis::TokenList& body_tokens() const { return body_tokens_; }
  const analysis::TokenList& title_tokens() const { return title_tokens_; }
  const analysis::TokenList& standfirst_tokens() const { return standfirst_tokens_; }
  // Each distinct word (folded) of the last build()'s title, standfirst and body, once, in order of first use.
  struct Word {
    std::string_view folded;
    Xapian::termcount stem_wdf = 0;     // summed over the occurrences that are not names
    Xapian::termcount title_stems = 0;       // title occurrences that are not names
    Xapian::termcount standfirst_stems = 0;  // standfirst occurrences that are not names
    bool plain = false;                 // an occurrence was in lower case: the stem is indexed
    bool initial = false;               // an occurrence was capitalised at a sentence start
    bool name = false;                  // an occurrence was capitalised inside a sentence: kept unstemmed
    std::uint32_t slot = 0;             // where words_by_hash_ points at it
  };
  const std::vector<Word>& words() const { return words_; }
  // For experiments (bench/ablation); documents built before keep their weights.
  void set_weights(const IndexWeights& weights) { weights_ = weights; }

 private:
  // The parts of an article whose words are the unprefixed words, in the order of their positions.
  enum class Part { kTitle, kStandfirst, kBody };
  // The words of `part` at the positions from `pos` on: unprefixed, weighed as the part is, under
  // the title's or standfirst's own prefix, and counted in words() for their stems.
  void index_text(const analysis::TokenList& tokens, Xapian::termpos& pos, Part part, Xapian::Document& doc);
  Word& word_use(std::string_view folded);
  // Where `folded` is in words_by_hash_, or the free slot where it would go.
  std::size_t slot_of(std::string_view folded) const;
  void forget_words();
  void add_word_terms(analysis::Analyzer& analyzer, Xapian::Document& doc);
  // A multi-valued field the article gives (the tags): a term per value and the slot, one spelling
  // of each folded value, so that a facet counts an article once per value.
  void add_values(const schema::Field& f, const Article& a, analysis::Analyzer& analyzer, Xapian::Document& doc);
  // The terms and value of one row of schema::kFields.
  void add_field(const schema::Field& f, const Article& a, analysis::Analyzer& analyzer, Xapian::Document& doc);
  // A free-text field other than the title: its words under its prefix, with positions, unstemmed.
  void add_words(const schema::Field& f, const std::string& text, analysis::Analyzer& analyzer, Xapian::Document& doc);
  // The countries the title, standfirst and body mention, found in the tokens of build().
  void add_countries(const schema::Field& f, analysis::Analyzer& analyzer, Xapian::Document& doc);
  IndexWeights weights_;
  std::map<std::string, std::unique_ptr<analysis::Analyzer>> analyzers_;
  analysis::CountryFinder countries_;
  analysis::TokenList title_tokens_, standfirst_tokens_, body_tokens_, field_tokens_;
  std::string term_;
  // The terms without positions are added once per distinct word, not once per occurrence: Xapian's
  // document is a std::map, and half of the lookups in it were repeats (bench/results.md, session 6).
  std::vector<Word> words_;
  std::vector<std::uint32_t> words_by_hash_;  // open addressing: index in words_ + 1, 0 when free
};

}  // namespace depeche

#endif
