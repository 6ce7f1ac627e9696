#include "index/index_writer.h"

#include "analysis/synonyms.h"
#include "index/dedup.h"
#include "index/stored_article.h"
#include "output/exit_codes.h"
#include "schema.h"
#include "util/error.h"
#include "util/hash.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
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

namespace fs = std::filesystem;
constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kControlName = "control";

}  // namespace

ShardBy parse_shard_by(const std::string& name) {
  if (name == "none") return ShardBy::kNone;
  if (name == "year") return ShardBy::kYear;
  if (name == "month") return ShardBy::kMonth;
  throw Error("unknown shard layout '" + name + "' (expected none, year or month)");
}

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, double wait_seconds, ProblemReporter report,
                         ShardBy shard_by)
    : path_(path), batch_size_(batch_size ? batch_size : 1), report_(std::move(report)) {
  const bool is_sharded = fs::exists(fs::path(path) / kStubName);
  if (shard_by != ShardBy::kNone && !is_sharded && fs::exists(fs::path(path) / "iamglass"))
    throw Fatal(exit_code::kDatabase, path + ": an unsharded database; --shard-by needs a new folder (or --export it)");
  shard_by_ = shard_by;
  if (is_sharded || shard_by != ShardBy::kNone) {
    open_sharding(wait_seconds);
  } else {
    db_ = open_writable(path, wait_seconds);
    db_.begin_transaction(true);
    shards_.emplace("", db_);
  }
  if (auto mismatch = schema::version_mismatch(db_)) throw Fatal(exit_code::kDatabase, path + ": " + *mismatch);
  if (db_.get_metadata(schema::kMetaSchemaVersion).empty()) {
    set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    set_metadata(schema::kMetaAnalysisVersion, std::to_string(schema::kAnalysisVersion));
  }
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::open_sharding(double wait_seconds) {
  fs::create_directories(path_);
  db_ = open_writable((fs::path(path_) / kControlName).string(), wait_seconds);  // its lock guards all shards
  db_.begin_transaction(true);
  const std::string recorded = db_.get_metadata(schema::kMetaShardBy);
  if (recorded.empty()) {
    if (shard_by_ == ShardBy::kNone) throw Fatal(exit_code::kDatabase, path_ + ": sharded database without a layout");
    set_metadata(schema::kMetaShardBy, shard_by_ == ShardBy::kYear ? "year" : "month");
  } else {
    const ShardBy existing = parse_shard_by(recorded);
    if (shard_by_ != ShardBy::kNone && shard_by_ != existing)
      throw Fatal(exit_code::kDatabase, path_ + ": database is sharded by " + recorded + ", not as asked");
    shard_by_ = existing;
  }
  std::ifstream stub(fs::path(path_) / kStubName);
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("auto ", 0) == 0 && line.substr(5) != kControlName) shard(line.substr(5));
}

std::string IndexWriter::shard_name(const Article& a) const {
  if (!a.date.valid()) return "undated";
  char name[16];
  if (shard_by_ == ShardBy::kMonth && a.date.precision != util::DatePrecision::kYear)
    std::snprintf(name, sizeof name, "%04d-%02d", a.date.year, a.date.month);
  else
    std::snprintf(name, sizeof name, "%04d", a.date.year);
  return name;
}

Xapian::WritableDatabase& IndexWriter::shard(const std::string& name) {
  auto it = shards_.find(name);
  if (it != shards_.end()) return it->second;
  Xapian::WritableDatabase db = open_writable((fs::path(path_) / name).string(), 0);
  if (db.get_metadata(schema::kMetaSchemaVersion).empty()) {
    db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    db.set_metadata(schema::kMetaAnalysisVersion, std::to_string(schema::kAnalysisVersion));
    db.commit();
  }
  db.begin_transaction(true);
  it = shards_.emplace(name, db).first;
  // The stub lists every shard; rewritten whole (and renamed into place) so readers never see half.
  // The control database comes first: a combined database answers metadata from its first part.
  const fs::path stub = fs::path(path_) / kStubName;
  {
    std::ofstream out(stub.string() + ".tmp", std::ios::trunc);
    out << "auto " << kControlName << '\n';
    for (const auto& [shard_name, unused] : shards_) out << "auto " << shard_name << '\n';
  }
  fs::rename(stub.string() + ".tmp", stub);
  return it->second;
}  // uncommitted changes are dropped, as after a crash

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
  Xapian::WritableDatabase& target = shard_by_ == ShardBy::kNone ? db_ : shard(shard_name(a));
  Xapian::PostingIterator existing = target.postlist_begin(id_term);
  const bool exists = existing != target.postlist_end(id_term);
  if (exists && target.get_document(*existing).get_value(schema::kSlotContentHash) == hash) {
    ++stats_.unchanged;
    return;
  }
  bool moved = false;  // a corrected date can move an article to another shard
  for (auto& [name, other] : shards_) {
    if (&other == &target || !other.term_exists(id_term)) continue;
    other.delete_document(id_term);
    moved = true;
  }
  Xapian::Document doc = builder_.build(a);
  doc.add_value(schema::kSlotContentHash, hash);
  const std::string cluster = assign_cluster(a.id, target, exists ? *existing : 0, doc);
  doc.add_value(schema::kSlotCluster, cluster);
  doc.add_boolean_term(std::string(schema::kPrefixCluster) + cluster);
  if (!origin_term_.empty()) doc.add_boolean_term(origin_term_);
  target.replace_document(id_term, doc);
  add_spellings(target);
  ++(exists || moved ? stats_.updated : stats_.added);
  changed();
}

std::string IndexWriter::assign_cluster(const std::string& id, Xapian::WritableDatabase& shard_db, Xapian::docid self,
                                        Xapian::Document& doc) {
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
  Xapian::Enquire enquire(shard_db);
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

void IndexWriter::set_synonyms(const std::vector<std::string>& extra_lines, const std::string& source) {
  auto& analyzer = builder_.analyzer_for("fr");
  std::vector<analysis::SynonymGroup> groups = analysis::parse_synonyms(analysis::default_synonym_lines(), "defaults", analyzer);
  const std::vector<std::string_view> extra(extra_lines.begin(), extra_lines.end());
  for (auto& g : analysis::parse_synonyms(extra, source, analyzer)) groups.push_back(std::move(g));
  std::map<std::string, std::set<std::string>> wanted;
  for (const auto& group : groups)
    for (const std::string& word : group)
      for (const std::string& other : group)
        if (other != word) wanted[word].insert(other);
  std::map<std::string, std::set<std::string>> present;
  for (auto key = db_.synonym_keys_begin(); key != db_.synonym_keys_end(); ++key)
    for (auto it = db_.synonyms_begin(*key); it != db_.synonyms_end(*key); ++it) present[*key].insert(*it);
  if (present == wanted) return;
  for (const auto& [key, unused] : present) db_.clear_synonyms(key);
  for (const auto& [word, others] : wanted)
    for (const std::string& other : others) db_.add_synonym(word, other);
  changed();
}

void IndexWriter::add_spellings(Xapian::WritableDatabase& target) {
  // Each distinct word once per article: the dictionary counts articles, and writes stay few.
  // Words with a digit are identifiers (n12345, a320, 2023), never misspelt; a feed of a million
  // distinct ones grew one spelling fragment list until Xapian 1.4.22 failed every commit ("Too
  // few chunks of compressed data", at 169,000 words beginning "n1").
  spelling_words_.clear();
  for (const analysis::TokenList* list : {&builder_.title_tokens(), &builder_.body_tokens()})
    for (const auto& t : list->tokens) {
      const std::string_view w = list->folded(t);
      if (w.size() >= kMinSpellingWordBytes && w.find_first_of("0123456789") == std::string_view::npos)
        spelling_words_.emplace(w);
    }
  for (const std::string& w : spelling_words_) target.add_spelling(w);
}

void IndexWriter::problem(const std::string& file, std::size_t line, const std::string& message) {
  ++stats_.problems;
  report_(file + ":" + std::to_string(line) + ": " + message);
}

std::size_t IndexWriter::delete_from_origin(const std::string& file_key, const std::set<std::string>& keep) {
  const std::string term = origin_term(file_key);
  std::size_t deleted = 0;
  for (auto& [name, db] : shards_) {
    std::vector<Xapian::docid> doomed;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      if (keep.count(load_article(db.get_document(*it).get_data()).id) == 0) doomed.push_back(*it);
    for (Xapian::docid id : doomed) {
      db.delete_document(id);
      ++stats_.deleted;
      ++deleted;
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
      term = schema::id_term(load_article(db.get_document(*p).get_data()).id);
    }
    db.delete_document(term);
    ++stats_.deleted;
    changed();
    return true;
  }
  return false;
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
    // Shards first, the control database (records of indexed files) last: after a crash in
    // between, the files are read again and their articles found unchanged.
    for (auto& [name, db] : shards_)
      if (name != "") {
        db.commit_transaction();
        db.begin_transaction(true);
      }
    db_.commit_transaction();
    db_.begin_transaction(true);
  } catch (const Xapian::Error& e) {
    throw Fatal(exit_code::kDatabase, path_ + ": commit failed: " + e.get_msg());
  }
  pending_ = 0;
}

}  // namespace depeche
