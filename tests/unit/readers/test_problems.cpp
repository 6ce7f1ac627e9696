// Reader problem messages (readers/problems.h).
#include "readers/problems.h"

#include <gtest/gtest.h>

#include <string>

TEST(ReaderProblems, LineNamesFileAndLine) {
  EXPECT_EQ(depeche::problem_line("lemonde/une.jsonl", 12, "malformed JSON; line skipped"),
            "lemonde/une.jsonl:12: malformed JSON; line skipped");
}

TEST(ReaderProblems, LongerThanSaysTheLimitAndWhatWasDone) {
  EXPECT_EQ(depeche::longer_than("article", 100, depeche::kIndexedItsBeginning),
            "article longer than 100 bytes; indexed its beginning");
  EXPECT_EQ(depeche::longer_than("page", 7, depeche::kReadItsBeginning), "page longer than 7 bytes; read its beginning");
}

TEST(ReaderProblems, UnreadableDateIsQuotedUpTo80Bytes) {
  EXPECT_EQ(depeche::unreadable_date_message("hier"), "invalid date 'hier'; indexed undated");
  const std::string cut = depeche::unreadable_date_message(std::string(100, 'x'));
  EXPECT_EQ(cut, "invalid date '" + std::string(80, 'x') + "'; indexed undated");
  // Never half a character: the 80th byte would split the "é".
  EXPECT_EQ(depeche::unreadable_date_message(std::string(79, 'a') + "\xC3\xA9"),
            "invalid date '" + std::string(79, 'a') + "'; indexed undated");
}
