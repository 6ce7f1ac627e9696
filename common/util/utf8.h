// Making arbitrary bytes into valid UTF-8 text without losing what can be recovered.
#ifndef DEPECHE_INCLUDED_UTIL_UTF8_H
#define DEPECHE_INCLUDED_UTIL_UTF8_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace depeche::util {

struct Utf8Repair {
  std::size_t recoded_bytes = 0;   // invalid bytes read as Windows-1252 (or U+FFFD where it has none)
  std::size_t dropped_nuls = 0;
  std::size_t first_offset = 0;    // byte offset of the first change, to report its line
  bool changed() const { return recoded_bytes != 0 || dropped_nuls != 0; }
};

// Rewrites `text` in place into valid UTF-8: each byte that is not part of a valid UTF-8
// sequence is decoded as Windows-1252 (U+FFFD for the five bytes it leaves undefined), and
// NUL bytes are dropped. Valid text is left untouched and costs one scan.
Utf8Repair repair_utf8(std::string& text);

bool is_valid_utf8(std::string_view text);

// Length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Appends code point `cp` to `out` as UTF-8 (one to four bytes). The caller makes sure it is a
// Unicode scalar value: no surrogate, nothing above U+10FFFF.
void append_utf8(std::uint32_t cp, std::string& out);

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace depeche::util

#endif
