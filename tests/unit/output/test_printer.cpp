// What output/printer.cpp itself decides: format names, which outputs print snippets, the
// format versions this binary writes, --export's line, and which printer make_printer returns.
// Each printer's rendering has its own file (test_json_printer.cpp, test_table_printer.cpp,
// test_text_printer.cpp).
#include "output/printer.h"

#include "util/error.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace depeche;

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

TEST(Printer, OutputFormatNames) {
  EXPECT_EQ(output_format_names(), (std::vector<std::string>{"text", "json", "jsonl", "tsv", "csv", "atom"}));
  EXPECT_EQ(parse_output_format("atom"), OutputFormat::kAtom);
  EXPECT_EQ(parse_output_format("jsonl"), OutputFormat::kJsonl);
  EXPECT_EQ(parse_output_format("csv"), OutputFormat::kCsv);
  try {
    parse_output_format("JSON");
    FAIL() << "names are lower case";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown output format 'JSON' (expected text, json, jsonl, tsv, csv or atom)");
  }
}

TEST(Printer, TableColumnsDefaultOrAsAsked) {
  EXPECT_EQ(table_columns({}), (std::vector<std::string>{"rank", "id", "date", "source", "title", "url", "score"}));
  EXPECT_EQ(table_columns({"url", "id"}), (std::vector<std::string>{"url", "id"}));
}

TEST(Printer, FormatVersionsOutsideTheSupportedRangeAreRefused) {
  EXPECT_NO_THROW(check_format_version(kFormatVersion));
  EXPECT_NO_THROW(check_format_version(kMinFormatVersion));
  try {
    check_format_version(kMinFormatVersion - 1);
    FAIL();
  } catch (const Fatal& e) {
    EXPECT_EQ(e.kind(), FatalKind::kFormatTooOld) << e.what();
  }
  try {
    check_format_version(kFormatVersion + 1);
    FAIL();
  } catch (const Fatal& e) {
    EXPECT_EQ(e.kind(), FatalKind::kFormatTooNew);
    EXPECT_NE(std::string(e.what()).find("newer than this depeche-search writes (1)"), std::string::npos) << e.what();
  }
}

TEST(Printer, ExportLineIsTheInputSchemaWithoutEmptyFieldsOrOrigin) {
  Article a;
  a.id = "id1";
  a.source = "lemonde";
  a.title = "Titre";
  a.body = "";
  a.origin = "archive/une.txt";
  a.date = util::Date{2023, 7, 0, util::DatePrecision::kMonth};
  EXPECT_EQ(export_line(a), R"({"id":"id1","source":"lemonde","date":"2023-07","title":"Titre","body":""})");
  a.title.reset();
  a.date = {};
  EXPECT_EQ(export_line(a), R"({"id":"id1","source":"lemonde","body":""})") << "no title, no date: absent";
}

TEST(Printer, MakePrinterRefusesUnknownFields) {
  std::ostringstream out;
  OutputOptions options;
  options.fields = {"id", "nope"};
  EXPECT_THROW(make_printer(OutputFormat::kCsv, out, options), Error);
  EXPECT_THROW(make_batch_printer(out, options), Error);
  EXPECT_EQ(out.str(), "");
}

TEST(Printer, MakePrinterPicksThePrinterOfTheFormat) {
  const auto first_line = [](OutputFormat f) {
    std::ostringstream out;
    make_printer(f, out, {})->count(5);
    return out.str();
  };
  EXPECT_EQ(first_line(OutputFormat::kText), "5\n");
  EXPECT_EQ(first_line(OutputFormat::kTsv), "5\n");
  EXPECT_EQ(first_line(OutputFormat::kJson), "{\"format_version\":1,\"total\":5}\n");
  EXPECT_EQ(first_line(OutputFormat::kJsonl), "{\"type\":\"count\",\"data\":{\"format_version\":1,\"total\":5}}\n");
  std::ostringstream batch;
  make_batch_printer(batch, {})->count(5);
  EXPECT_EQ(batch.str(), "{\"format_version\":1,\"total\":5}\n") << "--batch is JSON whatever --format says";
}
