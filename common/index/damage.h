// How a damaged database is told from a folder to create one in, and from one that lost its
// positions, so that both binaries refuse it with exit 3 rather than answer or write as if it
// were whole.
#ifndef DEPECHE_INCLUDED_INDEX_DAMAGE_H
#define DEPECHE_INCLUDED_INDEX_DAMAGE_H

#include <xapian.h>

#include <optional>
#include <string>

namespace depeche {

// True when `path` is a folder holding a glass database's files: one that cannot be opened is
// damaged, not a folder to create a database in.
bool holds_xapian_files(const std::string& path);
// "PATH: the database is damaged (Xapian's error and reason); check it with xapian-check".
std::string damaged_message(const std::string& path, const Xapian::Error& e);

// depeche indexes the position of every word, so a database that holds articles but no positions
// lost its position table (deleted, or unreadable: Xapian then reads it as absent). Phrases, NEAR
// and ADJ would match their words anywhere, and ranking by proximity would find nothing near.
// Returns the first such database at `path` (a database folder, or each shard of a sharded one),
// or nullopt when there is none or when `path` cannot be opened (what opens it says why). A stub
// file is checked as one database.
std::optional<std::string> lost_positions(const std::string& path);
// The message for such a database: what it cannot do, and the repair.
std::string lost_positions_message(const std::string& database);

// One database folder opened for reading, retried while a writer's commit gets in the way; throws
// Fatal(kDatabase) with damaged_message() when it cannot be opened.
Xapian::Database open_for_reading(const std::string& part);

// Before the indexer writes to `path`: throws Fatal(kDatabase) with Xapian's reason
// when it holds a database that cannot be opened for reading (a table deleted or truncated: opened
// for writing, Xapian would make an empty one and the indexer would start the archive anew), or
// one that lost its positions (writing would make a new position table, hiding the loss).
void check_before_writing(const std::string& path);

}  // namespace depeche

#endif
