// Issue 33, clusters: a stock standfirst that several articles share does not make them copies;
// true copies are grouped, the same whether the archive is indexed in one first run built in parts,
// one article at a time, or in another order.
#include "support/run.h"
#include "support/temp_dir.h"

#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace t = depeche::test;
using nlohmann::json;

namespace {

const char* kStandfirst =
    "Chaque semaine, notre rédaction choisit une tribune parmi celles que nos lecteurs nous envoient, avec "
    "quelques mots sur son auteur et sur le débat qu'elle veut ouvrir. Les textes publiés n'engagent que leurs "
    "auteurs et ne reflètent pas la position du journal.";

const char* const kOwnTexts[] = {
    "Une enseignante de Rennes plaide pour des classes plus petites dans les collèges de quartier. Elle décrit des "
    "élèves qui décrochent dès la sixième faute d'attention, des parents qui ne savent plus à qui s'adresser et "
    "une équipe épuisée par les remplacements. Selon elle, dix élèves de moins par classe changeraient davantage "
    "les choses que tous les dispositifs annoncés depuis dix ans, et le coût en serait moindre qu'on ne le croit.",
    "Un agriculteur du Gers raconte comment la sécheresse de l'été a vidé ses retenues d'eau et l'a obligé à vendre "
    "une partie de son troupeau. Il demande que les aides arrivent avant l'hiver et non au printemps suivant, "
    "quand les exploitations les plus fragiles auront déjà cessé leur activité. Il propose aussi de partager les "
    "réserves entre voisins plutôt que de creuser de nouvelles bassines, qui divisent les villages du département.",
    "Une infirmière de nuit décrit les urgences d'un hôpital de province un samedi de décembre : des brancards dans "
    "les couloirs, des patients âgés qui attendent douze heures, des médecins intérimaires qui changent chaque "
    "semaine. Elle refuse qu'on parle de vocation pour justifier ces conditions et réclame des ratios de soignants "
    "par patient inscrits dans la loi, comme il en existe déjà dans plusieurs pays voisins de la France.",
    "Un maire de village alpin s'inquiète de la fermeture de la dernière ligne de car qui reliait sa commune à la "
    "vallée. Les lycéens partent désormais à six heures du matin en covoiturage, les personnes âgées renoncent à "
    "leurs rendez-vous médicaux. Il appelle la région à financer un transport à la demande et rappelle que les "
    "stations de ski reçoivent chaque hiver des subventions bien plus élevées que ce service public essentiel.",
    "Une libraire de Lille défend le prix unique du livre face aux plateformes de vente en ligne. Sa boutique emploie "
    "quatre personnes, organise des lectures pour les enfants et accueille les auteurs de la région. Elle demande "
    "que les frais de port minimaux soient mieux contrôlés et que les collectivités achètent leurs livres chez les "
    "commerçants de leur territoire, ce que la loi permet déjà mais que peu de mairies pratiquent vraiment.",
};

std::string article_file(int n, const std::string& host, const std::string& title, const std::string& body) {
  return "date 2023-05-0" + std::to_string(n) + " https://www." + host + "/tribunes/" + std::to_string(n) + "\n\n" + title +
         "\n\n" + body + "\n";
}

class StockStandfirst : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int n = 0; n < 5; ++n)
      files_.push_back(dir_.write("tribune-" + std::to_string(n) + ".txt",
                                  article_file(n + 1, "journal-exemple.fr", "Tribune numéro " + std::to_string(n),
                                               std::string(kStandfirst) + "\n\n" + kOwnTexts[n])));
    // The second tribune again on another site, retitled, one word changed: a true copy.
    std::string copied = kOwnTexts[1];
    const std::string summer = "l'été";
  copied.replace(copied.find(summer), summer.size(), "juillet");
    files_.push_back(dir_.write("reprise.txt", article_file(7, "autre-quotidien.fr", "La sécheresse vide les retenues du Gers",
                                                            std::string(kStandfirst) + "\n\n" + copied)));
  }
  // Each article's id -> the ids of its cluster, from the JSON of every article, uncollapsed.
  std::map<std::string, std::set<std::string>> clusters(const std::string& db) {
    const auto r = t::search({"--db", db, "--format", "json", "--no-collapse", "--limit", "100", "rédaction"});
    EXPECT_EQ(r.status, 0) << r.err;
    std::map<std::string, std::set<std::string>> by_key, out;
    const json result = json::parse(r.out);
    for (const auto& hit : result["hits"]) by_key[hit["cluster"].get<std::string>()].insert(hit["id"].get<std::string>());
    for (const auto& [key, ids] : by_key)
      for (const std::string& id : ids) out[id] = ids;
    return out;
  }
  std::string index_as(const std::string& name, std::vector<std::string> args, const std::vector<std::string>& files) {
    const std::string db = dir_ / name;
    args.insert(args.begin(), {"--db", db});
    args.insert(args.end(), files.begin(), files.end());
    const auto r = t::index(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return db;
  }
  t::TempDir dir_;
  std::vector<std::string> files_;
};

TEST_F(StockStandfirst, OnlyTheTrueCopiesAreOneCluster) {
  const std::string db = index_as("db", {}, files_);
  EXPECT_EQ(t::search({"--db", db, "--count", "rédaction"}).out, "6\n") << "every article counts";
  const auto text = t::search({"--db", db, "--color", "never", "rédaction"});
  EXPECT_EQ(text.status, 0) << text.err;
  std::size_t hits = 0, copies_lines = 0;
  for (std::size_t at = 0; (at = text.out.find("\n   https://", at)) != std::string::npos; ++at) ++hits;
  for (std::size_t at = 0; (at = text.out.find("   +1 copy: ", at)) != std::string::npos; ++at) ++copies_lines;
  EXPECT_EQ(hits, 5u) << text.out;
  EXPECT_EQ(copies_lines, 1u) << text.out;
  EXPECT_NE(text.out.find("   +1 copy: autre-quotidien.fr\n"), std::string::npos) << "the best-ranked copy is the first\n" << text.out;
  const auto c = clusters(db);
  ASSERT_EQ(c.size(), 6u);
  const std::string copy = "https://www.autre-quotidien.fr/tribunes/7";
  EXPECT_EQ(c.at(copy), (std::set<std::string>{"https://www.journal-exemple.fr/tribunes/2", copy}));
  for (int n : {1, 3, 4, 5}) EXPECT_EQ(c.at("https://www.journal-exemple.fr/tribunes/" + std::to_string(n)).size(), 1u) << n;
}

TEST_F(StockStandfirst, TheSameClustersWhateverTheOrderAndTheWayOfIndexing) {
  const auto in_parts = clusters(index_as("parts", {"--jobs", "2"}, files_));
  ASSERT_EQ(in_parts.size(), 6u);
  std::vector<std::string> reversed(files_.rbegin(), files_.rend());
  EXPECT_EQ(clusters(index_as("parts-reversed", {"--jobs", "2"}, reversed)), in_parts);
  EXPECT_EQ(clusters(index_as("one-by-one", {"--resumable"}, reversed)), in_parts);
  for (const std::string& file : files_) index_as("runs", {}, {file});
  EXPECT_EQ(clusters(dir_ / "runs"), in_parts) << "one run per article, as a cron job indexes them";
  for (const std::string& file : reversed) index_as("runs-reversed", {}, {file});
  EXPECT_EQ(clusters(dir_ / "runs-reversed"), in_parts);
}

}  // namespace
