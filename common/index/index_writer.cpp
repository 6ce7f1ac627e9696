#include "index/index_writer.h"

#include "index/article_document.h"
#include "index/clusters.h"
#include "index/database_folder.h"
#include "index/stored_article.h"
#include "index/synonym_table.h"
#include "readers/problems.h"
#include "schema.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/xapian_error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <ctime>
#include <thread>
#include <unistd.h>
#include <utility>

namespace depeche {
namespace {

// Xapian throws DatabaseLockError both when another process holds the lock and when the lock file
// cannot be opened (another owner, a read-only folder or file system, a folder in its place). Only
// the first is worth waiting for, and exit 75 tells cron to try again: the second would never pass.
bool lock_held_elsewhere(const std::string& path) {
  const int fd = ::open((path + "/flintlock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;  // l_start 0, l_len 0: the whole file, as Xapian locks it
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

}  // namespace

Xapian::WritableDatabase open_writable(const std::string& path, double wait_seconds, int flags) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  for (bool retried = false;;) {
    try {
      return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError& e) {
      if (!lock_held_elsewhere(path)) {
        // The holder may have let go since: trying once more tells that from a lock we cannot take.
        if (std::exchange(retried, true))
          throw Fatal(FatalKind::kDatabase, path + ": cannot open database for writing: " + util::xapian_message(e));
        continue;
      }
      retried = false;
      if (std::chrono::steady_clock::now() >= deadline)
        throw Fatal(FatalKind::kLocked, path + ": database is locked by another indexer; try again later");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::Error& e) {
      throw Fatal(FatalKind::kDatabase, path + ": cannot open database for writing: " + util::xapian_message(e));
    }
  }
}

namespace {

// The origin terms of a document: every file that gave its id. Two files can give one id (the
// same article copied, or one URL in both), and the article stays while either of them does.
std::vector<std::string> origin_terms(const Xapian::Document& doc) {
  const std::string prefix(schema::kPrefixOriginFile);
  std::vector<std::string> out;
  auto t = doc.termlist_begin();
  for (t.skip_to(prefix); t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) out.push_back(*t);
  return out;
}

bool has_posting(const Xapian::Database& db, const std::string& term, Xapian::docid doc) {
  Xapian::PostingIterator p = db.postlist_begin(term);
  p.skip_to(doc);
  return p != db.postlist_end(term) && *p == doc;
}

namespace fs = std::filesystem;

}  // namespace

void swap_in(const std::string& fresh, const std::string& path) {
  // The old folder leaves with the exchange and is removed: nothing but the database may go with it.
  std::string failure;
  if (const std::vector<std::string> foreign = foreign_entries(path); !foreign.empty())
    failure = path + ": holds files depeche did not write (" + foreign.front() + (foreign.size() > 1 ? ", ..." : "") +
              "); move them out of the database folder; nothing changed";
  else if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0)
    failure = path + ": cannot swap in the new database: " + std::strerror(errno);
  if (failure.empty()) return;
  remove_database_folder(fresh);  // not swapped in: it would fill the disk until the next run
  throw Fatal(FatalKind::kDatabase, failure);
}

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, double wait_seconds, ProblemReporter report,
                         ShardBy shard_by, unsigned bulk_jobs, std::size_t bulk_part_articles)
    : path_(path), batch_size_(batch_size ? batch_size : 1), report_(std::move(report)) {
  const bool sharded = is_sharded(path);
  if (shard_by != ShardBy::kNone && !sharded && fs::exists(fs::path(path) / "iamglass"))
    throw Fatal(FatalKind::kDatabase, path + ": an unsharded database; --shard-by needs a new folder (or --export it)");
  shard_by_ = shard_by;
  if (sharded || shard_by != ShardBy::kNone) {
    open_sharding(wait_seconds);
  } else {
    db_ = open_writable(path, wait_seconds);
    db_.begin_transaction(true);
    shards_.emplace("", db_);
    clear_leftovers(path_);  // ours now that we hold the lock
    const bool empty = db_.get_lastdocid() == 0 && db_.metadata_keys_begin() == db_.metadata_keys_end();
    if (empty && bulk_jobs > 0) bulk_ = std::make_unique<BulkLoader>(bulk_parts_path(), bulk_jobs, bulk_part_articles);
  }
  if (auto mismatch = schema::version_mismatch(db_)) throw Fatal(FatalKind::kDatabase, path + ": " + *mismatch);
  if (!bulk_ && shard_by_ == ShardBy::kNone) columns(db_);
  if (db_.get_metadata(schema::kMetaSchemaVersion).empty())
    for (const auto& [key, value] : schema::version_metadata()) set_metadata(key, value);
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::open_sharding(double wait_seconds) {
  fs::create_directories(path_);
  db_ = open_writable(control_path(path_), wait_seconds);  // its lock guards all shards
  clear_leftovers(path_);
  db_.begin_transaction(true);
  const std::string recorded = db_.get_metadata(schema::kMetaShardBy);
  if (recorded.empty()) {
    if (shard_by_ == ShardBy::kNone) throw Fatal(FatalKind::kDatabase, path_ + ": sharded database without a layout");
    set_metadata(schema::kMetaShardBy, shard_by_name(shard_by_));
  } else {
    const ShardBy existing = parse_shard_by(recorded);
    if (shard_by_ != ShardBy::kNone && shard_by_ != existing)
      throw Fatal(FatalKind::kDatabase, path_ + ": database is sharded by " + recorded + ", not as asked");
    shard_by_ = existing;
  }
  for (const std::string& name : listed_shards(path_)) {
    // A listed shard that is gone is being swapped (docs/scale-out.md) or was moved by mistake:
    // opening it would create an empty one, which the swap's second mv then moves the real one into.
    const fs::path folder = shard_path(path_, name);
    if (!fs::exists(folder / "iamglass"))
      throw Fatal(FatalKind::kLocked, folder.string() + ": a shard the database lists is missing (being swapped?); "
                                                        "nothing written, retry when it is back");
    shard(name);
  }
}

Xapian::WritableDatabase& IndexWriter::shard(const std::string& name) {
  auto it = shards_.find(name);
  if (it != shards_.end()) return it->second;
  Xapian::WritableDatabase db = open_writable(shard_path(path_, name), 0);
  if (db.get_metadata(schema::kMetaSchemaVersion).empty()) {
    schema::stamp_versions(db);
    db.commit();
  }
  db.begin_transaction(true);
  it = shards_.emplace(name, db).first;
  share_synonyms(it->second);
  columns(it->second);
  std::vector<std::string> listed;
  for (const auto& [shard_name, unused] : shards_) listed.push_back(shard_name);
  write_stub(path_, listed);
  return it->second;
}  // uncommitted changes are dropped, as after a crash

void IndexWriter::format(InputFormat f) {
  origin_term_ = f == InputFormat::kText || f == InputFormat::kHtml ? origin_file_term_ : std::string();
  reading_feed_ = f == InputFormat::kFeed;
}

void IndexWriter::set_origin(const std::string& file_key, const std::string& display) {
  origin_file_term_ = schema::origin_file_term(file_key);
  origin_term_ = origin_file_term_;  // until the format is known
  reading_feed_ = false;
  origin_ids_.clear();
  origin_names_.push_back(display);
}

bool IndexWriter::seen_before(Article& a) {
  // The hash leaves out the file it came from: the same article in two files is no conflict.
  const std::uint64_t content = canonical_hash(a);
  const auto origin_index = static_cast<std::uint32_t>(origin_names_.empty() ? 0 : origin_names_.size() - 1);
  const auto [it, first] = run_ids_.try_emplace(util::fnv1a64(a.id), SeenId{origin_index, content});
  if (first) return false;
  // A feed fetched into a file per fetch gives an item edited between two fetches in both files:
  // the later fetch's text is an update, nothing to warn about (docs/monitoring.md).
  if (it->second.origin != origin_index && it->second.content != content && !origin_names_.empty() && !reading_feed_)
    problem(origin_names_[origin_index], 1,
            "article '" + a.id + "' was also given, with another text, by " + origin_names_[it->second.origin] +
                "; this one replaces it");
  it->second = SeenId{origin_index, content};
  return true;
}

void IndexWriter::changed() {
  if (++pending_ >= batch_size_) commit();
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  if (bulk_) {
    deferred_metadata_[key] = value;
    return;
  }
  db_.set_metadata(key, value);
  changed();
}

void IndexWriter::article(Article&& a) {
  origin_ids_.insert(a.id);
  const bool repeated = seen_before(a);
  const IndexingTimes new_times = carried_times_ ? *carried_times_ : IndexingTimes::now();
  carried_times_.reset();
  if (bulk_) {
    if (!repeated) {
      ++stats_.added;
      bulk_->add(std::move(a), origin_term_, new_times);
      return;
    }
    end_bulk();  // seen before: this one replaces it, as one by one
  }
  const std::string id_term = schema::id_term(a.id);
  const std::string hash = content_hash(a);
  const std::string target_name = shard_by_ == ShardBy::kNone ? std::string() : shard_for(a, shard_by_);
  Xapian::WritableDatabase& target = target_name.empty() ? db_ : shard(target_name);
  // Read before anything changes: the posting list is not to be used once written to.
  const Xapian::PostingIterator found = target.postlist_begin(id_term);
  const Xapian::docid existing = found != target.postlist_end(id_term) ? *found : 0;
  std::vector<std::string> origins;  // of the article this one replaces
  IndexingTimes times = new_times;
  if (existing) {
    Xapian::Document before = target.get_document(existing);
    if (before.get_value(schema::kSlotContentHash) == hash) {
      ++stats_.unchanged;
      // A file reread gives most of its articles unchanged: its origin term's posting list says
      // whether the article knows it, without decoding the article's whole term list.
      if (origin_term_.empty() || has_posting(target, origin_term_, existing)) return;
      before.add_boolean_term(origin_term_);  // another file gives the same article
      target.replace_document(existing, before);
      changed();
      return;
    }
    origins = origin_terms(before);
    times = IndexingTimes::update_of(before);
  }
  bool moved = false;  // a corrected date can move an article to another shard
  for (auto& [name, other] : shards_) {
    if (name == target_name || !other.term_exists(id_term)) continue;
    times = IndexingTimes::update_of(other.get_document(*other.postlist_begin(id_term)));
    other.delete_document(id_term);
    moved = true;
  }
  PreparedDocument p = prepare_document(builder_, a, hash, origin_term_, times);
  for (const std::string& origin : origins) p.doc.add_boolean_term(origin);
  const std::optional<std::string> cluster = closest_copy_cluster(target, existing, p);
  schema::set_cluster(p.doc, cluster ? *cluster : schema::own_cluster(a.id));
  mark_if_copies(target, existing, p.doc);
  // An update keeps its docid: scripts and facet columns know articles by it.
  Xapian::docid docid = existing;
  if (existing) target.replace_document(existing, p.doc);
  else docid = target.add_document(p.doc);
  columns(target).record(docid, p.doc);
  spellings_[&target].add_article(builder_);
  ++(existing || moved ? stats_.updated : stats_.added);
  changed();
}

FacetColumnWriter& IndexWriter::columns(Xapian::WritableDatabase& db) {
  auto it = columns_.find(&db);
  if (it != columns_.end()) return it->second;
  it = columns_.emplace(&db, FacetColumnWriter(db)).first;
  if (it->second.stale()) {
    it->second.rebuild();
    changed();
  }
  return it->second;
}

void IndexWriter::set_synonyms(const std::vector<std::string>& extra_lines, const std::string& source) {
  replace_synonyms(synonym_table(extra_lines, source, builder_.analyzer_for("fr")));
}

void IndexWriter::copy_synonyms(const Xapian::Database& from) { replace_synonyms(read_synonyms(from)); }

void IndexWriter::replace_synonyms(SynonymTable wanted) {
  if (bulk_) {
    deferred_synonyms_ = std::move(wanted);  // written into the merged database
    return;
  }
  if (write_synonyms(db_, wanted)) changed();
  for (auto& [name, shard_db] : shards_)
    if (!name.empty()) share_synonyms(shard_db);
}

void IndexWriter::share_synonyms(Xapian::WritableDatabase& shard_db) {
  const std::string table = db_.get_metadata(schema::kMetaSynonyms);
  if (shard_db.get_metadata(schema::kMetaSynonyms) == table) return;
  shard_db.set_metadata(schema::kMetaSynonyms, table);
  changed();
}

void IndexWriter::problem(const std::string& file, std::size_t line, const std::string& message) {
  ++stats_.problems;
  report_(problem_line(file, line, message));
}

std::size_t IndexWriter::delete_from_origin(const std::string& file_key, const std::set<std::string>& keep,
                                            std::set<std::string>* still_given_by) {
  const std::string term = schema::origin_file_term(file_key);
  std::size_t deleted = 0;
  for (auto& [name, db] : shards_) {
    std::vector<Xapian::docid> doomed;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      if (keep.count(load_article(db.get_document(*it), WithBody::kNo).id) == 0) doomed.push_back(*it);
    for (Xapian::docid id : doomed) {
      Xapian::Document doc = db.get_document(id);
      if (const std::vector<std::string> origins = origin_terms(doc); origins.size() > 1) {  // another file still gives it
        doc.remove_term(term);
        db.replace_document(id, doc);
        if (still_given_by)
          for (const std::string& other : origins)
            if (other != term) still_given_by->insert(other);
      } else {
        db.delete_document(id);
        ++stats_.deleted;
        ++deleted;
      }
      changed();
    }
  }
  return deleted;
}

bool IndexWriter::delete_id(const std::string& id_or_url) {
  for (auto& [name, db] : shards_) {
    std::string term = schema::id_term(id_or_url);
    if (!db.term_exists(term)) {
      const std::string url_term = schema::boolean_term(schema::field("url").prefix, id_or_url);
      Xapian::PostingIterator p = db.postlist_begin(url_term);
      if (p == db.postlist_end(url_term)) continue;
      term = schema::id_term(load_article(db.get_document(*p), WithBody::kNo).id);
    }
    db.delete_document(term);
    ++stats_.deleted;
    changed();
    return true;
  }
  return false;
}

void IndexWriter::end_bulk() {
  const std::unique_ptr<BulkLoader> bulk = std::move(bulk_);
  if (bulk->size() > 0) {
    const std::string fresh = bulk_output_path();
    try {
      bulk->merge_into(fresh);
      Xapian::WritableDatabase merged(fresh, Xapian::DB_OPEN);
      cluster_in_input_order(merged);
      FacetColumnWriter columns(merged);  // compacting renumbered the parts' docids: built here, once
      columns.rebuild();
      columns.flush();
      for (const auto& [key, value] : deferred_metadata_) merged.set_metadata(key, value);
      if (deferred_synonyms_) write_synonyms(merged, *deferred_synonyms_);
      merged.commit();
    } catch (const Xapian::Error& e) {
      remove_database_folder(fresh);  // a failed merge leaves nothing to fill the disk
      throw Fatal(FatalKind::kDatabase, fresh + ": finishing the merged database failed: " + util::xapian_message(e));
    } catch (...) {
      remove_database_folder(fresh);
      throw;
    }
    swap_in(fresh, path_);
    db_.close();  // the empty database we held locked, now at `fresh`
    remove_database_folder(fresh);
    // Another indexer could take the lock in between: it then finds the merged database, and we stop.
    db_ = open_writable(path_, 0);
    db_.begin_transaction(true);
    shards_.clear();
    shards_.emplace("", db_);
    columns_.clear();
  } else {
    for (const auto& [key, value] : deferred_metadata_) set_metadata(key, value);
    if (deferred_synonyms_ && write_synonyms(db_, *deferred_synonyms_)) changed();
  }
  deferred_metadata_.clear();
  deferred_synonyms_.reset();
}

void IndexWriter::finish(std::size_t failed) {
  if (stats_.added + stats_.updated + stats_.deleted > 0) {
    char when[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    set_metadata(schema::kMetaLastRun, nlohmann::json{{"when", when},
                                                      {"added", stats_.added},
                                                      {"updated", stats_.updated},
                                                      {"unchanged", stats_.unchanged},
                                                      {"deleted", stats_.deleted},
                                                      {"failed", failed}}
                                           .dump());
  }
  if (bulk_) end_bulk();
  commit();
}

void IndexWriter::set_metadata_with_other_changes(const std::string& key, const std::string& value) {
  if (bulk_) return set_metadata(key, value);
  with_other_changes_[key] = value;
}

void IndexWriter::commit() {
  if (pending_ == 0) return;
  try {
    for (const auto& [key, value] : with_other_changes_) db_.set_metadata(key, value);
    with_other_changes_.clear();
    // Shards first, the control database (records of indexed files) last: after a crash in
    // between, the files are read again and their articles found unchanged.
    for (auto& [db, counts] : spellings_) counts.write_to(*db);
    for (auto& [db, columns] : columns_) columns.flush();
    for (auto& [name, db] : shards_)
      if (name != "") {
        db.commit_transaction();
        db.begin_transaction(true);
      }
    db_.commit_transaction();
    db_.begin_transaction(true);
  } catch (const Xapian::Error& e) {
    throw Fatal(FatalKind::kDatabase, path_ + ": commit failed: " + util::xapian_message(e));
  }
  pending_ = 0;
}

}  // namespace depeche
