#include "index/bulk_loader.h"

#include "schema.h"

#include "index/article_document.h"
#include "index/database_folder.h"
#include "index/document_builder.h"
#include "util/error.h"
#include "util/xapian_error.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>

namespace depeche {

namespace fs = std::filesystem;

BulkLoader::BulkLoader(std::string parts_dir, unsigned workers, std::size_t part_articles)
    : parts_dir_(std::move(parts_dir)), part_articles_(part_articles ? part_articles : 1), threads_(workers ? workers : 1) {
  workers = threads_;
  max_waiting_ = workers;  // bounds memory: the parts being written plus as many read ahead
  clear_work_folder(parts_dir_);
  fs::create_directories(parts_dir_);
  for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

BulkLoader::~BulkLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    waiting_.clear();  // abandoned: only the parts being written are finished
  }
  stop();
  remove_database_folder(parts_dir_);
}

std::string BulkLoader::part_path(std::size_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "part-%08zu", index);
  return (fs::path(parts_dir_) / name).string();
}

void BulkLoader::rethrow_failure() {
  if (!failure_.empty()) throw Fatal(FatalKind::kDatabase, failure_);
}

void BulkLoader::add(Article&& a, std::string origin_term, const IndexingTimes& times) {
  current_.articles.push_back({std::move(a), std::move(origin_term), times});
  ++queued_;
  if (current_.articles.size() >= part_articles_) push_current();
}

void BulkLoader::push_current() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return waiting_.size() < max_waiting_ || !failure_.empty(); });
  rethrow_failure();
  current_.index = parts_++;
  waiting_.push_back(std::move(current_));
  current_ = Part{};
  changed_.notify_all();
}

void BulkLoader::work() {
  DocumentBuilder builder;
  for (;;) {
    Part part;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !waiting_.empty() || closing_; });
      if (waiting_.empty()) return;
      part = std::move(waiting_.front());
      waiting_.pop_front();
      changed_.notify_all();
    }
    try {
      write_part(part, builder);
    } catch (const Xapian::Error& e) {
      return fail(part, util::xapian_message(e));
    } catch (const std::exception& e) {
      return fail(part, e.what());
    }
  }
}

void BulkLoader::fail(const Part& part, const std::string& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failure_.empty()) failure_ = part_path(part.index) + ": writing failed: " + why;  // the first one counts
  changed_.notify_all();
}

void BulkLoader::write_part(Part& part, DocumentBuilder& builder) {
  // No fsync for parts: they are thrown away if anything goes wrong before the merge.
  Xapian::WritableDatabase db(part_path(part.index), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  SpellingCounts spellings;
  spellings.reserve_for(part.articles.size());
  for (const auto& [article, origin, times] : part.articles) {
    PreparedDocument p = prepare_document(builder, article, content_hash(article), origin, times);
    schema::set_cluster(p.doc, schema::own_cluster(article.id));
    db.add_document(p.doc);
    spellings.add_article(builder);
  }
  db.commit();
  db.close();
  std::lock_guard<std::mutex> lock(mutex_);
  spellings_.add(spellings);
}

void BulkLoader::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

void BulkLoader::in_parallel(std::size_t tasks, const std::function<void(std::size_t)>& task, const std::string& output) {
  std::atomic<std::size_t> next{0};
  std::string error;
  std::mutex error_mutex;
  auto record = [&](const std::string& why) {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (error.empty()) error = why;
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<std::size_t>(threads_, tasks); ++t)
    threads.emplace_back([&] {
      for (std::size_t i; (i = next++) < tasks;) {
        try {
          task(i);
        } catch (const Xapian::Error& e) {
          return record(util::xapian_message(e));
        } catch (const std::exception& e) {
          return record(e.what());
        }
      }
    });
  for (std::thread& t : threads) t.join();
  if (!error.empty()) throw Fatal(FatalKind::kDatabase, output + ": merging the parts failed: " + error);
}

void BulkLoader::merge_into(const std::string& output) {
  if (!current_.articles.empty()) push_current();
  stop();
  rethrow_failure();
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < parts_; ++i) paths.push_back(part_path(i));
  // The spelling words go into the last merge as databases of their own, one share of the words
  // per thread: added to the merged database instead, they kept one core busy and the other idle
  // for a tenth of a first index. Compacting sums what several databases hold for one word.
  std::vector<std::string> spelling_paths;
  for (unsigned share = 0; share < threads_; ++share)
    spelling_paths.push_back((fs::path(parts_dir_) / ("spelling-" + std::to_string(share))).string());
  in_parallel(
      threads_,
      [&](std::size_t share) {
        Xapian::WritableDatabase db(spelling_paths[share], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        spellings_.write_share_to(db, share, threads_);
        db.commit();
      },
      output);
  try {
    // A million articles make a thousand parts: they are merged a group at a time, in order,
    // until one merge makes the database. The groups of a level are independent: one per thread
    // (at a million articles the first level took half the merge on one core).
    for (int level = 1; paths.size() > kMaxPartsPerMerge; ++level) {
      std::vector<std::vector<std::string>> groups;
      std::vector<std::string> merged;
      for (std::size_t first = 0; first < paths.size(); first += kMaxPartsPerMerge) {
        groups.emplace_back(paths.begin() + static_cast<std::ptrdiff_t>(first),
                            paths.begin() + static_cast<std::ptrdiff_t>(std::min(paths.size(), first + kMaxPartsPerMerge)));
        merged.push_back(part_path(first) + "-level" + std::to_string(level));
      }
      in_parallel(
          groups.size(),
          [&](std::size_t g) {
            compact(groups[g], merged[g]);
            for (const std::string& done : groups[g]) remove_database_folder(done);
          },
          output);
      paths = std::move(merged);
    }
    paths.insert(paths.end(), spelling_paths.begin(), spelling_paths.end());
    compact(paths, output);
  } catch (const Xapian::Error& e) {
    throw Fatal(FatalKind::kDatabase, output + ": merging the parts failed: " + util::xapian_message(e));
  }
  remove_database_folder(parts_dir_);
}

void BulkLoader::compact(const std::vector<std::string>& parts, const std::string& output) {
  Xapian::Database all;
  for (const std::string& part : parts) all.add_database(Xapian::Database(part));
  all.compact(output, Xapian::Compactor::FULL);
}

}  // namespace depeche
