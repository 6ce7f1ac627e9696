// The Xapian document of an article: its words with positions and wdf (title words weigh more and
// also go under the title prefix), stems, names, field terms and values, and the article stored.
#include "index/document_builder.h"

#include "index/stored_article.h"
#include "schema.h"

#include <gtest/gtest.h>
#include <xapian.h>


namespace {

using namespace depeche;

Article sample() {
  Article a;
  a.id = "id1";
  a.url = "https://x.fr/1";
  a.source = "lemonde.fr";
  a.section = "International";
  a.lang = "fr";
  a.author = "Jean Dupont";
  a.title = "Élections présidentielles";
  a.body = "Les électeurs votent. Les électeurs attendent le Mali.";
  a.date = util::Date{2023, 7, 23, util::DatePrecision::kDay};
  return a;
}

// The wdf of `term` in `doc`; -1 when the document does not have it.
long wdf_of(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term ? static_cast<long>(t.get_wdf()) : -1;
}

std::vector<Xapian::termpos> positions_of(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(term);
  if (t == doc.termlist_end() || *t != term) return {};
  return {t.positionlist_begin(), t.positionlist_end()};
}

TEST(DocumentBuilder, TitleWordsComeFirstThenAGapThenTheBody) {
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(sample());
  EXPECT_EQ(positions_of(doc, "elections"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions_of(doc, "presidentielles"), (std::vector<Xapian::termpos>{2}));
  const Xapian::termpos body = 2 + schema::kTitleBodyGap;
  EXPECT_EQ(positions_of(doc, "les"), (std::vector<Xapian::termpos>{body + 1, body + 4})) << "stop words keep their place";
  EXPECT_EQ(positions_of(doc, "electeurs"), (std::vector<Xapian::termpos>{body + 2, body + 5}));
  EXPECT_EQ(positions_of(doc, "Selections"), (std::vector<Xapian::termpos>{1})) << "title words under the title prefix too";
  EXPECT_EQ(wdf_of(doc, "Selecteurs"), -1) << "body words are not title words";
}

TEST(DocumentBuilder, ATitleWordWeighsMoreThanABodyWord) {
  DocumentBuilder builder;
  Xapian::Document doc = builder.build(sample());
  EXPECT_EQ(wdf_of(doc, "elections"), 3) << "IndexWeights' default title_wdf";
  EXPECT_EQ(wdf_of(doc, "electeurs"), 2) << "two body occurrences";

  builder.set_weights(IndexWeights{5, 4, 2});
  doc = builder.build(sample());
  EXPECT_EQ(wdf_of(doc, "elections"), 5);
  EXPECT_EQ(wdf_of(doc, "les"), 4 + 1) << "the lead's first of two words weighs lead_wdf, the later one 1";
  EXPECT_EQ(wdf_of(doc, "electeurs"), 4 + 1);
}

TEST(DocumentBuilder, StemsNamesAndStopWords) {
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(sample());
  analysis::Analyzer& fr = builder.analyzer_for("fr");
  const std::string stem = std::string(schema::kPrefixStem) + fr.stem("electeurs");
  EXPECT_EQ(wdf_of(doc, stem), 2) << "the stem sums its words' wdf";
  EXPECT_GT(wdf_of(doc, std::string(schema::kPrefixTitleStem) + fr.stem("presidentielles")), 0);
  EXPECT_GE(wdf_of(doc, std::string(schema::kPrefixName) + "mali"), 0) << "a capital inside a sentence is a name";
  EXPECT_EQ(wdf_of(doc, std::string(schema::kPrefixStem) + fr.stem("mali")), -1) << "a name is not stemmed";
  EXPECT_EQ(wdf_of(doc, std::string(schema::kPrefixStem) + fr.stem("les")), -1) << "stop words are searched exactly";
}

// Issue 33: a capital at a sentence start says nothing about a name, so such a word's stem is kept
// apart for the query to decide ("Mali : ..." must not answer "mal"); a word also written in lower
// case is a common word here, and one also capitalised inside a sentence a name.
TEST(DocumentBuilder, AWordCapitalisedOnlyAtSentenceStartsHasItsStemApart) {
  Article a = sample();
  a.title = "Sécheresse : récoltes perdues";
  a.body = "Récoltes brûlées, champs vides. Les récoltes manquent. Sécheresse. Niger : le Niger vote. "
           "« Malades », dit-il. Le mal de dos.";
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(a);
  analysis::Analyzer& fr = builder.analyzer_for("fr");
  auto term = [&](std::string_view prefix, const char* word) { return std::string(prefix) + fr.stem(word); };
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "secheresse")), 3 + 1) << "title and body, sentence starts only";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialTitleStem, "secheresse")), 1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "secheresse")), -1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixTitleStem, "secheresse")), -1);
  EXPECT_EQ(wdf_of(doc, "secheresse"), 3 + 1) << "the word itself is indexed as always";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "malades")), 1) << "after an opening guillemet";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "malades")), -1);

  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "recoltes")), 3 + 1 + 1) << "also in lower case: a common word";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "recoltes")), -1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixTitleStem, "recoltes")), 1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "mal")), 1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "mal")), -1);

  EXPECT_EQ(wdf_of(doc, std::string(schema::kPrefixName) + "niger"), 0) << "capitalised inside a sentence: a name";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "niger")), -1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "niger")), 1) << "its sentence start, for the archive to judge";
  EXPECT_EQ(wdf_of(doc, std::string(schema::kPrefixName) + "secheresse"), -1);
}

TEST(DocumentBuilder, FieldTermsAndValues) {
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(sample());
  for (const char* term : {"Qid1", "Uhttps://x.fr/1", "XSRClemonde.fr", "XSECinternational", "Lfr", "Y2023", "M2023-07",
                           "D2023-07-23", "XCTRYmali"})
    EXPECT_EQ(wdf_of(doc, term), 0) << term << " (a boolean term)";
  EXPECT_EQ(positions_of(doc, "Ajean"), (std::vector<Xapian::termpos>{1})) << "author words, with their own positions";
  EXPECT_EQ(positions_of(doc, "Adupont"), (std::vector<Xapian::termpos>{2}));
  EXPECT_EQ(wdf_of(doc, std::string(schema::kUndatedTerm)), -1);
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "20230723");
  EXPECT_EQ(doc.get_value(schema::kSlotYear), "2023");
  EXPECT_EQ(doc.get_value(schema::kSlotMonth), "2023-07");
  EXPECT_EQ(doc.get_value(schema::kSlotSource), "lemonde.fr");
  EXPECT_EQ(doc.get_value(schema::kSlotSection), "International") << "values are verbatim, terms folded";
  EXPECT_EQ(doc.get_value(schema::kSlotLang), "fr");
  EXPECT_EQ(doc.get_value(schema::kSlotCountries), schema::encode_countries({"Mali"}));
}

TEST(DocumentBuilder, AnUndatedArticleIsMarkedSoAndHasNoDateValues) {
  Article a = sample();
  a.date = {};
  a.title.reset();
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(a);
  EXPECT_EQ(wdf_of(doc, std::string(schema::kUndatedTerm)), 0);
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "");
  EXPECT_EQ(doc.get_value(schema::kSlotYear), "");
  EXPECT_EQ(positions_of(doc, "les").front(), schema::kTitleBodyGap + 1) << "no title: the body starts after the gap";
}

TEST(DocumentBuilder, TheArticleIsStored) {
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(sample());
  const Article back = load_article(doc);
  EXPECT_EQ(back.id, "id1");
  EXPECT_EQ(back.title, sample().title);
  EXPECT_EQ(back.body, sample().body);
  EXPECT_EQ(back.date, sample().date);
}

TEST(DocumentBuilder, WordsOfTheLastBuildOnceEach) {
  DocumentBuilder builder;
  builder.build(sample());
  std::vector<std::string> words;
  for (const DocumentBuilder::Word& w : builder.words()) words.emplace_back(w.folded);
  EXPECT_EQ(words, (std::vector<std::string>{"elections", "presidentielles", "les", "electeurs", "votent", "attendent",
                                             "le", "mali"}));
  EXPECT_EQ(builder.title_tokens().tokens.size(), 2u);
  EXPECT_EQ(builder.body_tokens().tokens.size(), 8u);
}

TEST(DocumentBuilder, UnknownLanguagesAreAnalysedAsFrench) {
  DocumentBuilder builder;
  EXPECT_EQ(&builder.analyzer_for("xx"), &builder.analyzer_for("fr"));
}

// The standfirst (issue 33): its own prefix and stems, its own position range between the title's
// and the body's, the free words with a wdf between a title word's and a body word's, its countries.
TEST(DocumentBuilder, TheStandfirstHasItsOwnRangeAndWeight) {
  Article a = sample();
  a.standfirst = "Les électeurs du Brésil votent aussi.";
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(a);
  const Xapian::termpos standfirst = 2 + schema::kTitleBodyGap;
  EXPECT_EQ(positions_of(doc, "XSFelecteurs"), (std::vector<Xapian::termpos>{standfirst + 2}));
  EXPECT_EQ(positions_of(doc, "bresil"), (std::vector<Xapian::termpos>{standfirst + 4}));
  const Xapian::termpos body = schema::first_body_position(2, 6);
  EXPECT_EQ(body, standfirst + 6 + schema::kTitleBodyGap + 1);
  EXPECT_EQ(positions_of(doc, "electeurs"), (std::vector<Xapian::termpos>{standfirst + 2, body + 1, body + 4}));
  EXPECT_EQ(wdf_of(doc, "aussi"), IndexWeights{}.standfirst_wdf) << "a standfirst word weighs standfirst_wdf";
  EXPECT_GT(IndexWeights{}.standfirst_wdf, 1u);
  EXPECT_LT(IndexWeights{}.standfirst_wdf, IndexWeights{}.title_wdf);
  EXPECT_GT(wdf_of(doc, "ZXSF" + builder.analyzer_for("fr").stem("votent")), 0) << "standfirst stems under Z + its prefix, as standfirst: searches them";
  EXPECT_EQ(wdf_of(doc, "XSFvotent"), 1);
  EXPECT_EQ(wdf_of(doc, "XSFmali"), -1) << "body words are not standfirst words";
  EXPECT_EQ(schema::decode_countries(doc.get_value(schema::kSlotCountries)), (std::vector<std::string>{"Brésil", "Mali"}))
      << "a country named only in the standfirst counts";
}

TEST(DocumentBuilder, StandfirstWordsFollowTheNamesRule) {
  Article a = sample();
  a.standfirst = "Sécheresse. Les récoltes attendent. Récoltes perdues au Niger.";
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(a);
  analysis::Analyzer& fr = builder.analyzer_for("fr");
  const std::string standfirst(schema::field("standfirst").prefix);
  auto term = [&](std::string_view prefix, const char* word) { return std::string(prefix) + standfirst + fr.stem(word); };
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixInitialStem, "secheresse")), 1) << "only at a sentence start: apart";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "secheresse")), -1);
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "recoltes")), 2) << "also in lower case: a common word, both counted";
  EXPECT_EQ(wdf_of(doc, term(schema::kPrefixStem, "niger")), -1) << "a name is not stemmed";
}

TEST(DocumentBuilder, WithoutAStandfirstTheBodyFollowsTheTitleAsBefore) {
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(sample());
  EXPECT_EQ(schema::first_body_position(2, 0), 2 + schema::kTitleBodyGap + 1);
  EXPECT_EQ(positions_of(doc, "les").front(), schema::first_body_position(2, 0));
}

TEST(DocumentBuilder, TagsAreFoldedTermsAndOneSlotValueEach) {
  Article a = sample();
  a.tags = {"Économie", "économie", "Guerre en Ukraine"};
  DocumentBuilder builder;
  const Xapian::Document doc = builder.build(a);
  const std::string prefix(schema::field("tag").prefix);
  EXPECT_EQ(wdf_of(doc, prefix + "economie"), 0) << "a boolean term";
  EXPECT_EQ(wdf_of(doc, prefix + "guerre en ukraine"), 0);
  EXPECT_EQ(schema::decode_tags(doc.get_value(schema::kSlotTags)), (std::vector<std::string>{"Économie", "Guerre en Ukraine"}))
      << "the first spelling of tags that fold alike, so that a facet counts the article once";
  EXPECT_EQ(builder.build(sample()).get_value(schema::kSlotTags), "") << "no tags, no value";
}

}  // namespace
