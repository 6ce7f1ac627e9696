#include "util/printable.h"

#include "util/utf8.h"

#include <cstdio>

namespace depeche::util {

namespace {

// A C1 control character is U+0080-U+009F: in UTF-8, 0xC2 then 0x80-0x9F.
bool is_c1(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) <= 0x9F;
}

bool is_c0_or_del(unsigned char c) { return c < 0x20 || c == 0x7F; }

}  // namespace

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (is_c0_or_del(static_cast<unsigned char>(text[i])) || is_c1(text, i)) return true;
  return false;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[8];
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 1 && is_c0_or_del(c)) {
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else std::snprintf(escape, sizeof escape, "\\x%02X", c), out += escape;
    } else if (length == 0) {
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      out += escape;
    } else if (length == 2 && is_c1(text, i)) {
      std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      out += escape;
    } else {
      out.append(text, i, length);
    }
    i += length ? length : 1;
  }
  return out;
}

}  // namespace depeche::util
