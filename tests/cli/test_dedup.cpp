// Issue 7 end to end: copies collapse into one result (counted as articles), --similar.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <functional>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace t = depeche::test;
using nlohmann::json;

namespace {


json search_json(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db, "--format", "json"});
  const auto r = t::search(args);
  EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
  return json::parse(r.out);
}

class SampleArchive : public t::IndexedCorpus<SampleArchive> {
 protected:
  static void SetUpTestSuite() { index_once({t::source_dir() + "/data", t::seeds_dir()}); }
};

// data/ holds one agency story reposted by two sources under different titles.
TEST_F(SampleArchive, CopiesCollapseIntoOneHitButCountAsArticles) {
  const json collapsed = search_json(db(), {"accords", "télécommunications", "énergie"});
  const json all = search_json(db(), {"accords", "télécommunications", "énergie", "--no-collapse"});
  EXPECT_EQ(collapsed["total"], all["total"]) << "totals count articles whatever collapse does";
  EXPECT_EQ(collapsed["hits"].size() + 1, all["hits"].size());
  int with_copy = 0;
  for (const auto& hit : collapsed["hits"])
    if (hit["copy_count"] == 1) {
      ++with_copy;
      ASSERT_EQ(hit["copies"].size(), 1u);
      EXPECT_NE(hit["copies"][0]["source"], hit["source"]);
    }
  EXPECT_EQ(with_copy, 1);
  const auto count = t::search({"--db", db(), "--count", "accords", "télécommunications", "énergie"});
  EXPECT_EQ(count.out, std::to_string(all["total"].get<int>()) + "\n");
}

TEST_F(SampleArchive, RewriteIsNotACopyButIsTheMostSimilar) {
  const std::string rewrite = t::rewrite_id({db()});
  const json j = search_json(db(), {"--similar", rewrite, "--limit", "3"});
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["hits"][0]["id"], t::kSeedUrl);
  EXPECT_EQ(j["hits"][0]["copy_count"], 0);
  for (const auto& hit : j["hits"]) EXPECT_NE(hit["id"], rewrite) << "an article is not similar to itself";
}

// Words and filters given with --similar keep the similar articles that match them, in the same
// order: they were silently ignored.
TEST_F(SampleArchive, QueryGivenWithSimilarNarrowsItWithoutReordering) {
  const std::vector<std::string> similar{"--similar", t::rewrite_id({db()}), "--limit", "100", "--no-collapse"};
  auto with = [&](std::vector<std::string> query) {
    query.insert(query.begin(), similar.begin(), similar.end());
    return search_json(db(), query);
  };
  const json all = with({});
  auto kept_in_order = [&](const std::function<bool(const json&)>& keep) {
    std::vector<std::string> ids;
    for (const auto& hit : all["hits"])
      if (keep(hit)) ids.push_back(hit["id"]);
    return ids;
  };
  auto ids_of = [](const json& answer) {
    std::vector<std::string> ids;
    for (const auto& hit : answer["hits"]) ids.push_back(hit["id"]);
    return ids;
  };
  const json dated = with({"date:2023"});
  const std::vector<std::string> of_2023 =
      kept_in_order([](const json& hit) { return hit["date"].is_string() && hit["date"].get<std::string>().rfind("2023", 0) == 0; });
  ASSERT_FALSE(of_2023.empty());
  EXPECT_LT(of_2023.size(), all["hits"].size());
  EXPECT_EQ(ids_of(dated), of_2023);
  EXPECT_EQ(dated["total"], of_2023.size());

  const json word = search_json(db(), {"énergie", "--limit", "100", "--no-collapse"});
  std::set<std::string> with_word;
  for (const auto& hit : word["hits"]) with_word.insert(hit["id"]);
  const std::vector<std::string> of_word = kept_in_order([&](const json& hit) { return with_word.count(hit["id"]) > 0; });
  ASSERT_FALSE(of_word.empty());
  EXPECT_EQ(ids_of(with({"énergie"})), of_word);
}

TEST_F(SampleArchive, SimilarToAnUnknownIdIsAnError) {
  const auto r = t::search({"--db", db(), "--similar", "no-such-id"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no-such-id"), std::string::npos);
}

// The real check of issue 7: among 30,000 real articles, each seed finds the other first.
TEST(SimilarOnRealCorpus, SeedsFindEachOtherFirst) {
  if (!t::shared_corpus_present())
    GTEST_SKIP() << "../shared/data/corpus/news-fr.jsonl.gz is absent: the licensed corpus is never shipped";
  t::TempDir dir;
  const auto r = t::index({"--db", dir / "db", t::shared_dir() + "/data/corpus/news-fr.jsonl.gz", t::seeds_dir()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string rewrite = t::rewrite_id({dir / "db"});
  EXPECT_EQ(search_json(dir / "db", {"--similar", rewrite, "--limit", "1"})["hits"][0]["id"], t::kSeedUrl);
  EXPECT_EQ(search_json(dir / "db", {"--similar", t::kSeedUrl, "--limit", "1"})["hits"][0]["id"], rewrite);
}

}  // namespace
