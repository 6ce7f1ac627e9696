// --explain on an empty result in words: each cause named as it was typed on the command line.
#include "cli/empty_causes.h"

#include <gtest/gtest.h>

namespace {

using depeche::EmptyCause;
using Kind = depeche::EmptyCause::Kind;

TEST(EmptyCauses, EachCauseIsNamedAsTyped) {
  EXPECT_EQ(depeche::cli::worded({Kind::kQueryPart, "", "zorglub"}), "zorglub");
  EXPECT_EQ(depeche::cli::worded({Kind::kFilter, "lang", "fr"}), "--lang fr");
  EXPECT_EQ(depeche::cli::worded({Kind::kIndexedSince, "", ""}), "--indexed-since");
  EXPECT_EQ(depeche::cli::worded({Kind::kCombination, "", ""}),
            "each part matches some articles, but no article matches them all");
}

TEST(EmptyCauses, ADateFilterIsSinceAndUntil) {
  EXPECT_EQ(depeche::cli::worded({Kind::kFilter, "date", "2099.."}), "--since 2099");
  EXPECT_EQ(depeche::cli::worded({Kind::kFilter, "date", "..1900-01"}), "--until 1900-01");
  EXPECT_EQ(depeche::cli::worded({Kind::kFilter, "date", "2020..2021"}), "--since 2020 --until 2021");
  EXPECT_EQ(depeche::cli::worded({Kind::kFilter, "date", "2020"}), "--date 2020");
}

TEST(EmptyCauses, ResultsAreWordedForThePrinters) {
  depeche::SearchResult result;
  result.emptied_by = {{Kind::kQueryPart, "", "zorglub"}, {Kind::kFilter, "source", "x.fr"}};
  depeche::cli::word_empty_causes(result);
  EXPECT_EQ(result.empty_because, (std::vector<std::string>{"zorglub", "--source x.fr"}));
}

}  // namespace
