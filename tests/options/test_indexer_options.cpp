// depeche-index's option rules, checked where they are defined: choices, ranges, the modes that
// go alone, and what resolve() takes from the configuration and the environment.
#include "indexer/options.h"

#include "command_line.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

using depeche::IndexerOptions;
using depeche::IndexMode;
using depeche::SummaryFormat;
using depeche::test::mentions;

// Parses `args` (without the program's name) as main() does, values of --summary and --wait
// joined first; returns CLI11's message, or "" when the command line is accepted.
std::string parse(std::vector<std::string> args, IndexerOptions& o) {
  args.insert(args.begin(), "depeche-index");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  CLI::App app{"depeche-index"};
  depeche::define_options(app, o);
  return depeche::test::parse_error(app, depeche::join_flag_values(static_cast<int>(argv.size()), argv.data()));
}

std::string parse_error(const std::vector<std::string>& args) {
  IndexerOptions o;
  return parse(args, o);
}

TEST(IndexerOptions, SummaryIsTextWithoutAValueOrJson) {
  IndexerOptions o;
  EXPECT_EQ(parse({"--summary", "in"}, o), "");
  EXPECT_EQ(o.summary, "text");
  EXPECT_EQ(o.paths, std::vector<std::string>{"in"}) << "the word after a bare --summary stays a path";
  IndexerOptions json;
  EXPECT_EQ(parse({"--summary", "json", "in"}, json), "");
  EXPECT_EQ(json.summary, "json");
  EXPECT_EQ(json.paths, std::vector<std::string>{"in"});
  EXPECT_TRUE(mentions(parse_error({"--summary=xml", "in"}), "xml not in {text,json}"));
}

TEST(IndexerOptions, WaitTakesSecondsOnlyAfterAnEqualsSignOrAsANumber) {
  IndexerOptions bare;
  EXPECT_EQ(parse({"--wait", "in"}, bare), "");
  EXPECT_EQ(bare.wait_seconds, 3600);
  EXPECT_EQ(bare.paths, std::vector<std::string>{"in"});
  IndexerOptions given;
  EXPECT_EQ(parse({"--wait", "5", "in"}, given), "");
  EXPECT_EQ(given.wait_seconds, 5);
  EXPECT_EQ(given.paths, std::vector<std::string>{"in"});
}

TEST(IndexerOptions, ChoicesAreChecked) {
  EXPECT_TRUE(mentions(parse_error({"--input-format", "xml", "in"}), "xml not in {auto,text,jsonl,html,feed}"));
  EXPECT_TRUE(mentions(parse_error({"--shard-by", "week", "in"}), "week not in {none,year,month}"));
  EXPECT_TRUE(mentions(parse_error({"--encoding", "klingon", "in"}), "unknown charset 'klingon'"));
  IndexerOptions o;
  EXPECT_EQ(parse({"--input-format", "jsonl", "--shard-by", "year", "--encoding", "latin1", "in"}, o), "");
  EXPECT_EQ(o.input_format, "jsonl");
  EXPECT_EQ(o.shard_by, "year");
}

TEST(IndexerOptions, RangesAreChecked) {
  for (const char* depth : {"1", "4096"}) EXPECT_EQ(parse_error({"--max-depth", depth, "in"}), "") << depth;
  for (const char* depth : {"0", "4097"})
    EXPECT_TRUE(mentions(parse_error({"--max-depth", depth, "in"}), std::string("Value ") + depth + " not in range 1 to 4096"))
        << depth;
  EXPECT_TRUE(mentions(parse_error({"--batch-size", "0", "in"}), "Value 0 not in range 1 to 1000000"));
  EXPECT_EQ(parse_error({"--batch-size", "1000000", "in"}), "");
}

TEST(IndexerOptions, RebuildAndCompactGoAlone) {
  EXPECT_TRUE(mentions(parse_error({"--rebuild", "in"}), "--rebuild takes no paths"));
  EXPECT_TRUE(mentions(parse_error({"--rebuild", "--delete"}), "--rebuild takes no paths"));
  for (const auto& args : {std::vector<std::string>{"--compact", "in"}, {"--compact", "--rebuild"},
                            {"--compact", "--delete"}})
    EXPECT_TRUE(mentions(parse_error(args), "--compact takes no paths and goes alone")) << args[1];
  EXPECT_EQ(parse_error({"--rebuild"}), "");
  EXPECT_EQ(parse_error({"--compact", "--summary"}), "");
}

// Options parsed, then resolved with a configuration file of `config` (and no $DEPECHE_DB).
depeche::ResolvedIndexerOptions resolved(std::vector<std::string> args, const std::string& config = "") {
  static const depeche::test::TempDir dir;
  unsetenv("DEPECHE_DB");
  args.insert(args.begin(), {"--config", dir.write("config", config)});
  IndexerOptions o;
  EXPECT_EQ(parse(args, o), "");
  return depeche::resolve(o);
}

TEST(IndexerOptions, OneModePerRunInOrderOfPrecedence) {
  EXPECT_EQ(resolved({"in"}).mode, IndexMode::kIndex);
  EXPECT_EQ(resolved({"--prune", "in"}).mode, IndexMode::kIndex);
  EXPECT_EQ(resolved({"--delete", "id"}).mode, IndexMode::kDelete);
  EXPECT_EQ(resolved({"--rebuild"}).mode, IndexMode::kRebuild);
  EXPECT_EQ(resolved({"--compact"}).mode, IndexMode::kCompact);
  EXPECT_EQ(resolved({"--init", "--compact"}).mode, IndexMode::kInit);
  EXPECT_EQ(resolved({"--delete", "--prune", "id"}).mode, IndexMode::kDelete);
}

TEST(IndexerOptions, ResolveTakesTheDatabaseAndInputsFromTheConfigurationWhenNotGiven) {
  const std::string config = "db = /srv/news.db\nindex = /srv/a\nindex = /srv/b\n";
  const auto from_config = resolved({}, config);
  EXPECT_EQ(from_config.db, "/srv/news.db");
  EXPECT_EQ(from_config.paths, (std::vector<std::string>{"/srv/a", "/srv/b"}));
  const auto given = resolved({"--db", "/tmp/other.db", "in"}, config);
  EXPECT_EQ(given.db, "/tmp/other.db");
  EXPECT_EQ(given.paths, std::vector<std::string>{"in"});
  EXPECT_TRUE(resolved({"--rebuild"}, config).paths.empty()) << "a rebuild reads no inputs";
  setenv("DEPECHE_DB", "/env/db", 1);
  IndexerOptions o;
  o.config = "/nonexistent/config";
  o.init = true;  // --init writes the configuration: it need not exist
  EXPECT_EQ(depeche::resolve(o).db, "/env/db");
  unsetenv("DEPECHE_DB");
}

TEST(IndexerOptions, NothingToIndexIsAnError) {
  try {
    resolved({});
    FAIL() << "no inputs given nor configured";
  } catch (const depeche::Error& e) {
    EXPECT_TRUE(mentions(e.what(), "nothing to index: give files or folders, or name them in ")) << e.what();
    EXPECT_TRUE(mentions(e.what(), " (see --init)")) << e.what();
  }
  EXPECT_THROW(resolved({"--delete"}), depeche::Error) << "--delete needs ids";
  EXPECT_NO_THROW(resolved({"--init"}));
}

// The configuration's inputs are folders to index: taken for ids, they were looked up and
// reported missing, and an input path that is also an article's id would have been deleted.
TEST(IndexerOptions, DeleteNeverTakesTheConfiguredInputsForIds) {
  const std::string config = "db = /srv/news.db\nindex = /srv/a\n";
  try {
    resolved({"--delete"}, config);
    FAIL() << "no ids given";
  } catch (const depeche::Error& e) {
    EXPECT_STREQ(e.what(), "--delete needs the ids or URLs of the articles to delete (or -, to read them from stdin)");
  }
  EXPECT_EQ(resolved({"--delete", "id"}, config).paths, std::vector<std::string>{"id"});
  EXPECT_EQ(resolved({}, config).paths, std::vector<std::string>{"/srv/a"});
}

// --no-config: the file $DEPECHE_CONFIG names is not read, not even to find that it is broken.
TEST(IndexerOptions, NoConfigReadsNoFile) {
  const depeche::test::TempDir dir;
  setenv("DEPECHE_CONFIG", dir.write("config", "db = /srv/news.db\nindex = /srv/a\nnot a setting\n").c_str(), 1);
  IndexerOptions o;
  ASSERT_EQ(parse({"--no-config", "--db", "/tmp/db", "in"}, o), "");
  EXPECT_EQ(depeche::resolve(o).paths, std::vector<std::string>{"in"});
  IndexerOptions none;
  ASSERT_EQ(parse({"--no-config", "--db", "/tmp/db"}, none), "");
  try {
    depeche::resolve(none);
    FAIL() << "no inputs given, and none read";
  } catch (const depeche::Error& e) {
    EXPECT_TRUE(mentions(e.what(), "nothing to index: give files or folders (--no-config")) << e.what();
  }
  EXPECT_TRUE(mentions(parse_error({"--no-config", "--init"}), "--no-config excludes --init"));
  unsetenv("DEPECHE_CONFIG");
}

TEST(IndexerOptions, ResolveSetsThreadsAndTheSummaryFormat) {
  EXPECT_EQ(resolved({"--jobs", "3", "in"}).threads, 3u);
  EXPECT_EQ(resolved({"--jobs", "3", "--resumable", "in"}).threads, 0u) << "committed in batches";
  EXPECT_GE(resolved({"in"}).threads, 1u) << "one per core";
  EXPECT_EQ(resolved({"in"}).summary_format, SummaryFormat::kNone);
  EXPECT_EQ(resolved({"--summary", "in"}).summary_format, SummaryFormat::kText);
  EXPECT_EQ(resolved({"--summary=json", "in"}).summary_format, SummaryFormat::kJson);
}

}  // namespace
