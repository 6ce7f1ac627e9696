// The query language's lexemes, before any grammar: what each kind of input becomes.
#include "query/query_lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::Lexeme;
using depeche::LexemeKind;
using depeche::QueryError;
using depeche::lex;

namespace {

std::vector<LexemeKind> kinds(const std::vector<Lexeme>& lexemes) {
  std::vector<LexemeKind> out;
  for (const Lexeme& l : lexemes) out.push_back(l.kind);
  return out;
}

std::string error(const std::string& query) {
  try {
    lex(query);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "";
}

TEST(QueryLexer, WordsEndWithAnEndLexeme) {
  const std::vector<Lexeme> l = lex("  iran\tmali ");
  ASSERT_EQ(kinds(l), (std::vector<LexemeKind>{LexemeKind::kWord, LexemeKind::kWord, LexemeKind::kEnd}));
  EXPECT_EQ(l[0].text, "iran");
  EXPECT_EQ(l[1].text, "mali");
  EXPECT_EQ(l[1].pos, 7u);
  EXPECT_EQ(kinds(lex("")), std::vector<LexemeKind>{LexemeKind::kEnd});
}

TEST(QueryLexer, EveryQuoteOpensAPhrase) {
  for (const std::string q : {"\"port de Brest\"", "« port de Brest »", "“port de Brest”", "„port de Brest”"}) {
    const std::vector<Lexeme> l = lex(q);
    ASSERT_EQ(l.size(), 2u) << q;
    EXPECT_EQ(l[0].kind, LexemeKind::kPhrase) << q;
    EXPECT_TRUE(l[0].quoted);
    EXPECT_NE(l[0].text.find("port de Brest"), std::string::npos) << q;
  }
}

TEST(QueryLexer, AnUnclosedQuoteRunsToTheEnd) {
  const std::vector<Lexeme> l = lex("iran \"mali niger");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1].kind, LexemeKind::kPhrase);
  EXPECT_EQ(l[1].text, "mali niger");
}

TEST(QueryLexer, AQuoteEndsAWord) {
  const std::vector<Lexeme> l = lex("iran«mali»");
  ASSERT_EQ(kinds(l), (std::vector<LexemeKind>{LexemeKind::kWord, LexemeKind::kPhrase, LexemeKind::kEnd}));
  EXPECT_EQ(l[0].text, "iran");
  EXPECT_EQ(l[1].text, "mali");
}

TEST(QueryLexer, FieldsAreLowerCasedWithTheirValue) {
  const std::vector<Lexeme> l = lex("Source:lemonde.fr title:« la crise »");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].kind, LexemeKind::kField);
  EXPECT_EQ(l[0].field, "source");
  EXPECT_EQ(l[0].text, "lemonde.fr");
  EXPECT_FALSE(l[0].quoted);
  EXPECT_EQ(l[1].field, "title");
  EXPECT_EQ(l[1].text, " la crise ");
  EXPECT_TRUE(l[1].quoted);
}

TEST(QueryLexer, AUrlOrADigitBeforeTheColonIsAWord) {
  EXPECT_EQ(lex("https://example.org/a")[0].kind, LexemeKind::kWord);
  EXPECT_EQ(lex("10:30")[0].kind, LexemeKind::kWord);
  EXPECT_EQ(lex(":mali")[0].kind, LexemeKind::kWord);
}

TEST(QueryLexer, FieldErrors) {
  EXPECT_EQ(error("titel:crise"), "unknown field 'titel:'; did you mean 'title:'?");
  EXPECT_EQ(error("zzzzzz:crise"),
            "unknown field 'zzzzzz:' (fields: title: standfirst: author: source: section: lang: country: tag: url: id: year: month: date:)");
  EXPECT_EQ(error("source: lemonde.fr"), "field 'source:' has no value");
}

TEST(QueryLexer, Operators) {
  const std::vector<Lexeme> l = lex("(iran OR mali) AND NOT niger and");
  EXPECT_EQ(kinds(l), (std::vector<LexemeKind>{LexemeKind::kOpen, LexemeKind::kWord, LexemeKind::kOr, LexemeKind::kWord,
                                               LexemeKind::kClose, LexemeKind::kAnd, LexemeKind::kNot, LexemeKind::kWord,
                                               LexemeKind::kWord, LexemeKind::kEnd}));
  EXPECT_EQ(l[4].pos, 13u);
}

TEST(QueryLexer, NearAndAdjWithTheirDistance) {
  const std::vector<Lexeme> l = lex("a NEAR b NEAR/3 c ADJ d ADJ/0 e NEARLY");
  ASSERT_EQ(l.size(), 11u);
  EXPECT_EQ(l[1].kind, LexemeKind::kNear);
  EXPECT_EQ(l[1].distance, depeche::kDefaultProximity);
  EXPECT_FALSE(l[1].ordered);
  EXPECT_EQ(l[3].distance, 3u);
  EXPECT_EQ(l[5].kind, LexemeKind::kNear);
  EXPECT_TRUE(l[5].ordered);
  EXPECT_EQ(l[7].distance, 1u);  // no closer than adjacent
  EXPECT_EQ(l[9].kind, LexemeKind::kWord);
  EXPECT_EQ(error("a ADJ/x b"), "'ADJ/x': the distance after ADJ/ is a number of words (ADJ/3)");
  EXPECT_EQ(lex("a NEAR/100000 b")[1].distance, 100000u);
  EXPECT_EQ(lex("a NEAR/0000012 b")[1].distance, 12u) << "leading zeros are no size";
  EXPECT_EQ(error("a NEAR/1234567 b"), "'NEAR/1234567': the distance after NEAR/ is at most 100000 words")
      << "never cut to its first digits";
  EXPECT_EQ(error("a NEAR/100001 b"), "'NEAR/100001': the distance after NEAR/ is at most 100000 words");
  EXPECT_EQ(error("a ADJ/99999999999999999999999 b"),
            "'ADJ/99999999999999999999999': the distance after ADJ/ is at most 100000 words");
}

TEST(QueryLexer, SignsTouchWhatTheyExclude) {
  EXPECT_EQ(kinds(lex("-mali +iran")),
            (std::vector<LexemeKind>{LexemeKind::kMinus, LexemeKind::kWord, LexemeKind::kPlus, LexemeKind::kWord,
                                     LexemeKind::kEnd}));
  EXPECT_EQ(kinds(lex("--mali")), (std::vector<LexemeKind>{LexemeKind::kMinus, LexemeKind::kWord, LexemeKind::kEnd}));
  const std::vector<Lexeme> dashes = lex("a -- b");
  EXPECT_EQ(dashes[1].kind, LexemeKind::kWord);
  EXPECT_EQ(dashes[1].text, "--");
  EXPECT_EQ(lex("mali -")[1].kind, LexemeKind::kMinus);  // the parser reports it
  EXPECT_EQ(lex("mali +")[1].kind, LexemeKind::kWord);
}

TEST(QueryLexer, PositionsCountCharactersNotBytes) {
  const std::vector<Lexeme> l = lex("élé « été » )");
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[1].pos, 4u);
  EXPECT_EQ(l[2].pos, 12u);
}

TEST(QueryLexer, OddBytesAreWords) {
  const std::string odd = std::string("a\xFF\xC3") + '\0' + "b";
  const std::vector<Lexeme> l = lex(odd);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].kind, LexemeKind::kWord);
  EXPECT_EQ(l[0].text, odd);
  EXPECT_EQ(lex("\xC2")[0].text, "\xC2");  // half a guillemet
}

}  // namespace
