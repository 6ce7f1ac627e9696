#include "index/database_stub.h"

#include "schema.h"
#include "util/error.h"

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace depeche {

namespace fs = std::filesystem;

namespace {

// A stub names a few databases; anything larger is no stub (a device, /dev/zero, a log file).
constexpr std::uintmax_t kMaxStubBytes = 1 << 20;
// Stubs may name stubs; Xapian follows them, so does the check, this deep at most.
constexpr int kMaxStubDepth = 8;

std::string_view trimmed(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string read_stub(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return {};  // a folder without a stub: Xapian will say what it is
  if (fs::file_size(file, ec) > kMaxStubBytes)
    throw Fatal(FatalKind::kDatabase, file.string() + ": not a database (a stub file is at most 1 MiB)");
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void check(const fs::path& path, bool allow_programs, int depth) {
  if (depth > kMaxStubDepth)
    throw Fatal(FatalKind::kDatabase, path.string() + ": stub files name each other more than " +
                                          std::to_string(kMaxStubDepth) + " levels deep");
  std::error_code ec;
  fs::path stub = path;
  const fs::file_status status = fs::status(path, ec);
  // Xapian would read a device or a pipe as a stub: /dev/zero never ends, a pipe blocks.
  if (fs::exists(status) && !fs::is_directory(status) && !fs::is_regular_file(status))
    throw Fatal(FatalKind::kDatabase, path.string() + ": not a database (a device, pipe or socket)");
  if (fs::is_directory(status)) {
    if (fs::exists(path / "iamglass", ec)) return;  // a database, opened as one whatever else is there
    stub = path / schema::kShardStubName;
  }
  const std::string text = read_stub(stub);
  for (const StubLine& l : parse_stub(text)) {
    if (l.starts_program()) {
      if (allow_programs) continue;
      throw Fatal(FatalKind::kDatabase, stub.string() + ":" + std::to_string(l.line) +
                                            ": names a program to start (remote :PROGRAM); depeche starts no program "
                                            "a file names, unless --allow-program-remotes is given");
    }
    if (l.type == "remote" || l.target.empty()) continue;
    const fs::path named = fs::path(l.target).is_absolute() ? fs::path(l.target) : stub.parent_path() / l.target;
    check(named, allow_programs, depth + 1);
  }
}

}  // namespace

std::vector<StubLine> parse_stub(std::string_view text) {
  std::vector<StubLine> lines;
  std::size_t number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trimmed(text.substr(start, end - start));
    ++number;
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t space = line.find_first_of(" \t\r");
    StubLine l;
    l.line = number;
    l.type = std::string(line.substr(0, space));
    if (space != std::string_view::npos) l.target = std::string(trimmed(line.substr(space)));
    lines.push_back(std::move(l));
  }
  return lines;
}

void refuse_program_remotes(const std::string& path, bool allow_programs) {
  if (path.rfind("tcp://", 0) == 0) return;  // depeche's own syntax: a server, never a program
  check(fs::path(path), allow_programs, 0);
}

}  // namespace depeche
