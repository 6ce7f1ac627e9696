// Helpers for end-to-end tests: run a command, capture its output and status; temporary folders.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_RUN_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_RUN_H

#include "support/temp_dir.h"

#include <string>
#include <vector>

namespace depeche::test {

struct RunResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
  long peak_rss_kb = 0;  // the command's peak resident memory (getrusage's ru_maxrss)
  double seconds = 0;    // wall time
};

// Runs `argv` (no shell), with `input` on stdin and `env` ("NAME=value") added to the environment.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const std::vector<std::string>& env = {});

RunResult index(const std::vector<std::string>& args, const std::string& input = "");
RunResult search(const std::vector<std::string>& args, const std::string& input = "");

// For tests that fork their own child: depeche-search's argv with `args`; replacing the process
// with it (exit status 127 when that fails); the exit status of a waitpid() status, 128 + signal
// for a killed child.
std::vector<std::string> search_argv(const std::vector<std::string>& args);
[[noreturn]] void exec(std::vector<std::string> argv);
int exit_status(int wait_status);

std::string source_dir();  // the repository's root
std::string shared_dir();  // ../shared beside it
bool shared_corpus_present();
// Two synthetic articles with the quirks of the seeds in ../shared (tests/fixtures/seeds/README.md):
// shipped, so that tests indexing them run on any clone.
std::string seeds_dir();
inline constexpr const char* kSeedUrl =
    "https://www.sahel-depeches.example/20230723/l-iran-propose-au-mali-son-savoir-faire-en-telecommunications.html";
inline constexpr const char* kSeedSource = "sahel-depeches.example";
// The id the indexer gave the rewrite (no URL, no title) in the databases `dbs`, as the searcher
// prints it: tests look it up rather than spell how ids of files are formed.
std::string rewrite_id(const std::vector<std::string>& dbs);

}  // namespace depeche::test

#endif
