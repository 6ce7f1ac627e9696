// Issue 34: a query read as a reader types it. A slip is searched in its close spelling and said
// so; a date among the words ranks its period first without being required; the other number of
// a word is found; --exact-words turns the reading off. Exit statuses keep counting articles.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <tuple>
#include <vector>

namespace t = depeche::test;
using nlohmann::json;
using Ranked = std::vector<std::string>;

namespace {

class QueryReadingCli : public t::IndexedCorpus<QueryReadingCli> {
 protected:
  static void SetUpTestSuite() {
    const std::vector<std::vector<std::string>> articles = {
        {"bronzes", "2022-11-03", "Le sculpteur Truquet expose ses bronzes au musée de la ville."},
        {"retrospective", "2022-10-03", "Une rétrospective consacrée à Truquet attire les foules au musée."},
        {"jeux-nov", "2022-11-14", "Les jeux olympiques sont adoptés par le comité régional."},
        {"jeux-mars", "2022-03-14", "Les jeux olympiques adoptés en novembre dernier inquiètent le comité."},
        {"lieux", "2021-05-02", "Les lieux de culte ferment leurs portes pour l'hiver."},
    };
    std::string input;
    for (const auto& a : articles) input += json{{"id", a[0]}, {"date", a[1]}, {"body", a[2]}}.dump() + "\n";
    // A rare misspelling beside a name fifty times as common (the slip rule's ratio).
    for (int n = 0; n < 50; ++n)
      input += json{{"id", "worcester-" + std::to_string(n)},
                    {"date", "2022-06-01"},
                    {"body", "Le festival de Worcester programme sa soirée numéro " + std::to_string(n) + "."}}
                   .dump() +
               "\n";
    input += json{{"id", "worcster"}, {"date", "2022-06-02"}, {"body", "Un guide touristique écrit Worcster près de la cathédrale."}}
                 .dump() +
             "\n";
    index_once({"-"}, input);
  }

  static t::RunResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db()});
    return t::search(args);
  }
  static json search_json(std::vector<std::string> args, int status = 0) {
    args.insert(args.begin(), {"--format", "json"});
    const t::RunResult r = run(args);
    EXPECT_EQ(r.status, status) << r.err;
    json j = json::parse(r.out, nullptr, false);
    return j.is_discarded() ? json::object() : j;
  }
  static Ranked ranked(const json& j) {
    Ranked out;
    for (const auto& hit : j.value("hits", json::array())) out.push_back(hit["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_F(QueryReadingCli, ASlipIsSearchedInItsCloseSpellingAndSaidSo) {
  const json j = search_json({"sculpteur truqet"});
  EXPECT_EQ(ranked(j), Ranked{"bronzes"});
  EXPECT_EQ(j["corrected"], (json{{"truqet", "truquet"}}));
  EXPECT_EQ(j["status"], "ok") << "a corrected query that matches is a match";
  const t::RunResult text = run({"--color", "never", "sculpteur truqet"});
  EXPECT_NE(text.out.find("Also searched truquet for truqet"), std::string::npos) << text.out;
}

TEST_F(QueryReadingCli, ARareWordIsTakenForASlipOnlyWhenTheQueryAsWrittenFindsNothing) {
  const json found = search_json({"Worcster cathédrale"});
  EXPECT_EQ(ranked(found), Ranked{"worcster"}) << "the one article with the word as typed and the other";
  EXPECT_EQ(found["corrected"], json::object());
  EXPECT_EQ(found["total"], 1);
  const json slip = search_json({"Worcster festival"});
  EXPECT_EQ(slip["corrected"], (json{{"worcster", "worcester"}})) << "no article has both words as typed";
  EXPECT_EQ(slip["total"], 50);
  EXPECT_EQ(slip["status"], "ok");
  EXPECT_EQ(slip["partial"], false);
  for (const char* query : {"Worcster cathédrale", "Worcster festival"}) {
    const json j = search_json({query});
    const t::RunResult count = run({"--count", query});
    EXPECT_EQ(count.out, std::to_string(j["total"].get<int>()) + "\n") << query << ": --count reads the query as the search does";
  }
  const json exact = search_json({"--exact-words", "Worcster festival"}, 1);
  EXPECT_EQ(exact["corrected"], json::object());
}

TEST_F(QueryReadingCli, ExactWordsSearchesTheWordsAsTyped) {
  const json j = search_json({"--exact-words", "sculpteur truqet"}, 1);
  EXPECT_TRUE(ranked(j).empty() || j["partial"] == true);
  EXPECT_EQ(j["corrected"], json::object());
  EXPECT_EQ(j["suggestion"], "sculpteur truquet") << "the suggestion still says what was meant";
  const json dated = search_json({"--exact-words", "jeux adoptés novembre 2022"}, 1);
  EXPECT_TRUE(dated["preferred_period"].is_null());
}

TEST_F(QueryReadingCli, ADateAmongTheWordsRanksItsPeriodFirst) {
  const json j = search_json({"jeux adoptés novembre 2022"});
  EXPECT_EQ(ranked(j), (Ranked{"jeux-nov", "jeux-mars"})) << "the words of the date are not required";
  EXPECT_EQ(j["preferred_period"], "2022-11");
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(ranked(search_json({"jeux adoptés mars 2022"})), (Ranked{"jeux-mars", "jeux-nov"}));
  EXPECT_EQ(ranked(search_json({"--sort", "date", "jeux adoptés mars 2022"})), (Ranked{"jeux-nov", "jeux-mars"}))
      << "a sort by date is the user's order";
  const t::RunResult text = run({"--color", "never", "jeux novembre 2022"});
  EXPECT_NE(text.out.find("Articles of 2022-11 first"), std::string::npos) << text.out;
  EXPECT_EQ(search_json({"--count", "2022"}, 1).value("total", -1), 0) << "a year alone is a word, found in no text";
}

TEST_F(QueryReadingCli, TheOtherNumberOfAWord) {
  EXPECT_EQ(ranked(search_json({"lieu culte"})), Ranked{"lieux"});
}

TEST_F(QueryReadingCli, PartialMatchesShowFirstTheArticlesWithMostWords) {
  // No article has all four; "retrospective" has three of them, each other article at most two.
  const json j = search_json({"rétrospective musée foules olympiques"}, 1);
  EXPECT_EQ(j["partial"], true);
  ASSERT_FALSE(ranked(j).empty());
  EXPECT_EQ(ranked(j).front(), "retrospective");
}

TEST_F(QueryReadingCli, ExplainNamesThePeriodAndTheWordsMatchedAndStillAddsUp) {
  for (const auto& [query, kind, status] : std::vector<std::tuple<std::string, std::string, int>>{
           {"jeux adoptés novembre 2022", "preferred period", 0}, {"rétrospective musée foules olympiques", "word matched", 1}}) {
    const json j = search_json({"--explain", query}, status);
    ASSERT_FALSE(j.value("hits", json::array()).empty()) << query;
    const json& hit = j["hits"][0];
    double sum = 0;
    bool named = false;
    for (const auto& part : hit["explain"]) {
      sum += part["weight"].get<double>();
      named = named || part["kind"] == kind;
    }
    EXPECT_TRUE(named) << query << ": " << hit["explain"].dump();
    EXPECT_NEAR(sum, hit["score"].get<double>(), 1e-6 * hit["score"].get<double>()) << query;
  }
}
