// JSON (one document per answer) and JSON Lines ({type, data} messages, as ripgrep does).
#include "output/hit_fields.h"
#include "output/printers.h"

namespace depeche {
namespace {

ojson facets_json(const std::vector<Facet>& facets) {
  ojson j = ojson::object();
  for (const Facet& f : facets) {
    ojson values = ojson::array();
    for (const FacetCount& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
    j[f.name] = {{"values", values}, {"distinct", f.distinct}};
    if (f.approximate) j[f.name]["approximate"] = true;
  }
  return j;
}

// How the query was read beyond its words as typed (docs/output-format.md): slips searched in
// another spelling, and a date among the words ranking its period first.
void add_reading(ojson& j, const SearchResult& result) {
  j["corrected"] = ojson::object();
  for (const auto& [typed, searched] : result.corrected) j["corrected"][typed] = searched;
  j["preferred_period"] = result.preferred_period.empty() ? ojson(nullptr) : ojson(result.preferred_period);
}

ojson stats_json(const ArchiveStats& s) {
  auto counts = [](const std::vector<FacetCount>& values) {
    ojson j = ojson::array();
    for (const FacetCount& v : values) j.push_back({{"value", v.value}, {"count", v.count}});
    return j;
  };
  ojson j{{"format_version", kFormatVersion},
          {"articles", s.articles},
          {"undated", s.undated},
          {"first_date", s.first_date.empty() ? ojson(nullptr) : ojson(s.first_date)},
          {"last_date", s.last_date.empty() ? ojson(nullptr) : ojson(s.last_date)},
          {"clusters", s.clusters},
          {"per_source", counts(s.per_source)},
          {"per_year", counts(s.per_year)},
          {"database_bytes", s.database_bytes ? ojson(*s.database_bytes) : ojson(nullptr)},
          {"revision", s.revision ? ojson(*s.revision) : ojson(nullptr)},
          {"schema_version", s.schema_version},
          {"analysis_version", s.analysis_version}};
  const ojson last = ojson::parse(s.last_run, nullptr, false);
  j["last_run"] = last.is_discarded() ? ojson(nullptr) : last;
  return j;
}

// One object for JSON and for the data of a JSON Lines message, as for --count and --stats.
ojson timeline_json(const std::string& query, const std::vector<FacetCount>& periods) {
  ojson list = ojson::array();
  for (const FacetCount& p : periods) list.push_back({{"period", p.value}, {"count", p.count}});
  return {{"format_version", kFormatVersion}, {"query", query}, {"periods", std::move(list)}};
}

void write(std::ostream& out, const ojson& j) {
  out << json_text(j) << '\n';
}

class JsonPrinter : public BatchPrinter {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}
  void begin(const std::string& query) override {
    doc_ = ojson();
    doc_["format_version"] = kFormatVersion;
    doc_["query"] = query;
    doc_["hits"] = ojson::array();
  }
  void hit(const Hit& hit) override { doc_["hits"].push_back(hit_json(hit)); }
  void end(const SearchResult& result) override {
    doc_["status"] = result.total > 0 ? "ok" : "no_match";
    doc_["total"] = result.total;
    doc_["partial"] = result.partial;
    doc_["facets"] = facets_json(result.facets);
    doc_["suggestion"] = result.suggestion.empty() ? ojson(nullptr) : ojson(result.suggestion);
    add_reading(doc_, result);
    if (!result.empty_because.empty()) doc_["empty_because"] = result.empty_because;
    write(out_, doc_);
  }
  void count(Xapian::doccount n) override { write(out_, {{"format_version", kFormatVersion}, {"total", n}}); }
  void article(const Article& a) override {
    ojson j{{"format_version", kFormatVersion}};
    add_article_fields(j, a);
    j["body"] = a.body;
    write(out_, j);
  }
  void stats(const ArchiveStats& s) override { write(out_, stats_json(s)); }
  void timeline(const std::string& query, const std::vector<FacetCount>& periods) override {
    write(out_, timeline_json(query, periods));
  }
  void query_error(const std::string& query, const std::string& message) override {
    write(out_, {{"format_version", kFormatVersion}, {"query", query}, {"status", "error"}, {"error", message}});
  }

 private:
  std::ostream& out_;
  ojson doc_;
};

class JsonlPrinter : public Printer {
 public:
  explicit JsonlPrinter(std::ostream& out) : out_(out) {}
  void begin(const std::string& query) override {
    message("begin", {{"format_version", kFormatVersion}, {"query", query}});
  }
  void hit(const Hit& hit) override { message("hit", hit_json(hit)); }
  void end(const SearchResult& result) override {
    for (const Facet& f : result.facets) {
      ojson values = ojson::array();
      for (const FacetCount& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
      ojson data{{"name", f.name}, {"values", values}, {"distinct", f.distinct}};
      if (f.approximate) data["approximate"] = true;
      message("facet", data);
    }
    ojson end{{"status", result.total > 0 ? "ok" : "no_match"},
              {"total", result.total},
              {"partial", result.partial},
              {"suggestion", result.suggestion.empty() ? ojson(nullptr) : ojson(result.suggestion)}};
    add_reading(end, result);
    if (!result.empty_because.empty()) end["empty_because"] = result.empty_because;
    message("end", end);
  }
  void count(Xapian::doccount n) override { message("count", {{"format_version", kFormatVersion}, {"total", n}}); }
  void article(const Article& a) override {
    ojson j{{"format_version", kFormatVersion}};
    add_article_fields(j, a);
    j["body"] = a.body;
    message("article", j);
  }
  void stats(const ArchiveStats& s) override { message("stats", stats_json(s)); }
  void timeline(const std::string& query, const std::vector<FacetCount>& periods) override {
    message("timeline", timeline_json(query, periods));
  }

 private:
  void message(const char* type, const ojson& data) { write(out_, {{"type", type}, {"data", data}}); }
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<BatchPrinter> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out) { return std::make_unique<JsonlPrinter>(out); }

}  // namespace depeche
