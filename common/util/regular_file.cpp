#include "util/regular_file.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace depeche::util {

namespace {

// File systems whose files are made up by the kernel as they are read: sizes mean nothing there.
bool is_kernel_file_system(long type) {
  switch (type) {
    case PROC_SUPER_MAGIC:
    case SYSFS_MAGIC:
    case DEBUGFS_MAGIC:
    case TRACEFS_MAGIC:
    case SECURITYFS_MAGIC:
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
    case BPF_FS_MAGIC:
    case EFIVARFS_MAGIC:
    case PSTOREFS_MAGIC:
      return true;
    default:
      return false;
  }
}

[[noreturn]] void refuse(int fd, const std::string& path, const std::string& why) {
  ::close(fd);
  throw Error(path + ": " + why);
}

}  // namespace

int open_regular_file(const std::string& path) {
  // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; it is then refused below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) throw Error(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) refuse(fd, path, std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    refuse(fd, path, S_ISDIR(st.st_mode) ? "a folder" : "not a regular file (a pipe, device or socket); skipped: give a pipe's content on stdin as '-'");
  struct statfs fs {};
  if (::fstatfs(fd, &fs) == 0 && is_kernel_file_system(static_cast<long>(fs.f_type)))
    refuse(fd, path, "a file the kernel makes up (/proc, /sys); skipped");
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) refuse(fd, path, std::strerror(errno));
  return fd;
}

}  // namespace depeche::util
