// Issue 37: --format atom prints any search as an Atom 1.0 feed that a feed validator accepts (the
// RELAX NG schema of tests/fixtures/atom.rng, checked with libxml2), whose ids stay from run to
// run, and that depeche's own feed reader reads back to the same articles.
#include "support/run.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace t = depeche::test;
using nlohmann::json;

namespace {

// The problems libxml2 finds in `feed` against the Atom schema, one per line; empty when valid.
std::string schema_problems(const std::string& feed) {
  std::string problems;
  const auto collect = [](void* into, xmlErrorPtr error) {
    *static_cast<std::string*>(into) += "line " + std::to_string(error->line) + ": " + (error->message ? error->message : "?");
  };
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      xmlReadMemory(feed.data(), static_cast<int>(feed.size()), "feed.xml", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!doc) return "not well-formed XML";
  std::unique_ptr<xmlRelaxNGParserCtxt, void (*)(xmlRelaxNGParserCtxtPtr)> parser(
      xmlRelaxNGNewParserCtxt((t::source_dir() + "/tests/fixtures/atom.rng").c_str()), xmlRelaxNGFreeParserCtxt);
  std::unique_ptr<xmlRelaxNG, void (*)(xmlRelaxNGPtr)> schema(xmlRelaxNGParse(parser.get()), xmlRelaxNGFree);
  if (!schema) return "the schema does not parse";
  std::unique_ptr<xmlRelaxNGValidCtxt, void (*)(xmlRelaxNGValidCtxtPtr)> validator(xmlRelaxNGNewValidCtxt(schema.get()),
                                                                                  xmlRelaxNGFreeValidCtxt);
  xmlRelaxNGSetValidStructuredErrors(validator.get(), collect, &problems);
  if (xmlRelaxNGValidateDoc(validator.get(), doc.get()) != 0 && problems.empty()) problems = "invalid";
  return problems;
}

// The text of every node `path` selects in `feed` (prefix a: for Atom).
std::vector<std::string> select(const std::string& feed, const std::string& path) {
  std::vector<std::string> found;
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(xmlReadMemory(feed.data(), static_cast<int>(feed.size()), "feed.xml", nullptr, 0),
                                                   xmlFreeDoc);
  if (!doc) return found;
  std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContextPtr)> context(xmlXPathNewContext(doc.get()), xmlXPathFreeContext);
  xmlXPathRegisterNs(context.get(), BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
  std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObjectPtr)> result(
      xmlXPathEvalExpression(BAD_CAST path.c_str(), context.get()), xmlXPathFreeObject);
  if (!result || !result->nodesetval) return found;
  for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
    xmlChar* text = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
    found.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    xmlFree(text);
  }
  return found;
}

std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : ""; }

// Each hit's title -> its url and date, of a JSON search.
std::map<std::string, std::array<std::string, 2>> hits_of(const std::string& json_output) {
  std::map<std::string, std::array<std::string, 2>> hits;
  const json j = json::parse(json_output, nullptr, false);
  if (j.is_discarded()) return hits;
  for (const json& h : j["hits"]) hits[text_of(h["title"])] = {text_of(h["url"]), text_of(h["date"])};
  return hits;
}

class AtomFeed : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = {"HOME=" + dir_.path(), "XDG_CONFIG_HOME=", "XDG_STATE_HOME=", "DEPECHE_CONFIG=", "DEPECHE_DB=" + (dir_ / "db")};
    const t::RunResult r = t::run({DEPECHE_INDEX_BIN, "--no-progress", t::source_dir() + "/data"}, "", env_);
    ASSERT_EQ(r.status, 0) << r.err;
  }
  t::RunResult search(std::vector<std::string> args) {
    args.insert(args.begin(), DEPECHE_SEARCH_BIN);
    return t::run(args, "", env_);
  }

  t::TempDir dir_;
  std::vector<std::string> env_;
};

}  // namespace

TEST_F(AtomFeed, ASearchIsAValidFeedWithStableIdsThatReadsBack) {
  const t::RunResult feed = search({"--format", "atom", "--limit", "8", "Mali"});
  ASSERT_EQ(feed.status, 0) << feed.err;
  EXPECT_EQ(schema_problems(feed.out), "") << feed.out;
  const auto entry_ids = select(feed.out, "/a:feed/a:entry/a:id");
  ASSERT_EQ(entry_ids.size(), 8u) << feed.out;
  EXPECT_EQ(std::set<std::string>(entry_ids.begin(), entry_ids.end()).size(), 8u) << "one id per entry";
  for (const std::string& id : entry_ids) EXPECT_EQ(id.rfind("tag:depeche,2026:article/", 0), 0u) << id;
  EXPECT_EQ(select(feed.out, "/a:feed/a:id"), std::vector<std::string>{"tag:depeche,2026:search/Mali"});
  EXPECT_EQ(select(feed.out, "/a:feed/a:author/a:name"), std::vector<std::string>{"depeche"})
      << "an entry without author has the feed's";
  EXPECT_EQ(select(feed.out, "/a:feed/a:entry/a:summary").size(), 8u);

  const t::RunResult again = search({"--format", "atom", "--limit", "8", "Mali"});
  EXPECT_EQ(select(again.out, "/a:feed/a:entry/a:id"), entry_ids) << "ids stay from run to run";
  EXPECT_EQ(select(again.out, "/a:feed/a:updated"), select(feed.out, "/a:feed/a:updated"))
      << "the feed changes only when its newest entry does";

  // Read back by depeche's own feed reader: the same titles, links and dates.
  std::ofstream(dir_ / "mali.atom") << feed.out;
  const t::RunResult reindexed = t::run({DEPECHE_INDEX_BIN, "--no-progress", "--db", dir_ / "from-feed", dir_ / "mali.atom"});
  ASSERT_EQ(reindexed.status, 0) << reindexed.err;
  const t::RunResult original = search({"--format", "json", "--limit", "8", "Mali"});
  const t::RunResult read_back =
      t::run({DEPECHE_SEARCH_BIN, "--db", dir_ / "from-feed", "--format", "json", "--limit", "100", "--no-collapse", ""});
  const auto before = hits_of(original.out), after = hits_of(read_back.out);
  EXPECT_EQ(before.size(), 8u);
  ASSERT_EQ(after.size(), before.size()) << read_back.out;
  for (const auto& [title, fields] : before) {
    ASSERT_EQ(after.count(title), 1u) << title;
    const auto& [url, date] = fields;
    EXPECT_EQ(after.at(title)[0], url) << title;
    // A month or a year is no Atom date: the reader then dates the entry by its <updated>.
    if (date.size() == 10) {
      EXPECT_EQ(after.at(title)[1], date) << title;
    }
  }
}

TEST_F(AtomFeed, ASavedSearchsFeedIsNamedByTheSearchAndNewPrintsOnlyNewEntries) {
  ASSERT_EQ(search({"--save", "sahel", "Mali OR Niger"}).status, 0);
  const t::RunResult feed = search({"--saved", "sahel", "--format", "atom", "--new"});
  ASSERT_EQ(feed.status, 0) << feed.err;
  EXPECT_EQ(schema_problems(feed.out), "");
  EXPECT_EQ(select(feed.out, "/a:feed/a:id"), std::vector<std::string>{"tag:depeche,2026:saved/sahel"});
  EXPECT_FALSE(select(feed.out, "/a:feed/a:entry").empty());
  const t::RunResult narrowed = search({"--saved", "sahel", "--format", "atom", "Bamako", "--since", "2020"});
  EXPECT_EQ(select(narrowed.out, "/a:feed/a:id"),
            std::vector<std::string>{"tag:depeche,2026:saved/sahel%20(Bamako)%20(date:2020..)"})
      << "what is added to a saved search makes another feed, with another id";
  const t::RunResult nothing = search({"--saved", "sahel", "--format", "atom", "--new"});
  EXPECT_EQ(nothing.status, 1);
  EXPECT_EQ(nothing.out, "") << "nothing new: no feed to replace the last one";
  const t::RunResult empty = search({"--format", "atom", "introuvablexyz"});
  EXPECT_EQ(empty.status, 1);
  EXPECT_EQ(schema_problems(empty.out), "") << "a search that finds nothing is an empty feed\n" << empty.out;
  EXPECT_TRUE(select(empty.out, "/a:feed/a:entry").empty());
}

// An article may hold anything: controls XML cannot carry, markup, "]]>", an id with spaces and
// quotes. The feed stays valid XML and valid Atom.
TEST_F(AtomFeed, HostileTextMakesAValidFeed) {
  const std::string record =
      R"({"id": "un id <avec> \"des\" espaces & co", "title": "Titre \u0001\u001b[2J <script>alert(1)</script> ]]> fin",)"
      R"( "date": "2024-03-12", "source": "hostile.example", "section": "a&b", "tags": ["<x>", "\u0007bip"],)"
      R"( "author": "Zoé \u0008Martin", "body": "Texte hostile \u0002 avec \u000c des contrôles \uFFFE et \uFFFF fin."})"
      "\n";
  std::ofstream(dir_ / "hostile.jsonl") << record;
  const t::RunResult indexed = t::run({DEPECHE_INDEX_BIN, "--no-progress", dir_ / "hostile.jsonl"}, "", env_);
  ASSERT_EQ(indexed.status, 0) << indexed.err;
  const t::RunResult feed = search({"--format", "atom", "source:hostile.example"});
  ASSERT_EQ(feed.status, 0) << feed.err;
  EXPECT_EQ(schema_problems(feed.out), "") << feed.out;
  const auto titles = select(feed.out, "/a:feed/a:entry/a:title");
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_NE(titles[0].find("<script>alert(1)</script> ]]> fin"), std::string::npos) << titles[0];
  EXPECT_EQ(select(feed.out, "/a:feed/a:entry/a:category[@scheme='tag:depeche,2026:section']/@term"),
            std::vector<std::string>{"a&b"});
}

TEST_F(AtomFeed, ModesThatPrintNoHitsRefuseIt) {
  for (const char* mode : {"--count", "--timeline", "--stats"}) {
    std::vector<std::string> args{"--format", "atom", mode};
    if (std::string(mode) != "--stats") args.push_back("Mali");
    const t::RunResult r = search(args);
    EXPECT_EQ(r.status, 2) << mode;
    EXPECT_NE(r.err.find("--format atom cannot apply"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

// A feed reader lists entries by title: an untitled article's entry is titled by its first words,
// as the text output shows it.
TEST_F(AtomFeed, AnUntitledArticleIsTitledByItsFirstWords) {
  std::ofstream(dir_ / "untitled.jsonl")
      << R"({"id": "sans-titre", "source": "brut.example", "body": "Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze."})"
      << "\n";
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, "--no-progress", dir_ / "untitled.jsonl"}, "", env_).status, 0);
  const t::RunResult feed = search({"--format", "atom", "source:brut.example"});
  ASSERT_EQ(feed.status, 0) << feed.err;
  EXPECT_EQ(schema_problems(feed.out), "");
  EXPECT_EQ(select(feed.out, "/a:feed/a:entry/a:title"),
            std::vector<std::string>{"Un deux trois quatre cinq six sept huit neuf dix onze douze …"});
}
