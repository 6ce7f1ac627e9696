#include "index/shard_layout.h"

#include "schema.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace depeche {

namespace fs = std::filesystem;

ShardBy parse_shard_by(const std::string& name) {
  if (name == "none") return ShardBy::kNone;
  if (name == "year") return ShardBy::kYear;
  if (name == "month") return ShardBy::kMonth;
  throw Error("unknown shard layout '" + name + "' (expected none, year or month)");
}

const char* shard_by_name(ShardBy by) {
  switch (by) {
    case ShardBy::kNone: return "none";
    case ShardBy::kYear: return "year";
    case ShardBy::kMonth: return "month";
  }
  return "none";
}

bool is_sharded(const std::string& path) { return fs::exists(stub_path(path)); }

bool is_sharded(const std::string& path, std::error_code& ec) { return fs::exists(stub_path(path), ec); }

std::string stub_path(const std::string& path) { return (fs::path(path) / schema::kShardStubName).string(); }

std::string control_path(const std::string& path) { return (fs::path(path) / schema::kShardControlName).string(); }

std::string shard_path(const std::string& path, const std::string& shard) { return (fs::path(path) / shard).string(); }

std::string shard_for(const Article& a, ShardBy by) {
  if (!a.date.valid()) return "undated";
  char name[16];
  if (by == ShardBy::kMonth && a.date.precision != util::DatePrecision::kYear)
    std::snprintf(name, sizeof name, "%04d-%02d", a.date.year, a.date.month);
  else
    std::snprintf(name, sizeof name, "%04d", a.date.year);
  return name;
}

std::vector<std::string> listed_shards(const std::string& path) {
  // Only names the writer gives ("2023", "2023-07", "undated"): a line naming another folder
  // ("auto /srv/other", "auto ../x") would have depeche write into a database that is not this one.
  const auto is_shard_name = [](const std::string& name) {
    if (name == "undated") return true;
    if (name.size() != 4 && name.size() != 7) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
      if (i == 4 ? name[i] != '-' : (name[i] < '0' || name[i] > '9')) return false;
    return true;
  };
  std::vector<std::string> shards;
  std::ifstream stub(stub_path(path));
  for (std::string line; std::getline(stub, line);) {
    if (line.rfind("auto ", 0) != 0 || line.substr(5) == schema::kShardControlName) continue;
    if (!is_shard_name(line.substr(5)))
      throw Fatal(FatalKind::kDatabase, stub_path(path) + ": '" + line +
                                            "' names no shard depeche writes; the stub was edited by hand?");
    shards.push_back(line.substr(5));
  }
  return shards;
}

void write_stub(const std::string& path, const std::vector<std::string>& shards) {
  // The control database comes first: a combined database answers metadata from its first part.
  std::string listing = "auto " + std::string(schema::kShardControlName) + '\n';
  for (const std::string& shard : shards) listing += "auto " + shard + '\n';
  const std::string stub = stub_path(path);
  try {
    util::write_file_atomically(stub, listing);
  } catch (const std::runtime_error& e) {  // the helper's Error, or std::filesystem's when the rename fails
    throw Fatal(FatalKind::kDatabase, stub + ": cannot write the list of shards (" + e.what() + ")");
  }
}

}  // namespace depeche
