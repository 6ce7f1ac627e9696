// Variant spellings of the same name (transliterations in the news: Zelensky / Zelenski), kept in
// the database's synonym table and applied at query time to the words as typed.
#ifndef DEPECHE_INCLUDED_ANALYSIS_SYNONYMS_H
#define DEPECHE_INCLUDED_ANALYSIS_SYNONYMS_H

#include <string>
#include <string_view>
#include <vector>

namespace depeche::analysis {

class Analyzer;

using SynonymGroup = std::vector<std::string>;  // folded words, all equivalent

// The groups depeche ships: transliterations and variants common in French news.
const std::vector<std::string_view>& default_synonym_lines();

// Parses lines of a synonyms file: one group per line, words separated by commas, '#' comments.
// Words are folded with `analyzer`; a word that is not one word once analysed ("Al-Qaida") is an
// error naming the line, as is a group of fewer than two words. Throws depeche::Error.
std::vector<SynonymGroup> parse_synonyms(const std::vector<std::string_view>& lines, const std::string& source,
                                         Analyzer& analyzer);

}  // namespace depeche::analysis

#endif
