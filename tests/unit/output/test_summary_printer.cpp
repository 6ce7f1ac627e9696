// depeche-index --summary, rendered into a string: the keys and their order are a contract.
#include "output/summary_printer.h"

#include "util/error.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using depeche::SummaryFormat;
using depeche::SummaryPrinter;

depeche::IndexStats stats() {
  depeche::IndexStats s;
  s.added = 11;
  s.updated = 2;
  s.unchanged = 30;
  s.deleted = 1;
  s.problems = 7;  // not printed: the caller says what failed
  return s;
}

std::string render(SummaryFormat format, const std::function<void(SummaryPrinter&)>& print) {
  std::ostringstream out;
  SummaryPrinter printer(out, format);
  print(printer);
  return out.str();
}

TEST(SummaryPrinter, RunAsText) {
  EXPECT_EQ(render(SummaryFormat::kText, [](SummaryPrinter& p) { p.run(stats(), 3); }),
            "added 11, updated 2, unchanged 30, deleted 1, failed 3\n");
}

TEST(SummaryPrinter, RunAsJsonWithItsVersionFirst) {
  EXPECT_EQ(render(SummaryFormat::kJson, [](SummaryPrinter& p) { p.run(stats(), 3); }),
            R"({"format_version":1,"added":11,"deleted":1,"failed":3,"unchanged":30,"updated":2})"
            "\n");
}

TEST(SummaryPrinter, Compaction) {
  const depeche::CompactStats s{5000, 1200};
  EXPECT_EQ(render(SummaryFormat::kText, [&](SummaryPrinter& p) { p.compaction(s); }),
            "compacted 5000 bytes into 1200\n");
  EXPECT_EQ(render(SummaryFormat::kJson, [&](SummaryPrinter& p) { p.compaction(s); }),
            R"({"format_version":1,"bytes_after":1200,"bytes_before":5000})"
            "\n");
}

TEST(SummaryPrinter, NothingWithoutSummary) {
  EXPECT_EQ(render(SummaryFormat::kNone, [](SummaryPrinter& p) {
              p.run(stats(), 3);
              p.compaction({1, 1});
            }),
            "");
}

TEST(SummaryPrinter, FormatNames) {
  EXPECT_EQ(depeche::parse_summary_format(""), SummaryFormat::kNone);
  EXPECT_EQ(depeche::parse_summary_format("text"), SummaryFormat::kText);
  EXPECT_EQ(depeche::parse_summary_format("json"), SummaryFormat::kJson);
  EXPECT_THROW(depeche::parse_summary_format("xml"), depeche::Error);
}

}  // namespace
