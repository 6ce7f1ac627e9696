#include "query/snippet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using depeche::Snippet;
using depeche::analysis::Analyzer;

std::string filler(std::size_t words) {
  std::string out;
  for (std::size_t i = 0; i < words; ++i) out += "rien ";
  return out;
}

std::vector<std::string> marked(const Snippet& s) {
  std::vector<std::string> out;
  for (const auto& [from, to] : s.marks) out.push_back(s.text.substr(from, to - from));
  return out;
}

class SnippetTest : public ::testing::Test {
 protected:
  Snippet snippet(const std::string& body, const std::vector<std::string>& words) {
    std::vector<std::string> stems;
    for (const std::string& w : words) stems.push_back(analyzer_.stem(w));
    return depeche::make_snippet(body, analyzer_, words, stems);
  }
  Analyzer analyzer_;
};

TEST_F(SnippetTest, FirstWindowShowingEveryWordWins) {
  const std::string body = "La Chine a parlé. " + filler(60) + "Puis la Chine et l’Inde se sont rencontrées. " + filler(60) +
                           "Chine, Chine, Inde et Chine encore. " + filler(60);
  const Snippet s = snippet(body, {"chine", "inde"});
  EXPECT_NE(s.text.find("la Chine et l’Inde se sont rencontrées"), std::string::npos) << s.text;
  EXPECT_EQ(marked(s), (std::vector<std::string>{"Chine", "Inde"}));
  EXPECT_EQ(s.text.rfind("… ", 0), 0u) << "cut text starts with an ellipsis";
  EXPECT_EQ(s.text.substr(s.text.size() - 4), " …") << "text follows the window, though the scan stopped early";
}

TEST_F(SnippetTest, WithoutACompleteWindowMostDistinctFormsThenMostMatches) {
  const std::string body = "Le marché seul. " + filler(60) + "Les marchés et le marché du marché. " + filler(60) +
                           "Un marché, deux marchés. " + filler(60) + "Fin.";
  // "introuvable" is nowhere, so no window shows every word: the densest window with both forms wins.
  const Snippet s = snippet(body, {"marche", "introuvable"});
  EXPECT_EQ(marked(s), (std::vector<std::string>{"marchés", "marché", "marché"})) << s.text;
}

TEST_F(SnippetTest, TheContextBeforeTheFirstMatchNeverPushesTheLastOneOut) {
  // 32 words from "Chine" to "Inde": the window shows both, so no word of context precedes "Chine".
  const Snippet s = snippet(filler(40) + "La Chine " + filler(30) + "Inde. " + filler(40), {"chine", "inde"});
  EXPECT_EQ(marked(s), (std::vector<std::string>{"Chine", "Inde"})) << s.text;
  EXPECT_EQ(s.text.rfind("… Chine", 0), 0u) << s.text;
}

// Told that no window of the body shows more than one of the words (the searcher knows it from
// their positions), the first window that shows one wins: the rest is not read for a better one.
TEST_F(SnippetTest, KnownMostWordsShownStopsAtTheFirstWindowShowingThatMany) {
  const std::string body = "Le marché seul. " + filler(60) + "Les marchés et le marché du marché. " + filler(60) + "Fin.";
  const std::vector<std::string> words{"marche", "introuvable"};
  const std::vector<std::string> stems{analyzer_.stem("marche"), analyzer_.stem("introuvable")};
  const Snippet first = depeche::make_snippet(body, analyzer_, words, stems, depeche::ProvenWindow{1, 0});
  EXPECT_EQ(marked(first), (std::vector<std::string>{"marché"})) << first.text;
  EXPECT_EQ(first.text.rfind("Le marché seul.", 0), 0u) << first.text;
  const Snippet none = depeche::make_snippet(body, analyzer_, words, stems, depeche::ProvenWindow{0, 0});
  EXPECT_EQ(none.text.rfind("Le marché seul.", 0), 0u) << "no word in the body: its beginning";
  EXPECT_EQ(marked(depeche::make_snippet(body, analyzer_, words, stems, depeche::ProvenWindow{2, 0})).size(), 3u)
      << "a count no window reaches: the densest window, as without it";
}

// The tokens where `word` begins a window, in the body's token order, as positions give them.
std::vector<std::size_t> token_indexes(Analyzer& analyzer, const std::string& body, const std::string& word) {
  depeche::analysis::TokenList list;
  analyzer.tokenize(body, list);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < list.tokens.size(); ++i)
    if (list.folded(list.tokens[i]) == word) out.push_back(i);
  return out;
}

// A window that positions place deep in the body is read from a few words before it, the words
// counted loosely: told of the second window, the snippet shows it, with its context, although
// reading from the beginning would have stopped at the first.
TEST_F(SnippetTest, AProvenWindowIsReadFromAFewWordsBeforeIt) {
  const std::string body = "Début. " + filler(50) + "La Chine et l'Inde. " + filler(200) + "Encore la Chine et l’Inde. " +
                           filler(100) + "Fin.";
  const std::vector<std::string> words{"chine", "inde"};
  const std::vector<std::string> stems{analyzer_.stem("chine"), analyzer_.stem("inde")};
  const auto chine = token_indexes(analyzer_, body, "chine");
  ASSERT_EQ(chine.size(), 2u);
  const Snippet second = depeche::make_snippet(body, analyzer_, words, stems, depeche::ProvenWindow{2, chine[1]});
  EXPECT_EQ(marked(second), (std::vector<std::string>{"Chine", "Inde"})) << second.text;
  EXPECT_EQ(second.text.rfind("… rien rien rien rien Encore la Chine et l’Inde.", 0), 0u) << second.text;
  const Snippet first = snippet(body, words);
  EXPECT_NE(first.text.find("La Chine et l'Inde."), std::string::npos) << first.text;
}

// Chinese is written without spaces: the tokenizer cuts a run into words, so the loose count takes
// every character for one, never fewer words than the tokens. Counting a run as one word, the scan
// started after the first window, and the second was shown.
TEST_F(SnippetTest, AnUnspacedScriptBeforeTheProvenWindowDoesNotPushTheScanPastIt) {
  const std::string chinese = "中华人民共和国国务院总理今天在北京会见了来自印度和中国的代表团成员并发表讲话";
  const std::string body = "Début. " + chinese + " " + filler(8) + "La Chine et l'Inde. " + filler(100) +
                           "Encore la Chine et l’Inde. " + filler(50);
  const std::vector<std::string> words{"chine", "inde"};
  const std::vector<std::string> stems{analyzer_.stem("chine"), analyzer_.stem("inde")};
  const auto chine = token_indexes(analyzer_, body, "chine");
  ASSERT_EQ(chine.size(), 2u);
  const Snippet jumped = depeche::make_snippet(body, analyzer_, words, stems, depeche::ProvenWindow{2, chine[0]});
  EXPECT_EQ(jumped.text, snippet(body, words).text);
  EXPECT_NE(jumped.text.find("La Chine et l'Inde."), std::string::npos) << jumped.text;
}

// Where reading from a few words before the proven window finds no window with that many words,
// or too few words to fill one, the body is read from its beginning: the snippet is the same.
TEST_F(SnippetTest, AProvenWindowThatCannotBeReadThereFallsBackToTheWholeBody) {
  const std::vector<std::string> words{"chine", "inde"};
  const std::vector<std::string> stems{analyzer_.stem("chine"), analyzer_.stem("inde")};
  const std::string early = "Début. " + filler(50) + "La Chine et l'Inde. " + filler(100) + "Fin.";
  const Snippet misplaced = depeche::make_snippet(early, analyzer_, words, stems, depeche::ProvenWindow{2, 140});
  EXPECT_EQ(misplaced.text, snippet(early, words).text) << "no window after token 140";
  const std::string at_the_end = filler(100) + "La Chine et l'Inde.";
  const auto chine = token_indexes(analyzer_, at_the_end, "chine");
  ASSERT_EQ(chine.size(), 1u);
  const Snippet last = depeche::make_snippet(at_the_end, analyzer_, words, stems, depeche::ProvenWindow{2, chine[0]});
  EXPECT_EQ(last.text, snippet(at_the_end, words).text) << "a full window's words before the end";
  EXPECT_EQ(last.text.rfind("… rien", 0), 0u) << last.text;
  // Words over 64 bytes count loosely but are no tokens: the scan may start at none of them
  // skipped, with exactly a window's words left. Shown whole from the beginning, they stay.
  std::string noise;
  for (int i = 0; i < 17; ++i) noise += std::string(70, 'x') + " ";
  const std::string exactly_a_window = noise + filler(28) + "La Chine et l'Inde.";
  const auto in_window = token_indexes(analyzer_, exactly_a_window, "chine");
  ASSERT_EQ(in_window.size(), 1u);
  const Snippet whole =
      depeche::make_snippet(exactly_a_window, analyzer_, words, stems, depeche::ProvenWindow{2, in_window[0]});
  EXPECT_EQ(whole.text, snippet(exactly_a_window, words).text);
  EXPECT_EQ(whole.text.rfind("xxx", 0), 0u) << whole.text;
}

TEST_F(SnippetTest, AStemCountsForItsWord) {
  // "vigne" shares the stem of "vignerons": it is a match, but it is not the query's other word.
  const std::string body = "La vigne, la vigne, la vigne. " + filler(60) + "Les vignerons face au changement climatique. " +
                           filler(60);
  const Snippet s = snippet(body, {"vignerons", "climatique"});
  EXPECT_NE(s.text.find("Les vignerons face au changement climatique"), std::string::npos) << s.text;
}

// The index never stems a name written inside a sentence: `mal` does not find "le Mali", so its
// snippet must not mark it either; written as typed, the name is a match.
TEST_F(SnippetTest, ANameInsideASentenceIsNoMatchForItsStem) {
  const std::string body = "Le Mali vote. " + filler(60) + "Le mal est fait, dit-il. " + filler(60);
  const Snippet by_stem = snippet(body, {"mal"});
  EXPECT_EQ(marked(by_stem), std::vector<std::string>{"mal"}) << by_stem.text;
  EXPECT_EQ(by_stem.text.find("Mali"), std::string::npos) << by_stem.text;
  EXPECT_EQ(marked(snippet(body, {"mali"})), std::vector<std::string>{"Mali"});
  EXPECT_EQ(marked(snippet("Votes et débats. " + filler(10), {"vote"})), std::vector<std::string>{"Votes"})
      << "at a sentence start a capital says nothing: the stem still counts";
}

TEST_F(SnippetTest, MarksStayOnTheirWordsWhereverTheBodyIsCutForTokenising) {
  // The body is tokenised in pieces of about a kilobyte: put the match across every nearby offset.
  for (std::size_t shift = 0; shift < 40; ++shift) {  // the words span bytes 1001 to 1070
    const std::string body = std::string(shift, 'x') + " " + filler(200) + "l’élection présidentielle-test, dit-il. " + filler(100);
    const Snippet s = snippet(body, {"election", "presidentielle"});
    EXPECT_EQ(marked(s), (std::vector<std::string>{"élection", "présidentielle"})) << "shift " << shift << ": " << s.text;
  }
}

TEST_F(SnippetTest, WindowAtTheEndKeepsTheFinalPunctuation) {
  const std::string body = filler(600) + "Et enfin la conclusion !";
  const Snippet s = snippet(body, {"conclusion"});
  EXPECT_EQ(s.text.substr(s.text.size() - std::string("conclusion !").size()), "conclusion !") << s.text;
  EXPECT_EQ(marked(s), (std::vector<std::string>{"conclusion"}));
}

// A body shorter than the window once started at its match with "…", hiding its first words.
TEST_F(SnippetTest, ShortBodyShowsWhole) {
  const std::string body = "Un engin " + filler(6) + "a été piégé pour la course de demain.";
  const Snippet s = snippet(body, {"course"});
  EXPECT_EQ(s.text, body);
  EXPECT_EQ(marked(s), (std::vector<std::string>{"course"}));
}

// A match near the end of a long body shows the window's full width before it.
TEST_F(SnippetTest, WindowNearTheEndIsFullWidth) {
  const Snippet s = snippet(filler(100) + "la fin arrive ici.", {"fin"});
  std::size_t words = 0;
  for (std::size_t i = 0; i < s.text.size(); ++i) words += s.text[i] == ' ' && i + 1 < s.text.size() && s.text[i + 1] != ' ';
  EXPECT_GE(words + 1, depeche::kSnippetWords) << s.text;
}

TEST_F(SnippetTest, NoMatchShowsTheBeginning) {
  const Snippet s = snippet("Premiers mots du texte. " + filler(100), {"absent"});
  EXPECT_EQ(s.text.rfind("Premiers mots du texte.", 0), 0u) << s.text;
  EXPECT_TRUE(s.marks.empty());
  EXPECT_TRUE(snippet("", {"absent"}).text.empty());
}

}  // namespace
