#include "util/atomic_file.h"

#include "util/error.h"

#include <filesystem>
#include <fstream>

namespace depeche::util {

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  std::error_code ignored;
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    if (!out.is_open()) throw Error(tmp + ": cannot write");  // nothing created, nothing to remove
    out << content;
    out.flush();
    if (!out) {  // a full disk, a quota
      out.close();
      std::filesystem::remove(tmp, ignored);
      throw Error(tmp + ": cannot write");
    }
  }
  try {
    std::filesystem::rename(tmp, path);
  } catch (const std::filesystem::filesystem_error&) {
    std::filesystem::remove(tmp, ignored);
    throw;
  }
}

}  // namespace depeche::util
