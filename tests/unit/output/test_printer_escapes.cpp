// Issue 31: what articles, the database or a query hold never drives the terminal: every format
// prints control characters as visible escapes (JSON as \uXXXX), and the only escape sequences
// in text output are depeche's own colours.
#include "output/printer.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace {

using namespace depeche;

const std::string kHostile = "a\x1b[2J b\x1b]0;pwned\x07 c\x1b]52;c;aGk=\x07 d\xc2\x9b" "31m e\r f\x7f";

Article hostile_article() {
  Article a;
  a.id = "id" + kHostile;
  a.url = "https://x.fr/" + kHostile;
  a.source = "src" + kHostile;
  a.section = "sec" + kHostile;
  a.title = "titre" + kHostile;
  a.body = "ligne un" + kHostile + "\nligne\tdeux";
  return a;
}

Hit hostile_hit() {
  Hit h;
  h.rank = 1;
  h.article = hostile_article();
  // "mot" after the escapes, which lengthen the text when made visible.
  h.snippet.text = "\x1b[2J\x1b]0;x\x07 mot \xc2\x9b fin";
  const std::size_t at = h.snippet.text.find("mot");
  h.snippet.marks = {{at, at + 3}};
  h.copy_count = 1;
  h.copies = {{"copie\x1b[2J", "source\x07"}};
  h.explanation = std::vector<TermContribution>{{"mot\x1b[2J", "word", true, false, 1.0}};
  return h;
}

SearchResult hostile_result() {
  SearchResult r;
  r.total = 1;
  r.hits = {hostile_hit()};
  r.suggestion = "sugg\x1b[2J";
  r.empty_because = {"mot\x1b[2J"};
  r.facets = {{"source", {{"val\x1b]0;x\x07", 1}}, 1, false}};
  return r;
}

ArchiveStats hostile_stats() {
  ArchiveStats s;
  s.per_source = {{"src\x1b[2J", 1}};
  s.per_year = {{"2023\x07", 1}};
  s.first_date = "2023\x1b";
  s.last_date = "2024\xc2\x9b";
  s.schema_version = "1\x1b";
  s.analysis_version = "1\x07";
  s.last_run = "{\x1b}";
  return s;
}

std::string print_all(OutputFormat format, bool color) {
  std::ostringstream out;
  OutputOptions options;
  options.color = color;
  if (format == OutputFormat::kTsv || format == OutputFormat::kCsv)
    options.fields = {"id", "url", "source", "section", "title", "snippet"};
  auto p = make_printer(format, out, options);
  const SearchResult r = hostile_result();
  p->begin("requête\x1b[2J");
  p->hit(r.hits[0]);
  p->end(r);
  p->article(hostile_article());
  p->timeline("q\x1b", {{"2023-07\x1b[2J", 3}});
  p->stats(hostile_stats());
  return out.str();
}

// Bytes a terminal acts on: C0 but the tab and line break, DEL, and C1 (U+0080-U+009F).
std::string controls_in(std::string text, bool allow_our_colours) {
  if (allow_our_colours) text = std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
  std::string found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) found += "byte " + std::to_string(c) + " at " + std::to_string(i) + "; ";
    if (c == 0xc2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xe0) == 0x80)
      found += "C1 at " + std::to_string(i) + "; ";
  }
  return found;
}

TEST(PrinterEscapes, NoFormatPrintsAControlCharacter) {
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJsonl, OutputFormat::kTsv,
                         OutputFormat::kCsv}) {
    const std::string out = print_all(f, false);
    EXPECT_EQ(controls_in(out, false), "") << static_cast<int>(f) << "\n" << out;
  }
  const std::string coloured = print_all(OutputFormat::kText, true);
  EXPECT_NE(coloured.find("\x1b[1m"), std::string::npos) << "our colours stay";
  EXPECT_EQ(controls_in(coloured, true), "") << coloured;
}

TEST(PrinterEscapes, TextShowsVisibleEscapesAndKeepsTheBodysLines) {
  const std::string out = print_all(OutputFormat::kText, false);
  EXPECT_NE(out.find("titrea\\x1B[2J b\\x1B]0;pwned\\x07 c\\x1B]52;c;aGk=\\x07 d\\u009B31m e\\r f\\x7F"), std::string::npos) << out;
  EXPECT_NE(out.find("\nligne\tdeux\n"), std::string::npos) << "--show keeps the body's line breaks and tabs\n" << out;
  EXPECT_NE(out.find("val\\x1B]0;x\\x07 1"), std::string::npos) << "facet values\n" << out;
  EXPECT_NE(out.find("2023-07\\x1B[2J  "), std::string::npos) << "timeline\n" << out;
  EXPECT_NE(out.find("src\\x1B[2J 1"), std::string::npos) << "stats\n" << out;
}

TEST(PrinterEscapes, HighlightsStayOnTheirWordsAfterEscapes) {
  std::ostringstream out;
  OutputOptions options;
  options.color = true;
  make_printer(OutputFormat::kText, out, options)->hit(hostile_hit());
  EXPECT_NE(out.str().find("\\x1B[2J\\x1B]0;x\\x07 \x1b[1;31mmot\x1b[0m \\u009B fin"), std::string::npos) << out.str();
}

TEST(PrinterEscapes, JsonEscapesC0DelAndC1) {
  const std::string out = print_all(OutputFormat::kJson, false);
  EXPECT_NE(out.find("titrea\\u001b[2J b\\u001b]0;pwned\\u0007 c\\u001b]52;c;aGk=\\u0007 d\\u009b31m e\\r f\\u007f"),
            std::string::npos)
      << out;
  Article a;
  a.id = "x\xc2\x85y\x7f";
  a.body = "b";
  EXPECT_EQ(export_line(a), R"({"id":"x\u0085y\u007f","body":"b"})") << "--export too";
}

TEST(PrinterEscapes, TableRowsStayRows) {
  std::ostringstream tsv;
  OutputOptions options;
  options.fields = {"title", "id"};
  Hit h;
  h.article.id = "i\td";
  h.article.title = "a\nb\tc\rd\x1b";
  make_printer(OutputFormat::kTsv, tsv, options)->hit(h);
  EXPECT_EQ(tsv.str(), "a b c d\\x1B\ti d\n");
  std::ostringstream csv;
  make_printer(OutputFormat::kCsv, csv, options)->hit(h);
  EXPECT_EQ(csv.str(), "\"a\nb\tc\\rd\\x1B\",i\td\n") << "a quoted cell keeps line breaks and tabs, not CR";
}

}  // namespace
