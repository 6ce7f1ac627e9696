// Character sets of legacy archives: detecting what a file that is not UTF-8 is written in
// (ICU's charset detection) and converting it to UTF-8 (ICU converters), whole or chunk by chunk.
#ifndef DEPECHE_INCLUDED_UTIL_CHARSET_H
#define DEPECHE_INCLUDED_UTIL_CHARSET_H

#include "util/utf8.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace depeche::util {

// The name of the converter used for a charset label ("latin1", "ISO-8859-1", "cp1252" ->
// "windows-1252"; "utf8" -> "UTF-8"); empty when ICU knows no such charset. Latin-1 and ASCII
// labels map to windows-1252, their superset (as browsers do): its 0x80-0x9F are “ ” ’ œ €, never
// the C1 controls Latin-1 puts there.
std::string canonical_charset(std::string_view label);

// The charset a byte-order mark at the start of `bytes` names ("UTF-8", "UTF-16LE", "UTF-16BE"),
// with the mark's length in `*bom_length`; empty (and 0) when there is none.
std::string_view bom_charset(std::string_view bytes, std::size_t* bom_length = nullptr);

// The encoding named by an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`) at the
// start of `head` (after a BOM or blanks); empty when there is none.
std::string xml_declared_encoding(std::string_view head);

// Guesses the charset of bytes that are not valid UTF-8 with ICU's detector (ucsdet), biased
// towards the Western European charsets French archives use: windows-1252 is chosen whenever ICU
// rates it (or Latin-1) close to its best guess, and when ICU has no answer. Only the first
// megabyte is looked at. `markup` lets ICU skip <tags> (HTML, XML). Returns a canonical name.
std::string detect_charset(std::string_view bytes, bool markup = false);

// `bytes` as UTF-8. In order: a byte-order mark decides (and is removed); else a charset named in
// `declared_or_forced` (a <meta charset>, an XML declaration or --encoding) is used when ICU knows
// it; else valid UTF-8 is returned as is (the fast path: one scan, no ICU); else text that is
// mostly UTF-8 with a few stray bytes is repaired (each bad byte read as Windows-1252,
// docs/robustness.md); else the charset is detected (detect_charset). Bytes the charset does not
// define become U+FFFD, and so do C1 control characters (what Windows-1252's five undefined bytes
// would otherwise become). NUL bytes are dropped. `detected`, when given, receives the charset
// used; `changes`, what was replaced or dropped, for the caller to report.
std::string to_utf8(std::string_view bytes, std::string_view declared_or_forced, std::string* detected = nullptr,
                    Utf8Repair* changes = nullptr);

// Chunk-by-chunk conversion to UTF-8 for inputs too large to hold (feeds): sequences cut between
// two chunks are completed by the next one. "UTF-8" validates and repairs as repair_utf8 does.
class Utf8Decoder {
 public:
  // `charset`: a label canonical_charset() accepts; unknown labels are read as UTF-8.
  explicit Utf8Decoder(std::string_view charset);
  ~Utf8Decoder();
  Utf8Decoder(const Utf8Decoder&) = delete;
  Utf8Decoder& operator=(const Utf8Decoder&) = delete;

  // Appends the UTF-8 of `in` to `out`; `last` flushes what an unfinished sequence kept back.
  void decode(std::string_view in, std::string& out, bool last);
  const std::string& charset() const { return charset_; }
  // Bytes that were not valid in the charset (replaced), and NUL bytes dropped, so far.
  std::size_t bad_bytes() const { return bad_bytes_; }
  std::size_t dropped_nuls() const { return dropped_nuls_; }

 private:
  struct Icu;
  std::string charset_;
  std::unique_ptr<Icu> icu_;  // null for UTF-8
  std::string carry_;         // UTF-8 mode: an unfinished sequence at the end of the last chunk
  std::size_t bad_bytes_ = 0;
  std::size_t dropped_nuls_ = 0;
};

}  // namespace depeche::util

#endif
