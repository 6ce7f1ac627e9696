// Issues 17 and 37: docs/monitoring.md's commands run, in order, on local files (the feed as file://),
// then on the refetches that follow.
#include "support/run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

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
  const auto nothing_new = std::find_if(commands.begin(), commands.end(),
                                        [](const std::string& c) { return c.find("|| echo \"nothing new\"") != std::string::npos; });
  ASSERT_NE(nothing_new, commands.end());
  const std::size_t second = static_cast<std::size_t>(nothing_new - commands.begin());
  EXPECT_NE(outputs[second - 1].find("tramway"), std::string::npos) << outputs[second - 1];
  EXPECT_EQ(outputs[second], "nothing new\n");
  // The published feed is whole, and holds the saved search's articles.
  std::ifstream published(dir / "news/public/lyon.xml");
  const std::string atom((std::istreambuf_iterator<char>(published)), std::istreambuf_iterator<char>());
  EXPECT_NE(atom.find("<id>tag:depeche,2026:saved/lyon</id>"), std::string::npos) << atom;
  EXPECT_NE(atom.find("tramway"), std::string::npos) << atom;
  EXPECT_NE(atom.find("</feed>"), std::string::npos) << atom;
  EXPECT_FALSE(std::filesystem::exists(dir / "news/public/lyon.xml.tmp"));

  // The fetches that follow, indexed and read with the page's own commands: the identical
  // refetch, one with a changed item, a new item and an item without link or guid, then that
  // one again. "suivi" follows the same search with --new=updated, as the page's crontab does.
  const auto command_of = [&](const std::string& start) {
    const auto it = std::find_if(commands.begin(), commands.end(), [&](const std::string& c) { return c.rfind(start, 0) == 0; });
    return it == commands.end() ? std::string() : *it;
  };
  const std::string index_command = command_of("depeche-index ");
  std::string new_command = command_of("depeche-search --db \"$DEPECHE_DB\" --saved lyon --new");
  ASSERT_FALSE(index_command.empty() || new_command.empty());
  new_command += " --color never";
  const std::string updates_command = std::regex_replace(new_command, std::regex("--saved lyon --new"), "--saved suivi --new=updated");
  const auto sh = [&](const std::string& command) { return t::run({"sh", "-c", command}, "", env); };
  ASSERT_EQ(sh("depeche-search --save suivi 'tramway OR crue' --lang fr && " + updates_command).status, 0);
  const std::string feeds = dir / "news/feeds";
  const std::string fetched = std::filesystem::directory_iterator(feeds)->path().string();
  std::filesystem::copy_file(fetched, feeds + "/une-identique.xml");
  const t::RunResult refetched = sh(index_command);
  EXPECT_EQ(refetched.status, 0) << refetched.err;
  EXPECT_EQ(sh(new_command).status, 1) << "an identical refetch brings nothing new";
  EXPECT_EQ(sh(updates_command).status, 1) << "nor anything updated";

  std::ifstream original(fetched);
  std::string feed((std::istreambuf_iterator<char>(original)), std::istreambuf_iterator<char>());
  feed = std::regex_replace(feed, std::regex("attendue jeudi"), "attendue vendredi");
  const std::string added = "<item><title>Le tramway T11 en service</title><link>https://gazette-rhone.example/t11</link>"
                            "<description>Le tramway T11 relie Vaulx-en-Velin à Vénissieux.</description></item>"
                            "<item><title>Tramway : travaux de nuit</title>"
                            "<description>Des travaux de nuit sur les voies du tramway.</description></item></channel>";
  feed = std::regex_replace(feed, std::regex("</channel>"), added);
  std::ofstream(feeds + "/une-suivante.xml") << feed;
  const t::RunResult changed = sh(index_command);
  EXPECT_EQ(changed.status, 0) << changed.err;
  const t::RunResult fresh = sh(new_command);
  EXPECT_NE(fresh.out.find("T11"), std::string::npos) << fresh.out;
  EXPECT_NE(fresh.out.find("travaux de nuit"), std::string::npos) << fresh.out;
  EXPECT_EQ(fresh.out.find("Crue"), std::string::npos) << "a changed item is no new article\n" << fresh.out;
  EXPECT_NE(fresh.out.find("\n2 articles\n"), std::string::npos) << fresh.out;
  const t::RunResult followed = sh(updates_command);
  EXPECT_NE(followed.out.find("(updated)\n   Crue de la Saône"), std::string::npos) << followed.out;
  EXPECT_NE(followed.out.find("\n3 articles\n"), std::string::npos) << followed.out;

  std::filesystem::copy_file(feeds + "/une-suivante.xml", feeds + "/une-derniere.xml");
  EXPECT_EQ(sh(index_command).status, 0);
  EXPECT_EQ(sh(new_command).status, 1) << "the item without link, fetched twice, is new once";
  EXPECT_EQ(sh(updates_command).status, 1);
}
