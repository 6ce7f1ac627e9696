// The query language against a small in-memory database built with the real DocumentBuilder.
#include "index/document_builder.h"
#include "query/query_parser.h"
#include "schema.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using depeche::Article;
using depeche::DocumentBuilder;
using depeche::ParsedQuery;
using depeche::QueryError;
using depeche::QueryParser;
using depeche::analysis::Analyzer;
using depeche::util::Date;
using depeche::util::DatePrecision;
using Ids = std::set<std::string>;

namespace {

Date day(int y, int m, int d) { return Date{y, m, d, DatePrecision::kDay}; }
Date month(int y, int m) { return Date{y, m, 0, DatePrecision::kMonth}; }
Date year(int y) { return Date{y, 0, 0, DatePrecision::kYear}; }

class QueryParserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    names_ = new std::map<Xapian::docid, std::string>;
    DocumentBuilder builder;
    auto add = [&](const std::string& id, Date date, const char* title, const char* body,
                   const char* source = "exemple.fr") {
      Article a;
      a.id = id;
      a.date = date;
      if (title) a.title = title;
      a.body = body;
      a.source = source;
      (*names_)[db_->add_document(builder.build(a))] = id;
    };
    add("mali-iran", day(2023, 7, 5), "Coopération entre le Mali et l’Iran",
        "Le président du Mali signe un accord avec l’Iran sur les télécommunications.");
    add("coton", day(2023, 7, 28), "Récolte de coton",
        "Les paysans du Mali attendent une bonne récolte de coton cette saison.", "info-sahel.fr");
    add("pomme", day(2023, 8, 2), "Pomme de terre", "Le prix de la pomme de terre bretonne grimpe.");
    add("aravis", month(2022, 11), "Cyclisme dans les Alpes", "Le tour des Aravis traverse les cols enneigés.");
    add("brest", day(2021, 3, 15), "Port de Brest", "Le port de Brest accueille des conteneurs venus d’Iran.");
    add("vieux", year(2019), "Archives", "Une vieille histoire de coton et de port.");
    add("sans-date", Date{}, nullptr, "Un article sans date parle du mal de dos des marins.");
    add("terre", day(2023, 9, 1), "Une terre riche", "Cette pomme pousse dans une terre riche.");
    db_->commit();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete names_;
  }

  // Ids of the documents the parsed query matches.
  Ids ids(const std::string& query, bool any = false) {
    QueryParser parser(*db_, analyzer_);
    return run(parser.parse(query, any).query);
  }
  Ids run(const Xapian::Query& q) {
    Xapian::Enquire enquire(*db_);
    enquire.set_query(q);
    Ids out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(names_->at(*it));
    return out;
  }
  // The QueryError message for `query`, or "" when it parses.
  std::string error(const std::string& query) {
    QueryParser parser(*db_, analyzer_);
    try {
      parser.parse(query, false);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "";
  }

  static Xapian::WritableDatabase* db_;
  static std::map<Xapian::docid, std::string>* names_;
  Analyzer analyzer_;
};

Xapian::WritableDatabase* QueryParserTest::db_ = nullptr;
std::map<Xapian::docid, std::string>* QueryParserTest::names_ = nullptr;

}  // namespace

TEST_F(QueryParserTest, WordsAreAndedByDefault) {
  EXPECT_EQ(ids("coton"), (Ids{"coton", "vieux"}));
  EXPECT_EQ(ids("mali coton"), Ids{"coton"});
  EXPECT_EQ(ids("mali coton", true), (Ids{"mali-iran", "coton", "vieux"}));
}

TEST_F(QueryParserTest, AccentsAndCaseDoNotMatter) {
  EXPECT_EQ(ids("TELECOMMUNICATIONS"), Ids{"mali-iran"});
  EXPECT_EQ(ids("Récolte"), ids("recolte"));
  EXPECT_EQ(ids("recolte"), Ids{"coton"});
}

TEST_F(QueryParserTest, StemmedFormsMatch) {
  EXPECT_EQ(ids("télécommunication"), Ids{"mali-iran"});
  EXPECT_EQ(ids("conteneur"), Ids{"brest"});
}

TEST_F(QueryParserTest, Or) {
  EXPECT_EQ(ids("aravis OR brest"), (Ids{"aravis", "brest"}));
  EXPECT_EQ(ids("aravis OR zzzinconnu"), Ids{"aravis"});
  EXPECT_EQ(ids("(aravis OR brest) port"), Ids{"brest"});
}

TEST_F(QueryParserTest, NotAndMinus) {
  EXPECT_EQ(ids("iran"), (Ids{"mali-iran", "brest"}));
  EXPECT_EQ(ids("iran -mali"), Ids{"brest"});
  EXPECT_EQ(ids("iran NOT mali"), Ids{"brest"});
  EXPECT_EQ(ids("coton -\"vieille histoire\""), Ids{"coton"});
  EXPECT_EQ(ids("iran AND NOT brest"), Ids{"mali-iran"});
  // A negative alone means everything but it.
  const Ids not_coton = ids("-coton");
  EXPECT_EQ(not_coton.size(), names_->size() - 2);
  EXPECT_EQ(not_coton.count("coton"), 0u);
  // Excluded words are not sought in a hit's text: no hit has them.
  QueryParser parser(*db_, analyzer_);
  const ParsedQuery p = parser.parse("iran -mali NOT \"vieille histoire\" grève", false);
  EXPECT_EQ(p.words, (std::vector<std::string>{"iran", "greve"}));
  EXPECT_EQ(p.stems.size(), p.words.size() - (p.proximity_words[0].stem.empty() ? 1 : 0)) << "iran may be a name";
  EXPECT_EQ(p.proximity_words.size(), 2u);
}

TEST_F(QueryParserTest, PhrasesKeepWordOrderAndStopWords) {
  EXPECT_EQ(ids("\"pomme de terre\""), Ids{"pomme"});
  EXPECT_EQ(ids("«pomme de terre»"), Ids{"pomme"});
  EXPECT_EQ(ids("\"terre de pomme\""), Ids{});
  EXPECT_EQ(ids("\"port de Brest\""), Ids{"brest"});
}

TEST_F(QueryParserTest, StopWordsAreDroppedFromFreeText) {
  QueryParser parser(*db_, analyzer_);
  const ParsedQuery p = parser.parse("la pomme de terre", false);
  EXPECT_EQ(p.words, (std::vector<std::string>{"pomme", "terre"}));
  // "terre" has neither "la" nor "de"; the stop words are not required.
  EXPECT_EQ(run(p.query), (Ids{"pomme", "terre"}));
}

TEST_F(QueryParserTest, QueryOfOnlyStopWordsStillSearchesThem) {
  QueryParser parser(*db_, analyzer_);
  const ParsedQuery p = parser.parse("dans", false);
  EXPECT_TRUE(p.has_free_text);
  EXPECT_EQ(run(p.query), (Ids{"aravis", "terre"}));
}

TEST_F(QueryParserTest, FieldSearches) {
  EXPECT_EQ(ids("title:coton"), Ids{"coton"});
  EXPECT_EQ(ids("source:info-sahel.fr"), Ids{"coton"});
  EXPECT_EQ(ids("coton source:exemple.fr"), Ids{"vieux"});
  EXPECT_EQ(ids("country:Mali"), (Ids{"mali-iran", "coton"}));
}

TEST_F(QueryParserTest, NamesAreNotStemmedIntoCommonWords) {
  QueryParser parser(*db_, analyzer_);
  EXPECT_TRUE(parser.is_name("mali"));
  EXPECT_FALSE(parser.is_name("mal"));
  EXPECT_FALSE(parser.is_name("coton"));
  EXPECT_EQ(ids("Mali"), (Ids{"mali-iran", "coton"}));
  EXPECT_EQ(ids("mali"), (Ids{"mali-iran", "coton"}));
}

TEST_F(QueryParserTest, DateMonth) {
  EXPECT_EQ(ids("date:2023-07"), (Ids{"mali-iran", "coton"}));
  EXPECT_EQ(ids("coton date:2023-07"), Ids{"coton"});
}

TEST_F(QueryParserTest, DateDayRange) {
  EXPECT_EQ(ids("date:2023-07-01..2023-07-31"), (Ids{"mali-iran", "coton"}));
  EXPECT_EQ(ids("date:2023-07-01..2023-07-10"), Ids{"mali-iran"});
  EXPECT_EQ(ids("date:2023-07-05"), Ids{"mali-iran"});
  EXPECT_EQ(ids("date:2023-07-06"), Ids{});
}

TEST_F(QueryParserTest, DateOpenRanges) {
  EXPECT_EQ(ids("date:..2022"), (Ids{"aravis", "brest", "vieux"})) << "undated articles are never in a range";
  EXPECT_EQ(ids("date:2021.."), (Ids{"mali-iran", "coton", "pomme", "aravis", "brest", "terre"}));
  EXPECT_EQ(ids("date:2022..2023-07"), (Ids{"aravis", "mali-iran", "coton"}));
  EXPECT_EQ(ids("date:2022"), Ids{"aravis"});
}

TEST_F(QueryParserTest, WholeYearRangesAreYearTermsMatchingWhatTheValueRangeMatches) {
  QueryParser parser(*db_, analyzer_);
  for (int from = 2019; from <= 2024; ++from)
    for (int to = from; to <= 2024; ++to) {
      const Xapian::Query q = parser.date_range(std::to_string(from), std::to_string(to));
      EXPECT_EQ(*q.get_terms_begin(), "Y" + std::to_string(from)) << "whole years are filtered by their terms";
      const Xapian::Query by_value(Xapian::Query::OP_VALUE_RANGE, depeche::schema::kSlotDate,
                                   std::to_string(from) + "0000", std::to_string(to) + "9999");
      EXPECT_EQ(run(q), run(by_value)) << from << ".." << to;
    }
}

TEST_F(QueryParserTest, DateFilterDoesNotChangeTheWordsSearched) {
  QueryParser parser(*db_, analyzer_);
  const ParsedQuery only_filter = parser.parse("date:2023", false);
  EXPECT_FALSE(only_filter.has_free_text);
  EXPECT_TRUE(only_filter.words.empty());
  EXPECT_EQ(run(only_filter.query), (Ids{"mali-iran", "coton", "pomme", "terre"}));
}

TEST_F(QueryParserTest, DateRangeOptionFilter) {
  QueryParser parser(*db_, analyzer_);
  EXPECT_EQ(run(parser.date_range("2023-07-20", "")), (Ids{"coton", "pomme", "terre"}));
  EXPECT_EQ(run(parser.date_range("", "2021-03")), (Ids{"brest", "vieux"}));
  EXPECT_EQ(run(parser.filter("date", "2023-08..2023-09")), (Ids{"pomme", "terre"}));
  EXPECT_THROW(parser.date_range("", ""), QueryError);
  EXPECT_THROW(parser.date_range("demain", ""), QueryError);
}

TEST_F(QueryParserTest, MalformedDatesAreQueryErrors) {
  for (const char* q : {"date:2023-13", "date:2023-7", "date:23-07-2023", "date:juillet", "date:2023-02-30",
                        "date:2023-07-01..demain", "date:..", "date:2024..2023"}) {
    const std::string message = error(q);
    EXPECT_FALSE(message.empty()) << q << " should be rejected";
  }
  EXPECT_NE(error("date:2023-13").find("2023-13"), std::string::npos) << error("date:2023-13");
}

// year:21 and month:2022-13 matched nothing, exit 1, where date:2023-13 is an error.
TEST_F(QueryParserTest, YearAndMonthValuesAreCheckedAndTakeRanges) {
  EXPECT_EQ(ids("year:2023"), (Ids{"mali-iran", "coton", "pomme", "terre"}));
  EXPECT_EQ(ids("month:2023-07"), (Ids{"mali-iran", "coton"}));
  EXPECT_EQ(ids("year:2021..2022"), ids("date:2021..2022"));
  EXPECT_EQ(ids("month:..2022-11"), ids("date:..2022-11"));
  EXPECT_EQ(error("year:21"), "invalid year '21' (expected YYYY, or a range such as 2021..2022)");
  EXPECT_EQ(error("month:2022-13"), "invalid month '2022-13' (expected YYYY-MM, or a range such as 2023-01..2023-06)");
  EXPECT_NE(error("month:2023"), "");
  EXPECT_NE(error("year:2023-07"), "");
  EXPECT_NE(error("year:2021..22"), "");
}

TEST_F(QueryParserTest, UnknownFieldSuggestsTheNearest) {
  const std::string message = error("dat:2023-07");
  ASSERT_FALSE(message.empty());
  EXPECT_NE(message.find("dat:"), std::string::npos) << message;
  EXPECT_NE(message.find("date:"), std::string::npos) << message;
  EXPECT_NE(error("sourse:lemonde.fr").find("source:"), std::string::npos) << error("sourse:lemonde.fr");
  EXPECT_NE(error("titel:mali").find("title:"), std::string::npos) << error("titel:mali");
  EXPECT_THROW(QueryParser(*db_, analyzer_).filter("auteur", "x"), QueryError);
}

TEST_F(QueryParserTest, UrlsAndTimesAreNotFields) {
  EXPECT_EQ(error("https://exemple.fr/a"), "");
}

TEST_F(QueryParserTest, UnbalancedParenthesesAreQueryErrors) {
  EXPECT_NE(error("(mali coton"), "");
  EXPECT_NE(error("mali coton)"), "");
  EXPECT_NE(error("((mali) OR coton"), "");
  EXPECT_NE(error(")("), "");
  EXPECT_EQ(error("((mali) OR coton)"), "");
}

TEST_F(QueryParserTest, DanglingOperatorsAreQueryErrors) {
  EXPECT_NE(error("mali NOT"), "");
  EXPECT_NE(error("source:"), "");
}

TEST_F(QueryParserTest, NotBeforeAClosingParenthesisExcludesNothing) {
  EXPECT_EQ(error("(mali NOT)"), "NOT or '-' must be followed by something to exclude");
  EXPECT_EQ(error("mali - OR coton"), "");  // a '-' touching nothing is punctuation
}

// An AND or OR missing a side was dropped: "iran AND" searched iran, and a script's empty
// variable widened its query without a word.
TEST_F(QueryParserTest, OperatorMissingASideIsAnError) {
  const std::string nothing_at = "operator at character ";
  EXPECT_EQ(error("mali AND"), nothing_at + "6 has nothing on one side");
  EXPECT_EQ(error("mali OR"), nothing_at + "6 has nothing on one side");
  EXPECT_EQ(error("AND mali"), nothing_at + "1 has nothing on one side");
  EXPECT_EQ(error("OR mali"), nothing_at + "1 has nothing on one side");
  EXPECT_EQ(error("mali AND OR iran"), nothing_at + "6 has nothing on one side");
  EXPECT_EQ(error("mali OR OR iran"), nothing_at + "6 has nothing on one side");
  EXPECT_EQ(error("(mali AND) iran"), nothing_at + "7 has nothing on one side");
  EXPECT_EQ(error("(OR mali)"), nothing_at + "2 has nothing on one side");
  // Operators with both sides, a stop word for one of them, and negations after AND still run.
  EXPECT_EQ(error("mali AND iran"), "");
  EXPECT_EQ(error("le OR mali"), "");
  EXPECT_EQ(error("mali AND NOT iran"), "");
  EXPECT_EQ(error("mali AND -iran"), "");
  EXPECT_EQ(ids("(mali OR iran) AND satellite"), ids("satellite (mali OR iran)"));
}

// Only an empty query matches every article: punctuation alone did too, with exit 0.
TEST_F(QueryParserTest, QueryWithoutAWordIsAnError) {
  for (const std::string q : {"?", "*", "...", "\"", "()", "\xef\xbf\xbd"})
    EXPECT_EQ(error(q), "no word to search for in '" + q + "'") << q;
  EXPECT_EQ(error(""), "");
  EXPECT_EQ(error("  "), "");
  EXPECT_EQ(error("-mali"), "");  // an exclusion alone is a query: every article without the word
}

// docs/query-syntax.md: NOT or '-' with nothing after it is an error. A final '-' was dropped.
TEST_F(QueryParserTest, FinalDashIsAnErrorLikeAFinalNot) {
  const std::string nothing = "NOT or '-' must be followed by something to exclude";
  EXPECT_EQ(error("mali -"), nothing);
  EXPECT_EQ(error("mali -- "), nothing);
  EXPECT_EQ(error("-"), nothing);
  EXPECT_EQ(error("mali NOT"), nothing);
  EXPECT_EQ(error("mali - OR coton"), "");  // a '-' touching nothing inside the query stays punctuation
}

// "--mango" was read as the word mango: the query found exactly the articles the user meant to
// leave out. A run of dashes before a word excludes it; one touching nothing stays punctuation.
TEST_F(QueryParserTest, RunOfDashesBeforeAWordExcludesIt) {
  EXPECT_EQ(ids("iran --mali"), ids("iran -mali"));
  EXPECT_EQ(ids("iran -----mali"), ids("iran -mali"));
  EXPECT_EQ(ids("iran --(mali OR brest)"), ids("iran -(mali OR brest)"));
  EXPECT_NE(ids("iran --mali"), ids("iran mali"));
  EXPECT_EQ(ids("iran -- mali"), ids("iran mali"));
}

// "iran NEAR/abc mali" searched the word "NEAR/abc".
TEST_F(QueryParserTest, NearDistanceMustBeANumber) {
  EXPECT_EQ(error("iran NEAR/abc mali"), "'NEAR/abc': the distance after NEAR/ is a number of words (NEAR/5)");
  EXPECT_EQ(error("iran ADJ/ mali"), "'ADJ/': the distance after ADJ/ is a number of words (ADJ/3)");
  EXPECT_EQ(error("iran NEAR/12 mali"), "");
  EXPECT_EQ(error("NEARBY"), "");  // a word that begins like the operator is a word
}

// Positions in messages count characters, as the user sees them, not bytes.
TEST_F(QueryParserTest, ErrorPositionsCountCharacters) {
  EXPECT_EQ(error("télé )"), "unbalanced ')' at character 6");
}

// Each level is a recursion of the parser: ten thousand of them crashed it.
TEST_F(QueryParserTest, DeepNestingIsAQueryError) {
  auto nested = [](int depth) { return std::string(depth, '(') + "mali" + std::string(depth, ')'); };
  EXPECT_EQ(error(nested(100)), "");
  EXPECT_EQ(ids(nested(100)), ids("mali"));
  EXPECT_NE(error(nested(101)).find("more than 100 deep"), std::string::npos);
  EXPECT_NE(error(nested(100000)).find("more than 100 deep"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "NOT ";
  EXPECT_NE(error(nots + "mali").find("more than 100 deep"), std::string::npos);
}

// NEAR and ADJ take the single words on either side, never a negated word, a group or a
// wildcard (each was once replaced by a word it held), and a chain keeps every word.
TEST_F(QueryParserTest, NearTakesTheSingleWordsBesideIt) {
  EXPECT_EQ(ids("mali NEAR/3 iran"), (Ids{"mali-iran"}));
  EXPECT_EQ(ids("\"mali\" NEAR/3 iran"), (Ids{"mali-iran"}));
  const std::string not_two_words = "NEAR and ADJ go between two single words (iran NEAR/5 mali)";
  EXPECT_EQ(error("-mali NEAR/3 iran"), not_two_words);
  EXPECT_EQ(error("(coton OR mali) NEAR/3 iran"), not_two_words);
  EXPECT_EQ(error("mali NEAR/3 ira*"), not_two_words);
  EXPECT_EQ(error("mali NEAR/3 -iran"), not_two_words);
  EXPECT_EQ(ids("coopération NEAR/3 mali NEAR/3 iran"), (Ids{"mali-iran"}));
  EXPECT_EQ(ids("port NEAR/3 mali NEAR/3 iran"), Ids{}) << "no article has port near mali";
  EXPECT_EQ(ids("mali NEAR/3 iran NEAR/3 port"), Ids{}) << "no article has iran near port";
}

TEST_F(QueryParserTest, EmptyQueryMatchesEverything) {
  EXPECT_EQ(ids("").size(), names_->size());
}

// Issue 31: a query of 10,000 words cost 11 s, a 1 MiB --batch line minutes; there was no cap.
TEST_F(QueryParserTest, AThousandWordsAtMost) {
  std::string words, ors;
  for (std::size_t i = 0; i < depeche::kMaxQueryWords; ++i) {
    words += " zz" + std::to_string(i);
    ors += (i ? " OR zz" : "zz") + std::to_string(i);
  }
  EXPECT_EQ(error(words), "");
  EXPECT_EQ(error(words + " coton"), "query of more than 1000 words; split it");
  EXPECT_EQ(error(ors + " OR coton"), "query of more than 1000 words; split it");
}

// Words absent from the archive are left out of an OR (Xapian combines absent branches in
// quadratic time), without changing what it matches.
TEST_F(QueryParserTest, AbsentWordsLeaveAnOrWithoutChangingItsMatches) {
  QueryParser parser(*db_, analyzer_);
  std::string ors = "coton";
  for (int i = 0; i < 500; ++i) ors += " OR zz" + std::to_string(i);
  const Xapian::Query q = parser.parse(ors + " OR brest", false).query;
  EXPECT_EQ(run(q), (Ids{"coton", "vieux", "brest"}));
  EXPECT_LT(q.get_length(), 20u) << q.get_description();
  EXPECT_EQ(ids(ors.substr(9) + " zzz", true), Ids{}) << "all absent: still matches nothing";
  EXPECT_EQ(ids("zz1 OR zz2"), Ids{});
  EXPECT_EQ(ids("coton zz1", true), (Ids{"coton", "vieux"}));
  EXPECT_EQ(ids("coton zz1"), Ids{}) << "AND keeps the absent word";
}

namespace {

// An archive with a spelling dictionary, as the indexer keeps one, for how queries are read
// beyond their words as typed: slips, the other number of a word, dates among the words.
class QueryReadingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new depeche::test::TempDir;  // an in-memory database keeps no spelling dictionary
    db_ = new Xapian::WritableDatabase(*dir_ / "db", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    names_ = new std::map<Xapian::docid, std::string>;
    DocumentBuilder builder;
    auto add = [&](const std::string& id, Date date, const char* body) {
      Article a;
      a.id = id;
      a.date = date;
      a.body = body;
      (*names_)[db_->add_document(builder.build(a))] = id;
      Analyzer analyzer;
      depeche::analysis::TokenList tokens;
      analyzer.tokenize(body, tokens);
      for (const auto& t : tokens.tokens) db_->add_spelling(std::string(tokens.folded(t)));
    };
    add("truquet", day(2022, 11, 3), "Le sculpteur Truquet expose ses bronzes au musée.");
    add("truquet2", day(2022, 10, 3), "Une rétrospective Truquet attire les foules au musée.");
    add("truquet-typo", day(2022, 9, 3), "Une erreur écrit trquet dans le catalogue du musée.");
    add("lieux", day(2022, 11, 20), "Les lieux de culte ferment pendant les travaux.");
    add("lieu", day(2021, 5, 2), "Un lieu de mémoire ouvre ses portes après un long travail.");
    add("jeux-nov", day(2022, 11, 14), "Les jeux olympiques sont adoptés par le comité.");
    add("jeux-mars", day(2022, 3, 14), "Les jeux olympiques adoptés en novembre dernier inquiètent.");
    db_->commit();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete names_;
    delete dir_;
  }

  ParsedQuery parse(const std::string& query, bool exact_words = false) {
    QueryParser parser(*db_, analyzer_);
    parser.correct_slips(!exact_words);
    parser.read_dates(!exact_words);
    return parser.parse(query, false);
  }
  // Ids in score order.
  std::vector<std::string> ranked(const std::string& query, bool exact_words = false) {
    const ParsedQuery p = parse(query, exact_words);
    Xapian::Query q = p.query;
    if (!p.preferred_period.empty()) q = depeche::period_first(*db_, q, p.period, p.period_words, {});
    Xapian::Enquire enquire(*db_);
    enquire.set_weighting_scheme(depeche::bm25_weight({}));
    enquire.set_query(q);
    std::vector<std::string> out;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(names_->at(*it));
    return out;
  }

  static depeche::test::TempDir* dir_;
  static Xapian::WritableDatabase* db_;
  static std::map<Xapian::docid, std::string>* names_;
  Analyzer analyzer_;
};

depeche::test::TempDir* QueryReadingTest::dir_ = nullptr;
Xapian::WritableDatabase* QueryReadingTest::db_ = nullptr;
std::map<Xapian::docid, std::string>* QueryReadingTest::names_ = nullptr;

using Ranked = std::vector<std::string>;

}  // namespace

TEST_F(QueryReadingTest, AWordFoundNowhereIsSearchedInItsCloseSpelling) {
  const ParsedQuery p = parse("sculpteur truqet");
  EXPECT_EQ(p.corrected, (std::map<std::string, std::string>{{"truqet", "truquet"}}));
  EXPECT_EQ(ranked("sculpteur truqet"), Ranked{"truquet"});
  EXPECT_TRUE(parse("sculpteur truqet", true).corrected.empty()) << "--exact-words";
  EXPECT_TRUE(ranked("sculpteur truqet", true).empty());
}

TEST_F(QueryReadingTest, TheFormAsTypedRanksFirstWhereItExists) {
  // "trquet" is in one article; "truquet" in two, not fifty times more: the user's word stands.
  EXPECT_TRUE(parse("trquet musée").corrected.empty());
  EXPECT_EQ(ranked("trquet musée"), Ranked{"truquet-typo"});
}

TEST_F(QueryReadingTest, RareWordsCanBeReadAsTypedWithoutALookup) {
  QueryParser parser(*db_, analyzer_);
  parser.correct_rare_words(false);
  EXPECT_TRUE(parser.parse("trquet", false).rare_words_as_typed) << "in one article";
  const ParsedQuery absent = parser.parse("truqet", false);
  EXPECT_FALSE(absent.rare_words_as_typed);
  EXPECT_EQ(absent.corrected, (std::map<std::string, std::string>{{"truqet", "truquet"}})) << "a word found nowhere is still a slip";
  parser.correct_slips(false);
  EXPECT_FALSE(parser.parse("trquet", false).rare_words_as_typed) << "--exact-words: nothing to read again";
}

TEST_F(QueryReadingTest, TheOtherNumberOfAWordSnowballKeepsApart) {
  EXPECT_EQ(ranked("lieux"), (Ranked{"lieux", "lieu"}));
  EXPECT_EQ(ranked("lieu"), (Ranked{"lieu", "lieux"}));
  EXPECT_EQ(ranked("travail portes"), Ranked{"lieu"});
  EXPECT_EQ(ranked("travaux"), (Ranked{"lieux", "lieu"}));
}

TEST_F(QueryReadingTest, ADateAmongTheWordsRanksItsPeriodFirstWithoutBeingRequired) {
  const ParsedQuery p = parse("jeux adoptés novembre 2022");
  EXPECT_EQ(p.preferred_period, "2022-11");
  EXPECT_EQ(ranked("jeux adoptés novembre 2022"), (Ranked{"jeux-nov", "jeux-mars"}))
      << "the article of November 2022 first, though the other writes 'novembre'";
  EXPECT_EQ(ranked("jeux adoptés mars 2022"), (Ranked{"jeux-mars", "jeux-nov"}));
  EXPECT_TRUE(ranked("jeux adoptés novembre 2022", true).empty()) << "--exact-words: 2022 is a word to find";
  EXPECT_TRUE(parse("2022").preferred_period.empty());
}
