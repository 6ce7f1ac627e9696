// fuzz_stub_reader: parse_stub (index/database_stub.h), which reads Xapian stub files a shared
// database folder may hold before anything opens them.
// Properties: each line found has a type without blanks and a trimmed target, its line numbers
// increase, and a "remote :PROGRAM" line is always seen as one, so that it can be refused.
#include "fuzz_support.h"
#include "index/database_stub.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {
constexpr const char* kTarget = "fuzz_stub_reader";
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t last_line = 0;
  for (const depeche::StubLine& l : depeche::parse_stub(text)) {
    DEPECHE_FUZZ_CHECK(kTarget, l.line > last_line);
    last_line = l.line;
    DEPECHE_FUZZ_CHECK(kTarget, !l.type.empty() && l.type.front() != '#');
    for (char c : l.type) DEPECHE_FUZZ_CHECK(kTarget, !blank(c) && c != '\n');
    DEPECHE_FUZZ_CHECK(kTarget, l.target.empty() || (!blank(l.target.front()) && !blank(l.target.back())));
    DEPECHE_FUZZ_CHECK(kTarget, l.target.find('\n') == std::string::npos);
    DEPECHE_FUZZ_CHECK(kTarget, l.starts_program() == (l.type == "remote" && l.target.rfind(':', 0) == 0));
  }
  // A program line appended is always found.
  const std::string with_program = std::string(text) + "\nremote :prog\n";
  bool found = false;
  for (const depeche::StubLine& l : depeche::parse_stub(with_program)) found = found || l.starts_program();
  DEPECHE_FUZZ_CHECK(kTarget, found);
  return 0;
}
