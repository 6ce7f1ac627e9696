// Facet columns: the values of each single-valued facet slot kept as one small code per docid in
// the database's metadata (encoding in schema.h), so that --facet counts a match with an array
// index instead of decoding its value from the value stream. Written with the documents, in the
// same commits, so they always describe the committed documents.
#ifndef DEPECHE_INCLUDED_INDEX_FACET_COLUMNS_H
#define DEPECHE_INCLUDED_INDEX_FACET_COLUMNS_H

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace depeche {

// The slots kept as columns: every facet slot but the multi-valued countries.
const std::vector<Xapian::valueno>& column_slots();

// One database's column of one slot, as searches read it.
struct FacetColumn {
  std::vector<std::string> values;    // code - 1 -> value
  std::vector<std::uint16_t> codes;   // docid - 1 -> code (0: no value); ends at the last docid with a value
};

// The slot's column of a database; nullptr when it has none covering all its documents (written
// by an earlier depeche, or its dictionary is full): then the value slot must be counted instead.
std::shared_ptr<const FacetColumn> load_facet_column(const Xapian::Database& db, Xapian::valueno slot);

// Counts the matches of a search of that one database per value, from its column. Not for
// databases searched as one: Xapian 1.4 hands match spies each database's own docids, with
// nothing to tell which database a document comes from.
class ColumnCountSpy : public Xapian::MatchSpy {
 public:
  explicit ColumnCountSpy(std::shared_ptr<const FacetColumn> column);
  void operator()(const Xapian::Document& doc, double) override;
  // Each value with at least one match, and its count.
  std::map<std::string, Xapian::doccount> counts() const;

 private:
  std::shared_ptr<const FacetColumn> column_;
  std::vector<Xapian::doccount> counts_;  // code -> matches
};

// Keeps the columns of one writable database: record() every document written, flush() just
// before each commit, so that the columns commit with the documents.
class FacetColumnWriter {
 public:
  explicit FacetColumnWriter(Xapian::WritableDatabase db);
  // True when some documents are not in the columns (a database from an earlier depeche).
  bool stale() const;
  // Builds every column anew from the value streams, reading each slot once in docid order.
  void rebuild();
  void record(Xapian::docid id, const Xapian::Document& doc);
  // Writes the blocks and dictionaries that changed (nothing when nothing did).
  void flush();

 private:
  struct Column {
    Xapian::valueno slot;
    std::vector<std::string> values;
    std::unordered_map<std::string, std::uint16_t> codes;
    bool dictionary_dirty = false;
    std::map<Xapian::docid, std::string> blocks;  // block number -> codes, read when first changed
    std::set<Xapian::docid> dirty;
  };
  void set_code(Column& c, Xapian::docid id, const std::string& value);

  Xapian::WritableDatabase db_;
  std::vector<Column> columns_;
  bool changed_ = false;
};

}  // namespace depeche

#endif
