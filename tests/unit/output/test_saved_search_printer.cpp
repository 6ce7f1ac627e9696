// depeche-search --list-saved, rendered into a string.
#include "output/saved_search_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace {

TEST(SavedSearchPrinter, NameTabQueryInNameOrder) {
  std::ostringstream out;
  depeche::print_saved_searches(out, {{"mali", "Mali date:2023.."}, {"iran", "\"fibre optique\" Iran"}});
  EXPECT_EQ(out.str(), "iran\t\"fibre optique\" Iran\nmali\tMali date:2023..\n");
}

TEST(SavedSearchPrinter, AHandEditedLineStaysOnePrintableLine) {
  std::ostringstream out;
  depeche::print_saved_searches(out, {{"a\tb", "x\ny\x1b[2J"}});
  EXPECT_EQ(out.str(), "a\\tb\tx\\ny\\x1B[2J\n");
}

TEST(SavedSearchPrinter, NoneSavedPrintsNothing) {
  std::ostringstream out;
  depeche::print_saved_searches(out, {});
  EXPECT_EQ(out.str(), "");
}

}  // namespace
