// Replacing a small file whole, so that a reader never sees half of it.
#ifndef DEPECHE_INCLUDED_UTIL_ATOMIC_FILE_H
#define DEPECHE_INCLUDED_UTIL_ATOMIC_FILE_H

#include <string>

namespace depeche::util {

// Writes `content` to `path`.tmp and renames it over `path`: a reader (or a crash) sees the old
// file or the new one, never a mix. Nothing is fsync'ed: what is written this way (saved searches,
// their marks, a list of shards) is rewritten whole by the next run, so durability across a power
// cut is not worth a flush per write. The folder must exist. Throws depeche::Error
// "<path>.tmp: cannot write" when the temporary file cannot be written, std::filesystem's error
// when the rename fails; either way no temporary file is left behind.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace depeche::util

#endif
