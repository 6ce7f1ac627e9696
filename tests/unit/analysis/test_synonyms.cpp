// Synonym files: one group of variant spellings per line, folded as queries fold words.
#include "analysis/synonyms.h"

#include "analysis/analyzer.h"
#include "util/error.h"

#include <gtest/gtest.h>

namespace {

using namespace depeche;
using analysis::parse_synonyms;
using analysis::SynonymGroup;

std::string error_of(const std::vector<std::string_view>& lines) {
  analysis::Analyzer analyzer;
  try {
    parse_synonyms(lines, "syn.txt", analyzer);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Synonyms, GroupsAreFoldedWordsAndCommentsAndBlankLinesAreSkipped) {
  analysis::Analyzer analyzer;
  const std::vector<SynonymGroup> groups =
      parse_synonyms({"# a comment", "", "  Kyïv , Kiev,KYIV  # trailing comment", "Pékin, Beijing,"}, "syn.txt", analyzer);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (SynonymGroup{"kyiv", "kiev", "kyiv"}));
  EXPECT_EQ(groups[1], (SynonymGroup{"pekin", "beijing"})) << "an empty word after a comma is nothing";
}

TEST(Synonyms, AWordThatSplitsIsAnErrorNamingTheLine) {
  const std::string message = error_of({"Daech, Daesh", "Al-Qaida, Al Qaeda"});
  EXPECT_EQ(message.rfind("syn.txt:2: ", 0), 0u) << message;
  EXPECT_NE(message.find("'Al-Qaida' is not one word"), std::string::npos) << message;
}

TEST(Synonyms, AGroupNeedsTwoWords) {
  EXPECT_EQ(error_of({"Kiev, Kyiv", "# only", "Poutine"}), "syn.txt:3: a group needs at least two words");
  EXPECT_EQ(error_of({"Poutine, # Putin"}), "syn.txt:1: a group needs at least two words") << "the comment is no word";
}

TEST(Synonyms, TheShippedGroupsParse) {
  analysis::Analyzer analyzer;
  const std::vector<SynonymGroup> groups = parse_synonyms(analysis::default_synonym_lines(), "default", analyzer);
  EXPECT_EQ(groups.size(), analysis::default_synonym_lines().size() - 1) << "every line but the comment";
  EXPECT_EQ(groups[0], (SynonymGroup{"zelensky", "zelenski", "zelenskyy", "zelenskiy"}));
}

}  // namespace
