// Folding (common/analysis/folding.h): case, accents, ligatures, compatibility forms, NFD input.
#include "analysis/folding.h"
#include "analysis/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using depeche::analysis::Folder;
using depeche::analysis::Token;
using depeche::analysis::TokenList;
using depeche::analysis::Tokenizer;

namespace {

std::string fold(const std::string& text) {
  Folder folder;
  return folder.fold(text);
}

std::vector<std::string> words(const std::string& text) {
  Tokenizer tokenizer;
  TokenList list;
  tokenizer.tokenize(text, list);
  std::vector<std::string> out;
  for (const Token& t : list.tokens) out.emplace_back(list.folded(t));
  return out;
}

}  // namespace

TEST(Folding, AsciiIsLowerCased) {
  EXPECT_EQ(fold("TEHERAN Mali 5G"), "teheran mali 5g");
  EXPECT_EQ(fold(""), "");
}

TEST(Folding, FrenchAccentsAreRemoved) {
  EXPECT_EQ(fold("Téhéran"), "teheran");
  EXPECT_EQ(fold("TÉHÉRAN"), "teheran");
  EXPECT_EQ(fold("télécommunications cybersécurité"), "telecommunications cybersecurite");
  EXPECT_EQ(fold("àâäçéèêëîïôöùûüÿ"), "aaaceeeeiioouuuy");
  EXPECT_EQ(fold("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"), "aaaceeeeiioouuuy");
  EXPECT_EQ(fold("Ça, Élysée, Île-de-France"), "ca, elysee, ile-de-france");
}

TEST(Folding, LigaturesAreSpelledOut) {
  EXPECT_EQ(fold("cœur"), "coeur");
  EXPECT_EQ(fold("Œuvre"), "oeuvre");
  EXPECT_EQ(fold("ŒUVRE"), "oeuvre");
  EXPECT_EQ(fold("Lætitia Æsope"), "laetitia aesope");
  EXPECT_EQ(fold("ﬁnance ﬂeuve"), "finance fleuve") << "compatibility ligatures fi, fl";
}

TEST(Folding, SharpSIsFullyCaseFolded) {
  EXPECT_EQ(fold("ß"), "ss");
  EXPECT_EQ(fold("Straße"), "strasse");
  EXPECT_EQ(fold("STRASSE"), fold("Straße"));
}

TEST(Folding, DecomposedInputFoldsLikeComposedInput) {
  EXPECT_EQ(fold("e\u0301"), "e");
  EXPECT_EQ(fold("Te\u0301he\u0301ran"), fold("Téhéran"));
  EXPECT_EQ(fold("C\u0327a"), "ca");
  EXPECT_EQ(fold("E\u0300\u0302"), "e") << "several combining marks";
}

TEST(Folding, DecomposedInputTokenizesAsOneWord) {
  EXPECT_EQ(words("cafe\u0301 noir"), (std::vector<std::string>{"cafe", "noir"}));
  EXPECT_EQ(words("te\u0301le\u0301communications"), words("télécommunications"));
}

TEST(Folding, OtherScriptsAreLowerCasedAndKeepTheirLetters) {
  EXPECT_EQ(fold("МОСКВА"), "москва");
  EXPECT_EQ(fold("Москва"), "москва");
  EXPECT_EQ(fold("ΑΘΗΝΑ"), fold("αθηνα"));
  EXPECT_EQ(fold("北京"), "北京");
  EXPECT_EQ(fold("تهران"), "تهران");
}

TEST(Folding, ArabicVowelSignsAreDropped) {
  EXPECT_EQ(fold("مُحَمَّد"), "محمد");
}

TEST(Folding, FullwidthFormsFoldToAscii) {
  EXPECT_EQ(fold("ＡＢＣ１２"), "abc12");
}

TEST(Folding, InvalidBytesBecomeReplacementCharacter) {
  EXPECT_EQ(fold("a\xFF" "b"), "a\uFFFD" "b");
  EXPECT_EQ(fold("\xC3"), "\uFFFD") << "a truncated sequence";
}

TEST(Folding, AppendFoldsOneCodePoint) {
  Folder folder;
  std::string out;
  folder.append(0x00C9, out);  // É
  folder.append(0x0153, out);  // œ
  folder.append(0x0301, out);  // lone combining acute: nothing
  folder.append('Z', out);
  EXPECT_EQ(out, "eoez");
}

TEST(Folding, DroppedMarks) {
  EXPECT_TRUE(depeche::analysis::is_dropped_mark(0x0301));
  EXPECT_TRUE(depeche::analysis::is_dropped_mark(0x064E));  // Arabic fatha
  EXPECT_FALSE(depeche::analysis::is_dropped_mark('e'));
  EXPECT_FALSE(depeche::analysis::is_dropped_mark(0x00E9));
}
