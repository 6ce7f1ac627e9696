// The charset policy of every reader (docs/robustness.md), in one place: --encoding, else a byte-order
// mark, else valid UTF-8 as it is, else the charset the input declares, else ICU's detection; one
// warning when an input that should be UTF-8 is not, and one for what the conversion replaced or
// dropped. util/charset.h does the conversions. JSON Lines is always UTF-8: it only repairs.
#ifndef DEPECHE_INCLUDED_READERS_INPUT_CHARSET_H
#define DEPECHE_INCLUDED_READERS_INPUT_CHARSET_H

#include "readers/reader.h"
#include "util/utf8.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace depeche {

// The charset --encoding names, canonical (util::canonical_charset); empty when not given or unknown.
std::string forced_charset(const ReadLimits& limits);

// The charset a document declares in its own bytes (HTML's <meta charset>), or empty.
using DeclaredCharset = std::function<std::string(std::string_view bytes)>;

// A whole document (text, an HTML page) as UTF-8. Markup passes `declared`; its problems are
// reported at line 1. Plain text declares nothing (null `declared`); its problems are reported at
// the line of the first byte concerned.
std::string document_utf8(std::string_view bytes, const ReadLimits& limits, const DeclaredCharset& declared,
                          const InputName& name, ArticleSink& sink);

// The charset of a stream (a feed) chosen from its first bytes `head` (`complete`: the whole
// input): --encoding, a BOM, UTF-8 when they are UTF-8 with non-ASCII letters, the XML
// declaration, else UTF-8 if they are valid, else ICU's guess, with a warning.
struct CharsetChoice {
  std::string charset;
  std::string warning;  // non-empty when the input is not what it should be
};
CharsetChoice choose_stream_charset(std::string_view head, bool complete, const ReadLimits& limits);

// UTF-16 or UTF-32, whose lines cannot be cut at 0x0A bytes.
bool is_wide_charset(const std::string& charset);

// Reports what converting a file to UTF-8 from the charset its byte-order mark or --encoding named
// replaced or dropped (util::to_utf8's `changes`), one message for each (docs/robustness.md). The line
// is not known once the file is converted: line 1.
void report_conversion(const util::Utf8Repair& changes, const std::string& charset, const InputName& name,
                       ArticleSink& sink);

// Reports what util::repair_utf8 did at `line`, if anything: bytes read as Windows-1252, else NUL
// bytes dropped.
void report_repair(const util::Utf8Repair& repair, std::size_t line, const InputName& name, ArticleSink& sink);

}  // namespace depeche

#endif
