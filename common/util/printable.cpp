#include "util/printable.h"

#include "util/utf8.h"

#include <cstdio>

namespace depeche::util {

std::size_t control_character_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x20 || c == 0x7F) return 1;
  // A C1 control character is U+0080-U+009F: in UTF-8, 0xC2 then 0x80-0x9F.
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
      static_cast<unsigned char>(text[i + 1]) >= 0x80)
    return 2;
  return 0;
}

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (control_character_length(text, i)) return true;
  return false;
}

std::string printable(std::string_view text, std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  char escape[8];
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t control = control_character_length(text, i);
    const std::size_t length = control ? control : utf8_sequence_length(text, i);
    if (control == 1 && keep.find(static_cast<char>(c)) == std::string_view::npos) {
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else std::snprintf(escape, sizeof escape, "\\x%02X", c), out += escape;
    } else if (control == 2) {
      std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      out += escape;
    } else if (length == 0) {
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      out += escape;
    } else {
      out.append(text, i, length);
    }
    i += length ? length : 1;
  }
  return out;
}

}  // namespace depeche::util
