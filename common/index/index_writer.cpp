#include "index/index_writer.h"

#include "output/exit_codes.h"
#include "schema.h"
#include "util/error.h"

namespace depeche {
namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw Fatal(exit_code::kLocked, path + ": database is locked by another indexer; try again later");
  } catch (const Xapian::Error& e) {
    throw Fatal(exit_code::kDatabase, path + ": cannot open database for writing: " + e.get_msg());
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, ProblemReporter report)
    : db_(open_writable(path)), path_(path), batch_size_(batch_size ? batch_size : 1), report_(std::move(report)) {
  if (auto mismatch = schema::version_mismatch(db_)) throw Fatal(exit_code::kDatabase, path + ": " + *mismatch);
  if (db_.get_metadata(schema::kMetaSchemaVersion).empty()) {
    db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    db_.set_metadata(schema::kMetaAnalysisVersion, std::to_string(schema::kAnalysisVersion));
    ++pending_;  // a new database records its versions in its first commit
  }
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (const Xapian::Error&) {
    // Nothing more can be done here; commit() is called explicitly on the normal path.
  }
}

void IndexWriter::article(Article&& a) {
  const std::string id_term = schema::id_term(a.id);
  const bool exists = db_.term_exists(id_term);
  db_.replace_document(id_term, builder_.build(a));
  ++(exists ? stats_.updated : stats_.added);
  if (++pending_ >= batch_size_) commit();
}

void IndexWriter::problem(const std::string& file, std::size_t line, const std::string& message) {
  ++stats_.problems;
  report_(file + ":" + std::to_string(line) + ": " + message);
}

void IndexWriter::commit() {
  if (pending_ == 0) return;
  try {
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw Fatal(exit_code::kDatabase, path_ + ": commit failed: " + e.get_msg());
  }
  pending_ = 0;
}

}  // namespace depeche
