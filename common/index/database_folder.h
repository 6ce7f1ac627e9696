// What the indexer may write to (docs/robustness.md): a database folder it creates, or a depeche
// database it opens; never anything else. Every check runs before an input is read.
#ifndef DEPECHE_INCLUDED_INDEX_DATABASE_FOLDER_H
#define DEPECHE_INCLUDED_INDEX_DATABASE_FOLDER_H

#include <string>
#include <vector>

namespace depeche {

enum class DatabaseUse {
  kCreateOrOpen,  // indexing: nothing there, an empty folder, or a depeche database
  kOpen,          // --compact, --rebuild, --delete: a depeche database that exists
};

// The folder the indexer works on for `db` (as typed in --db): the real path of an existing folder
// (a symbolic link is followed, so that swapping a database in replaces the folder, not the link),
// or `db` itself when nothing is there yet. Throws Fatal(kDatabase) for a path holding anything but
// a depeche database (a folder with other files, a Xapian database depeche did not write, a file,
// a broken link), and Fatal(kUsage) when the database and one of `inputs` contain each other:
// the indexer would read its own files, or a swap would move the inputs.
std::string checked_database_folder(const std::string& db, DatabaseUse use, const std::vector<std::string>& inputs);

// Whether `name`, an entry of a database folder, is one of the files Xapian writes there.
bool is_database_file(const std::string& name);

// The entries of `folder` that are not files Xapian writes (none for a folder that is not there).
std::vector<std::string> foreign_entries(const std::string& folder);

// Removes a folder holding a database depeche wrote (an old database swapped out, a compaction's
// copy, a bulk load's parts): the files Xapian writes, then the folder once empty; anything else
// stays where it is, and the folder with it. Returns the entries left (empty when it is gone or
// was never there).
std::vector<std::string> remove_database_folder(const std::string& folder);

// Removes what an interrupted run left at `folder`, a database being built beside the real one, so
// that a new one can be built there; throws Fatal(kDatabase) when something depeche did not write
// is there (it would end up in the database).
void clear_work_folder(const std::string& folder);

// Removes what an interrupted first index, compaction or rebuild of the database at `path` left
// beside it (`path`.depeche-parts, .depeche-new, .compact, .rebuild, and a sharded database's
// shards' .compact and .rebuild), as clear_work_folder does. Every run that holds the database's
// lock calls it, so that a full disk is not left full until the same operation runs again.
void clear_leftovers(const std::string& path);

}  // namespace depeche

#endif
