// fuzz_text_reader: our article text format (docs/sample-archive.md), from bytes and from a file.
//  - parse_text_article on the input made valid UTF-8 (its contract), as read_text_input calls it;
//  - read_input(kText) on the raw bytes written to a temporary file: the whole path a file on disk
//    takes (gzip detection, the binary-file check, the article size limit, UTF-8 repair, the
//    date refinement of month-precision headers).
// Properties: what read_input hands back is valid UTF-8 (docs/robustness.md: the article is indexed
// with its bad bytes repaired), has an id and a well-formed date, and its body is bounded by the
// configured article size limit.
#include "fuzz_support.h"
#include "readers/text_reader.h"
#include "util/error.h"
#include "util/utf8.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr const char* kTarget = "fuzz_text_reader";
// A small limit so that inputs of a few KB exercise the "article too long" path.
constexpr std::size_t kMaxArticleBytes = 1024;

// The input file: created then unlinked at once, so that nothing is left behind even when the
// process dies on a crash; read back through /proc/self/fd/N as any path.
int g_fd = -1;
std::string g_path;

bool write_file(const std::uint8_t* data, std::size_t size) {
  if (::ftruncate(g_fd, 0) != 0) return false;
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(g_fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void check_article(const depeche::Article& a) {
  using depeche::util::is_valid_utf8;
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.body));
  DEPECHE_FUZZ_CHECK(kTarget, !a.title || is_valid_utf8(*a.title));
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.url));
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(a.id));
  DEPECHE_FUZZ_CHECK(kTarget, !a.id.empty());
  // The limit cuts the bytes read; repairing may then recode each invalid byte into at most 3.
  DEPECHE_FUZZ_CHECK(kTarget, a.body.size() <= 3 * kMaxArticleBytes);
  depeche::fuzz::check_date(kTarget, a.date);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // In memory (/dev/shm) when there is one: rewriting a file per input is 3x faster there.
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = tmp && *tmp ? tmp : "/tmp";
  if (::access("/dev/shm", W_OK) == 0) dir = "/dev/shm";
  std::string pattern = dir + "/depeche-fuzz-text-XXXXXX";
  g_fd = ::mkstemp(pattern.data());
  if (g_fd < 0) {
    std::perror("fuzz_text_reader: mkstemp");
    std::abort();
  }
  ::unlink(pattern.c_str());
  g_path = "/proc/self/fd/" + std::to_string(g_fd);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const depeche::InputName name{g_path, "fuzz/article.txt"};

  {
    std::string content(reinterpret_cast<const char*>(data), size);
    depeche::util::repair_utf8(content);
    depeche::fuzz::CollectingSink sink;
    const depeche::Article a = depeche::parse_text_article(content, name, sink);
    DEPECHE_FUZZ_CHECK(kTarget, a.origin == name.display);
    DEPECHE_FUZZ_CHECK(kTarget, !a.id.empty());
    DEPECHE_FUZZ_CHECK(kTarget, depeche::util::is_valid_utf8(a.body));
    depeche::fuzz::check_date(kTarget, a.date);
  }

  if (!write_file(data, size)) {
    std::perror("fuzz_text_reader: writing the temporary file");
    std::abort();
  }
  depeche::ReadLimits limits;
  limits.max_article_bytes = kMaxArticleBytes;
  limits.max_line_bytes = kMaxArticleBytes;
  depeche::fuzz::CollectingSink sink;
  try {
    depeche::read_input(name, depeche::InputFormat::kText, limits, sink);
  } catch (const depeche::Error&) {
    // Documented: a file that cannot be read, or damaged gzip data, throws Error, after handing on
    // what came before the damage: that is checked like the rest.
  }
  DEPECHE_FUZZ_CHECK(kTarget, sink.articles.size() <= 1);
  for (const auto& a : sink.articles) check_article(a);
  return 0;
}
