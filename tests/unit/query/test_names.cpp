// Names decided from the archive as a whole (issue 33): a word capitalised only at sentence starts
// is found by its stem unless the archive says it is a name, over a small in-memory database built
// with the real DocumentBuilder.
#include "query/names.h"

#include "index/document_builder.h"
#include "query/query_parser.h"
#include "schema.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <set>
#include <string>

namespace {

using namespace depeche;
using Ids = std::set<std::string>;

class Names : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    ids_ = new std::map<Xapian::docid, std::string>;
    DocumentBuilder builder;
    auto add = [&](const std::string& id, const char* title, const char* body, const char* lang = "fr") {
      Article a;
      a.id = id;
      a.lang = lang;
      a.title = title;
      a.body = body;
      (*ids_)[db_->add_document(builder.build(a))] = id;
    };
    // Mali: three articles write it at a sentence start only, three inside a sentence: a name.
    add("mali-titre", "Mali : la junte reporte le scrutin", "La transition s'allonge à Bamako.");
    add("mali-phrase", "Un scrutin reporté", "Mali. Le pays attend toujours son scrutin.");
    add("mali-nom", "Au Sahel", "Les soldats quittent le Mali.");
    add("mali-pluies", "La saison", "Au Mali, la saison des pluies commence.");
    add("mali-accord", "Un accord", "L'accord signé avec le Mali tient.");
    add("mal-de-dos", "Santé des marins", "Les marins souffrent, le mal de dos les guette.");
    add("mal-titre", "Mal de dos : les conseils", "Marcher aide les marins.");
    add("malades", "Malades, ils attendent", "Urgences : la file s'allonge.");
    add("mal-et-mali", "Un bilan", "Mali : le mal de dos touche les soldats.");
    add("flies", "Summer", "Flies are everywhere this year.", "en");  // English stems: flies -> fli
    db_->commit();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete ids_;
  }

  Ids run(const Xapian::Query& q) {
    Xapian::Enquire enquire(*db_);
    enquire.set_query(q);
    Ids out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(ids_->at(*it));
    return out;
  }
  Ids ids(const std::string& query) {
    QueryParser parser(*db_, analyzer_);
    return run(parser.parse(query, false).query);
  }

  static Xapian::WritableDatabase* db_;
  static std::map<Xapian::docid, std::string>* ids_;
  analysis::Analyzer analyzer_;
};

Xapian::WritableDatabase* Names::db_ = nullptr;
std::map<Xapian::docid, std::string>* Names::ids_ = nullptr;

TEST_F(Names, HalfOfTheArticlesWritingItAsANameMakeAName) {
  EXPECT_TRUE(is_name(*db_, "mali")) << "3 of the 6 articles that have it";
  EXPECT_FALSE(is_name(*db_, "mal"));
  EXPECT_FALSE(is_name(*db_, "malades")) << "only ever at a sentence start: no evidence of a name";
  EXPECT_FALSE(is_name(*db_, "absent"));
}

// What a scan over the words of a stem reads instead of a lookup per word: the same counts.
TEST_F(Names, TermFrequenciesReadInOrderAreThoseOfTheDatabase) {
  for (const std::string& prefix : {std::string("mal"), std::string(schema::kPrefixName) + "mal", std::string("zz")}) {
    TermFreqsInOrder in_order(*db_, prefix);
    for (const char* word : {"mal", "malades", "mali", "maliens", "malt", "zzz"}) {
      const std::string term = prefix.front() == 'X' ? std::string(schema::kPrefixName) + word : word;
      if (term.compare(0, prefix.size(), prefix) != 0) continue;
      EXPECT_EQ(in_order(term), db_->get_termfreq(term)) << term;
    }
  }
  TermFreqsInOrder words(*db_, "mal");
  EXPECT_EQ(words("mali"), 6u);
  EXPECT_EQ(words("mali"), 6u) << "asked again, the same term";
  EXPECT_TRUE(is_name(words("mali"), db_->get_termfreq(std::string(schema::kPrefixName) + "mali")));
  EXPECT_FALSE(is_name(0, 0)) << "a word no article has is no name";
}

TEST_F(Names, TheCommonWordDoesNotFindTheNameAtASentenceStart) {
  EXPECT_EQ(ids("mal"), (Ids{"mal-de-dos", "mal-titre", "mal-et-mali"}));
  EXPECT_EQ(ids("title:mal"), Ids{"mal-titre"}) << "nor at the start of a title";
}

TEST_F(Names, TheNameFindsEveryArticleThatHasIt) {
  EXPECT_EQ(ids("Mali"), (Ids{"mali-titre", "mali-phrase", "mali-nom", "mali-pluies", "mali-accord", "mal-et-mali"}));
}

TEST_F(Names, AWordCapitalisedOnlyAtSentenceStartsIsStillFoundByItsStem) {
  EXPECT_EQ(ids("malade"), Ids{"malades"});
  EXPECT_EQ(ids("title:malade"), Ids{"malades"});
  EXPECT_EQ(ids("urgence"), Ids{"malades"}) << "a body's sentence start too";
}

TEST_F(Names, ASentenceStartIsFoundByTheStemOfAnotherLanguageToo) {
  analysis::Analyzer english("en");
  QueryParser parser(*db_, analyzer_);
  parser.add_language(english);
  EXPECT_EQ(run(parser.parse("fly", false).query), Ids{"flies"}) << "the English stem fli, not the French fly";
}

TEST_F(Names, TheStemQueryReadsTheSentenceStartsOnlyWhereThereAreSome) {
  analysis::Analyzer fr;
  const std::string plain_stem = fr.stem("marins");
  EXPECT_EQ(stem_query(*db_, "", plain_stem, fr).get_length(), 1u) << "no sentence start has it: the stem term alone";
  const Xapian::Query mal = stem_query(*db_, "", fr.stem("mal"), fr);
  std::set<std::string> terms(mal.get_unique_terms_begin(), mal.get_unique_terms_end());
  EXPECT_EQ(terms, (std::set<std::string>{std::string(schema::kPrefixStem) + "mal",
                                         std::string(schema::kPrefixInitialStem) + "mal", "mali"}));
}

}  // namespace
