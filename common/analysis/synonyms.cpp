#include "analysis/synonyms.h"

#include "analysis/analyzer.h"
#include "util/error.h"

namespace depeche::analysis {

const std::vector<std::string_view>& default_synonym_lines() {
  static const std::vector<std::string_view> kLines{
      "# Transliterations and variant spellings seen in French-language news.",
      "Zelensky, Zelenski, Zelenskyy, Zelenskiy",
      "Kyiv, Kiev, Kyïv",
      "Daech, Daesh, Daeich",
      "Poutine, Putin",
      "Kharkiv, Kharkov",
      "Odessa, Odesa",
      "Kadhafi, Kaddafi, Gaddafi, Qaddafi",
      "Khamenei, Khameneï",
      "Ahmadinejad, Ahmadinedjad",
      "Erdogan, Erdoğan",
      "Tchétchénie, Tchetchenie, Chechnya",
      "Pékin, Beijing",
      "Biélorussie, Bélarus, Belarus",
      "Birmanie, Myanmar",
      "Hezbollah, Hizbollah",
      "Tsahal, IDF",
  };
  return kLines;
}

std::vector<SynonymGroup> parse_synonyms(const std::vector<std::string_view>& lines, const std::string& source,
                                         Analyzer& analyzer) {
  std::vector<SynonymGroup> groups;
  TokenList tokens;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    SynonymGroup group;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t comma = line.find(',', start);
      if (comma == std::string_view::npos) comma = line.size();
      const std::string_view word = line.substr(start, comma - start);
      start = comma + 1;
      tokens.clear();
      analyzer.tokenize(word, tokens);
      if (tokens.tokens.empty()) continue;
      if (tokens.tokens.size() != 1)
        throw Error(source + ":" + std::to_string(n + 1) + ": '" + std::string(word) +
                    "' is not one word once analysed (hyphens and spaces split words)");
      group.emplace_back(tokens.folded(tokens.tokens[0]));
    }
    if (group.empty()) continue;
    if (group.size() < 2) throw Error(source + ":" + std::to_string(n + 1) + ": a group needs at least two words");
    groups.push_back(group);
  }
  return groups;
}

}  // namespace depeche::analysis
