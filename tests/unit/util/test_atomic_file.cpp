#include "util/atomic_file.h"

#include "support/temp_dir.h"
#include "util/error.h"

#include <filesystem>
#include <iterator>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using depeche::util::write_file_atomically;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(WriteFileAtomically, CreatesThenReplacesTheFileWhole) {
  depeche::test::TempDir dir;
  const std::string path = dir / "saved";
  write_file_atomically(path, "first\n");
  EXPECT_EQ(read(path), "first\n");
  write_file_atomically(path, std::string("a\0b", 3));
  EXPECT_EQ(read(path), std::string("a\0b", 3)) << "bytes kept as given";
  write_file_atomically(path, "");
  EXPECT_EQ(read(path), "");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(WriteFileAtomically, AMissingFolderIsAnErrorNamingTheTemporaryFile) {
  depeche::test::TempDir dir;
  const std::string path = dir / "absent/saved";
  try {
    write_file_atomically(path, "x");
    FAIL() << "no error";
  } catch (const depeche::Error& e) {
    EXPECT_EQ(std::string(e.what()), path + ".tmp: cannot write");
  }
  EXPECT_FALSE(fs::exists(dir / "absent"));
}

TEST(WriteFileAtomically, AnUnwritableFolderLeavesNoTemporaryFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root writes into a read-only folder";
  depeche::test::TempDir dir;
  const std::string folder = dir / "locked";
  fs::create_directory(folder);
  const std::string path = folder + "/saved";
  write_file_atomically(path, "old\n");
  ASSERT_EQ(::chmod(folder.c_str(), 0555), 0);
  EXPECT_THROW(write_file_atomically(path, "new\n"), depeche::Error);
  ::chmod(folder.c_str(), 0755);
  EXPECT_EQ(read(path), "old\n") << "the old file is left whole";
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(WriteFileAtomically, AFolderThatIsAFileLeavesNothingBehind) {
  depeche::test::TempDir dir;
  const std::string not_a_folder = dir.write("file", "kept");
  EXPECT_THROW(write_file_atomically(not_a_folder + "/saved", "x"), depeche::Error);
  EXPECT_EQ(read(not_a_folder), "kept");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(WriteFileAtomically, ATemporaryNameTakenByAFolderIsNotRemoved) {
  depeche::test::TempDir dir;
  const std::string path = dir / "saved";
  fs::create_directory(path + ".tmp");
  EXPECT_THROW(write_file_atomically(path, "x"), depeche::Error);
  EXPECT_TRUE(fs::is_directory(path + ".tmp")) << "not ours: left alone";
  EXPECT_FALSE(fs::exists(path));
}

TEST(WriteFileAtomically, AFailedRenameLeavesNoTemporaryFile) {
  depeche::test::TempDir dir;
  const std::string path = dir / "folder";
  fs::create_directories(path + "/inside");  // a folder that is not empty: nothing renames over it
  EXPECT_THROW(write_file_atomically(path, "x"), fs::filesystem_error);
  EXPECT_TRUE(fs::is_directory(path + "/inside"));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

}  // namespace
