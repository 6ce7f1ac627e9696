// Shared by the fuzz targets: a sink that keeps nothing, and a property check that fails loudly.
// A broken property aborts, so libFuzzer saves the input as a crash like any sanitizer report.
#ifndef DEPECHE_INCLUDED_FUZZ_SUPPORT_H
#define DEPECHE_INCLUDED_FUZZ_SUPPORT_H

#include "readers/reader.h"
#include "util/date.h"
#include "util/utf8.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace depeche::fuzz {

// Counts what a reader hands back; keeps the articles for property checks by the caller.
class CollectingSink : public ArticleSink {
 public:
  void article(Article&& a) override { articles.push_back(std::move(a)); }
  void problem(const std::string&, std::size_t, const std::string& message) override {
    ++problems;
    last_problem = message;
  }
  std::vector<Article> articles;
  std::size_t problems = 0;
  std::string last_problem;
};

[[noreturn]] inline void property_failed(const char* target, const char* what, const char* file, int line) {
  std::fprintf(stderr, "\n==%s== PROPERTY VIOLATED at %s:%d: %s\n", target, file, line, what);
  std::abort();
}

}  // namespace depeche::fuzz

#define DEPECHE_FUZZ_CHECK(target, cond) \
  do {                                   \
    if (!(cond)) ::depeche::fuzz::property_failed(target, #cond, __FILE__, __LINE__); \
  } while (0)

namespace depeche::fuzz {

// What every Date a parser returns must satisfy (util/date.h): a known precision, a year in
// [kMinYear, kMaxYear], a real month and day at their precision and 0 below it, and an ISO form
// that parses back to the same date.
inline void check_date(const char* target, const util::Date& d) {
  using util::DatePrecision;
  if (d.precision == DatePrecision::kNone) {
    DEPECHE_FUZZ_CHECK(target, d.iso().empty());
    return;
  }
  DEPECHE_FUZZ_CHECK(target, d.year >= util::kMinYear && d.year <= util::kMaxYear);
  if (d.precision == DatePrecision::kYear) DEPECHE_FUZZ_CHECK(target, d.month == 0 && d.day == 0);
  if (d.precision == DatePrecision::kMonth) DEPECHE_FUZZ_CHECK(target, d.month >= 1 && d.month <= 12 && d.day == 0);
  if (d.precision == DatePrecision::kDay)
    DEPECHE_FUZZ_CHECK(target, d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= util::days_in_month(d.year, d.month));
  const auto back = util::parse_iso_date(d.iso());
  DEPECHE_FUZZ_CHECK(target, back && *back == d);
}

// What every article a reader hands back must satisfy, whatever bytes it read: an id, valid
// UTF-8 in every text field (docs/robustness.md), no NUL byte in its title or body, a well-formed date.
inline void check_article(const char* target, const Article& a) {
  DEPECHE_FUZZ_CHECK(target, !a.id.empty());
  DEPECHE_FUZZ_CHECK(target, util::is_valid_utf8(a.id) && util::is_valid_utf8(a.url) && util::is_valid_utf8(a.source));
  DEPECHE_FUZZ_CHECK(target, util::is_valid_utf8(a.body) && (!a.title || util::is_valid_utf8(*a.title)));
  DEPECHE_FUZZ_CHECK(target, util::is_valid_utf8(a.section) && util::is_valid_utf8(a.lang) && util::is_valid_utf8(a.author));
  DEPECHE_FUZZ_CHECK(target, a.body.find('\0') == std::string::npos && (!a.title || a.title->find('\0') == std::string::npos));
  check_date(target, a.date);
}

}  // namespace depeche::fuzz

#endif
