// The other grammatical number of a French word whose plural Snowball does not join to its
// singular (lieu/lieux, travail/travaux, bijou/bijoux, œil/yeux): the query searches both, so a
// reader who types one number finds the article that writes the other.
#ifndef DEPECHE_INCLUDED_ANALYSIS_FRENCH_NUMBER_H
#define DEPECHE_INCLUDED_ANALYSIS_FRENCH_NUMBER_H

#include <string>
#include <string_view>
#include <vector>

namespace depeche::analysis {

// Candidate forms of `folded` (lower case, no accents) in the other number, by the rules of French
// grammar for -al/-ail/-au/-eu/-ou and their -aux/-eux/-oux plurals, plus the irregular pairs.
// Candidates are spelled by rule, not checked: some are not words ("heureu" from "heureux"), so the
// caller keeps only those the archive has. Words shorter than three letters have none.
std::vector<std::string> other_number_forms(std::string_view folded);

}  // namespace depeche::analysis

#endif
