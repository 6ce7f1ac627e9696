// Issue 7 end to end: copies collapse into one result (counted as articles), --similar.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace t = depeche::test;
using nlohmann::json;

namespace {

const std::string kSputnikId =
    "https://fr.sputniknews.africa/20230723/"
    "liran-offre-au-mali-ses-competences-en-matiere-de-telecommunications-et-de-cybersecurite-1060715436.html";
const std::string kRewriteId = "001_29f9dbc17fbfc298.txt";

json search_json(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db, "--format", "json"});
  const auto r = t::search(args);
  EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
  return json::parse(r.out);
}

class SampleArchive : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new t::TempDir;
    if (!t::seeds_present()) return;
    const auto r = t::index({"--db", db(), t::source_dir() + "/data", t::seeds_dir()});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  void SetUp() override {
    if (!t::seeds_present()) GTEST_SKIP() << t::kNoSeeds;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return *dir_ / "db"; }
  static t::TempDir* dir_;
};
t::TempDir* SampleArchive::dir_ = nullptr;

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
  const json j = search_json(db(), {"--similar", kRewriteId, "--limit", "3"});
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["hits"][0]["id"], kSputnikId);
  EXPECT_EQ(j["hits"][0]["copy_count"], 0);
  for (const auto& hit : j["hits"]) EXPECT_NE(hit["id"], kRewriteId) << "an article is not similar to itself";
}

TEST_F(SampleArchive, SimilarToAnUnknownIdIsAnError) {
  const auto r = t::search({"--db", db(), "--similar", "no-such-id"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no-such-id"), std::string::npos);
}

// The real check of issue 7: among 30,000 real articles, each seed finds the other first.
TEST(SimilarOnRealCorpus, SeedsFindEachOtherFirst) {
  if (!t::shared_corpus_present()) GTEST_SKIP() << "../shared/data/corpus/news-fr.jsonl.gz is absent";
  t::TempDir dir;
  const auto r = t::index({"--db", dir / "db", t::shared_dir() + "/data/corpus/news-fr.jsonl.gz", t::seeds_dir()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(search_json(dir / "db", {"--similar", kRewriteId, "--limit", "1"})["hits"][0]["id"], kSputnikId);
  EXPECT_EQ(search_json(dir / "db", {"--similar", kSputnikId, "--limit", "1"})["hits"][0]["id"], kRewriteId);
}

}  // namespace
