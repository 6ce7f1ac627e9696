// Issue 33: a country is filtered by any of its names and faceted under one canonical name; a
// name of no country is a usage error that suggests the nearest one.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace t = depeche::test;
using nlohmann::json;

namespace {

class CountriesCli : public t::IndexedCorpus<CountriesCli> {
 protected:
  static void SetUpTestSuite() {
    const std::string input =
        json{{"id", "kin"}, {"title", "Goma sous tension"},
             {"body", "Les combats reprennent dans l'est de la RDC, selon des témoins."}}
            .dump() + "\n" +
        json{{"id", "kin2"}, {"title", "Élections à Kinshasa"},
             {"body", "La République démocratique du Congo prépare ses élections."}}
            .dump() + "\n" +
        json{{"id", "meteo"}, {"title", "Orages"},
             {"body", "Selon Météo-France, des orages toucheront l'Ile-de-France, a dit France Inter."}}
            .dump() + "\n";
    index_once({"-"}, input);
  }
  static t::RunResult count(const std::string& query) { return t::search({"--db", db(), "--count", query}); }
};

}  // namespace

TEST_F(CountriesCli, EveryAliasFindsTheSameArticles) {
  EXPECT_EQ(count("country:RDC").out, "2\n");
  EXPECT_EQ(count("country:\"République démocratique du Congo\"").out, "2\n");
  EXPECT_EQ(count("country:\"republique democratique du congo\"").out, "2\n");
  EXPECT_EQ(count("country:congo-kinshasa").out, "2\n");
  EXPECT_EQ(t::search({"--db", db(), "--count", "--country", "rdc", ""}).out, "2\n");
}

TEST_F(CountriesCli, FacetPrintsTheCanonicalNameOnly) {
  const json j = json::parse(t::search({"--db", db(), "--format", "json", "--facet", "country", ""}).out);
  const json& values = j["facets"]["country"]["values"];
  ASSERT_EQ(values.size(), 1u) << j["facets"].dump();
  EXPECT_EQ(values[0]["value"], "République démocratique du Congo");
  EXPECT_EQ(values[0]["count"], 2);
}

TEST_F(CountriesCli, CountryInsideAnotherNameIsNotCounted) { EXPECT_EQ(count("country:france").status, 1); }

TEST_F(CountriesCli, UnknownCountryIsAUsageErrorWithTheNearest) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"country:Frnace"}, std::vector<std::string>{"--country", "Frnace", ""}}) {
    std::vector<std::string> full{"--db", db(), "--count"};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = t::search(full);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("unknown country 'Frnace'; did you mean 'France'?"), std::string::npos) << r.err;
  }
}
