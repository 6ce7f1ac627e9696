// Issue 16: an article's lang chooses its analysis; queries reach it through that analysis too.
#include "support/run.h"

#include <gtest/gtest.h>

namespace t = depeche::test;

TEST(Languages, EnglishArticlesGetEnglishStemmingFrenchOnesFrench) {
  t::TempDir dir;
  const std::string input =
      "{\"id\":\"en1\",\"lang\":\"en\",\"title\":\"Ministers delay the vote\",\"body\":\"The running of the "
      "elections was postponed by the ministers.\"}\n"
      "{\"id\":\"fr1\",\"lang\":\"fr\",\"title\":\"Report du scrutin\",\"body\":\"Les ministres ont reporté les "
      "élections.\"}\n"
      "{\"id\":\"und\",\"title\":\"Sans langue\",\"body\":\"Les compétences numériques progressent.\"}\n";
  ASSERT_EQ(t::index({"--db", dir / "db", "-"}, input).status, 0);
  auto count = [&](const std::string& q) { return t::search({"--db", dir / "db", "--count", q}).out; };
  EXPECT_EQ(count("minister"), "1\n") << "English stem of ministers";
  EXPECT_EQ(count("run"), "1\n") << "English stem of running";
  EXPECT_EQ(count("ministre"), "1\n") << "French stem of ministres";
  EXPECT_EQ(count("compétence"), "1\n") << "undetermined language is analysed as French";
  EXPECT_EQ(count("lang:en"), "1\n");
}
