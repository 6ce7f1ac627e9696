// analysis::other_number_forms: the other number of the words whose plural Snowball keeps apart.
#include "analysis/french_number.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using depeche::analysis::other_number_forms;

namespace {

bool offers(const std::string& word, const std::string& other) {
  const std::vector<std::string> forms = other_number_forms(word);
  return std::find(forms.begin(), forms.end(), other) != forms.end();
}

}  // namespace

TEST(FrenchNumber, PluralsInXMeetTheirSingulars) {
  for (const auto& [singular, plural] : std::vector<std::pair<std::string, std::string>>{
           {"lieu", "lieux"}, {"jeu", "jeux"}, {"travail", "travaux"}, {"bijou", "bijoux"}, {"mal", "maux"},
           {"materiau", "materiaux"}, {"bureau", "bureaux"}, {"vital", "vitaux"}}) {
    EXPECT_TRUE(offers(singular, plural)) << singular;
    EXPECT_TRUE(offers(plural, singular)) << plural;
  }
}

TEST(FrenchNumber, IrregularPairs) {
  EXPECT_TRUE(offers("oeil", "yeux"));
  EXPECT_TRUE(offers("yeux", "oeil"));
  EXPECT_TRUE(offers("cieux", "ciel"));
}

TEST(FrenchNumber, OtherWordsHaveNoneOrOnlyCandidates) {
  EXPECT_TRUE(other_number_forms("greve").empty());
  EXPECT_TRUE(other_number_forms("eu").empty()) << "too short to be a plural rule's stem";
  EXPECT_FALSE(offers("mali", "maux")) << "a name ending in -i is no -al word";
  EXPECT_TRUE(other_number_forms("").empty());
}
