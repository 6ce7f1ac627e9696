#include "index/rebuild.h"

#include "index/stored_article.h"
#include "output/exit_codes.h"
#include "schema.h"
#include "util/error.h"

#include <filesystem>

namespace depeche {

namespace fs = std::filesystem;

namespace {

IndexStats rebuild_one(const std::string& path, std::size_t batch_size, double wait_seconds, unsigned jobs,
                       const IndexWriter::ProblemReporter& report) {
  Xapian::WritableDatabase old = open_writable(path, wait_seconds, Xapian::DB_OPEN);  // the lock
  const std::string fresh_path = path + ".rebuild";
  fs::remove_all(fresh_path);  // what a crashed rebuild left
  IndexStats stats;
  std::size_t unreadable = 0;
  {
    IndexWriter fresh(fresh_path, batch_size, 0, report, ShardBy::kNone, jobs);
    const std::string origin_prefix(schema::kPrefixOriginFile);
    const StoredLayout layout = stored_layout_of(old);
    for (auto it = old.postlist_begin(""); it != old.postlist_end(""); ++it) {
      const Xapian::Document doc = old.get_document(*it);
      Article a;
      try {
        a = load_article(doc, WithBody::kYes, layout);
      } catch (const Error& e) {
        fresh.problem(path, *it, std::string("document unreadable: ") + e.what());
        ++unreadable;
        continue;
      }
      auto term = doc.termlist_begin();
      term.skip_to(origin_prefix);
      fresh.set_origin_term(term != doc.termlist_end() && (*term).rfind(origin_prefix, 0) == 0 ? *term : std::string());
      fresh.article(std::move(a));
    }
    const std::string file_prefix(schema::kMetaFilePrefix);
    for (auto key = old.metadata_keys_begin(file_prefix); key != old.metadata_keys_end(file_prefix); ++key)
      fresh.set_metadata(*key, old.get_metadata(*key));
    fresh.copy_synonyms(old);  // the groups of --synonyms FILE are in no input to read again
    fresh.finish(0);
    stats = fresh.stats();
  }
  // A rebuild that cannot carry every article over would delete the ones it cannot read, with the
  // old database they are stored in: it keeps that database instead.
  if (unreadable > 0) {
    fs::remove_all(fresh_path);
    throw Fatal(exit_code::kDatabase, path + ": " + std::to_string(unreadable) + " of " +
                                          std::to_string(old.get_doccount()) +
                                          " articles could not be read; the database is left as it was");
  }
  swap_in(fresh_path, path);
  old.close();
  fs::remove_all(fresh_path);  // now the old database
  return stats;
}

void add(IndexStats& total, const IndexStats& part) {
  total.added += part.added;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.deleted += part.deleted;
  total.problems += part.problems;
}

}  // namespace

IndexStats rebuild_database(const std::string& path, std::size_t batch_size, double wait_seconds, unsigned jobs,
                            IndexWriter::ProblemReporter report) {
  const fs::path stub = fs::path(path) / schema::kShardStubName;
  if (!fs::exists(stub)) return rebuild_one(path, batch_size, wait_seconds, jobs, report);
  // A sharded database: each shard is rebuilt on its own, under the control database's lock (which
  // guards them all), and the control database, which holds no article, takes the new versions
  // last: until every shard is rebuilt, searchers and indexers still refuse the archive whole.
  const std::string control = (fs::path(path) / schema::kShardControlName).string();
  Xapian::WritableDatabase control_db = open_writable(control, wait_seconds, Xapian::DB_OPEN);
  IndexStats total;
  for (const std::string& name : listed_shards(path))
    add(total, rebuild_one((fs::path(path) / name).string(), batch_size, 0, jobs, report));
  control_db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
  control_db.set_metadata(schema::kMetaAnalysisVersion, std::to_string(schema::kAnalysisVersion));
  control_db.commit();
  return total;
}

}  // namespace depeche
