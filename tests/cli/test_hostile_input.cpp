// Issue 13, end to end: depeche-index on hostile input. Each test proves a limit with a small
// configured limit in `make test`, and at the issue's full size (a 1 GB line, a 200 MB article,
// nesting 100,000 deep, a million feed items) when DEPECHE_LONG_TESTS is set (`make check-long`,
// docs/robustness.md). Every run must end with one clear message naming file and line, the rest
// indexed, and bounded memory and time; each prints its figures on a "[ hostile ]" line.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace t = depeche::test;
using nlohmann::json;
using t::TempDir;
using namespace std::string_literals;  // "...\0..."s keeps its NUL bytes

namespace {

bool long_tests() { return std::getenv("DEPECHE_LONG_TESTS") != nullptr; }

// Peak memory of the indexer, whatever the input: every reader streams or stops at a limit of at
// most 64 MiB, so a reader that keeps a whole 200 MB or 1 GB input in memory fails this.
constexpr long kMaxRssKb = 512L * 1024;
// Generous for this shared 2-core machine: a hang, not a slow run, must fail.
constexpr double kMaxSeconds = 1800;

// Writes `pattern` repeated up to `bytes` bytes (the last copy cut) to `out`, a chunk at a time:
// the test process must stay small, as a forked child's peak RSS counts the parent's pages too.
void put_repeated(std::ofstream& out, const std::string& pattern, std::uint64_t bytes) {
  std::string chunk;
  while (chunk.size() < (1u << 20)) chunk += pattern;
  for (; bytes >= chunk.size(); bytes -= chunk.size()) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  out.write(chunk.data(), static_cast<std::streamsize>(bytes));
}

// Runs depeche-index on `dir`/in with `options`, prints and checks its peak RSS and time.
t::RunResult index_hostile(const TempDir& dir, const std::string& what, std::vector<std::string> options) {
  std::vector<std::string> args{"--db", dir / "db", dir / "in", "--summary=json"};
  args.insert(args.end(), options.begin(), options.end());
  const t::RunResult r = t::index(args);
  std::printf("[ hostile ] %s: exit %d, peak RSS %ld MB, %.1f s\n", what.c_str(), r.status, r.peak_rss_kb / 1024,
              r.seconds);
  EXPECT_LT(r.peak_rss_kb, kMaxRssKb) << what << ": kB of peak memory";
  EXPECT_LT(r.seconds, kMaxSeconds) << what;
  return r;
}

std::string count(const TempDir& dir, const std::string& query) {
  return t::search({"--db", dir / "db", "--count", query}).out;
}

json summary(const t::RunResult& r) { return json::parse(r.out); }

}  // namespace

TEST(HostileInput, GigabyteLineIsSkippedAndTheLinesAfterItIndexed) {
  const std::uint64_t size = long_tests() ? std::uint64_t{1} << 30 : 5000;
  const std::string limit = long_tests() ? "67108864" : "1000";  // the default, or a small one
  TempDir dir;
  {
    std::ofstream out(dir.write("in/geant.jsonl", ""), std::ios::binary);
    out << json{{"id", "avant"}, {"title", "Avant"}, {"body", "Le port de Brest."}}.dump() << "\n"
        << R"({"id":"geant","title":"Géant","body":")";
    put_repeated(out, "Marseille ", size);
    out << "\"}\n" << json{{"id", "apres"}, {"title", "Après"}, {"body", "Le port de Lorient."}}.dump() << "\n";
  }
  const auto r = index_hostile(dir, "1 GB JSON Lines line", long_tests() ? std::vector<std::string>{}
                                                                        : std::vector<std::string>{"--max-line-bytes", limit});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/geant.jsonl:2: line longer than " + limit + " bytes; skipped\n");
  EXPECT_EQ(count(dir, "Brest"), "1\n");
  EXPECT_EQ(count(dir, "Lorient"), "1\n");
  EXPECT_EQ(count(dir, "Marseille"), "0\n");
}

TEST(HostileInput, HugeArticleIsIndexedUpToTheLimitAndSaysSo) {
  const std::uint64_t size = long_tests() ? 200'000'000 : 5000;
  const std::string limit = long_tests() ? "16777216" : "1000";
  TempDir dir;
  {
    std::ofstream out(dir.write("in/long.txt", ""), std::ios::binary);
    out << "date 2023-08\n\nUn article sans fin\n\nCommencement du récit. ";
    put_repeated(out, "Le glacier recule chaque été, la moraine s'effondre. ", size);
    out << " Épilogue.\n";
  }
  dir.write("in/court.txt", "date 2023-08-02\n\nCourt\n\nLe marché de Rungis ouvre tôt.\n");
  const auto r = index_hostile(dir, "200 MB text article", long_tests() ? std::vector<std::string>{}
                                                                       : std::vector<std::string>{"--max-article-bytes", limit});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err, "depeche-index: in/long.txt:1: article longer than " + limit + " bytes; indexed its beginning\n");
  EXPECT_EQ(count(dir, "commencement"), "1\n") << "the beginning is indexed";
  EXPECT_EQ(count(dir, "moraine"), "1\n");
  EXPECT_EQ(count(dir, "épilogue"), "0\n") << "nothing past the limit";
  EXPECT_EQ(count(dir, "Rungis"), "1\n");
}

TEST(HostileInput, JsonNestedHundredThousandDeep) {
  const std::size_t depth = long_tests() ? 100000 : 1000;
  TempDir dir;
  {
    std::ofstream out(dir.write("in/profond.jsonl", ""), std::ios::binary);
    out << std::string(depth, '[') << std::string(depth, ']') << "\n"
        << R"({"id":"profond","title":"Profond","body":"Le viaduc de Millau.","extra":)";
    for (std::size_t i = 0; i < depth; ++i) out << "{\"a\":";
    out << "1" << std::string(depth, '}') << "}\n"
        << json{{"id", "apres"}, {"title", "Après"}, {"body", "Le pont de Normandie."}}.dump() << "\n";
  }
  const auto r = index_hostile(dir, "JSON nested 100,000 deep", {});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err,
            "depeche-index: in/profond.jsonl:1: not a JSON object; line skipped\n"
            "depeche-index: in/profond.jsonl:2: values nested deeper than 8 levels ignored\n");
  EXPECT_EQ(count(dir, "Millau"), "1\n") << "the article around the deep value is kept";
  EXPECT_EQ(count(dir, "Normandie"), "1\n");
}

TEST(HostileInput, HtmlWithHundredThousandNestedTags) {
  const std::size_t depth = long_tests() ? 100000 : 1000;
  TempDir dir;
  {
    std::ofstream out(dir.write("in/profond.html", ""), std::ios::binary);
    out << "<html><head><title>Profond</title></head><body><p>Surface visible.</p>";
    put_repeated(out, "<div>", 5 * depth);
    out << "Abysses";
    put_repeated(out, "</div>", 6 * depth);
    out << "<p>Remontée finale.</p></body></html>\n";
  }
  dir.write("in/ok.html", "<title>Intact</title><p>Le marché de Rungis ouvre tôt.</p>");
  const auto r = index_hostile(dir, "HTML with 100,000 nested tags", {});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(r.err,
            "depeche-index: in/profond.html:1: markup nested deeper than 200 elements; the deeper tags ignored, their text kept\n");
  EXPECT_EQ(count(dir, "Surface"), "1\n");
  EXPECT_EQ(count(dir, "Abysses"), "1\n");
  EXPECT_EQ(count(dir, "Remontée"), "1\n");
  EXPECT_EQ(count(dir, "Rungis"), "1\n");
}

TEST(HostileInput, FeedWithAMillionItemsIsIndexedWhole) {
  const int items = long_tests() ? 1000000 : 1000;
  TempDir dir;
  {
    std::ofstream out(dir.write("in/enorme.rss", ""), std::ios::binary);
    out << "<?xml version=\"1.0\"?>\n<rss><channel><link>https://gros.example/</link>\n";
    for (int i = 0; i < items; ++i)
      out << "<item><title>Dépêche " << i << "</title><link>https://gros.example/" << i
          << "</link><pubDate>Mon, 04 Mar 2024 10:00:00 +0100</pubDate><description>Texte numéro n" << i
          << ".</description></item>\n";
    out << "</channel></rss>\n";
  }
  const auto r = index_hostile(dir, "feed with a million items", {});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(summary(r)["added"], items);
  EXPECT_EQ(count(dir, "n0"), "1\n");
  EXPECT_EQ(count(dir, "n" + std::to_string(items - 1)), "1\n");
}

// Regression: the million-item feed's identifiers (n0...n999999) once filled the spelling
// dictionary until Xapian could not commit it; words with a digit are kept out of it.
TEST(HostileInput, WordsWithDigitsStayOutOfTheSpellingDictionary) {
  TempDir dir;
  dir.write("in/codes.jsonl", json{{"id", "c"}, {"title", "Codes"}, {"body", "Le texte cite n12345, a320 et 2023."}}.dump() + "\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  const Xapian::Database db(dir / "db");
  std::set<std::string> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words.insert(*it);
  EXPECT_EQ(words.count("texte"), 1u);
  for (const char* code : {"n12345", "a320", "2023"}) EXPECT_EQ(words.count(code), 0u) << code;
}

// Size plays no part in these two: they run the same in make test and make check-long.
TEST(HostileInput, NulByteInATitleIsDroppedAndTheArticleKept) {
  TempDir dir;
  dir.write("in/nul.jsonl", "{\"id\":\"brut\",\"title\":\"Titre\0brut\",\"body\":\"Texte.\"}\n"s +
                                R"({"id":"echappe","title":"Titre\u0000echappe","body":"Texte."})" "\n");
  dir.write("in/nul.txt", "date 2023-01-05\n\nTitre\0texte\n\nLe corps du texte.\n"s);
  dir.write("in/nul.html", "<title>Titre\0page</title><p>Le corps de la page.</p>"s);
  dir.write("in/nul.rss", "<rss><channel><item><title>Titre\0flux</title><link>https://flux.example/1</link>"
                     "<description>Le corps.</description></item></channel></rss>\n"s);
  const auto r = index_hostile(dir, "NUL byte in a title", {});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(summary(r)["added"], 5) << r.err;
  for (const char* named : {"nul.jsonl:1: NUL bytes dropped", "nul.jsonl:2: NUL characters (\\u0000) dropped", "nul.txt:3: NUL bytes dropped",
                            "nul.html:1: NUL bytes dropped", "nul.rss:1: NUL bytes dropped"})
    EXPECT_NE(r.err.find(named), std::string::npos) << named << "\n" << r.err;
  const t::RunResult exported = t::search({"--db", dir / "db", "--export"});
  EXPECT_EQ(exported.out.find('\0'), std::string::npos);
  EXPECT_EQ(exported.out.find("\\u0000"), std::string::npos) << exported.out;
  for (const char* title : {"brut", "echappe", "texte", "page", "flux"})
    EXPECT_EQ(count(dir, std::string("titre") + title), "1\n") << title << ": the NUL's neighbours are one word";
}

TEST(HostileInput, DateInYear99999IsIndexedUndated) {
  TempDir dir;
  dir.write("in/an.jsonl", json{{"id", "an"}, {"title", "Lointain"}, {"body", "Texte jsonl."}, {"date", "99999-01-01"}}.dump() + "\n");
  dir.write("in/an.txt", "date 99999-01\n\nLointain\n\nTexte texte.\n");
  dir.write("in/an.html", "<html><head><meta property=\"article:published_time\" content=\"99999-01-01T10:00:00Z\">"
                          "<title>Lointain</title></head><body><p>Texte page.</p></body></html>");
  dir.write("in/an.rss", "<rss><channel><item><title>Lointain</title><link>https://flux.example/an</link>"
                         "<pubDate>Mon, 04 Mar 99999 10:00:00 +0100</pubDate><description>Texte flux.</description></item>"
                         "</channel></rss>\n");
  const auto r = index_hostile(dir, "date in year 99999", {});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(summary(r)["added"], 4) << r.err;
  for (const char* named : {"an.jsonl:1: invalid date", "an.txt:1: invalid date", "an.html:1: invalid date", "an.rss:1: item 1: invalid date"})
    EXPECT_NE(r.err.find(named), std::string::npos) << named << "\n" << r.err;
  EXPECT_EQ(count(dir, "Lointain"), "4\n");
  EXPECT_EQ(count(dir, "Lointain date:1000..2999"), "0\n") << "no date is invented";
}
