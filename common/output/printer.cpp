#include "output/printer.h"

#include "output/printers.h"
#include "output/hit_fields.h"
#include "readers/article_fields.h"
#include "util/error.h"

#include <algorithm>

namespace depeche {

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> kNames{"text", "json", "jsonl", "tsv", "csv", "atom"};
  return kNames;
}

OutputFormat parse_output_format(const std::string& name) {
  static const OutputFormat kFormats[] = {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJsonl,
                                          OutputFormat::kTsv, OutputFormat::kCsv, OutputFormat::kAtom};
  const auto& names = output_format_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return kFormats[i];
  throw Error("unknown output format '" + name + "' (expected text, json, jsonl, tsv, csv or atom)");
}

bool prints_snippets(OutputFormat format, const std::vector<std::string>& fields) {
  if (format != OutputFormat::kTsv && format != OutputFormat::kCsv) return true;
  const std::vector<std::string>& columns = table_columns(fields);
  return std::find(columns.begin(), columns.end(), "snippet") != columns.end();
}

void check_format_version(int requested) {
  if (requested < kMinFormatVersion)
    throw Fatal(FatalKind::kFormatTooOld, "output format version " + std::to_string(requested) +
                                              " is no longer supported (oldest: " + std::to_string(kMinFormatVersion) + ")");
  if (requested > kFormatVersion)
    throw Fatal(FatalKind::kFormatTooNew, "output format version " + std::to_string(requested) +
                                              " is newer than this depeche-search writes (" + std::to_string(kFormatVersion) + ")");
}

std::string export_line(const Article& a) {
  ojson j = ojson::object();
  for (const ArticleField& f : article_fields())
    if (f.of_the_article) put_field(j, a, f);
  return json_text(j);
}

std::unique_ptr<Printer> make_printer(OutputFormat format, std::ostream& out, const OutputOptions& options) {
  check_fields(options.fields);
  switch (format) {
    case OutputFormat::kJson: return make_json_printer(out);
    case OutputFormat::kJsonl: return make_jsonl_printer(out);
    case OutputFormat::kTsv: return make_table_printer(out, options, '\t');
    case OutputFormat::kCsv: return make_table_printer(out, options, ',');
    case OutputFormat::kAtom: return make_atom_printer(out, options);
    case OutputFormat::kText: break;
  }
  return make_text_printer(out, options);
}

std::unique_ptr<BatchPrinter> make_batch_printer(std::ostream& out, const OutputOptions& options) {
  check_fields(options.fields);
  return make_json_printer(out);
}

}  // namespace depeche
