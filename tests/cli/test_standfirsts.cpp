// Issue 33: standfirsts, tags and site names read from JSON Lines, HTML and feeds are searched
// (free words, standfirst:, tag:, --facet tag), printed (JSON, --show) and carried by --export.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace t = depeche::test;
using nlohmann::json;

namespace {

class StandfirstsCli : public t::IndexedCorpus<StandfirstsCli> {
 protected:
  static void SetUpTestSuite() {
    const t::TempDir& dir = folder();
    std::ofstream(dir / "depeches.jsonl")
        << json{{"id", "port"}, {"title", "Le port de Brest s'agrandit"},
                {"description", "Les grutiers redoutent une automatisation rapide des quais."},
                {"body", "Le chantier du nouveau terminal commencera en septembre."},
                {"tags", {"Économie", "Bretagne"}}, {"source_name", "Ouest Exemple"}}
               .dump()
        << "\n"
        << json{{"id", "vigne"}, {"title", "Vendanges précoces"}, {"chapo", "Les vignerons du Gard récoltent en août."},
                {"body", "La chaleur a mûri le raisin."}, {"keywords", "viticulture, économie"}}
               .dump()
        << "\n"
        << R"({"id":"nu","title":"Sans chapô","body":"Un texte ordinaire.","tags":["ok"]})" << "\n";
    std::ofstream(dir / "page.html")
        << "<html lang=\"fr\"><head><title>Fermeture d'une usine - Le Nord Exemple</title>"
           "<meta property=\"og:site_name\" content=\"Le Nord Exemple\">"
           "<meta property=\"og:description\" content=\"Les syndicats annoncent une marche silencieuse.\">"
           "<meta property=\"article:tag\" content=\"Social\"><meta property=\"article:tag\" content=\"économie\">"
           "<link rel=\"canonical\" href=\"https://www.nord-exemple.fr/usine\"></head>"
           "<body><article><h1>Fermeture d'une usine</h1><p>Trois cents emplois sont menacés à Douai.</p></article>"
           "</body></html>";
    std::ofstream(dir / "flux.rss")
        << "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
           "<title>Radio Exemple</title><link>https://radio.example/</link>"
           "<item><title>Crue de la Loire</title><link>https://radio.example/crue</link>"
           "<description>Orléans surveille les digues heure par heure.</description>"
           "<content:encoded>&lt;p&gt;Le fleuve monte encore.&lt;/p&gt;</content:encoded>"
           "<category>Environnement</category></item></channel></rss>";
    index_once({(dir / "depeches.jsonl"), (dir / "page.html"), (dir / "flux.rss")});
  }
  static t::RunResult search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--format", "json"});
    return t::search(args);
  }
  static std::vector<std::string> ids(const t::RunResult& r) {
    std::vector<std::string> out;
    const json result = json::parse(r.out);  // kept: a range over a temporary's member would dangle
    for (const json& hit : result["hits"]) out.push_back(hit["id"]);
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_F(StandfirstsCli, HostileTagsAndStandfirstsAreReportedWithTheirLineAndTheRestIndexed) {
  std::string many;
  for (int i = 0; i < 10000; ++i) many += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  const std::string path = folder() / "hostile.jsonl";
  std::ofstream(path) << R"({"id":"h1","title":"Nombres","body":"Un.","tags":["bon",3,{"x":1},"","\u0007"]})" << "\n"
                      << R"({"id":"h2","title":"Foule","body":"Deux.","tags":[)" << many << "]}\n"
                      << R"({"id":"h3","title":"Fleuve","body":"Trois.","description":")" << std::string(10 << 20, 'a') << "\"}\n";
  const std::string hostile_db = folder() / "hostile-db";
  const t::RunResult r = t::index({"--db", hostile_db, path});
  EXPECT_NE(r.err.find("hostile.jsonl:1: 2 tags that are not strings ignored"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hostile.jsonl:2: 9900 tags past the first 100 ignored"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hostile.jsonl:3: standfirst longer than 65536 bytes; indexed its beginning"), std::string::npos)
      << r.err;
  EXPECT_EQ(t::search({"--db", hostile_db, "--count", ""}).out, "3\n") << "every article indexed";
  const json h1 = json::parse(t::search({"--db", hostile_db, "--format", "json", "id:h1"}).out)["hits"][0];
  EXPECT_EQ(h1["tags"], json({"bon"})) << "empty and control-only tags dropped";
  EXPECT_EQ(t::search({"--db", hostile_db, "--count", "tag:t9999"}).out, "0\n");
  EXPECT_EQ(t::search({"--db", hostile_db, "--count", "tag:t99"}).out, "1\n");
}

TEST_F(StandfirstsCli, FreeWordsFoundOnlyInAStandfirstFindTheArticle) {
  EXPECT_EQ(ids(search_json({"grutiers automatisation"})), std::vector<std::string>{"port"});
  EXPECT_EQ(ids(search_json({"vignerons gard"})), std::vector<std::string>{"vigne"}) << "chapo";
  EXPECT_EQ(ids(search_json({"marche silencieuse"})), std::vector<std::string>{"https://www.nord-exemple.fr/usine"});
  EXPECT_EQ(ids(search_json({"digues orleans"})), std::vector<std::string>{"https://radio.example/crue"});
  const json hit = json::parse(search_json({"grutiers"}).out)["hits"][0];
  EXPECT_NE(hit["snippet"].get<std::string>().find("grutiers"), std::string::npos)
      << "matched in the standfirst only: its snippet\n" << hit.dump();
}

TEST_F(StandfirstsCli, StandfirstFieldSearchesOnlyTheStandfirst) {
  EXPECT_EQ(ids(search_json({"standfirst:grutier"})), std::vector<std::string>{"port"}) << "stemmed";
  EXPECT_EQ(search_json({"standfirst:chantier"}).status, 1) << "a body word";
  EXPECT_EQ(search_json({"standfirst:brest"}).status, 1) << "a title word";
  EXPECT_EQ(ids(search_json({"standfirst:\"marche silencieuse\""})), std::vector<std::string>{"https://www.nord-exemple.fr/usine"});
  EXPECT_EQ(search_json({"\"quais le chantier\""}).status, 1) << "no phrase runs from the standfirst into the body";
}

TEST_F(StandfirstsCli, ExplainSaysAMatchIsInTheStandfirst) {
  const json explain = json::parse(search_json({"--explain", "grutiers standfirst:automatisation"}).out)["hits"][0]["explain"];
  std::map<std::string, json> by_kind;
  for (const json& c : explain) by_kind[c["kind"]] = c;
  EXPECT_EQ(by_kind["word"]["where"], json({"standfirst"})) << explain.dump();
  EXPECT_EQ(by_kind["standfirst word"]["term"], "automatisation") << explain.dump();
  EXPECT_EQ(by_kind["standfirst stem"]["where"], json({"standfirst"})) << explain.dump();
}

TEST_F(StandfirstsCli, TagFiltersAndFacets) {
  EXPECT_EQ(ids(search_json({"tag:economie"})),
            (std::vector<std::string>{"https://www.nord-exemple.fr/usine", "port", "vigne"}));
  EXPECT_EQ(ids(search_json({"tag:Environnement"})), std::vector<std::string>{"https://radio.example/crue"});
  EXPECT_EQ(search_json({"tag:sport"}).status, 1);
  const json j = json::parse(search_json({"--facet", "tag", ""}).out);
  std::map<std::string, int> counts;
  for (const json& v : j["facets"]["tag"]["values"]) counts[v["value"]] = v["count"];
  EXPECT_EQ(counts["Bretagne"], 1) << j["facets"].dump();
  EXPECT_EQ(counts["Social"], 1);
  EXPECT_EQ(counts["ok"], 1);
  EXPECT_EQ(counts["économie"], 3) << "one value for the spellings tag: cannot tell apart, under the most used\n"
                                    << j["facets"].dump();
  EXPECT_EQ(counts.count("Économie"), 0u) << j["facets"].dump();
}

TEST_F(StandfirstsCli, JsonHitsCarryTheNewFields) {
  const json port = json::parse(search_json({"id:port"}).out)["hits"][0];
  EXPECT_EQ(port["standfirst"], "Les grutiers redoutent une automatisation rapide des quais.");
  EXPECT_EQ(port["tags"], json({"Économie", "Bretagne"}));
  EXPECT_EQ(port["source_name"], "Ouest Exemple");
  const json page = json::parse(search_json({"url:https://www.nord-exemple.fr/usine"}).out)["hits"][0];
  EXPECT_EQ(page["source"], "nord-exemple.fr");
  EXPECT_EQ(page["source_name"], "Le Nord Exemple");
  const json bare = json::parse(search_json({"id:nu"}).out)["hits"][0];
  EXPECT_TRUE(bare["standfirst"].is_null());
  EXPECT_TRUE(bare["source_name"].is_null());
  EXPECT_EQ(bare["tags"], json({"ok"}));
  EXPECT_EQ(json::parse(search_json({"--show", "https://radio.example/crue"}).out)["source_name"], "Radio Exemple");
}

TEST_F(StandfirstsCli, ShowPrintsTheStandfirstTagsAndSiteName) {
  const t::RunResult r = t::search({"--db", db(), "--show", "port"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Ouest Exemple"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tags: Économie, Bretagne\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n\nLes grutiers redoutent une automatisation rapide des quais.\n\nLe chantier"), std::string::npos)
      << r.out;
}

TEST_F(StandfirstsCli, ExportThenReindexGivesTheSameArticles) {
  const t::RunResult exported = t::search({"--db", db(), "--export"});
  ASSERT_EQ(exported.status, 0) << exported.err;
  const std::string again = folder() / "again";
  const t::RunResult indexed = t::index({"--db", again, "-"}, exported.out);
  ASSERT_EQ(indexed.status, 0) << indexed.err;
  const t::RunResult reexported = t::search({"--db", again, "--export"});
  EXPECT_EQ(reexported.out, exported.out);
  EXPECT_NE(exported.out.find(R"("standfirst":"Les grutiers)"), std::string::npos) << exported.out;
  EXPECT_NE(exported.out.find(R"("tags":["Économie","Bretagne"])"), std::string::npos) << exported.out;
  EXPECT_NE(exported.out.find(R"("source_name":"Radio Exemple")"), std::string::npos) << exported.out;
}
