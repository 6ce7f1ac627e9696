// Issues 12, 14 and 17: spelling suggestions, synonyms, --explain, wildcards, NEAR/ADJ, author:.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace t = depeche::test;
using nlohmann::json;

namespace {

class QueryFeatures : public t::IndexedCorpus<QueryFeatures> {
 protected:
  static void SetUpTestSuite() {
    const std::string input =
        json{{"id", "a1"}, {"title", "Les migrants de Lampedusa"}, {"author", "Claire Dubois"},
             {"body", "La migration vers l'Europe reprend. Le ministre italien de l'Intérieur a reçu des élus."}}
            .dump() + "\n" +
        json{{"id", "a2"}, {"title", "Visite à Kiev"}, {"author", "Marc Lefort"},
             {"body", "Volodymyr Zelenskyy a reçu à Kiev le président sénégalais pour parler de céréales."}}
            .dump() + "\n" +
        json{{"id", "a3"}, {"title", "Télécommunications"},
             {"body", "L'Iran et le Mali coopèrent dans les télécommunications depuis des années déjà."}}
            .dump() + "\n";
    index_once({"-"}, input);
  }
  static std::string count(const std::string& q) { return t::search({"--db", db(), "--count", q}).out; }
  static json search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--format", "json"});
    return json::parse(t::search(args).out);
  }
};

// With --exact-words a slip is not searched in its close spelling (test_query_reading.cpp), but
// the suggestion still offers it.
TEST_F(QueryFeatures, MisspeltWordGetsASuggestion) {
  const json j = search_json({"--exact-words", "telecomunications"});
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["suggestion"], "telecommunications");
  const auto text = t::search({"--db", db(), "--exact-words", "telecomunications"});
  EXPECT_NE(text.out.find("Essayez avec : telecommunications"), std::string::npos) << text.out;
  EXPECT_TRUE(search_json({"--exact-words", "--no-suggest", "telecomunications"})["suggestion"].is_null());
  EXPECT_EQ(search_json({"telecomunications"})["total"], 1) << "without --exact-words the slip is corrected";
}

// A suggestion is a query that runs: field names and operators are not words to correct
// (title:x once became titre:x, source:x sources:x, country:x contre:x).
TEST_F(QueryFeatures, SuggestionsKeepFieldNamesAndOperators) {
  EXPECT_EQ(search_json({"--exact-words", "telecomunications", "NEAR/3", "iran"})["suggestion"],
            "telecommunications NEAR/3 iran");
  for (const std::string query : {"title:telecomunications", "source:nulle-part", "country:japon", "date:2030"}) {
    const json j = search_json({"--exact-words", query});
    EXPECT_EQ(j["total"], 0) << query;
    EXPECT_TRUE(j["suggestion"].is_null()) << query << ": " << j["suggestion"];
  }
}

TEST_F(QueryFeatures, DefaultSynonymsFindVariantSpellings) {
  EXPECT_EQ(count("zelensky"), "1\n");
  EXPECT_EQ(count("Zelenski"), "1\n");
  EXPECT_EQ(count("kyiv"), "1\n");
}

TEST_F(QueryFeatures, SynonymsFileAddsGroups) {
  t::TempDir dir;
  const std::string file = dir.write("syn.txt", "# cereals\ncéréales, grains\n");
  ASSERT_EQ(t::index({"--db", dir / "db", "--synonyms", file, "-"},
                     json{{"id", "x"}, {"title", "Récolte"}, {"body", "Les céréales arrivent au port."}}.dump() + "\n")
                .status,
            0);
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "grains"}).out, "1\n");
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "kiev"}).status, 1) << "defaults are kept (and find nothing here)";
  const std::string bad = dir.write("bad.txt", "New York, NYC\n");
  const auto r = t::index({"--db", dir / "db", "--synonyms", bad, "-"}, "");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.txt:1:"), std::string::npos) << r.err;
}

TEST_F(QueryFeatures, ExplainSaysWhichTermsMatchedWhereAndHowMuch) {
  const json j = search_json({"--explain", "migrants", "ministre"});
  ASSERT_EQ(j["hits"].size(), 1u);
  bool title_word = false, body_stem = false;
  for (const auto& c : j["hits"][0]["explain"]) {
    EXPECT_GT(c["weight"].get<double>(), 0);
    if (c["kind"] == "word" && c["term"] == "migrants") title_word = c["where"] == json::array({"title"});
    if (c["kind"] == "stem" && c["where"] == json::array({"body"})) body_stem = true;
  }
  EXPECT_TRUE(title_word) << j.dump(1);
  EXPECT_TRUE(body_stem) << j.dump(1);
}

// The exact form's weight counts twice in the score (the exact-form bonus): --explain once showed
// it counted once, and its parts did not add up to the score.
TEST_F(QueryFeatures, ExplainedWeightsAddUpToTheScore) {
  for (const std::vector<std::string>& query : {std::vector<std::string>{"migrants"}, {"migrants", "ministre"}, {"mali"}}) {
    std::vector<std::string> args{"--explain", "--limit", "5"};
    args.insert(args.end(), query.begin(), query.end());
    const json j = search_json(args);
    ASSERT_FALSE(j["hits"].empty()) << query[0];
    for (const auto& hit : j["hits"]) {
      double sum = 0;
      for (const auto& c : hit["explain"]) sum += c["weight"].get<double>();
      EXPECT_NEAR(sum, hit["score"].get<double>(), 1e-6) << query[0] << "\n" << hit.dump(1);
    }
  }
}

TEST_F(QueryFeatures, ExplainOnEmptyResultNamesTheCulprit) {
  const json j = search_json({"--explain", "migrants", "zorglub", "--lang", "fr"});
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["empty_because"], json::array({"zorglub", "--lang fr"}));
  // Named by the options typed, not by the filter they make (there is no --date).
  EXPECT_EQ(search_json({"--explain", "migrants", "--since", "2099"})["empty_because"], json::array({"--since 2099"}));
  EXPECT_EQ(search_json({"--explain", "--until", "1900-01"})["empty_because"], json::array({"--until 1900-01"}));
  EXPECT_EQ(search_json({"--explain", "--indexed-since", "2099-01-01"})["empty_because"], json::array({"--indexed-since"}));
  // JSON Lines says it too, in its end message.
  const auto jsonl = t::search({"--db", db(), "--format", "jsonl", "--explain", "zorglub"});
  EXPECT_NE(jsonl.out.find(R"("empty_because":["zorglub"])"), std::string::npos) << jsonl.out;
}

// With --explain every hit has the key, even one no term scores: scripts need not guess.
TEST_F(QueryFeatures, ExplainIsOnEveryHit) {
  const json j = search_json({"--explain"});  // no words: every article, none scored
  ASSERT_FALSE(j["hits"].empty());
  for (const auto& hit : j["hits"]) EXPECT_EQ(hit["explain"], json::array()) << hit.dump(1);
  EXPECT_FALSE(search_json({"migrants"})["hits"][0].contains("explain"));
}

TEST_F(QueryFeatures, TrailingWildcardsAreBounded) {
  EXPECT_EQ(count("migra*"), "1\n");
  std::string many;
  for (int i = 0; i < 250; ++i) many += "mot" + std::to_string(1000 + i) + " ";
  t::TempDir dir;
  ASSERT_EQ(t::index({"--db", dir / "db", "-"}, json{{"id", "m"}, {"title", "Liste"}, {"body", many}}.dump() + "\n").status, 0);
  const auto r = t::search({"--db", dir / "db", "mot*"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("200"), std::string::npos) << r.err;
}

TEST_F(QueryFeatures, NearAndAdjFilterByDistance) {
  EXPECT_EQ(count("iran NEAR/3 mali"), "1\n");
  EXPECT_EQ(count("iran NEAR/1 coopèrent"), "0\n");
  EXPECT_EQ(count("mali ADJ/3 iran"), "0\n") << "ADJ keeps the order";
  EXPECT_EQ(count("iran ADJ/3 mali"), "1\n");
  EXPECT_EQ(t::search({"--db", db(), "NEAR/2 mali"}).status, 2);
}

TEST_F(QueryFeatures, AuthorField) {
  EXPECT_EQ(count("author:dubois"), "1\n");
  EXPECT_EQ(count("author:\"claire dubois\""), "1\n");
  EXPECT_EQ(search_json({"author:lefort"})["hits"][0]["author"], "Marc Lefort");
}

// Two articles with the same words, the same number of times: only where the words stand tells
// them apart. The one with the query's words side by side ranks first, though it was indexed
// second (equal scores keep index order).
TEST(Ranking, QueryWordsCloseTogetherRankFirst) {
  t::TempDir dir;
  const std::string text =
      "dans la région : les trains restent au dépôt et les voyageurs attendent sur le quai depuis ce matin, disent les";
  const std::string input = json{{"id", "far"}, {"body", "Grève " + text + " cheminots."}}.dump() + "\n" +
                            json{{"id", "near"}, {"body", "Grève cheminots " + text + "."}}.dump() + "\n";
  ASSERT_EQ(t::index({"--db", dir / "db", "-"}, input).status, 0);
  const json j = json::parse(
      t::search({"--db", dir / "db", "--format", "json", "--no-collapse", "--explain", "greve", "cheminots"}).out);
  ASSERT_EQ(j["hits"].size(), 2u) << j.dump(1);
  EXPECT_EQ(j["hits"][0]["id"], "near");
  EXPECT_GT(j["hits"][0]["score"].get<double>(), j["hits"][1]["score"].get<double>());
  bool proximity = false;
  for (const auto& c : j["hits"][0]["explain"])
    if (c["kind"] == "proximity") proximity = c["term"] == "greve cheminots" && c["weight"].get<double>() > 0;
  EXPECT_TRUE(proximity) << j["hits"][0].dump(1);
  for (const auto& c : j["hits"][1]["explain"]) EXPECT_NE(c["kind"], "proximity");
}

}  // namespace

// A facet listed "LeMonde.fr" and "lemonde.fr" apart, one article each, while filtering on either
// (filters fold case and accents) found both: drilling down from a facet gave another count.
TEST(Facets, ValuesAFilterCannotTellApartAreOne) {
  t::TempDir dir;
  dir.write("a/c.jsonl",
            R"({"id":"c1","source":"LeMonde.fr","title":"A","body":"papaye","section":"Économie"})" "\n"
            R"({"id":"c2","source":"lemonde.fr","title":"B","body":"papaye","section":"economie"})" "\n"
            R"({"id":"c3","source":"lemonde.fr","title":"C","body":"papaye","section":"economie"})" "\n"
            R"({"id":"c4","source":"autre.fr","title":"D","body":"papaye","section":"Culture"})" "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "a"}).status, 0);
  const json answer = json::parse(
      t::search({"--db", dir / "db", "--format", "json", "-n", "0", "--facet", "source", "--facet", "section", "papaye"}).out);
  EXPECT_EQ(answer["facets"]["source"]["values"],
            json::parse(R"([{"value":"lemonde.fr","count":3},{"value":"autre.fr","count":1}])"));
  EXPECT_EQ(answer["facets"]["section"]["distinct"], 2);
  EXPECT_EQ(answer["facets"]["section"]["values"][0], json::parse(R"({"value":"economie","count":3})"))
      << "the spelling most articles give";
  for (const auto& value : answer["facets"]["source"]["values"])
    EXPECT_EQ(t::search({"--db", dir / "db", "--count", "--source", value["value"], "papaye"}).out,
              std::to_string(value["count"].get<int>()) + "\n");
  const json stats = json::parse(t::search({"--db", dir / "db", "--stats", "--format", "json"}).out);
  EXPECT_EQ(stats["per_source"][0], json::parse(R"({"value":"lemonde.fr","count":3})"));
}
