#include "index/index_writer.h"

#include "index/dedup.h"
#include "index/stored_article.h"
#include "output/exit_codes.h"
#include "schema.h"
#include "util/error.h"
#include "util/hash.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <thread>

namespace depeche {
Xapian::WritableDatabase open_writable(const std::string& path, double wait_seconds, int flags) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  for (;;) {
    try {
      return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError&) {
      if (std::chrono::steady_clock::now() >= deadline)
        throw Fatal(exit_code::kLocked, path + ": database is locked by another indexer; try again later");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::Error& e) {
      throw Fatal(exit_code::kDatabase, path + ": cannot open database for writing: " + e.get_msg());
    }
  }
}

namespace {

std::string origin_term(const std::string& file_key) {
  return file_key.empty() ? std::string() : std::string(schema::kPrefixOriginFile) + util::hex64(util::fnv1a64(file_key));
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, double wait_seconds, ProblemReporter report)
    : db_(open_writable(path, wait_seconds)),
      path_(path),
      batch_size_(batch_size ? batch_size : 1),
      report_(std::move(report)) {
  if (auto mismatch = schema::version_mismatch(db_)) throw Fatal(exit_code::kDatabase, path + ": " + *mismatch);
  if (db_.get_metadata(schema::kMetaSchemaVersion).empty()) {
    set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    set_metadata(schema::kMetaAnalysisVersion, std::to_string(schema::kAnalysisVersion));
  }
}

IndexWriter::~IndexWriter() = default;  // uncommitted changes are dropped, as after a crash

void IndexWriter::set_origin(const std::string& file_key) {
  origin_term_ = origin_term(file_key);
  origin_ids_.clear();
}

void IndexWriter::changed() {
  if (++pending_ >= batch_size_) commit();
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  db_.set_metadata(key, value);
  changed();
}

void IndexWriter::article(Article&& a) {
  const std::string id_term = schema::id_term(a.id);
  const std::string hash = util::hex64(util::fnv1a64(store_article(a)));
  origin_ids_.insert(a.id);
  Xapian::PostingIterator existing = db_.postlist_begin(id_term);
  const bool exists = existing != db_.postlist_end(id_term);
  if (exists && db_.get_document(*existing).get_value(schema::kSlotContentHash) == hash) {
    ++stats_.unchanged;
    return;
  }
  Xapian::Document doc = builder_.build(a);
  doc.add_value(schema::kSlotContentHash, hash);
  const std::string cluster = assign_cluster(a.id, exists ? *existing : 0, doc);
  doc.add_value(schema::kSlotCluster, cluster);
  doc.add_boolean_term(std::string(schema::kPrefixCluster) + cluster);
  if (!origin_term_.empty()) doc.add_boolean_term(origin_term_);
  db_.replace_document(id_term, doc);
  ++(exists ? stats_.updated : stats_.added);
  changed();
}

std::string IndexWriter::assign_cluster(const std::string& id, Xapian::docid self, Xapian::Document& doc) {
  std::string cluster = util::hex64(util::fnv1a64(id));
  const auto sig = dedup::signature(builder_.title_tokens(), builder_.body_tokens());
  if (!sig) return cluster;
  std::vector<Xapian::Query> bands;
  for (const std::string& key : dedup::band_keys(*sig)) {
    const std::string term = std::string(schema::kPrefixBand) + key;
    doc.add_boolean_term(term);
    bands.emplace_back(term);
  }
  doc.add_value(schema::kSlotSignature, dedup::encode(*sig));
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  constexpr Xapian::doccount kMaxCandidates = 64;
  double best = dedup::copy_threshold(builder_.body_tokens());
  const Xapian::MSet candidates = enquire.get_mset(0, kMaxCandidates);
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    if (*it == self) continue;
    const Xapian::Document other = it.get_document();
    const auto other_sig = dedup::decode(other.get_value(schema::kSlotSignature));
    if (!other_sig) continue;
    const double sim = dedup::similarity(*sig, *other_sig);
    if (sim >= best) {
      best = sim;
      cluster = other.get_value(schema::kSlotCluster);
    }
  }
  return cluster;
}

void IndexWriter::problem(const std::string& file, std::size_t line, const std::string& message) {
  ++stats_.problems;
  report_(file + ":" + std::to_string(line) + ": " + message);
}

std::size_t IndexWriter::delete_from_origin(const std::string& file_key, const std::set<std::string>& keep) {
  const std::string term = origin_term(file_key);
  std::vector<Xapian::docid> doomed;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    if (keep.count(load_article(db_.get_document(*it).get_data()).id) == 0) doomed.push_back(*it);
  }
  for (Xapian::docid id : doomed) {
    db_.delete_document(id);
    ++stats_.deleted;
    changed();
  }
  return doomed.size();
}

bool IndexWriter::delete_id(const std::string& id_or_url) {
  std::string term = schema::id_term(id_or_url);
  if (!db_.term_exists(term)) {
    const std::string url_term = schema::boolean_term(schema::field("url").prefix, id_or_url);
    Xapian::PostingIterator p = db_.postlist_begin(url_term);
    if (p == db_.postlist_end(url_term)) return false;
    term = schema::id_term(load_article(db_.get_document(*p).get_data()).id);
  }
  db_.delete_document(term);
  ++stats_.deleted;
  changed();
  return true;
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
  commit();
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
