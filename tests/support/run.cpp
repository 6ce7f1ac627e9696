#include "support/run.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace depeche::test {

RunResult run(const std::vector<std::string>& argv, const std::string& input, const std::vector<std::string>& env) {
  // A command that exits before reading its input (a refused option) made the write below kill
  // the test with SIGPIPE; ignored, the write fails with EPIPE and the input is dropped.
  std::signal(SIGPIPE, SIG_IGN);
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
    exec(argv);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult r;
  std::size_t written = 0;
  if (input.empty()) close(in_pipe[1]), in_pipe[1] = -1;
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
  int open_outputs = 2;
  while (open_outputs > 0) {
    const nfds_t n = in_pipe[1] >= 0 ? 3 : 2;
    if (poll(fds, n, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[65536];
      const ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_outputs;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
      }
    }
    if (in_pipe[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t put = write(in_pipe[1], input.data() + written, input.size() - written);
      if (put > 0) written += static_cast<std::size_t>(put);
      if (put <= 0 || written == input.size()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss_kb = usage.ru_maxrss;
  r.status = exit_status(status);
  return r;
}

void exec(std::vector<std::string> argv) {
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::signal(SIGPIPE, SIG_DFL);  // an ignored signal stays ignored across exec: depeche gets the default
  execvp(args[0], args.data());
  _exit(127);
}

int exit_status(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
}

RunResult index(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> argv{DEPECHE_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, input);
}

std::vector<std::string> search_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{DEPECHE_SEARCH_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

RunResult search(const std::vector<std::string>& args, const std::string& input) { return run(search_argv(args), input); }

std::string source_dir() { return DEPECHE_SOURCE_DIR; }
std::string shared_dir() { return DEPECHE_SHARED_DIR; }
bool shared_corpus_present() {
  return std::filesystem::exists(shared_dir() + "/data/corpus/news-fr.jsonl.gz");
}
std::string seeds_dir() { return source_dir() + "/tests/fixtures/seeds"; }

std::string rewrite_id(const std::vector<std::string>& dbs) {
  std::vector<std::string> args{"--format", "json", "--no-collapse", "Tidène"};
  for (const std::string& db : dbs) args.insert(args.begin(), {"--db", db});
  const RunResult r = search(args);
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  for (const auto& hit : answer["hits"])
    if (hit["title"].is_null()) return hit["id"];
  throw std::runtime_error("the rewrite is not in the database: " + r.err);
}

}  // namespace depeche::test
