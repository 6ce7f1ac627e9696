// Telling a damaged database from a folder to create one in, on real small databases in a
// temporary folder: tables deleted or cut short, positions lost, in one database or one shard.
#include "index/damage.h"

#include "index/index_writer.h"
#include "schema.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using depeche::test::TempDir;
namespace fs = std::filesystem;

depeche::Article article(const std::string& id, const char* date) {
  depeche::Article a;
  a.id = id;
  a.title = "Le port de Marseille";
  a.body = "Les dockers du port de Marseille ont voté la grève, une semaine avant l'arrivée des paquebots.";
  a.date = *depeche::util::parse_iso_date(date);
  return a;
}

// A depeche database of two articles at `path`, sharded by year (one shard each) when asked.
void write_database(const std::string& path, depeche::ShardBy shard_by = depeche::ShardBy::kNone) {
  depeche::IndexWriter writer(path, 10, 0, [](const std::string& m) { ADD_FAILURE() << m; }, shard_by);
  writer.article(article("un", "2022-05-01"));
  writer.article(article("deux", "2023-05-01"));
  writer.finish(0);
}

// The shard folders of a sharded database at `path`, sorted.
std::vector<std::string> shards(const std::string& path) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(path))
    if (entry.is_directory() && entry.path().filename() != depeche::schema::kShardControlName) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

void truncate_table(const std::string& table) { fs::resize_file(table, fs::file_size(table) / 2); }

// The message of the Fatal `run` throws, checked to carry the database exit status; "none" when
// it throws nothing.
template <typename Run>
std::string database_fatal(Run run) {
  try {
    run();
  } catch (const depeche::Fatal& e) {
    EXPECT_EQ(e.kind(), depeche::FatalKind::kDatabase) << e.what();
    return e.what();
  }
  return "none";
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST(Damage, XapianFilesAreFoundOnlyInADatabaseFolder) {
  TempDir dir;
  write_database(dir / "db");
  EXPECT_TRUE(depeche::holds_xapian_files(dir / "db"));
  fs::remove(dir / "db/iamglass");
  EXPECT_TRUE(depeche::holds_xapian_files(dir / "db")) << "its tables are left: damaged, not a folder to create in";
  dir.write("other/notes.txt", "x");
  EXPECT_FALSE(depeche::holds_xapian_files(dir / "other"));
  fs::create_directory(dir / "empty");
  EXPECT_FALSE(depeche::holds_xapian_files(dir / "empty"));
  EXPECT_FALSE(depeche::holds_xapian_files(dir / "absent"));
}

TEST(Damage, DamagedMessageNamesTheDatabaseXapiansErrorAndTheCheck) {
  const Xapian::DatabaseCorruptError corrupt("Bad block 12");
  EXPECT_EQ(depeche::damaged_message("/srv/db", corrupt),
            "/srv/db: the database is damaged (DatabaseCorruptError: Bad block 12); check it with xapian-check");
  const Xapian::DatabaseError with_reason("Error reading block 3", ENOSPC);
  EXPECT_EQ(depeche::damaged_message("db", with_reason),
            "db: the database is damaged (DatabaseError: Error reading block 3 (No space left on device)); check it with "
            "xapian-check");
}

TEST(Damage, WholeDatabaseHasItsPositions) {
  TempDir dir;
  write_database(dir / "db");
  fs::create_directory(dir / "empty");
  // The empty folder and the absent one cannot be opened: whoever opens them says why.
  for (const char* name : {"db", "empty", "absent"}) EXPECT_FALSE(depeche::lost_positions(dir / name)) << name;
}

TEST(Damage, DatabaseWithoutItsPositionTableLostItsPositions) {
  TempDir dir;
  write_database(dir / "db");
  fs::remove(dir / "db/position.glass");
  EXPECT_EQ(depeche::lost_positions(dir / "db"), dir / "db");
  EXPECT_EQ(depeche::lost_positions_message(dir / "db"),
            dir / "db" +
                ": the database has lost its positions (position.glass is missing or unreadable): phrases, NEAR, ADJ "
                "and ranking by proximity cannot be answered; run depeche-index --rebuild");
}

TEST(Damage, EmptyDatabaseHasNoPositionsToLose) {
  TempDir dir;
  Xapian::WritableDatabase(dir / "db", Xapian::DB_CREATE).commit();
  EXPECT_FALSE(depeche::lost_positions(dir / "db"));
  EXPECT_NO_THROW(depeche::check_before_writing(dir / "db"));
}

TEST(Damage, EachShardIsCheckedForItsPositions) {
  TempDir dir;
  write_database(dir / "db", depeche::ShardBy::kYear);
  const std::vector<std::string> parts = shards(dir / "db");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_FALSE(depeche::lost_positions(dir / "db"));
  fs::remove(parts[1] + "/position.glass");
  EXPECT_EQ(depeche::lost_positions(dir / "db"), parts[1]);
  EXPECT_TRUE(starts_with(database_fatal([&] { depeche::check_before_writing(dir / "db"); }), parts[1] + ": the database has lost its positions"));
}

TEST(Damage, OpenForReadingOpensAWholeDatabase) {
  TempDir dir;
  write_database(dir / "db");
  EXPECT_EQ(depeche::open_for_reading(dir / "db").get_doccount(), 2u);
}

TEST(Damage, OpenForReadingRefusesWhatIsNotADatabaseOrIsDamaged) {
  TempDir dir;
  fs::create_directory(dir / "empty");
  const std::string empty = database_fatal([&] { depeche::open_for_reading(dir / "empty"); });
  EXPECT_EQ(empty, dir / "empty: the database is damaged (DatabaseNotFoundError: Couldn't detect type of database); "
                         "check it with xapian-check");
  write_database(dir / "db");
  truncate_table(dir / "db/postlist.glass");
  const std::string message = database_fatal([&] { depeche::open_for_reading(dir / "db"); });
  EXPECT_TRUE(starts_with(message, dir / "db: the database is damaged (")) << message;
  EXPECT_NE(message.find("); check it with xapian-check"), std::string::npos) << message;
}

TEST(Damage, NothingOrAWholeDatabaseMayBeWrittenTo) {
  TempDir dir;
  EXPECT_NO_THROW(depeche::check_before_writing(dir / "absent"));
  fs::create_directory(dir / "empty");
  EXPECT_NO_THROW(depeche::check_before_writing(dir / "empty"));
  write_database(dir / "db");
  EXPECT_NO_THROW(depeche::check_before_writing(dir / "db"));
  write_database(dir / "sharded", depeche::ShardBy::kYear);
  EXPECT_NO_THROW(depeche::check_before_writing(dir / "sharded"));
}

TEST(Damage, DatabaseThatLostATableIsNotWrittenTo) {
  TempDir dir;
  write_database(dir / "db");
  fs::remove(dir / "db/postlist.glass");
  EXPECT_TRUE(starts_with(database_fatal([&] { depeche::check_before_writing(dir / "db"); }),
                          dir / "db: the database is damaged ("));
}

TEST(Damage, DatabaseThatLostItsPositionsIsNotWrittenTo) {
  TempDir dir;
  write_database(dir / "db");
  fs::remove(dir / "db/position.glass");
  EXPECT_EQ(database_fatal([&] { depeche::check_before_writing(dir / "db"); }), depeche::lost_positions_message(dir / "db"));
}

TEST(Damage, ShardedDatabaseWithADamagedControlIsNotWrittenTo) {
  TempDir dir;
  write_database(dir / "db", depeche::ShardBy::kYear);
  fs::remove(dir / "db/control/iamglass");
  EXPECT_TRUE(starts_with(database_fatal([&] { depeche::check_before_writing(dir / "db"); }),
                          dir / "db/control: the database is damaged ("));
}
