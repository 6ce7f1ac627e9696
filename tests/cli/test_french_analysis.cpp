// Issue 3's behaviour table, row by row, through the real binaries: a folder of short articles
// is indexed once, then each query must (or must not) find the article written for its row.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using nlohmann::json;
namespace t = depeche::test;

namespace {

// One article per row of the table (ids are the paths below, relative to the indexed folder).
const std::vector<std::pair<std::string, std::string>> kArticles = {
    {"elision/typographique.txt",
     "date 2023-07\n\nL’Iran offre au Mali son expertise\n\nUne délégation arrive à Bamako la semaine prochaine.\n"},
    {"elision/droite.txt", "date 2023-07\n\nUne visite officielle\n\nLa délégation de l'Iran a quitté Bamako hier.\n"},
    {"elision/autres.txt",
     "date 2023-06\n\nUn général en visite\n\n"
     "Le général de l'armée d'Afrique visite le centre d’innovation. Il dit qu'Oumar ira jusqu'Agadez "
     "lorsqu'Aminata reviendra, puisqu'Ibrahim n'oublie rien. Elle s'engage, c'était prévu, j'accepte, "
     "il m'écrit et elle t'attend.\n"},
    {"aujourdhui.txt", "date 2023-05\n\nLe marché\n\nAujourd’hui le marché couvert ouvre ses portes.\n"},
    {"accents.txt",
     "date 2023-04\n\nUn plan national\n\nLes télécommunications de Téhéran misent sur la cybersécurité.\n"},
    {"ligatures.txt", "date 2023-04\n\nLe musée\n\nLe cœur de l’œuvre est resté intact.\n"},
    {"colle.txt",
     "date 2023-03\n\nDes visites\n\n"
     "Les visites réciproques des chefs de diplomatieLe numérique avance. Elle renforce la télévision "
     "nationale malienne.La création continue avec la 5G.Cet engagement tient.\n"},
    {"competence-exacte.txt",
     "date 2022-10\n\nUn atelier\n\nLe ministère vante la compétence de cet ingénieur breton.\n"},
    {"competences-pluriel.txt",
     "date 2022-10\n\nUn séminaire\n\nLe ministère vante les compétences de ces ingénieurs bretons.\n"},
    {"innovation.txt", "date 2022-09\n\nUn projet\n\nLe projet de centre d’innovation avance vite.\n"},
    {"trait-union.txt",
     "date 2022-08\n\nUne arrivée\n\nLe ministre Hossein Amir-Abdollahian est arrivé ce matin.\n"},
    {"mali.txt",
     "date 2022-07\n\nLe coton\n\nLe président du Mali parle. Selon lui, le Mali avance et le Mali exporte "
     "du coton. Les voisins du Mali observent.\n"},
    {"mal-de-dos.txt", "date 2022-07\n\nSanté des marins\n\nLes marins souffrent souvent, le mal de dos les guette.\n"},
    {"pomme-de-terre.txt", "date 2022-06\n\nAu marché\n\nLe prix de la pomme de terre grimpe encore.\n"},
    {"pomme-terre-riche.txt", "date 2022-06\n\nUn verger\n\nCette pomme pousse dans une terre riche.\n"},
    {"ecritures.txt",
     "date 2022-05\n\nQuatre écritures\n\nEn arabe : مرحبا بالعالم. En russe : Москва и Санкт-Петербург. "
     "En chinois : 北京欢迎你。 En persan : تهران پایتخت ایران است.\n"},
    {"bizarre.txt",
     "date 2022-05\n\nDes signes\n\n😀👍🏽 👨‍👩‍👧 \u200F\u200E\u200D a\u0301\u0301\u0301 ภาษาไทยง่ายนิดเดียว "
     "ﷺ ﬁn 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ⁂ ¼ ² Ⅻ\n"},
};

class FrenchAnalysis : public t::IndexedCorpus<FrenchAnalysis> {
 protected:
  static void SetUpTestSuite() {
    for (const auto& [name, content] : kArticles) folder().write("corpus/" + name, content);
    index_once({folder() / "corpus"});
  }


  // The search answer as JSON; fails the test on a status other than 0 or 1.
  static json search(const std::vector<std::string>& words) {
    std::vector<std::string> args{"--db", db(), "--format", "json", "--limit", "100"};
    args.insert(args.end(), words.begin(), words.end());
    const t::RunResult r = t::search(args);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << r.status << " " << r.err;
    if (r.status != 0 && r.status != 1) return json::object();
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    if (j.is_discarded()) return json::object();
    // Exit status and JSON agree on whether the query as written matched.
    EXPECT_EQ(r.status == 0, j.value("total", 0) > 0) << r.out;
    return j;
  }

  // True when the query, as written (not a partial match), finds the article of corpus/`file`.
  static ::testing::AssertionResult finds(const std::string& query, const std::string& file) {
    const std::string id = "corpus/" + file;  // named by the folder indexed and the path below it
    const json j = search({query});
    if (j.value("partial", false)) return ::testing::AssertionFailure() << "'" << query << "' only matched partially";
    std::string seen;
    for (const auto& hit : j.value("hits", json::array())) {
      if (hit["id"] == id) return ::testing::AssertionSuccess() << "'" << query << "' finds " << id;
      seen += " " + hit["id"].get<std::string>();
    }
    return ::testing::AssertionFailure() << "'" << query << "' does not find " << id << "; it finds:" << seen;
  }

  static std::vector<std::string> ranked_ids(const std::string& query) {
    std::vector<std::string> ids;
    for (const auto& hit : search({query}).value("hits", json::array())) ids.push_back(hit["id"]);
    return ids;
  }
};

}  // namespace

TEST_F(FrenchAnalysis, IranMatchesBothApostrophes) {
  EXPECT_TRUE(finds("Iran", "elision/typographique.txt"));
  EXPECT_TRUE(finds("Iran", "elision/droite.txt"));
  EXPECT_TRUE(finds("iran", "elision/typographique.txt"));
  EXPECT_TRUE(finds("iran", "elision/droite.txt"));
}

TEST_F(FrenchAnalysis, ElisionsAreSplitOff) {
  for (const char* q : {"armée", "Afrique", "innovation", "Oumar", "Agadez", "Aminata", "Ibrahim", "oublie",
                        "engage", "était", "accepte", "écrit", "attend"})
    EXPECT_TRUE(finds(q, "elision/autres.txt"));
}

TEST_F(FrenchAnalysis, QueriesWithElisionsMatchToo) {
  EXPECT_TRUE(finds("l'armée", "elision/autres.txt"));
  EXPECT_TRUE(finds("d’Afrique", "elision/autres.txt"));
  EXPECT_TRUE(finds("L'Iran", "elision/typographique.txt"));
}

TEST_F(FrenchAnalysis, AujourdhuiStaysOneWord) {
  EXPECT_TRUE(finds("aujourd'hui", "aujourdhui.txt"));
  EXPECT_TRUE(finds("aujourd’hui", "aujourdhui.txt"));
  EXPECT_TRUE(finds("Aujourd'hui", "aujourdhui.txt"));
  EXPECT_FALSE(finds("hui", "aujourdhui.txt")) << "not split into aujourd + hui";
}

TEST_F(FrenchAnalysis, AccentAndCaseInsensitive) {
  EXPECT_TRUE(finds("telecommunications", "accents.txt"));
  EXPECT_TRUE(finds("TEHERAN", "accents.txt"));
  EXPECT_TRUE(finds("cybersecurite", "accents.txt"));
  EXPECT_TRUE(finds("CYBERSÉCURITÉ", "accents.txt"));
}

TEST_F(FrenchAnalysis, LigaturesFolded) {
  EXPECT_TRUE(finds("coeur", "ligatures.txt"));
  EXPECT_TRUE(finds("oeuvre", "ligatures.txt"));
  EXPECT_TRUE(finds("œuvre", "ligatures.txt"));
  EXPECT_TRUE(finds("CŒUR", "ligatures.txt"));
}

TEST_F(FrenchAnalysis, GluedTextSplitAtCaseChange) {
  EXPECT_TRUE(finds("diplomatie", "colle.txt"));
  EXPECT_TRUE(finds("numérique", "colle.txt"));
}

TEST_F(FrenchAnalysis, GluedSentenceEnds) {
  EXPECT_TRUE(finds("malienne", "colle.txt"));
  EXPECT_TRUE(finds("création", "colle.txt"));
  EXPECT_TRUE(finds("5G", "colle.txt"));
  EXPECT_TRUE(finds("engagement", "colle.txt"));
}

TEST_F(FrenchAnalysis, Stemming) {
  EXPECT_TRUE(finds("compétence", "competences-pluriel.txt"));
  EXPECT_TRUE(finds("competences", "competence-exacte.txt"));
}

TEST_F(FrenchAnalysis, PhrasesSurviveElisionAndApostropheVariants) {
  EXPECT_TRUE(finds("\"centre d'innovation\"", "innovation.txt"));
  EXPECT_TRUE(finds("\"centre d’innovation\"", "innovation.txt"));
  EXPECT_TRUE(finds("\"centre d'innovation\"", "elision/autres.txt"));
  EXPECT_FALSE(finds("\"innovation centre\"", "innovation.txt")) << "a phrase keeps its order";
}

TEST_F(FrenchAnalysis, HyphenatedNamesPartsAndWhole) {
  EXPECT_TRUE(finds("Abdollahian", "trait-union.txt"));
  EXPECT_TRUE(finds("Amir-Abdollahian", "trait-union.txt"));
  EXPECT_TRUE(finds("amir-abdollahian", "trait-union.txt"));
  EXPECT_TRUE(finds("Amir", "trait-union.txt"));
}

TEST_F(FrenchAnalysis, MaliDoesNotMatchMalDeDos) {
  ASSERT_TRUE(finds("mal", "mal-de-dos.txt")) << "the common word itself is found";
  for (const char* q : {"Mali", "mali", "MALI"}) {
    EXPECT_TRUE(finds(q, "mali.txt"));
    EXPECT_FALSE(finds(q, "mal-de-dos.txt"));
  }
  const json j = search({"--count", "Mali"});
  EXPECT_EQ(j.value("total", -1), 2) << "mali.txt and the title 'L’Iran offre au Mali': " << j.dump();
}

// The same collapse seen from the other side: the common word must not find the name.
TEST_F(FrenchAnalysis, MalDoesNotMatchAnArticleThatOnlyNamesMali) {
  EXPECT_TRUE(finds("mal", "mal-de-dos.txt"));
  EXPECT_FALSE(finds("mal", "mali.txt"));
}

TEST_F(FrenchAnalysis, ExactFormRanksAboveStemOnlyMatch) {
  std::vector<std::string> ids = ranked_ids("compétence");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "corpus/competence-exacte.txt");
  EXPECT_EQ(ids[1], "corpus/competences-pluriel.txt");
  ids = ranked_ids("compétences");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "corpus/competences-pluriel.txt");
  EXPECT_EQ(ids[1], "corpus/competence-exacte.txt");
}

TEST_F(FrenchAnalysis, StopWordsDroppedFromFreeTextQueries) {
  // This article has "pomme" and "terre" but neither "la" nor "de".
  EXPECT_TRUE(finds("la pomme de terre", "pomme-terre-riche.txt"));
  EXPECT_TRUE(finds("la pomme de terre", "pomme-de-terre.txt"));
}

TEST_F(FrenchAnalysis, PhrasesWithStopWordsStillMatch) {
  EXPECT_TRUE(finds("\"pomme de terre\"", "pomme-de-terre.txt"));
  EXPECT_FALSE(finds("\"pomme de terre\"", "pomme-terre-riche.txt"));
  EXPECT_TRUE(finds("\"de la pomme\"", "pomme-de-terre.txt"));
}

TEST_F(FrenchAnalysis, OtherScriptsAreSearchable) {
  EXPECT_TRUE(finds("مرحبا", "ecritures.txt"));
  EXPECT_TRUE(finds("Москва", "ecritures.txt"));
  EXPECT_TRUE(finds("москва", "ecritures.txt"));
  EXPECT_TRUE(finds("МОСКВА", "ecritures.txt"));
  EXPECT_TRUE(finds("Санкт-Петербург", "ecritures.txt"));
  EXPECT_TRUE(finds("北京", "ecritures.txt"));
  EXPECT_TRUE(finds("欢迎", "ecritures.txt"));
  EXPECT_TRUE(finds("تهران", "ecritures.txt"));
  EXPECT_FALSE(finds("上海", "ecritures.txt"));
}

TEST_F(FrenchAnalysis, NothingInAnyScriptCrashes) {
  EXPECT_TRUE(finds("signes", "bizarre.txt"));
  EXPECT_TRUE(finds("fin", "bizarre.txt")) << "the ﬁ ligature folds to fi";
  for (const char* q : {"😀", "ภาษาไทย", "\u200F", "a\u0301", "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "¼", "Ⅻ"}) {
    const t::RunResult r = t::search({"--db", db(), "--format", "json", q});
    // A query the analysis finds no word in is a usage error, not a match of every article.
    const bool no_word = r.status == 2 && r.err == "depeche-search: no word to search for in '" + std::string(q) + "'\n";
    EXPECT_TRUE(r.status == 0 || r.status == 1 || no_word) << q << ": " << r.status << " " << r.err;
  }
}
