// Which outputs print snippets: the searcher builds none for the others.
#include "output/printer.h"

#include <gtest/gtest.h>

using depeche::OutputFormat;
using depeche::prints_snippets;

TEST(PrintsSnippets, TextAndJsonAlwaysTablesOnlyForASnippetColumn) {
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJsonl}) {
    EXPECT_TRUE(prints_snippets(f, {}));
    EXPECT_TRUE(prints_snippets(f, {"id"})) << "--fields names table columns only";
  }
  for (OutputFormat f : {OutputFormat::kTsv, OutputFormat::kCsv}) {
    EXPECT_FALSE(prints_snippets(f, {})) << "the default columns have no snippet";
    EXPECT_FALSE(prints_snippets(f, {"id", "title"}));
    EXPECT_TRUE(prints_snippets(f, {"id", "snippet"}));
  }
}
