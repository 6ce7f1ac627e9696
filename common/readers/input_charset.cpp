#include "readers/input_charset.h"

#include "readers/problems.h"
#include "util/ascii.h"
#include "util/charset.h"

#include <algorithm>

namespace depeche {
namespace {

// Line (from 1) of the byte at `offset` of `text`.
std::size_t line_at(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, std::min(offset, text.size()));
  return 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
}

// The warning for markup that should be UTF-8 (it says so, or says nothing) and is not.
std::string undecodable_warning(const std::string& declared, const std::string& used) {
  return "not valid UTF-8" + (declared.empty() ? std::string() : " (declared " + declared + ")") + ", read as " + used;
}

// Plain text that is not UTF-8 and says nothing of its charset: detected, and said at the line of
// the first byte that was not UTF-8.
std::string undeclared_text_utf8(std::string_view bytes, const InputName& name, ArticleSink& sink) {
  std::string copy(bytes);
  const std::size_t first_bad = util::repair_utf8(copy).first_offset;
  std::string used;
  std::string converted = util::to_utf8(bytes, "", &used);
  sink.problem(name.display, line_at(bytes, first_bad), "invalid UTF-8, read as " + used);
  return converted;
}

// Markup that is not UTF-8: read in the charset it declares, else the one detected; said when it
// declares none, or UTF-8, or one ICU does not know.
std::string undecodable_markup_utf8(std::string_view bytes, const DeclaredCharset& declared_in, const InputName& name,
                                    ArticleSink& sink) {
  const std::string declared = declared_in(bytes);
  std::string used;
  std::string converted = util::to_utf8(bytes, declared, &used);
  const std::string canonical = util::canonical_charset(declared);
  if (declared.empty() || canonical.empty() || canonical == "UTF-8") sink.problem(name.display, 1, undecodable_warning(declared, used));
  return converted;
}

}  // namespace

std::string forced_charset(const ReadLimits& limits) {
  return limits.encoding.empty() ? std::string() : util::canonical_charset(limits.encoding);
}

std::string document_utf8(std::string_view bytes, const ReadLimits& limits, const DeclaredCharset& declared,
                          const InputName& name, ArticleSink& sink) {
  // --encoding UTF-8 (or an unknown label) leaves bad bytes to the repair below, which reports them.
  const std::string forced = forced_charset(limits);
  std::string text;
  if (!util::bom_charset(bytes).empty() || (!forced.empty() && forced != "UTF-8")) {
    std::string used;
    util::Utf8Repair changes;
    text = util::to_utf8(bytes, forced, &used, &changes);
    report_conversion(changes, used, name, sink);
  } else if (!forced.empty() || util::is_valid_utf8(bytes)) {
    text.assign(bytes);
  } else {
    text = declared ? undecodable_markup_utf8(bytes, declared, name, sink) : undeclared_text_utf8(bytes, name, sink);
  }
  const util::Utf8Repair repair = util::repair_utf8(text);  // NUL bytes, and bad bytes --encoding UTF-8 left
  report_repair(repair, declared ? 1 : line_at(text, repair.first_offset), name, sink);
  return text;
}

bool is_wide_charset(const std::string& charset) {
  const std::string c = util::canonical_charset(charset);
  return util::starts_with_ci(c, "UTF-16") || util::starts_with_ci(c, "UTF-32");
}

CharsetChoice choose_stream_charset(std::string_view head, bool complete, const ReadLimits& limits) {
  if (!limits.encoding.empty()) return {limits.encoding, {}};
  if (std::string_view bom = util::bom_charset(head); !bom.empty()) return {std::string(bom), {}};
  std::string_view whole = head;
  if (!complete) {  // a sequence cut by the end of the sample is not an error
    for (std::size_t k = 1; k <= 3 && k <= whole.size(); ++k) {
      const auto b = static_cast<unsigned char>(whole[whole.size() - k]);
      if ((b & 0xC0) == 0x80) continue;
      if (b >= 0xC0) whole.remove_suffix(k);
      break;
    }
  }
  const bool valid = util::is_valid_utf8(whole);
  const bool ascii = std::all_of(whole.begin(), whole.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (valid && !ascii) return {"UTF-8", {}};
  std::string declared = util::xml_declared_encoding(head);
  // A declaration read in ASCII cannot be UTF-16 or UTF-32 (their ASCII letters come with NULs).
  if (is_wide_charset(declared) && std::find(head.begin(), head.end(), '\0') == head.end()) declared.clear();
  if (!declared.empty() && !util::canonical_charset(declared).empty() &&
      !(util::canonical_charset(declared) == "UTF-8" && !valid))
    return {declared, {}};
  if (valid) return {"UTF-8", {}};
  const std::string detected = util::detect_charset(head, true);
  return {detected, undecodable_warning(declared, detected)};
}

void report_conversion(const util::Utf8Repair& changes, const std::string& charset, const InputName& name,
                       ArticleSink& sink) {
  if (changes.recoded_bytes)  // UTF-8 is repaired byte by byte, as Windows-1252 (util::repair_utf8)
    sink.problem(name.display, 1, charset == "UTF-8" ? kRecodedAsWindows1252
                                                     : "bytes not valid in " + charset + " replaced with U+FFFD");
  if (changes.dropped_nuls) sink.problem(name.display, 1, kNulBytesDropped);
}

void report_repair(const util::Utf8Repair& repair, std::size_t line, const InputName& name, ArticleSink& sink) {
  if (repair.recoded_bytes) sink.problem(name.display, line, kRecodedAsWindows1252);
  else if (repair.dropped_nuls) sink.problem(name.display, line, kNulBytesDropped);
}

}  // namespace depeche
