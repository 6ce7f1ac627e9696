// depeche-index --summary: the counts of a run, printed once it is over (docs/output-format.md).
#ifndef DEPECHE_INCLUDED_OUTPUT_SUMMARY_PRINTER_H
#define DEPECHE_INCLUDED_OUTPUT_SUMMARY_PRINTER_H

#include "index/compact.h"
#include "index/index_writer.h"

#include <cstddef>
#include <ostream>
#include <string>

namespace depeche {

// Versioned apart from depeche-search's output: raised when a key changes meaning or goes away.
inline constexpr int kSummaryFormatVersion = 1;

enum class SummaryFormat { kNone, kText, kJson };

// "" (no --summary), "text" or "json"; throws depeche::Error for anything else.
SummaryFormat parse_summary_format(const std::string& name);

class SummaryPrinter {
 public:
  // kNone prints nothing, so that each mode reports the same way whether or not it was asked to.
  SummaryPrinter(std::ostream& out, SummaryFormat format);
  // Indexing, --delete and --rebuild: articles added, updated, unchanged and deleted, and the
  // inputs, records or ids that failed.
  void run(const IndexStats& stats, std::size_t failed);
  // --compact: the database's size before and after.
  void compaction(const CompactStats& stats);

 private:
  std::ostream& out_;
  SummaryFormat format_;
};

}  // namespace depeche

#endif
