// The layout of a sharded database: which shard an article goes to, and the stub listing them.
#include "index/shard_layout.h"

#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using depeche::ShardBy;
using depeche::test::TempDir;

depeche::Article dated(const std::string& iso) {
  depeche::Article a;
  a.id = "a";
  if (!iso.empty()) a.date = *depeche::util::parse_iso_date(iso);
  return a;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ShardLayout, LayoutNamesReadBack) {
  for (ShardBy by : {ShardBy::kNone, ShardBy::kYear, ShardBy::kMonth})
    EXPECT_EQ(depeche::parse_shard_by(depeche::shard_by_name(by)), by);
  EXPECT_THROW(depeche::parse_shard_by("week"), depeche::Error);
}

TEST(ShardLayout, AnArticleGoesToItsYearOrMonth) {
  EXPECT_EQ(depeche::shard_for(dated("2023-07-23"), ShardBy::kYear), "2023");
  EXPECT_EQ(depeche::shard_for(dated("2023-07-23"), ShardBy::kMonth), "2023-07");
  EXPECT_EQ(depeche::shard_for(dated("2023-07"), ShardBy::kMonth), "2023-07");
  EXPECT_EQ(depeche::shard_for(dated("2023"), ShardBy::kMonth), "2023") << "dated by year only: no month to go to";
  EXPECT_EQ(depeche::shard_for(dated(""), ShardBy::kYear), "undated");
}

TEST(ShardLayout, TheStubListsTheControlDatabaseFirstThenTheShards) {
  TempDir dir;
  EXPECT_FALSE(depeche::is_sharded(dir.path()));
  EXPECT_TRUE(depeche::listed_shards(dir.path()).empty());
  depeche::write_stub(dir.path(), {"2022", "2023-07", "undated"});
  EXPECT_TRUE(depeche::is_sharded(dir.path()));
  EXPECT_EQ(read(depeche::stub_path(dir.path())), "auto control\nauto 2022\nauto 2023-07\nauto undated\n");
  EXPECT_EQ(depeche::listed_shards(dir.path()), (std::vector<std::string>{"2022", "2023-07", "undated"}));
  EXPECT_FALSE(std::filesystem::exists(depeche::stub_path(dir.path()) + ".tmp"));
  EXPECT_EQ(depeche::control_path(dir.path()), dir / "control");
  EXPECT_EQ(depeche::shard_path(dir.path(), "2022"), dir / "2022");
}

TEST(ShardLayout, AStubThatCannotBeWrittenEndsTheRunNamingIt) {
  TempDir dir;
  depeche::write_stub(dir.path(), {"2022"});
  std::filesystem::create_directory(depeche::stub_path(dir.path()) + ".tmp");  // in the way of the new stub
  try {
    depeche::write_stub(dir.path(), {"2022", "2023"});
    FAIL() << "a stub that cannot be written must not be ignored";
  } catch (const depeche::Fatal& e) {
    EXPECT_EQ(e.kind(), depeche::FatalKind::kDatabase);
    EXPECT_EQ(std::string(e.what()).rfind(depeche::stub_path(dir.path()) + ": ", 0), 0u) << e.what();
  }
  EXPECT_EQ(read(depeche::stub_path(dir.path())), "auto control\nauto 2022\n") << "the old stub is kept";
}

TEST(ShardLayout, AStubNamingAnotherFolderIsRefused) {
  TempDir dir;
  dir.write("XAPIANDB", "auto control\nauto ../elsewhere\n");
  EXPECT_THROW(depeche::listed_shards(dir.path()), depeche::Fatal);
}

TEST(ShardLayout, AnUnreadableFolderIsNotShardedWhenAskedQuietly) {
  std::error_code ec;
  EXPECT_FALSE(depeche::is_sharded("/nonexistent/depeche", ec));
}

}  // namespace
