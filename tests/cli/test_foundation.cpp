// Issue 2's checks, run on the real binaries: seeds indexed, found, printed as documented.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using depeche::test::TempDir;
using nlohmann::json;
namespace t = depeche::test;

namespace {


class SeedsIndexed : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = t::index({"--db", db(), t::seeds_dir()});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  std::string db() const { return dir_ / "db"; }
  json search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--format", "json"});
    auto r = t::search(args);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    return json::parse(r.out);
  }
  TempDir dir_;
};

TEST_F(SeedsIndexed, IranFindsBothSeedsWithMonthDateAndSourceFromUrl) {
  const json j = search_json({"iran"});
  ASSERT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["total"], 2);
  std::set<std::string> sources, dates;
  for (const auto& hit : j["hits"]) {
    // Both headers say 2023-07. The first seed's "23.07.2023, Sputnik Afrique" is a dateline and
    // gives the day; the second only talks about "le mercredi 19 juillet dernier" (issue 33).
    const std::string precision = hit["date_precision"];
    dates.insert(hit["date"].get<std::string>() + " " + precision);
    if (!hit["source"].is_null()) sources.insert(hit["source"].get<std::string>());
  }
  EXPECT_EQ(dates, (std::set<std::string>{"2023-07-23 day", "2023-07 month"}));
  EXPECT_EQ(sources, std::set<std::string>{t::kSeedSource});
}

TEST_F(SeedsIndexed, SecondSeedHasNoTitleAndIdFromItsPath) {
  const json j = search_json({"Tidène", "--sort", "-date", "--limit", "5"});
  bool found_untitled = false;
  for (const auto& hit : j["hits"])
    if (hit["title"].is_null()) {
      found_untitled = true;
      const std::string id = hit["id"], file = "001_reecriture.txt";  // named from its path
      EXPECT_EQ(id.substr(id.size() - std::min(id.size(), file.size())), file) << id;
      EXPECT_TRUE(hit["url"].is_null());
    }
  EXPECT_TRUE(found_untitled);
}

TEST_F(SeedsIndexed, UnaccentedQueryFindsAccentedText) {
  EXPECT_EQ(search_json({"telecommunications"})["total"], 2);
}

TEST_F(SeedsIndexed, IranFindsTextWrittenWithTypographicElision) {
  // Only the first seed writes "L’Iran" with U+2019 in its title.
  const json j = search_json({"title:Iran"});
  ASSERT_EQ(j["total"], 1);
  EXPECT_EQ(j["hits"][0]["source"], t::kSeedSource);
}

TEST_F(SeedsIndexed, ReindexingReplacesInsteadOfDuplicating) {
  auto r = t::index({"--db", db(), t::seeds_dir(), "--summary=json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = json::parse(r.out);
  EXPECT_EQ(summary["added"], 0);
  EXPECT_EQ(summary["unchanged"], 2);
  EXPECT_EQ(search_json({"iran"})["total"], 2);
}

TEST_F(SeedsIndexed, TextOutputShowsRankTitleAndUrl) {
  auto r = t::search({"--db", db(), "iran"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1. 2023-07-23  " + std::string(t::kSeedSource)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("L’Iran propose au Mali"), std::string::npos);
  EXPECT_NE(r.out.find(t::kSeedUrl), std::string::npos);
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "no colour when stdout is not a terminal";
}

TEST_F(SeedsIndexed, NoMatchExitsOne) {
  auto r = t::search({"--db", db(), "--format", "json", "--no-partial-check-word-xyz"});
  EXPECT_EQ(r.status, 2) << "unknown option is a usage error";
  r = t::search({"--db", db(), "zzzzunknownword"});
  EXPECT_EQ(r.status, 1);
}

// Counts that are negative or past what Xapian counts were taken modulo 2^64 or 2^32: -n -1 printed
// everything, -n 4294967296 nothing.
TEST_F(SeedsIndexed, ResultCountsOutOfRangeAreUsageErrors) {
  for (const std::vector<std::string>& option :
       {std::vector<std::string>{"-n", "-1"}, {"-n", "4294967296"}, {"--offset", "-1"}, {"--offset", "4294967297"},
        {"--facet-limit", "-1"}}) {
    const auto r = t::search({"--db", db(), "iran", option[0], option[1]});
    EXPECT_EQ(r.status, 2) << option[0] << " " << option[1];
    EXPECT_NE(r.err.find("not in range"), std::string::npos) << r.err;
  }
  EXPECT_EQ(t::search({"--db", db(), "iran", "-n", "1000000000"}).status, 0);
}

TEST(Database, MissingDatabaseIsOneLineErrorNamingThePath) {
  TempDir dir;
  auto r = t::search({"--db", dir / "nothing-here", "iran"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find(dir / "nothing-here"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Database, NotADatabaseIsOneLineError) {
  TempDir dir;
  const std::string file = dir.write("plain.txt", "hello");
  auto r = t::search({"--db", file, "iran"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find(file), std::string::npos);
  r = t::index({"--db", file, t::source_dir() + "/data"});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Binaries, HelpAndVersion) {
  for (auto* run : {&t::index, &t::search}) {
    auto r = (*run)({"--help"}, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("--db"), std::string::npos);
    EXPECT_NE(r.out.find("Exit status"), std::string::npos);
    r = (*run)({"--version"}, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("depeche-"), std::string::npos);
  }
}

}  // namespace
