// Character folding for search: lower case, no accents, ligatures spelled out.
// "Œuvre" and "oeuvre", "Téhéran" and "TEHERAN" fold to the same bytes.
#ifndef DEPECHE_INCLUDED_ANALYSIS_FOLDING_H
#define DEPECHE_INCLUDED_ANALYSIS_FOLDING_H

#include <unicode/umachine.h>

#include <cstdint>
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
  // Inline for ASCII, most of French text: the tokenizer calls it for every character.
  void append(UChar32 c, std::string& out) {
    if (c < 0x80) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    else out += lookup(c);
  }
  // Folds a whole UTF-8 string; invalid bytes become U+FFFD.
  std::string fold(std::string_view text);

 private:
  std::string_view lookup(UChar32 c);
  // Code points below 0x10000: where their fold is in bmp_folds_ (offset << 8 | length + 1, no
  // fold being over 33 bytes; 0 until folded). One flat table: 65,536 strings took milliseconds to
  // build and free in every process, a fifth of a one-query search.
  std::vector<std::uint32_t> bmp_;
  std::string bmp_folds_;
  std::unordered_map<UChar32, std::string> astral_;
};

// True for combining marks that folding removes (accents, Arabic vowel signs).
bool is_dropped_mark(UChar32 c);

}  // namespace depeche::analysis

#endif
