#include "index/rebuild.h"

#include "index/archive_indexer.h"
#include "index/database_folder.h"
#include "index/shard_layout.h"
#include "index/stored_article.h"
#include "readers/article_fields.h"
#include "readers/feed_item.h"
#include "schema.h"
#include "util/ascii.h"
#include "util/error.h"

#include <filesystem>

namespace depeche {

namespace fs = std::filesystem;

namespace {

// The id schema 5 gives an article that a database of schema 4 or older named by its file's path
// below the input folder (a text file or page without URL: "2023/une.txt"), or by that path, '#'
// and its line number or a hash (a JSON Lines record or feed item without id or link), as the next
// run that reads its file again would name it (readers, docs/robustness.md), so that no article comes
// twice. The input folder's name is read off the file's recorded path: for a file that was named
// directly it is one folder too many, and its article goes when that file is next read (pages and
// text files lose the articles they no longer give).
std::string renamed_id(const Article& a, const RecordedFile& file) {
  if (!a.url.empty()) return a.id;
  if (file.format == "text" || file.format == "html") {
    if (!util::ends_with(file.path, "/" + a.id)) return a.id;
    const std::string input = fs::path(file.path.substr(0, file.path.size() - a.id.size() - 1)).filename();
    return input.empty() ? a.id : input + "/" + a.id;
  }
  const std::size_t hash = a.id.rfind('#');
  if (hash == std::string::npos || !util::ends_with(file.path, "/" + a.id.substr(0, hash))) return a.id;
  const InputName name{file.path, a.id.substr(0, hash)};
  if (file.format == "jsonl") return id_from_content(file_name_of(name), a);
  if (file.format == "feed") return feed::unlinked_item_id(a, name);
  return a.id;
}

// The analysis version from which articles keep their standfirst, tags and site name.
constexpr int kFirstWithStandfirsts = 5;

// `records` holds the records of indexed files: the database itself, or a sharded one's control.
IndexStats rebuild_one(const std::string& path, const Xapian::Database* records, std::size_t batch_size,
                       double wait_seconds, unsigned jobs, const IndexWriter::ProblemReporter& report) {
  Xapian::WritableDatabase old = open_writable(path, wait_seconds, Xapian::DB_OPEN);  // the lock
  clear_leftovers(path);
  const std::string fresh_path = path + ".rebuild";
  IndexStats stats;
  std::size_t unreadable = 0;
  {
    IndexWriter fresh(fresh_path, batch_size, 0, report, ShardBy::kNone, jobs);
    const std::string origin_prefix(schema::kPrefixOriginFile);
    const StoredLayout layout = stored_layout_of(old);
    const std::string version = old.get_metadata(schema::kMetaSchemaVersion);
    const bool relative_ids =
        version.empty() || (version.size() == 1 && version[0] >= '0' && version[0] <= '0' + schema::kLastSchemaWithRelativeIds);
    const std::string analysis = old.get_metadata(schema::kMetaAnalysisVersion);
    if (old.get_doccount() > 0 && analysis.size() == 1 && analysis[0] >= '0' && analysis[0] < '0' + kFirstWithStandfirsts)
      report(path + ": built before standfirsts, tags and site names were stored (analysis version " + analysis +
             "); --rebuild cannot recover them: index the archive's files again to add them");
    std::map<std::string, RecordedFile> files;
    if (relative_ids) files = recorded_files_by_origin(records ? *records : old);
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
      const std::string origin = term != doc.termlist_end() && (*term).rfind(origin_prefix, 0) == 0 ? *term : std::string();
      if (auto file = files.find(origin); file != files.end()) a.id = renamed_id(a, file->second);
      fresh.set_origin_term(origin);
      if (!doc.get_value(schema::kSlotIndexedAt).empty()) fresh.carry_times(IndexingTimes::of(doc));
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
    remove_database_folder(fresh_path);
    throw Fatal(FatalKind::kDatabase, path + ": " + std::to_string(unreadable) + " of " +
                                          std::to_string(old.get_doccount()) +
                                          " articles could not be read; the database is left as it was");
  }
  swap_in(fresh_path, path);
  old.close();
  remove_database_folder(fresh_path);  // now the old database
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
  if (!is_sharded(path)) return rebuild_one(path, nullptr, batch_size, wait_seconds, jobs, report);
  // A sharded database: each shard is rebuilt on its own, under the control database's lock (which
  // guards them all), and the control database, which holds no article, takes the new versions
  // last: until every shard is rebuilt, searchers and indexers still refuse the archive whole.
  Xapian::WritableDatabase control_db = open_writable(control_path(path), wait_seconds, Xapian::DB_OPEN);
  clear_leftovers(path);
  IndexStats total;
  for (const std::string& name : listed_shards(path))
    add(total, rebuild_one(shard_path(path, name), &control_db, batch_size, 0, jobs, report));
  schema::stamp_versions(control_db);
  control_db.commit();
  return total;
}

}  // namespace depeche
