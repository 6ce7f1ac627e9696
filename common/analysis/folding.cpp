#include "analysis/folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace depeche::analysis {
namespace {

void append_utf8(UChar32 c, std::string& out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

std::string compute_fold(UChar32 c) {
  // Ligatures that have no Unicode decomposition but that French readers type spelled out.
  switch (c) {
    case 0x0152: case 0x0153: return "oe";  // Œ œ
    case 0x00C6: case 0x00E6: return "ae";  // Æ æ
    case 0x2019: case 0x2018: case 0x02BC: return "'";  // typographic apostrophes, as in "Côte d’Ivoire"
    default: break;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) {
    decomposed = nfkd->normalize(icu::UnicodeString(c), status);
  }
  if (U_FAILURE(status)) decomposed = icu::UnicodeString(c);
  decomposed.foldCase();
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 part = decomposed.char32At(i);
    i += U16_LENGTH(part);
    if (is_dropped_mark(part)) continue;
    if (part == 0x0153) { out += "oe"; continue; }
    if (part == 0x00E6) { out += "ae"; continue; }
    append_utf8(part, out);
  }
  return out;
}

}  // namespace

bool is_dropped_mark(UChar32 c) {
  return (c >= 0x0300 && c <= 0x036F) ||  // combining diacritical marks
         (c >= 0x064B && c <= 0x065F) ||  // Arabic harakat
         c == 0x0670;                      // Arabic superscript alef
}

Folder::Folder() : bmp_(0x10000, 0) {}

std::string_view Folder::lookup(UChar32 c) {
  if (c < 0x10000) {
    std::uint32_t& at = bmp_[static_cast<std::size_t>(c)];
    if (at == 0) {
      const std::string fold = compute_fold(c);
      at = static_cast<std::uint32_t>(bmp_folds_.size()) << 8 | static_cast<std::uint32_t>(fold.size() + 1);
      bmp_folds_ += fold;
    }
    return std::string_view(bmp_folds_).substr(at >> 8, (at & 0xff) - 1);
  }
  auto it = astral_.find(c);
  if (it == astral_.end()) it = astral_.emplace(c, compute_fold(c)).first;
  return it->second;
}

std::string Folder::fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    append(c < 0 ? 0xFFFD : c, out);
  }
  return out;
}

}  // namespace depeche::analysis
