#include "analysis/countries.h"

#include "analysis/analyzer.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace depeche::analysis {

CountryFinder::CountryFinder(Analyzer& analyzer) {
  const icu::Locale french("fr");
  TokenList tokens;
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::UnicodeString display;
    icu::Locale("", *code).getDisplayCountry(french, display);
    std::string name;
    display.toUTF8String(name);
    // Skip codes ICU has no French name for, and the descriptive ones ("R.A.S. de Chine").
    if (name.empty() || name == *code || name.find_first_of("().0123456789") != std::string::npos) continue;
    tokens.clear();
    analyzer.tokenize(name, tokens);
    std::string key;
    for (const Token& t : tokens.tokens) {
      if (!key.empty()) key += ' ';
      key.append(tokens.folded(t));
      beginnings_.insert(key);
    }
    if (key.empty()) continue;
    max_words_ = std::max(max_words_, tokens.tokens.size());
    names_.emplace(std::move(key), std::move(name));
  }
}

std::vector<std::string> CountryFinder::find(const TokenList& tokens) const {
  std::vector<std::string> found;
  std::string key;
  const auto& list = tokens.tokens;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].has(Token::kCapitalised)) continue;
    key.clear();
    // Longest name first, so "Guinée équatoriale" wins over "Guinée".
    std::size_t best_len = 0;
    const std::string* best = nullptr;
    for (std::size_t n = 0; n < max_words_ && i + n < list.size(); ++n) {
      if (n) key += ' ';
      key.append(tokens.folded(list[i + n]));
      if (beginnings_.count(key) == 0) break;
      if (auto it = names_.find(key); it != names_.end()) {
        best = &it->second;
        best_len = n + 1;
      }
    }
    if (best) {
      found.push_back(*best);
      i += best_len - 1;
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace depeche::analysis
