// Readable results for a terminal: rank, date, source, title, URL and a snippet with the
// matched words highlighted (in colour only when asked), then totals and facets. What comes from
// articles, the database or the query is shown through util::printable, so that no title, id or
// facet value can drive the terminal: the only escape sequences printed are our own colours.
#include "output/hit_fields.h"
#include "output/printers.h"
#include "util/printable.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace depeche {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kMatch = "\033[1;31m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

using util::printable;

// The title (or an untitled article's first words), printable.
std::string display_title(const Article& a) { return printable(title_or_first_words(a)); }

// "+3 copies: lemonde.fr ×2, lefigaro.fr": each source (or, without one, id) once, most copies
// first; "…" when the cluster holds more copies than the hit lists.
std::string copies_line(const Hit& hit) {
  std::map<std::string, std::size_t> per_source;
  for (const CopyRef& c : hit.copies) ++per_source[printable(c.source.empty() ? c.id : c.source)];
  std::vector<std::pair<std::string, std::size_t>> sources(per_source.begin(), per_source.end());
  std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string line = "+" + std::to_string(hit.copy_count) + (hit.copy_count == 1 ? " copy: " : " copies: ");
  for (std::size_t i = 0; i < sources.size(); ++i)
    line += (i ? ", " : "") + sources[i].first + (sources[i].second > 1 ? " ×" + std::to_string(sources[i].second) : "");
  if (hit.copies.size() < hit.copy_count) line += hit.copies.empty() ? "…" : ", …";
  return line;
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, const OutputOptions& options) : out_(out), color_(options.color) {}

  void begin(const std::string&) override {}

  void hit(const Hit& hit) override {
    const Article& a = hit.article;
    out_ << paint(kBold, std::to_string(hit.rank) + ".") << ' ' << (a.date.valid() ? a.date.iso() : "undated");
    if (!a.source.empty()) out_ << "  " << printable(a.source);
    if (!a.section.empty()) out_ << " / " << printable(a.section);
    if (hit.update.value_or(false)) out_ << "  " << paint(kBold, "(updated)");
    out_ << '\n' << "   " << paint(kBold, display_title(a)) << '\n';
    if (!a.url.empty()) out_ << "   " << paint(kDim, printable(a.url)) << '\n';
    else out_ << "   " << paint(kDim, "id: " + printable(a.id)) << '\n';
    if (!hit.snippet.text.empty()) out_ << "   " << highlighted(hit.snippet) << '\n';
    if (hit.explanation)
      for (const TermContribution& c : *hit.explanation) {
        char weight[32];
        std::snprintf(weight, sizeof weight, "%+.3f", c.weight);
        std::string where;
        for (const auto& [in, field] : {std::pair{c.in_title, "title"}, {c.in_standfirst, "standfirst"}, {c.in_body, "body"}})
          if (in) where.append(where.empty() ? "" : ", ").append(field);
        out_ << "   " << paint(kDim, std::string(weight) + "  " + c.kind + " " + printable(c.term) + (where.empty() ? "" : " (" + where + ")"))
             << '\n';
      }
    if (hit.copy_count > 0) out_ << "   " << paint(kDim, copies_line(hit)) << '\n';
    out_ << '\n';
  }

  void end(const SearchResult& result) override {
    if (result.partial) {
      out_ << "No article has every word; these are the best partial matches.\n";
    } else {
      out_ << result.total << (result.total == 1 ? " article" : " articles") << '\n';
    }
    for (const auto& [typed, searched] : result.corrected)
      out_ << "Also searched " << paint(kBold, printable(searched)) << " for " << printable(typed) << " (--exact-words: as typed only)\n";
    if (!result.preferred_period.empty())
      out_ << "Articles of " << printable(result.preferred_period) << " first (--exact-words: the date as words)\n";
    for (const std::string& why : result.empty_because) out_ << "Nothing matched: " << printable(why) << '\n';
    if (!result.suggestion.empty()) out_ << "Essayez avec : " << paint(kBold, printable(result.suggestion)) << '\n';
    for (const Facet& f : result.facets) {
      out_ << paint(kBold, printable(f.name)) << (f.approximate ? " (approx.)" : "") << ':';
      for (const FacetCount& v : f.values) out_ << "  " << printable(v.value) << ' ' << paint(kDim, std::to_string(v.count));
      if (f.distinct > f.values.size()) out_ << "  " << paint(kDim, "(+" + std::to_string(f.distinct - f.values.size()) + " more)");
      out_ << '\n';
    }
  }

  void count(Xapian::doccount n) override { out_ << n << '\n'; }

  void article(const Article& a) override {
    out_ << paint(kBold, display_title(a)) << '\n';
    out_ << (a.date.valid() ? a.date.iso() : "undated");
    if (!a.source.empty()) out_ << "  " << printable(a.source);
    if (!a.source_name.empty() && a.source_name != a.source) out_ << " (" << printable(a.source_name) << ')';
    if (!a.section.empty()) out_ << " / " << printable(a.section);
    out_ << '\n';
    if (!a.url.empty()) out_ << paint(kDim, printable(a.url)) << '\n';
    out_ << paint(kDim, "id: " + printable(a.id)) << '\n';
    if (!a.tags.empty()) out_ << paint(kDim, "tags: " + printable(joined_tags(a))) << '\n';
    if (!a.standfirst.empty()) out_ << '\n' << paint(kBold, printable(a.standfirst)) << '\n';
    out_ << '\n' << printable(a.body, "\n\t") << '\n';
  }

  void timeline(const std::string&, const std::vector<FacetCount>& periods) override {
    constexpr std::size_t kBarWidth = 40;
    Xapian::doccount most = 0;
    for (const FacetCount& p : periods) most = std::max(most, p.count);
    for (const FacetCount& p : periods) {
      // Eighths of a block give the bar's end its precision: ▏▎▍▌▋▊▉█
      static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
      const std::size_t eighths = most ? p.count * kBarWidth * 8 / most : 0;
      std::string bar;
      for (std::size_t i = 0; i < eighths / 8; ++i) bar += "█";
      bar += kEighths[eighths % 8];
      if (p.count > 0 && bar.empty()) bar = kEighths[1];
      out_ << printable(p.value) << "  " << paint(kBold, bar) << ' ' << p.count << '\n';
    }
  }
  void stats(const ArchiveStats& s) override {
    out_ << paint(kBold, "articles") << "  " << s.articles << "  (" << s.undated << " undated, " << s.clusters
         << " stories after grouping copies)\n";
    if (!s.first_date.empty())
      out_ << paint(kBold, "dates") << "     " << printable(s.first_date) << " .. " << printable(s.last_date) << '\n';
    auto list = [&](const char* name, const std::vector<FacetCount>& values) {
      out_ << paint(kBold, name) << ':';
      for (const FacetCount& v : values) out_ << "  " << printable(v.value) << ' ' << paint(kDim, std::to_string(v.count));
      out_ << '\n';
    };
    list("sources", s.per_source);
    list("years", s.per_year);
    out_ << paint(kBold, "database") << "  ";
    if (s.database_bytes) out_ << *s.database_bytes / 1024 << " KiB, ";
    if (s.revision) out_ << "revision " << *s.revision << ", ";
    out_ << "schema " << printable(s.schema_version) << ", analysis " << printable(s.analysis_version) << '\n';
    if (!s.last_run.empty()) out_ << paint(kBold, "last run") << "  " << printable(s.last_run) << '\n';
  }

 private:
  std::string paint(const char* style, const std::string& text) const {
    return color_ ? style + text + kReset : text;
  }
  // The marks are offsets into the text as stored: each piece is made printable on its own, so
  // that an escape that lengthens the text cannot shift the colour off its word.
  std::string highlighted(const Snippet& s) const {
    if (!color_) return printable(s.text);
    const std::string_view text = s.text;
    std::string out;
    std::size_t at = 0;
    for (const auto& [from, to] : s.marks) {
      out += printable(text.substr(at, from - at));
      out += kMatch;
      out += printable(text.substr(from, to - from));
      out += kReset;
      at = to;
    }
    return out += printable(text.substr(at));
  }

  std::ostream& out_;
  bool color_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, const OutputOptions& options) {
  return std::make_unique<TextPrinter>(out, options);
}

}  // namespace depeche
