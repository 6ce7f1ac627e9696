// analysis::stopwords_for: the words dropped from free-text queries, one list per language, each
// word already folded as the analyzer folds query words (a word with an accent would never match).
#include "analysis/stopwords.h"

#include "analysis/folding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using depeche::analysis::stopwords_for;

namespace {

bool has(const std::vector<std::string_view>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

TEST(Stopwords, FrenchIsTheDefault) {
  const auto& french = stopwords_for("fr");
  EXPECT_EQ(&stopwords_for(""), &french) << "an article without a language is French";
  EXPECT_EQ(&stopwords_for("de"), &french) << "a language without its own list";
  EXPECT_NE(&stopwords_for("en"), &french);
}

TEST(Stopwords, FrenchListHoldsFunctionWordsInTheirFoldedForm) {
  const auto& french = stopwords_for("fr");
  for (std::string_view word : {"le", "la", "les", "de", "du", "des", "et", "est", "dans", "qui", "que", "pour"})
    EXPECT_TRUE(has(french, word)) << word;
  // Elided forms (l', d', qu') are split off as words of their own.
  for (std::string_view word : {"l", "d", "qu", "c", "j", "n", "s"}) EXPECT_TRUE(has(french, word)) << word;
  EXPECT_TRUE(has(french, "etait")) << "était, folded";
  EXPECT_TRUE(has(french, "ca")) << "ça, folded";
  EXPECT_FALSE(has(french, "the"));
  for (std::string_view topic : {"gouvernement", "marseille", "greve", "port"}) EXPECT_FALSE(has(french, topic)) << topic;
}

TEST(Stopwords, EnglishListIsEnglish) {
  const auto& english = stopwords_for("en");
  for (std::string_view word : {"the", "and", "of", "to", "in", "is", "was", "with"}) EXPECT_TRUE(has(english, word)) << word;
  for (std::string_view word : {"le", "les", "et", "dans"}) EXPECT_FALSE(has(english, word)) << word;
}

TEST(Stopwords, EveryWordIsFoldedAndListedOnce) {
  depeche::analysis::Folder folder;
  for (const char* lang : {"fr", "en"}) {
    const auto& list = stopwords_for(lang);
    EXPECT_GT(list.size(), 40u) << lang;
    std::set<std::string_view> seen;
    for (std::string_view word : list) {
      EXPECT_FALSE(word.empty()) << lang;
      EXPECT_EQ(folder.fold(word), word) << lang << ": the analyzer compares folded words";
      EXPECT_TRUE(seen.insert(word).second) << lang << ": " << word << " twice";
    }
  }
}
