// The layout of a sharded database (docs/scale-out.md): a folder whose Xapian stub file lists a
// "control" database first (the writers' lock, the layout, the records of indexed files), then one
// database per period ("2023", "2023-07", "undated"), which depeche-search opens as one. Old
// periods stop changing, so their shards can be compacted and served from other machines.
#ifndef DEPECHE_INCLUDED_INDEX_SHARD_LAYOUT_H
#define DEPECHE_INCLUDED_INDEX_SHARD_LAYOUT_H

#include "article.h"

#include <string>
#include <system_error>
#include <vector>

namespace depeche {

// How articles are split into shards by date.
enum class ShardBy { kNone, kYear, kMonth };
ShardBy parse_shard_by(const std::string& name);  // "none", "year", "month"; throws depeche::Error
const char* shard_by_name(ShardBy by);            // the name parse_shard_by reads back

// Whether the folder at `path` holds a sharded database (its stub file). The first form throws
// std::filesystem::filesystem_error when that cannot be told; the second says false and sets `ec`.
bool is_sharded(const std::string& path);
bool is_sharded(const std::string& path, std::error_code& ec);

std::string stub_path(const std::string& path);
std::string control_path(const std::string& path);
std::string shard_path(const std::string& path, const std::string& shard);

// The shard `a` belongs to under `by` (not kNone): its year, its month when sharded by month and
// dated to the month or day, or "undated".
std::string shard_for(const Article& a, ShardBy by);

// The shards the stub of the sharded database at `path` lists, by folder name, without its control
// database; empty when the database is not sharded. Throws Fatal(FatalKind::kDatabase) when a line
// names a folder the writer never creates.
std::vector<std::string> listed_shards(const std::string& path);

// Rewrites the stub of the sharded database at `path` to list its control database, then `shards`.
// Written beside it and renamed into place, so a reader never sees half a stub. Throws
// Fatal(FatalKind::kDatabase) naming the stub when it cannot be written.
void write_stub(const std::string& path, const std::vector<std::string>& shards);

}  // namespace depeche

#endif
