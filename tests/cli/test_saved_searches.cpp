// Issue 17: saved searches, and cron's "only what is new since last time".
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

namespace t = depeche::test;
using nlohmann::json;

namespace {

std::vector<std::string> env_for(const t::TempDir& home) {
  return {"HOME=" + home.path(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "XDG_STATE_HOME=", "DEPECHE_DB=" + (home / "db"),
          "DEPECHE_CONFIG="};
}

std::set<std::string> ids(const std::string& json_text) {
  const json answer = json::parse(json_text);  // kept alive: the loop reads inside it
  std::set<std::string> out;
  for (const auto& hit : answer["hits"]) out.insert(hit["id"].get<std::string>());
  return out;
}

TEST(SavedSearches, SaveListRunForget) {
  t::TempDir home;
  const auto env = env_for(home);
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, t::source_dir() + "/data"}, "", env).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "sahel", "--source", "info-sahel.example", "mali"}, "", env).status, 0);
  auto r = t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env);
  EXPECT_EQ(r.out, "sahel\t(mali) (source:\"info-sahel.example\")\n");
  r = t::run({DEPECHE_SEARCH_BIN, "--saved", "sahel", "--count"}, "", env);
  EXPECT_EQ(r.out, t::run({DEPECHE_SEARCH_BIN, "--count", "mali", "--source", "info-sahel.example"}, "", env).out);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--forget", "sahel"}, "", env).status, 0);
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env).out, "");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "sahel"}, "", env).status, 2);
}

// A saved OR query stays whole when filters are saved with it and when words are added to it:
// "port OR mali" with --source once meant port OR (mali source:...).
TEST(SavedSearches, OrQueryKeepsItsMeaning) {
  t::TempDir home;
  const auto env = env_for(home);
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, t::source_dir() + "/data"}, "", env).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "either", "--source", "info-sahel.example", "port", "OR", "mali"}, "", env)
                .status,
            0);
  auto count = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{DEPECHE_SEARCH_BIN, "--count"};
    argv.insert(argv.end(), args.begin(), args.end());
    return t::run(argv, "", env).out;
  };
  const std::string direct = count({"--source", "info-sahel.example", "(port OR mali)"});
  EXPECT_NE(direct, count({"port", "OR", "mali", "source:info-sahel.example"})) << "the data must tell them apart";
  EXPECT_EQ(count({"--saved", "either"}), direct);
  EXPECT_EQ(count({"--saved", "either", "coton"}), count({"--source", "info-sahel.example", "(port OR mali) coton"}));
}

TEST(SavedSearches, NewPrintsEachArticleOnceAcrossRuns) {
  t::TempDir home;
  const auto env = env_for(home);
  // Half the archive, then the other half: 2020-2022, then 2023-2024 (Mali is in both).
  std::filesystem::create_directories(home / "archive");
  for (const char* year : {"2020", "2021", "2022"})
    for (const char* source : {"info-sahel", "depeches-monde", "courrier-du-sud"})
      if (std::filesystem::exists(t::source_dir() + "/data/" + source + "/" + year))
        std::filesystem::copy(t::source_dir() + "/data/" + source + "/" + year, home / ("archive/" + std::string(source) + year));
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, home / "archive"}, "", env).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "mali", "mali"}, "", env).status, 0);

  auto first = t::run({DEPECHE_SEARCH_BIN, "--saved", "mali", "--new", "--format", "json", "--no-collapse"}, "", env);
  ASSERT_EQ(first.status, 0) << first.err;
  const auto first_ids = ids(first.out);
  EXPECT_FALSE(first_ids.empty());

  for (const char* year : {"2023", "2024"})
    std::filesystem::copy(t::source_dir() + "/data/info-sahel/" + year, home / ("archive/info-sahel" + std::string(year)));
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, home / "archive"}, "", env).status, 0);
  auto second = t::run({DEPECHE_SEARCH_BIN, "--saved", "mali", "--new", "--format", "json", "--no-collapse"}, "", env);
  ASSERT_EQ(second.status, 0) << second.err;
  const auto second_ids = ids(second.out);
  EXPECT_FALSE(second_ids.empty());
  for (const auto& id : second_ids) EXPECT_EQ(first_ids.count(id), 0u) << id << " printed twice";
  const auto all = ids(t::run({DEPECHE_SEARCH_BIN, "mali", "--format", "json", "--no-collapse", "--limit", "100"}, "", env).out);
  EXPECT_EQ(first_ids.size() + second_ids.size(), all.size()) << "nothing skipped";

  auto third = t::run({DEPECHE_SEARCH_BIN, "--saved", "mali", "--new"}, "", env);
  EXPECT_EQ(third.status, 1) << "nothing new: cron stays quiet";
}

TEST(SavedSearches, IndexedSinceFilters) {
  t::TempDir home;
  const auto env = env_for(home);
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, t::source_dir() + "/data"}, "", env).status, 0);
  EXPECT_NE(t::run({DEPECHE_SEARCH_BIN, "--count", "--indexed-since", "2000-01-01"}, "", env).out, "0\n");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--count", "--indexed-since", "2999-01-01T00:00"}, "", env).out, "0\n");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--count", "--indexed-since", "demain"}, "", env).status, 2);
}

}  // namespace
