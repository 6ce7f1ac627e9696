// Readable text, rendered into a string: without colour (not a terminal, or NO_COLOR) it holds
// no escape sequence at all; with colour, the matched words are highlighted.
#include "output/printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace depeche;

Hit sample_hit() {
  Hit h;
  h.rank = 2;
  h.article.id = "id1";
  h.article.url = "https://x.fr/1";
  h.article.source = "lemonde";
  h.article.section = "politique";
  h.article.title = "Le titre";
  h.article.date = util::Date{2023, 7, 23, util::DatePrecision::kDay};
  h.snippet.text = "un mot ici";
  h.snippet.marks = {{3, 6}};
  return h;
}

std::string print_hit(const Hit& hit, bool color) {
  std::ostringstream out;
  OutputOptions options;
  options.color = color;
  make_printer(OutputFormat::kText, out, options)->hit(hit);
  return out.str();
}

std::string print_end(const SearchResult& result) {
  std::ostringstream out;
  make_printer(OutputFormat::kText, out, {})->end(result);
  return out.str();
}

TEST(TextPrinter, AHitWithoutColourIsPlainText) {
  EXPECT_EQ(print_hit(sample_hit(), false),
            "2. 2023-07-23  lemonde / politique\n"
            "   Le titre\n"
            "   https://x.fr/1\n"
            "   un mot ici\n\n");
}

TEST(TextPrinter, ColourHighlightsTheMatchedWords) {
  const std::string out = print_hit(sample_hit(), true);
  EXPECT_NE(out.find("\x1b[1m2.\x1b[0m"), std::string::npos) << out;
  EXPECT_NE(out.find("un \x1b[1;31mmot\x1b[0m ici"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[2mhttps://x.fr/1\x1b[0m"), std::string::npos) << out;
}

TEST(TextPrinter, AnUntitledUndatedArticleShowsItsFirstWordsAndItsId) {
  Hit h;
  h.rank = 1;
  h.article.id = "fichier.txt";
  h.article.body = "un deux  trois\nquatre cinq six sept huit neuf dix onze douze treize quatorze";
  EXPECT_EQ(print_hit(h, false),
            "1. undated\n"
            "   un deux trois quatre cinq six sept huit neuf dix onze douze …\n"
            "   id: fichier.txt\n\n");
  h.article.body = "court";
  EXPECT_NE(print_hit(h, false).find("   court\n"), std::string::npos) << "no ellipsis when nothing is cut";
}

// An untitled article is shown by its first twelve words, with an ellipsis only when a word
// follows them: a body of exactly twelve words and a final line break is shown whole.
TEST(TextPrinter, NoEllipsisAfterExactlyTwelveWords) {
  Hit h;
  h.rank = 1;
  h.article.id = "douze.txt";
  h.article.body = "un deux trois quatre cinq six sept huit neuf dix onze douze\n";
  EXPECT_NE(print_hit(h, false).find("   un deux trois quatre cinq six sept huit neuf dix onze douze\n"), std::string::npos)
      << print_hit(h, false);
  h.article.body = "un deux trois quatre cinq six sept huit neuf dix onze douze  \n\n treize";
  EXPECT_NE(print_hit(h, false).find("   un deux trois quatre cinq six sept huit neuf dix onze douze …\n"), std::string::npos)
      << print_hit(h, false);
  h.article.body = "un deux\n";
  EXPECT_NE(print_hit(h, false).find("   un deux\n"), std::string::npos) << "no space left at the end: " << print_hit(h, false);
}

TEST(TextPrinter, ExplanationsAndCopiesHaveALineEach) {
  Hit h = sample_hit();
  h.explanation = std::vector<TermContribution>{{"mot", "word", true, true, 1.5}, {"mo", "stem", false, true, 0.25}};
  h.copy_count = 2;
  h.copies = {{"id2", "figaro"}, {"id3", ""}};
  const std::string out = print_hit(h, false);
  EXPECT_NE(out.find("   +1.500  word mot (title, body)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("   +0.250  stem mo (body)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("   +2 copies: figaro, id3\n"), std::string::npos) << "a copy without source is named by its id\n" << out;
  h.copy_count = 1;
  h.copies.resize(1);
  EXPECT_NE(print_hit(h, false).find("   +1 copy: figaro\n"), std::string::npos);
}

TEST(TextPrinter, CopiesNameEachSourceOnceWithItsCount) {
  Hit h = sample_hit();
  h.copy_count = 4;
  h.copies = {{"id2", "lefigaro.fr"}, {"id3", "lemonde.fr"}, {"id4", "lemonde.fr"}, {"id5", "afp.com"}};
  EXPECT_NE(print_hit(h, false).find("   +4 copies: lemonde.fr ×2, afp.com, lefigaro.fr\n"), std::string::npos)
      << "sorted by count, then by name\n" << print_hit(h, false);
  h.copy_count = 88;
  h.copies.assign(kMaxCopiesListed, CopyRef{"x", "lemonde.fr"});
  EXPECT_NE(print_hit(h, false).find("   +88 copies: lemonde.fr ×20, …\n"), std::string::npos)
      << "copies beyond those listed are not counted under a source\n" << print_hit(h, false);
}

TEST(TextPrinter, TotalsInTheSingularAndPlural) {
  SearchResult r;
  r.total = 1;
  EXPECT_EQ(print_end(r), "1 article\n");
  r.total = 12;
  EXPECT_EQ(print_end(r), "12 articles\n");
}

TEST(TextPrinter, PartialMatchesEmptyCausesAndSuggestion) {
  SearchResult r;
  r.partial = true;
  EXPECT_EQ(print_end(r), "No article has every word; these are the best partial matches.\n");
  r.partial = false;
  r.empty_because = {"the word 'zzz'"};
  r.suggestion = "élection";
  EXPECT_EQ(print_end(r), "0 articles\nNothing matched: the word 'zzz'\nEssayez avec : élection\n");
}

TEST(TextPrinter, FacetsSayHowManyMoreAndWhetherApproximate) {
  SearchResult r;
  r.total = 3;
  r.facets = {{"source", {{"lemonde", 2}, {"figaro", 1}}, 5, false}, {"country", {{"fr", 3}}, 1, true}};
  EXPECT_EQ(print_end(r), "3 articles\nsource:  lemonde 2  figaro 1  (+3 more)\ncountry (approx.):  fr 3\n");
}

TEST(TextPrinter, AnArticleInFullKeepsTheBodysLines) {
  std::ostringstream out;
  Article a = sample_hit().article;
  a.body = "Ligne un.\n\tLigne deux.";
  make_printer(OutputFormat::kText, out, {})->article(a);
  EXPECT_EQ(out.str(), "Le titre\n2023-07-23  lemonde / politique\nhttps://x.fr/1\nid: id1\n\nLigne un.\n\tLigne deux.\n");
}

TEST(TextPrinter, TimelineBarsAreScaledToTheBusiestPeriod) {
  std::ostringstream out;
  make_printer(OutputFormat::kText, out, {})->timeline("q", {{"2023-06", 0}, {"2023-07", 80}, {"2023-08", 1}, {"2023-09", 41}});
  std::string full;
  for (int i = 0; i < 40; ++i) full += "█";
  std::string half;
  for (int i = 0; i < 20; ++i) half += "█";
  EXPECT_EQ(out.str(), "2023-06   0\n2023-07  " + full + " 80\n2023-08  ▌ 1\n2023-09  " + half + "▌ 41\n");
}

TEST(TextPrinter, TheSmallestCountStillHasABar) {
  std::ostringstream out;
  make_printer(OutputFormat::kText, out, {})->timeline("q", {{"2023", 1000}, {"2024", 1}});
  EXPECT_NE(out.str().find("2024  ▏ 1\n"), std::string::npos) << out.str();
}

TEST(TextPrinter, Stats) {
  ArchiveStats s;
  s.articles = 3;
  s.undated = 1;
  s.clusters = 2;
  s.first_date = "2022";
  s.last_date = "2023-07";
  s.per_source = {{"lemonde", 3}};
  s.per_year = {{"2022", 1}, {"2023", 1}};
  s.database_bytes = 10240;
  s.revision = 4;
  s.schema_version = "5";
  s.analysis_version = "9";
  s.last_run = R"({"added":3})";
  std::ostringstream out;
  make_printer(OutputFormat::kText, out, {})->stats(s);
  EXPECT_EQ(out.str(),
            "articles  3  (1 undated, 2 stories after grouping copies)\n"
            "dates     2022 .. 2023-07\n"
            "sources:  lemonde 3\n"
            "years:  2022 1  2023 1\n"
            "database  10 KiB, revision 4, schema 5, analysis 9\n"
            "last run  {\"added\":3}\n");
}

TEST(TextPrinter, StatsOfAnEmptyArchiveLeaveOutWhatIsUnknown) {
  ArchiveStats s;
  s.schema_version = "5";
  s.analysis_version = "9";
  std::ostringstream out;
  make_printer(OutputFormat::kText, out, {})->stats(s);
  EXPECT_EQ(out.str(), "articles  0  (0 undated, 0 stories after grouping copies)\nsources:\nyears:\ndatabase  schema 5, analysis 9\n");
}

}  // namespace
