// The analyzer shared by indexing and queries: stems of folded words, stop words, languages.
#include "analysis/analyzer.h"
#include "analysis/stopwords.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::analysis::Analyzer;
using depeche::analysis::Token;
using depeche::analysis::TokenList;

namespace {

// Folded tokens of `text`, each stemmed.
std::vector<std::string> stems(Analyzer& analyzer, const std::string& text) {
  TokenList list;
  analyzer.tokenize(text, list);
  std::vector<std::string> out;
  for (const Token& t : list.tokens) out.push_back(analyzer.stem(list.folded(t)));
  return out;
}

std::string stem_of(Analyzer& analyzer, const std::string& word) {
  const auto s = stems(analyzer, word);
  return s.size() == 1 ? s[0] : "<" + std::to_string(s.size()) + " tokens>";
}

}  // namespace

TEST(Analyzer, SingularAndPluralShareAStem) {
  Analyzer a;
  EXPECT_EQ(stem_of(a, "compétences"), stem_of(a, "compétence"));
  EXPECT_EQ(stem_of(a, "télécommunications"), stem_of(a, "télécommunication"));
  EXPECT_EQ(stem_of(a, "investisseurs"), stem_of(a, "investisseur"));
  EXPECT_EQ(stem_of(a, "nationales"), stem_of(a, "nationale"));
}

TEST(Analyzer, StemsAreOfFoldedWords) {
  Analyzer a;
  // Accented and unaccented, any case: the same stem, and the stem has no accent left.
  EXPECT_EQ(stem_of(a, "Compétences"), stem_of(a, "COMPETENCE"));
  EXPECT_EQ(stem_of(a, "cybersécurité"), stem_of(a, "cybersecurite"));
  const std::string s = stem_of(a, "compétence");
  EXPECT_EQ(s.find("\xC3\xA9"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("compet", 0), 0u) << s;
}

TEST(Analyzer, DifferentWordsKeepDifferentStems) {
  Analyzer a;
  EXPECT_NE(stem_of(a, "pomme"), stem_of(a, "terre"));
  EXPECT_NE(stem_of(a, "port"), stem_of(a, "porte-avions"));
  EXPECT_NE(stem_of(a, "compétence"), stem_of(a, "compétition"));
}

TEST(Analyzer, StemIsStableAcrossCalls) {
  Analyzer a;
  const std::string first = a.stem("competences");
  for (int i = 0; i < 3; ++i) {
    a.stem("mali");
    EXPECT_EQ(a.stem("competences"), first);
  }
}

TEST(Analyzer, FrenchStopWords) {
  Analyzer a;
  for (const char* w : {"le", "la", "les", "de", "des", "du", "et", "un", "une", "dans", "pour", "qui", "que", "est"})
    EXPECT_TRUE(a.is_stopword(w)) << w;
  for (const char* w : {"pomme", "terre", "mali", "iran", "port", "numerique", "mal"})
    EXPECT_FALSE(a.is_stopword(w)) << w;
}

TEST(Analyzer, StopWordsAreFoldedForms) {
  Analyzer a;
  EXPECT_TRUE(a.is_stopword(a.fold("était")));
  EXPECT_TRUE(a.is_stopword(a.fold("Même")));
  EXPECT_TRUE(a.is_stopword(a.fold("ÇA")));
  for (std::string_view w : depeche::analysis::stopwords_for("fr")) EXPECT_EQ(a.fold(w), w) << "not folded: " << w;
}

TEST(Analyzer, ElidedLettersAreStopWords) {
  // "l'" and "d'" are dropped by the tokenizer, and their bare letters carry no topic either.
  Analyzer a;
  for (const char* w : {"l", "d", "qu", "n", "s", "c", "j", "m", "t"}) EXPECT_TRUE(a.is_stopword(w)) << w;
}

TEST(Analyzer, TokenizeFoldsAndSplitsElisions) {
  Analyzer a;
  TokenList list;
  a.tokenize("L’Économie d'Afrique", list);
  ASSERT_EQ(list.tokens.size(), 2u);
  EXPECT_EQ(list.folded(list.tokens[0]), "economie");
  EXPECT_EQ(list.folded(list.tokens[1]), "afrique");
}

TEST(Analyzer, NameOccurrenceIsACapitalInsideASentence) {
  Analyzer a;
  TokenList list;
  a.tokenize("Mali exporte. Le coton du Mali part. le mal de dos", list);
  ASSERT_GE(list.tokens.size(), 9u);
  EXPECT_EQ(list.folded(list.tokens[0]), "mali");
  EXPECT_FALSE(Analyzer::is_name_occurrence(list.tokens[0])) << "a capital opening a sentence proves nothing";
  EXPECT_EQ(list.folded(list.tokens[5]), "mali");
  EXPECT_TRUE(Analyzer::is_name_occurrence(list.tokens[5]));
  EXPECT_EQ(list.folded(list.tokens[8]), "mal");
  EXPECT_FALSE(Analyzer::is_name_occurrence(list.tokens[8]));
}

TEST(Analyzer, Languages) {
  EXPECT_EQ(Analyzer("fr").lang(), "fr");
  EXPECT_EQ(Analyzer("en").lang(), "en");
  EXPECT_EQ(Analyzer("de").lang(), "fr") << "unsupported languages are analysed as French";
  EXPECT_EQ(Analyzer("").lang(), "fr");
  EXPECT_TRUE(depeche::analysis::is_supported_language("fr"));
  EXPECT_FALSE(depeche::analysis::is_supported_language("xx"));

  Analyzer en("en");
  EXPECT_EQ(en.stem("running"), en.stem("runs"));
  EXPECT_TRUE(en.is_stopword("the"));
  EXPECT_FALSE(en.is_stopword("le"));
}

TEST(Analyzer, AnyScriptIsSafe) {
  Analyzer a;
  const std::string texts[] = {
      "مرحبا بالعالم", "تهران پایتخت ایران است", "Москва и Санкт-Петербург", "北京欢迎你。东京",
      "ภาษาไทยง่ายนิดเดียว", "😀👍🏽 family: 👨‍👩‍👧", "\u200F\u200E\u200D\u2060", "a\u0301\u0301\u0301\u0301",
      std::string("\xF0\x9F\x98", 3), std::string("x\0y", 3), std::string(200, 'x') + " court"};
  for (const std::string& text : texts) {
    TokenList list;
    a.tokenize(text, list);
    for (const Token& t : list.tokens) {
      EXPECT_LE(t.src_begin, t.src_end);
      EXPECT_LE(t.src_end, text.size());
      a.stem(list.folded(t));
    }
  }
  TokenList list;
  a.tokenize("Москва и Санкт-Петербург", list);
  ASSERT_GE(list.tokens.size(), 3u);
  EXPECT_EQ(list.folded(list.tokens[0]), "москва");
}
