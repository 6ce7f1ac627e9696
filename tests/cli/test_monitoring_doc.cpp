// Issue 17: docs/monitoring.md's commands run, in order, on local files (the feed as file://).
#include "support/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace t = depeche::test;

TEST(MonitoringDoc, DocumentedCommandsRunOnLocalFiles) {
  if (t::run({"sh", "-c", "command -v curl"}).status != 0) GTEST_SKIP() << "curl is not installed";
  std::ifstream in(t::source_dir() + "/docs/monitoring.md");
  std::vector<std::string> commands;
  bool in_sh = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      in_sh = !in_sh && line == "```sh";
      continue;
    }
    if (in_sh && !line.empty()) commands.push_back(line);
  }
  ASSERT_GE(commands.size(), 6u);
  t::TempDir dir;
  const std::string bins = std::filesystem::path(DEPECHE_INDEX_BIN).parent_path().string() + ":" +
                           std::filesystem::path(DEPECHE_SEARCH_BIN).parent_path().string();
  const std::vector<std::string> env{"DEPECHE_DB=" + (dir / "db"), "NEWS=" + (dir / "news"), "HOME=" + dir.path(),
                                     "XDG_CONFIG_HOME=", "XDG_STATE_HOME=", "DEPECHE_CONFIG=",
                                     "FEED_URL=file://" + t::source_dir() + "/tests/fixtures/formats/feed-rss.xml",
                                     "PATH=" + bins + ":" + std::getenv("PATH")};
  std::vector<std::string> outputs;
  for (const std::string& command : commands) {
    const auto r = t::run({"sh", "-c", command}, "", env);
    EXPECT_EQ(r.status, 0) << command << "\n" << r.err;
    outputs.push_back(r.out);
  }
  // The first --new run prints the feed's matching items; the second has nothing new.
  EXPECT_NE(outputs[commands.size() - 2].find("tramway"), std::string::npos) << outputs[commands.size() - 2];
  EXPECT_EQ(outputs.back(), "nothing new\n");
}
