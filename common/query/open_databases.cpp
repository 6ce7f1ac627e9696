#include "query/open_databases.h"

#include "index/damage.h"
#include "index/shard_layout.h"
#include "schema.h"
#include "util/error.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace depeche {
namespace {

Xapian::Database open_once(const std::string& path) {
  if (path.rfind(kRemoteScheme, 0) != 0) return Xapian::Database(path);
  const std::string address = path.substr(kRemoteScheme.size());
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) throw Fatal(FatalKind::kUsage, path + ": expected tcp://HOST:PORT");
  const unsigned port = static_cast<unsigned>(std::strtoul(address.c_str() + colon + 1, nullptr, 10));
  return Xapian::Remote::open(address.substr(0, colon), port);
}

Xapian::Database open_shard(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database shard = open_once(path);
      if (auto mismatch = schema::version_mismatch(shard)) throw Fatal(FatalKind::kDatabase, path + ": " + *mismatch);
      return shard;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxReopens) throw;  // an indexer committed while we opened: open the new revision
    } catch (const Xapian::DatabaseCorruptError& e) {
      // The same race can show as a block of the old revision already reused (see
      // Searcher::recover); a database that stays corrupt is reported once the retries are spent.
      if (attempt >= kMaxReopens)
        throw Fatal(FatalKind::kDatabase, damaged_message(path, e));
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const Xapian::NetworkError& e) {
      throw Fatal(FatalKind::kDatabase, path + ": cannot reach the search server (" + e.get_msg() + ")");
    } catch (const Xapian::Error& e) {
      if (holds_xapian_files(path)) throw Fatal(FatalKind::kDatabase, damaged_message(path, e));
      throw Fatal(FatalKind::kDatabase, path + ": not a depeche database (" + e.get_msg() +
                                            "); create it with depeche-index --db " + path + " FILES");
    }
  }
}

}  // namespace

bool is_remote(const std::string& path) {
  if (path.rfind(kRemoteScheme, 0) == 0) return true;
  std::ifstream stub(path);  // a stub file may name remote shards too
  for (std::string line; std::getline(stub, line);)
    if (line.rfind("remote ", 0) == 0) return true;
  return false;
}

bool is_stub(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) || is_sharded(path, ec);
}

Xapian::Database open_all(const std::vector<std::string>& paths) {
  Xapian::Database all;
  for (const std::string& path : paths) all.add_database(open_shard(path));
  return all;
}

}  // namespace depeche
