// What the indexer agrees to write to (docs/robustness.md), on real folders: nothing, an empty folder
// or a depeche database; never a folder of other files, a Xapian database of another program, a
// file, a broken link or a folder it indexes. And what interrupted runs leave beside a database
// is removed, but never a file depeche did not write.
#include "index/database_folder.h"

#include "index/index_writer.h"
#include "schema.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using depeche::DatabaseUse;
using depeche::checked_database_folder;
using depeche::test::TempDir;
namespace fs = std::filesystem;
using Names = std::vector<std::string>;

const std::string kRefused =
    "; depeche-index writes only into a new or empty folder, or a depeche database, and has touched nothing";

void write_depeche_database(const std::string& path, depeche::ShardBy shard_by = depeche::ShardBy::kNone) {
  depeche::IndexWriter writer(path, 10, 0, [](const std::string& m) { ADD_FAILURE() << m; }, shard_by);
  depeche::Article a;
  a.id = "une";
  a.title = "Le port";
  a.body = "Les dockers du port ont voté la grève.";
  a.date = *depeche::util::parse_iso_date("2023-05-01");
  writer.article(std::move(a));
  writer.finish(0);
}

// A Xapian database another program wrote: a document, no depeche metadata.
void write_foreign_database(const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  Xapian::Document doc;
  doc.add_term("hello");
  db.add_document(doc);
  db.commit();
}

// The message of the Fatal `run` throws, checked to be of `kind`; "none" when it throws nothing.
template <typename Run>
std::string fatal(depeche::FatalKind kind, Run run) {
  try {
    run();
  } catch (const depeche::Fatal& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    return e.what();
  }
  return "none";
}

std::string refusal(const std::string& db, DatabaseUse use = DatabaseUse::kCreateOrOpen, const Names& inputs = {}) {
  return fatal(depeche::FatalKind::kDatabase, [&] { checked_database_folder(db, use, inputs); });
}

std::string canonical(const std::string& path) { return fs::canonical(path).string(); }

}  // namespace

TEST(DatabaseFolder, NothingThereIsCreatedAsTyped) {
  TempDir dir;
  EXPECT_EQ(checked_database_folder(dir / "new", DatabaseUse::kCreateOrOpen, {}), dir / "new");
  EXPECT_FALSE(fs::exists(dir / "new")) << "checking creates nothing";
  EXPECT_EQ(refusal(dir / "new", DatabaseUse::kOpen), dir / "new: no database here");
}

TEST(DatabaseFolder, EmptyFolderIsUsedByItsRealPath) {
  TempDir dir;
  fs::create_directories(dir / "real/db");
  fs::create_directory_symlink(dir / "real/db", dir / "link");
  EXPECT_EQ(checked_database_folder(dir / "real/db", DatabaseUse::kCreateOrOpen, {}), canonical(dir / "real/db"));
  EXPECT_EQ(checked_database_folder(dir / "link", DatabaseUse::kCreateOrOpen, {}), canonical(dir / "real/db"))
      << "a swap replaces the folder, not the link";
  EXPECT_EQ(refusal(dir / "real/db", DatabaseUse::kOpen), dir / "real/db: no database here");
}

TEST(DatabaseFolder, DepecheDatabasesAreOpened) {
  TempDir dir;
  write_depeche_database(dir / "db");
  write_depeche_database(dir / "sharded", depeche::ShardBy::kYear);
  for (DatabaseUse use : {DatabaseUse::kCreateOrOpen, DatabaseUse::kOpen}) {
    EXPECT_EQ(checked_database_folder(dir / "db", use, {}), canonical(dir / "db"));
    EXPECT_EQ(checked_database_folder(dir / "sharded", use, {}), canonical(dir / "sharded"));
  }
}

TEST(DatabaseFolder, EmptyXapianDatabaseOfAnInterruptedFirstRunIsOpened) {
  TempDir dir;
  Xapian::WritableDatabase(dir / "db", Xapian::DB_CREATE).commit();
  EXPECT_EQ(checked_database_folder(dir / "db", DatabaseUse::kCreateOrOpen, {}), canonical(dir / "db"));
}

TEST(DatabaseFolder, ForeignFoldersAndFilesAreRefused) {
  TempDir dir;
  const std::string file = dir.write("notes.txt", "x");
  EXPECT_EQ(refusal(file), file + ": not a folder" + kRefused);
  fs::create_symlink(dir / "gone", dir / "broken");
  EXPECT_EQ(refusal(dir / "broken"), dir / "broken: a broken symbolic link" + kRefused);
  for (const char* name : {"photos/e.jpg", "photos/b.jpg", "photos/a.jpg", "photos/d.jpg", "photos/c.jpg"}) dir.write(name, "x");
  EXPECT_EQ(refusal(dir / "photos"), dir / "photos: a folder holding other files (a.jpg, b.jpg, c.jpg, ... (5 entries))" + kRefused);
  EXPECT_EQ(refusal(dir / "photos", DatabaseUse::kOpen), dir / "photos: no database here");
  dir.write("one/only.txt", "x");
  EXPECT_EQ(refusal(dir / "one"), dir / "one: a folder holding other files (only.txt)" + kRefused);
}

TEST(DatabaseFolder, XapianDatabaseDepecheDidNotWriteIsRefused) {
  TempDir dir;
  write_foreign_database(dir / "db");
  EXPECT_EQ(refusal(dir / "db"), dir / "db: a Xapian database that depeche did not write" + kRefused);
  EXPECT_EQ(refusal(dir / "db", DatabaseUse::kOpen), dir / "db: a Xapian database that depeche did not write" + kRefused);
}

TEST(DatabaseFolder, StubWithoutAControlDatabaseIsRefused) {
  TempDir dir;
  write_foreign_database(dir / "elsewhere");
  dir.write("db/" + std::string(depeche::schema::kShardStubName), "glass " + dir / "elsewhere" + "\n");
  EXPECT_EQ(refusal(dir / "db"), dir / "db: not a depeche database" + kRefused);
}

TEST(DatabaseFolder, DatabaseAndInputsMustNotContainEachOther) {
  TempDir dir;
  dir.write("corpus/une.txt", "x");
  const auto usage = [&](const std::string& db, const std::string& input) {
    return fatal(depeche::FatalKind::kUsage, [&] { checked_database_folder(db, DatabaseUse::kCreateOrOpen, {input}); });
  };
  EXPECT_EQ(usage(dir / "corpus/db", dir / "corpus"),
            dir / "corpus/db: the database and the input " + dir / "corpus" +
                " contain each other; keep the database outside the folders it indexes");
  dir.write("db/inside.txt", "x");
  EXPECT_NE(usage(dir / "db", dir / "db/../db/inside.txt"), "none") << "however the input is spelled";
  EXPECT_EQ(checked_database_folder(dir / "corpus-db", DatabaseUse::kCreateOrOpen, {dir / "corpus", "-", dir / "absent"}),
            dir / "corpus-db")
      << "a name that starts the same is not inside; stdin and missing inputs are no folders";
}

TEST(DatabaseFolder, DatabaseFilesAreXapiansOwn) {
  for (const char* name : {"iamglass", "flintlock", "postlist.glass", "position.glass", "postlist.tmp", "changes1", "changes42"})
    EXPECT_TRUE(depeche::is_database_file(name)) << name;
  for (const char* name : {"changes", "changes4x", "notes.txt", "glass", "XAPIANDB", "part-00000001"})
    EXPECT_FALSE(depeche::is_database_file(name)) << name;
}

TEST(DatabaseFolder, ForeignEntriesAreListedSorted) {
  TempDir dir;
  write_depeche_database(dir / "db");
  EXPECT_TRUE(depeche::foreign_entries(dir / "db").empty());
  dir.write("db/zz.txt", "x");
  dir.write("db/aa/b.txt", "x");
  EXPECT_EQ(depeche::foreign_entries(dir / "db"), (Names{"aa", "zz.txt"}));
  EXPECT_TRUE(depeche::foreign_entries(dir / "absent").empty());
}

TEST(DatabaseFolder, RemovingADatabaseFolderRemovesXapiansFilesAndPartsOnly) {
  TempDir dir;
  fs::create_directory(dir / "parts");
  write_depeche_database(dir / "parts/part-00000000");
  write_depeche_database(dir / "parts/part-00000001");
  Xapian::WritableDatabase(dir / "parts/spelling-0", Xapian::DB_CREATE).commit();
  EXPECT_TRUE(depeche::remove_database_folder(dir / "parts").empty());
  EXPECT_FALSE(fs::exists(dir / "parts"));

  write_depeche_database(dir / "kept");
  const std::string foreign = dir.write("kept/part-00000000/notes.txt", "x");
  write_depeche_database(dir / "kept/part-00000001");
  EXPECT_EQ(depeche::remove_database_folder(dir / "kept"), (Names{foreign}));
  EXPECT_TRUE(fs::exists(foreign));
  EXPECT_FALSE(fs::exists(dir / "kept/iamglass"));
  EXPECT_FALSE(fs::exists(dir / "kept/part-00000001"));

  EXPECT_TRUE(depeche::remove_database_folder(dir / "absent").empty());
  const std::string file = dir.write("file", "x");
  EXPECT_EQ(depeche::remove_database_folder(file), (Names{file}));
  EXPECT_TRUE(fs::exists(file));
}

TEST(DatabaseFolder, LinksInADatabaseFolderAreNeitherFollowedNorRemoved) {
  TempDir dir;
  write_depeche_database(dir / "other");
  write_depeche_database(dir / "db");
  fs::create_directory_symlink(dir / "other", dir / "db/link");
  EXPECT_EQ(depeche::remove_database_folder(dir / "db"), (Names{dir / "db/link"}));
  EXPECT_TRUE(fs::exists(dir / "other/iamglass"));
}

TEST(DatabaseFolder, WorkFolderWithForeignFilesIsRefused) {
  TempDir dir;
  const std::string foreign = dir.write("db.compact/notes.txt", "x");
  EXPECT_EQ(fatal(depeche::FatalKind::kDatabase, [&] { depeche::clear_work_folder(dir / "db.compact"); }),
            dir / "db.compact: holds files depeche did not write (" + foreign +
                "); move them away, depeche builds a database there; nothing changed");
  EXPECT_TRUE(fs::exists(foreign));
  write_depeche_database(dir / "db.rebuild");
  EXPECT_NO_THROW(depeche::clear_work_folder(dir / "db.rebuild"));
  EXPECT_FALSE(fs::exists(dir / "db.rebuild"));
}

TEST(DatabaseFolder, LeftoversOfInterruptedRunsAreRemovedBesideTheDatabase) {
  TempDir dir;
  write_depeche_database(dir / "db");
  for (const char* suffix : {".depeche-parts", ".depeche-new", ".compact", ".rebuild"}) write_depeche_database(dir / "db" + suffix);
  write_depeche_database(dir / "db.other");
  depeche::clear_leftovers(dir / "db");
  for (const char* suffix : {".depeche-parts", ".depeche-new", ".compact", ".rebuild"})
    EXPECT_FALSE(fs::exists(dir / "db" + suffix)) << suffix;
  EXPECT_TRUE(fs::exists(dir / "db/iamglass"));
  EXPECT_TRUE(fs::exists(dir / "db.other/iamglass")) << "not a leftover";
  EXPECT_EQ(checked_database_folder(dir / "db", DatabaseUse::kOpen, {}), canonical(dir / "db"));
}

TEST(DatabaseFolder, LeftoversOfShardsAreRemovedInsideAShardedDatabase) {
  TempDir dir;
  write_depeche_database(dir / "db", depeche::ShardBy::kYear);
  write_depeche_database(dir / "db/2023.compact");
  write_depeche_database(dir / "db/2023.rebuild");
  depeche::clear_leftovers(dir / "db");
  EXPECT_FALSE(fs::exists(dir / "db/2023.compact"));
  EXPECT_FALSE(fs::exists(dir / "db/2023.rebuild"));
  EXPECT_TRUE(fs::exists(dir / "db/control/iamglass"));

  const std::string foreign = dir.write("db/2022.rebuild/notes.txt", "x");
  EXPECT_NE(fatal(depeche::FatalKind::kDatabase, [&] { depeche::clear_leftovers(dir / "db"); }), "none");
  EXPECT_TRUE(fs::exists(foreign));
}
