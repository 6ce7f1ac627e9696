#include "output/printer.h"

#include "output/printers.h"
#include "util/error.h"

namespace depeche {

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> kNames{"text", "json", "jsonl", "tsv", "csv"};
  return kNames;
}

OutputFormat parse_output_format(const std::string& name) {
  static const OutputFormat kFormats[] = {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJsonl,
                                          OutputFormat::kTsv, OutputFormat::kCsv};
  const auto& names = output_format_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return kFormats[i];
  throw Error("unknown output format '" + name + "' (expected text, json, jsonl, tsv or csv)");
}

std::unique_ptr<Printer> make_printer(OutputFormat format, std::ostream& out, const OutputOptions& options) {
  check_fields(options.fields);
  switch (format) {
    case OutputFormat::kJson: return make_json_printer(out);
    case OutputFormat::kJsonl: return make_jsonl_printer(out);
    case OutputFormat::kTsv: return make_table_printer(out, options, '\t');
    case OutputFormat::kCsv: return make_table_printer(out, options, ',');
    case OutputFormat::kText: break;
  }
  return make_text_printer(out, options);
}

}  // namespace depeche
