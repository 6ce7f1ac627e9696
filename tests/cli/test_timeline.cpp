// Issue 17 (part): --timeline bars per month, CSV for plotting; facet order.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <vector>

namespace t = depeche::test;
using nlohmann::json;

TEST(Timeline, OneBarPerMonthIncludingEmptyOnesAndCsv) {
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  const auto csv = t::search({"--db", dir / "db", "--timeline", "--format", "csv", "date:2022"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  std::istringstream lines(csv.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "period,count");
  int months = 0, total = 0;
  std::string previous;
  while (std::getline(lines, line)) {
    const std::string period = line.substr(0, line.find(','));
    EXPECT_LT(previous, period);
    previous = period;
    total += std::stoi(line.substr(line.find(',') + 1));
    ++months;
  }
  EXPECT_EQ(std::to_string(total) + "\n", t::search({"--db", dir / "db", "--count", "date:2022"}).out);
  const auto text = t::search({"--db", dir / "db", "--timeline", "date:2022"});
  int bars = 0;
  std::istringstream text_lines(text.out);
  while (std::getline(text_lines, line)) ++bars;
  EXPECT_EQ(bars, months);
  EXPECT_NE(text.out.find("█"), std::string::npos);
}

TEST(Timeline, YearFacetIsATimeSeriesUnlessAskedByCount) {
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  auto years = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"--db", dir / "db", "--format", "json", "--facet", "year"};
    args.insert(args.end(), extra.begin(), extra.end());
    const json answer = json::parse(t::search(args).out);  // kept alive: the loop reads inside it
    std::vector<std::string> out;
    for (const auto& v : answer["facets"]["year"]["values"]) out.push_back(v["value"]);
    return out;
  };
  const auto by_value = years({});
  EXPECT_TRUE(std::is_sorted(by_value.begin(), by_value.end()));
  EXPECT_NE(years({"--facet-sort", "count"}), by_value);
}

// Exit 1 means nothing matched: matches dated by year only, or undated, are in no month but match.
TEST(Timeline, MatchesInNoMonthStillExitZero) {
  t::TempDir dir;
  dir.write("a/articles.jsonl", R"({"id":"annee","date":"2019","title":"Un millésime","body":"Les négociants en vin."})"
                                "\n" R"({"id":"sans-date","title":"Sans date","body":"Les négociants en grain."})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  const auto some = t::search({"--db", dir / "db", "--timeline", "--format", "json", "négociants"});
  EXPECT_EQ(some.status, 0) << some.out;
  EXPECT_TRUE(json::parse(some.out).at("periods").empty()) << some.out;
  EXPECT_EQ(t::search({"--db", dir / "db", "--timeline", "zzzinconnu"}).status, 1);
}

// An article dated by year only has no month, but it is not undated: the month facet counted it
// under "undated" with the articles that have no date at all.
TEST(Timeline, DateFacetsCountOnlyUndatedArticlesAsUndated) {
  t::TempDir dir;
  dir.write("a/articles.jsonl",
            R"({"id":"annee","date":"2019","title":"Un millésime","body":"Les négociants en vin."})" "\n"
            R"({"id":"sans-date","title":"Sans date","body":"Les négociants en grain."})" "\n"
            R"({"id":"mois","date":"2020-03","title":"Un mois","body":"Les négociants du port."})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  auto facet = [&](const std::string& name) {
    const json answer = json::parse(t::search({"--db", dir / "db", "--format", "json", "--facet", name, "négociants"}).out);
    std::map<std::string, int> counts;
    for (const auto& v : answer["facets"][name]["values"]) counts[v["value"]] = v["count"];
    return counts;
  };
  EXPECT_EQ(facet("month"), (std::map<std::string, int>{{"2020-03", 1}, {"undated", 1}}));
  EXPECT_EQ(facet("year"), (std::map<std::string, int>{{"2019", 1}, {"2020", 1}, {"undated", 1}}));
}

// "undated" is one of a date facet's values: --facet-limit counts it (limit 1 listed two values),
// `distinct` counts it (3 for 4 values), and count order places it by its count (it came last).
TEST(Timeline, UndatedIsOneValueOfADateFacet) {
  t::TempDir dir;
  dir.write("a/articles.jsonl", R"({"id":"r1","date":"2022-12-31","body":"kiwi un"}
{"id":"r2","date":"2023-03-15","body":"kiwi deux"}
{"id":"r3","date":"2024-01-01","body":"kiwi trois"}
{"id":"r4","body":"kiwi quatre"}
{"id":"r5","body":"kiwi cinq"}
{"id":"r6","date":"2023","body":"kiwi six"}
)");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  // The values listed, "value:count" in order, then the number of distinct values.
  auto facet = [&](const std::string& name, const std::vector<std::string>& options) {
    std::vector<std::string> args{"--db", dir / "db", "--format", "json", "-n", "0", "--facet", name};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("kiwi");
    const json answer = json::parse(t::search(args).out);
    std::vector<std::string> values;
    for (const auto& v : answer["facets"][name]["values"])
      values.push_back(v["value"].get<std::string>() + ":" + std::to_string(v["count"].get<int>()));
    values.push_back("distinct " + std::to_string(answer["facets"][name]["distinct"].get<int>()));
    return values;
  };
  using V = std::vector<std::string>;
  // Value order, a time series: the periods, then undated; the cut keeps the last values.
  EXPECT_EQ(facet("year", {}), (V{"2022:1", "2023:2", "2024:1", "undated:2", "distinct 4"}));
  EXPECT_EQ(facet("year", {"--facet-limit", "2"}), (V{"2024:1", "undated:2", "distinct 4"}));
  EXPECT_EQ(facet("year", {"--facet-limit", "1"}), (V{"undated:2", "distinct 4"}));
  // Count order: undated ranks by its count, after periods of the same count.
  EXPECT_EQ(facet("year", {"--facet-sort", "count"}), (V{"2023:2", "undated:2", "2022:1", "2024:1", "distinct 4"}));
  EXPECT_EQ(facet("year", {"--facet-sort", "count", "--facet-limit", "1"}), (V{"2023:2", "distinct 4"}));
  // By month, the article dated 2023 is in no month and not undated.
  EXPECT_EQ(facet("month", {"--facet-sort", "count", "--facet-limit", "1"}), (V{"undated:2", "distinct 4"}));
  EXPECT_EQ(facet("month", {"--facet-limit", "3"}), (V{"2023-03:1", "2024-01:1", "undated:2", "distinct 4"}));
}

// --facet-sort value keeps the latest periods of a time series, but the first values of any other
// facet (it kept the last two sources alphabetically).
TEST(Timeline, ValueOrderKeepsTheFirstValuesOfOtherFacets) {
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  auto values = [&](const std::string& facet, const std::string& limit) {
    const json answer = json::parse(
        t::search({"--db", dir / "db", "--format", "json", "-n", "0", "--facet", facet, "--facet-sort", "value",
                   "--facet-limit", limit})
            .out);
    std::vector<std::string> out;
    for (const auto& v : answer["facets"][facet]["values"]) out.push_back(v["value"]);
    return out;
  };
  const auto sources = values("source", "100");
  ASSERT_GT(sources.size(), 2u);
  EXPECT_EQ(values("source", "2"), std::vector<std::string>(sources.begin(), sources.begin() + 2));
  const auto years = values("year", "100");
  EXPECT_EQ(values("year", "2"), std::vector<std::string>(years.end() - 2, years.end()));
}

// Oldest first lists undated articles after the dated ones, as newest first does: they are not the oldest.
TEST(Timeline, UndatedArticlesSortLastEitherWay) {
  t::TempDir dir;
  dir.write("a/articles.jsonl",
            R"({"id":"sans-date","title":"Sans date","body":"Les négociants en grain."})" "\n"
            R"({"id":"ancien","date":"2019-05-02","title":"Ancien","body":"Les négociants en vin."})" "\n"
            R"({"id":"recent","date":"2021-03","title":"Récent","body":"Les négociants du port."})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  for (const std::string order : {"date", "-date"}) {
    const auto r = t::search({"--db", dir / "db", "--format", "tsv", "--fields", "id", "--sort", order, "négociants"});
    EXPECT_EQ(r.out, order == "date" ? "id\nrecent\nancien\nsans-date\n" : "id\nancien\nrecent\nsans-date\n") << order;
  }
}

// JSON and JSON Lines print one object, as docs/output-format.md says: the JSON object once named
// its list "timeline", the JSON Lines one "periods".
TEST(Timeline, JsonIsTheDataOfTheJsonLinesMessage) {
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", t::source_dir() + "/data"}).status, 0);
  const auto one = t::search({"--db", dir / "db", "--timeline", "--format", "json", "date:2022"});
  const auto lines = t::search({"--db", dir / "db", "--timeline", "--format", "jsonl", "date:2022"});
  ASSERT_EQ(one.status, 0) << one.err;
  const json doc = json::parse(one.out), message = json::parse(lines.out);
  EXPECT_EQ(message.at("type"), "timeline");
  EXPECT_EQ(message.at("data"), doc);
  ASSERT_FALSE(doc.at("periods").empty()) << one.out;
  EXPECT_EQ(doc.at("periods")[0].size(), 2u);  // {period, count}
}

// docs/output-format.md: empty periods are included. Months were; --by day printed only the days
// with a match.
TEST(Timeline, ByDayIncludesTheEmptyDays) {
  t::TempDir dir;
  dir.write("a/articles.jsonl",
            R"({"id":"un","date":"2023-12-30","title":"Un","body":"Les négociants en vin."})" "\n"
            R"({"id":"deux","date":"2024-03-01","title":"Deux","body":"Les négociants en grain."})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  const auto csv = t::search({"--db", dir / "db", "--timeline", "--by", "day", "--format", "csv", "négociants"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  std::istringstream lines(csv.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  // Header, 2023-12-30 to 2024-03-01: 2 + 31 + 29 (a leap February) + 1 days.
  ASSERT_EQ(rows.size(), 1u + 63u) << csv.out;
  EXPECT_EQ(rows[1], "2023-12-30,1");
  EXPECT_EQ(rows[2], "2023-12-31,0");
  EXPECT_EQ(rows[3], "2024-01-01,0");
  EXPECT_EQ(rows[62], "2024-02-29,0");
  EXPECT_EQ(rows[63], "2024-03-01,1");
}
