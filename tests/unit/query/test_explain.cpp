// --explain on an empty result: the parts of the query and the filters tried alone.
#include "query/explain.h"

#include <gtest/gtest.h>

#include <set>

namespace {

using depeche::EmptyCause;
using depeche::SearchRequest;

TEST(Explain, AQueryIsSplitIntoWordsAndPhrasesWithoutOperators) {
  EXPECT_EQ(depeche::query_parts("migrants AND \"mer du Nord\" OR  NOT zorglub"),
            (std::vector<std::string>{"migrants", "\"mer du Nord\"", "zorglub"}));
  EXPECT_TRUE(depeche::query_parts("  ").empty());
}

// A count that finds nothing for the words and filter values in `empty`.
std::function<Xapian::doccount(const SearchRequest&)> count_without(std::set<std::string> empty) {
  return [empty](const SearchRequest& alone) -> Xapian::doccount {
    if (!alone.query.empty()) return empty.count(alone.query) ? 0 : 5;
    if (!alone.filters.empty()) return empty.count(alone.filters.front().second) ? 0 : 5;
    return empty.count("indexed") ? 0 : 5;
  };
}

TEST(Explain, EachPartOrFilterThatMatchesNothingAloneIsACause) {
  SearchRequest request;
  request.query = "migrants zorglub";
  request.filters = {{"lang", "fr"}, {"date", "2099.."}};
  request.indexed_since = 1e10;
  const std::vector<EmptyCause> causes = depeche::explain_empty(request, count_without({"zorglub", "2099..", "indexed"}));
  ASSERT_EQ(causes.size(), 3u);
  EXPECT_EQ(causes[0].kind, EmptyCause::Kind::kQueryPart);
  EXPECT_EQ(causes[0].value, "zorglub");
  EXPECT_EQ(causes[1].kind, EmptyCause::Kind::kFilter);
  EXPECT_EQ(causes[1].field, "date");
  EXPECT_EQ(causes[1].value, "2099..");
  EXPECT_EQ(causes[2].kind, EmptyCause::Kind::kIndexedSince);
}

TEST(Explain, WhenEachPartMatchesItIsTheirCombination) {
  SearchRequest request;
  request.query = "migrants port";
  const std::vector<EmptyCause> causes = depeche::explain_empty(request, count_without({}));
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].kind, EmptyCause::Kind::kCombination);
}

TEST(Explain, APartThatIsNotAQueryIsSkipped) {
  SearchRequest request;
  request.query = "champ:x zorglub";
  auto count = [](const SearchRequest& alone) -> Xapian::doccount {
    if (alone.query == "champ:x") throw depeche::QueryError("unknown field");
    return 0;
  };
  const std::vector<EmptyCause> causes = depeche::explain_empty(request, count);
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].value, "zorglub");
}

}  // namespace
