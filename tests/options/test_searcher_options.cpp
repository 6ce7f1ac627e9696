// depeche-search's option rules, checked where they are defined: choices, ranges, the modes that
// go alone, and what resolve() makes of them.
#include "searcher/options.h"

#include "command_line.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

namespace {

using depeche::SearcherOptions;
using depeche::test::mentions;

// Parses `args` (without the program's name); returns CLI11's message, or "" when accepted.
std::string parse(std::vector<std::string> args, SearcherOptions& o) {
  args.insert(args.begin(), "depeche-search");
  CLI::App app{"depeche-search"};
  depeche::define_options(app, o);
  return depeche::test::parse_error(app, args);
}

std::string parse_error(const std::vector<std::string>& args) {
  SearcherOptions o;
  return parse(args, o);
}

TEST(SearcherOptions, ChoicesAreChecked) {
  EXPECT_TRUE(mentions(parse_error({"--format", "xml", "q"}), "xml not in {text,json,jsonl,tsv,csv,atom}"));
  EXPECT_TRUE(mentions(parse_error({"--sort", "size", "q"}), "size not in {relevance,date,-date}"));
  EXPECT_TRUE(mentions(parse_error({"--color", "sometimes", "q"}), "sometimes not in {auto,always,never}"));
  EXPECT_TRUE(mentions(parse_error({"--by", "week", "--timeline", "q"}), "week not in {month,day}"));
  EXPECT_TRUE(mentions(parse_error({"--facet-sort", "size", "q"}), "size not in {auto,count,value}"));
  EXPECT_TRUE(mentions(parse_error({"--facet", "colour", "q"}), "colour not in"));
  EXPECT_EQ(parse_error({"--format", "csv", "--sort", "-date", "--facet", "year", "--facet", "source", "q"}), "");
}

TEST(SearcherOptions, CountsAreBoundedByABillion) {
  EXPECT_EQ(parse_error({"--limit", "1000000000", "--offset", "0", "q"}), "");
  for (const char* option : {"--limit", "-n", "--offset", "--facet-limit"})
    EXPECT_TRUE(mentions(parse_error({option, "1000000001", "q"}), "Value 1000000001 not in range 0 to 1000000000")) << option;
}

TEST(SearcherOptions, OneThingToPrintPerRun) {
  EXPECT_TRUE(mentions(parse_error({"--count", "--timeline", "q"}), "--count and --timeline cannot be given together"));
  EXPECT_TRUE(mentions(parse_error({"--show", "id", "--stats"}), "--show and --stats cannot be given together"));
  EXPECT_TRUE(mentions(parse_error({"--export", "--list-saved"}), "--export and --list-saved cannot be given together"));
  EXPECT_TRUE(mentions(parse_error({"--batch", "f", "--save", "n"}), "--batch and --save cannot be given together"));
  EXPECT_TRUE(mentions(parse_error({"--stats", "q"}), "--stats takes no query"));
  EXPECT_EQ(parse_error({"--stats"}), "");
  EXPECT_EQ(parse_error({"--count", "q"}), "");
}

TEST(SearcherOptions, BatchAndExportPrintJsonLinesWhateverTheFormat) {
  EXPECT_TRUE(mentions(parse_error({"--export", "--format", "tsv"}), "--export prints JSON lines: --format tsv cannot apply"));
  EXPECT_TRUE(mentions(parse_error({"--batch", "f", "--format", "text"}), "--batch prints JSON lines: --format text cannot apply"));
  for (const char* format : {"json", "jsonl"}) {
    EXPECT_EQ(parse_error({"--export", "--format", format}), "") << format;
    EXPECT_EQ(parse_error({"--batch", "f", "--format", format}), "") << format;
  }
}

TEST(SearcherOptions, ResolveJoinsWordsAndTurnsFilterOptionsIntoFilters) {
  SearcherOptions o;
  ASSERT_EQ(parse({"fibre", "optique", "--since", "2021", "--source", "lemonde.fr", "--sort", "date", "--any"}, o), "");
  const depeche::ResolvedOptions r = depeche::resolve(o, false);
  EXPECT_EQ(r.request.query, "fibre optique");
  EXPECT_TRUE(r.request.match_any);
  EXPECT_EQ(r.request.sort, depeche::SortOrder::kDateNewest);
  ASSERT_EQ(r.request.filters.size(), 2u);
  EXPECT_EQ(r.request.filters[0], (std::pair<std::string, std::string>{"date", "2021.."}));
  EXPECT_EQ(r.request.filters[1], (std::pair<std::string, std::string>{"source", "lemonde.fr"}));
}

TEST(SearcherOptions, QueryWordsAreDecodedAsTheIndexerDecodesText) {
  SearcherOptions o;
  ASSERT_EQ(parse({"caf\xe9"}, o), "");
  EXPECT_EQ(depeche::resolve(o, false).request.query, "caf\xc3\xa9");
}

TEST(SearcherOptions, ColourOnlyForTextOnATerminalWithoutNoColor) {
  unsetenv("NO_COLOR");
  setenv("TERM", "xterm", 1);
  const auto colour = [](const std::vector<std::string>& args, bool terminal) {
    SearcherOptions o;
    EXPECT_EQ(parse(args, o), "");
    return depeche::resolve(o, terminal).output.color;
  };
  EXPECT_TRUE(colour({"q"}, true));
  EXPECT_FALSE(colour({"q"}, false));
  EXPECT_TRUE(colour({"--color", "always", "q"}, false));
  EXPECT_FALSE(colour({"--color", "never", "q"}, true));
  EXPECT_FALSE(colour({"--format", "json", "--color", "always", "q"}, true));
  setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(colour({"q"}, true));
  unsetenv("NO_COLOR");
  setenv("TERM", "dumb", 1);
  EXPECT_FALSE(colour({"q"}, true));
}

// The configuration's defaults fill what the command line left out, never what it gave.
TEST(SearcherOptions, ConfigurationDefaultsGiveWayToEveryOptionGiven) {
  depeche::cli::SearchDefaults d;
  d.limit = 3;
  d.format = "json";
  d.color = "always";
  d.sort = "date";
  d.facets = std::vector<std::string>{"source", "year"};
  d.any = true;
  d.collapse = false;
  const auto applied = [&d](std::vector<std::string> args) {
    args.insert(args.begin(), "depeche-search");
    SearcherOptions o;
    CLI::App app{"depeche-search"};
    depeche::define_options(app, o);
    EXPECT_EQ(depeche::test::parse_error(app, args), "");
    depeche::apply_search_defaults(app, d, o);
    return o;
  };
  const SearcherOptions from_file = applied({"q"});
  EXPECT_EQ(from_file.limit, 3u);
  EXPECT_EQ(from_file.format, "json");
  EXPECT_EQ(from_file.color, "always");
  EXPECT_EQ(from_file.sort, "date");
  EXPECT_EQ(from_file.facets, (std::vector<std::string>{"source", "year"}));
  EXPECT_TRUE(from_file.any);
  EXPECT_TRUE(from_file.no_collapse);
  const SearcherOptions given = applied({"-n", "10", "--format", "text", "--color", "auto", "--sort", "relevance", "--facet",
                                         "lang", "--all", "--collapse", "q"});
  EXPECT_EQ(given.limit, 10u);
  EXPECT_EQ(given.format, "text");
  EXPECT_EQ(given.color, "auto");
  EXPECT_EQ(given.sort, "relevance");
  EXPECT_EQ(given.facets, std::vector<std::string>{"lang"});
  EXPECT_FALSE(given.any);
  EXPECT_FALSE(given.no_collapse);
  d = {};
  const SearcherOptions built_in = applied({"q"});
  EXPECT_EQ(built_in.limit, 10u);
  EXPECT_EQ(built_in.format, "text");
  EXPECT_TRUE(built_in.facets.empty());
  EXPECT_FALSE(built_in.no_collapse);
}

// docs/config.md's default for each search key is the option's own.
TEST(SearcherOptions, ConfigDocSaysTheBuiltInDefaults) {
  std::ifstream in(std::string(DEPECHE_SOURCE_DIR) + "/docs/config.md");
  ASSERT_TRUE(in) << "docs/config.md is missing";
  std::map<std::string, std::string> documented;  // key -> its default cell
  const std::regex row(R"(^\| `(\w+)` \| [^|]* \| ([^|]*) \|)");
  for (std::string line; std::getline(in, line);)
    if (std::smatch m; std::regex_search(line, m, row)) documented[m[1]] = m[2];
  const SearcherOptions built_in;
  const auto code = [](const std::string& v) { return "`" + v + "`"; };
  EXPECT_EQ(documented["limit"], code(std::to_string(built_in.limit)));
  EXPECT_EQ(documented["format"], code(built_in.format));
  EXPECT_EQ(documented["color"], code(built_in.color));
  EXPECT_EQ(documented["sort"], code(built_in.sort));
  EXPECT_EQ(documented["any"], code(built_in.any ? "true" : "false"));
  EXPECT_EQ(documented["collapse"], code(built_in.no_collapse ? "false" : "true"));
  EXPECT_TRUE(built_in.facets.empty());
  EXPECT_EQ(documented["facet"], "none");
}

TEST(SearcherOptions, SnippetsOnlyWhenPrinted) {
  const auto snippets = [](const std::vector<std::string>& args) {
    SearcherOptions o;
    EXPECT_EQ(parse(args, o), "");
    return depeche::resolve(o, false).request.snippets;
  };
  EXPECT_TRUE(snippets({"q"}));
  EXPECT_FALSE(snippets({"--no-snippets", "q"}));
  EXPECT_FALSE(snippets({"--format", "tsv", "q"}));
  EXPECT_TRUE(snippets({"--format", "csv", "--fields", "rank,snippet", "q"}));
}

}  // namespace
