// Issue 33: whether a capitalised word is a name is decided from the archive as a whole, not from
// its place in a sentence: `mal` never finds an article only because "Mali" starts a sentence or a
// title, while a common word that starts a sentence ("Malades, ils...") is still found by its stem.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace t = depeche::test;
using nlohmann::json;
using Ids = std::set<std::string>;

namespace {

class NamesCli : public t::IndexedCorpus<NamesCli> {
 protected:
  static void SetUpTestSuite() {
    const std::vector<std::vector<std::string>> articles = {
        // Mali starts a title or a sentence in two articles, and is written inside a sentence in
        // three: the archive says it is a name.
        {"mali-titre", "Mali : la junte reporte le scrutin", "La transition s'allonge à Bamako, disent les partis."},
        {"mali-phrase", "Un scrutin reporté", "Mali. Le pays attend toujours son scrutin, selon les observateurs."},
        {"mali-nom", "Au Sahel", "Les soldats quittent le Mali après neuf ans."},
        {"mali-pluies", "La saison des pluies", "Au Mali, la saison des pluies commence tôt."},
        {"mali-accord", "Un accord fragile", "L'accord signé avec le Mali tient encore."},
        {"mal-de-dos", "Santé des marins", "Les marins souffrent : le mal de dos les guette."},
        {"malades", "Aux urgences", "Malades, ils attendent des heures. Personne ne vient."},
        // A common word that only ever starts a title or a sentence: no evidence of a name.
        {"secheresse-titre", "Sécheresse : les récoltes perdues", "Les paysans partent vers la ville."},
        {"secheresse-phrase", "Un été sans pluie", "Sécheresse. Les puits sont vides depuis juin."},
    };
    std::string input;
    for (const auto& a : articles) input += json{{"id", a[0]}, {"title", a[1]}, {"body", a[2]}}.dump() + "\n";
    index_once({"-"}, input);
  }

  static json search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--format", "json", "--limit", "100"});
    const t::RunResult r = t::search(args);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    json j = json::parse(r.out, nullptr, false);
    return j.is_discarded() ? json::object() : j;
  }
  static Ids ids(const std::string& query) {
    const json j = search_json({query});
    EXPECT_FALSE(j.value("partial", false)) << query;
    Ids out;
    for (const auto& hit : j.value("hits", json::array())) out.insert(hit["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_F(NamesCli, TheCommonWordDoesNotFindTheNameAtTheStartOfASentenceOrATitle) {
  EXPECT_EQ(ids("mal"), Ids{"mal-de-dos"});
  EXPECT_EQ(t::search({"--db", db(), "--count", "mal"}).out, "1\n");
  EXPECT_EQ(t::search({"--db", db(), "--count", "title:mal"}).status, 1);
}

TEST_F(NamesCli, TheNameFindsEveryArticleThatHasIt) {
  const Ids all{"mali-titre", "mali-phrase", "mali-nom", "mali-pluies", "mali-accord"};
  EXPECT_EQ(ids("Mali"), all);
  EXPECT_EQ(ids("mali"), all);
}

TEST_F(NamesCli, ACommonWordAtASentenceStartIsStillFoundByItsStem) {
  EXPECT_EQ(ids("malade"), Ids{"malades"});
  EXPECT_EQ(ids("sécheresses"), (Ids{"secheresse-titre", "secheresse-phrase"}));
  EXPECT_EQ(ids("title:sécheresses"), Ids{"secheresse-titre"});
}

// The stem and its sentence starts weigh as one term; --explain shows it once, and the parts of a
// score still add up to it.
TEST_F(NamesCli, ExplainedWeightsStillAddUpToTheScore) {
  for (const char* query : {"malade", "sécheresses", "mal", "sécheresse pluie"}) {
    const json j = search_json({"--explain", query});
    ASSERT_FALSE(j["hits"].empty()) << query;
    for (const auto& hit : j["hits"]) {
      double sum = 0;
      int stems = 0;
      for (const auto& c : hit["explain"]) {
        sum += c["weight"].get<double>();
        stems += c["kind"] == "stem" ? 1 : 0;
      }
      EXPECT_NEAR(sum, hit["score"].get<double>(), 1e-6) << query << "\n" << hit.dump(1);
      EXPECT_LE(stems, 2) << query << "\n" << hit.dump(1);
    }
  }
}
