// Opening the databases a search reads: what is remote, what is several databases, and the
// message when one cannot be opened.
#include "query/open_databases.h"

#include "index/index_writer.h"
#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

namespace {

using depeche::test::TempDir;

TEST(OpenDatabases, RemoteIsATcpAddressOrAStubNamingAServer) {
  TempDir dir;
  EXPECT_TRUE(depeche::is_remote("tcp://localhost:7000"));
  EXPECT_TRUE(depeche::is_remote(dir.write("remote.stub", "remote localhost:7000\n")));
  EXPECT_FALSE(depeche::is_remote(dir.write("local.stub", "auto db\n")));
  EXPECT_FALSE(depeche::is_remote(dir / "missing"));
}

TEST(OpenDatabases, AStubFileOrAShardedFolderIsSeveralDatabases) {
  TempDir dir;
  EXPECT_TRUE(depeche::is_stub(dir.write("local.stub", "auto db\n")));
  EXPECT_FALSE(depeche::is_stub(dir.path()));
  dir.write("sharded/XAPIANDB", "auto control\n");
  EXPECT_TRUE(depeche::is_stub(dir / "sharded"));
}

TEST(OpenDatabases, DatabasesOpenAsOne) {
  TempDir dir;
  for (const char* name : {"a", "b"}) {
    depeche::IndexWriter writer(dir / name, 10, 0, [](const std::string& m) { ADD_FAILURE() << m; });
    depeche::Article article;
    article.id = name;
    article.body = "Un texte.";
    writer.article(std::move(article));
    writer.finish(0);
  }
  EXPECT_EQ(depeche::open_all({dir / "a", dir / "b"}).get_doccount(), 2u);
}

TEST(OpenDatabases, AFolderThatIsNoDatabaseIsNamed) {
  TempDir dir;
  try {
    depeche::open_all({dir.path()});
    FAIL() << "opened";
  } catch (const depeche::Fatal& e) {
    EXPECT_NE(std::string(e.what()).find(dir.path() + ": not a depeche database"), std::string::npos) << e.what();
  }
  EXPECT_THROW(depeche::open_all({"tcp://localhost"}), depeche::Fatal) << "no port";
}

}  // namespace
