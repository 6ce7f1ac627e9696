// Proximity: how close the query's words are in an article, on articles written for the test.
#include "index/document_builder.h"
#include "query/query_parser.h"
#include "query/ranking.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

using depeche::Article;
using depeche::DocumentBuilder;
using depeche::QueryParser;
using depeche::analysis::Analyzer;

namespace {

class ProximityTest : public ::testing::Test {
 protected:
  Xapian::docid add(const std::string& body) {
    Article a;
    a.id = "a" + std::to_string(db_.get_doccount() + 1);
    a.body = body;
    return db_.add_document(builder_.build(a));
  }
  // The proximity of `query`'s words in `doc`, as the searcher computes it.
  double proximity(const std::string& query, Xapian::docid doc, Xapian::termcount window = 10) {
    db_.commit();
    QueryParser parser(db_, analyzer_);
    std::vector<depeche::QueryWord> words = parser.parse(query, false).proximity_words;
    depeche::add_inflections(db_, words, analyzer_);
    return depeche::proximity(db_, {doc}, words, window).at(0);
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  DocumentBuilder builder_;
  Analyzer analyzer_;
};

const std::string kFiller = " Il pleuvait sur la ville depuis le matin et personne ne sortait plus des maisons du port. ";

TEST_F(ProximityTest, AdjacentWordsScoreOneFarWordsZero) {
  const Xapian::docid near = add("Une grève cheminots bloque la gare." + kFiller);
  const Xapian::docid far = add("La grève commence." + kFiller + kFiller + "Les cheminots attendent.");
  EXPECT_DOUBLE_EQ(proximity("grève cheminots", near), 1.0);
  EXPECT_DOUBLE_EQ(proximity("grève cheminots", far), 0.0);
  EXPECT_DOUBLE_EQ(proximity("cheminots grève", near), 1.0);  // order does not matter
  // Several hits at once, in rank order rather than docid order, as the searcher asks.
  QueryParser parser(db_, analyzer_);
  std::vector<depeche::QueryWord> words = parser.parse("grève cheminots", false).proximity_words;
  EXPECT_EQ(depeche::proximity(db_, {far, near}, words, 10), (std::vector<double>{0.0, 1.0}));
}

TEST_F(ProximityTest, CloserScoresHigherWithinTheWindow) {
  const Xapian::docid two = add("La grève des cheminots." + kFiller);  // "des" between: 2 words apart
  const Xapian::docid five = add("La grève, dit-on, touche les cheminots." + kFiller);
  EXPECT_GT(proximity("grève cheminots", two), proximity("grève cheminots", five));
  EXPECT_GT(proximity("grève cheminots", five), 0.0);
  EXPECT_DOUBLE_EQ(proximity("grève cheminots", five, 2), 0.0);
}

TEST_F(ProximityTest, InflectedFormsCountThroughTheirStem) {
  const Xapian::docid doc = add("Une grève cheminot bloque la gare." + kFiller);
  EXPECT_DOUBLE_EQ(proximity("grèves cheminots", doc), 1.0);
}

TEST_F(ProximityTest, MeanOverPairsAndNothingForOneWordOrExcludedWords) {
  const Xapian::docid doc = add("Une grève cheminots." + kFiller + kFiller + "Le ministre répond.");
  EXPECT_DOUBLE_EQ(proximity("grève cheminots ministre", doc), 1.0 / 3);
  EXPECT_DOUBLE_EQ(proximity("grève", doc), 0.0);
  EXPECT_DOUBLE_EQ(proximity("grève -ministre cheminots", doc), 1.0);
}

}  // namespace
