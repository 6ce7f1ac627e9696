// Recognises the countries an article mentions, by their French names: ICU's ("Mali", "Iran",
// "États-Unis", "Côte d’Ivoire") and the other names the press uses (country_names.inc: RDC,
// Birmanie, Vietnam...), each reported under one canonical name. A name inside another proper name
// (Météo-France, France Inter, Coupe de France) or used as a first name (Maurice Ravel) is not the
// country.
#ifndef DEPECHE_INCLUDED_ANALYSIS_COUNTRIES_H
#define DEPECHE_INCLUDED_ANALYSIS_COUNTRIES_H

#include "analysis/tokenizer.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace depeche::analysis {

class Analyzer;

class CountryFinder {
 public:
  // Builds the name table with `analyzer`, so names are matched on the same tokens as the text.
  explicit CountryFinder(Analyzer& analyzer);
  // The canonical names of the countries mentioned in `tokens`, each once, sorted. A name counts
  // only when its capitals are written ("mali" in a URL slug, "La réunion de samedi" do not).
  std::vector<std::string> find(const TokenList& tokens) const;
  // The canonical name of the country `written` names (any name, case and accents ignored), or
  // nullptr when it names none. `analyzer` must be the one the finder was built with.
  const std::string* canonical(std::string_view written, Analyzer& analyzer) const;
  // The canonical name of the country whose name is nearest to `written` in spelling.
  const std::string& nearest(std::string_view written, Analyzer& analyzer) const;
  std::size_t size() const { return names_.size(); }

 private:
  struct Name {
    std::string canonical;       // empty: a name that holds a country's but is not one
    std::uint32_t capitals = 0;  // bit n: the name's word n must be written with a capital
    bool needs_context = false;  // also a first name or a city: counted only after a word of place
  };
  struct Match {
    const Name* name = nullptr;
    std::size_t words = 0;
  };
  static bool is_country(const Match& m);
  void add(const std::string& written, std::string canonical, Analyzer& analyzer, TokenList& tokens);
  std::string key_of(std::string_view written, Analyzer& analyzer) const;
  // The longest name whose words begin at token `i`, its capitals written as required.
  Match match_at(const TokenList& tokens, std::size_t i) const;
  bool inside_other_name(const TokenList& tokens, std::size_t first, std::size_t words, bool after_country) const;

  std::unordered_map<std::string, Name> names_;  // folded tokens joined by ' ' -> name
  // The first words of the names, and their longer beginnings: a capitalised word that begins no
  // name costs one lookup, not one per word of the longest name.
  std::unordered_set<std::string> beginnings_;
  std::size_t max_words_ = 1;
};

}  // namespace depeche::analysis

#endif
