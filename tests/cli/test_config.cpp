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
