// Opening the databases a search reads as one: local database folders, stub files (a sharded
// database's folder holds one, shard_layout.h), and tcp://HOST:PORT for xapian-tcpsrv.
#ifndef DEPECHE_INCLUDED_QUERY_OPEN_DATABASES_H
#define DEPECHE_INCLUDED_QUERY_OPEN_DATABASES_H

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace depeche {

inline constexpr std::string_view kRemoteScheme = "tcp://";

// An indexer committing small batches can outpace a long query a few times in a row; each retry
// reads the newest revision, so this bound is only reached by a writer committing without pause.
inline constexpr int kMaxReopens = 50;

// Whether `path` is served by xapian-tcpsrv (tcp://), or is a stub file naming remote shards.
bool is_remote(const std::string& path);

// Whether `path` is a stub file, or a folder holding one (a sharded database): several databases.
bool is_stub(const std::string& path);

// Opens every database of `paths` as one. Throws Fatal(FatalKind::kDatabase) naming the path when
// one is missing, is not a Xapian database, is damaged, cannot be reached or holds another
// version; Fatal(FatalKind::kUsage) for a tcp:// address without a port.
Xapian::Database open_all(const std::vector<std::string>& paths);

}  // namespace depeche

#endif
