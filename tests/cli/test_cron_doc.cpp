// Issue 5: the commands docs/cron.md gives (its sh blocks and the crontab job) run as written.
#include "support/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace t = depeche::test;

namespace {

// Lines of the ```sh blocks, and the command of each crontab job line (after its 5 time fields).
std::vector<std::string> documented_commands() {
  std::ifstream in(t::source_dir() + "/docs/cron.md");
  std::vector<std::string> commands;
  std::string block;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      block = block.empty() ? line.substr(3) : "";
      continue;
    }
    if (line.empty()) continue;
    if (block == "sh") commands.push_back(line);
    if (block == "crontab" && line[0] == '*') {
      std::size_t pos = 0;
      for (int field = 0; field < 5; ++field) pos = line.find(' ', pos) + 1;
      commands.push_back(line.substr(pos));
    }
  }
  return commands;
}

TEST(CronDoc, DocumentedCommandsRunQuietly) {
  const auto commands = documented_commands();
  ASSERT_GE(commands.size(), 3u);
  t::TempDir dir;
  std::filesystem::create_directories(dir / "news/feeds");
  std::filesystem::copy(t::source_dir() + "/data", dir / "news/articles", std::filesystem::copy_options::recursive);
  const std::string bins = std::filesystem::path(DEPECHE_INDEX_BIN).parent_path().string() + ":" +
                           std::filesystem::path(DEPECHE_SEARCH_BIN).parent_path().string();
  const std::vector<std::string> env{"DEPECHE_DB=" + (dir / "db"), "NEWS=" + (dir / "news"), "HOME=" + dir.path(),
                                     "PATH=" + bins + ":" + std::getenv("PATH")};
  for (int run = 0; run < 2; ++run) {  // the second run is cron's next one: nothing to do, still quiet
    for (const std::string& command : commands) {
      const auto r = t::run({"sh", "-c", command}, "", env);
      EXPECT_EQ(r.status, 0) << command << "\n" << r.err;
      if (command.rfind("depeche-index", 0) == 0) {
        EXPECT_EQ(r.out, "") << command;
        EXPECT_EQ(r.err, "") << command;
      }
    }
  }
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "mali"}).status, 0);
}

}  // namespace
