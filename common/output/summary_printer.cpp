#include "output/summary_printer.h"

#include "output/hit_fields.h"
#include "util/error.h"

namespace depeche {

SummaryFormat parse_summary_format(const std::string& name) {
  if (name.empty()) return SummaryFormat::kNone;
  if (name == "text") return SummaryFormat::kText;
  if (name == "json") return SummaryFormat::kJson;
  throw Error("unknown summary format '" + name + "' (expected text or json)");
}

SummaryPrinter::SummaryPrinter(std::ostream& out, SummaryFormat format) : out_(out), format_(format) {}

// The JSON keys after the version are in alphabetical order, as they were before it was added.
void SummaryPrinter::run(const IndexStats& stats, std::size_t failed) {
  if (format_ == SummaryFormat::kJson) {
    ojson j;
    j["format_version"] = kSummaryFormatVersion;
    j["added"] = stats.added;
    j["deleted"] = stats.deleted;
    j["failed"] = failed;
    j["unchanged"] = stats.unchanged;
    j["updated"] = stats.updated;
    out_ << json_text(j) << '\n';
  } else if (format_ == SummaryFormat::kText) {
    out_ << "added " << stats.added << ", updated " << stats.updated << ", unchanged " << stats.unchanged
         << ", deleted " << stats.deleted << ", failed " << failed << '\n';
  }
}

void SummaryPrinter::compaction(const CompactStats& stats) {
  if (format_ == SummaryFormat::kJson) {
    ojson j;
    j["format_version"] = kSummaryFormatVersion;
    j["bytes_after"] = stats.bytes_after;
    j["bytes_before"] = stats.bytes_before;
    out_ << json_text(j) << '\n';
  } else if (format_ == SummaryFormat::kText) {
    out_ << "compacted " << stats.bytes_before << " bytes into " << stats.bytes_after << '\n';
  }
}

}  // namespace depeche
