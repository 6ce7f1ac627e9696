// Text from files and command lines shown on a terminal: a file name, a title or a value could
// otherwise clear the screen, set the window title, write the clipboard (OSC 52) or forge a line.
#ifndef DEPECHE_INCLUDED_UTIL_PRINTABLE_H
#define DEPECHE_INCLUDED_UTIL_PRINTABLE_H

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche::util {

// Whether `text` holds a C0 or C1 control character or DEL (U+0000-U+001F, U+007F-U+009F).
bool has_control_characters(std::string_view text);

// The length in bytes of the control character at text[i] (1 for C0 and DEL, 2 for a C1 in
// UTF-8), or 0 when there is none there.
std::size_t control_character_length(std::string_view text, std::size_t i);

// `text` as one line that shows every character: control characters (line breaks and tabs
// included) become visible escapes (\n, \t, \r, \x1B, \u009B), and bytes that are not UTF-8 \xNN.
// The C0 characters in `keep` pass unchanged: an article's body keeps its own lines and tabs.
// Its result holds no control character but those, so escaping it again changes nothing.
std::string printable(std::string_view text, std::string_view keep = {});

}  // namespace depeche::util

#endif
