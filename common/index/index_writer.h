// Writes articles into a Xapian database: one document per id, replaced on re-indexing (and
// not rewritten at all when unchanged), committed in batches so a crash loses at most the batch
// in progress and a rerun repairs it.
#ifndef DEPECHE_INCLUDED_INDEX_INDEX_WRITER_H
#define DEPECHE_INCLUDED_INDEX_INDEX_WRITER_H

#include "index/article_document.h"
#include "index/bulk_loader.h"
#include "index/document_builder.h"
#include "index/facet_columns.h"
#include "index/shard_layout.h"
#include "index/synonym_table.h"
#include "readers/reader.h"

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace depeche {

struct IndexStats {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  std::size_t problems = 0;  // records or files skipped, or indexed with a warning
};

// Opens a database for writing, waiting up to `wait_seconds` for another writer to finish.
// Throws Fatal(kLocked) when it is still locked, Fatal(kDatabase) otherwise.
Xapian::WritableDatabase open_writable(const std::string& path, double wait_seconds, int flags = Xapian::DB_CREATE_OR_OPEN);

// Moves the database built at `fresh` to `path` in one atomic exchange of the two folders (readers
// see the old one or the new one, never a mix); the old one is left at `fresh`. Refuses a `path`
// holding files depeche did not write, which would leave with the old folder. On failure, removes
// the database built at `fresh` and throws Fatal(kDatabase).
void swap_in(const std::string& fresh, const std::string& path);

class IndexWriter : public ArticleSink {
 public:
  using ProblemReporter = std::function<void(const std::string& message)>;

  // Opens (creating if needed) the database at `path`. When another indexer holds it, waits up
  // to `wait_seconds` (0: not at all) then throws Fatal(kLocked); throws
  // Fatal(kDatabase) when it cannot be opened or holds another schema version.
  //
  // A sharded database (`shard_by` other than kNone, or a folder that already holds one) is a folder
  // with a Xapian stub file XAPIANDB listing one database per period, which depeche-search opens
  // as one, and a "control" database holding the metadata (versions, records of indexed files).
  //
  // An empty unsharded database is loaded in bulk when `bulk_jobs` > 0: that many threads write
  // part databases, compacted into the database by finish() (see bulk_loader.h). Until then
  // nothing is committed; an article id seen twice ends the bulk load early, and what follows
  // is written one by one.
  IndexWriter(const std::string& path, std::size_t batch_size, double wait_seconds, ProblemReporter report,
              ShardBy shard_by = ShardBy::kNone, unsigned bulk_jobs = 0,
              std::size_t bulk_part_articles = kBulkPartArticles);
  // Articles per part database of a bulk load: small enough that each part is written with one
  // cheap flush, large enough that merging stays a small share of the time. Smaller parts write
  // faster (250: 7 % less wall), but compaction keeps each part's posting chunk of every term:
  // with 250, the postings took 15 % more room, queries 10 % more time, merging a million 25 % more.
  static constexpr std::size_t kBulkPartArticles = 1000;
  ~IndexWriter() override;

  // Articles that follow come from this input file: `file_key` is its record's key (empty for
  // stdin), `display` its name in messages.
  void set_origin(const std::string& file_key, const std::string& display);
  // The input's format: only the articles of one-article files (text, HTML) carry their file's
  // term, which --prune and a changed file's id need; the items of feeds and JSON Lines, which
  // stay when their file goes, do not, so that the same item in another fetch writes nothing.
  void format(InputFormat f) override;
  // The same, given the origin term an existing document carries (when rebuilding).
  void set_origin_term(const std::string& term) { origin_term_ = term; }
  // The indexing times of the article that follows, which it had in the database being rebuilt
  // (so that --new after --rebuild prints nothing old); without them, a new article's are now.
  void carry_times(const IndexingTimes& times) { carried_times_ = times; }
  void article(Article&& a) override;
  void problem(const std::string& file, std::size_t line, const std::string& message) override;

  // Ids of the articles written or found unchanged since set_origin().
  const std::set<std::string>& origin_ids() const { return origin_ids_; }
  // Deletes the articles that came from `file_key` whose id is not in `keep`, but for those another
  // file also gave, which only forget `file_key` (the origin terms of the files still giving them
  // are added to `still_given_by`, when given); returns how many were deleted.
  std::size_t delete_from_origin(const std::string& file_key, const std::set<std::string>& keep,
                                 std::set<std::string>* still_given_by = nullptr);
  // Deletes the article with this id, or failing that with this URL; false when there is none.
  bool delete_id(const std::string& id_or_url);

  // The database holding the metadata (the control database when sharded).
  Xapian::WritableDatabase& database() { return db_; }
  // Records a metadata change to commit with the next batch.
  void set_metadata(const std::string& key, const std::string& value);
  // The same for what is worth writing only beside other changes: a file's new modification time
  // when its content is unchanged (a file touched) is written by the next commit that writes
  // something else, and forgotten otherwise (that file is hashed again next run), so that a run
  // with nothing else to do writes no revision.
  void set_metadata_with_other_changes(const std::string& key, const std::string& value);

  // Commits what is pending (nothing at all when nothing changed: no new revision).
  void commit();
  // Replaces the synonym table with depeche's default groups plus those of `extra_lines`
  // (a synonyms file's lines, already read; `source` names it in errors). Writes nothing when
  // the table already holds exactly these groups.
  void set_synonyms(const std::vector<std::string>& extra_lines, const std::string& source);
  // Replaces the synonym table with the one `from` holds (a rebuild keeps the groups it had).
  void copy_synonyms(const Xapian::Database& from);

  // Records this run's counts (for --stats) when it changed anything, then commits (after the
  // merge of a bulk load).
  void finish(std::size_t failed);
  const IndexStats& stats() const { return stats_; }
  void count_problem() { ++stats_.problems; }
  void count_unchanged(std::size_t articles) { stats_.unchanged += articles; }
  // Other title and lead weights than the defaults, for experiments (bench/ablation); for articles
  // written one by one (bulk_jobs 0): a bulk load's workers keep the defaults.
  void set_index_weights(const IndexWeights& weights) { builder_.set_weights(weights); }

 private:
  void replace_synonyms(SynonymTable wanted);
  // A shard served alone by xapian-tcpsrv holds no synonym table: each carries the control
  // database's copy of it in its metadata (schema::kMetaSynonyms), which a remote search reads.
  void share_synonyms(Xapian::WritableDatabase& shard_db);
  void changed();
  Xapian::WritableDatabase& shard(const std::string& name);  // opened or created, and listed in the stub
  void open_sharding(double wait_seconds);
  // Merges the bulk load's parts, with the metadata and synonyms set meanwhile, into the
  // database, and goes on one article at a time.
  void end_bulk();
  // The facet columns of `db`, built first from its values when it has none (a database from an
  // earlier depeche).
  FacetColumnWriter& columns(Xapian::WritableDatabase& db);
  std::string bulk_parts_path() const { return path_ + ".depeche-parts"; }
  std::string bulk_output_path() const { return path_ + ".depeche-new"; }

  Xapian::WritableDatabase db_;
  ShardBy shard_by_ = ShardBy::kNone;
  std::map<std::string, Xapian::WritableDatabase> shards_;  // name -> database; "" is db_ when unsharded
  std::string path_;
  std::optional<IndexingTimes> carried_times_;
  std::size_t batch_size_;
  std::size_t pending_ = 0;
  ProblemReporter report_;
  DocumentBuilder builder_;
  IndexStats stats_;
  std::map<std::string, std::string> with_other_changes_;  // metadata written only with a commit that has others
  std::string origin_file_term_;  // of the input being read
  std::string origin_term_;       // the term its articles carry: origin_file_term_ or none (format())
  bool reading_feed_ = false;     // the input is a feed, whose items change from fetch to fetch
  std::set<std::string> origin_ids_;
  std::map<Xapian::WritableDatabase*, SpellingCounts> spellings_;  // per shard, written at each commit
  std::map<Xapian::WritableDatabase*, FacetColumnWriter> columns_;  // per shard, written at each commit

  // Which of this run's files gave each id (by hash), with what content: two files giving one id
  // with different texts are reported (docs/robustness.md), and a repeat ends a bulk load.
  struct SeenId {
    std::uint32_t origin;
    std::uint64_t content;
  };
  std::unordered_map<std::uint64_t, SeenId> run_ids_;
  std::vector<std::string> origin_names_;  // by SeenId::origin
  // True when `a`'s id came earlier in the run; reports a conflict. `a` is left as it was.
  bool seen_before(Article& a);

  std::unique_ptr<BulkLoader> bulk_;
  std::map<std::string, std::string> deferred_metadata_;
  std::optional<SynonymTable> deferred_synonyms_;
};

}  // namespace depeche

#endif
