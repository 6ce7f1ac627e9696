// Issue 14: every command of the README's tour runs, as written, with the built binaries.
#include "support/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace t = depeche::test;

namespace {

std::vector<std::string> readme_commands() {
  std::ifstream in(t::source_dir() + "/README.md");
  std::vector<std::string> commands;
  bool in_block = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block && line == "```sh";
      continue;
    }
    if (in_block && !line.empty()) commands.push_back(line);
  }
  return commands;
}

TEST(Readme, EveryTourCommandRuns) {
  const auto commands = readme_commands();
  ASSERT_GE(commands.size(), 10u);
  t::TempDir home;
  const std::string bin_dirs = std::filesystem::path(DEPECHE_INDEX_BIN).parent_path().string() + ":" +
                               std::filesystem::path(DEPECHE_SEARCH_BIN).parent_path().string();
  for (const std::string& command : commands) {
    const auto r = t::run({"bash", "-o", "pipefail", "-c", "cd '" + t::source_dir() + "' && " + command}, "",
                          {"HOME=" + home.path(), "PATH=" + bin_dirs + ":" + std::getenv("PATH"), "XDG_CONFIG_HOME=",
                           "XDG_DATA_HOME=", "DEPECHE_DB=", "DEPECHE_CONFIG="});
    EXPECT_EQ(r.status, 0) << command << "\n" << r.err;
    EXPECT_FALSE(r.out.empty() && command.find("depeche-search") != std::string::npos) << command;
  }
}

}  // namespace
