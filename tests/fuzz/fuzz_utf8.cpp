// fuzz_utf8: util::repair_utf8 must turn any bytes into valid UTF-8 (docs/robustness.md).
// Properties checked on every input, not only "does not crash":
//  - after repair_utf8, is_valid_utf8 holds and no NUL byte is left;
//  - input that was already valid and NUL-free is left byte for byte untouched, reported unchanged;
//  - the report counts are consistent (changed() iff the text changed; first_offset inside the input,
//    and the bytes before it are kept as they were);
//  - utf8_prefix of the repaired text is a prefix, within the bound, and still valid UTF-8.
#include "fuzz_support.h"
#include "util/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
constexpr const char* kTarget = "fuzz_utf8";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depeche::util;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string text = input;
  const Utf8Repair report = repair_utf8(text);

  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(text));
  DEPECHE_FUZZ_CHECK(kTarget, text.find('\0') == std::string::npos);
  const bool input_clean = is_valid_utf8(input) && input.find('\0') == std::string::npos;
  if (input_clean) {
    DEPECHE_FUZZ_CHECK(kTarget, text == input);
    DEPECHE_FUZZ_CHECK(kTarget, !report.changed());
  } else {
    DEPECHE_FUZZ_CHECK(kTarget, report.changed());
    DEPECHE_FUZZ_CHECK(kTarget, report.first_offset < input.size());
    DEPECHE_FUZZ_CHECK(kTarget, text.compare(0, report.first_offset, input, 0, report.first_offset) == 0);
  }
  DEPECHE_FUZZ_CHECK(kTarget, report.dropped_nuls <= input.size() && report.recoded_bytes <= input.size());

  // Repairing is idempotent: valid text stays as it is.
  std::string again = text;
  DEPECHE_FUZZ_CHECK(kTarget, !repair_utf8(again).changed() && again == text);

  // Cutting at every kind of bound keeps whole sequences.
  const std::size_t bound = size == 0 ? 0 : data[0] % (text.size() + 2);
  const std::string_view prefix = utf8_prefix(text, bound);
  DEPECHE_FUZZ_CHECK(kTarget, prefix.size() <= bound);
  DEPECHE_FUZZ_CHECK(kTarget, std::string_view(text).substr(0, prefix.size()) == prefix);
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(prefix));
  return 0;
}
