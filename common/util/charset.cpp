#include "util/charset.h"

#include "util/ascii.h"
#include "util/utf8.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace depeche::util {
namespace {

constexpr std::size_t kDetectSample = std::size_t{1} << 20;
// ICU confidences run 0-100; windows-1252 wins when rated within this of the best guess.
constexpr int kWesternBias = 20;

bool is_utf8_name(std::string_view name) { return iequals(name, "UTF-8"); }

// Whether the first `limit` bytes hold a NUL (an empty view may have no data pointer at all).
bool has_nul(std::string_view s, std::size_t limit = std::string_view::npos) {
  s = s.substr(0, std::min(limit, s.size()));
  return !s.empty() && std::memchr(s.data(), '\0', s.size()) != nullptr;
}

bool is_wide_name(std::string_view name) {  // not ASCII-compatible: UTF-16, UTF-32 and their variants
  return name.size() >= 6 && (iequals(name.substr(0, 6), "UTF-16") || iequals(name.substr(0, 6), "UTF-32"));
}

// Text that is UTF-8 damaged by a few stray bytes (a Latin-1 line pasted into a UTF-8 file) has
// more valid multi-byte sequences than bad bytes; a legacy 8-bit file has next to none.
bool mostly_utf8(std::string_view s) {
  std::size_t multibyte = 0, bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      ++bad;
      ++i;
    } else {
      if (len > 1) ++multibyte;
      i += len;
    }
  }
  return multibyte > 0 && multibyte >= bad;
}

// Replaces what the charset leaves undefined (or a malformed sequence) with U+FFFD and counts it.
void substitute_fffd(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t length,
                     UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  auto* counter = static_cast<std::size_t*>(const_cast<void*>(context));
  *counter += static_cast<std::size_t>(std::max<int32_t>(length, 1));
  *err = U_ZERO_ERROR;
  const UChar fffd = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

}  // namespace

std::string canonical_charset(std::string_view label) {
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t' || label.front() == '"' || label.front() == '\''))
    label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t' || label.back() == '"' || label.back() == '\'' ||
                            label.back() == ';'))
    label.remove_suffix(1);
  if (label.empty() || label.size() > 64) return {};
  for (char c : label)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F) return {};
  const std::string name(label);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || !conv) return {};
  status = U_ZERO_ERROR;
  const char* internal = ucnv_getName(conv, &status);
  std::string result;
  if (U_SUCCESS(status) && internal) {
    const std::string_view id(internal);
    if (iequals(id, "ISO-8859-1") || iequals(id, "US-ASCII") || iequals(id, "ibm-5348_P100-1997")) {
      result = "windows-1252";
    } else if (iequals(id, "UTF-8")) {
      result = "UTF-8";
    } else {
      const char* standard = nullptr;
      for (const char* name_standard : {"MIME", "IANA"}) {
        UErrorCode s2 = U_ZERO_ERROR;
        standard = ucnv_getStandardName(internal, name_standard, &s2);
        if (U_FAILURE(s2)) standard = nullptr;
        if (standard) break;
      }
      result = standard ? standard : internal;
    }
  }
  ucnv_close(conv);
  return result;
}

std::string_view bom_charset(std::string_view bytes, std::size_t* bom_length) {
  std::size_t length = 0;
  std::string_view name;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) { length = 3; name = "UTF-8"; }
  else if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFF\xFE") == 0) { length = 2; name = "UTF-16LE"; }
  else if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFE\xFF") == 0) { length = 2; name = "UTF-16BE"; }
  if (bom_length) *bom_length = length;
  return name;
}

std::string xml_declared_encoding(std::string_view head) {
  std::size_t bom = 0;
  bom_charset(head, &bom);
  head.remove_prefix(bom);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t' || head.front() == '\r' || head.front() == '\n'))
    head.remove_prefix(1);
  if (head.rfind("<?xml", 0) != 0) return {};
  const std::size_t end = head.find("?>");
  std::string_view decl = head.substr(5, end == std::string_view::npos ? std::min<std::size_t>(head.size() - 5, 200) : end - 5);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  decl.remove_prefix(at + 8);
  while (!decl.empty() && (decl.front() == ' ' || decl.front() == '\t' || decl.front() == '=')) decl.remove_prefix(1);
  if (decl.empty() || (decl.front() != '"' && decl.front() != '\'')) return {};
  const char quote = decl.front();
  decl.remove_prefix(1);
  const std::size_t close = decl.find(quote);
  if (close == std::string_view::npos || close > 64) return {};
  return std::string(decl.substr(0, close));
}

std::string detect_charset(std::string_view bytes, bool markup) {
  const std::string_view sample = utf8_prefix(bytes, kDetectSample);
  if (sample.empty()) return "windows-1252";
  const bool valid_utf8 = is_valid_utf8(sample);
  const bool nul = has_nul(sample, 4096);
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return "windows-1252";
  ucsdet_enableInputFilter(detector, markup);
  ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = U_SUCCESS(status) ? ucsdet_detectAll(detector, &count, &status) : nullptr;
  std::string best;
  int best_confidence = -1, western_confidence = -1;
  for (int32_t i = 0; matches && U_SUCCESS(status) && i < count; ++i) {
    UErrorCode s = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &s);
    const int confidence = ucsdet_getConfidence(matches[i], &s);
    if (U_FAILURE(s) || !name) continue;
    const std::string_view n(name);
    if (is_utf8_name(n) && !valid_utf8) continue;  // ICU may still rate bad UTF-8 a little
    if (is_wide_name(n) && !nul) continue;     // UTF-16 text of Latin letters is full of NULs
    if (iequals(n, "ISO-8859-1") || iequals(n, "windows-1252")) western_confidence = std::max(western_confidence, confidence);
    if (confidence > best_confidence) {
      best_confidence = confidence;
      best = name;
    }
  }
  ucsdet_close(detector);
  if (best.empty() || (western_confidence >= 0 && western_confidence + kWesternBias >= best_confidence))
    return "windows-1252";
  const std::string canonical = canonical_charset(best);
  return canonical.empty() ? "windows-1252" : canonical;
}

std::string to_utf8(std::string_view bytes, std::string_view declared_or_forced, std::string* detected,
                    Utf8Repair* changes) {
  std::size_t bom = 0;
  std::string charset(bom_charset(bytes, &bom));
  bytes.remove_prefix(bom);
  if (charset.empty() && !declared_or_forced.empty()) {
    charset = canonical_charset(declared_or_forced);
    // A page declaring UTF-16 but written in an ASCII-compatible charset (HTML authors copy <meta>s).
    if (is_wide_name(charset) && !has_nul(bytes, 4096))
      charset.clear();
  }
  if (charset.empty()) {
    if (is_valid_utf8(bytes)) charset = "UTF-8";
    else if (mostly_utf8(bytes)) charset = "UTF-8";
    else charset = detect_charset(bytes);
  }
  if (detected) *detected = charset;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  Utf8Decoder decoder(charset);
  decoder.decode(bytes, out, true);
  if (changes) {
    changes->recoded_bytes = decoder.bad_bytes();
    changes->dropped_nuls = decoder.dropped_nuls();
  }
  return out;
}

struct Utf8Decoder::Icu {
  UConverter* conv = nullptr;
  std::size_t bad = 0;
  UChar pending_high = 0;  // a high surrogate whose low half is in the next buffer
  ~Icu() {
    if (conv) ucnv_close(conv);
  }
};

Utf8Decoder::Utf8Decoder(std::string_view charset) {
  charset_ = canonical_charset(charset);
  if (charset_.empty()) charset_ = "UTF-8";
  if (charset_ == "UTF-8") return;
  auto icu = std::make_unique<Icu>();
  UErrorCode status = U_ZERO_ERROR;
  icu->conv = ucnv_open(charset_.c_str(), &status);
  if (U_FAILURE(status) || !icu->conv) {
    charset_ = "UTF-8";
    return;
  }
  ucnv_setToUCallBack(icu->conv, substitute_fffd, &icu->bad, nullptr, nullptr, &status);
  icu_ = std::move(icu);
}

Utf8Decoder::~Utf8Decoder() = default;

void Utf8Decoder::decode(std::string_view in, std::string& out, bool last) {
  if (!icu_) {
    std::string_view piece = in;
    std::string joined;
    if (!carry_.empty()) {
      joined = carry_ + std::string(in);
      carry_.clear();
      piece = joined;
    }
    if (!last) {  // keep back a sequence the next chunk completes
      for (std::size_t k = 1; k <= 3 && k <= piece.size(); ++k) {
        const auto b = static_cast<unsigned char>(piece[piece.size() - k]);
        if ((b & 0xC0) == 0x80) continue;
        const std::size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (need > k) {
          carry_.assign(piece.substr(piece.size() - k));
          piece.remove_suffix(k);
        }
        break;
      }
    }
    if (is_valid_utf8(piece) && !has_nul(piece)) {
      out.append(piece);
      return;
    }
    std::string text(piece);
    const Utf8Repair repair = repair_utf8(text);
    bad_bytes_ += repair.recoded_bytes;
    dropped_nuls_ += repair.dropped_nuls;
    out += text;
    return;
  }
  UChar buffer[4096];
  const char* source = in.data();
  const char* const source_end = in.data() + in.size();
  for (;;) {
    UChar* target = buffer;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(icu_->conv, &target, buffer + 4096, &source, source_end, nullptr, last, &status);
    const std::size_t n = static_cast<std::size_t>(target - buffer);
    for (std::size_t i = 0; i < n; ++i) {
      const UChar c = buffer[i];
      if (icu_->pending_high) {
        const UChar high = icu_->pending_high;
        icu_->pending_high = 0;
        if (c >= 0xDC00 && c <= 0xDFFF) {
          append_utf8(0x10000 + ((static_cast<std::uint32_t>(high) - 0xD800) << 10) + (c - 0xDC00u), out);
          continue;
        }
        append_utf8(0xFFFD, out);
        ++bad_bytes_;
      }
      if (c >= 0xD800 && c <= 0xDBFF) {
        icu_->pending_high = c;
      } else if (c >= 0xDC00 && c <= 0xDFFF) {
        append_utf8(0xFFFD, out);
        ++bad_bytes_;
      } else if (c == 0) {
        ++dropped_nuls_;
      } else if (c >= 0x80 && c <= 0x9F) {  // C1 controls are never text
        append_utf8(0xFFFD, out);
        ++bad_bytes_;
      } else {
        append_utf8(c, out);
      }
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    break;  // all consumed (or a failure the callback did not absorb: the rest is lost, never fatal)
  }
  if (last && icu_->pending_high) {
    icu_->pending_high = 0;
    append_utf8(0xFFFD, out);
    ++bad_bytes_;
  }
  bad_bytes_ += icu_->bad;
  icu_->bad = 0;
}

}  // namespace depeche::util
