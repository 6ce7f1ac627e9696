#include "index/database_folder.h"

#include "index/damage.h"

#include "schema.h"
#include "util/ascii.h"
#include "util/error.h"
#include "util/path.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace depeche {

namespace fs = std::filesystem;

namespace {

// An existing path as the system resolves it (links followed), else as typed, made absolute.
fs::path resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal() : p;
}

// A few of the entries of `folder`, for a message that shows what would have been lost.
std::string some_entries(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename());
  std::sort(names.begin(), names.end());
  std::string shown;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) shown += (i ? ", " : "") + names[i];
  if (names.size() > 3) shown += ", ... (" + std::to_string(names.size()) + " entries)";
  return shown;
}

[[noreturn]] void refuse(const std::string& db, const std::string& why) {
  throw Fatal(FatalKind::kDatabase, db + ": " + why + "; depeche-index writes only into a new or empty folder, or a "
                                                      "depeche database, and has touched nothing");
}

// A glass database depeche wrote: it carries depeche's versions, or is the empty database a first
// run creates before its first commit (a first run interrupted leaves one).
void check_depeche_glass(const std::string& db, const fs::path& folder) {
  // Opened only as a folder of Xapian's tables: a stub file in its place could start a program.
  std::error_code ec;
  if (!fs::is_directory(folder, ec) || !fs::exists(folder / "iamglass", ec)) refuse(db, "not a depeche database");
  const Xapian::Database existing = open_for_reading(folder.string());
  if (!existing.get_metadata(schema::kMetaSchemaVersion).empty()) return;
  if (existing.get_doccount() == 0 && existing.metadata_keys_begin() == existing.metadata_keys_end()) return;
  refuse(db, "a Xapian database that depeche did not write");
}

}  // namespace

bool is_database_file(const std::string& name) {
  if (name == "iamglass" || name == "flintlock" || util::ends_with(name, ".glass") || util::ends_with(name, ".tmp")) return true;
  // Replication's changesets (XAPIAN_MAX_CHANGESETS): "changes" and a revision number.
  return name.size() > 7 && name.rfind("changes", 0) == 0 &&
         std::all_of(name.begin() + 7, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string checked_database_folder(const std::string& db, DatabaseUse use, const std::vector<std::string>& inputs) {
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(db, ec);
  const fs::file_status target = fs::status(db, ec);
  if (fs::is_symlink(link) && !fs::exists(target)) refuse(db, "a broken symbolic link");
  const bool exists = fs::exists(target);
  if (exists && !fs::is_directory(target)) refuse(db, "not a folder");
  if (!exists && use == DatabaseUse::kOpen) throw Fatal(FatalKind::kDatabase, db + ": no database here");
  const fs::path folder = resolved(db);
  for (const std::string& input : inputs) {
    if (input == "-" || !fs::exists(input, ec)) continue;
    const fs::path in = resolved(input);
    if (util::is_within(folder, in) || util::is_within(in, folder))
      throw Fatal(FatalKind::kUsage, db + ": the database and the input " + input +
                                         " contain each other; keep the database outside the folders it indexes");
  }
  if (!exists) return db;
  if (fs::exists(folder / schema::kShardStubName)) {
    check_depeche_glass(db, folder / schema::kShardControlName);
  } else if (fs::exists(folder / "iamglass")) {
    check_depeche_glass(db, folder);
  } else if (use == DatabaseUse::kOpen) {
    throw Fatal(FatalKind::kDatabase, db + ": no database here");
  } else if (!fs::is_empty(folder, ec)) {
    refuse(db, ec ? "a folder that cannot be read (" + ec.message() + ")"
                  : "a folder holding other files (" + some_entries(folder) + ")");
  }
  return folder.string();
}

std::vector<std::string> foreign_entries(const std::string& folder) {
  std::vector<std::string> foreign;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (!is_database_file(it->path().filename())) foreign.push_back(it->path().filename());
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

std::vector<std::string> remove_database_folder(const std::string& folder) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(folder, ec);
  if (!fs::exists(status)) return {};
  if (!fs::is_directory(status)) return {folder};
  std::vector<fs::directory_entry> entries;  // listed first: removing while listing may skip entries
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  std::vector<std::string> left;
  for (const fs::directory_entry& entry : entries) {
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {  // a bulk load's part databases
      for (std::string& inner : remove_database_folder(entry.path())) left.push_back(std::move(inner));
    } else if (!is_database_file(entry.path().filename()) || !fs::remove(entry.path(), ec)) {
      left.push_back(entry.path());
    }
  }
  if (left.empty() && !fs::remove(folder, ec)) left.push_back(folder);
  return left;
}

void clear_work_folder(const std::string& folder) {
  const std::vector<std::string> left = remove_database_folder(folder);
  if (!left.empty())
    throw Fatal(FatalKind::kDatabase, folder + ": holds files depeche did not write (" + left.front() +
                                          "); move them away, depeche builds a database there; nothing changed");
}

void clear_leftovers(const std::string& path) {
  for (const char* suffix : {".depeche-parts", ".depeche-new", ".compact", ".rebuild"}) clear_work_folder(path + suffix);
  std::error_code ec;
  if (!fs::exists(fs::path(path) / schema::kShardStubName, ec)) return;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename();
    if (util::ends_with(name, ".compact") || util::ends_with(name, ".rebuild")) clear_work_folder(it->path());
  }
}

}  // namespace depeche
