// Issue 14: defaults and configuration, so daily use and cron need no flags.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace t = depeche::test;
using nlohmann::json;

namespace {

std::vector<std::string> home_env(const t::TempDir& dir) {
  return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "DEPECHE_DB=", "DEPECHE_CONFIG="};
}

TEST(Config, InitThenPlainCommandsUseTheDefaults) {
  t::TempDir home;
  const auto env = home_env(home);
  auto r = t::run({DEPECHE_INDEX_BIN, "--init", t::source_dir() + "/data"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string config = home / ".config/depeche/config";
  ASSERT_TRUE(std::filesystem::exists(config));
  r = t::run({DEPECHE_INDEX_BIN}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(home / ".local/share/depeche/db"));
  r = t::run({DEPECHE_SEARCH_BIN, "--count", "iran"}, "", env);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out, "0\n");
  r = t::run({DEPECHE_INDEX_BIN, "--init"}, "", env);
  EXPECT_EQ(r.status, 2) << "never overwrites an existing configuration";
}

// A configuration named by a bare file name is written in the current folder, and a folder that
// cannot be written is an error, never "wrote".
TEST(Config, InitWritesWhereTheConfigOptionSays) {
  t::TempDir home;
  const auto env = home_env(home);
  auto r = t::run({"/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --init --config cfg", home.path(), DEPECHE_INDEX_BIN}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "wrote cfg\n");
  EXPECT_TRUE(std::filesystem::exists(home / "cfg"));
  home.write("file", "");
  r = t::run({DEPECHE_INDEX_BIN, "--init", "--config", home / "file/cfg"}, "", env);
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(home / "file"), std::string::npos) << r.err;
  std::filesystem::create_directory(home / "taken.tmp");  // where the configuration is written first
  r = t::run({DEPECHE_INDEX_BIN, "--init", "--config", home / "taken"}, "", env);
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(home / "taken.tmp"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(home / "taken"));
}

TEST(Config, DbOptionBeatsEnvironmentBeatsConfig) {
  t::TempDir home;
  auto env = home_env(home);
  home.write("cfg", "db = " + (home / "from-config") + "\nindex = " + t::source_dir() + "/data\n");
  env.push_back("DEPECHE_CONFIG=" + (home / "cfg"));
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN}, "", env).status, 0);
  EXPECT_TRUE(std::filesystem::exists(home / "from-config"));
  env.push_back("DEPECHE_DB=" + (home / "from-env"));
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN}, "", env).status, 0);
  EXPECT_TRUE(std::filesystem::exists(home / "from-env"));
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, "--db", home / "from-option"}, "", env).status, 0);
  EXPECT_TRUE(std::filesystem::exists(home / "from-option"));
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One line on stderr, and it is `expected`'s.
void expect_one_line(const t::RunResult& r, const std::string& expected) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

TEST(Config, TildeHomeAndVariablesExpandInPaths) {
  t::TempDir home;
  auto env = home_env(home);
  std::filesystem::create_directories(home / "news");
  std::filesystem::copy(t::source_dir() + "/data", home / "news/articles", std::filesystem::copy_options::recursive);
  env.push_back("NEWS=" + (home / "news"));
  env.push_back("DEPECHE_CONFIG=" + home.write("cfg", "db = ~/db\nindex = $NEWS/articles\nindex = ${HOME}/news/articles\n"));
  auto r = t::run({DEPECHE_INDEX_BIN}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(home / "db"));
  EXPECT_FALSE(std::filesystem::exists(home / "~")) << "~ taken for a folder's name";
  r = t::run({DEPECHE_SEARCH_BIN, "--count", "mali"}, "", env);
  EXPECT_EQ(r.status, 0) << r.err;
  // ~user is that user's home: root's, read only (a missing database names the path it looked at).
  home.write("cfg", "db = ~root/depeche-no-such-db\n");
  r = t::run({DEPECHE_SEARCH_BIN, "mali"}, "", env);
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("/root/depeche-no-such-db:"), std::string::npos) << r.err;
  home.write("cfg", "db = ~no-such-user-of-depeche/db\n");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "mali"}, "", env), home / "cfg:1: db: no user 'no-such-user-of-depeche'");
}

// An unset variable would make "$NEWS/articles" the folder /articles: an error, never an empty string.
TEST(Config, UnsetOrEmptyVariableIsAnErrorNamingFileLineAndKey) {
  t::TempDir home;
  auto env = home_env(home);
  env.push_back("DEPECHE_TEST_EMPTY=");
  const std::string cfg = home.write("cfg", "db = ~/db\nindex = $DEPECHE_TEST_UNSET/articles\n");
  expect_one_line(t::run({DEPECHE_INDEX_BIN, "--config", cfg}, "", env), cfg + ":2: index: $DEPECHE_TEST_UNSET is not set");
  home.write("cfg", "db = ${DEPECHE_TEST_EMPTY}/db\n");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ":1: db: $DEPECHE_TEST_EMPTY is not set");
  home.write("cfg", "db = ${HOME/db\n");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ":1: db: '${' without its '}'");
  home.write("cfg", "db = ~/db\n");
  env.push_back("HOME=");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ":1: db: $HOME is not set");
}

// A file named by DEPECHE_CONFIG or --config that is missing was a typo: silently ignoring it
// searched the wrong database. The default file may be missing.
TEST(Config, MissingNamedFileIsAnErrorMissingDefaultIsNot) {
  t::TempDir home;
  auto env = home_env(home);
  const std::string missing = home / "no/such/config";
  for (const char* bin : {DEPECHE_INDEX_BIN, DEPECHE_SEARCH_BIN}) {
    expect_one_line(t::run({bin, "--config", missing, "mali"}, "", env), missing + ": cannot read configuration (no such file)");
    auto with_variable = env;
    with_variable.push_back("DEPECHE_CONFIG=" + missing);
    expect_one_line(t::run({bin, "mali"}, "", with_variable), missing + ": cannot read configuration (no such file)");
  }
  env.push_back("DEPECHE_DB=" + (home / "db"));
  auto r = t::run({DEPECHE_INDEX_BIN, t::source_dir() + "/data"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  r = t::run({DEPECHE_SEARCH_BIN, "--count", "mali"}, "", env);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(home / ".config")) << "reading writes nothing";
}

// After --forget of the last saved search, the file is empty: no configuration, which --init may
// replace; comments alone too. Anything else is never overwritten.
TEST(Config, InitReplacesAnEmptyOrCommentOnlyFileNeverARealOne) {
  t::TempDir home;
  auto env = home_env(home);
  env.push_back("DEPECHE_DB=" + (home / "db"));
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "mali", "mali"}, "", env).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--forget", "mali"}, "", env).status, 0);
  const std::string config = home / ".config/depeche/config";
  ASSERT_EQ(read(config), "");
  auto r = t::run({DEPECHE_INDEX_BIN, "--init", t::source_dir() + "/data"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(read(config).find("index = " + t::source_dir() + "/data"), std::string::npos);
  home.write(".config/depeche/config", "\xEF\xBB\xBF# mine\r\n\n   \n\t# indented\n");
  r = t::run({DEPECHE_INDEX_BIN, "--init"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(read(config).find("db = "), std::string::npos);
  for (const std::string& real : {std::string("# mine\nlimit = 5\n"), std::string("not a setting\n"), std::string("\xEF\xBB\xBFlimit=5")}) {
    home.write(".config/depeche/config", real);
    r = t::run({DEPECHE_INDEX_BIN, "--init"}, "", env);
    EXPECT_EQ(r.status, 2) << real;
    EXPECT_EQ(read(config), real) << "overwritten";
  }
  std::filesystem::remove(config);
  std::filesystem::create_directory(config);
  r = t::run({DEPECHE_INDEX_BIN, "--init"}, "", env);
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(std::filesystem::is_directory(config));
}

TEST(Config, BadValuesAreErrorsNamingFileLineAndKey) {
  t::TempDir home;
  const auto env = home_env(home);
  const std::string cfg = home / "cfg";
  for (const auto& [line, message] : std::vector<std::pair<std::string, std::string>>{
           {"limit = -3", "limit: '-3' is not a whole number from 0 to 1000000000"},
           {"limit = 1000000001", "limit: '1000000001' is not a whole number"},
           {"limit = 99999999999999999999999", "limit: '99999999999999999999999' is not a whole number"},
           {"limit = 10 # ten", "limit: '10 # ten' is not a whole number"},
           {"format = xml", "format: 'xml' is not one of text, json, jsonl, tsv, csv"},
           {"color = maybe", "color: 'maybe' is not one of auto, always, never"},
           {"sort = size", "sort: 'size' is not one of relevance, date, -date"},
           {"facet = source, colour", "facet: 'colour' is not one of source, year, month"},
           {"any = perhaps", "any: 'perhaps' is not true, false, yes or no"},
           {"collapse = 1", "collapse: '1' is not true, false, yes or no"},
           {"limit =", "limit: no value after '='"},
           {"colour = red", "colour: unknown key (known: db, index, limit, format, color, facet, any, sort, collapse, saved.NAME)"},
           {"format = \x1b[2J", "format: '\\x1B[2J' is not one of"}}) {
    home.write("cfg", "# defaults\n" + line + "\n");
    expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ":2: " + message);
    // One file for both: the indexer does not let a broken line wait for the next search.
    expect_one_line(t::run({DEPECHE_INDEX_BIN, "--config", cfg, "--db", home / "db", t::source_dir() + "/data"}, "", env),
                    cfg + ":2: " + message);
  }
}

TEST(Config, KeyGivenTwiceIsAnErrorButIndexAndFacetAddUp) {
  t::TempDir home;
  const auto env = home_env(home);
  const std::string cfg = home.write("cfg", "db = /a\nlimit = 3\n\nlimit = 4\n");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ":4: limit: given twice (first on line 2)");
  home.write("cfg", "saved.x = a\nsaved.x = b\n");
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--list-saved"}, "", env), cfg + ":2: saved.x: given twice");
  home.write("cfg", "saved.x = a\nsaved.y = b\n");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--list-saved"}, "", env).out, "x\ta\ny\tb\n");
}

// What an editor may leave in the file: a BOM and CRLF line ends; values with blanks and quotes.
TEST(Config, BomCrlfSpacesAndQuotes) {
  t::TempDir home;
  const auto env = home_env(home);
  const std::string cfg = home.write(
      "cfg", "\xEF\xBB\xBF# written on Windows\r\ndb = \"~/my news db\"\r\nindex = '" + t::source_dir() +
                 "/data'\r\nlimit=\"1\"\r\nsaved.phrase = \"centre d'innovation\" OR 'mali'\r\n");
  auto r = t::run({DEPECHE_INDEX_BIN, "--config", cfg}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(home / "my news db"));
  r = t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--list-saved"}, "", env);
  EXPECT_EQ(r.out, "phrase\t\"centre d'innovation\" OR 'mali'\n") << "a query keeps its quotes";
  r = t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--format", "json", "mali"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["hits"].size(), 1u);
  // --save rewrites the file: the saved line stays one, and the file still reads.
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--save", "phrase", "iran"}, "", env).status, 0);
  r = t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "--list-saved"}, "", env);
  EXPECT_EQ(r.out, "phrase\tiran\n") << r.err;
}

TEST(Config, FolderIsAnError) {
  t::TempDir home;
  const auto env = home_env(home);
  for (const char* bin : {DEPECHE_INDEX_BIN, DEPECHE_SEARCH_BIN})
    expect_one_line(t::run({bin, "--config", home.path(), "mali"}, "", env), home.path() + ": configuration is not a regular file");
}

TEST(Config, UnreadableFileIsAnError) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads a file whatever its mode";
  t::TempDir home;
  const auto env = home_env(home);
  const std::string cfg = home.write("cfg", "limit = 3\n");
  std::filesystem::permissions(cfg, std::filesystem::perms::none);
  expect_one_line(t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "mali"}, "", env), cfg + ": cannot read configuration (Permission denied)");
}

// --no-config: nothing read, not even a broken file; and nothing that needs the file goes with it.
TEST(Config, NoConfigReadsNothing) {
  t::TempDir home;
  auto env = home_env(home);
  env.push_back("DEPECHE_CONFIG=" + home.write("cfg", "this is not a setting\n"));
  auto r = t::run({DEPECHE_INDEX_BIN, "--no-config", "--db", home / "db", t::source_dir() + "/data"}, "", env);
  ASSERT_EQ(r.status, 0) << r.err;
  r = t::run({DEPECHE_SEARCH_BIN, "--no-config", "--db", home / "db", "--count", "mali"}, "", env);
  EXPECT_EQ(r.status, 0) << r.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{DEPECHE_INDEX_BIN, "--no-config", "--init"}, {DEPECHE_SEARCH_BIN, "--no-config", "--config", "x", "q"},
        {DEPECHE_SEARCH_BIN, "--no-config", "--save", "n", "q"}, {DEPECHE_SEARCH_BIN, "--no-config", "--saved", "n"},
        {DEPECHE_SEARCH_BIN, "--no-config", "--list-saved"}, {DEPECHE_SEARCH_BIN, "--no-config", "--forget", "n"}})
    EXPECT_EQ(t::run(args, "", env).status, 2) << args[1] << " " << args[2];
  EXPECT_EQ(read(home / "cfg"), "this is not a setting\n");
}

// The searcher's defaults set in the file; the option given always wins; --no-config drops them.
class SearchDefaults : public t::IndexedCorpus<SearchDefaults> {
 protected:
  static void SetUpTestSuite() { index_once({t::source_dir() + "/data"}); }

  // depeche-search with the configuration `settings` (and no db, which --db gives) and `args`.
  static t::RunResult search(const std::string& settings, std::vector<std::string> args,
                             std::vector<std::string> env = {}) {
    const std::string cfg = folder().write("cfg", settings);
    args.insert(args.begin(), {DEPECHE_SEARCH_BIN, "--db", db()});
    if (args.back() != "--no-config") args.insert(args.begin() + 1, {"--config", cfg});
    env.insert(env.end(), {"DEPECHE_CONFIG=", "NO_COLOR="});
    return t::run(args, "", env);
  }
  static json hits(const t::RunResult& r) {
    EXPECT_EQ(r.status, 0) << r.err;
    return json::parse(r.out)["hits"];
  }
};

TEST_F(SearchDefaults, LimitFormatFacetAndSort) {
  const std::string settings = "limit = 2\nformat = json\nfacet = source, year\nfacet = lang\nsort = -date\n";
  auto r = search(settings, {"mali"});
  const json answer = json::parse(r.out);
  ASSERT_EQ(answer["hits"].size(), 2u);
  EXPECT_EQ(answer["facets"].size(), 3u);
  EXPECT_TRUE(answer["facets"].contains("lang"));
  EXPECT_LE(answer["hits"][0]["date"].get<std::string>(), answer["hits"][1]["date"].get<std::string>());
  const json over = json::parse(search(settings, {"--limit", "3", "--facet", "month", "--sort", "date", "mali"}).out);
  ASSERT_EQ(over["hits"].size(), 3u);
  EXPECT_EQ(over["facets"].size(), 1u);
  EXPECT_TRUE(over["facets"].contains("month"));
  EXPECT_GE(over["hits"][0]["date"].get<std::string>(), over["hits"][1]["date"].get<std::string>());
  r = search(settings, {"--format", "tsv", "mali"});
  EXPECT_EQ(r.out.rfind("{", 0), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << "a header and the file's 2 hits";
  r = search(settings, {"mali", "--no-config"});
  EXPECT_EQ(r.out.rfind("{", 0), std::string::npos) << "text, as built in";
}

TEST_F(SearchDefaults, AnyAndCollapseHaveOptionsBothWays) {
  const auto count = [&](const std::string& settings, std::vector<std::string> args) {
    args.insert(args.begin(), "--count");
    args.insert(args.end(), {"mali", "brest"});
    return search(settings, args).out;
  };
  const std::string all = count("", {}), any = count("", {"--any"});
  ASSERT_NE(all, any) << "the data must tell them apart";
  EXPECT_EQ(count("any = yes\n", {}), any);
  EXPECT_EQ(count("any = true\n", {"--all"}), all);
  EXPECT_EQ(count("any = no\n", {}), all);
  const std::string json_limit = "format = json\nlimit = 100\n";
  const auto shown = [&](const std::string& settings, const std::vector<std::string>& args) {
    std::vector<std::string> a = args;
    a.push_back("énergie");
    return hits(search(json_limit + settings, a)).size();
  };
  const std::size_t collapsed = shown("", {}), every = shown("", {"--no-collapse"});
  ASSERT_NE(collapsed, every) << "the data must tell them apart";
  EXPECT_EQ(shown("collapse = false\n", {}), every);
  EXPECT_EQ(shown("collapse = false\n", {"--collapse"}), collapsed);
  EXPECT_EQ(shown("collapse = true\n", {"--no-collapse"}), every);
}

// no-color.org: a configuration file's choice beats NO_COLOR; `auto` still heeds it.
TEST_F(SearchDefaults, ColorAlwaysFromTheFileBeatsNoColorTheOptionBeatsBoth) {
  const std::string escape = "\x1b[";
  EXPECT_NE(search("color = always\n", {"mali"}, {"NO_COLOR=1"}).out.find(escape), std::string::npos);
  EXPECT_EQ(search("color = always\n", {"--color", "never", "mali"}).out.find(escape), std::string::npos);
  EXPECT_EQ(search("color = auto\n", {"mali"}).out.find(escape), std::string::npos) << "not a terminal";
  EXPECT_EQ(search("color = always\nformat = tsv\n", {"mali"}).out.find(escape), std::string::npos);
}

TEST(Config, BadLineNamesFileAndLine) {
  t::TempDir home;
  const std::string cfg = home.write("cfg", "db = /tmp/x\nthis is not a setting\n");
  const auto r = t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "iran"}, "", home_env(home));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(cfg + ":2:"), std::string::npos) << r.err;
}

}  // namespace
