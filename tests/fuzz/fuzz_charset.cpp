// fuzz_charset: charset detection and conversion (util/charset.h), what every legacy archive
// goes through. The first byte picks a declared or forced charset label (none, common ones, an
// unknown one) and a chunk size; the rest is the bytes.
// Properties (charset.h): to_utf8 returns valid UTF-8 without NUL bytes whatever the label;
// detect_charset returns a canonical name; Utf8Decoder fed chunk by chunk returns valid UTF-8
// without NUL, and in UTF-8 mode exactly what repair_utf8 makes of the whole input minus its
// NULs (sequences cut between two chunks are completed by the next one).
#include "fuzz_support.h"
#include "util/charset.h"
#include "util/utf8.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {
constexpr const char* kTarget = "fuzz_charset";
constexpr const char* kLabels[] = {"",         "UTF-8",  "windows-1252", "latin1",   "ISO-8859-15", "UTF-16LE",
                                   "UTF-16BE", "koi8-r", "Shift_JIS",    "macintosh", "x-no-such-charset", "utf8"};
constexpr std::size_t kChunks[] = {1, 2, 3, 7, 64, 4096};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace depeche::util;
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string label = kLabels[(selector & 0x0F) % (sizeof kLabels / sizeof kLabels[0])];
  const std::size_t chunk = kChunks[(selector >> 4) % (sizeof kChunks / sizeof kChunks[0])];

  std::string detected;
  const std::string text = to_utf8(bytes, label, &detected);
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(text));
  DEPECHE_FUZZ_CHECK(kTarget, text.find('\0') == std::string::npos);

  const std::string guess = detect_charset(bytes, (selector & 0x40) != 0);
  DEPECHE_FUZZ_CHECK(kTarget, !guess.empty() && canonical_charset(guess) == guess);
  std::size_t bom_length = 0;
  (void)bom_charset(bytes, &bom_length);
  DEPECHE_FUZZ_CHECK(kTarget, bom_length <= bytes.size());
  (void)xml_declared_encoding(bytes);

  Utf8Decoder decoder(label);
  std::string out;
  for (std::size_t pos = 0; pos < bytes.size(); pos += chunk)
    decoder.decode(bytes.substr(pos, std::min(chunk, bytes.size() - pos)), out, false);
  decoder.decode({}, out, true);
  DEPECHE_FUZZ_CHECK(kTarget, is_valid_utf8(out));
  DEPECHE_FUZZ_CHECK(kTarget, out.find('\0') == std::string::npos);
  if (decoder.charset() == "UTF-8") {
    std::string whole(bytes);
    repair_utf8(whole);
    DEPECHE_FUZZ_CHECK(kTarget, out == whole);
  }
  return 0;
}
