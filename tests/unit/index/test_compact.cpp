// Compacting a database in place: the same articles under the same docids, in the folder it was
// in, with nothing left beside it; a sharded database has each shard and its control compacted.
#include "index/compact.h"

#include "index/index_writer.h"
#include "index/shard_layout.h"
#include "schema.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>

namespace {

using namespace depeche;
namespace fs = std::filesystem;

// Writes `n` dated articles, one commit each, as incremental runs leave a database.
void index_articles(const std::string& path, int n, ShardBy shard_by = ShardBy::kNone) {
  IndexWriter writer(path, 1, 0, [](const std::string&) {}, shard_by);
  for (int i = 0; i < n; ++i) {
    Article a;
    a.id = "article-" + std::to_string(i);
    a.title = "Titre numéro " + std::to_string(i);
    a.body = "Le texte de l'article " + std::to_string(i) + " parle des élections.";
    a.date = util::Date{2020 + i % 2, 1 + i % 12, 1, util::DatePrecision::kDay};
    writer.article(std::move(a));
  }
  writer.finish(0);
}

// docid -> id of every article the database at `path` (a stub or a folder) holds.
std::map<Xapian::docid, std::string> ids_by_docid(const std::string& path) {
  const Xapian::Database db(path);
  std::map<Xapian::docid, std::string> ids;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    auto t = doc.termlist_begin();
    t.skip_to("Q");
    ids[*it] = (*t).substr(1);
  }
  return ids;
}

TEST(Compact, KeepsEveryArticleUnderItsDocid) {
  test::TempDir dir;
  const std::string db = dir / "db";
  index_articles(db, 12);
  const auto before = ids_by_docid(db);
  ASSERT_EQ(before.size(), 12u);
  const CompactStats stats = compact_database(db, 0);
  EXPECT_GT(stats.bytes_before, 0u);
  EXPECT_GT(stats.bytes_after, 0u);
  EXPECT_LT(stats.bytes_after, stats.bytes_before) << "twelve commits leave room to gain";
  EXPECT_EQ(ids_by_docid(db), before);
  EXPECT_FALSE(fs::exists(db + ".compact")) << "the old copy is removed";
  EXPECT_EQ(Xapian::Database(db).get_metadata(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
}

TEST(Compact, ShardedDatabasesHaveEachShardCompacted) {
  test::TempDir dir;
  const std::string db = dir / "db";
  index_articles(db, 6, ShardBy::kYear);
  ASSERT_TRUE(is_sharded(db));
  const std::vector<std::string> shards = listed_shards(db);
  ASSERT_EQ(shards.size(), 2u);
  const std::size_t before = Xapian::Database(db).get_doccount();
  const CompactStats stats = compact_database(db, 0);
  EXPECT_GT(stats.bytes_after, 0u);
  EXPECT_EQ(listed_shards(db), shards);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), before);
  for (const std::string& name : shards) EXPECT_FALSE(fs::exists(shard_path(db, name) + ".compact")) << name;
  EXPECT_FALSE(fs::exists(control_path(db) + ".compact"));
}

TEST(Compact, AMissingDatabaseIsADatabaseError) {
  test::TempDir dir;
  try {
    compact_database(dir / "absent", 0);
    FAIL() << "nothing to compact";
  } catch (const Fatal& e) {
    EXPECT_EQ(e.kind(), FatalKind::kDatabase) << e.what();
  }
}

}  // namespace
