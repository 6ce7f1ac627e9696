// TSV and CSV, rendered into a string: a header row, then one row per hit; TSV has no quoting,
// CSV quotes as RFC 4180 does.
#include "output/printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace depeche;

Hit hit_titled(const std::string& title) {
  Hit h;
  h.rank = 1;
  h.score = 2.5;
  h.article.id = "id1";
  h.article.url = "https://x.fr/1";
  h.article.source = "lemonde";
  h.article.title = title;
  h.article.date = util::Date{2023, 7, 0, util::DatePrecision::kMonth};
  h.snippet.text = "un extrait";
  return h;
}

std::string print_hit(OutputFormat format, const Hit& hit, std::vector<std::string> fields = {}) {
  std::ostringstream out;
  OutputOptions options;
  options.fields = std::move(fields);
  auto p = make_printer(format, out, options);
  p->begin("q");
  p->hit(hit);
  p->end(SearchResult{});
  return out.str();
}

TEST(TablePrinter, TsvPrintsTheDefaultColumnsThenOneRowPerHit) {
  EXPECT_EQ(print_hit(OutputFormat::kTsv, hit_titled("Titre")),
            "rank\tid\tdate\tsource\ttitle\turl\tscore\n"
            "1\tid1\t2023-07\tlemonde\tTitre\thttps://x.fr/1\t2.5000\n");
}

TEST(TablePrinter, FieldsChooseTheColumnsAndTheirOrder) {
  EXPECT_EQ(print_hit(OutputFormat::kTsv, hit_titled("T"), {"snippet", "id", "date_precision"}),
            "snippet\tid\tdate_precision\nun extrait\tid1\tmonth\n");
}

TEST(TablePrinter, TsvCellsLoseTheirTabsAndLineBreaks) {
  EXPECT_EQ(print_hit(OutputFormat::kTsv, hit_titled("a\tb\nc\rd"), {"title"}), "title\na b c d\n");
}

TEST(TablePrinter, CsvQuotesOnlyCellsThatNeedIt) {
  EXPECT_EQ(print_hit(OutputFormat::kCsv, hit_titled("plain"), {"id", "title"}), "id,title\nid1,plain\n");
  EXPECT_EQ(print_hit(OutputFormat::kCsv, hit_titled("a, b"), {"title"}), "title\n\"a, b\"\n");
  EXPECT_EQ(print_hit(OutputFormat::kCsv, hit_titled("dit \"oui\""), {"title"}), "title\n\"dit \"\"oui\"\"\"\n");
  EXPECT_EQ(print_hit(OutputFormat::kCsv, hit_titled("deux\nlignes"), {"title"}), "title\n\"deux\nlignes\"\n");
  EXPECT_EQ(print_hit(OutputFormat::kCsv, hit_titled("cr\rici"), {"title"}), "title\ncr\\rici\n")
      << "a carriage return is made visible, not kept";
}

TEST(TablePrinter, AnUntitledHitHasAnEmptyCell) {
  Hit h = hit_titled("");
  h.article.title.reset();
  EXPECT_EQ(print_hit(OutputFormat::kCsv, h, {"id", "title", "url"}), "id,title,url\nid1,,https://x.fr/1\n");
}

TEST(TablePrinter, CountIsTheNumberAlone) {
  std::ostringstream out;
  make_printer(OutputFormat::kCsv, out, {})->count(42);
  EXPECT_EQ(out.str(), "42\n");
}

TEST(TablePrinter, AnArticleIsAHeaderAndARowEndingWithItsBody) {
  std::ostringstream out;
  Article a = hit_titled("Titre").article;
  a.body = "Corps, en deux\nlignes.";
  make_printer(OutputFormat::kCsv, out, {})->article(a);
  EXPECT_EQ(out.str(),
            "id,date,date_precision,source,source_name,section,tags,lang,author,title,standfirst,url,body\n"
            "id1,2023-07,month,lemonde,,,,,,Titre,,https://x.fr/1,\"Corps, en deux\nlignes.\"\n");
}

TEST(TablePrinter, TimelineIsPeriodAndCount) {
  std::ostringstream out;
  make_printer(OutputFormat::kTsv, out, {})->timeline("q", {{"2023-06", 0}, {"2023-07", 4}});
  EXPECT_EQ(out.str(), "period\tcount\n2023-06\t0\n2023-07\t4\n");
}

TEST(TablePrinter, StatsAreKeyValueRowsWithEmptyCellsForTheUnknown) {
  ArchiveStats s;
  s.articles = 3;
  s.undated = 1;
  s.first_date = "2022";
  s.last_date = "2023-07-23";
  s.clusters = 2;
  s.per_source = {{"lemonde", 2}, {"figaro", 1}};
  s.per_year = {{"2023", 2}};
  s.revision = 7;
  s.schema_version = "5";
  s.analysis_version = "9";
  std::ostringstream out;
  make_printer(OutputFormat::kTsv, out, {})->stats(s);
  EXPECT_EQ(out.str(),
            "key\tvalue\narticles\t3\nundated\t1\nfirst_date\t2022\nlast_date\t2023-07-23\nclusters\t2\n"
            "source:lemonde\t2\nsource:figaro\t1\nyear:2023\t2\ndatabase_bytes\t\nrevision\t7\n"
            "schema_version\t5\nanalysis_version\t9\n");
}

}  // namespace

TEST(TablePrinter, TagsAreOneCellJoinedByCommas) {
  Hit hit = hit_titled("Titre");
  hit.article.tags = {"Économie", "Bretagne"};
  hit.article.standfirst = "Un chapô.";
  const std::string out = print_hit(OutputFormat::kTsv, hit, {"id", "tags", "standfirst"});
  EXPECT_NE(out.find("id1\tÉconomie, Bretagne\tUn chapô.\n"), std::string::npos) << out;
}
