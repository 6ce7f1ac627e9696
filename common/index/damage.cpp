#include "index/damage.h"

#include "index/index_writer.h"
#include "schema.h"
#include "util/error.h"
#include "util/xapian_error.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace depeche {

namespace fs = std::filesystem;

bool holds_xapian_files(const std::string& path) {
  std::error_code ec;
  for (const char* name : {"iamglass", "postlist.glass", "termlist.glass"})
    if (fs::exists(fs::path(path) / name, ec)) return true;
  return false;
}

namespace {

// The databases at `path`: its shards when it is a sharded folder, else itself.
std::vector<std::string> parts_of(const std::string& path) {
  std::vector<std::string> parts;
  for (const std::string& shard : listed_shards(path)) parts.push_back((fs::path(path) / shard).string());
  if (parts.empty()) parts.push_back(path);
  return parts;
}

}  // namespace

std::optional<std::string> lost_positions(const std::string& path) {
  for (const std::string& part : parts_of(path)) {
    try {
      const Xapian::Database db(part);
      if (db.get_doccount() > 0 && !db.has_positions()) return part;
    } catch (const Xapian::Error&) {
      // not openable: whoever opens it says why
    }
  }
  return std::nullopt;
}

std::string damaged_message(const std::string& path, const Xapian::Error& e) {
  return path + ": the database is damaged (" + e.get_type() + ": " + util::xapian_message(e) +
         "); check it with xapian-check";
}

std::string lost_positions_message(const std::string& database) {
  return database + ": the database has lost its positions (position.glass is missing or unreadable): phrases, "
                    "NEAR, ADJ and ranking by proximity cannot be answered; run depeche-index --rebuild";
}

Xapian::Database open_for_reading(const std::string& part) {
  // Another indexer's commit can make a read see a block it is reusing: the searcher's retries.
  constexpr int kAttempts = 50;
  for (int attempt = 1;; ++attempt) {
    try {
      return Xapian::Database(part);
    } catch (const Xapian::DatabaseCorruptError& e) {
      if (attempt >= kAttempts) throw Fatal(FatalKind::kDatabase, damaged_message(part, e));
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kAttempts) throw Fatal(FatalKind::kDatabase, damaged_message(part, e));
    } catch (const Xapian::Error& e) {
      throw Fatal(FatalKind::kDatabase, damaged_message(part, e));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void check_before_writing(const std::string& path) {
  const std::string control = (fs::path(path) / schema::kShardControlName).string();
  std::vector<std::string> parts = parts_of(path);
  if (fs::exists(control)) parts.push_back(control);  // a sharded database's metadata
  for (const std::string& part : parts)
    if (holds_xapian_files(part)) open_for_reading(part);  // none yet: the indexer creates it
  if (const auto lost = lost_positions(path)) throw Fatal(FatalKind::kDatabase, lost_positions_message(*lost));
}

}  // namespace depeche
