// Every format depeche-search prints, behind one interface: search code describes results,
// printers render them. Nothing else writes to stdout.
#ifndef DEPECHE_INCLUDED_OUTPUT_PRINTER_H
#define DEPECHE_INCLUDED_OUTPUT_PRINTER_H

#include "query/searcher.h"

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace depeche {

// docs/output-format.md describes each version; raised when a field changes meaning or goes away.
inline constexpr int kFormatVersion = 1;
inline constexpr int kMinFormatVersion = 1;  // oldest version --format-version can still ask for

enum class OutputFormat { kText, kJson, kJsonl, kTsv, kCsv, kAtom };

struct OutputOptions {
  bool color = false;               // ANSI colour in text output (terminal only, never with NO_COLOR)
  std::vector<std::string> fields;  // columns for tsv/csv/text; empty means the defaults
  // What an Atom feed is of, which names it: {"saved", NAME} or {"search", QUERY}.
  std::pair<std::string, std::string> feed;
};

// Fields a hit can print, in the order --fields documents them.
const std::vector<std::string>& hit_field_names();
// Throws depeche::Error naming the unknown field.
void check_fields(const std::vector<std::string>& fields);
// "text", "json", ...; throws depeche::Error for anything else.
OutputFormat parse_output_format(const std::string& name);
// The columns TSV and CSV print: `fields` (from --fields), or the default ones when it is empty.
const std::vector<std::string>& table_columns(const std::vector<std::string>& fields);
// Whether hits printed so show their snippets: TSV and CSV only when one of their columns is.
bool prints_snippets(OutputFormat format, const std::vector<std::string>& fields);
const std::vector<std::string>& output_format_names();

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin(const std::string& query) = 0;
  virtual void hit(const Hit& hit) = 0;
  // Totals, the partial-match mark and facets, after the hits.
  virtual void end(const SearchResult& result) = 0;
  // --count: the number alone.
  virtual void count(Xapian::doccount n) = 0;
  // --show: one stored article in full.
  virtual void article(const Article& a) = 0;
  // --timeline: articles per period, oldest first.
  virtual void timeline(const std::string& query, const std::vector<FacetCount>& periods) = 0;
  // --stats: what the archive holds.
  virtual void stats(const ArchiveStats& s) = 0;
};

// --batch's printer, JSON whatever --format says: it also answers a query that could not run.
class BatchPrinter : public Printer {
 public:
  // A query that could not run (its message), answered in place so lines stay in order.
  virtual void query_error(const std::string& query, const std::string& message) = 0;
};

// Throws Fatal(kFormatTooOld) / Fatal(kFormatTooNew) for versions this binary cannot write.
void check_format_version(int requested);

// --export: one article as a JSON Lines record of depeche-index's input schema.
std::string export_line(const Article& a);

std::unique_ptr<Printer> make_printer(OutputFormat format, std::ostream& out, const OutputOptions& options);
std::unique_ptr<BatchPrinter> make_batch_printer(std::ostream& out, const OutputOptions& options);

}  // namespace depeche

#endif
