// TSV and CSV: a header row, then one row per hit with the --fields columns.
#include "output/hit_fields.h"
#include "output/printers.h"
#include "util/printable.h"

namespace depeche {

const std::vector<std::string>& table_columns(const std::vector<std::string>& fields) {
  static const std::vector<std::string> kDefaultColumns{"rank", "id", "date", "source", "title", "url", "score"};
  return fields.empty() ? kDefaultColumns : fields;
}

namespace {

class TablePrinter : public Printer {
 public:
  TablePrinter(std::ostream& out, const OutputOptions& options, char separator)
      : out_(out), columns_(table_columns(options.fields)), sep_(separator) {}

  void begin(const std::string&) override { row(columns_); }
  void hit(const Hit& hit) override {
    std::vector<std::string> cells;
    for (const std::string& c : columns_) cells.push_back(hit_field_text(hit, c));
    row(cells);
  }
  void end(const SearchResult&) override {}  // facets and totals are in the JSON formats
  void count(Xapian::doccount n) override { out_ << n << '\n'; }
  void article(const Article& a) override {
    Hit as_hit;
    as_hit.article = a;
    std::vector<std::string> header, cells;
    for (const std::string& c : hit_field_names()) {
      if (c == "rank" || c == "score" || c == "percent" || c == "snippet") continue;
      header.push_back(c);
      cells.push_back(hit_field_text(as_hit, c));
    }
    header.push_back("body");
    cells.push_back(a.body);
    row(header);
    row(cells);
  }

  void timeline(const std::string&, const std::vector<FacetCount>& periods) override {
    row({"period", "count"});
    for (const FacetCount& p : periods) row({p.value, std::to_string(p.count)});
  }
  void stats(const ArchiveStats& s) override {
    row({"key", "value"});
    row({"articles", std::to_string(s.articles)});
    row({"undated", std::to_string(s.undated)});
    row({"first_date", s.first_date});
    row({"last_date", s.last_date});
    row({"clusters", std::to_string(s.clusters)});
    for (const FacetCount& v : s.per_source) row({"source:" + v.value, std::to_string(v.count)});
    for (const FacetCount& v : s.per_year) row({"year:" + v.value, std::to_string(v.count)});
    // Empty when unknown, as a missing date is.
    row({"database_bytes", s.database_bytes ? std::to_string(*s.database_bytes) : ""});
    row({"revision", s.revision ? std::to_string(*s.revision) : ""});
    row({"schema_version", s.schema_version});
    row({"analysis_version", s.analysis_version});
  }

 private:
  void row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out_ << sep_;
      out_ << (sep_ == ',' ? csv_cell(cells[i]) : tsv_cell(cells[i]));
    }
    out_ << '\n';
  }
  // TSV has no quoting: tabs and line breaks inside a value become spaces, other control
  // characters visible escapes (util::printable), so that a row stays a row and drives no terminal.
  static std::string tsv_cell(std::string s) {
    for (char& c : s)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return util::printable(s);
  }
  // RFC 4180: quote when needed, double the quotes inside. A quoted cell keeps its line breaks and
  // tabs; other control characters (a carriage return too) become visible escapes, as in TSV.
  static std::string csv_cell(const std::string& value) {
    const std::string s = util::printable(value, "\n\t");
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + '"';
  }

  std::ostream& out_;
  std::vector<std::string> columns_;
  char sep_;
};

}  // namespace

std::unique_ptr<Printer> make_table_printer(std::ostream& out, const OutputOptions& options, char separator) {
  return std::make_unique<TablePrinter>(out, options, separator);
}

}  // namespace depeche
