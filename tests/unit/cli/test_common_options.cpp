#include "cli/common_options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using depeche::cli::add_config_options;
using depeche::cli::add_db_option;

// Parses `args` (without the program's name) with `app`.
void parse(CLI::App& app, std::vector<std::string> args) {
  args.insert(args.begin(), "program");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  app.parse(static_cast<int>(argv.size()), argv.data());
}

TEST(CommonOptions, DbAndConfigAreDatabaseOptionsThatSayTheirDefaults) {
  CLI::App app;
  std::string db, config;
  bool no_config = false;
  add_db_option(app, db, "Database to use");
  add_config_options(app, config, no_config);
  parse(app, {"--db", "/srv/db", "--config", "/etc/depeche"});
  EXPECT_EQ(db, "/srv/db");
  EXPECT_EQ(config, "/etc/depeche");
  EXPECT_EQ(app["--db"]->get_group(), "Database");
  EXPECT_EQ(app["--config"]->get_group(), "Database");
  EXPECT_EQ(app["--db"]->get_description(),
            "Database to use (default: $DEPECHE_DB, the config's db, ~/.local/share/depeche/db)");
  EXPECT_NE(app["--config"]->get_description().find("$DEPECHE_CONFIG"), std::string::npos);
  EXPECT_FALSE(no_config);
}

// A file to read and none at all cannot both be meant.
TEST(CommonOptions, NoConfigExcludesConfig) {
  CLI::App app;
  std::string config;
  bool no_config = false;
  add_config_options(app, config, no_config);
  parse(app, {"--no-config"});
  EXPECT_TRUE(no_config);
  EXPECT_EQ(app["--no-config"]->get_group(), "Database");
  CLI::App both;
  add_config_options(both, config, no_config);
  EXPECT_THROW(parse(both, {"--no-config", "--config", "cfg"}), CLI::ExcludesError);
}

// Repeated --db each take one path: what follows the first is not a second database.
TEST(CommonOptions, RepeatedDbTakesOnePathEach) {
  CLI::App app;
  std::vector<std::string> dbs, words;
  add_db_option(app, dbs, "Databases");
  app.add_option("words", words);
  parse(app, {"--db", "a", "mali", "--db", "b"});
  EXPECT_EQ(dbs, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(words, std::vector<std::string>{"mali"});
}

TEST(CommonOptions, VersionNamesTheProgram) {
  CLI::App app;
  depeche::cli::set_version_flag(app, "depeche-test");
  try {
    parse(app, {"--version"});
    FAIL() << "--version did not stop the parse";
  } catch (const CLI::CallForVersion& e) {
    EXPECT_EQ(std::string(e.what()), std::string("depeche-test ") + DEPECHE_VERSION);
  }
}

}  // namespace
