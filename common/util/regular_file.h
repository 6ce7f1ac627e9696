// Opening an input file without trusting its name: a name listed as a file may be a pipe by the
// time it is opened (open() on a FIFO blocks until a writer comes, with the write lock held), a
// device (/dev/zero never ends) or a file of the kernel (/proc/self/pagemap never ends either).
#ifndef DEPECHE_INCLUDED_UTIL_REGULAR_FILE_H
#define DEPECHE_INCLUDED_UTIL_REGULAR_FILE_H

#include <string>

namespace depeche::util {

// Opens `path` for reading (O_CLOEXEC) without ever blocking in open(), and returns the file
// descriptor; throws depeche::Error naming `path` when it cannot be opened, is not a regular file
// (a pipe, device, socket or folder) or lies on a kernel file system (/proc, /sys and the like).
int open_regular_file(const std::string& path);

}  // namespace depeche::util

#endif
