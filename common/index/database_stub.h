// Xapian stub files: a file (or a folder's XAPIANDB) whose lines name databases to open as one:
// "auto PATH", "glass PATH", "remote HOST:PORT", and "remote :PROGRAM ARGS", with which Xapian
// starts PROGRAM and talks to it through a pipe. depeche never starts a program because a file
// said so (docs/robustness.md): anyone who can write a shared database folder would run code as
// everyone who searches it.
#ifndef DEPECHE_INCLUDED_INDEX_DATABASE_STUB_H
#define DEPECHE_INCLUDED_INDEX_DATABASE_STUB_H

#include <string>
#include <string_view>
#include <vector>

namespace depeche {

struct StubLine {
  std::size_t line = 0;  // 1-based, for messages
  std::string type;      // "auto", "glass", "remote", ...
  std::string target;    // the rest of the line, trimmed
  // "remote :PROGRAM ARGS": Xapian would start PROGRAM.
  bool starts_program() const { return type == "remote" && !target.empty() && target.front() == ':'; }
};

// The database lines of a stub's text, as Xapian reads them: blank lines and '#' comments skipped.
std::vector<StubLine> parse_stub(std::string_view text);

// Throws Fatal(kDatabase) when opening `path` would start a program: a stub file, or a folder
// holding a XAPIANDB stub, with a "remote :PROGRAM" line, directly or through the databases it
// names (followed up to a few levels), unless `allow_programs` (an option given on the command
// line, never a setting). Stub files larger than a stub can reasonably be are refused too.
void refuse_program_remotes(const std::string& path, bool allow_programs);

}  // namespace depeche

#endif
