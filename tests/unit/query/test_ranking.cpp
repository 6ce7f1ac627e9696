// Proximity: how close the query's words are in an article, on articles written for the test.
#include "index/document_builder.h"
#include "query/query_parser.h"
#include "query/ranking.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

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
    return depeche::closeness(depeche::word_positions(db_, {doc}, words).at(0), window);
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
  const auto at = depeche::word_positions(db_, {far, near}, words);
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(depeche::closeness(at[0], 10), 0.0);
  EXPECT_EQ(depeche::closeness(at[1], 10), 1.0);
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

namespace {

TEST(BestWordWindow, CountsEachWordOnceInTheBestWindowFromTheFirstPosition) {
  const std::vector<depeche::Positions> at{{1, 50}, {5}, {200}};
  auto words = [&](Xapian::termpos first, Xapian::termcount window) { return depeche::best_word_window(at, first, window).words; };
  EXPECT_EQ(words(1, 10), 2u) << "positions 1 and 5";
  EXPECT_EQ(words(2, 10), 1u) << "position 1 is before the first";
  EXPECT_EQ(words(1, 4), 1u) << "1 and 5 are not within 4 positions";
  EXPECT_EQ(words(1, 5), 2u);
  EXPECT_EQ(words(1, 200), 3u);
  EXPECT_EQ(depeche::best_word_window({{7, 8, 9}, {}}, 1, 10).words, 1u) << "a word counts once however often";
  EXPECT_EQ(words(201, 10), 0u);
}

TEST(BestWordWindow, StartsWhereTheFirstWindowShowingTheMostWordsBegins) {
  const std::vector<depeche::Positions> two{{3, 40, 90}, {60, 95}};
  EXPECT_EQ(depeche::best_word_window(two, 1, 30).start, 40u) << "40 and 60 show both words before 90 and 95 do";
  EXPECT_EQ(depeche::best_word_window(two, 1, 10).start, 90u) << "40 and 60 are too far apart";
  EXPECT_EQ(depeche::best_word_window(two, 1, 2).start, 3u) << "one word at a time: the first occurrence";
  const std::vector<depeche::Positions> three{{3, 40, 90}, {60, 95}, {99}};
  const depeche::WordWindow all = depeche::best_word_window(three, 1, 30);
  EXPECT_EQ(all.words, 3u);
  EXPECT_EQ(all.start, 90u) << "the window with every word, not the first with two";
  EXPECT_EQ(depeche::best_word_window(three, 100, 10).start, 0u) << "no word from the first position on";
}

}  // namespace

// `mal` does not find "le Mali" (a name is not stemmed), so Mali's positions are not mal's.
TEST_F(ProximityTest, ANameIsNoInflectionOfItsStem) {
  const Xapian::docid mali = add("La grève du Mali a duré." + kFiller);
  const Xapian::docid mal = add("La grève fait du mal au port." + kFiller);
  EXPECT_EQ(proximity("grève mal", mali), 0.0);
  EXPECT_GT(proximity("grève mal", mal), 0.0);
  EXPECT_GT(proximity("grève Mali", mali), 0.0) << "typed, the name is the word";
}

TEST_F(ProximityTest, InflectionsSayWhetherTheyAreAll) {
  std::string many;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'e'; ++b) many += std::string(" malo") + a + b;  // 130 words beginning "malo"
  add("Une grève, la présidence." + many + kFiller);
  db_.commit();
  QueryParser parser(db_, analyzer_);
  std::vector<depeche::QueryWord> words = parser.parse("grève malo président", false).proximity_words;
  ASSERT_EQ(words.size(), 3u);
  depeche::add_inflections(db_, words, analyzer_);
  EXPECT_TRUE(words[0].every_form);
  EXPECT_FALSE(words[1].every_form) << "the scan of the words beginning with its stem stopped at its cap";
  ASSERT_EQ(analyzer_.stem("presidence"), words[2].stem) << "Snowball writes -ent for -ence";
  EXPECT_FALSE(words[2].every_form) << "présidence has its stem but does not begin with it";
}

namespace {

// The ids of `q`'s matches in score order.
std::vector<Xapian::docid> in_score_order(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(depeche::bm25_weight({}));
  enquire.set_query(q);
  std::vector<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

}  // namespace

TEST(MostWordsFirst, MoreWordsMatchedOutrankARarerSingleWord) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&db](std::initializer_list<const char*> words) {
    Xapian::Document doc;
    for (const char* w : words) doc.add_term(w);
    return db.add_document(doc);
  };
  const Xapian::docid rare = add({"zanzibar"});
  add({"port", "ville"});
  for (int i = 0; i < 20; ++i) add({"port", "ville", "matin"});  // common words: low weights
  const std::vector<Xapian::Query> words{Xapian::Query("zanzibar"), Xapian::Query("port"), Xapian::Query("ville")};
  const Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  ASSERT_EQ(in_score_order(db, any).front(), rare) << "BM25 alone puts the rare word first";
  const std::vector<Xapian::docid> ranked = in_score_order(db, depeche::most_words_first(db, words, {}));
  EXPECT_NE(ranked.front(), rare);
  EXPECT_EQ(ranked.back(), rare) << "one word of three, below every article with two";
  EXPECT_EQ(ranked.size(), 22u) << "the same matches";
}

TEST(PeriodFirst, ThePeriodsArticlesRankAboveAllOthersAndNothingElseChanges) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&db](int repeats, const char* month) {
    Xapian::Document doc;
    doc.add_term("jeux", static_cast<Xapian::termcount>(repeats));
    doc.add_boolean_term(month);
    return db.add_document(doc);
  };
  const Xapian::docid strong = add(9, "M2022-03");
  const Xapian::docid weak = add(1, "M2022-11");
  const Xapian::Query words("jeux");
  ASSERT_EQ(in_score_order(db, words).front(), strong);
  const Xapian::Query q = depeche::period_first(db, words, Xapian::Query("M2022-11"), Xapian::Query(), {});
  EXPECT_EQ(in_score_order(db, q), (std::vector<Xapian::docid>{weak, strong}));
}
