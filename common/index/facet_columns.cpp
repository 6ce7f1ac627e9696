#include "index/facet_columns.h"

#include "schema.h"

namespace depeche {
namespace {

// Codes are uint16 and 0 means no value: a dictionary holding this many values is full.
constexpr std::size_t kFullDictionary = 65536;

std::string dictionary_key(Xapian::valueno slot) { return std::string(schema::kMetaFacetDictPrefix) + std::to_string(slot); }

std::string block_key(Xapian::valueno slot, Xapian::docid block) {
  return std::string(schema::kMetaFacetBlockPrefix) + std::to_string(slot) + ":" + std::to_string(block);
}

std::string encode_dictionary(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out.append(std::to_string(v.size())).append(1, ':').append(v);
  return out;
}

std::vector<std::string> decode_dictionary(const std::string& encoded) {
  std::vector<std::string> values;
  for (std::size_t pos = 0; pos < encoded.size();) {
    const std::size_t colon = encoded.find(':', pos);
    const std::size_t size = std::stoul(encoded.substr(pos, colon - pos));
    values.push_back(encoded.substr(colon + 1, size));
    pos = colon + 1 + size;
  }
  return values;
}

}  // namespace

const std::vector<Xapian::valueno>& column_slots() {
  static const std::vector<Xapian::valueno> slots = [] {
    std::vector<Xapian::valueno> out;
    for (const schema::Field& f : schema::kFields)
      if (f.facet_slot() && f.values == schema::Values::kSingle) out.push_back(*f.facet_slot());
    return out;
  }();
  return slots;
}

std::shared_ptr<const FacetColumn> load_facet_column(const Xapian::Database& db, Xapian::valueno slot) {
  auto loaded = std::make_shared<FacetColumn>();
  FacetColumn& column = *loaded;
  const Xapian::docid last = db.get_lastdocid();
  if (last == 0) return loaded;
  if (db.get_metadata(schema::kMetaFacetDocids) != std::to_string(last)) return nullptr;
  column.values = decode_dictionary(db.get_metadata(dictionary_key(slot)));
  if (column.values.size() >= kFullDictionary) return nullptr;
  column.codes.reserve(last);
  for (Xapian::docid block = 0; block <= (last - 1) / schema::kFacetBlockDocs; ++block) {
    const std::string bytes = db.get_metadata(block_key(slot, block));
    column.codes.resize(std::size_t{block} * schema::kFacetBlockDocs);  // the previous block may stop short
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
      const auto code = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[i]) |
                                                   static_cast<unsigned char>(bytes[i + 1]) << 8);
      if (code > column.values.size()) return nullptr;  // never written so: not ours to trust
      column.codes.push_back(code);
    }
  }
  return loaded;
}

ColumnCountSpy::ColumnCountSpy(std::shared_ptr<const FacetColumn> column)
    : column_(std::move(column)), counts_(column_->values.size() + 1, 0) {}

void ColumnCountSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid d = doc.get_docid() - 1;
  if (d < column_->codes.size()) ++counts_[column_->codes[d]];
}

std::map<std::string, Xapian::doccount> ColumnCountSpy::counts() const {
  std::map<std::string, Xapian::doccount> out;
  for (std::size_t code = 1; code < counts_.size(); ++code)
    if (counts_[code] > 0) out.emplace(column_->values[code - 1], counts_[code]);
  return out;
}

FacetColumnWriter::FacetColumnWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {
  for (Xapian::valueno slot : column_slots()) {
    Column c{slot, decode_dictionary(db_.get_metadata(dictionary_key(slot))), {}, false, {}, {}};
    for (std::size_t i = 0; i < c.values.size() && i + 1 < kFullDictionary; ++i)
      c.codes.emplace(c.values[i], static_cast<std::uint16_t>(i + 1));
    columns_.push_back(std::move(c));
  }
}

bool FacetColumnWriter::stale() const {
  const Xapian::docid last = db_.get_lastdocid();
  return last != 0 && db_.get_metadata(schema::kMetaFacetDocids) != std::to_string(last);
}

void FacetColumnWriter::rebuild() {
  const Xapian::docid last = db_.get_lastdocid();
  for (Column& c : columns_) {
    c = Column{c.slot, {}, {}, true, {}, {}};  // codes are given anew: every block is rewritten
    for (Xapian::docid block = 0; last > 0 && block <= (last - 1) / schema::kFacetBlockDocs; ++block) {
      c.blocks[block];
      c.dirty.insert(block);
    }
    for (auto it = db_.valuestream_begin(c.slot); it != db_.valuestream_end(c.slot); ++it)
      set_code(c, it.get_docid(), *it);
  }
  changed_ = true;
}

void FacetColumnWriter::record(Xapian::docid id, const Xapian::Document& doc) {
  for (Column& c : columns_) set_code(c, id, doc.get_value(c.slot));
  changed_ = true;
}

void FacetColumnWriter::set_code(Column& c, Xapian::docid id, const std::string& value) {
  if (c.values.size() >= kFullDictionary) return;  // no longer kept
  std::uint16_t code = 0;
  if (!value.empty()) {
    const auto [it, added] = c.codes.emplace(value, static_cast<std::uint16_t>(c.values.size() + 1));
    if (added) {
      c.values.push_back(value);
      c.dictionary_dirty = true;
      if (c.values.size() >= kFullDictionary) return;  // the full dictionary tells searchers
    }
    code = it->second;
  }
  const Xapian::docid block = (id - 1) / schema::kFacetBlockDocs;
  auto b = c.blocks.find(block);
  if (b == c.blocks.end()) b = c.blocks.emplace(block, db_.get_metadata(block_key(c.slot, block))).first;
  std::string& bytes = b->second;
  const std::size_t at = 2 * std::size_t{(id - 1) % schema::kFacetBlockDocs};
  if (code == 0 && at >= bytes.size()) return;  // past the end already means no value
  if (bytes.size() < at + 2) bytes.resize(at + 2, '\0');
  bytes[at] = static_cast<char>(code & 0xff);
  bytes[at + 1] = static_cast<char>(code >> 8);
  c.dirty.insert(block);
}

void FacetColumnWriter::flush() {
  if (!changed_) return;
  for (Column& c : columns_) {
    if (c.dictionary_dirty) db_.set_metadata(dictionary_key(c.slot), encode_dictionary(c.values));
    for (Xapian::docid block : c.dirty) db_.set_metadata(block_key(c.slot, block), c.blocks[block]);
    c.dictionary_dirty = false;
    c.dirty.clear();
  }
  db_.set_metadata(schema::kMetaFacetDocids, std::to_string(db_.get_lastdocid()));
  changed_ = false;
}

}  // namespace depeche
