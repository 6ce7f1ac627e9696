// How much disk a folder takes.
#ifndef DEPECHE_INCLUDED_UTIL_DISK_USAGE_H
#define DEPECHE_INCLUDED_UTIL_DISK_USAGE_H

#include <cstdint>
#include <filesystem>

namespace depeche::util {

// The bytes of the regular files under `folder`, its subfolders (a sharded database's) included;
// what cannot be read counts as nothing.
inline std::uintmax_t folder_bytes(const std::filesystem::path& folder) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder, ec))
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  return bytes;
}

}  // namespace depeche::util

#endif
