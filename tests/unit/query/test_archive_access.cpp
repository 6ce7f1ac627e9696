// Reading the archive without ranking: an article by id or URL, every article matching, the
// figures of --stats and the time line.
#include "query/searcher.h"

#include "index/index_writer.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <set>

namespace {

using depeche::Article;
using depeche::SearchRequest;
using depeche::Searcher;
using depeche::test::TempDir;

class ArchiveAccess : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    depeche::IndexWriter writer(db(), 10, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    const std::vector<std::pair<std::string, std::string>> dates{
        {"janvier", "2023-01-15"}, {"mars", "2023-03-02"}, {"mars-bis", "2023-03-20"}, {"sans-date", ""}};
    for (const auto& [id, date] : dates) {
      Article a;
      a.id = id;
      a.url = "https://exemple.fr/" + id;
      a.source = "exemple.fr";
      a.title = "Article " + id;
      a.body = "Le port de " + id + " accueille des navires.";
      if (!date.empty()) a.date = *depeche::util::parse_iso_date(date);
      writer.article(std::move(a));
    }
    writer.finish(0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "db"; }
  static TempDir* dir_;
};
TempDir* ArchiveAccess::dir_ = nullptr;

TEST_F(ArchiveAccess, AnArticleIsFoundByIdOrUrl) {
  Searcher searcher({db()});
  ASSERT_TRUE(searcher.find("mars"));
  EXPECT_EQ(searcher.find("mars")->title, "Article mars");
  ASSERT_TRUE(searcher.find("https://exemple.fr/janvier"));
  EXPECT_EQ(searcher.find("https://exemple.fr/janvier")->id, "janvier");
  EXPECT_FALSE(searcher.find("absent"));
}

TEST_F(ArchiveAccess, EveryMatchingArticleIsVisitedOnce) {
  Searcher searcher({db()});
  std::multiset<std::string> ids;
  searcher.for_each_article(SearchRequest{}, [&](const Article& a) { ids.insert(a.id); });
  EXPECT_EQ(ids, (std::multiset<std::string>{"janvier", "mars", "mars-bis", "sans-date"}));
  SearchRequest q;
  q.query = "janvier";
  ids.clear();
  searcher.for_each_article(q, [&](const Article& a) { ids.insert(a.id); });
  EXPECT_EQ(ids, (std::multiset<std::string>{"janvier"}));
}

TEST_F(ArchiveAccess, CountIsExact) {
  Searcher searcher({db()});
  SearchRequest q;
  q.query = "port";
  EXPECT_EQ(searcher.count(q), 4u);
  q.query = "zorglub";
  EXPECT_EQ(searcher.count(q), 0u);
}

TEST_F(ArchiveAccess, StatsCountArticlesDatesAndSources) {
  Searcher searcher({db()});
  const depeche::ArchiveStats s = searcher.stats();
  EXPECT_EQ(s.articles, 4u);
  EXPECT_EQ(s.undated, 1u);
  EXPECT_EQ(s.first_date, "2023-01-15");
  EXPECT_EQ(s.last_date, "2023-03-20");
  ASSERT_EQ(s.per_source.size(), 1u);
  EXPECT_EQ(s.per_source[0].value, "exemple.fr");
  EXPECT_EQ(s.per_source[0].count, 4u);
  EXPECT_TRUE(s.revision);
  EXPECT_TRUE(s.database_bytes);
}

TEST_F(ArchiveAccess, TheTimelineListsMonthsWithoutMatchesAtZero) {
  Searcher searcher({db()});
  const std::vector<depeche::FacetCount> months = searcher.timeline(SearchRequest{}, false);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].value, "2023-01");
  EXPECT_EQ(months[0].count, 1u);
  EXPECT_EQ(months[1].value, "2023-02");
  EXPECT_EQ(months[1].count, 0u);
  EXPECT_EQ(months[2].value, "2023-03");
  EXPECT_EQ(months[2].count, 2u);
  const std::vector<depeche::FacetCount> days = searcher.timeline(SearchRequest{}, true);
  EXPECT_EQ(days.front().value, "2023-01-15");
  EXPECT_EQ(days.back().value, "2023-03-20");
  EXPECT_EQ(days.size(), 17u + 28u + 20u);
}

}  // namespace
