// Facet counting (--facet): one counter per facet, each a Xapian match spy that sees every match
// of a search, then its values ordered and cut as SearchRequest asks. Over remote shards, where
// xapian-tcpsrv runs only Xapian's own spies, the multi-valued facet is counted afterwards over
// the top matches (docs/scale-out.md).
#ifndef DEPECHE_INCLUDED_QUERY_FACETS_H
#define DEPECHE_INCLUDED_QUERY_FACETS_H

#include "query/searcher.h"

#include <xapian.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace depeche {

namespace analysis {
class Analyzer;
}

// Counts the values of one facet over the matches it is shown.
class FacetCounter {
 public:
  virtual ~FacetCounter() = default;
  virtual Xapian::MatchSpy& spy() = 0;
  // Each value seen, in value order, with its count.
  virtual std::vector<FacetCount> values() const = 0;
};

// A single-valued slot, read from each match's values.
std::unique_ptr<FacetCounter> value_slot_counter(Xapian::valueno slot);
// A multi-valued slot (values each followed by '\n'), which Xapian's own spy cannot count.
std::unique_ptr<FacetCounter> multi_value_counter(Xapian::valueno slot);
// A single-valued slot read from its facet column (one local database only).
std::unique_ptr<FacetCounter> column_counter(std::shared_ptr<const FacetColumn> column);

// The slot's facet column, or nullptr when the value slot is to be counted instead.
using FacetColumnSource = std::function<std::shared_ptr<const FacetColumn>(Xapian::valueno slot)>;

// The counters of a search's facets (SearchRequest::facets, with their slots).
class FacetCounting {
 public:
  FacetCounting(const std::vector<std::string>& names, const std::vector<Xapian::valueno>& slots, bool remote,
                FacetColumnSource columns);
  // Attaches fresh counters to `enquire`, in place of any it had: its next match counts from zero.
  // Over remote shards the multi-valued facet gets none (approximate_facet counts it).
  void attach(Xapian::Enquire& enquire);
  // The facets counted, over `total` matches; `undated` counts the matches without a date, and is
  // called only when a month facet needs it.
  std::vector<Facet> collect(const SearchRequest& request, Xapian::doccount total,
                             const std::function<Xapian::doccount()>& undated, analysis::Analyzer& analyzer) const;
  // Over remote shards: inserts among `facets` those attach() gave no counter, in their place,
  // counted over the `top()` matches (approximate_facet).
  void add_uncounted(std::vector<Facet>& facets, const std::function<Xapian::MSet()>& top,
                     const SearchRequest& request) const;
  bool empty() const { return counted_.empty(); }  // no counter attached

 private:
  struct Counted {
    std::string name;
    std::unique_ptr<FacetCounter> counter;
  };
  std::vector<std::string> names_;
  std::vector<Xapian::valueno> slots_;
  bool remote_;
  FacetColumnSource columns_;
  std::vector<Counted> counted_;
};

// The facet `name`, counted over the documents of the top matches of a search: what can be done
// for a multi-valued facet when a remote server cannot run our own match spy.
Facet approximate_facet(const std::string& name, Xapian::valueno slot, const Xapian::MSet& top,
                        const SearchRequest& request);

// Orders a facet's values and keeps `limit` of them: by count (the largest), or by value (a time
// series keeps its last values, the latest periods then "undated"; other facets the first values).
void order_and_cut(Facet& f, SearchRequest::FacetOrder order, std::size_t limit);

// Values a filter cannot tell apart ("LeMonde.fr" and "lemonde.fr": filters fold case and
// accents) become one, counted together under the spelling most of their articles give: a facet's
// count is then what filtering on its value finds. Sums are exact: a multi-valued slot holds one
// spelling of each folded value per article (the tags: DocumentBuilder::add_values; the countries'
// canonical names fold apart).
void merge_values_filters_confuse(std::vector<FacetCount>& values, analysis::Analyzer& analyzer);

}  // namespace depeche

#endif
