// linestamp: an LD_PRELOAD module that stamps each line a program writes on stdout (benchmark use only).
//
//   LINESTAMP_OUT=stamps.txt LD_PRELOAD=liblinestamp.so depeche-search --db DB --batch FILE > answers.jsonl
//
// depeche-search --batch prints one JSON line per query and no timing. libstdc++'s std::cout (synchronised
// with stdio, the default) hands each piece of output to fwrite/putc, and depeche's own stdout buffer
// (common/cli/tool_main.cpp) to write(2) on fd 1; this module wraps all three and, each time stdout receives a
// newline, records CLOCK_MONOTONIC in memory. At exit it writes the process start and
// every stamp, in nanoseconds, one per line, to $LINESTAMP_OUT. The time between two stamps is what the
// process spent on one query: reading its line, parsing, searching, snippets, building and printing the JSON.
// The cost per stamp is one clock_gettime (tens of nanoseconds); nothing is written until exit.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

namespace {

using fwrite_fn = std::size_t (*)(const void*, std::size_t, std::size_t, std::FILE*);
using putc_fn = int (*)(int, std::FILE*);
using write_fn = ssize_t (*)(int, const void*, std::size_t);

fwrite_fn real_fwrite = nullptr;
putc_fn real_putc = nullptr;
putc_fn real_io_putc = nullptr;
write_fn real_write = nullptr;
std::vector<long long>* stamps = nullptr;  // allocated in the constructor, never freed (used until exit)

long long now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

__attribute__((constructor)) void linestamp_init() {
  real_fwrite = reinterpret_cast<fwrite_fn>(dlsym(RTLD_NEXT, "fwrite"));
  real_putc = reinterpret_cast<putc_fn>(dlsym(RTLD_NEXT, "putc"));
  real_io_putc = reinterpret_cast<putc_fn>(dlsym(RTLD_NEXT, "_IO_putc"));
  real_write = reinterpret_cast<write_fn>(dlsym(RTLD_NEXT, "write"));
  stamps = new std::vector<long long>;
  stamps->reserve(1 << 20);
  stamps->push_back(now_ns());
}

__attribute__((destructor)) void linestamp_fini() {
  const char* path = std::getenv("LINESTAMP_OUT");
  if (!path || !stamps) return;
  if (std::FILE* f = std::fopen(path, "w")) {
    for (long long t : *stamps) std::fprintf(f, "%lld\n", t);
    std::fclose(f);
  }
}

void stamp() {
  if (stamps) stamps->push_back(now_ns());
}

}  // namespace

extern "C" std::size_t fwrite(const void* p, std::size_t size, std::size_t n, std::FILE* f) {
  if (!real_fwrite) real_fwrite = reinterpret_cast<fwrite_fn>(dlsym(RTLD_NEXT, "fwrite"));
  const std::size_t r = real_fwrite(p, size, n, f);
  if (f == stdout && size * n > 0 && std::memchr(p, '\n', size * n)) stamp();
  return r;
}

extern "C" int putc(int c, std::FILE* f) {
  if (!real_putc) real_putc = reinterpret_cast<putc_fn>(dlsym(RTLD_NEXT, "putc"));
  const int r = real_putc(c, f);
  if (f == stdout && c == '\n') stamp();
  return r;
}

extern "C" int _IO_putc(int c, std::FILE* f) {
  if (!real_io_putc) real_io_putc = reinterpret_cast<putc_fn>(dlsym(RTLD_NEXT, "_IO_putc"));
  const int r = real_io_putc(c, f);
  if (f == stdout && c == '\n') stamp();
  return r;
}

// One stamp per newline written: a buffer drained once may hold several answers. stdio's own writes reach the
// kernel through glibc's internal write, not this symbol, so nothing is stamped twice.
extern "C" ssize_t write(int fd, const void* p, std::size_t n) {
  if (!real_write) real_write = reinterpret_cast<write_fn>(dlsym(RTLD_NEXT, "write"));
  const ssize_t r = real_write(fd, p, n);
  if (fd == STDOUT_FILENO && r > 0) {
    const char* c = static_cast<const char*>(p);
    for (const char* nl = c; (nl = static_cast<const char*>(std::memchr(nl, '\n', static_cast<std::size_t>(c + r - nl))));
         ++nl)
      stamp();
  }
  return r;
}
