// Issue 31: depeche never runs a program, writes a setting or drives a terminal because some
// input said so (docs/robustness.md: a stub's `remote :PROGRAM`, control characters).
#include "support/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace t = depeche::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> home_env(const t::TempDir& dir) {
  return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "XDG_STATE_HOME=", "DEPECHE_DB=", "DEPECHE_CONFIG="};
}

// A program that leaves a mark when started: what `remote :PROGRAM` in a stub would run.
std::string marking_program(const t::TempDir& dir) {
  const std::string program = dir.write("prog.sh", "#!/bin/sh\ntouch '" + (dir / "RAN") + "'\n");
  fs::permissions(program, fs::perms::owner_all);
  return program;
}

TEST(HostileWorld, NoStubStartsAProgramUnlessTheCommandLineAllowsIt) {
  t::TempDir dir;
  dir.write("in/une.txt", "date 2023-07-01\nLe port\n\nLe port de Brest.\n");
  ASSERT_EQ(t::index({"--db", dir / "db", dir / "in"}).status, 0);
  const std::string program = marking_program(dir);
  const std::string stub = dir.write("evil.stub", "auto " + (dir / "db") + "\nremote :" + program + "\n");
  dir.write("nested.stub", "auto " + stub + "\n");
  dir.write("sharded/XAPIANDB", "auto " + stub + "\n");
  dir.write("cfg", "db = " + stub + "\n");
  const auto env = home_env(dir);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{DEPECHE_SEARCH_BIN, "--db", stub, "brest"},
        {DEPECHE_SEARCH_BIN, "--db", dir / "nested.stub", "brest"},
        {DEPECHE_SEARCH_BIN, "--db", dir / "db", "--db", dir / "sharded", "brest"},
        {DEPECHE_SEARCH_BIN, "--config", dir / "cfg", "brest"},
        {DEPECHE_SEARCH_BIN, "--db", stub, "--batch", "-"},
        {DEPECHE_INDEX_BIN, "--db", stub, dir / "in"},
        {DEPECHE_INDEX_BIN, "--db", dir / "sharded", dir / "in"},
        {DEPECHE_INDEX_BIN, "--db", dir / "sharded", "--compact"},
        {DEPECHE_INDEX_BIN, "--config", dir / "cfg", dir / "in"}}) {
    const auto r = t::run(args, "brest\n", env);
    EXPECT_EQ(r.status, 3) << args[1] << " " << args[2] << ": " << r.err;
    EXPECT_FALSE(fs::exists(dir / "RAN")) << args[2];
  }
  const auto refused = t::search({"--db", stub, "brest"});
  EXPECT_NE(refused.err.find("evil.stub:2: names a program to start"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--allow-program-remotes"), std::string::npos) << refused.err;
  // Asked for on the command line, it runs: the check above is what stopped it.
  t::search({"--db", stub, "--allow-program-remotes", "brest"});
  EXPECT_TRUE(fs::exists(dir / "RAN"));
}

// A sharded database's stub lists shards by name; a line naming another database made the
// indexer write into it.
TEST(HostileWorld, TheIndexerWritesOnlyShardsItNamed) {
  t::TempDir dir;
  dir.write("in/une.txt", "date 2023-07-01\nLe port\n\nLe port de Brest.\n");
  ASSERT_EQ(t::index({"--db", dir / "other", dir / "in"}).status, 0);
  ASSERT_EQ(t::index({"--db", dir / "sharded", "--shard-by", "year", dir / "in"}).status, 0);
  std::ofstream(dir / "sharded/XAPIANDB", std::ios::app) << "auto " << (dir / "other") << "\nauto ../other\n";
  const auto before = fs::last_write_time(dir / "other/iamglass");
  dir.write("in/deux.txt", "date 2023-07-02\nDeux\n\nLe port de Sète.\n");
  const auto r = t::index({"--db", dir / "sharded", dir / "in"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("names no shard depeche writes"), std::string::npos) << r.err;
  EXPECT_EQ(fs::last_write_time(dir / "other/iamglass"), before);
}

// `--save foo $'mali\nindex = /etc/ssl\ndb = /tmp/evil-db'` wrote two settings that the next
// plain depeche-index obeyed; a newline in a name broke every later run.
TEST(HostileWorld, SavedSearchesCannotWriteSettings) {
  t::TempDir dir;
  const auto env = home_env(dir);
  const std::string config = dir / ".config/depeche/config";
  dir.write(".config/depeche/config", "db = " + (dir / "db") + "\n");
  for (const std::vector<std::string>& save :
       {std::vector<std::string>{"--save", "foo", "mali\nindex = /etc/ssl\ndb = /tmp/evil-db"},
        {"--save", "foo\nindex = /etc/ssl", "mali"},
        {"--save", "foo=bar", "mali"},
        {"--save", "../../x", "mali"},
        {"--save", ".cache", "mali"},
        {"--save", "a b", "mali"},
        {"--save", "foo", "mali\r"},
        {"--save", "foo", "mali\x1b]52;c;aGk=\x07"},
        {"--save", "foo\xc2\xa0", "mali"},
        {"--save", std::string(65, 'a'), "mali"}}) {
    std::vector<std::string> args{DEPECHE_SEARCH_BIN};
    args.insert(args.end(), save.begin(), save.end());
    const auto r = t::run(args, "", env);
    EXPECT_EQ(r.status, 2) << save[1];
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  std::ifstream in(config);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "db = " + (dir / "db") + "\n") << "nothing written";
  // What may be saved reads back exactly.
  const std::string query = "\"fibre optique\" OR Mali date:2023.. source:\"le monde\" #1 = a";
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "élections-2023_v1.2", query}, "", env).status, 0);
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--list-saved"}, "", env).out, "élections-2023_v1.2\t" + query + "\n");
  // --init writes paths one per line too.
  const auto init = t::run({DEPECHE_INDEX_BIN, "--init", "--config", dir / "new-config", dir / "in\nindex = /etc"}, "", env);
  EXPECT_EQ(init.status, 2) << init.err;
  EXPECT_FALSE(fs::exists(dir / "new-config"));
}

// `--config /dev/zero` read a gigabyte, then ran as if the file were empty; a folder was accepted;
// a pipe blocked for good.
TEST(HostileWorld, TheConfigurationIsARegularFileOfBoundedSize) {
  t::TempDir dir;
  const auto env = home_env(dir);
  fs::create_directories(dir / "folder");
  dir.write("big", std::string(std::size_t{1} << 20, '#') + "\n");
  for (const std::string& config : {std::string("/dev/zero"), dir / "folder", dir / "big"}) {
    for (const char* bin : {DEPECHE_SEARCH_BIN, DEPECHE_INDEX_BIN}) {
      const auto r = t::run({bin, "--config", config, "--db", dir / "db", "x"}, "", env);
      EXPECT_EQ(r.status, 2) << bin << " " << config << ": " << r.err;
      EXPECT_NE(r.err.find(config), std::string::npos) << r.err;
      EXPECT_LT(r.peak_rss_kb, 100 * 1024) << config;
    }
  }
  const std::string fifo = dir / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const auto r = t::run({DEPECHE_SEARCH_BIN, "--config", fifo, "x"}, "", env);
  EXPECT_EQ(r.status, 2) << "refused without opening it: " << r.err;
  auto with_env = env;
  with_env.push_back("DEPECHE_CONFIG=/dev/zero");
  EXPECT_EQ(t::run({DEPECHE_SEARCH_BIN, "--db", dir / "db", "x"}, "", with_env).status, 2);
}

}  // namespace

namespace {

// A link inside an input folder led anywhere (/etc/passwd was indexed without a word).
TEST(HostileWorld, LinksAreFollowedOnlyInsideTheInputFolder) {
  t::TempDir dir;
  dir.write("in/a.txt", "date 2023-07-01\nLe port\n\nLe zorglub du port de Brest.\n");
  dir.write("out/secret.txt", "date 2023-07-01\nSecret\n\nLe zorglub secret.\n");
  fs::create_symlink("../out/secret.txt", dir / "in/fuite.txt");
  fs::create_symlink("a.txt", dir / "in/alias.txt");
  fs::create_directory_symlink("../out", dir / "in/dehors");
  fs::create_directories(dir / "in/sous");
  fs::create_directory_symlink("..", dir / "in/sous/boucle");
  const auto r = t::index({"--db", dir / "db", dir / "in", "--summary=json"});
  EXPECT_EQ(r.status, 4);
  std::multiset<std::string> lines;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);) lines.insert(line);
  EXPECT_EQ(lines, (std::multiset<std::string>{
                       "depeche-index: in/dehors: symbolic link to a folder; skipped (--follow-symlinks follows it)",
                       "depeche-index: in/fuite.txt: symbolic link to a file outside " + (dir / "in") +
                           "; skipped (--follow-symlinks follows it)",
                       "depeche-index: in/sous/boucle: symbolic link to a folder; skipped (--follow-symlinks follows it)"}));
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "secret"}).out, "0\n");
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "port"}).out, "2\n") << "a.txt and the link to it";
  // Asked for, links are followed, and a loop ends at the depth limit.
  const auto followed = t::index({"--db", dir / "db2", dir / "in", "--follow-symlinks", "--max-depth", "4"});
  EXPECT_EQ(followed.status, 4) << "the loop reaches --max-depth";
  EXPECT_NE(followed.err.find("levels deep; its contents skipped (--max-depth)"), std::string::npos) << followed.err;
  EXPECT_NE(t::search({"--db", dir / "db2", "--count", "secret"}).out, "0\n");
}

// Folders nested 6,000 deep took 2.2 GB: the walk stops at --max-depth and says so, once.
// At full size in make test too: 6,000 levels take well under a second.
TEST(HostileWorld, SixThousandNestedFoldersCostLittle) {
  t::TempDir dir;
  fs::create_directories(dir / "in");
  // One level at a time, from the folder above: the whole path is longer than PATH_MAX.
  int fd = ::open((dir / "in").c_str(), O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 6000 && fd >= 0; ++i) {
    ASSERT_EQ(::mkdirat(fd, "d", 0700), 0) << i;
    const int inner = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
    ::close(fd);
    fd = inner;
  }
  ASSERT_GE(fd, 0);
  ::close(fd);
  const auto r = t::index({"--db", dir / "db", dir / "in"});
  t::run({"rm", "-rf", dir / "in"});  // std::filesystem cannot remove what PATH_MAX hides
  EXPECT_EQ(r.status, 4);
  EXPECT_NE(r.err.find("levels deep; its contents skipped (--max-depth)"), std::string::npos) << r.err;
  EXPECT_LT(r.peak_rss_kb, 100 * 1024);
  std::printf("[ hostile ] folders nested past --max-depth: exit %d, peak RSS %ld MB, %.2f s\n", r.status,
              r.peak_rss_kb / 1024, r.seconds);
}

TEST(HostileWorld, DeepFoldersStopAtTheDepthLimit) {
  t::TempDir dir;
  std::string deep = "in";
  for (int i = 0; i < 30; ++i) deep += "/d";
  dir.write(deep + "/x.txt", "date 2023-07-01\nProfond\n\nLe zorglub profond.\n");
  dir.write("in/d/y.txt", "date 2023-07-01\nHaut\n\nLe zorglub du haut.\n");
  const auto r = t::index({"--db", dir / "db", dir / "in", "--max-depth", "10", "--summary=json"});
  EXPECT_EQ(r.status, 4);
  EXPECT_EQ(r.err, "depeche-index: in/d/d/d/d/d/d/d/d/d/d: folder nested more than 10 levels deep; its contents "
                   "skipped (--max-depth)\n");
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "zorglub"}).out, "1\n");
  EXPECT_EQ(t::index({"--db", dir / "db", dir / "in", "--max-depth", "40"}).status, 0);
  EXPECT_EQ(t::search({"--db", dir / "db", "--count", "zorglub"}).out, "2\n");
  EXPECT_EQ(t::index({"--db", dir / "db", dir / "in", "--max-depth", "0"}).status, 2);
}

}  // namespace
