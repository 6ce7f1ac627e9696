#include "index/inputs.h"

#include "util/utf8.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace depeche {

namespace fs = std::filesystem;

namespace {

// Names are bytes to the file system but become article ids and JSON: a name in another charset
// ("caf\xe9.txt") is read as Windows-1252, like bad bytes in text (decisions.md 4). The JSON of the
// file's record could not hold it, and every run stopped there.
std::string display_name(std::string name) {
  util::repair_utf8(name);
  return name;
}

// The name of a folder given on the command line: "lemonde" for "lemonde/", "../lemonde" or "."
// run from lemonde; empty for the root folder, which has none.
std::string input_name(const std::string& folder) {
  fs::path normal = fs::absolute(folder).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  return normal.filename().string();
}

// Whether the folder `dir` can be listed; otherwise reports why.
bool listable(const fs::path& dir, const std::string& shown, const std::function<void(const std::string&)>& problem) {
  std::error_code ec;
  fs::directory_iterator probe(dir, ec);
  if (ec) problem(display_name(shown) + ": cannot read (" + ec.message() + ")");
  return !ec;
}

}  // namespace

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
      out.push_back({path, display_name(fs::path(path).filename().string())});
      continue;
    }
    if (!listable(path, path, problem)) continue;
    // Ids and messages name a file by the folder given and the path below it (decisions.md 1):
    // two inputs holding the same relative path give two articles.
    const std::string root = input_name(path);
    std::vector<InputName> found;
    // Unreadable folders inside are skipped here and reported below, one line each.
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
      const std::string relative = p.lexically_relative(path).generic_string();
      if (p.filename().string().front() == '.') {  // .git, editor backups
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        listable(p, (fs::path(path) / relative).generic_string(), problem);
        continue;
      }
      if (!it->is_regular_file(ec)) {
        if (it->is_symlink(ec) && !fs::exists(p, ec)) problem(display_name(relative) + ": broken symbolic link");
        continue;  // FIFOs, sockets, devices: a folder's pipe would hang the run
      }
      found.push_back({p.string(), display_name(root.empty() ? relative : root + "/" + relative)});
    }
    std::sort(found.begin(), found.end(), [](const InputName& a, const InputName& b) { return a.display < b.display; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace depeche
