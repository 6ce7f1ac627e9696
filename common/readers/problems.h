// What readers say about their inputs: the "FILE:LINE: message" line, and the messages several
// readers share, each worded in one place.
#ifndef DEPECHE_INCLUDED_READERS_PROBLEMS_H
#define DEPECHE_INCLUDED_READERS_PROBLEMS_H

#include <cstddef>
#include <string>
#include <string_view>

namespace depeche {

// "FILE:LINE: message", the form of every reader problem shown to the user.
std::string problem_line(std::string_view file, std::size_t line, std::string_view message);

// "WHAT longer than LIMIT bytes; OUTCOME" ("article longer than 16777216 bytes; indexed its
// beginning").
std::string longer_than(std::string_view what, std::size_t limit, std::string_view outcome);
inline constexpr const char* kIndexedItsBeginning = "indexed its beginning";
inline constexpr const char* kReadItsBeginning = "read its beginning";

// A date the input states but no reading of it understands; at most 80 bytes of it are quoted.
std::string unreadable_date_message(std::string_view date);

// What repairing text into UTF-8 did (util::repair_utf8, docs/robustness.md).
inline constexpr const char* kRecodedAsWindows1252 = "invalid UTF-8, read as Windows-1252";
inline constexpr const char* kNulBytesDropped = "NUL bytes dropped";

}  // namespace depeche

#endif
