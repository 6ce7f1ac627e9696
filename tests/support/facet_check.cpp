#include "support/facet_check.h"

#include "index/facet_columns.h"
#include "schema.h"

#include <xapian.h>

#include <map>
#include <sstream>
#include <vector>

namespace depeche::test {

namespace {

// Every article, then up to five plain words found in between two articles and half of them.
std::vector<Xapian::Query> some_queries(const Xapian::Database& db) {
  std::vector<Xapian::Query> queries{Xapian::Query::MatchAll};
  for (auto t = db.allterms_begin(); t != db.allterms_end() && queries.size() < 6; ++t)
    if ((*t)[0] >= 'a' && (*t)[0] <= 'z' && t.get_termfreq() >= 2 && t.get_termfreq() <= db.get_doccount() / 2)
      queries.emplace_back(*t);
  return queries;
}

}  // namespace

std::string facet_columns_mismatch(const std::string& path) {
  const Xapian::Database db(path);
  std::ostringstream out;
  for (Xapian::valueno slot : column_slots()) {
    const auto column = load_facet_column(db, slot);
    if (!column) {
      out << "slot " << slot << ": no usable column\n";
      continue;
    }
    for (const Xapian::Query& query : some_queries(db)) {
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      ColumnCountSpy from_columns(column);
      Xapian::ValueCountMatchSpy from_values(slot);
      enquire.add_matchspy(&from_columns);
      enquire.add_matchspy(&from_values);
      enquire.get_mset(0, 0, db.get_doccount());
      std::map<std::string, Xapian::doccount> expected;
      for (auto it = from_values.values_begin(); it != from_values.values_end(); ++it)
        if (!(*it).empty()) expected[*it] = it.get_termfreq();
      if (from_columns.counts() != expected) out << "slot " << slot << ", " << query.get_description() << ": counts differ\n";
    }
  }
  return out.str();
}

void remove_facet_columns(const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  std::vector<std::string> keys{schema::kMetaFacetDocids};
  for (std::string_view p : {schema::kMetaFacetDictPrefix, schema::kMetaFacetBlockPrefix})
    for (auto k = db.metadata_keys_begin(std::string(p)); k != db.metadata_keys_end(std::string(p)); ++k) keys.push_back(*k);
  for (const std::string& key : keys) db.set_metadata(key, "");
  db.commit();
}

}  // namespace depeche::test
