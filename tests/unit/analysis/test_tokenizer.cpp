#include "analysis/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::analysis::Token;
using depeche::analysis::TokenList;
using depeche::analysis::Tokenizer;

namespace {

std::vector<std::string> words(const std::string& text) {
  Tokenizer tokenizer;
  TokenList list;
  tokenizer.tokenize(text, list);
  std::vector<std::string> out;
  for (const Token& t : list.tokens) out.emplace_back(list.folded(t));
  return out;
}

using W = std::vector<std::string>;

TEST(Tokenizer, ElisionsWithBothApostrophes) {
  EXPECT_EQ(words("L’Iran offre au Mali"), (W{"iran", "offre", "au", "mali"}));
  EXPECT_EQ(words("l'armée d'Afrique centre d’innovation"), (W{"armee", "afrique", "centre", "innovation"}));
  EXPECT_EQ(words("qu'il jusqu'à lorsqu'on puisqu'elle n'est s'y c'est j'ai m'a t'es"),
            (W{"il", "a", "on", "elle", "est", "y", "est", "ai", "a", "es"}));
}

TEST(Tokenizer, AujourdHuiStaysOneWord) {
  EXPECT_EQ(words("aujourd’hui"), W{"aujourd'hui"});
  EXPECT_EQ(words("aujourd'hui"), W{"aujourd'hui"});
}

TEST(Tokenizer, AccentsCaseAndLigaturesFold) {
  EXPECT_EQ(words("Télécommunications TÉHÉRAN cybersécurité"), (W{"telecommunications", "teheran", "cybersecurite"}));
  EXPECT_EQ(words("cœur Œuvre æther"), (W{"coeur", "oeuvre", "aether"}));
}

TEST(Tokenizer, GluedTextSplitsAtCaseChangeAndSentenceEnd) {
  EXPECT_EQ(words("chefs de diplomatieLe numérique"), (W{"chefs", "de", "diplomatie", "le", "numerique"}));
  EXPECT_EQ(words("nationale malienne.La création"), (W{"nationale", "malienne", "la", "creation"}));
  EXPECT_EQ(words("la 5G.Cet engagement"), (W{"la", "5g", "cet", "engagement"}));
}

TEST(Tokenizer, HyphenatedNamesGiveTheirPartsJoined) {
  Tokenizer tokenizer;
  TokenList list;
  tokenizer.tokenize("Hossein Amir-Abdollahian", list);
  ASSERT_EQ(list.tokens.size(), 3u);
  EXPECT_FALSE(list.tokens[0].has(Token::kJoinedToNext));
  EXPECT_TRUE(list.tokens[1].has(Token::kJoinedToNext));
  EXPECT_EQ(list.folded(list.tokens[2]), "abdollahian");
}

TEST(Tokenizer, CapitalsInsideSentencesMarkNames) {
  Tokenizer tokenizer;
  TokenList list;
  tokenizer.tokenize("Le ministre du Mali parle. Demain il part.", list);
  ASSERT_EQ(list.folded(list.tokens[3]), "mali");
  EXPECT_TRUE(list.tokens[3].has(Token::kCapitalised));
  EXPECT_FALSE(list.tokens[3].has(Token::kSentenceStart));
  EXPECT_TRUE(list.tokens[0].has(Token::kSentenceStart));
  ASSERT_EQ(list.folded(list.tokens[5]), "demain");
  EXPECT_TRUE(list.tokens[5].has(Token::kSentenceStart));
}

TEST(Tokenizer, SourceOffsetsPointAtTheWrittenWord) {
  Tokenizer tokenizer;
  TokenList list;
  const std::string text = "Les télécommunications";
  tokenizer.tokenize(text, list);
  ASSERT_EQ(list.tokens.size(), 2u);
  EXPECT_EQ(text.substr(list.tokens[1].src_begin, list.tokens[1].src_end - list.tokens[1].src_begin),
            "télécommunications");
}

TEST(Tokenizer, OtherScriptsAreSegmented) {
  EXPECT_EQ(words("Москва и Тегеран"), (W{"москва", "и", "тегеран"}));
  EXPECT_EQ(words("طهران و باماكو"), (W{"طهران", "و", "باماكو"}));
  const W chinese = words("德黑兰和巴马科");
  EXPECT_GE(chinese.size(), 2u);
  std::string joined;
  for (const auto& w : chinese) joined += w;
  EXPECT_EQ(joined, "德黑兰和巴马科");
}

TEST(Tokenizer, HostileBytesNeverCrash) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) & 0xFF);
  EXPECT_NO_THROW(words(junk));
  EXPECT_EQ(words(std::string(100, 'a')), W{}) << "a 100-letter run is noise, not a word";
}

}  // namespace

// Snippets skip to a word counted loosely, so the loose count must never fall behind the tokens:
// its nth word begins at or before the nth token, whatever the text glues, elides or drops.
TEST(LooseWordStart, NeverPassesTheTokenOfTheSameRank) {
  const std::string long_word(80, 'x');
  const std::vector<std::string> texts{
      "L’Iran offre au Mali l'armée d'Afrique, aujourd’hui et aujourd'hui.",
      "diplomatieLe malienne.La getElementById(innerHTML) YouTube iPhone McDonald",
      "30\u00a0000 personnes\u00a0: « Oui\u00a0» — 2,5 % Jean-Pierre E10 SP95 " + long_word + " fin",
      "Œuvre ÉTÉ Ærø naïve Straße Москва Αθήνα العربية",
      "Cafe\u0301 de\u0301cide\u0301 \xff\xfe mots \xc3 coupés \xe2\x80 fin",
      "中华人民共和国国务院总理 Li Qiang 東京都庁舎で会見 ภาษาไทยเป็นภาษาราชการ Pékin",
      "中abc 京Paris 北京Pékin Pékin北京 東",
  };
  Tokenizer tokenizer;
  for (const std::string& text : texts) {
    TokenList list;
    tokenizer.tokenize(text, list);
    ASSERT_FALSE(list.tokens.empty());
    for (std::size_t n = 0; n < list.tokens.size(); ++n)
      EXPECT_LE(depeche::analysis::loose_word_start(text, n), list.tokens[n].src_begin) << "token " << n << " of: " << text;
    EXPECT_EQ(depeche::analysis::loose_word_start(text, 1000), text.size());
  }
  EXPECT_EQ(depeche::analysis::loose_word_start("  deux mots", 1), 7u);
  EXPECT_EQ(depeche::analysis::loose_word_start("motGlué", 1), 3u) << "a capital after a lower-case letter";
}
