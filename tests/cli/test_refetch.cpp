// Issue 37 (../shared/decisions.md 22): new means new to the archive. A feed fetched into a new file
// each time (docs/monitoring.md, section 1) brings the same items again: an identical refetch, a
// copied or touched file, and an item without link or guid fetched twice write nothing, and
// --saved --new has nothing new; a refetch with a new item prints that item.
#include "support/run.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace t = depeche::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// An RSS feed of the given items (title, link or empty, text), from one site unless `site` is empty.
std::string feed(const std::vector<std::array<std::string, 3>>& items, const std::string& site = "https://gazette.example/") {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>La Gazette</title>";
  if (!site.empty()) out << "<link>" << site << "</link>";
  for (const auto& [title, link, text] : items) {
    out << "<item><title>" << title << "</title>";
    if (!link.empty()) out << "<link>" << link << "</link>";
    out << "<pubDate>Tue, 12 Mar 2024 09:00:00 +0100</pubDate><description>" << text << "</description></item>";
  }
  out << "</channel></rss>\n";
  return out.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

class Refetch : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "feeds");
    env_ = {"HOME=" + dir_.path(), "XDG_CONFIG_HOME=", "XDG_STATE_HOME=", "DEPECHE_CONFIG=", "DEPECHE_DB=" + (dir_ / "db")};
  }
  json index() {
    const t::RunResult r = t::run({DEPECHE_INDEX_BIN, "--summary", "json", "--no-progress", dir_ / "feeds"}, "", env_);
    EXPECT_EQ(r.status, 0) << r.err;
    return json::parse(r.out.substr(r.out.find('{')), nullptr, false);
  }
  Xapian::rev revision() { return Xapian::Database(dir_ / "db").get_revision(); }
  t::RunResult new_since_saved() { return t::run({DEPECHE_SEARCH_BIN, "--saved", "gazette", "--new", "--color", "never"}, "", env_); }

  t::TempDir dir_;
  std::vector<std::string> env_;
};

const std::vector<std::array<std::string, 3>> kItems = {
    {"Le tramway T10 inauguré", "https://gazette.example/t10", "La ligne relie Gerland à Vénissieux."},
    {"Crue de la Saône", "https://gazette.example/crue", "Les quais bas sont fermés."},
    {"Brève sans lien", "", "Le conseil vote le budget."},
};

}  // namespace

TEST_F(Refetch, TheSameItemsInAnotherFileWriteNothing) {
  write(dir_ / "feeds/une-0900.xml", feed(kItems));
  EXPECT_EQ(index()["added"], 3);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "gazette", "source:gazette.example"}, "", env_).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "gazette", "--new"}, "", env_).status, 0) << "the first run prints all";
  const Xapian::rev before = revision();

  fs::copy_file(dir_ / "feeds/une-0900.xml", dir_ / "feeds/une-0915.xml");
  json summary = index();
  EXPECT_EQ(summary["added"], 0);
  EXPECT_EQ(summary["updated"], 0) << "an item seen again in another file is unchanged";
  EXPECT_EQ(summary["unchanged"], 6);
  EXPECT_EQ(revision(), before) << "an identical refetch writes nothing";

  fs::last_write_time(dir_ / "feeds/une-0900.xml", fs::last_write_time(dir_ / "feeds/une-0900.xml") + std::chrono::seconds(5));
  EXPECT_EQ(index()["updated"], 0);
  EXPECT_EQ(revision(), before) << "a touched file writes nothing";

  const t::RunResult nothing = new_since_saved();
  EXPECT_EQ(nothing.status, 1) << nothing.out << nothing.err;
  EXPECT_EQ(nothing.out, "") << "nothing printed, so cron mails nothing";
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--count", ""}, "", env_).out, "3\n") << "the item without link is one article";
}

TEST_F(Refetch, ANewItemInTheNextFetchIsNewOnce) {
  write(dir_ / "feeds/une-0900.xml", feed(kItems));
  index();
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "gazette", "source:gazette.example"}, "", env_).status, 0);
  ASSERT_EQ(new_since_saved().status, 0);
  auto next = kItems;
  next.push_back({"Le marché de Noël ouvre", "https://gazette.example/noel", "Les chalets sont installés place Carnot."});
  write(dir_ / "feeds/une-0915.xml", feed(next));
  const json summary = index();
  EXPECT_EQ(summary["added"], 1);
  EXPECT_EQ(summary["updated"], 0);
  const t::RunResult fresh = new_since_saved();
  EXPECT_EQ(fresh.status, 0);
  EXPECT_NE(fresh.out.find("marché de Noël"), std::string::npos) << fresh.out;
  EXPECT_EQ(fresh.out.find("tramway"), std::string::npos) << "only the new item: " << fresh.out;
  write(dir_ / "feeds/une-0930.xml", feed(next));
  index();
  EXPECT_EQ(new_since_saved().status, 1) << "the same items fetched again are not new";
}

TEST_F(Refetch, AnItemWithoutLinkFromAFeedWithoutSiteIsOneArticle) {
  const std::vector<std::array<std::string, 3>> unlinked = {{"Brève sans lien", "", "Le conseil vote le budget."}};
  write(dir_ / "feeds/une-0900.xml", feed(unlinked, ""));
  write(dir_ / "feeds/une-0915.xml", feed(unlinked, ""));
  const json summary = index();
  EXPECT_EQ(summary["added"], 1) << "named by the feed's title and its content, not by its file";
  EXPECT_EQ(summary["unchanged"], 1);
}

// --new prints what entered the archive; an item already printed whose text changed is printed
// only by --new=updated, marked as an update, and once.
TEST_F(Refetch, AChangedItemIsPrintedOnlyByNewUpdatedMarkedAsAnUpdate) {
  write(dir_ / "feeds/une-0900.xml", feed(kItems));
  index();
  for (const char* name : {"gazette", "suivi"}) {
    ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", name, "source:gazette.example"}, "", env_).status, 0);
    ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", name, "--new"}, "", env_).status, 0) << "the first run prints all";
  }
  auto next = kItems;
  next[1][2] = "Les quais bas sont fermés jusqu'à vendredi.";
  next.push_back({"Le marché de Noël ouvre", "https://gazette.example/noel", "Les chalets sont installés place Carnot."});
  write(dir_ / "feeds/une-0915.xml", feed(next));
  const json summary = index();
  EXPECT_EQ(summary["added"], 1);
  EXPECT_EQ(summary["updated"], 1);

  const t::RunResult added = new_since_saved();
  EXPECT_EQ(added.status, 0);
  EXPECT_NE(added.out.find("marché de Noël"), std::string::npos) << added.out;
  EXPECT_EQ(added.out.find("Crue"), std::string::npos) << "a changed item is not new: " << added.out;
  EXPECT_EQ(added.out.find("(updated)"), std::string::npos) << added.out;

  const t::RunResult both = t::run({DEPECHE_SEARCH_BIN, "--saved", "suivi", "--new=updated", "--format", "jsonl"}, "", env_);
  ASSERT_EQ(both.status, 0) << both.err;
  std::map<std::string, bool> update_of;
  std::istringstream lines(both.out);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line, nullptr, false);
    if (j.value("type", "") == "hit") update_of[j["data"]["title"]] = j["data"].value("update", false);
  }
  EXPECT_EQ(update_of, (std::map<std::string, bool>{{"Crue de la Saône", true}, {"Le marché de Noël ouvre", false}}))
      << both.out;
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "suivi", "--new=updated"}, "", env_).status, 1) << "printed once";

  next[0][2] = "La ligne relie Gerland à Vénissieux en vingt minutes.";
  write(dir_ / "feeds/une-0930.xml", feed(next));
  index();
  const t::RunResult text = t::run({DEPECHE_SEARCH_BIN, "--saved", "suivi", "--new=updated", "--color", "never"}, "", env_);
  EXPECT_NE(text.out.find("(updated)\n   Le tramway T10 inauguré\n"), std::string::npos) << text.out;
  EXPECT_EQ(new_since_saved().status, 1) << "nothing entered the archive";
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--saved", "gazette", "--new=everything"}, "", env_).status, 2);
}

// --rebuild writes every article again; when each was indexed stays, so the next --new has nothing.
TEST_F(Refetch, ARebuildKeepsWhenEachArticleWasIndexed) {
  write(dir_ / "feeds/une-0900.xml", feed(kItems));
  index();
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "gazette", "source:gazette.example"}, "", env_).status, 0);
  ASSERT_EQ(new_since_saved().status, 0);
  const t::RunResult rebuilt = t::run({DEPECHE_INDEX_BIN, "--rebuild", "--no-progress"}, "", env_);
  ASSERT_EQ(rebuilt.status, 0) << rebuilt.err;
  const t::RunResult after = t::run({DEPECHE_SEARCH_BIN, "--saved", "gazette", "--new=updated"}, "", env_);
  EXPECT_EQ(after.status, 1) << after.out;
  write(dir_ / "feeds/une-0915.xml", feed({{"Le marché de Noël ouvre", "https://gazette.example/noel", "Les chalets."}}));
  index();
  EXPECT_NE(new_since_saved().out.find("marché de Noël"), std::string::npos);
}
