// util::open_regular_file on real files in a temporary folder: regular files (and links to them)
// open, ready for blocking reads; folders, pipes, devices, kernel files and missing names are
// refused at once, naming the path, without keeping a descriptor open.
#include "util/regular_file.h"

#include "support/temp_dir.h"
#include "util/error.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

using depeche::util::open_regular_file;
namespace t = depeche::test;
namespace fs = std::filesystem;

namespace {

// The message open_regular_file throws for `path`, or "opened" when it opens it.
std::string refusal(const std::string& path) {
  try {
    ::close(open_regular_file(path));
    return "opened";
  } catch (const depeche::Error& e) {
    return e.what();
  }
}

// The lowest free descriptor: the one the next open() gets.
int next_descriptor() {
  const int fd = ::open("/dev/null", O_RDONLY);
  ::close(fd);
  return fd;
}

std::string read_all(int fd) {
  std::string content;
  char buf[64];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) content.append(buf, static_cast<std::size_t>(n));
  return content;
}

const std::string kNotRegular =
    ": not a regular file (a pipe, device or socket); skipped: give a pipe's content on stdin as '-'";

}  // namespace

TEST(RegularFile, RegularFileOpensForBlockingReadsClosedOnExec) {
  t::TempDir dir;
  const std::string path = dir.write("une.txt", "date 2023-07-23\nTitre\n");
  const int fd = open_regular_file(path);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_all(fd), "date 2023-07-23\nTitre\n");
  const int flags = ::fcntl(fd, F_GETFL);
  EXPECT_EQ(flags & O_NONBLOCK, 0) << "only open() was not to block, reads do";
  EXPECT_EQ(flags & O_ACCMODE, O_RDONLY);
  EXPECT_NE(::fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
  ::close(fd);
}

TEST(RegularFile, EmptyFileOpens) {
  t::TempDir dir;
  const int fd = open_regular_file(dir.write("vide.txt", ""));
  EXPECT_EQ(read_all(fd), "");
  ::close(fd);
}

TEST(RegularFile, LinkToAFileOpensTheFile) {
  t::TempDir dir;
  const std::string target = dir.write("cible.txt", "contenu");
  fs::create_symlink(target, dir / "lien.txt");
  const int fd = open_regular_file(dir / "lien.txt");
  EXPECT_EQ(read_all(fd), "contenu");
  ::close(fd);
}

TEST(RegularFile, MissingFileAndBrokenLinkSayTheSystemsReason) {
  t::TempDir dir;
  EXPECT_EQ(refusal(dir / "absent.txt"), dir / "absent.txt" + ": No such file or directory");
  fs::create_symlink(dir / "absent.txt", dir / "cassé.txt");
  EXPECT_EQ(refusal(dir / "cassé.txt"), dir / "cassé.txt" + ": No such file or directory");
  EXPECT_EQ(refusal(dir.write("dossier/f.txt", "x") + "/plus"), dir / "dossier/f.txt/plus: Not a directory");
}

TEST(RegularFile, UnreadableFileSaysPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  t::TempDir dir;
  const std::string path = dir.write("secret.txt", "x");
  fs::permissions(path, fs::perms::none);
  EXPECT_EQ(refusal(path), path + ": Permission denied");
}

TEST(RegularFile, FolderAndLinkToAFolderAreRefused) {
  t::TempDir dir;
  fs::create_directory(dir / "dossier");
  fs::create_directory_symlink(dir / "dossier", dir / "lien");
  EXPECT_EQ(refusal(dir / "dossier"), dir / "dossier: a folder");
  EXPECT_EQ(refusal(dir / "lien"), dir / "lien: a folder");
}

TEST(RegularFile, FifoIsRefusedWithoutWaitingForAWriter) {
  t::TempDir dir;
  const std::string fifo = dir / "tube";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(refusal(fifo), fifo + kNotRegular);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(RegularFile, DevicesAreRefused) {
  EXPECT_EQ(refusal("/dev/null"), "/dev/null" + kNotRegular);
  EXPECT_EQ(refusal("/dev/zero"), "/dev/zero" + kNotRegular) << "it never ends";
}

TEST(RegularFile, KernelFilesAreRefusedThoughTheyLookRegular) {
  struct stat st {};
  if (::stat("/proc/self/status", &st) != 0) GTEST_SKIP() << "no /proc here";
  ASSERT_TRUE(S_ISREG(st.st_mode)) << "the case this check is for";
  EXPECT_EQ(refusal("/proc/self/status"), "/proc/self/status: a file the kernel makes up (/proc, /sys); skipped");
  if (::stat("/sys/kernel/mm/transparent_hugepage/enabled", &st) == 0 && S_ISREG(st.st_mode)) {
    EXPECT_EQ(refusal("/sys/kernel/mm/transparent_hugepage/enabled"),
              "/sys/kernel/mm/transparent_hugepage/enabled: a file the kernel makes up (/proc, /sys); skipped");
  }
}

TEST(RegularFile, RefusalsLeaveNoDescriptorOpen) {
  t::TempDir dir;
  fs::create_directory(dir / "dossier");
  const std::string fifo = dir / "tube";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int before = next_descriptor();
  for (const std::string& path : {dir / "dossier", fifo, std::string("/dev/null"), std::string("/proc/self/status"),
                                  dir / "absent"})
    EXPECT_NE(refusal(path), "opened") << path;
  EXPECT_EQ(next_descriptor(), before);
}
