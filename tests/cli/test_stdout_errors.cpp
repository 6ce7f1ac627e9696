// Issue 30, item 9: every write to standard output is checked. A failure (a full disk: /dev/full,
// a closed descriptor) ends the run with one line and status 74, whatever the mode; a reader that
// went away (a closed pipe) ends it quietly, as SIGPIPE does.
#include "support/indexed_corpus.h"
#include "support/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace t = depeche::test;
using t::TempDir;

namespace {

enum class Stdout { kDevFull, kClosed, kPipeClosedByReader, kPipeClosedSigpipeIgnored };

// Runs `argv` with its standard output set up as `kind`, stdin empty and `env` ("NAME=value") added
// to the environment; its status and stderr.
t::RunResult run_with_stdout(const std::vector<std::string>& argv, Stdout kind, const TempDir& dir,
                             const std::vector<std::string>& env = {}) {
  const std::string err_path = dir / "stderr";
  int pipe_fds[2] = {-1, -1};
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  // Nobody reads, from the start: closed before fork(), the read end is in no process, so the
  // child's first write meets a closed pipe however early it comes.
  close(pipe_fds[0]);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(err, 2);
    switch (kind) {
      case Stdout::kDevFull: dup2(open("/dev/full", O_WRONLY), 1); break;
      case Stdout::kClosed: close(1); break;
      case Stdout::kPipeClosedSigpipeIgnored: signal(SIGPIPE, SIG_IGN); [[fallthrough]];
      case Stdout::kPipeClosedByReader: dup2(pipe_fds[1], 1); break;
    }
    for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
    t::exec(argv);
  }
  close(pipe_fds[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  t::RunResult r;
  r.status = t::exit_status(status);
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  r.err = text.str();
  return r;
}

std::vector<std::string> with(std::string binary, const std::vector<std::string>& args) {
  std::vector<std::string> argv{std::move(binary)};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

class StdoutErrors : public t::IndexedCorpus<StdoutErrors> {
 protected:
  static void SetUpTestSuite() {
    index_once({t::source_dir() + "/data", t::seeds_dir()});
    folder().write("queries.txt", "iran\nmali\nzzzzunknownword\n");
  }
  // depeche-search's argv in every mode that prints, from a few bytes (--count) to the whole
  // archive (--export).
  static std::vector<std::vector<std::string>> search_modes() {
    std::vector<std::vector<std::string>> modes;
    for (const char* format : {"text", "json", "jsonl", "tsv", "csv"})
      modes.push_back({"--db", db(), "--format", format, "mali"});
    modes.push_back({"--db", db(), "--export"});
    modes.push_back({"--db", db(), "--show", t::kSeedUrl});
    modes.push_back({"--db", db(), "--batch", folder() / "queries.txt"});
    modes.push_back({"--db", db(), "--batch", folder() / "queries.txt", "--jobs", "2"});
    modes.push_back({"--db", db(), "--count", "mali"});
    modes.push_back({"--db", db(), "--facet", "source", "mali"});
    modes.push_back({"--db", db(), "--stats"});
    modes.push_back({"--db", db(), "--timeline", "mali"});
    modes.push_back({"--db", db(), "--similar", t::kSeedUrl});
    modes.push_back({"--help"});
    modes.push_back({"--version"});
    modes.push_back({"--generate", "man"});
    modes.push_back({"--generate", "bash"});
    return modes;
  }
};

std::string describe(const std::vector<std::string>& argv) {
  std::string s;
  for (const std::string& a : argv) s += a + " ";
  return s;
}

}  // namespace

TEST_F(StdoutErrors, FullDiskEndsEverySearchModeWithOneLineAndStatus74) {
  TempDir scratch;
  for (const auto& args : search_modes()) {
    const auto r = run_with_stdout(with(DEPECHE_SEARCH_BIN, args), Stdout::kDevFull, scratch);
    EXPECT_EQ(r.status, 74) << describe(args) << r.err;
    EXPECT_EQ(r.err, "depeche-search: standard output: No space left on device\n") << describe(args);
  }
}

TEST_F(StdoutErrors, FullDiskEndsEveryIndexerOutputWithOneLineAndStatus74) {
  TempDir scratch;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", scratch / "db", t::seeds_dir(), "--summary"},
        {"--db", scratch / "db", t::seeds_dir(), "--summary=json"},
        {"--db", scratch / "db", "--compact", "--summary"},
        {"--help"},
        {"--generate", "zsh"}}) {
    const auto r = run_with_stdout(with(DEPECHE_INDEX_BIN, args), Stdout::kDevFull, scratch);
    EXPECT_EQ(r.status, 74) << describe(args) << r.err;
    EXPECT_EQ(r.err, "depeche-index: standard output: No space left on device\n") << describe(args);
  }
  // What was indexed before the summary failed is committed.
  EXPECT_EQ(t::search({"--db", scratch / "db", "--count", "mali"}).out, "2\n");
}

// `>&-`: writes fail as on a closed descriptor, and no file opened meanwhile (a database table)
// takes descriptor 1 and receives what is printed.
TEST_F(StdoutErrors, ClosedStdoutIsAnErrorAndNoFileTakesItsPlace) {
  TempDir scratch;
  auto r = run_with_stdout(with(DEPECHE_SEARCH_BIN, {"--db", db(), "--export"}), Stdout::kClosed, scratch);
  EXPECT_EQ(r.status, 74) << r.err;
  EXPECT_EQ(r.err, "depeche-search: standard output: Bad file descriptor\n");
  r = run_with_stdout(with(DEPECHE_INDEX_BIN, {"--db", scratch / "db", t::source_dir() + "/data", "--summary"}),
                      Stdout::kClosed, scratch);
  EXPECT_EQ(r.status, 74) << r.err;
  EXPECT_EQ(r.err, "depeche-index: standard output: Bad file descriptor\n");
  EXPECT_EQ(t::run({"xapian-check", scratch / "db"}).status, 0) << "the summary was not written into a table";
  EXPECT_EQ(t::search({"--db", scratch / "db", "--count", "mali"}).status, 0);
}

TEST_F(StdoutErrors, ClosedPipeEndsQuietlyAsBySigpipe) {
  TempDir scratch;
  for (const Stdout kind : {Stdout::kPipeClosedByReader, Stdout::kPipeClosedSigpipeIgnored}) {
    for (const auto& args : search_modes()) {
      const auto r = run_with_stdout(with(DEPECHE_SEARCH_BIN, args), kind, scratch);
      EXPECT_EQ(r.status, 128 + SIGPIPE) << describe(args);
      EXPECT_EQ(r.err, "") << describe(args);
    }
  }
}

// cron's --new remembers what it printed only once it is printed: a failed write must not mark
// the new articles as seen, or the next run would skip them.
TEST(StdoutErrorsSavedSearches, NewArticlesThatCouldNotBePrintedStayNew) {
  TempDir home;
  const std::vector<std::string> env{"HOME=" + home.path(), "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "XDG_STATE_HOME=",
                                     "DEPECHE_DB=" + (home / "db"), "DEPECHE_CONFIG="};
  ASSERT_EQ(t::run({DEPECHE_INDEX_BIN, t::source_dir() + "/data"}, "", env).status, 0);
  ASSERT_EQ(t::run({DEPECHE_SEARCH_BIN, "--save", "mali", "mali"}, "", env).status, 0);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--saved", "mali", "--new"}, {"--list-saved"}}) {
    const auto r = run_with_stdout(with(DEPECHE_SEARCH_BIN, args), Stdout::kDevFull, home, env);
    EXPECT_EQ(r.status, 74) << describe(args);
    EXPECT_EQ(r.err, "depeche-search: standard output: No space left on device\n") << describe(args);
  }
  const auto all = t::run({DEPECHE_SEARCH_BIN, "--saved", "mali", "--count"}, "", env);
  const auto again = t::run({DEPECHE_SEARCH_BIN, "--saved", "mali", "--new", "--format", "json", "--no-collapse"}, "", env);
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(std::to_string(nlohmann::json::parse(again.out)["hits"].size()) + "\n", all.out) << "every match is still new";
}
