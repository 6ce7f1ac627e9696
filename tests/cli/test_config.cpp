// Issue 14: defaults and configuration, so daily use and cron need no flags.
#include "support/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace t = depeche::test;

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

TEST(Config, BadLineNamesFileAndLine) {
  t::TempDir home;
  const std::string cfg = home.write("cfg", "db = /tmp/x\nthis is not a setting\n");
  const auto r = t::run({DEPECHE_SEARCH_BIN, "--config", cfg, "iran"}, "", home_env(home));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(cfg + ":2:"), std::string::npos) << r.err;
}

}  // namespace
