#include "index/inputs.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace depeche {

namespace fs = std::filesystem;

std::vector<InputName> expand_inputs(const std::vector<std::string>& paths,
                                     const std::function<void(const std::string&)>& problem) {
  std::vector<InputName> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back({"-", "-"});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      problem(path + ": no such file or directory");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({path, fs::path(path).filename().string()});
      continue;
    }
    std::vector<InputName> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      problem(path + ": " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problem(path + ": " + ec.message());
        break;
      }
      const fs::path& p = it->path();
      if (p.filename().string().front() == '.') {  // .git, editor backups
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      found.push_back({p.string(), p.lexically_relative(path).generic_string()});
    }
    std::sort(found.begin(), found.end(), [](const InputName& a, const InputName& b) { return a.display < b.display; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace depeche
