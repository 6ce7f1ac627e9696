// Re-analysing a whole archive from what the database stores, when the schema or the analysis
// changed: no source file is needed.
#ifndef DEPECHE_INCLUDED_INDEX_REBUILD_H
#define DEPECHE_INCLUDED_INDEX_REBUILD_H

#include "index/index_writer.h"

#include <string>

namespace depeche {

// Writes every stored article of the database at `path` (whatever its version) into a fresh
// database beside it, keeping ids, dates, facets, clusters and the records of indexed files, then
// swaps the two folders in one atomic rename and removes the old one. Holds the write lock
// throughout, so no indexer writes meanwhile; searchers keep answering from the old copy until
// the swap. `jobs` threads write the fresh database (see IndexWriter). A sharded database has each
// shard rebuilt so, then its control database takes the new versions. Returns the counts.
IndexStats rebuild_database(const std::string& path, std::size_t batch_size, double wait_seconds, unsigned jobs,
                            IndexWriter::ProblemReporter report);

}  // namespace depeche

#endif
