// Issue 31, end to end: markup that costs libxml2 quadratic time (thousands of attributes on one
// feed item) or that nests past the parsers' limits is bounded, reported once with file and line
// (exit 4), and loses neither the rest of the input nor the boundaries between its words.
#include "support/run.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include <string>

namespace t = depeche::test;
using t::TempDir;

namespace {

std::string count(const TempDir& dir, const std::string& query) {
  return t::search({"--db", dir / "db", "--count", query}).out;
}

const char* const kInnerWords[] = {"zzalpha", "zzbeta", "zzgamma", "zzdelta"};

// `depth` <div> around paragraphs, a block and a line break that must keep their words apart.
std::string nested(std::size_t depth) {
  std::string html;
  for (std::size_t i = 0; i < depth; ++i) html += "<div>";
  html += "<p>zzalpha</p><p>zzbeta</p><div>zzgamma</div><br>zzdelta";
  for (std::size_t i = 0; i < depth; ++i) html += "</div>";
  return html;
}

}  // namespace

TEST(MarkupLimits, FeedItemWithTwentyThousandAttributesIsCutAndReported) {
  TempDir dir;
  std::string item = "<item";
  // make check-long (DEPECHE_LONG_TESTS): the 400,000 that took 124 s.
  const int attributes = std::getenv("DEPECHE_LONG_TESTS") ? 400000 : 20000;
  for (int i = 0; i < attributes; ++i) item += " a" + std::to_string(i) + "=\"v\"";
  dir.write("in/attributs.xml",
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><link>https://flux.example/</link>\n"
            "<item><title>Avant</title><link>https://flux.example/1</link><description>Le port de Brest.</description></item>\n" +
                item +
                "><title>Attributs</title><link>https://flux.example/2</link><description>Le port de Sète.</description></item>\n"
                "<item><title>Après</title><link>https://flux.example/3</link><description>Le port de Lorient.</description></item>\n"
                "</channel></rss>\n");
  const t::RunResult r = t::index({"--db", dir / "db", dir / "in"});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/attributs.xml:4: an element with more than 1000 attributes; the rest of them ignored\n");
  EXPECT_EQ(count(dir, "Brest"), "1\n");
  EXPECT_EQ(count(dir, "Sète"), "1\n") << "the item with the attributes is indexed";
  EXPECT_EQ(count(dir, "Lorient"), "1\n");
  std::printf("[ hostile ] feed item with %d attributes: exit %d, peak RSS %ld MB, %.2f s\n", attributes, r.status,
              r.peak_rss_kb / 1024, r.seconds);
}

TEST(MarkupLimits, HtmlPastTheNestingLimitKeepsItsWordsApart) {
  for (std::size_t depth : {std::size_t{300}, std::size_t{100000}}) {
    TempDir dir;
    dir.write("in/profond.html", "<html><head><title>Profond</title></head><body><p>Surface.</p>" + nested(depth) +
                                     "<p>zzremontee</p></body></html>\n");
    const t::RunResult r = t::index({"--db", dir / "db", dir / "in"});
    EXPECT_EQ(r.status, 4) << depth << ": " << r.err;
    EXPECT_EQ(r.err,
              "depeche-index: in/profond.html:1: markup nested deeper than 200 elements; the deeper tags ignored, their "
              "text kept\n")
        << depth;
    for (const char* word : kInnerWords) EXPECT_EQ(count(dir, word), "1\n") << depth << ": " << word;
    EXPECT_EQ(count(dir, "zzalphazzbeta"), "0\n") << depth << ": two paragraphs glued into one word";
    EXPECT_EQ(count(dir, "zzremontee"), "1\n") << depth;
  }
}

TEST(MarkupLimits, FeedWithDeepHtmlKeepsItsWordsApart) {
  TempDir dir;
  std::string escaped;
  for (char c : nested(300)) escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  dir.write("in/profond.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><link>https://flux.example/</link>\n"
                              "<item><title>Profond</title><link>https://flux.example/1</link><description>" +
                                  escaped + "</description></item>\n</channel></rss>\n");
  const t::RunResult r = t::index({"--db", dir / "db", dir / "in"});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err,
            "depeche-index: in/profond.xml:3: markup nested deeper than 200 elements; the deeper tags ignored, their "
            "text kept\n");
  for (const char* word : kInnerWords) EXPECT_EQ(count(dir, word), "1\n") << word;
  EXPECT_EQ(count(dir, "zzalphazzbeta"), "0\n");
}
