#include "cli/config.h"

#include "util/error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

namespace {

using depeche::cli::check_config_value;
using depeche::cli::check_saved_name;
using depeche::cli::parse_config;

TEST(Config, ParsesKeysValuesAndComments) {
  const auto c = parse_config("# a comment\ndb = /srv/db\nindex = /a\n  index=/b  \nsaved.mali = Mali date:2023.. #x = y\n", "cfg");
  EXPECT_EQ(c.db, "/srv/db");
  EXPECT_EQ(c.inputs, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(c.saved.at("mali"), "Mali date:2023.. #x = y");
  EXPECT_THROW(parse_config("db\n", "cfg"), depeche::Error);
  EXPECT_THROW(parse_config("colour = red\n", "cfg"), depeche::Error);
}

// Sets environment variables for one test, and puts back what they were.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      value ? setenv(name, value, 1) : unsetenv(name);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) value ? setenv(name.c_str(), value->c_str(), 1) : unsetenv(name.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// The message parse_config throws for `text`, "" when it throws none.
std::string error_of(const std::string& text) {
  try {
    parse_config(text, "cfg");
  } catch (const depeche::Error& e) {
    return e.what();
  }
  return "";
}

TEST(Config, SearchDefaultsAreReadAndChecked) {
  const auto c = parse_config("limit = 0\nformat = csv\ncolor = never\nsort = -date\nfacet = source,year\nfacet  =  lang country\n"
                              "any = yes\ncollapse = false\n", "cfg");
  EXPECT_EQ(c.search.limit, 0u);
  EXPECT_EQ(c.search.format, "csv");
  EXPECT_EQ(c.search.color, "never");
  EXPECT_EQ(c.search.sort, "-date");
  EXPECT_EQ(c.search.facets, (std::vector<std::string>{"source", "year", "lang", "country"}));
  EXPECT_EQ(c.search.any, true);
  EXPECT_EQ(c.search.collapse, false);
  const auto none = parse_config("db = /x\n", "cfg").search;
  EXPECT_FALSE(none.limit || none.format || none.color || none.sort || none.facets || none.any || none.collapse);
  EXPECT_EQ(error_of("\n\nlimit = +3\n"), "cfg:3: limit: '+3' is not a whole number from 0 to 1000000000");
  EXPECT_EQ(error_of("facet = , ,\n"), "cfg:1: facet: no facet named");
  EXPECT_EQ(error_of("any = True\n"), "cfg:1: any: 'True' is not true, false, yes or no");
  EXPECT_EQ(error_of("format = 'json'\ncolor = \"always\"\n"), "") << "quotes around a whole value go";
  EXPECT_EQ(error_of("db = /a\ndb = /b\n"), "cfg:2: db: given twice (first on line 1)");
  EXPECT_EQ(error_of("index = /a\nindex = /a\n"), "") << "the inputs are a list";
}

TEST(Config, PathsExpandTildeAndVariables) {
  const ScopedEnv env{{"HOME", "/home/reader"}, {"DEPECHE_TEST_NEWS", "/srv/news"}, {"DEPECHE_TEST_UNSET", nullptr}};
  const auto c = parse_config("db = ~\nindex = ~/a\nindex = $DEPECHE_TEST_NEWS/b\nindex = ${DEPECHE_TEST_NEWS}c\n"
                              "index = /price$5/$/x$\nindex = /a~/b\nindex = \"~/with space\"\nindex = ~root/x\n", "cfg");
  EXPECT_EQ(c.db, "/home/reader");
  EXPECT_EQ(c.inputs, (std::vector<std::string>{"/home/reader/a", "/srv/news/b", "/srv/newsc", "/price$5/$/x$", "/a~/b",
                                                "/home/reader/with space", "/root/x"}));
  EXPECT_EQ(error_of("db = /x\nindex = $DEPECHE_TEST_UNSET\n"), "cfg:2: index: $DEPECHE_TEST_UNSET is not set (or empty)");
  EXPECT_EQ(error_of("saved.q = $DEPECHE_TEST_UNSET ~\n"), "") << "a query is not a path";
  EXPECT_EQ(error_of("db = ''\n"), "cfg:1: db: an empty path");
  EXPECT_EQ(error_of("index = \"\"\n"), "cfg:1: index: an empty path");
  EXPECT_EQ(parse_config("saved.q = \"a b\"\n", "cfg").saved.at("q"), "\"a b\"") << "a query keeps its quotes";
}

TEST(Config, ByteOrderMarkAndCarriageReturnsAreNotPartOfKeysOrValues) {
  const auto c = parse_config("\xEF\xBB\xBF" "db = /x\r\nlimit = 4\r\n", "cfg");
  EXPECT_EQ(c.db, "/x");
  EXPECT_EQ(c.search.limit, 4u);
}

// docs/config.md names every key, each in its table, and its example file reads as it says.
TEST(ConfigDoc, NamesEveryKeyAndItsExampleReads) {
  std::ifstream in(std::string(DEPECHE_SOURCE_DIR) + "/docs/config.md");
  ASSERT_TRUE(in) << "docs/config.md is missing";
  std::ostringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const char* key : depeche::cli::kConfigKeys)
    EXPECT_NE(doc.find("\n| `" + std::string(key) + "` |"), std::string::npos) << "docs/config.md has no table row for " << key;
  const std::regex row("\n\\| `([a-zA-Z.]+)` \\|");
  std::size_t rows = 0;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator(); ++it, ++rows)
    EXPECT_NE(std::find(depeche::cli::kConfigKeys.begin(), depeche::cli::kConfigKeys.end(), (*it)[1].str()),
              depeche::cli::kConfigKeys.end())
        << "docs/config.md documents a key the code does not know: " << (*it)[1];
  EXPECT_EQ(rows, depeche::cli::kConfigKeys.size());
  const std::string open = "```ini\n";
  const auto start = doc.find(open);
  ASSERT_NE(start, std::string::npos) << "no ```ini example in docs/config.md";
  const std::string example = doc.substr(start + open.size(), doc.find("```", start + open.size()) - start - open.size());
  const ScopedEnv env{{"HOME", "/home/reader"}, {"NEWS", "/srv/news"}};
  const auto c = parse_config(example, "example");
  EXPECT_FALSE(c.db.empty());
  EXPECT_FALSE(c.inputs.empty());
  EXPECT_FALSE(c.saved.empty());
  EXPECT_TRUE(c.search.limit && c.search.format && c.search.facets && c.search.sort);
}

// Each `# key = value` line of the file --init writes reads once its '#' is removed.
TEST(Config, InitialConfigurationsCommentedSettingsRead) {
  const ScopedEnv env{{"HOME", "/home/reader"}};
  const std::string text = depeche::cli::initial_config("/srv/db", {"/srv/news"});
  std::istringstream in(text);
  std::string uncommented;
  std::size_t settings = 0;
  for (std::string line; std::getline(in, line);) {
    const bool setting = std::regex_search(line, std::regex("^# [a-z.]+ = "));
    settings += setting;
    uncommented += (setting && line.find("index") == std::string::npos ? line.substr(2) : line) + "\n";
  }
  const auto c = parse_config(uncommented, "init");
  EXPECT_EQ(c.db, "/srv/db");
  EXPECT_EQ(c.inputs, std::vector<std::string>{"/srv/news"});
  EXPECT_EQ(c.search.limit, 10u);
  EXPECT_EQ(c.search.collapse, true);
  EXPECT_EQ(c.search.facets, (std::vector<std::string>{"source", "year"}));
  EXPECT_EQ(c.saved.size(), 1u);
  EXPECT_GE(settings, 8u);
}

TEST(Config, SavedNamesAreOneWordAFileMayBearAndQueriesOneLine) {
  for (const char* ok : {"mali", "Mali-2023", "a_b.c", "élections", "Škoda", "Москва", "x"}) EXPECT_NO_THROW(check_saved_name(ok)) << ok;
  for (const std::string& bad : std::vector<std::string>{"", ".hidden", "..", "../x", "a/b", "a b", "a=b", "a\nb", "a\tb", "a\x1b", "nbsp\xc2\xa0",
                                "c1\xc2\x85", "times\xc3\x97", "cjk\xe4\xb8\xad", "bad\xff", std::string(65, 'a')})
    EXPECT_THROW(check_saved_name(bad), depeche::Error) << bad;
  EXPECT_NO_THROW(check_config_value("\"fibre optique\" = # é", "q"));
  for (const char* bad : {"a\nb", "a\rb", "a\x1b[2J", "a\x7f", "a\tb"}) EXPECT_THROW(check_config_value(bad, "q"), depeche::Error);
}

}  // namespace
