#include "analysis/french_number.h"

#include <array>
#include <utility>

namespace depeche::analysis {
namespace {

bool ends_with(std::string_view word, std::string_view tail) {
  return word.size() >= tail.size() && word.substr(word.size() - tail.size()) == tail;
}

// Pairs no ending rule spells (folded): singular, plural.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kIrregular{{
    {"oeil", "yeux"},
    {"ciel", "cieux"},
    {"aieul", "aieux"},
}};

// A singular ending and the plural ending that replaces it; both directions are tried.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kEndings{{
    {"al", "aux"},   // journal, journaux (Snowball joins most, not all: "mal", "maux")
    {"ail", "aux"},  // travail, travaux; vitrail, vitraux; corail, coraux
    {"au", "aux"},   // tuyau, tuyaux; bureau, bureaux
    {"eu", "eux"},   // lieu, lieux; jeu, jeux; feu, feux
    {"ou", "oux"},   // bijou, bijoux; genou, genoux
}};

}  // namespace

std::vector<std::string> other_number_forms(std::string_view folded) {
  std::vector<std::string> forms;
  if (folded.size() < 3) return forms;
  for (const auto& [singular, plural] : kIrregular) {
    if (folded == singular) forms.emplace_back(plural);
    if (folded == plural) forms.emplace_back(singular);
  }
  for (const auto& [singular, plural] : kEndings) {
    if (ends_with(folded, singular) && folded.size() > singular.size())
      forms.push_back(std::string(folded.substr(0, folded.size() - singular.size())).append(plural));
    if (ends_with(folded, plural) && folded.size() > plural.size())
      forms.push_back(std::string(folded.substr(0, folded.size() - plural.size())).append(singular));
  }
  return forms;
}

}  // namespace depeche::analysis
