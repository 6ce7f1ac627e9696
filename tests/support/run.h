// Helpers for end-to-end tests: run a command, capture its output and status; temporary folders.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_RUN_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_RUN_H

#include <string>
#include <vector>

namespace depeche::test {

struct RunResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
};

// Runs `argv` (no shell), with `input` on stdin and `env` ("NAME=value") added to the environment.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const std::vector<std::string>& env = {});

RunResult index(const std::vector<std::string>& args, const std::string& input = "");
RunResult search(const std::vector<std::string>& args, const std::string& input = "");

// A fresh temporary folder, removed with its content when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to `name` (creating folders) and returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

std::string source_dir();  // the repository's root
std::string shared_dir();  // ../shared beside it
bool shared_corpus_present();

}  // namespace depeche::test

#endif
