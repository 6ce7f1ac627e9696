// Recognises the countries an article mentions, by their French names as ICU spells them
// ("Mali", "Iran", "États-Unis", "Côte d’Ivoire"): no hand-written list to maintain.
#ifndef DEPECHE_INCLUDED_ANALYSIS_COUNTRIES_H
#define DEPECHE_INCLUDED_ANALYSIS_COUNTRIES_H

#include "analysis/tokenizer.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace depeche::analysis {

class Analyzer;

class CountryFinder {
 public:
  // Builds the name table with `analyzer`, so names are matched on the same tokens as the text.
  explicit CountryFinder(Analyzer& analyzer);
  // The French names (ICU's spelling) of the countries mentioned in `tokens`, each once, sorted.
  // A name counts only when written with its capital, so "mali" in a URL slug or "inde" in
  // running text do not.
  std::vector<std::string> find(const TokenList& tokens) const;
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::string> names_;  // folded tokens joined by ' ' -> display name
  // The first words of the names, and their longer beginnings: a capitalised word that begins no
  // name costs one lookup, not one per word of the longest name.
  std::unordered_set<std::string> beginnings_;
  std::size_t max_words_ = 1;
};

}  // namespace depeche::analysis

#endif
