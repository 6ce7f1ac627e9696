// Issue 31: nothing indexed, no file name and no value typed can drive the terminal or forge a
// message line; a query typed in Latin-1 finds what was indexed from Latin-1.
#include "support/run.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

namespace t = depeche::test;

namespace {

const std::string kEvil = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\xc2\x9b\r";

std::vector<std::string> home_env(const t::TempDir& dir) {
  return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "XDG_STATE_HOME=", "DEPECHE_DB=", "DEPECHE_CONFIG="};
}

// Bytes a terminal acts on: C0 but the tab and line break, DEL, C1 (U+0080-U+009F); with
// `our_colours`, depeche's own SGR sequences are allowed.
std::string controls_in(std::string text, bool our_colours = false) {
  if (our_colours) text = std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
  std::string found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) found += "byte " + std::to_string(c) + "; ";
    if (c == 0xc2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xe0) == 0x80) found += "C1; ";
  }
  return found;
}

class TerminalEscapes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("in/texte.txt", "date 2023-07-01\nLe port " + kEvil + " de Brest\n\nLe port " + kEvil +
                                   " de Brest s'agrandit.\nLes quais\tsont neufs.\n");
    dir_.write("in/lignes.jsonl",
               R"({"id":"rec\u001b]0;x\u0007","date":"2023-07-02","source":"src\u001b[2J\u009b","section":"s\u0007",)"
               R"("title":"Le port \u001b[2J\u001b]0;pwned\u0007\u001b]52;c;aGk=\u0007\u009b\r de Brest",)"
               R"("body":"Le port \u001b[2J\u001b]0;pwned\u0007\u009b\r de Brest, encore."})"
               "\n");
    ASSERT_EQ(t::index({"--db", db(), dir_ / "in"}).status, 0);
  }
  std::string db() const { return dir_ / "db"; }
  t::TempDir dir_;
};

TEST_F(TerminalEscapes, NoOutputFormatPrintsWhatTheArticlesHid) {
  for (const std::string color : {"never", "always"})
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"brest"},
          {"brest", "--format", "tsv", "--fields", "id,source,section,title,snippet,url"},
          {"brest", "--format", "csv", "--fields", "id,source,section,title,snippet,url"},
          {"brest", "--facet", "source", "--facet", "section"},
          {"--show", "rec\x1b]0;x\x07"},
          {"--show", "in/texte.txt"},
          {"--show", "in/texte.txt", "--format", "tsv"},
          {"--show", "in/texte.txt", "--format", "csv"},
          {"brest", "--timeline"},
          {"--stats"},
          {"brest", "--explain"}}) {
      std::vector<std::string> full{"--db", db(), "--color", color};
      full.insert(full.end(), args.begin(), args.end());
      const auto r = t::search(full);
      EXPECT_EQ(r.status, 0) << args[0] << " " << color << ": " << r.err;
      EXPECT_EQ(controls_in(r.out, color == "always"), "") << args[0] << " " << color << ":\n" << r.out;
      EXPECT_EQ(controls_in(r.err), "") << r.err;
    }
  const auto coloured = t::search({"--db", db(), "--color", "always", "brest"});
  EXPECT_NE(coloured.out.find("\x1b[1m"), std::string::npos) << "depeche's own colours stay";
  // What survives indexing (an id is kept verbatim) shows as a visible escape.
  const auto shown = t::search({"--db", db(), "--show", "rec\x1b]0;x\x07"});
  EXPECT_NE(shown.out.find("id: rec\\x1B]0;x\\x07"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Le port  [2J ]0;pwned"), std::string::npos) << "indexed without its controls\n" << shown.out;
  const auto text = t::search({"--db", db(), "--show", "in/texte.txt"});
  EXPECT_NE(text.out.find("\nLes quais\tsont neufs."), std::string::npos) << "the body keeps its lines and tabs\n" << text.out;
}

TEST_F(TerminalEscapes, JsonEscapesWhatSurvivesIndexing) {
  const auto r = t::search({"--db", db(), "--format", "json", "brest"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(controls_in(r.out), "") << r.out;
  EXPECT_NE(r.out.find(R"("id":"rec\u001b]0;x\u0007")"), std::string::npos) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& hit : doc["hits"]) {
    EXPECT_EQ(controls_in(hit["title"].get<std::string>()), "") << "titles lose them when indexed";
    if (hit["source"].is_string()) {
      EXPECT_EQ(controls_in(hit["source"].get<std::string>()), "");
    }
  }
  // A query holding them is echoed escaped, on the command line as in a batch.
  const auto echoed = t::search({"--db", db(), "--format", "json", "brest\x1b]0;x\x07\xc2\x9b"});
  EXPECT_NE(echoed.out.find(R"("query":"brest\u001b]0;x\u0007\u009b")"), std::string::npos) << echoed.out;
  const auto batch = t::search({"--db", db(), "--batch", "-"}, "brest\x1b[2J\xc2\x9b\n");
  EXPECT_EQ(controls_in(batch.out), "") << batch.out;
  EXPECT_NE(batch.out.find(R"("query":"brest\u001b[2J\u009b")"), std::string::npos) << batch.out;
  const auto exported = t::search({"--db", db(), "--export"});
  EXPECT_EQ(controls_in(exported.out), "") << exported.out;
  EXPECT_NE(exported.out.find(R"("id":"rec\u001b]0;x\u0007")"), std::string::npos) << exported.out;
}

TEST_F(TerminalEscapes, SavedSearchesListedFromAHandEditedConfiguration) {
  const auto env = home_env(dir_);
  dir_.write(".config/depeche/config", "db = " + db() + "\nsaved.brest = brest " + kEvil + "\n");
  const auto r = t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(controls_in(r.out), "") << r.out;
  // (The configuration trims the line's end, the CR with it.)
  EXPECT_EQ(r.out, "brest\tbrest \\x1B[2J\\x1B]0;pwned\\x07\\x1B]52;c;aGk=\\x07\\u009B\n");
}

// A message per line, whatever the names: one built to look like another message stays in its own.
TEST(TerminalEscapesInMessages, FileNamesCannotForgeMessageLines) {
  t::TempDir dir;
  dir.write("in/evil\n depeche-index: forged.txt", "");  // an empty file: a message naming it
  dir.write("in/\x1b]0;x\x07.txt", "date 2023-07-01\nCaf\xe9\n\nUn caf\xe9.\n");  // a warning naming it
  const auto r = t::index({"--db", dir / "db", dir / "in", dir / "missing\x1b[2J\nforged"});
  EXPECT_EQ(r.status, 4) << r.err;
  EXPECT_EQ(controls_in(r.err), "") << r.err;
  std::size_t lines = 0;
  for (std::size_t at = 0; at < r.err.size(); at = r.err.find('\n', at) + 1, ++lines)
    EXPECT_EQ(r.err.compare(at, 15, "depeche-index: "), 0) << r.err;
  EXPECT_EQ(lines, 3u) << r.err;
  EXPECT_NE(r.err.find("in/evil\\n depeche-index: forged.txt:1: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in/\\x1B]0;x\\x07.txt:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing\\x1B[2J\\nforged"), std::string::npos) << r.err;
  const auto init = t::run({DEPECHE_INDEX_BIN, "--init", "--config", dir / "c\x1b[2Jfg", "--db", dir / "db", dir / "in"},
                          "", home_env(dir));
  EXPECT_EQ(init.status, 0) << init.err;
  EXPECT_EQ(init.out, "wrote " + (dir / "c\\x1B[2Jfg") + "\n");
  // The id of the article a file gives is its name: printed escaped too.
  const auto text = t::search({"--db", dir / "db", "--color", "always", "café"});
  EXPECT_EQ(controls_in(text.out, true), "") << text.out;
  EXPECT_NE(text.out.find("in/\\x1B]0;x\\x07.txt"), std::string::npos) << text.out;
}

TEST(TerminalEscapesInMessages, SearcherErrorsAreOneLineEach) {
  t::TempDir dir;
  dir.write("in/une.txt", "date 2023-07-01\nLe port\n\nLe port de Brest.\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", dir / "db", "--show", "x\n\x1b]0;y\x07"},
        {"--db", dir / "nodb\n\x1b[2J", "brest"},
        {"--db", dir / "db", "--format", "t\x1b[2J\nsv", "brest"},
        {"--db", dir / "db", "--saved", "a\nb"},
        {"--db", dir / "db", "--batch", dir / "no\nbatch"}}) {
    const auto r = t::search(args);
    EXPECT_NE(r.status, 0) << args[2];
    EXPECT_EQ(controls_in(r.err), "") << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("depeche-search: ", 0), 0u) << r.err;
  }
}

// The indexer reads a byte that is not UTF-8 as Windows-1252 (docs/robustness.md); a query must too.
TEST(QueriesDecodedLikeText, ALatin1QueryFindsWhatWasIndexedFromLatin1) {
  t::TempDir dir;
  dir.write("in/noel.txt", "date 2023-12-24\nNo\xebl au caf\xe9\n\nLe caf\xe9 du port f\xeate No\xebl.\n");
  ASSERT_NE(t::index({"--db", dir / "db", dir / "in"}).status, 3);
  for (const std::string query : {"caf\xe9", "No\xebl", "f\xeate"}) {
    const auto r = t::search({"--db", dir / "db", "--format", "json", query});
    EXPECT_EQ(r.status, 0) << query << ": " << r.err;
    const auto doc = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << r.out;
    EXPECT_EQ(doc["query"], std::string(query == "caf\xe9" ? "café" : query == "No\xebl" ? "Noël" : "fête")) << r.out;
  }
  const auto batch = t::search({"--db", dir / "db", "--batch", "-"}, "No\xebl\ncaf\xe9 f\xeate\n");
  EXPECT_EQ(batch.status, 0) << batch.err;
  std::size_t answers = 0;
  for (std::size_t at = 0; at < batch.out.size(); at = batch.out.find('\n', at) + 1, ++answers) {
    const auto doc = nlohmann::json::parse(batch.out.substr(at, batch.out.find('\n', at) - at));
    EXPECT_EQ(doc["total"], 1) << doc.dump();
  }
  EXPECT_EQ(answers, 2u) << batch.out;
  // Saved in Latin-1, read back as UTF-8.
  const auto env = home_env(dir);
  dir.write(".config/depeche/config", "db = " + (dir / "db") + "\n");
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "noel", "No\xebl"}, "", env).status, 0);
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env).out, "noel\tNoël\n");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "noel", "--count"}, "", env).out, "1\n");
}

}  // namespace
