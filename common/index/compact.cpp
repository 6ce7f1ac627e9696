#include "index/compact.h"

#include "index/database_folder.h"
#include "index/index_writer.h"
#include "index/shard_layout.h"
#include "util/disk_usage.h"
#include "util/error.h"
#include "util/xapian_error.h"

#include <xapian.h>

namespace depeche {

namespace {

// `db` is open for writing (its lock taken, by itself or by the sharded database's control).
void compact_one(Xapian::WritableDatabase& db, const std::string& path, CompactStats& stats) {
  const std::string copy = path + ".compact";
  clear_work_folder(copy);  // what an interrupted run left
  try {
    db.compact(copy, Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER);
  } catch (const Xapian::Error& e) {
    remove_database_folder(copy);
    throw Fatal(FatalKind::kDatabase, path + ": compacting failed: " + util::xapian_message(e));
  }
  stats.bytes_before += util::folder_bytes(path);
  stats.bytes_after += util::folder_bytes(copy);
  swap_in(copy, path);
  db.close();
  remove_database_folder(copy);  // now the old database
}

}  // namespace

CompactStats compact_database(const std::string& path, double wait_seconds) {
  CompactStats stats;
  if (!is_sharded(path)) {
    Xapian::WritableDatabase db = open_writable(path, wait_seconds, Xapian::DB_OPEN);
    clear_leftovers(path);
    compact_one(db, path, stats);
    return stats;
  }
  // The control database's lock guards every shard (IndexWriter): taken first, released last.
  const std::string control = control_path(path);
  Xapian::WritableDatabase control_db = open_writable(control, wait_seconds, Xapian::DB_OPEN);
  clear_leftovers(path);
  for (const std::string& name : listed_shards(path)) {
    const std::string shard = shard_path(path, name);
    Xapian::WritableDatabase shard_db = open_writable(shard, 0, Xapian::DB_OPEN);
    compact_one(shard_db, shard, stats);
  }
  compact_one(control_db, control, stats);
  return stats;
}

}  // namespace depeche
