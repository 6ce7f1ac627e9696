#include "index/inputs.h"

#include "util/path.h"
#include "util/utf8.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace depeche {

namespace fs = std::filesystem;

namespace {

// Names are bytes to the file system but become article ids and JSON: a name in another charset
// ("caf\xe9.txt") is read as Windows-1252, like bad bytes in text (docs/robustness.md). The JSON of the
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
bool listable(const fs::path& dir, const std::string& shown, const InputProblem& problem) {
  std::error_code ec;
  fs::directory_iterator probe(dir, ec);
  if (ec) problem(display_name(shown) + ": cannot read (" + ec.message() + ")", true);
  return !ec;
}

}  // namespace

std::vector<InputName> expand_inputs(const std::vector<std::string>& paths, const InputWalk& walk,
                                     const InputProblem& problem) {
  std::vector<InputName> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back({"-", "-"});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      problem(path + ": no such file or directory", true);
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({path, display_name(fs::path(path).filename().string())});
      continue;
    }
    if (!listable(path, path, problem)) continue;
    // Ids and messages name a file by the folder given and the path below it (docs/robustness.md):
    // two inputs holding the same relative path give two articles.
    const std::string root = input_name(path);
    std::vector<InputName> found;
    const fs::path real_root = fs::canonical(path, ec);
    // Unreadable folders inside are skipped here and reported below, one line each.
    const auto options = fs::directory_options::skip_permission_denied |
                         (walk.follow_symlinks ? fs::directory_options::follow_directory_symlink : fs::directory_options::none);
    fs::recursive_directory_iterator it(path, options, ec), end;
    if (ec) {
      problem(path + ": " + ec.message(), true);
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problem(path + ": " + ec.message(), true);
        break;
      }
      const fs::path& p = it->path();
      const std::string relative = p.lexically_relative(path).generic_string();
      const std::string shown = display_name(root.empty() ? relative : root + "/" + relative);
      if (p.filename().string().front() == '.') {  // .git, editor backups
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      const bool link = it->is_symlink(ec);
      if (link && !walk.follow_symlinks) {
        const bool inside = !fs::is_directory(p, ec) && util::is_within(fs::canonical(p, ec), real_root);
        if (!inside && fs::exists(p, ec)) {
          problem(shown + ": symbolic link to " +
                  (fs::is_directory(p, ec) ? "a folder" : "a file outside " + display_name(path)) +
                  "; skipped (--follow-symlinks follows it)",
                  false);
          continue;
        }
      }
      if (it->is_directory(ec)) {
        if (static_cast<std::size_t>(it.depth()) + 1 >= walk.max_depth) {
          it.disable_recursion_pending();
          problem(shown + ": folder nested more than " + std::to_string(walk.max_depth) +
                  " levels deep; its contents skipped (--max-depth)",
                  false);
          continue;
        }
        listable(p, (fs::path(path) / relative).generic_string(), problem);
        continue;
      }
      if (!it->is_regular_file(ec)) {
        if (link && !fs::exists(p, ec)) problem(shown + ": broken symbolic link", true);
        continue;  // FIFOs, sockets, devices: a folder's pipe would hang the run
      }
      found.push_back({p.string(), shown});
    }
    std::sort(found.begin(), found.end(), [](const InputName& a, const InputName& b) { return a.display < b.display; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace depeche
