// Character folding for search: lower case, no accents, ligatures spelled out.
// "Œuvre" and "oeuvre", "Téhéran" and "TEHERAN" fold to the same bytes.
#ifndef DEPECHE_INCLUDED_ANALYSIS_FOLDING_H
#define DEPECHE_INCLUDED_ANALYSIS_FOLDING_H

#include <unicode/umachine.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace depeche::analysis {

// Folds one code point at a time. Results are computed with ICU (NFKD, combining marks of the
// Latin, Greek, Cyrillic and Arabic diacritic blocks dropped, full case folding) and cached,
// so a Folder is cheap to call but not thread-safe: give each thread its own.
class Folder {
 public:
  Folder();
  // Appends the folded UTF-8 form of `c` to `out` (possibly nothing, for a lone diacritic).
  void append(UChar32 c, std::string& out);
  // Folds a whole UTF-8 string; invalid bytes become U+FFFD.
  std::string fold(std::string_view text);

 private:
  const std::string& lookup(UChar32 c);
  std::vector<std::string> bmp_;     // index: code point below 0x10000
  std::vector<bool> bmp_ready_;
  std::unordered_map<UChar32, std::string> astral_;
};

// True for combining marks that folding removes (accents, Arabic vowel signs).
bool is_dropped_mark(UChar32 c);

}  // namespace depeche::analysis

#endif
