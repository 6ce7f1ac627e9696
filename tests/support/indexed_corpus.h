// A database indexed once for a whole suite of end-to-end tests, which then only search it.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_INDEXED_CORPUS_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_INDEXED_CORPUS_H

#include "support/run.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace depeche::test {

// The base of such a suite: its SetUpTestSuite() writes its inputs into folder(), if it has any,
// and calls index_once(); every test then stops at once if indexing failed. `Suite` is the class
// that derives from it, so that each suite has a folder and a database of its own.
template <class Suite>
class IndexedCorpus : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { folder_.reset(); }
  void SetUp() override { ASSERT_EQ(index_status_, 0) << index_err_; }

  // The suite's temporary folder, created on first use and removed after its last test.
  static const TempDir& folder() {
    if (!folder_) folder_ = std::make_unique<TempDir>();
    return *folder_;
  }
  static std::string db() { return folder() / "db"; }

  // Runs depeche-index --db db() with `args` (inputs and options), `input` on its stdin.
  static void index_once(const std::vector<std::string>& args, const std::string& input = "") {
    std::vector<std::string> argv{"--db", db()};
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = index(argv, input);
    index_status_ = r.status;
    index_err_ = r.err;
  }

 private:
  static inline std::unique_ptr<TempDir> folder_;
  static inline int index_status_ = -1;
  static inline std::string index_err_;
};

}  // namespace depeche::test

#endif
