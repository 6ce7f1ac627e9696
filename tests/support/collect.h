// An ArticleSink that keeps what readers hand it, for reader tests, and a reader of whole folders.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_COLLECT_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_COLLECT_H

#include "index/inputs.h"
#include "readers/problems.h"
#include "readers/reader.h"

#include <string>
#include <utility>
#include <vector>

namespace depeche::test {

struct Problem {
  std::string file;
  std::size_t line = 0;
  std::string message;
};

class Collect : public ArticleSink {
 public:
  void article(Article&& a) override { articles.push_back(std::move(a)); }
  void problem(const std::string& file, std::size_t line, const std::string& message) override {
    problems.push_back({file, line, message});
  }
  // The problems as FILE:LINE: message lines, for failure messages.
  std::string describe() const {
    std::string out;
    for (const Problem& p : problems) out += problem_line(p.file, p.line, p.message) + "\n";
    return out;
  }
  const Article* find(const std::string& id) const {
    for (const Article& a : articles)
      if (a.id == id) return &a;
    return nullptr;
  }
  std::vector<Article> articles;
  std::vector<Problem> problems;
};

// Every article under `path`, read as depeche-index reads it (formats detected).
inline Collect read_all(const std::string& path) {
  Collect sink;
  for (const auto& input : expand_inputs({path}, {}, [](const std::string&, bool) {})) read_input(input, InputFormat::kAuto, {}, sink);
  return sink;
}

}  // namespace depeche::test

#endif
