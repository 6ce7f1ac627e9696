// Issue 6, end to end: HTML pages, RSS/Atom feeds and legacy encodings indexed by depeche-index
// and found by depeche-search; the same feed item in many daily files is one article.
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using depeche::test::TempDir;
using nlohmann::json;
namespace t = depeche::test;
namespace fs = std::filesystem;

namespace {

std::string fixtures() { return t::source_dir() + "/tests/fixtures/formats"; }

std::string count(const std::string& db, const std::vector<std::string>& query) {
  std::vector<std::string> args{"--db", db, "--count"};
  args.insert(args.end(), query.begin(), query.end());
  return t::search(args).out;
}

std::vector<json> exported(const std::string& db) {
  const t::RunResult r = t::search({"--db", db, "--export"});
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<json> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(Formats, EveryFixtureFormatIsIndexedAndFound) {
  TempDir dir;
  fs::copy(fixtures(), dir / "archive", fs::copy_options::recursive);
  const std::string db = dir / "db";
  const t::RunResult r = t::index({"--db", db, dir / "archive"});
  EXPECT_EQ(r.status, 4) << "warnings for the undeclared Windows-1252 files and the malformed ones\n" << r.err;
  for (const char* named : {"cp1252-article.txt:3:", "cp1252-undeclared.html:1:", "malformed.xml:"})
    EXPECT_NE(r.err.find(named), std::string::npos) << named << "\n" << r.err;
  EXPECT_EQ(r.err.find("latin1-declared.html"), std::string::npos) << "a declared charset is no problem\n" << r.err;
  EXPECT_EQ(r.err.find("feed-latin1.xml"), std::string::npos) << r.err;

  EXPECT_EQ(count(db, {"Lorient", "bassin"}), "1\n") << "HTML page with JSON-LD";
  EXPECT_EQ(count(db, {"vendanges", "riesling"}), "1\n") << "plain HTML page";
  EXPECT_EQ(count(db, {"tramway", "Vénissieux"}), "1\n") << "RSS content:encoded";
  EXPECT_EQ(count(db, {"quais", "décrue"}), "1\n") << "RSS description with escaped HTML";
  EXPECT_EQ(count(db, {"Galibier", "avalanche"}), "1\n") << "Atom XHTML content";
  EXPECT_EQ(count(db, {"lumières", "œuvre"}), "1\n") << "Windows-1252 text article";
  EXPECT_EQ(count(db, {"crêpe", "Finistère"}), "1\n") << "undeclared Windows-1252 HTML";
  EXPECT_EQ(count(db, {"lycées", "spécialités"}), "1\n") << "declared ISO-8859-1 HTML";
  EXPECT_EQ(count(db, {"électeurs", "Besançon"}), "1\n") << "ISO-8859-1 feed";
  EXPECT_EQ(count(db, {"goélands"}), "1\n") << "the same item in two daily feeds";
  EXPECT_EQ(count(db, {"contrôleurs"}), "1\n") << "malformed HTML recovered";
  EXPECT_EQ(count(db, {"Quatrième"}), "1\n") << "malformed XML recovered";
  for (const char* boilerplate : {"Partagersurfacebook", "Rubriquepolitique", "témoinscookies", "Premiercommentaire",
                                  "Mentionslégales", "scriptinterdit", "trackerinterdit", "imageinterdite"})
    EXPECT_EQ(count(db, {boilerplate}), "0\n") << boilerplate;

  const t::RunResult hit = t::search({"--db", db, "--format", "json", "tramway"});
  ASSERT_EQ(hit.status, 0) << hit.err;
  const json tram = json::parse(hit.out)["hits"][0];
  EXPECT_EQ(tram["id"], "https://gazette-rhone.example/transports/tramway-t10");
  EXPECT_EQ(tram["date"], "2024-03-12");
  EXPECT_EQ(tram["source"], "gazette-rhone.example");
  EXPECT_EQ(tram["section"], "Transports");
  EXPECT_EQ(tram["lang"], "fr");

  for (const json& a : exported(db)) {
    const std::string body = a.value("body", "");
    EXPECT_EQ(body.find('<'), std::string::npos) << a.dump();
    EXPECT_EQ(body.find("Ã"), std::string::npos) << "mojibake: " << a.dump();
  }
}

TEST(Formats, SameItemInTwoDailyFeedFilesIsIndexedOnce) {
  TempDir dir;
  fs::copy(fixtures() + "/feeds", dir / "feeds", fs::copy_options::recursive);
  const std::string db = dir / "db";
  const t::RunResult r = t::index({"--db", db, dir / "feeds"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(db, {"goélands"}), "1\n");
  EXPECT_EQ(count(db, {"Nantes"}), "1\n");
  EXPECT_EQ(count(db, {"Saint-Nazaire"}), "1\n");
  EXPECT_EQ(exported(db).size(), 3u) << "two files of two items, one of them in both";

  // Tomorrow's file arrives with the same item again: still one article.
  std::string tomorrow = slurp(fixtures() + "/feeds/ouest-2024-03-02.rss");
  tomorrow.replace(tomorrow.find("Pont de Saint-Nazaire"), 21, "Pont de Cheviré fermé");
  dir.write("feeds/ouest-2024-03-03.rss", tomorrow);
  ASSERT_EQ(t::index({"--db", db, dir / "feeds"}).status, 0);
  EXPECT_EQ(count(db, {"goélands"}), "1\n");
}

// Every text article or page piped on stdin without a URL was named "-": each run replaced the
// article of the run before. They are now named by what they say.
TEST(Formats, ArticlesOnStdinWithoutUrlsKeepTheirOwnIds) {
  TempDir dir;
  const std::string db = dir / "db";
  const std::string first = "date 2023-07-01\nLe port\n\nLe port de Brest accueille un paquebot.\n";
  const std::string second = "date 2023-07-02\nLa criée\n\nLa criée de Brest ouvre plus tôt.\n";
  const std::string page = "<html><head><title>Une page</title></head><body><p>Brest sur une page.</p></body></html>";
  for (const std::string* input : {&first, &second, &first, &page}) ASSERT_EQ(t::index({"--db", db, "-"}, *input).status, 0);
  EXPECT_EQ(exported(db).size(), 3u) << "two texts (one piped twice) and a page";
  EXPECT_EQ(count(db, {"brest"}), "3\n");
}

TEST(Formats, GzipHtmlAndFeedFiles) {
  TempDir dir;
  for (const char* name : {"article-simple.html", "feed-atom.xml"}) {
    const std::string content = slurp(fixtures() + "/" + name);
    const std::string path = dir / ("in/" + std::string(name) + ".gz");
    fs::create_directories(dir / "in");
    gzFile gz = gzopen(path.c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
    ASSERT_EQ(gzclose(gz), Z_OK);
  }
  const std::string db = dir / "db";
  const t::RunResult r = t::index({"--db", db, dir / "in"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(db, {"riesling"}), "1\n");
  EXPECT_EQ(count(db, {"Montenvers"}), "1\n");
}

TEST(Formats, BrokenAndHostileFilesAreReportedNeverFatal) {
  TempDir dir;
  std::string deep = "<html><head><title>Profond</title></head><body><p>Surface visible.</p>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  dir.write("in/profond.html", deep);
  std::string deep_feed = "<rss><channel><item><title>Flux profond</title><description>";
  for (int i = 0; i < 100000; ++i) deep_feed += "<b>";
  dir.write("in/profond.rss", deep_feed);
  dir.write("in/pas-un-flux.xml", "<?xml version='1.0'?><catalogue/>");
  dir.write("in/vide.html", "");
  dir.write("in/ok.html", "<title>Intact</title><p>Le marché de Rungis ouvre tôt.</p>");
  fs::copy(fixtures() + "/malformed.xml", dir / "in/malformed.xml");
  fs::copy(fixtures() + "/malformed.html", dir / "in/malformed.html");
  const std::string db = dir / "db";
  const t::RunResult r = t::index({"--db", db, dir / "in"});
  EXPECT_EQ(r.status, 4) << r.err;
  for (const char* named : {"profond.html:", "profond.rss:", "pas-un-flux.xml:", "vide.html:", "malformed.xml:"})
    EXPECT_NE(r.err.find(named), std::string::npos) << named << "\n" << r.err;
  EXPECT_EQ(r.err.find("ok.html"), std::string::npos) << r.err;
  EXPECT_EQ(count(db, {"Rungis"}), "1\n");
  EXPECT_EQ(count(db, {"Surface"}), "1\n");
  EXPECT_EQ(count(db, {"contrôleurs"}), "1\n");
}

// The real French pages in ../shared/data/html-fr/: every one indexed, with a title and a body
// that holds no markup.
TEST(Formats, SharedFrenchHtmlPagesAreAllIndexed) {
  const std::string pages = t::shared_dir() + "/data/html-fr";
  if (!fs::is_directory(pages))
    GTEST_SKIP() << pages << " is absent: these real pages are not shipped (tests/fixtures/formats has synthetic ones)";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(pages)) files += entry.path().extension() == ".html";
  TempDir dir;
  const std::string db = dir / "db";
  const t::RunResult r = t::index({"--db", db, pages});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::vector<json> articles = exported(db);
  EXPECT_EQ(articles.size(), files);
  std::set<std::string> ids;
  for (const json& a : articles) {
    ids.insert(a.value("id", ""));
    ASSERT_TRUE(a["title"].is_string()) << a.dump().substr(0, 300);
    EXPECT_FALSE(a["title"].get<std::string>().empty()) << a["id"];
    const std::string body = a.value("body", "");
    EXPECT_FALSE(body.empty()) << a["id"];
    for (const char* tag : {"<p>", "</p>", "<div", "</div>", "<span", "<a ", "</a>", "<br", "<img", "<td", "<script"})
      EXPECT_EQ(body.find(tag), std::string::npos) << a["id"] << " has " << tag;
  }
  EXPECT_EQ(ids.size(), files) << "one id per page (its path: these pages have no URL)";
  EXPECT_EQ(count(db, {"calque"}) == "0\n", false);
}

namespace {

TEST(Formats, EncodingOptionOverridesDetection) {
  depeche::test::TempDir dir;
  // "Mâcon" in ISO-8859-15 bytes; detection alone could take it for another Latin charset.
  dir.write("in/a.txt", "date 2022-01-05\n\nR\xe9" "cit\n\nLe d\xe9" "bat sur l'\xe9nergie a eu lieu \xe0 M\xe2" "con.\n");
  auto r = depeche::test::index({"--db", dir / "db", "--encoding", "iso-8859-15", dir / "in"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(depeche::test::search({"--db", dir / "db", "--count", "Mâcon"}).out, "1\n");
  r = depeche::test::index({"--db", dir / "db2", "--encoding", "no-such-charset", dir / "in"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no-such-charset"), std::string::npos);
}

}  // namespace
