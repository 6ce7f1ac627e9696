// Facet counting: each kind of counter over the matches it sees, then values ordered and cut.
#include "query/facets.h"

#include "analysis/analyzer.h"

#include <gtest/gtest.h>

namespace {

using depeche::Facet;
using depeche::FacetCount;
using depeche::SearchRequest;

constexpr Xapian::valueno kSlot = 3;

// Three documents: their value in kSlot, and a word each has.
Xapian::WritableDatabase three_documents(const std::vector<std::string>& values) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& value : values) {
    Xapian::Document doc;
    doc.add_term("mot");
    doc.add_value(kSlot, value);
    db.add_document(doc);
  }
  return db;
}

std::vector<FacetCount> counted(Xapian::Database db, depeche::FacetCounter& counter) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("mot"));
  enquire.add_matchspy(&counter.spy());
  enquire.get_mset(0, 0, db.get_doccount());
  return counter.values();
}

using Counts = std::vector<std::pair<std::string, Xapian::doccount>>;

Counts pairs(const std::vector<FacetCount>& values) {
  Counts out;
  for (const FacetCount& v : values) out.emplace_back(v.value, v.count);
  return out;
}

TEST(Facets, ASingleValuedSlotIsCountedWithoutItsEmptyValues) {
  const auto counter = depeche::value_slot_counter(kSlot);
  const std::vector<FacetCount> values = counted(three_documents({"b.fr", "", "b.fr"}), *counter);
  EXPECT_EQ(pairs(values), (Counts{{"b.fr", 2}}));
}

TEST(Facets, AMultiValuedSlotCountsEachOfItsValues) {
  const auto counter = depeche::multi_value_counter(kSlot);
  const std::vector<FacetCount> values = counted(three_documents({"fr\nde\n", "fr\n", ""}), *counter);
  EXPECT_EQ(pairs(values), (Counts{{"de", 1}, {"fr", 2}}));
}

TEST(Facets, CountsGoLargestFirstAndAreCut) {
  Facet f;
  f.name = "source";
  f.values = {{"a", 1}, {"c", 5}, {"b", 5}, {"d", 2}};
  depeche::order_and_cut(f, SearchRequest::FacetOrder::kAuto, 3);
  EXPECT_EQ(pairs(f.values), (Counts{{"b", 5}, {"c", 5}, {"d", 2}}));
  EXPECT_EQ(f.distinct, 4u);
}

TEST(Facets, ATimeSeriesKeepsItsLatestPeriodsThenUndated) {
  Facet f;
  f.name = "year";
  f.values = {{depeche::kUndatedBucket, 9}, {"2021", 1}, {"2023", 1}, {"2022", 4}};
  depeche::order_and_cut(f, SearchRequest::FacetOrder::kAuto, 3);
  EXPECT_EQ(pairs(f.values), (Counts{{"2022", 4}, {"2023", 1}, {depeche::kUndatedBucket, 9}}));
}

TEST(Facets, ValuesAFilterCannotTellApartAreOne) {
  depeche::analysis::Analyzer analyzer;
  std::vector<FacetCount> values{{"LeMonde.fr", 1}, {"lemonde.fr", 3}, {"liberation.fr", 2}};
  depeche::merge_values_filters_confuse(values, analyzer);
  EXPECT_EQ(pairs(values), (Counts{{"lemonde.fr", 4}, {"liberation.fr", 2}}));
}

TEST(Facets, CountingAttachesFreshCountersAndNamesTheFacets) {
  Xapian::WritableDatabase db = three_documents({"b.fr", "a.fr", "b.fr"});
  depeche::FacetCounting counting({"source"}, {kSlot}, false, [](Xapian::valueno) { return nullptr; });
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("mot"));
  for (int pass = 0; pass < 2; ++pass) {  // a second pass counts from zero again
    counting.attach(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
  }
  EXPECT_FALSE(counting.empty());
  depeche::analysis::Analyzer analyzer;
  SearchRequest request;
  const std::vector<Facet> facets = counting.collect(request, 3, [] { return Xapian::doccount(0); }, analyzer);
  ASSERT_EQ(facets.size(), 1u);
  EXPECT_EQ(facets[0].name, "source");
  EXPECT_EQ(pairs(facets[0].values), (Counts{{"b.fr", 2}, {"a.fr", 1}}));
}

TEST(Facets, AnApproximateFacetCountsTheTopMatches) {
  Xapian::WritableDatabase db = three_documents({"fr\n", "fr\nde\n", "it\n"});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("mot"));
  const Facet f = depeche::approximate_facet("country", kSlot, enquire.get_mset(0, 2), SearchRequest{});
  EXPECT_TRUE(f.approximate);
  EXPECT_EQ(pairs(f.values), (Counts{{"fr", 2}, {"de", 1}}));
}

}  // namespace
