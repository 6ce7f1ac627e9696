// Compacting a database in place, on request (docs/cron.md): incremental runs leave blocks half
// full and, after many commits, a database several times the size a compacted copy needs.
#ifndef DEPECHE_INCLUDED_INDEX_COMPACT_H
#define DEPECHE_INCLUDED_INDEX_COMPACT_H

#include <cstdint>
#include <string>

namespace depeche {

struct CompactStats {
  std::uintmax_t bytes_before = 0;
  std::uintmax_t bytes_after = 0;
};

// Compacts the database at `path` (each shard and the control database of a sharded one) into a
// copy beside it, then swaps the two folders in one atomic rename and removes the old one. Holds
// the write lock throughout: an indexer meanwhile waits or exits 75, and searchers keep answering
// from the old copy until the swap. Document ids are kept, so the facet columns stay valid.
CompactStats compact_database(const std::string& path, double wait_seconds);

}  // namespace depeche

#endif
