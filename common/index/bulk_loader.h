// A first full index, built the way Xapian writes fastest: articles analysed by several worker
// threads, each writing runs of consecutive articles into small part databases (cheap flushes),
// then all parts merged in input order into one compacted database. Nothing is visible until the
// merge: an interrupted first index starts again from scratch.
#ifndef DEPECHE_INCLUDED_INDEX_BULK_LOADER_H
#define DEPECHE_INCLUDED_INDEX_BULK_LOADER_H

#include "index/article_document.h"
#include "article.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace depeche {

class DocumentBuilder;

class BulkLoader {
 public:
  // Parts merged by one compaction at most (each open part costs memory and file handles).
  static constexpr std::size_t kMaxPartsPerMerge = 32;

  // Parts go under `parts_dir` (created, and removed by merge_into or the destructor).
  BulkLoader(std::string parts_dir, unsigned workers, std::size_t part_articles);
  ~BulkLoader();
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // Queues an article, waiting while the workers are behind. Throws Fatal(kDatabase) when a
  // worker failed (a full disk, for one).
  void add(Article&& a, std::string origin_term, const IndexingTimes& times = IndexingTimes::now());
  std::size_t size() const { return queued_; }

  // Waits for the workers and compacts every part, in input order, into a new database at
  // `output`: docid N is the Nth article added.
  // The spelling words of every part are counted as the parts are written and stored once, at the
  // merge: Xapian's spelling table costs a quarter of the indexing time when each part writes its
  // own (every word is new to a part).
  void merge_into(const std::string& output);

 private:
  struct Queued {
    Article article;
    std::string origin_term;
    IndexingTimes times;
  };
  struct Part {
    std::size_t index = 0;
    std::vector<Queued> articles;
  };
  void work();
  void fail(const Part& part, const std::string& why);  // records a worker's failure for add() to throw
  void write_part(Part& part, DocumentBuilder& builder);
  std::string part_path(std::size_t index) const;
  static void compact(const std::vector<std::string>& parts, const std::string& output);
  // Runs task(0) ... task(tasks - 1) on the loader's threads; throws Fatal naming `output` with
  // the first failure once all have stopped.
  void in_parallel(std::size_t tasks, const std::function<void(std::size_t)>& task, const std::string& output);
  void push_current();
  void stop();  // the workers finish what is queued, then end
  void rethrow_failure();

  std::string parts_dir_;
  std::size_t part_articles_;
  unsigned threads_;  // workers, and compactions at once when merging
  std::size_t queued_ = 0;
  Part current_;
  std::size_t parts_ = 0;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Part> waiting_;
  std::size_t max_waiting_;
  bool closing_ = false;
  std::string failure_;
  SpellingCounts spellings_;
  std::vector<std::thread> workers_;
};

}  // namespace depeche

#endif
