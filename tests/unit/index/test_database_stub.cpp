#include "index/database_stub.h"

#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

using depeche::parse_stub;

TEST(DatabaseStub, LinesAsXapianReadsThem) {
  const auto lines = parse_stub("# shards\n\nauto 2023\n  glass   /srv/a b  \r\nremote 10.0.0.1:33333\nremote  :prog arg\ninmemory");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].line, 3u);
  EXPECT_EQ(lines[0].type, "auto");
  EXPECT_EQ(lines[0].target, "2023");
  EXPECT_EQ(lines[1].type, "glass");
  EXPECT_EQ(lines[1].target, "/srv/a b");
  EXPECT_FALSE(lines[2].starts_program()) << "a TCP server";
  EXPECT_TRUE(lines[3].starts_program());
  EXPECT_EQ(lines[3].target, ":prog arg");
  EXPECT_EQ(lines[4].type, "inmemory");
  EXPECT_TRUE(lines[4].target.empty());
}

TEST(DatabaseStub, ProgramsAreRefusedWhereverTheStubIs) {
  depeche::test::TempDir dir;
  dir.write("db/iamglass", "");
  dir.write("ok.stub", "auto db\nremote 127.0.0.1:1\n");
  EXPECT_NO_THROW(depeche::refuse_program_remotes(dir / "ok.stub", false));
  EXPECT_NO_THROW(depeche::refuse_program_remotes(dir / "db", false));
  EXPECT_NO_THROW(depeche::refuse_program_remotes("tcp://host:1", false));
  EXPECT_NO_THROW(depeche::refuse_program_remotes(dir / "missing", false)) << "opening it will say so";
  dir.write("evil.stub", "auto db\n\tremote\t:/bin/true\n");
  dir.write("folder/XAPIANDB", "auto ../evil.stub\n");
  dir.write("loop.stub", "auto loop.stub\n");
  for (const char* path : {"evil.stub", "folder"}) {
    EXPECT_THROW(depeche::refuse_program_remotes(dir / path, false), depeche::Fatal) << path;
    EXPECT_NO_THROW(depeche::refuse_program_remotes(dir / path, true)) << path;
  }
  EXPECT_THROW(depeche::refuse_program_remotes(dir / "loop.stub", false), depeche::Fatal) << "a stub naming itself";
  EXPECT_THROW(depeche::refuse_program_remotes("/dev/zero", false), depeche::Fatal) << "no stub is a gigabyte";
}

}  // namespace
