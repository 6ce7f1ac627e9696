#include "query/facets.h"

#include "analysis/analyzer.h"
#include "index/facet_columns.h"
#include "schema.h"

#include <algorithm>
#include <map>
#include <utility>

namespace depeche {
namespace {

// Adds one to each value of a multi-valued slot (the countries, the tags).
void count_each_value(const std::string& value, std::map<std::string, Xapian::doccount>& counts) {
  for (const std::string& each : schema::decode_multi(value)) ++counts[each];
}

// Whether the slot is a multi-valued field's (schema.h, Values::kMulti).
bool is_multi_valued(Xapian::valueno slot) {
  for (const schema::Field& f : schema::kFields)
    if (f.slot == slot) return f.values == schema::Values::kMulti;
  return false;
}

std::vector<FacetCount> as_values(const std::map<std::string, Xapian::doccount>& counts) {
  std::vector<FacetCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  return out;
}

class ValueSlotCounter : public FacetCounter {
 public:
  explicit ValueSlotCounter(Xapian::valueno slot) : spy_(slot) {}
  Xapian::MatchSpy& spy() override { return spy_; }
  std::vector<FacetCount> values() const override {
    std::vector<FacetCount> out;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it)
      if (!(*it).empty()) out.push_back({*it, it.get_termfreq()});
    return out;
  }

 private:
  Xapian::ValueCountMatchSpy spy_;
};

class MultiValueCounter : public FacetCounter, private Xapian::MatchSpy {
 public:
  explicit MultiValueCounter(Xapian::valueno slot) : slot_(slot) {}
  Xapian::MatchSpy& spy() override { return *this; }
  std::vector<FacetCount> values() const override { return as_values(counts_); }

 private:
  void operator()(const Xapian::Document& doc, double) override { count_each_value(doc.get_value(slot_), counts_); }

  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount> counts_;
};

class ColumnCounter : public FacetCounter {
 public:
  explicit ColumnCounter(std::shared_ptr<const FacetColumn> column) : spy_(std::move(column)) {}
  Xapian::MatchSpy& spy() override { return spy_; }
  std::vector<FacetCount> values() const override { return as_values(spy_.counts()); }

 private:
  ColumnCountSpy spy_;
};

bool is_time_facet(const std::string& name) {
  const schema::Field* row = schema::find_field(name);
  return row && row->facet == schema::FacetKind::kTimeSeries;
}

}  // namespace

std::unique_ptr<FacetCounter> value_slot_counter(Xapian::valueno slot) { return std::make_unique<ValueSlotCounter>(slot); }

std::unique_ptr<FacetCounter> multi_value_counter(Xapian::valueno slot) {
  return std::make_unique<MultiValueCounter>(slot);
}

std::unique_ptr<FacetCounter> column_counter(std::shared_ptr<const FacetColumn> column) {
  return std::make_unique<ColumnCounter>(std::move(column));
}

FacetCounting::FacetCounting(const std::vector<std::string>& names, const std::vector<Xapian::valueno>& slots,
                             bool remote, FacetColumnSource columns)
    : names_(names), slots_(slots), remote_(remote), columns_(std::move(columns)) {}

void FacetCounting::attach(Xapian::Enquire& enquire) {
  enquire.clear_matchspies();
  counted_.clear();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    std::unique_ptr<FacetCounter> counter;
    if (is_multi_valued(slots_[i])) {
      if (remote_) continue;  // counted afterwards over the top matches
      counter = multi_value_counter(slots_[i]);
    } else if (auto column = columns_(slots_[i])) {
      counter = column_counter(std::move(column));
    } else {
      counter = value_slot_counter(slots_[i]);
    }
    enquire.add_matchspy(&counter->spy());
    counted_.push_back({names_[i], std::move(counter)});
  }
}

std::vector<Facet> FacetCounting::collect(const SearchRequest& request, Xapian::doccount total,
                                          const std::function<Xapian::doccount()>& undated,
                                          analysis::Analyzer& analyzer) const {
  std::vector<Facet> out;
  for (const Counted& c : counted_) {
    Facet f;
    f.name = c.name;
    f.values = c.counter->values();
    Xapian::doccount with_value = 0;
    for (const FacetCount& v : f.values) with_value += v.count;
    if (!is_time_facet(f.name)) merge_values_filters_confuse(f.values, analyzer);
    // Undated articles are counted too, in their own bucket, never given an invented date. Every
    // dated article has a year; one dated by year only has no month, and is not undated. The
    // bucket is ordered and cut with the periods.
    if (is_time_facet(f.name) && total > with_value) {
      const Xapian::doccount none = f.name == "year" ? total - with_value : undated();
      if (none > 0) f.values.push_back({kUndatedBucket, none});
    }
    order_and_cut(f, request.facet_order, request.facet_limit);
    out.push_back(std::move(f));
  }
  return out;
}

void FacetCounting::add_uncounted(std::vector<Facet>& facets, const std::function<Xapian::MSet()>& top,
                                  const SearchRequest& request) const {
  if (!remote_) return;
  for (std::size_t i = 0; i < slots_.size(); ++i)
    if (is_multi_valued(slots_[i]))
      facets.insert(facets.begin() + static_cast<std::ptrdiff_t>(i), approximate_facet(names_[i], slots_[i], top(), request));
}

Facet approximate_facet(const std::string& name, Xapian::valueno slot, const Xapian::MSet& top,
                        const SearchRequest& request) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = top.begin(); it != top.end(); ++it) count_each_value(it.get_document().get_value(slot), counts);
  Facet f;
  f.name = name;
  f.values = as_values(counts);
  order_and_cut(f, request.facet_order, request.facet_limit);
  f.approximate = true;
  return f;
}

void order_and_cut(Facet& f, SearchRequest::FacetOrder order, std::size_t limit) {
  const bool by_value = order == SearchRequest::FacetOrder::kValue ||
                        (order == SearchRequest::FacetOrder::kAuto && is_time_facet(f.name));
  // A date facet's "undated" is one of its values, and sorts after every period in value order.
  auto value_less = [](const FacetCount& a, const FacetCount& b) {
    const bool a_undated = a.value == kUndatedBucket, b_undated = b.value == kUndatedBucket;
    return a_undated != b_undated ? b_undated : a.value < b.value;
  };
  std::sort(f.values.begin(), f.values.end(), [by_value, &value_less](const FacetCount& a, const FacetCount& b) {
    if (by_value) return value_less(a, b);
    return a.count != b.count ? a.count > b.count : value_less(a, b);
  });
  f.distinct = f.values.size();
  if (f.values.size() <= limit) return;
  if (by_value && is_time_facet(f.name)) f.values.erase(f.values.begin(), f.values.end() - static_cast<std::ptrdiff_t>(limit));
  else f.values.resize(limit);
}

void merge_values_filters_confuse(std::vector<FacetCount>& values, analysis::Analyzer& analyzer) {
  std::map<std::string, std::size_t> merged_at;  // folded value -> index in `merged`
  std::vector<FacetCount> merged;
  std::vector<Xapian::doccount> most;  // the count of the spelling shown
  for (FacetCount& v : values) {
    const auto [it, first] = merged_at.emplace(analyzer.fold(v.value), merged.size());
    if (first) {
      most.push_back(v.count);
      merged.push_back(std::move(v));
      continue;
    }
    FacetCount& m = merged[it->second];
    if (v.count > most[it->second]) {
      most[it->second] = v.count;
      m.value = std::move(v.value);
    }
    m.count += v.count;
  }
  values = std::move(merged);
}

}  // namespace depeche
