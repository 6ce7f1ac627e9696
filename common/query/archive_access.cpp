// Archive access: reading articles and figures without ranking (--show, --export, --stats,
// --timeline, --count).
#include "query/searcher.h"

#include "index/stored_article.h"
#include "query/facets.h"
#include "schema.h"
#include "util/date.h"
#include "util/disk_usage.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

namespace depeche {

Xapian::doccount Searcher::count(const SearchRequest& request) {
  return with_retry([&] {
    ParsedQuery parsed;
    Xapian::Enquire enquire(db_);
    enquire.set_query(build_query(request, request.match_any, parsed));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  });
}

void Searcher::for_each_article(const SearchRequest& request, const std::function<void(const Article&)>& visit) {
  // Articles go out in docid order, so when an indexer's commits force a reopen midway, the export
  // resumes after the last article visited: retrying the page would print some twice, and the
  // offset reached no longer points there once articles before it were added or deleted.
  constexpr Xapian::doccount kPage = 1000;
  Xapian::docid last = 0;     // the last article visited
  Xapian::doccount next = 0;  // the offset of the first match after `last`, while no reopen happened
  bool interrupted = false;
  for (bool more = true; more;) {
    more = with_retry([&] {
      ParsedQuery parsed;
      Xapian::Enquire enquire(db_);
      enquire.set_query(build_query(request, false, parsed));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      if (interrupted) {
        // Matches are in docid order: the first after `last` is found by halving.
        Xapian::doccount low = 0, high = enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
        while (low < high) {
          const Xapian::doccount middle = low + (high - low) / 2;
          const Xapian::MSet one = enquire.get_mset(middle, 1);
          if (!one.empty() && *one.begin() <= last) low = middle + 1;
          else high = middle;
        }
        next = low;
      }
      interrupted = true;  // until the page is done
      const Xapian::MSet page = enquire.get_mset(next, kPage);
      for (auto it = page.begin(); it != page.end(); ++it) {
        if (*it <= last) continue;
        visit(load_article(it.get_document()));
        last = *it;
      }
      next += page.size();
      interrupted = false;
      return page.size() == kPage;
    });
  }
}

std::vector<FacetCount> Searcher::timeline(const SearchRequest& request, bool by_day) {
  return with_retry([&] {
    ParsedQuery parsed;
    Xapian::Enquire enquire(db_);
    enquire.set_query(build_query(request, request.match_any, parsed));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(by_day ? schema::kSlotDate : schema::kSlotMonth);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db_.get_doccount());
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
      const std::string v = *it;
      if (!by_day) {
        if (!v.empty()) counts[v] += it.get_termfreq();
      } else if (const util::Date day = schema::decode_date(v); day.precision == util::DatePrecision::kDay) {
        counts[day.iso()] += it.get_termfreq();
      }
    }
    // Every period from the first to the last, those without a match at 0, so that a plot's
    // x axis is time.
    std::vector<FacetCount> series;
    if (counts.empty()) return series;
    const std::string& first = counts.begin()->first;
    const std::string last = counts.rbegin()->first;
    int year = std::stoi(first.substr(0, 4)), month = std::stoi(first.substr(5, 2));
    int day = by_day ? std::stoi(first.substr(8, 2)) : 0;
    for (;;) {
      char period[16];
      if (by_day) std::snprintf(period, sizeof period, "%04d-%02d-%02d", year, month, day);
      else std::snprintf(period, sizeof period, "%04d-%02d", year, month);
      const auto it = counts.find(period);
      series.push_back({period, it == counts.end() ? 0 : it->second});
      if (period == last) break;
      if (by_day && ++day <= util::days_in_month(year, month)) continue;
      day = 1;
      if (++month > 12) month = 1, ++year;
    }
    return series;
  });
}

ArchiveStats Searcher::stats() {
  return with_retry([&] {
    ArchiveStats s;
    s.articles = db_.get_doccount();
    s.undated = db_.get_termfreq(std::string(schema::kUndatedTerm));
    s.first_date = schema::decode_date(db_.get_value_lower_bound(schema::kSlotDate)).iso();
    s.last_date = schema::decode_date(db_.get_value_upper_bound(schema::kSlotDate)).iso();
    auto count_terms = [&](std::string_view prefix, std::vector<FacetCount>& out) {
      const std::string p(prefix);
      for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it)
        out.push_back({(*it).substr(p.size()), it.get_termfreq()});
    };
    // Facet values are stored as typed in the slot; the terms hold the folded value.
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy sources(schema::kSlotSource);
    enquire.add_matchspy(&sources);
    enquire.get_mset(0, 0, s.articles);
    for (auto it = sources.values_begin(); it != sources.values_end(); ++it)
      if (!(*it).empty()) s.per_source.push_back({*it, it.get_termfreq()});
    merge_values_filters_confuse(s.per_source, analyzer_);
    std::sort(s.per_source.begin(), s.per_source.end(),
              [](const FacetCount& a, const FacetCount& b) { return a.count != b.count ? a.count > b.count : a.value < b.value; });
    count_terms(schema::field("year").prefix, s.per_year);
    const std::string every_cluster = schema::cluster_term("");  // the prefix all cluster terms share
    for (auto it = db_.allterms_begin(every_cluster); it != db_.allterms_end(every_cluster); ++it) ++s.clusters;
    try {
      s.revision = db_.get_revision();
    } catch (const Xapian::InvalidOperationError&) {
      // shards each have their own revision: none to report
    } catch (const Xapian::UnimplementedError&) {
      // a remote database does not tell its revision
    }
    s.schema_version = db_.get_metadata(schema::kMetaSchemaVersion);
    s.analysis_version = db_.get_metadata(schema::kMetaAnalysisVersion);
    s.last_run = db_.get_metadata(schema::kMetaLastRun);
    if (!remote_) {  // a remote database's files are not here to measure
      s.database_bytes = 0;
      for (const std::string& path : paths_) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {  // a stub file: its databases may be anywhere
          s.database_bytes.reset();
          break;
        }
        *s.database_bytes += util::folder_bytes(path);
      }
    }
    return s;
  });
}

std::optional<Article> Searcher::find(const std::string& id) {
  return with_retry([&]() -> std::optional<Article> {
    for (const std::string& term : {schema::id_term(id), schema::boolean_term(schema::field("url").prefix, id)}) {
      Xapian::PostingIterator p = db_.postlist_begin(term);
      if (p != db_.postlist_end(term)) return load_article(db_.get_document(*p));
    }
    return std::nullopt;
  });
}

}  // namespace depeche
